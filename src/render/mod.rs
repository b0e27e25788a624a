//! Stage 4, **render pages**: the theme chain, each page's template data, and
//! the colours pages are drawn in, contrast-checked.

pub mod contrast;
pub mod pages;
pub mod palette;
pub mod print_page;
pub mod templates;
