//! The site's pages for one run: what each page's template sees, summed up
//! as its key, and each page brought up to date through the [`PageCache`].

use std::sync::Mutex;

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use super::chapters::ChapterRender;
use super::page_cache::{
    Content, ContentsItems, PageCache, Refreshed, placeholder, trim_around_holes,
};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::finish::minify::{minify_page, minify_part};
use crate::load::Chapter;
use crate::parse::Rendered;
use crate::render::pages::{ChapterPage, Fragment, Shared};
use crate::write::Staging;

pub(super) struct Pages<'a> {
    pub shared: &'a Shared<'a>,
    /// What the search page sees: the shared data with the search index,
    /// which only that page loads.
    pub search: &'a Shared<'a>,
    /// What the single page sees: the shared data with its running titles'
    /// stylesheet, which only that page links.
    pub print: &'a Shared<'a>,
    /// The edition's folder the pages are written under (`cy/`, or nothing).
    pub prefix: &'a str,
    /// The single page holds only this chapter, when set.
    pub print_only: Option<&'a str>,
    pub chapters: &'a [&'a Chapter],
    /// For each chapter, its original's language when the edition shows it
    /// untranslated.
    pub untranslated: &'a [Option<Fragment>],
    pub renders: &'a [&'a ChapterRender],
    /// The contents list's items, drawn once ([`draw_contents_items`]).
    pub items: &'a [String],
    /// The handbook's own accessibility statement, rendered, when it has one.
    pub statement: Option<(&'a Chapter, &'a Rendered)>,
    pub cache: &'a PageCache,
    /// Sums up the inputs and the contents list, which every page sees.
    pub base_key: u64,
    /// Minify pages as drawn (their holes take bodies minified already).
    pub minify: bool,
    /// Write each page as soon as it is drawn, and keep only its path: a
    /// build that runs once then never holds the whole site in memory.
    pub write_to: Option<&'a Staging>,
}

/// Pages every site has besides one per chapter: (output path, template, title).
/// Each page's path, template and title (a word of the theme).
const SIMPLE_PAGES: [(&str, &str, &str); 1] = [("404.html", "404.html", "page_not_found")];

/// The accessibility statement, drawn from the settings or the handbook's own.
const ACCESSIBILITY_PAGE: &str = "accessibility/index.html";

/// The search page, which loads the search index.
pub(super) const SEARCH_PAGE: (&str, &str, &str) = ("search/index.html", "search.html", "search");

impl Pages<'_> {
    /// Every page's output path.
    pub fn paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = ["index.html", "print/index.html"]
            .into_iter()
            .chain(SIMPLE_PAGES.iter().map(|(path, _, _)| *path))
            .chain([ACCESSIBILITY_PAGE, SEARCH_PAGE.0])
            .map(String::from)
            .collect();
        paths.extend(self.chapters.iter().map(|c| chapter_path(c)));
        paths
            .into_iter()
            .map(|path| format!("{}{path}", self.prefix))
            .collect()
    }

    /// The pages that changed (written already, and without their HTML, when
    /// [`Pages::write_to`] is set), or every problem drawing them.
    pub fn refresh_all(&self) -> Result<Vec<Refreshed>, Error> {
        let round = Round::new(self);
        // The home and print pages list every chapter, so each is drawn on
        // one thread: beside the chapter pages, not after them.
        let (mut results, (print, (home, others))) = rayon::join(
            || round.chapter_pages(),
            || {
                rayon::join(
                    || round.print_page(),
                    || rayon::join(|| round.home_page(), || round.other_pages()),
                )
            },
        );
        results.extend([home, print]);
        results.extend(others);
        if let (Some(staging), Some(source)) = (
            self.write_to,
            round.failed_write.into_inner().ok().flatten(),
        ) {
            return Err(Error::Io {
                action: "cannot write the site to",
                path: staging.out().to_path_buf(),
                source,
            });
        }
        let mut problems = Diagnostics::default();
        let mut refreshed = Vec::new();
        for result in results {
            match result {
                Ok(Some(page)) => refreshed.push(page),
                Ok(None) => {}
                Err(problem) => problems.push(problem),
            }
        }
        problems.sort();
        problems.into_result(refreshed).map_err(Error::Content)
    }

    /// A page as its template drew it, minified when asked for.
    fn drawn(&self, html: Result<String, Diagnostic>) -> Result<String, Diagnostic> {
        match html {
            Ok(html) if self.minify => Ok(minify_page(&trim_around_holes(&html))),
            html => html,
        }
    }

    /// A page's key: the base key and what else its template sees.
    fn key(&self, more: impl IntoIterator<Item = u64>) -> u64 {
        let mut hasher = Xxh3::new();
        hasher.update(&self.base_key.to_le_bytes());
        for value in more {
            hasher.update(&value.to_le_bytes());
        }
        hasher.digest()
    }
}

/// One page, brought up to date: drawn again, refilled, or left (`None`).
type PageResult = Result<Option<Refreshed>, Diagnostic>;

/// One round of bringing the pages up to date, shared by the threads that
/// draw them.
struct Round<'p> {
    pages: &'p Pages<'p>,
    /// What stands in each chapter's page for its content, by reading order.
    placeholders: Vec<String>,
    site_contents: Vec<Content<'p>>,
    print_contents: Vec<Content<'p>>,
    /// The first error writing a page, when pages are written as drawn.
    failed_write: Mutex<Option<std::io::Error>>,
}

impl<'p> Round<'p> {
    fn new(pages: &'p Pages<'p>) -> Round<'p> {
        // the chapters' contents, then the contents list's items (their
        // holes numbered after the chapters', as `draw_contents_items` placed them)
        let items: Vec<Content<'p>> = pages
            .items
            .iter()
            .map(|html| Content {
                html,
                id: xxhash_rust::xxh3::xxh3_64(html.as_bytes()),
            })
            .collect();
        let contents = |rendered: fn(&ChapterRender) -> &Rendered| -> Vec<Content<'p>> {
            pages
                .renders
                .iter()
                .map(|r| Content {
                    html: &rendered(r).html,
                    id: r.id,
                })
                .chain(items.iter().copied())
                .collect()
        };
        Round {
            pages,
            placeholders: (0..pages.chapters.len()).map(placeholder).collect(),
            site_contents: contents(|r| &r.site),
            print_contents: contents(|r| &r.print),
            failed_write: Mutex::new(None),
        }
    }

    /// The chapter at `index` as its page (or its part of the print page)
    /// shows it, with a hole for its content.
    fn page(&self, index: usize, print: bool) -> ChapterPage<'_> {
        let render = self.pages.renders[index];
        let rendered = if print { &render.print } else { &render.site };
        let mut page = ChapterPage::new(self.pages.chapters[index], rendered, index + 1);
        page.content = &self.placeholders[index];
        page.untranslated = self.pages.untranslated[index].clone();
        page
    }

    /// Brings the page at `path` (from the edition's folder) up to date,
    /// and writes it when pages are written as they are drawn: from its
    /// parts, keeping only its path; the first error writing is kept.
    fn refresh(
        &self,
        path: &str,
        key: u64,
        draw: impl FnOnce() -> Result<String, Diagnostic>,
        contents: &[Content<'_>],
    ) -> PageResult {
        let pages = self.pages;
        let path = format!("{}{path}", pages.prefix);
        let Some(staging) = pages.write_to else {
            return pages.cache.refresh(&path, key, draw, contents);
        };
        pages
            .cache
            .refresh_then(&path, key, draw, contents, |parts| {
                let parts: Vec<&[u8]> = parts.iter().map(|part| part.as_bytes()).collect();
                if let Err(error) = staging.write_parts(&path, &parts) {
                    let mut failed = self.failed_write.lock().unwrap_or_else(|e| e.into_inner());
                    failed.get_or_insert(error);
                }
                String::new()
            })
    }

    fn chapter_pages(&self) -> Vec<PageResult> {
        let pages = self.pages;
        let nav = pages.shared.nav;
        (0..pages.chapters.len())
            .into_par_iter()
            .map(|i| {
                self.refresh(
                    &chapter_path(pages.chapters[i]),
                    pages.key([
                        pages.renders[i].site_meta,
                        u64::from(pages.untranslated[i].is_some()),
                    ]),
                    || {
                        let prev = i.checked_sub(1).map(|j| &nav[j]);
                        pages.drawn(pages.shared.chapter(
                            &self.page(i, false),
                            prev,
                            nav.get(i + 1),
                        ))
                    },
                    &self.site_contents,
                )
            })
            .collect()
    }

    fn home_page(&self) -> PageResult {
        let pages = self.pages;
        self.refresh(
            "index.html",
            pages.key(pages.renders.iter().map(|r| r.site_meta)),
            || {
                let chapters: Vec<ChapterPage<'_>> = (0..pages.chapters.len())
                    .map(|i| self.page(i, false))
                    .collect();
                pages.drawn(pages.shared.home(&chapters))
            },
            &self.site_contents,
        )
    }

    /// The single page: every chapter printed (or the one asked for), in
    /// reading order.
    fn print_page(&self) -> PageResult {
        let pages = self.pages;
        let printed: Vec<usize> = (0..pages.chapters.len())
            .filter(|&i| {
                let chapter = pages.chapters[i];
                chapter.front.print && pages.print_only.is_none_or(|slug| slug == chapter.slug)
            })
            .collect();
        let key = pages.key(
            printed
                .iter()
                .flat_map(|&i| [i as u64, pages.renders[i].print_meta]),
        );
        self.refresh(
            "print/index.html",
            key,
            || {
                let chapters: Vec<ChapterPage<'_>> =
                    printed.iter().map(|&i| self.page(i, true)).collect();
                pages.drawn(pages.print.print(&chapters))
            },
            &self.print_contents,
        )
    }

    /// The pages that show no chapter: 404, the accessibility statement, search.
    fn other_pages(&self) -> Vec<PageResult> {
        let pages = self.pages;
        let mut results = Vec::new();
        for (path, template, title) in SIMPLE_PAGES {
            results.push(self.refresh(
                path,
                pages.key([]),
                || pages.drawn(pages.shared.simple(template, path, title)),
                &self.site_contents,
            ));
        }
        let statement = pages
            .statement
            .map(|(own, rendered)| ChapterPage::new(own, rendered, 0));
        let statement_key = statement.as_ref().map_or(0, |page| {
            xxhash_rust::xxh3::xxh3_64(serde_json::to_string(page).unwrap_or_default().as_bytes())
        });
        results.push(self.refresh(
            ACCESSIBILITY_PAGE,
            pages.key([statement_key]),
            || {
                pages.drawn(
                    pages
                        .shared
                        .accessibility(ACCESSIBILITY_PAGE, statement.as_ref()),
                )
            },
            &self.site_contents,
        ));
        let (path, template, title) = SEARCH_PAGE;
        let index = pages
            .search
            .assets
            .search_index
            .as_deref()
            .unwrap_or_default();
        results.push(self.refresh(
            path,
            pages.key([xxhash_rust::xxh3::xxh3_64(index.as_bytes())]),
            || pages.drawn(pages.search.simple(template, path, title)),
            &self.site_contents,
        ));
        results
    }
}

/// The contents list's items for the chapter pages (and the others at the
/// same depth), each drawn once as another page's chapter and once as the
/// page's own, minified when `minify`: a page of a large handbook lists
/// fifty chapters, and drawing and minifying them on every page was most of
/// its time. Each item's hole comes after the chapters' holes.
pub(super) fn draw_contents_items(
    shared: &Shared<'_>,
    chapters: &[&Chapter],
    minify: bool,
) -> Result<ContentsItems, Error> {
    let Some(first) = chapters.first() else {
        return Ok(ContentsItems {
            html: Vec::new(),
            drawn: Default::default(),
        });
    };
    let root = shared.root_of(&chapter_path(first));
    let html = (0..2 * chapters.len())
        .into_par_iter()
        .map(|hole| {
            let drawn = shared.contents_item(hole / 2, &root, hole % 2 == 1)?;
            Ok(if minify { minify_part(&drawn) } else { drawn })
        })
        .collect::<Result<Vec<String>, Diagnostic>>()
        .map_err(|problem| Error::Content([problem].into_iter().collect()))?;
    let count = chapters.len();
    let placed: Vec<[String; 2]> = (0..count)
        .map(|i| [placeholder(count + 2 * i), placeholder(count + 2 * i + 1)])
        .collect();
    Ok(ContentsItems {
        html,
        drawn: shared.drawn_items(root, &placed),
    })
}

fn chapter_path(chapter: &Chapter) -> String {
    format!("{}/index.html", chapter.slug)
}
