//! Stage 1, **load**: read a handbook's source folder into memory.
//!
//! `handbook.yaml` becomes [`Settings`] (in `settings`, kept with its text
//! and the position of every value), each `chapters/*.md` file a [`Chapter`]
//! (in `chapters`, with `front_matter`), the theme chain its files
//! ([`theme_files`]), `assets/` a list of files ([`files`]), and a fork's
//! own accessibility statement ([`statement`]); for a handbook that extends
//! another, [`extends`] reads the base's too and makes one handbook of
//! them. The other language editions and their translated chapters are
//! checked in [`editions`], with the language codes of [`languages`]. `yaml` turns
//! YAML into typed data with errors located in their file. Nothing later
//! reads the source folder again.

pub mod chapter_names;
pub mod chapters;
pub mod derived;
pub mod editions;
pub mod extends;
pub mod files;
pub mod front_matter;
pub mod languages;
pub mod settings;
pub mod source;
pub mod statement;
pub mod theme_files;
pub mod yaml;

pub use chapters::{
    Chapter, chapter_paths, check_unique_slugs, read_chapter, reading_order, split_order_prefix,
};
pub use front_matter::FrontMatter;
pub use settings::Settings;
pub use source::source_folder;
