//! The examples in `docs/components.md` are real: every one is built into a
//! handbook by the `handbook` binary and must be drawn by its component (not
//! left as a code block), and every component has a documented example. So
//! the documentation cannot go stale.

use std::fs;

use assert_cmd::Command;

const DOC: &str = include_str!("../docs/components.md");

/// A complete example: the Markdown an author would paste into a chapter.
struct Example {
    /// The `## `name`` section it is in, if any.
    section: Option<String>,
    /// The component its fenced block names.
    component: String,
    markdown: String,
    /// Line of the example in docs/components.md, for messages.
    line: usize,
}

/// Examples are written inside four-backtick `markdown` fences, so the
/// component's own three-backtick fence shows on the page as written.
fn examples(doc: &str) -> Vec<Example> {
    let mut found = Vec::new();
    let mut section = None;
    let mut current: Option<Example> = None;
    for (index, line) in doc.lines().enumerate() {
        if let Some(example) = current.as_mut() {
            if line == "````" {
                found.extend(current.take());
                continue;
            }
            if example.component.is_empty()
                && let Some(name) = line.strip_prefix("```")
            {
                example.component = name.trim().to_string();
            }
            example.markdown.push_str(line);
            example.markdown.push('\n');
        } else if line == "````markdown" {
            current = Some(Example {
                section: section.clone(),
                component: String::new(),
                markdown: String::new(),
                line: index + 1,
            });
        } else if let Some(heading) = line.strip_prefix("## ") {
            section = Some(heading.trim().trim_matches('`').to_string());
        }
    }
    assert!(
        current.is_none(),
        "an example in docs/components.md has no closing ````"
    );
    found
}

#[test]
fn every_component_has_a_documented_example() {
    let examples = examples(DOC);
    for name in handbook::components::names() {
        assert!(
            examples
                .iter()
                .any(|e| e.section.as_deref() == Some(name) && e.component == name),
            "docs/components.md has no `## `{name}`` section with an example of it"
        );
    }
}

#[test]
fn every_documented_example_builds_and_is_drawn_by_its_component() {
    let examples = examples(DOC);
    assert!(
        examples.len() >= 15,
        "found only {} examples",
        examples.len()
    );
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("handbook");
    let chapters = source.join("chapters");
    fs::create_dir_all(&chapters).unwrap();
    fs::write(
        source.join("handbook.yaml"),
        "title: Components\norganisation: Test\nlanguage: en-GB\n",
    )
    .unwrap();
    // Examples link to this chapter to show links between chapters.
    fs::write(
        chapters.join("01-introduction.md"),
        "---\ntitle: Introduction\n---\n\n## Getting started\n\nText.\n",
    )
    .unwrap();
    for (index, example) in examples.iter().enumerate() {
        let chapter = format!(
            "---\ntitle: \"Example from line {}: {}\"\n---\n\n## The example\n\n{}",
            example.line, example.component, example.markdown
        );
        let file = chapters.join(format!("{:02}-example-{}.md", index + 10, example.line));
        fs::write(file, chapter).unwrap();
    }
    let out = dir.path().join("out");
    let output = Command::cargo_bin("handbook")
        .unwrap()
        .arg("build")
        .arg("--source")
        .arg(&source)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the examples in docs/components.md do not build (chapter NN-example-L.md is the example at line L):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for example in &examples {
        let page = out.join(format!("example-{}/index.html", example.line));
        let html = fs::read_to_string(&page).unwrap();
        assert!(
            !html.contains(&format!("language-{}", example.component)),
            "the example at docs/components.md:{} was not drawn as a `{}` component",
            example.line,
            example.component
        );
    }
}
