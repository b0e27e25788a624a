//! `handbook override SLUG [--accept]`: a handbook that extends another
//! copies one of its base's chapters to edit, recording which version of the
//! base chapter it started from (see [`crate::load::derived`]); once the
//! editor has carried a later change of the base chapter over, `--accept`
//! records the base chapter's current version.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostics, did_you_mean};
use crate::error::Error;
use crate::load::Chapter;
use crate::load::derived::{Derivation, Derived, Originals, stamp, version_of};
use crate::load::extends::{self, Lineage};

/// What `override` wrote.
#[derive(Debug)]
pub struct Overridden {
    /// The handbook's chapter, written.
    pub path: PathBuf,
    /// The base chapter it replaces, as shown.
    pub original: PathBuf,
    /// The base chapter's version now recorded.
    pub version: String,
}

/// Copies the base's chapter `slug` into the handbook at `source_dir`, or
/// with `accept`, records the base chapter's current version in the copy.
pub fn override_chapter(source_dir: &Path, slug: &str, accept: bool) -> Result<Overridden, Error> {
    let lineage = extends::load(source_dir).map_err(Error::Content)?;
    let Some(base) = lineage.layers.get(1) else {
        return Err(Error::Usage(format!(
            "this handbook extends no other, so it has no base chapter to override: add `extends: PATH` to {}",
            lineage.layers[0].settings.source.file.display()
        )));
    };
    let base_chapters = base_chapters(&lineage)?;
    let base_book = extends::arrange(
        &lineage.layers[1..],
        base_chapters
            .iter()
            .map(|own| own.iter().collect())
            .collect(),
        true,
        &mut Diagnostics::default(),
    );
    let Some(original) = base_book.chapters.iter().find(|c| c.slug == slug) else {
        let slugs: Vec<&str> = base_book.chapters.iter().map(|c| c.slug.as_str()).collect();
        let hint = match did_you_mean(slug, &slugs) {
            Some(nearest) => format!("did you mean `{nearest}`?"),
            None => format!("its chapters are {}", slugs.join(", ")),
        };
        return Err(Error::Usage(format!(
            "{} has no chapter `{slug}`\n  hint: {hint}",
            base.settings.source.file.display()
        )));
    };
    if lineage
        .settings
        .exclude
        .iter()
        .any(|excluded| excluded == slug)
    {
        return Err(Error::Usage(format!(
            "`{slug}` is in `exclude:` in {}: take it out of that list to replace the chapter instead",
            lineage.layers[0].settings.source.file.display()
        )));
    }
    let own_chapters = extends::read_chapters(source_dir, true).map_err(Error::Content)?;
    let own = own_chapters.iter().find(|c| c.slug == slug);
    let originals = Originals::of(source_dir);
    let (path, text) = match (own, accept) {
        (Some(own), true) => {
            let derived = derived(own);
            let path = source_dir.join("chapters").join(&own.file_name);
            (path, stamp(derived, &original.text, &originals)?)
        }
        (None, false) => {
            let path = source_dir.join("chapters").join(&original.file_name);
            if path.exists() {
                return Err(Error::Usage(format!(
                    "{} exists already, with another slug: rename it first",
                    path.display()
                )));
            }
            let copy = Derived {
                file: &original.display_path,
                text: &original.text,
                derivation: Derivation::Override,
            };
            (path, stamp(copy, &original.text, &originals)?)
        }
        (Some(own), false) => {
            return Err(Error::Usage(format!(
                "{} replaces `{slug}` already: edit it, and run `handbook override {slug} --accept` once it carries over the base's changes",
                own.display_path.display()
            )));
        }
        (None, true) => {
            return Err(Error::Usage(format!(
                "this handbook has no chapter `{slug}` of its own to accept the base's version for: run `handbook override {slug}` to copy it first"
            )));
        }
    };
    write(&path, &text)?;
    Ok(Overridden {
        path,
        original: original.display_path.clone(),
        version: version_of(&original.text),
    })
}

/// The chapters of each handbook `lineage` extends; any problem reading
/// them is the error.
fn base_chapters(lineage: &Lineage) -> Result<Vec<Vec<Chapter>>, Error> {
    let layers = &lineage.layers[1..];
    let mut problems = Diagnostics::default();
    let mut chapters = Vec::with_capacity(layers.len());
    for layer in layers {
        let extends = layer.settings.extends.is_some();
        match extends::read_chapters(&layer.folder, extends) {
            Ok(read) => chapters.push(read),
            Err(found) => {
                problems.extend(found);
                chapters.push(Vec::new());
            }
        }
    }
    problems.into_result(chapters).map_err(Error::Content)
}

fn derived(chapter: &Chapter) -> Derived<'_> {
    Derived {
        file: &chapter.display_path,
        text: &chapter.text,
        derivation: Derivation::Override,
    }
}

fn write(path: &Path, text: &str) -> Result<(), Error> {
    let io_error = |source| Error::Io {
        action: "cannot write",
        path: path.to_path_buf(),
        source,
    };
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(io_error)?;
    }
    std::fs::write(path, text).map_err(io_error)
}
