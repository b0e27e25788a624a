//! Stage 1, **load**: read a handbook's source folder into memory.
//!
//! `handbook.yaml` becomes [`Settings`] (in `settings`, kept with its text
//! and the position of every value), each `chapters/*.md` file a [`Chapter`]
//! (in `chapters`, with `front_matter`), the theme chain its files
//! ([`theme_files`]), and `assets/` a list of files ([`files`]). `yaml` turns
//! YAML into typed data with errors located in their file. Nothing later
//! reads the source folder again.

pub mod chapter_names;
pub mod chapters;
pub mod derived;
pub mod files;
pub mod front_matter;
pub mod settings;
pub mod source;
pub mod theme_files;
pub mod yaml;

pub use chapters::{
    Chapter, chapter_paths, check_unique_slugs, read_chapter, reading_order, split_order_prefix,
};
pub use front_matter::FrontMatter;
pub use settings::Settings;
pub use source::source_folder;
