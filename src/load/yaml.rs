//! YAML (front matter, `handbook.yaml`, component bodies) into typed data,
//! with errors located in the file the YAML came from.
//!
//! serde-saphyr reports the line and column inside the text it was given;
//! the caller says where that text starts in its file, so an error in a
//! component on line 40 of a chapter points at line 40, not line 2.

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, did_you_mean, line_and_column};
use std::path::Path;

/// Where a piece of YAML sits in its file.
#[derive(Debug, Clone, Copy)]
pub struct YamlOrigin<'a> {
    pub file: &'a Path,
    /// The whole file, so the diagnostic can quote the offending line.
    pub file_text: &'a str,
    /// Lines before the YAML's first line in the file.
    pub line_offset: usize,
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
        let (message, hint) = explain(&plain_message(&error.without_snippet().to_string()));
        let diagnostic = Diagnostic::new(origin.file, message).at(
            origin.file_text,
            origin.line_offset + line,
            column,
        );
        match hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        }
    })
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

/// Turns serde's "unknown field `x`, expected one of a, b" into an editor's
/// message ("unknown key `x`") and a suggestion of the nearest known key.
fn explain(message: &str) -> (String, Option<String>) {
    let Some((kind, rest)) = message
        .strip_prefix("unknown field `")
        .map(|rest| ("key", rest))
        .or_else(|| {
            message
                .strip_prefix("unknown variant `")
                .map(|rest| ("value", rest))
        })
    else {
        return (message.to_string(), None);
    };
    let Some((name, expected)) = rest.split_once('`') else {
        return (message.to_string(), None);
    };
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
        None if expected.is_empty() => return (message.to_string(), None),
        None => format!("expected one of: {}", expected.join(", ")),
    };
    (format!("unknown {kind} `{name}`"), Some(hint))
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
    fn wrong_type_names_the_line() {
        let file = "---\ntitle: A\norder: third\n---\n";
        let error = parse::<Sample>("title: A\norder: third\n", origin(file, 1)).unwrap_err();
        assert_eq!(error.line, Some(3), "{error}");
    }
}
