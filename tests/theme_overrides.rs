//! A fork's theme holds only what it changes: a whole template, one block of
//! a default template, or CSS added after the default; its mistakes are
//! reported at the template's file and line.

mod common;

use common::*;
use handbook::{BuildOptions, Error};

#[test]
fn a_fork_template_replaces_the_default_one_of_the_same_name() {
    let scaffold = forked(&[(
        "templates/404.html",
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><title>Lost | {{ site.title }}</title></head><body><p>Acme has lost this page.</p></body></html>\n",
    )]);
    let site = build(&scaffold.source, &BuildOptions::default());
    let page = read_page(&text_of(&site, "404.html"));
    assert!(
        page.text.contains("Acme has lost this page."),
        "{}",
        page.text
    );
    assert!(
        page.text.contains("Lost | Acme Care handbook"),
        "{}",
        page.text
    );
    assert!(!page.text.contains("Page not found"), "{}", page.text);
}

#[test]
fn a_fork_template_can_extend_the_default_and_replace_one_block() {
    let scaffold = forked(&[(
        "templates/chapter.html",
        "{% extends \"default/chapter.html\" %}\n{% block footer %}<footer class=\"acme-footer\"><p>Acme Care, since 1901.</p></footer>\n{% endblock footer %}\n",
    )]);
    let site = build(&scaffold.source, &BuildOptions::default());
    let chapter = read_page(&text_of(&site, "welcome/index.html"));
    assert_eq!(chapter.find("footer", "class", "acme-footer").len(), 1);
    assert!(chapter.find("footer", "class", "site-footer").is_empty());
    // the rest of the default chapter page is still there
    assert!(
        chapter.text.contains("Who this handbook is for"),
        "{}",
        chapter.text
    );
    assert_eq!(chapter.find("a", "class", "skip-link").len(), 1);
    // pages drawn by other templates keep the default footer
    let home = read_page(&text_of(&site, "index.html"));
    assert_eq!(home.find("footer", "class", "site-footer").len(), 1);
    assert!(home.find("footer", "class", "acme-footer").is_empty());
}

#[test]
fn fork_css_is_linked_after_the_default_stylesheets_on_every_page() {
    let scaffold = forked(&[(
        "static/brand.css",
        ".site-header { border-bottom: 4px solid var(--colour-accent); }\n",
    )]);
    let site = build(&scaffold.source, &BuildOptions::default());
    for (path, html) in pages(&site) {
        let page = read_page(&html);
        let sheets = page.screen_stylesheets();
        let brand = sheets
            .iter()
            .position(|href| href.contains("assets/brand."));
        let style = sheets
            .iter()
            .position(|href| href.contains("assets/style."));
        assert!(
            matches!((style, brand), (Some(style), Some(brand)) if brand > style && brand == sheets.len() - 1),
            "{path}: {sheets:?}"
        );
    }
}

fn problems_of(scaffold: &Scaffold) -> Vec<handbook::Diagnostic> {
    match handbook::build_site(&scaffold.source, &BuildOptions::default()) {
        Err(Error::Content(problems)) => problems.into_iter().collect(),
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("the build succeeded"),
    }
}

#[test]
fn a_syntax_error_in_a_fork_template_names_the_file_and_line() {
    let scaffold = forked(&[(
        "templates/chapter.html",
        "{% extends \"default/chapter.html\" %}\n\n{% block footer %}\n<footer>{{ site.title </footer>\n{% endblock footer %}\n",
    )]);
    let problems = problems_of(&scaffold);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let problem = &problems[0];
    assert_eq!(
        problem.file,
        std::path::Path::new("acme/themes/my-brand/templates/chapter.html")
    );
    assert_eq!(problem.line, Some(4), "{problem}");
    assert!(problem.message.starts_with("template error"), "{problem}");
}

#[test]
fn an_unknown_filter_in_a_fork_template_names_the_file_and_line() {
    let scaffold = forked(&[(
        "templates/chapter.html",
        "{% extends \"default/chapter.html\" %}\n{% block footer %}\n<footer>\n<p>{{ site.title | shout }}</p>\n</footer>\n{% endblock footer %}\n",
    )]);
    let problems = problems_of(&scaffold);
    let problem = problems
        .iter()
        .find(|p| p.message.contains("shout"))
        .unwrap_or_else(|| panic!("{problems:?}"));
    assert_eq!(
        problem.file,
        std::path::Path::new("acme/themes/my-brand/templates/chapter.html")
    );
    assert_eq!(problem.line, Some(4), "{problem}");
    assert!(
        problem.hint.as_deref().unwrap_or("").contains("filter"),
        "{problem}"
    );
}

#[test]
fn a_fork_base_template_changes_a_block_on_every_page_keeping_the_default_with_super() {
    let scaffold = forked(&[(
        "templates/base.html",
        "{% extends \"default/base.html\" %}\n{% block footer %}<p class=\"acme-notice\">Acme staff only.</p>\n{{ super() }}{% endblock footer %}\n",
    )]);
    let site = build(&scaffold.source, &BuildOptions::default());
    for path in [
        "index.html",
        "welcome/index.html",
        "accessibility/index.html",
    ] {
        let page = read_page(&text_of(&site, path));
        assert_eq!(page.find("p", "class", "acme-notice").len(), 1, "{path}");
        assert_eq!(
            page.find("footer", "class", "site-footer").len(),
            1,
            "{path}"
        );
    }
}

#[test]
fn a_block_the_default_templates_do_not_have_is_named_at_its_line() {
    let scaffold = forked(&[(
        "templates/chapter.html",
        "{% extends \"default/chapter.html\" %}\n{% block sidebar %}<p>Hello</p>{% endblock sidebar %}\n",
    )]);
    let problems = problems_of(&scaffold);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].file,
        std::path::Path::new("acme/themes/my-brand/templates/chapter.html")
    );
    assert_eq!(problems[0].line, Some(2), "{}", problems[0]);
    assert!(problems[0].message.contains("sidebar"), "{}", problems[0]);
}

/// A replaced component stylesheet is the whole of that component's look:
/// no general element rule of `style.css` (a selector naming no class)
/// draws a border, background or colour on an element that a component
/// template draws with a class of its own, so nothing of the default shows
/// through a fork's `components/NAME.css`. Rules for Markdown's own elements
/// say so with `:not([class])`. Links are left out: a link in a component is
/// still a link, in the site's link colours and focus style.
#[test]
fn general_rules_never_draw_on_a_component_s_own_elements() {
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let mut drawn = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(theme.join("templates/components")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for tag in text.split('<').skip(1) {
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let open = tag.split('>').next().unwrap_or("");
            if !name.is_empty() && open.contains(" class=") && name != "a" {
                drawn.insert(name);
            }
        }
    }
    assert!(drawn.contains("blockquote"), "{drawn:?}");

    let css = std::fs::read_to_string(theme.join("static/style.css")).unwrap();
    let mut offenders = Vec::new();
    for (selectors, declarations) in css_rules(&css) {
        let draws = declarations.split(';').any(|d| {
            let property = d.split(':').next().unwrap_or("").trim();
            ["border", "background", "color", "box-shadow"]
                .iter()
                .any(|p| property.starts_with(p))
        });
        if !draws {
            continue;
        }
        for selector in top_level_split(&selectors, ',') {
            if selector.contains('.') || selector.contains('#') {
                continue; // scoped to a class of the page's own furniture
            }
            let compound = last_compound(&selector);
            let element: String = compound
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if drawn.contains(&element) && !compound.contains(":not([class])") {
                offenders.push(selector.trim().to_string());
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "general rules that would show through a fork's component stylesheet: {offenders:?}"
    );
}

/// `(selectors, declarations)` of every rule, comments removed; at-rules'
/// own blocks are looked into.
fn css_rules(css: &str) -> Vec<(String, String)> {
    let mut text = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .split_once("*/")
            .map_or("", |(_, after)| after);
    }
    text.push_str(rest);
    let mut rules = Vec::new();
    let mut prelude = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '{' if prelude.trim_start().starts_with('@') => prelude.clear(),
            '{' => {
                let body: String = chars.by_ref().take_while(|&c| c != '}').collect();
                rules.push((std::mem::take(&mut prelude), body));
            }
            '}' => prelude.clear(),
            _ => prelude.push(c),
        }
    }
    rules
}

/// `text` split at `separator` outside brackets.
fn top_level_split(text: &str, separator: char) -> Vec<String> {
    let (mut parts, mut current, mut depth) = (Vec::new(), String::new(), 0);
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
        if c == separator && depth == 0 {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    parts
}

/// The part of a selector naming the element the rule applies to.
fn last_compound(selector: &str) -> String {
    let selector = selector.trim();
    let (mut depth, mut start) = (0, 0);
    for (at, c) in selector.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ' ' | '>' | '+' | '~' if depth == 0 => start = at + 1,
            _ => {}
        }
    }
    selector[start..].to_string()
}
