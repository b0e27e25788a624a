//! YAML (front matter, `handbook.yaml`, component bodies) into typed data,
//! with errors located in the file the YAML came from.
//!
//! serde-saphyr reports the line and column inside the text it was given;
//! the caller says where that text starts in its file, so an error in a
//! component on line 40 of a chapter points at line 40, not line 2.
//!
//! A value that parses but is wrong (a colour without contrast, a logo not
//! in `assets/`) is found later; [`Positions`] tells where each value is
//! written, read from the YAML parser's own events, so nested keys of the
//! same name (`brand.colours.primary`, `brand.dark_colours.primary`) are told
//! apart, and [`YamlFile`] turns a value's path into a located diagnostic.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_saphyr::granit_parser::{Event, Parser};

use crate::diagnostics::{Diagnostic, line_and_column};

mod explain;

use explain::Entry;

/// Where a piece of YAML sits in its file.
#[derive(Debug, Clone, Copy)]
pub struct YamlOrigin<'a> {
    pub file: &'a Path,
    /// The whole file, so the diagnostic can quote the offending line.
    pub file_text: &'a str,
    /// Lines before the YAML's first line in the file.
    pub line_offset: usize,
}

/// A YAML file as read: the path shown in messages, its text, and where each
/// value is written in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct YamlFile {
    pub file: PathBuf,
    pub text: String,
    positions: Positions,
    /// For a handbook that extends another, the base's settings file, which
    /// sets what this one does not (and its own base, in turn).
    pub base: Option<Box<YamlFile>>,
}

impl YamlFile {
    pub fn new(file: PathBuf, text: String) -> YamlFile {
        let positions = Positions::of(&text);
        YamlFile {
            file,
            text,
            positions,
            base: None,
        }
    }

    /// The file that sets the value at `path`: this one, else the nearest
    /// base that does; this one when none does.
    pub fn setting(&self, path: &str) -> &YamlFile {
        let mut file = self;
        while file.position(path).is_none() {
            match &file.base {
                Some(base) => file = base,
                None => return self,
            }
        }
        file
    }

    /// Where the YAML starts in its file, for [`parse`].
    pub fn origin(&self) -> YamlOrigin<'_> {
        YamlOrigin {
            file: &self.file,
            file_text: &self.text,
            line_offset: 0,
        }
    }

    /// The 1-based line and column where the value at `path` is written.
    pub fn position(&self, path: &str) -> Option<(usize, usize)> {
        self.positions.get(path)
    }

    /// A problem with the value at `path` (`brand.colours.primary`, keys
    /// joined by dots, list items by their index from 0), pointing at the
    /// line that sets it (in a base's file when only the base sets it); at
    /// the file alone when no file sets it.
    pub fn locate(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        let file = self.setting(path);
        let problem = Diagnostic::new(&file.file, message);
        match file.position(path) {
            Some((line, column)) => problem.at(&file.text, line, column),
            None => problem,
        }
    }
}

/// Where each value of a YAML text is written: its path (keys joined by
/// dots, list items by their index) → the 1-based line and column of its
/// key, or of the item in a list. Read as far as the text parses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Positions(HashMap<String, (usize, usize)>);

/// A mapping or list being read, with its path.
enum Open {
    Mapping { path: String, key: Option<String> },
    List { path: String, next: usize },
}

impl Positions {
    pub fn of(text: &str) -> Positions {
        let mut positions = HashMap::new();
        let mut open: Vec<Open> = Vec::new();
        for (event, span) in Parser::new_from_str(text).map_while(Result::ok) {
            let at = (span.start.line(), span.start.col() + 1);
            match event {
                Event::Scalar(value, ..) => {
                    if let Some(Open::Mapping {
                        key: key @ None,
                        path,
                    }) = open.last_mut()
                    {
                        positions.insert(join(path, &value), at);
                        *key = Some(value.into_owned());
                    } else {
                        node_path(&mut open, &mut positions, at);
                    }
                }
                Event::Alias(_) => {
                    node_path(&mut open, &mut positions, at);
                }
                Event::MappingStart(..) => {
                    let path = node_path(&mut open, &mut positions, at).unwrap_or_default();
                    open.push(Open::Mapping { path, key: None });
                }
                Event::SequenceStart(..) => {
                    let path = node_path(&mut open, &mut positions, at).unwrap_or_default();
                    open.push(Open::List { path, next: 0 });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    open.pop();
                }
                _ => {}
            }
        }
        Positions(positions)
    }

    pub fn get(&self, path: &str) -> Option<(usize, usize)> {
        self.0.get(path).copied()
    }
}

/// The path of the node that starts at `at` in the innermost of `open`; an
/// item of a list is noted where it is written (a value of a mapping was,
/// at its key).
fn node_path(
    open: &mut [Open],
    positions: &mut HashMap<String, (usize, usize)>,
    at: (usize, usize),
) -> Option<String> {
    match open.last_mut()? {
        Open::Mapping { key, path } => {
            let key = key.take()?;
            Some(join(path, &key))
        }
        Open::List { path, next } => {
            let item = join(path, &next.to_string());
            *next += 1;
            positions.insert(item.clone(), at);
            Some(item)
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Parses `yaml` as `T`, turning any error into a located diagnostic with a hint.
pub fn parse<T: DeserializeOwned>(yaml: &str, origin: YamlOrigin<'_>) -> Result<T, Diagnostic> {
    serde_saphyr::from_str::<T>(yaml).map_err(|error| {
        let (line, column) = match error.location() {
            Some(location) if location.line() > 0 => {
                (location.line() as usize, location.column() as usize)
            }
            _ => line_and_column(yaml, yaml.len()),
        };
        let (line, column) = if explain::is_about_tabs(&error) {
            first_tab_from(yaml, line).unwrap_or((line, column))
        } else {
            (line, column)
        };
        let diagnostic = Diagnostic::new(origin.file, "").at(
            origin.file_text,
            origin.line_offset + line,
            column,
        );
        let entry = Entry::at(diagnostic.source_line.as_deref(), column);
        let (message, hint) = explain::explain(&error, &entry);
        let diagnostic = Diagnostic {
            message,
            ..diagnostic
        };
        match hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        }
    })
}

/// The line and column of the first tab on or after `line` (1-based) of
/// `yaml`: the parser reports a tab at the end of the value before it.
fn first_tab_from(yaml: &str, line: usize) -> Option<(usize, usize)> {
    yaml.lines()
        .enumerate()
        .skip(line.saturating_sub(1))
        .find_map(|(index, text)| {
            let at = text.find('\t')?;
            Some((index + 1, text[..at].chars().count() + 1))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        order: Option<u32>,
    }

    fn origin<'a>(file_text: &'a str, line_offset: usize) -> YamlOrigin<'a> {
        YamlOrigin {
            file: Path::new("chapters/01-x.md"),
            file_text,
            line_offset,
        }
    }

    #[test]
    fn unknown_key_is_located_and_suggests_the_nearest() {
        let file = "---\ntitle: A\ntitel: B\n---\n";
        let error = parse::<Sample>("title: A\ntitel: B\n", origin(file, 1)).unwrap_err();
        assert_eq!(error.line, Some(3), "{error}");
        assert_eq!(error.message, "unknown key `titel`", "{error}");
        assert_eq!(error.hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!(error.source_line.as_deref(), Some("titel: B"));
    }

    #[test]
    fn unknown_key_far_from_any_lists_the_known_ones() {
        let file = "title: A\ncolour: red\n";
        let error = parse::<Sample>(file, origin(file, 0)).unwrap_err();
        assert_eq!(
            error.hint.as_deref(),
            Some("expected one of: title, order"),
            "{error}"
        );
    }

    #[test]
    fn a_value_starting_with_a_hash_is_a_comment_and_says_so() {
        let file = "---\ntitle: #intro\norder: 2\n---\n";
        let error = parse::<Sample>("title: #intro\norder: 2\n", origin(file, 1)).unwrap_err();
        assert_eq!(error.line, Some(2), "{error}");
        assert_eq!(
            error.message,
            "`title` is empty: in YAML, `#` after a space starts a comment"
        );
        assert_eq!(
            error.hint.as_deref(),
            Some("put the value in quotes: `title: \"#intro\"`")
        );
        let file = "title:\n";
        let error = parse::<Sample>(file, origin(file, 0)).unwrap_err();
        assert_eq!(error.message, "`title` is empty", "{error}");
    }

    /// Keys of the same name at different depths are told apart: the old
    /// locator took the first line starting with `primary:`.
    #[test]
    fn positions_tell_nested_keys_of_the_same_name_apart() {
        let text = "title: T\nbrand:\n  colours:\n    primary: \"#111111\"\n  dark_colours:\n    primary: \"#eeeeee\"\nfooter_links:\n  - text: A\n    url: https://a.example\n  - {text: B, url: https://b.example}\n";
        let positions = Positions::of(text);
        assert_eq!(positions.get("title"), Some((1, 1)));
        assert_eq!(positions.get("brand.colours.primary"), Some((4, 5)));
        assert_eq!(positions.get("brand.dark_colours.primary"), Some((6, 5)));
        assert_eq!(positions.get("footer_links.0.url"), Some((9, 5)));
        assert_eq!(positions.get("footer_links.1"), Some((10, 5)));
        assert_eq!(positions.get("footer_links.1.url"), Some((10, 15)));
        assert_eq!(positions.get("brand.logo"), None);
    }

    #[test]
    fn a_located_value_quotes_its_line() {
        let file = YamlFile::new("handbook.yaml".into(), "brand:\n  logo: x.png\n".into());
        let problem = file.locate("brand.logo", "missing");
        assert_eq!((problem.line, problem.column), (Some(2), Some(3)));
        assert_eq!(problem.source_line.as_deref(), Some("  logo: x.png"));
        assert_eq!(file.locate("brand.icon", "missing").line, None);
    }

    #[test]
    fn wrong_type_names_the_line() {
        let file = "---\ntitle: A\norder: third\n---\n";
        let error = parse::<Sample>("title: A\norder: third\n", origin(file, 1)).unwrap_err();
        assert_eq!(error.line, Some(3), "{error}");
    }
}
