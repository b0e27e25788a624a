//! Texts derived from another text, which must know when their original
//! changed: a fork's chapter that replaces its base's chapter, and a
//! chapter's translation. Both are the same problem, solved once here.
//!
//! A derived chapter records in its front matter the version of the original
//! it was made from (`overrides:` for a fork's replacement, `translation_of:`
//! for a translation): a short hash of the original's text. A copy of that
//! version is kept in the derived handbook's own folder
//! (`.handbook/originals/VERSION.md`, committed with the handbook), so when
//! the original changes the editor is shown *what* changed, as a diff, and
//! can carry it over; then the command that made the copy, run again with
//! `--accept`, records the new version.

use std::ops::Range;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use super::front_matter;
use super::yaml::Positions;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;

/// Where a handbook keeps the versions of originals its chapters were made
/// from, relative to its source folder.
pub const ORIGINALS_FOLDER: &str = ".handbook/originals";

/// What a derived chapter is to its original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derivation {
    /// A fork's chapter replacing the base handbook's chapter of the same slug.
    Override,
    /// A translation of a chapter into another language.
    Translation,
}

impl Derivation {
    /// The front matter key that records the original's version.
    pub fn key(self) -> &'static str {
        match self {
            Derivation::Override => "overrides",
            Derivation::Translation => "translation_of",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Derivation::Override => "replacement",
            Derivation::Translation => "translation",
        }
    }
}

/// The version of an original text: 12 hex digits of its hash. Line endings
/// do not count, so an editor that saves with CRLF makes no new version.
pub fn version_of(text: &str) -> String {
    let hash = if text.contains('\r') {
        xxhash_rust::xxh3::xxh3_64(text.replace("\r\n", "\n").as_bytes())
    } else {
        xxhash_rust::xxh3::xxh3_64(text.as_bytes())
    };
    format!("{hash:016x}")[..12].to_string()
}

/// The versions of originals kept by one handbook.
#[derive(Debug, Clone)]
pub struct Originals {
    folder: PathBuf,
}

impl Originals {
    /// The store of the handbook whose source folder is `source_dir`.
    pub fn of(source_dir: &Path) -> Originals {
        Originals {
            folder: source_dir.join(ORIGINALS_FOLDER),
        }
    }

    /// Keeps a copy of `original` (once per version) and returns its version.
    pub fn keep(&self, original: &str) -> Result<String, Error> {
        let version = version_of(original);
        let path = self.path_of(&version);
        if !path.is_file() {
            std::fs::create_dir_all(&self.folder).map_err(|source| Error::Io {
                action: "cannot create the folder",
                path: self.folder.clone(),
                source,
            })?;
            std::fs::write(&path, original).map_err(|source| Error::Io {
                action: "cannot write",
                path: path.clone(),
                source,
            })?;
        }
        Ok(version)
    }

    /// The kept text of `version`, when the store has it.
    pub fn kept(&self, version: &str) -> Option<String> {
        let path = self.path_of(version);
        std::fs::read_to_string(path).ok()
    }

    fn path_of(&self, version: &str) -> PathBuf {
        // a version is written by hand in front matter: never a path
        let safe: String = version
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        self.folder.join(format!("{safe}.md"))
    }
}

/// A derived chapter as read: its file and text.
#[derive(Debug, Clone, Copy)]
pub struct Derived<'a> {
    pub file: &'a Path,
    pub text: &'a str,
    pub derivation: Derivation,
}

/// The original it derives from, as it is now.
#[derive(Debug, Clone, Copy)]
pub struct Original<'a> {
    /// The original's path as shown in messages.
    pub file: &'a Path,
    pub text: &'a str,
}

impl Derived<'_> {
    /// The version of the original this chapter records, and where it is
    /// written (1-based line and column), if it records one.
    pub fn recorded(&self) -> Option<(String, (usize, usize))> {
        let yaml = front_matter::yaml_span(self.text)?;
        let key = self.derivation.key();
        let text = &self.text[yaml.clone()];
        let (line, column) = Positions::of(text).get(key)?;
        let value = text.lines().nth(line - 1)?[column - 1..]
            .strip_prefix(key)?
            .trim_start()
            .strip_prefix(':')?;
        let version = value.trim().trim_matches(['"', '\'']).to_string();
        let lines_before = self.text[..yaml.start].matches('\n').count();
        Some((version, (line + lines_before, column)))
    }

    /// A warning when the original has changed since the recorded version,
    /// with the change as a diff (when the recorded version was kept) and
    /// `accept` (the command that records the new version) in the hint. A
    /// chapter that records no version is warned about too: it cannot tell.
    pub fn drift(
        &self,
        original: Original<'_>,
        originals: &Originals,
        accept: &str,
    ) -> Option<Diagnostic> {
        let current = version_of(original.text);
        let key = self.derivation.key();
        let noun = self.derivation.noun();
        let original_name = original.file.display();
        let Some((recorded, (line, column))) = self.recorded() else {
            return Some(
                Diagnostic::new(
                    self.file,
                    format!(
                        "this {noun} does not record which version of `{original_name}` it was made from"
                    ),
                )
                .at(self.text, 1, 1)
                .with_hint(format!(
                    "once it matches the original as it is now, run `{accept}`: it adds `{key}: {current}` to the front matter, so you are told when the original changes"
                ))
                .as_warning(),
            );
        };
        if recorded == current {
            return None;
        }
        let change = match originals.kept(&recorded) {
            Some(before) => format!(
                "the original's change since then:\n{}",
                unified_diff(&before, original.text, &recorded, &current)
            ),
            None => format!(
                "no copy of version {recorded} is kept in {ORIGINALS_FOLDER}/, so the change cannot be shown: compare the two files by hand"
            ),
        };
        Some(
            Diagnostic::new(
                self.file,
                format!("`{original_name}` has changed since this {noun} was made from it"),
            )
            .at(self.text, line, column)
            .with_hint(format!(
                "carry the change over to this {noun}, then run `{accept}`\n{change}"
            ))
            .as_warning(),
        )
    }
}

/// `derived` recording the current version of `original`, which is kept.
/// A new translation or replacement starts as `stamp(original, original, …)`;
/// `--accept` stamps the derived chapter once the editor has carried the
/// original's change over.
pub fn stamp(derived: Derived<'_>, original: &str, originals: &Originals) -> Result<String, Error> {
    let version = originals.keep(original)?;
    with_version(derived.text, derived.derivation, &version).ok_or_else(|| {
        let problem = Diagnostic::new(derived.file, "this chapter has no front matter")
            .at(derived.text, 1, 1)
            .with_hint("start the file with a `---` line, then `title: Your title`, then another `---` line");
        Error::Content(Diagnostics(vec![problem]))
    })
}

/// `derived` with `key: version` in its front matter: the line replaced
/// where the key is set, else added after the title (or first) line. The
/// rest of the file is kept byte for byte.
fn with_version(derived: &str, derivation: Derivation, version: &str) -> Option<String> {
    let key = derivation.key();
    let yaml = front_matter::yaml_span(derived)?;
    let newline = if derived.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let record = format!("{key}: {version}{newline}");
    let lines = line_ranges(derived, yaml.clone());
    let at = lines
        .iter()
        .find(|line| is_key_line(&derived[(*line).clone()], key));
    let mut out = String::with_capacity(derived.len() + record.len());
    match at {
        Some(line) => {
            out.push_str(&derived[..line.start]);
            out.push_str(&record);
            out.push_str(&derived[line.end..]);
        }
        None => {
            let after = lines
                .iter()
                .find(|line| is_key_line(&derived[(*line).clone()], "title"))
                .map_or(yaml.start, |line| line.end);
            out.push_str(&derived[..after]);
            out.push_str(&record);
            out.push_str(&derived[after..]);
        }
    }
    Some(out)
}

/// A top-level `key:` line (not indented: nested keys never match).
fn is_key_line(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with(':'))
}

/// The byte ranges of the lines (with their endings) within `span`.
fn line_ranges(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let mut start = span.start;
    text[span.clone()]
        .split_inclusive('\n')
        .map(|line| {
            let range = start..start + line.len();
            start = range.end;
            range
        })
        .collect()
}

/// A unified diff of `before` → `after`, three lines of context.
pub fn unified_diff(before: &str, after: &str, before_name: &str, after_name: &str) -> String {
    TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(before_name, after_name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGINAL: &str = "---\ntitle: Welcome\n---\n\nHello.\n";

    #[test]
    fn a_version_ignores_line_endings_but_not_words() {
        assert_eq!(
            version_of(ORIGINAL),
            version_of(&ORIGINAL.replace('\n', "\r\n"))
        );
        assert_ne!(
            version_of(ORIGINAL),
            version_of(&ORIGINAL.replace("Hello", "Hi"))
        );
        assert_eq!(version_of(ORIGINAL).len(), 12);
    }

    #[test]
    fn the_version_is_added_after_the_title_and_replaced_in_place() {
        let added = with_version(ORIGINAL, Derivation::Translation, "abc123abc123").unwrap();
        assert_eq!(
            added,
            "---\ntitle: Welcome\ntranslation_of: abc123abc123\n---\n\nHello.\n"
        );
        let replaced = with_version(&added, Derivation::Translation, "def456def456").unwrap();
        assert_eq!(
            replaced,
            "---\ntitle: Welcome\ntranslation_of: def456def456\n---\n\nHello.\n"
        );
        let crlf = ORIGINAL.replace('\n', "\r\n");
        let added = with_version(&crlf, Derivation::Override, "abc123abc123").unwrap();
        assert_eq!(
            added,
            "---\r\ntitle: Welcome\r\noverrides: abc123abc123\r\n---\r\n\r\nHello.\r\n"
        );
    }

    #[test]
    fn a_nested_key_of_the_same_name_is_not_the_record() {
        let text = "---\ntitle: T\nextra:\n  overrides: x\n---\nBody\n";
        let out = with_version(text, Derivation::Override, "v1v1v1v1v1v1").unwrap();
        assert_eq!(
            out,
            "---\ntitle: T\noverrides: v1v1v1v1v1v1\nextra:\n  overrides: x\n---\nBody\n"
        );
    }

    #[test]
    fn a_changed_original_is_a_warning_at_the_record_with_the_diff() {
        let dir = tempfile::tempdir().unwrap();
        let originals = Originals::of(dir.path());
        let version = originals.keep(ORIGINAL).unwrap();
        let translation = format!("---\ntitle: Croeso\ntranslation_of: {version}\n---\n\nHelo.\n");
        let derived = Derived {
            file: Path::new("chapters/01-welcome.cy.md"),
            text: &translation,
            derivation: Derivation::Translation,
        };
        let same = Original {
            file: Path::new("chapters/01-welcome.md"),
            text: ORIGINAL,
        };
        assert!(derived.drift(same, &originals, "accept").is_none());

        let changed = ORIGINAL.replace("Hello.", "Hello, and welcome.");
        let now = Original {
            text: &changed,
            ..same
        };
        let warning = derived
            .drift(
                now,
                &originals,
                "handbook translate welcome --to cy --accept",
            )
            .unwrap();
        assert!(warning.is_warning());
        assert_eq!((warning.line, warning.column), (Some(3), Some(1)));
        assert_eq!(
            warning.message,
            "`chapters/01-welcome.md` has changed since this translation was made from it"
        );
        let hint = warning.hint.unwrap();
        assert!(hint.contains("-Hello.\n+Hello, and welcome.\n"), "{hint}");
        assert!(
            hint.contains("handbook translate welcome --to cy --accept"),
            "{hint}"
        );
    }

    #[test]
    fn an_unkept_version_and_a_missing_record_are_said_plainly() {
        let dir = tempfile::tempdir().unwrap();
        let originals = Originals::of(dir.path());
        let original = Original {
            file: Path::new("base/chapters/02-values.md"),
            text: ORIGINAL,
        };
        let forked = "---\ntitle: Our values\noverrides: 000000000000\n---\nOurs.\n";
        let derived = Derived {
            file: Path::new("chapters/02-values.md"),
            text: forked,
            derivation: Derivation::Override,
        };
        let warning = derived.drift(original, &originals, "accept").unwrap();
        assert!(
            warning
                .hint
                .unwrap()
                .contains("no copy of version 000000000000 is kept")
        );

        let unrecorded = Derived {
            text: "---\ntitle: Our values\n---\nOurs.\n",
            ..derived
        };
        let warning = unrecorded
            .drift(original, &originals, "handbook override values --accept")
            .unwrap();
        assert!(
            warning.message.contains("does not record which version"),
            "{}",
            warning.message
        );
        assert_eq!(warning.line, Some(1));
    }

    #[test]
    fn stamping_keeps_the_original_and_records_its_version() {
        let dir = tempfile::tempdir().unwrap();
        let originals = Originals::of(dir.path());
        let new_translation = Derived {
            file: Path::new("chapters/01-welcome.cy.md"),
            text: ORIGINAL,
            derivation: Derivation::Translation,
        };
        let started = stamp(new_translation, ORIGINAL, &originals).unwrap();
        let version = version_of(ORIGINAL);
        assert!(started.contains(&format!("translation_of: {version}\n")));
        assert_eq!(originals.kept(&version).as_deref(), Some(ORIGINAL));

        let no_front_matter = Derived {
            text: "Just text\n",
            ..new_translation
        };
        let error = stamp(no_front_matter, ORIGINAL, &originals).unwrap_err();
        assert!(error.to_string().contains("no front matter"), "{error}");
    }

    #[test]
    fn a_version_written_by_hand_never_leaves_the_store() {
        let originals = Originals::of(Path::new("/handbook"));
        assert_eq!(
            originals.path_of("../../etc/passwd"),
            Path::new("/handbook/.handbook/originals/etcpasswd.md")
        );
    }
}
