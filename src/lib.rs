//! handbook: an accessible static-site generator for handbooks.
//!
//! The pipeline reads in the order of its modules:
//! [`load`] the source → [`parse`] each chapter's Markdown (drawing
//! [`components`]) → [`render`] pages with the theme → [`finish`] the site-wide
//! files → [`write`] the output atomically. [`build`] ties them together;
//! `main.rs` only parses arguments and calls it. [`serve`] runs the same
//! pipeline incrementally behind a local web server with live reload; [`pdf`]
//! prints the single page to PDF through headless Chromium; [`epub`] makes
//! an accessible EPUB of it.

pub mod build;
pub mod components;
pub mod config;
pub mod diagnostics;
pub mod epub;
pub mod error;
pub mod finish;
pub mod html;
pub mod init;
pub mod load;
pub mod parse;
pub mod pdf;
pub mod render;
pub mod serve;
pub mod write;

pub use build::{BuildOptions, Site, build_site, check, write_build};
pub use diagnostics::{Diagnostic, Diagnostics};
pub use error::Error;
