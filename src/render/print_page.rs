//! `page.css`: the `@page` rules that depend on handbook.yaml (the paper size
//! and the running title in the top margin), and `chapters.css`, the single
//! page's running titles, one per chapter. The theme's print.css styles the
//! margins and writes the page numbers; stylesheets are static files, so the
//! values from the settings and chapters are written here.

use crate::load::settings::Settings;

/// The stylesheet, linked for print before the theme's print styles.
pub fn page_css(config: &Settings) -> String {
    let size = match config.print.paper.as_str() {
        "Letter" => "letter",
        other => other,
    };
    let running_title = if config.print.running_title {
        format!(
            "\n  @top-left {{ content: {}; }}",
            css_string(&config.title)
        )
    } else {
        String::new()
    };
    format!(
        "@charset \"UTF-8\";\n/* Printed pages, from handbook.yaml (print: paper, running_title; title) */\n@page {{\n  size: {size};{running_title}\n}}\n"
    )
}

/// The single page's `chapters.css`: each printed chapter `(number, slug,
/// title)` is laid out on pages named after it (`page: chapter-N`, Chromium's
/// named pages), whose running title is the chapter's title, so a printed
/// page says where it comes from. The cover and the contents keep the
/// handbook's title from `page.css`. Empty of rules when the settings turn
/// running titles off.
pub fn chapter_pages_css(config: &Settings, chapters: &[(usize, &str, &str)]) -> String {
    let mut css = String::from(
        "@charset \"UTF-8\";\n/* The single page's running titles: one named page per chapter */\n",
    );
    if !config.print.running_title {
        return css;
    }
    for (number, slug, title) in chapters {
        css.push_str(&format!(
            ".print-chapter[id={}] {{ page: chapter-{number}; }}\n@page chapter-{number} {{\n  @top-left {{ content: {}; }}\n}}\n",
            css_string(slug),
            css_string(title)
        ));
    }
    css
}

/// `text` as a quoted CSS string.
fn css_string(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                quoted.push('\\');
                quoted.push(c);
            }
            c if c.is_control() => quoted.push(' '),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::settings::PrintOptions;

    fn config(title: &str, paper: &str, running_title: bool) -> Settings {
        let mut config: Settings =
            serde_saphyr::from_str("title: x\norganisation: y\n").expect("minimal settings");
        config.title = title.to_string();
        config.print = PrintOptions {
            paper: paper.to_string(),
            running_title,
        };
        config
    }

    #[test]
    fn paper_size_and_running_title_come_from_the_settings() {
        let css = page_css(&config("Connecting head, heart and hands", "A4", true));
        assert!(css.contains("size: A4;"), "{css}");
        assert!(
            css.contains("@top-left { content: \"Connecting head, heart and hands\"; }"),
            "{css}"
        );
        assert!(page_css(&config("T", "Letter", true)).contains("size: letter;"));
    }

    #[test]
    fn no_running_title_when_turned_off() {
        let css = page_css(&config("Title", "A5", false));
        assert!(css.contains("size: A5;"), "{css}");
        assert!(!css.contains("@top-left"), "{css}");
    }

    #[test]
    fn each_chapter_has_a_named_page_with_its_title_unless_turned_off() {
        let chapters = [
            (1, "welcome", "Welcome"),
            (3, "our-vision", "Our \"vision\""),
        ];
        let css = chapter_pages_css(&config("Handbook", "A4", true), &chapters);
        assert!(
            css.contains(".print-chapter[id=\"welcome\"] { page: chapter-1; }"),
            "{css}"
        );
        assert!(
            css.contains("@page chapter-3 {\n  @top-left { content: \"Our \\\"vision\\\"\"; }\n}"),
            "{css}"
        );
        let off = chapter_pages_css(&config("Handbook", "A4", false), &chapters);
        assert!(!off.contains("@page") && !off.contains("page:"), "{off}");
    }

    #[test]
    fn quotes_backslashes_and_line_breaks_cannot_break_out_of_the_string() {
        let css = page_css(&config("Say \"hi\" \\ }\nnow", "A4", true));
        assert!(
            css.contains("content: \"Say \\\"hi\\\" \\\\ } now\";"),
            "{css}"
        );
    }
}
