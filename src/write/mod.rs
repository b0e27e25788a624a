//! Stage 7, **write**: the built site onto disk without ever leaving a
//! half-written output.
//!
//! Files go into a fresh folder beside the output (`.NAME.building-PID`); only
//! when every file is written is the old output moved aside and the new one
//! renamed into place. A failure, a full disk or a signal leaves the previous
//! output exactly as it was and removes the temporary folder.

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

/// Folders being written right now, removed by the signal handler if the
/// build is stopped. Writers hold a shared lock while they write a file, and
/// the exclusive lock while they create, swap or remove folders; the handler
/// takes the exclusive lock, so it waits for whole steps and never races a
/// writer, while files are written on several threads at once.
static IN_PROGRESS: RwLock<Vec<PathBuf>> = RwLock::new(Vec::new());

/// Testing aids, read from the environment: a pause after each file
/// (`HANDBOOK_WRITE_DELAY_MS`), so a test can interrupt a build halfway, and a
/// "disk full" error on the Nth file (`HANDBOOK_WRITE_FAIL_AFTER`).
const DELAY_VARIABLE: &str = "HANDBOOK_WRITE_DELAY_MS";
const FAIL_VARIABLE: &str = "HANDBOOK_WRITE_FAIL_AFTER";

fn writing_files() -> RwLockReadGuard<'static, Vec<PathBuf>> {
    IN_PROGRESS
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn changing_folders() -> RwLockWriteGuard<'static, Vec<PathBuf>> {
    IN_PROGRESS
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Writes `files` (output path → bytes) as the new content of `out`.
pub fn write_site(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> io::Result<()> {
    let staging = Staging::begin(out)?;
    for (path, bytes) in files {
        staging.write(path, bytes)?;
    }
    staging.finish().map(|_| ())
}

/// Writes one file (a PDF, an EPUB) beside `out` and renames it into place,
/// so a reader never opens half a file; creates `out`'s folder if needed.
pub fn file_into_place(out: &Path, bytes: &[u8]) -> io::Result<()> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let partial = parent.join(format!(
        ".{}.writing-{}",
        out.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, out).inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })
}

/// A new content of an output folder, written file by file (from any
/// thread) into a fresh folder beside it, and swapped in by
/// [`Staging::finish`]. Dropped unfinished, it is removed and the output is
/// left as it was.
pub struct Staging {
    out: PathBuf,
    building: PathBuf,
    previous: PathBuf,
    written: AtomicUsize,
    /// Folders inside `building` made already: the search shards share one,
    /// and asking the system again costs two calls a file.
    folders: Mutex<HashSet<PathBuf>>,
    delay: Option<Duration>,
    fail_after: Option<usize>,
    finished: bool,
}

impl Staging {
    /// Starts a new content for `out`, which must be a folder or not exist.
    pub fn begin(out: &Path) -> io::Result<Staging> {
        let out = absolute(out)?;
        if out.exists() && !out.is_dir() {
            return Err(io::Error::other(
                "it is a file, not a folder; choose a folder for the site",
            ));
        }
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
        {
            let mut dirs = changing_folders();
            if building.exists() {
                std::fs::remove_dir_all(&building)?;
            }
            std::fs::create_dir(&building)?;
            dirs.push(building.clone());
        }
        Ok(Staging {
            out,
            building,
            previous,
            written: AtomicUsize::new(0),
            folders: Mutex::default(),
            delay: std::env::var(DELAY_VARIABLE)
                .ok()
                .and_then(|ms| ms.parse().ok())
                .map(Duration::from_millis),
            fail_after: std::env::var(FAIL_VARIABLE)
                .ok()
                .and_then(|n| n.parse().ok()),
            finished: false,
        })
    }

    /// Writes one file, `path` being relative to the output folder.
    pub fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.write_parts(path, &[bytes])
    }

    /// Writes one file made of `parts`, in order, without joining them first:
    /// the single page of a large handbook is a hundred megabytes, most of it
    /// chapter bodies that are already in memory. Small parts are gathered
    /// in a buffer, so a page of many short parts is still one write.
    pub fn write_parts(&self, path: &str, parts: &[&[u8]]) -> io::Result<()> {
        let index = self.written.fetch_add(1, Ordering::Relaxed);
        if self.fail_after == Some(index) {
            return Err(io::Error::new(
                io::ErrorKind::StorageFull,
                format!("no space left on device (simulated by {FAIL_VARIABLE})"),
            ));
        }
        {
            let _writing = writing_files();
            let target = self.building.join(path);
            if let Some(folder) = target.parent() {
                let made = || self.folders.lock().unwrap_or_else(|e| e.into_inner());
                if !made().contains(folder) {
                    std::fs::create_dir_all(folder)?;
                    made().insert(folder.to_path_buf());
                }
            }
            if let [whole] = parts {
                std::fs::write(&target, whole)?;
            } else {
                let mut file = io::BufWriter::with_capacity(64 * 1024, File::create(&target)?);
                for part in parts {
                    file.write_all(part)?;
                }
                file.into_inner().map_err(io::IntoInnerError::into_error)?;
            }
        }
        if let Some(delay) = self.delay {
            std::thread::sleep(delay);
        }
        Ok(())
    }

    /// The output folder this replaces.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Puts the new content in place of the old; returns how many files it has.
    pub fn finish(mut self) -> io::Result<usize> {
        let mut dirs = changing_folders();
        let swapped = swap_in(&self.building, &self.out, &self.previous);
        if swapped.is_err() {
            let _ = std::fs::remove_dir_all(&self.building);
        }
        dirs.retain(|dir| dir != &self.building);
        self.finished = true;
        swapped.map(|()| self.written.load(Ordering::Relaxed))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let mut dirs = changing_folders();
            let _ = std::fs::remove_dir_all(&self.building);
            dirs.retain(|dir| dir != &self.building);
        }
    }
}

fn swap_in(building: &Path, out: &Path, previous: &Path) -> io::Result<()> {
    if out.exists() {
        std::fs::rename(out, previous)?;
        if let Err(error) = std::fs::rename(building, out) {
            // put the last good output back before reporting
            std::fs::rename(previous, out)?;
            return Err(error);
        }
        // The new output is in place; an old copy that cannot be removed now
        // is removed by the next build (see `remove_stale_temporaries`).
        let _ = std::fs::remove_dir_all(previous);
    } else {
        std::fs::rename(building, out)?;
    }
    Ok(())
}

/// Removes temporary folders left by builds that were killed outright (SIGKILL,
/// power loss), recognised by their name and a process id that is gone. A
/// build killed between moving the old output aside and moving the new one in
/// leaves no output but its `previous` copy: that copy is put back, not removed.
fn remove_stale_temporaries(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let out = parent.join(name);
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&format!(".{name}.")) else {
            continue;
        };
        let Some((kind, pid)) = rest.split_once('-') else {
            continue;
        };
        // only the writer's own folders: never a file of similar name
        if kind != "building" && kind != "previous" {
            continue;
        }
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists() {
            continue;
        }
        if kind == "previous" && !out.exists() && std::fs::rename(entry.path(), &out).is_ok() {
            continue;
        }
        let _ = std::fs::remove_dir_all(entry.path());
    }
}

/// Removes any output being written; called when the process is interrupted.
/// It keeps the lock, so the writer stops before its next step and the
/// process exits with no half-written folder.
pub fn abandon_in_progress() {
    let dirs = changing_folders();
    for dir in dirs.iter() {
        let _ = std::fs::remove_dir_all(dir);
    }
    std::mem::forget(dirs);
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

    /// `dir` holds the output folder and nothing else: no temporary folder.
    fn assert_only_the_output_is_in(dir: &Path) {
        let names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("output")]);
    }

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
        assert_only_the_output_is_in(dir.path());
    }

    #[test]
    fn a_file_written_in_parts_holds_the_parts_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let staging = Staging::begin(&out).unwrap();
        // parts larger than the buffer go straight to the file, between small ones
        let big = "b".repeat(200 * 1024);
        let parts: [&[u8]; 5] = [b"<p>", big.as_bytes(), b"", b"</p>", big.as_bytes()];
        staging.write_parts("print/index.html", &parts).unwrap();
        staging.write_parts("one.html", &[b"whole"]).unwrap();
        staging.finish().unwrap();
        assert_eq!(
            std::fs::read(out.join("print/index.html")).unwrap(),
            parts.concat()
        );
        assert_eq!(std::fs::read(out.join("one.html")).unwrap(), b"whole");
    }

    #[test]
    fn stale_folders_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".output.building-999999999");
        std::fs::create_dir(&stale).unwrap();
        write_site(&dir.path().join("output"), &BTreeMap::new()).unwrap();
        assert!(!stale.exists());
    }

    #[test]
    fn only_the_writers_own_leftovers_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let backup = dir.path().join(".output.backup-999999999");
        std::fs::create_dir(&backup).unwrap();
        write_site(&dir.path().join("output"), &BTreeMap::new()).unwrap();
        assert!(backup.exists());
    }

    #[test]
    fn a_write_error_halfway_leaves_the_previous_output_and_no_temporary_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("index.html"), "old").unwrap();
        // `a` is written as a file, so the folder `a/` cannot be made: the
        // same failure, part-way through, as a full disk
        let files = BTreeMap::from([
            ("a".to_string(), b"file".to_vec()),
            ("a/b.html".to_string(), b"x".to_vec()),
        ]);
        assert!(write_site(&out, &files).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
        assert_only_the_output_is_in(dir.path());
    }

    #[test]
    fn output_of_a_build_killed_mid_swap_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        // killed after moving the old output aside, before moving the new one in
        let previous = dir.path().join(".output.previous-999999999");
        std::fs::create_dir(&previous).unwrap();
        std::fs::write(previous.join("index.html"), "last good").unwrap();
        let building = dir.path().join(".output.building-999999999");
        std::fs::create_dir(&building).unwrap();
        let out = dir.path().join("output");
        let files = BTreeMap::from([("index.html".to_string(), b"new".to_vec())]);
        // the failing write shows what the next build starts from
        let failing = BTreeMap::from([
            ("a".to_string(), b"file".to_vec()),
            ("a/b.html".to_string(), b"x".to_vec()),
        ]);
        assert!(write_site(&out, &failing).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "last good"
        );
        assert!(!previous.exists() && !building.exists());
        write_site(&out, &files).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
    }

    #[test]
    fn an_output_that_is_a_file_is_refused_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        std::fs::write(&out, "notes").unwrap();
        assert!(write_site(&out, &BTreeMap::new()).is_err());
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "notes");
    }
}
