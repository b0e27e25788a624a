//! Stage 2, **theme**: the theme chain made ready to draw with. `templates`
//! compiles the default theme's templates under a fork's (Tera's fallback
//! prefixes); `palette` holds the named colours and writes them as CSS;
//! `contrast` checks every pair of colours the theme draws, light and dark,
//! against WCAG; `words` holds the theme's own words in each language
//! (`i18n/LANG.yaml`). The theme's files were read by the load stage.

pub mod contrast;
pub mod palette;
pub mod templates;
pub mod words;

pub use templates::Theme;
