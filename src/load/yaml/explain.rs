//! The YAML library's errors in an editor's words, each with a hint.
//!
//! Every kind of error serde-saphyr (data that does not fit the schema) or
//! its parser granit (text that is not YAML) can give is mapped here to a
//! sentence that names the key and the value, and says what to write. The
//! library's own words are kept only for kinds an editor cannot cause
//! (internal limits, input that is not text).

use serde_saphyr::granit_parser::ErrorKind as Syntax;
use serde_saphyr::{Error, ExternalMessageSource};

use crate::diagnostics::did_you_mean;

/// A message and its hint.
pub(super) type Explained = (String, Option<String>);

/// The hint for YAML that does not parse and that nothing more precise explains.
const CHECK_THE_LINE: &str = "check the YAML on this line: a `key: value` per line, nested keys indented by two spaces, quotes in pairs";

/// The hint for text that YAML reads as something else.
const QUOTE_IT: &str = "put the whole value in quotes: `key: \"your text\"`";

/// The error `error` explained, `entry` being the `key: value` it points at.
pub(super) fn explain(error: &Error, entry: &Entry) -> Explained {
    let (message, hint) = explain_kind(error, entry);
    // Word and some editors turn quotes curly as they are typed
    if entry.has_smart_quotes() && is_syntax(error) {
        return said(
            message,
            "this line has typographic quotes (“ ”), which YAML does not read as quotes: type straight ones (\" \") around the value",
        );
    }
    (message, hint)
}

/// Whether `error` is the parser's: the text is not YAML.
fn is_syntax(error: &Error) -> bool {
    match error {
        Error::AliasError { error, .. } | Error::WithSnippet { error, .. } => is_syntax(error),
        Error::ExternalMessage { source, .. } => {
            matches!(source.as_ref(), ExternalMessageSource::Parser(_))
        }
        _ => false,
    }
}

fn explain_kind(error: &Error, entry: &Entry) -> Explained {
    match error {
        // our own checks (a date, an empty text) already say what to write
        Error::Message { msg, .. } => (msg.clone(), None),
        Error::AliasError { error, .. } | Error::WithSnippet { error, .. } => {
            explain_kind(error, entry)
        }
        Error::ExternalMessage { source, msg, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => syntax(scan.kind(), entry),
            _ => (msg.clone(), Some(CHECK_THE_LINE.to_string())),
        },
        _ => data(error, entry).unwrap_or_else(|| last_resort(error)),
    }
}

/// Whether `error` is about a tab: it is then shown at the tab itself, where
/// the parser points at the end of the value before it.
pub(super) fn is_about_tabs(error: &Error) -> bool {
    match error {
        Error::AliasError { error, .. } | Error::WithSnippet { error, .. } => is_about_tabs(error),
        Error::ExternalMessage { source, .. } => matches!(
            source.as_ref(),
            ExternalMessageSource::Parser(scan) if matches!(
                scan.kind(),
                Syntax::TabNotAllowed
                    | Syntax::TabInBlockIndentation
                    | Syntax::TabAtBlockScalarStart
                    | Syntax::TabInIndentation
                    | Syntax::TabInPlainScalar
            )
        ),
        _ => false,
    }
}

fn said(message: impl Into<String>, hint: impl Into<String>) -> Explained {
    (message.into(), Some(hint.into()))
}

/// The library's own words, for what an editor cannot cause.
fn last_resort(error: &Error) -> Explained {
    let text = error.to_string();
    let first_line = text.lines().next().unwrap_or(&text).trim();
    // the location is shown apart, in the file's own numbering
    let message = first_line
        .rfind(" at line ")
        .map_or(first_line, |end| &first_line[..end]);
    let message = message.trim_start_matches("error: ");
    let message = match message.split_once(": ") {
        Some((location, rest)) if location.starts_with("line ") => rest,
        _ => message,
    };
    said(message, CHECK_THE_LINE)
}

/// Text that is not YAML, by the parser's kind of error.
fn syntax(kind: &Syntax, entry: &Entry) -> Explained {
    match kind {
        Syntax::TabNotAllowed
        | Syntax::TabInBlockIndentation
        | Syntax::TabAtBlockScalarStart
        | Syntax::TabInIndentation
        | Syntax::TabInPlainScalar => said(
            "a tab is not allowed here: YAML is indented with spaces",
            "replace the tab with spaces (two for each level of indentation)",
        ),
        Syntax::UnclosedQuotedScalar | Syntax::DocumentIndicatorInQuotedScalar => said(
            "this quote is never closed",
            "add the closing quote at the end of the value (a quote inside the text is written twice in '…', or as \\\" in \"…\")",
        ),
        Syntax::InvalidTrailingSingleQuotedScalar | Syntax::InvalidTrailingDoubleQuotedScalar => {
            said(
                "there is more text after the closing quote",
                "a quoted value ends at its quote: quote the whole value, using the other kind of quote outside, for example `title: 'The \"safe\" space'`",
            )
        }
        Syntax::UnknownQuotedScalarEscape
        | Syntax::InvalidQuotedScalarHexEscape
        | Syntax::InvalidLowSurrogateHexEscape
        | Syntax::InvalidLowSurrogate
        | Syntax::MissingLowSurrogate
        | Syntax::UnpairedLowSurrogate
        | Syntax::InvalidUnicodeEscape => said(
            "a backslash in double quotes starts an escape, and this one is not valid",
            "write `\\\\` for a backslash, or put the value in single quotes instead",
        ),
        Syntax::InvalidQuotedScalarIndent | Syntax::InvalidFlowScalarIndent => said(
            "a value continued on the next line must be indented more than its key",
            "indent the continuation lines, or keep the value on one line",
        ),
        Syntax::SimpleKeyExpected
        | Syntax::InvalidSimpleKey
        | Syntax::ExpectedBlockMappingKey
        | Syntax::MappingKeyNotAllowed => said(
            "this line is not a `key: value` line, or is indented differently from the keys around it",
            "keys at the same level start in the same column; text that goes on over several lines is written `key: |` with its lines indented under it",
        ),
        Syntax::InvalidIndentation => said(
            "this line is indented wrongly",
            "keys at the same level start in the same column, nested keys two spaces further in",
        ),
        Syntax::MappingValueNotAllowed if entry.indented_key => said(
            "this key is indented further than the key above it, which already has a value",
            "start keys at the same level in the same column",
        ),
        Syntax::MappingValueNotAllowed
        | Syntax::InvalidColonPlacement
        | Syntax::InvalidMappingValueWhitespace
        | Syntax::FlowMappingValueAdjacentCollection => said(
            format!(
                "{} holds a `: `, which YAML reads as a new key",
                entry.subject()
            ),
            "put a value that contains `: ` in quotes, and check the indentation (keys at the same level start in the same column)",
        ),
        Syntax::ExpectedBlockSequenceEntry
        | Syntax::BlockSequenceEntryNotAllowed
        | Syntax::BlockEntryInFlowCollection => said(
            "this line breaks a list: every item starts with `- ` in the same column",
            "line the items' `-` up under each other, and indent what belongs to an item under its first line",
        ),
        Syntax::InvalidBlockEntryWhitespace | Syntax::ExpectedWhitespace => said(
            "a space is missing after `-` or `:`",
            "write `- item` and `key: value`, with a space after the `-` or the colon",
        ),
        Syntax::ZeroBlockScalarIndent | Syntax::InvalidBlockScalarHeader => said(
            "nothing may follow `|` or `>` on its line",
            "start the text on the next line, indented under the key",
        ),
        Syntax::InvalidBlockScalarIndent => said(
            "a line of this text is indented less than its first line",
            "indent every line of a `|` or `>` text at least as far as its first line",
        ),
        Syntax::CommentInterceptedScalar | Syntax::CommentNotSeparated => {
            said("a `#` here starts a comment and cuts the value", QUOTE_IT)
        }
        Syntax::ExpectedNodeContent | Syntax::UnexpectedEndOfPlainScalar => said(
            format!(
                "{} is missing or starts with a character YAML reserves",
                entry.subject()
            ),
            "write the value after the colon; a value starting with `@`, a backtick, `%`, `!`, `&`, `*`, `|` or `>` goes in quotes",
        ),
        Syntax::UnexpectedCharacter { character } => said(
            format!("a value cannot start with `{character}` in YAML"),
            QUOTE_IT,
        ),
        Syntax::PlainScalarStartsWithDashFlowIndicator => said(
            "a value cannot start with `-` followed by a bracket or comma",
            QUOTE_IT,
        ),
        Syntax::UnexpectedEofFlowSequence
        | Syntax::UnclosedFlowCollection { .. }
        | Syntax::UnexpectedEofFlowMapping
        | Syntax::UnexpectedEofImplicitFlowMapping
        | Syntax::MisplacedFlowCollectionEnd
        | Syntax::MismatchedFlowCollectionEnd { .. }
        | Syntax::ExpectedFlowMappingSeparator
        | Syntax::ExpectedFlowSequenceSeparator => said(
            "brackets do not pair up: in YAML a value starting with `[` is a list and `{` a mapping",
            "put text that starts with a bracket in quotes; a list in brackets is written `[one, two]`",
        ),
        Syntax::UnexpectedEofBlockSequence
        | Syntax::UnexpectedEofBlockMapping
        | Syntax::UnexpectedEof => said("the YAML ends in the middle of a value", CHECK_THE_LINE),
        Syntax::MissingAnchorOrAliasName | Syntax::UnknownAnchor | Syntax::AnchorCountOverflow => {
            said(
                "a value starting with `&` or `*` is a YAML reference",
                QUOTE_IT,
            )
        }
        Syntax::ExpectedTagBang
        | Syntax::ExpectedTagDirectiveBang
        | Syntax::InvalidGlobalTagCharacter
        | Syntax::UndeclaredTagHandle
        | Syntax::InvalidTagTerminator
        | Syntax::MissingTagUri
        | Syntax::UnclosedVerbatimTag
        | Syntax::InvalidTagEscape
        | Syntax::InvalidTagUtf8LeadingByte
        | Syntax::InvalidTagUtf8TrailingByte
        | Syntax::InvalidTagUtf8 => said("a value starting with `!` is a YAML tag", QUOTE_IT),
        Syntax::DuplicateVersionDirective
        | Syntax::UnsupportedYamlMajorVersion
        | Syntax::DuplicateTagDirective
        | Syntax::MissingDocumentEndBeforeDirective
        | Syntax::InvalidDirectiveTerminator
        | Syntax::DirectiveDisallowed
        | Syntax::MissingYamlVersionSeparator
        | Syntax::MissingDirectiveName
        | Syntax::InvalidDirectiveName
        | Syntax::YamlVersionTooLong
        | Syntax::MissingYamlVersion
        | Syntax::InvalidTagDirectiveTerminator => said(
            "a line starting with `%` is a YAML directive",
            "put a value starting with `%` in quotes",
        ),
        Syntax::ExpectedDocumentStart
        | Syntax::InvalidDocumentEnd
        | Syntax::MultipleDocumentsUnsupported => multiple_documents(),
        Syntax::BomInsideDocument => said(
            "an invisible byte order mark is in the middle of the text",
            "delete the character before this one (some editors call it a BOM), or save the file as UTF-8 without BOM",
        ),
        Syntax::RecursionLimitExceeded => said(
            "the YAML is nested too deep",
            "lists and mappings nest a few levels at most: take the inner ones out",
        ),
        other => said(other.to_string(), CHECK_THE_LINE),
    }
}

fn multiple_documents() -> Explained {
    said(
        "a `---` or `...` line is inside the YAML",
        "the YAML ends at the first `---` line: remove the extra one, or put text that starts with `---` in quotes",
    )
}

/// Data that is YAML but does not fit what the key takes.
fn data(error: &Error, entry: &Entry) -> Option<Explained> {
    let subject = entry.subject();
    let found = entry.found();
    Some(match error {
        Error::SerdeUnknownField {
            field, expected, ..
        } => unknown("key", field, expected),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => unknown("value", variant, expected),
        Error::SerdeMissingField { field, .. } => said(
            format!("the required key `{field}` is missing"),
            format!("add a line `{field}: ...` here"),
        ),
        Error::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().or(entry.written_key()).unwrap_or("");
            said(
                format!("the key `{key}` is set twice"),
                format!("keep only one `{key}:` line"),
            )
        }
        Error::InvalidScalar { ty, .. } => scalar(ty, entry)?,
        Error::InvalidBooleanStrict { .. } => scalar("bool", entry)?,
        Error::NonFiniteFloat { .. } => scalar("f64", entry)?,
        Error::NullIntoString { .. } | Error::InvalidCharNull { .. } => empty(entry),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } if unexpected.contains("unit") || unexpected.contains("null") => {
            let _ = expected;
            empty(entry)
        }
        Error::SerdeInvalidType { expected, .. } | Error::SerdeInvalidValue { expected, .. } => {
            wrong_shape(&subject, &found, expected)
        }
        Error::Unexpected { .. } if entry.key.is_none() && entry.colon_without_space() => said(
            "a space is missing after the colon",
            format!(
                "write `key: value`, with a space after the colon: `{}`",
                entry.spaced()
            ),
        ),
        Error::Unexpected { expected, .. } => wrong_shape(&subject, &found, expected),
        Error::SerdeInvalidLength { expected, .. } => said(
            format!("{subject} must have {expected}"),
            "add or remove items to match",
        ),
        Error::UnknownAnchor { .. } => said(
            "a value starting with `*` is a YAML reference, and nothing here is named so",
            QUOTE_IT,
        ),
        Error::MultipleDocuments { .. } => multiple_documents(),
        Error::Eof { .. } => said("the YAML ends in the middle of a value", CHECK_THE_LINE),
        Error::MergeKeyNotAllowed { .. } | Error::MergeValueNotMapOrSeqOfMaps { .. } => said(
            "`<<` (a YAML merge) is not used here",
            "write the keys out in full",
        ),
        Error::InvalidUtf8Input => said(
            "this file is not UTF-8 text",
            "save the file with UTF-8 encoding",
        ),
        _ => return None,
    })
}

/// "unknown key `x`" with the nearest known name, else the list of them.
fn unknown(kind: &str, name: &str, expected: &[&str]) -> Explained {
    let hint = match did_you_mean(name, expected) {
        Some(best) => format!("did you mean `{best}`?"),
        None if expected.is_empty() => format!("remove this {kind}"),
        None => format!("expected one of: {}", expected.join(", ")),
    };
    said(format!("unknown {kind} `{name}`"), hint)
}

/// A number or yes-or-no that is not one.
fn scalar(ty: &str, entry: &Entry) -> Option<Explained> {
    let (subject, found) = (entry.subject(), entry.found());
    Some(match ty {
        "i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize"
        | "isize" => said(
            format!("{subject} must be a whole number{found}"),
            format!("write digits only, for example {}", entry.example("3")),
        ),
        "f32" | "f64" => said(
            format!("{subject} must be a number{found}"),
            format!("write a number, for example {}", entry.example("1.5")),
        ),
        "bool" | "boolean" => said(
            format!("{subject} must be `true` or `false`{found}"),
            format!("write {} or `false`", entry.example("true")),
        ),
        _ => return None,
    })
}

/// A key written with nothing after it.
fn empty(entry: &Entry) -> Explained {
    match &entry.written {
        // `href: #intro`: the `#` starts a comment, and the value is gone
        Some((key, value)) if value.starts_with('#') => said(
            format!("`{key}` is empty: in YAML, `#` after a space starts a comment"),
            format!("put the value in quotes: `{key}: \"{value}\"`"),
        ),
        Some((key, value)) if value.starts_with('!') => said(
            format!("`{key}` is empty: in YAML, `!` at the start of a value makes a tag of it"),
            format!("put the value in quotes: `{key}: \"{value}\"`"),
        ),
        Some((key, _)) => said(
            format!("`{key}` is empty"),
            "write its value after the colon, or leave the key out if it is optional",
        ),
        None => said(
            "a value is empty",
            "write the value, or leave the key out if it is optional",
        ),
    }
}

/// A value of the wrong shape: text where a list is wanted, and so on.
fn wrong_shape(subject: &str, found: &str, expected: &str) -> Explained {
    if expected.contains("map") || expected.contains("struct") {
        said(
            format!("{subject} must hold `key: value` lines{found}"),
            "write its keys on the lines below it, each indented by two spaces; see the documentation for the keys it takes",
        )
    } else if expected.contains("seq") || expected.contains("list") {
        said(
            format!("{subject} must be a list{found}"),
            "write each item on its own line below it, indented, starting with `- `",
        )
    } else if expected.contains("str") || expected.contains("scalar") {
        said(
            format!("{subject} must be text{found}"),
            "in YAML a value starting with `[` is a list, `{` a mapping and `*` or `&` a reference: put text like that in quotes",
        )
    } else {
        said(
            format!("{subject} must be {expected}{found}"),
            CHECK_THE_LINE,
        )
    }
}

/// The `key: value` an error points at, read from the offending line.
#[derive(Debug, Default)]
pub(super) struct Entry {
    key: Option<String>,
    value: Option<String>,
    /// The line's own `key: value`, wherever the error points in it.
    written: Option<(String, String)>,
    /// The line is an indented `key: value` and the error is at its colon.
    indented_key: bool,
    /// The line as written.
    line: String,
}

impl Entry {
    pub(super) fn at(line: Option<&str>, column: usize) -> Entry {
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
        let indented_key = line.starts_with([' ', '\t'])
            && line
                .split_once(':')
                .is_some_and(|(key, _)| key.chars().count() + 1 == column);
        Entry {
            key,
            value: value
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty()),
            written,
            indented_key,
            line: line.to_string(),
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

    /// `title:Welcome`: a key and its value with no space between.
    fn colon_without_space(&self) -> bool {
        self.line.split_once(':').is_some_and(|(key, value)| {
            !key.trim().is_empty()
                && !key.contains(' ')
                && value.starts_with(|c: char| !c.is_whitespace())
        })
    }

    /// The line with a space after its first colon.
    fn spaced(&self) -> String {
        self.line.trim().replacen(':', ": ", 1)
    }

    /// Whether the line holds typographic quotes, which YAML reads as text.
    pub(super) fn has_smart_quotes(&self) -> bool {
        self.line.contains(['“', '”', '‘', '’'])
    }

    fn written_key(&self) -> Option<&str> {
        self.written.as_ref().map(|(key, _)| key.as_str())
    }

    fn example(&self, value: &str) -> String {
        match &self.key {
            Some(key) => format!("`{key}: {value}`"),
            None => format!("`{value}`"),
        }
    }
}
