//! Stage 5, **render pages**: each page's template data, prepared in Rust
//! and drawn by the theme's templates (`pages`), and the `@page` rules the
//! settings decide (`print_page`).

pub mod pages;
pub mod print_page;
