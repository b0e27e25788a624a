//! Every seed of the fuzz targets (`fuzz/seeds/TARGET/`) through the check
//! its target makes (`fuzz/fuzz_targets/common.rs`): the fuzzers' harness
//! keeps compiling against the library, and the seeds, among them inputs
//! that once crashed, stay regression tests.

#[path = "../fuzz/fuzz_targets/common.rs"]
mod fuzz;

use std::fs;
use std::path::Path;

/// Runs `check` on each file of `fuzz/seeds/target`; at least one must exist.
fn run_seeds(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut count = 0;
    for entry in fs::read_dir(&dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display())) {
        let path = entry.expect("a seed's directory entry").path();
        let data = fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        check(&data);
        count += 1;
    }
    assert!(count > 0, "no seeds in {}", dir.display());
}

#[test]
fn chapter_seeds() {
    run_seeds("chapter", fuzz::chapter);
}

#[test]
fn component_yaml_seeds() {
    run_seeds("component_yaml", fuzz::component_yaml);
}

#[test]
fn front_matter_seeds() {
    run_seeds("front_matter", fuzz::front_matter);
}

#[test]
fn minify_seeds() {
    run_seeds("minify", fuzz::minify);
}
