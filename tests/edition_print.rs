//! `handbook pdf --language` and `handbook epub --language` on the fixture
//! with a Welsh and an Arabic edition (tests/fixtures/editions), run as a
//! user runs them, and read back by other tools: poppler-utils
//! (`pdftotext`, `pdfinfo`) for the printed text and where it stands on the
//! page, `lopdf` (by code of its own here) for the bookmarks, `/Lang` and
//! the structure tree, the `zip` crate and `roxmltree` for the e-books.
//! epubcheck, Ace and pdfua check the same files in `scripts/test`.
//!
//! Reading order: a PDF draws right-to-left text glyph by glyph from left to
//! right, shaped (letters joined, lam and alef as one ligature), and its
//! fonts map each glyph back to a character. `pdftotext` puts a line of
//! Arabic back into reading (logical) order by reversing the glyphs of its
//! right-to-left runs, wrapping each run in bidirectional embedding marks
//! (U+202A to U+202C, formatting, not text). A glyph that stands for more
//! than one character comes out in the wrong order that way: the lam-alef
//! ligature as alef-lam, a vowel mark before the letter it sits on. That is
//! poppler's reconstruction, not the PDF (whose glyphs are right: the page
//! shows the words), so the sentence asserted here is one with neither.
//!
//! These tests need `chromium` and `poppler-utils` (the test command
//! installs them); they fail, never skip, when either is missing.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::pdf_tools::{pdf_info, poppler, require};
use lopdf::{Document, Object};

const EDITIONS: &str = "editions";

/// `handbook pdf` of the fixture's edition in `language` (with more
/// `args`), written under its default name in a fresh folder; returns the
/// folder and the PDF's path.
fn print(language: &str, args: &[&str], name: &str) -> (tempfile::TempDir, PathBuf) {
    for tool in ["chromium", "pdfinfo", "pdftotext"] {
        require(tool);
    }
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["pdf", "--language", language];
    all.extend(args);
    let common::Ran { code, stderr, .. } = run_in(dir.path(), &all, &common::fixture(EDITIONS));
    assert_eq!(code, Some(0), "handbook pdf failed:\n{stderr}");
    let pdf = dir.path().join("output").join(name);
    assert!(pdf.is_file(), "no {} written", pdf.display());
    (dir, pdf)
}

/// `handbook ARGS --source SOURCE` run in `cwd`, where it writes `output/`.
fn run_in(cwd: &Path, args: &[&str], source: &Path) -> common::Ran {
    common::run_with(common::handbook().current_dir(cwd), args, source)
}

/// `pdftotext`'s text without the bidirectional formatting marks it wraps
/// right-to-left runs in, and with each run of spaces as one.
fn pdf_text(pdf: &Path) -> String {
    poppler("pdftotext", &[], pdf, &["-"])
        .chars()
        .filter(|c| !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A line of a fixture chapter that starts with `start`, as written.
fn fixture_line(file: &str, start: &str) -> String {
    let path = common::fixture(EDITIONS).join("chapters").join(file);
    std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .find(|line| line.starts_with(start))
        .unwrap_or_else(|| panic!("{} has no line starting {start:?}", path.display()))
        .to_string()
}

/// The `title:` of a fixture chapter file.
fn fixture_title(file: &str) -> String {
    fixture_line(file, "title:")["title:".len()..]
        .trim()
        .to_string()
}

/// Every bookmark's title, in reading order (each followed by the ones nested in it).
fn bookmarks(document: &Document) -> Vec<String> {
    let outlines = document
        .catalog()
        .unwrap()
        .get_deref(b"Outlines", document)
        .and_then(Object::as_dict)
        .expect("the PDF has an outline");
    let mut stack: Vec<lopdf::ObjectId> = outlines
        .get(b"First")
        .and_then(Object::as_reference)
        .into_iter()
        .collect();
    let mut titles = Vec::new();
    while let Some(id) = stack.pop() {
        assert!(titles.len() < 1000, "the outline loops");
        let item = document.get_dictionary(id).unwrap();
        titles.push(
            item.get(b"Title")
                .map(|title| lopdf::decode_text_string(title).unwrap())
                .unwrap_or_default(),
        );
        for key in [b"Next".as_slice(), b"First"] {
            if let Ok(next) = item.get(key).and_then(Object::as_reference) {
                stack.push(next);
            }
        }
    }
    titles
}

/// The language of every second-level heading of the structure tree, in
/// order: its own `/Lang` or the nearest enclosing element's, else the
/// document's. On the single page these are the contents list's heading and
/// each chapter's title.
fn chapter_heading_languages(document: &Document) -> Vec<String> {
    let catalog = document.catalog().unwrap();
    let document_lang = lopdf::decode_text_string(catalog.get(b"Lang").unwrap()).unwrap();
    let root = catalog
        .get_deref(b"StructTreeRoot", document)
        .and_then(Object::as_dict)
        .expect("the PDF has a structure tree");
    let mut found = Vec::new();
    let mut stack = vec![(root.get(b"K").unwrap().clone(), document_lang)];
    while let Some((kid, lang)) = stack.pop() {
        match kid {
            Object::Array(items) => {
                stack.extend(items.into_iter().rev().map(|item| (item, lang.clone())))
            }
            Object::Reference(id) => {
                let Ok(element) = document.get_dictionary(id) else {
                    continue;
                };
                let Ok(kind) = element.get(b"S").and_then(Object::as_name) else {
                    continue;
                };
                let lang = element
                    .get(b"Lang")
                    .ok()
                    .and_then(|l| lopdf::decode_text_string(l).ok())
                    .unwrap_or(lang);
                if kind == b"H2" {
                    found.push(lang.clone());
                }
                if let Ok(kids) = element.get(b"K") {
                    stack.push((kids.clone(), lang));
                }
            }
            _ => {}
        }
    }
    found
}

/// A word printed on a page, and its box in points from the top left.
struct Word {
    text: String,
    x_min: f64,
    y_min: f64,
    x_max: f64,
    y_max: f64,
}

/// The width and height of `page`, and its words, read with `pdftotext -bbox`.
fn page_words(pdf: &Path, page: usize) -> (f64, f64, Vec<Word>) {
    let page = page.to_string();
    let xml = poppler(
        "pdftotext",
        &["-bbox", "-f", &page, "-l", &page],
        pdf,
        &["-"],
    );
    let number = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let page_tag = xml.lines().find(|l| l.contains("<page ")).unwrap();
    let words = xml
        .lines()
        .filter(|l| l.contains("<word "))
        .map(|l| Word {
            text: l
                .split('>')
                .nth(1)
                .and_then(|rest| rest.split('<').next())
                .unwrap_or_default()
                .to_string(),
            x_min: number(l, "xMin"),
            y_min: number(l, "yMin"),
            x_max: number(l, "xMax"),
            y_max: number(l, "yMax"),
        })
        .collect();
    (number(page_tag, "width"), number(page_tag, "height"), words)
}

/// The words of `page` that are numbers in the contents list (below its
/// heading, above the page number): each number and whether it stands in
/// the left quarter of the paper, or else in the right quarter.
fn contents_numbers(pdf: &Path, page: usize) -> Vec<(usize, bool)> {
    let (width, height, words) = page_words(pdf, page);
    words
        .iter()
        .filter(|w| w.y_min > 80.0 && w.y_max < height - 60.0)
        .filter_map(|w| {
            let value: usize = w.text.parse().ok()?;
            let left = w.x_max < width / 4.0;
            assert!(
                left || w.x_min > width * 3.0 / 4.0,
                "the number {value} stands in the middle of the contents"
            );
            Some((value, left))
        })
        .collect()
}

/// Where the running head and the page number stand on `page`: whether
/// each is on the left half of the paper (the words in the top and bottom
/// 60 points).
fn margin_sides(pdf: &Path, page: usize) -> (bool, bool) {
    let (width, height, words) = page_words(pdf, page);
    let left_half = |words: Vec<&Word>, what: &str| -> bool {
        assert!(!words.is_empty(), "no {what} on page {page}");
        let left = words.iter().all(|w| w.x_max < width / 2.0);
        let right = words.iter().all(|w| w.x_min > width / 2.0);
        assert!(
            left || right,
            "the {what} on page {page} is not to one side"
        );
        left
    };
    let head = left_half(
        words.iter().filter(|w| w.y_max < 60.0).collect(),
        "running head",
    );
    let foot = left_half(
        words.iter().filter(|w| w.y_min > height - 60.0).collect(),
        "page number",
    );
    (head, foot)
}

/// The PDF's `/Lang` and its XMP packet's `dc:language`.
fn languages(document: &Document) -> (String, String) {
    let catalog = document.catalog().unwrap();
    let lang = lopdf::decode_text_string(catalog.get(b"Lang").unwrap()).unwrap();
    let xmp = catalog
        .get_deref(b"Metadata", document)
        .and_then(Object::as_stream)
        .unwrap()
        .get_plain_content()
        .unwrap();
    let xmp = String::from_utf8(xmp).unwrap();
    let body = xmp
        .split_once("?>")
        .and_then(|(_, rest)| rest.rsplit_once("<?xpacket"))
        .unwrap()
        .0;
    let packet = roxmltree::Document::parse(body).unwrap();
    let language = packet
        .descendants()
        .find(|n| n.tag_name().name() == "language")
        .and_then(|n| {
            n.descendants()
                .find_map(|t| t.text().filter(|t| !t.trim().is_empty()))
        })
        .unwrap()
        .trim()
        .to_string();
    (lang, language)
}

/// What the printed handbook of an edition must show.
struct EditionPdf<'a> {
    language: &'a str,
    title: &'a str,
    /// Sentences of its chapters, as typeset, in reading order.
    sentences: &'a [String],
    /// Every bookmark's title, in reading order.
    bookmarks: [&'a str; 6],
    /// The language of the contents list's heading and each chapter's title.
    heading_languages: [&'a str; 4],
    right_to_left: bool,
    /// Pages whose running head and page number stand on the sides the
    /// direction puts them.
    margin_pages: &'a [usize],
}

impl EditionPdf<'_> {
    /// Prints the edition under its default name and reads it back.
    fn check(&self) {
        let name = format!("handbook.{}.pdf", self.language);
        let (_dir, pdf) = print(self.language, &[], &name);
        assert_eq!(pdf_info(&pdf, "Title"), self.title);
        let text = pdf_text(&pdf);
        for sentence in self.sentences {
            assert!(text.contains(sentence), "{sentence} is not in:\n{text}");
        }

        let document = Document::load(&pdf).unwrap();
        assert_eq!(bookmarks(&document), self.bookmarks);
        let language = self.language.to_string();
        assert_eq!(languages(&document), (language.clone(), language));
        assert_eq!(chapter_heading_languages(&document), self.heading_languages);

        // Each chapter's number where its line starts (on the left, or on
        // the right for right to left), its page at the other end.
        let (numbers, pages): (Vec<_>, Vec<_>) = contents_numbers(&pdf, 2)
            .into_iter()
            .partition(|(_, left)| *left != self.right_to_left);
        let numbers: Vec<usize> = numbers.into_iter().map(|(number, _)| number).collect();
        let pages: Vec<usize> = pages.into_iter().map(|(page, _)| page).collect();
        assert_eq!(numbers, [1, 2, 3]);
        assert_eq!(pages.len(), 3, "{pages:?}");
        assert!(
            pages.windows(2).all(|w| w[0] < w[1]) && pages[0] >= 3,
            "{pages:?}"
        );
        // The running head where a line starts, the page number at the other side.
        for &page in self.margin_pages {
            assert_eq!(
                margin_sides(&pdf, page),
                (!self.right_to_left, self.right_to_left),
                "page {page}"
            );
        }
    }
}

#[test]
fn the_arabic_pdf_reads_in_reading_order_with_arabic_bookmarks_lang_and_mirrored_margins() {
    // A sentence of the Arabic welcome, as written (see the top of this file).
    let sentence = fixture_line("01-welcome.ar.md", "نعامل");
    assert_eq!(sentence, "نعامل كل من يأتي إلينا بلطف واحترام.");
    let vision = fixture_line("02-our-vision.ar.md", "نتشارك");
    let welcome = fixture_title("01-welcome.ar.md");
    let our_vision = fixture_title("02-our-vision.ar.md");
    // the third chapter has no Arabic translation: its original's title
    let untranslated = fixture_title("03-looking-after-yourself.md");
    EditionPdf {
        language: "ar",
        title: "العمل معًا بشكل جيد",
        sentences: &[sentence, vision],
        bookmarks: [
            "العمل معًا بشكل جيد",
            "المحتويات",
            &welcome,
            "وعدنا",
            &our_vision,
            &untranslated,
        ],
        // the contents, two translated chapters, and the untranslated one in its own language
        heading_languages: ["ar", "ar", "ar", "en-GB"],
        // the running head on the right, the page number on the left
        right_to_left: true,
        margin_pages: &[2, 3, 5],
    }
    .check();
}

#[test]
fn the_welsh_pdf_has_welsh_bookmarks_lang_and_margins_on_the_usual_sides() {
    // as typeset: the Markdown's straight apostrophes become curly ones
    let sentence = fixture_line("01-welcome.cy.md", "Rydyn ni'n trin").replace('\'', "\u{2019}");
    let welcome = fixture_title("01-welcome.cy.md");
    let untranslated = fixture_title("02-our-vision.md");
    let looking_after = fixture_title("03-looking-after-yourself.cy.md");
    EditionPdf {
        language: "cy",
        title: "Cydweithio'n dda",
        sentences: &[sentence],
        bookmarks: [
            "Cydweithio'n dda",
            "Cynnwys",
            &welcome,
            "Ein haddewid",
            &untranslated,
            &looking_after,
        ],
        heading_languages: ["cy", "cy", "en-GB", "cy"],
        right_to_left: false,
        margin_pages: &[2, 3],
    }
    .check();
}

#[test]
fn one_chapter_of_an_edition_prints_under_its_default_name() {
    let (_dir, pdf) = print("cy", &["--chapter", "welcome"], "welcome.cy.pdf");
    assert_eq!(pdf_info(&pdf, "Title"), "Cydweithio'n dda: Croeso");
    let document = Document::load(&pdf).unwrap();
    assert_eq!(languages(&document), ("cy".into(), "cy".into()));
    let titles = bookmarks(&document);
    assert!(titles.contains(&"Croeso".to_string()), "{titles:?}");
    assert!(!titles.contains(&"Our vision".to_string()), "{titles:?}");
}

#[test]
fn a_language_the_handbook_does_not_list_is_a_usage_error_with_the_code_meant() {
    require("chromium");
    let dir = tempfile::tempdir().unwrap();
    let source = common::fixture(EDITIONS);
    for command in ["pdf", "epub"] {
        let common::Ran { code, stderr, .. } =
            run_in(dir.path(), &[command, "--language", "welsh"], &source);
        assert_eq!(code, Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains("`welsh` is not one of the handbook's languages"),
            "{command}: {stderr}"
        );
        assert!(stderr.contains("did you mean `cy`"), "{command}: {stderr}");
        let common::Ran { code, stderr, .. } =
            run_in(dir.path(), &[command, "--language", "fr"], &source);
        assert_eq!(code, Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains("`languages:` in handbook.yaml are cy, ar"),
            "{command}: {stderr}"
        );
    }
    assert!(!dir.path().join("output").exists());
}

/// An e-book written by `handbook epub --language`, under its default name:
/// path inside the container → text.
fn ebook(language: &str) -> BTreeMap<String, String> {
    ebook_of(&common::fixture(EDITIONS), language)
}

/// [`ebook`] of the handbook in `source`.
fn ebook_of(source: &Path, language: &str) -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let common::Ran { code, stderr, .. } =
        run_in(dir.path(), &["epub", "--language", language], source);
    assert_eq!(code, Some(0), "handbook epub failed:\n{stderr}");
    let path = dir.path().join(format!("output/handbook.{language}.epub"));
    common::zip_entries(&std::fs::read(&path).unwrap())
        .into_iter()
        .map(|(name, bytes)| (name, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

fn xml(text: &str) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(text, options).unwrap()
}

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// An element's `lang`, `xml:lang` and `dir`.
fn language_of<'a>(
    node: roxmltree::Node<'a, 'a>,
) -> (Option<&'a str>, Option<&'a str>, Option<&'a str>) {
    (
        node.attribute("lang"),
        node.attribute((XML_NS, "lang")),
        node.attribute("dir"),
    )
}

/// The e-book of the edition in `language`: its package in that language
/// (and its title), every document saying its language and direction, the
/// chapter in `untranslated` (a slug) marked with its own, the spine's
/// direction, and the contents' heading in the edition's words.
fn check_ebook(language: &str, dir: &str, title: &str, contents: &str, untranslated: &str) {
    let book = ebook(language);
    let package = &book["EPUB/package.opf"];
    let package = xml(package);
    let root = package.root_element();
    assert_eq!(root.attribute((XML_NS, "lang")), Some(language));
    let text_of = |name: &str| {
        package
            .descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(text_of("language"), language);
    assert_eq!(text_of("title"), title);
    let spine = package
        .descendants()
        .find(|n| n.has_tag_name("spine"))
        .unwrap();
    let progression = (dir == "rtl").then_some("rtl");
    assert_eq!(spine.attribute("page-progression-direction"), progression);

    let documents: Vec<&String> = book.keys().filter(|p| p.ends_with(".xhtml")).collect();
    assert_eq!(documents.len(), 5, "{documents:?}");
    for path in documents {
        let document = xml(&book[path]);
        assert_eq!(
            language_of(document.root_element()),
            (Some(language), Some(language), Some(dir)),
            "{path}"
        );
        let sections: Vec<roxmltree::Node> = document
            .descendants()
            .filter(|n| n.has_tag_name("section") && n.attribute("class") == Some("chapter"))
            .collect();
        for section in sections {
            let expected = if section.attribute("id") == Some(untranslated) {
                (Some("en-GB"), Some("en-GB"), Some("ltr"))
            } else {
                (None, None, None)
            };
            assert_eq!(language_of(section), expected, "{path}");
        }
    }
    assert!(
        book.contains_key(&format!("EPUB/chapters/{language}/{untranslated}.xhtml")),
        "{:?}",
        book.keys()
    );
    let nav = xml(&book["EPUB/nav.xhtml"]);
    let heading = nav
        .descendants()
        .find(|n| n.attribute("id") == Some("toc-title"))
        .unwrap();
    assert_eq!(heading.text(), Some(contents));
}

#[test]
fn the_arabic_ebook_is_right_to_left_in_arabic_with_its_english_chapter_marked() {
    check_ebook(
        "ar",
        "rtl",
        "العمل معًا بشكل جيد",
        "المحتويات",
        "looking-after-yourself",
    );
}

#[test]
fn the_welsh_ebook_is_in_welsh_with_its_english_chapter_marked() {
    check_ebook("cy", "ltr", "Cydweithio'n dda", "Cynnwys", "our-vision");
}

/// An edition's chapters sit one folder deeper in the book, as on the site:
/// the images they show are in the book, where their links lead.
#[test]
fn an_editions_ebook_holds_the_images_its_chapters_show() {
    let (_dir, source) = common::fixture_copy(EDITIONS);
    common::copy_dir(
        &common::fixture("good").join("assets"),
        &source.join("assets"),
    );
    let welcome = source.join("chapters/01-welcome.cy.md");
    let text = std::fs::read_to_string(&welcome).unwrap();
    std::fs::write(
        &welcome,
        format!("{text}\n![Diagram o'r ganolfan](../assets/diagram.svg)\n"),
    )
    .unwrap();
    let book = ebook_of(&source, "cy");
    let chapter = xml(&book["EPUB/chapters/cy/welcome.xhtml"]);
    let image = chapter
        .descendants()
        .find(|n| n.has_tag_name("img"))
        .expect("the chapter shows its image");
    let src = image.attribute("src").unwrap();
    let inside = src
        .strip_prefix("../../")
        .unwrap_or_else(|| panic!("{src} does not lead from chapters/cy/ to the book's top"));
    assert!(
        inside.starts_with("assets/diagram.") && book.contains_key(&format!("EPUB/{inside}")),
        "{src} is not in the book: {:?}",
        book.keys()
    );
    assert!(
        book["EPUB/package.opf"].contains(&format!("href=\"{inside}\"")),
        "the manifest does not list {inside}"
    );
}
