//! Stage 6, **write**: the built site onto disk without ever leaving a
//! half-written output.
//!
//! Files go into a fresh folder beside the output (`.NAME.building-PID`); only
//! when every file is written is the old output moved aside and the new one
//! renamed into place. A failure, a full disk or a signal leaves the previous
//! output exactly as it was and removes the temporary folder.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Folders being written right now, removed by the signal handler if the build is stopped.
static IN_PROGRESS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Writes `files` (output path → bytes) as the new content of `out`.
pub fn write_site(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> io::Result<()> {
    let out = absolute(out)?;
    let parent = out
        .parent()
        .ok_or_else(|| io::Error::other("the output folder has no parent folder"))?;
    std::fs::create_dir_all(parent)?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    remove_stale_temporaries(parent, &name);
    let building = parent.join(format!(".{name}.building-{}", std::process::id()));
    let previous = parent.join(format!(".{name}.previous-{}", std::process::id()));
    track(&building, true);
    let result = write_all(&building, files).and_then(|()| swap_in(&building, &out, &previous));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&building);
    }
    track(&building, false);
    result
}

fn write_all(dir: &Path, files: &BTreeMap<String, Vec<u8>>) -> io::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir(dir)?;
    for (path, bytes) in files {
        let target = dir.join(path);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder)?;
        }
        std::fs::write(&target, bytes)?;
    }
    Ok(())
}

fn swap_in(building: &Path, out: &Path, previous: &Path) -> io::Result<()> {
    if out.exists() {
        std::fs::rename(out, previous)?;
        if let Err(error) = std::fs::rename(building, out) {
            // put the last good output back before reporting
            std::fs::rename(previous, out)?;
            return Err(error);
        }
        std::fs::remove_dir_all(previous)?;
    } else {
        std::fs::rename(building, out)?;
    }
    Ok(())
}

/// Removes temporary folders left by builds that were killed outright (SIGKILL,
/// power loss), recognised by their name and a process id that is gone.
fn remove_stale_temporaries(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&format!(".{name}.")) else {
            continue;
        };
        let Some((_, pid)) = rest.split_once('-') else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn track(dir: &Path, add: bool) {
    if let Ok(mut dirs) = IN_PROGRESS.lock() {
        if add {
            dirs.push(dir.to_path_buf());
        } else {
            dirs.retain(|d| d != dir);
        }
    }
}

/// Removes any output being written; called when the process is interrupted.
pub fn abandon_in_progress() {
    if let Ok(dirs) = IN_PROGRESS.lock() {
        for dir in dirs.iter() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn absolute(path: &Path) -> io::Result<PathBuf> {
    if path.is_absolute() {
        Ok(path.to_path_buf())
    } else {
        Ok(std::env::current_dir()?.join(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_output_and_leaves_no_temporary_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("old.html"), "old").unwrap();
        let files = BTreeMap::from([("index.html".to_string(), b"new".to_vec())]);
        write_site(&out, &files).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        assert!(!out.join("old.html").exists());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("output")]);
    }

    #[test]
    fn stale_folders_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".output.building-999999999");
        std::fs::create_dir(&stale).unwrap();
        write_site(&dir.path().join("output"), &BTreeMap::new()).unwrap();
        assert!(!stale.exists());
    }
}
