//! HTML helpers shared by every stage: escaping text for markup written by
//! hand, and reading it back (as text, or as a reader hears it) through
//! [`tokens`], the one reader of the HTML we write, with one decoder of
//! character references ([`unescape`]).

pub mod tokens;

use std::sync::LazyLock;

use memchr::memmem;
use tokens::{Token, attribute, tokens};

/// Two spaces in a row, searched for in every piece of text a page holds:
/// a searcher made once, not at each piece.
static TWO_SPACES: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"  "));

/// Whether `text` holds two spaces in a row (which HTML draws as one).
pub fn has_two_spaces(text: &[u8]) -> bool {
    TWO_SPACES.find(text).is_some()
}

/// Escapes text for element content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text as written in HTML, with its character references read: the
/// reverse of [`escape`], for reading back the HTML a build wrote.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    unescape_into(text, &mut out);
    out
}

/// [`unescape`], appending to `out`. Reads numeric references and the
/// named ones our HTML holds (pulldown-cmark, ammonia and [`escape`] write
/// no others); any other `&` is kept as it is.
pub fn unescape_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest[1..]
            .find(';')
            .filter(|&len| len <= 10)
            .and_then(|len| {
                let name = &rest[1..=len];
                let c = match name {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    "nbsp" => '\u{a0}',
                    _ => {
                        let number = name.strip_prefix('#')?;
                        let code = match number.strip_prefix(['x', 'X']) {
                            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                            None => number.parse().ok()?,
                        };
                        char::from_u32(code)?
                    }
                };
                Some((c, len + 2))
            });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// The text of an HTML fragment as a reader hears it: without its tags and
/// `aria-hidden` elements, character references read, a line break as a
/// space, runs of white space as one.
pub fn visible_text(fragment: &str) -> String {
    let mut text = String::new();
    // The element being skipped (aria-hidden) and how deeply it nests in itself.
    let mut hidden: Option<(&str, usize)> = None;
    for token in tokens(fragment) {
        match (token, &mut hidden) {
            (Token::Text(written), None) => unescape_into(written, &mut text),
            (Token::Start { name, source, .. }, Some((hidden_name, depth)))
                if *hidden_name == name && !is_void(name, source) =>
            {
                *depth += 1;
            }
            (Token::End { name, .. }, Some((hidden_name, depth))) if *hidden_name == name => {
                *depth -= 1;
                if *depth == 0 {
                    hidden = None;
                }
            }
            (Token::Start { name: "br", .. }, None) => text.push(' '),
            (
                Token::Start {
                    name,
                    attributes,
                    source,
                },
                None,
            ) if !is_void(name, source) && attribute(attributes, "aria-hidden") == Some("true") => {
                hidden = Some((name, 1));
            }
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An element with no end tag: a void element of HTML, or one closed by `/>`.
fn is_void(name: &str, source: &str) -> bool {
    source.ends_with("/>")
        || matches!(
            name,
            "br" | "img" | "wbr" | "hr" | "input" | "meta" | "link"
        )
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            super::escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn visible_text_leaves_out_tags_and_what_is_hidden_from_readers() {
        assert_eq!(
            super::visible_text(
                "<em>Safe</em> &amp; <a href=x>sound</a><br>now\n <span aria-hidden=true>1 <b>x</b></span>&#8212;<svg><g aria-hidden=\"true\"><g>a</g></g>b</svg>"
            ),
            "Safe & sound now \u{2014}b"
        );
    }

    #[test]
    fn unescaping_reads_back_what_escaping_wrote() {
        let text = r#"<a href="x">'&'</a> and &nbsp;"#;
        assert_eq!(super::unescape(&super::escape(text)), text);
        assert_eq!(
            super::unescape("&#x2014;&#8212;&nbsp;&apos;"),
            "\u{2014}\u{2014}\u{a0}'"
        );
        // not a reference we read: kept
        assert_eq!(
            super::unescape("AT&T &copy; &; &#xZZ; &"),
            "AT&T &copy; &; &#xZZ; &"
        );
    }
}
