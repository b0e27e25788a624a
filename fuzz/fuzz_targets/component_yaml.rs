//! Each component's YAML: the first byte picks the component, the rest is
//! the body of its fenced block.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let names = handbook::components::names();
    if let Some((&pick, rest)) = data.split_first()
        && let Ok(yaml) = std::str::from_utf8(rest)
        && !names.is_empty()
    {
        let name = names[usize::from(pick) % names.len()];
        // keep the YAML inside the fence, as an author's block would be
        if yaml.lines().any(|line| line.trim_start().starts_with("```")) {
            return;
        }
        common::render_body(&format!("## Section\n\n```{name}\n{yaml}\n```\n"), pick & 128 == 128);
    }
});
