//! The bundled Trauma Informed Derbyshire handbook: it builds cleanly, every
//! section of the source is there on its page and on the single page, and no
//! text-extraction damage is left.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;

/// The source's sections: (chapter slug, heading), in the source's order.
/// Chapter titles are the pages' `h1`; the rest are headings inside them,
/// written in Markdown or drawn by a component.
const SECTIONS: &[(&str, &str)] = &[
    ("welcome", "There's a movement happening in Derbyshire"),
    ("welcome", "Foreword"),
    ("welcome", "About this handbook"),
    ("introduction", "Introduction"),
    ("the-movement", "The Movement"),
    ("the-movement", "Our Guiding Framework"),
    (
        "the-movement",
        "Understanding and supporting trauma recovery is everybody's business",
    ),
    (
        "why-it-matters",
        "Why trauma-informed approaches really matter",
    ),
    ("why-it-matters", "What is trauma?"),
    ("why-it-matters", "How does trauma affect the brain?"),
    ("why-it-matters", "How does trauma affect behaviour?"),
    ("why-it-matters", "Types of trauma and their impact"),
    ("why-it-matters", "What are trauma-informed approaches?"),
    ("our-story-of-change", "Our Story of Change so far"),
    ("our-story-of-change", "Empowering our communities"),
    ("our-story-of-change", "Empowering our workforce"),
    ("our-story-of-change", "Empowering our system"),
    ("our-vision", "Our Vision"),
    ("outcomes-and-metrics", "Outcomes and metrics"),
    (
        "outcomes-and-metrics",
        "Organisation and System level outcomes",
    ),
    ("outcomes-and-metrics", "Person level outcomes"),
    ("outcomes-and-metrics", "Workforce level outcomes"),
    ("our-principles", "Our Principles"),
    ("our-principles", "Relationships matter"),
    ("our-principles", "Behaviour is communication"),
    ("our-principles", "Safety and choice"),
    ("our-principles", "Empowering and strengths based"),
    ("our-principles", "Inclusive and universal"),
    ("share-best-practice", "Share best practice with us"),
    (
        "the-difference-we-want-to-see",
        "The difference we want to see",
    ),
    (
        "the-difference-we-want-to-see",
        "Ten pillars of a trauma-informed system",
    ),
    ("practical-actions", "The practical actions we can all take"),
    (
        "reflective-practice",
        "Developing trauma-informed approaches",
    ),
    ("next-steps", "Next steps"),
    ("next-steps", "So, what's next?"),
    ("next-steps", "Now it's time to act"),
    ("next-steps", "Join the movement!"),
    ("resources", "Books and articles"),
    ("resources", "Websites"),
    ("resources", "Videos"),
    ("resources", "Bibliography"),
    ("special-thanks", "Special thanks"),
    ("special-thanks", "Case Study Authors"),
    (
        "special-thanks",
        "Trauma Informed Derbyshire Steering Group",
    ),
    ("look-after-yourself", "Look after yourself"),
    ("look-after-yourself", "5-4-3-2-1 Grounding Technique"),
    ("look-after-yourself", "Box breathing"),
    ("look-after-yourself", "Mindful Walking"),
];

/// Words the PDF extraction joined; the handbook must spell them apart.
const JOINED_WORDS: &[&str] = &[
    "traumainformed",
    "strengthsbased",
    "crossagency",
    "systemwide",
    "personcentred",
    "rolemodelling",
    "wellbeingand",
];

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled handbook, built once for all tests with no flags but `--out`.
fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out =
            std::env::temp_dir().join(format!("handbook-content-test-{}", std::process::id()));
        let assert = Command::cargo_bin("handbook")
            .unwrap()
            .current_dir(repository())
            .args(["build", "--out"])
            .arg(&out)
            .assert()
            .success();
        let output = assert.get_output();
        assert!(
            output.stderr.is_empty(),
            "the bundled handbook builds without warnings:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        out
    })
}

/// The text of every heading element in `html`, tags stripped, entities for quotes decoded.
fn headings(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<h") {
        let after = &rest[start + 2..];
        let level = after.chars().next().unwrap_or(' ');
        if !('1'..='6').contains(&level) {
            rest = after;
            continue;
        }
        let Some(open_end) = after.find('>') else {
            break;
        };
        let close = format!("</h{level}>");
        let Some(close_at) = after.find(&close) else {
            break;
        };
        found.push(plain(&after[open_end + 1..close_at]));
        rest = &after[close_at..];
    }
    found
}

fn plain(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A heading matches when it reads the same, ignoring case and a leading
/// number that a component draws ("1 Relationships matter").
fn same_heading(found: &str, wanted: &str) -> bool {
    let unnumbered = match found.split_once(' ') {
        Some((number, rest)) if number.chars().all(|c| c.is_ascii_digit()) => rest,
        _ => found,
    };
    unnumbered
        .to_lowercase()
        .starts_with(&wanted.to_lowercase())
}

#[test]
fn every_source_section_is_a_heading_on_its_page() {
    let out = built();
    let mut missing = Vec::new();
    for (slug, heading) in SECTIONS {
        let html = std::fs::read_to_string(out.join(slug).join("index.html"))
            .unwrap_or_else(|e| panic!("{slug}: {e}"));
        if !headings(&html)
            .iter()
            .any(|found| same_heading(found, heading))
        {
            missing.push(format!("{slug}: {heading}"));
        }
    }
    assert!(
        missing.is_empty(),
        "sections missing from the site:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_source_section_is_a_heading_on_the_single_page_in_order() {
    let html = std::fs::read_to_string(built().join("print/index.html")).unwrap();
    let found = headings(&html);
    let mut position = 0;
    let mut missing = Vec::new();
    for (_, heading) in SECTIONS {
        match found[position..]
            .iter()
            .position(|f| same_heading(f, heading))
        {
            Some(offset) => position += offset,
            None => missing.push(*heading),
        }
    }
    assert!(
        missing.is_empty(),
        "sections missing or out of order on the single page:\n{}",
        missing.join("\n")
    );
}

#[test]
fn no_joined_word_damage_remains() {
    let mut damaged = Vec::new();
    let chapters = repository().join("handbook/chapters");
    for entry in std::fs::read_dir(&chapters).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap().to_lowercase();
        for word in JOINED_WORDS {
            if text.contains(word) {
                damaged.push(format!("{}: {word}", path.display()));
            }
        }
    }
    let single_page = std::fs::read_to_string(built().join("print/index.html"))
        .unwrap()
        .to_lowercase();
    for word in JOINED_WORDS {
        if single_page.contains(word) {
            damaged.push(format!("print/index.html: {word}"));
        }
    }
    assert!(
        damaged.is_empty(),
        "joined words left from the PDF extraction:\n{}",
        damaged.join("\n")
    );
}

#[test]
fn page_furniture_and_page_number_references_are_gone() {
    let html = std::fs::read_to_string(built().join("print/index.html")).unwrap();
    let text = plain(&html);
    for furniture in [
        "Introduction The Movement Why it matters",
        "Trauma Informed Derbyshire - Our story of change",
        "<u>Page",
    ] {
        assert!(
            !text.contains(furniture),
            "page furniture left: {furniture}"
        );
    }
    for (at, _) in text.match_indices("Page ") {
        let next = text[at + 5..].chars().next().unwrap_or(' ');
        assert!(
            !next.is_ascii_digit(),
            "a PDF page reference is left: …{}…",
            &text[at.saturating_sub(40)..(at + 20).min(text.len())]
        );
    }
}

#[test]
fn every_component_is_drawn_by_the_bundled_handbook() {
    let out = built();
    let mut pages = String::new();
    for entry in std::fs::read_dir(out).unwrap() {
        let page = entry.unwrap().path().join("index.html");
        if let Ok(html) = std::fs::read_to_string(page) {
            pages.push_str(&html);
        }
    }
    // Each component's template marks its root element with its name as a class
    // (read with a real tokenizer: pages are minified, values may be unquoted).
    let classes: Vec<String> = common::read_page(&pages)
        .elements
        .into_iter()
        .filter_map(|element| element.attributes.get("class").cloned())
        .collect();
    let missing: Vec<&str> = handbook::components::names()
        .into_iter()
        .filter(|name| {
            !classes
                .iter()
                .any(|class| class.split_whitespace().any(|token| token == *name))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "components the bundled handbook does not draw: {missing:?}"
    );
}

/// "On this page" lists every section of a chapter page, including those a
/// component draws (the five principles are the principles page's sections).
#[test]
fn on_this_page_lists_every_section_of_a_chapter_page() {
    let out = built();
    let mut checked = 0;
    for entry in std::fs::read_dir(out).unwrap() {
        let page = entry.unwrap().path().join("index.html");
        let Ok(html) = std::fs::read_to_string(&page) else {
            continue;
        };
        let Some(start) = html.find("class=on-this-page") else {
            continue;
        };
        let end = start + html[start..].find("</nav>").unwrap();
        let listed: Vec<String> = common::read_page(&html[start..end])
            .elements
            .iter()
            .filter_map(|element| element.attributes.get("href"))
            .map(|href| href.trim_start_matches('#').to_string())
            .collect();
        let sections: Vec<String> = common::read_page(&html[end..])
            .elements
            .iter()
            .filter(|element| element.name == "h2")
            .filter_map(|element| element.attributes.get("id").cloned())
            // the chapter's notes (footnotes) close the page; they are not a section of it
            .filter(|id| id != "notes")
            .collect();
        assert_eq!(listed, sections, "{}", page.display());
        checked += 1;
    }
    assert!(
        checked >= 10,
        "only {checked} pages have an \"On this page\""
    );
    let principles = std::fs::read_to_string(out.join("our-principles/index.html")).unwrap();
    assert!(
        principles.contains("<a href=#safety-and-choice>"),
        "{principles}"
    );
}
