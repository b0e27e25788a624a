//! A handbook that extends another (`extends:` in `handbook.yaml`): it starts
//! from the base's chapters, assets and settings. Its own chapter with a
//! base chapter's slug replaces it, a new slug adds a chapter, `exclude:`
//! leaves base chapters out; settings merge key by key, the extending
//! handbook winning, nested maps merged. A base may extend another in turn.
//!
//! [`load`] reads the chain of settings files ([`Lineage`]), [`arrange`]
//! makes one book of the chapters of every handbook in it. Each chapter and
//! asset keeps the path of the file it came from, so a problem in a base is
//! reported in the base's file. The rest of the pipeline sees one handbook.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::chapters::{Chapter, chapter_paths, read_chapter};
use super::derived::{Derivation, Derived, Original, Originals};
use super::files::{FolderFile, read_assets};
use super::settings::{self, Settings};
use super::yaml::YamlFile;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean, display_path};

/// One handbook of a lineage: its folder and its own settings, read alone.
#[derive(Debug, Clone)]
pub struct Layer {
    pub folder: PathBuf,
    pub settings: Settings,
}

/// A handbook and the handbooks it extends.
#[derive(Debug, Clone)]
pub struct Lineage {
    /// Nearest first: the handbook itself, then its base, then the base's base.
    pub layers: Vec<Layer>,
    /// Their settings merged, the nearest winning, and checked.
    pub settings: Settings,
}

impl Lineage {
    /// The folders of the handbooks, nearest first.
    pub fn folders(&self) -> Vec<PathBuf> {
        self.layers
            .iter()
            .map(|layer| layer.folder.clone())
            .collect()
    }

    /// The folder of the handbook whose settings name the theme: its theme
    /// folder is looked for there.
    pub fn theme_root(&self) -> &Path {
        self.layers
            .iter()
            .find(|layer| layer.settings.source.position("theme").is_some())
            .unwrap_or(&self.layers[0])
            .folder
            .as_path()
    }

    /// The `assets/` files of every handbook, by name; the nearest
    /// handbook's file wins.
    pub fn read_assets(&self, problems: &mut Diagnostics) -> Vec<FolderFile> {
        let mut by_name = BTreeMap::new();
        for layer in self.layers.iter().rev() {
            for file in read_assets(&layer.folder, problems) {
                by_name.insert(file.name.clone(), file);
            }
        }
        by_name.into_values().collect()
    }
}

/// Reads the settings of the handbook at `root` and of every handbook it
/// extends, merges and checks them. A missing base or a cycle is an error
/// at the `extends:` line that leads to it.
pub fn load(root: &Path) -> Result<Lineage, Diagnostics> {
    let mut layers = vec![Layer {
        folder: canonical(root),
        settings: settings::read(root)?,
    }];
    let mut seen = vec![layers[0].folder.clone()];
    while let Some(extends) = layers.last().and_then(|l| l.settings.extends.clone()) {
        let layer = layers.last().expect("at least the handbook itself");
        let at_extends = |message: String| layer.settings.source.locate("extends", message);
        let folder = layer.folder.join(&extends);
        if !folder.is_dir() {
            return Err(Diagnostics(vec![
                at_extends(format!("the handbook to extend, `{extends}`, is not a folder"))
                    .with_hint("write the path of the folder that holds the base handbook's `handbook.yaml`, relative to this handbook's folder (a base kept as a git submodule needs `git submodule update --init`)"),
            ]));
        }
        let folder = canonical(&folder);
        if seen.contains(&folder) {
            let files: Vec<String> = layers
                .iter()
                .map(|l| l.settings.source.file.display().to_string())
                .chain([display_path(&folder, &folder.join(settings::FILE_NAME))
                    .display()
                    .to_string()])
                .collect();
            return Err(Diagnostics(vec![
                at_extends(format!(
                    "the handbooks extend each other in a circle: {}",
                    files.join(" extends ")
                ))
                .with_hint("a handbook cannot extend itself, directly or through another: remove one of these `extends:`"),
            ]));
        }
        seen.push(folder.clone());
        let settings = settings::read(&folder)?;
        layers.push(Layer { folder, settings });
    }
    let mut problems = Diagnostics::default();
    if let Some(layer) = layers.last()
        && !layer.settings.exclude.is_empty()
    {
        problems.push(
            layer.settings.source.locate("exclude", "`exclude:` leaves out chapters of the handbook this one extends, and it extends none")
                .with_hint("add `extends: PATH` naming the base handbook's folder, or remove `exclude:`"),
        );
    }
    let settings = merge(&layers)?;
    problems.extend(settings.problems());
    problems.into_result(Lineage { layers, settings })
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The settings of `layers` (nearest first) merged: each value a file sets
/// wins over those of the files further down, maps merged key by key.
fn merge(layers: &[Layer]) -> Result<Settings, Diagnostics> {
    let (furthest, nearer) = layers.split_last().expect("at least the handbook itself");
    let as_value = |settings: &Settings| serde_json::to_value(settings).unwrap_or(Value::Null);
    let mut merged = as_value(&furthest.settings);
    let mut source = furthest.settings.source.clone();
    for layer in nearer.iter().rev() {
        overlay(
            &mut merged,
            &as_value(&layer.settings),
            &layer.settings.source,
            "",
        );
        let mut nearer_file = layer.settings.source.clone();
        nearer_file.base = Some(Box::new(source));
        source = nearer_file;
    }
    let own = &layers[0].settings;
    let mut settings: Settings = serde_json::from_value(merged).map_err(|error| {
        // both sides were settings: this is the generator's mistake
        Diagnostics(vec![Diagnostic::new(
            &own.source.file,
            format!("cannot merge these settings with the base's: {error}"),
        )])
    })?;
    settings.extends = own.extends.clone();
    settings.exclude = own.exclude.clone();
    settings.source = source;
    Ok(settings)
}

/// Lays the values `file` sets (keys under `path`) of `over` onto `under`.
fn overlay(under: &mut Value, over: &Value, file: &YamlFile, path: &str) {
    let (Value::Object(under), Value::Object(over)) = (under, over) else {
        return;
    };
    for (key, value) in over {
        let key_path = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        if file.position(&key_path).is_none() {
            continue;
        }
        match under.get_mut(key) {
            Some(below @ Value::Object(_)) if value.is_object() => {
                overlay(below, value, file, &key_path)
            }
            _ => {
                under.insert(key.clone(), value.clone());
            }
        }
    }
}

/// The chapter files of the handbook in `folder`, read; a handbook that
/// `extends` another may have none of its own.
pub fn read_chapters(folder: &Path, extends: bool) -> Result<Vec<Chapter>, Diagnostics> {
    let listed = match chapter_paths(folder) {
        Ok(listed) => listed,
        Err(_) if extends && !has_chapter_files(folder) => Vec::new(),
        Err(problem) => return Err(Diagnostics(vec![problem])),
    };
    let mut problems = Diagnostics::default();
    let mut chapters = Vec::new();
    for (path, _) in listed {
        match read_chapter(folder, &path) {
            Ok(chapter) => chapters.push(chapter),
            Err(found) => problems.extend(found),
        }
    }
    problems.into_result(chapters)
}

/// Whether the handbook in `folder` has a `chapters/` folder with anything
/// in it: a handbook that extends another needs none.
pub fn has_chapter_files(folder: &Path) -> bool {
    std::fs::read_dir(folder.join("chapters"))
        .is_ok_and(|mut entries| entries.any(|entry| entry.is_ok()))
}

/// A base chapter replaced by one of the extending handbook's.
#[derive(Debug, Clone, Copy)]
pub struct Replacement<'a> {
    pub chapter: &'a Chapter,
    pub original: &'a Chapter,
    /// The handbook that replaced it: 0 for the handbook itself, 1 for its base...
    pub layer: usize,
}

/// The chapters of a lineage made into one book.
#[derive(Debug, Default)]
pub struct Arranged<'a> {
    /// The book's chapters, in no particular order.
    pub chapters: Vec<&'a Chapter>,
    pub replaced: Vec<Replacement<'a>>,
    /// Chapters with a slug no handbook further down has, each with the
    /// handbook that added it.
    pub added: Vec<(&'a Chapter, usize)>,
    /// Base chapters left out, each with the handbook whose `exclude:` did.
    pub excluded: Vec<(&'a Chapter, usize)>,
}

/// Makes one book of `chapters`, those of each handbook of `layers` (nearest
/// first; without layers, the chapters of one handbook), drafts left out
/// unless `include_drafts`. An `exclude:` that names no base chapter is a
/// problem.
pub fn arrange<'a>(
    layers: &[Layer],
    chapters: Vec<Vec<&'a Chapter>>,
    include_drafts: bool,
    problems: &mut Diagnostics,
) -> Arranged<'a> {
    let mut arranged = Arranged::default();
    let mut book: BTreeMap<&str, &Chapter> = BTreeMap::new();
    // drafts are known slugs, even when left out of this build
    let mut drafts: HashSet<&str> = HashSet::new();
    for (index, own) in chapters.into_iter().enumerate().rev() {
        if let Some(layer) = layers.get(index).filter(|_| index + 1 < layers.len()) {
            for (i, slug) in layer.settings.exclude.iter().enumerate() {
                match book.remove(slug.as_str()) {
                    Some(chapter) => arranged.excluded.push((chapter, index)),
                    None if drafts.contains(slug.as_str()) => {}
                    None => problems.push(unknown_exclude(layer, i, slug, &book)),
                }
            }
        }
        for chapter in own {
            if chapter.front.draft && !include_drafts {
                drafts.insert(&chapter.slug);
                continue;
            }
            match book.insert(&chapter.slug, chapter) {
                Some(original) => arranged.replaced.push(Replacement {
                    chapter,
                    original,
                    layer: index,
                }),
                None => arranged.added.push((chapter, index)),
            }
        }
    }
    arranged.chapters = book.into_values().collect();
    arranged
}

fn unknown_exclude(
    layer: &Layer,
    index: usize,
    slug: &str,
    book: &BTreeMap<&str, &Chapter>,
) -> Diagnostic {
    let slugs: Vec<&str> = book.keys().copied().collect();
    let hint = match did_you_mean(slug, &slugs) {
        Some(nearest) => format!("did you mean `{nearest}`?"),
        None => format!("the base's chapters are {}", slugs.join(", ")),
    };
    layer
        .settings
        .source
        .locate(
            &format!("exclude.{index}"),
            format!("the handbook this one extends has no chapter `{slug}` to exclude"),
        )
        .with_hint(hint)
}

impl<'a> Arranged<'a> {
    /// File names of replaced chapters, each with the slug of its
    /// replacement: a base chapter's link to one goes to the replacement.
    pub fn replaced_file_names(&self) -> impl Iterator<Item = (&'a str, &'a str)> + '_ {
        self.replaced.iter().map(|replacement| {
            (
                replacement.original.file_name.as_str(),
                replacement.chapter.slug.as_str(),
            )
        })
    }

    /// File names of the chapters left out, each with its path: a link to
    /// one is an error naming both files.
    pub fn excluded_files(&self) -> HashMap<&'a str, &'a Path> {
        self.excluded
            .iter()
            .map(|(chapter, _)| (chapter.file_name.as_str(), chapter.display_path.as_path()))
            .collect()
    }

    /// A warning for each chapter this handbook replaces whose base chapter
    /// changed since it was copied (see [`super::derived`]); versions are
    /// kept in the handbook at `source_dir`.
    pub fn drift(&self, source_dir: &Path) -> Diagnostics {
        let originals = Originals::of(source_dir);
        self.replaced
            .iter()
            .filter(|replacement| replacement.layer == 0)
            .filter_map(|replacement| {
                let derived = Derived {
                    file: &replacement.chapter.display_path,
                    text: &replacement.chapter.text,
                    derivation: Derivation::Override,
                };
                let original = Original {
                    file: &replacement.original.display_path,
                    text: &replacement.original.text,
                };
                let accept = format!("handbook override {} --accept", replacement.chapter.slug);
                derived.drift(original, &originals, &accept)
            })
            .collect()
    }

    /// What the handbook itself does with the chapters of `base`, the
    /// handbook it extends (its folder as shown).
    pub fn summary(&self, base: &Path) -> Summary {
        let own = |layer: &usize| *layer == 0;
        let entry = |chapter: &Chapter| (chapter.slug.clone(), chapter.display_path.clone());
        Summary {
            base: base.to_path_buf(),
            replaced: self
                .replaced
                .iter()
                .filter(|r| own(&r.layer))
                .map(|r| (r.chapter.slug.clone(), r.original.display_path.clone()))
                .collect(),
            added: self
                .added
                .iter()
                .filter(|(_, layer)| own(layer))
                .map(|(chapter, _)| entry(chapter))
                .collect(),
            excluded: self
                .excluded
                .iter()
                .filter(|(_, layer)| own(layer))
                .map(|(chapter, _)| entry(chapter))
                .collect(),
        }
    }
}

/// What a handbook that extends another replaces, adds and leaves out of
/// its base, for `handbook check`.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The base handbook's folder, as shown.
    pub base: PathBuf,
    /// Slug, and the base chapter replaced.
    pub replaced: Vec<(String, PathBuf)>,
    /// Slug, and the chapter added.
    pub added: Vec<(String, PathBuf)>,
    /// Slug, and the base chapter left out.
    pub excluded: Vec<(String, PathBuf)>,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "This handbook extends {}:", self.base.display())?;
        for (what, entries) in [
            ("replaces", &self.replaced),
            ("adds", &self.added),
            ("excludes", &self.excluded),
        ] {
            write!(f, "  {what} {}", entries.len())?;
            for (slug, file) in entries {
                write!(f, "\n    {slug} ({})", file.display())?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}
