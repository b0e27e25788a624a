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
use std::time::SystemTime;

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use super::inputs::{self, Inputs};
use super::links::check_internal_links;
use super::page_cache::{Content, PageCache, Refreshed, placeholder};
use super::{BuildOptions, Site, normalise};
use crate::config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::finish::sitemap;
use crate::load::{self, Chapter};
use crate::parse::{self, Book, Mode, Rendered};
use crate::render::pages::{ChapterPage, NavItem, Shared, nav_items};

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
    /// Every chapter file as last read, by file name.
    chapter_files: BTreeMap<String, ChapterFile>,
    /// Every chapter of the site rendered, by file name.
    renders: HashMap<String, ChapterRender>,
    /// What a chapter's Markdown depends on besides its own file: the file
    /// name and slug of every chapter (links), and the inputs.
    book: Vec<(String, String)>,
    book_version: u64,
    nav: Vec<NavItem>,
    nav_version: u64,
    pages: PageCache,
    /// The last good build.
    files: BTreeMap<String, Vec<u8>>,
    next_render_id: u64,
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
}

struct ChapterFile {
    /// Modification time and size when read; `None` when they could not be read.
    stamp: Option<(SystemTime, u64)>,
    loaded: Result<Chapter, Diagnostics>,
}

/// One chapter's Markdown rendered for both outputs.
struct ChapterRender {
    /// Hash of the file's text, and the book version it was rendered against.
    text_hash: u64,
    book_version: u64,
    /// Changes whenever the rendering does.
    id: u64,
    site: Rendered,
    print: Rendered,
    /// Hashes of what templates see of the chapter besides its body.
    site_meta: u64,
    print_meta: u64,
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
            chapter_files: BTreeMap::new(),
            renders: HashMap::new(),
            book: Vec::new(),
            book_version: 0,
            nav: Vec::new(),
            nav_version: 0,
            pages: PageCache::default(),
            files: BTreeMap::new(),
            next_render_id: 0,
        }
    }

    /// Reads the default theme from `dir` instead of the copy embedded in the
    /// binary, so changes to it show without compiling again.
    pub fn with_default_theme_dir(mut self, dir: &Path) -> Builder {
        self.default_theme_dir = Some(normalise(dir));
        self
    }

    /// Builds everything again, remembering nothing from earlier runs.
    pub fn full(&mut self) -> Result<Outcome, Error> {
        self.inputs = None;
        self.chapter_files.clear();
        self.renders.clear();
        self.pages.clear();
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
        &self.files
    }

    /// The last good build.
    pub fn into_site(self) -> Site {
        let external_links = self
            .renders
            .values()
            .flat_map(|render| render.site.external_links.iter().cloned())
            .collect::<BTreeSet<_>>();
        Site {
            files: self.files,
            external_links,
        }
    }

    /// The stylesheets pages link to (from the site root), in order.
    pub fn stylesheets(&self) -> Vec<String> {
        self.inputs.as_ref().map_or_else(Vec::new, |inputs| {
            let links = &inputs.links;
            links.css.iter().chain(&links.print_css).cloned().collect()
        })
    }

    /// The folders a change in which can change the site: the handbook, its
    /// fork theme, and the default theme when read from a folder.
    pub fn watched_folders(&self) -> Vec<PathBuf> {
        let mut folders = vec![self.source_dir.clone()];
        let theme_dir = self.inputs.as_ref().and_then(|i| i.theme_dir.as_deref());
        for dir in theme_dir
            .into_iter()
            .chain(self.default_theme_dir.as_deref())
        {
            let dir = normalise(dir);
            if dir.is_dir() && !dir.starts_with(&self.source_dir) {
                folders.push(dir);
            }
        }
        folders
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
        let mut chapters: Option<Vec<String>> = None;
        for path in changed {
            if theme_dirs.iter().any(|dir| path.starts_with(dir)) {
                return Scope::Everything;
            }
            let Ok(inside) = path.strip_prefix(&self.source_dir) else {
                continue;
            };
            let parts: Vec<&str> = inside.iter().map(|p| p.to_str().unwrap_or("")).collect();
            match parts.as_slice() {
                [] | [config::FILE_NAME] | ["assets", ..] => return Scope::Everything,
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

    /// One run: what is stale is redone; problems leave the last good build.
    fn run(&mut self, named_chapters: &[String]) -> Result<Outcome, Error> {
        let mut outcome = Outcome {
            full: self.inputs.is_none(),
            ..Outcome::default()
        };
        let mut problems = Diagnostics::default();
        if outcome.full {
            match inputs::load(&self.source_dir, self.default_theme_dir.as_deref()) {
                Ok(inputs) => {
                    self.inputs = Some(inputs);
                    self.inputs_version += 1;
                }
                Err(found) => problems.extend(found),
            }
        }
        if let Err(problem) = self.read_chapter_files(named_chapters) {
            problems.push(problem);
        }
        let chapters = arrange(&self.chapter_files, &self.options, &mut problems);
        let inputs = match &self.inputs {
            Some(inputs) if problems.is_empty() => inputs,
            _ => return Err(Error::Content(sorted(problems))),
        };

        // Markdown, for the chapters whose file or book changed.
        let book_now: Vec<(String, String)> = chapters
            .iter()
            .map(|c| (c.file_name.clone(), c.slug.clone()))
            .collect();
        if outcome.full || book_now != self.book {
            self.book = book_now;
            self.book_version += 1;
        }
        let book = Book {
            slugs: chapters
                .iter()
                .map(|c| (c.file_name.as_str(), c.slug.as_str()))
                .collect(),
            assets: &inputs.asset_paths,
            allow_html: inputs.config.allow_html,
            theme: &inputs.theme,
        };
        let book_version = self.book_version;
        let stale: Vec<&Chapter> = chapters
            .iter()
            .copied()
            .filter(|chapter| {
                !self.renders.get(&chapter.file_name).is_some_and(|render| {
                    render.book_version == book_version && render.text_hash == hash_text(chapter)
                })
            })
            .collect();
        let fresh: Vec<(String, ChapterRender)> = stale
            .par_iter()
            .map(|chapter| {
                (
                    chapter.file_name.clone(),
                    ChapterRender::new(chapter, &book, book_version),
                )
            })
            .collect();
        let in_site: HashSet<&str> = chapters.iter().map(|c| c.file_name.as_str()).collect();
        self.renders
            .retain(|name, _| in_site.contains(name.as_str()));
        for (name, mut render) in fresh {
            self.next_render_id += 1;
            render.id = self.next_render_id;
            outcome.markdown.push(name.clone());
            self.renders.insert(name, render);
        }
        let renders: Vec<&ChapterRender> = chapters
            .iter()
            .map(|c| &self.renders[&c.file_name])
            .collect();
        for render in &renders {
            problems.extend(render.site.problems.iter().cloned());
        }
        let pairs: Vec<(&Chapter, &Rendered)> = chapters
            .iter()
            .copied()
            .zip(renders.iter().map(|r| &r.site))
            .collect();
        check_internal_links(&pairs, &mut problems);
        problems.extend(inputs.problems.iter().cloned());
        if !problems.is_empty() {
            return Err(Error::Content(sorted(problems)));
        }

        // Pages.
        let nav = nav_items(chapters.iter().copied());
        if nav != self.nav {
            self.nav = nav;
            self.nav_version += 1;
        }
        let base_url = self
            .options
            .base_url
            .as_deref()
            .or(inputs.config.base_url.as_deref());
        let shared = Shared {
            config: &inputs.config,
            theme: &inputs.theme,
            assets: &inputs.links,
            nav: &self.nav,
            base_url,
        };
        let site = Pages {
            shared: &shared,
            chapters: &chapters,
            renders: &renders,
            cache: &self.pages,
            base_key: hash_of(&[self.inputs_version, self.nav_version]),
        };
        let refreshed = site
            .refresh_all()
            .map_err(|problems| Error::Content(sorted(problems)))?;
        let mut page_paths = site.page_paths();

        // Every page is ready: keep them and the files made from the whole site.
        let mut wanted: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        for page in refreshed {
            let (path, output) = self.pages.keep(page);
            outcome.pages.push(path.clone());
            wanted.insert(path, output);
        }
        if outcome.full {
            wanted.extend(inputs.files.clone());
        }
        wanted.insert("robots.txt".into(), sitemap::robots(base_url).into_bytes());
        if let Some(base) = base_url {
            let updated: HashMap<String, String> = chapters
                .iter()
                .filter_map(|c| {
                    let date = c.front.updated.as_ref()?;
                    Some((format!("{}/index.html", c.slug), date.iso()))
                })
                .collect();
            let mut listed: Vec<(String, Option<String>)> = page_paths
                .iter()
                .filter(|path| *path != "404.html")
                .map(|path| (path.clone(), updated.get(path).cloned()))
                .collect();
            listed.sort();
            wanted.insert(
                "sitemap.xml".into(),
                sitemap::sitemap(base, &listed).into_bytes(),
            );
        }
        let mut keep: HashSet<String> = inputs.files.keys().cloned().collect();
        keep.extend(page_paths.iter().cloned());
        keep.extend(wanted.keys().cloned());
        page_paths.sort();
        self.pages.retain(|path| {
            page_paths
                .binary_search_by(|p| p.as_str().cmp(path))
                .is_ok()
        });
        for (path, bytes) in wanted {
            if self.files.get(&path) != Some(&bytes) {
                outcome.changed.push(path.clone());
                self.files.insert(path, bytes);
            }
        }
        let removed: Vec<String> = self
            .files
            .keys()
            .filter(|path| !keep.contains(*path))
            .cloned()
            .collect();
        for path in &removed {
            self.files.remove(path);
        }
        outcome.removed = removed;
        outcome.pages.sort();
        Ok(outcome)
    }

    /// Lists the chapter files and reads those that are new, changed (by
    /// modification time or size) or `named`.
    fn read_chapter_files(&mut self, named: &[String]) -> Result<(), Diagnostic> {
        let paths = match load::chapter_paths(&self.source_dir) {
            Ok(paths) => paths,
            Err(problem) => {
                self.chapter_files.clear();
                return Err(problem);
            }
        };
        let mut listed = HashSet::new();
        let mut to_read = Vec::new();
        for path in paths {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stamp = std::fs::metadata(&path)
                .ok()
                .and_then(|m| Some((m.modified().ok()?, m.len())));
            let known = self.chapter_files.get(&name);
            if stamp.is_none()
                || known.is_none_or(|file| file.stamp != stamp)
                || named.contains(&name)
            {
                to_read.push((name.clone(), path, stamp));
            }
            listed.insert(name);
        }
        let root = &self.source_dir;
        let read: Vec<(String, ChapterFile)> = to_read
            .into_par_iter()
            .map(|(name, path, stamp)| {
                let loaded = load::read_chapter(root, &path);
                (name, ChapterFile { stamp, loaded })
            })
            .collect();
        self.chapter_files.extend(read);
        self.chapter_files.retain(|name, _| listed.contains(name));
        Ok(())
    }
}

/// The site's chapters in reading order, drafts left out unless asked for;
/// every problem of reading them goes into `problems`.
fn arrange<'a>(
    files: &'a BTreeMap<String, ChapterFile>,
    options: &BuildOptions,
    problems: &mut Diagnostics,
) -> Vec<&'a Chapter> {
    let mut chapters: Vec<&Chapter> = Vec::new();
    for file in files.values() {
        match &file.loaded {
            Ok(chapter) if options.include_drafts || !chapter.front.draft => chapters.push(chapter),
            Ok(_) => {}
            Err(found) => problems.extend(found.iter().cloned()),
        }
    }
    chapters.sort_by(|a, b| load::reading_order(a, b));
    load::check_unique_slugs(chapters.iter().copied(), problems);
    chapters
}

impl ChapterRender {
    fn new(chapter: &Chapter, book: &Book<'_>, book_version: u64) -> ChapterRender {
        let site = parse::render_chapter(chapter, book, Mode::Site);
        let print = parse::render_chapter(chapter, book, Mode::Print);
        let site_meta = meta_hash(chapter, &site);
        let print_meta = meta_hash(chapter, &print);
        ChapterRender {
            text_hash: hash_text(chapter),
            book_version,
            id: 0,
            site,
            print,
            site_meta,
            print_meta,
        }
    }
}

/// What a template sees of a chapter besides its body and its number (which
/// the contents list already accounts for).
fn meta_hash(chapter: &Chapter, rendered: &Rendered) -> u64 {
    let mut page = ChapterPage::new(chapter, rendered, 0);
    page.content = "";
    let json = serde_json::to_vec(&page).unwrap_or_default();
    xxhash_rust::xxh3::xxh3_64(&json)
}

fn hash_text(chapter: &Chapter) -> u64 {
    let mut hasher = Xxh3::new();
    hasher.update(chapter.file_name.as_bytes());
    hasher.update(&[0]);
    hasher.update(chapter.text.as_bytes());
    hasher.digest()
}

fn hash_of(values: &[u64]) -> u64 {
    let mut hasher = Xxh3::new();
    for value in values {
        hasher.update(&value.to_le_bytes());
    }
    hasher.digest()
}

fn sorted(mut problems: Diagnostics) -> Diagnostics {
    problems.sort();
    problems
}

/// The site's pages for one run, each brought up to date through the cache.
struct Pages<'a> {
    shared: &'a Shared<'a>,
    chapters: &'a [&'a Chapter],
    renders: &'a [&'a ChapterRender],
    cache: &'a PageCache,
    /// Sums up the inputs and the contents list, which every page sees.
    base_key: u64,
}

impl Pages<'_> {
    /// A page's key: the base key and what else its template sees.
    fn key(&self, more: impl IntoIterator<Item = u64>) -> u64 {
        let mut values = vec![self.base_key];
        values.extend(more);
        hash_of(&values)
    }

    /// Every page's output path.
    fn page_paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = ["index.html", "print/index.html", "404.html"]
            .into_iter()
            .chain(["accessibility/index.html"])
            .map(String::from)
            .collect();
        paths.extend(
            self.chapters
                .iter()
                .map(|c| format!("{}/index.html", c.slug)),
        );
        paths
    }

    /// The pages that changed, or every problem drawing them.
    fn refresh_all(&self) -> Result<Vec<Refreshed>, Diagnostics> {
        let placeholders: Vec<String> = (0..self.chapters.len()).map(placeholder).collect();
        let page = |index: usize, print: bool| {
            let render = self.renders[index];
            let rendered = if print { &render.print } else { &render.site };
            let mut page = ChapterPage::new(self.chapters[index], rendered, index + 1);
            page.content = &placeholders[index];
            page
        };
        let site_pages: Vec<ChapterPage<'_>> =
            (0..self.chapters.len()).map(|i| page(i, false)).collect();
        let print_indexes: Vec<usize> = (0..self.chapters.len())
            .filter(|&i| self.chapters[i].front.print)
            .collect();
        let print_pages: Vec<ChapterPage<'_>> =
            print_indexes.iter().map(|&i| page(i, true)).collect();
        let site_contents: Vec<Content<'_>> = self
            .renders
            .iter()
            .map(|r| Content {
                html: &r.site.html,
                id: r.id,
            })
            .collect();
        let print_contents: Vec<Content<'_>> = self
            .renders
            .iter()
            .map(|r| Content {
                html: &r.print.html,
                id: r.id,
            })
            .collect();
        let nav = self.shared.nav;

        let mut results: Vec<Result<Option<Refreshed>, Diagnostic>> = site_pages
            .par_iter()
            .enumerate()
            .map(|(i, page)| {
                let prev = i.checked_sub(1).map(|j| &nav[j]);
                let next = nav.get(i + 1);
                self.cache.refresh(
                    &format!("{}/index.html", page.slug),
                    self.key([self.renders[i].site_meta]),
                    || self.shared.chapter(page, prev, next),
                    &site_contents,
                )
            })
            .collect();
        results.push(self.cache.refresh(
            "index.html",
            self.key(self.renders.iter().map(|r| r.site_meta)),
            || self.shared.home(&site_pages),
            &site_contents,
        ));
        results.push(
            self.cache.refresh(
                "print/index.html",
                self.key(
                    print_indexes
                        .iter()
                        .flat_map(|&i| [i as u64, self.renders[i].print_meta]),
                ),
                || self.shared.print(&print_pages),
                &print_contents,
            ),
        );
        results.push(self.cache.refresh(
            "404.html",
            self.key([]),
            || self.shared.simple("404.html", "404.html", "Page not found"),
            &[],
        ));
        results.push(self.cache.refresh(
            "accessibility/index.html",
            self.key([]),
            || {
                self.shared.simple(
                    "accessibility.html",
                    "accessibility/index.html",
                    "Accessibility statement",
                )
            },
            &[],
        ));
        let mut problems = Diagnostics::default();
        let mut refreshed = Vec::new();
        for result in results {
            match result {
                Ok(Some(page)) => refreshed.push(page),
                Ok(None) => {}
                Err(problem) => problems.push(problem),
            }
        }
        problems.into_result(refreshed)
    }
}
