//! The whole pipeline, from a source folder to the files of a site.
//!
//! [`Builder`] runs every stage and remembers its work, so that `serve` redoes
//! only what a change touches. [`build_site`] is one full run of it,
//! [`write_build`] also writes the files, and [`check`] writes nothing.
//!
//! Inside, in pipeline order: `inputs` loads what the whole site depends on
//! (settings, theme, assets); `chapters` remembers every chapter file as read
//! and its Markdown as rendered; `editions` makes each language edition's
//! chapters and draws its pages; `links` checks links between chapters;
//! `site_pages` says what each page's template sees and `page_cache`
//! remembers the pages drawn; `builder` runs them and decides what a change
//! touches.

pub mod book;
mod builder;
mod chapters;
mod editions;
mod inputs;
mod links;
mod page_cache;
mod site_pages;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::Diagnostics;
use crate::error::Error;
use crate::load::Settings;
use crate::load::editions::EditionStatus;
use crate::load::extends::Summary;

pub use builder::{Builder, Outcome};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Include chapters marked `draft: true`.
    pub include_drafts: bool,
    /// Overrides `base_url` from handbook.yaml.
    pub base_url: Option<String>,
    /// Write pages as rendered, not minified (`serve`, where speed matters more than size).
    pub skip_minify: bool,
    /// Warnings are errors (`check --strict`, for CI).
    pub strict: bool,
    /// The single page holds only the chapter with this slug (`handbook pdf --chapter`).
    pub print_chapter: Option<String>,
}

/// A built site, in memory.
#[derive(Debug)]
pub struct Site {
    /// Output path (`our-vision/index.html`) → content.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Every external link in the chapters, for `check`'s report.
    pub external_links: BTreeSet<String>,
    /// The settings it was built with.
    pub settings: Settings,
    /// What is probably a mistake but did not stop the build.
    pub warnings: Diagnostics,
    /// For a handbook that extends another: what it replaces, adds and excludes.
    pub extension: Option<Summary>,
    /// How far each other language edition's translation has come.
    pub editions: Vec<EditionStatus>,
    /// Each other language edition's settings (its translated words over
    /// the handbook's), by its code.
    pub edition_settings: BTreeMap<String, Settings>,
}

/// One language edition of a built site.
#[derive(Debug, Clone)]
pub struct SiteEdition<'a> {
    /// Its folder in the site (`cy/`), empty for the handbook's own language.
    pub folder: String,
    pub settings: &'a Settings,
}

impl Site {
    /// The edition in `language`: the handbook's own language (at the root),
    /// or one of its `languages:`. Any other is a usage error that suggests
    /// the nearest.
    pub fn edition(&self, language: &str) -> Result<SiteEdition<'_>, Error> {
        if language == self.settings.language {
            return Ok(SiteEdition {
                folder: String::new(),
                settings: &self.settings,
            });
        }
        match self.edition_settings.get(language) {
            Some(settings) => Ok(SiteEdition {
                folder: editions::edition_prefix(language),
                settings,
            }),
            None => Err(Error::Usage(crate::load::editions::unlisted_language(
                language,
                &self.settings,
            ))),
        }
    }
}

/// Builds the handbook in `source_dir` into memory.
pub fn build_site(source_dir: &Path, options: &BuildOptions) -> Result<Site, Error> {
    let mut builder = Builder::once(source_dir, options.clone());
    builder.full()?;
    Ok(builder
        .into_site()
        .expect("a build that succeeded has its settings"))
}

/// What a build that wrote its files did.
#[derive(Debug)]
pub struct Written {
    /// How many files it wrote.
    pub files: usize,
    /// What is probably a mistake but did not stop the build.
    pub warnings: Diagnostics,
}

/// Builds and writes the site into `out`, replacing its previous content
/// only on success. Each file is written as soon as it is made, so the site
/// is never held in memory whole.
pub fn write_build(
    source_dir: &Path,
    out: &Path,
    options: &BuildOptions,
) -> Result<Written, Error> {
    refuse_dangerous_output(source_dir, out)?;
    let cannot_write = |source| Error::Io {
        action: "cannot write the site to",
        path: out.to_path_buf(),
        source,
    };
    let staging = Arc::new(crate::write::Staging::begin(out).map_err(cannot_write)?);
    let mut builder = Builder::once(source_dir, options.clone()).writing_to(Arc::clone(&staging));
    let outcome = builder.full()?;
    builder.stop_writing();
    // The builder holds every chapter, rendered: freeing it is a walk through
    // the whole heap (a tenth of a short build's time), done on a pool thread
    // while the output is put in place.
    rayon::spawn(move || drop(builder));
    let staging = Arc::into_inner(staging).expect("the builder keeps no copy");
    let files = staging.finish().map_err(cannot_write)?;
    Ok(Written {
        files,
        warnings: outcome.warnings,
    })
}

fn normalise(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The output folder is replaced wholesale, so it must never be a folder that
/// holds anything else of value: the source, a parent of it, home, or `/`.
fn refuse_dangerous_output(source_dir: &Path, out: &Path) -> Result<(), Error> {
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // resolve what exists so `a/../b` and symlinks compare truly
        let mut existing = p.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (
                existing.file_name().map(|n| n.to_os_string()),
                existing.parent(),
            ) {
                (Some(name), Some(parent)) => {
                    rest.push(name);
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut resolved = std::fs::canonicalize(&existing).unwrap_or(existing);
        for name in rest.into_iter().rev() {
            resolved.push(name);
        }
        resolved
    };
    let out_abs = absolute(out);
    let source_abs = absolute(source_dir);
    let home = std::env::var_os("HOME").map(|h| absolute(Path::new(&h)));
    let refuse = |why: &str| {
        Err(Error::Usage(format!(
            "refusing to write the site to `{}`: {why}; choose an empty or dedicated folder with --out",
            out.display()
        )))
    };
    if out_abs.parent().is_none() {
        return refuse("it is the root folder");
    }
    if home.as_deref() == Some(out_abs.as_path()) {
        return refuse("it is your home folder");
    }
    if source_abs.starts_with(&out_abs) {
        return refuse("it contains the handbook's source");
    }
    // A folder the build reads would be read back. Beside them (the default
    // `output/` of a fork whose repository is the handbook's folder) nothing
    // of the site is ever read.
    let read = ["chapters", "assets", "themes", ".handbook"];
    if read
        .iter()
        .any(|folder| out_abs.starts_with(source_abs.join(folder)))
    {
        return refuse("it is inside the handbook's source");
    }
    Ok(())
}

/// What `handbook check` prints when everything passed: the external links
/// found, grouped by host (they are listed, not fetched).
pub fn check_report(site: &Site) -> String {
    let mut by_host: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for link in &site.external_links {
        let host = link
            .split_once("://")
            .map(|(_, rest)| {
                rest.split(['/', '?', '#'])
                    .next()
                    .unwrap_or(rest)
                    .to_string()
            })
            .unwrap_or_else(|| link.split(':').next().unwrap_or(link).to_string());
        by_host.entry(host).or_default().push(link);
    }
    let mut report = String::from("No problems found.\n");
    if let Some(extension) = &site.extension {
        report.push_str(&format!("\n{extension}"));
    }
    for edition in &site.editions {
        let translated = edition.chapters - edition.missing.len();
        report.push_str(&format!(
            "\nEdition {} ({}): {translated} of {} chapters translated",
            edition.code, edition.name, edition.chapters
        ));
        if !edition.out_of_date.is_empty() {
            report.push_str(&format!(
                ", {} out of date (their warnings show the original's change)",
                edition.out_of_date.len()
            ));
        }
        report.push('\n');
        for (what, slugs) in [
            (
                "not yet translated, shown in the original",
                &edition.missing,
            ),
            ("out of date", &edition.out_of_date),
        ] {
            if !slugs.is_empty() {
                report.push_str(&format!("  {what}: {}\n", slugs.join(", ")));
            }
        }
    }
    if !by_host.is_empty() {
        report.push_str(&format!(
            "\nExternal links ({}), by host, not fetched:\n",
            site.external_links.len()
        ));
        for (host, links) in by_host {
            report.push_str(&format!("  {host}\n"));
            for link in links {
                report.push_str(&format!("    {link}\n"));
            }
        }
    }
    report.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use crate::components::testing::assert_svgs_are_xml;

    /// The bundled handbook's diagrams: every chapter that holds one builds, each
    /// diagram is drawn (not left as a code block), its SVG is well-formed XML,
    /// and chapter 4's links to the principles land on their sections.
    #[test]
    fn the_bundled_handbook_draws_its_five_diagrams() {
        // Pages as rendered: minifying writes the SVG the way HTML parsers read
        // it (unquoted values, lowercase names), which is no longer XML.
        let site = super::build_site(
            std::path::Path::new("handbook"),
            &super::BuildOptions {
                skip_minify: true,
                ..super::BuildOptions::default()
            },
        )
        .unwrap_or_else(|error| panic!("the bundled handbook does not build: {error}"));
        let page = |path: &str| -> String {
            let bytes = site
                .files
                .get(path)
                .unwrap_or_else(|| panic!("{path} was not built"));
            String::from_utf8_lossy(bytes).into_owned()
        };
        for (path, marker) in [
            ("why-it-matters/index.html", "class=\"diagram brain\""),
            ("why-it-matters/index.html", "class=\"diagram trauma-tree\""),
            ("our-vision/index.html", "class=\"diagram vision-wheel\""),
            ("our-principles/index.html", "class=\"principles\""),
            (
                "the-difference-we-want-to-see/index.html",
                "class=\"diagram pillars\"",
            ),
        ] {
            let html = page(path);
            assert!(html.contains(marker), "{path} has no {marker}");
            assert_svgs_are_xml(&html);
        }
        assert_svgs_are_xml(&page("print/index.html"));
        let principles = page("our-principles/index.html");
        let why = page("why-it-matters/index.html");
        for anchor in [
            "behaviour-is-communication",
            "relationships-matter",
            "empowering-and-strengths-based",
            "safety-and-choice",
            "inclusive-and-universal",
        ] {
            assert!(
                principles.contains(&format!("id=\"{anchor}\"")),
                "no section with the id {anchor}"
            );
            assert!(
                why.contains(&format!("our-principles/index.html#{anchor}")),
                "chapter 4 does not link to {anchor}"
            );
        }
    }
}
