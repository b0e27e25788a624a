//! Brand colours in handbook.yaml: a colour the contrast check cannot read,
//! or a pair with too little contrast, stops the build with the setting, the
//! colours, the ratio found and the ratio needed.

mod common;

use assert_cmd::Command;
use common::*;

fn build_status(scaffold: &Scaffold) -> (Option<i32>, String) {
    let output = Command::cargo_bin("handbook")
        .unwrap()
        .arg("build")
        .arg("--source")
        .arg(&scaffold.source)
        .arg("--out")
        .arg(scaffold.dir.path().join("site"))
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
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
    assert!(message.contains("--> acme/handbook.yaml:23:5"), "{message}");
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
    assert!(message.contains("--> acme/handbook.yaml:27:5"), "{message}");
    assert!(message.contains("write colours as #RRGGBB"), "{message}");
}
