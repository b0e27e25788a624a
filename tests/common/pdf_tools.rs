//! The tools outside `handbook` that the PDF tests print with and read
//! back with: Debian's Chromium, and poppler-utils (`pdfinfo`, `pdftotext`,
//! `pdftohtml`). A missing tool fails the test, never skips it.

use std::path::Path;
use std::process::Command;

/// Panics unless `tool` is on `PATH`, saying how to install it.
pub fn require(tool: &str) {
    let found = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).any(|dir| dir.join(tool).is_file()))
        .unwrap_or(false);
    assert!(
        found,
        "`{tool}` is not on PATH: the PDF tests need Debian's Chromium and poppler-utils (apt-get install -y chromium poppler-utils)"
    );
}

/// Runs the poppler tool `tool` with `args`, then the PDF, then `after`;
/// returns its standard output, panicking if it fails.
pub fn poppler(tool: &str, args: &[&str], pdf: &Path, after: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(after)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{tool} failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The value `pdfinfo` shows for `key` (`Title`, `Pages`, `Tagged`...).
pub fn pdf_info(pdf: &Path, key: &str) -> String {
    poppler("pdfinfo", &[], pdf, &[])
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{key}:")))
        .unwrap_or_else(|| panic!("pdfinfo shows no {key}"))
        .trim()
        .to_string()
}
