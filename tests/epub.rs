//! `handbook epub`, run as a user runs it, and the book read back: the
//! container's first bytes by hand, the files with the `zip` crate, every
//! document with an XML parser (`roxmltree`). epubcheck and Ace by DAISY
//! check the same books in `scripts/test`.

mod common;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use common::*;

const OPF: &str = "http://www.idpf.org/2007/opf";
const XHTML: &str = "http://www.w3.org/1999/xhtml";
const OPS: &str = "http://www.idpf.org/2007/ops";

/// A book written by `handbook epub`, every file in memory.
struct Epub {
    bytes: Vec<u8>,
    /// Path inside the container → content, in the container's order.
    files: Vec<(String, Vec<u8>)>,
}

impl Epub {
    fn write(source: &Path) -> (tempfile::TempDir, Epub) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("nested/handbook.epub");
        let Ran {
            code,
            stdout,
            stderr,
        } = run(&["epub", "--out", out.to_str().unwrap()], source);
        assert_eq!(code, Some(0), "handbook epub failed:\n{stderr}");
        assert!(stdout.contains("Wrote"), "{stdout}");
        let book = Epub::read(&out);
        (dir, book)
    }

    fn read(path: &Path) -> Epub {
        let bytes = std::fs::read(path).unwrap();
        let files = zip_entries(&bytes);
        Epub { bytes, files }
    }

    fn text(&self, path: &str) -> String {
        let (_, bytes) = self
            .files
            .iter()
            .find(|(name, _)| name == path)
            .unwrap_or_else(|| panic!("no {path} in the book"));
        String::from_utf8(bytes.clone()).unwrap()
    }

    fn has(&self, path: &str) -> bool {
        self.files.iter().any(|(name, _)| name == path)
    }

    /// The package document's path, from `META-INF/container.xml`.
    fn package_path(&self) -> String {
        let container = self.text("META-INF/container.xml");
        let doc = roxmltree::Document::parse(&container).unwrap();
        doc.descendants()
            .find(|n| n.has_tag_name("rootfile"))
            .and_then(|n| n.attribute("full-path"))
            .expect("a rootfile")
            .to_string()
    }

    fn package(&self) -> Package {
        let path = self.package_path();
        let folder = path.rsplit_once('/').map_or("", |(f, _)| f).to_string();
        Package {
            folder,
            text: self.text(&path),
        }
    }
}

struct Package {
    /// The package document's folder inside the container.
    folder: String,
    text: String,
}

struct Item {
    id: String,
    /// Path inside the container.
    path: String,
    media_type: String,
    properties: String,
}

impl Package {
    fn doc(&self) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(&self.text).expect("the package document is XML")
    }

    fn items(&self) -> Vec<Item> {
        self.doc()
            .descendants()
            .filter(|n| n.has_tag_name((OPF, "item")))
            .map(|n| Item {
                id: n.attribute("id").unwrap().to_string(),
                path: join(&self.folder, n.attribute("href").unwrap()),
                media_type: n.attribute("media-type").unwrap().to_string(),
                properties: n.attribute("properties").unwrap_or("").to_string(),
            })
            .collect()
    }

    /// The spine's documents, as paths inside the container.
    fn spine(&self) -> Vec<String> {
        let items: HashMap<String, String> =
            self.items().into_iter().map(|i| (i.id, i.path)).collect();
        self.doc()
            .descendants()
            .filter(|n| n.has_tag_name((OPF, "itemref")))
            .map(|n| items[n.attribute("idref").unwrap()].clone())
            .collect()
    }

    /// Every `<meta property>` and `dc:` element: name → values.
    fn metadata(&self) -> BTreeMap<String, Vec<String>> {
        let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let doc = self.doc();
        let metadata = doc
            .descendants()
            .find(|n| n.has_tag_name((OPF, "metadata")))
            .expect("metadata");
        for node in metadata.children().filter(|n| n.is_element()) {
            let name = match node.attribute("property") {
                Some(property) => property.to_string(),
                None => format!("dc:{}", node.tag_name().name()),
            };
            found
                .entry(name)
                .or_default()
                .push(node.text().unwrap_or("").to_string());
        }
        found
    }
}

/// `href` (without its fragment) from a file in `folder`, as a path inside
/// the container.
fn join(folder: &str, href: &str) -> String {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop().expect("a link climbs out of the container");
            }
            "." | "" => {}
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// An XHTML document parsed as XML (`<!DOCTYPE html>` allowed).
fn xml(text: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options)
}

fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(folder, _)| folder)
}

fn bundled() -> &'static (tempfile::TempDir, Epub) {
    static BOOK: std::sync::OnceLock<(tempfile::TempDir, Epub)> = std::sync::OnceLock::new();
    BOOK.get_or_init(|| Epub::write(&bundled_handbook()))
}

/// The chapter titles of the bundled handbook in reading order, read from
/// the files' front matter (their names start with the order).
fn bundled_titles() -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(bundled_handbook().join("chapters"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            text.lines()
                .find_map(|line| line.strip_prefix("title: "))
                .expect("a title")
                .trim()
                .to_string()
        })
        .collect()
}

#[test]
fn the_container_starts_with_the_mimetype_stored_uncompressed() {
    let (_, book) = bundled();
    let bytes = &book.bytes;
    assert_eq!(&bytes[..4], b"PK\x03\x04", "a ZIP local file header first");
    assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), 0, "stored");
    let name_len = u16::from_le_bytes([bytes[26], bytes[27]]) as usize;
    let extra_len = u16::from_le_bytes([bytes[28], bytes[29]]) as usize;
    assert_eq!(&bytes[30..30 + name_len], b"mimetype");
    assert_eq!(extra_len, 0, "no extra field in the mimetype's header");
    assert_eq!(
        &bytes[30 + name_len..30 + name_len + 20],
        b"application/epub+zip"
    );
    assert_eq!(book.files[0].0, "mimetype");
}

#[test]
fn every_file_is_in_the_manifest_and_every_document_is_xml() {
    let (_, book) = bundled();
    let package = book.package();
    let items = package.items();
    let listed: HashSet<&str> = items.iter().map(|i| i.path.as_str()).collect();
    for (path, _) in &book.files {
        if path == "mimetype" || path.starts_with("META-INF/") || *path == book.package_path() {
            continue;
        }
        assert!(
            listed.contains(path.as_str()),
            "{path} is not in the manifest"
        );
    }
    let mut navs = 0;
    for item in &items {
        assert!(
            book.has(&item.path),
            "the manifest lists {} but the book has none",
            item.path
        );
        if item.media_type != "application/xhtml+xml" {
            assert!(
                [
                    "text/css",
                    "image/svg+xml",
                    "image/png",
                    "image/jpeg",
                    "image/gif",
                    "image/webp"
                ]
                .contains(&item.media_type.as_str()),
                "{}: {}",
                item.path,
                item.media_type
            );
            continue;
        }
        let text = book.text(&item.path);
        let doc = xml(&text).unwrap_or_else(|error| panic!("{} is not XML: {error}", item.path));
        let root = doc.root_element();
        assert!(root.has_tag_name((XHTML, "html")), "{}", item.path);
        assert!(
            root.attribute("lang").is_some(),
            "{} has no lang",
            item.path
        );
        let h1 = doc
            .descendants()
            .filter(|n| n.has_tag_name((XHTML, "h1")))
            .count();
        assert_eq!(h1, 1, "{} must have one h1", item.path);
        let draws = doc.descendants().any(|n| n.tag_name().name() == "svg");
        assert_eq!(
            item.properties.split(' ').any(|p| p == "svg"),
            draws,
            "{}: the svg property is set exactly when the document draws",
            item.path
        );
        navs += item.properties.split(' ').filter(|p| *p == "nav").count();
    }
    assert_eq!(navs, 1, "one navigation document");
}

#[test]
fn each_chapter_is_a_document_in_reading_order_and_so_is_the_contents() {
    let (_, book) = bundled();
    let package = book.package();
    let spine = package.spine();
    let titles = bundled_titles();
    let chapters: Vec<&String> = spine.iter().filter(|p| p.contains("/chapters/")).collect();
    assert_eq!(chapters.len(), titles.len(), "{spine:?}");
    assert!(
        spine[0].ends_with("cover.xhtml"),
        "the cover first: {spine:?}"
    );
    for (path, title) in chapters.iter().zip(&titles) {
        let text = book.text(path);
        let doc = xml(&text).unwrap();
        let h1 = doc
            .descendants()
            .find(|n| n.has_tag_name((XHTML, "h1")))
            .unwrap();
        let shown: String = h1
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(plain(&shown), plain(title), "{path}");
    }

    // The table of contents: one entry per chapter, in the spine's order,
    // each with its sections.
    let nav_path = package
        .items()
        .into_iter()
        .find(|i| i.properties.contains("nav"))
        .unwrap()
        .path;
    let text = book.text(&nav_path);
    let doc = xml(&text).unwrap();
    let toc = doc
        .descendants()
        .find(|n| n.has_tag_name((XHTML, "nav")) && n.attribute((OPS, "type")) == Some("toc"))
        .expect("a toc nav");
    let list = toc
        .children()
        .find(|n| n.has_tag_name((XHTML, "ol")))
        .unwrap();
    let entries: Vec<_> = list
        .children()
        .filter(|n| n.has_tag_name((XHTML, "li")))
        .collect();
    let targets: Vec<String> = entries
        .iter()
        .map(|li| {
            let a = li
                .children()
                .find(|n| n.has_tag_name((XHTML, "a")))
                .unwrap();
            let href = a.attribute("href").unwrap();
            join(folder_of(&nav_path), href.split('#').next().unwrap())
        })
        .collect();
    let chapters: Vec<String> = chapters.into_iter().cloned().collect();
    assert_eq!(targets, chapters);
    let with_sections = entries
        .iter()
        .filter(|li| li.children().any(|n| n.has_tag_name((XHTML, "ol"))))
        .count();
    assert!(
        with_sections >= 10,
        "only {with_sections} chapters list their sections"
    );
    let landmarks = doc
        .descendants()
        .find(|n| n.attribute((OPS, "type")) == Some("landmarks"))
        .expect("landmarks");
    let kinds: Vec<&str> = landmarks
        .descendants()
        .filter_map(|n| n.attribute((OPS, "type")))
        .collect();
    assert_eq!(kinds, ["landmarks", "cover", "toc", "bodymatter"]);
}

fn plain(text: &str) -> String {
    text.replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks that every link and image of every document of `book` resolves
/// inside it; returns how many links between documents there are.
fn links_resolve(book: &Epub) -> usize {
    let package = book.package();
    let documents: Vec<String> = package
        .items()
        .into_iter()
        .filter(|i| i.media_type == "application/xhtml+xml")
        .map(|i| i.path)
        .collect();
    let texts: HashMap<&str, String> = documents
        .iter()
        .map(|p| (p.as_str(), book.text(p)))
        .collect();
    let mut ids: HashMap<&str, HashSet<String>> = HashMap::new();
    for (path, text) in &texts {
        let doc = xml(text).unwrap();
        let found = doc
            .descendants()
            .filter_map(|n| n.attribute("id").map(String::from))
            .collect();
        ids.insert(path, found);
    }
    let mut between = 0;
    for (path, text) in &texts {
        let doc = xml(text).unwrap();
        for node in doc.descendants().filter(|n| n.is_element()) {
            let reference = match node.tag_name().name() {
                "a" | "link" => node.attribute("href"),
                "img" => node.attribute("src"),
                "textPath" => node.attribute("href"),
                _ => None,
            };
            let Some(reference) = reference else { continue };
            if reference.contains(':') {
                assert!(
                    reference.starts_with("https:")
                        || reference.starts_with("http:")
                        || reference.starts_with("mailto:")
                        || reference.starts_with("tel:"),
                    "{path}: {reference}"
                );
                continue;
            }
            let (file, fragment) = match reference.split_once('#') {
                Some((file, fragment)) => (file, Some(fragment)),
                None => (reference, None),
            };
            let target = if file.is_empty() {
                path.to_string()
            } else {
                join(folder_of(path), file)
            };
            assert!(
                book.has(&target),
                "{path}: `{reference}` leads to no file of the book"
            );
            if let Some(fragment) = fragment {
                let known = ids.get(target.as_str()).unwrap_or_else(|| {
                    panic!("{path}: `{reference}` points into {target}, which is not a document")
                });
                assert!(
                    known.contains(fragment),
                    "{path}: `{reference}`: no such id in {target}"
                );
                if target != *path && node.tag_name().name() == "a" && path.contains("/chapters/") {
                    between += 1;
                }
            }
        }
    }
    between
}

#[test]
fn every_link_inside_the_book_resolves() {
    let (_, book) = bundled();
    let between = links_resolve(book);
    assert!(
        between >= 5,
        "only {between} links between chapters: are they kept?"
    );
}

#[test]
fn the_metadata_says_what_the_book_is_and_how_it_is_accessible() {
    let (_, book) = bundled();
    let metadata = book.package().metadata();
    let one = |name: &str| -> &str {
        let values = metadata
            .get(name)
            .unwrap_or_else(|| panic!("no {name}: {metadata:?}"));
        assert_eq!(values.len(), 1, "{name}: {values:?}");
        &values[0]
    };
    assert_eq!(one("dc:title"), "Connecting head, heart and hands");
    assert_eq!(one("dc:language"), "en-GB");
    assert_eq!(one("dc:publisher"), "Derbyshire's Public Health department");
    let identifier = one("dc:identifier");
    let uuid = identifier.strip_prefix("urn:uuid:").expect("a UUID URN");
    assert_eq!(uuid.len(), 36, "{uuid}");
    // the newest `updated` of the bundled chapters
    assert_eq!(one("dcterms:modified"), "2026-11-27T00:00:00Z");
    let has = |name: &str, value: &str| {
        assert!(
            metadata
                .get(name)
                .is_some_and(|v| v.iter().any(|v| v == value)),
            "{name} should include {value}: {:?}",
            metadata.get(name)
        )
    };
    has("schema:accessMode", "textual");
    has("schema:accessMode", "visual");
    has("schema:accessModeSufficient", "textual");
    for feature in [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "alternativeText",
    ] {
        has("schema:accessibilityFeature", feature);
    }
    has("schema:accessibilityHazard", "none");
    assert!(one("schema:accessibilitySummary").len() > 100);
    assert_eq!(
        one("dcterms:conformsTo"),
        "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
    );
    // the bundled settings name no tester: nobody is said to have certified it
    assert!(!metadata.contains_key("a11y:certifiedBy"), "{metadata:?}");
}

#[test]
fn two_builds_make_the_same_book_and_another_handbook_another_identifier() {
    let (_, first) = bundled();
    let (_, second) = Epub::write(&bundled_handbook());
    assert!(
        first.bytes == second.bytes,
        "two builds of the same source differ"
    );
    let fork = fork_fixture("Northshire Care Partnership");
    let (_, forked) = Epub::write(&fork.source);
    let id = |book: &Epub| book.package().metadata()["dc:identifier"][0].clone();
    assert_ne!(id(first), id(&forked));
}

#[test]
fn worksheets_show_their_prompts_and_exercises_do_not_move() {
    let (_, book) = bundled();
    let worksheets = book.text("EPUB/chapters/reflective-practice.xhtml");
    assert!(
        worksheets.contains("What did we learn?"),
        "the prompts stay"
    );
    assert!(
        worksheets.contains("no boxes or ruled lines"),
        "the sentence"
    );
    for gone in [
        "<textarea",
        "<label",
        "worksheet__lines",
        "Type your answers",
    ] {
        assert!(!worksheets.contains(gone), "{gone} is left");
    }
    let all: String = book
        .files
        .iter()
        .filter(|(path, _)| path.ends_with(".xhtml"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect();
    for gone in ["<input", "<button", "<script", "breath-box__label"] {
        assert!(!all.contains(gone), "{gone} is left in the book");
    }
    // the breathing exercise keeps its drawing, still
    let look_after = book.text("EPUB/chapters/look-after-yourself.xhtml");
    assert!(look_after.contains("breath-box__drawing"));
}

#[test]
fn a_fork_gets_its_own_book_with_its_logo_and_colours() {
    let fork = fork_fixture("Northshire Care Partnership");
    let (_, book) = Epub::write(&fork.source);
    links_resolve(&book);
    let package = book.package();
    let logo = package
        .items()
        .into_iter()
        .find(|i| i.path.contains("/assets/logo"))
        .expect("the logo is in the book");
    assert_eq!(logo.media_type, "image/svg+xml");
    let cover = book.text("EPUB/cover.xhtml");
    assert!(
        cover.contains("alt=\"Northshire Care Partnership\""),
        "{cover}"
    );
    assert!(
        book.text("EPUB/styles/palette.css").contains("#00594f"),
        "the brand's primary colour"
    );
    assert_eq!(
        book.package().metadata()["dc:title"][0],
        "Northshire Care Partnership handbook"
    );
}

#[test]
fn check_and_epub_report_an_image_an_epub_cannot_show() {
    let scaffold = scaffold("Acme Care");
    std::fs::write(scaffold.source.join("assets/scan.bmp"), b"BM fake").unwrap();
    let chapter = scaffold.source.join("chapters/02-how-we-work.md");
    let text = std::fs::read_to_string(&chapter).unwrap();
    std::fs::write(
        &chapter,
        format!("{text}\n![A scanned form](../assets/scan.bmp)\n"),
    )
    .unwrap();
    let line = text.lines().count() + 2;
    // the site can show it
    handbook()
        .args(["build", "--source"])
        .arg(&scaffold.source)
        .arg("--out")
        .arg(scaffold.dir.path().join("site"))
        .assert()
        .success();
    // a warning for `check`, which the site passes; an error with `--strict`
    // and for `epub`, which cannot make the book
    for (args, status) in [
        (vec!["check"], 0),
        (vec!["check", "--strict"], 1),
        (vec!["epub", "--out", "book.epub"], 1),
    ] {
        let Ran { code, stderr, .. } = run_with(
            handbook().current_dir(scaffold.dir.path()),
            &args,
            &scaffold.source,
        );
        assert_eq!(code, Some(status), "{args:?}");
        assert!(
            stderr.contains("the image `scan.bmp` is in a format an EPUB cannot show"),
            "{stderr}"
        );
        assert!(
            stderr.contains(&format!("02-how-we-work.md:{line}:")),
            "{stderr}"
        );
        assert!(
            stderr.contains("PNG"),
            "the hint names the formats: {stderr}"
        );
    }
    assert!(!scaffold.dir.path().join("book.epub").exists());
}

#[test]
fn out_must_name_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let Ran { code, stderr, .. } = run(
        &["epub", "--out", dir.path().to_str().unwrap()],
        &bundled_handbook(),
    );
    assert_eq!(code, Some(2));
    assert!(stderr.contains("is a folder"), "{stderr}");
}
