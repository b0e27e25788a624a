//! Which folder is the handbook: the one named on the command line, else
//! `handbook/` where it exists (the bundled handbook, or a repository that
//! keeps its handbook there), else the current folder when it holds
//! `handbook.yaml` (an editor running the command inside their handbook).

use std::path::{Path, PathBuf};

use super::settings::FILE_NAME;
use crate::error::Error;

/// The folder looked for when none is named.
pub const DEFAULT_FOLDER: &str = "handbook";

/// The handbook's folder: `named` when given, else found from `current`,
/// the folder the command runs in.
pub fn source_folder(named: Option<&Path>, current: &Path) -> Result<PathBuf, Error> {
    if let Some(named) = named {
        return Ok(named.to_path_buf());
    }
    let default = current.join(DEFAULT_FOLDER);
    if default.join(FILE_NAME).is_file() || default.is_dir() {
        return Ok(PathBuf::from(DEFAULT_FOLDER));
    }
    if current.join(FILE_NAME).is_file() {
        return Ok(PathBuf::from("."));
    }
    Err(Error::Usage(format!(
        "there is no handbook here: no `{DEFAULT_FOLDER}/` folder and no `{FILE_NAME}` in {}; \
         name the handbook's folder, for example `handbook build path/to/my-handbook`, \
         or start one with `handbook init my-handbook`",
        current.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_folder_is_used_as_it_is() {
        let found = source_folder(Some(Path::new("elsewhere")), Path::new("/nowhere")).unwrap();
        assert_eq!(found, Path::new("elsewhere"));
    }

    #[test]
    fn handbook_folder_first_then_the_current_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            source_folder(None, dir.path()),
            Err(Error::Usage(message)) if message.contains("handbook init")
        ));
        std::fs::write(dir.path().join(FILE_NAME), "title: T\n").unwrap();
        assert_eq!(source_folder(None, dir.path()).unwrap(), Path::new("."));
        std::fs::create_dir(dir.path().join(DEFAULT_FOLDER)).unwrap();
        assert_eq!(
            source_folder(None, dir.path()).unwrap(),
            Path::new(DEFAULT_FOLDER)
        );
    }
}
