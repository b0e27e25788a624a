//! The search index, read back from a build as the search page's script reads it.

mod common;

use common::*;
use handbook::{BuildOptions, Site};
use serde_json::Value;

/// The index file of a build, parsed from its `globalThis.handbookSearchIndex=…;`.
fn index_of(site: &Site) -> Value {
    let (path, bytes) = site
        .files
        .iter()
        .find(|(path, _)| path.starts_with("assets/search-index.") && path.ends_with(".js"))
        .expect("no search index in the build");
    let script = std::str::from_utf8(bytes).unwrap();
    let json = script
        .strip_prefix("globalThis.handbookSearchIndex=")
        .and_then(|rest| rest.trim_end().strip_suffix(';'))
        .unwrap_or_else(|| panic!("{path} does not set the global"));
    serde_json::from_str(json).unwrap()
}

/// Sections whose words hold every word of `query` (as whole words), as
/// (page url, section id, heading).
fn sections_with(index: &Value, query: &[&str]) -> Vec<(String, String, String)> {
    let pages = index["pages"].as_array().unwrap();
    index["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|section| {
            let words: Vec<&str> = section[4].as_str().unwrap().split(' ').collect();
            query.iter().all(|q| words.contains(q))
        })
        .map(|section| {
            let page = &pages[section[0].as_u64().unwrap() as usize];
            (
                page["url"].as_str().unwrap().to_string(),
                section[1].as_str().unwrap().to_string(),
                section[2].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn search_finds_box_breathing_in_the_bundled_handbook() {
    let site = build(&bundled_handbook(), &BuildOptions::default());
    let index = index_of(&site);
    let found = sections_with(&index, &["box", "breathing"]);
    // the exercise is a section of its own, found by its title
    assert!(
        found
            .iter()
            .any(|(url, id, heading)| url == "look-after-yourself/index.html"
                && !id.is_empty()
                && heading == "Box breathing"),
        "{found:?}"
    );
    // every result links to a page and an id that exist
    for (url, id, _) in &found {
        let page = read_page(&text_of(&site, url));
        assert!(
            id.is_empty() || page.ids().contains(&id.as_str()),
            "{url}#{id}"
        );
    }
}

#[test]
fn the_search_page_loads_the_index_it_was_built_with() {
    let scaffold = scaffold("Acme Care");
    let site = build(&scaffold.source, &BuildOptions::default());
    let page = read_page(&text_of(&site, "search/index.html"));
    let scripts: Vec<&String> = page
        .elements
        .iter()
        .filter(|e| e.name == "script")
        .filter_map(|e| e.attributes.get("src"))
        .collect();
    assert!(
        scripts
            .iter()
            .any(|src| src.starts_with("../assets/search-index.")),
        "{scripts:?}"
    );
    assert!(
        scripts
            .iter()
            .any(|src| src.starts_with("../assets/pages/search.")),
        "{scripts:?}"
    );
    // without JavaScript the page says so and offers the contents and the single page
    assert!(
        page.text.contains("Search needs JavaScript"),
        "{}",
        page.text
    );
    assert!(page.find("a", "href", "../index.html").len() >= 2);
    assert!(!page.find("a", "href", "../print/index.html").is_empty());
    // the form is labelled and announces results
    assert_eq!(page.find("label", "for", "search-page-q").len(), 1);
    assert_eq!(page.find("input", "id", "search-page-q").len(), 1);
    assert_eq!(page.find("p", "role", "status").len(), 1);
}

#[test]
fn every_page_but_the_search_page_has_a_search_form_in_its_header() {
    let scaffold = scaffold("Acme Care");
    let site = build(&scaffold.source, &BuildOptions::default());
    for (path, html) in pages(&site) {
        let page = read_page(&html);
        let forms = page.find("form", "role", "search");
        match path.as_str() {
            // the single page is for print: no header at all
            "print/index.html" => assert!(forms.is_empty()),
            // the search page has its own form, not a second one in the header
            "search/index.html" => {
                assert_eq!(forms.len(), 1);
                assert!(page.find("label", "for", "site-search-q").is_empty());
            }
            _ => {
                assert_eq!(forms.len(), 1, "{path}");
                assert_eq!(
                    page.find("label", "for", "site-search-q").len(),
                    1,
                    "{path}"
                );
                assert!(
                    forms[0].attributes["action"].ends_with("search/index.html"),
                    "{path}"
                );
            }
        }
    }
}

#[test]
fn the_index_of_a_new_handbook_holds_each_section_once() {
    let scaffold = scaffold("Acme Care");
    let index = index_of(&build(&scaffold.source, &BuildOptions::default()));
    let headings: Vec<&str> = index["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s[2].as_str().unwrap())
        .collect();
    assert_eq!(
        headings,
        [
            "Welcome",
            "Who this handbook is for",
            "How to use it",
            "How we work",
            "Our principles",
            // a component's heading with an id is a section of its own
            "Case study: Listening before acting",
            "Where to find help"
        ]
    );
    // a quote drawn by its component is found in its section
    assert_eq!(
        sections_with(&index, &["earns", "minute"]),
        [(
            "welcome/index.html".to_string(),
            "who-this-handbook-is-for".to_string(),
            "Who this handbook is for".to_string()
        )]
    );
}
