//! What each fuzz target checks, on the bytes it is given, through the
//! library's public types. The targets only hand their input over, so
//! `tests/fuzz_seeds.rs` runs every seed through the same checks with
//! `cargo test`, and a change of the library's types breaks the build of
//! the tests, not only of the fuzzers nobody builds daily.
#![allow(dead_code)] // each target uses its own check

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use handbook::components::Components;
use handbook::finish::minify::minify_part;
use handbook::html::tokens::{Token, tokens};
use handbook::load::{Chapter, FrontMatter, front_matter};
use handbook::parse::{Book, Mode, render_chapter};
use handbook::theme::Theme;

/// A whole chapter file (front matter and Markdown with components) when the
/// first byte's bit 2 is set, else a body under a fixed front matter; raw
/// HTML allowed when its bit 1 is set.
pub fn chapter(data: &[u8]) {
    if let Some((&flags, rest)) = data.split_first()
        && let Ok(text) = std::str::from_utf8(rest)
    {
        let allow_html = flags & 1 == 1;
        if flags & 2 == 2 {
            render_file(text, allow_html);
        } else {
            render_body(text, allow_html);
        }
    }
}

/// Each component's YAML: the first byte picks the component, the rest is
/// the body of its fenced block.
pub fn component_yaml(data: &[u8]) {
    let names = handbook::components::names();
    if let Some((&pick, rest)) = data.split_first()
        && let Ok(yaml) = std::str::from_utf8(rest)
        && !names.is_empty()
    {
        let name = names[usize::from(pick) % names.len()];
        // keep the YAML inside the fence, as an author's block would be
        if yaml
            .lines()
            .any(|line| line.trim_start().starts_with("```"))
        {
            return;
        }
        render_body(
            &format!("## Section\n\n```{name}\n{yaml}\n```\n"),
            pick & 128 == 128,
        );
    }
}

/// Front matter splitting and parsing, on any file an editor could save.
pub fn front_matter(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        match front_matter::parse(Path::new("c.md"), text) {
            Ok(parsed) => {
                // the body must start on a character boundary inside the file
                let _ = &text[parsed.body_start..];
            }
            Err(problem) => {
                let _ = problem.to_string();
            }
        }
    }
}

/// The HTML reader and the minifier, on any text a page could hold (raw
/// HTML an editor allowed, a theme's template): the reader gives every byte
/// back and minifying never panics; and where every `<` starts a tag, as in
/// the HTML we write, minifying again changes nothing. (A bare `<` in text,
/// which HTML escapes, may meet the text after a removed comment and form a
/// tag the second time.)
pub fn minify(data: &[u8]) {
    if let Ok(html) = std::str::from_utf8(data) {
        let again: String = tokens(html)
            .map(|token| token.source().to_string())
            .collect();
        assert_eq!(again, html);
        let once = minify_part(html);
        let bare_less_than =
            tokens(html).any(|token| matches!(token, Token::Text(text) if text.contains('<')));
        if !bare_less_than {
            assert_eq!(minify_part(&once), once, "minifying again changed {html:?}");
        }
    }
}

fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| Theme::default_only().expect("the default theme loads"))
}

/// Renders `text` (a whole chapter file) for the site and the print page.
/// Front matter problems stop it, as in a build.
fn render_file(text: &str, allow_html: bool) {
    let path = Path::new("chapters/01-fuzz.md");
    let Ok(parsed) = front_matter::parse(path, text) else {
        return;
    };
    render(
        text.to_string(),
        parsed.front,
        parsed.body_start,
        allow_html,
    );
}

/// Renders `body` under a fixed front matter.
fn render_body(body: &str, allow_html: bool) {
    let header = "---\ntitle: Fuzz\n---\n";
    let front = FrontMatter {
        title: "Fuzz".into(),
        print: true,
        ..FrontMatter::default()
    };
    render(format!("{header}{body}"), front, header.len(), allow_html);
}

fn render(text: String, front: FrontMatter, body_start: usize, allow_html: bool) {
    let chapter = Chapter {
        display_path: PathBuf::from("chapters/01-fuzz.md"),
        file_name: "01-fuzz.md".into(),
        slug: "fuzz".into(),
        order: 1,
        front,
        text,
        body_start,
        language: None,
    };
    let assets = HashMap::from([("logo.svg".to_string(), "assets/logo.0123.svg".to_string())]);
    let book = Book {
        slugs: HashMap::from([("01-fuzz.md", "fuzz"), ("02-other.md", "other")]),
        excluded: HashMap::new(),
        assets: &assets,
        allow_html,
        blocks: &Components::new(theme(), "en-GB", "en-GB"),
    };
    for mode in [Mode::Site, Mode::Print] {
        let rendered = render_chapter(&chapter, &book, mode);
        // every problem must be printable (line and column inside the file)
        for problem in rendered.problems.iter() {
            let _ = problem.to_string();
        }
    }
}
