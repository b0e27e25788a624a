//! `handbook pdf`: the single print page, printed to PDF by headless Chromium.
//!
//! The site is built into a temporary folder and `print/index.html` printed
//! with Chromium's document outline (bookmarks from the headings) and tags.
//! Chromium cannot fill `target-counter()`, so the contents list gets its page
//! numbers in a second print: the first PDF tells on which page each chapter
//! landed (its named destination, the `#slug` the contents list links to), the
//! numbers go into the list's `data-page-for` spans, and the page is printed
//! again. If the numbers moved anything, it is printed once more.

mod chromium;
mod contents;
pub mod reader;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::build::{BuildOptions, build_site};
use crate::error::Error;

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
    let title = crate::config::load(source_dir)?.title;

    let scratch = tempfile::Builder::new()
        .prefix("handbook-pdf-")
        .tempdir()
        .map_err(|source| Error::Io {
            action: "cannot create a temporary folder in",
            path: std::env::temp_dir(),
            source,
        })?;
    let site_dir = scratch.path().join("site");
    crate::write::write_site(&site_dir, &site.files).map_err(|source| Error::Io {
        action: "cannot write the site to",
        path: site_dir.clone(),
        source,
    })?;
    let page_path = site_dir.join(PRINT_PAGE);
    let pdf_path = scratch.path().join("handbook.pdf");
    let print_html = site
        .files
        .get(PRINT_PAGE)
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
        .unwrap_or_default();
    // The PDF's title is the handbook's, not the browser tab's longer one.
    let print_html = contents::with_title(&print_html, &title);
    let slugs = contents::page_slugs(&print_html);

    let print = |html: &str| -> Result<reader::PrintedLayout, Error> {
        std::fs::write(&page_path, html).map_err(|source| Error::Io {
            action: "cannot write",
            path: page_path.clone(),
            source,
        })?;
        chromium::print_to_pdf(
            &browser,
            &page_path,
            &pdf_path,
            scratch.path(),
            options.timeout,
        )?;
        let bytes = std::fs::read(&pdf_path).map_err(|source| Error::Io {
            action: "cannot read the PDF Chromium wrote at",
            path: pdf_path.clone(),
            source,
        })?;
        reader::read_layout(&bytes)
            .map_err(|error| Error::Tool(format!("cannot read the PDF Chromium wrote: {error}")))
    };

    let mut layout = print(&print_html)?;
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
            layout = print(&contents::with_page_numbers(&print_html, &pages))?;
            prints += 1;
            shown = pages;
        }
    }

    copy_into_place(&pdf_path, out)?;
    Ok(PdfReport {
        pages: layout.page_count,
        prints,
        chapter_pages: shown,
    })
}

/// The page of each chapter in the contents list, from the printed layout.
fn chapter_pages(
    slugs: &[String],
    layout: &reader::PrintedLayout,
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

/// Writes the PDF beside `out` and renames it into place, so a reader never
/// opens half a file.
fn copy_into_place(pdf: &Path, out: &Path) -> Result<(), Error> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let io_error = |action, path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    };
    std::fs::create_dir_all(parent).map_err(io_error("cannot create the folder", parent))?;
    let partial = parent.join(format!(
        ".{}.writing-{}",
        out.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    std::fs::copy(pdf, &partial).map_err(io_error("cannot write", &partial))?;
    std::fs::rename(&partial, out).map_err(|source| {
        let _ = std::fs::remove_file(&partial);
        Error::Io {
            action: "cannot write",
            path: out.to_path_buf(),
            source,
        }
    })
}
