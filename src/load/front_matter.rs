//! A chapter's front matter: the YAML between the opening and closing `---`
//! lines, split from the Markdown body and parsed with line numbers that match
//! the file.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;

use super::yaml::{self, YamlOrigin};
use crate::diagnostics::Diagnostic;

/// The keys a chapter may set. Unknown keys are errors with a suggestion.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub order: Option<i64>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub nav_title: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// Include the chapter in the single print page.
    #[serde(default = "yes")]
    pub print: bool,
    /// Date of the last review, `YYYY-MM-DD`.
    #[serde(default)]
    pub updated: Option<Date>,
    /// In a fork, the version of the base's chapter this one replaces
    /// (see [`super::derived`]).
    #[serde(default)]
    pub overrides: Option<String>,
    /// In a translation, the version of the original it translates.
    #[serde(default)]
    pub translation_of: Option<String>,
}

fn yes() -> bool {
    true
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        let date = Date {
            year: year.parse().ok()?,
            month: month.parse().ok()?,
            day: day.parse().ok()?,
        };
        let days_in_month = match date.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if date.year.is_multiple_of(4)
                && (!date.year.is_multiple_of(100) || date.year.is_multiple_of(400)) =>
            {
                29
            }
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month).contains(&date.day).then_some(date)
    }

    /// ISO form, for `<time datetime>` and the sitemap.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a date: write it as YYYY-MM-DD, for example 2026-11-27"
            ))
        })
    }
}

/// Front matter and where the body starts.
#[derive(Debug)]
pub struct Parsed {
    pub front: FrontMatter,
    pub body_start: usize,
}

/// Splits and parses the front matter of a chapter file.
pub fn parse(file: &Path, text: &str) -> Result<Parsed, Diagnostic> {
    let (yaml, body_start) = match split(text) {
        Split::Found { yaml, body_start } => (yaml, body_start),
        Split::NoFrontMatter => {
            return Err(Diagnostic::new(file, "this chapter has no front matter")
                .at(text, 1, 1)
                .with_hint("start the file with a `---` line, then `title: Your title`, then another `---` line"));
        }
        Split::Unclosed => {
            return Err(Diagnostic::new(file, "the front matter is not closed")
                .at(text, 1, 1)
                .with_hint("add a line with just `---` after the last front matter key"));
        }
    };
    let yaml = &text[yaml];
    if yaml.trim().is_empty() {
        return Err(Diagnostic::new(file, "the front matter is empty")
            .at(text, 2, 1)
            .with_hint("a chapter needs at least `title: Your title` between the `---` lines"));
    }
    let origin = YamlOrigin {
        file,
        file_text: text,
        line_offset: 1,
    };
    let front: FrontMatter = yaml::parse(yaml, origin)?;
    if front.title.trim().is_empty() {
        return Err(Diagnostic::new(file, "the title is empty")
            .at(text, 2, 1)
            .with_hint("write the chapter's title after `title:`"));
    }
    Ok(Parsed { front, body_start })
}

/// The byte range of the front matter's YAML in a chapter's `text` (between
/// the `---` lines), when it has front matter.
pub fn yaml_span(text: &str) -> Option<Range<usize>> {
    match split(text) {
        Split::Found { yaml, .. } => Some(yaml),
        Split::NoFrontMatter | Split::Unclosed => None,
    }
}

/// Where a chapter file's front matter is.
enum Split {
    NoFrontMatter,
    Unclosed,
    Found {
        yaml: Range<usize>,
        body_start: usize,
    },
}

fn split(text: &str) -> Split {
    let text_no_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line_end = text_no_bom.find('\n').map_or(text_no_bom.len(), |i| i + 1);
    if text_no_bom[..first_line_end].trim_end() != "---" {
        return Split::NoFrontMatter;
    }
    let yaml_start = text.len() - text_no_bom.len() + first_line_end;
    match find_closing_fence(&text[yaml_start..]) {
        Some(closing) => Split::Found {
            yaml: yaml_start..yaml_start + closing.start,
            body_start: yaml_start + closing.end,
        },
        None => Split::Unclosed,
    }
}

/// The byte range of the closing `---` line (with its newline) in `yaml_and_body`.
fn find_closing_fence(yaml_and_body: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in yaml_and_body.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some(offset..offset + line.len());
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Parsed, Diagnostic> {
        parse(Path::new("c.md"), text)
    }

    #[test]
    fn splits_front_matter_from_body() {
        let text = "---\ntitle: Hello\norder: 3\n---\nBody\n";
        let parsed = parse_text(text).unwrap();
        assert_eq!(parsed.front.title, "Hello");
        assert_eq!(parsed.front.order, Some(3));
        assert!(parsed.front.print);
        assert_eq!(&text[parsed.body_start..], "Body\n");
    }

    #[test]
    fn missing_title_points_into_the_front_matter() {
        let error = parse_text("---\nsummary: x\n---\n").unwrap_err();
        assert!(error.message.contains("title"), "{error}");
        assert_eq!(error.line, Some(2));
    }

    #[test]
    fn unclosed_and_missing_front_matter_are_reported() {
        assert!(
            parse_text("---\ntitle: x\n")
                .unwrap_err()
                .message
                .contains("not closed")
        );
        assert!(
            parse_text("# Just markdown\n")
                .unwrap_err()
                .message
                .contains("no front matter")
        );
        assert!(
            parse_text("---\n\n---\n")
                .unwrap_err()
                .message
                .contains("empty")
        );
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(Date::parse("2026-11-27").unwrap().iso(), "2026-11-27");
        assert!(Date::parse("2026-02-30").is_none());
        let error = parse_text("---\ntitle: x\nupdated: 27/11/2026\n---\n").unwrap_err();
        assert_eq!(error.line, Some(3), "{error}");
    }

    #[test]
    fn crlf_files_split_too() {
        let text = "---\r\ntitle: Hello\r\n---\r\nBody\r\n";
        let parsed = parse_text(text).unwrap();
        assert_eq!(&text[parsed.body_start..], "Body\r\n");
    }
}
