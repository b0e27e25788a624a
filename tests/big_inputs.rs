//! Big inputs build: a 20 MB chapter, and a handbook of 10,000 chapters.
//! Both are generated into a temporary folder. Their time and memory are
//! recorded in docs/reliability.md (benchmarks, not assertions here).

mod common;

use std::fmt::Write;
use std::path::Path;

use common::handbook;

fn write_handbook(dir: &Path) {
    std::fs::create_dir_all(dir.join("chapters")).unwrap();
    std::fs::write(
        dir.join("handbook.yaml"),
        "title: A big handbook\norganisation: Test Organisation\n",
    )
    .unwrap();
}

fn build(source: &Path, out: &Path) {
    handbook()
        .args(["build", "--source"])
        .arg(source)
        .arg("--out")
        .arg(out)
        .timeout(std::time::Duration::from_secs(600))
        .assert()
        .success();
}

#[test]
fn a_twenty_megabyte_chapter_builds() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("big");
    write_handbook(&source);
    let mut text = String::from("---\ntitle: A very long chapter\n---\n\n");
    let mut sections = 0;
    while text.len() < 20 * 1024 * 1024 {
        sections += 1;
        let n = sections;
        write!(
            text,
            "## Section {n}\n\nParagraph {n} with *emphasis*, **strong text**, `code`, a [link back](#section-1) \
             and a [link to the other chapter](02-other.md#the-end). A note follows.[^n{n}]\n\n\
             - first point of {n}\n- second point with [an external link](https://example.org/{n})\n\n\
             | Column | Value |\n| --- | --- |\n| row {n} | {} |\n\n[^n{n}]: The note of section {n}.\n\n",
            n * 7
        )
        .unwrap();
    }
    std::fs::write(source.join("chapters/01-long.md"), &text).unwrap();
    std::fs::write(
        source.join("chapters/02-other.md"),
        "---\ntitle: Other\n---\n\n## The end\n\nDone.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    build(&source, &out);
    let page = std::fs::read_to_string(out.join("long/index.html")).unwrap();
    // pages are minified: values that need no quotes lose them
    assert!(page.contains(&format!("id=section-{sections}>")));
    assert!(page.contains(&format!("aria-label=\"Note {sections}\"")));
    let print = std::fs::read_to_string(out.join("print/index.html")).unwrap();
    assert!(print.contains(&format!("id=long--section-{sections}>")));
}

#[test]
fn ten_thousand_chapters_build() {
    const CHAPTERS: usize = 10_000;
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("many");
    write_handbook(&source);
    for i in 1..=CHAPTERS {
        let link = if i < CHAPTERS {
            format!("[the next]({:05}-chapter-{}.md#start)", i + 1, i + 1)
        } else {
            "[the first](00001-chapter-1.md)".to_string()
        };
        std::fs::write(
            source.join(format!("chapters/{i:05}-chapter-{i}.md")),
            format!(
                "---\ntitle: Chapter {i}\nsummary: What chapter {i} is about.\n---\n\n## Start\n\nSome text, then {link}.\n\n## More\n\nMore text.\n"
            ),
        )
        .unwrap();
    }
    let out = dir.path().join("out");
    build(&source, &out);
    let chapter_pages = std::fs::read_dir(&out)
        .unwrap()
        .filter(|entry| {
            entry
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("chapter-")
        })
        .count();
    assert_eq!(chapter_pages, CHAPTERS);
    // the home page lists every chapter; a chapter page only those around it
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("chapter-10000/index.html"));
    let middle = std::fs::read_to_string(out.join("chapter-5000/index.html")).unwrap();
    assert!(middle.contains("All 10000 chapters"), "{middle}");
    assert!(!middle.contains("chapter-1/index.html"));
    assert!(middle.len() < 64 * 1024, "{} bytes", middle.len());
}
