//! The theme chain read into memory: the default theme, embedded in the
//! binary by `build.rs` (or read from a folder while working on the theme
//! itself), and the fork's theme folder that `theme:` names, which holds
//! only the files it changes. The theme stage makes templates of them; no
//! later stage reads a theme folder.

use std::path::{Path, PathBuf};

use super::Settings;
use super::files::{FolderFile, read_folder};
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};

/// Files of the default theme, embedded by `build.rs`: (path inside the theme, bytes).
const EMBEDDED: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// Where the default theme's files are shown to come from in messages.
pub const DEFAULT_THEME_DIR: &str = "themes/default";

/// The default theme's files and, for a fork that names one, its theme's,
/// each by its path inside the theme (`templates/chapter.html`).
#[derive(Debug, Clone)]
pub struct ThemeFiles {
    pub default: Vec<FolderFile>,
    pub fork: Vec<FolderFile>,
    /// The fork's theme folder, watched by `serve`.
    pub fork_dir: Option<PathBuf>,
}

impl ThemeFiles {
    /// The default theme alone, as embedded in the binary.
    pub fn embedded() -> ThemeFiles {
        let default = EMBEDDED
            .iter()
            .map(|(path, bytes)| FolderFile {
                name: path.to_string(),
                shown: Path::new(DEFAULT_THEME_DIR).join(path),
                bytes: bytes.to_vec(),
            })
            .collect();
        ThemeFiles {
            default,
            fork: Vec::new(),
            fork_dir: None,
        }
    }
}

/// Reads the theme chain of the handbook at `root`: the default theme from
/// `default_dir` when given, else the embedded one, and the fork's theme
/// named in `settings`.
pub fn read(
    root: &Path,
    settings: &Settings,
    default_dir: Option<&Path>,
) -> Result<ThemeFiles, Diagnostics> {
    let mut problems = Diagnostics::default();
    let mut files = ThemeFiles::embedded();
    if let Some(dir) = default_dir {
        files.default = read_folder(dir, root, "the theme", &mut problems);
    }
    files.fork_dir = fork_theme_dir(root, settings);
    if let Some(dir) = &files.fork_dir {
        if dir.is_dir() {
            files.fork = read_folder(dir, root, "the theme", &mut problems);
        } else {
            problems.push(
                Diagnostic::new(display_path(root, dir), "the theme folder does not exist")
                    .with_hint(
                        "create it, or remove `theme:` from handbook.yaml to use the default theme",
                    ),
            );
        }
    }
    problems.into_result(files)
}

/// A warning for each folder of the handbook's `themes/` that `theme:` does
/// not name: a theme an editor made, and forgot to name, is ignored.
pub fn unused_theme_folders(root: &Path, settings: &Settings) -> Diagnostics {
    let named = settings.theme.as_deref().unwrap_or("default");
    let Ok(entries) = std::fs::read_dir(root.join("themes")) else {
        return Diagnostics::default();
    };
    let mut unused: Vec<String> = entries
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name != named && name != "default" && !name.starts_with('.'))
        .collect();
    unused.sort();
    unused
        .into_iter()
        .map(|name| {
            let hint = match &settings.theme {
                Some(theme) => format!("`theme: {theme}` names another folder: write `theme: {name}` in handbook.yaml to use this one, or delete the folder"),
                None => format!("write `theme: {name}` in handbook.yaml to use it, or delete the folder"),
            };
            let message = format!("the theme folder `themes/{name}` is not used: no `theme:` in handbook.yaml names it");
            let problem = match settings.source.position("theme") {
                Some(_) => settings.source.locate("theme", message),
                None => Diagnostic::new(&settings.source.file, message),
            };
            problem.with_hint(hint).as_warning()
        })
        .collect()
}

/// The folder of the fork's theme named in the settings: inside the handbook,
/// or beside it (a repository holding several handbooks and their themes).
fn fork_theme_dir(root: &Path, settings: &Settings) -> Option<PathBuf> {
    let name = settings
        .theme
        .as_deref()
        .filter(|name| *name != "default")?;
    let candidates = [
        root.join("themes").join(name),
        root.join("..").join("themes").join(name),
    ];
    let dir = candidates
        .iter()
        .find(|dir| dir.is_dir())
        .unwrap_or(&candidates[0]);
    Some(dir.clone())
}
