//! Stage 1, **load**: read a handbook's source folder into memory.
//!
//! `handbook.yaml` becomes a [`SiteConfig`](crate::config::SiteConfig), each
//! `chapters/*.md` file a [`Chapter`] with its front matter parsed and its body
//! kept as text together with the line it starts on, so later stages can
//! report problems at the right line of the file.

pub mod front_matter;
pub mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
pub use front_matter::FrontMatter;

/// One chapter file, loaded.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// Path as shown in messages (`handbook/chapters/02-introduction.md`).
    pub display_path: PathBuf,
    /// File name, used to resolve links written as `02-introduction.md`.
    pub file_name: String,
    pub slug: String,
    pub order: i64,
    pub front: FrontMatter,
    /// The whole file's text (for quoting lines in diagnostics).
    pub text: String,
    /// Byte offset in `text` where the Markdown body starts.
    pub body_start: usize,
}

impl Chapter {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The navigation label: `nav_title`, else `title`.
    pub fn nav_title(&self) -> &str {
        self.front.nav_title.as_deref().unwrap_or(&self.front.title)
    }
}

/// Everything read from a source folder.
#[derive(Debug, Clone)]
pub struct Source {
    pub root: PathBuf,
    pub config: SiteConfig,
    /// Chapters in reading order (drafts removed unless asked for).
    pub chapters: Vec<Chapter>,
    /// Files under `assets/`, relative to it (forward slashes).
    pub assets: Vec<String>,
    /// File names of chapters that exist but could not be loaded (their
    /// problems are reported); links to them are not reported as broken.
    pub unloaded: Vec<String>,
}

impl Source {
    pub fn chapter_by_file(&self, file_name: &str) -> Option<&Chapter> {
        self.chapters.iter().find(|c| c.file_name == file_name)
    }

    /// Chapter file name → slug, for every chapter a link may name: those
    /// loaded, and those whose problems stopped them loading (by file name).
    pub fn link_targets(&self) -> HashMap<&str, &str> {
        let unloaded = self.unloaded.iter().map(|file_name| {
            let stem = file_name.trim_end_matches(".md");
            (file_name.as_str(), split_order_prefix(stem).1)
        });
        self.chapters
            .iter()
            .map(|c| (c.file_name.as_str(), c.slug.as_str()))
            .chain(unloaded)
            .collect()
    }
}

/// Options that change what is loaded.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    pub include_drafts: bool,
}

/// Reads the source folder at `root`, collecting every problem.
pub fn load(root: &Path, options: LoadOptions) -> Result<Source, Diagnostics> {
    match load_partial(root, options) {
        (Some(source), problems) => problems.into_result(source),
        (None, mut problems) => {
            problems.sort();
            Err(problems)
        }
    }
}

/// Reads what can be read of the source folder at `root`, and every problem
/// found. The source is there whenever `handbook.yaml` loaded, so later
/// stages can report their problems in the same run.
pub fn load_partial(root: &Path, options: LoadOptions) -> (Option<Source>, Diagnostics) {
    let mut problems = Diagnostics::default();
    let config = match crate::config::load(root) {
        Ok(config) => Some(config),
        Err(found) => {
            problems.extend(found);
            None
        }
    };
    let (chapters, unloaded) = load_chapters(root, options, &mut problems);
    let assets = list_assets(root, &mut problems);
    let source = config.map(|config| Source {
        root: root.to_path_buf(),
        config,
        chapters,
        assets,
        unloaded,
    });
    (source, problems)
}

/// The chapters that loaded, in reading order, and the file names of those that did not.
fn load_chapters(
    root: &Path,
    options: LoadOptions,
    problems: &mut Diagnostics,
) -> (Vec<Chapter>, Vec<String>) {
    let dir = root.join("chapters");
    let shown_dir = display_path(root, &dir);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(
                Diagnostic::new(
                    &shown_dir,
                    format!("cannot read the chapters folder: {error}"),
                )
                .with_hint("a handbook keeps one Markdown file per chapter in `chapters/`"),
            );
            return (Vec::new(), Vec::new());
        }
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for path in entries.filter_map(Result::ok).map(|entry| entry.path()) {
        if path.extension().is_none_or(|ext| ext != "md") {
            continue;
        }
        if path.is_symlink() {
            match file_behind_link(&path, root) {
                Ok(_) => paths.push(path),
                Err(problem) => problems.push(problem.at_path(root, &path)),
            }
        } else if path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    if paths.is_empty() {
        problems.push(
            Diagnostic::new(&shown_dir, "the chapters folder has no `.md` files")
                .with_hint("add a chapter such as `chapters/01-introduction.md`"),
        );
        return (Vec::new(), Vec::new());
    }

    let mut unloaded = Vec::new();
    let mut chapters: Vec<Chapter> = paths
        .iter()
        .filter_map(|path| match read_chapter(root, path) {
            Ok(chapter) => Some(chapter),
            Err(found) => {
                problems.extend(found);
                if let Some(name) = path.file_name() {
                    unloaded.push(name.to_string_lossy().into_owned());
                }
                None
            }
        })
        .filter(|chapter| options.include_drafts || !chapter.front.draft)
        .collect();
    chapters.sort_by(|a, b| (a.order, &a.file_name).cmp(&(b.order, &b.file_name)));
    check_unique_slugs(&chapters, problems);
    (chapters, unloaded)
}

fn read_chapter(root: &Path, path: &Path) -> Result<Chapter, Diagnostics> {
    let shown = display_path(root, path);
    let bytes = std::fs::read(path).map_err(|error| {
        Diagnostics(vec![Diagnostic::new(
            &shown,
            format!("cannot read: {error}"),
        )])
    })?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&error.as_bytes()[..offset]).into_owned();
        Diagnostics(vec![
            Diagnostic::new(&shown, "this file is not UTF-8 text")
                .at_offset(&valid, offset)
                .with_hint(
                    "save the file with UTF-8 encoding (most editors offer it under \"Save as\")",
                ),
        ])
    })?;
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parsed = front_matter::parse(&shown, &text).map_err(|d| Diagnostics(vec![d]))?;
    let (prefix, stem) = split_order_prefix(file_name.trim_end_matches(".md"));
    let slug = parsed
        .front
        .slug
        .clone()
        .unwrap_or_else(|| stem.to_string());
    let order = parsed.front.order.or(prefix).unwrap_or(i64::MAX);
    Ok(Chapter {
        display_path: shown,
        file_name,
        slug,
        order,
        front: parsed.front,
        body_start: parsed.body_start,
        text,
    })
}

/// `02-introduction` → (Some(2), "introduction"); `notes` → (None, "notes").
pub fn split_order_prefix(stem: &str) -> (Option<i64>, &str) {
    match stem.split_once('-') {
        Some((digits, rest))
            if !digits.is_empty()
                && !rest.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit()) =>
        {
            (digits.parse().ok(), rest)
        }
        _ => (None, stem),
    }
}

fn check_unique_slugs(chapters: &[Chapter], problems: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Chapter> = HashMap::new();
    for chapter in chapters {
        if let Some(first) = seen.insert(&chapter.slug, chapter) {
            let message = format!(
                "two chapters have the slug `{}`: {} and {}",
                chapter.slug,
                first.display_path.display(),
                chapter.display_path.display()
            );
            // point at the `slug:` line when the front matter set it
            let problem = match chapter.front.slug {
                Some(_) => crate::config::locate_key(
                    &chapter.display_path,
                    &chapter.text[..chapter.body_start],
                    "slug",
                    message,
                ),
                None => Diagnostic::new(&chapter.display_path, message),
            };
            problems.push(problem.with_hint(
                "give one of them a different file name or a `slug:` in its front matter",
            ));
        }
        if !is_valid_slug(&chapter.slug) {
            problems.push(
                Diagnostic::new(
                    &chapter.display_path,
                    format!("`{}` is not a usable slug", chapter.slug),
                )
                .with_hint(
                    "a slug uses lowercase letters, digits and hyphens, for example `our-vision`",
                ),
            );
        }
        if matches!(
            chapter.slug.as_str(),
            "assets" | "print" | "accessibility" | "search"
        ) {
            problems.push(
                Diagnostic::new(
                    &chapter.display_path,
                    format!("the slug `{}` is used by the generator", chapter.slug),
                )
                .with_hint("choose another `slug:` for this chapter"),
            );
        }
    }
}

fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
}

fn list_assets(root: &Path, problems: &mut Diagnostics) -> Vec<String> {
    let dir = root.join("assets");
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut assets = Vec::new();
    // follow_links(false): a symlink loop cannot hang the walk; each link is
    // checked on its own below.
    for entry in walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                problems.push(Diagnostic::new(
                    display_path(root, error.path().unwrap_or(&dir)),
                    format!("cannot read an asset: {error}"),
                ));
                continue;
            }
        };
        let Ok(relative) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let name = relative.to_string_lossy().replace('\\', "/");
        if name.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        if entry.path_is_symlink() {
            match file_behind_link(entry.path(), &dir) {
                Ok(_) => assets.push(name),
                Err(problem) => problems.push(problem.at_path(root, entry.path())),
            }
        } else if entry.file_type().is_file() {
            assets.push(name);
        }
    }
    assets
}

/// Why a symbolic link cannot be used, as a diagnostic waiting for its file.
pub struct LinkProblem {
    message: &'static str,
    hint: &'static str,
}

impl LinkProblem {
    pub fn at_path(self, root: &Path, link: &Path) -> Diagnostic {
        let shown = display_path(root, link);
        Diagnostic::new(shown, self.message).with_hint(self.hint)
    }
}

/// The file a symbolic link leads to, when that is a file inside `folder`:
/// a link cannot bring a file from elsewhere on the computer into the site,
/// and a link that loops or leads nowhere is reported, never followed forever.
pub fn file_behind_link(link: &Path, folder: &Path) -> Result<PathBuf, LinkProblem> {
    let target = std::fs::canonicalize(link).map_err(|_| LinkProblem {
        message: "this symbolic link leads nowhere (to a missing file, or round in a loop)",
        hint: "replace the link with the file itself, or remove it",
    })?;
    let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
    if !target.starts_with(&folder) {
        return Err(LinkProblem {
            message: "this symbolic link leads outside its folder in the handbook",
            hint: "copy the file into the handbook instead of linking to it",
        });
    }
    if !target.is_file() {
        return Err(LinkProblem {
            message: "this symbolic link leads to a folder, which is not followed",
            hint: "move or copy the files themselves into the folder",
        });
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_prefix_is_split_from_the_slug() {
        assert_eq!(
            split_order_prefix("02-introduction"),
            (Some(2), "introduction")
        );
        assert_eq!(split_order_prefix("our-vision"), (None, "our-vision"));
        assert_eq!(
            split_order_prefix("10-the-difference"),
            (Some(10), "the-difference")
        );
    }
}
