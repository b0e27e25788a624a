//! The default theme's stylesheets use logical sides (`margin-inline-start`,
//! `text-align: end`, `inset-inline-end`), so a right-to-left edition is laid
//! out mirrored by the same rules. A physical left or right (a `-left` or
//! `-right` property, `left:`, `float: right`, `text-align: left`, a
//! four-value `margin` or `padding` whose sides differ) fails here with its
//! file and line, unless a comment starting `physical:` on the line above (or
//! the same line) says why it is needed.

use std::path::{Path, PathBuf};

/// Properties whose four-value form sets the left and right sides apart.
const FOUR_SIDED: &[&str] = &[
    "margin",
    "padding",
    "border-width",
    "border-style",
    "border-color",
    "inset",
    "scroll-margin",
    "scroll-padding",
];

/// Properties whose `left` or `right` keyword is a physical side.
const SIDE_KEYWORDS: &[&str] = &[
    "text-align",
    "text-align-last",
    "float",
    "clear",
    "background-position",
    "background-position-x",
    "transform-origin",
    "object-position",
    "justify-content",
    "justify-items",
    "justify-self",
];

/// A declaration that names a physical side: its line and text.
#[derive(Debug, PartialEq)]
struct Physical {
    line: usize,
    declaration: String,
}

/// The declarations of `css` that name a physical left or right without a
/// `physical:` comment saying why.
fn physical_sides(css: &str) -> Vec<Physical> {
    let (code, explained) = without_comments(css);
    let mut found = Vec::new();
    let mut start = 0;
    for (at, c) in code.char_indices() {
        if !matches!(c, '{' | '}' | ';') {
            continue;
        }
        let segment = &code[start..at];
        let segment_start = start;
        start = at + c.len_utf8();
        // what comes before `{` is a selector or an at-rule's prelude
        if c == '{' {
            continue;
        }
        let Some((property, value)) = segment.split_once(':') else {
            continue;
        };
        let property = property.trim().to_ascii_lowercase();
        if property.is_empty() || property.starts_with("--") || property.starts_with('@') {
            continue;
        }
        let offset = segment_start + (segment.len() - segment.trim_start().len());
        let line = code[..offset].matches('\n').count() + 1;
        if is_physical(&property, value) && !explained.contains(&line) {
            found.push(Physical {
                line,
                declaration: format!("{property}: {}", value.trim()),
            });
        }
    }
    found
}

/// Whether `property: value` sets a physical left or right.
fn is_physical(property: &str, value: &str) -> bool {
    let value = value.trim().trim_end_matches("!important").trim();
    let words = tokens(value);
    let names_a_side = |word: &&str| {
        let word = word.to_ascii_lowercase();
        word == "left" || word == "right"
    };
    if property
        .split('-')
        .any(|part| part == "left" || part == "right")
    {
        return true;
    }
    if SIDE_KEYWORDS.contains(&property) {
        return words.iter().any(names_a_side);
    }
    if FOUR_SIDED.contains(&property) {
        return words.len() == 4 && words[1] != words[3];
    }
    if property == "border-radius" {
        // the horizontal radii, before any `/`: top-left, top-right, bottom-right, bottom-left
        let corners = tokens(value.split('/').next().unwrap_or(""));
        return match corners.as_slice() {
            [a, b] => a != b,
            [a, _, c] => a != c,
            [a, b, c, d] => a != b || c != d,
            _ => false,
        };
    }
    false
}

/// A value's words, split at spaces outside brackets: `calc(1rem + 2px) 0`
/// is two words.
fn tokens(value: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut depth = 0usize;
    let mut start = None;
    for (at, c) in value.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c.is_whitespace() && depth == 0 {
            if let Some(from) = start.take() {
                words.push(&value[from..at]);
            }
        } else if start.is_none() {
            start = Some(at);
        }
    }
    if let Some(from) = start {
        words.push(&value[from..]);
    }
    words
}

/// `css` with its comments blanked out (lines kept where they were), and the
/// lines a `physical:` comment explains: its own last line and the next.
fn without_comments(css: &str) -> (String, Vec<usize>) {
    let mut code = String::with_capacity(css.len());
    let mut explained = Vec::new();
    let mut rest = css;
    while let Some(open) = rest.find("/*") {
        code.push_str(&rest[..open]);
        let close = rest[open + 2..]
            .find("*/")
            .map_or(rest.len(), |at| open + 2 + at + 2);
        let comment = &rest[open..close];
        if comment
            .trim_start_matches("/*")
            .trim_start()
            .starts_with("physical:")
        {
            let line = code.matches('\n').count() + comment.matches('\n').count() + 1;
            explained.extend([line, line + 1]);
        }
        code.extend(comment.chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
        rest = &rest[close..];
    }
    code.push_str(rest);
    (code, explained)
}

fn stylesheets(folder: &Path, found: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            stylesheets(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "css") {
            found.push(path);
        }
    }
}

#[test]
fn the_default_themes_stylesheets_use_logical_sides() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sheets = Vec::new();
    stylesheets(&root.join("themes/default/static"), &mut sheets);
    sheets.sort();
    assert!(sheets.len() > 10, "only {} stylesheets found", sheets.len());
    let mut problems = Vec::new();
    for sheet in &sheets {
        let css = std::fs::read_to_string(sheet).unwrap();
        let name = sheet.strip_prefix(root).unwrap().display();
        for physical in physical_sides(&css) {
            problems.push(format!(
                "{name}:{}: `{}`",
                physical.line, physical.declaration
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "physical left or right sides in the theme's CSS; use the logical ones \
         (margin-inline-start, padding-inline, inset-inline-end, text-align: start…), \
         or say why the physical side is needed in a `/* physical: … */` comment on the line above:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn physical_sides_are_found_at_their_line() {
    let css = "a:hover,\n.x { margin-left: 1rem; color: red }\n\
               .y {\n  padding: 0 1rem 0 2rem;\n  padding: 0 1rem;\n  text-align: right;\n  text-align: end;\n}\n\
               .z { left: 0; inset-inline-start: 0; border-top-left-radius: 2px; border-radius: 4px 0 0 4px; }\n\
               @page { @top-left { content: 'x'; } }\n\
               .w { float: left !important; margin: 1px 2px 3px; --gap-left: 1px; }\n";
    let found: Vec<(usize, String)> = physical_sides(css)
        .into_iter()
        .map(|p| (p.line, p.declaration))
        .collect();
    assert_eq!(
        found,
        [
            (2, "margin-left: 1rem".to_string()),
            (4, "padding: 0 1rem 0 2rem".to_string()),
            (6, "text-align: right".to_string()),
            (9, "left: 0".to_string()),
            (9, "border-top-left-radius: 2px".to_string()),
            (9, "border-radius: 4px 0 0 4px".to_string()),
            (11, "float: left !important".to_string()),
        ]
    );
}

#[test]
fn a_physical_comment_explains_the_line_below_or_its_own() {
    let css = "/* physical: the screen's own notch */\n.a { padding-left: env(safe-area-inset-left); }\n\
               .b { padding-right: 0; /* physical: same line */ }\n\
               /* a comment that says nothing of it */\n.c { right: 0; }\n";
    let found: Vec<usize> = physical_sides(css).into_iter().map(|p| p.line).collect();
    assert_eq!(found, [5]);
}
