//! Minified HTML for publishing: smaller pages that stay valid HTML.
//!
//! Only what the HTML standard allows is removed (optional closing tags,
//! redundant quotes and whitespace); `<!DOCTYPE html>` and the `<html>` and
//! `<head>` opening tags stay, so the Nu HTML Checker reads the page exactly
//! as before. Scripts are never touched: minify-html's JavaScript minifier
//! is known to break scripts. CSS minification is off too: pages carry no
//! inline CSS (the Content-Security-Policy forbids it), and the CSS
//! minifier behind it (lightningcss) is still an alpha.

use minify_html::Cfg;

/// A page, or a part of one, minified: a chapter's body, or a page drawn
/// with holes where chapter bodies go. A body is whole elements inside a
/// block (`<div>`, `<section>`), so it minifies alone as it would in its
/// page; minifying the parts, each once, spares minifying every page whole
/// (the single page holds every chapter: at 10,000 chapters, 140 MB in one
/// piece).
pub fn minify_part(html: &str) -> String {
    let bytes = minify_html::minify(html.as_bytes(), &config());
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn config() -> Cfg {
    Cfg {
        keep_html_and_head_opening_tags: true,
        // Comments may be a fork's notes to itself; they are not needed on a public page.
        keep_comments: false,
        minify_css: false,
        minify_js: false,
        minify_doctype: false,
        allow_noncompliant_unquoted_attribute_values: false,
        allow_optimal_entities: false,
        allow_removing_spaces_between_attributes: false,
        ..Cfg::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Box breathing | Handbook</title>
<script src="../assets/search.0123456789ab.js" defer></script>
</head>
<body>
<!-- a note -->
<p class="lead">Breathe   in for <strong>four</strong> <em>seconds</em>.</p>
<pre><code>  keep
    this</code></pre>
<a href="../a b/index.html" title='say "hi"'>Next</a>
</body>
</html>
"#;

    #[test]
    fn keeps_the_doctype_and_opening_tags_the_checker_reads() {
        let page = minify_part(PAGE);
        // the doctype is case-insensitive; minify-html writes it in lowercase
        assert!(page.starts_with("<!doctype html>"), "{page}");
        assert!(page.contains("<html lang=en-GB>"), "{page}");
        assert!(page.contains("<head>"), "{page}");
        assert!(page.len() < PAGE.len(), "{page}");
    }

    #[test]
    fn keeps_the_meaning_of_text_and_attributes() {
        let page = minify_part(PAGE);
        // spaces between inline elements are words apart
        assert!(
            page.contains("Breathe in for <strong>four</strong> <em>seconds</em>."),
            "{page}"
        );
        // preformatted text is untouched
        assert!(page.contains("<code>  keep\n    this</code>"), "{page}");
        // a value with a space or a quote keeps quotes that make it one value
        assert!(page.contains(r#"href="../a b/index.html""#), "{page}");
        assert!(
            page.contains(r#"title='say "hi"'"#) || page.contains(r#"title="say &quot;hi&quot;""#),
            "{page}"
        );
        assert!(!page.contains("a note"), "{page}");
        assert!(
            page.contains("<script defer src=../assets/search.0123456789ab.js></script>"),
            "{page}"
        );
    }
}
