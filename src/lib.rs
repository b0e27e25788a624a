//! handbook: an accessible static-site generator for handbooks.
//!
//! The modules read in the order the pipeline runs, each importing only
//! those before it (`tests/layers.rs` holds that order and checks it):
//!
//! 1. [`load`]: the source folder into memory (settings with the position of
//!    every value, chapters with their front matter, the theme's files, the
//!    assets);
//! 2. [`theme`]: the theme chain's templates, palette and contrast check;
//! 3. [`parse`]: each chapter's Markdown to HTML, fenced blocks handed to
//!    whatever draws them;
//! 4. [`components`]: the diagrams and structures drawn from fenced blocks;
//! 5. [`render`]: every page drawn with the theme's templates;
//! 6. [`finish`]: fingerprinted assets, minified pages, search index, sitemap;
//! 7. [`write`]: the output folder replaced atomically.
//!
//! [`pipeline`] runs the stages, remembering its work so that [`serve`]
//! redoes only what a save touches; [`pdf`] prints the single page through
//! headless Chromium; [`epub`] makes an accessible e-book of the handbook;
//! [`init`] scaffolds a new handbook; [`overrides`] copies a base chapter into
//! a handbook that extends it; [`translate`] starts or accepts a chapter's
//! translation; [`check`] runs the checks of every output. Beneath them all:
//! [`html`] (escaping, and the one reader of built HTML), [`diagnostics`]
//! and [`error`]. `main.rs` only parses arguments and calls these.

pub mod check;
pub mod components;
pub mod diagnostics;
pub mod epub;
pub mod error;
pub mod finish;
pub mod html;
pub mod init;
pub mod load;
pub mod overrides;
pub mod parse;
pub mod pdf;
pub mod pipeline;
pub mod render;
pub mod serve;
pub mod theme;
pub mod translate;
pub mod write;

pub use diagnostics::{Diagnostic, Diagnostics};
pub use error::Error;
pub use pipeline::{BuildOptions, Site, build_site, write_build};
