//! Problems found in a handbook's source, reported all together.
//!
//! A build never stops at the first problem: every stage pushes what it finds
//! into [`Diagnostics`], and the command line prints them all at the end, each
//! with its file, line, column, the offending source line and a hint, in the
//! style editors know from compilers. A problem is an error, which stops the
//! build, or a warning: probably a mistake, but the site still builds.

use std::fmt;
use std::path::{Path, PathBuf};

/// Whether a problem stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Severity {
    /// The build cannot go on: nothing is written.
    #[default]
    Error,
    /// Probably a mistake; the site is built all the same (`check --strict`
    /// makes it an error).
    Warning,
}

/// One problem, located as precisely as the stage that found it can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based line in `file`, when the problem has one.
    pub line: Option<usize>,
    /// 1-based column (in characters) in that line.
    pub column: Option<usize>,
    pub message: String,
    /// The text of the offending line, shown under the location.
    pub source_line: Option<String>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            source_line: None,
            hint: None,
        }
    }

    /// Points at `line` (1-based) and `column` of `source`, copying the line's text.
    pub fn at(mut self, source: &str, line: usize, column: usize) -> Self {
        self.line = Some(line.max(1));
        self.column = Some(column.max(1));
        self.source_line = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(|text| text.trim_end_matches('\r').to_string());
        self
    }

    /// Points at the byte `offset` of `source`.
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        let (line, column) = line_and_column(source, offset);
        self.at(source, line, column)
    }

    /// The same problem as a warning: the build goes on.
    pub fn as_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds `hint` unless a more specific one is already there.
    pub fn with_hint_if_none(self, hint: impl Into<String>) -> Self {
        if self.hint.is_some() {
            self
        } else {
            self.with_hint(hint)
        }
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `source`.
pub fn line_and_column(source: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(source).line_and_column(offset)
}

/// Where the lines of a text start, to find the line and column of many
/// offsets without counting newlines from the start each time.
#[derive(Debug)]
pub struct LineIndex<'a> {
    source: &'a str,
    /// Byte offset of each line's first character.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        LineIndex { source, starts }
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    pub fn line_and_column(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset);
        let line_start = self.starts[line - 1];
        (line, self.source[line_start..offset].chars().count() + 1)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        write!(f, "  --> {}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        writeln!(f)?;
        if let (Some(line), Some(text)) = (self.line, &self.source_line) {
            let gutter = line.to_string().len();
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{line} | {text}")?;
            if let Some(column) = self.column {
                let pad: String = text
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                writeln!(f, "{:gutter$} | {pad}^", "")?;
            }
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem a run found, in the order found (sorted by file and line
/// before printing so output is stable across parallel runs).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Errors first, then warnings, each by file and place.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (a.severity, &a.file, a.line, a.column, &a.message)
                .cmp(&(b.severity, &b.file, b.line, b.column, &b.message))
        });
        self.0.dedup();
    }

    /// `Ok(value)` when nothing was found, else every problem.
    pub fn into_result<T>(mut self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() {
            Ok(value)
        } else {
            self.sort();
            Err(self)
        }
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|problem| !problem.is_warning())
    }

    /// The warnings alone, leaving the errors.
    pub fn take_warnings(&mut self) -> Diagnostics {
        let (warnings, errors) = std::mem::take(&mut self.0)
            .into_iter()
            .partition(Diagnostic::is_warning);
        self.0 = errors;
        Diagnostics(warnings)
    }

    /// Every warning made an error (`check --strict`).
    pub fn strict(mut self) -> Diagnostics {
        for problem in &mut self.0 {
            problem.severity = Severity::Error;
        }
        self
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(problems: I) -> Self {
        Diagnostics(problems.into_iter().collect())
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        let warnings = self.0.iter().filter(|problem| problem.is_warning()).count();
        let errors = self.0.len() - warnings;
        let plural = |count: usize, word: &str| {
            format!("{count} {word}{}", if count == 1 { "" } else { "s" })
        };
        match (errors, warnings) {
            (_, 0) => write!(f, "{} found", plural(errors, "problem")),
            (0, _) => write!(f, "{} found", plural(warnings, "warning")),
            _ => write!(
                f,
                "{} and {} found",
                plural(errors, "problem"),
                plural(warnings, "warning")
            ),
        }
    }
}

/// The known name closest to `unknown`, when it is close enough to be a typo.
pub fn did_you_mean<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|candidate| (strsim::damerau_levenshtein(unknown, candidate), *candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// A path shown relative to `root`'s parent, so messages read `handbook/chapters/x.md`.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    let base = root.parent().unwrap_or(root);
    path.strip_prefix(base).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let source = "first\nsé cond\n";
        assert_eq!(line_and_column(source, 0), (1, 1));
        assert_eq!(line_and_column(source, 6), (2, 1));
        // byte 9 is after "sé" (3 bytes), the third character
        assert_eq!(line_and_column(source, 9), (2, 3));
        // the end of the text, after its last newline
        assert_eq!(line_and_column(source, source.len()), (3, 1));
        assert_eq!(line_and_column("no newline", 99), (1, 11));
    }

    #[test]
    fn diagnostic_shows_file_line_snippet_and_hint() {
        let source = "---\ntitel: Hello\n---\n";
        let text = Diagnostic::new("chapters/01-a.md", "unknown key `titel`")
            .at(source, 2, 1)
            .with_hint("did you mean `title`?")
            .to_string();
        assert!(text.contains("chapters/01-a.md:2:1"), "{text}");
        assert!(text.contains("2 | titel: Hello"), "{text}");
        assert!(text.contains("hint: did you mean `title`?"), "{text}");
    }

    #[test]
    fn suggests_only_close_names() {
        let known = ["title", "slug", "order", "summary"];
        assert_eq!(did_you_mean("titel", &known), Some("title"));
        assert_eq!(did_you_mean("ordre", &known), Some("order"));
        assert_eq!(did_you_mean("colour", &known), None);
    }
}
