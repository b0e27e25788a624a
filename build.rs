//! Embeds the default theme (`themes/default/`) in the binary, so `handbook
//! build` works from anywhere and a fork's theme only holds what it changes.
//! Every file in the folder is listed automatically: adding a component's
//! template needs no edit here.
//!
//! Helpers build several worktrees of this package into one shared target
//! folder, where they share this script's `OUT_DIR`. The script therefore
//! runs again whenever cargo is started from another folder (`PWD`), and
//! writes the list only when it changed, so a worktree never compiles
//! another's theme and an unchanged one is not recompiled.

use std::fmt::Write;
use std::path::Path;

fn main() {
    // Read when the script runs, not when it is compiled: a script binary
    // compiled in one worktree may run for another.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let root = Path::new(&manifest_dir).join("themes/default");
    println!("cargo:rerun-if-changed={}", root.display());
    println!("cargo:rerun-if-env-changed=PWD");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut code = String::from("&[\n");
    for relative in &files {
        let absolute = root.join(relative);
        println!("cargo:rerun-if-changed={}", absolute.display());
        writeln!(
            code,
            "    ({relative:?}, include_bytes!({:?}) as &[u8]),",
            absolute.display().to_string()
        )
        .unwrap();
    }
    code.push_str("]\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("default_theme.rs");
    if std::fs::read_to_string(&out).ok().as_deref() != Some(code.as_str()) {
        std::fs::write(out, code).unwrap();
    }
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if !relative.split('/').any(|part| part.starts_with('.')) {
                files.push(relative);
            }
        }
    }
}
