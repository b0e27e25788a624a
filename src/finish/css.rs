//! Stylesheets made smaller for publishing: comments dropped and whitespace
//! collapsed, nothing else. Values, selectors and their order are left as
//! written, so what a browser reads is what the theme says.
//!
//! Whitespace is kept wherever it can mean something: inside strings and
//! `url()`, between words (`1px solid`), before a selector part (`a .b`,
//! `a :focus`: descendant combinators), around `+`, `-`, `*` and `/` (which
//! `calc()` needs), and before `(` (`and (min-width…)` is not `and(`). It goes
//! only next to punctuation that no token can continue: `{ } ; , >`, after
//! `(` and `:`, and before `)`.

/// Punctuation after which whitespace means nothing.
const NO_SPACE_AFTER: &[u8] = b"{};,>(:";
/// Punctuation before which whitespace means nothing.
const NO_SPACE_BEFORE: &[u8] = b"{};,>)";

/// What was written last, which decides whether pending whitespace is needed.
#[derive(Clone, Copy, PartialEq)]
enum Last {
    Nothing,
    /// Punctuation written as itself (not inside a string or escape).
    Punct(u8),
    /// A letter, digit, `-`, `_`, any non-ASCII character, or an escape.
    Word,
    /// The end of a string or a `url()`, or other punctuation.
    Other,
}

/// `css` without comments and with whitespace collapsed.
pub fn minify(css: &str) -> String {
    let bytes = css.as_bytes();
    let mut out = String::with_capacity(css.len());
    let mut last = Last::Nothing;
    // whitespace seen since the last character written
    let mut space = false;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte == b'/' && bytes.get(at + 1) == Some(&b'*') {
            let end = css[at + 2..]
                .find("*/")
                .map_or(css.len(), |i| at + 2 + i + 2);
            // A comment separates words: `1px/**/solid` becomes `1px solid`, not
            // `1pxsolid`; `.a/**/.b` stays the compound selector `.a.b`.
            if last == Last::Word && bytes.get(end).is_some_and(|&b| is_name(b) || b == b'\\') {
                space = true;
            }
            at = end;
            continue;
        }
        if matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | 0x0c) {
            space = true;
            at += 1;
            continue;
        }
        if space && needs_space(last, byte) {
            out.push(' ');
        }
        space = false;
        let end = match byte {
            b'"' | b'\'' => {
                last = Last::Other;
                string_end(bytes, at)
            }
            b'\\' => {
                last = Last::Word;
                // the escaped character, whole (it may be a space or non-ASCII)
                let next = css[at + 1..].chars().next().map_or(0, char::len_utf8);
                at + 1 + next
            }
            b'(' if is_url(&out) => {
                last = Last::Other;
                url_end(bytes, at)
            }
            b'}' if last == Last::Punct(b';') => {
                // the last declaration of a block needs no `;`
                out.pop();
                last = Last::Punct(byte);
                at + 1
            }
            _ if is_name(byte) => {
                last = Last::Word;
                at + css[at..].chars().next().map_or(1, char::len_utf8)
            }
            _ => {
                last = Last::Punct(byte);
                at + 1
            }
        };
        out.push_str(&css[at..end]);
        at = end;
    }
    out
}

/// Whether whitespace between `last` and `next` must stay.
fn needs_space(last: Last, next: u8) -> bool {
    match last {
        Last::Nothing => false,
        Last::Punct(byte) if NO_SPACE_AFTER.contains(&byte) => false,
        _ => !NO_SPACE_BEFORE.contains(&next),
    }
}

/// A byte of a CSS name: letter, digit, `-`, `_`, or part of a non-ASCII character.
fn is_name(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_' || byte >= 0x80
}

/// Whether `out` ends with the name `url` (any case), so `(` opens a `url()`.
fn is_url(out: &str) -> bool {
    let bytes = out.as_bytes();
    bytes.len() >= 3
        && bytes[bytes.len() - 3..].eq_ignore_ascii_case(b"url")
        && (bytes.len() == 3 || !is_name(bytes[bytes.len() - 4]))
}

/// Where the string opening at `start` ends (after its closing quote; at a
/// line break or the end for a string left open).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'\n' => return at,
            byte if byte == quote => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// Where the `url(` whose parenthesis is at `start` ends, after its `)`.
fn url_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' | b'\'' => at = string_end(bytes, at),
            b')' => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::minify;

    #[test]
    fn comments_and_whitespace_go() {
        let css =
            "/* a theme */\n.a,\n.b > .c {\n  color: red;\n  margin: 0 auto;\n}\n\n/* end */\n";
        assert_eq!(minify(css), ".a,.b>.c{color:red;margin:0 auto}");
    }

    #[test]
    fn strings_are_kept_as_written() {
        assert_eq!(
            minify(".a::before { content: \"  /* not a comment */ { ; } \"; }"),
            ".a::before{content:\"  /* not a comment */ { ; } \"}"
        );
        assert_eq!(
            minify("a::after { content: ' — \\' ' attr(href) \" \\\" \"; }"),
            "a::after{content:' — \\' ' attr(href) \" \\\" \"}"
        );
        assert_eq!(
            minify("[role=\"search\"] , [data-x = 'a  b'] { x: y }"),
            "[role=\"search\"],[data-x = 'a  b']{x:y}"
        );
    }

    #[test]
    fn urls_are_kept_as_written() {
        assert_eq!(
            minify(
                ".a { background: url( data:image/svg+xml;utf8,<svg /*x*/ a='b c'> ) no-repeat; }"
            ),
            ".a{background:url( data:image/svg+xml;utf8,<svg /*x*/ a='b c'> ) no-repeat}"
        );
        assert_eq!(
            minify(".a { background: URL(\"a b).png\") , url('c') ; }"),
            ".a{background:URL(\"a b).png\"),url('c')}"
        );
        // a function whose name only ends in `url` is no url()
        assert_eq!(minify("a { b: myurl( 1 ) }"), "a{b:myurl(1)}");
    }

    #[test]
    fn descendant_combinators_keep_their_space() {
        assert_eq!(
            minify(".a .b,\n.a :focus,\n.a *,\n.a > :first-child { x: y }"),
            ".a .b,.a :focus,.a *,.a>:first-child{x:y}"
        );
        assert_eq!(
            minify(".x:not( .y ) .z ~ .w + .v { x: y }"),
            ".x:not(.y) .z ~ .w + .v{x:y}"
        );
    }

    #[test]
    fn calc_keeps_the_spaces_around_plus_and_minus() {
        assert_eq!(
            minify(".a { width: calc(100% - 1rem); top: calc( var(--a) + -2px ); }"),
            ".a{width:calc(100% - 1rem);top:calc(var(--a) + -2px)}"
        );
        assert_eq!(
            minify(".a { x: calc(var(--line) - 1px) calc(2 * 3px / 4); }"),
            ".a{x:calc(var(--line) - 1px) calc(2 * 3px / 4)}"
        );
    }

    #[test]
    fn a_space_before_a_parenthesis_stays() {
        assert_eq!(
            minify(
                "@media screen and (min-width: 40em) and (prefers-color-scheme: dark) {\n  a { b: c }\n}"
            ),
            "@media screen and (min-width:40em) and (prefers-color-scheme:dark){a{b:c}}"
        );
        assert_eq!(
            minify("@container (min-width: 42rem) { a { b: c } }"),
            "@container (min-width:42rem){a{b:c}}"
        );
    }

    #[test]
    fn escapes_are_kept_whole() {
        // an escaped space is part of the name; an escaped `;` or `:` is no punctuation
        assert_eq!(minify(".a\\ b .c { x: y }"), ".a\\ b .c{x:y}");
        assert_eq!(minify(".a\\; { x: \\;}"), ".a\\;{x:\\;}");
        assert_eq!(minify(".a\\: .b { x: y }"), ".a\\: .b{x:y}");
        assert_eq!(
            minify(".a::before { content: \"\\2190\" / \"\"; }"),
            ".a::before{content:\"\\2190\" / \"\"}"
        );
    }

    #[test]
    fn a_comment_between_words_still_separates_them() {
        assert_eq!(minify("a { border: 1px/**/solid }"), "a{border:1px solid}");
        assert_eq!(minify(".a/* b */.c { x: y }"), ".a.c{x:y}");
        assert_eq!(minify("a /* b */ > c { x: y }"), "a>c{x:y}");
    }

    #[test]
    fn at_rules_and_nesting_keep_their_meaning() {
        assert_eq!(
            minify(
                "@charset \"UTF-8\";\n/* x */\n@page {\n  size: A4;\n  @top-left { content: \"T\"; }\n}\n"
            ),
            "@charset \"UTF-8\";@page{size:A4;@top-left{content:\"T\"}}"
        );
        assert_eq!(
            minify(
                "@keyframes k {\n  0%, 24.9% { stroke-width: 8; }\n  25% { transform: translate(140px, 0); }\n}"
            ),
            "@keyframes k{0%,24.9%{stroke-width:8}25%{transform:translate(140px,0)}}"
        );
        assert_eq!(minify(".a { & .b { x: y } }"), ".a{& .b{x:y}}");
        assert_eq!(
            minify(".a { color: red !important; grid-column: 1 / -1; }"),
            ".a{color:red !important;grid-column:1 / -1}"
        );
    }

    #[test]
    fn text_left_open_is_kept_or_dropped_as_a_browser_would() {
        assert_eq!(minify("a { b: c } /* open"), "a{b:c}");
        assert_eq!(minify("a { content: \"open"), "a{content:\"open");
        assert_eq!(minify("a { b: url(open"), "a{b:url(open");
        assert_eq!(minify("a\\"), "a\\");
        assert_eq!(minify(""), "");
        assert_eq!(minify("  \n "), "");
    }

    /// Every stylesheet of the default theme: only comments, whitespace and
    /// a block's last `;` go, and minifying again changes nothing.
    #[test]
    fn the_default_theme_loses_only_comments_and_whitespace() {
        let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
        let mut checked = 0;
        for entry in walkdir::WalkDir::new(&theme) {
            let path = entry.unwrap().into_path();
            if path.extension().is_none_or(|ext| ext != "css") {
                continue;
            }
            let css = std::fs::read_to_string(&path).unwrap();
            let small = minify(&css);
            assert_eq!(minify(&small), small, "{}", path.display());
            // the theme has no `/*` inside strings, so comments can be cut naively here
            let mut plain = String::new();
            let mut rest = css.as_str();
            while let Some(start) = rest.find("/*") {
                plain.push_str(&rest[..start]);
                rest = rest[start..]
                    .split_once("*/")
                    .map_or("", |(_, after)| after);
            }
            plain.push_str(rest);
            let squeeze = |text: &str| {
                text.split_whitespace()
                    .collect::<String>()
                    .replace(";}", "}")
            };
            assert_eq!(squeeze(&small), squeeze(&plain), "{}", path.display());
            assert!(small.len() < css.len(), "{}", path.display());
            checked += 1;
        }
        assert!(checked > 0);
    }
}
