//! Chapter files: each `chapters/*.md` read into a [`Chapter`], its front
//! matter parsed and its body kept as text with the offset it starts at, so
//! later stages report problems at the right line of the file. Files are
//! read one by one ([`read_chapter`]) so that `serve` reads again only those
//! that changed; [`reading_order`] and [`check_unique_slugs`] apply to the
//! chapters of the whole book.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::front_matter::{self, FrontMatter};
use super::languages;
use super::yaml::YamlFile;
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};

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
    /// For a translation (`01-welcome.cy.md`), its language (`cy`).
    pub language: Option<String>,
}

impl Chapter {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// For a translation, the file name of its original (`01-welcome.md`).
    pub fn original_file_name(&self) -> Option<String> {
        self.language.as_ref()?;
        languages::split_language(&self.file_name).map(|(original, _)| original)
    }

    /// The navigation label: `nav_title`, else `title`.
    pub fn nav_title(&self) -> &str {
        self.front.nav_title.as_deref().unwrap_or(&self.front.title)
    }
}

/// The chapter files of the handbook at `root`, sorted by name, each with its
/// metadata (looked up once: `serve` lists the folder on every save); a
/// handbook without any is a problem.
pub fn chapter_paths(root: &Path) -> Result<Vec<(PathBuf, std::fs::Metadata)>, Diagnostic> {
    let dir = root.join("chapters");
    let shown_dir = display_path(root, &dir);
    let entries = std::fs::read_dir(&dir).map_err(|error| {
        Diagnostic::new(
            &shown_dir,
            format!("cannot read the chapters folder: {error}"),
        )
        .with_hint("a handbook keeps one Markdown file per chapter in `chapters/`")
    })?;
    let mut paths: Vec<(PathBuf, std::fs::Metadata)> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .filter_map(|path| {
            let metadata = std::fs::metadata(&path).ok()?;
            metadata.is_file().then_some((path, metadata))
        })
        .collect();
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    if paths.is_empty() {
        return Err(
            Diagnostic::new(&shown_dir, "the chapters folder has no `.md` files")
                .with_hint("add a chapter such as `chapters/01-introduction.md`"),
        );
    }
    Ok(paths)
}

/// Reading order: by `order` (or the file name's number), then by file name.
pub fn reading_order(a: &Chapter, b: &Chapter) -> std::cmp::Ordering {
    (a.order, &a.file_name).cmp(&(b.order, &b.file_name))
}

/// Reads and parses one chapter file.
pub fn read_chapter(root: &Path, path: &Path) -> Result<Chapter, Diagnostics> {
    let shown = display_path(root, path);
    if path.is_symlink() {
        // a chapter may be a link to a file of the handbook, never from elsewhere
        super::files::file_behind_link(path, root)
            .map_err(|problem| Diagnostics(vec![problem.at_path(root, path)]))?;
    }
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
    // a translation's name is its original's with the language before `.md`
    let translated =
        languages::split_language(&file_name).map(|(original, code)| (original, code.to_string()));
    let untranslated = translated
        .as_ref()
        .map_or(&file_name, |(original, _)| original);
    let (prefix, stem) = split_order_prefix(untranslated.trim_end_matches(".md"));
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
        language: translated.map(|(_, code)| code),
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

/// Every slug must be usable, unique, and not one the generator uses itself.
pub fn check_unique_slugs<'a>(
    chapters: impl IntoIterator<Item = &'a Chapter>,
    problems: &mut Diagnostics,
) {
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
                Some(_) => YamlFile::new(
                    chapter.display_path.clone(),
                    chapter.text[..chapter.body_start].to_string(),
                )
                .locate("slug", message),
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
                .with_hint(match chapter.front.slug {
                    Some(_) => "a slug uses lowercase letters, digits and hyphens, for example `our-vision`".to_string(),
                    None => super::chapter_names::rename_hint(chapter),
                }),
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
