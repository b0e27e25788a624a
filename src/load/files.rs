//! Folders read from disk: the one walk every folder of a handbook goes
//! through (`assets/`, a theme's folder), and symbolic links, which may only
//! lead to a file inside the folder they are in.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, display_path};

/// A file found in a folder, read into memory.
#[derive(Debug, Clone)]
pub struct FolderFile {
    /// Its path inside the folder, with `/` between parts (`logos/dark.svg`).
    pub name: String,
    /// Its path as shown in messages.
    pub shown: PathBuf,
    pub bytes: Vec<u8>,
}

/// Every file under `dir`, read, sorted by name, hidden files and folders
/// left out. `root` is the handbook folder messages are shown relative to;
/// `what` names the folder's content in messages ("an asset", "the theme").
/// A symbolic link is read only when it leads to a file inside `dir`; a
/// file that cannot be read is a problem, and the walk goes on.
pub fn read_folder(
    dir: &Path,
    root: &Path,
    what: &str,
    problems: &mut Diagnostics,
) -> Vec<FolderFile> {
    let mut files = Vec::new();
    // follow_links(false): a symlink loop cannot hang the walk; each link is
    // checked on its own below.
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                problems.push(Diagnostic::new(
                    display_path(root, error.path().unwrap_or(dir)),
                    format!("cannot read {what}: {error}"),
                ));
                continue;
            }
        };
        let Ok(relative) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let name = relative.to_string_lossy().replace('\\', "/");
        if name.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        if entry.path_is_symlink() {
            if let Err(problem) = file_behind_link(entry.path(), dir) {
                problems.push(problem.at_path(root, entry.path()));
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        let shown = display_path(root, entry.path());
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push(FolderFile { name, shown, bytes }),
            Err(error) => problems.push(Diagnostic::new(shown, format!("cannot read: {error}"))),
        }
    }
    files
}

/// The files of the handbook's `assets/` folder (none when it has none).
pub fn read_assets(root: &Path, problems: &mut Diagnostics) -> Vec<FolderFile> {
    let dir = root.join("assets");
    if !dir.is_dir() {
        return Vec::new();
    }
    read_folder(&dir, root, "an asset", problems)
}

/// Why a symbolic link cannot be used, as a diagnostic waiting for its file.
pub struct LinkProblem {
    message: &'static str,
    hint: &'static str,
}

impl LinkProblem {
    pub fn at_path(self, root: &Path, link: &Path) -> Diagnostic {
        let shown = display_path(root, link);
        Diagnostic::new(shown, self.message).with_hint(self.hint)
    }
}

/// The file a symbolic link leads to, when that is a file inside `folder`:
/// a link cannot bring a file from elsewhere on the computer into the site,
/// and a link that loops or leads nowhere is reported, never followed forever.
pub fn file_behind_link(link: &Path, folder: &Path) -> Result<PathBuf, LinkProblem> {
    let target = std::fs::canonicalize(link).map_err(|_| LinkProblem {
        message: "this symbolic link leads nowhere (to a missing file, or round in a loop)",
        hint: "replace the link with the file itself, or remove it",
    })?;
    let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
    if !target.starts_with(&folder) {
        return Err(LinkProblem {
            message: "this symbolic link leads outside its folder in the handbook",
            hint: "copy the file into the handbook instead of linking to it",
        });
    }
    if !target.is_file() {
        return Err(LinkProblem {
            message: "this symbolic link leads to a folder, which is not followed",
            hint: "move or copy the files themselves into the folder",
        });
    }
    Ok(target)
}
