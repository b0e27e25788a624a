//! The HTML reader and the minifier, on any text a page could hold (raw
//! HTML an editor allowed, a theme's template): the reader gives every byte
//! back and minifying never panics; and where every `<` starts a tag, as in
//! the HTML we write, minifying again changes nothing. (A bare `<` in text,
//! which HTML escapes, may meet the text after a removed comment and form a
//! tag the second time.)
#![no_main]

use handbook::finish::minify::minify_part;
use handbook::html::tokens::{Token, tokens};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(html) = std::str::from_utf8(data) {
        let again: String = tokens(html).map(|token| token.source().to_string()).collect();
        assert_eq!(again, html);
        let once = minify_part(html);
        let bare_less_than = tokens(html).any(|token| matches!(token, Token::Text(text) if text.contains('<')));
        if !bare_less_than {
            assert_eq!(minify_part(&once), once, "minifying again changed {html:?}");
        }
    }
});
