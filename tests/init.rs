//! `handbook init`: a new handbook that builds as it is, and never over another.

mod common;

use assert_cmd::Command;
use common::*;
use handbook::BuildOptions;

#[test]
fn a_new_handbook_builds_as_it_is_with_its_brand() {
    let scaffold = scaffold("Acme Care");
    for file in [
        "handbook.yaml",
        "chapters/01-welcome.md",
        "chapters/02-how-we-work.md",
        "assets/logo.svg",
        "README.md",
    ] {
        assert!(scaffold.source.join(file).is_file(), "{file} missing");
    }
    let settings = std::fs::read_to_string(scaffold.source.join("handbook.yaml")).unwrap();
    assert!(
        settings.contains("organisation: \"Acme Care\""),
        "{settings}"
    );
    assert!(
        settings.contains("brand:\n  logo: logo.svg")
            && settings.contains("\n  logo_alt: \"Acme Care\"\n"),
        "{settings}"
    );

    let site = build(&scaffold.source, &BuildOptions::default());
    let home = read_page(&text_of(&site, "index.html"));
    assert!(home.text.contains("Acme Care handbook"), "{}", home.text);
    let logo = home
        .elements
        .iter()
        .find(|e| {
            e.name == "img"
                && e.attributes
                    .get("class")
                    .is_some_and(|c| c.contains("logo"))
        })
        .expect("no logo in the header");
    assert_eq!(logo.attributes["alt"], "Acme Care");
    assert!(
        logo.attributes["src"].starts_with("assets/logo."),
        "{logo:?}"
    );
    // the sample chapters draw components: a pull quote and a case study
    for (chapter, component) in [
        ("welcome/index.html", "quote"),
        ("how-we-work/index.html", "case-study"),
    ] {
        let page = read_page(&text_of(&site, chapter));
        let drawn = page.elements.iter().any(|e| {
            e.attributes
                .get("class")
                .is_some_and(|class| class.split_whitespace().any(|c| c == component))
        });
        assert!(drawn, "{chapter} draws no {component}");
    }
}

#[test]
fn the_name_is_written_safely_into_every_file() {
    let scaffold = scaffold("Smith & Jones: \"Care\" <Ltd>");
    let site = build(&scaffold.source, &BuildOptions::default());
    let home = read_page(&text_of(&site, "index.html"));
    assert!(
        home.text.contains("Smith & Jones: \"Care\" <Ltd> handbook"),
        "{}",
        home.text
    );
    let welcome = read_page(&text_of(&site, "welcome/index.html"));
    // in chapters, Markdown's smart punctuation curls the quotes; the rest reads as written
    assert!(
        welcome
            .text
            .contains("everyone at Smith & Jones: “Care” <Ltd> needs"),
        "{}",
        welcome.text
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("notes");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("mine.txt"), "keep me").unwrap();
    let output = Command::cargo_bin("handbook")
        .unwrap()
        .arg("init")
        .arg(&target)
        .args(["--name", "Acme"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("is not empty"), "{message}");
    let left: Vec<_> = std::fs::read_dir(&target)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["mine.txt"]);
    assert_eq!(
        std::fs::read_to_string(target.join("mine.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn init_writes_into_an_empty_folder_and_says_how_to_build() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("handbook")
        .unwrap()
        .arg("init")
        .arg(dir.path())
        .args(["--name", "Acme"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let message = String::from_utf8_lossy(&output.stdout);
    let build = format!("handbook build {} --out", dir.path().display());
    assert!(message.contains(&build), "{message}");
    assert!(dir.path().join("handbook.yaml").is_file());
}

/// A fork whose repository is the handbook's folder types the commands from
/// inside it, as docs/authoring.md and docs/publishing.md say: the current
/// folder is the source, and `output/` beside its chapters is the output.
#[test]
fn a_fork_builds_from_inside_its_own_folder_into_output() {
    let scaffold = scaffold("Acme Care");
    for command in ["check", "build"] {
        let output = Command::cargo_bin("handbook")
            .unwrap()
            .arg(command)
            .current_dir(&scaffold.source)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "handbook {command}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert!(scaffold.source.join("output/index.html").is_file());
    // built again, the output it wrote is not read back as part of the source
    Command::cargo_bin("handbook")
        .unwrap()
        .arg("build")
        .current_dir(&scaffold.source)
        .assert()
        .success();
    assert!(!scaffold.source.join("output/output").exists());
    // a folder the build reads is still refused
    Command::cargo_bin("handbook")
        .unwrap()
        .args(["build", "--out", "assets/site"])
        .current_dir(&scaffold.source)
        .assert()
        .code(2);
}
