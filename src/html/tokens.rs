//! A small, fast reader of the HTML this generator writes, for the steps
//! that walk whole pages: minifying and the search index.
//!
//! It splits HTML into tags, text, comments and the raw text of `<script>`,
//! `<style>` and `<textarea>`, borrowing from the input and allocating
//! nothing. It is not a browser's parser (no tree, no error recovery, no
//! entity decoding): it reads the well-formed HTML of our templates,
//! pulldown-cmark and ammonia, where `<` in text is always escaped. Input it
//! does not expect still comes out whole: every byte belongs to one token,
//! so writing the tokens back gives the input unchanged.

use memchr::{memchr, memchr3};

/// One piece of HTML, borrowed from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// Text between tags, entities as written.
    Text(&'a str),
    /// `<name attributes>` or `<name attributes/>`; `source` is all of it.
    Start {
        name: &'a str,
        attributes: &'a str,
        source: &'a str,
    },
    /// `</name>`.
    End { name: &'a str, source: &'a str },
    /// `<!-- … -->`.
    Comment(&'a str),
    /// `<!DOCTYPE …>` and other markup declarations, kept as written.
    Declaration(&'a str),
    /// What a `<script>`, `<style>` or `<textarea>` holds, up to its end tag.
    RawText(&'a str),
}

/// Elements whose content is not HTML but text up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea"];

/// The tokens of `html`, in order.
pub fn tokens(html: &str) -> Tokens<'_> {
    Tokens {
        html,
        at: 0,
        raw_until: None,
    }
}

/// An iterator over the [`Token`]s of some HTML.
pub struct Tokens<'a> {
    html: &'a str,
    at: usize,
    /// After the start tag of a raw text element: its name.
    raw_until: Option<&'a str>,
}

impl<'a> Tokens<'a> {
    /// The HTML not read yet.
    pub fn rest(&self) -> &'a str {
        &self.html[self.at..]
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let rest = &self.html[self.at..];
        if rest.is_empty() {
            return None;
        }
        if let Some(name) = self.raw_until.take() {
            let end = find_end_tag(rest, name).unwrap_or(rest.len());
            if end > 0 {
                self.at += end;
                return Some(Token::RawText(&rest[..end]));
            }
        }
        let bytes = rest.as_bytes();
        if bytes[0] != b'<' {
            let end = next_markup(rest, 1);
            self.at += end;
            return Some(Token::Text(&rest[..end]));
        }
        let (token, len) = match bytes.get(1) {
            Some(b'!') if rest.starts_with("<!--") => {
                let len = rest[4..].find("-->").map_or(rest.len(), |i| i + 7);
                (Token::Comment(&rest[..len]), len)
            }
            Some(b'!' | b'?') => {
                let len = memchr(b'>', bytes).map_or(rest.len(), |i| i + 1);
                (Token::Declaration(&rest[..len]), len)
            }
            Some(b'/') if bytes.get(2).is_some_and(u8::is_ascii_alphabetic) => {
                let len = memchr(b'>', bytes).map_or(rest.len(), |i| i + 1);
                let name = tag_name(&rest[2..]);
                (
                    Token::End {
                        name,
                        source: &rest[..len],
                    },
                    len,
                )
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name = tag_name(&rest[1..]);
                let len = tag_end(rest, 1 + name.len());
                let inner = &rest[1 + name.len()..len];
                let inner = inner
                    .strip_suffix('>')
                    .unwrap_or(inner)
                    .trim_end_matches('/');
                if name.len() >= 5 && RAW_TEXT.iter().any(|raw| raw.eq_ignore_ascii_case(name)) {
                    self.raw_until = Some(name);
                }
                (
                    Token::Start {
                        name,
                        attributes: inner.trim(),
                        source: &rest[..len],
                    },
                    len,
                )
            }
            // a `<` that starts no markup is text
            _ => {
                let end = next_markup(rest, 1);
                (Token::Text(&rest[..end]), end)
            }
        };
        self.at += len;
        Some(token)
    }
}

impl Token<'_> {
    /// The HTML this token was read from.
    pub fn source(&self) -> &str {
        match self {
            Token::Text(s) | Token::Comment(s) | Token::Declaration(s) | Token::RawText(s) => s,
            Token::Start { source, .. } | Token::End { source, .. } => source,
        }
    }
}

/// The value of attribute `name` in a start tag's attributes, as written
/// (entities not decoded); `Some("")` for an attribute without a value.
pub fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    self::attributes(attributes)
        .find(|(found, _)| found.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.unwrap_or(""))
}

/// Every attribute of a start tag's attributes, in order: its name as
/// written, and its value as written (entities not decoded), `None` for an
/// attribute without a value.
pub fn attributes(attributes: &str) -> Attributes<'_> {
    Attributes { rest: attributes }
}

/// An iterator over the attributes of a start tag: see [`attributes`].
pub struct Attributes<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Attributes<'a> {
    type Item = (&'a str, Option<&'a str>);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self
            .rest
            .trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            self.rest = rest;
            return None;
        }
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        let after_name = rest[name_end..].trim_start();
        let Some(after) = after_name.strip_prefix('=') else {
            self.rest = after_name;
            return Some((name, None));
        };
        let after = after.trim_start();
        let (value, len) = match after.as_bytes().first() {
            Some(&quote @ (b'"' | b'\'')) => {
                let close = after[1..]
                    .find(quote as char)
                    .map_or(after.len(), |i| i + 1);
                (&after[1..close], (close + 1).min(after.len()))
            }
            _ => {
                let len = after
                    .find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(after.len());
                (&after[..len], len)
            }
        };
        self.rest = &after[len..];
        Some((name, Some(value)))
    }
}

fn tag_name(from: &str) -> &str {
    // ASCII delimiters: never inside a UTF-8 character
    let len = from
        .bytes()
        .position(|b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        .unwrap_or(from.len());
    &from[..len]
}

/// Where the tag that starts `html` ends (after its `>`), from `from`,
/// stepping over quoted attribute values, which may hold a `>`. As in a
/// browser, a quote starts a value only after `=`: `<a b'>` ends at its `>`.
fn tag_end(html: &str, from: usize) -> usize {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(found) = memchr3(b'>', b'"', b'\'', &bytes[i..]) {
        let at = i + found;
        if bytes[at] == b'>' {
            return at + 1;
        }
        if !opens_value(bytes, at) {
            i = at + 1;
            continue;
        }
        match memchr(bytes[at], &bytes[at + 1..]) {
            Some(close) => i = at + 1 + close + 1,
            None => return bytes.len(),
        }
    }
    bytes.len()
}

/// Whether the quote at `at` in a tag opens an attribute's value: the last
/// byte before it that is not a space is `=`.
pub fn opens_value(tag: &[u8], at: usize) -> bool {
    tag[..at]
        .iter()
        .rev()
        .find(|byte| !byte.is_ascii_whitespace())
        == Some(&b'=')
}

/// The first `<` at or after `from`, or the end.
fn next_markup(html: &str, from: usize) -> usize {
    memchr(b'<', &html.as_bytes()[from..]).map_or(html.len(), |i| from + i)
}

/// Where the end tag `</name` starts in `html`, in any case.
fn find_end_tag(html: &str, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr(b'<', &bytes[from..]) {
        let at = from + i;
        let after = &bytes[at + 1..];
        if after.first() == Some(&b'/')
            && after.len() > name.len()
            && after[1..=name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(html: &str) -> Vec<Token<'_>> {
        tokens(html).collect()
    }

    #[test]
    fn splits_tags_text_comments_and_declarations() {
        let html = r#"<!DOCTYPE html><p class="a">Hi <em>you</em></p><!-- note --><br/>"#;
        assert_eq!(
            all(html),
            vec![
                Token::Declaration("<!DOCTYPE html>"),
                Token::Start {
                    name: "p",
                    attributes: r#"class="a""#,
                    source: r#"<p class="a">"#
                },
                Token::Text("Hi "),
                Token::Start {
                    name: "em",
                    attributes: "",
                    source: "<em>"
                },
                Token::Text("you"),
                Token::End {
                    name: "em",
                    source: "</em>"
                },
                Token::End {
                    name: "p",
                    source: "</p>"
                },
                Token::Comment("<!-- note -->"),
                Token::Start {
                    name: "br",
                    attributes: "",
                    source: "<br/>"
                },
            ]
        );
    }

    #[test]
    fn a_quoted_greater_than_sign_does_not_end_a_tag() {
        let html = r#"<a title="a > b" href= 'x>y'>link</a>"#;
        let first = all(html)[0];
        assert_eq!(first.source(), r#"<a title="a > b" href= 'x>y'>"#);
        // found by fuzzing: a quote that follows no `=` quotes nothing
        assert_eq!(all("<ss='/'>One")[0].source(), "<ss='/'>");
        assert_eq!(all("<a b'c>d'>")[0].source(), "<a b'c>");
    }

    #[test]
    fn script_style_and_textarea_hold_raw_text() {
        let html =
            "<script>if (a<b) { x = '<p>'; }</script><textarea>\n <b>not a tag</b></TEXTAREA>";
        let tokens = all(html);
        assert_eq!(tokens[1], Token::RawText("if (a<b) { x = '<p>'; }"));
        assert_eq!(tokens[4], Token::RawText("\n <b>not a tag</b>"));
        assert!(matches!(
            tokens[5],
            Token::End {
                name: "TEXTAREA",
                ..
            }
        ));
    }

    #[test]
    fn every_byte_comes_back_even_from_broken_html() {
        for html in [
            "a < b and <3",
            "<p unclosed=\"quote>text",
            "<!-- never closed",
            "<script>never closed",
            "</>< /p><",
            "<é>text</é>",
        ] {
            let again: String = tokens(html).map(|t| t.source().to_string()).collect();
            assert_eq!(again, html);
        }
    }

    #[test]
    fn reads_attribute_values_quoted_or_not() {
        let attributes = r#"id="intro" data-x='a "b"' hidden class=plain title = "t""#;
        assert_eq!(attribute(attributes, "id"), Some("intro"));
        assert_eq!(attribute(attributes, "data-x"), Some(r#"a "b""#));
        assert_eq!(attribute(attributes, "hidden"), Some(""));
        assert_eq!(attribute(attributes, "class"), Some("plain"));
        assert_eq!(attribute(attributes, "title"), Some("t"));
        assert_eq!(attribute(attributes, "lang"), None);
        assert_eq!(attribute("ID=x", "id"), Some("x"));
    }

    #[test]
    fn lists_every_attribute_in_order() {
        let found: Vec<_> = attributes(r#"id="a" hidden data-x='b c' class=d/"#).collect();
        assert_eq!(
            found,
            vec![
                ("id", Some("a")),
                ("hidden", None),
                ("data-x", Some("b c")),
                ("class", Some("d/")),
            ]
        );
        assert_eq!(attributes("  ").count(), 0);
    }
}
