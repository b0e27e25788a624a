//! What every page depends on: the settings, the theme, and the asset files
//! with their fingerprinted names. A change to any of them rebuilds the whole
//! site.
//!
//! The theme's stylesheets and scripts are linked by the pages that need
//! them, by where they are in `static/`: `components/NAME.css` and `.js` by
//! pages that draw the component NAME, `components.css` and `.js` by pages
//! that draw any, `pages/KIND.css` and `.js` by pages of one kind, the rest
//! by every page. Files in `static/epub/` are the e-book's only: neither
//! published nor linked.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::config::{self, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean, display_path};
use crate::finish::css;
use crate::finish::fingerprint::fingerprinted_name;
use crate::render::contrast;
use crate::render::pages::{AssetLinks, PAGE_KINDS};
use crate::render::palette::Palette;
use crate::render::print_page;
use crate::render::templates::Theme;

pub(super) struct Inputs {
    pub config: SiteConfig,
    pub theme: Theme,
    /// The fork's theme folder, when `theme:` names one.
    pub theme_dir: Option<PathBuf>,
    /// Asset path inside `assets/` → its output path.
    pub asset_paths: HashMap<String, String>,
    /// Stylesheets, scripts and logo as pages link them.
    pub links: AssetLinks,
    /// Output files that come from no chapter: assets, the theme's static
    /// files, the palette stylesheet.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Problems that still let chapters be rendered (an unreadable asset, a
    /// missing logo, colours without enough contrast), reported with theirs.
    pub problems: Diagnostics,
}

/// Loads the settings, theme and assets of the handbook at `root`.
/// `default_theme_dir` replaces the embedded default theme; `minify` makes
/// stylesheets smaller.
pub(super) fn load(
    root: &Path,
    default_theme_dir: Option<&Path>,
    minify: bool,
) -> Result<Inputs, Diagnostics> {
    let config = config::load(root)?;
    let theme_dir = fork_theme_dir(root, &config);
    let theme = Theme::load_with_default(
        default_theme_dir,
        theme_dir.as_deref().map(|dir| (dir, root)),
    )?;
    let mut problems = Diagnostics::default();
    let mut files = BTreeMap::new();
    let mut asset_paths = HashMap::new();
    for name in crate::load::list_assets(root, &mut problems) {
        let path = root.join("assets").join(&name);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let output = format!("assets/{}", fingerprinted_name(&name, &bytes));
                asset_paths.insert(name, output.clone());
                files.insert(output, bytes);
            }
            Err(error) => problems.push(Diagnostic::new(
                display_path(root, &path),
                format!("cannot read: {error}"),
            )),
        }
    }
    let links = theme_assets(
        root,
        &config,
        (&theme, theme_dir.as_deref()),
        &asset_paths,
        minify,
        &mut files,
        &mut problems,
    );
    problems.extend(contrast::check_site(root, &config, &theme));
    Ok(Inputs {
        config,
        theme,
        theme_dir,
        asset_paths,
        links,
        files,
        problems,
    })
}

/// The folder of the fork's theme named in the settings: inside the handbook,
/// or beside it (a repository holding several handbooks and their themes).
fn fork_theme_dir(root: &Path, config: &SiteConfig) -> Option<PathBuf> {
    let name = config.theme.as_deref().filter(|name| *name != "default")?;
    let candidates = [
        root.join("themes").join(name),
        root.join("..").join("themes").join(name),
    ];
    let dir = candidates
        .iter()
        .find(|dir| dir.is_dir())
        .unwrap_or(&candidates[0]);
    Some(dir.clone())
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

fn scope_of(name: &str) -> Scope<'_> {
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

/// Fingerprints the theme's static files (stylesheets minified when asked),
/// sorts its stylesheets and scripts by the pages that link them, and finds
/// the logo. `theme` comes with the fork's folder, if any.
fn theme_assets(
    root: &Path,
    config: &SiteConfig,
    (theme, fork_dir): (&Theme, Option<&Path>),
    asset_paths: &HashMap<String, String>,
    minify: bool,
    files: &mut BTreeMap<String, Vec<u8>>,
    problems: &mut Diagnostics,
) -> AssetLinks {
    let mut links = AssetLinks::default();
    let mut theme_paths: HashMap<&str, String> = HashMap::new();
    for (name, bytes) in &theme.static_files {
        // `static/epub/` is the e-book's (`handbook epub`): not published
        // with the site, and so linked by no page
        if name.starts_with("epub/") {
            continue;
        }
        let bytes = match std::str::from_utf8(bytes) {
            Ok(text) if minify && name.ends_with(".css") => css::minify(text).into_bytes(),
            _ => bytes.clone(),
        };
        let output = format!("assets/{}", fingerprinted_name(name, &bytes));
        theme_paths.insert(name, output.clone());
        files.insert(output, bytes);
    }
    // The default theme's stylesheets (style.css first), then a fork's additions.
    let is_added = |name: &str| theme.extra_css.iter().any(|extra| extra == name);
    let mut own: Vec<&str> = theme
        .static_files
        .keys()
        .map(String::as_str)
        .filter(|name| name.ends_with(".css") && !is_added(name))
        .collect();
    own.sort_by_key(|name| (*name != "style.css", *name));
    for name in own {
        place(&mut links, name, &theme_paths, (root, fork_dir), problems);
    }
    links.own_css = links.css.len();
    let scripts = theme
        .static_files
        .keys()
        .filter(|name| name.ends_with(".js"));
    for name in theme.extra_css.iter().chain(scripts) {
        place(&mut links, name, &theme_paths, (root, fork_dir), problems);
    }
    // Stylesheets written from the settings come first: the palette, whose
    // variables every stylesheet uses, and the paper size before print.css.
    let mut generated = |name: &str, text: String| -> String {
        let text = if minify { css::minify(&text) } else { text };
        let output = format!("assets/{}", fingerprinted_name(name, text.as_bytes()));
        files.insert(output.clone(), text.into_bytes());
        output
    };
    let palette = Palette::new(&theme.palette, &config.brand);
    links.css.insert(0, generated("palette.css", palette.css()));
    links.own_css += 1;
    let page = print_page::page_css(config);
    links.print_css.insert(0, generated("page.css", page));
    links.logo = config
        .brand
        .logo
        .as_deref()
        .and_then(|logo| brand_asset(root, "logo", logo, asset_paths, problems));
    links.icon = match &config.brand.icon {
        Some(icon) => brand_asset(root, "icon", icon, asset_paths, problems),
        None => {
            let icon = palette.icon(&config.title).into_bytes();
            let output = format!("assets/{}", fingerprinted_name("icon.svg", &icon));
            files.insert(output.clone(), icon);
            Some(output)
        }
    };
    links
}

/// The output path of the file under `assets/` that the brand setting `key`
/// names, or a problem located at the setting.
fn brand_asset(
    root: &Path,
    key: &str,
    name: &str,
    asset_paths: &HashMap<String, String>,
    problems: &mut Diagnostics,
) -> Option<String> {
    let inside =
        crate::parse::links::asset_path(&format!("assets/{}", name.trim_start_matches("assets/")));
    if let Some(path) = inside.and_then(|inside| asset_paths.get(&inside)) {
        return Some(path.clone());
    }
    let config_path = root.join(config::FILE_NAME);
    let text = std::fs::read_to_string(&config_path).unwrap_or_default();
    let known: Vec<&str> = asset_paths.keys().map(String::as_str).collect();
    let hint = did_you_mean(name, &known).map_or_else(
        || format!("put the {key} file in the handbook's `assets/` folder and give its name here"),
        |best| format!("did you mean `{best}`?"),
    );
    problems.push(
        config::locate_key(
            &display_path(root, &config_path),
            &text,
            key,
            format!("the {key} `{name}` is not in `assets/`"),
        )
        .with_hint(hint),
    );
    None
}

/// Links the stylesheet or script `name` (a path inside `static/`) from the
/// pages its [`Scope`] says.
fn place(
    links: &mut AssetLinks,
    name: &str,
    theme_paths: &HashMap<&str, String>,
    (root, fork_dir): (&Path, Option<&Path>),
    problems: &mut Diagnostics,
) {
    let Some(path) = theme_paths.get(name).cloned() else {
        return;
    };
    let is_css = name.ends_with(".css");
    let scoped = match scope_of(name) {
        Scope::Every if !is_css => return links.js.push(path),
        Scope::Every if name.starts_with("print") => return links.print_css.push(path),
        Scope::Every => return links.css.push(path),
        Scope::Components => &mut links.components_shared,
        Scope::Kind(kind) if PAGE_KINDS.contains(&kind) => {
            links.kinds.entry(kind.to_string()).or_default()
        }
        Scope::Component(component) if crate::components::find(component).is_some() => {
            links.components.entry(component.to_string()).or_default()
        }
        Scope::Kind(_) | Scope::Component(_) => {
            return problems.push(unknown_scope(root, fork_dir, name));
        }
    };
    if is_css {
        scoped.css = Some(path);
    } else {
        scoped.js = Some(path);
    }
}

/// A stylesheet or script in `static/components/` or `static/pages/` that no
/// component or kind of page is named after: no page would link it.
fn unknown_scope(root: &Path, fork_dir: Option<&Path>, name: &str) -> Diagnostic {
    let in_fork = fork_dir
        .map(|dir| dir.join("static").join(name))
        .filter(|path| path.is_file());
    let shown = match in_fork {
        Some(path) => display_path(root, &path),
        None => Path::new("themes/default/static").join(name),
    };
    let (folder, file) = name.split_once('/').unwrap_or(("", name));
    let (stem, extension) = file.rsplit_once('.').unwrap_or((file, ""));
    let (what, known): (&str, Vec<&str>) = if folder == "pages" {
        ("kind of page", PAGE_KINDS.to_vec())
    } else {
        ("component", crate::components::names())
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
