//! The HTML reader and the minifier, on any text a page could hold (raw
//! HTML an editor allowed, a theme's template): the reader gives every byte
//! back and minifying never panics; and where every `<` starts a tag, as in
//! the HTML we write, minifying again changes nothing. (A bare `<` in text,
//! which HTML escapes, may meet the text after a removed comment and form a
//! tag the second time.)
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| common::minify(data));
