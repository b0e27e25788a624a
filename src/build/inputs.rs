//! What every page depends on: the settings, the theme, and the asset files
//! with their fingerprinted names. A change to any of them rebuilds the whole
//! site.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::config::{self, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean, display_path};
use crate::finish::fingerprint::fingerprinted_name;
use crate::render::contrast;
use crate::render::pages::AssetLinks;
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
/// `default_theme_dir` replaces the embedded default theme.
pub(super) fn load(root: &Path, default_theme_dir: Option<&Path>) -> Result<Inputs, Diagnostics> {
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
        &theme,
        &asset_paths,
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

/// Fingerprints the theme's static files and finds the logo.
fn theme_assets(
    root: &Path,
    config: &SiteConfig,
    theme: &Theme,
    asset_paths: &HashMap<String, String>,
    files: &mut BTreeMap<String, Vec<u8>>,
    problems: &mut Diagnostics,
) -> AssetLinks {
    let mut links = AssetLinks::default();
    let mut theme_paths: HashMap<&str, String> = HashMap::new();
    for (name, bytes) in &theme.static_files {
        let output = format!("assets/{}", fingerprinted_name(name, bytes));
        theme_paths.insert(name, output.clone());
        files.insert(output, bytes.clone());
    }
    // The default theme's stylesheets (style.css first), then a fork's additions.
    let mut stylesheets: Vec<&str> = theme
        .static_files
        .keys()
        .map(String::as_str)
        .filter(|name| name.ends_with(".css") && !theme.extra_css.iter().any(|extra| extra == name))
        .collect();
    stylesheets.sort_by_key(|name| (*name != "style.css", *name));
    stylesheets.extend(theme.extra_css.iter().map(String::as_str));
    for name in stylesheets {
        if let Some(path) = theme_paths.get(name) {
            if name.starts_with("print") {
                links.print_css.push(path.clone());
            } else {
                links.css.push(path.clone());
            }
        }
    }
    links.js = theme
        .static_files
        .keys()
        .filter(|name| name.ends_with(".js"))
        .filter_map(|name| theme_paths.get(name.as_str()).cloned())
        .collect();
    // Stylesheets written from the settings come first: the palette, whose
    // variables every stylesheet uses, and the paper size before print.css.
    let mut generated = |name: &str, css: String| -> String {
        let output = format!("assets/{}", fingerprinted_name(name, css.as_bytes()));
        files.insert(output.clone(), css.into_bytes());
        output
    };
    let palette = Palette::new(&theme.palette, &config.brand).css();
    links.css.insert(0, generated("palette.css", palette));
    let page = print_page::page_css(config);
    links.print_css.insert(0, generated("page.css", page));
    if let Some(logo) = &config.brand.logo {
        let inside = crate::parse::links::asset_path(&format!(
            "assets/{}",
            logo.trim_start_matches("assets/")
        ));
        match inside.and_then(|name| asset_paths.get(&name)) {
            Some(path) => links.logo = Some(path.clone()),
            None => {
                let config_path = root.join(config::FILE_NAME);
                let text = std::fs::read_to_string(&config_path).unwrap_or_default();
                let known: Vec<&str> = asset_paths.keys().map(String::as_str).collect();
                let hint = did_you_mean(logo, &known).map_or_else(
                    || "put the logo file in the handbook's `assets/` folder and give its name here".to_string(),
                    |best| format!("did you mean `{best}`?"),
                );
                problems.push(
                    config::locate_key(
                        &display_path(root, &config_path),
                        &text,
                        "logo",
                        format!("the logo `{logo}` is not in `assets/`"),
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    links
}
