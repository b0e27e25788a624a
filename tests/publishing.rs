//! CDN-ready output: every reference resolves to a file of the build, assets
//! carry content-hashed names, pages stay the same page once minified, and
//! the sitemap, robots.txt, canonical links and page descriptions are right.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use handbook::{BuildOptions, Site};

fn is_fingerprinted(path: &str) -> bool {
    // NAME.HASH.EXT with a 12-hex-digit hash
    let name = path.rsplit('/').next().unwrap_or(path);
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && parts[parts.len() - 2].len() == 12
        && parts[parts.len() - 2]
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// Every `href`, `src` and form `action` of every page resolves to a file
/// of the site (and its `#fragment` to an id on that page); every asset is
/// referenced by its fingerprinted name.
fn assert_every_reference_resolves(site: &Site) {
    let pages = pages(site);
    let read: BTreeMap<&str, ReadPage> = pages
        .iter()
        .map(|(path, html)| (path.as_str(), read_page(html)))
        .collect();
    let mut checked = 0;
    let mut problems = Vec::new();
    for (page_path, page) in &read {
        for element in &page.elements {
            for attribute in ["href", "src", "action"] {
                let Some(link) = element.attributes.get(attribute) else {
                    continue;
                };
                let Some((target, fragment)) = resolve(page_path, link) else {
                    continue;
                };
                checked += 1;
                if !site.files.contains_key(&target) {
                    problems.push(format!(
                        "{page_path}: <{} {attribute}={link}> → {target} does not exist",
                        element.name
                    ));
                    continue;
                }
                if target.starts_with("assets/") && !is_fingerprinted(&target) {
                    problems.push(format!("{page_path}: {link} is not a fingerprinted name"));
                }
                if let (Some(fragment), Some(target_page)) = (fragment, read.get(target.as_str()))
                    && !fragment.is_empty()
                    && !target_page.ids().contains(&fragment.as_str())
                {
                    problems.push(format!(
                        "{page_path}: {link} → no id `{fragment}` in {target}"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        checked > 20,
        "only {checked} references found: is the reader working?"
    );
    for path in site.files.keys().filter(|p| p.starts_with("assets/")) {
        assert!(is_fingerprinted(path), "{path} has no content hash");
    }
}

#[test]
fn every_reference_in_a_new_handbook_resolves_to_a_fingerprinted_file() {
    let scaffold = scaffold("Acme Care");
    assert_every_reference_resolves(&build(&scaffold.source, &BuildOptions::default()));
}

#[test]
fn every_reference_in_the_bundled_handbook_resolves_to_a_fingerprinted_file() {
    assert_every_reference_resolves(&build(&bundled_handbook(), &BuildOptions::default()));
}

#[test]
fn a_broken_reference_is_caught_by_the_reference_check() {
    // The check above must be able to fail: a page pointing at a missing file.
    let scaffold = scaffold("Acme Care");
    let mut site = build(&scaffold.source, &BuildOptions::default());
    let css = site
        .files
        .keys()
        .find(|p| p.ends_with(".css"))
        .unwrap()
        .clone();
    site.files.remove(&css);
    let result = std::panic::catch_unwind(|| assert_every_reference_resolves(&site));
    assert!(result.is_err(), "removing {css} went unnoticed");
}

/// Elements with what minifying may change without changing the page taken
/// out: attributes set to their default value (`<button type=submit>`,
/// `<form method=get>`), spaces inside a value other than a class list
/// (`width=device-width, initial-scale=1`), and the fingerprints of
/// stylesheets, which are minified too and so are other files.
fn normalised(elements: &[Element]) -> Vec<Element> {
    const DEFAULTS: &[(&str, &str, &str)] = &[
        ("button", "type", "submit"),
        ("form", "method", "get"),
        ("input", "type", "text"),
        ("script", "type", "text/javascript"),
    ];
    elements
        .iter()
        .map(|element| Element {
            name: element.name.clone(),
            attributes: element
                .attributes
                .iter()
                .filter(|(name, value)| {
                    !DEFAULTS.contains(&(element.name.as_str(), name.as_str(), value.as_str()))
                })
                .map(|(name, value)| {
                    let value = if name == "class" {
                        value.split_whitespace().collect::<Vec<_>>().join(" ")
                    } else if let Some(stem) = value.strip_suffix(".css") {
                        let name = stem.rsplit_once('.').map_or(stem, |(name, _hash)| name);
                        format!("{name}.HASH.css")
                    } else {
                        value.chars().filter(|c| !c.is_whitespace()).collect()
                    };
                    (name.clone(), value)
                })
                .collect(),
        })
        .collect()
}

/// Whitespace aside, a minified page has the same text, and the same
/// elements with the same attributes in the same order, as the page built
/// without minifying; and it reads without a single tokenizer error.
fn assert_minified_pages_are_the_same_pages(source: &std::path::Path) {
    let minified = build(source, &BuildOptions::default());
    let plain = build(
        source,
        &BuildOptions {
            skip_minify: true,
            ..BuildOptions::default()
        },
    );
    let minified_pages = pages(&minified);
    let plain_pages = pages(&plain);
    assert_eq!(
        minified_pages.keys().collect::<Vec<_>>(),
        plain_pages.keys().collect::<Vec<_>>()
    );
    let squeeze = |text: &str| -> String { text.chars().filter(|c| !c.is_whitespace()).collect() };
    let mut saved = 0;
    for (path, html) in &minified_pages {
        let small = read_page(html);
        let full = read_page(&plain_pages[path]);
        assert!(small.errors.is_empty(), "{path}: {:?}", small.errors);
        assert!(
            html.to_ascii_lowercase().starts_with("<!doctype html>"),
            "{path} lost its doctype"
        );
        assert_eq!(
            squeeze(&small.text),
            squeeze(&full.text),
            "{path}: text changed"
        );
        assert_eq!(
            normalised(&small.elements),
            normalised(&full.elements),
            "{path}: elements changed"
        );
        saved += plain_pages[path].len() - html.len();
    }
    assert!(saved > 0, "minifying saved nothing");
}

#[test]
fn minified_pages_of_a_new_handbook_are_the_same_pages() {
    assert_minified_pages_are_the_same_pages(&scaffold("Acme Care").source);
}

#[test]
fn minified_pages_of_the_bundled_handbook_are_the_same_pages() {
    assert_minified_pages_are_the_same_pages(&bundled_handbook());
}

fn pages_with_base_url(base: Option<&str>) -> (Scaffold, Site) {
    let scaffold = scaffold("Acme Care");
    if let Some(base) = base {
        edit(
            &scaffold.source.join("handbook.yaml"),
            "# base_url: https://handbook.example.org/",
            &format!("base_url: {base}"),
        );
    }
    let site = build(&scaffold.source, &BuildOptions::default());
    (scaffold, site)
}

fn sitemap_locations(site: &Site) -> BTreeSet<String> {
    let xml = text_of(site, "sitemap.xml");
    xml.split("<loc>")
        .skip(1)
        .map(|rest| rest.split("</loc>").next().unwrap().to_string())
        .collect()
}

#[test]
fn the_sitemap_lists_every_page_and_each_page_names_itself_canonical() {
    let (_scaffold, site) = pages_with_base_url(Some("https://handbook.acme.example/staff/"));
    let base = "https://handbook.acme.example/staff/";
    let expected: BTreeSet<String> = ["", "welcome/", "how-we-work/", "print/", "accessibility/"]
        .iter()
        .map(|page| format!("{base}{page}"))
        .collect();
    assert_eq!(sitemap_locations(&site), expected);
    assert_eq!(
        text_of(&site, "robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://handbook.acme.example/staff/sitemap.xml\n"
    );
    for (path, html) in pages(&site) {
        let page = read_page(&html);
        let canonical = page.find("link", "rel", "canonical");
        let url = path.strip_suffix("index.html").unwrap_or(&path);
        assert_eq!(canonical.len(), 1, "{path}");
        assert_eq!(
            canonical[0].attributes["href"],
            format!("{base}{url}"),
            "{path}"
        );
    }
}

#[test]
fn the_404_page_links_from_the_site_path_so_it_works_at_any_depth() {
    let (_scaffold, site) = pages_with_base_url(Some("https://handbook.acme.example/staff/"));
    let page = read_page(&text_of(&site, "404.html"));
    let mut links = 0;
    for element in &page.elements {
        for attribute in ["href", "src", "action"] {
            let Some(link) = element.attributes.get(attribute) else {
                continue;
            };
            if link.contains(':') || link.starts_with('#') {
                continue;
            }
            let inside = link
                .strip_prefix("/staff/")
                .unwrap_or_else(|| panic!("<{} {attribute}={link}> is relative", element.name));
            let file = inside.split('#').next().unwrap();
            assert!(site.files.contains_key(file), "{link}");
            links += 1;
        }
    }
    assert!(links > 5, "only {links} links");
    // without a base_url the page links relatively, as every other page does
    let (_scaffold, site) = pages_with_base_url(None);
    let page = read_page(&text_of(&site, "404.html"));
    assert!(
        page.find("link", "rel", "stylesheet")
            .iter()
            .all(|e| e.attributes["href"].starts_with("assets/"))
    );
}

#[test]
fn without_a_base_url_there_is_no_sitemap_and_no_canonical_link() {
    let (_scaffold, site) = pages_with_base_url(None);
    assert!(!site.files.contains_key("sitemap.xml"));
    assert_eq!(text_of(&site, "robots.txt"), "User-agent: *\nAllow: /\n");
    for (path, html) in pages(&site) {
        assert!(
            read_page(&html).find("link", "rel", "canonical").is_empty(),
            "{path}"
        );
    }
}

#[test]
fn the_base_url_flag_overrides_the_settings() {
    let (scaffold, _) = pages_with_base_url(Some("https://old.example/"));
    let out = scaffold.dir.path().join("site");
    assert_cmd::Command::cargo_bin("handbook")
        .unwrap()
        .args(["build", "--source"])
        .arg(&scaffold.source)
        .arg("--out")
        .arg(&out)
        .args(["--base-url", "https://new.example/handbook"])
        .assert()
        .success();
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://new.example/handbook/welcome/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("old.example"), "{sitemap}");
    let page = std::fs::read_to_string(out.join("welcome/index.html")).unwrap();
    let page = read_page(&page);
    assert_eq!(
        page.find("link", "rel", "canonical")[0].attributes["href"],
        "https://new.example/handbook/welcome/"
    );
}

#[test]
fn each_chapter_is_described_by_its_summary_for_search_engines_and_sharing() {
    let (_scaffold, site) = pages_with_base_url(None);
    let page = read_page(&text_of(&site, "welcome/index.html"));
    let summary = "What this handbook is for, who it is for and how to use it.";
    assert_eq!(
        page.find("meta", "name", "description")[0].attributes["content"],
        summary
    );
    assert_eq!(
        page.find("meta", "property", "og:description")[0].attributes["content"],
        summary
    );
    assert_eq!(
        page.find("meta", "property", "og:title")[0].attributes["content"],
        "Welcome"
    );
    // pages without a summary fall back to the handbook's description
    let home = read_page(&text_of(&site, "index.html"));
    assert_eq!(
        home.find("meta", "name", "description")[0].attributes["content"],
        "What we do, how we work together, and where to find help."
    );
}
