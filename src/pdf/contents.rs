//! What `handbook pdf` changes in the built print page before printing it (the
//! document title, the page numbers of the contents list) and reads from it
//! (the text of its headings, for the bookmarks).
//!
//! The theme marks where a number goes with an empty element carrying
//! `data-page-for="SLUG"` (in `print.html`, `<span class="print-contents__page"
//! data-page-for="our-vision"></span>`); its text is replaced by the page number.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::html::{escape, visible_text};

const PAGE_FOR: &str = "data-page-for=";

/// One place for a page number: the chapter it is for, and where its text is.
struct Slot {
    slug: String,
    text: Range<usize>,
}

fn slots(html: &str) -> Vec<Slot> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..]
        .find(PAGE_FOR)
        .map(|i| from + i + PAGE_FOR.len())
    {
        let rest = &html[at..];
        // Quoted as the template writes it, or bare as an HTML minifier may leave it.
        let (slug, after) = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => match rest[1..].find(quote) {
                Some(end) => (&rest[1..1 + end], at + end + 2),
                None => break,
            },
            _ => {
                let end = rest
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(rest.len());
                (&rest[..end], at + end)
            }
        };
        let Some(start) = html[after..].find('>').map(|i| after + i + 1) else {
            break;
        };
        let end = html[start..].find('<').map_or(html.len(), |i| start + i);
        found.push(Slot {
            slug: slug.to_string(),
            text: start..end,
        });
        from = end;
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
    let Some(start) = html.find("<title>").map(|i| i + "<title>".len()) else {
        return html.to_string();
    };
    let Some(end) = html[start..].find("</title>").map(|i| start + i) else {
        return html.to_string();
    };
    format!("{}{}{}", &html[..start], escape(title), &html[end..])
}

/// The text of every heading (`h1` to `h6`), in order, as a reader hears it:
/// tags dropped, `aria-hidden` parts left out, entities decoded, spaces collapsed.
pub fn heading_texts(html: &str) -> Vec<String> {
    let mut headings = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<h") {
        rest = &rest[at + 2..];
        let Some(level @ b'1'..=b'6') = rest.bytes().next() else {
            continue;
        };
        if !rest[1..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
            continue;
        }
        let close = format!("</h{}>", level as char);
        let (Some(start), Some(end)) = (rest.find('>'), rest.find(&close)) else {
            break;
        };
        if start < end {
            headings.push(visible_text(&rest[start + 1..end]));
        }
        rest = &rest[end..];
    }
    headings
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
<h3><span class="label">Case study<span class="visually-hidden">:</span></span> Redefining &#x27;relationships&#39;</h3>"#;
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
}
