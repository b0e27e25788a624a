//! The generator end to end on `tests/fixtures/good`: the real binary, the
//! files it writes, and what is in them.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use common::{ReadPage, build_fixture, fixture, handbook, read_page};

/// Builds the good fixture into a fresh temporary folder with extra arguments.
fn build(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    build_fixture("good", &out).args(extra).assert().success();
    (dir, out)
}

fn read(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Values of `attribute` on every element of `html`, in order (pages are
/// minified, so values may be written without quotes).
fn attributes(html: &str, attribute: &str) -> Vec<String> {
    read_page(html)
        .elements
        .into_iter()
        .filter_map(|e| e.attributes.get(attribute).cloned())
        .collect()
}

/// Whether `page` has an element `name` with every one of `attributes`.
fn has(page: &ReadPage, name: &str, attributes: &[(&str, &str)]) -> bool {
    page.elements.iter().any(|e| {
        e.name == name
            && attributes
                .iter()
                .all(|(a, v)| e.attributes.get(*a).map(String::as_str) == Some(*v))
    })
}

/// The position among `page`'s elements of the first with `attribute` = `value`.
fn position(page: &ReadPage, attribute: &str, value: &str) -> Option<usize> {
    page.elements
        .iter()
        .position(|e| e.attributes.get(attribute).map(String::as_str) == Some(value))
}

#[test]
fn builds_every_page_of_the_output_layout() {
    let (_dir, out) = build(&[]);
    for page in [
        "index.html",
        "first/index.html",
        "second-chapter/index.html",
        "not-printed/index.html",
        "print/index.html",
        "404.html",
        "accessibility/index.html",
        "robots.txt",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    assert!(
        !out.join("draft").exists(),
        "drafts are left out by default"
    );
    assert!(
        !out.join("sitemap.xml").exists(),
        "a sitemap needs absolute URLs, so base_url"
    );
}

#[test]
fn drafts_flag_includes_draft_chapters() {
    let (_dir, out) = build(&["--drafts"]);
    assert!(out.join("draft/index.html").is_file());
}

#[test]
fn contents_follow_order_and_nav_title() {
    let (_dir, out) = build(&[]);
    let home = read_page(&read(&out, "index.html"));
    let contents = position(&home, "id", "contents-heading").expect("contents list");
    let listed: Vec<&str> = home.elements[contents..]
        .iter()
        .filter(|e| e.name == "a")
        .filter_map(|e| e.attributes.get("href").map(String::as_str))
        .collect();
    let at = |href: &str| listed.iter().position(|l| *l == href).unwrap();
    let (first, second, online) = (
        at("first/index.html"),
        at("second-chapter/index.html"),
        at("not-printed/index.html"),
    );
    assert!(first < second && second < online, "chapters out of order");
    let chapter = read(&out, "first/index.html");
    assert!(
        has(
            &read_page(&chapter),
            "span",
            &[("class", "contents-nav__title")]
        ) && chapter.contains(">Second</span></a>"),
        "navigation uses nav_title"
    );
    assert!(
        has(
            &read_page(&chapter),
            "a",
            &[("href", "../first/index.html"), ("aria-current", "page")]
        ),
        "current page marked"
    );
}

#[test]
fn chapter_links_become_page_links_and_headings_get_unique_ids() {
    let (_dir, out) = build(&[]);
    let html = read_page(&read(&out, "first/index.html"));
    assert!(
        has(&html, "a", &[("href", "../second-chapter/index.html")]),
        "link to a chapter file"
    );
    assert!(
        has(
            &html,
            "a",
            &[("href", "../second-chapter/index.html#details")]
        ),
        "link to a chapter's anchor"
    );
    assert!(has(&html, "h2", &[("id", "overview")]) && has(&html, "h2", &[("id", "overview-2")]));
    let second = read_page(&read(&out, "second-chapter/index.html"));
    assert!(
        has(&second, "a", &[("href", "#details")]),
        "same-chapter anchor stays in-page"
    );
    assert!(has(
        &second,
        "a",
        &[("href", "../first/index.html#overview")]
    ));
}

#[test]
fn every_page_has_unique_ids_and_relative_links_only() {
    let (_dir, out) = build(&[]);
    for page in [
        "index.html",
        "first/index.html",
        "print/index.html",
        "404.html",
    ] {
        let html = read(&out, page);
        let mut seen = HashSet::new();
        for id in attributes(&html, "id") {
            assert!(seen.insert(id.clone()), "{page}: duplicate id `{id}`");
        }
        for link in attributes(&html, "href")
            .into_iter()
            .chain(attributes(&html, "src"))
        {
            let external = link.starts_with("https://") || link.starts_with("mailto:");
            assert!(
                external || !link.starts_with('/'),
                "{page}: `{link}` is not relative"
            );
        }
    }
}

#[test]
fn print_page_holds_printed_chapters_in_order_with_in_page_links() {
    let (_dir, out) = build(&[]);
    let html = read(&out, "print/index.html");
    let page = read_page(&html);
    let first = position(&page, "id", "first").expect("first chapter section");
    let second = position(&page, "id", "second-chapter").expect("second chapter section");
    assert!(first < second);
    assert!(
        !html.contains("Only on the web"),
        "`print: false` leaves a chapter out"
    );
    assert!(
        has(&page, "a", &[("href", "#second-chapter--details")]),
        "chapter anchors become in-page"
    );
    assert!(
        has(&page, "a", &[("href", "#second-chapter")]),
        "chapter links become in-page"
    );
    assert!(
        position(&page, "id", "first--overview").is_some(),
        "ids carry the chapter prefix"
    );
    assert!(
        !html.contains("window.print"),
        "the single page never prints itself"
    );
}

#[test]
fn internal_links_and_anchors_all_resolve_within_the_page() {
    let (_dir, out) = build(&[]);
    let html = read(&out, "print/index.html");
    let ids: HashSet<String> = attributes(&html, "id").into_iter().collect();
    for link in attributes(&html, "href") {
        if let Some(anchor) = link.strip_prefix('#') {
            assert!(
                ids.contains(anchor),
                "print page links to missing `#{anchor}`"
            );
        }
    }
}

#[test]
fn assets_get_fingerprinted_names_that_pages_reference() {
    let (_dir, out) = build(&[]);
    let html = read(&out, "first/index.html");
    for reference in attributes(&html, "src")
        .into_iter()
        .chain(attributes(&html, "href"))
    {
        if let Some(asset) = reference.strip_prefix("../assets/") {
            assert!(
                out.join("assets").join(asset).is_file(),
                "missing asset {asset}"
            );
            let parts: Vec<&str> = asset.rsplitn(3, '.').collect();
            assert_eq!(parts.len(), 3, "{asset} has no hash");
            assert!(
                parts[1].len() == 12 && parts[1].chars().all(|c| c.is_ascii_hexdigit()),
                "{asset}"
            );
        }
    }
    assert!(
        attributes(&html, "src")
            .iter()
            .any(|src| src.starts_with("../assets/diagram.")),
        "the chapter's image points at its asset"
    );
}

#[test]
fn footnotes_code_and_tables_are_rendered() {
    let (_dir, out) = build(&[]);
    let html = read(&out, "first/index.html");
    let page = read_page(&html);
    assert!(
        has(&page, "a", &[("href", "#fn-note")]) && position(&page, "id", "fn-note").is_some(),
        "footnote reference and note"
    );
    assert!(html.contains("<del>struck</del>"));
    assert!(html.contains("“smart quotes”"));
    assert!(
        attributes(&html, "class")
            .iter()
            .any(|c| c.starts_with("hl-")),
        "code highlighted with classes"
    );
    assert!(html.contains("<table>"));
}

#[test]
fn base_url_adds_sitemap_and_canonical_links() {
    let (_dir, out) = build(&["--base-url", "https://example.org/handbook/"]);
    let sitemap = read(&out, "sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/handbook/first/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("404"), "the error page is not listed");
    let html = read_page(&read(&out, "first/index.html"));
    assert!(has(
        &html,
        "link",
        &[
            ("rel", "canonical"),
            ("href", "https://example.org/handbook/first/")
        ]
    ));
    assert!(read(&out, "robots.txt").contains("Sitemap: https://example.org/handbook/sitemap.xml"));
}

#[test]
fn check_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    handbook()
        .current_dir(dir.path())
        .args(["check", "--source"])
        .arg(fixture("good"))
        .assert()
        .success();
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn rebuilding_replaces_the_previous_output_and_leaves_no_temporary_folder() {
    let (dir, out) = build(&[]);
    std::fs::write(out.join("stale.html"), "old").unwrap();
    build_fixture("good", &out).assert().success();
    assert!(!out.join("stale.html").exists());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["output"]);
}

/// `write_build` writes each file as it is made instead of keeping the site
/// in memory: what it writes must be exactly what a build in memory makes.
#[test]
fn files_written_as_they_are_made_are_the_site_built_in_memory() {
    let source = common::bundled_handbook();
    let options = handbook::BuildOptions::default();
    let in_memory = common::build(&source, &options).files;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let written = handbook::write_build(&source, &out, &options).unwrap();
    assert_eq!(written.files, in_memory.len());
    let mut on_disk: Vec<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let path = entry.path().strip_prefix(&out).unwrap();
            path.to_string_lossy().replace('\\', "/")
        })
        .collect();
    on_disk.sort();
    assert_eq!(on_disk, in_memory.keys().cloned().collect::<Vec<_>>());
    for (path, bytes) in &in_memory {
        assert!(
            std::fs::read(out.join(path)).unwrap() == *bytes,
            "{path} differs"
        );
    }
}
