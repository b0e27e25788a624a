//! One chapter's part of the search index: each section's record (what a
//! result shows) and the stems it holds, each with how strongly. Made for
//! every chapter in parallel as it is rendered, and kept between the runs of
//! `serve`, so a changed chapter costs only its own part.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::language::Language;
use super::sections::{Part, sections_of, snippet};
use crate::load::Chapter;
use crate::parse::Rendered;

/// A stem is in the section's heading (for the text before the first
/// heading, the chapter's title).
pub(super) const IN_HEADING: u8 = 2;
/// A stem is in the chapter's title: the section is in a chapter about it.
/// (How often a section says a word would rank well too, but most words of
/// a large handbook are said often somewhere: a list of those sections is
/// as long as the list of all, doubling what a query downloads.)
pub(super) const IN_TITLE: u8 = 1;

/// The search entries of one chapter.
#[derive(Debug, Clone, PartialEq)]
pub struct ChapterIndex {
    /// The chapter's distinct stems.
    pub(super) stems: Vec<Box<str>>,
    /// Words that are not their own stem, with their stem (an index into `stems`).
    pub(super) forms: Vec<(Box<str>, u32)>,
    pub(super) sections: Vec<SectionEntry>,
}

/// One section of a chapter.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SectionEntry {
    /// What a result shows, as a JSON array: `[url, chapter title, id, heading, snippet]`.
    pub record: String,
    /// Its stems (indices into [`ChapterIndex::stems`]), each with its
    /// class: [`IN_HEADING`] and [`IN_TITLE`] or'ed together.
    pub terms: Vec<(u32, u8)>,
}

impl ChapterIndex {
    /// The index entries of `chapter` from its site rendering.
    pub fn new(chapter: &Chapter, rendered: &Rendered, language: &Language) -> ChapterIndex {
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
        let title = &chapter.front.title;
        let url = format!("{}/index.html", chapter.slug);
        let mut builder = Builder::new(language);
        let mut in_title = Vec::new();
        builder.each_stem(&title.to_lowercase(), |stem| in_title.push(stem));
        let mut sections = Vec::with_capacity(parts.len());
        for part in parts {
            let heading = match part.id.is_empty() {
                true => title.as_str(),
                false => part.heading.as_str(),
            };
            let terms = builder.section_terms(heading, &part.text, &in_title);
            if terms.is_empty() {
                continue;
            }
            let record =
                serde_json::to_string(&(&url, title, &part.id, heading, snippet(&part.text)))
                    .unwrap_or_default();
            sections.push(SectionEntry { record, terms });
        }
        ChapterIndex {
            stems: builder.stems,
            forms: builder.forms,
            sections,
        }
    }
}

/// A run of letters that is no search word (a single character, a stop word).
const NOT_A_WORD: u32 = u32::MAX;

/// Collects a chapter's stems and words as its sections are read.
struct Builder<'l> {
    language: &'l Language,
    /// Every run of letters seen, with its stem's index, or [`NOT_A_WORD`].
    words: HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>>,
    stems: Vec<Box<str>>,
    stem_indices: HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>>,
    forms: Vec<(Box<str>, u32)>,
    /// For each stem, the section that last counted it and where in its terms.
    last_seen: Vec<(u32, u32)>,
    section: u32,
    /// Reused for each text's stems.
    buffer: Vec<u32>,
}

impl<'l> Builder<'l> {
    fn new(language: &'l Language) -> Builder<'l> {
        Builder {
            language,
            words: HashMap::default(),
            stems: Vec::new(),
            stem_indices: HashMap::default(),
            forms: Vec::new(),
            last_seen: Vec::new(),
            section: 0,
            buffer: Vec::new(),
        }
    }

    /// Calls `found` with the stem index of every search word of `lowercase`.
    fn each_stem(&mut self, lowercase: &str, mut found: impl FnMut(u32)) {
        for run in self.language.runs(lowercase) {
            // each run of letters is looked up once a chapter, by what it is
            // before it is checked and normalised
            let index = match self.words.get(run) {
                Some(&NOT_A_WORD) => continue,
                Some(&index) => index,
                None => {
                    let Some(word) = self.language.search_word(run) else {
                        self.words.insert(run.into(), NOT_A_WORD);
                        continue;
                    };
                    let stem = self.language.stem(&word);
                    let index = match self.stem_indices.get(stem.as_ref()) {
                        Some(&index) => index,
                        None => {
                            let index = self.stems.len() as u32;
                            self.stems.push(stem.as_ref().into());
                            self.stem_indices.insert(stem.as_ref().into(), index);
                            self.last_seen.push((u32::MAX, 0));
                            index
                        }
                    };
                    if stem != word {
                        self.forms.push((word.as_ref().into(), index));
                    }
                    self.words.insert(run.into(), index);
                    index
                }
            };
            found(index);
        }
    }

    /// The stems of a section and their classes.
    fn section_terms(&mut self, heading: &str, text: &str, in_title: &[u32]) -> Vec<(u32, u8)> {
        self.section += 1;
        let section = self.section;
        // (stem, in the heading)
        let mut counted: Vec<(u32, bool)> = Vec::new();
        for (lowercase, is_heading) in
            [(heading.to_lowercase(), true), (text.to_lowercase(), false)]
        {
            let mut stems = std::mem::take(&mut self.buffer);
            stems.clear();
            self.each_stem(&lowercase, |stem| stems.push(stem));
            for &stem in &stems {
                let (seen_in, at) = self.last_seen[stem as usize];
                if seen_in == section {
                    counted[at as usize].1 |= is_heading;
                } else {
                    self.last_seen[stem as usize] = (section, counted.len() as u32);
                    counted.push((stem, is_heading));
                }
            }
            self.buffer = stems;
        }
        counted
            .into_iter()
            .map(|(stem, heading)| {
                let mut class = 0;
                if heading {
                    class |= IN_HEADING;
                }
                if in_title.contains(&stem) {
                    class |= IN_TITLE;
                }
                (stem, class)
            })
            .collect()
    }
}

/// Hashes a word the way rustc's `FxHasher` does, eight bytes a step: a
/// chapter's words are short and hashed by the thousand, where a general
/// hasher's setup outweighs the word. (The link check hashes ids and slugs
/// with it too.)
#[derive(Default)]
pub struct WordHasher(u64);

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
