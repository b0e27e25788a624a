//! What a chapter's file name says that is probably a mistake: a copy an
//! editor's file manager named (`02-values (copy).md`), and two chapters
//! numbered alike (`02-values.md`, `02-safety.md`), whose order is then
//! only their names'.

use std::collections::HashMap;

use super::{Chapter, split_order_prefix};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Words file managers add to a copy's name.
const COPY_MARKS: [&str; 4] = [" (copy)", " - copy", " copy", "copy of "];

/// The hint for a chapter whose file name makes no usable slug: the file
/// name to give it instead, and the slug that name makes.
pub fn rename_hint(chapter: &Chapter) -> String {
    let stem = chapter.file_name.trim_end_matches(".md");
    let (prefix, _) = split_order_prefix(stem);
    let words = slug_of(stem);
    let slug = match prefix {
        Some(_) => split_order_prefix(&words).1.to_string(),
        None => words.clone(),
    };
    let lower = stem.to_lowercase();
    let copy = COPY_MARKS.iter().any(|mark| lower.contains(mark))
        || lower.ends_with(')') && lower.contains(" (");
    let renamed = format!("rename the file `{words}.md` (its slug would be `{slug}`)");
    if copy {
        format!(
            "this looks like a copy of another chapter's file: {renamed}, or delete it if it is a spare"
        )
    } else {
        format!(
            "{renamed}, or set `slug:` in its front matter; a slug uses lowercase letters, digits and hyphens"
        )
    }
}

/// `02-Values (copy)` → `02-values-copy`.
fn slug_of(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Chapters numbered alike by their file names, neither setting `order:`:
/// a warning at the later one (the order between them is the names').
pub fn check_number_prefixes<'a>(
    chapters: impl IntoIterator<Item = &'a Chapter>,
    problems: &mut Diagnostics,
) {
    let mut first: HashMap<i64, &Chapter> = HashMap::new();
    for chapter in chapters {
        let stem = chapter.file_name.trim_end_matches(".md");
        // a translation (`02-values.fr.md`) shares its original's number
        let (Some(number), false) = (split_order_prefix(stem).0, stem.contains('.')) else {
            continue;
        };
        // a name that makes no slug is reported as such, not as a number too
        if chapter.front.order.is_some() || slug_of(stem) != stem {
            continue;
        }
        match first.get(&number) {
            Some(earlier) => problems.push(
                Diagnostic::new(
                    &chapter.display_path,
                    format!(
                        "`{}` and `{}` have the same number: their order is only that of their names",
                        earlier.file_name, chapter.file_name
                    ),
                )
                .with_hint("renumber one of them, or set `order:` in the front matter of both")
                .as_warning(),
            ),
            None => {
                first.insert(number, chapter);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chapter(file_name: &str) -> Chapter {
        Chapter {
            display_path: format!("chapters/{file_name}").into(),
            file_name: file_name.to_string(),
            slug: String::new(),
            order: 0,
            front: Default::default(),
            text: String::new(),
            body_start: 0,
            language: None,
        }
    }

    #[test]
    fn a_copy_is_told_to_be_renamed_with_its_slug() {
        let hint = rename_hint(&chapter("02-values (copy).md"));
        assert_eq!(
            hint,
            "this looks like a copy of another chapter's file: rename the file `02-values-copy.md` (its slug would be `values-copy`), or delete it if it is a spare"
        );
        let hint = rename_hint(&chapter("Our Values.md"));
        assert!(
            hint.starts_with("rename the file `our-values.md` (its slug would be `our-values`)"),
            "{hint}"
        );
    }

    #[test]
    fn two_chapters_numbered_alike_are_warned_once() {
        let chapters = [
            chapter("02-safety.md"),
            chapter("02-values.md"),
            chapter("02-values.fr.md"),
            chapter("03-next.md"),
        ];
        let mut problems = Diagnostics::default();
        check_number_prefixes(&chapters, &mut problems);
        assert_eq!(problems.len(), 1, "{problems}");
        assert!(problems.0[0].is_warning());
        assert!(
            problems.0[0]
                .message
                .starts_with("`02-safety.md` and `02-values.md`")
        );
    }
}
