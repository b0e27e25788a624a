//! `handbook serve`, driven as an editor would: the real binary on a free
//! loopback port, a copy of a small handbook, saves, and a plain HTTP client
//! (so request paths are sent exactly as written, `..` included).
//!
//! Every wait is bounded by a deadline; every server is killed when its test
//! ends, passing or not.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::copy_dir;
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/live");
/// Generous: debug builds on a busy machine.
const DEADLINE: Duration = Duration::from_secs(30);

/// A running `handbook serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    output: Receiver<String>,
    _temp: tempfile::TempDir,
    root: PathBuf,
}

impl Server {
    fn start() -> Server {
        Server::start_with(|_| {})
    }

    /// Copies the fixture, lets `prepare` change the copy, then serves it.
    fn start_with(prepare: impl FnOnce(&Path)) -> Server {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().join("handbook");
        copy_dir(Path::new(FIXTURE), &root);
        prepare(&root);
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("handbook"))
            .args(["serve", "--port", "0", "--source"])
            .arg(&root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (sender, output) = channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let sender = sender.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if sender.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        let mut server = Server {
            child,
            port: 0,
            output,
            _temp: temp,
            root,
        };
        let line = server.wait_for_output("Serving the handbook at http://127.0.0.1:");
        let port = line
            .split("127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        server.port = port;
        server
    }

    /// The first line of output containing `text`.
    fn wait_for_output(&self, text: &str) -> String {
        let end = Instant::now() + DEADLINE;
        let mut seen = Vec::new();
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match self.output.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        panic!(
            "the server never printed {text:?}; it printed:\n{}",
            seen.join("\n")
        );
    }

    fn get(&self, path: &str) -> Response {
        get(self.port, path)
    }

    fn events(&self) -> Events {
        Events::connect(self.port)
    }

    fn file(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    fn replace(&self, relative: &str, from: &str, to: &str) {
        let path = self.file(relative);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{relative} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// A GET with the request target sent byte for byte as given.
fn get(port: u16, target: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {head:?}"));
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_string(),
    }
}

/// The live-reload event stream, as a page's script receives it.
struct Events {
    updates: Receiver<serde_json::Value>,
    _stream: TcpStream,
}

impl Events {
    fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            stream,
            "GET /__handbook/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let reader = stream.try_clone().unwrap();
        let (sender, updates) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(reader).lines().map_while(Result::ok) {
                if let Some(data) = line.strip_prefix("data: ") {
                    let Ok(update) = serde_json::from_str(data) else {
                        continue;
                    };
                    if sender.send(update).is_err() {
                        break;
                    }
                }
            }
        });
        Events {
            updates,
            _stream: stream,
        }
    }

    /// The first update matching `wanted`.
    fn wait_for(
        &self,
        what: &str,
        wanted: impl Fn(&serde_json::Value) -> bool,
    ) -> serde_json::Value {
        let end = Instant::now() + DEADLINE;
        let mut seen = Vec::new();
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match self.updates.recv_timeout(left) {
                Ok(update) if wanted(&update) => return update,
                Ok(update) => seen.push(update.to_string()),
                Err(_) => break,
            }
        }
        panic!("no event: {what}; received:\n{}", seen.join("\n"));
    }

    /// The state every page gets on connecting.
    fn current(&self) -> serde_json::Value {
        self.wait_for("the current state", |_| true)
    }
}

fn version(update: &serde_json::Value) -> String {
    update["version"].as_str().unwrap_or_default().to_string()
}

#[test]
fn a_saved_body_edit_pushes_a_reload_and_the_new_page_is_served() {
    let server = Server::start();
    let events = server.events();
    let before = version(&events.current());
    assert!(server.get("/basics/").body.contains("Start here."));

    server.replace("chapters/02-basics.md", "Start here.", "Start right here.");
    let update = events.wait_for("a new version", |u| version(u) != before);
    assert!(update["problems"].is_null(), "{update}");
    let page = server.get("/basics/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Start right here."), "{}", page.body);
    assert!(
        page.body
            .contains(&format!("data-version=\"{}\"", version(&update))),
        "the page carries the version it was served at"
    );
}

#[test]
fn an_atomic_save_by_rename_is_seen() {
    let server = Server::start();
    let events = server.events();
    let before = version(&events.current());
    let chapter = server.file("chapters/02-basics.md");
    let text = std::fs::read_to_string(&chapter).unwrap();
    // as editors do: a side file written in full, then renamed over the chapter
    let side = server.file("chapters/.02-basics.md.swp");
    std::fs::write(&side, text.replace("Start here.", "Saved atomically.")).unwrap();
    std::fs::rename(&side, &chapter).unwrap();
    events.wait_for("a new version", |u| version(u) != before);
    assert!(server.get("/basics/").body.contains("Saved atomically."));
}

#[test]
fn a_broken_save_shows_the_problems_on_every_page_over_the_last_good_build_until_repaired() {
    let server = Server::start();
    let events = server.events();
    let before = version(&events.current());

    server.replace(
        "chapters/02-basics.md",
        "title: The basics",
        "titel: The basics",
    );
    let update = events.wait_for("the problems", |u| !u["problems"].is_null());
    assert_eq!(version(&update), before, "a failed build changes no file");
    let overlay = update["problems"].as_str().unwrap();
    for expected in [
        "role=\"alertdialog\"",
        "02-basics.md:2",
        "2 | titel: The basics",
        "hint: did you mean `title`?",
    ] {
        assert!(overlay.contains(expected), "{expected:?} not in {overlay}");
    }
    server.wait_for_output("unknown key `titel`");

    let page = server.get("/basics/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Start here."),
        "the last good page is served"
    );
    assert!(page.body.contains(overlay), "the page shows the overlay");
    assert!(
        server.get("/").body.contains("unknown key `titel`"),
        "so does every other page"
    );

    server.replace(
        "chapters/02-basics.md",
        "titel: The basics",
        "title: The basics",
    );
    events.wait_for("the repair", |u| u["problems"].is_null());
    let page = server.get("/basics/");
    assert!(!page.body.contains("handbook-problems"), "{}", page.body);
    assert!(page.body.contains("Start here."));
}

#[test]
fn a_handbook_that_extends_another_is_rebuilt_when_the_base_changes() {
    // the fixture becomes the base; the served handbook extends it with no
    // chapters of its own
    let server = Server::start_with(|root| {
        let base = root.parent().unwrap().join("base");
        copy_dir(root, &base);
        std::fs::remove_dir_all(root.join("chapters")).unwrap();
        std::fs::write(
            root.join("handbook.yaml"),
            "extends: ../base\norganisation: Fictional Trust\n",
        )
        .unwrap();
    });
    let watching = server.wait_for_output("Watching ");
    assert!(watching.contains("/base"), "{watching}");
    let events = server.events();
    let before = version(&events.current());
    assert!(server.get("/basics/").body.contains("Start here."));

    server.replace(
        "../base/chapters/02-basics.md",
        "Start here.",
        "Start at the base.",
    );
    let update = events.wait_for("a new version", |u| version(u) != before);
    assert!(update["problems"].is_null(), "{update}");
    assert!(server.get("/basics/").body.contains("Start at the base."));
}

#[test]
fn requests_cannot_leave_the_served_site() {
    let server = Server::start_with(|root| {
        std::fs::write(root.parent().unwrap().join("secret.txt"), "TOP-SECRET").unwrap();
    });
    for target in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/basics/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "http://127.0.0.1/../secret.txt",
        "/handbook.yaml",
        "/chapters/02-basics.md",
        "/assets/logo.svg",
    ] {
        let response = server.get(target);
        assert!(
            [400, 404].contains(&response.status),
            "{target} answered {}",
            response.status
        );
        for leaked in [
            "TOP-SECRET",
            "root:",
            "title: Live test handbook",
            "title: The basics",
        ] {
            assert!(
                !response.body.contains(leaked),
                "{target} leaked {leaked:?}"
            );
        }
    }
}

#[test]
fn files_are_served_with_their_media_types_and_unknown_paths_get_the_404_page() {
    let server = Server::start();
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let link = |prefix: &str, ext: &str| {
        let start = home
            .body
            .find(&format!("assets/{prefix}."))
            .unwrap_or_else(|| panic!("no {prefix} in the home page"));
        let rest = &home.body[start..];
        let end = rest.find(&format!(".{ext}")).unwrap() + ext.len() + 1;
        format!("/{}", &rest[..end])
    };
    for (path, media_type) in [
        (link("style", "css"), "text/css; charset=utf-8"),
        (link("logo", "svg"), "image/svg+xml"),
        ("/robots.txt".to_string(), "text/plain; charset=utf-8"),
        ("/sitemap.xml".to_string(), "application/xml"),
        (
            "/__handbook/live.js".to_string(),
            "text/javascript; charset=utf-8",
        ),
        (
            "/__handbook/live.css".to_string(),
            "text/css; charset=utf-8",
        ),
    ] {
        let response = server.get(&path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.header("content-type"), Some(media_type), "{path}");
        assert_eq!(
            response.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
    }
    let missing = server.get("/no-such-page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"), "{}", missing.body);
    let folder = server.get("/basics");
    assert_eq!(folder.status, 308);
    assert_eq!(folder.header("location"), Some("/basics/"));
}

#[test]
fn the_reload_script_is_served_pages_but_never_written_by_build() {
    let server = Server::start();
    let page = server.get("/basics/");
    assert!(
        page.body.contains("<script src=\"/__handbook/live.js\""),
        "{}",
        page.body
    );

    let out = server._temp.path().join("output");
    let build = Command::new(assert_cmd::cargo::cargo_bin("handbook"))
        .args(["build", "--source"])
        .arg(&server.root)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(build.status.success(), "{build:?}");
    for entry in walk(&out) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__handbook"),
            "{} mentions the live script",
            entry.display()
        );
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Serves a handbook with the theme `brand`, whose `static/{file}` says
/// `{selector} { color: red; }`, then saves it saying blue. Returns the
/// server, its events, the update, and the one stylesheet it swaps (old and
/// new paths), which must both be `assets/{file}` fingerprinted.
fn stylesheet_swapped(
    file: &str,
    selector: &str,
) -> (Server, Events, serde_json::Value, String, String) {
    let theme_file = format!("themes/brand/static/{file}");
    let server = Server::start_with(|root| {
        let path = root.join(&theme_file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, format!("{selector} {{ color: red; }}\n")).unwrap();
        let config = std::fs::read_to_string(root.join("handbook.yaml")).unwrap();
        std::fs::write(
            root.join("handbook.yaml"),
            format!("{config}theme: brand\n"),
        )
        .unwrap();
    });
    let events = server.events();
    let before = version(&events.current());
    std::fs::write(
        server.file(&theme_file),
        format!("{selector} {{ color: blue; }}\n"),
    )
    .unwrap();
    let update = events.wait_for("a new version", |u| version(u) != before);
    assert_eq!(update["previous"].as_str(), Some(before.as_str()));
    let swaps = update["stylesheets"]
        .as_array()
        .unwrap_or_else(|| panic!("no stylesheets to swap in {update}"));
    assert_eq!(swaps.len(), 1, "{update}");
    let (old, new) = (swaps[0][0].as_str().unwrap(), swaps[0][1].as_str().unwrap());
    let stem = format!("assets/{}.", file.trim_end_matches(".css"));
    assert!(old.starts_with(&stem) && new.starts_with(&stem), "{update}");
    assert_ne!(old, new);
    let (old, new) = (old.to_string(), new.to_string());
    (server, events, update, old, new)
}

#[test]
fn a_stylesheet_only_change_swaps_the_stylesheet_without_a_reload() {
    let (server, events, update, _, new) = stylesheet_swapped("brand.css", ".a");
    let css = server.get(&format!("/{new}"));
    assert_eq!(css.status, 200);
    assert!(css.body.contains("color: blue"));

    // a template change is not a stylesheet change: pages reload
    std::fs::create_dir_all(server.file("themes/brand/templates")).unwrap();
    std::fs::write(
        server.file("themes/brand/templates/404.html"),
        "{% extends \"default/404.html\" %}{% block content %}<h1>Lost</h1>{% endblock content %}",
    )
    .unwrap();
    let update = events.wait_for("a reload", |u| version(u) != version(&update));
    assert!(update["stylesheets"].is_null(), "{update}");
}

#[test]
fn a_component_stylesheet_change_is_swapped_on_the_pages_that_draw_it() {
    let (server, _events, _, _, new) = stylesheet_swapped("components/quote.css", ".quote");
    // the chapter that draws a quote links the new one, served as sent
    assert!(server.get("/basics/index.html").body.contains(&new));
    assert!(server.get(&format!("/{new}")).body.contains("color: blue"));
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let mut server = Server::start();
    let _events = server.events();
    let status = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    server.wait_for_output("Stopped.");
    let end = Instant::now() + DEADLINE;
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(Instant::now() < end, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "{exit:?}");
}

#[test]
fn a_missing_source_folder_is_a_usage_error() {
    let output = Command::new(assert_cmd::cargo::cargo_bin("handbook"))
        .args(["serve", "--port", "0", "--source", "/no/such/handbook"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no handbook folder at `/no/such/handbook`"),
        "{stderr}"
    );
}
