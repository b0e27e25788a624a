//! Finding and running the machine's headless Chromium to print a page to PDF.
//!
//! Chromium is never downloaded: it is Debian's `chromium` package (or another
//! Chromium or Chrome the user names). Every run gets a fresh profile folder,
//! no network chatter, and a deadline so a stuck browser cannot hang a build.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::io_error;
use crate::error::Error;

/// The names Chromium goes by on PATH, in the order they are tried.
pub const NAMES: [&str; 3] = ["chromium", "chromium-browser", "google-chrome"];

const INSTALL_HINT: &str = "install Debian's `chromium` package (`apt-get install chromium`), or give the browser's path with --chromium PATH";

/// The browser to print with: `given` if set, else the first of [`NAMES`] on `path_var`.
pub fn find(given: Option<&Path>, path_var: Option<OsString>) -> Result<PathBuf, Error> {
    if let Some(path) = given {
        return if is_executable(path) {
            Ok(path.to_path_buf())
        } else {
            Err(Error::Tool(format!(
                "Chromium was not found at `{}`\n  hint: {INSTALL_HINT}",
                path.display()
            )))
        };
    }
    let dirs: Vec<PathBuf> = path_var
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    NAMES
        .iter()
        .flat_map(|name| dirs.iter().map(move |dir| dir.join(name)))
        .find(|candidate| is_executable(candidate))
        .ok_or_else(|| {
            Error::Tool(format!(
                "Chromium was not found: none of {} is on PATH\n  hint: {INSTALL_HINT}",
                NAMES.map(|n| format!("`{n}`")).join(", ")
            ))
        })
}

fn is_executable(path: &Path) -> bool {
    let Ok(metadata) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        metadata.is_file() && metadata.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        metadata.is_file()
    }
}

/// Prints `page` (an HTML file) to `pdf` with `browser`, using `scratch` for its
/// profile and log; gives up after `timeout`.
pub fn print_to_pdf(
    browser: &Path,
    page: &Path,
    pdf: &Path,
    scratch: &Path,
    timeout: Duration,
) -> Result<(), Error> {
    let profile = scratch.join("profile");
    let log_path = scratch.join("chromium.log");
    // A fresh profile for every print: nothing carried over, nothing locked.
    if profile.exists() {
        std::fs::remove_dir_all(&profile)
            .map_err(io_error("cannot clear the browser profile", &profile))?;
    }
    let _ = std::fs::remove_file(pdf);
    let log = std::fs::File::create(&log_path)
        .map_err(io_error("cannot create the browser log", &log_path))?;
    let mut command = Command::new(browser);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--no-default-browser-check",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
        ])
        .arg(flag("--user-data-dir=", &profile))
        .arg(flag("--print-to-pdf=", pdf))
        .arg(file_url(page))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
    let mut child = command.spawn().map_err(|error| {
        Error::Tool(format!(
            "cannot start Chromium (`{}`): {error}\n  hint: {INSTALL_HINT}",
            browser.display()
        ))
    })?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < timeout => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Ok(None) => {
                stop(&mut child);
                return Err(Error::Tool(format!(
                    "Chromium did not finish printing within {} seconds{}",
                    timeout.as_secs(),
                    log_tail(&log_path)
                )));
            }
            Err(error) => {
                stop(&mut child);
                return Err(Error::Tool(format!(
                    "lost track of Chromium while it printed: {error}"
                )));
            }
        }
    };
    let printed = std::fs::metadata(pdf).is_ok_and(|m| m.len() > 0);
    if !status.success() || !printed {
        return Err(Error::Tool(format!(
            "Chromium could not print the handbook ({status}){}",
            log_tail(&log_path)
        )));
    }
    Ok(())
}

/// Kills the browser; its renderers and helpers exit when it does.
fn stop(child: &mut std::process::Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn flag(name: &str, path: &Path) -> OsString {
    let mut flag = OsString::from(name);
    flag.push(path);
    flag
}

/// A `file://` URL for an absolute path, with everything but unreserved characters escaped.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// The last lines Chromium logged that are not the usual noise of a machine
/// without a desktop session, to explain a failure.
fn log_tail(log_path: &Path) -> String {
    let log = std::fs::read_to_string(log_path).unwrap_or_default();
    let lines: Vec<&str> = log
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.contains("dbus"))
        .collect();
    let tail = &lines[lines.len().saturating_sub(8)..];
    if tail.is_empty() {
        String::new()
    } else {
        format!("; Chromium said:\n    {}", tail.join("\n    "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_path_that_does_not_exist_names_the_path_and_the_package() {
        let error = find(Some(Path::new("/nowhere/chromium")), None).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("/nowhere/chromium"), "{message}");
        assert!(message.contains("apt-get install chromium"), "{message}");
    }

    #[test]
    fn an_empty_path_names_every_browser_looked_for() {
        let message = find(None, Some(OsString::new())).unwrap_err().to_string();
        for name in NAMES {
            assert!(message.contains(&format!("`{name}`")), "{message}");
        }
    }

    /// An executable shell script standing in for the browser.
    #[cfg(unix)]
    fn fake_browser(dir: &Path, script: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join("fake-chromium");
        std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    #[cfg(unix)]
    #[test]
    fn a_browser_that_hangs_is_stopped_at_the_deadline() {
        let dir = tempfile::tempdir().unwrap();
        let browser = fake_browser(dir.path(), "exec sleep 30");
        let started = Instant::now();
        let error = print_to_pdf(
            &browser,
            &dir.path().join("page.html"),
            &dir.path().join("out.pdf"),
            dir.path(),
            Duration::from_millis(300),
        )
        .unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(10));
        assert!(error.to_string().contains("did not finish"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_print_reports_what_the_browser_said_without_the_dbus_noise() {
        let dir = tempfile::tempdir().unwrap();
        let browser = fake_browser(
            dir.path(),
            "echo 'ERROR:dbus/bus.cc Failed to connect to the bus' >&2\necho 'cannot open the page' >&2\nexit 3",
        );
        let message = print_to_pdf(
            &browser,
            &dir.path().join("page.html"),
            &dir.path().join("out.pdf"),
            dir.path(),
            Duration::from_secs(10),
        )
        .unwrap_err()
        .to_string();
        assert!(message.contains("cannot open the page"), "{message}");
        assert!(!message.contains("dbus"), "{message}");
    }

    #[test]
    fn file_urls_escape_spaces_and_non_ascii() {
        assert_eq!(
            file_url(Path::new("/tmp/My Handbook/ü/index.html")),
            "file:///tmp/My%20Handbook/%C3%BC/index.html"
        );
    }
}
