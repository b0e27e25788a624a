//! `handbook pdf`, run as a user runs it: the real binary, Debian's Chromium,
//! and poppler-utils (`pdfinfo`, `pdftohtml`, `pdftotext`) to read the result
//! independently of the reader inside `handbook`.
//!
//! These tests need `chromium` and `poppler-utils` installed (the test command
//! installs them); they fail, never skip, when either is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::cargo_bin;

const FIXTURE: &str = "tests/fixtures/pdf-small";
const INSTALL: &str = "apt-get install -y chromium poppler-utils";

fn require(tool: &str) {
    let found = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).any(|dir| dir.join(tool).is_file()))
        .unwrap_or(false);
    assert!(
        found,
        "`{tool}` is not on PATH: the PDF tests need Debian's Chromium and poppler-utils ({INSTALL})"
    );
}

/// Runs `handbook pdf` on `source` and returns the PDF's path (inside the returned folder).
fn print(source: &str) -> (tempfile::TempDir, PathBuf) {
    for tool in ["chromium", "pdfinfo", "pdftohtml", "pdftotext"] {
        require(tool);
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("nested/handbook.pdf");
    let output = Command::new(cargo_bin("handbook"))
        .args(["pdf", "--source", source, "--out"])
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "handbook pdf failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("pages"),
        "no report on stdout"
    );
    (dir, pdf)
}

/// Runs a poppler tool with `args`, then the PDF, then `after`; returns its standard output.
fn run(tool: &str, args: &[&str], pdf: &Path, after: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(after)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{tool} failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn info(pdf: &Path, key: &str) -> String {
    run("pdfinfo", &[], pdf, &[])
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{key}:")))
        .unwrap_or_else(|| panic!("pdfinfo shows no {key}"))
        .trim()
        .to_string()
}

/// Curly quotes as straight ones, so titles compare however they were typeset.
fn plain(text: &str) -> String {
    text.replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .trim()
        .to_string()
}

/// A bookmark: its depth in the outline (0 at the top), title and page.
#[derive(Debug)]
struct Bookmark {
    depth: usize,
    title: String,
    page: usize,
}

/// The PDF's outline, as poppler reads it.
fn outline(pdf: &Path) -> Vec<Bookmark> {
    let xml = run("pdftohtml", &["-xml", "-i", "-stdout", "-q"], pdf, &[]);
    let start = xml.find("<outline>").expect("the PDF has no outline");
    let mut depth = 0usize;
    let mut bookmarks = Vec::new();
    for line in xml[start..].lines() {
        if line.starts_with("<outline>") {
            depth += 1;
        } else if line.starts_with("</outline>") {
            depth -= 1;
        } else if let Some(rest) = line.strip_prefix("<item page=\"") {
            let (page, rest) = rest.split_once("\">").unwrap();
            bookmarks.push(Bookmark {
                depth: depth - 1,
                title: plain(rest.trim_end_matches("</item>")),
                page: page.parse().unwrap(),
            });
        }
    }
    bookmarks
}

/// The bookmark of each chapter: all at one level, the shallowest where chapter titles appear.
fn chapter_bookmarks<'a>(outline: &'a [Bookmark], titles: &[String]) -> Vec<&'a Bookmark> {
    let level = outline
        .iter()
        .filter(|b| titles.contains(&b.title))
        .map(|b| b.depth)
        .min()
        .expect("no chapter has a bookmark");
    titles
        .iter()
        .map(|title| {
            outline
                .iter()
                .find(|b| b.depth == level && &b.title == title)
                .unwrap_or_else(|| panic!("no bookmark for the chapter {title:?} in {outline:#?}"))
        })
        .collect()
}

/// The page number the printed contents list shows beside each title: the
/// first line of the text that holds the title and ends in a number.
fn contents_numbers(pdf: &Path, titles: &[String]) -> Vec<usize> {
    let text = plain(&run("pdftotext", &["-layout"], pdf, &["-"]));
    titles
        .iter()
        .map(|title| {
            text.lines()
                .filter(|line| line.contains(title.as_str()))
                .find_map(|line| {
                    let digits = line.trim_end().len()
                        - line
                            .trim_end()
                            .trim_end_matches(|c: char| c.is_ascii_digit())
                            .len();
                    (digits > 0).then(|| {
                        line.trim_end()[line.trim_end().len() - digits..]
                            .parse()
                            .unwrap()
                    })
                })
                .unwrap_or_else(|| {
                    panic!("the contents list shows no page number for {title:?}:\n{text}")
                })
        })
        .collect()
}

/// Chapter titles and their `##`/`###` headings, in order, from a handbook's chapter files.
fn chapters_of(source: &str) -> Vec<(String, Vec<String>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(source).join("chapters"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let mut chapters = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let front = text.split("---").nth(1).unwrap();
        if front.contains("draft: true") || front.contains("print: false") {
            continue;
        }
        let title = front
            .lines()
            .find_map(|l| l.strip_prefix("title:"))
            .unwrap()
            .trim()
            .trim_matches(['"', '\''])
            .to_string();
        let mut in_fence = false;
        let mut headings = Vec::new();
        for line in text.lines() {
            if line.starts_with("```") {
                in_fence = !in_fence;
            } else if !in_fence && (line.starts_with("## ") || line.starts_with("### ")) {
                let heading = line.trim_start_matches('#');
                let heading = heading.split(" {#").next().unwrap();
                headings.push(plain(heading));
            }
        }
        chapters.push((plain(&title), headings));
    }
    chapters
}

/// Every check a printed handbook must pass; returns the contents' page numbers.
fn check_printed(source: &str, title: &str, language: &str, min_pages: usize) -> Vec<usize> {
    let (_dir, pdf) = print(source);
    assert_eq!(info(&pdf, "Title"), title);
    let pages: usize = info(&pdf, "Pages").parse().unwrap();
    assert!(pages >= min_pages, "only {pages} pages");
    assert_eq!(info(&pdf, "Tagged"), "yes");
    let structure = run("pdfinfo", &["-struct"], &pdf, &[]);
    for tag in ["Document", "H1", "H2", "P", "Link"] {
        assert!(
            structure.lines().any(|l| l.trim_start().starts_with(tag)),
            "no {tag} in the structure tree"
        );
    }
    let bytes = std::fs::read(&pdf).unwrap();
    let lang = format!("/Lang ({language})");
    assert!(
        bytes.windows(lang.len()).any(|w| w == lang.as_bytes()),
        "the PDF does not declare {lang}"
    );
    // The page is printed from a temporary folder, deleted afterwards: a link
    // to another page of the site (such as "Back to the website") would lead
    // nowhere, so the print stylesheet must leave such links out.
    let file_link = b"/URI (file:";
    assert!(
        !bytes.windows(file_link.len()).any(|w| w == file_link),
        "the PDF links to a file in the temporary build folder"
    );

    // The cover carries no page number; the pages after it do.
    let page_text = |page: usize| {
        let page = page.to_string();
        run(
            "pdftotext",
            &["-f", &page, "-l", &page, "-layout"],
            &pdf,
            &["-"],
        )
    };
    assert!(!page_text(1).contains("Page 1 of"), "{}", page_text(1));
    assert!(
        page_text(2).contains(&format!("Page 2 of {pages}")),
        "{}",
        page_text(2)
    );

    let chapters = chapters_of(source);
    let titles: Vec<String> = chapters.iter().map(|(t, _)| t.clone()).collect();
    let outline = outline(&pdf);
    let bookmarks = chapter_bookmarks(&outline, &titles);
    for ((title, headings), chapter) in chapters.iter().zip(&bookmarks) {
        for heading in headings {
            assert!(
                outline.iter().any(|b| &b.title == heading
                    && b.depth > chapter.depth
                    && b.page >= chapter.page),
                "no bookmark for the section {heading:?} of {title:?}"
            );
        }
    }
    let outline_pages: Vec<usize> = bookmarks.iter().map(|b| b.page).collect();
    let numbers = contents_numbers(&pdf, &titles);
    assert_eq!(
        numbers, outline_pages,
        "the contents list's page numbers differ from the bookmarks' pages"
    );
    assert!(
        numbers.windows(2).all(|w| w[0] <= w[1]) && numbers.iter().all(|&n| n <= pages),
        "contents page numbers out of order or past the end: {numbers:?}"
    );
    numbers
}

#[test]
fn small_handbook_prints_with_metadata_bookmarks_tags_and_numbered_contents() {
    let numbers = check_printed(FIXTURE, "A small printed handbook", "cy", 4);
    // The second chapter is fifty long paragraphs: the third starts pages later.
    assert!(numbers[2] >= numbers[1] + 2, "{numbers:?}");
}

#[test]
fn bundled_handbook_prints_with_metadata_bookmarks_tags_and_numbered_contents() {
    check_printed("handbook", "Connecting head, heart and hands", "en-GB", 30);
}

#[test]
fn a_missing_chromium_is_a_clear_error_naming_the_package() {
    let output = Command::new(cargo_bin("handbook"))
        .args([
            "pdf",
            "--source",
            FIXTURE,
            "--chromium",
            "/nonexistent/chromium",
        ])
        .args(["--out", "/nonexistent/handbook.pdf"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`/nonexistent/chromium`"), "{stderr}");
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
}

#[test]
fn chromium_missing_from_path_is_a_clear_error() {
    let empty = tempfile::tempdir().unwrap();
    let output = Command::new(cargo_bin("handbook"))
        .args(["pdf", "--source", FIXTURE, "--out"])
        .arg(empty.path().join("handbook.pdf"))
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`chromium`"), "{stderr}");
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
    assert!(!empty.path().join("handbook.pdf").exists());
}
