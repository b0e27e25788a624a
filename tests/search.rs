//! The search index, read back from a build as the search page reads it:
//! the root script, the word shards and the section shards; and the page's
//! own splitting and stemming (search.js, run in Node) held against the index's.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

use common::*;
use handbook::finish::search::Language;
use handbook::{BuildOptions, Site};
use serde_json::Value;

/// A build's index: the root, every key of the word shards, and every
/// section's record (`[url, chapter title, id, heading, snippet]`).
struct Index {
    root: Value,
    keys: BTreeMap<String, Value>,
    records: Vec<Value>,
}

/// The JSON a script passes to `prefix…` and closes with `suffix`.
fn json_in(script: &[u8], prefix: &str, suffix: &str, path: &str) -> Value {
    let script = std::str::from_utf8(script).unwrap();
    let json = script
        .strip_prefix(prefix)
        .and_then(|rest| rest.trim_end().strip_suffix(suffix))
        .unwrap_or_else(|| panic!("{path} is not `{prefix}…{suffix}`: {script:.200}"));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn index_of(site: &Site) -> Index {
    let roots: Vec<(&String, &Vec<u8>)> = site
        .files
        .iter()
        .filter(|(path, _)| path.starts_with("assets/search-index.") && path.ends_with(".js"))
        .collect();
    assert_eq!(roots.len(), 1, "one root: {:?}", roots.iter().map(|r| r.0));
    let (path, bytes) = roots[0];
    let root = json_in(bytes, "globalThis.handbookSearchIndex=", ";", path);
    let shard = |name: String| {
        let path = format!(
            "{}{name}.{}.js",
            root["path"].as_str().unwrap(),
            root["version"].as_str().unwrap()
        );
        let bytes = site
            .files
            .get(&path)
            .unwrap_or_else(|| panic!("the root names {path}, which is not built"));
        json_in(
            bytes,
            &format!("handbookSearchLoaded(\"{name}\","),
            ");",
            &path,
        )
    };
    let firsts: Vec<&str> = root["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    let mut keys = BTreeMap::new();
    for (n, first) in firsts.iter().enumerate() {
        let Value::Object(entries) = shard(format!("w{n}")) else {
            panic!("word shard {n} is not an object");
        };
        // each shard holds the keys from its first to the next shard's first
        for key in entries.keys() {
            let utf16 = |s: &str| s.encode_utf16().collect::<Vec<u16>>();
            assert!(
                utf16(key) >= utf16(first),
                "{key} in shard {n}, which begins at {first}"
            );
            if let Some(next) = firsts.get(n + 1) {
                assert!(
                    utf16(key) < utf16(next),
                    "{key} in shard {n}, before {next}"
                );
            }
        }
        keys.extend(entries);
    }
    let sections = root["sections"].as_u64().unwrap() as usize;
    let group = root["group"].as_u64().unwrap() as usize;
    let mut records = Vec::new();
    for n in 0..sections.div_ceil(group) {
        records.extend(shard(format!("f{n}")).as_array().unwrap().iter().cloned());
    }
    assert_eq!(records.len(), sections);
    // nothing else is in the shards' folder
    let shards = site
        .files
        .keys()
        .filter(|path| path.starts_with(root["path"].as_str().unwrap()))
        .count();
    assert_eq!(shards, firsts.len() + sections.div_ceil(group));
    Index {
        root,
        keys,
        records,
    }
}

const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The sections of one list (see src/finish/search/shards.rs for the format).
fn decode(list: &str) -> Vec<usize> {
    let bitmap = list.starts_with('.');
    let digits: Vec<usize> = list
        .bytes()
        .skip(usize::from(bitmap))
        .map(|b| {
            DIGITS
                .iter()
                .position(|&d| d == b)
                .unwrap_or_else(|| panic!("{list}"))
        })
        .collect();
    // groups of five bits, the low first; the sixth bit says another follows
    let mut numbers = Vec::new();
    let (mut value, mut shift) = (0, 0);
    let mut bitmap_from = digits.len();
    for (at, &digit) in digits.iter().enumerate() {
        value |= (digit & 31) << shift;
        shift += 5;
        if digit < 32 {
            numbers.push(value);
            (value, shift) = (0, 0);
            if bitmap {
                bitmap_from = at + 1;
                break;
            }
        }
    }
    let Some(&first) = numbers.first() else {
        return Vec::new();
    };
    if bitmap {
        let mut sections = Vec::new();
        for (k, bits) in digits[bitmap_from..].iter().enumerate() {
            sections.extend(
                (0..6)
                    .filter(|bit| bits & (1 << bit) != 0)
                    .map(|bit| first + 6 * k + bit),
            );
        }
        return sections;
    }
    let mut sections = vec![first];
    for gap in &numbers[1..] {
        sections.push(sections.last().unwrap() + gap + 1);
    }
    sections
}

impl Index {
    /// Each section holding `stem`, with its class (in the heading: 2, in the title: 1).
    fn sections_of(&self, stem: &str) -> BTreeMap<usize, usize> {
        let mut found = BTreeMap::new();
        if let Some(Value::Array(classes)) = self.keys.get(stem) {
            for (class, list) in classes.iter().take(4).enumerate() {
                for section in decode(list.as_str().unwrap()) {
                    assert!(
                        found.insert(section, class).is_none(),
                        "{stem}: {section} twice"
                    );
                }
            }
        }
        found
    }

    /// Sections holding the stem of every word of `query` (whole stems), as
    /// (url, id, heading).
    fn find(&self, query: &str) -> Vec<(String, String, String)> {
        let language = Language::of(self.root["language"].as_str().unwrap());
        let lowercase = query.to_lowercase();
        let mut sections: Option<Vec<usize>> = None;
        for word in language.words(&lowercase) {
            let with: Vec<usize> = self
                .sections_of(&language.stem(&word))
                .into_keys()
                .collect();
            sections = Some(match sections {
                None => with,
                Some(before) => before.into_iter().filter(|s| with.contains(s)).collect(),
            });
        }
        sections
            .unwrap_or_default()
            .into_iter()
            .map(|s| {
                let record = &self.records[s];
                let text = |i: usize| record[i].as_str().unwrap().to_string();
                (text(0), text(2), text(3))
            })
            .collect()
    }
}

#[test]
fn search_finds_box_breathing_in_the_bundled_handbook() {
    let site = build(&bundled_handbook(), &BuildOptions::default());
    let index = index_of(&site);
    assert_eq!(index.root["language"], "en");
    let found = index.find("box breathing");
    // the exercise is a section of its own, found by its title
    assert!(
        found
            .iter()
            .any(|(url, id, heading)| url == "look-after-yourself/index.html"
                && !id.is_empty()
                && heading == "Box breathing"),
        "{found:?}"
    );
    // every section links to a page and an id that exist
    for record in &index.records {
        let (url, id) = (record[0].as_str().unwrap(), record[2].as_str().unwrap());
        let page = read_page(&text_of(&site, url));
        assert!(id.is_empty() || page.ids().contains(&id), "{url}#{id}");
    }
}

#[test]
fn other_forms_of_a_word_find_the_same_sections() {
    let index = index_of(&build(&bundled_handbook(), &BuildOptions::default()));
    // the handbook says "regulate" in a heading, "regulating" and "regulation" elsewhere
    let regulating = index.find("regulating");
    assert_eq!(regulating, index.find("regulate"));
    assert_eq!(regulating, index.find("regulation"));
    assert!(
        regulating
            .iter()
            .any(|(_, _, heading)| heading == "Tips on how to regulate your own nervous system"),
        "{regulating:?}"
    );
    // and the words the text has point to their stems
    assert_eq!(index.keys["regulating"], "regul");
    assert_eq!(index.keys["breathing"], "breath");
    // a stem's sections say where it stands: the heading "Box breathing"
    // has it in the heading (class 2 or 3)
    let look_after = index
        .records
        .iter()
        .position(|r| r[3] == "Box breathing")
        .unwrap();
    assert!(index.sections_of("breath")[&look_after] >= 2);
}

#[test]
fn the_search_page_loads_the_index_it_was_built_with() {
    let scaffold = scaffold("Acme Care");
    let site = build(&scaffold.source, &BuildOptions::default());
    let page = read_page(&text_of(&site, "search/index.html"));
    let scripts: Vec<&String> = page
        .elements
        .iter()
        .filter(|e| e.name == "script")
        .filter_map(|e| e.attributes.get("src"))
        .collect();
    assert!(
        scripts
            .iter()
            .any(|src| src.starts_with("../assets/search-index.")),
        "{scripts:?}"
    );
    assert!(
        scripts
            .iter()
            .any(|src| src.starts_with("../assets/pages/search.")),
        "{scripts:?}"
    );
    // without JavaScript the page says so and offers the contents and the single page
    assert!(
        page.text.contains("Search needs JavaScript"),
        "{}",
        page.text
    );
    assert!(page.find("a", "href", "../index.html").len() >= 2);
    assert!(!page.find("a", "href", "../print/index.html").is_empty());
    // the form is labelled and announces results
    assert_eq!(page.find("label", "for", "search-page-q").len(), 1);
    assert_eq!(page.find("input", "id", "search-page-q").len(), 1);
    assert_eq!(page.find("p", "role", "status").len(), 1);
    // more results are a button away, hidden until there are more
    let more = page.find("button", "data-search-more", "");
    assert_eq!(more.len(), 1);
    assert!(more[0].attributes.contains_key("hidden"));
}

#[test]
fn every_page_but_the_search_page_has_a_search_form_in_its_header() {
    let scaffold = scaffold("Acme Care");
    let site = build(&scaffold.source, &BuildOptions::default());
    for (path, html) in pages(&site) {
        let page = read_page(&html);
        let forms = page.find("form", "role", "search");
        match path.as_str() {
            // the single page is for print: no header at all
            "print/index.html" => assert!(forms.is_empty()),
            // the search page has its own form, not a second one in the header
            "search/index.html" => {
                assert_eq!(forms.len(), 1);
                assert!(page.find("label", "for", "site-search-q").is_empty());
            }
            _ => {
                assert_eq!(forms.len(), 1, "{path}");
                assert_eq!(
                    page.find("label", "for", "site-search-q").len(),
                    1,
                    "{path}"
                );
                assert!(
                    forms[0].attributes["action"].ends_with("search/index.html"),
                    "{path}"
                );
            }
        }
    }
}

#[test]
fn the_index_of_a_new_handbook_holds_each_section_once() {
    let scaffold = scaffold("Acme Care");
    let index = index_of(&build(&scaffold.source, &BuildOptions::default()));
    let headings: Vec<&str> = index
        .records
        .iter()
        .map(|s| s[3].as_str().unwrap())
        .collect();
    assert_eq!(
        headings,
        [
            "Welcome",
            "Who this handbook is for",
            "How to use it",
            "How we work",
            "Our principles",
            // a component's heading with an id is a section of its own
            "Case study: Listening before acting",
            "Where to find help"
        ]
    );
    // a quote drawn by its component is found in its section
    assert_eq!(
        index.find("earns minute"),
        [(
            "welcome/index.html".to_string(),
            "who-this-handbook-is-for".to_string(),
            "Who this handbook is for".to_string()
        )]
    );
    // the chapter's own title and url come with each section
    assert_eq!(index.records[1][0], "welcome/index.html");
    assert_eq!(index.records[1][1], "Welcome");
}

#[test]
fn a_footnote_reference_is_no_part_of_the_word_it_follows() {
    let scaffold = scaffold("Acme Care");
    write(
        &scaffold.source.join("chapters/09-notes.md"),
        "---\ntitle: Notes\n---\n\nSafeguarding matters[^1] to everyone.\n\n[^1]: A footnote.\n",
    );
    let index = index_of(&build(&scaffold.source, &BuildOptions::default()));
    assert!(index.keys.contains_key("matter"), "{:?}", index.keys.keys());
    // not "matters1": the reference's number is left out
    assert!(
        !index.keys.keys().any(|key| key.starts_with("matters1")),
        "{:?}",
        index.keys.keys()
    );
}

#[test]
fn the_edition_language_chooses_stop_words_and_stemming() {
    let scaffold = scaffold("Gofal Acme");
    edit(
        &scaffold.source.join("handbook.yaml"),
        "language: en-GB",
        "language: cy",
    );
    write(
        &scaffold.source.join("chapters/09-plant.md"),
        "---\ntitle: Plant\n---\n\nMae'r plant yn chwarae yn yr ardd gyda'u ffrindiau.\n",
    );
    let index = index_of(&build(&scaffold.source, &BuildOptions::default()));
    assert_eq!(index.root["language"], "cy");
    assert!(
        index.root["stop_words"]
            .as_array()
            .unwrap()
            .contains(&Value::from("gyda"))
    );
    // Welsh words are kept whole (no Snowball stemmer), its common words left out
    assert!(index.keys.contains_key("ffrindiau"));
    assert!(index.keys.contains_key("chwarae"));
    assert!(!index.keys.contains_key("gyda") && !index.keys.contains_key("mae"));
}

/// The page's terms (search.js in Node) of each `(language, text)`, as (word, stem) pairs.
fn page_terms(texts: &[(&str, String)]) -> Vec<Vec<(String, String)>> {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("themes/default/static/pages/search.js");
    let runner = format!(
        r#"const vm = require("node:vm");
const fs = require("node:fs");
const context = {{}};
vm.createContext(context);
vm.runInContext(fs.readFileSync({script:?}, "utf8"), context);
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const out = input.map(([language, text, stopWords]) =>
  context.handbookSearchTerms(text, language, stopWords).map((t) => [t.word, t.stem]));
process.stdout.write(JSON.stringify(out));"#
    );
    let input: Vec<(&str, &str, &[&str])> = texts
        .iter()
        .map(|(tag, text)| (*tag, text.as_str(), Language::of(tag).stop_words()))
        .collect();
    let mut node = Command::new("node")
        .arg("-e")
        .arg(runner)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("this test runs the page's script in Node: install nodejs");
    node.stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&input).unwrap().as_bytes())
        .unwrap();
    let output = node.wait_with_output().unwrap();
    assert!(output.status.success(), "node failed");
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Words that take each rule of Snowball's English stemmer, and its exceptions.
const ENGLISH_WORDS: &str =
    "skis skies dying lying tying idly gently ugly early only singly sky news
howe atlas cosmos bias andes succeed succeeded proceeding exceeds canning inning earring herring
outing outings generate generously generalisation communication communism arsenal arsenic yelling
playing sayings yes youth young cries ties tied gas gaps kiwis caresses ponies ties cats us bus
hoping hopping hopped rating troubled sized agreed feed bleed feedly happily relational
conditional rational valenci hesitanci digitizer conformabli radicalli differentli vileli
analogousli vietnamization predication operator feudalism decisiveness hopefulness callousness
formaliti sensitiviti sensibiliti triplicate formative formalize electriciti electrical hopeful
goodness revival allowance inference airliner gyroscopic adjustable defensible irritant
replacement adjustment dependent adoption homologous communist activate angulariti effective
bowdlerize probate rate cease controll roll cry by say toy boy quietly fluently logically
apology archaeology geology analogi ecology fulli hopefulli carelessli carelessness thoughtlessli
ization sensational traditional intentional encouraging organisation organization organized
regulate regulating regulation regulatory breath breathe breathing breathless amygdala pillars
trauma-informed informed information informal systems systemic resilience resilient naïve café
résumé Zürich";

#[test]
fn the_page_splits_and_stems_words_as_the_index_does() {
    let mut texts: Vec<(&str, String)> = vec![("en", ENGLISH_WORDS.to_string())];
    // every chapter of the bundled handbook, Markdown and all
    for entry in std::fs::read_dir(bundled_handbook().join("chapters")).unwrap() {
        texts.push((
            "en",
            std::fs::read_to_string(entry.unwrap().path()).unwrap(),
        ));
    }
    texts.push((
        "cy",
        "Mae'r plant yn chwarae yn yr ardd gyda'u ffrindiau; Ŵyr a ŷd".into(),
    ));
    texts.push(("ar", "الدَّعْمُ في المـدرسة، أُسرة إِسناد آمنة ٱلعمل ٢٠٢٤".into()));
    texts.push(("fr", "L'écoute et la sécurité, Œuvre".into()));
    let from_page = page_terms(&texts);
    for ((tag, text), page) in texts.iter().zip(from_page) {
        let language = Language::of(tag);
        let lowercase = text.to_lowercase();
        let index: Vec<(String, String)> = language
            .words(&lowercase)
            .map(|word| (word.to_string(), language.stem(&word).into_owned()))
            .collect();
        assert!(!index.is_empty());
        for (index, page) in index.iter().zip(&page) {
            assert_eq!(index, page, "{tag}: the index and the page disagree");
        }
        assert_eq!(index.len(), page.len(), "{tag}");
    }
}
