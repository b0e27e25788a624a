//! Each component's YAML: the first byte picks the component, the rest is
//! the body of its fenced block.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| common::component_yaml(data));
