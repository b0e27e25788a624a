//! Front matter splitting and parsing, on any file an editor could save.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        match handbook::load::front_matter::parse(std::path::Path::new("c.md"), text) {
            Ok(parsed) => {
                // the body must start on a character boundary inside the file
                let _ = &text[parsed.body_start..];
            }
            Err(problem) => {
                let _ = problem.to_string();
            }
        }
    }
});
