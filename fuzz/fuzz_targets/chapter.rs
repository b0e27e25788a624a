//! A whole chapter file (front matter and Markdown with components) rendered
//! for the site and the print page, raw HTML refused and allowed.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    if let Some((&flags, rest)) = data.split_first()
        && let Ok(text) = std::str::from_utf8(rest)
    {
        let allow_html = flags & 1 == 1;
        if flags & 2 == 2 {
            common::render_file(text, allow_html);
        } else {
            common::render_body(text, allow_html);
        }
    }
});
