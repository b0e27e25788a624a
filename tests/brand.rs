//! Brand colours in handbook.yaml: a colour the contrast check cannot read,
//! or a pair with too little contrast, stops the build with the setting, the
//! colours, the ratio found and the ratio needed.

mod common;

use common::*;

fn build_status(scaffold: &Scaffold) -> (Option<i32>, String) {
    let out = scaffold.dir.path().join("site");
    let Ran { code, stderr, .. } =
        run(&["build", "--out", out.to_str().unwrap()], &scaffold.source);
    (code, stderr)
}

#[test]
fn a_low_contrast_brand_colour_is_rejected_with_the_ratio() {
    let scaffold = scaffold("Acme Care");
    // a light orange: white text on it and it on white both fall short
    edit(
        &scaffold.source.join("handbook.yaml"),
        "primary: \"#1d4f91\"",
        "primary: \"#f4a259\"",
    );
    let (status, message) = build_status(&scaffold);
    assert_eq!(status, Some(1), "{message}");
    // worked by hand: #f4a259 has relative luminance 0.4589 (channels 0.9047,
    // 0.3613, 0.1129), so on white (1.0 + 0.05) / (0.4589 + 0.05) = 2.063
    assert!(
        message.contains(
            "too little contrast in light mode for text on the header band and buttons: \
             `light.on_primary` #ffffff on `brand.colours.primary` #f4a259 is 2.06:1, text needs at least 4.5:1"
        ),
        "{message}"
    );
    assert!(message.contains("--> acme/handbook.yaml:27:5"), "{message}");
    assert!(
        !scaffold.dir.path().join("site").exists(),
        "a failed build wrote output"
    );
}

#[test]
fn a_malformed_colour_names_the_setting_and_line() {
    let scaffold = scaffold("Acme Care");
    edit(
        &scaffold.source.join("handbook.yaml"),
        "accent: \"#d7a8e6\"",
        "accent: lavender",
    );
    let (status, message) = build_status(&scaffold);
    assert_eq!(status, Some(1), "{message}");
    assert!(
        message.contains(
            "`brand.dark_colours.accent` is `lavender`, which is not a colour written as #RRGGBB"
        ),
        "{message}"
    );
    assert!(message.contains("--> acme/handbook.yaml:31:5"), "{message}");
    assert!(message.contains("write colours as #RRGGBB"), "{message}");
}

#[test]
fn every_page_links_an_icon_drawn_in_the_brand_colour() {
    let scaffold = scaffold("Acme Care");
    let site = build(&scaffold.source, &handbook::BuildOptions::default());
    let icons: Vec<&String> = site
        .files
        .keys()
        .filter(|path| path.starts_with("assets/icon.") && path.ends_with(".svg"))
        .collect();
    assert_eq!(icons.len(), 1, "{icons:?}");
    let icon = String::from_utf8(site.files[icons[0]].clone()).unwrap();
    let svg = roxmltree::Document::parse(&icon).unwrap();
    let fill = |tag: &str| {
        svg.descendants()
            .find(|node| node.has_tag_name(tag))
            .and_then(|node| node.attribute("fill"))
            .map(str::to_string)
    };
    // the scaffold's primary colour, and white text on it (its on_primary)
    assert_eq!(fill("rect").as_deref(), Some("#1d4f91"), "{icon}");
    assert_eq!(fill("text").as_deref(), Some("#ffffff"), "{icon}");
    let text = svg.descendants().find(|node| node.has_tag_name("text"));
    assert_eq!(text.and_then(|node| node.text()), Some("A"), "{icon}");
    for (path, bytes) in &site.files {
        if path.ends_with(".html") {
            let page = read_page(&String::from_utf8_lossy(bytes));
            let linked = page.elements.iter().any(|element| {
                element.name == "link"
                    && element
                        .attributes
                        .iter()
                        .any(|(n, v)| n == "rel" && v == "icon")
                    && element
                        .attributes
                        .iter()
                        .any(|(n, v)| n == "href" && v.ends_with(icons[0].as_str()))
            });
            assert!(linked, "{path} links no icon");
        }
    }
}

#[test]
fn an_icon_of_ones_own_is_used_and_a_missing_one_is_located() {
    let scaffold = scaffold("Acme Care");
    write(
        &scaffold.source.join("assets/tab.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    edit(
        &scaffold.source.join("handbook.yaml"),
        "# icon: icon.svg",
        "icon: tab.svg",
    );
    let site = build(&scaffold.source, &handbook::BuildOptions::default());
    assert!(
        !site
            .files
            .keys()
            .any(|path| path.starts_with("assets/icon."))
    );
    let home = String::from_utf8_lossy(&site.files["index.html"]).into_owned();
    assert!(home.contains("rel=icon href=assets/tab."), "{home}");

    edit(
        &scaffold.source.join("handbook.yaml"),
        "icon: tab.svg",
        "icon: tabs.svg",
    );
    let (status, message) = build_status(&scaffold);
    assert_eq!(status, Some(1), "{message}");
    assert!(
        message.contains("the icon `tabs.svg` is not in `assets/`"),
        "{message}"
    );
    assert!(message.contains("did you mean `tab.svg`?"), "{message}");
}
