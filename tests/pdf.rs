//! `handbook pdf`, run as a user runs it: the real binary, Debian's Chromium,
//! and poppler-utils (`pdfinfo`, `pdftohtml`, `pdftotext`) to read the result
//! independently of the reader inside `handbook`. What poppler does not show
//! (artifacts, alternate text, link descriptions, the XMP claim) is read from
//! the PDF's objects with `lopdf` here, by code of its own.
//!
//! These tests need `chromium` and `poppler-utils` installed (the test command
//! installs them); they fail, never skip, when either is missing.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use common::pdf_tools::{pdf_info, poppler, require};
use common::{Ran, run, run_with};
use lopdf::{Dictionary, Document, Object, ObjectId};

const FIXTURE: &str = "tests/fixtures/pdf-small";

/// Runs `handbook pdf` on `source` and returns the PDF's path (inside the returned folder).
fn print(source: &str) -> (tempfile::TempDir, PathBuf) {
    print_with(source, &[])
}

/// [`print`] with more arguments for `handbook pdf`.
fn print_with(source: &str, args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    for tool in ["chromium", "pdfinfo", "pdftohtml", "pdftotext"] {
        require(tool);
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("nested/handbook.pdf");
    let mut all = vec!["pdf", "--out", pdf.to_str().unwrap()];
    all.extend(args);
    let Ran {
        code,
        stdout,
        stderr,
    } = run(&all, Path::new(source));
    assert_eq!(code, Some(0), "handbook pdf failed:\n{stderr}");
    assert!(stdout.contains("pages"), "no report on stdout");
    (dir, pdf)
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
    let xml = poppler("pdftohtml", &["-xml", "-i", "-stdout", "-q"], pdf, &[]);
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
    let text = plain(&poppler("pdftotext", &["-layout"], pdf, &["-"]));
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

/// What one page draws, read from its content stream: the text of its
/// pagination artifacts (running head and foot) and how much it draws
/// outside any marked-content sequence (neither tagged nor an artifact).
#[derive(Debug, Default)]
struct PageMarks {
    header: String,
    footer: String,
    unmarked_text: usize,
    unmarked_painting: usize,
}

fn page_marks(document: &Document, page: ObjectId) -> PageMarks {
    let content = document.get_page_content(page);
    let operations = lopdf::content::Content::decode(&content)
        .expect("a page's content decodes")
        .operations;
    let fonts = document.get_page_fonts(page).unwrap();
    let encodings: HashMap<&[u8], lopdf::Encoding> = fonts
        .iter()
        .map(|(name, font)| (name.as_slice(), font.get_font_encoding(document).unwrap()))
        .collect();
    let mut marks = PageMarks::default();
    // each open sequence: the pagination subtype it marks, if it is one
    let mut open: Vec<Option<Vec<u8>>> = Vec::new();
    let mut font: Option<Vec<u8>> = None;
    for operation in &operations {
        let operands = &operation.operands;
        match operation.operator.as_str() {
            "BDC" | "BMC" => {
                let pagination = match operands.as_slice() {
                    [Object::Name(tag), Object::Dictionary(properties)] if tag == b"Artifact" => {
                        let name = |key: &[u8]| properties.get(key).and_then(Object::as_name).ok();
                        (name(b"Type") == Some(b"Pagination"))
                            .then(|| name(b"Subtype").unwrap_or(b"").to_vec())
                    }
                    _ => None,
                };
                open.push(pagination);
            }
            "EMC" => {
                open.pop();
            }
            "Tf" => {
                font = operands
                    .first()
                    .and_then(|f| f.as_name().ok())
                    .map(<[u8]>::to_vec)
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if open.is_empty() {
                    marks.unmarked_text += 1;
                }
                let strings: Vec<&[u8]> = operands
                    .iter()
                    .flat_map(|operand| match operand {
                        Object::Array(items) => items.iter().collect(),
                        other => vec![other],
                    })
                    .filter_map(|operand| operand.as_str().ok())
                    .collect();
                let encoding = font
                    .as_deref()
                    .and_then(|name| encodings.get(name))
                    .expect("text is drawn in a font of the page");
                let text: String = strings
                    .iter()
                    .map(|bytes| Document::decode_text(encoding, bytes).unwrap())
                    .collect();
                match open.iter().rev().flatten().next().map(Vec::as_slice) {
                    Some(b"Header") => marks.header.push_str(&text),
                    Some(b"Footer") => marks.footer.push_str(&text),
                    _ => {}
                }
            }
            "f" | "F" | "f*" | "S" | "s" | "B" | "B*" | "b" | "b*" | "Do" | "sh" | "BI"
                if open.is_empty() =>
            {
                marks.unmarked_painting += 1;
            }
            _ => {}
        }
    }
    marks
}

/// Every element of the structure tree, in document order.
fn structure_elements(document: &Document) -> Vec<(ObjectId, Dictionary)> {
    let root = document
        .catalog()
        .unwrap()
        .get_deref(b"StructTreeRoot", document)
        .and_then(Object::as_dict)
        .expect("the PDF has a structure tree");
    let mut elements = Vec::new();
    let mut stack = vec![root.get(b"K").unwrap().clone()];
    while let Some(kid) = stack.pop() {
        match kid {
            Object::Array(items) => stack.extend(items.into_iter().rev()),
            Object::Reference(id) => {
                let dict = document.get_dictionary(id).unwrap();
                if dict.has(b"S") {
                    elements.push((id, dict.clone()));
                    stack.extend(dict.get(b"K").ok().cloned());
                }
            }
            _ => {}
        }
    }
    elements
}

fn text_of(object: &Object) -> String {
    lopdf::decode_text_string(object).unwrap_or_default()
}

/// The PDF/UA-1 finishing, read back: artifacts on every page but the cover
/// (the running head and "Page N of M" among them) and nothing drawn
/// outside a marked sequence; every figure with alternate text; every link
/// annotation described and tied to its `/Link` element; pages tabbing in
/// structure order; the XMP packet with the title, language and claim.
/// Returns each page's running head.
fn check_accessible(pdf: &Path, title: &str, language: &str) -> Vec<String> {
    let document = Document::load(pdf).unwrap();
    let pages = document.get_pages();
    let mut heads = Vec::new();
    for (&number, &page) in &pages {
        let marks = page_marks(&document, page);
        assert_eq!(
            (marks.unmarked_text, marks.unmarked_painting),
            (0, 0),
            "page {number} draws outside any marked sequence"
        );
        if number == 1 {
            assert!(
                marks.header.is_empty() && marks.footer.is_empty(),
                "the cover has a running head or foot: {marks:?}"
            );
        } else {
            // in the handbook's language (the theme's words)
            let (page_word, of_word) = if language.starts_with("cy") {
                ("Tudalen", "o")
            } else {
                ("Page", "of")
            };
            assert_eq!(
                marks.footer.trim(),
                format!("{page_word} {number} {of_word} {}", pages.len()),
                "page {number}'s foot is not a pagination artifact"
            );
            assert!(
                !marks.header.trim().is_empty(),
                "page {number} has no running head marked as pagination"
            );
        }
        heads.push(marks.header.trim().to_string());
        let tabs = document.get_dictionary(page).unwrap().get(b"Tabs");
        assert_eq!(
            tabs.and_then(Object::as_name).ok(),
            Some(b"S".as_slice()),
            "page {number}"
        );
    }

    let elements = structure_elements(&document);
    let figures: Vec<&Dictionary> = elements
        .iter()
        .filter(|(_, e)| e.get(b"S").and_then(Object::as_name).ok() == Some(b"Figure"))
        .map(|(_, e)| e)
        .collect();
    for figure in &figures {
        let alt = figure.get(b"Alt").map(text_of).unwrap_or_default();
        assert!(!alt.trim().is_empty(), "a /Figure without /Alt: {figure:?}");
    }

    // No heading is empty (pdfua's own check of this, UA-14-001, cannot run:
    // see docs/reliability.md): each marks some content of a page.
    let marks_content = |element: &Dictionary| {
        let mut stack: Vec<&Object> = element.get(b"K").into_iter().collect();
        while let Some(kid) = stack.pop() {
            match document.dereference(kid).map(|(_, kid)| kid) {
                Ok(Object::Integer(_)) => return true,
                Ok(Object::Array(items)) => stack.extend(items),
                Ok(Object::Dictionary(dict)) if dict.has(b"MCID") => return true,
                Ok(Object::Dictionary(dict)) => stack.extend(dict.get(b"K")),
                _ => {}
            }
        }
        false
    };
    let headings: Vec<&Dictionary> = elements
        .iter()
        .map(|(_, e)| e)
        .filter(|e| {
            let kind = e.get(b"S").and_then(Object::as_name).unwrap_or(b"");
            kind == b"H" || (kind.len() == 2 && kind[0] == b'H' && kind[1].is_ascii_digit())
        })
        .collect();
    assert!(!headings.is_empty(), "no headings in the structure tree");
    for heading in headings {
        assert!(marks_content(heading), "an empty heading: {heading:?}");
    }

    // The parent tree: a link annotation's /StructParent → its element.
    let root = document
        .catalog()
        .unwrap()
        .get_deref(b"StructTreeRoot", &document)
        .and_then(Object::as_dict)
        .unwrap();
    let nums = root
        .get_deref(b"ParentTree", &document)
        .and_then(Object::as_dict)
        .and_then(|tree| tree.get(b"Nums"))
        .and_then(Object::as_array)
        .expect("a flat parent tree, as Chromium writes it");
    let parents: HashMap<i64, &Object> = nums
        .chunks(2)
        .map(|pair| (pair[0].as_i64().unwrap(), &pair[1]))
        .collect();
    let mut links = 0;
    for &page in pages.values() {
        let Ok(annotations) = document.get_page_annotations(page) else {
            continue;
        };
        for annotation in annotations {
            if annotation.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Link") {
                continue;
            }
            links += 1;
            // The page is printed from a temporary folder, deleted afterwards:
            // a link to another page of the site (such as "Back to the
            // website") would lead nowhere, so the print stylesheet must leave
            // such links out.
            let uri = annotation
                .get_deref(b"A", &document)
                .and_then(Object::as_dict)
                .and_then(|action| action.get(b"URI"))
                .map(text_of)
                .unwrap_or_default();
            assert!(
                !uri.starts_with("file:"),
                "the PDF links to a file in the temporary build folder: {uri}"
            );
            let contents = annotation.get(b"Contents").map(text_of).unwrap_or_default();
            assert!(
                !contents.trim().is_empty(),
                "a link without /Contents: {annotation:?}"
            );
            let parent = annotation
                .get(b"StructParent")
                .and_then(Object::as_i64)
                .ok()
                .and_then(|key| parents.get(&key))
                .and_then(|element| element.as_reference().ok())
                .and_then(|id| document.get_dictionary(id).ok())
                .unwrap_or_else(|| panic!("a link ({contents}) not tied to the structure tree"));
            assert_eq!(
                parent.get(b"S").and_then(Object::as_name).ok(),
                Some(b"Link".as_slice()),
                "the link {contents:?} is tied to something other than a /Link element"
            );
        }
    }
    assert!(links > 0, "no link annotations");

    let catalog = document.catalog().unwrap();
    let metadata = catalog
        .get_deref(b"Metadata", &document)
        .and_then(Object::as_stream)
        .expect("the catalog has XMP metadata");
    let xml = String::from_utf8(metadata.get_plain_content().unwrap()).unwrap();
    let body = xml
        .split_once("?>")
        .and_then(|(_, rest)| rest.rsplit_once("<?xpacket"))
        .map(|(body, _)| body)
        .expect("an XMP packet");
    let packet = roxmltree::Document::parse(body).expect("the XMP packet is XML");
    let property = |name: &str| -> String {
        let node = packet
            .descendants()
            .find(|n| n.tag_name().name() == name)
            .unwrap_or_else(|| panic!("no {name} in the XMP packet"));
        node.descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .map(str::trim)
            .collect::<String>()
    };
    assert_eq!(property("title"), title);
    assert_eq!(property("language"), language);
    assert_eq!(property("part"), "1");
    assert_eq!(catalog.get(b"Lang").map(text_of).unwrap(), language);
    heads
}

/// Every check a printed handbook must pass; returns the contents' page
/// numbers and each page's running head.
fn check_printed(
    source: &str,
    title: &str,
    language: &str,
    min_pages: usize,
) -> (Vec<usize>, Vec<String>) {
    let (_dir, pdf) = print(source);
    check_pdf(&pdf, source, title, language, min_pages)
}

/// The checks of [`check_printed`] on a PDF printed from `source`.
fn check_pdf(
    pdf: &Path,
    source: &str,
    title: &str,
    language: &str,
    min_pages: usize,
) -> (Vec<usize>, Vec<String>) {
    let pdf = pdf.to_path_buf();
    assert_eq!(pdf_info(&pdf, "Title"), title);
    let pages: usize = pdf_info(&pdf, "Pages").parse().unwrap();
    assert!(pages >= min_pages, "only {pages} pages");
    assert_eq!(pdf_info(&pdf, "Tagged"), "yes");
    let structure = poppler("pdfinfo", &["-struct"], &pdf, &[]);
    for tag in ["Document", "H1", "H2", "P", "Link"] {
        assert!(
            structure.lines().any(|l| l.trim_start().starts_with(tag)),
            "no {tag} in the structure tree"
        );
    }
    // The cover carries no page number; the pages after it do, in the
    // handbook's language (the theme's words, themes/default/i18n/)
    let (page_word, of_word) = if language.starts_with("cy") {
        ("Tudalen", "o")
    } else {
        ("Page", "of")
    };
    let page_text = |page: usize| {
        let page = page.to_string();
        poppler(
            "pdftotext",
            &["-f", &page, "-l", &page, "-layout"],
            &pdf,
            &["-"],
        )
    };
    assert!(
        !page_text(1).contains(&format!("{page_word} 1 {of_word}")),
        "{}",
        page_text(1)
    );
    assert!(
        page_text(2).contains(&format!("{page_word} 2 {of_word} {pages}")),
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
    let heads = check_accessible(&pdf, title, language);
    (numbers, heads)
}

#[test]
fn small_handbook_prints_with_metadata_bookmarks_tags_and_numbered_contents() {
    let (numbers, heads) = check_printed(FIXTURE, "A small printed handbook", "cy", 4);
    // The second chapter is fifty long paragraphs: the third starts pages later.
    assert!(numbers[2] >= numbers[1] + 2, "{numbers:?}");
    // Its pages between them carry its title as their running head.
    for page in numbers[1]..numbers[2] {
        assert_eq!(heads[page - 1], "Working together", "page {page}");
    }
}

#[test]
fn bundled_handbook_prints_with_metadata_bookmarks_tags_and_numbered_contents() {
    let (numbers, heads) =
        check_printed("handbook", "Connecting head, heart and hands", "en-GB", 30);
    // Chapter 8 spans pages; one in its middle says where it comes from.
    let (start, end) = (numbers[7], numbers[8]);
    assert!(end - start >= 3, "chapter 8 is on pages {start} to {end}");
    let middle = (start + end) / 2;
    let chapter_8 = &chapters_of("handbook")[7].0;
    assert_eq!(&heads[middle - 1], chapter_8, "page {middle}");
    // The contents page keeps the handbook's title.
    assert_eq!(heads[1], "Connecting head, heart and hands");
}

#[test]
fn a_missing_chromium_is_a_clear_error_naming_the_package() {
    let Ran { code, stderr, .. } = run(
        &[
            "pdf",
            "--chromium",
            "/nonexistent/chromium",
            "--out",
            "/nonexistent/handbook.pdf",
        ],
        Path::new(FIXTURE),
    );
    assert_eq!(code, Some(1));
    assert!(stderr.contains("`/nonexistent/chromium`"), "{stderr}");
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
}

#[test]
fn chromium_missing_from_path_is_a_clear_error() {
    let empty = tempfile::tempdir().unwrap();
    let out = empty.path().join("handbook.pdf");
    let Ran { code, stderr, .. } = run_with(
        common::handbook().env("PATH", empty.path()),
        &["pdf", "--out", out.to_str().unwrap()],
        Path::new(FIXTURE),
    );
    assert_eq!(code, Some(1));
    assert!(stderr.contains("`chromium`"), "{stderr}");
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
    assert!(!empty.path().join("handbook.pdf").exists());
}

#[test]
fn one_chapter_prints_with_the_cover_its_running_title_bookmarks_and_accessibility() {
    let (_dir, pdf) = print_with("handbook", &["--chapter", "our-principles"]);
    let chapters = chapters_of("handbook");
    let (title, sections) = &chapters[7];
    let handbook = "Connecting head, heart and hands";
    let document_title = format!("{handbook}: {title}");
    assert_eq!(pdf_info(&pdf, "Title"), document_title);
    let pages: usize = pdf_info(&pdf, "Pages").parse().unwrap();
    let cover = poppler("pdftotext", &["-f", "1", "-l", "1"], &pdf, &["-"]);
    let cover = plain(&cover)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(cover.contains(handbook), "{cover}");

    let outline = outline(&pdf);
    let chapter = chapter_bookmarks(&outline, std::slice::from_ref(title))[0];
    for section in sections {
        assert!(
            outline
                .iter()
                .any(|b| &b.title == section && b.depth > chapter.depth),
            "no bookmark for the section {section:?}"
        );
    }
    for (other, _) in chapters.iter().filter(|(other, _)| other != title) {
        assert!(
            !outline.iter().any(|b| &b.title == other),
            "the PDF of one chapter holds the chapter {other:?}"
        );
    }
    let numbers = contents_numbers(&pdf, std::slice::from_ref(title));
    assert_eq!(numbers, [chapter.page]);

    let heads = check_accessible(&pdf, &document_title, "en-GB");
    assert_eq!(heads.len(), pages);
    for (page, head) in heads.iter().enumerate().skip(chapter.page - 1) {
        assert_eq!(head, title, "page {}", page + 1);
    }
}

#[test]
fn an_unknown_chapter_is_a_usage_error_that_suggests_the_nearest() {
    require("chromium");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.pdf");
    let Ran { code, stderr, .. } = run(
        &[
            "pdf",
            "--chapter",
            "our-principls",
            "--out",
            out.to_str().unwrap(),
        ],
        Path::new("handbook"),
    );
    assert_eq!(code, Some(2));
    assert!(stderr.contains("`our-principls`"), "{stderr}");
    assert!(
        stderr.contains("did you mean `our-principles`?"),
        "{stderr}"
    );
    assert!(!dir.path().join("x.pdf").exists());
}

/// A fork made as docs/forking.md says (`handbook init`, then the fork
/// fixture laid over it), with a chapter whose title and heading are long
/// enough to wrap on paper: its bookmarks keep the spaces where they wrap.
#[test]
fn a_fork_prints_accessibly_and_bookmarks_wrapped_headings_with_their_spaces() {
    let fork = common::fork_fixture("Northshire Care Partnership");
    std::fs::write(
        fork.source.join("chapters/03-kindness-network.md"),
        "---\ntitle: Welcome to the Calderdale Kindness Network and the people who make it work\n---\n\n\
         ## Where to find the people who can help you when things are hard and you are unsure\n\n\
         Ask anyone on the network.\n",
    )
    .unwrap();
    let source = fork.source.to_str().unwrap();
    let (_out, pdf) = print(source);
    let text = poppler("pdftotext", &["-layout"], &pdf, &["-"]);
    let heading =
        "Where to find the people who can help you when things are hard and you are unsure";
    assert!(
        text.lines().any(|line| heading.starts_with(line.trim())
            && line.trim().len() > 20
            && line.trim() != heading),
        "the long heading does not wrap on paper, so this test shows nothing:\n{text}"
    );
    check_pdf(
        &pdf,
        source,
        "Northshire Care Partnership handbook",
        "en-GB",
        4,
    );
}
