//! Stage 4, **render pages**: the theme chain and each page's template data.

pub mod pages;
pub mod palette;
pub mod print_page;
pub mod templates;
