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

use crate::diagnostics::{Diagnostic, did_you_mean, line_and_column};

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
        let diagnostic = Diagnostic::new(origin.file, "").at(
            origin.file_text,
            origin.line_offset + line,
            column,
        );
        let entry = Entry::at(diagnostic.source_line.as_deref(), column);
        let error = error.without_snippet();
        let (message, hint) = match error {
            // our own checks (a date, say) already say what to write
            serde_saphyr::Error::Message { msg, .. } => (msg.clone(), None),
            _ => explain(&plain_message(&error.to_string()), &entry),
        };
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

/// The `key: value` an error points at, read from the offending line.
#[derive(Debug, Default)]
struct Entry {
    key: Option<String>,
    value: Option<String>,
    /// The line's own `key: value`, wherever the error points in it.
    written: Option<(String, String)>,
}

impl Entry {
    fn at(line: Option<&str>, column: usize) -> Entry {
        let Some(line) = line else {
            return Entry::default();
        };
        let written = line
            .split_once(": ")
            .or_else(|| Some((line.trim_end().strip_suffix(':')?, "")))
            .map(|(key, value)| {
                let key = key.trim().trim_start_matches("- ").trim();
                (key.to_string(), value.trim().to_string())
            });
        let (key, rest) = match line.split_once(": ") {
            Some((key, rest)) => {
                // the key names the value only when the error is in its value,
                // not when the whole `key: value` is the wrong thing
                let value_column = key.chars().count() + 3;
                let key = key.trim().trim_start_matches("- ").trim();
                let plain = !key.is_empty()
                    && column >= value_column
                    && key
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
                (plain.then(|| key.to_string()), Some(rest))
            }
            None => (None, None),
        };
        // the value where the error points, else everything after `key: `
        let from_column: String = line.chars().skip(column.saturating_sub(1)).collect();
        let value = if from_column.trim().is_empty() {
            rest.map(str::to_string)
        } else {
            Some(from_column)
        };
        Entry {
            key,
            value: value
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty()),
            written,
        }
    }

    /// "`order`" when the key is known, else "this value".
    fn subject(&self) -> String {
        self.key
            .as_ref()
            .map_or_else(|| "this value".to_string(), |key| format!("`{key}`"))
    }

    /// ", not `third`" when the value is known.
    fn found(&self) -> String {
        self.value
            .as_ref()
            .map_or_else(String::new, |value| format!(", not `{value}`"))
    }

    fn example(&self, value: &str) -> String {
        match &self.key {
            Some(key) => format!("`{key}: {value}`"),
            None => format!("`{value}`"),
        }
    }
}

/// serde-saphyr ends messages with its own ` at line X column Y`; we show the
/// location separately, in the file's own numbering.
fn plain_message(message: &str) -> String {
    let first_line = message.lines().next().unwrap_or(message).trim();
    let trimmed = match first_line.rfind(" at line ") {
        Some(index) => &first_line[..index],
        None => first_line,
    };
    trimmed.trim_start_matches("error: ").to_string()
}

/// Turns the YAML library's message into one an editor can act on, with a hint.
fn explain(message: &str, entry: &Entry) -> (String, Option<String>) {
    if let Some(explained) = explain_unknown(message) {
        return explained;
    }
    let subject = entry.subject();
    let found = entry.found();
    let explained = |message: String, hint: String| (message, Some(hint));
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return explained(
            format!("the required key `{field}` is missing"),
            format!("add a line `{field}: ...` here"),
        );
    }
    if let Some(ty) = message.strip_prefix("invalid ") {
        if matches!(
            ty,
            "i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize"
        ) {
            return explained(
                format!("{subject} must be a whole number{found}"),
                format!("write digits only, for example {}", entry.example("3")),
            );
        }
        if matches!(ty, "f32" | "f64") {
            return explained(
                format!("{subject} must be a number{found}"),
                format!("write a number, for example {}", entry.example("1.5")),
            );
        }
        if ty.starts_with("boolean") {
            return explained(
                format!("{subject} must be `true` or `false`{found}"),
                format!("write {} or `false`", entry.example("true")),
            );
        }
    }
    if message.starts_with("cannot deserialize null") {
        return match &entry.written {
            // `href: #intro`: the `#` starts a comment, and the value is gone
            Some((key, value)) if value.starts_with('#') => explained(
                format!("`{key}` is empty: in YAML, `#` after a space starts a comment"),
                format!("put the value in quotes: `{key}: \"{value}\"`"),
            ),
            Some((key, _)) => explained(
                format!("`{key}` is empty"),
                "write its value after the colon, or leave the key out if it is optional"
                    .to_string(),
            ),
            None => explained(
                "a value is empty".to_string(),
                "write the value, or leave the key out if it is optional".to_string(),
            ),
        };
    }
    if message == "expected string scalar" || message.starts_with("invalid type:") {
        let what = message
            .rsplit_once(", expected ")
            .map_or("text", |(_, expected)| expected);
        let what = if what.contains("str") { "text" } else { what };
        return explained(
            format!("{subject} must be {what}{found}"),
            "in YAML a value starting with `[` is a list, `{` a mapping and `*` or `&` a reference: put text like that in quotes".to_string(),
        );
    }
    if let Some(key) = message
        .strip_prefix("duplicate mapping key: ")
        .and_then(|rest| rest.split(',').next())
    {
        return explained(
            format!("the key `{key}` is set twice"),
            format!("keep only one `{key}:` line"),
        );
    }
    let hint = match message {
        "unclosed quote" => "add the closing quote at the end of the value",
        "alias references unknown anchor" => {
            "a value starting with `*` is a YAML reference: put the text in quotes"
        }
        "mapping values are not allowed in this context" => {
            "check the indentation (keys at the same level start in the same column), and put a value that contains `: ` in quotes"
        }
        _ => {
            "check the YAML on this line: a `key: value` per line, nested keys indented by two spaces, quotes in pairs"
        }
    };
    (message.to_string(), Some(hint.to_string()))
}

/// Turns serde's "unknown field `x`, expected one of a, b" into an editor's
/// message ("unknown key `x`") and a suggestion of the nearest known key.
fn explain_unknown(message: &str) -> Option<(String, Option<String>)> {
    let (kind, rest) = message
        .strip_prefix("unknown field `")
        .map(|rest| ("key", rest))
        .or_else(|| {
            message
                .strip_prefix("unknown variant `")
                .map(|rest| ("value", rest))
        })?;
    let (name, expected) = rest.split_once('`')?;
    let expected: Vec<&str> = expected
        .trim_start_matches(',')
        .trim()
        .trim_start_matches("expected one of")
        .trim_start_matches("expected")
        .split([','])
        .flat_map(|part| part.split(" or "))
        .map(|part| part.trim().trim_matches('`'))
        .filter(|part| !part.is_empty())
        .collect();
    let hint = match did_you_mean(name, &expected) {
        Some(best) => format!("did you mean `{best}`?"),
        None if expected.is_empty() => return Some((message.to_string(), None)),
        None => format!("expected one of: {}", expected.join(", ")),
    };
    Some((format!("unknown {kind} `{name}`"), Some(hint)))
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
