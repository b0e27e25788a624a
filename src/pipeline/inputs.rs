//! What every page depends on: the settings, the theme, and the asset files
//! with their fingerprinted names, each made by its stage. A change to any
//! of them rebuilds the whole site.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;
use crate::finish::assets;
use crate::load::{self, Settings};
use crate::render::pages::AssetLinks;
use crate::theme::{Theme, contrast};

pub(super) struct Inputs {
    pub settings: Settings,
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
    let settings = load::settings::load(root)?;
    let theme_files = load::theme_files::read(root, &settings, default_theme_dir)?;
    let theme = Theme::new(&theme_files)?;
    let mut problems = Diagnostics::default();
    let handbook_assets = load::files::read_assets(root, &mut problems);
    let assets = assets::gather(&settings, &theme, handbook_assets, minify, &mut problems);
    problems.extend(contrast::check_site(&settings, &theme));
    problems.extend(load::theme_files::unused_theme_folders(root, &settings));
    Ok(Inputs {
        settings,
        theme,
        theme_dir: theme_files.fork_dir,
        asset_paths: assets.paths,
        links: assets.links,
        files: assets.files,
        problems,
    })
}
