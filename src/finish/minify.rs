//! Minified HTML for publishing: smaller pages that stay valid HTML.
//!
//! What goes is what the HTML standard lets go without changing what a
//! browser reads: comments, whitespace between blocks (where a browser
//! draws nothing), runs of whitespace in text (drawn as one space), spaces
//! inside tags, the quotes of attribute values that need none, and `</li>`
//! before the next item or the end of its list. Entities, other tags and
//! every value stay, so a page means, validates and draws exactly as
//! before. Preformatted text and what `<script>`, `<style>` and
//! `<textarea>` hold are kept as written.
//!
//! Why not minify-html: it saved under 1% more of a built site (other
//! optional end tags) for five times the work (it was half of every
//! build's time) and the heaviest dependencies of the compile (a CSS and a
//! JavaScript minifier it builds even when both are switched off).

use memchr::{memchr, memchr3};

use crate::html::has_two_spaces;
use crate::html::tokens::{Token, opens_value, tokens};

/// A page, or a part of one, minified: a chapter's body, or a page drawn
/// with holes where chapter bodies go. A body is whole elements inside a
/// block (`<div>`, `<section>`), so it minifies alone as it would in its
/// page; minifying the parts, each once, spares minifying every page whole
/// (the single page holds every chapter: at 10,000 chapters, 140 MB in one
/// piece).
pub fn minify_part(html: &str) -> String {
    let mut out = Minified {
        html: String::with_capacity(html.len()),
        space_pending: false,
        after_block: true,
    };
    let mut preformatted = 0usize;
    // a `</li>` read and not yet written: HTML lets it out before the next
    // item and the list's end
    let mut item_end_pending = false;
    for token in tokens(html) {
        if item_end_pending {
            match token {
                Token::Text(text) if text.trim_matches(is_html_space).is_empty() => {}
                Token::Comment(_) => {}
                // a second `</li>` in a row closes nothing: one stays pending
                Token::Start { name: "li", .. }
                | Token::End {
                    name: "ul" | "ol" | "menu" | "li",
                    ..
                } => {
                    item_end_pending = false;
                }
                _ => {
                    out.html.push_str("</li>");
                    item_end_pending = false;
                }
            }
        }
        if preformatted > 0 {
            match token {
                Token::Start { name: "pre", .. } => preformatted += 1,
                Token::End { name: "pre", .. } => preformatted -= 1,
                _ => {}
            }
            if preformatted == 0 {
                out.tag(token.source(), true);
            } else {
                out.html.push_str(token.source());
            }
            continue;
        }
        match token {
            Token::Text(text) => out.text(text),
            Token::Start { name, source, .. } => {
                out.tag(source, is_block(name));
                if name == "pre" {
                    preformatted = 1;
                }
            }
            Token::End { name: "li", .. } => {
                out.tag("", true);
                item_end_pending = true;
            }
            Token::End { name, source } => out.tag(source, is_block(name)),
            Token::Comment(_) => {}
            Token::Declaration(source) => out.tag(source, true),
            Token::RawText(text) => out.html.push_str(text),
        }
    }
    if item_end_pending {
        out.html.push_str("</li>");
    }
    out.html
}

/// A page drawn by a template, minified exactly as [`minify_part`] does it,
/// but in pieces, each remembered on its thread: the pieces most pages
/// share (the header, the contents list, the footer) are minified once a
/// build instead of once a page.
///
/// A piece ends after a block's tag (not `</li>`, whose end is written or
/// left out by what follows, and not one that opens `<pre>` or raw text),
/// outside preformatted text: there the minifier's state is what it is at
/// the start of a part (nothing pending, a block just written), so the
/// pieces minified alone and put together are the page minified whole.
pub fn minify_page(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    PIECES.with(|pieces| {
        let mut pieces = pieces.borrow_mut();
        let mut start = 0;
        for end in piece_ends(html) {
            pieces.minify_into(&html[start..end], &mut out);
            start = end;
        }
    });
    out
}

/// How long a piece grows, at least, before it may end: long enough that
/// looking it up costs little beside minifying it, short enough that a
/// piece ends at each item of a list (the contents), so that pieces after
/// a part that differs from page to page (a title) start where they did.
const PIECE_BYTES: usize = 64;
/// How much the pieces remembered on a thread may hold before they are
/// forgotten (a build's shared pieces are a few kilobytes).
const PIECES_KEPT_BYTES: usize = 16 << 20;

thread_local! {
    static PIECES: std::cell::RefCell<Pieces> = std::cell::RefCell::default();
}

/// Pieces of pages and their minified forms, by a hash of the piece.
#[derive(Default)]
struct Pieces {
    minified: std::collections::HashMap<u64, (Box<str>, Box<str>)>,
    bytes: usize,
}

impl Pieces {
    fn minify_into(&mut self, piece: &str, out: &mut String) {
        let hash = xxhash_rust::xxh3::xxh3_64(piece.as_bytes());
        if let Some((source, minified)) = self.minified.get(&hash)
            && **source == *piece
        {
            out.push_str(minified);
            return;
        }
        let minified = minify_part(piece);
        out.push_str(&minified);
        if self.bytes > PIECES_KEPT_BYTES {
            self.minified.clear();
            self.bytes = 0;
        }
        self.bytes += piece.len() + minified.len();
        self.minified.insert(hash, (piece.into(), minified.into()));
    }
}

/// Where the pieces of `html` end (see [`minify_page`]), the last at its end.
fn piece_ends(html: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut start = 0;
    let mut preformatted = 0usize;
    let mut reading = tokens(html);
    while let Some(token) = reading.next() {
        let ends_a_piece = match token {
            _ if preformatted > 0 => {
                match token {
                    Token::Start { name: "pre", .. } => preformatted += 1,
                    Token::End { name: "pre", .. } => preformatted -= 1,
                    _ => {}
                }
                false
            }
            Token::Start { name: "pre", .. } => {
                preformatted = 1;
                false
            }
            Token::Start { name, .. } => is_block(name) && !opens_raw_text(name),
            Token::End { name: "li", .. } => false,
            Token::End { name, .. } => is_block(name),
            _ => false,
        };
        let at = html.len() - reading.rest().len();
        if ends_a_piece && at - start >= PIECE_BYTES {
            ends.push(at);
            start = at;
        }
    }
    if start < html.len() {
        ends.push(html.len());
    }
    ends
}

/// Whether the reader takes what follows this start tag as raw text.
fn opens_raw_text(name: &str) -> bool {
    ["script", "style", "textarea"]
        .iter()
        .any(|raw| raw.eq_ignore_ascii_case(name))
}

struct Minified {
    html: String,
    /// Whitespace was read and not yet written.
    space_pending: bool,
    /// The last thing written was a block's tag (or nothing yet): a space
    /// here would start a line, and browsers draw none.
    after_block: bool,
}

impl Minified {
    fn text(&mut self, text: &str) {
        if text.starts_with(is_html_space) {
            self.space_pending = true;
        }
        let inner = text.trim_matches(is_html_space);
        if inner.is_empty() {
            return;
        }
        self.space();
        if text_has_space_to_collapse(inner) {
            let mut pieces = inner.split(is_html_space).filter(|piece| !piece.is_empty());
            self.html.push_str(pieces.next().unwrap_or_default());
            for piece in pieces {
                self.html.push(' ');
                self.html.push_str(piece);
            }
        } else {
            self.html.push_str(inner);
        }
        self.after_block = false;
        self.space_pending = text.ends_with(is_html_space);
    }

    /// Writes a tag with the spaces inside it collapsed and the quotes
    /// of values that need none left out; a pending space is written
    /// before an inline tag and dropped before a block's.
    fn tag(&mut self, source: &str, block: bool) {
        if block {
            self.space_pending = false;
        } else {
            self.space();
        }
        self.after_block = block;
        let bytes = source.as_bytes();
        // copied from `source` up to here
        let mut copied = 0;
        // after `<`, `</` or `<!` and the name, which may hold anything but
        // space, `/` and `>` (as the reader reads it)
        let name_start = if bytes.get(1) == Some(&b'/') { 2 } else { 1 };
        let mut i = bytes
            .get(name_start..)
            .and_then(|name| {
                name.iter()
                    .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
            })
            .map_or(bytes.len(), |at| name_start + at);
        while i < bytes.len() {
            match bytes[i] {
                quote @ (b'"' | b'\'') if opens_value(bytes, i) => {
                    let Some(close) = memchr(quote, &bytes[i + 1..]).map(|at| i + 1 + at) else {
                        break;
                    };
                    let value = &source[i + 1..close];
                    // only where the value ends at a space or the tag's end:
                    // `<a href=x/>` would read as `x/`, `b="c"d` as `cd`
                    let unquoted = i > 0
                        && bytes[i - 1] == b'='
                        && bytes
                            .get(close + 1)
                            .is_some_and(|&next| next == b'>' || is_html_space(next as char))
                        && needs_no_quotes(value);
                    if unquoted {
                        self.html.push_str(&source[copied..i]);
                        self.html.push_str(value);
                        copied = close + 1;
                    }
                    i = close + 1;
                }
                byte if is_html_space(byte as char) => {
                    let run_end = bytes[i..]
                        .iter()
                        .position(|&b| !is_html_space(b as char))
                        .map_or(bytes.len(), |at| i + at);
                    // space before the tag's end goes, but not after a `/`:
                    // `<path / >` is not self-closing, `<path/>` is
                    let closes = match &bytes[run_end..] {
                        [b'>', ..] => bytes[i - 1] != b'/',
                        [b'/', b'>', ..] => true,
                        _ => false,
                    };
                    if closes || run_end - i > 1 || byte != b' ' {
                        self.html.push_str(&source[copied..i]);
                        if !closes {
                            self.html.push(' ');
                        }
                        copied = run_end;
                    }
                    i = run_end;
                }
                _ => i += 1,
            }
        }
        self.html.push_str(&source[copied..]);
    }

    fn space(&mut self) {
        if self.space_pending && !self.after_block {
            self.html.push(' ');
        }
        self.space_pending = false;
    }
}

/// Whether text has whitespace other than single spaces between words (most
/// has none: checking first, with the vector instructions of `memchr`,
/// spares copying it a piece at a time).
fn text_has_space_to_collapse(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr3(b'\t', b'\n', b'\r', bytes).is_some()
        || memchr(0x0C, bytes).is_some()
        || has_two_spaces(bytes)
}

/// Whether an attribute's value may be written without quotes: not empty,
/// and without whitespace or any of `"'=<>`.
fn needs_no_quotes(value: &str) -> bool {
    !value.is_empty()
        && !value.bytes().any(|b| {
            b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b'=' | b'<' | b'>' | b'`')
        })
}

/// Whitespace as HTML reads it (not the no-break space, which is drawn).
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C')
}

/// Elements that are blocks whatever the theme's CSS does, in HTML and in
/// SVG (where text is drawn only inside `<text>`): whitespace beside their
/// tags is never drawn. Any other element, known or not, is taken to be
/// inline, keeping one space.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "html" | "head" | "body" | "meta" | "link" | "title" | "base" | "style"
            | "div" | "p" | "ul" | "ol" | "li" | "dl" | "dt" | "dd"
            | "table" | "thead" | "tbody" | "tfoot" | "tr" | "td" | "th" | "caption" | "colgroup" | "col"
            | "figure" | "figcaption" | "blockquote" | "pre" | "hr" | "address"
            | "section" | "article" | "nav" | "header" | "footer" | "main" | "aside"
            | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            | "form" | "fieldset" | "legend" | "details" | "summary" | "dialog"
            | "option" | "optgroup" | "source" | "track"
            // SVG: shapes and structure, never text
            | "g" | "defs" | "desc" | "symbol" | "use" | "path" | "circle" | "rect" | "line"
            | "polyline" | "polygon" | "ellipse" | "marker" | "mask" | "pattern" | "stop"
            | "clipPath" | "linearGradient" | "radialGradient"
    )
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
    fn removes_space_between_blocks_and_comments() {
        assert_eq!(
            minify_part(PAGE),
            concat!(
                r#"<!DOCTYPE html><html lang=en-GB><head><meta charset=utf-8><title>Box breathing | Handbook</title>"#,
                r#"<script src=../assets/search.0123456789ab.js defer></script></head><body>"#,
                r#"<p class=lead>Breathe in for <strong>four</strong> <em>seconds</em>.</p>"#,
                "<pre><code>  keep\n    this</code></pre>",
                r#"<a href="../a b/index.html" title='say "hi"'>Next</a></body></html>"#,
            )
        );
    }

    #[test]
    fn keeps_one_space_where_words_or_inline_elements_meet() {
        let html = "<p>\n  One\n  <a href=x>two</a>\n  <em>three</em>\tfour <!-- c --> five\n</p>";
        assert_eq!(
            minify_part(html),
            "<p>One <a href=x>two</a> <em>three</em> four five</p>"
        );
        // an element not known to be a block may be drawn inline
        assert_eq!(
            minify_part("<p>a <my-widget> b </my-widget> c</p>"),
            "<p>a <my-widget> b </my-widget> c</p>"
        );
        assert_eq!(
            minify_part("<td> <svg></svg> </td>"),
            "<td><svg></svg></td>"
        );
    }

    #[test]
    fn keeps_preformatted_raw_and_no_break_space_text() {
        let html = "<pre>  a\n  <span class=hl>b  </span>\n<pre>x </pre>  c</pre>\n<textarea>\n  d  </textarea><script>let  e = '<p>  ';</script><p>\u{a0}f\u{a0}</p>";
        assert_eq!(
            minify_part(html),
            "<pre>  a\n  <span class=hl>b  </span>\n<pre>x </pre>  c</pre><textarea>\n  d  </textarea><script>let  e = '<p>  ';</script><p>\u{a0}f\u{a0}</p>"
        );
    }

    #[test]
    fn collapses_space_inside_tags_but_not_in_values() {
        let html = "<svg\n  viewBox=\"0 0  10 10\"\n  role=\"img\" >\n  <title>A  B</title>\n  <text x=\"1\">C</text>\n  <text>D</text>\n  <path d=\"M0  0\" />\n</svg>";
        assert_eq!(
            minify_part(html),
            r#"<svg viewBox="0 0  10 10" role=img><title>A B</title><text x=1>C</text> <text>D</text><path d="M0  0"/></svg>"#
        );
    }

    #[test]
    fn quotes_stay_where_a_value_needs_them() {
        let html = r##"<use href="#a"/><a href="x" title="" data-x="a=b" class='c'>y</a>"##;
        assert_eq!(
            minify_part(html),
            r##"<use href="#a"/><a href=x title="" data-x="a=b" class=c>y</a>"##
        );
        // found by fuzzing: the space between `/` and `>` stays, since a
        // slash not right before `>` does not close the element
        assert_eq!(minify_part("<path d=x / >"), "<path d=x / >");
        assert_eq!(minify_part("<path d=x\t/>"), "<path d=x/>");
        // found by fuzzing: a value with no space after it keeps its quotes
        assert_eq!(minify_part(r#"<a b="c"d>"#), r#"<a b="c"d>"#);
    }

    #[test]
    fn an_item_ends_where_the_next_item_or_its_list_does() {
        let html =
            "<ul>\n<li>a</li>\n<!-- c -->\n<li>b</li>\n</ul><ol><li>c</li><p>d</p></ol><li>e</li>";
        assert_eq!(
            minify_part(html),
            "<ul><li>a<li>b</ul><ol><li>c</li><p>d</p></ol><li>e</li>"
        );
        // found by fuzzing: a stray second `</li>` is one, so a second pass changes nothing
        let once = minify_part("<li>a</li/x></li>\n<li>b");
        assert_eq!(once, "<li>a<li>b");
        assert_eq!(minify_part(&once), once);
    }

    #[test]
    fn a_page_minified_in_pieces_is_the_page_minified_whole() {
        let item = |n: usize| {
            format!(
                "<li class=\"item\">\n  <a href=\"../c{n}/index.html\">  Chapter {n} </a>\n</li>\n"
            )
        };
        let items: String = (0..40).map(item).collect();
        let pages = [
            PAGE.to_string(),
            format!(
                "<!DOCTYPE html>\n<html>\n<head>\n<style>\n p {{ }}\n</style>\n</head>\n<body>\n<nav>\n<ul>\n{items}</ul>\n</nav>\n<main>\n<p>Text <em>and</em>\n more</p>\n<pre>\n  <div>  kept  </div>\n<pre> inner </pre>  <p> still  </p>\n</pre>\n<div>after</div>\n<textarea>\n <p>  x</textarea>\n<ol><li>a</li>\n<!-- c -->\n</ol>{items}</main>\n</body>\n</html>\n"
            ),
            format!("{items}<li>open"),
        ];
        for page in &pages {
            // twice: the second time from the pieces remembered
            for _ in 0..2 {
                assert_eq!(minify_page(page), minify_part(page), "{page}");
            }
        }
        let ends = piece_ends(&pages[1]);
        assert!(ends.len() > 10, "{ends:?}");
        for &end in &ends {
            // never inside preformatted or raw text, never after an item's end
            let before = &pages[1][..end];
            assert!(
                before.matches("<pre>").count() == before.matches("</pre>").count(),
                "{before}"
            );
            assert!(
                !before.ends_with("</li>") && !before.ends_with("<style>"),
                "{before}"
            );
        }
    }

    #[test]
    fn minifying_twice_changes_nothing_more() {
        let once = minify_part(PAGE);
        assert_eq!(minify_part(&once), once);
    }
}
