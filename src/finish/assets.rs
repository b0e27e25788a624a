//! The site's files that come from no chapter: the handbook's `assets/` and
//! the theme's static files under fingerprinted names (stylesheets minified
//! when asked), the stylesheets written from the settings (the palette, the
//! printed page), the tab icon, and which pages link each stylesheet and
//! script ([`AssetLinks`]).
//!
//! The theme's stylesheets and scripts are linked by the pages that need
//! them, by where they are in `static/`: `components/NAME.css` and `.js` by
//! pages that draw the component NAME, `components.css` and `.js` by pages
//! that draw any, `pages/KIND.css` and `.js` by pages of one kind, the rest
//! by every page. Files in `static/epub/` are the e-book's only: neither
//! published nor linked.

use std::collections::{BTreeMap, HashMap};

use super::css;
use super::fingerprint::fingerprinted_name;
use crate::components;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::Settings;
use crate::load::files::FolderFile;
use crate::render::pages::{AssetLinks, PAGE_KINDS};
use crate::render::print_page;
use crate::theme::Theme;
use crate::theme::palette::Palette;

/// The asset files of a site, and how pages link them.
pub struct Assets {
    /// Path inside `assets/` → its output path (`assets/logo.1a2b3c4d.svg`).
    pub paths: HashMap<String, String>,
    /// Stylesheets, scripts, logo and icon as pages link them.
    pub links: AssetLinks,
    /// Output path → content.
    pub files: BTreeMap<String, Vec<u8>>,
}

/// The asset files of a site drawn with `theme` from a handbook with
/// `settings` and the files of its `assets/` folder. Problems (a logo not in
/// `assets/`, a stylesheet named after nothing) go into `problems`.
pub fn gather(
    settings: &Settings,
    theme: &Theme,
    handbook_assets: Vec<FolderFile>,
    minify: bool,
    problems: &mut Diagnostics,
) -> Assets {
    let mut gathering = Gathering {
        minify,
        files: BTreeMap::new(),
        problems,
    };
    let paths = handbook_assets
        .into_iter()
        .map(|file| {
            let output = gathering.add(&file.name, file.bytes);
            (file.name, output)
        })
        .collect();
    let mut links = gathering.theme_static(theme);
    gathering.settings_files(&mut links, settings, theme, &paths);
    Assets {
        paths,
        links,
        files: gathering.files,
    }
}

/// The single page's `chapters.css`, its running titles (one named page
/// per printed chapter `(number, slug, title)`, and the page numbers in the
/// edition's words `page_of`, see [`print_page::chapter_pages_css`]), minified when asked: its output path
/// and content. Made apart from the other assets because it changes with the
/// chapters, and linked by the single page only, because it grows with them.
pub fn chapters_css(
    settings: &Settings,
    chapters: &[(usize, &str, &str)],
    page_of: &str,
    minify: bool,
) -> (String, Vec<u8>) {
    let text = print_page::chapter_pages_css(settings, chapters, page_of);
    let text = if minify { css::minify(&text) } else { text };
    let output = format!(
        "assets/{}",
        fingerprinted_name("chapters.css", text.as_bytes())
    );
    (output, text.into_bytes())
}

/// Asset files being gathered.
struct Gathering<'p> {
    minify: bool,
    files: BTreeMap<String, Vec<u8>>,
    problems: &'p mut Diagnostics,
}

impl Gathering<'_> {
    /// Adds the file `name` under its fingerprinted name; returns that name.
    fn add(&mut self, name: &str, bytes: Vec<u8>) -> String {
        let output = format!("assets/{}", fingerprinted_name(name, &bytes));
        self.files.insert(output.clone(), bytes);
        output
    }

    /// Adds the stylesheet `name` written as `text`, minified when asked.
    fn add_css(&mut self, name: &str, text: String) -> String {
        let text = if self.minify {
            css::minify(&text)
        } else {
            text
        };
        self.add(name, text.into_bytes())
    }

    /// Adds the theme's static files and sorts its stylesheets and scripts
    /// by the pages that link them: the default theme's stylesheets
    /// (`style.css` first), then a fork's additions.
    fn theme_static(&mut self, theme: &Theme) -> AssetLinks {
        let mut outputs: HashMap<&str, String> = HashMap::new();
        // `static/epub/` is the e-book's (`handbook epub`)
        let published = theme
            .static_files
            .iter()
            .filter(|(name, _)| !name.starts_with("epub/"));
        for (name, file) in published {
            let output = match std::str::from_utf8(&file.bytes) {
                Ok(text) if name.ends_with(".css") => self.add_css(name, text.to_string()),
                _ => self.add(name, file.bytes.clone()),
            };
            outputs.insert(name, output);
        }
        let is_added = |name: &str| theme.extra_css.iter().any(|extra| extra == name);
        let mut own: Vec<&str> = theme
            .static_files
            .keys()
            .map(String::as_str)
            .filter(|name| name.ends_with(".css") && !is_added(name))
            .collect();
        own.sort_by_key(|name| (*name != "style.css", *name));
        let mut links = AssetLinks::default();
        for name in own {
            self.place(&mut links, name, &outputs, theme);
        }
        links.own_css = links.css.len();
        let scripts = theme
            .static_files
            .keys()
            .filter(|name| name.ends_with(".js"));
        for name in theme.extra_css.iter().chain(scripts) {
            self.place(&mut links, name, &outputs, theme);
        }
        links
    }

    /// Links the stylesheet or script `name` (a path inside `static/`) from
    /// the pages its [`Scope`] says.
    fn place(
        &mut self,
        links: &mut AssetLinks,
        name: &str,
        outputs: &HashMap<&str, String>,
        theme: &Theme,
    ) {
        let Some(path) = outputs.get(name).cloned() else {
            return;
        };
        let is_css = name.ends_with(".css");
        let scoped = match Scope::of(name) {
            Scope::Every if !is_css => return links.js.push(path),
            Scope::Every if name.starts_with("print") => return links.print_css.push(path),
            Scope::Every => return links.css.push(path),
            Scope::Components => &mut links.components_shared,
            Scope::Kind(kind) if PAGE_KINDS.contains(&kind) => {
                links.kinds.entry(kind.to_string()).or_default()
            }
            Scope::Component(component) if components::find(component).is_some() => {
                links.components.entry(component.to_string()).or_default()
            }
            Scope::Kind(_) | Scope::Component(_) => {
                return self.problems.push(unknown_scope(theme, name));
            }
        };
        if is_css {
            scoped.css = Some(path);
        } else {
            scoped.js = Some(path);
        }
    }

    /// The stylesheets written from the settings, which come first: the
    /// palette, whose variables every stylesheet uses, and the paper size
    /// before print.css; the logos, and the tab icon (drawn when not given).
    fn settings_files(
        &mut self,
        links: &mut AssetLinks,
        settings: &Settings,
        theme: &Theme,
        asset_paths: &HashMap<String, String>,
    ) {
        let palette = Palette::new(&theme.palette, &settings.brand);
        links
            .css
            .insert(0, self.add_css("palette.css", palette.css()));
        links.own_css += 1;
        let page = print_page::page_css(settings);
        links.print_css.insert(0, self.add_css("page.css", page));
        let brand = &settings.brand;
        let mut logo = |key: &str, name: &Option<String>| {
            name.as_deref()
                .and_then(|name| self.brand_asset(settings, key, name, asset_paths))
        };
        links.logo = logo("logo", &brand.logo);
        links.logo_dark = logo("logo_dark", &brand.logo_dark);
        links.logo_print = logo("logo_print", &brand.logo_print);
        links.icon = match &brand.icon {
            Some(icon) => self.brand_asset(settings, "icon", icon, asset_paths),
            None => {
                let icon = palette.icon(&settings.title).into_bytes();
                Some(self.add("icon.svg", icon))
            }
        };
    }

    /// The output path of the file under `assets/` that the brand setting
    /// `key` names, or a problem located at the setting.
    fn brand_asset(
        &mut self,
        settings: &Settings,
        key: &str,
        name: &str,
        asset_paths: &HashMap<String, String>,
    ) -> Option<String> {
        let inside = crate::parse::links::asset_path(&format!(
            "assets/{}",
            name.trim_start_matches("assets/")
        ));
        if let Some(path) = inside.and_then(|inside| asset_paths.get(&inside)) {
            return Some(path.clone());
        }
        let known: Vec<&str> = asset_paths.keys().map(String::as_str).collect();
        let hint = did_you_mean(name, &known).map_or_else(
            || {
                format!(
                    "put the {key} file in the handbook's `assets/` folder and give its name here"
                )
            },
            |best| format!("did you mean `{best}`?"),
        );
        let problem = settings.source.locate(
            &format!("brand.{key}"),
            format!("the {key} `{name}` is not in `assets/`"),
        );
        self.problems.push(problem.with_hint(hint));
        None
    }
}

/// Which pages link a stylesheet or script of the theme, by its path inside `static/`.
enum Scope<'a> {
    /// Every page (`style.css`, a fork's `brand.css`).
    Every,
    /// Pages of one kind (`pages/search.js`).
    Kind(&'a str),
    /// Pages that draw any component (`components.css`).
    Components,
    /// Pages that draw one component (`components/brain.js`).
    Component(&'a str),
}

impl Scope<'_> {
    fn of(name: &str) -> Scope<'_> {
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        if let Some(kind) = stem.strip_prefix("pages/") {
            Scope::Kind(kind)
        } else if let Some(component) = stem.strip_prefix("components/") {
            Scope::Component(component)
        } else if stem == "components" {
            Scope::Components
        } else {
            Scope::Every
        }
    }
}

/// A stylesheet or script in `static/components/` or `static/pages/` that no
/// component or kind of page is named after: no page would link it.
fn unknown_scope(theme: &Theme, name: &str) -> Diagnostic {
    let shown = theme.static_files[name].shown.clone();
    let (folder, file) = name.split_once('/').unwrap_or(("", name));
    let (stem, extension) = file.rsplit_once('.').unwrap_or((file, ""));
    let (what, known): (&str, Vec<&str>) = if folder == "pages" {
        ("kind of page", PAGE_KINDS.to_vec())
    } else {
        ("component", components::names())
    };
    let hint = match did_you_mean(stem, &known) {
        Some(best) => format!("did you mean `{folder}/{best}.{extension}`?"),
        None => format!("name it after a {what}: {}", known.join(", ")),
    };
    Diagnostic::new(
        shown,
        format!("`{name}` is named after no {what}, so no page would link it"),
    )
    .with_hint(hint)
}
