//! The search index: every chapter cut into sections at its headings, each
//! kept as its heading, a short snippet and the distinct words it holds.
//!
//! It is written as a script (`assets/search-index.HASH.js`) that sets the
//! global `handbookSearchIndex`, not as JSON to fetch: pages opened from
//! disk cannot fetch, but they can load a script. The search page loads it;
//! `themes/default/static/pages/search.js` searches it in the reader's browser.
//!
//! Text comes from each chapter's rendered HTML, so what a component draws
//! (an exercise's title, a case study) is found as well as the Markdown.
//! Words are lowercased and split at anything not a letter or digit, exactly
//! as `search.js` splits a query; common words are left out to keep the
//! index small, and a query word matches any indexed word it begins, so
//! "breath" finds "breathing".

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use memchr::{memchr2, memchr3, memmem};
use serde::Serialize;

use super::fingerprint::fingerprinted_name;
use crate::html;
use crate::html::tokens::{Token, attribute, tokens};
use crate::load::Chapter;
use crate::parse::Rendered;

/// Words in a section's snippet, shown under each result.
const SNIPPET_WORDS: usize = 24;

/// The name of the global variable the index script sets.
pub const GLOBAL: &str = "handbookSearchIndex";

/// Words too common to help find anything (the handbook's language is English
/// by default; a query made only of these finds nothing and says so).
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "do", "for", "from",
    "has", "have", "he", "her", "his", "if", "in", "into", "is", "it", "its", "of", "on", "or",
    "our", "she", "so", "that", "the", "their", "them", "there", "these", "they", "this", "to",
    "was", "we", "were", "what", "when", "which", "who", "will", "with", "you", "your",
];

/// The length of the longest of [`STOP_WORDS`], in bytes: longer words are not looked up.
const STOP_WORD_MAX_LEN: usize = 5;

/// A chapter as a search result names it.
#[derive(Debug, Serialize, PartialEq)]
pub struct PageEntry {
    /// The chapter's title.
    pub title: String,
    /// From the site root: `look-after-yourself/index.html`.
    pub url: String,
}

/// One section of a chapter.
#[derive(Debug, Serialize, PartialEq)]
pub struct SectionEntry {
    /// The heading's id, empty for the text before the first heading.
    pub id: String,
    pub heading: String,
    pub snippet: String,
    /// Distinct words, lowercased, space-separated.
    pub words: String,
}

/// One chapter's part of the index, kept as JSON text: the whole index is
/// put together from these, so a changed chapter (as `serve` sees it)
/// costs only its own part.
#[derive(Debug, Clone, PartialEq)]
pub struct ChapterIndex {
    /// The [`PageEntry`] as JSON.
    page: String,
    /// Each section as the end of a JSON array, after its page's index:
    /// `"id","heading","snippet","words"]`.
    sections: Vec<String>,
}

impl ChapterIndex {
    /// The index entries of `chapter` from its site rendering.
    pub fn new(chapter: &Chapter, rendered: &Rendered) -> ChapterIndex {
        let page = PageEntry {
            title: chapter.front.title.clone(),
            url: format!("{}/index.html", chapter.slug),
        };
        let mut parts = sections_of(&rendered.html);
        // The text before the first heading is introduced by the chapter's summary.
        if let Some(summary) = &chapter.front.summary {
            match parts.first_mut() {
                Some(first) if first.id.is_empty() => {
                    first.text = format!("{summary} {}", first.text);
                }
                _ => parts.insert(
                    0,
                    Part {
                        id: String::new(),
                        heading: String::new(),
                        text: summary.clone(),
                    },
                ),
            }
        }
        let mut sections = Vec::new();
        for part in parts {
            let heading = if part.id.is_empty() {
                chapter.front.title.clone()
            } else {
                part.heading
            };
            let words = distinct_words(&format!("{heading} {}", part.text));
            if words.is_empty() {
                continue;
            }
            sections.push(SectionEntry {
                id: part.id,
                snippet: snippet(&part.text),
                heading,
                words,
            });
        }
        ChapterIndex::from_entries(&page, &sections)
    }

    fn from_entries(page: &PageEntry, sections: &[SectionEntry]) -> ChapterIndex {
        ChapterIndex {
            page: json(page),
            sections: sections
                .iter()
                .map(|s| {
                    // sections are arrays, to keep the file small; the words
                    // are letters, digits and spaces, which JSON writes as they are
                    let array = json(&(&s.id, &s.heading, &s.snippet));
                    let start = &array[1..array.len() - 1];
                    format!("{start},\"{}\"]", s.words)
                })
                .collect(),
        }
    }
}

/// `value` as JSON (strings and numbers only: it cannot fail).
fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// The index of `chapters` (in reading order) as a script that sets the
/// global [`GLOBAL`]: `{"stop_words":[..],"pages":[..],"sections":[[page,id,heading,snippet,words],..]}`.
pub fn script<'a>(chapters: impl IntoIterator<Item = &'a ChapterIndex>) -> String {
    let chapters: Vec<&ChapterIndex> = chapters.into_iter().collect();
    let size: usize = chapters
        .iter()
        .map(|c| c.page.len() + c.sections.iter().map(|s| s.len() + 8).sum::<usize>())
        .sum();
    let mut script = String::with_capacity(size + 1024);
    script.push_str(&format!(
        "globalThis.{GLOBAL}={{\"stop_words\":{},\"pages\":[",
        json(STOP_WORDS)
    ));
    for (i, chapter) in chapters.iter().enumerate() {
        if i > 0 {
            script.push(',');
        }
        script.push_str(&chapter.page);
    }
    script.push_str("],\"sections\":[");
    let mut first = true;
    for (page, chapter) in chapters.iter().enumerate() {
        for section in &chapter.sections {
            if !first {
                script.push(',');
            }
            first = false;
            script.push_str(&format!("[{page},"));
            script.push_str(section);
        }
    }
    script.push_str("]};\n");
    script
}

/// The index file of `chapters`: its fingerprinted path (from the site root)
/// and its content.
pub fn index_file<'a>(chapters: impl IntoIterator<Item = &'a ChapterIndex>) -> (String, Vec<u8>) {
    let script = script(chapters);
    let path = format!(
        "assets/{}",
        fingerprinted_name("search-index.js", script.as_bytes())
    );
    (path, script.into_bytes())
}

/// The search words of a lowercased text: split at anything that is not a
/// letter or digit (after lowercasing, as `search.js` does a query), single
/// characters and common words dropped.
fn words(lowercase: &str) -> impl Iterator<Item = &str> {
    lowercase
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.chars().nth(1).is_some())
        .filter(|word| !is_stop_word(word))
}

/// [`STOP_WORDS`] as numbers, for a quick look-up: each word's bytes, big
/// end first, so the numbers sort as the words do.
const STOP_WORDS_PACKED: [u64; STOP_WORDS.len()] = {
    let mut packed = [0; STOP_WORDS.len()];
    let mut i = 0;
    while i < STOP_WORDS.len() {
        packed[i] = pack(STOP_WORDS[i].as_bytes());
        i += 1;
    }
    packed
};

/// Up to eight bytes as a number that sorts as they do.
const fn pack(bytes: &[u8]) -> u64 {
    let mut packed = 0u64;
    let mut i = 0;
    while i < 8 {
        packed <<= 8;
        if i < bytes.len() {
            packed |= bytes[i] as u64;
        }
        i += 1;
    }
    packed
}

fn is_stop_word(word: &str) -> bool {
    // STOP_WORDS is in alphabetical order, and none is longer (tests check)
    word.len() <= STOP_WORD_MAX_LEN
        && STOP_WORDS_PACKED
            .binary_search(&pack(word.as_bytes()))
            .is_ok()
}

fn distinct_words(text: &str) -> String {
    let lowercase = text.to_lowercase();
    let mut seen =
        HashSet::with_capacity_and_hasher(64, BuildHasherDefault::<WordHasher>::default());
    let mut distinct = String::with_capacity(lowercase.len() / 2);
    for word in words(&lowercase) {
        if seen.insert(word) {
            if !distinct.is_empty() {
                distinct.push(' ');
            }
            distinct.push_str(word);
        }
    }
    distinct
}

fn snippet(text: &str) -> String {
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
struct Part {
    id: String,
    heading: String,
    text: String,
}

/// Cuts a chapter's HTML at its `h2` and `h3` headings that have an id.
fn sections_of(html: &str) -> Vec<Part> {
    let mut parts = vec![Part::default()];
    // inside a section heading: its tag name
    let mut in_heading: Option<&str> = None;
    // depth inside `svg`: its text is repeated in the figure's text equivalent
    let mut in_svg = 0usize;
    let mut unescaped = String::new();
    for token in tokens(html) {
        let part = parts.last_mut().expect("parts starts with one");
        let target = if in_heading.is_some() {
            &mut part.heading
        } else {
            &mut part.text
        };
        match token {
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
    // most text is ASCII with single spaces: it goes in as it is
    let plain = text.is_ascii()
        && memchr3(b'\t', b'\n', b'\r', bytes).is_none()
        && memchr2(0x0B, 0x0C, bytes).is_none()
        && memmem::find(bytes, b"  ").is_none();
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

/// Hashes a word the way rustc's `FxHasher` does, eight bytes a step: a
/// section's words are short and hashed by the hundred, where a general
/// hasher's setup outweighs the word.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
        }
        for &byte in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(SEED);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
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
<ul><li>Inhale</li><li>Hold</li></ul>"#;
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
    fn words_are_split_lowercased_and_common_ones_dropped() {
        let text = "The Box-breathing exercise: it’s 4 seconds, then HOLD".to_lowercase();
        let found: Vec<&str> = words(&text).collect();
        assert_eq!(
            found,
            vec!["box", "breathing", "exercise", "seconds", "then", "hold"]
        );
        assert_eq!(distinct_words("hold breath, hold"), "hold breath");
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
    fn stop_words_are_in_order_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|pair| pair[0] < pair[1]));
        let longest = STOP_WORDS.iter().map(|word| word.len()).max();
        assert_eq!(longest, Some(STOP_WORD_MAX_LEN));
        assert!(STOP_WORDS.iter().all(|word| is_stop_word(word)));
        for word in ["", "b", "ann", "andy", "thes", "theirs", "breath"] {
            assert!(!is_stop_word(word), "{word}");
        }
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

    #[test]
    fn the_script_sets_the_global_with_sections_as_arrays() {
        let chapter = ChapterIndex::from_entries(
            &PageEntry {
                title: "Look after yourself".into(),
                url: "look-after-yourself/index.html".into(),
            },
            &[SectionEntry {
                id: "box-breathing".into(),
                heading: "Box breathing".into(),
                snippet: "Inhale for 4.".into(),
                words: "box breathing inhale".into(),
            }],
        );
        let stop_words = serde_json::to_string(STOP_WORDS).unwrap();
        assert_eq!(
            script([&chapter, &chapter]),
            format!(
                "globalThis.handbookSearchIndex={{\"stop_words\":{stop_words},\"pages\":[{{\"title\":\"Look after yourself\",\"url\":\"look-after-yourself/index.html\"}},{{\"title\":\"Look after yourself\",\"url\":\"look-after-yourself/index.html\"}}],\"sections\":[[0,\"box-breathing\",\"Box breathing\",\"Inhale for 4.\",\"box breathing inhale\"],[1,\"box-breathing\",\"Box breathing\",\"Inhale for 4.\",\"box breathing inhale\"]]}};\n"
            )
        );
    }
}
