//! The chapters as the builder remembers them: each file as last read, and
//! each chapter's Markdown as last rendered, so a run reads and renders only
//! what changed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use super::BuildOptions;
use super::inputs::Inputs;
use crate::components::Components;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::finish::minify::minify_part;
use crate::finish::search::{ChapterIndex, Language};
use crate::load::extends::{self, Arranged, Layer, has_chapter_files};
use crate::load::{self, Chapter};
use crate::parse::{self, Book, Rendered};
use crate::render::pages::ChapterPage;

/// Every chapter file as last read, by the folder of its handbook (a
/// handbook and those it extends) and its file name.
#[derive(Default)]
pub(super) struct ChapterFiles {
    files: BTreeMap<(PathBuf, String), ChapterFile>,
}

struct ChapterFile {
    /// Modification time and size when read; `None` when they could not be known.
    stamp: Option<(SystemTime, u64)>,
    /// Hash of the file's name and text.
    text_hash: u64,
    loaded: Result<Chapter, Diagnostics>,
}

impl ChapterFiles {
    /// Lists the chapter files of the handbooks in `folders` (a handbook
    /// and those it extends, nearest first) and reads those that are new,
    /// changed (by modification time or size) or `named` (a watcher saw them
    /// change: a quick second save may keep both time and size).
    pub fn read(&mut self, folders: &[PathBuf], named: &[String]) -> Result<(), Diagnostic> {
        let mut keys = HashSet::new();
        let mut to_read = Vec::new();
        for (index, root) in folders.iter().enumerate() {
            let listed = match load::chapter_paths(root) {
                Ok(listed) => listed,
                // a handbook that extends another may have no chapters of its own
                Err(_) if index + 1 < folders.len() && !has_chapter_files(root) => Vec::new(),
                Err(problem) => {
                    self.files.clear();
                    return Err(problem);
                }
            };
            for (path, metadata) in listed {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let key = (root.clone(), name);
                let stamp = metadata.modified().ok().map(|time| (time, metadata.len()));
                let known = self.files.get(&key);
                if stamp.is_none()
                    || known.is_none_or(|file| file.stamp != stamp)
                    || named.contains(&key.1)
                {
                    to_read.push((key.clone(), path, stamp));
                }
                keys.insert(key);
            }
        }
        let read: Vec<((PathBuf, String), ChapterFile)> = to_read
            .into_par_iter()
            .map(|(key, path, stamp)| {
                let loaded = load::read_chapter(&key.0, &path);
                let text_hash = loaded.as_ref().map_or(0, hash_text);
                let file = ChapterFile {
                    stamp,
                    text_hash,
                    loaded,
                };
                (key, file)
            })
            .collect();
        self.files.extend(read);
        self.files.retain(|key, _| keys.contains(key));
        Ok(())
    }

    /// The site's chapters, made into one book from those of the handbooks
    /// of `lineage` (see [`extends::arrange`]), in reading order, drafts left
    /// out unless asked for; every problem of reading them goes into
    /// `problems`. Without a lineage (its settings did not load), the
    /// chapters of the handbook alone.
    pub fn arranged(
        &self,
        lineage: &[Layer],
        options: &BuildOptions,
        problems: &mut Diagnostics,
    ) -> Arranged<'_> {
        let mut folders: Vec<&Path> = lineage.iter().map(|l| l.folder.as_path()).collect();
        if folders.is_empty() {
            folders.extend(self.files.keys().next().map(|(folder, _)| folder.as_path()));
        }
        let mut by_layer: Vec<Vec<&Chapter>> = vec![Vec::new(); folders.len()];
        for ((folder, _), file) in &self.files {
            let Some(layer) = folders.iter().position(|f| f == folder) else {
                continue;
            };
            match &file.loaded {
                // translations belong to their editions
                Ok(chapter) if chapter.language.is_some() => {}
                Ok(chapter) => by_layer[layer].push(chapter),
                Err(found) => problems.extend(found.iter().cloned()),
            }
        }
        for chapters in &by_layer {
            // within each handbook: a fork's chapter may share a base's number to sit beside it
            let shown: Vec<&Chapter> = chapters
                .iter()
                .copied()
                .filter(|c| options.include_drafts || !c.front.draft)
                .collect();
            load::check_unique_slugs(shown.iter().copied(), problems);
            load::chapter_names::check_number_prefixes(shown.iter().copied(), problems);
        }
        let mut arranged = extends::arrange(lineage, by_layer, options.include_drafts, problems);
        arranged.chapters.sort_by(|a, b| load::reading_order(a, b));
        arranged
    }

    /// Every translation that loaded (drafts too: an edition shows the
    /// original instead of a draft), by file name.
    pub fn translations(&self) -> Vec<&Chapter> {
        self.files
            .values()
            .filter_map(|file| file.loaded.as_ref().ok())
            .filter(|chapter| chapter.language.is_some())
            .collect()
    }

    /// Chapter files that could not be loaded (their problems are reported),
    /// by file name and the slug their name gives: links to them are not
    /// reported as links to a missing chapter.
    pub fn unloaded(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files
            .iter()
            .filter(|(_, file)| file.loaded.is_err())
            .map(|((_, name), _)| {
                let stem = name.trim_end_matches(".md");
                (name.as_str(), load::split_order_prefix(stem).1)
            })
    }

    /// The hash of each loaded chapter's file, by its path as shown.
    fn text_hashes(&self) -> HashMap<&Path, u64> {
        self.files
            .values()
            .filter_map(|file| {
                let chapter = file.loaded.as_ref().ok()?;
                Some((chapter.display_path.as_path(), file.text_hash))
            })
            .collect()
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
    /// By the chapter's path as shown (file names repeat in a handbook that
    /// extends another).
    by_file: HashMap<PathBuf, ChapterRender>,
    /// The path and slug of every chapter, which links resolve against.
    book: Vec<(PathBuf, String)>,
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
                .all(|((file, slug), c)| *file == c.display_path && *slug == c.slug);
        if same && !inputs_changed {
            return;
        }
        self.book = chapters
            .iter()
            .map(|c| (c.display_path.clone(), c.slug.clone()))
            .collect();
        self.book_version += 1;
    }

    /// Renders the chapters whose file or book changed (in parallel) and
    /// forgets chapters no longer in the site; returns the file names
    /// rendered. `edition` is the language and the asset paths the chapters
    /// are rendered with.
    pub fn refresh(
        &mut self,
        chapters: &[&Chapter],
        arranged: &Arranged<'_>,
        files: &ChapterFiles,
        inputs: &Inputs,
        edition: (&str, &HashMap<String, String>),
        minify: bool,
    ) -> Vec<String> {
        let (language, asset_paths) = edition;
        let components = Components::new(&inputs.theme, language, &inputs.settings.language);
        // a translation links to chapters by their originals' names too
        let originals: Vec<(String, &str)> = chapters
            .iter()
            .filter_map(|c| Some((c.original_file_name()?, c.slug.as_str())))
            .collect();
        let book = book(
            chapters,
            &originals,
            arranged,
            files,
            inputs,
            asset_paths,
            &components,
        );
        let book_version = self.book_version;
        let language = Language::of(language);
        let text_hashes = files.text_hashes();
        let stale: Vec<(&Chapter, u64)> = chapters
            .iter()
            .map(|chapter| {
                let text_hash = text_hashes.get(chapter.display_path.as_path());
                (*chapter, text_hash.copied().unwrap_or(0))
            })
            .filter(|(chapter, text_hash)| {
                !self
                    .by_file
                    .get(&chapter.display_path)
                    .is_some_and(|render| {
                        render.book_version == book_version && render.text_hash == *text_hash
                    })
            })
            .collect();
        let fresh: Vec<(&Chapter, ChapterRender)> = stale
            .par_iter()
            .map(|(chapter, text_hash)| {
                let render =
                    ChapterRender::new(chapter, &book, &language, *text_hash, book_version, minify);
                (*chapter, render)
            })
            .collect();
        if self.by_file.len() + fresh.len() > chapters.len() {
            let in_site: HashSet<&Path> =
                chapters.iter().map(|c| c.display_path.as_path()).collect();
            self.by_file
                .retain(|path, _| in_site.contains(path.as_path()));
        }
        let mut rendered = Vec::with_capacity(fresh.len());
        for (chapter, mut render) in fresh {
            self.next_id += 1;
            render.id = self.next_id;
            rendered.push(chapter.file_name.clone());
            self.by_file.insert(chapter.display_path.clone(), render);
        }
        rendered
    }

    /// The renderings of `chapters`, in their order.
    pub fn of(&self, chapters: &[&Chapter]) -> Vec<&ChapterRender> {
        chapters
            .iter()
            .map(|c| &self.by_file[&c.display_path])
            .collect()
    }

    pub fn all(&self) -> impl Iterator<Item = &ChapterRender> {
        self.by_file.values()
    }

    pub fn clear(&mut self) {
        self.by_file.clear();
    }
}

/// What links in the chapters resolve against: the chapters (those that
/// could not be loaded too, so links to them are not reported twice) and
/// the assets.
/// What the Markdown of `chapters` (an edition's) is rendered against:
/// every chapter's file name (and a translation's original's) to its slug,
/// base chapters replaced and excluded, the edition's asset paths.
fn book<'a>(
    chapters: &[&'a Chapter],
    originals: &'a [(String, &'a str)],
    arranged: &Arranged<'a>,
    files: &'a ChapterFiles,
    inputs: &Inputs,
    asset_paths: &'a HashMap<String, String>,
    components: &'a Components<'a>,
) -> Book<'a> {
    let own = chapters
        .iter()
        .map(|c| (c.file_name.as_str(), c.slug.as_str()))
        .chain(originals.iter().map(|(name, slug)| (name.as_str(), *slug)));
    let mut slugs: HashMap<&str, &str> = arranged
        .replaced_file_names()
        .chain(files.unloaded())
        .collect();
    // a chapter's own file name wins over a replaced base chapter's
    slugs.extend(own);
    Book {
        slugs,
        excluded: arranged.excluded_files(),
        assets: asset_paths,
        allow_html: inputs.settings.allow_html,
        blocks: components,
    }
}

/// The handbook's own accessibility statement, rendered as a chapter is for
/// its page: its links to chapters and assets work as theirs do. It is one
/// short file, rendered again on every run. `(language, asset_paths)` are
/// its edition's, as for [`Renders::refresh`].
pub(super) fn render_statement(
    statement: &Chapter,
    arranged: &Arranged<'_>,
    files: &ChapterFiles,
    inputs: &Inputs,
    (language, asset_paths): (&str, &HashMap<String, String>),
) -> Rendered {
    let components = Components::new(&inputs.theme, language, &inputs.settings.language);
    let book = book(
        &arranged.chapters,
        &[],
        arranged,
        files,
        inputs,
        asset_paths,
        &components,
    );
    parse::render_chapter(statement, &book, parse::Mode::Site)
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
