//! The whole site's index, put together from the chapters' parts and cut
//! into shards the search page loads as a query needs them.
//!
//! - **Word shards** (`assets/search/wN.VERSION.js`): every stem, with the
//!   sections that hold it, and every word that is not its own stem, with
//!   its stem, sorted and cut into files of about [`SHARD_BYTES`]. A query
//!   word loads the shards its range of keys falls in: one, mostly.
//! - **Section shards** (`assets/search/fN.VERSION.js`): what a result shows,
//!   [`GROUP`] sections a file in reading order, loaded only for the results shown.
//! - **The root** (`assets/search-index.HASH.js`, the one the search page
//!   links): the language, its stop words, the number of sections and the
//!   first key of each word shard.
//!
//! Each shard is a script calling `handbookSearchLoaded(name, data)`: pages
//! opened from disk cannot fetch, but they can load scripts. All shards share
//! one VERSION, a hash of them all, so a CDN may keep them for a year.
//!
//! A stem's sections are four lists by class (see `chapter.rs`): in the
//! text only, in the chapter's title too, in the heading, in both. Each list is written in
//! 64 characters that need no escaping (`A-Z a-z 0-9 - _`, six bits each),
//! as whichever is shorter: numbers as variable-length groups of five bits
//! (the first section, then each gap less one), or after a `.`, the first
//! section and then a bitmap of those from it on.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use rayon::prelude::*;

use super::chapter::{ChapterIndex, WordHasher};
use super::language::Language;
use crate::finish::fingerprint::fingerprinted_name;

/// About how large a word shard grows before the next begins, in bytes.
const SHARD_BYTES: usize = 8 * 1024;
/// Sections in each section shard.
pub const GROUP: usize = 16;
/// The name of the global variable the root script sets.
pub const GLOBAL: &str = "handbookSearchIndex";
/// Where the shards are, from the site root.
const SHARD_FOLDER: &str = "assets/search/";

/// The index files of a build.
pub struct SearchFiles {
    /// The root's path from the site root, which the search page links.
    pub root: String,
    /// Every file: the root and the shards, as (path, content).
    pub files: Vec<(String, Vec<u8>)>,
}

type WordMap<'a, V> = HashMap<&'a str, V, BuildHasherDefault<WordHasher>>;

/// The index of `chapters` (in reading order) in `language`, for a search
/// page whose edition is `climb` (`../`, or nothing) below the site root.
pub fn index_files<'a>(
    chapters: impl IntoIterator<Item = &'a ChapterIndex>,
    language: &Language,
    climb: &str,
) -> SearchFiles {
    let chapters: Vec<&ChapterIndex> = chapters.into_iter().collect();
    // every stem's sections, by class
    let mut stems: WordMap<u32> = WordMap::default();
    let mut postings: Vec<[Vec<u32>; 4]> = Vec::new();
    let mut forms: WordMap<u32> = WordMap::default();
    let mut records: Vec<&str> = Vec::new();
    let mut global: Vec<u32> = Vec::new();
    for chapter in &chapters {
        global.clear();
        for stem in &chapter.stems {
            let next = postings.len() as u32;
            let id = *stems.entry(stem).or_insert(next);
            if id == next {
                postings.push(Default::default());
            }
            global.push(id);
        }
        for (form, stem) in &chapter.forms {
            forms.entry(form).or_insert(global[*stem as usize]);
        }
        for section in &chapter.sections {
            let id = records.len() as u32;
            records.push(&section.record);
            for &(stem, class) in &section.terms {
                postings[global[stem as usize] as usize][class as usize].push(id);
            }
        }
    }

    // one sorted list of keys: stems and the words that are not their stem
    let mut names: Vec<&str> = vec![""; postings.len()];
    for (&stem, &id) in &stems {
        names[id as usize] = stem;
    }
    let mut keys: Vec<(&str, Option<u32>, Option<u32>)> = stems
        .iter()
        .map(|(&stem, &id)| (stem, Some(id), forms.remove(stem)))
        .collect();
    keys.extend(forms.iter().map(|(&form, &stem)| (form, None, Some(stem))));
    // in the order of JavaScript's `<` (UTF-16 code units), which the page compares by
    keys.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));

    // each key's entry written on any thread, then cut into shards in order;
    // the section shards beside them
    let entry = |&(key, id, stem_of): &(&str, Option<u32>, Option<u32>)| {
        // keys are letters and digits: JSON writes them as they are
        let mut entry = format!("\"{key}\":");
        match (id, stem_of) {
            (None, Some(stem)) => {
                entry.push('"');
                entry.push_str(names[stem as usize]);
                entry.push('"');
            }
            (Some(id), stem_of) => {
                let classes = &postings[id as usize];
                let used = classes.iter().rposition(|c| !c.is_empty()).unwrap_or(0);
                entry.push('[');
                for (i, sections) in classes[..=used].iter().enumerate() {
                    if i > 0 {
                        entry.push(',');
                    }
                    entry.push('"');
                    encode_sections(sections, &mut entry);
                    entry.push('"');
                }
                if let Some(stem) = stem_of {
                    for _ in used..3 {
                        entry.push_str(",\"\"");
                    }
                    entry.push_str(",\"");
                    entry.push_str(names[stem as usize]);
                    entry.push('"');
                }
                entry.push(']');
            }
            (None, None) => unreachable!("every key is a stem or a form"),
        }
        entry
    };
    let group = |(n, group): (usize, &[&str])| {
        let size = group.iter().map(|r| r.len() + 1).sum::<usize>();
        let mut script = String::with_capacity(size + 40);
        script.push_str(&format!("handbookSearchLoaded(\"f{n}\",["));
        script.push_str(&group.join(","));
        script.push_str("]);\n");
        script
    };
    let (entries, groups): (Vec<String>, Vec<String>) = rayon::join(
        || keys.par_iter().map(entry).collect(),
        || records.par_chunks(GROUP).enumerate().map(group).collect(),
    );

    let mut shards: Vec<String> = Vec::new();
    let mut firsts: Vec<&str> = Vec::new();
    let mut shard = String::new();
    // the stem a key of the current shard is
    let mut stems_here: Vec<u32> = Vec::new();
    for (&(key, id, stem_of), entry) in keys.iter().zip(&entries) {
        // a word stays with its stem, which sorts before it: a query loads
        // the shards of both
        let with_its_stem = id.is_none() && stem_of.is_some_and(|s| stems_here.contains(&s));
        if shard.len() >= SHARD_BYTES && !with_its_stem {
            stems_here.clear();
            shards.push(close_shard(shards.len(), &mut shard));
        }
        stems_here.extend(id);
        if shard.is_empty() {
            firsts.push(key);
            shard.push('{');
        } else {
            shard.push(',');
        }
        shard.push_str(entry);
    }
    if !shard.is_empty() {
        shards.push(close_shard(shards.len(), &mut shard));
    }

    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for file in shards.iter().chain(&groups) {
        hasher.update(file.as_bytes());
    }
    let version = format!("{:016x}", hasher.digest());
    let version = &version[..12];

    let root_script = format!(
        "globalThis.{GLOBAL}={};\n",
        serde_json::json!({
            "language": language.key(),
            "stop_words": language.stop_words(),
            "sections": records.len(),
            "group": GROUP,
            // the page loads shards from its edition's folder
            "path": format!("{climb}{SHARD_FOLDER}"),
            "version": version,
            "shards": firsts,
        })
    );
    let root = format!(
        "assets/{}",
        fingerprinted_name("search-index.js", root_script.as_bytes())
    );
    let mut files = Vec::with_capacity(1 + shards.len() + groups.len());
    files.push((root.clone(), root_script.into_bytes()));
    let named = |kind: char| {
        move |(n, script): (usize, String)| {
            (
                format!("{SHARD_FOLDER}{kind}{n}.{version}.js"),
                script.into_bytes(),
            )
        }
    };
    files.extend(shards.into_iter().enumerate().map(named('w')));
    files.extend(groups.into_iter().enumerate().map(named('f')));
    SearchFiles { root, files }
}

/// A word shard's script, leaving `shard` empty for the next.
fn close_shard(n: usize, shard: &mut String) -> String {
    shard.push('}');
    let script = format!("handbookSearchLoaded(\"w{n}\",{shard});\n");
    shard.clear();
    script
}

/// The six-bit digits, in the order of their values.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `value` in groups of five bits, the lowest first, each but the last with
/// the sixth bit set.
fn push_number(mut value: u32, out: &mut String) {
    while value >= 32 {
        out.push(DIGITS[(32 | (value & 31)) as usize] as char);
        value >>= 5;
    }
    out.push(DIGITS[value as usize] as char);
}

/// Section numbers (ascending) as gaps or as a bitmap, whichever is shorter.
fn encode_sections(sections: &[u32], out: &mut String) {
    let (Some(&first), Some(&last)) = (sections.first(), sections.last()) else {
        return;
    };
    let start = out.len();
    push_number(first, out);
    for pair in sections.windows(2) {
        push_number(pair[1] - pair[0] - 1, out);
    }
    let mut first_len = String::new();
    push_number(first, &mut first_len);
    let bitmap_len = 1 + first_len.len() + (last - first) as usize / 6 + 1;
    if out.len() - start <= bitmap_len {
        return;
    }
    out.truncate(start);
    out.push('.');
    push_number(first, out);
    let mut bits = 0u8;
    let mut at = 0u32;
    for &section in sections {
        let offset = section - first;
        while offset >= at + 6 {
            out.push(DIGITS[bits as usize] as char);
            bits = 0;
            at += 6;
        }
        bits |= 1 << (offset - at);
    }
    out.push(DIGITS[bits as usize] as char);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(sections: &[u32]) -> String {
        let mut out = String::new();
        encode_sections(sections, &mut out);
        out
    }

    #[test]
    fn sparse_sections_are_written_as_gaps() {
        assert_eq!(encoded(&[]), "");
        assert_eq!(encoded(&[0]), "A");
        // 5, then a gap of 1 (0) and of 32 (31)
        assert_eq!(encoded(&[5, 6, 38]), "FAf");
        // 1,000 takes two groups, the low one first: 8 with the sixth bit (o), then 31 (f)
        assert_eq!(encoded(&[1000]), "of");
        assert_eq!(encoded(&[1000, 1001]), "ofA");
    }

    #[test]
    fn dense_sections_are_written_as_a_bitmap() {
        // from 7 (H): six sections (all bits: _), then one more (B)
        assert_eq!(encoded(&[7, 8, 9, 10, 11, 12, 13]), ".H_B");
        // 7, 9, 11 and 13 as gaps are no longer than as a bitmap (.HVB)
        assert_eq!(encoded(&[7, 9, 11, 13]), "HBBB");
        let two_in_three: Vec<u32> = (100..400).filter(|n| n % 3 != 0).collect();
        let list = encoded(&two_in_three);
        assert!(list.starts_with('.') && list.len() == 1 + 2 + 50, "{list}");
    }
}
