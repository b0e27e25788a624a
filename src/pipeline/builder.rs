//! A build that remembers its work, so a change redoes only what it touches.
//!
//! The builder keeps, between runs: the site-wide [`Inputs`]; every chapter
//! file as read (with its modification time and size); every chapter's
//! Markdown rendered for the site and the print page; every page in the
//! [`PageCache`]; and the output files. A run then redoes, in pipeline order,
//! only what is stale:
//!
//! - settings, theme or assets changed: everything;
//! - a chapter file changed: that file is read and its Markdown rendered
//!   again; the chapters that link to others are rendered again only when the
//!   set of chapters or their slugs changed;
//! - pages: each page has a key summing up what its template sees (inputs,
//!   the contents list, the chapters it shows minus their bodies). A page
//!   whose key changed is rendered again; one whose key is the same but whose
//!   chapter body changed only has the new body filled in. So a body edit
//!   touches that chapter's page and the print page; a new title, order or
//!   summary changes the contents list and so every page.
//!
//! A full build is the same run with nothing remembered, so an updated site
//! is the site a full build makes. A run that finds problems changes no
//! output: the last good build stays.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::chapters::{ChapterFiles, ChapterRender, Renders, render_statement};
use super::editions::{self, Drawing, EditionState};
use super::inputs::{self, Inputs};
use super::links::{check_edition_links, check_internal_links};
use super::page_cache::{PageCache, Refreshed};
use super::site_pages::SEARCH_PAGE;
use super::{BuildOptions, Site, normalise};
use crate::diagnostics::{Diagnostics, did_you_mean, display_path};
use crate::error::Error;
use crate::finish::sitemap;
use crate::load::Settings;
use crate::load::extends::{Summary, has_chapter_files};
use crate::load::{self, Chapter, settings, statement};
use crate::parse::Rendered;
use crate::render::pages::{Fragment, NavItem, nav_items};
use crate::write::Staging;

/// Builds a handbook and keeps what it needs to rebuild it quickly.
pub struct Builder {
    source_dir: PathBuf,
    options: BuildOptions,
    /// Read the default theme from this folder instead of the embedded copy.
    default_theme_dir: Option<PathBuf>,
    /// `None` until loaded, and after loading them failed.
    inputs: Option<Inputs>,
    /// Changes whenever `inputs` is loaded again.
    inputs_version: u64,
    chapter_files: ChapterFiles,
    renders: Renders,
    nav: Vec<NavItem>,
    nav_version: u64,
    /// The other language editions' renderings and contents lists.
    editions: Vec<EditionState>,
    /// For a handbook that extends another: what it replaces, adds and excludes.
    extension: Option<Summary>,
    output: Output,
}

/// One edition of the last run, as [`Builder::last_run`] hands it on.
pub(super) struct LastRun<'a> {
    pub inputs: &'a Inputs,
    /// The edition's settings (its translated words over the handbook's).
    pub settings: &'a Settings,
    /// Its chapters in reading order, their renderings, and, for a chapter
    /// shown untranslated, the language it is in.
    pub chapters: Vec<(&'a Chapter, &'a ChapterRender, Option<Fragment>)>,
}

/// What a run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Whether settings, theme and assets were loaded again (everything rebuilt).
    pub full: bool,
    /// Chapter files whose Markdown was rendered, by file name.
    pub markdown: Vec<String>,
    /// Pages drawn again or refilled with a new chapter body.
    pub pages: Vec<String>,
    /// Output files that are new or whose content changed.
    pub changed: Vec<String>,
    /// Output files that no longer exist.
    pub removed: Vec<String>,
    /// What is probably a mistake but did not stop the build.
    pub warnings: Diagnostics,
}

/// Which part of the source a set of changed paths touches.
enum Scope {
    Nothing,
    /// These chapter files (by name), and any chapter file added or removed.
    Chapters(Vec<String>),
    Everything,
}

impl Builder {
    pub fn new(source_dir: &Path, options: BuildOptions) -> Builder {
        Builder {
            source_dir: normalise(source_dir),
            options,
            default_theme_dir: None,
            inputs: None,
            inputs_version: 0,
            chapter_files: ChapterFiles::default(),
            renders: Renders::default(),
            nav: Vec::new(),
            nav_version: 0,
            editions: Vec::new(),
            extension: None,
            output: Output::default(),
        }
    }

    /// Reads the default theme from `dir` instead of the copy embedded in the
    /// binary, so changes to it show without compiling again.
    pub fn with_default_theme_dir(mut self, dir: &Path) -> Builder {
        self.default_theme_dir = Some(normalise(dir));
        self
    }

    /// A builder for one run: it keeps no pages for later runs to refill.
    pub fn once(source_dir: &Path, options: BuildOptions) -> Builder {
        let mut builder = Builder::new(source_dir, options);
        builder.output.pages = PageCache::forgetful();
        builder
    }

    /// Stops writing into the staging folder [`Builder::writing_to`] gave,
    /// letting go of it.
    pub fn stop_writing(&mut self) {
        self.output.write_to = None;
    }

    /// Writes each file into `staging` as soon as it is made, keeping none:
    /// [`Builder::files`] stays empty. For a build that runs once, so the
    /// whole site is never in memory at once.
    pub fn writing_to(mut self, staging: Arc<Staging>) -> Builder {
        self.output.write_to = Some(staging);
        self
    }

    /// Builds everything again, remembering nothing from earlier runs.
    pub fn full(&mut self) -> Result<Outcome, Error> {
        self.inputs = None;
        self.chapter_files.clear();
        self.renders.clear();
        self.output.pages.clear();
        self.run(&[])
    }

    /// Brings the build up to date after `changed` paths (files or folders,
    /// as a watcher reports them) changed.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Outcome, Error> {
        match self.scope(changed) {
            Scope::Nothing => Ok(Outcome::default()),
            Scope::Chapters(names) => self.run(&names),
            Scope::Everything => {
                self.inputs = None;
                self.run(&[])
            }
        }
    }

    /// The files of the last good build.
    pub fn files(&self) -> &BTreeMap<String, Vec<u8>> {
        &self.output.files
    }

    /// The settings, theme and assets of the last run, and the chapters of
    /// the edition in `language` (the handbook's own when `None`) in reading
    /// order with their renderings (for [`super::book::Book`]); `None` also
    /// when the handbook has no such edition.
    pub(super) fn last_run(&self, language: Option<&str>) -> Option<LastRun<'_>> {
        let inputs = self.inputs.as_ref()?;
        let arranged = self.chapter_files.arranged(
            &inputs.lineage,
            &self.options,
            &mut Diagnostics::default(),
        );
        let chapters = arranged.chapters;
        let Some(code) = language else {
            let renders = self.renders.of(&chapters);
            return Some(LastRun {
                inputs,
                settings: &inputs.settings,
                chapters: chapters
                    .into_iter()
                    .zip(renders)
                    .map(|(chapter, render)| (chapter, render, None))
                    .collect(),
            });
        };
        let (state, edition) = self
            .editions
            .iter()
            .zip(&inputs.editions)
            .find(|(state, _)| state.code == code)?;
        let translations = self.chapter_files.translations();
        let (chapters, untranslated) = editions::edition_chapters(
            code,
            &chapters,
            &translations,
            &inputs.settings.language,
            self.options.include_drafts,
        );
        let renders = state.renders.of(&chapters);
        Some(LastRun {
            inputs,
            settings: &edition.settings,
            chapters: chapters
                .into_iter()
                .zip(renders)
                .zip(untranslated)
                .map(|((chapter, render), untranslated)| (chapter, render, untranslated))
                .collect(),
        })
    }

    /// The last good build; `None` before one succeeded.
    pub fn into_site(self) -> Option<Site> {
        let settings = self.inputs.as_ref()?.settings.clone();
        // the chapters' links, and the footer's, which are on every page
        let footer_links = self
            .inputs
            .iter()
            .flat_map(|inputs| &inputs.settings.footer_links)
            .map(|link| &link.url)
            .filter(|url| url.contains(':'));
        let external_links = self
            .renders
            .all()
            .flat_map(|render| render.site.external_links.iter())
            .chain(footer_links)
            .cloned()
            .collect::<BTreeSet<_>>();
        let inputs = self.inputs.as_ref()?;
        let originals = self.chapter_files.arranged(
            &inputs.lineage,
            &self.options,
            &mut Diagnostics::default(),
        );
        let editions = load::editions::statuses(
            &inputs.editions,
            &originals.chapters,
            &self.chapter_files.translations(),
            self.options.include_drafts,
        );
        let edition_settings = inputs
            .editions
            .iter()
            .map(|edition| (edition.code.clone(), edition.settings.clone()))
            .collect();
        Some(Site {
            editions,
            edition_settings,
            files: self.output.files,
            external_links,
            settings,
            warnings: self.output.warnings,
            extension: self.extension,
        })
    }

    /// The stylesheets pages link to (from the site root), in order.
    pub fn stylesheets(&self) -> Vec<String> {
        self.inputs
            .as_ref()
            .map_or_else(Vec::new, |inputs| inputs.links.all_stylesheets())
    }

    /// The folders a change in which can change the site: the handbook, the
    /// handbooks it extends, its fork theme, and the default theme when read
    /// from a folder.
    pub fn watched_folders(&self) -> Vec<PathBuf> {
        let mut folders = vec![self.source_dir.clone()];
        let theme_dir = self.inputs.as_ref().and_then(|i| i.theme_dir.as_deref());
        for dir in self.handbook_folders().into_iter().skip(1).chain(
            theme_dir
                .into_iter()
                .chain(self.default_theme_dir.as_deref())
                .map(normalise),
        ) {
            if dir.is_dir() && !folders.iter().any(|folder| dir.starts_with(folder)) {
                folders.push(dir);
            }
        }
        folders
    }

    /// The folders of the handbook and of those it extends, nearest first
    /// (the handbook's alone until its settings loaded).
    fn handbook_folders(&self) -> Vec<PathBuf> {
        match &self.inputs {
            Some(inputs) => inputs.lineage.iter().map(|l| l.folder.clone()).collect(),
            None => vec![self.source_dir.clone()],
        }
    }

    fn scope(&self, changed: &[PathBuf]) -> Scope {
        let theme_dirs: Vec<PathBuf> = self
            .inputs
            .as_ref()
            .and_then(|i| i.theme_dir.as_deref())
            .into_iter()
            .chain(self.default_theme_dir.as_deref())
            .map(normalise)
            .collect();
        let handbooks = self.handbook_folders();
        let mut chapters: Option<Vec<String>> = None;
        for path in changed {
            if theme_dirs.iter().any(|dir| path.starts_with(dir)) {
                return Scope::Everything;
            }
            // the innermost handbook folder holding it (a base may sit
            // inside the handbook that extends it, as a git submodule)
            let inside = handbooks
                .iter()
                .filter_map(|folder| path.strip_prefix(folder).ok())
                .min_by_key(|inside| inside.components().count());
            let Some(inside) = inside else {
                continue;
            };
            let parts: Vec<&str> = inside.iter().map(|p| p.to_str().unwrap_or("")).collect();
            match parts.as_slice() {
                [] | [settings::FILE_NAME] | ["assets", ..] => {
                    return Scope::Everything;
                }
                [name] if statement::is_statement_file(name) => return Scope::Everything,
                // the folder itself: it is listed again on every run
                ["chapters"] => {
                    chapters.get_or_insert_with(Vec::new);
                }
                ["chapters", name] if name.ends_with(".md") => {
                    chapters.get_or_insert_with(Vec::new).push(name.to_string());
                }
                _ => {}
            }
        }
        chapters.map_or(Scope::Nothing, Scope::Chapters)
    }

    /// Loads the settings, theme and assets again; what cannot be loaded
    /// goes into `problems`.
    fn load_inputs(&mut self, problems: &mut Diagnostics) {
        let minify = !self.options.skip_minify;
        match inputs::load(&self.source_dir, self.default_theme_dir.as_deref(), minify) {
            Ok(inputs) => {
                self.inputs = Some(inputs);
                self.inputs_version += 1;
            }
            Err(found) => problems.extend(found),
        }
    }

    /// One run: what is stale is redone, in pipeline order; problems leave
    /// the last good build.
    fn run(&mut self, named_chapters: &[String]) -> Result<Outcome, Error> {
        let mut outcome = Outcome {
            full: self.inputs.is_none(),
            ..Outcome::default()
        };
        let mut problems = Diagnostics::default();
        if outcome.full {
            self.load_inputs(&mut problems);
        }
        let folders = self.handbook_folders();
        if let Err(problem) = self.chapter_files.read(&folders, named_chapters) {
            // without its settings, a handbook that extends another and has
            // no chapters of its own cannot be told apart: the settings'
            // problems come first
            if self.inputs.is_some() || has_chapter_files(&self.source_dir) {
                problems.push(problem);
            }
        }
        let lineage = self.inputs.as_ref().map_or(&[][..], |i| &i.lineage[..]);
        let arranged = self
            .chapter_files
            .arranged(lineage, &self.options, &mut problems);
        // chapters that loaded are rendered even when others did not, so
        // their problems are reported in the same run
        let Some(inputs) = &self.inputs else {
            return Err(Error::Content(sorted(problems)));
        };
        if let Some(base) = inputs.lineage.get(1) {
            problems.extend(arranged.drift(&self.source_dir));
            let shown = display_path(&base.folder, &base.folder);
            self.extension = Some(arranged.summary(&shown));
        }
        // (pointers: the rest of the run reads the arranged chapters as a list)
        let chapters = arranged.chapters.clone();

        // Markdown, for the chapters whose file or book changed.
        self.renders.set_book(&chapters, outcome.full);
        let minify = !self.options.skip_minify;
        outcome.markdown = self.renders.refresh(
            &chapters,
            &arranged,
            &self.chapter_files,
            inputs,
            (&inputs.settings.language, &inputs.asset_paths),
            minify,
        );
        let renders = self.renders.of(&chapters);
        let statement = inputs.statement.as_ref().map(|own| {
            let rendered = render_statement(
                own,
                &arranged,
                &self.chapter_files,
                inputs,
                (&inputs.settings.language, &inputs.asset_paths),
            );
            (own, rendered)
        });
        let statement = statement.as_ref().map(|(own, rendered)| (*own, rendered));
        problems.extend(chapter_problems(&chapters, &renders, statement));
        problems.extend(inputs.problems.iter().cloned());

        // The same for each other language edition.
        let translations = self.chapter_files.translations();
        problems.extend(load::editions::check_translations(
            &self.source_dir,
            &inputs.settings,
            &chapters,
            &translations,
        ));
        problems.extend(load::editions::check_slugs(&inputs.settings, &chapters));
        if outcome.full {
            self.editions = inputs
                .editions
                .iter()
                .map(|edition| EditionState::new(&edition.code, inputs))
                .collect();
        }
        let mut edition_chapters = Vec::with_capacity(self.editions.len());
        for state in &mut self.editions {
            let (ed_chapters, untranslated) = editions::edition_chapters(
                &state.code,
                &chapters,
                &translations,
                &inputs.settings.language,
                self.options.include_drafts,
            );
            state.renders.set_book(&ed_chapters, outcome.full);
            let rendered = state.renders.refresh(
                &ed_chapters,
                &arranged,
                &self.chapter_files,
                inputs,
                (&state.code, &state.asset_paths),
                minify,
            );
            outcome.markdown.extend(rendered);
            let nav = editions::edition_nav(&ed_chapters, &untranslated);
            if nav != state.nav {
                state.nav = nav;
                state.nav_version += 1;
            }
            edition_chapters.push((ed_chapters, untranslated));
        }
        // each edition's own statement, drawn in its folder, and the problems
        // of its rendering (the headings its links name are checked only in
        // the handbook's own statement: an edition's chapters may lack them)
        let edition_statements: Vec<Option<(&Chapter, Rendered)>> = self
            .editions
            .iter()
            .zip(&inputs.editions)
            .map(|(state, edition)| {
                let own = edition.statement.as_ref()?;
                let rendered = render_statement(
                    own,
                    &arranged,
                    &self.chapter_files,
                    inputs,
                    (&state.code, &state.asset_paths),
                );
                problems.extend(rendered.problems.iter().cloned());
                Some((own, rendered))
            })
            .collect();
        // each edition's renderings, got once for its checks and its pages
        let edition_renders: Vec<(String, Vec<&ChapterRender>)> = self
            .editions
            .iter()
            .zip(&edition_chapters)
            .map(|(state, (ed_chapters, _))| {
                (
                    editions::edition_prefix(&state.code),
                    state.renders.of(ed_chapters),
                )
            })
            .collect();
        for ((state, (ed_chapters, untranslated)), (_, renders)) in self
            .editions
            .iter()
            .zip(&edition_chapters)
            .zip(&edition_renders)
        {
            let shown: Vec<(&Chapter, &Rendered)> = ed_chapters
                .iter()
                .copied()
                .zip(renders.iter().map(|render| &render.site))
                .collect();
            let is_untranslated: Vec<bool> = untranslated.iter().map(Option::is_some).collect();
            check_edition_links(&shown, &is_untranslated, &state.code, &mut problems);
            // the originals shown untranslated were checked with their own
            let translated: Vec<(&Chapter, &ChapterRender)> = ed_chapters
                .iter()
                .copied()
                .zip(renders.iter().copied())
                .zip(untranslated)
                .filter(|(_, untranslated)| untranslated.is_none())
                .map(|(pair, _)| pair)
                .collect();
            let (ed_chapters, renders): (Vec<_>, Vec<_>) = translated.into_iter().unzip();
            problems.extend(chapter_problems(&ed_chapters, &renders, None));
        }
        if self.options.strict {
            problems = problems.strict();
        }
        if problems.has_errors() {
            return Err(Error::Content(sorted(problems)));
        }
        outcome.warnings = sorted(problems);
        if let Some(slug) = &self.options.print_chapter {
            check_print_chapter(slug, &chapters)?;
        }

        // Pages, for those whose key or chapter body changed: the handbook's
        // own language at the root, each other edition in its folder.
        let nav = nav_items(chapters.iter().copied());
        if nav != self.nav {
            self.nav = nav;
            self.nav_version += 1;
        }
        let base_url = self
            .options
            .base_url
            .as_deref()
            .or(inputs.settings.base_url.as_deref());
        let links = editions::edition_links(inputs);
        let own_untranslated = vec![None; chapters.len()];
        let drawing =
            |settings, prefix, chapters, untranslated, renders, nav, nav_version, statement| {
                Drawing {
                    inputs,
                    settings,
                    prefix,
                    editions: &links,
                    chapters,
                    untranslated,
                    renders,
                    statement,
                    nav,
                    base_key: base_key(self.inputs_version, nav_version),
                    base_url,
                    print_only: self.options.print_chapter.as_deref(),
                    minify,
                    cache: &self.output.pages,
                    write_to: self.output.write_to.as_deref(),
                }
                .draw()
            };
        let mut drawn = vec![drawing(
            &inputs.settings,
            "",
            &chapters,
            &own_untranslated,
            &renders,
            &self.nav,
            self.nav_version,
            statement,
        )?];
        for ((((state, edition), (ed_chapters, untranslated)), (prefix, renders)), statement) in
            self.editions
                .iter()
                .zip(&inputs.editions)
                .zip(&edition_chapters)
                .zip(&edition_renders)
                .zip(&edition_statements)
        {
            drawn.push(drawing(
                &edition.settings,
                prefix,
                ed_chapters,
                untranslated,
                renders,
                &state.nav,
                state.nav_version,
                statement.as_ref().map(|(own, rendered)| (*own, rendered)),
            )?);
        }

        // Everything is ready: keep it, with the files made from the whole site.
        let page_paths: Vec<String> = drawn
            .iter()
            .flat_map(|edition| edition.page_paths.iter().cloned())
            .collect();
        let prefixes: Vec<(&str, &str)> = links
            .iter()
            .map(|link| (link.code.as_str(), link.prefix.as_str()))
            .collect();
        let mut site_files = site_wide_files(base_url, &chapters, &page_paths, &prefixes);
        let mut refreshed = Vec::new();
        for edition in drawn {
            refreshed.extend(edition.refreshed);
            site_files.extend(edition.files);
        }
        let mut all_paths: HashSet<String> = page_paths.into_iter().collect();
        all_paths.extend(inputs.files.keys().cloned());
        all_paths.extend(site_files.iter().map(|(path, _)| path.clone()));
        if outcome.full {
            site_files.extend(
                inputs
                    .files
                    .iter()
                    .map(|(path, bytes)| (path.clone(), bytes.clone())),
            );
        }
        self.output
            .keep(refreshed, site_files, &all_paths, &mut outcome)?;
        self.output.warnings = outcome.warnings.clone();
        Ok(outcome)
    }
}

/// Sums up what every page of an edition sees: the inputs and its contents list.
fn base_key(inputs_version: u64, nav_version: u64) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&inputs_version.to_le_bytes());
    hasher.update(&nav_version.to_le_bytes());
    hasher.digest()
}

/// `handbook pdf --chapter SLUG`: a chapter with that slug, one that is printed.
fn check_print_chapter(slug: &str, chapters: &[&Chapter]) -> Result<(), Error> {
    match chapters.iter().find(|chapter| chapter.slug == slug) {
        Some(chapter) if chapter.front.print => Ok(()),
        Some(_) => Err(Error::Usage(format!(
            "the chapter `{slug}` is left out of print (`print: false` in its front matter), so it has no PDF"
        ))),
        None => {
            let slugs: Vec<&str> = chapters.iter().map(|c| c.slug.as_str()).collect();
            let hint = match did_you_mean(slug, &slugs) {
                Some(nearest) => format!("did you mean `{nearest}`?"),
                None => format!("the chapters are {}", slugs.join(", ")),
            };
            Err(Error::Usage(format!(
                "no chapter has the slug `{slug}`\n  hint: {hint}"
            )))
        }
    }
}

/// The problems of the chapters' renderings (and the handbook's own
/// accessibility statement's), and of the links between them.
fn chapter_problems(
    chapters: &[&Chapter],
    renders: &[&ChapterRender],
    statement: Option<(&Chapter, &Rendered)>,
) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let pairs: Vec<(&Chapter, &Rendered)> = chapters
        .iter()
        .copied()
        .zip(renders.iter().map(|r| &r.site))
        .chain(statement)
        .collect();
    for (_, rendered) in &pairs {
        problems.extend(rendered.problems.iter().cloned());
    }
    check_internal_links(&pairs, &mut problems);
    problems
}

/// robots.txt, and the sitemap when the site's address is known.
/// `editions` are every language edition's code and folder, when there are
/// several: each page is listed with its alternates in the others.
fn site_wide_files(
    base_url: Option<&str>,
    chapters: &[&Chapter],
    page_paths: &[String],
    editions: &[(&str, &str)],
) -> Vec<(String, Vec<u8>)> {
    let mut files = vec![(
        "robots.txt".to_string(),
        sitemap::robots(base_url).into_bytes(),
    )];
    if let Some(base) = base_url {
        files.push((
            "sitemap.xml".to_string(),
            sitemap_xml(base, chapters, page_paths, editions),
        ));
    }
    files
}

fn sitemap_xml(
    base: &str,
    chapters: &[&Chapter],
    page_paths: &[String],
    editions: &[(&str, &str)],
) -> Vec<u8> {
    let updated: HashMap<String, String> = chapters
        .iter()
        .filter_map(|c| {
            let date = c.front.updated.as_ref()?;
            Some((format!("{}/index.html", c.slug), date.iso()))
        })
        .collect();
    let mut listed: Vec<(String, Option<String>)> = page_paths
        .iter()
        .filter(|path| {
            let in_edition = editions
                .iter()
                .rev()
                .find_map(|(_, prefix)| path.strip_prefix(prefix))
                .unwrap_or(path);
            in_edition != "404.html" && in_edition != SEARCH_PAGE.0
        })
        .map(|path| (path.clone(), updated.get(path).cloned()))
        .collect();
    listed.sort();
    sitemap::sitemap(base, &listed, editions).into_bytes()
}

fn sorted(mut problems: Diagnostics) -> Diagnostics {
    problems.sort();
    problems
}

/// The last good build: its files, and its pages as the cache remembers them;
/// or, for a build that runs once, where its files are written instead.
#[derive(Default)]
struct Output {
    pages: PageCache,
    /// The last good build's warnings.
    warnings: Diagnostics,
    files: BTreeMap<String, Vec<u8>>,
    write_to: Option<Arc<Staging>>,
}

impl Output {
    /// Keeps refreshed pages and site-wide files, removes every file not in
    /// `all_paths`, and notes what changed in `outcome`.
    fn keep(
        &mut self,
        refreshed: Vec<Refreshed>,
        site_files: Vec<(String, Vec<u8>)>,
        all_paths: &HashSet<String>,
        outcome: &mut Outcome,
    ) -> Result<(), Error> {
        if let Some(staging) = &self.write_to {
            // the pages are written already; the search index's shards are
            // hundreds of files, written on every core
            outcome.pages = refreshed.into_iter().map(|page| page.path).collect();
            site_files
                .par_iter()
                .try_for_each(|(path, bytes)| staging.write(path, bytes))
                .map_err(|source| Error::Io {
                    action: "cannot write the site to",
                    path: staging.out().to_path_buf(),
                    source,
                })?;
            outcome.changed = outcome.pages.clone();
            outcome
                .changed
                .extend(site_files.into_iter().map(|(path, _)| path));
            outcome.pages.sort();
            outcome.changed.sort();
            return Ok(());
        }
        let pages: Vec<(String, String)> = refreshed
            .into_iter()
            .map(|page| self.pages.keep(page))
            .collect();
        outcome.pages = pages.iter().map(|(path, _)| path.clone()).collect();
        let mut files: Vec<(String, Vec<u8>)> = pages
            .into_iter()
            .map(|(path, html)| (path, html.into_bytes()))
            .collect();
        files.extend(site_files);
        for (path, bytes) in files {
            if self.files.get(&path) != Some(&bytes) {
                outcome.changed.push(path.clone());
                self.files.insert(path, bytes);
            }
        }
        self.pages.retain(|path| all_paths.contains(path));
        outcome.removed = self
            .files
            .keys()
            .filter(|path| !all_paths.contains(*path))
            .cloned()
            .collect();
        for path in &outcome.removed {
            self.files.remove(path);
        }
        outcome.pages.sort();
        outcome.changed.sort();
        Ok(())
    }
}
