//! `handbook translate SLUG --to LANG`: starts a chapter's translation as a
//! copy of its original, beside it (`chapters/01-welcome.cy.md`), recording
//! the original's version in `translation_of:`; with `--accept`, records
//! the original's current version in a translation once the translator has
//! carried the original's change over. The recording is [`derived`]'s, the
//! one a fork's replaced chapter uses too.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostics, did_you_mean, display_path};
use crate::error::Error;
use crate::load::derived::{self, Derivation, Derived, Originals};
use crate::load::{self, Chapter};

/// What `translate` did.
#[derive(Debug)]
pub struct Translated {
    /// The translation's file.
    pub file: PathBuf,
    /// The version of the original it now records.
    pub version: String,
}

/// Starts (or, with `accept`, brings up to date) the translation into `to`
/// of the chapter `slug` of the handbook in `source_dir`.
pub fn translate(
    source_dir: &Path,
    slug: &str,
    to: &str,
    accept: bool,
) -> Result<Translated, Error> {
    let settings = load::extends::load(source_dir)
        .map_err(Error::Content)?
        .settings;
    if !settings
        .languages
        .iter()
        .any(|language| language.code == to)
    {
        return Err(Error::Usage(load::editions::unlisted_language(
            to, &settings,
        )));
    }
    let original = find_original(source_dir, slug)?;
    let original_path = source_dir.join("chapters").join(&original.file_name);
    let file = original_path.with_file_name(translation_name(&original.file_name, to));
    let shown = display_path(source_dir, &file);
    let originals = Originals::of(source_dir);
    let derived_text = if accept {
        std::fs::read_to_string(&file).map_err(|_| {
            Error::Usage(format!(
                "there is no translation to accept: {} does not exist\n  hint: start it with `handbook translate {slug} --to {to}`",
                shown.display()
            ))
        })?
    } else {
        if file.exists() {
            return Err(Error::Usage(format!(
                "{} exists already\n  hint: to record that it matches the original as it is now, run `handbook translate {slug} --to {to} --accept`",
                shown.display()
            )));
        }
        original.text.clone()
    };
    let stamped = derived::stamp(
        Derived {
            file: &shown,
            text: &derived_text,
            derivation: Derivation::Translation,
        },
        &original.text,
        &originals,
    )?;
    std::fs::write(&file, stamped).map_err(|source| Error::Io {
        action: "cannot write",
        path: file.clone(),
        source,
    })?;
    Ok(Translated {
        file: shown,
        version: derived::version_of(&original.text),
    })
}

/// `01-welcome.md` into `cy`: `01-welcome.cy.md`.
fn translation_name(original: &str, to: &str) -> String {
    match original.strip_suffix(".md") {
        Some(stem) => format!("{stem}.{to}.md"),
        None => format!("{original}.{to}.md"),
    }
}

/// The original chapter (not a translation) whose slug is `slug`.
fn find_original(source_dir: &Path, slug: &str) -> Result<Chapter, Error> {
    let paths =
        load::chapter_paths(source_dir).map_err(|d| Error::Content(Diagnostics(vec![d])))?;
    let mut slugs = Vec::new();
    for (path, _) in paths {
        let chapter = load::read_chapter(source_dir, &path).map_err(Error::Content)?;
        if chapter.language.is_some() {
            continue;
        }
        if chapter.slug == slug {
            return Ok(chapter);
        }
        slugs.push(chapter.slug);
    }
    let known: Vec<&str> = slugs.iter().map(String::as_str).collect();
    let hint = match did_you_mean(slug, &known) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("the chapters are {}", known.join(", ")),
    };
    Err(Error::Usage(format!(
        "no chapter has the slug `{slug}`\n  hint: {hint}"
    )))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_translation_is_named_after_its_original() {
        assert_eq!(
            super::translation_name("01-welcome.md", "cy"),
            "01-welcome.cy.md"
        );
    }
}
