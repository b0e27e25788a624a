//! HTML helpers shared by every stage: escaping text for markup written by
//! hand, reading it back (as text, or as a reader hears it), and [`tokens`],
//! a reader of the HTML we write.

pub mod tokens;

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

/// The text of an HTML fragment without its tags and `aria-hidden` elements.
pub fn visible_text(fragment: &str) -> String {
    let mut text = String::new();
    let mut rest = fragment;
    // The element being skipped (aria-hidden) and how deeply it nests in itself.
    let mut hidden: Option<(String, usize)> = None;
    while !rest.is_empty() {
        let Some(tag_start) = rest.find('<') else {
            if hidden.is_none() {
                unescape_into(rest, &mut text);
            }
            break;
        };
        if hidden.is_none() {
            unescape_into(&rest[..tag_start], &mut text);
        }
        let Some(tag_end) = rest[tag_start..].find('>').map(|i| tag_start + i) else {
            break;
        };
        let tag = &rest[tag_start + 1..tag_end];
        rest = &rest[tag_end + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let self_closing = tag.ends_with('/') || matches!(name.as_str(), "br" | "img" | "wbr");
        match &mut hidden {
            Some((hidden_name, depth)) if *hidden_name == name && !self_closing => {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        hidden = None;
                    }
                } else {
                    *depth += 1;
                }
            }
            Some(_) => {}
            None if name == "br" => text.push(' '),
            None if !closing
                && !self_closing
                && (tag.contains("aria-hidden=\"true\"") || tag.contains("aria-hidden=true")) =>
            {
                hidden = Some((name, 1));
            }
            None => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
