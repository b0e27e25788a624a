//! `handbook pdf`: the single print page (or one chapter of it), of the
//! handbook's own language or of one of its other editions, printed to an
//! accessible PDF by headless Chromium.
//!
//! The site is built into a temporary folder and `print/index.html` printed
//! with Chromium's document outline (bookmarks from the headings) and tags.
//! Chromium cannot fill `target-counter()`, so the contents list gets its page
//! numbers in a second print: the first PDF tells on which page each chapter
//! landed (its named destination, the `#slug` the contents list links to), the
//! numbers go into the list's `data-page-for` spans, and the page is printed
//! again. If the numbers moved anything, it is printed once more. Last, the
//! bookmarks get their headings' exact text back (see [`bookmark_titles`]),
//! and the PDF is finished for PDF/UA-1 ([`accessible`]), in the edition's
//! language (the print page's `<html lang>`).

mod accessible;
mod artifacts;
mod chromium;
mod contents;
pub mod document;
mod xmp;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::Error;
use crate::pipeline::{BuildOptions, build_site};
use document::{Printed, ReadError};

/// The print page inside a built site (inside an edition's folder for another language).
const PRINT_PAGE: &str = "print/index.html";

/// Prints after the first one that may be needed for the page numbers to settle.
const MAX_NUMBERING_PRINTS: usize = 3;

#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// The browser to print with; found on PATH when not given.
    pub chromium: Option<PathBuf>,
    /// How long one print may take before Chromium is stopped.
    pub timeout: Duration,
    /// Print only the chapter with this slug.
    pub chapter: Option<String>,
    /// Print the edition in this language (a code of `languages:`); the
    /// handbook's own language when `None`.
    pub language: Option<String>,
    pub build: BuildOptions,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            chromium: None,
            timeout: Duration::from_secs(120),
            chapter: None,
            language: None,
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

/// Builds the handbook in `source_dir` and prints its single page (or the
/// chapter `options.chapter`) to `out`.
pub fn write_pdf(source_dir: &Path, out: &Path, options: &PdfOptions) -> Result<PdfReport, Error> {
    if out.is_dir() {
        return Err(Error::Usage(format!(
            "`{}` is a folder; give --out the name of the PDF file to write, such as output/handbook.pdf",
            out.display()
        )));
    }
    let browser = chromium::find(options.chromium.as_deref(), std::env::var_os("PATH"))?;
    let build = BuildOptions {
        print_chapter: options.chapter.clone(),
        ..options.build.clone()
    };
    let site = build_site(source_dir, &build)?;
    let edition = site.edition(
        options
            .language
            .as_deref()
            .unwrap_or(&site.settings.language),
    )?;
    let handbook_title = &edition.settings.title;
    let print_page = format!("{}{PRINT_PAGE}", edition.folder);

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
    let page_path = site_dir.join(&print_page);
    let pdf_path = scratch.path().join("handbook.pdf");
    let print_html = site
        .files
        .get(&print_page)
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
        .unwrap_or_default();
    // The PDF's title is the handbook's (and the chapter's), not the browser
    // tab's longer one.
    let title = match &options.chapter {
        Some(slug) => format!(
            "{handbook_title}: {}",
            contents::section_name(&print_html, slug).unwrap_or_else(|| slug.clone())
        ),
        None => handbook_title.clone(),
    };
    let print_html = contents::with_title(&print_html, &title);
    let slugs = contents::page_slugs(&print_html);

    let unreadable =
        |error: ReadError| Error::Tool(format!("cannot read the PDF Chromium wrote: {error}"));
    let print = |html: &str| -> Result<Printed, Error> {
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
        Printed::parse(&bytes).map_err(unreadable)
    };

    let mut printed = print(&print_html)?;
    let mut layout = printed.layout().map_err(unreadable)?;
    let mut printed_html = print_html.clone();
    let mut prints = 1;
    let mut shown = BTreeMap::new();
    if !slugs.is_empty() {
        loop {
            let pages = chapter_pages(&slugs, &layout.destination_pages)?;
            if pages == shown {
                break;
            }
            if prints > MAX_NUMBERING_PRINTS {
                return Err(Error::Tool(format!(
                    "the contents page numbers still moved after {prints} prints; the print stylesheet should give `.print-contents__page` a fixed width so the numbers do not change the layout"
                )));
            }
            printed_html = contents::with_page_numbers(&print_html, &pages);
            printed = print(&printed_html)?;
            layout = printed.layout().map_err(unreadable)?;
            prints += 1;
            shown = pages;
        }
    }

    let bookmarks = printed.bookmarks().map_err(unreadable)?;
    let titles = bookmark_titles(&bookmarks, &contents::heading_texts(&printed_html));
    printed.retitle_bookmarks(&titles).map_err(unreadable)?;
    let language = contents::language(&printed_html).unwrap_or_else(|| "und".into());
    let link_texts = contents::link_texts(&printed_html);
    let facts = accessible::Facts {
        title: &title,
        language: &language,
        link_texts: &link_texts,
    };
    accessible::finish(&mut printed, &facts).map_err(unreadable)?;
    let pdf = printed.to_bytes().map_err(unreadable)?;
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
    destination_pages: &BTreeMap<String, usize>,
) -> Result<BTreeMap<String, usize>, Error> {
    slugs
        .iter()
        .map(|slug| match destination_pages.get(slug) {
            Some(page) => Ok((slug.clone(), *page)),
            None => Err(Error::Tool(format!(
                "the printed PDF does not say where the chapter `{slug}` starts; the print page must link to `#{slug}` (the contents list does) and have an element with that id"
            ))),
        })
        .collect()
}

/// The headings' own text for the bookmarks whose titles Chromium took from
/// the laid-out lines: it drops the space where a heading wraps ("everybody's
/// business" becomes "everybody'sbusiness") and between inline pieces, shows
/// `text-transform`ed letters, leaves out text that is only clipped from view
/// (a visually hidden colon), and (Chromium 156) says the heading that labels
/// the contents `nav` twice ("ContentsContents"). Bookmarks and headings are
/// matched in order, by their letters and digits alone, in any case; then a
/// run of bookmarks left between two matched ones takes the headings between
/// theirs, when there are as many. A bookmark with no heading keeps its title.
fn bookmark_titles(
    bookmarks: &[document::Bookmark],
    headings: &[String],
) -> BTreeMap<lopdf::ObjectId, String> {
    let key = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    // bookmark index → heading index
    let mut matched: Vec<Option<usize>> = vec![None; bookmarks.len()];
    let mut next = 0;
    for (index, bookmark) in bookmarks.iter().enumerate() {
        let wanted = key(&bookmark.title);
        if let Some(found) = headings[next..].iter().position(|h| key(h) == wanted) {
            matched[index] = Some(next + found);
            next += found + 1;
        }
    }
    let mut index = 0;
    while index < bookmarks.len() {
        if matched[index].is_some() {
            index += 1;
            continue;
        }
        let run_end = (index..bookmarks.len())
            .find(|&i| matched[i].is_some())
            .unwrap_or(bookmarks.len());
        let first_heading = index
            .checked_sub(1)
            .and_then(|before| matched[before])
            .map_or(0, |heading| heading + 1);
        let last_heading = matched
            .get(run_end)
            .copied()
            .flatten()
            .unwrap_or(headings.len());
        if last_heading - first_heading == run_end - index {
            for (offset, slot) in matched[index..run_end].iter_mut().enumerate() {
                *slot = Some(first_heading + offset);
            }
        }
        index = run_end;
    }
    bookmarks
        .iter()
        .zip(matched)
        .filter_map(|(bookmark, heading)| {
            let heading = &headings[heading?];
            (heading != &bookmark.title).then(|| (bookmark.object, heading.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use document::Bookmark;

    fn bookmark(object: u32, title: &str) -> Bookmark {
        Bookmark {
            object: (object, 0),
            title: title.into(),
        }
    }

    #[test]
    fn bookmarks_get_their_headings_text_in_order() {
        let headings = [
            "Handbook",
            "Contents",
            "Hidden in print",
            "Next steps",
            "Case study: Redefining relationships",
            "Next steps",
            "Understanding trauma is everybody\u{2019}s business",
        ]
        .map(String::from);
        let bookmarks = [
            bookmark(1, "Handbook"),
            bookmark(7, "ContentsContents"),
            bookmark(8, "Hidden in print"),
            bookmark(2, "Next steps"),
            bookmark(3, "CASE STUDYRedefining relationships"),
            bookmark(4, "Chapter 9 (generated by CSS)"),
            bookmark(5, "Next steps"),
            bookmark(6, "Understanding trauma is everybody\u{2019}sbusiness"),
        ];
        assert_eq!(
            bookmark_titles(&bookmarks, &headings),
            BTreeMap::from([
                ((3, 0), headings[4].clone()),
                ((6, 0), headings[6].clone()),
                ((7, 0), headings[1].clone()),
            ])
        );
    }
}
