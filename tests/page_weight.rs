//! What a page loads on a first visit: only the stylesheets and scripts it
//! needs. A chapter page links those of the components it draws and no
//! others, a kind of page those of its kind; a fork's file for one component
//! replaces the default one; stylesheets are minified when building.

mod common;

use std::collections::BTreeSet;

use common::*;
use handbook::render::pages::PAGE_KINDS;
use handbook::{BuildOptions, Error, Site};

/// The theme's stylesheets and scripts a page links, by their path inside
/// the theme's `static/` (`components/quote.css`), without the generated
/// `palette.css` and `page.css`.
fn theme_files(site: &Site, page: &str) -> BTreeSet<String> {
    let page = read_page(&text_of(site, page));
    page.elements
        .iter()
        .filter_map(|e| match e.name.as_str() {
            "link" if e.attributes.get("rel").is_some_and(|r| r == "stylesheet") => {
                e.attributes.get("href")
            }
            "script" => e.attributes.get("src"),
            _ => None,
        })
        .filter_map(|link| {
            let inside = link.split_once("assets/")?.1;
            let (stem, extension) = inside.rsplit_once('.')?;
            let (name, _hash) = stem.rsplit_once('.')?;
            Some(format!("{name}.{extension}"))
        })
        .filter(|name| !["palette.css", "page.css", "search-index.js"].contains(&name.as_str()))
        .collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|name| name.to_string()).collect()
}

/// What every page links, before its kind's and its components'.
const EVERY_PAGE: [&str; 3] = ["style.css", "print.css", "handbook.js"];

fn every_page_and(names: &[&str]) -> BTreeSet<String> {
    set(&EVERY_PAGE).union(&set(names)).cloned().collect()
}

#[test]
fn a_chapter_page_links_the_styles_of_the_components_it_draws_and_no_others() {
    let site = build(&bundled_handbook(), &BuildOptions::default());
    // a brain (with its script), a trauma tree and quotes
    assert_eq!(
        theme_files(&site, "why-it-matters/index.html"),
        every_page_and(&[
            "components.css",
            "components/brain.css",
            "components/brain.js",
            "components/quote.css",
            "components/trauma-tree.css",
        ])
    );
    // principles, and the case studies they draw inside them
    assert_eq!(
        theme_files(&site, "our-principles/index.html"),
        every_page_and(&[
            "components.css",
            "components/case-study.css",
            "components/principles.css",
        ])
    );
    // no component: nothing of theirs, not even what they share
    assert_eq!(
        theme_files(&site, "welcome/index.html"),
        every_page_and(&[])
    );
}

#[test]
fn pages_of_one_kind_link_its_styles_and_the_single_page_those_of_every_component() {
    let site = build(&bundled_handbook(), &BuildOptions::default());
    assert_eq!(
        theme_files(&site, "index.html"),
        every_page_and(&["pages/home.css"])
    );
    assert_eq!(
        theme_files(&site, "search/index.html"),
        every_page_and(&["pages/search.css", "pages/search.js"])
    );
    // the bundled handbook draws every component
    let components: Vec<String> = site
        .files
        .keys()
        .filter_map(|path| path.strip_prefix("assets/components/"))
        .map(|file| {
            let (stem, extension) = file.rsplit_once('.').unwrap();
            format!(
                "components/{}.{extension}",
                stem.rsplit_once('.').unwrap().0
            )
        })
        .collect();
    assert_eq!(components.len(), handbook::components::names().len() + 1);
    let mut expected: Vec<&str> = components.iter().map(String::as_str).collect();
    // and its running titles, which no other page links
    expected.extend(["components.css", "pages/print.css", "chapters.css"]);
    assert_eq!(
        theme_files(&site, "print/index.html"),
        every_page_and(&expected)
    );
}

#[test]
fn every_page_is_of_a_known_kind() {
    let site = build(&bundled_handbook(), &BuildOptions::default());
    for (path, html) in pages(&site) {
        let page = read_page(&html);
        let body = page.elements.iter().find(|e| e.name == "body").unwrap();
        let kind = body.attributes["class"].strip_prefix("kind-").unwrap();
        assert!(PAGE_KINDS.contains(&kind), "{path}: {kind}");
    }
}

/// The file a page links for the theme's `name`, and its content.
fn linked_file(site: &Site, page: &str, name: &str) -> Option<String> {
    let (stem, extension) = name.rsplit_once('.').unwrap();
    let prefix = format!("assets/{stem}.");
    let page = text_of(site, page);
    site.files
        .iter()
        .find(|(path, _)| {
            path.starts_with(&prefix)
                && path.ends_with(&format!(".{extension}"))
                && page.contains(path.as_str())
        })
        .map(|(_, bytes)| String::from_utf8(bytes.clone()).unwrap())
}

#[test]
fn a_fork_file_for_one_component_replaces_the_default_one_where_it_is_drawn() {
    // the scaffold's welcome chapter draws a quote; its other chapter a case study
    let scaffold = forked(&[
        (
            "static/components/quote.css",
            "/* Acme's quotes */\n.quote {\n  border-top: 4px solid var(--colour-accent);\n}\n",
        ),
        (
            "static/components/case-study.js",
            "// Acme's case studies\n",
        ),
    ]);
    let site = build(&scaffold.source, &BuildOptions::default());
    assert_eq!(
        linked_file(&site, "welcome/index.html", "components/quote.css").as_deref(),
        Some(".quote{border-top:4px solid var(--colour-accent)}")
    );
    assert_eq!(
        theme_files(&site, "welcome/index.html"),
        every_page_and(&["components.css", "components/quote.css"])
    );
    // a script the default theme lacks is linked where its component is drawn
    assert_eq!(
        theme_files(&site, "how-we-work/index.html"),
        every_page_and(&[
            "components.css",
            "components/case-study.css",
            "components/case-study.js",
        ])
    );
    assert_eq!(
        linked_file(&site, "how-we-work/index.html", "components/case-study.js").as_deref(),
        Some("// Acme's case studies\n")
    );
}

#[test]
fn a_fork_file_named_after_no_component_or_kind_of_page_is_reported() {
    let scaffold = forked(&[
        ("static/components/qoute.css", ".quote { color: red; }\n"),
        ("static/pages/chapters.css", ".chapter { color: red; }\n"),
    ]);
    let problems: Vec<handbook::Diagnostic> =
        match handbook::build_site(&scaffold.source, &BuildOptions::default()) {
            Err(Error::Content(problems)) => problems.into_iter().collect(),
            Err(other) => panic!("{other}"),
            Ok(_) => panic!("the build succeeded"),
        };
    assert_eq!(problems.len(), 2, "{problems:?}");
    let component = &problems[0];
    assert_eq!(
        component.file,
        std::path::Path::new("acme/themes/my-brand/static/components/qoute.css")
    );
    assert!(
        component.message.contains("named after no component"),
        "{component}"
    );
    assert_eq!(
        component.hint.as_deref(),
        Some("did you mean `components/quote.css`?")
    );
    let kind = &problems[1];
    assert!(
        kind.message.contains("named after no kind of page"),
        "{kind}"
    );
    assert_eq!(
        kind.hint.as_deref(),
        Some("did you mean `pages/chapter.css`?")
    );
}

#[test]
fn stylesheets_are_minified_when_building_and_not_for_serve() {
    let source = bundled_handbook();
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    let written = std::fs::read_to_string(theme.join("components/quote.css")).unwrap();
    let built = build(&source, &BuildOptions::default());
    let minified = linked_file(&built, "introduction/index.html", "components/quote.css").unwrap();
    assert_eq!(minified, handbook::finish::css::minify(&written));
    assert!(!minified.contains("/*") && !minified.contains('\n'));
    let served = build(
        &source,
        &BuildOptions {
            skip_minify: true,
            ..BuildOptions::default()
        },
    );
    assert_eq!(
        linked_file(&served, "introduction/index.html", "components/quote.css").unwrap(),
        written
    );
}
