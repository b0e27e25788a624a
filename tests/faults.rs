//! Nothing lost: a build stopped halfway (SIGTERM, SIGINT, SIGKILL) or
//! failing on a full disk leaves the previous output exactly as it was, and
//! no temporary folder behind (at once, or after SIGKILL at the next build).
//!
//! Writing is slowed with `HANDBOOK_WRITE_DELAY_MS` so the signal lands
//! while files are being written, and the test waits until it sees some.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{build_fixture, fixture, previous_build, snapshot, temporary_folders};

/// Starts a build of another handbook into `out`, writing slowly.
fn slow_build(out: &Path) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("handbook"))
        .env("HANDBOOK_WRITE_DELAY_MS", "300")
        .args(["build", "--source"])
        .arg(fixture("html-allowed"))
        .arg("--out")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until the build has written at least one file into its temporary folder.
fn wait_until_writing(dir: &Path, child: &mut Child) {
    let start = Instant::now();
    loop {
        let written = temporary_folders(dir).iter().any(|name| {
            walkdir::WalkDir::new(dir.join(name))
                .into_iter()
                .flatten()
                .any(|entry| entry.file_type().is_file())
        });
        if written {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the build ended ({status}) before it was seen writing");
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the build never started writing"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success());
}

fn interrupted_build_keeps_the_previous_output(name: &str) {
    let (dir, out) = previous_build();
    let before = snapshot(&out);
    let mut child = slow_build(&out);
    wait_until_writing(dir.path(), &mut child);
    signal(&child, name);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{status}");
    assert_eq!(snapshot(&out), before, "the previous output changed");
    assert_eq!(temporary_folders(dir.path()), Vec::<String>::new());
}

#[test]
fn sigterm_halfway_keeps_the_previous_output_and_leaves_nothing() {
    interrupted_build_keeps_the_previous_output("TERM");
}

#[test]
fn sigint_halfway_keeps_the_previous_output_and_leaves_nothing() {
    interrupted_build_keeps_the_previous_output("INT");
}

#[test]
fn sigkill_halfway_keeps_the_previous_output_and_the_next_build_cleans_up() {
    let (dir, out) = previous_build();
    let before = snapshot(&out);
    let mut child = slow_build(&out);
    wait_until_writing(dir.path(), &mut child);
    signal(&child, "KILL");
    child.wait().unwrap();
    assert_eq!(snapshot(&out), before, "the previous output changed");
    // nothing can clean up after SIGKILL at once...
    assert_eq!(temporary_folders(dir.path()).len(), 1);
    // ...so the next build does
    build_fixture("html-allowed", &out).assert().success();
    assert_eq!(temporary_folders(dir.path()), Vec::<String>::new());
    assert!(out.join("welcome/index.html").is_file());
}

#[test]
fn a_write_failing_halfway_keeps_the_previous_output() {
    let (dir, out) = previous_build();
    let before = snapshot(&out);
    let output = build_fixture("html-allowed", &out)
        .env("HANDBOOK_WRITE_FAIL_AFTER", "3")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no space left on device"), "{stderr}");
    assert_eq!(snapshot(&out), before);
    assert_eq!(temporary_folders(dir.path()), Vec::<String>::new());
}

/// A real full disk: a 1 MiB tmpfs (mounting needs root, which the project's
/// machines and CI run as), filled until only a few kilobytes are free.
#[test]
fn a_full_disk_keeps_the_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    let disk = TinyDisk::mount(&dir.path().join("disk"));
    let out = disk.path.join("out");
    build_fixture("good-small", &out).assert().success();
    let before = snapshot(&out);
    disk.fill_leaving(16 * 1024);

    let output = build_fixture("html-allowed", &out).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot write the site"), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert_eq!(snapshot(&out), before);
    assert_eq!(temporary_folders(&disk.path), Vec::<String>::new());
}

struct TinyDisk {
    path: PathBuf,
}

impl TinyDisk {
    fn mount(path: &Path) -> TinyDisk {
        std::fs::create_dir_all(path).unwrap();
        let output = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
            .arg(path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "this test mounts a tmpfs and needs to run as root: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        TinyDisk {
            path: path.to_path_buf(),
        }
    }

    /// Fills the disk with a file, then shrinks it to leave `free` bytes.
    fn fill_leaving(&self, free: u64) {
        use std::io::Write;
        let filler = self.path.join("filler");
        let mut file = std::fs::File::create(&filler).unwrap();
        let block = vec![0u8; 4096];
        let mut written = 0u64;
        while file.write_all(&block).is_ok() {
            written += block.len() as u64;
        }
        drop(file);
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&filler)
            .unwrap();
        file.set_len(written.saturating_sub(free)).unwrap();
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}
