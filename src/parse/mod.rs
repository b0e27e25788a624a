//! Stage 3, **parse**: a chapter's Markdown becomes HTML.
//!
//! `markdown` walks pulldown-cmark's events; `slug` makes heading ids;
//! `links` decides what each link becomes; `highlight` colours code;
//! `sanitize` cleans raw HTML a handbook allows. Fenced blocks that are not
//! code are handed to whatever draws them, passed down as [`FencedBlocks`].

pub mod fences;
pub mod highlight;
pub mod links;
pub mod markdown;
pub mod sanitize;
pub mod slug;

pub use markdown::{
    Book, ChapterRenderer, FencedBlocks, Heading, InternalLink, Mode, Rendered, render_chapter,
    render_chapter_for_site_and_print,
};
