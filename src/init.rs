//! `handbook init DIR --name NAME`: a new handbook source to fork from.
//!
//! The scaffold (`src/init/scaffold/`) is embedded in the binary: settings
//! with a brand section filled in, two sample chapters that use components,
//! a placeholder logo and a README for the new owners. It builds as it is.
//! Placeholders such as `__NAME_YAML__` are replaced with the name, escaped
//! for the file they sit in.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::html::escape;

/// Scaffold files: (path inside the new handbook, text with placeholders).
const SCAFFOLD: &[(&str, &str)] = &[
    ("handbook.yaml", include_str!("init/scaffold/handbook.yaml")),
    (
        "chapters/01-welcome.md",
        include_str!("init/scaffold/chapters/01-welcome.md"),
    ),
    (
        "chapters/02-how-we-work.md",
        include_str!("init/scaffold/chapters/02-how-we-work.md"),
    ),
    (
        "assets/logo.svg",
        include_str!("init/scaffold/assets/logo.svg"),
    ),
    ("README.md", include_str!("init/scaffold/README.md")),
];

/// The organisation name used when `--name` is not given.
pub const DEFAULT_NAME: &str = "Our organisation";

/// Creates a new handbook in `dir` for the organisation `name`, and returns
/// the files written. `dir` must not exist yet or be empty.
pub fn init(dir: &Path, name: &str) -> Result<Vec<PathBuf>, Error> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::Usage(
            "the organisation name is empty: give one with --name \"Org name\"".into(),
        ));
    }
    refuse_non_empty(dir)?;
    let folder = dir
        .file_name()
        .map_or_else(|| "handbook".into(), |n| n.to_string_lossy().into_owned());
    let values = Placeholders::new(name, &folder);
    let mut written = Vec::new();
    for (relative, template) in SCAFFOLD {
        let path = dir.join(relative);
        let io_error = |source| Error::Io {
            action: "cannot write",
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io_error)?;
        }
        std::fs::write(&path, values.fill(template)).map_err(io_error)?;
        written.push(path);
    }
    Ok(written)
}

/// What to type next, to build the handbook made in `dir`: paths quoted so
/// the line can be pasted into a shell.
pub fn next_steps(dir: &Path) -> String {
    let site = PathBuf::from(format!("{}-site", dir.display()));
    format!(
        "Build it with:\n  handbook build {} --out {}\nPreview it with:\n  handbook serve {}\nThen read {}",
        shell_quoted(dir),
        shell_quoted(&site),
        shell_quoted(dir),
        dir.join("README.md").display()
    )
}

/// `path` as a shell reads it back: quoted when it holds anything but
/// letters, digits and `/._-`.
fn shell_quoted(path: &Path) -> String {
    let text = path.display().to_string();
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

fn refuse_non_empty(dir: &Path) -> Result<(), Error> {
    if dir.is_file() {
        return Err(Error::Usage(format!(
            "`{}` is a file: give the name of a new folder for the handbook",
            dir.display()
        )));
    }
    let has_entries = std::fs::read_dir(dir)
        .map(|mut entries| entries.next().is_some())
        .unwrap_or(false);
    if has_entries {
        return Err(Error::Usage(format!(
            "`{}` is not empty: `handbook init` only writes into a new or empty folder, so nothing of yours is overwritten",
            dir.display()
        )));
    }
    Ok(())
}

/// The name, escaped for each kind of file it goes into.
struct Placeholders {
    pairs: Vec<(&'static str, String)>,
}

impl Placeholders {
    fn new(name: &str, folder: &str) -> Placeholders {
        let yaml = |text: &str| serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into());
        let initials: String = name
            .split_whitespace()
            .filter_map(|word| word.chars().next())
            .filter(|c| c.is_alphanumeric())
            .take(2)
            .collect::<String>()
            .to_uppercase();
        Placeholders {
            pairs: vec![
                ("__TITLE_YAML__", yaml(&format!("{name} handbook"))),
                ("__NAME_YAML__", yaml(name)),
                ("__NAME_MD__", markdown_escape(name)),
                ("__NAME_XML__", escape(name)),
                ("__INITIALS_XML__", escape(&initials)),
                ("__DIR__", folder.to_string()),
            ],
        }
    }

    fn fill(&self, template: &str) -> String {
        self.pairs
            .iter()
            .fold(template.to_string(), |text, (placeholder, value)| {
                text.replace(placeholder, value)
            })
    }
}

/// Text that reads as itself in Markdown, whatever punctuation it holds.
fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_steps_quote_paths_a_shell_would_split() {
        let steps = next_steps(Path::new("My Handbook"));
        assert!(
            steps.contains("handbook build 'My Handbook' --out 'My Handbook-site'"),
            "{steps}"
        );
        assert!(steps.contains("handbook serve 'My Handbook'"), "{steps}");
        let steps = next_steps(Path::new("it's/here"));
        assert!(steps.contains(r"handbook build 'it'\''s/here'"), "{steps}");
        assert!(
            next_steps(Path::new("plain/dir"))
                .contains("handbook build plain/dir --out plain/dir-site")
        );
    }

    #[test]
    fn every_placeholder_is_filled() {
        let values = Placeholders::new("Acme & Sons: \"Care\"", "acme");
        for (path, template) in SCAFFOLD {
            let filled = values.fill(template);
            assert!(
                !filled.contains("__"),
                "{path} still has a placeholder:\n{filled}"
            );
        }
    }

    #[test]
    fn the_name_is_escaped_for_each_file() {
        let values = Placeholders::new("Acme & Sons: \"Care\"", "acme");
        assert_eq!(
            values.fill("title: __TITLE_YAML__"),
            r#"title: "Acme & Sons: \"Care\" handbook""#
        );
        assert_eq!(
            values.fill("<text>__NAME_XML__</text>"),
            "<text>Acme &amp; Sons: &quot;Care&quot;</text>"
        );
        assert_eq!(values.fill("__NAME_MD__"), r#"Acme \& Sons: "Care""#);
        assert_eq!(values.fill("__INITIALS_XML__"), "AS");
    }
}
