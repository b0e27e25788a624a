//! The contents list beside every page. Each chapter's item is drawn once a
//! build (`partials/contents-item.html`: as another page's chapter and as
//! the page's own) and placed in every page that lists it; these tests read
//! the pages back to check that every page still lists the right chapters,
//! in order, with its own marked, minified or not, and that a fork's own
//! item template is the one used.

mod common;

use std::path::Path;

use common::{build, forked, read_page, text_of, write};
use handbook::{BuildOptions, Site};

/// A handbook of `count` chapters, `Chapter N` at `chapter-N/`.
fn handbook_of(dir: &Path, count: usize) {
    write(
        &dir.join("handbook.yaml"),
        "title: A long handbook\norganisation: Test Organisation\n",
    );
    for n in 1..=count {
        write(
            &dir.join(format!("chapters/{n:03}-chapter-{n}.md")),
            &format!("---\ntitle: Chapter {n}\n---\n\nThe text of chapter {n}.\n"),
        );
    }
}

/// One entry of a page's contents list: where it links, its text, and
/// whether it is marked as the page's own.
#[derive(Debug, PartialEq)]
struct Listed {
    href: String,
    current: bool,
}

/// The contents list of the page at `path` (the `<ol>` of `nav.contents-nav`).
fn contents_of(site: &Site, path: &str) -> Vec<Listed> {
    let html = text_of(site, path);
    let list = html
        .find("contents-nav__list")
        .unwrap_or_else(|| panic!("{path} has no contents list"));
    let start = html[..list].rfind('<').unwrap();
    let end = list + html[list..].find("</ol>").unwrap();
    read_page(&html[start..end])
        .elements
        .into_iter()
        .filter(|e| e.name == "a")
        .map(|e| Listed {
            current: e.attributes.get("aria-current").map(String::as_str) == Some("page"),
            href: e.attributes["href"].clone(),
        })
        .collect()
}

/// What a page at `root` lists for chapters `numbers`, marking `own`, after
/// the link home.
fn expected(root: &str, numbers: impl Iterator<Item = usize>, own: Option<usize>) -> Vec<Listed> {
    let home = Listed {
        href: format!("{root}index.html"),
        current: false,
    };
    std::iter::once(home)
        .chain(numbers.map(|n| Listed {
            href: format!("{root}chapter-{n}/index.html"),
            current: own == Some(n),
        }))
        .collect()
}

fn no_stand_in_is_left(site: &Site) {
    for (path, bytes) in &site.files {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains('\u{FDD0}'),
            "{path} holds a stand-in that was never filled"
        );
    }
}

#[test]
fn every_page_lists_every_chapter_in_order_and_marks_its_own() {
    let dir = tempfile::tempdir().unwrap();
    handbook_of(dir.path(), 12);
    for skip_minify in [false, true] {
        let options = BuildOptions {
            skip_minify,
            ..BuildOptions::default()
        };
        let site = build(dir.path(), &options);
        for n in 1..=12 {
            assert_eq!(
                contents_of(&site, &format!("chapter-{n}/index.html")),
                expected("../", 1..=12, Some(n)),
                "chapter {n}'s page (minified: {})",
                !skip_minify
            );
        }
        // pages that are no chapter's (the home and print pages have no sidebar)
        for page in ["search/index.html", "accessibility/index.html"] {
            assert_eq!(
                contents_of(&site, page),
                expected("../", 1..=12, None),
                "{page}"
            );
        }
        no_stand_in_is_left(&site);
    }
}

#[test]
fn a_huge_handbooks_pages_list_the_chapters_around_their_own() {
    let dir = tempfile::tempdir().unwrap();
    handbook_of(dir.path(), 240);
    let site = build(dir.path(), &BuildOptions::default());
    // 25 chapters either side of a page's own
    assert_eq!(
        contents_of(&site, "chapter-120/index.html"),
        expected("../", 95..=145, Some(120))
    );
    assert_eq!(
        contents_of(&site, "chapter-3/index.html"),
        expected("../", 1..=28, Some(3))
    );
    assert_eq!(
        contents_of(&site, "chapter-240/index.html"),
        expected("../", 215..=240, Some(240))
    );
    // pages that are no chapter's list the first chapters; each says where
    // all of them are (the home page, the contents itself, has no sidebar)
    assert_eq!(
        contents_of(&site, "search/index.html"),
        expected("../", 1..=26, None)
    );
    assert!(text_of(&site, "chapter-120/index.html").contains("All 240 chapters"));
    no_stand_in_is_left(&site);
}

#[test]
fn a_fork_draws_the_contents_items_with_its_own_template() {
    let fork = forked(&[
        (
            "templates/partials/contents-item.html",
            "<li class=\"acme-item\"><a href=\"{{ root }}{{ item.href }}\"{% if current %} aria-current=\"page\"{% endif %}>{{ item.number }}: {{ item.title }}</a></li>\n",
        ),
        // a home page with the sidebar, which lists the chapters from the
        // site's root rather than from a chapter's folder
        (
            "templates/index.html",
            "{% extends \"base.html\" %}{% block content %}<h1>Home</h1>{% endblock content %}",
        ),
    ]);
    let site = build(&fork.source, &BuildOptions::default());
    let chapters: Vec<String> = site
        .files
        .keys()
        .filter(|path| path.ends_with("/index.html") && path.matches('/').count() == 1)
        .filter(|path| {
            !["print/", "search/", "accessibility/"]
                .iter()
                .any(|p| path.starts_with(p))
        })
        .cloned()
        .collect();
    assert!(
        chapters.len() > 1,
        "the scaffold has chapters: {chapters:?}"
    );
    for path in chapters.iter().chain([&"index.html".to_string()]) {
        let page = read_page(&text_of(&site, path));
        let items = page.find("li", "class", "acme-item");
        assert_eq!(
            items.len(),
            chapters.len(),
            "{path} lists every chapter with the fork's item"
        );
        assert!(
            page.find("li", "class", "contents-nav__item").is_empty(),
            "{path}: no chapter is listed with the default theme's item"
        );
    }
    let first = &chapters[0];
    let own: Vec<_> = read_page(&text_of(&site, first))
        .find("a", "aria-current", "page")
        .into_iter()
        .map(|a| a.attributes["href"].clone())
        .collect();
    assert_eq!(own, [format!("../{first}")]);
    assert!(
        text_of(&site, first).contains(">1: "),
        "the fork's numbering"
    );
    let home = read_page(&text_of(&site, "index.html"));
    let marked: Vec<&str> = home
        .find("a", "aria-current", "page")
        .into_iter()
        .map(|a| a.attributes["href"].as_str())
        .collect();
    assert_eq!(marked, ["index.html"], "the home page marks itself only");
    assert_eq!(
        home.find("a", "href", first).len(),
        1,
        "the home page links {first} from the site's root"
    );
}

#[test]
fn a_mistake_in_the_contents_item_template_names_its_file_and_line() {
    let fork = forked(&[(
        "templates/partials/contents-item.html",
        "<li>\n{{ item.title | shout }}</li>\n",
    )]);
    let error = handbook::build_site(&fork.source, &BuildOptions::default())
        .expect_err("an unknown filter stops the build")
        .to_string();
    assert!(
        error.contains("themes/my-brand/templates/partials/contents-item.html:2"),
        "{error}"
    );
}
