//! Test support for components: renders a chapter holding a component the
//! way a build does, and checks that every SVG in the result is XML.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use super::Components;
use crate::diagnostics::Diagnostic;
use crate::load::Chapter;
use crate::load::front_matter::FrontMatter;
use crate::parse::{Book, Mode, Rendered, render_chapter};
use crate::theme::Theme;

/// The file the test chapter pretends to be.
pub const FILE: &str = "chapters/02-test.md";

/// The front matter before the body: three lines, so the body's first line is line 4.
const FRONT: &str = "---\ntitle: Test chapter\n---\n";

fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| match Theme::default_only() {
        Ok(theme) => theme,
        Err(problems) => panic!("the default theme does not load: {problems:?}"),
    })
}

/// Renders a chapter whose Markdown body is `body`, for `mode`.
pub fn render(body: &str, mode: Mode) -> Rendered {
    with_chapter(None, body, |chapter, book| {
        render_chapter(chapter, book, mode)
    })
}

/// The HTML of `body` on its own page; panics on any problem.
pub fn html(body: &str) -> String {
    checked_html(None, body)
}

/// The HTML of `body` translated into `language` (a handbook written in
/// British English); panics on any problem.
pub fn html_in(language: &str, body: &str) -> String {
    checked_html(Some(language), body)
}

/// The HTML of `body` on its own page, in `language` or the handbook's own;
/// panics on any problem, or on an SVG that is not XML.
fn checked_html(language: Option<&str>, body: &str) -> String {
    let rendered = with_chapter(language, body, |chapter, book| {
        render_chapter(chapter, book, Mode::Site)
    });
    assert!(
        rendered.problems.is_empty(),
        "unexpected problems: {:#?}",
        rendered.problems
    );
    assert_svgs_are_xml(&rendered.html);
    rendered.html
}

/// Calls `render` with a chapter whose Markdown body is `body`, in a book
/// with the default theme written in British English: its own chapter
/// (`language` is `None`), or a translation into `language`.
pub fn with_chapter<R>(
    language: Option<&str>,
    body: &str,
    render: impl FnOnce(&Chapter, &Book<'_>) -> R,
) -> R {
    let text = format!("{FRONT}{body}");
    let chapter = Chapter {
        display_path: PathBuf::from(FILE),
        file_name: "02-test.md".into(),
        slug: "test".into(),
        order: 2,
        front: FrontMatter {
            title: "Test chapter".into(),
            print: true,
            ..FrontMatter::default()
        },
        body_start: FRONT.len(),
        text,
        language: language.map(str::to_string),
    };
    let assets = HashMap::new();
    let book = Book {
        slugs: HashMap::from([("02-test.md", "test"), ("01-other.md", "other")]),
        excluded: HashMap::new(),
        assets: &assets,
        allow_html: false,
        blocks: &Components::new(theme(), language.unwrap_or("en-GB"), "en-GB"),
    };
    render(&chapter, &book)
}

/// The one problem `body` causes.
pub fn problem(body: &str) -> Diagnostic {
    let rendered = render(body, Mode::Site);
    let problems: Vec<&Diagnostic> = rendered.problems.iter().collect();
    assert_eq!(problems.len(), 1, "expected one problem: {problems:#?}");
    problems[0].clone()
}

/// Every `<svg>...</svg>` in `html` parses as XML (a browser would forgive
/// what an SVG file, a PDF tool or an XML toolchain would not).
pub fn assert_svgs_are_xml(html: &str) {
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..]
            .find("</svg>")
            .map(|i| start + i + "</svg>".len())
            .unwrap_or_else(|| panic!("an <svg> is never closed"));
        let svg = &rest[start..end];
        // Inline SVG inherits its namespace from HTML; a standalone document needs it spelled out.
        let standalone = if svg.contains("xmlns=") {
            svg.to_string()
        } else {
            svg.replacen("<svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"", 1)
        };
        if let Err(error) = roxmltree::Document::parse(&standalone) {
            panic!("an SVG is not well-formed XML: {error}\n{svg}");
        }
        rest = &rest[end..];
    }
}

/// The line of the chapter file on which `needle` first appears in `body`.
pub fn line_of(body: &str, needle: &str) -> usize {
    let text = format!("{FRONT}{body}");
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is not in the chapter"));
    text[..at].matches('\n').count() + 1
}

/// The chapter Markdown for the component `name` with `yaml` as its data.
pub fn block(name: &str, yaml: &str) -> String {
    format!("```{name}\n{yaml}```\n")
}

/// The one problem of the component `name` with `yaml`, checked to be on the
/// chapter's line holding `needle`, to say `words`, and to give a hint.
pub fn problem_at(name: &str, yaml: &str, needle: &str, words: &str) -> Diagnostic {
    let body = block(name, yaml);
    let found = problem(&body);
    assert_eq!(found.file, PathBuf::from(FILE), "{found:?}");
    assert_eq!(found.line, Some(line_of(&body, needle)), "{found:?}");
    assert!(found.message.contains(words), "{found:?}");
    assert!(found.hint.is_some(), "a hint is given: {found:?}");
    found
}
