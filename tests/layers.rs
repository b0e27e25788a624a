//! The floor plan, written once and enforced: the modules of `src/` in
//! pipeline order, each importing only those below it, and no two files
//! importing each other.
//!
//! Imports are read from the code as text: every `crate::NAME` (in `use`
//! lines, groups such as `crate::{load, theme}`, and paths written inline)
//! and every `super::NAME`. A failure names the file and line of the import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules of `src/`, lowest first. A module may import those
/// of lower layers; modules of one layer are independent of each other.
const LAYERS: &[&[&str]] = &[
    // beneath everything: problems and the error type
    &["diagnostics"],
    &["error"],
    // helpers every stage may use: HTML escaping and reading, atomic writing
    &["html", "write"],
    // the pipeline, stage by stage
    &["load"],
    &["theme"],
    &["parse"],
    &["components"],
    &["render"],
    &["finish"],
    &["pipeline"],
    // what runs the pipeline: the commands
    &["serve", "pdf", "epub", "init", "overrides", "translate"],
    // the checks of every output
    &["check"],
    // the library's front door and the command line
    &["lib", "main"],
];

/// One import: where it is written, and the module or file it names.
#[derive(Debug)]
struct Import {
    file: PathBuf,
    line: usize,
    /// The top-level module named (`load` for `crate::load::Chapter`).
    module: String,
    /// The file of `src/` it names, when it names one.
    target: Option<PathBuf>,
}

#[test]
fn no_module_imports_one_above_it() {
    let layer_of = layer_index();
    let mut wrong = Vec::new();
    for import in imports() {
        let own = top_module(&import.file);
        let (Some(&own_layer), Some(&their_layer)) = (
            layer_of.get(own.as_str()),
            layer_of.get(import.module.as_str()),
        ) else {
            wrong.push(format!(
                "{}:{}: `{}` or `{}` is not in LAYERS (tests/layers.rs): add it where it belongs in the pipeline",
                import.file.display(),
                import.line,
                own,
                import.module
            ));
            continue;
        };
        if own != import.module && their_layer >= own_layer {
            let direction = if their_layer == own_layer {
                "beside it"
            } else {
                "above it"
            };
            wrong.push(format!(
                "{}:{}: `{own}` imports `{}`, which stands {direction} in the pipeline",
                import.file.display(),
                import.line,
                import.module
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the floor plan:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_files_import_each_other() {
    let mut edges: BTreeMap<PathBuf, BTreeMap<PathBuf, usize>> = BTreeMap::new();
    for import in imports() {
        if let Some(target) = import.target
            && target != import.file
            && !is_front_door_of(&import.file, &target)
        {
            edges
                .entry(import.file.clone())
                .or_default()
                .entry(target)
                .or_insert(import.line);
        }
    }
    let cycles = cycles(&edges);
    let shown: Vec<String> = cycles
        .iter()
        .map(|cycle| {
            let steps: Vec<String> = cycle
                .windows(2)
                .map(|pair| format!("{}:{}", pair[0].display(), edges[&pair[0]][&pair[1]]))
                .collect();
            format!(
                "{} -> {} (each file, at the line shown, imports the next)",
                steps.join(" -> "),
                cycle[0].display()
            )
        })
        .collect();
    assert!(
        shown.is_empty(),
        "files that import each other:\n{}",
        shown.join("\n")
    );
}

/// Teaches the reader of imports on code it must read right, so the two
/// tests above cannot pass by reading nothing.
#[test]
fn imports_are_read_from_use_lines_groups_and_inline_paths() {
    let code = "use crate::load::Chapter;\nuse crate::{html, theme::Theme};\n// crate::serve in a comment\nfn f() { crate::pipeline::check(); super::sibling::g(); }\n";
    let found: Vec<(usize, String)> = references(code)
        .into_iter()
        .map(|(line, kind, path)| (line, format!("{kind}{}", path.join("::"))))
        .collect();
    assert_eq!(
        found,
        [
            (1, "crate::load::Chapter".to_string()),
            (2, "crate::html".to_string()),
            (2, "crate::theme::Theme".to_string()),
            (4, "crate::pipeline::check".to_string()),
            (4, "super::sibling::g".to_string()),
        ]
    );
    let edges = BTreeMap::from([
        (
            PathBuf::from("a"),
            BTreeMap::from([(PathBuf::from("b"), 1)]),
        ),
        (
            PathBuf::from("b"),
            BTreeMap::from([(PathBuf::from("a"), 2)]),
        ),
    ]);
    assert_eq!(cycles(&edges).len(), 1);
    assert!(imports().len() > 100, "the imports of src/ were not found");
}

fn layer_index() -> BTreeMap<&'static str, usize> {
    LAYERS
        .iter()
        .enumerate()
        .flat_map(|(index, layer)| layer.iter().map(move |name| (*name, index)))
        .collect()
}

/// Every import in every file of `src/`.
fn imports() -> Vec<Import> {
    let mut found = Vec::new();
    for file in rust_files(Path::new("src")) {
        let code = std::fs::read_to_string(&file).unwrap();
        for (line, kind, path) in references(&code) {
            let Some(first) = path.first() else { continue };
            let (module, target) = if kind == "super::" {
                (top_module(&file), sibling(&file, first))
            } else {
                (first.clone(), file_of(&path))
            };
            found.push(Import {
                file: file.clone(),
                line,
                module,
                target,
            });
        }
    }
    found
}

/// `crate::` and `super::` paths in `code`, outside comments and strings:
/// (line, `crate::` or `super::`, the names after it). A group
/// (`crate::{a::b, c}`) gives one path per member.
fn references(code: &str) -> Vec<(usize, &'static str, Vec<String>)> {
    let mut found = Vec::new();
    for (index, line) in code.lines().enumerate() {
        let line = strip_comment_and_strings(line);
        for kind in ["crate::", "super::"] {
            let mut rest = line.as_str();
            while let Some(at) = rest.find(kind) {
                let before = rest[..at].chars().last();
                rest = &rest[at + kind.len()..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                let members = if let Some(group) = rest.strip_prefix('{') {
                    let inside = group.split('}').next().unwrap_or(group);
                    inside
                        .split(',')
                        .map(str::trim)
                        .map(str::to_string)
                        .collect()
                } else {
                    vec![path_at(rest)]
                };
                for member in members.iter().filter(|m| !m.is_empty()) {
                    let path: Vec<String> = member
                        .split("::")
                        .map(|part| part.trim_start_matches('{').trim().to_string())
                        .take_while(|part| is_name(part))
                        .collect();
                    found.push((index + 1, kind, path));
                }
            }
        }
    }
    found
}

/// The path at the start of `text`: `a::b::C` of `a::b::C::new()`.
fn path_at(text: &str) -> String {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(text.len());
    text[..end].trim_end_matches(':').to_string()
}

fn is_name(part: &str) -> bool {
    !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// A line without its `//` comment and the contents of its string literals.
fn strip_comment_and_strings(line: &str) -> String {
    let mut kept = String::new();
    let mut in_string = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if in_string => {
                chars.next();
            }
            '"' => in_string = !in_string,
            '/' if !in_string && chars.peek() == Some(&'/') => break,
            _ if in_string => {}
            _ => kept.push(c),
        }
    }
    kept
}

/// The top-level module a file of `src/` belongs to (`lib` and `main` for
/// the crate's roots).
fn top_module(file: &Path) -> String {
    let inside = file.strip_prefix("src").unwrap_or(file);
    let first = inside.iter().next().unwrap().to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The file of `src/` a `crate::` path names: the deepest module file it
/// reaches (`crate::load::yaml::parse` → `src/load/yaml.rs`).
fn file_of(path: &[String]) -> Option<PathBuf> {
    let mut found = None;
    let mut dir = PathBuf::from("src");
    for name in path {
        let file = dir.join(format!("{name}.rs"));
        let folder = dir.join(name).join("mod.rs");
        if file.is_file() {
            found = Some(file);
        } else if folder.is_file() {
            found = Some(folder);
        } else {
            break;
        }
        dir = dir.join(name);
    }
    found
}

/// The file `super::name` names from `file`: a sibling module, else the
/// folder's `mod.rs` (an item defined there).
fn sibling(file: &Path, name: &str) -> Option<PathBuf> {
    let dir = if file.ends_with("mod.rs") {
        file.parent()?.parent()?
    } else {
        file.parent()?
    };
    let candidates = [
        dir.join(format!("{name}.rs")),
        dir.join(name).join("mod.rs"),
        dir.join("mod.rs"),
    ];
    candidates.into_iter().find(|path| path.is_file())
}

/// A folder's `mod.rs` and the files of that folder: the front door
/// re-exports what its rooms define, and they use what it declares. That is
/// one module, not two files in a circle.
fn is_front_door_of(a: &Path, b: &Path) -> bool {
    let door =
        |door: &Path, room: &Path| door.ends_with("mod.rs") && room.parent() == door.parent();
    door(a, b) || door(b, a)
}

/// Every cycle of `edges`, each from one file back to itself.
fn cycles(edges: &BTreeMap<PathBuf, BTreeMap<PathBuf, usize>>) -> Vec<Vec<PathBuf>> {
    fn visit(
        node: &PathBuf,
        edges: &BTreeMap<PathBuf, BTreeMap<PathBuf, usize>>,
        stack: &mut Vec<PathBuf>,
        done: &mut BTreeSet<PathBuf>,
        found: &mut Vec<Vec<PathBuf>>,
    ) {
        if let Some(at) = stack.iter().position(|open| open == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.clone());
            found.push(cycle);
            return;
        }
        if done.contains(node) {
            return;
        }
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flat_map(BTreeMap::keys) {
            visit(next, edges, stack, done, found);
        }
        stack.pop();
        done.insert(node.clone());
    }
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        visit(node, edges, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}
