//! Builds a chapter from arbitrary text and renders it the way a build does,
//! through the library's public types.
#![allow(dead_code)] // each target uses its own part

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use handbook::load::{Chapter, FrontMatter, front_matter};
use handbook::parse::{Book, Mode, render_chapter};
use handbook::render::templates::Theme;

fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| Theme::default_only().expect("the default theme loads"))
}

/// Renders `text` (a whole chapter file) for the site and the print page,
/// with `allow_html` either way. Front matter problems stop it, as in a build.
pub fn render_file(text: &str, allow_html: bool) {
    let path = Path::new("chapters/01-fuzz.md");
    let Ok(parsed) = front_matter::parse(path, text) else {
        return;
    };
    render(text.to_string(), parsed.front, parsed.body_start, allow_html);
}

/// Renders `body` under a fixed front matter.
pub fn render_body(body: &str, allow_html: bool) {
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
        assets: &assets,
        allow_html,
        theme: theme(),
    };
    for mode in [Mode::Site, Mode::Print] {
        let rendered = render_chapter(&chapter, &book, mode);
        // every problem must be printable (line and column inside the file)
        for problem in rendered.problems.iter() {
            let _ = problem.to_string();
        }
    }
}
