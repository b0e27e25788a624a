//! Benchmark (not a test): save-to-reload-event latency of `handbook serve`.
//!
//! Starts the `handbook` binary built beside this program on a free loopback
//! port, listens on the live-reload event stream as a page would, then saves
//! a body edit to one chapter again and again, timing each save from just
//! before the write to the arrival of the build event. Reports the median,
//! 95th percentile and extremes, and the server's own build times.
//!
//! ```text
//! cargo build --release --workspace && target/release/bench-reload                    # the bundled handbook
//! cargo build --release --workspace && target/release/bench-reload --chapters 1000
//! ```
//!
//! `--chapters N` writes N chapters with `gen-corpus` (6-12 KB of Markdown
//! each, with headings, lists, tables, quotes, footnotes, links between
//! chapters and components, the same every run); without it the bundled
//! `handbook/` is copied.
//! `--edits N` sets the number of timed saves (default 40).

use std::io::{BufRead, BufReader, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(60);

fn main() {
    let mut chapters = None;
    let mut edits = 40usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().and_then(|v| v.parse().ok()).expect("a number");
        match arg.as_str() {
            "--chapters" => chapters = Some(value()),
            "--edits" => edits = value(),
            other => panic!("unknown argument {other}; use --chapters N and --edits N"),
        }
    }

    let temp = tempfile::tempdir().expect("a temporary folder");
    let root = temp.path().join("handbook");
    let (edited, label) = match chapters {
        Some(count) => (
            generate(&root, count),
            format!("{count} generated chapters"),
        ),
        None => {
            let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("../handbook");
            copy_dir(&bundled, &root);
            (
                root.join("chapters/08-our-principles.md"),
                "the bundled handbook".to_string(),
            )
        }
    };

    let sizes: Vec<u64> = std::fs::read_dir(root.join("chapters"))
        .expect("the chapters")
        .filter_map(|entry| entry.ok()?.metadata().ok())
        .map(|metadata| metadata.len())
        .collect();
    let total: u64 = sizes.iter().sum();
    println!(
        "{} chapters, {} KB of Markdown ({:.1} KB a chapter on average)",
        sizes.len(),
        total / 1024,
        total as f64 / 1024.0 / sizes.len().max(1) as f64
    );

    let server = Server::start(&root);
    let events = Events::connect(server.port);
    events.next().expect("the current state on connecting");
    let original = std::fs::read_to_string(&edited).expect("the chapter to edit");
    let (mut latencies, mut failed) = (Vec::new(), 0);
    // two warm-up saves, not counted
    for edit in 0..edits + 2 {
        events.drain();
        let text = format!("{original}\nA sentence saved by edit number {edit}.\n");
        let saved = Instant::now();
        std::fs::write(&edited, text).expect("saving the chapter");
        let (arrived, update) = events.next().expect("a build event after the save");
        if !update["problems"].is_null() {
            failed += 1;
        }
        if edit >= 2 {
            latencies.push(arrived - saved);
        }
        std::thread::sleep(Duration::from_millis(30));
    }
    let build_times = server.build_times();
    drop(server);

    latencies.sort();
    let mut builds: Vec<Duration> = build_times.into_iter().skip(3).collect();
    builds.sort();
    println!(
        "Save-to-reload-event latency, {label}, {} saves:",
        latencies.len()
    );
    println!(
        "  median {:.1} ms, p95 {:.1} ms, min {:.1} ms, max {:.1} ms",
        ms(percentile(&latencies, 50)),
        ms(percentile(&latencies, 95)),
        ms(latencies[0]),
        ms(latencies[latencies.len() - 1]),
    );
    if !builds.is_empty() {
        println!(
            "  of which rebuilding (as the server reports it): median {:.0} ms, p95 {:.0} ms",
            ms(percentile(&builds, 50)),
            ms(percentile(&builds, 95)),
        );
    }
    if failed > 0 {
        println!(
            "  note: {failed} saves ended in a failed build (the handbook has problems); their event carries the problems"
        );
    }
}

fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    let index = (sorted.len() * percent).div_ceil(100).saturating_sub(1);
    sorted[index.min(sorted.len() - 1)]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// `handbook serve` on a free loopback port, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    output: Receiver<String>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let binary = std::env::var_os("HANDBOOK_BIN")
            .map_or_else(|| beside_this_program("handbook"), PathBuf::from);
        let mut child = Command::new(&binary)
            .args(["serve", "--port", "0", "--source"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}; build it first", binary.display()));
        let (sender, output) = channel();
        let stdout = child.stdout.take().expect("the server's output");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let end = Instant::now() + WAIT;
        let port = loop {
            let left = end.saturating_duration_since(Instant::now());
            let line = output.recv_timeout(left).expect("the server's address");
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                break rest
                    .trim_end_matches(|c: char| !c.is_ascii_digit())
                    .split('/')
                    .next()
                    .and_then(|p| p.parse().ok())
                    .expect("a port");
            }
        };
        Server {
            child,
            port,
            output,
        }
    }

    /// The build times the server printed ("Built in N ms").
    fn build_times(&self) -> Vec<Duration> {
        self.output
            .try_iter()
            .filter_map(|line| {
                let ms = line
                    .strip_prefix("Built in ")?
                    .split(' ')
                    .next()?
                    .parse()
                    .ok()?;
                Some(Duration::from_millis(ms))
            })
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The live-reload event stream, each event stamped when it arrived.
struct Events {
    received: Receiver<(Instant, serde_json::Value)>,
    _stream: TcpStream,
}

impl Events {
    fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the server");
        write!(
            stream,
            "GET /__handbook/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("the request");
        let reader = stream.try_clone().expect("the stream");
        let (sender, received) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(reader).lines().map_while(Result::ok) {
                let arrived = Instant::now();
                if let Some(data) = line.strip_prefix("data: ")
                    && let Ok(update) = serde_json::from_str(data)
                    && sender.send((arrived, update)).is_err()
                {
                    break;
                }
            }
        });
        Events {
            received,
            _stream: stream,
        }
    }

    fn next(&self) -> Option<(Instant, serde_json::Value)> {
        self.received.recv_timeout(WAIT).ok()
    }

    fn drain(&self) {
        while self.received.try_recv().is_ok() {}
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("the bundled handbook") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("a copy");
        }
    }
}

/// Writes a handbook of `count` chapters into `root` with `gen-corpus`, the
/// corpus generator `scripts/bench` uses too; returns the chapter the
/// benchmark edits (one in the middle).
fn generate(root: &Path, count: usize) -> PathBuf {
    let binary = beside_this_program("gen-corpus");
    let status = Command::new(&binary)
        .args(["--chapters", &count.to_string(), "--out"])
        .arg(root)
        .stdout(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}; build it first", binary.display()));
    assert!(status.success(), "gen-corpus failed");
    let mut chapters: Vec<PathBuf> = std::fs::read_dir(root.join("chapters"))
        .expect("the chapters")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    chapters.sort();
    chapters.swap_remove(count / 2)
}

/// A binary of the workspace, built beside this one (`target/release/NAME`).
fn beside_this_program(name: &str) -> PathBuf {
    let this = std::env::current_exe().expect("this program's path");
    this.parent().expect("the target folder").join(name)
}
