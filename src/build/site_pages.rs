//! The site's pages for one run: what each page's template sees, summed up
//! as its key, and each page brought up to date through the [`PageCache`].

use std::sync::Mutex;

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use super::chapters::ChapterRender;
use super::page_cache::{Content, PageCache, Refreshed, placeholder, trim_around_holes};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::finish::minify::minify_part;
use crate::load::Chapter;
use crate::parse::Rendered;
use crate::render::pages::{ChapterPage, Shared};
use crate::write::Staging;

pub(super) struct Pages<'a> {
    pub shared: &'a Shared<'a>,
    /// What the search page sees: the shared data with the search index,
    /// which only that page loads.
    pub search: &'a Shared<'a>,
    /// What the single page sees: the shared data with its running titles'
    /// stylesheet, which only that page links.
    pub print: &'a Shared<'a>,
    /// The single page holds only this chapter, when set.
    pub print_only: Option<&'a str>,
    pub chapters: &'a [&'a Chapter],
    pub renders: &'a [&'a ChapterRender],
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
const SIMPLE_PAGES: [(&str, &str, &str); 2] = [
    ("404.html", "404.html", "Page not found"),
    (
        "accessibility/index.html",
        "accessibility.html",
        "Accessibility statement",
    ),
];

/// The search page, which loads the search index.
pub(super) const SEARCH_PAGE: (&str, &str, &str) = ("search/index.html", "search.html", "Search");

impl Pages<'_> {
    /// Every page's output path.
    pub fn paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = ["index.html", "print/index.html"]
            .into_iter()
            .chain(SIMPLE_PAGES.iter().map(|(path, _, _)| *path))
            .chain([SEARCH_PAGE.0])
            .map(String::from)
            .collect();
        paths.extend(self.chapters.iter().map(|c| chapter_path(c)));
        paths
    }

    /// The pages that changed (written already, and without their HTML, when
    /// [`Pages::write_to`] is set), or every problem drawing them.
    pub fn refresh_all(&self) -> Result<Vec<Refreshed>, Error> {
        let failed_write = Mutex::new(None);
        let written = |result| self.write(result, &failed_write);
        let count = self.chapters.len();
        let placeholders: Vec<String> = (0..count).map(placeholder).collect();
        // built only for the pages drawn again
        let page = |index: usize, print: bool| {
            let render = self.renders[index];
            let rendered = if print { &render.print } else { &render.site };
            let mut page = ChapterPage::new(self.chapters[index], rendered, index + 1);
            page.content = &placeholders[index];
            page
        };
        let contents = |rendered: fn(&ChapterRender) -> &Rendered| -> Vec<Content<'_>> {
            self.renders
                .iter()
                .map(|r| Content {
                    html: &rendered(r).html,
                    id: r.id,
                })
                .collect()
        };
        let site_contents = contents(|r| &r.site);
        let print_contents = contents(|r| &r.print);
        let printed: Vec<usize> = (0..count)
            .filter(|&i| {
                let chapter = self.chapters[i];
                chapter.front.print && self.print_only.is_none_or(|slug| slug == chapter.slug)
            })
            .collect();
        let nav = self.shared.nav;

        let chapter_pages = || -> Vec<Result<Option<Refreshed>, Diagnostic>> {
            (0..count)
                .into_par_iter()
                .map(|i| {
                    written(self.cache.refresh(
                        &chapter_path(self.chapters[i]),
                        self.key([self.renders[i].site_meta]),
                        || {
                            let prev = i.checked_sub(1).map(|j| &nav[j]);
                            self.drawn(self.shared.chapter(&page(i, false), prev, nav.get(i + 1)))
                        },
                        &site_contents,
                    ))
                })
                .collect()
        };
        let home_page = || {
            written(self.cache.refresh(
                "index.html",
                self.key(self.renders.iter().map(|r| r.site_meta)),
                || {
                    let pages: Vec<ChapterPage<'_>> = (0..count).map(|i| page(i, false)).collect();
                    self.drawn(self.shared.home(&pages))
                },
                &site_contents,
            ))
        };
        let print_page = || {
            written(
                self.cache.refresh(
                    "print/index.html",
                    self.key(
                        printed
                            .iter()
                            .flat_map(|&i| [i as u64, self.renders[i].print_meta]),
                    ),
                    || {
                        let pages: Vec<ChapterPage<'_>> =
                            printed.iter().map(|&i| page(i, true)).collect();
                        self.drawn(self.print.print(&pages))
                    },
                    &print_contents,
                ),
            )
        };
        let other_pages = || {
            let mut results = Vec::new();
            for (path, template, title) in SIMPLE_PAGES {
                results.push(written(self.cache.refresh(
                    path,
                    self.key([]),
                    || self.drawn(self.shared.simple(template, path, title)),
                    &[],
                )));
            }
            let (path, template, title) = SEARCH_PAGE;
            let index = self
                .search
                .assets
                .search_index
                .as_deref()
                .unwrap_or_default();
            results.push(written(self.cache.refresh(
                path,
                self.key([xxhash_rust::xxh3::xxh3_64(index.as_bytes())]),
                || self.drawn(self.search.simple(template, path, title)),
                &[],
            )));
            results
        };
        // The home and print pages list every chapter, so each is drawn on
        // one thread: beside the chapter pages, not after them.
        let (mut results, (print, (home, others))) = rayon::join(chapter_pages, || {
            rayon::join(print_page, || rayon::join(home_page, other_pages))
        });
        results.extend([home, print]);
        results.extend(others);
        if let (Some(staging), Some(source)) =
            (self.write_to, failed_write.into_inner().ok().flatten())
        {
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

    /// Writes a page just drawn, when pages are written as they are drawn,
    /// keeping its path only; the first error writing is kept in `failed`.
    fn write(
        &self,
        result: Result<Option<Refreshed>, Diagnostic>,
        failed: &Mutex<Option<std::io::Error>>,
    ) -> Result<Option<Refreshed>, Diagnostic> {
        match (self.write_to, result) {
            (Some(staging), Ok(Some(mut page))) => {
                if let Err(error) = staging.write(&page.path, page.output.as_bytes()) {
                    let mut failed = failed.lock().unwrap_or_else(|e| e.into_inner());
                    failed.get_or_insert(error);
                }
                // written: the page's HTML is not needed any more
                page.output = String::new();
                Ok(Some(page))
            }
            (_, result) => result,
        }
    }

    /// A page as its template drew it, minified when asked for.
    fn drawn(&self, html: Result<String, Diagnostic>) -> Result<String, Diagnostic> {
        match html {
            Ok(html) if self.minify => Ok(minify_part(&trim_around_holes(&html))),
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

fn chapter_path(chapter: &Chapter) -> String {
    format!("{}/index.html", chapter.slug)
}
