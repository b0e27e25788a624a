//! The book's documents as XHTML: the HTML our templates and renderer write,
//! read with [`crate::html::tokens`] and written again as XML (void elements
//! closed, every attribute quoted and given a value, character references
//! decoded and only XML's own written, inline SVG in its namespace, ids that
//! are XML names), with its links pointed inside the book.
//!
//! Before that, [`ebook_body`] takes from a chapter's print rendering what an
//! e-book cannot use: form controls (a reading system is not a form), the
//! switch that animates an exercise, and a worksheet's boxes and ruled
//! lines, whose instruction becomes a sentence saying there are none.

use std::collections::HashSet;

use crate::html::tokens::{self, Token};
use crate::html::{escape, unescape};

/// Elements that are empty in HTML and written `<name/>` in XHTML.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Form controls, scripts and what a reader could only operate: left out
/// with their content.
const CONTROLS: &[&str] = &[
    "input", "textarea", "select", "button", "script", "noscript",
];

/// Parts of the default theme's components that only work on screen or on
/// paper, by class: a worksheet's answer box with its ruled lines.
const LEFT_OUT_CLASSES: &[&str] = &["worksheet__answer-area"];

/// The worksheet's instruction to type or write in its boxes, by class:
/// replaced by the e-book's sentence.
const WORKSHEET_INSTRUCTION: &str = "worksheet__how";

/// Attributes whose value is one id or a list of ids.
const ID_REFERENCES: &[&str] = &[
    "for",
    "headers",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
    "aria-details",
];

/// A chapter's print rendering made fit for its own e-book document:
/// controls and the parts listed above left out, the worksheet's
/// instruction replaced by `worksheet_note` (HTML), and headings one level
/// up (the chapter's title is the document's `<h1>`, where the print page
/// has an `<h2>`). Still HTML.
pub fn ebook_body(print_html: &str, worksheet_note: &str) -> String {
    // ids of the controls to leave out, whose labels go with them, except
    // a text box's label: the question it asks
    let mut switches: HashSet<String> = HashSet::new();
    for token in tokens::tokens(print_html) {
        if let Token::Start {
            name, attributes, ..
        } = token
            && CONTROLS.contains(&name)
            && name != "textarea"
            && let Some(id) = tokens::attribute(attributes, "id")
        {
            switches.insert(unescape(id));
        }
    }
    let mut out = String::with_capacity(print_html.len());
    // the element being left out (or replaced), and how deep it nests in itself
    let mut skipping: Option<(&str, usize)> = None;
    // labels whose tags are dropped, their content kept
    let mut unwrapped_labels = 0usize;
    for token in tokens::tokens(print_html) {
        if let Some((skipped, depth)) = &mut skipping {
            match token {
                Token::Start { name, source, .. }
                    if name.eq_ignore_ascii_case(skipped)
                        && !source.ends_with("/>")
                        && !VOID.contains(&name) =>
                {
                    *depth += 1
                }
                Token::End { name, .. } if name.eq_ignore_ascii_case(skipped) => {
                    *depth -= 1;
                    if *depth == 0 {
                        skipping = None;
                    }
                }
                _ => {}
            }
            continue;
        }
        match token {
            Token::Start {
                name, attributes, ..
            } => {
                let classes = tokens::attribute(attributes, "class").unwrap_or("");
                let has_class =
                    |wanted: &str| classes.split_ascii_whitespace().any(|c| c == wanted);
                let is_switch_label = name == "label"
                    && tokens::attribute(attributes, "for")
                        .is_some_and(|id| switches.contains(&unescape(id)));
                if CONTROLS.contains(&name)
                    || is_switch_label
                    || LEFT_OUT_CLASSES.iter().any(|class| has_class(class))
                {
                    if !VOID.contains(&name) {
                        skipping = Some((name, 1));
                    }
                    continue;
                }
                if has_class(WORKSHEET_INSTRUCTION) {
                    out.push_str(token.source());
                    out.push_str(worksheet_note);
                    out.push_str(&format!("</{name}>"));
                    skipping = Some((name, 1));
                    continue;
                }
                if name == "label" {
                    unwrapped_labels += 1;
                    continue;
                }
                match shifted_heading(name) {
                    Some(heading) => {
                        out.push('<');
                        out.push_str(&heading);
                        out.push_str(&token.source()[1 + name.len()..]);
                    }
                    None => out.push_str(token.source()),
                }
            }
            Token::End { name, .. } if name == "label" && unwrapped_labels > 0 => {
                unwrapped_labels -= 1;
            }
            Token::End { name, .. } => match shifted_heading(name) {
                Some(heading) => out.push_str(&format!("</{heading}>")),
                None => out.push_str(token.source()),
            },
            _ => out.push_str(token.source()),
        }
    }
    out
}

/// `h3` → `h2` … `h6` → `h5`; `None` for anything else.
fn shifted_heading(name: &str) -> Option<String> {
    let level = name.strip_prefix(['h', 'H'])?.parse::<u8>().ok()?;
    (3..=6).contains(&level).then(|| format!("h{}", level - 1))
}

/// Where a link of a document goes in the book.
pub enum LinkTarget {
    /// Write this `href`.
    To(String),
    /// No place in the book: the link's text stays, without the link.
    Nowhere,
}

/// `html` (a whole document) as XHTML. `link` says where each `<a href>`
/// goes; `<img src>` and other attributes are written as they are.
pub fn to_xhtml(html: &str, link: &dyn Fn(&str) -> LinkTarget) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    // for each open `<a>`: whether its tags were dropped
    let mut anchors: Vec<bool> = Vec::new();
    for token in tokens::tokens(html) {
        match token {
            Token::Text(text) | Token::RawText(text) => write_text(text, &mut out),
            Token::Comment(_) => {}
            Token::Declaration(declaration) => out.push_str(declaration),
            Token::Start {
                name,
                attributes,
                source,
            } => {
                let mut href = None;
                if name == "a"
                    && let Some(value) = tokens::attribute(attributes, "href")
                {
                    match link(&unescape(value)) {
                        LinkTarget::To(target) => href = Some(target),
                        LinkTarget::Nowhere => {
                            anchors.push(true);
                            continue;
                        }
                    }
                }
                if name == "a" {
                    anchors.push(false);
                }
                write_start(name, attributes, href.as_deref(), &mut out);
                if VOID.contains(&name) || source.ends_with("/>") {
                    out.push_str("/>");
                } else {
                    out.push('>');
                }
            }
            Token::End { name, .. } => {
                if VOID.contains(&name) {
                    continue;
                }
                if name == "a" && anchors.pop() == Some(true) {
                    continue;
                }
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
        }
    }
    out
}

/// `<name attributes` as XML (without the closing `>`), with `href`
/// replacing the one written.
fn write_start(name: &str, attributes: &str, href: Option<&str>, out: &mut String) {
    out.push('<');
    out.push_str(name);
    let mut has_namespace = false;
    for (attribute, value) in tokens::attributes(attributes) {
        let value = match (attribute, href) {
            ("href", Some(href)) => href.to_string(),
            _ => value.map_or_else(|| attribute.to_string(), unescape),
        };
        let value = if attribute == "id" {
            xml_id(&value)
        } else if ID_REFERENCES.contains(&attribute) {
            value
                .split_ascii_whitespace()
                .map(xml_id)
                .collect::<Vec<_>>()
                .join(" ")
        } else if (attribute == "href" || attribute == "xlink:href") && value.starts_with('#') {
            format!("#{}", xml_id(&value[1..]))
        } else if attribute == "href" {
            match value.split_once('#') {
                Some((document, id)) if !document.contains(':') => {
                    format!("{document}#{}", xml_id(id))
                }
                _ => value,
            }
        } else {
            value
        };
        has_namespace |= attribute == "xmlns";
        out.push(' ');
        out.push_str(attribute);
        out.push_str("=\"");
        out.push_str(&escape(&value));
        out.push('"');
    }
    if name == "svg" && !has_namespace {
        out.push_str(" xmlns=\"http://www.w3.org/2000/svg\"");
    }
}

/// Text with its character references read, written with only the ones XML
/// knows.
fn write_text(text: &str, out: &mut String) {
    if !text.contains(['&', '<', '>']) {
        out.push_str(text);
        return;
    }
    let text = unescape(text);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// `id` as an XML name: HTML allows an id to start with a digit or a
/// hyphen (a chapter named `2026-review`), XML does not, so such an id
/// (and every reference to it) gets a leading `_`.
pub fn xml_id(id: &str) -> String {
    match id.chars().next() {
        Some(c) if c.is_alphabetic() || c == '_' => id.to_string(),
        _ => format!("_{id}"),
    }
}

/// Every id in `html`, as [`xml_id`] writes it.
pub fn ids(html: &str) -> impl Iterator<Item = String> + '_ {
    tokens::tokens(html).filter_map(|token| match token {
        Token::Start { attributes, .. } => {
            tokens::attribute(attributes, "id").map(|id| xml_id(&unescape(id)))
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(href: &str) -> LinkTarget {
        LinkTarget::To(href.to_string())
    }

    #[test]
    fn void_elements_close_and_attributes_get_quoted_values() {
        let html = r#"<p class=lead>A<br>B <img src="a.png" alt=""><input hidden></p>"#;
        assert_eq!(
            to_xhtml(html, &same),
            r#"<p class="lead">A<br/>B <img src="a.png" alt=""/><input hidden="hidden"/></p>"#
        );
    }

    #[test]
    fn character_references_become_characters_or_xml_ones() {
        let html =
            "<p title=\"&quot;x&quot; &#39;y&#x27;\">Tea&nbsp;&amp;&nbsp;cake &lt;3 &#8217;</p>";
        assert_eq!(
            to_xhtml(html, &same),
            "<p title=\"&quot;x&quot; &#39;y&#39;\">Tea\u{a0}&amp;\u{a0}cake &lt;3 \u{2019}</p>"
        );
    }

    #[test]
    fn inline_svg_gets_its_namespace_and_keeps_its_case() {
        let html =
            r##"<svg viewBox="0 0 1 1"><textPath href="#p">x</textPath><line x1="0"/></svg>"##;
        assert_eq!(
            to_xhtml(html, &same),
            r##"<svg viewBox="0 0 1 1" xmlns="http://www.w3.org/2000/svg"><textPath href="#p">x</textPath><line x1="0"/></svg>"##
        );
    }

    #[test]
    fn links_go_where_the_book_says_and_nowhere_keeps_the_text() {
        let html = r##"<p><a href="#a--b">in</a> <a href="../assets/f.pdf">file</a></p>"##;
        let link = |href: &str| match href {
            "#a--b" => LinkTarget::To("a.xhtml#a--b".into()),
            _ => LinkTarget::Nowhere,
        };
        assert_eq!(
            to_xhtml(html, &link),
            r##"<p><a href="a.xhtml#a--b">in</a> file</p>"##
        );
    }

    #[test]
    fn ids_and_references_to_them_become_xml_names() {
        let html = r##"<section id="2026--a" aria-labelledby="2026--t x"><a href="#2026--a">a</a><a href="2026.xhtml#2026--a">b</a></section>"##;
        assert_eq!(
            to_xhtml(html, &same),
            r##"<section id="_2026--a" aria-labelledby="_2026--t x"><a href="#_2026--a">a</a><a href="2026.xhtml#_2026--a">b</a></section>"##
        );
        assert_eq!(ids(html).collect::<Vec<_>>(), vec!["_2026--a"]);
    }

    #[test]
    fn comments_are_left_out() {
        assert_eq!(to_xhtml("<p>a<!-- b -- c -->d</p>", &same), "<p>ad</p>");
    }

    #[test]
    fn worksheets_keep_their_prompts_without_boxes_or_lines() {
        let html = r#"<section class="worksheet"><h3>Reflect</h3><p class="worksheet__how">Type your answers.</p><div class="worksheet__prompt"><h4 class="worksheet__label"><label for="a-1">What did we learn?</label></h4><div class="worksheet__answer-area"><textarea id="a-1" rows="4"></textarea><div class="worksheet__lines" aria-hidden="true"><span></span></div></div></div></section>"#;
        assert_eq!(
            ebook_body(html, "No lines here."),
            r#"<section class="worksheet"><h2>Reflect</h2><p class="worksheet__how">No lines here.</p><div class="worksheet__prompt"><h3 class="worksheet__label">What did we learn?</h3></div></section>"#
        );
    }

    #[test]
    fn exercises_lose_the_switch_that_animates_them() {
        let html = r#"<div class="breath-box"><input type="checkbox" class="breath-box__switch" id="s"><label class="breath-box__label" for="s">Move a dot</label><svg><circle r="9"/></svg></div>"#;
        assert_eq!(
            ebook_body(html, ""),
            r#"<div class="breath-box"><svg><circle r="9"/></svg></div>"#
        );
    }
}
