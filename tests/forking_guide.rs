//! docs/forking.md followed as written: its commands typed from the folder
//! that holds the new handbook (all but `serve`), its brand settings and its
//! accessibility settings put into `handbook.yaml`, the logo files it names
//! put into `assets/`; then what the guide says each does is on the site.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::*;
use serde_json::Value;

const GUIDE: &str = include_str!("../docs/forking.md");

/// The fenced blocks of `language` in the guide's section that starts with
/// `heading`, in order.
fn blocks<'a>(heading: &str, language: &str) -> Vec<&'a str> {
    let start = GUIDE
        .find(heading)
        .unwrap_or_else(|| panic!("docs/forking.md has no {heading:?}"));
    let section = &GUIDE[start + heading.len()..];
    let end = section
        .find("\n## ")
        .or_else(|| section.find("\n### "))
        .unwrap_or(section.len());
    let fence = format!("\n```{language}\n");
    section[..end]
        .match_indices(&fence)
        .map(|(at, _)| {
            let body = &section[at + fence.len()..];
            &body[..body.find("\n```").expect("an unclosed block")]
        })
        .collect()
}

/// Each `handbook …` line of a shell block, as arguments (words, or
/// double-quoted phrases), its comment left out.
fn commands(block: &str) -> Vec<Vec<String>> {
    block
        .lines()
        .filter_map(|line| line.strip_prefix("handbook "))
        .map(|line| {
            let line = line.split(" #").next().unwrap_or(line);
            let mut words = Vec::new();
            for (index, part) in line.split('"').enumerate() {
                if index % 2 == 1 {
                    words.push(part.to_string());
                } else {
                    words.extend(part.split_whitespace().map(String::from));
                }
            }
            words
        })
        .collect()
}

fn run(folder: &Path, arguments: &[String]) {
    let output = Command::cargo_bin("handbook")
        .unwrap()
        .args(arguments)
        .current_dir(folder)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "handbook {}:\n{}",
        arguments.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `settings` with each top-level key of `yaml` set as the guide shows it.
fn set(settings: &mut Value, yaml: &str) {
    let shown: Value = serde_saphyr::from_str(yaml).expect("the guide's YAML");
    for (key, value) in shown.as_object().expect("a mapping") {
        settings[key] = value.clone();
    }
}

#[test]
fn the_forking_guide_works_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path();

    // 1. Start a new handbook: init, then a build as it is
    for block in blocks("## 1. Start a new handbook", "sh") {
        for command in commands(block) {
            if command[0] != "serve" {
                run(folder, &command);
            }
        }
    }
    let source = folder.join("northshire");
    assert!(folder.join("northshire-site/index.html").is_file());

    // 2. Brand settings, and 4. the accessibility statement's, as shown
    let path = source.join("handbook.yaml");
    let mut settings: Value =
        serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    set(&mut settings, blocks("## 2. Brand settings", "yaml")[0]);
    set(
        &mut settings,
        blocks("### Your accessibility statement", "yaml")[0],
    );
    // JSON is YAML: the settings file as the editor would have left it
    std::fs::write(&path, serde_json::to_string_pretty(&settings).unwrap()).unwrap();
    // the logos it names, in assets/
    for key in ["logo", "logo_dark", "logo_print"] {
        let name = settings["brand"][key].as_str().expect("a logo named");
        let logo = source.join("assets").join(name);
        if !logo.exists() {
            std::fs::copy(source.join("assets/logo.svg"), logo).unwrap();
        }
    }

    // 4. Check and publish
    for command in commands(blocks("## 4. Check and publish", "sh")[0]) {
        run(folder, &command);
    }
    let site = folder.join("northshire-site");
    let page = |path: &str| std::fs::read_to_string(site.join(path)).unwrap();
    let home = read_page(&page("index.html"));
    assert!(
        home.text.contains("Northshire Care Partnership handbook"),
        "{}",
        home.text
    );
    assert!(home.text.contains("© Northshire Care Partnership."));
    // each logo on its own background
    let dark = home
        .elements
        .iter()
        .find(|e| e.name == "source")
        .expect("a dark-mode logo");
    assert!(dark.attributes["srcset"].starts_with("assets/logo-white."));
    let print = read_page(&page("print/index.html"));
    assert!(
        print.find("img", "class", "print-cover__logo")[0].attributes["src"]
            .starts_with("../assets/logo-colour.")
    );
    // the statement says what the settings state, for a public sector body
    let statement = read_page(&page("accessibility/index.html")).text;
    for said in [
        "This website is partially compliant",
        "the printed worksheets have no labels for their answer lines",
        "Enforcement procedure",
        "The test was carried out by the Northshire digital team.",
        "accessibility@northshire.example",
    ] {
        assert!(statement.contains(said), "no {said:?} in:\n{statement}");
    }
    // the address given with --base-url
    assert!(page("sitemap.xml").contains("https://handbook.northshire.example/"));
}
