//! Code blocks highlighted with syntect as CSS classes, so the theme's light,
//! dark and print styles all apply (inline colours would fix one palette).

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::html::escape;

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Whether syntect knows `language` (by name or file extension).
pub fn is_known_language(language: &str) -> bool {
    !language.is_empty() && syntaxes().find_syntax_by_token(language).is_some()
}

/// The `<pre><code>` for a code block; plain escaped text for unknown languages.
pub fn highlight(code: &str, language: &str) -> String {
    let set = syntaxes();
    let syntax = set
        .find_syntax_by_token(language)
        .filter(|_| !language.is_empty());
    let class = if language.is_empty() {
        String::new()
    } else {
        format!(
            " class=\"language-{}\"",
            pulldown_cmark_escape_attr(language)
        )
    };
    let body = match syntax {
        Some(syntax) => {
            let mut generator = ClassedHTMLGenerator::new_with_class_style(
                syntax,
                set,
                ClassStyle::SpacedPrefixed { prefix: "hl-" },
            );
            let highlighted = LinesWithEndings::from(code)
                .try_for_each(|line| generator.parse_html_for_line_which_includes_newline(line));
            match highlighted {
                Ok(()) => generator.finalize(),
                Err(_) => escape(code),
            }
        }
        None => escape(code),
    };
    // tabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
    format!("<pre tabindex=\"0\"><code{class}>{body}</code></pre>\n")
}

fn pulldown_cmark_escape_attr(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes_not_colours() {
        let html = highlight("fn main() {}\n", "rust");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn unknown_languages_are_escaped_text() {
        let html = highlight("<b>hi</b>\n", "nonsense-lang");
        assert!(html.contains("&lt;b&gt;"), "{html}");
    }
}
