//! `handbook pdf`: the single print page, printed to PDF by headless Chromium.
//!
//! The site is built into a temporary folder and `print/index.html` printed
//! with Chromium's document outline (bookmarks from the headings) and tags.
//! Chromium cannot fill `target-counter()`, so the contents list gets its page
//! numbers in a second print: the first PDF tells on which page each chapter
//! landed (its named destination, the `#slug` the contents list links to), the
//! numbers go into the list's `data-page-for` spans, and the page is printed
//! again. If the numbers moved anything, it is printed once more. Last, the
//! bookmarks get their headings' exact text back (see [`bookmark_titles`]).

mod chromium;
mod contents;
pub mod document;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::Error;
use crate::pipeline::{BuildOptions, build_site};

/// The print page inside a built site.
const PRINT_PAGE: &str = "print/index.html";

/// Prints after the first one that may be needed for the page numbers to settle.
const MAX_NUMBERING_PRINTS: usize = 3;

#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// The browser to print with; found on PATH when not given.
    pub chromium: Option<PathBuf>,
    /// How long one print may take before Chromium is stopped.
    pub timeout: Duration,
    pub build: BuildOptions,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            chromium: None,
            timeout: Duration::from_secs(120),
            build: BuildOptions::default(),
        }
    }
}

/// What was printed.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfReport {
    pub pages: usize,
    /// How many times Chromium printed the page (two when the numbers settle at once).
    pub prints: usize,
    /// Chapter slug → the page its contents entry shows.
    pub chapter_pages: BTreeMap<String, usize>,
}

/// Builds the handbook in `source_dir` and prints its single page to `out`.
pub fn write_pdf(source_dir: &Path, out: &Path, options: &PdfOptions) -> Result<PdfReport, Error> {
    if out.is_dir() {
        return Err(Error::Usage(format!(
            "`{}` is a folder; give --out the name of the PDF file to write, such as output/handbook.pdf",
            out.display()
        )));
    }
    let browser = chromium::find(options.chromium.as_deref(), std::env::var_os("PATH"))?;
    let site = build_site(source_dir, &options.build)?;
    let title = &site.settings.title;

    let scratch = tempfile::Builder::new()
        .prefix("handbook-pdf-")
        .tempdir()
        .map_err(io_error(
            "cannot create a temporary folder in",
            &std::env::temp_dir(),
        ))?;
    let site_dir = scratch.path().join("site");
    crate::write::write_site(&site_dir, &site.files)
        .map_err(io_error("cannot write the site to", &site_dir))?;
    let page_path = site_dir.join(PRINT_PAGE);
    let pdf_path = scratch.path().join("handbook.pdf");
    let print_html = site
        .files
        .get(PRINT_PAGE)
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
        .unwrap_or_default();
    // The PDF's title is the handbook's, not the browser tab's longer one.
    let print_html = contents::with_title(&print_html, title);
    let slugs = contents::page_slugs(&print_html);

    let unreadable = |error: document::ReadError| {
        Error::Tool(format!("cannot read the PDF Chromium wrote: {error}"))
    };
    let print = |html: &str| -> Result<(Vec<u8>, document::PrintedLayout), Error> {
        std::fs::write(&page_path, html).map_err(io_error("cannot write", &page_path))?;
        chromium::print_to_pdf(
            &browser,
            &page_path,
            &pdf_path,
            scratch.path(),
            options.timeout,
        )?;
        let bytes = std::fs::read(&pdf_path)
            .map_err(io_error("cannot read the PDF Chromium wrote at", &pdf_path))?;
        let layout = document::read_layout(&bytes).map_err(unreadable)?;
        Ok((bytes, layout))
    };

    let (mut pdf, mut layout) = print(&print_html)?;
    let mut prints = 1;
    let mut shown = BTreeMap::new();
    if !slugs.is_empty() {
        loop {
            let pages = chapter_pages(&slugs, &layout)?;
            if pages == shown {
                break;
            }
            if prints > MAX_NUMBERING_PRINTS {
                return Err(Error::Tool(format!(
                    "the contents page numbers still moved after {prints} prints; the print stylesheet should give `.print-contents__page` a fixed width so the numbers do not change the layout"
                )));
            }
            (pdf, layout) = print(&contents::with_page_numbers(&print_html, &pages))?;
            prints += 1;
            shown = pages;
        }
    }

    let bookmarks = document::read_bookmarks(&pdf).map_err(unreadable)?;
    let titles = bookmark_titles(&bookmarks, &contents::heading_texts(&print_html));
    let pdf = document::with_bookmark_titles(&pdf, &titles).map_err(unreadable)?;
    crate::write::file_into_place(out, &pdf).map_err(io_error("cannot write", out))?;
    Ok(PdfReport {
        pages: layout.page_count,
        prints,
        chapter_pages: shown,
    })
}

/// Turns an I/O failure on `path` into the library's error.
fn io_error(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Io {
        action,
        path,
        source,
    }
}

/// The page of each chapter in the contents list, from the printed layout.
fn chapter_pages(
    slugs: &[String],
    layout: &document::PrintedLayout,
) -> Result<BTreeMap<String, usize>, Error> {
    slugs
        .iter()
        .map(|slug| match layout.destination_pages.get(slug) {
            Some(page) => Ok((slug.clone(), *page)),
            None => Err(Error::Tool(format!(
                "the printed PDF does not say where the chapter `{slug}` starts; the print page must link to `#{slug}` (the contents list does) and have an element with that id"
            ))),
        })
        .collect()
}

/// The headings' own text for the bookmarks whose titles Chromium took from
/// the laid-out lines: it drops the space where a heading wraps ("everybody's
/// business" becomes "everybody'sbusiness") and between inline pieces, and
/// shows `text-transform`ed letters. Bookmarks and headings are matched in
/// order, ignoring spaces and case; a bookmark with no matching heading keeps
/// its title.
fn bookmark_titles(bookmarks: &[document::Bookmark], headings: &[String]) -> BTreeMap<u32, String> {
    let key = |text: &str| -> String {
        text.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let mut titles = BTreeMap::new();
    let mut next = 0;
    for bookmark in bookmarks {
        let wanted = key(&bookmark.title);
        if let Some(found) = headings[next..].iter().position(|h| key(h) == wanted) {
            let heading = &headings[next + found];
            if heading != &bookmark.title {
                titles.insert(bookmark.object, heading.clone());
            }
            next += found + 1;
        }
    }
    titles
}

#[cfg(test)]
mod tests {
    use super::*;
    use document::Bookmark;

    fn bookmark(object: u32, title: &str) -> Bookmark {
        Bookmark {
            object,
            title: title.into(),
        }
    }

    #[test]
    fn bookmarks_get_their_headings_text_in_order() {
        let headings = [
            "Handbook",
            "Hidden in print",
            "Next steps",
            "Case study: Redefining relationships",
            "Next steps",
            "Understanding trauma is everybody\u{2019}s business",
        ]
        .map(String::from);
        let bookmarks = [
            bookmark(1, "Handbook"),
            bookmark(2, "Next steps"),
            bookmark(3, "CASE STUDY:Redefining relationships"),
            bookmark(4, "Chapter 9 (generated by CSS)"),
            bookmark(5, "Next steps"),
            bookmark(6, "Understanding trauma is everybody\u{2019}sbusiness"),
        ];
        assert_eq!(
            bookmark_titles(&bookmarks, &headings),
            BTreeMap::from([(3, headings[3].clone()), (6, headings[5].clone()),])
        );
    }
}
