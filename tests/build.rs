//! The generator end to end on `tests/fixtures/good`: the real binary, the
//! files it writes, and what is in them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good")
}

fn handbook() -> Command {
    Command::cargo_bin("handbook").unwrap()
}

/// Builds the good fixture into a fresh temporary folder with extra arguments.
fn build(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    handbook()
        .args(["build", "--source"])
        .arg(fixture())
        .arg("--out")
        .arg(&out)
        .args(extra)
        .assert()
        .success();
    (dir, out)
}

fn read(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Values of `attribute="…"` in `html`.
fn attributes<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let start = at + needle.len();
            html[start..].find('"').map(|end| &html[start..start + end])
        })
        .collect()
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
    let home = read(&out, "index.html");
    let contents = home.find("id=\"contents-heading\"").expect("contents list");
    let home = &home[contents..];
    let first = home.find("The first chapter").unwrap();
    let second = home.find("The second chapter").unwrap();
    let online = home.find("Online only").unwrap();
    assert!(first < second && second < online, "chapters out of order");
    let chapter = read(&out, "first/index.html");
    assert!(chapter.contains(">Second</a>"), "navigation uses nav_title");
    assert!(
        chapter.contains("href=\"../first/index.html\" aria-current=\"page\""),
        "current page marked"
    );
}

#[test]
fn chapter_links_become_page_links_and_headings_get_unique_ids() {
    let (_dir, out) = build(&[]);
    let html = read(&out, "first/index.html");
    assert!(
        html.contains("href=\"../second-chapter/index.html\""),
        "link to a chapter file"
    );
    assert!(
        html.contains("href=\"../second-chapter/index.html#details\""),
        "link to a chapter's anchor"
    );
    assert!(html.contains("<h2 id=\"overview\">") && html.contains("<h2 id=\"overview-2\">"));
    let second = read(&out, "second-chapter/index.html");
    assert!(
        second.contains("href=\"#details\""),
        "same-chapter anchor stays in-page"
    );
    assert!(second.contains("href=\"../first/index.html#overview\""));
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
            assert!(seen.insert(id), "{page}: duplicate id `{id}`");
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
    let first = html.find("id=\"first\"").expect("first chapter section");
    let second = html
        .find("id=\"second-chapter\"")
        .expect("second chapter section");
    assert!(first < second);
    assert!(
        !html.contains("Only on the web"),
        "`print: false` leaves a chapter out"
    );
    assert!(
        html.contains("href=\"#second-chapter--details\""),
        "chapter anchors become in-page"
    );
    assert!(
        html.contains("href=\"#second-chapter\""),
        "chapter links become in-page"
    );
    assert!(
        html.contains("id=\"first--overview\""),
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
    let ids: HashSet<&str> = attributes(&html, "id").into_iter().collect();
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
        html.contains("src=\"../assets/diagram."),
        "the chapter's image points at its asset"
    );
}

#[test]
fn footnotes_code_and_tables_are_rendered() {
    let (_dir, out) = build(&[]);
    let html = read(&out, "first/index.html");
    assert!(
        html.contains("href=\"#fn-note\"") && html.contains("id=\"fn-note\""),
        "footnote reference and note"
    );
    assert!(html.contains("<del>struck</del>"));
    assert!(html.contains("“smart quotes”"));
    assert!(
        html.contains("class=\"hl-"),
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
    let html = read(&out, "first/index.html");
    assert!(html.contains("<link rel=\"canonical\" href=\"https://example.org/handbook/first/\">"));
    assert!(read(&out, "robots.txt").contains("Sitemap: https://example.org/handbook/sitemap.xml"));
}

#[test]
fn check_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    handbook()
        .current_dir(dir.path())
        .args(["check", "--source"])
        .arg(fixture())
        .assert()
        .success();
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn rebuilding_replaces_the_previous_output_and_leaves_no_temporary_folder() {
    let (dir, out) = build(&[]);
    std::fs::write(out.join("stale.html"), "old").unwrap();
    handbook()
        .args(["build", "--source"])
        .arg(fixture())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert!(!out.join("stale.html").exists());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["output"]);
}
