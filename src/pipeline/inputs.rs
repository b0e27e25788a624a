//! What every page depends on: the settings, the theme, the asset files
//! with their fingerprinted names, each made by its stage, and a fork's own
//! accessibility statement. A change to any
//! of them rebuilds the whole site.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;
use crate::finish::assets;
use crate::load::editions::Edition;
use crate::load::extends::{self, Layer};
use crate::load::{self, Settings};
use crate::render::pages::AssetLinks;
use crate::theme::{Theme, contrast};

pub(super) struct Inputs {
    pub settings: Settings,
    /// The handbook and those it extends, nearest first.
    pub lineage: Vec<Layer>,
    /// The other language editions, each with its settings.
    pub editions: Vec<Edition>,
    pub theme: Theme,
    /// The fork's theme folder, when `theme:` names one.
    pub theme_dir: Option<PathBuf>,
    /// The handbook's own accessibility statement (`accessibility.md`).
    pub statement: Option<load::Chapter>,
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

/// Loads the settings, theme and assets of the handbook at `root`, and of
/// the handbooks it extends.
/// `default_theme_dir` replaces the embedded default theme; `minify` makes
/// stylesheets smaller.
pub(super) fn load(
    root: &Path,
    default_theme_dir: Option<&Path>,
    minify: bool,
) -> Result<Inputs, Diagnostics> {
    let lineage = extends::load(root)?;
    let editions = load::editions::load(root, &lineage.settings)?;
    let theme_files =
        load::theme_files::read(lineage.theme_root(), &lineage.settings, default_theme_dir)?;
    let theme = Theme::new(&theme_files)?;
    let statement = load::statement::read(root, None)?;
    let mut problems = load::statement::missing_parts(&lineage.settings, statement.is_some());
    let handbook_assets = lineage.read_assets(&mut problems);
    let settings = lineage.settings;
    let assets = assets::gather(&settings, &theme, handbook_assets, minify, &mut problems);
    problems.extend(contrast::check_site(&settings, &theme));
    problems.extend(load::theme_files::unused_theme_folders(root, &settings));
    problems.extend(load::editions::stray_settings_files(root, &settings));
    // the theme's words in every edition's language
    let languages: Vec<&str> = std::iter::once(settings.language.as_str())
        .chain(editions.iter().map(|edition| edition.code.as_str()))
        .collect();
    problems.extend(theme.words.problems(&languages));
    Ok(Inputs {
        settings,
        lineage: lineage.layers,
        editions,
        theme,
        theme_dir: theme_files.fork_dir,
        statement,
        asset_paths: assets.paths,
        links: assets.links,
        files: assets.files,
        problems,
    })
}
