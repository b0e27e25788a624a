//! `handbook init DIR --name NAME`: a new handbook source to fork from.
//!
//! The scaffold (`src/init/scaffold/`) is embedded in the binary: settings
//! with a brand section filled in, two sample chapters that use components,
//! a placeholder logo and a README for the new owners. It builds as it is.
//! Placeholders such as `__NAME_YAML__` are replaced with the name, escaped
//! for the file they sit in.
//!
//! `handbook init DIR --extends PATH` makes a handbook that extends another
//! instead (`src/init/extends/`): its settings and brand, and no chapters of
//! its own until the editor writes or overrides one.

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

/// The scaffold of a handbook that extends another.
const EXTENDING: &[(&str, &str)] = &[
    ("handbook.yaml", include_str!("init/extends/handbook.yaml")),
    (
        "assets/logo.svg",
        include_str!("init/scaffold/assets/logo.svg"),
    ),
];

/// The organisation name used when `--name` is not given.
pub const DEFAULT_NAME: &str = "Our organisation";

/// Creates a new handbook in `dir` for the organisation `name`, and returns
/// the files written. `dir` must not exist yet or be empty.
pub fn init(dir: &Path, name: &str) -> Result<Vec<PathBuf>, Error> {
    scaffold(dir, name, SCAFFOLD, None)
}

/// Creates a handbook in `dir` that extends the handbook in `base` (a path
/// as typed, from the current folder), and returns the files written.
pub fn init_extending(dir: &Path, name: &str, base: &Path) -> Result<Vec<PathBuf>, Error> {
    if !base.join(crate::load::settings::FILE_NAME).is_file() {
        return Err(Error::Usage(format!(
            "`{}` holds no handbook.yaml: --extends names the folder of the handbook to extend",
            base.display()
        )));
    }
    refuse_non_empty(dir)?;
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        action: "cannot create the folder",
        path: dir.to_path_buf(),
        source,
    })?;
    let absolute = |path: &Path| std::fs::canonicalize(path).unwrap_or_else(|_| path.into());
    let extends = relative_path(&absolute(dir), &absolute(base));
    scaffold(dir, name, EXTENDING, Some(&extends))
}

fn scaffold(
    dir: &Path,
    name: &str,
    files: &[(&str, &str)],
    extends: Option<&Path>,
) -> Result<Vec<PathBuf>, Error> {
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
    let mut values = Placeholders::new(name, &folder);
    if let Some(extends) = extends {
        let path = extends.to_string_lossy().replace('\\', "/");
        values.pairs.push(("__EXTENDS_YAML__", yaml_string(&path)));
    }
    let mut written = Vec::new();
    for (relative, template) in files {
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

/// The path from the folder `from` to `to`, both absolute: `../base`.
fn relative_path(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    // nothing in common but the root: the absolute path reads better
    if common <= 1 {
        return to.iter().collect();
    }
    let mut path: PathBuf = from[common..].iter().map(|_| "..").collect();
    path.extend(&to[common..]);
    if path.as_os_str().is_empty() {
        path.push(".");
    }
    path
}

/// What to type next, to build the handbook made in `dir`: paths quoted so
/// the line can be pasted into a shell.
pub fn next_steps(dir: &Path) -> String {
    format!(
        "{}\nThen read {}",
        build_steps(dir),
        dir.join("README.md").display()
    )
}

/// What to type next in the handbook made in `dir`, which extends another.
pub fn next_steps_extending(dir: &Path) -> String {
    format!(
        "{}\nTo change one of the base's chapters, copy it with:\n  handbook override SLUG {}\nThen read \"Extending a handbook\" in docs/forking.md",
        build_steps(dir),
        shell_quoted(dir)
    )
}

fn build_steps(dir: &Path) -> String {
    let site = PathBuf::from(format!("{}-site", dir.display()));
    format!(
        "Build it with:\n  handbook build {} --out {}\nPreview it with:\n  handbook serve {}",
        shell_quoted(dir),
        shell_quoted(&site),
        shell_quoted(dir),
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
        let yaml = yaml_string;
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

/// `text` as a quoted YAML string (JSON's quoting is YAML's).
fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
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
    fn a_relative_path_climbs_to_the_common_folder() {
        assert_eq!(
            relative_path(Path::new("/work/forks/ours"), Path::new("/work/handbook")),
            Path::new("../../handbook")
        );
        assert_eq!(
            relative_path(Path::new("/work/ours"), Path::new("/work/ours/base")),
            Path::new("base")
        );
        assert_eq!(
            relative_path(Path::new("/tmp/ours"), Path::new("/work/handbook")),
            Path::new("/work/handbook")
        );
    }

    #[test]
    fn every_placeholder_is_filled() {
        let mut values = Placeholders::new("Acme & Sons: \"Care\"", "acme");
        values
            .pairs
            .push(("__EXTENDS_YAML__", yaml_string("../base")));
        for (path, template) in SCAFFOLD.iter().chain(EXTENDING) {
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
