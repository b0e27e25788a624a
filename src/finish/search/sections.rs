//! A chapter's rendered HTML cut into sections at its headings, each kept as
//! its heading and its text as a reader hears it, and the short snippet a
//! result shows.

use memchr::{memchr_iter, memchr2, memchr3, memchr3_iter};

use crate::html;
use crate::html::tokens::{Token, attribute, tokens};

/// Words in a section's snippet, shown under each result.
const SNIPPET_WORDS: usize = 24;

/// The first words of `text`, ending in an ellipsis when there are more.
pub(super) fn snippet(text: &str) -> String {
    let mut words = text.split_whitespace();
    let mut snippet: Vec<&str> = words.by_ref().take(SNIPPET_WORDS).collect::<Vec<_>>();
    if words.next().is_some() {
        if let Some(last) = snippet.pop() {
            let last = last.trim_end_matches(|c: char| !c.is_alphanumeric());
            snippet.push(last);
        }
        return format!("{}…", snippet.join(" "));
    }
    snippet.join(" ")
}

/// A stretch of a chapter between two headings.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Part {
    pub id: String,
    pub heading: String,
    pub text: String,
}

/// Cuts a chapter's HTML at its `h2` and `h3` headings that have an id.
pub(super) fn sections_of(html: &str) -> Vec<Part> {
    let mut parts = vec![Part::default()];
    // inside a section heading: its tag name
    let mut in_heading: Option<&str> = None;
    // depth inside `svg`: its text is repeated in the figure's text equivalent
    let mut in_svg = 0usize;
    // inside a footnote's reference: its number is no word of the text
    let mut in_note_ref = false;
    let mut unescaped = String::new();
    for token in tokens(html) {
        let part = parts.last_mut().expect("parts starts with one");
        let target = if in_heading.is_some() {
            &mut part.heading
        } else {
            &mut part.text
        };
        match token {
            Token::Text(_) if in_note_ref => {}
            Token::Text(text) if in_svg == 0 && text.contains('&') => {
                unescaped.clear();
                html::unescape_into(text, &mut unescaped);
                push_collapsed(target, &unescaped);
            }
            Token::Text(text) if in_svg == 0 => push_collapsed(target, text),
            Token::Start {
                name: "svg",
                source,
                ..
            } if !source.ends_with("/>") => in_svg += 1,
            Token::End { name: "svg", .. } => in_svg = in_svg.saturating_sub(1),
            Token::Start {
                name: "sup",
                attributes,
                ..
            } if attribute(attributes, "class") == Some("footnote-ref") => in_note_ref = true,
            Token::End { name: "sup", .. } => in_note_ref = false,
            Token::Start {
                name: name @ ("h2" | "h3"),
                attributes,
                ..
            } if in_svg == 0 => match attribute(attributes, "id") {
                Some(id) => {
                    parts.push(Part {
                        id: html::unescape(id),
                        ..Part::default()
                    });
                    in_heading = Some(name);
                }
                None => push_collapsed(target, " "),
            },
            Token::End { name, .. } if in_heading == Some(name) => in_heading = None,
            Token::Start { name, .. } | Token::End { name, .. } if !is_inline(name) => {
                push_collapsed(target, " ")
            }
            _ => {}
        }
    }
    for part in &mut parts {
        for text in [&mut part.heading, &mut part.text] {
            if text.ends_with(' ') {
                text.pop();
            }
        }
    }
    parts.retain(|part| !part.id.is_empty() || !part.text.is_empty());
    parts
}

/// Appends `text` with each run of whitespace made one space, and none at
/// the start of `collapsed`. Reads bytes, decoding only non-ASCII characters
/// (to find Unicode's spaces, such as the no-break space).
fn push_collapsed(collapsed: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // most text has single spaces and no other: it goes in as it is
    let plain = memchr3(b'\t', b'\n', b'\r', bytes).is_none()
        && memchr2(0x0B, 0x0C, bytes).is_none()
        && !html::has_two_spaces(bytes)
        && (text.is_ascii() || !has_unicode_space(bytes));
    if plain {
        let text = match collapsed.is_empty() || collapsed.ends_with(' ') {
            true => text.strip_prefix(' ').unwrap_or(text),
            false => text,
        };
        collapsed.push_str(text);
        return;
    }
    let mut word_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (is_space, len) = match bytes[i] {
            byte if byte < 0x80 => (byte.is_ascii_whitespace() || byte == 0x0B, 1),
            _ => {
                let c = text[i..].chars().next().unwrap_or_default();
                (c.is_whitespace(), c.len_utf8())
            }
        };
        if is_space {
            collapsed.push_str(&text[word_start..i]);
            if !collapsed.is_empty() && !collapsed.ends_with(' ') {
                collapsed.push(' ');
            }
            word_start = i + len;
        }
        i += len;
    }
    collapsed.push_str(&text[word_start..]);
}

/// Whether UTF-8 `bytes` hold a space outside ASCII (Unicode's White_Space,
/// as `char::is_whitespace` reads it: U+0085, U+00A0, U+1680, U+2000 to
/// U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), looking only where
/// such a character can start: most non-ASCII text is quotes and dashes.
fn has_unicode_space(bytes: &[u8]) -> bool {
    let space_at = |i: usize| {
        matches!(
            (bytes[i], bytes.get(i + 1), bytes.get(i + 2)),
            (0xC2, Some(0x85 | 0xA0), _)
                | (0xE1, Some(0x9A), Some(0x80))
                | (0xE2, Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF))
                | (0xE2, Some(0x81), Some(0x9F))
                | (0xE3, Some(0x80), Some(0x80))
        )
    };
    memchr3_iter(0xC2, 0xE2, 0xE3, bytes).any(space_at) || memchr_iter(0xE1, bytes).any(space_at)
}

/// Elements inside which text runs on without a break.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "cite"
            | "code"
            | "del"
            | "dfn"
            | "em"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_cut_at_headings_with_ids() {
        let html = r#"<p>Before &amp; after.</p>
<h2 id="grounding">5-4-3-2-1 <em>grounding</em></h2>
<p>Notice five things.</p>
<h4 id="deeper">Deeper</h4><p>Still grounding.</p>
<figure><svg><text>Drawn label</text></svg><figcaption>Box<strong>ed</strong> in</figcaption></figure>
<h3 id="box-breathing">Box breathing</h3>
<ul><li>Inhale<sup class=footnote-ref><a href=#fn-1>1</a></sup></li><li>Hold</li></ul>"#;
        let parts = sections_of(html);
        assert_eq!(
            parts,
            vec![
                Part {
                    id: String::new(),
                    heading: String::new(),
                    text: "Before & after.".into()
                },
                Part {
                    id: "grounding".into(),
                    heading: "5-4-3-2-1 grounding".into(),
                    text: "Notice five things. Deeper Still grounding. Boxed in".into()
                },
                Part {
                    id: "box-breathing".into(),
                    heading: "Box breathing".into(),
                    text: "Inhale Hold".into()
                },
            ]
        );
    }

    #[test]
    fn text_is_collapsed_across_pieces_and_unicode_spaces() {
        let mut text = String::new();
        push_collapsed(&mut text, "  a \t b\u{a0}c\u{2003} dé ");
        assert_eq!(text, "a b c dé ");
        push_collapsed(&mut text, "\n e\u{b}f");
        push_collapsed(&mut text, "g");
        assert_eq!(text, "a b c dé e fg");
        // plain ASCII with single spaces, alone and after a space
        push_collapsed(&mut text, " h i ");
        push_collapsed(&mut text, " j");
        assert_eq!(text, "a b c dé e fg h i j");
        let mut fresh = String::new();
        push_collapsed(&mut fresh, " k");
        assert_eq!(fresh, "k");
    }

    #[test]
    fn every_unicode_space_is_found_and_nothing_else() {
        let spaces: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && c.is_whitespace())
            .collect();
        assert_eq!(spaces.len(), 19, "{spaces:?}");
        for space in spaces {
            let text = format!("a‘b’{space}c");
            assert!(has_unicode_space(text.as_bytes()), "{:x}", space as u32);
        }
        // quotes, dashes and other scripts are no spaces
        assert!(!has_unicode_space(
            "“Quoted” – and — dé ᚁ 中文 ‿".as_bytes()
        ));
        let mut text = String::new();
        push_collapsed(&mut text, "“Quoted” – text");
        push_collapsed(&mut text, "\u{2003}more");
        assert_eq!(text, "“Quoted” – text more");
    }

    #[test]
    fn long_sections_get_a_short_snippet() {
        let text = (1..=40)
            .map(|n| format!("w{n}"))
            .collect::<Vec<_>>()
            .join(" ");
        let short = snippet(&text);
        assert!(short.ends_with("w24…"), "{short}");
        assert_eq!(snippet("Just this."), "Just this.");
    }
}
