//! The accessibility statement's sources: a fork's own wording in
//! `accessibility.md` (an edition's in `accessibility.LANG.md`), read like a
//! chapter, and the check that a public
//! sector body's statement (`accessibility.regulations: true`) has every
//! part the model statement requires.
//!
//! The statement must say only what is true, so nothing is filled in for
//! the organisation: a missing part is a warning at its setting's line.

use std::path::Path;

use super::chapters::{Chapter, read_chapter};
use super::settings::{Compliance, Settings};
use crate::diagnostics::Diagnostics;

/// A handbook's own statement, beside `handbook.yaml`: its body replaces
/// the wording drawn from the settings.
pub const FILE_NAME: &str = "accessibility.md";

/// The handbook's own statement in `root`, when it has one: in the
/// handbook's own language, or in the edition `language`
/// (`accessibility.cy.md`).
pub fn read(root: &Path, language: Option<&str>) -> Result<Option<Chapter>, Diagnostics> {
    let path = root.join(file_name(language));
    if !path.exists() && !path.is_symlink() {
        return Ok(None);
    }
    read_chapter(root, &path).map(Some)
}

/// The file of the statement in `language` (the handbook's own when none).
fn file_name(language: Option<&str>) -> String {
    match (language, FILE_NAME.rsplit_once('.')) {
        (Some(code), Some((stem, extension))) => format!("{stem}.{code}.{extension}"),
        _ => FILE_NAME.to_string(),
    }
}

/// Whether `name`, a file beside `handbook.yaml`, is a statement: the
/// handbook's own or an edition's.
pub fn is_statement_file(name: &str) -> bool {
    name == FILE_NAME
        || super::languages::split_language(name).is_some_and(|(base, _)| base == FILE_NAME)
}

/// What a public sector body's statement lacks, as warnings at the settings'
/// lines; nothing for an organisation the regulations do not bind, or one
/// that writes its own statement.
pub fn missing_parts(settings: &Settings, own_statement: bool) -> Diagnostics {
    let info = &settings.accessibility;
    let mut problems = Diagnostics::default();
    if !info.regulations || own_statement {
        return problems;
    }
    let mut missing = |key: &str, at: &str, what: &str, hint: &str| {
        problems.push(
            settings
                .source
                .locate(
                    at,
                    format!("the accessibility statement of a public sector body needs {what}"),
                )
                .with_hint(format!("{hint} (`{key}` under `accessibility:`)"))
                .as_warning(),
        );
    };
    let regulations = "accessibility.regulations";
    if info.status.is_none() {
        missing(
            "status",
            regulations,
            "its compliance status",
            "say how far the site meets WCAG 2.2 AA, as your own testing found: `status: full`, `partial` or `not`",
        );
    }
    if matches!(info.status, Some(Compliance::Partial | Compliance::Not))
        && info.known_issues.is_empty()
    {
        missing(
            "known_issues",
            "accessibility.status",
            "the content that is not accessible",
            "list each problem your testing found, and what readers can do instead",
        );
    }
    if info.last_tested.is_none() {
        missing(
            "last_tested",
            regulations,
            "the date the site was last tested",
            "write the date of your last accessibility test, for example `last_tested: \"2027-03-01\"`",
        );
    }
    if info.tested_by.is_none() && info.test_method.is_none() {
        missing(
            "tested_by",
            regulations,
            "who tested the site and how",
            "name who carried out the test in `tested_by:` and say how in `test_method:`",
        );
    }
    if info.prepared.is_none() {
        missing(
            "prepared",
            regulations,
            "the date it was prepared",
            "write the date the statement was first prepared, for example `prepared: \"2027-03-01\"`",
        );
    }
    let reachable = info
        .contact(settings)
        .is_some_and(|c| c.email.is_some() || c.phone.is_some() || c.address.is_some());
    if !reachable {
        missing(
            "contact",
            regulations,
            "a way to report a problem",
            "give an email address or phone number readers can report problems to",
        );
    }
    problems
}
