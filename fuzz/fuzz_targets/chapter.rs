//! A whole chapter file (front matter and Markdown with components) rendered
//! for the site and the print page, raw HTML refused and allowed.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| common::chapter(data));
