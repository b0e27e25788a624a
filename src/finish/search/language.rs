//! What search needs to know of the edition's language: how text splits into
//! words, which words are too common to help, and how a word is reduced to
//! its stem, so that "regulating" finds "regulate".
//!
//! The search page does the same to a query: `themes/default/static/pages/search.js`
//! chooses its splitting and stemmer by the [`Language::key`] the index
//! names, and takes the stop words from the index itself. A language the
//! page has no stemmer for is not stemmed here either, or queries and index
//! would not meet. `tests/search.rs` runs the page's code in Node against
//! this module on real words.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

/// A language as search treats it, chosen from a BCP 47 tag by its first subtag.
pub struct Language {
    key: &'static str,
    stop_words: &'static [&'static str],
    /// [`Language::stop_words`] packed, for a quick look-up.
    stop_words_packed: Vec<u64>,
    stemmer: Option<(Algorithm, Stemmer)>,
    splitting: Splitting,
}

/// How text splits into words.
#[derive(Clone, Copy, PartialEq)]
enum Splitting {
    /// At anything not a letter or digit (Unicode Alphabetic or Number), as
    /// Rust's `char::is_alphanumeric` and the page's `[\p{Alphabetic}\p{N}]` agree.
    Letters,
    /// Arabic: as [`Splitting::Letters`], with the vowel marks and the
    /// tatweel (U+0640) kept inside a word and then left out, and the
    /// hamza forms of alef (أ إ آ ٱ) written as bare alef, so a word is found
    /// however fully it was vocalised.
    Arabic,
}

/// Words too common to help find anything in English (a query made only of
/// these finds nothing and says so). In byte order, none longer than eight bytes.
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "do", "for", "from",
    "has", "have", "he", "her", "his", "if", "in", "into", "is", "it", "its", "of", "on", "or",
    "our", "she", "so", "that", "the", "their", "them", "there", "these", "they", "this", "to",
    "was", "we", "were", "what", "when", "which", "who", "will", "with", "you", "your",
];

/// The same for Welsh: articles, prepositions, pronouns, conjunctions and
/// the forms of "bod" (to be) that stand in most sentences. Welsh has no
/// Snowball stemmer; its mutated forms ("plant", "phlant") stay apart.
const WELSH_STOP_WORDS: &[&str] = &[
    "a", "ac", "ag", "am", "ar", "at", "bod", "bydd", "byddai", "chi", "dan", "dros", "drwy", "dy",
    "ei", "eich", "ein", "er", "eu", "fe", "fo", "fy", "gan", "gyda", "hefyd", "hi", "hwn",
    "hwnnw", "hwy", "hyn", "hynny", "i", "mae", "maen", "maent", "mai", "mewn", "mi", "na", "nad",
    "neu", "ni", "nid", "o", "oedd", "oes", "os", "pan", "pob", "sy", "sydd", "tra", "trwy",
    "wedi", "y", "ydw", "ydy", "ydych", "ydyn", "ym", "yma", "yn", "yng", "yno", "yr",
];

/// The same for Arabic, written as [`Splitting::Arabic`] leaves words.
const ARABIC_STOP_WORDS: &[&str] = &[
    "او", "ثم", "عن", "في", "قد", "لا", "ما", "مع", "من", "ان", "الى", "التي", "الذي", "كان", "على",
    "هذا", "هذه", "هو", "هي",
];

impl Language {
    /// The language of a BCP 47 tag (`en-GB`, `cy`, `ar-EG`); a language
    /// search knows nothing particular of is split at letters, with no stop
    /// words and no stemming.
    pub fn of(tag: &str) -> Language {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        let primary = primary.to_ascii_lowercase();
        let (key, stop_words, algorithm, splitting) = match primary.as_str() {
            "en" => (
                "en",
                ENGLISH_STOP_WORDS,
                Some(Algorithm::English),
                Splitting::Letters,
            ),
            "cy" => ("cy", WELSH_STOP_WORDS, None, Splitting::Letters),
            "ar" => ("ar", ARABIC_STOP_WORDS, None, Splitting::Arabic),
            _ => ("", &[][..], None, Splitting::Letters),
        };
        let mut stop_words_packed: Vec<u64> = stop_words.iter().map(|w| pack(w)).collect();
        stop_words_packed.sort_unstable();
        Language {
            key,
            stop_words,
            stop_words_packed,
            stemmer: algorithm.map(|a| (a, Stemmer::create(a))),
            splitting,
        }
    }

    /// What the page looks its splitting and stemmer up by: the primary
    /// subtag of a language it knows, or "" for any other.
    pub fn key(&self) -> &'static str {
        self.key
    }

    pub fn stop_words(&self) -> &'static [&'static str] {
        self.stop_words
    }

    /// The search words of `text`: lowercased, split, normalised, with
    /// single characters and stop words left out, in the order they stand.
    pub fn words<'t>(&self, lowercase: &'t str) -> impl Iterator<Item = Cow<'t, str>> {
        self.runs(lowercase).filter_map(|run| self.search_word(run))
    }

    /// The runs of word characters of a lowercased text, as they stand:
    /// [`Language::search_word`] makes each a search word or none.
    pub(super) fn runs<'t>(&self, lowercase: &'t str) -> Words<'t> {
        Words {
            text: lowercase,
            at: 0,
            splitting: self.splitting,
        }
    }

    /// A run of word characters as a search word: normalised, or none when
    /// it is a single character or a stop word.
    pub(super) fn search_word<'t>(&self, run: &'t str) -> Option<Cow<'t, str>> {
        let word = match self.splitting {
            Splitting::Letters => Cow::Borrowed(run),
            Splitting::Arabic => normalise_arabic(run),
        };
        let long_enough = word.len() > 1 && (word.is_ascii() || word.chars().nth(1).is_some());
        (long_enough && !self.is_stop_word(&word)).then_some(word)
    }

    /// Whether `word` (lowercased) is too common to search for.
    pub fn is_stop_word(&self, word: &str) -> bool {
        // no stop word is longer than eight bytes (tests check)
        word.len() <= 8 && self.stop_words_packed.binary_search(&pack(word)).is_ok()
    }

    /// The stem of a search word; the word itself in a language without a stemmer.
    pub fn stem<'w>(&self, word: &'w str) -> Cow<'w, str> {
        let Some((algorithm, stemmer)) = &self.stemmer else {
            return Cow::Borrowed(word);
        };
        // a handbook has a few thousand distinct words, each stemmed
        // thousands of times: remember them, per thread (chapters are read in parallel)
        STEMS.with(|stems| {
            let mut stems = stems.borrow_mut();
            let index = match stems.iter().position(|(a, _)| a == algorithm) {
                Some(index) => index,
                None => {
                    stems.push((*algorithm, HashMap::new()));
                    stems.len() - 1
                }
            };
            let known = &mut stems[index].1;
            if let Some(stem) = known.get(word) {
                return same_or_owned(word, stem);
            }
            let stem: Box<str> = stemmer.stem(word).into();
            let found = same_or_owned(word, &stem);
            known.insert(word.into(), stem);
            found
        })
    }
}

/// The stem as a borrow of `word` when it is a beginning of it, as most are.
fn same_or_owned<'w>(word: &'w str, stem: &str) -> Cow<'w, str> {
    match word.starts_with(stem) {
        true => Cow::Borrowed(&word[..stem.len()]),
        false => Cow::Owned(stem.to_string()),
    }
}

/// Words and their stems, as one stemmer made them.
type Stems = HashMap<Box<str>, Box<str>>;

thread_local! {
    /// Each stemmer's stems of the words it has seen on this thread.
    static STEMS: RefCell<Vec<(Algorithm, Stems)>> = const { RefCell::new(Vec::new()) };
}

fn is_word_char(splitting: Splitting, c: char) -> bool {
    c.is_alphanumeric() || (splitting == Splitting::Arabic && is_arabic_mark(c))
}

/// The runs of word characters of a text, read a byte at a time where it
/// is ASCII (most text is): a search index reads every word of a handbook.
pub(super) struct Words<'t> {
    text: &'t str,
    at: usize,
    splitting: Splitting,
}

/// What a byte of text is: an ASCII letter or digit, other ASCII, or part
/// of a character beyond ASCII (decoded to tell).
const LETTER: u8 = 1;
const SPACE: u8 = 0;
const BEYOND_ASCII: u8 = 2;
const BYTES: [u8; 256] = {
    let mut kinds = [BEYOND_ASCII; 256];
    let mut byte = 0;
    while byte < 128 {
        kinds[byte] = match (byte as u8).is_ascii_alphanumeric() {
            true => LETTER,
            false => SPACE,
        };
        byte += 1;
    }
    kinds
};

impl Words<'_> {
    /// The character at `at` (not ASCII): whether it is part of a word, and its length.
    fn other_char(&self, at: usize) -> (bool, usize) {
        let c = self.text[at..].chars().next().unwrap_or_default();
        (is_word_char(self.splitting, c), c.len_utf8())
    }
}

impl<'t> Iterator for Words<'t> {
    type Item = &'t str;

    #[inline]
    fn next(&mut self) -> Option<&'t str> {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        loop {
            while at < bytes.len() && BYTES[bytes[at] as usize] == SPACE {
                at += 1;
            }
            if at >= bytes.len() {
                self.at = at;
                return None;
            }
            if BYTES[bytes[at] as usize] == LETTER {
                break;
            }
            let (in_word, len) = self.other_char(at);
            if in_word {
                break;
            }
            at += len;
        }
        let start = at;
        loop {
            while at < bytes.len() && BYTES[bytes[at] as usize] == LETTER {
                at += 1;
            }
            if at >= bytes.len() || BYTES[bytes[at] as usize] == SPACE {
                break;
            }
            let (in_word, len) = self.other_char(at);
            if !in_word {
                break;
            }
            at += len;
        }
        self.at = at;
        Some(&self.text[start..at])
    }
}

/// Arabic's combining marks (harakat, Quranic marks) and the tatweel.
fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{0640}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}')
}

fn normalise_arabic(word: &str) -> Cow<'_, str> {
    let changes = |c: char| is_arabic_mark(c) || matches!(c, 'أ' | 'إ' | 'آ' | 'ٱ');
    if !word.chars().any(changes) {
        return Cow::Borrowed(word);
    }
    Cow::Owned(
        word.chars()
            .filter(|&c| !is_arabic_mark(c))
            .map(|c| match c {
                'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
                c => c,
            })
            .collect(),
    )
}

/// Up to eight bytes as a number that sorts as they do.
fn pack(word: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let len = word.len().min(8);
    bytes[..len].copy_from_slice(&word.as_bytes()[..len]);
    u64::from_be_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(language: &Language, text: &str) -> Vec<String> {
        language
            .words(&text.to_lowercase())
            .map(|w| w.into_owned())
            .collect()
    }

    #[test]
    fn english_words_are_split_lowercased_and_common_ones_dropped() {
        let english = Language::of("en-GB");
        assert_eq!(english.key(), "en");
        assert_eq!(
            words(
                &english,
                "The Box-breathing exercise: it’s 4 seconds, then HOLD"
            ),
            ["box", "breathing", "exercise", "seconds", "then", "hold"]
        );
        for word in ["", "b", "ann", "andy", "thes", "theirs", "breath"] {
            assert!(!english.is_stop_word(word), "{word}");
        }
    }

    #[test]
    fn english_words_are_stemmed_the_snowball_way() {
        let english = Language::of("en");
        for (word, stem) in [
            ("regulating", "regul"),
            ("regulate", "regul"),
            ("breathing", "breath"),
            ("breathe", "breath"),
            ("pillars", "pillar"),
            ("informed", "inform"),
            ("happiness", "happi"),
            ("dying", "die"),
            ("amygdala", "amygdala"),
        ] {
            assert_eq!(english.stem(word), stem, "{word}");
            // and again, from what the thread remembers
            assert_eq!(english.stem(word), stem, "{word}");
        }
    }

    #[test]
    fn welsh_drops_its_own_common_words_and_is_not_stemmed() {
        let welsh = Language::of("cy");
        assert_eq!(welsh.key(), "cy");
        assert_eq!(
            words(&welsh, "Mae'r plant yn chwarae yn yr ardd gyda'u ffrindiau"),
            ["plant", "chwarae", "ardd", "ffrindiau"]
        );
        assert_eq!(welsh.stem("ffrindiau"), "ffrindiau");
    }

    #[test]
    fn arabic_is_split_on_its_letters_with_marks_and_tatweel_left_out() {
        let arabic = Language::of("ar-EG");
        assert_eq!(arabic.key(), "ar");
        // "the support in the school", vocalised and stretched, then plain
        assert_eq!(
            words(&arabic, "الدَّعْمُ في المـدرسة، أُسرة"),
            ["الدعم", "المدرسة", "اسرة"]
        );
        assert_eq!(words(&arabic, "الدعم"), ["الدعم"]);
    }

    #[test]
    fn other_languages_are_split_at_letters_only() {
        let other = Language::of("fr-CA");
        assert_eq!(other.key(), "");
        assert_eq!(
            words(&other, "L'écoute et la sécurité"),
            ["écoute", "et", "la", "sécurité"]
        );
        assert_eq!(other.stem("sécurité"), "sécurité");
    }

    #[test]
    fn stop_words_are_in_order_and_short_enough_to_pack() {
        for list in [ENGLISH_STOP_WORDS, WELSH_STOP_WORDS] {
            assert!(list.windows(2).all(|pair| pair[0] < pair[1]), "{list:?}");
        }
        for (tag, list) in [
            ("en", ENGLISH_STOP_WORDS),
            ("cy", WELSH_STOP_WORDS),
            ("ar", ARABIC_STOP_WORDS),
        ] {
            let language = Language::of(tag);
            for word in list {
                assert!(word.len() <= 8, "{word}");
                assert!(language.is_stop_word(word), "{word}");
            }
        }
    }
}
