//! The chapters as the builder remembers them: each file as last read, and
//! each chapter's Markdown as last rendered, so a run reads and renders only
//! what changed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::time::SystemTime;

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use super::BuildOptions;
use super::inputs::Inputs;
use crate::components::Components;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::finish::minify::minify_part;
use crate::finish::search::{ChapterIndex, Language};
use crate::load::{self, Chapter};
use crate::parse::{self, Book, Rendered};
use crate::render::pages::ChapterPage;

/// Every chapter file as last read, by file name.
#[derive(Default)]
pub(super) struct ChapterFiles {
    files: BTreeMap<String, ChapterFile>,
}

struct ChapterFile {
    /// Modification time and size when read; `None` when they could not be known.
    stamp: Option<(SystemTime, u64)>,
    /// Hash of the file's name and text.
    text_hash: u64,
    loaded: Result<Chapter, Diagnostics>,
}

impl ChapterFiles {
    /// Lists the chapter files and reads those that are new, changed (by
    /// modification time or size) or `named` (a watcher saw them change: a
    /// quick second save may keep both time and size).
    pub fn read(&mut self, root: &Path, named: &[String]) -> Result<(), Diagnostic> {
        let listed = match load::chapter_paths(root) {
            Ok(listed) => listed,
            Err(problem) => {
                self.files.clear();
                return Err(problem);
            }
        };
        let mut names = HashSet::new();
        let mut to_read = Vec::new();
        for (path, metadata) in listed {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stamp = metadata.modified().ok().map(|time| (time, metadata.len()));
            let known = self.files.get(&name);
            if stamp.is_none()
                || known.is_none_or(|file| file.stamp != stamp)
                || named.contains(&name)
            {
                to_read.push((name.clone(), path, stamp));
            }
            names.insert(name);
        }
        let read: Vec<(String, ChapterFile)> = to_read
            .into_par_iter()
            .map(|(name, path, stamp)| {
                let loaded = load::read_chapter(root, &path);
                let text_hash = loaded.as_ref().map_or(0, hash_text);
                let file = ChapterFile {
                    stamp,
                    text_hash,
                    loaded,
                };
                (name, file)
            })
            .collect();
        self.files.extend(read);
        self.files.retain(|name, _| names.contains(name));
        Ok(())
    }

    /// The site's chapters in reading order, drafts left out unless asked
    /// for; every problem of reading them goes into `problems`.
    pub fn arranged(&self, options: &BuildOptions, problems: &mut Diagnostics) -> Vec<&Chapter> {
        let mut chapters: Vec<&Chapter> = Vec::new();
        for file in self.files.values() {
            match &file.loaded {
                Ok(chapter) if options.include_drafts || !chapter.front.draft => {
                    chapters.push(chapter)
                }
                Ok(_) => {}
                Err(found) => problems.extend(found.iter().cloned()),
            }
        }
        chapters.sort_by(|a, b| load::reading_order(a, b));
        load::check_unique_slugs(chapters.iter().copied(), problems);
        load::chapter_names::check_number_prefixes(chapters.iter().copied(), problems);
        chapters
    }

    /// Chapter files that could not be loaded (their problems are reported),
    /// by file name and the slug their name gives: links to them are not
    /// reported as links to a missing chapter.
    pub fn unloaded(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files
            .iter()
            .filter(|(_, file)| file.loaded.is_err())
            .map(|(name, _)| {
                let stem = name.trim_end_matches(".md");
                (name.as_str(), load::split_order_prefix(stem).1)
            })
    }

    fn text_hash(&self, chapter: &Chapter) -> u64 {
        self.files
            .get(&chapter.file_name)
            .map_or(0, |file| file.text_hash)
    }

    pub fn clear(&mut self) {
        self.files.clear();
    }
}

fn hash_text(chapter: &Chapter) -> u64 {
    let mut hasher = Xxh3::new();
    hasher.update(chapter.file_name.as_bytes());
    hasher.update(&[0]);
    hasher.update(chapter.text.as_bytes());
    hasher.digest()
}

/// One chapter's Markdown rendered for both outputs.
pub(super) struct ChapterRender {
    /// The file's text and the book it was rendered against.
    text_hash: u64,
    book_version: u64,
    /// Changes whenever the rendering does.
    pub id: u64,
    pub site: Rendered,
    pub print: Rendered,
    /// Hashes of what templates see of the chapter besides its body.
    pub site_meta: u64,
    pub print_meta: u64,
    /// The chapter's part of the search index.
    pub search: ChapterIndex,
}

/// Every chapter of the site rendered, and what the renderings depend on
/// besides each chapter's own file.
#[derive(Default)]
pub(super) struct Renders {
    by_file: HashMap<String, ChapterRender>,
    /// The file name and slug of every chapter, which links resolve against.
    book: Vec<(String, String)>,
    /// Changes with `book` and with the site-wide inputs.
    book_version: u64,
    next_id: u64,
}

impl Renders {
    /// Notes the chapters that links resolve against and whether the
    /// site-wide inputs changed; when either did, every chapter is rendered
    /// again.
    pub fn set_book(&mut self, chapters: &[&Chapter], inputs_changed: bool) {
        let same = self.book.len() == chapters.len()
            && self
                .book
                .iter()
                .zip(chapters)
                .all(|((file, slug), c)| *file == c.file_name && *slug == c.slug);
        if same && !inputs_changed {
            return;
        }
        self.book = chapters
            .iter()
            .map(|c| (c.file_name.clone(), c.slug.clone()))
            .collect();
        self.book_version += 1;
    }

    /// Renders the chapters whose file or book changed (in parallel) and
    /// forgets chapters no longer in the site; returns the file names rendered.
    pub fn refresh(
        &mut self,
        chapters: &[&Chapter],
        files: &ChapterFiles,
        inputs: &Inputs,
        minify: bool,
    ) -> Vec<String> {
        let book = Book {
            slugs: chapters
                .iter()
                .map(|c| (c.file_name.as_str(), c.slug.as_str()))
                .chain(files.unloaded())
                .collect(),
            assets: &inputs.asset_paths,
            allow_html: inputs.settings.allow_html,
            blocks: &Components {
                theme: &inputs.theme,
            },
        };
        let book_version = self.book_version;
        let language = Language::of(&inputs.settings.language);
        let stale: Vec<(&Chapter, u64)> = chapters
            .iter()
            .map(|chapter| (*chapter, files.text_hash(chapter)))
            .filter(|(chapter, text_hash)| {
                !self.by_file.get(&chapter.file_name).is_some_and(|render| {
                    render.book_version == book_version && render.text_hash == *text_hash
                })
            })
            .collect();
        let fresh: Vec<(String, ChapterRender)> = stale
            .par_iter()
            .map(|(chapter, text_hash)| {
                let render =
                    ChapterRender::new(chapter, &book, &language, *text_hash, book_version, minify);
                (chapter.file_name.clone(), render)
            })
            .collect();
        if self.by_file.len() + fresh.len() > chapters.len() {
            let in_site: HashSet<&str> = chapters.iter().map(|c| c.file_name.as_str()).collect();
            self.by_file
                .retain(|name, _| in_site.contains(name.as_str()));
        }
        let mut rendered = Vec::with_capacity(fresh.len());
        for (name, mut render) in fresh {
            self.next_id += 1;
            render.id = self.next_id;
            rendered.push(name.clone());
            self.by_file.insert(name, render);
        }
        rendered
    }

    /// The renderings of `chapters`, in their order.
    pub fn of(&self, chapters: &[&Chapter]) -> Vec<&ChapterRender> {
        chapters
            .iter()
            .map(|c| &self.by_file[&c.file_name])
            .collect()
    }

    pub fn all(&self) -> impl Iterator<Item = &ChapterRender> {
        self.by_file.values()
    }

    pub fn clear(&mut self) {
        self.by_file.clear();
    }
}

impl ChapterRender {
    fn new(
        chapter: &Chapter,
        book: &Book<'_>,
        language: &Language,
        text_hash: u64,
        book_version: u64,
        minify: bool,
    ) -> ChapterRender {
        let (mut site, mut print) = parse::render_chapter_for_site_and_print(chapter, book);
        let site_meta = meta_hash(chapter, &site);
        let print_meta = meta_hash(chapter, &print);
        // The body goes into its page and the single page as it is: it is
        // minified once, here, in parallel with the other chapters.
        if minify {
            site.html = minify_part(&site.html);
            print.html = minify_part(&print.html);
        }
        // read from the minified body when there is one: the same words,
        // with less space between them to read
        let search = ChapterIndex::new(chapter, &site, language);
        ChapterRender {
            text_hash,
            book_version,
            id: 0,
            site,
            print,
            site_meta,
            print_meta,
            search,
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
