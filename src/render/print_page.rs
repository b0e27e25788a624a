//! `page.css`: the `@page` rules that depend on handbook.yaml (the paper size
//! and the running title in the top margin), and `chapters.css`, the single
//! page's running titles, one per chapter. The theme's print.css styles the
//! margins and writes the page numbers; stylesheets are static files, so the
//! values from the settings and chapters are written here.

use crate::load::languages;
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
/// handbook's title (in the edition's language). The page numbers are in
/// the edition's words, `page_of` ("Page {n} of {m}"). A right-to-left
/// edition has its running title and page numbers on the mirrored sides.
/// No running titles when the settings turn them off.
pub fn chapter_pages_css(
    config: &Settings,
    chapters: &[(usize, &str, &str)],
    page_of: &str,
) -> String {
    let mut css = String::from(
        "@charset \"UTF-8\";\n/* The single page's running titles: one named page per chapter */\n",
    );
    let rtl = languages::direction(&config.language) == "rtl";
    let (title_box, other_title_box, number_box, other_number_box) = if rtl {
        ("top-right", "top-left", "bottom-left", "bottom-right")
    } else {
        ("top-left", "top-right", "bottom-right", "bottom-left")
    };
    let title = if config.print.running_title {
        css_string(&config.title)
    } else {
        "none".to_string()
    };
    css.push_str(&format!(
        "@page {{\n  @{title_box} {{ content: {title}; }}\n  @{other_title_box} {{ content: none; }}\n  @{number_box} {{ content: {}; }}\n  @{other_number_box} {{ content: none; }}\n}}\n",
        page_numbers(page_of)
    ));
    // Chromium lets the later margin box win, not the named page: the
    // cover (named in pages/print.css) stays bare only when said again here
    css.push_str("@page cover {\n  @top-left { content: none; }\n  @top-right { content: none; }\n  @bottom-left { content: none; }\n  @bottom-right { content: none; }\n}\n");
    if !config.print.running_title {
        return css;
    }
    for (number, slug, title) in chapters {
        css.push_str(&format!(
            ".print-chapter[id={}] {{ page: chapter-{number}; }}\n@page chapter-{number} {{\n  @{title_box} {{ content: {}; }}\n}}\n",
            css_string(slug),
            css_string(title)
        ));
    }
    css
}

/// "Page {n} of {m}" as the value of `content`: the words around the
/// page counters.
fn page_numbers(page_of: &str) -> String {
    let mut content = Vec::new();
    let mut rest = page_of;
    while let Some(at) = rest.find(['{']) {
        let counter = match &rest[at..] {
            tail if tail.starts_with("{n}") => "counter(page)",
            tail if tail.starts_with("{m}") => "counter(pages)",
            _ => {
                content.push(css_string(&rest[..=at]));
                rest = &rest[at + 1..];
                continue;
            }
        };
        if at > 0 {
            content.push(css_string(&rest[..at]));
        }
        content.push(counter.to_string());
        rest = &rest[at + 3..];
    }
    if !rest.is_empty() {
        content.push(css_string(rest));
    }
    content.join(" ")
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
        let css = chapter_pages_css(
            &config("Handbook", "A4", true),
            &chapters,
            "Page {n} of {m}",
        );
        assert!(
            css.contains(".print-chapter[id=\"welcome\"] { page: chapter-1; }"),
            "{css}"
        );
        assert!(
            css.contains("@page chapter-3 {\n  @top-left { content: \"Our \\\"vision\\\"\"; }\n}"),
            "{css}"
        );
        let off = chapter_pages_css(
            &config("Handbook", "A4", false),
            &chapters,
            "Page {n} of {m}",
        );
        assert!(
            !off.contains("@page chapter") && !off.contains("page:"),
            "{off}"
        );
        assert!(off.contains("@top-left { content: none; }"), "{off}");
    }

    #[test]
    fn page_numbers_in_the_editions_words_and_mirrored_right_to_left() {
        assert_eq!(
            page_numbers("Page {n} of {m}"),
            "\"Page \" counter(page) \" of \" counter(pages)"
        );
        assert_eq!(
            page_numbers("{n}/{m}"),
            "counter(page) \"/\" counter(pages)"
        );
        let mut arabic = config("دليل", "A4", true);
        arabic.language = "ar".into();
        let css = chapter_pages_css(&arabic, &[(1, "welcome", "أهلًا")], "صفحة {n} من {m}");
        assert!(
            css.contains("@page {\n  @top-right { content: \"دليل\"; }\n  @top-left { content: none; }\n  @bottom-left { content: \"صفحة \" counter(page) \" من \" counter(pages); }\n  @bottom-right { content: none; }\n}"),
            "{css}"
        );
        assert!(
            css.contains("@page chapter-1 {\n  @top-right { content: \"أهلًا\"; }\n}"),
            "{css}"
        );
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
