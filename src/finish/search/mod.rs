//! The search index: every chapter cut into sections at its headings, each
//! kept as its heading, a short snippet and the stems of its words, and the
//! whole split into shards that the search page loads as a query needs them.
//!
//! - [`language`]: how the edition's language splits words, which it leaves
//!   out, and how it stems them (Snowball's English stemmer, so "regulating"
//!   finds "regulate");
//! - [`sections`]: a chapter's HTML cut into sections;
//! - [`chapter`]: one chapter's entries, made in parallel as chapters render;
//! - [`shards`]: the site's index put together and written as scripts.
//!
//! Text comes from each chapter's rendered HTML, so what a component draws
//! (an exercise's title, a case study) is found as well as the Markdown.
//! `themes/default/static/pages/search.js` searches it in the reader's
//! browser: it splits and stems a query as [`language`] does, and a query
//! word matches every stem it begins and every word it begins the stem of,
//! so "breath" finds "breathing" and "breathin" too, as one types.

mod chapter;
mod language;
mod sections;
mod shards;

pub use chapter::{ChapterIndex, WordHasher};
pub use language::Language;
pub use shards::{GLOBAL, SearchFiles, index_files};
