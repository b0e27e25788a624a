//! Helpers shared by the integration tests: the binary, the fixtures, and a
//! byte-for-byte picture of a folder.
#![allow(dead_code)] // each test file uses its own subset

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The `handbook` binary this test run was built with.
pub fn handbook() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("handbook").unwrap()
}

/// Every file under `dir` (path relative to it → bytes; symbolic links as
/// `-> target`), to compare a folder before and after.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false) {
        let entry = entry.unwrap();
        let relative = entry
            .path()
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let content = if entry.path_is_symlink() {
            format!("-> {}", std::fs::read_link(entry.path()).unwrap().display()).into_bytes()
        } else if entry.file_type().is_file() {
            std::fs::read(entry.path()).unwrap()
        } else {
            b"(folder)".to_vec()
        };
        files.insert(relative, content);
    }
    files
}

/// Names of the writer's temporary folders (`.NAME.building-PID`,
/// `.NAME.previous-PID`) in `dir`.
pub fn temporary_folders(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| {
            name.starts_with('.') && (name.contains(".building-") || name.contains(".previous-"))
        })
        .collect()
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// One problem as the command line prints it.
pub struct Problem<'a> {
    /// As shown after `-->`.
    pub file: &'a str,
    /// Line and column, when the problem has them.
    pub line: Option<(usize, usize)>,
    /// A part of the message.
    pub message: &'a str,
    /// The quoted source line, in full.
    pub source_line: Option<&'a str>,
    /// A part of the hint (empty: any hint, or none).
    pub hint: &'a str,
}

impl Problem<'_> {
    /// Panics unless `stderr` holds a diagnostic with all of this.
    pub fn assert_in(&self, stderr: &str) {
        let location = match self.line {
            Some((line, column)) => format!("--> {}:{line}:{column}\n", self.file),
            None => format!("--> {}\n", self.file),
        };
        let found = stderr.split("\n\n").find(|block| {
            block.starts_with("error: ")
                && block
                    .lines()
                    .next()
                    .is_some_and(|first| first.contains(self.message))
                && block.contains(&location)
        });
        let Some(block) = found else {
            panic!(
                "no problem `{}` at `{}` in:\n{stderr}",
                self.message,
                location.trim()
            );
        };
        if let (Some((line, _)), Some(text)) = (self.line, self.source_line) {
            assert!(
                block.contains(&format!("\n{line} | {text}\n")),
                "source line `{text}` not quoted in:\n{block}"
            );
        }
        if !self.hint.is_empty() {
            let hint = block
                .lines()
                .find_map(|line| line.trim_start().strip_prefix("= hint: "))
                .unwrap_or_else(|| panic!("no hint in:\n{block}"));
            assert!(
                hint.contains(self.hint),
                "hint `{hint}` lacks `{}`",
                self.hint
            );
        }
    }
}
