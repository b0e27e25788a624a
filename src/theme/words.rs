//! The theme's own words (the skip link, "Contents", "Next", a component's
//! "Case study"...) in each language: `i18n/LANG.yaml` in the theme, one
//! `key: text` a line. A fork's theme may hold the same files: its words
//! replace the default theme's, key by key, and may add languages. English
//! is complete; a word missing in another language is shown in English
//! and listed by `handbook check`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::files::FolderFile;
use crate::load::front_matter::Date;
use crate::load::languages;
use crate::load::yaml::{self, YamlFile};

/// The language every word is written in, and falls back to.
const FALLBACK: &str = "en";

/// Every language's words, the fork's over the default theme's.
#[derive(Debug, Default)]
pub struct Words {
    by_language: BTreeMap<String, BTreeMap<String, String>>,
    /// Where each language's words were last read from, for messages.
    files: BTreeMap<String, PathBuf>,
}

impl Words {
    /// Adds `i18n/LANG.yaml` (its `name` inside `i18n/`): each word replaces
    /// the one of that key read before.
    pub(super) fn add(&mut self, name: &str, file: &FolderFile, problems: &mut Diagnostics) {
        let Some(language) = name.strip_suffix(".yaml") else {
            return;
        };
        let source = YamlFile::new(
            file.shown.clone(),
            String::from_utf8_lossy(&file.bytes).into_owned(),
        );
        match yaml::parse::<Option<BTreeMap<String, String>>>(&source.text, source.origin()) {
            Ok(words) => {
                self.by_language
                    .entry(language.to_string())
                    .or_default()
                    .extend(words.unwrap_or_default());
                self.files.insert(language.to_string(), file.shown.clone());
            }
            Err(problem) => problems.push(problem.with_hint_if_none(
                "a theme's word list is one `key: text` a line, such as `next: Nesaf`",
            )),
        }
    }

    /// The words of the language `tag` (`cy`, `en-GB`): its own, then the
    /// primary language's (`pt` for `pt-BR`), then English's.
    pub fn of(&self, tag: &str) -> BTreeMap<&str, Word<'_>> {
        let mut words: BTreeMap<&str, Word<'_>> = BTreeMap::new();
        let primary = languages::primary(tag);
        for language in [FALLBACK, primary.as_str(), tag] {
            let Some(list) = self.by_language.get(language) else {
                continue;
            };
            let lang = (language != primary && language != tag).then_some(FALLBACK);
            for (key, text) in list {
                words.insert(key, Word { text, lang });
            }
        }
        words
    }

    /// The word `key` in the language `tag`, falling back as [`Words::of`]
    /// does; the key itself when no language has it (a template names an
    /// unknown word: the theme's own mistake, shown rather than hidden).
    pub fn text<'w>(&'w self, tag: &str, key: &'w str) -> &'w str {
        let primary = languages::primary(tag);
        [tag, primary.as_str(), FALLBACK]
            .into_iter()
            .find_map(|language| self.by_language.get(language)?.get(key))
            .map_or(key, String::as_str)
    }

    /// `date` written out in the language `tag`: `date_long` ("{day}
    /// {month} {year}") with the month's name (`month_1` … `month_12`).
    pub fn long_date(&self, tag: &str, date: &Date) -> String {
        let month = format!("month_{}", date.month);
        self.text(tag, "date_long")
            .replace("{day}", &date.day.to_string())
            .replace("{month}", self.text(tag, &month))
            .replace("{year}", &date.year.to_string())
    }

    /// The word `key` of `tag` with its `{n}` filled with `n`: in words when
    /// the language's `count_words` lists them that far, else in digits.
    pub fn counted(&self, tag: &str, key: &str, n: usize) -> String {
        let number = self
            .text(tag, "count_words")
            .split_whitespace()
            .nth(n)
            .map_or_else(|| n.to_string(), str::to_string);
        self.text(tag, key).replace("{n}", &number)
    }

    /// The English words that `tag` has no word for.
    pub fn missing(&self, tag: &str) -> Vec<&str> {
        self.of(tag)
            .into_iter()
            .filter(|(_, word)| word.lang.is_some())
            .map(|(key, _)| key)
            .collect()
    }

    /// A warning for each language of `tags` with words missing, naming them.
    pub fn problems(&self, tags: &[&str]) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for tag in tags {
            if languages::primary(tag) == FALLBACK {
                continue;
            }
            let missing = self.missing(tag);
            if missing.is_empty() {
                continue;
            }
            let primary = languages::primary(tag);
            let file = self
                .files
                .get(*tag)
                .or_else(|| self.files.get(&primary))
                .cloned()
                .unwrap_or_else(|| PathBuf::from(format!("themes/default/i18n/{primary}.yaml")));
            problems.push(
                Diagnostic::new(
                    file,
                    format!(
                        "the theme has no `{tag}` for {} of its words, shown in English: {}",
                        missing.len(),
                        missing.join(", ")
                    ),
                )
                .with_hint(format!(
                    "add them to `i18n/{primary}.yaml` in your theme (the English are in themes/default/i18n/en.yaml)"
                ))
                .as_warning(),
            );
        }
        problems
    }

    /// The words of `tag` as templates see them, `t.KEY` (text, escaped by
    /// the templates like any value; in attributes too, so a word shown in
    /// English cannot carry its own `lang`: `check` lists it instead).
    pub fn value(&self, tag: &str) -> tera::Value {
        let words: BTreeMap<&str, &str> = self
            .of(tag)
            .into_iter()
            .map(|(key, word)| (key, word.text))
            .collect();
        tera::Value::from_serializable(&words)
    }
}

/// One word, and its language when it is not the one asked for.
#[derive(Debug, Clone, Copy)]
pub struct Word<'w> {
    pub text: &'w str,
    pub lang: Option<&'static str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> FolderFile {
        FolderFile {
            name: format!("i18n/{name}"),
            shown: PathBuf::from(format!("themes/x/i18n/{name}")),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_missing_word_falls_back_to_english_and_is_listed() {
        let mut words = Words::default();
        let mut problems = Diagnostics::default();
        words.add(
            "en.yaml",
            &file("en.yaml", "next: Next\nprevious: Previous\n"),
            &mut problems,
        );
        words.add("cy.yaml", &file("cy.yaml", "next: Nesaf\n"), &mut problems);
        assert!(problems.is_empty());
        let welsh = words.of("cy");
        assert_eq!(welsh["next"].text, "Nesaf");
        assert_eq!(welsh["next"].lang, None);
        assert_eq!(welsh["previous"].text, "Previous");
        assert_eq!(welsh["previous"].lang, Some("en"));
        assert_eq!(words.missing("cy"), ["previous"]);
        assert!(words.missing("en-GB").is_empty());
        let warnings = words.problems(&["en-GB", "cy"]);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].message.contains("previous"),
            "{}",
            warnings[0].message
        );
        assert!(warnings[0].is_warning());
    }

    #[test]
    fn dates_and_counts_are_written_in_the_language_asked_for() {
        let mut words = Words::default();
        let mut problems = Diagnostics::default();
        words.add(
            "en.yaml",
            &file(
                "en.yaml",
                "date_long: \"{day} {month} {year}\"\nmonth_3: March\nmonth_11: November\ncount_words: no one two three\ntitle: The {n} pillars\n",
            ),
            &mut problems,
        );
        words.add(
            "cy.yaml",
            &file(
                "cy.yaml",
                "month_3: Mawrth\ncount_words: \"\"\ntitle: Y {n} colofn\n",
            ),
            &mut problems,
        );
        words.add(
            "ar.yaml",
            &file(
                "ar.yaml",
                "date_long: \"{day} {month} {year}\"\nmonth_3: مارس\n",
            ),
            &mut problems,
        );
        assert!(problems.is_empty());
        let date = Date::parse("2026-03-07").unwrap();
        assert_eq!(words.long_date("en-GB", &date), "7 March 2026");
        assert_eq!(words.long_date("cy", &date), "7 Mawrth 2026");
        assert_eq!(words.long_date("ar", &date), "7 مارس 2026");
        // a month a language lacks is the English one
        let november = Date::parse("2026-11-27").unwrap();
        assert_eq!(words.long_date("cy", &november), "27 November 2026");
        assert_eq!(words.counted("en-GB", "title", 3), "The three pillars");
        assert_eq!(words.counted("en-GB", "title", 9), "The 9 pillars");
        assert_eq!(words.counted("cy", "title", 3), "Y 3 colofn");
        assert_eq!(words.text("cy", "no_such_word"), "no_such_word");
    }

    #[test]
    fn a_forks_words_replace_and_extend_the_defaults() {
        let mut words = Words::default();
        let mut problems = Diagnostics::default();
        words.add("en.yaml", &file("en.yaml", "next: Next\n"), &mut problems);
        words.add(
            "en.yaml",
            &file("en.yaml", "next: Onwards\n"),
            &mut problems,
        );
        words.add("pl.yaml", &file("pl.yaml", "next: Dalej\n"), &mut problems);
        assert_eq!(words.of("en-GB")["next"].text, "Onwards");
        assert_eq!(words.of("pl")["next"].text, "Dalej");
        let german = serde_json::to_value(words.value("de")).unwrap();
        assert_eq!(german["next"], "Onwards");
    }
}
