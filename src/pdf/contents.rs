//! What `handbook pdf` changes in the built print page before printing it (the
//! document title, the page numbers of the contents list) and reads from it
//! (its language, the text of its headings for the bookmarks, the text of its
//! links for the PDF's link descriptions, a chapter's name), through the
//! project's HTML reader, [`crate::html::tokens`].
//!
//! The theme marks where a number goes with an empty element carrying
//! `data-page-for="SLUG"` (in `print.html`, `<span class="print-contents__page"
//! data-page-for="our-vision"></span>`); its text is replaced by the page number.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::html::tokens::{Token, attribute, tokens};
use crate::html::{escape, unescape, visible_text};

/// Where `part` (a slice of `html`) starts in it.
fn offset(html: &str, part: &str) -> usize {
    part.as_ptr() as usize - html.as_ptr() as usize
}

/// Every element named `name` (case-insensitive, not nested in itself): its
/// start tag's attributes and the range of what it holds.
fn elements(html: &str, wanted: impl Fn(&str) -> bool) -> Vec<(&str, &str, Range<usize>)> {
    let mut found = Vec::new();
    let mut open: Option<(&str, &str, usize)> = None;
    for token in tokens(html) {
        match (token, open) {
            (
                Token::Start {
                    name,
                    attributes,
                    source,
                },
                None,
            ) if wanted(name) => {
                open = Some((name, attributes, offset(html, source) + source.len()));
            }
            (Token::End { name, source }, Some((open_name, attributes, start)))
                if name.eq_ignore_ascii_case(open_name) =>
            {
                found.push((open_name, attributes, start..offset(html, source)));
                open = None;
            }
            _ => {}
        }
    }
    found
}

/// One place for a page number: the chapter it is for, and where its text is.
struct Slot {
    slug: String,
    text: Range<usize>,
}

fn slots(html: &str) -> Vec<Slot> {
    let mut found: Vec<Slot> = Vec::new();
    let mut in_slot = false;
    for token in tokens(html) {
        let at = offset(html, token.source());
        match token {
            Token::Start {
                attributes, source, ..
            } => {
                in_slot = false;
                if let Some(slug) = attribute(attributes, "data-page-for") {
                    let end = at + source.len();
                    found.push(Slot {
                        slug: unescape(slug),
                        text: end..end,
                    });
                    in_slot = true;
                }
            }
            Token::Text(text) if in_slot => {
                if let Some(slot) = found.last_mut() {
                    slot.text.end = at + text.len();
                }
            }
            _ => in_slot = false,
        }
    }
    found
}

/// The chapters the contents list wants page numbers for, in order.
pub fn page_slugs(html: &str) -> Vec<String> {
    slots(html).into_iter().map(|slot| slot.slug).collect()
}

/// `html` with each chapter's page number written into its slot.
pub fn with_page_numbers(html: &str, pages: &BTreeMap<String, usize>) -> String {
    let mut out = String::with_capacity(html.len() + 4 * pages.len());
    let mut copied = 0;
    for slot in slots(html) {
        if let Some(page) = pages.get(&slot.slug) {
            out.push_str(&html[copied..slot.text.start]);
            out.push_str(&page.to_string());
            copied = slot.text.end;
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// `html` with the text of its `<title>` replaced by `title`.
pub fn with_title(html: &str, title: &str) -> String {
    match elements(html, |name| name.eq_ignore_ascii_case("title")).first() {
        Some((_, _, text)) => format!(
            "{}{}{}",
            &html[..text.start],
            escape(title),
            &html[text.end..]
        ),
        None => html.to_string(),
    }
}

/// The page's language, from `<html lang>`.
pub fn language(html: &str) -> Option<String> {
    tokens(html).find_map(|token| match token {
        Token::Start {
            name, attributes, ..
        } if name.eq_ignore_ascii_case("html") => attribute(attributes, "lang").map(unescape),
        _ => None,
    })
}

fn is_heading(name: &str) -> bool {
    let name = name.as_bytes();
    name.len() == 2 && name[0].eq_ignore_ascii_case(&b'h') && (b'1'..=b'6').contains(&name[1])
}

/// The text of every heading (`h1` to `h6`), in order, as a reader hears it:
/// tags dropped, `aria-hidden` parts left out, entities decoded, spaces collapsed.
pub fn heading_texts(html: &str) -> Vec<String> {
    elements(html, is_heading)
        .into_iter()
        .map(|(_, _, inner)| visible_text(&html[inner]))
        .collect()
}

/// What each link of the page says, by where it leads: `#id` for a place in
/// the page, the address for another site. Links are listed in order.
pub fn link_texts(html: &str) -> BTreeMap<String, Vec<String>> {
    let mut texts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (_, attributes, inner) in elements(html, |name| name.eq_ignore_ascii_case("a")) {
        let Some(href) = attribute(attributes, "href") else {
            continue;
        };
        let text = match attribute(attributes, "aria-label") {
            Some(label) if !label.trim().is_empty() => visible_text(label),
            _ => visible_text(&html[inner]),
        };
        if !text.is_empty() {
            texts.entry(unescape(href)).or_default().push(text);
        }
    }
    texts
}

/// The name of the element whose id is `id`, as a reader hears it: its
/// `aria-label`, the text of what `aria-labelledby` names, or its first heading.
pub fn section_name(html: &str, id: &str) -> Option<String> {
    let (attributes, inner) = element_with_id(html, id)?;
    if let Some(label) = attribute(attributes, "aria-label") {
        return Some(visible_text(label));
    }
    let labelled_by = attribute(attributes, "aria-labelledby").map(unescape);
    if let Some((_, label)) = labelled_by
        .as_deref()
        .and_then(|ids| ids.split_whitespace().next())
        .and_then(|first| element_with_id(html, first))
    {
        return Some(visible_text(&html[label]));
    }
    let inner = &html[inner];
    elements(inner, is_heading)
        .first()
        .map(|(_, _, heading)| visible_text(&inner[heading.clone()]))
}

/// The start tag's attributes of the element whose id is `id`, and the range
/// of what it holds.
fn element_with_id<'a>(html: &'a str, id: &str) -> Option<(&'a str, Range<usize>)> {
    let mut open: Option<(&str, &str, usize, usize)> = None;
    for token in tokens(html) {
        match (token, &mut open) {
            (
                Token::Start {
                    name,
                    attributes,
                    source,
                },
                None,
            ) if attribute(attributes, "id").map(unescape).as_deref() == Some(id) => {
                open = Some((name, attributes, offset(html, source) + source.len(), 1));
            }
            (Token::Start { name, .. }, Some((open_name, _, _, depth)))
                if name.eq_ignore_ascii_case(open_name) =>
            {
                *depth += 1;
            }
            (Token::End { name, source }, Some((open_name, attributes, start, depth)))
                if name.eq_ignore_ascii_case(open_name) =>
            {
                *depth -= 1;
                if *depth == 0 {
                    return Some((attributes, *start..offset(html, source)));
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONTENTS: &str = r##"<ol>
<li><a href="#welcome"><span class="print-contents__title">Welcome</span><span class="print-contents__page" data-page-for="welcome"></span></a></li>
<li><a href="#our-vision"><span class="print-contents__title">Our vision</span><span class="print-contents__page" data-page-for="our-vision">7</span></a></li>
<li><a href=#next><span data-page-for=next class=x></span></a></li>
</ol>"##;

    #[test]
    fn finds_every_slot_quoted_or_bare() {
        assert_eq!(page_slugs(CONTENTS), ["welcome", "our-vision", "next"]);
    }

    #[test]
    fn writes_numbers_into_empty_and_filled_slots_and_nothing_else() {
        let pages = BTreeMap::from([
            ("welcome".to_string(), 3),
            ("our-vision".to_string(), 12),
            ("next".to_string(), 140),
        ]);
        let filled = with_page_numbers(CONTENTS, &pages);
        assert_eq!(
            filled,
            CONTENTS
                .replace(r#""welcome"></span>"#, r#""welcome">3</span>"#)
                .replace(r#""our-vision">7</span>"#, r#""our-vision">12</span>"#)
                .replace("class=x></span>", "class=x>140</span>")
        );
        // Filling again replaces the numbers rather than appending to them.
        assert_eq!(with_page_numbers(&filled, &pages), filled);
    }

    #[test]
    fn the_title_is_replaced_and_escaped() {
        assert_eq!(
            with_title(
                "<head><title>Old | Org</title></head>",
                "Head, heart & hands"
            ),
            "<head><title>Head, heart &amp; hands</title></head>"
        );
    }

    #[test]
    fn heading_texts_are_what_a_reader_hears() {
        let html = r#"<h1 id="t">Head, heart &amp; hands</h1><header><p>not a heading</p></header>
<h2 class="x">Understanding   trauma is
everybody&#8217;s business</h2><hr>
<h4><span class="n">1</span> <span aria-hidden="true">Physical <span>Environment</span></span> Safe <em>and</em> collaborative<br>space</h4>
<H3><span class="label">Case study<span class="visually-hidden">:</span></span> Redefining &#x27;relationships&#39;</H3><h10>no</h10>"#;
        assert_eq!(
            heading_texts(html),
            [
                "Head, heart & hands",
                "Understanding trauma is everybody\u{2019}s business",
                "1 Safe and collaborative space",
                "Case study: Redefining 'relationships'",
            ]
        );
    }

    #[test]
    fn links_are_read_by_where_they_lead_in_order() {
        let html = r##"<html lang=en-GB><a href=#welcome>Welcome <span aria-hidden=true>→</span></a>
<a class=x href="https://example.org/a?b=1&amp;c=2">the <em>guide</em></a>
<a href="#welcome" aria-label="Back to &quot;Welcome&quot;">↑</a><a href="#empty"></a>"##;
        assert_eq!(
            link_texts(html),
            BTreeMap::from([
                (
                    "#welcome".to_string(),
                    vec!["Welcome".to_string(), "Back to \"Welcome\"".to_string()]
                ),
                (
                    "https://example.org/a?b=1&c=2".to_string(),
                    vec!["the guide".to_string()]
                ),
            ])
        );
        assert_eq!(language(html).as_deref(), Some("en-GB"));
    }

    #[test]
    fn a_section_is_named_by_its_label_or_first_heading() {
        let html = r#"<section id=one aria-labelledby="one--title"><p>Chapter 1</p><h2 id=one--title>Our <em>vision</em></h2></section>
<section id="two"><section><h3>Next &amp; last</h3></section><h4>no</h4></section><div id=three aria-label="Three &amp; more"></div>"#;
        assert_eq!(section_name(html, "one").as_deref(), Some("Our vision"));
        assert_eq!(section_name(html, "two").as_deref(), Some("Next & last"));
        assert_eq!(section_name(html, "three").as_deref(), Some("Three & more"));
        assert_eq!(section_name(html, "four"), None);
    }
}
