//! The whole fork: `init`, another brand (name, colours, logo), one block of
//! the default theme replaced, CSS added, one component's stylesheet
//! replaced; it builds, and each change shows.
//! The browser suite checks the same fork (scripts/test).

mod common;

use common::*;
use handbook::BuildOptions;

#[test]
fn a_fork_with_its_own_brand_and_one_block_builds_and_shows_each_change() {
    let scaffold = fork_fixture("Acme Care");
    let site = build(&scaffold.source, &BuildOptions::default());

    // name
    let home = read_page(&text_of(&site, "index.html"));
    assert!(
        home.text.contains("Northshire Care Partnership handbook"),
        "{}",
        home.text
    );
    assert!(!home.text.contains("Acme"), "{}", home.text);

    // logo: the fork's file, with its text alternative
    let logo = home
        .elements
        .iter()
        .find(|e| {
            e.name == "img"
                && e.attributes.get("alt").map(String::as_str)
                    == Some("Northshire Care Partnership")
        })
        .expect("no logo with the fork's alt text");
    let logo_path = logo.attributes["src"].clone();
    let fork_logo = std::fs::read(fixture("fork").join("assets/logo.svg")).unwrap();
    assert_eq!(
        site.files[&logo_path], fork_logo,
        "{logo_path} is not the fork's logo"
    );

    // colours: the palette every stylesheet uses carries the brand, light and dark
    let palette = site
        .files
        .iter()
        .find(|(path, _)| path.starts_with("assets/palette."))
        .map(|(_, bytes)| String::from_utf8(bytes.clone()).unwrap())
        .expect("no palette stylesheet");
    // (minified: no space after the colon)
    assert!(palette.contains("--colour-primary:#00594f"), "{palette}");
    assert!(palette.contains("--colour-primary:#7fd6c8"), "{palette}");

    // one block replaced on chapter pages, the rest of the default page kept
    for chapter in ["welcome/index.html", "how-we-work/index.html"] {
        let page = read_page(&text_of(&site, chapter));
        assert_eq!(
            page.find("footer", "class", "site-footer northshire-footer")
                .len(),
            1,
            "{chapter}"
        );
        assert_eq!(page.find("a", "class", "skip-link").len(), 1, "{chapter}");
        assert_eq!(page.find("main", "id", "main").len(), 1, "{chapter}");
        // the fork's CSS comes last
        let sheets = page.screen_stylesheets();
        assert!(
            sheets.last().unwrap().starts_with("../assets/northshire."),
            "{chapter}: {sheets:?}"
        );
    }
    assert!(
        home.find("footer", "class", "site-footer northshire-footer")
            .is_empty()
    );

    // the fork's stylesheet for quotes, on the page that draws one only
    let quotes = site
        .files
        .iter()
        .find(|(path, bytes)| {
            path.starts_with("assets/components/quote.")
                && String::from_utf8_lossy(bytes)
                    .contains("border-top:0.5rem solid var(--colour-accent)")
        })
        .map(|(path, _)| path.clone())
        .expect("no fork stylesheet for quotes");
    assert!(text_of(&site, "welcome/index.html").contains(&quotes));
    assert!(!text_of(&site, "how-we-work/index.html").contains("components/quote."));
}
