//! Helpers shared by the integration tests: a fresh handbook from `init`
//! (forked, too), a copy of a fixture to change, builds in memory, built
//! pages read back with a real HTML tokenizer; the binary run on a handbook
//! (`run`), a byte-for-byte picture of a folder, an EPUB's files, and the
//! problems the binary prints; the tools that read a printed PDF back
//! (`pdf_tools`).
#![allow(dead_code)] // each test file uses its own part of these helpers

pub mod pdf_tools;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use handbook::{BuildOptions, Site};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// The bundled Trauma Informed Derbyshire handbook.
pub fn bundled_handbook() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook")
}

/// A new handbook made by `handbook init` in a temporary folder.
pub struct Scaffold {
    pub dir: tempfile::TempDir,
    pub source: PathBuf,
}

pub fn scaffold(name: &str) -> Scaffold {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("acme");
    handbook::init::init(&source, name).unwrap();
    Scaffold { dir, source }
}

/// Builds `source` in memory, panicking with every problem if it fails.
pub fn build(source: &Path, options: &BuildOptions) -> Site {
    handbook::build_site(source, options).unwrap_or_else(|error| panic!("{error}"))
}

/// A handbook forked the way docs/forking.md says: `handbook init` with the
/// name `name`, then the `fork` fixture laid over it (another brand, a logo,
/// a block of the theme replaced, CSS added).
pub fn fork_fixture(name: &str) -> Scaffold {
    let scaffold = scaffold(name);
    copy_dir(&fixture("fork"), &scaffold.source);
    scaffold
}

/// A new handbook using the theme `my-brand`, with `files` in its theme folder.
pub fn forked(files: &[(&str, &str)]) -> Scaffold {
    let scaffold = scaffold("Acme Care");
    edit(
        &scaffold.source.join("handbook.yaml"),
        "# theme: my-brand",
        "theme: my-brand",
    );
    for (path, text) in files {
        write(&scaffold.source.join("themes/my-brand").join(path), text);
    }
    scaffold
}

/// Replaces `from` with `to` in the file at `path`, which must contain it.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

pub fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

pub fn text_of(site: &Site, path: &str) -> String {
    let bytes = site
        .files
        .get(path)
        .unwrap_or_else(|| panic!("no {path} in {:?}", site.files.keys()));
    String::from_utf8(bytes.clone()).unwrap()
}

/// The HTML pages of a site: output path → text.
pub fn pages(site: &Site) -> BTreeMap<String, String> {
    site.files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path.clone(), String::from_utf8(bytes.clone()).unwrap()))
        .collect()
}

/// A start tag as read by the tokenizer: name and attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub attributes: BTreeMap<String, String>,
}

/// What a page holds, read back: its start tags in order, its text, and the
/// tokenizer's parse errors.
#[derive(Debug, Default)]
pub struct ReadPage {
    pub elements: Vec<Element>,
    pub text: String,
    pub errors: Vec<String>,
}

impl ReadPage {
    /// Every element named `name` with attribute `attribute` set to `value`.
    pub fn find(&self, name: &str, attribute: &str, value: &str) -> Vec<&Element> {
        self.elements
            .iter()
            .filter(|e| {
                e.name == name && e.attributes.get(attribute).map(String::as_str) == Some(value)
            })
            .collect()
    }

    /// The stylesheets for screens, in order (print-only ones left out).
    pub fn screen_stylesheets(&self) -> Vec<&str> {
        self.find("link", "rel", "stylesheet")
            .into_iter()
            .filter(|e| e.attributes.get("media").is_none_or(|m| m != "print"))
            .map(|e| e.attributes["href"].as_str())
            .collect()
    }

    pub fn ids(&self) -> Vec<&str> {
        self.elements
            .iter()
            .filter_map(|e| e.attributes.get("id").map(String::as_str))
            .collect()
    }
}

pub fn read_page(html: &str) -> ReadPage {
    tokenize(Reader::default(), html).page.take()
}

/// Feeds `html` through html5ever's tokenizer into `sink`, and hands the
/// sink back with what it gathered.
pub fn tokenize<Sink: TokenSink>(sink: Sink, html: &str) -> Sink {
    let tokenizer = Tokenizer::new(
        sink,
        TokenizerOpts {
            exact_errors: true,
            ..TokenizerOpts::default()
        },
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink
}

/// How a browser reads the content of the element `name` when not as
/// markup: a script's, a style's, a title's or a textarea's, as text. A
/// sink returns it as `TokenSinkResult::RawData` after the start tag.
pub fn raw_text(name: &str) -> Option<RawKind> {
    match name {
        "script" => Some(RawKind::ScriptData),
        "title" | "textarea" => Some(RawKind::Rcdata),
        "style" => Some(RawKind::Rawtext),
        _ => None,
    }
}

#[derive(Default)]
struct Reader {
    page: RefCell<ReadPage>,
}

impl TokenSink for Reader {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut page = self.page.borrow_mut();
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                let name = tag.name.to_string();
                page.elements.push(Element {
                    attributes: tag
                        .attrs
                        .iter()
                        .map(|a| (a.name.local.to_string(), a.value.to_string()))
                        .collect(),
                    name: name.clone(),
                });
                if let Some(kind) = raw_text(&name) {
                    return TokenSinkResult::RawData(kind);
                }
            }
            Token::CharacterTokens(text) => page.text.push_str(&text),
            Token::ParseError(error) => page.errors.push(error.to_string()),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Resolves `link` (as written in the page at `page_path`) to an output path
/// and fragment; `None` for links to other hosts, email and the like.
pub fn resolve(page_path: &str, link: &str) -> Option<(String, Option<String>)> {
    if link.contains(':') {
        return None; // https:, mailto:, data:...
    }
    let (rest, fragment) = match link.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment.to_string())),
        None => (link, None),
    };
    let rest = rest.split('?').next().unwrap_or(rest);
    if rest.is_empty() {
        return Some((page_path.to_string(), fragment));
    }
    let mut parts: Vec<&str> = page_path.split('/').collect();
    parts.pop();
    for part in rest.split('/') {
        match part {
            ".." => {
                assert!(
                    parts.pop().is_some(),
                    "{link} in {page_path} leaves the site"
                );
            }
            "." | "" => {}
            part => parts.push(part),
        }
    }
    Some((parts.join("/"), fragment))
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The `handbook` binary this test run was built with.
pub fn handbook() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("handbook").unwrap()
}

/// What a finished run of the `handbook` binary left: its exit code
/// (`None` when a signal ended it) and what it printed.
pub struct Ran {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `handbook ARGS --source SOURCE` to its end.
pub fn run(args: &[&str], source: &Path) -> Ran {
    run_with(&mut handbook(), args, source)
}

/// [`run`] of `command`, the binary set up further (another working
/// folder, another `PATH`).
pub fn run_with(command: &mut assert_cmd::Command, args: &[&str], source: &Path) -> Ran {
    let output = command
        .args(args)
        .arg("--source")
        .arg(source)
        .output()
        .unwrap();
    Ran {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A copy of the fixture `name` to change, in a temporary folder (as
/// `name` inside it).
pub fn fixture_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join(name);
    copy_dir(&fixture(name), &source);
    (dir, source)
}

/// `handbook build` of the fixture `name` into `out`, ready to run.
pub fn build_fixture(name: &str, out: &Path) -> assert_cmd::Command {
    let mut command = handbook();
    command
        .args(["build", "--source"])
        .arg(fixture(name))
        .arg("--out")
        .arg(out);
    command
}

/// A temporary folder holding `out`, the output of a good build of the
/// `good-small` fixture: the "last good output" a failed build must keep.
pub fn previous_build() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build_fixture("good-small", &out).assert().success();
    (dir, out)
}

/// Every file in the ZIP archive `bytes` (an EPUB): its path inside, and
/// its content, in the archive's order.
pub fn zip_entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|index| {
            let mut file = archive.by_index(index).unwrap();
            let mut content = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut content).unwrap();
            (file.name().unwrap().to_string(), content)
        })
        .collect()
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
