//! The language editions in a run. The handbook's own language is drawn at
//! the site's root and each other edition under its folder (`cy/`), the
//! same way ([`Drawing`]): its chapters are the translations and, for a
//! chapter not yet translated, the original marked with its language
//! ([`edition_chapters`]), rendered against the edition (its asset paths
//! one folder further down); then its pages, search index and running
//! titles.

use std::collections::HashMap;

use super::chapters::{ChapterRender, Renders};
use super::inputs::Inputs;
use super::page_cache::{PageCache, Refreshed};
use super::site_pages::{Pages, draw_contents_items};
use crate::error::Error;
use crate::finish::{assets, search};
use crate::load::Chapter;
use crate::load::settings::Settings;
use crate::parse::Rendered;
use crate::render::pages::{AssetLinks, EditionLink, Fragment, NavItem, Shared, nav_items};
use crate::write::Staging;

/// What the builder remembers of an edition other than the handbook's own
/// language between runs.
pub(super) struct EditionState {
    pub code: String,
    pub renders: Renders,
    pub nav: Vec<NavItem>,
    pub nav_version: u64,
    /// Asset path inside `assets/` → its path from a chapter page's folder's
    /// parent, the edition's folder (`../assets/logo.1a2b.svg`).
    pub asset_paths: HashMap<String, String>,
}

impl EditionState {
    pub fn new(code: &str, inputs: &Inputs) -> EditionState {
        let climb = edition_prefix(code)
            .replace(|c| c != '/', "")
            .replace('/', "../");
        EditionState {
            code: code.to_string(),
            renders: Renders::default(),
            nav: Vec::new(),
            nav_version: 0,
            asset_paths: inputs
                .asset_paths
                .iter()
                .map(|(name, path)| (name.clone(), format!("{climb}{path}")))
                .collect(),
        }
    }
}

/// The folder of the edition `code` from the site root: `cy/`.
pub(super) fn edition_prefix(code: &str) -> String {
    format!("{code}/")
}

/// Every edition as pages link them: the handbook's own language first.
pub(super) fn edition_links(inputs: &Inputs) -> Vec<EditionLink> {
    if inputs.editions.is_empty() {
        return Vec::new();
    }
    let own = &inputs.settings;
    let own_name = own_language_name(&own.language);
    std::iter::once(EditionLink {
        code: own.language.clone(),
        name: own_name,
        dir: crate::load::languages::direction(&own.language),
        prefix: String::new(),
    })
    .chain(inputs.editions.iter().map(|edition| EditionLink {
        code: edition.code.clone(),
        name: edition.name.clone(),
        dir: crate::load::languages::direction(&edition.code),
        prefix: edition_prefix(&edition.code),
    }))
    .collect()
}

/// The handbook's own language, named in itself for the switcher.
fn own_language_name(tag: &str) -> String {
    match crate::load::languages::primary(tag).as_str() {
        "en" => "English",
        "cy" => "Cymraeg",
        "ar" => "العربية",
        "ur" => "اردو",
        "pl" => "Polski",
        "pa" => "ਪੰਜਾਬੀ",
        "fr" => "Français",
        "de" => "Deutsch",
        "es" => "Español",
        _ => tag,
    }
    .to_string()
}

/// The chapters of the edition `code` in reading order: each original's
/// translation, or the original itself with its language (`untranslated`)
/// while it has none; a draft translation counts as none.
pub(super) fn edition_chapters<'a>(
    code: &str,
    originals: &[&'a Chapter],
    translations: &[&'a Chapter],
    own_language: &str,
    include_drafts: bool,
) -> (Vec<&'a Chapter>, Vec<Option<Fragment>>) {
    originals
        .iter()
        .map(|original| {
            let translation = translations.iter().find(|t| {
                t.language.as_deref() == Some(code)
                    && (include_drafts || !t.front.draft)
                    && t.original_file_name().as_deref() == Some(original.file_name.as_str())
            });
            match translation {
                Some(translation) => (*translation, None),
                None => (*original, Some(Fragment::of(own_language))),
            }
        })
        .unzip()
}

/// The contents list of an edition: an untranslated chapter's title is
/// marked with its language.
pub(super) fn edition_nav(
    chapters: &[&Chapter],
    untranslated: &[Option<Fragment>],
) -> Vec<NavItem> {
    let mut nav = nav_items(chapters.iter().copied());
    for (item, fragment) in nav.iter_mut().zip(untranslated) {
        item.lang = fragment.clone();
    }
    nav
}

/// One edition to draw.
pub(super) struct Drawing<'a> {
    pub inputs: &'a Inputs,
    pub settings: &'a Settings,
    /// The edition's folder from the site root (empty for the handbook's own language).
    pub prefix: &'a str,
    pub editions: &'a [EditionLink],
    pub chapters: &'a [&'a Chapter],
    pub untranslated: &'a [Option<Fragment>],
    pub renders: &'a [&'a ChapterRender],
    /// The handbook's own accessibility statement, rendered (its own language only).
    pub statement: Option<(&'a Chapter, &'a Rendered)>,
    pub nav: &'a [NavItem],
    pub base_key: u64,
    pub base_url: Option<&'a str>,
    pub print_only: Option<&'a str>,
    pub minify: bool,
    pub cache: &'a PageCache,
    pub write_to: Option<&'a Staging>,
}

/// An edition drawn: its pages brought up to date, the files made from all
/// its chapters (search index, running titles), and every page's path.
pub(super) struct Drawn {
    pub refreshed: Vec<Refreshed>,
    pub files: Vec<(String, Vec<u8>)>,
    pub page_paths: Vec<String>,
}

impl Drawing<'_> {
    pub fn draw(&self) -> Result<Drawn, Error> {
        let inputs = self.inputs;
        let settings = self.settings;
        let site = Shared::new(
            settings,
            &inputs.theme,
            &inputs.links,
            self.nav,
            self.base_url,
        )
        .in_edition(self.prefix, self.editions);
        // the search index changes with any chapter: only the search page
        // sees it; it holds the chapters in the edition's language only
        let climb = "../".repeat(self.prefix.matches('/').count());
        let language = search::Language::of(&settings.language);
        let translated = self
            .renders
            .iter()
            .zip(self.untranslated)
            .filter(|(_, untranslated)| untranslated.is_none())
            .map(|(render, _)| &render.search);
        // the index and the contents list's items, side by side: each is
        // partly one thread's work
        let (index, items) = rayon::join(
            || search::index_files(translated, &language, &climb),
            || {
                self.cache.contents_items(self.prefix, self.base_key, || {
                    draw_contents_items(&site, self.chapters, self.minify)
                })
            },
        );
        let items = items?;
        let search_assets = AssetLinks {
            search_index: Some(index.root.clone()),
            ..inputs.links.clone()
        };
        // The single page's running titles, a named page per printed chapter:
        // linked by that page only, as it grows with the handbook.
        let printed: Vec<(usize, &str, &str)> = self
            .chapters
            .iter()
            .enumerate()
            .filter(|(_, chapter)| chapter.front.print)
            .map(|(i, chapter)| (i + 1, chapter.slug.as_str(), chapter.front.title.as_str()))
            .collect();
        let words = inputs.theme.words.of(&settings.language);
        let page_of = words.get("page_of").map_or("{n} / {m}", |word| word.text);
        let (chapters_css_path, chapters_css) =
            assets::chapters_css(settings, &printed, page_of, self.minify);
        let mut print_assets = inputs.links.clone();
        print_assets.print_css.push(chapters_css_path.clone());
        let site = site.with_drawn_items(&items.drawn);
        let (search, print) = (
            site.with_assets(&search_assets),
            site.with_assets(&print_assets),
        );
        let pages = Pages {
            shared: &site,
            search: &search,
            print: &print,
            prefix: self.prefix,
            print_only: self.print_only,
            chapters: self.chapters,
            untranslated: self.untranslated,
            renders: self.renders,
            items: &items.html,
            statement: self.statement,
            cache: self.cache,
            base_key: self.base_key,
            minify: self.minify,
            write_to: self.write_to,
        };
        let refreshed = pages.refresh_all()?;
        let mut files = index.files;
        files.push((chapters_css_path, chapters_css));
        Ok(Drawn {
            refreshed,
            files,
            page_paths: pages.paths(),
        })
    }
}
