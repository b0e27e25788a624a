//! Stage 4, **template**: every page's data, prepared in Rust, drawn by the
//! theme's templates. Templates only place values; anything that can fail
//! (links, ids, components) was settled before this point.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::diagnostics::Diagnostic;
use crate::load::front_matter::Date;
use crate::load::settings::Settings;
use crate::load::{Chapter, languages};
use crate::parse::{Heading, Rendered};
use crate::theme::Theme;

/// The template of one chapter in the contents list, which `base.html`
/// places as `item.drawn`.
pub const CONTENTS_ITEM: &str = "partials/contents-item.html";

/// Every kind of page, as templates see it in `kind`.
pub const PAGE_KINDS: [&str; 6] = ["home", "chapter", "print", "search", "accessibility", "404"];

/// Links to the theme's stylesheets and scripts, from the site root.
///
/// Templates see a page's own: what every page links, then what its kind of
/// page and the components it draws link ([`AssetLinks::for_page`]).
#[derive(Debug, Clone, Serialize, Default)]
pub struct AssetLinks {
    pub css: Vec<String>,
    pub print_css: Vec<String>,
    pub js: Vec<String>,
    /// The logo on the header band, and (when the brand gives them) on the
    /// dark-mode header and on the white print cover.
    pub logo: Option<String>,
    pub logo_dark: Option<String>,
    pub logo_print: Option<String>,
    /// The icon browsers show in tabs and bookmarks.
    pub icon: Option<String>,
    /// The search index script, loaded by the search page only.
    pub search_index: Option<String>,
    /// How many of `css` come before a fork's added stylesheets, which stay last.
    #[serde(skip)]
    pub own_css: usize,
    /// `static/pages/KIND.css` and `.js`, by kind of page (`home`, `search`...).
    #[serde(skip)]
    pub kinds: BTreeMap<String, Scoped>,
    /// `static/components.css` and `.js`: what components share.
    #[serde(skip)]
    pub components_shared: Scoped,
    /// `static/components/NAME.css` and `.js`, by component name.
    #[serde(skip)]
    pub components: BTreeMap<String, Scoped>,
}

/// A stylesheet and a script linked only by the pages that need them.
#[derive(Debug, Clone, Default)]
pub struct Scoped {
    pub css: Option<String>,
    pub js: Option<String>,
}

impl AssetLinks {
    /// What a page of `kind` that draws `components` links: every page's
    /// stylesheets, those of its kind, those components share (if it draws
    /// any) and each component's own, then a fork's additions, which win.
    pub fn for_page(&self, kind: &str, components: &BTreeSet<&str>) -> AssetLinks {
        let shared = (!components.is_empty()).then_some(&self.components_shared);
        let scoped: Vec<&Scoped> = self
            .kinds
            .get(kind)
            .into_iter()
            .chain(shared)
            .chain(
                components
                    .iter()
                    .filter_map(|name| self.components.get(*name)),
            )
            .collect();
        let (own, added) = self.css.split_at(self.own_css.min(self.css.len()));
        AssetLinks {
            css: own
                .iter()
                .chain(scoped.iter().filter_map(|s| s.css.as_ref()))
                .chain(added)
                .cloned()
                .collect(),
            print_css: self.print_css.clone(),
            js: self
                .js
                .iter()
                .chain(scoped.iter().filter_map(|s| s.js.as_ref()))
                .cloned()
                .collect(),
            logo: self.logo.clone(),
            logo_dark: self.logo_dark.clone(),
            logo_print: self.logo_print.clone(),
            icon: self.icon.clone(),
            search_index: self.search_index.clone(),
            ..AssetLinks::default()
        }
    }

    /// The same links from `up` folders below the site root (`../`): a
    /// language edition's pages are one folder further down.
    fn climb(&mut self, up: &str) {
        let climb = |path: &mut String| path.insert_str(0, up);
        self.css.iter_mut().for_each(climb);
        self.print_css.iter_mut().for_each(climb);
        self.js.iter_mut().for_each(climb);
        self.logo.iter_mut().for_each(climb);
        self.icon.iter_mut().for_each(climb);
        self.search_index.iter_mut().for_each(climb);
    }

    /// Every stylesheet some page links, in an order that stays the same
    /// while the theme's files do.
    pub fn all_stylesheets(&self) -> Vec<String> {
        let scoped = self
            .kinds
            .values()
            .chain([&self.components_shared])
            .chain(self.components.values());
        self.css
            .iter()
            .chain(&self.print_css)
            .chain(scoped.filter_map(|s| s.css.as_ref()))
            .cloned()
            .collect()
    }
}

/// A chapter as the contents list shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NavItem {
    pub title: String,
    pub slug: String,
    /// From the site root; templates prefix `root`.
    pub href: String,
    pub summary: Option<String>,
    pub number: usize,
    /// The language of `title` when it is not the page's: a chapter not yet
    /// translated, listed in an edition with its original's title.
    pub lang: Option<Fragment>,
}

/// The contents list's items for the pages at `root` (the chapter pages),
/// drawn once a build instead of once a page: each chapter as those pages'
/// templates see it, with what they place for it (short stand-ins, which
/// the pipeline fills with the items it drew with [`Shared::contents_item`]),
/// as `[listed, current]` (on the chapter's own page).
#[derive(Debug, Clone, Default)]
pub struct DrawnItems {
    root: String,
    listed: Arc<[[Value; 2]]>,
}

/// A language and its direction, for a fragment in another language than
/// its page's (`lang` and `dir` attributes).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fragment {
    pub lang: String,
    pub dir: &'static str,
}

impl Fragment {
    pub fn of(lang: &str) -> Fragment {
        Fragment {
            lang: lang.to_string(),
            dir: languages::direction(lang),
        }
    }
}

/// A language edition of the site, as the language switcher and the
/// alternate links of every page name it.
#[derive(Debug, Clone, Serialize)]
pub struct EditionLink {
    pub code: String,
    /// Its name in its own language.
    pub name: String,
    pub dir: &'static str,
    /// Its folder from the site root: `` for the handbook's own language, `cy/`.
    pub prefix: String,
}

/// An edition as one page links it: the same page in that edition.
#[derive(Debug, Clone, Serialize)]
struct EditionHere<'a> {
    code: &'a str,
    name: &'a str,
    dir: &'static str,
    /// The same page in that edition, from this page (or absolute, with `base_url`).
    href: String,
    current: bool,
}

#[derive(Debug, Clone, Serialize)]
struct SiteData<'a> {
    title: &'a str,
    subtitle: Option<&'a str>,
    organisation: &'a str,
    language: &'a str,
    /// `ltr` or `rtl`, from the language.
    dir: &'static str,
    description: Option<&'a str>,
    contact: Option<&'a crate::load::settings::Contact>,
    licence: Option<&'a str>,
    footer_links: &'a [crate::load::settings::FooterLink],
    logo_alt: Option<&'a str>,
    published: Option<&'a str>,
    paper: &'a str,
    running_title: bool,
    accessibility: AccessibilityData<'a>,
}

/// The statement's facts, and what the generator knows: who to contact,
/// and whether a fork's own theme changes what the default theme's tests
/// covered.
#[derive(Debug, Clone, Serialize)]
struct AccessibilityData<'a> {
    #[serde(flatten)]
    stated: &'a crate::load::settings::AccessibilityInfo,
    contact: Option<&'a crate::load::settings::Contact>,
    own_theme: bool,
}

/// What every page's template receives besides the page itself.
#[derive(Clone)]
pub struct Shared<'a> {
    pub config: &'a Settings,
    pub theme: &'a Theme,
    pub assets: &'a AssetLinks,
    pub nav: &'a [NavItem],
    pub base_url: Option<&'a str>,
    /// This edition's folder from the site root (`cy/`; empty for the
    /// handbook's own language): pages' paths are from it.
    edition_prefix: String,
    /// Every edition, this one included, for the language switcher.
    editions: Vec<EditionLink>,
    /// What every page sees alike, made template values once: each page's
    /// context shares them instead of serialising them again.
    values: SharedValues,
}

#[derive(Clone)]
struct SharedValues {
    site: Value,
    /// The settings' `extra:` map, a fork's own values.
    extra: Value,
    nav: Vec<Value>,
    /// The contents list's items, drawn once for the pages at their root.
    drawn: Option<DrawnItems>,
    /// The theme's words in the site's language.
    words: Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub title: String,
    pub href: String,
}

/// One chapter, ready for a template.
#[derive(Debug, Clone, Serialize)]
pub struct ChapterPage<'a> {
    pub title: &'a str,
    pub slug: &'a str,
    pub summary: Option<&'a str>,
    pub updated_iso: Option<String>,
    /// The date written out in the page's language (by [`Shared::chapter`]).
    pub updated_long: Option<String>,
    #[serde(skip)]
    pub updated: Option<&'a Date>,
    pub content: &'a str,
    /// Second-level headings, for "On this page".
    pub sections: Vec<&'a Heading>,
    /// The language of a chapter shown in an edition before it is
    /// translated: its content is the original's, marked with its language.
    pub untranslated: Option<Fragment>,
    pub number: usize,
    /// The components the chapter draws, whose stylesheets its page links.
    pub components: &'a BTreeSet<&'static str>,
}

impl<'a> ChapterPage<'a> {
    pub fn new(chapter: &'a Chapter, rendered: &'a Rendered, number: usize) -> Self {
        ChapterPage {
            title: &chapter.front.title,
            slug: &chapter.slug,
            summary: chapter.front.summary.as_deref(),
            updated_iso: chapter.front.updated.as_ref().map(|d| d.iso()),
            updated_long: None,
            updated: chapter.front.updated.as_ref(),
            content: &rendered.html,
            sections: rendered.headings.iter().filter(|h| h.level == 2).collect(),
            untranslated: None,
            number,
            components: &rendered.components,
        }
    }
}

impl<'a> Shared<'a> {
    pub fn new(
        config: &'a Settings,
        theme: &'a Theme,
        assets: &'a AssetLinks,
        nav: &'a [NavItem],
        base_url: Option<&'a str>,
    ) -> Shared<'a> {
        let site = SiteData {
            title: &config.title,
            subtitle: config.subtitle.as_deref(),
            organisation: &config.organisation,
            language: &config.language,
            dir: languages::direction(&config.language),
            description: config.description.as_deref(),
            contact: config.contact.as_ref(),
            licence: config.licence.as_deref(),
            footer_links: &config.footer_links,
            logo_alt: config.brand.logo_alt.as_deref(),
            published: config.published.as_deref(),
            paper: &config.print.paper,
            running_title: config.print.running_title,
            accessibility: AccessibilityData {
                stated: &config.accessibility,
                contact: config.accessibility.contact(config),
                own_theme: config.theme.is_some(),
            },
        };
        Shared {
            config,
            theme,
            assets,
            nav,
            base_url,
            edition_prefix: String::new(),
            editions: Vec::new(),
            values: SharedValues {
                site: Value::from_serializable(&site),
                extra: Value::from_serializable(&config.extra),
                nav: nav.iter().map(Value::from_serializable).collect(),
                drawn: None,
                words: theme.words.value(&config.language),
            },
        }
    }

    /// The same, for the pages of the edition under `prefix` (`cy/`), among
    /// `editions` (all of them, the handbook's own language first).
    pub fn in_edition(mut self, prefix: &str, editions: &[EditionLink]) -> Shared<'a> {
        self.edition_prefix = prefix.to_string();
        self.editions = editions.to_vec();
        self
    }

    /// The contents list's items for the pages at `root`, which place
    /// `placed` for each chapter: `[listed, current]`.
    pub fn drawn_items(&self, root: String, placed: &[[String; 2]]) -> DrawnItems {
        let listed = self
            .values
            .nav
            .par_iter()
            .zip(placed)
            .map(|(item, placed)| placed.each_ref().map(|drawn| listed(item, drawn)))
            .collect::<Vec<_>>()
            .into();
        DrawnItems { root, listed }
    }

    /// The same, linking `assets` (the search page's, the single page's):
    /// the values made once serve all.
    pub fn with_assets(&self, assets: &'a AssetLinks) -> Shared<'a> {
        Shared {
            assets,
            ..self.clone()
        }
    }

    /// The same, with the contents list's items drawn already for the pages
    /// at their root.
    pub fn with_drawn_items(mut self, drawn: &DrawnItems) -> Shared<'a> {
        self.values.drawn = Some(drawn.clone());
        self
    }

    /// The path back to the edition's folder from the page at `path`.
    pub fn root_of(&self, path: &str) -> String {
        match (path, self.base_url) {
            // A host serves 404.html at whatever address was missing, at any
            // depth: its links start from the site's own path when it is known.
            ("404.html", Some(base)) => format!("{}{}", site_path(base), self.edition_prefix),
            _ => "../".repeat(path.matches('/').count()),
        }
    }

    /// The chapter at `index` (in `nav`) as the contents list of a page at
    /// `root` shows it, `current` on that chapter's own page.
    pub fn contents_item(
        &self,
        index: usize,
        root: &str,
        current: bool,
    ) -> Result<String, Diagnostic> {
        let mut context = self.context_from(root);
        context.insert_value("item", self.values.nav[index].clone());
        context.insert("current", &current);
        self.theme.render(CONTENTS_ITEM, &context)
    }

    /// What every template sees, a page's or a contents item's: the site, a
    /// fork's `extra` values, the theme's words and `root`, the path back
    /// to the edition's folder.
    fn context_from(&self, root: &str) -> Context {
        let mut context = Context::new();
        context.insert_value("site", self.values.site.clone());
        context.insert_value("extra", self.values.extra.clone());
        context.insert_value("t", self.values.words.clone());
        context.insert("root", root);
        context
    }

    /// The chapters a page at `root` lists, `current` its own: each with what
    /// the template places for it, drawn already or drawn now.
    fn listed_nav(&self, root: &str, current: Option<usize>) -> Result<Vec<Value>, Diagnostic> {
        let range = nav_around(self.nav.len(), current);
        if let Some(drawn) = self.values.drawn.as_ref().filter(|d| d.root == root) {
            let start = range.start;
            return Ok(drawn.listed[range]
                .iter()
                .enumerate()
                .map(|(offset, drawn)| {
                    let is_current = current == Some(start + offset);
                    drawn[usize::from(is_current)].clone()
                })
                .collect());
        }
        range
            .map(|index| {
                let drawn = self.contents_item(index, root, current == Some(index))?;
                Ok(listed(&self.values.nav[index], &drawn))
            })
            .collect()
    }

    /// The context every template shares; `path` is the page's output path
    /// from its edition's folder.
    fn context(
        &self,
        path: &str,
        kind: &str,
        title: &str,
        description: Option<&str>,
    ) -> Result<Context, Diagnostic> {
        self.context_at(path, kind, title, description, None, &BTreeSet::new())
    }

    /// The shared context for the page of chapter `current` (an index in
    /// `nav`), if any, which draws `components`.
    fn context_at(
        &self,
        path: &str,
        kind: &str,
        title: &str,
        description: Option<&str>,
        current: Option<usize>,
        components: &BTreeSet<&str>,
    ) -> Result<Context, Diagnostic> {
        let config = self.config;
        // `root` leads to the edition's folder; assets are in the site's
        // root, so their paths (from the site root) climb out of the edition
        let to_site_root = "../".repeat(self.edition_prefix.matches('/').count());
        let root = self.root_of(path);
        let mut context = self.context_from(&root);
        let mut assets = self.assets.for_page(kind, components);
        if !to_site_root.is_empty() {
            assets.climb(&to_site_root);
        }
        context.insert("assets", &assets);
        let page = path.strip_suffix("index.html").unwrap_or(path);
        let editions: Vec<EditionHere<'_>> = self
            .editions
            .iter()
            .map(|edition| EditionHere {
                code: &edition.code,
                name: &edition.name,
                dir: edition.dir,
                href: match self.base_url {
                    Some(base) => {
                        format!("{}/{}{page}", base.trim_end_matches('/'), edition.prefix)
                    }
                    None => format!("{root}{to_site_root}{}{path}", edition.prefix),
                },
                current: edition.prefix == self.edition_prefix,
            })
            .collect();
        context.insert("editions", &editions);
        let nav = self.listed_nav(&root, current)?;
        context.insert("nav_partial", &(nav.len() < self.nav.len()));
        context.insert_value("nav", Value::from(nav));
        context.insert("chapter_count", &self.nav.len());
        context.insert("kind", kind);
        context.insert("title", title);
        context.insert(
            "description",
            &description.or(config.description.as_deref()).unwrap_or(""),
        );
        context.insert("current", path);
        let canonical = self.base_url.map(|base| {
            format!(
                "{}/{}{page}",
                base.trim_end_matches('/'),
                self.edition_prefix
            )
        });
        context.insert("canonical", &canonical);
        Ok(context)
    }

    /// The theme's word `key` in this edition's language.
    fn word<'k>(&'k self, key: &'k str) -> &'k str {
        self.theme.words.text(&self.config.language, key)
    }

    pub fn home(&self, chapters: &[ChapterPage<'_>]) -> Result<String, Diagnostic> {
        let mut context = self.context("index.html", "home", &self.config.title, None)?;
        context.insert("chapters", chapters);
        self.theme.render("index.html", &context)
    }

    pub fn chapter(
        &self,
        page: &ChapterPage<'_>,
        prev: Option<&NavItem>,
        next: Option<&NavItem>,
    ) -> Result<String, Diagnostic> {
        let path = format!("{}/index.html", page.slug);
        let current = page.number.checked_sub(1);
        let mut context = self.context_at(
            &path,
            "chapter",
            page.title,
            page.summary,
            current,
            page.components,
        )?;
        let updated_long = page
            .updated
            .map(|date| self.theme.words.long_date(&self.config.language, date));
        context.insert(
            "page",
            &ChapterPage {
                updated_long,
                ..page.clone()
            },
        );
        context.insert("prev", &prev);
        context.insert("next", &next);
        self.theme.render("chapter.html", &context)
    }

    pub fn print(&self, chapters: &[ChapterPage<'_>]) -> Result<String, Diagnostic> {
        let components = chapters
            .iter()
            .flat_map(|chapter| chapter.components.iter().copied())
            .collect();
        let title = &self.config.title;
        let mut context =
            self.context_at("print/index.html", "print", title, None, None, &components)?;
        context.insert("chapters", chapters);
        self.theme.render("print.html", &context)
    }

    /// The accessibility statement: the handbook's own wording (`page`) when
    /// it has one, else the theme's, filled from the settings.
    pub fn accessibility(
        &self,
        path: &str,
        own: Option<&ChapterPage<'_>>,
    ) -> Result<String, Diagnostic> {
        let title = own.map_or_else(|| self.word("accessibility_statement"), |page| page.title);
        let mut context = self.context(path, "accessibility", title, None)?;
        context.insert("page", &own);
        self.theme.render("accessibility.html", &context)
    }

    /// A page that shows no chapter, titled with the theme's word `title`.
    pub fn simple(&self, template: &str, path: &str, title: &str) -> Result<String, Diagnostic> {
        let title = self.word(title);
        let context = self.context(path, template.trim_end_matches(".html"), title, None)?;
        self.theme.render(template, &context)
    }
}

/// Up to this many chapters, every page's navigation lists them all.
pub const FULL_NAV_LIMIT: usize = 200;
/// Beyond it, a page lists this many chapters either side of its own (the home
/// page lists every one): a full list on every page would grow the site with
/// the square of its chapters, gigabytes for ten thousand.
const NAV_REACH: usize = 25;

/// The part of a contents list of `len` chapters a page shows: all of it,
/// or the chapters around `current`.
fn nav_around(len: usize, current: Option<usize>) -> Range<usize> {
    if len <= FULL_NAV_LIMIT {
        return 0..len;
    }
    let centre = current.unwrap_or(0).min(len - 1);
    let start = centre.saturating_sub(NAV_REACH);
    let end = (centre + NAV_REACH + 1).min(len);
    start..end
}

/// A chapter of the contents list (`item`, a [`NavItem`]) as a template
/// sees it: with `drawn`, what the template places for it.
fn listed(item: &Value, drawn: &str) -> Value {
    let mut fields = item.clone().into_map().unwrap_or_default();
    fields.insert("drawn".into(), Value::from(drawn));
    Value::from(fields)
}

/// The path part of a site's address, ending in `/`:
/// `https://example.org/handbook` → `/handbook/`.
fn site_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |at| &after_scheme[at..]);
    format!("{}/", path.trim_end_matches('/'))
}

/// The contents list, from the chapters in reading order.
pub fn nav_items<'a>(chapters: impl IntoIterator<Item = &'a Chapter>) -> Vec<NavItem> {
    chapters
        .into_iter()
        .enumerate()
        .map(|(index, chapter)| NavItem {
            title: chapter.nav_title().to_string(),
            slug: chapter.slug.clone(),
            href: format!("{}/index.html", chapter.slug),
            summary: chapter.front.summary.clone(),
            number: index + 1,
            lang: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handbook_of_usual_size_lists_every_chapter_on_every_page() {
        assert_eq!(nav_around(FULL_NAV_LIMIT, Some(150)), 0..FULL_NAV_LIMIT);
    }

    #[test]
    fn a_huge_handbook_lists_the_chapters_around_the_page() {
        let around = nav_around(10_000, Some(5_000));
        assert_eq!(around.len(), 2 * NAV_REACH + 1);
        assert_eq!(around.start + NAV_REACH, 5_000);
        assert_eq!(nav_around(10_000, None).start, 0);
        assert_eq!(nav_around(10_000, Some(9_999)).end, 10_000);
    }

    #[test]
    fn site_path_is_the_address_without_its_host() {
        assert_eq!(super::site_path("https://example.org"), "/");
        assert_eq!(super::site_path("https://example.org/"), "/");
        assert_eq!(
            super::site_path("https://example.org/staff/handbook"),
            "/staff/handbook/"
        );
        assert_eq!(super::site_path("http://localhost:8080/h/"), "/h/");
    }
}
