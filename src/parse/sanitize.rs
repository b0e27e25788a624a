//! Raw HTML that a handbook allows (`allow_html: true`) is still cleaned:
//! no scripts, no event handlers, no `javascript:` links, no styles.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Cleans a block of raw HTML with ammonia's conservative allow-list.
pub fn clean_block(html: &str) -> String {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut builder = ammonia::Builder::default();
            builder.url_schemes(HashSet::from(["https", "http", "mailto", "tel"]));
            builder.link_rel(Some("noopener"));
            builder
        })
        .clean(html)
        .to_string()
}

/// Inline raw HTML arrives one tag at a time (`<kbd>`, text, `</kbd>`), which a
/// sanitiser cannot judge alone; only plain phrasing tags pass, stripped of
/// their attributes (so `<kbd onclick=…>` still pairs with its `</kbd>`).
pub fn clean_inline_tag(tag: &str) -> String {
    const ALLOWED: [&str; 9] = [
        "kbd", "br", "sub", "sup", "mark", "small", "abbr", "cite", "wbr",
    ];
    let inner = tag
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/')
        .trim();
    let (closing, name) = match inner.strip_prefix('/') {
        Some(name) => (true, name.trim()),
        None => (false, inner),
    };
    let name = name
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if ALLOWED.contains(&name.as_str()) {
        format!("<{}{name}>", if closing { "/" } else { "" })
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let cleaned = clean_block(
            r#"<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">l</a></p>"#,
        );
        assert!(!cleaned.contains("script"), "{cleaned}");
        assert!(!cleaned.contains("onclick"), "{cleaned}");
        assert!(!cleaned.contains("javascript"), "{cleaned}");
        assert!(cleaned.contains("Hi"), "{cleaned}");
    }

    #[test]
    fn only_plain_inline_tags_pass() {
        assert_eq!(clean_inline_tag("<kbd>"), "<kbd>");
        assert_eq!(clean_inline_tag("</KBD>"), "</kbd>");
        assert_eq!(clean_inline_tag("<br/>"), "<br>");
        assert_eq!(clean_inline_tag("<img src=x onerror=alert(1)>"), "");
        assert_eq!(clean_inline_tag(r#"<kbd onclick="x">"#), "<kbd>");
        assert_eq!(clean_inline_tag("<br onmouseover=x />"), "<br>");
    }
}
