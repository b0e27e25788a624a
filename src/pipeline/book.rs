//! The handbook as a book, for outputs made from the whole of it at once
//! (`handbook epub`): a full build, checked as `build` checks it, and what it
//! rendered — the settings, the theme, the chapters in reading order with
//! their print renderings (ids unique across the book, links between
//! chapters as `#slug--anchor`), and the asset files; for the handbook's
//! own language or one of its other editions ([`Book::in_language`]).

use std::collections::BTreeSet;
use std::path::Path;

use super::builder::LastRun;
use super::editions::edition_prefix;
use super::{BuildOptions, Builder, Site};
use crate::error::Error;
use crate::load::Chapter;
use crate::load::Settings;
use crate::parse::Heading;
use crate::render::pages::Fragment;
use crate::theme::Theme;

/// A built handbook, its pages unminified.
pub struct Book {
    builder: Builder,
    /// The edition the book is of; `None` for the handbook's own language.
    edition: Option<String>,
}

/// One chapter of the book.
pub struct BookChapter<'a> {
    pub chapter: &'a Chapter,
    /// 1 for the first chapter in reading order.
    pub number: usize,
    /// The chapter's body as the single print page has it: headings one level
    /// deeper than on its own page (`##` is `<h3>`), every id prefixed with
    /// `slug--`.
    pub print_html: &'a str,
    /// The headings of the body (level 2 for `##`), with their ids as in
    /// `print_html`.
    pub headings: &'a [Heading],
    /// The components drawn, by name.
    pub components: &'a BTreeSet<&'static str>,
    /// For a chapter an edition shows untranslated: the language it is in.
    pub untranslated: Option<Fragment>,
}

/// A file of the handbook's `assets/` folder.
pub struct BookAsset<'a> {
    /// Its path inside `assets/` (`photos/team.jpg`).
    pub name: &'a str,
    /// Its path in the site (`assets/photos/team.1a2b3c4d5e6f.jpg`), as the
    /// renderings link it from one folder down (`../assets/…`).
    pub output: &'a str,
    pub bytes: &'a [u8],
}

impl Book {
    /// Builds the handbook in `source_dir` in memory; the problems a build
    /// would report are the error.
    pub fn load(source_dir: &Path, options: &BuildOptions) -> Result<Book, Error> {
        let options = BuildOptions {
            skip_minify: true,
            ..options.clone()
        };
        let mut builder = Builder::once(source_dir, options);
        builder.full()?;
        Ok(Book {
            builder,
            edition: None,
        })
    }

    /// The book of the edition in `language`: the handbook's own language,
    /// or one of its `languages:`; any other is a usage error that suggests
    /// the nearest.
    pub fn in_language(mut self, language: &str) -> Result<Book, Error> {
        let edition = {
            let own = &self.parts().inputs.settings;
            if language == own.language {
                None
            } else if self.builder.last_run(Some(language)).is_some() {
                Some(language.to_string())
            } else {
                return Err(Error::Usage(crate::load::editions::unlisted_language(
                    language, own,
                )));
            }
        };
        self.edition = edition;
        Ok(self)
    }

    /// The edition's settings: its translated words over the handbook's.
    pub fn settings(&self) -> &Settings {
        self.parts().settings
    }

    pub fn theme(&self) -> &Theme {
        &self.parts().inputs.theme
    }

    /// The edition's folder in the site (`cy/`), empty for the handbook's
    /// own language: its renderings link the assets from one folder deeper
    /// (`../../assets/…` in place of `../assets/…`).
    pub fn folder(&self) -> String {
        self.edition
            .as_deref()
            .map(edition_prefix)
            .unwrap_or_default()
    }

    /// The chapters in reading order.
    pub fn chapters(&self) -> Vec<BookChapter<'_>> {
        self.parts()
            .chapters
            .into_iter()
            .enumerate()
            .map(|(index, (chapter, render, untranslated))| BookChapter {
                chapter,
                number: index + 1,
                print_html: &render.print.html,
                headings: &render.print.headings,
                components: &render.print.components,
                untranslated,
            })
            .collect()
    }

    /// The files of `assets/`, sorted by name.
    pub fn assets(&self) -> Vec<BookAsset<'_>> {
        let inputs = self.parts().inputs;
        let mut assets: Vec<BookAsset<'_>> = inputs
            .asset_paths
            .iter()
            .filter_map(|(name, output)| {
                Some(BookAsset {
                    name,
                    output,
                    bytes: inputs.files.get(output)?,
                })
            })
            .collect();
        assets.sort_by_key(|asset| asset.name);
        assets
    }

    /// The site path of the logo (`brand.logo`), when there is one.
    pub fn logo(&self) -> Option<&str> {
        self.parts().inputs.links.logo.as_deref()
    }

    /// The site built on the way.
    pub fn into_site(self) -> Site {
        self.builder
            .into_site()
            .expect("a book is made only from a build that succeeded")
    }

    fn parts(&self) -> LastRun<'_> {
        self.builder
            .last_run(self.edition.as_deref())
            .expect("a book is made only from a build that succeeded, of an edition it has")
    }
}
