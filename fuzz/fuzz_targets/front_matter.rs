//! Front matter splitting and parsing, on any file an editor could save.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| common::front_matter(data));
