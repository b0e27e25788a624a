//! Stage 3, **parse and render Markdown**: a chapter's body becomes HTML.
//!
//! `markdown` walks pulldown-cmark's events; `slug` makes heading ids;
//! `links` decides what each link becomes; `highlight` colours code;
//! `sanitize` cleans raw HTML a handbook allows. Component blocks are handed
//! to [`crate::components`].

pub mod highlight;
pub mod links;
pub mod markdown;
pub mod sanitize;
pub mod slug;

pub use markdown::{
    Book, ChapterRenderer, Heading, InternalLink, Mode, Rendered, render_chapter,
    render_chapter_for_site_and_print,
};
