//! Helpers shared by the integration tests: a fresh handbook from `init`,
//! builds in memory, and built pages read back with a real HTML tokenizer.
#![allow(dead_code)] // each test file uses its own part of these helpers

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use handbook::{BuildOptions, Site};
use html5ever::tendril::StrTendril;
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
    let sink = Reader::default();
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
    tokenizer.sink.page.take()
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
                // Read these elements' content as a browser does: as text.
                use html5ever::tokenizer::states::RawKind;
                let raw = match name.as_str() {
                    "script" => Some(RawKind::ScriptData),
                    "title" | "textarea" => Some(RawKind::Rcdata),
                    "style" => Some(RawKind::Rawtext),
                    _ => None,
                };
                if let Some(kind) = raw {
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
