//! The whole pipeline, from a source folder to the files of a site.
//!
//! [`build_site`] runs every stage in memory and returns the files, or every
//! problem found; [`write_build`] also writes them; [`check`] runs the same
//! stages and writes nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{self, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean, display_path};
use crate::error::Error;
use crate::finish::{fingerprint::fingerprinted_name, minify::minify_page, search, sitemap};
use crate::load::{self, LoadOptions, Source};
use crate::parse::{self, Book, Mode, Rendered};
use crate::render::contrast;
use crate::render::pages::{AssetLinks, ChapterPage, Shared, nav_items};
use crate::render::palette::Palette;
use crate::render::print_page;
use crate::render::templates::Theme;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Include chapters marked `draft: true`.
    pub include_drafts: bool,
    /// Overrides `base_url` from handbook.yaml.
    pub base_url: Option<String>,
    /// Write pages as rendered, not minified (`serve`, where speed matters more than size).
    pub skip_minify: bool,
}

/// A built site, in memory.
#[derive(Debug, Default)]
pub struct Site {
    /// Output path (`our-vision/index.html`) → content.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Every external link in the chapters, for `check`'s report.
    pub external_links: BTreeSet<String>,
}

/// Builds the handbook in `source_dir` into memory.
pub fn build_site(source_dir: &Path, options: &BuildOptions) -> Result<Site, Error> {
    let source_dir = normalise(source_dir);
    let (loaded, mut problems) = load::load_partial(
        &source_dir,
        LoadOptions {
            include_drafts: options.include_drafts,
        },
    );
    let Some(source) = loaded else {
        problems.sort();
        return Err(Error::Content(problems));
    };
    // A broken fork theme is reported, and the chapters are still checked
    // with the default theme so every problem shows in one run.
    let theme = load_theme(&source_dir, &source.config)
        .or_else(|found| {
            problems.extend(found);
            Theme::default_only()
        })
        .map_err(Error::Content)?;
    build_from(&source, &theme, options, problems)
}

/// Runs every check a build makes and writes nothing.
pub fn check(source_dir: &Path, options: &BuildOptions) -> Result<Site, Error> {
    let options = BuildOptions {
        skip_minify: true,
        ..options.clone()
    };
    build_site(source_dir, &options)
}

/// Builds and writes the site into `out`, replacing its previous content only on success.
pub fn write_build(source_dir: &Path, out: &Path, options: &BuildOptions) -> Result<Site, Error> {
    refuse_dangerous_output(source_dir, out)?;
    let site = build_site(source_dir, options)?;
    crate::write::write_site(out, &site.files).map_err(|source| Error::Io {
        action: "cannot write the site to",
        path: out.to_path_buf(),
        source,
    })?;
    Ok(site)
}

fn normalise(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The output folder is replaced wholesale, so it must never be a folder that
/// holds anything else of value: the source, a parent of it, home, or `/`.
fn refuse_dangerous_output(source_dir: &Path, out: &Path) -> Result<(), Error> {
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // resolve what exists so `a/../b` and symlinks compare truly
        let mut existing = p.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (
                existing.file_name().map(|n| n.to_os_string()),
                existing.parent(),
            ) {
                (Some(name), Some(parent)) => {
                    rest.push(name);
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut resolved = std::fs::canonicalize(&existing).unwrap_or(existing);
        for name in rest.into_iter().rev() {
            resolved.push(name);
        }
        resolved
    };
    let out_abs = absolute(out);
    let source_abs = absolute(source_dir);
    let home = std::env::var_os("HOME").map(|h| absolute(Path::new(&h)));
    let refuse = |why: &str| {
        Err(Error::Usage(format!(
            "refusing to write the site to `{}`: {why}; choose an empty or dedicated folder with --out",
            out.display()
        )))
    };
    if out_abs.parent().is_none() {
        return refuse("it is the root folder");
    }
    if home.as_deref() == Some(out_abs.as_path()) {
        return refuse("it is your home folder");
    }
    if source_abs.starts_with(&out_abs) {
        return refuse("it contains the handbook's source");
    }
    if out_abs.starts_with(&source_abs) {
        return refuse("it is inside the handbook's source");
    }
    Ok(())
}

fn load_theme(source_dir: &Path, config: &SiteConfig) -> Result<Theme, Diagnostics> {
    let Some(name) = &config.theme else {
        return Theme::default_only();
    };
    if name == "default" {
        return Theme::default_only();
    }
    let candidates = [
        source_dir.join("themes").join(name),
        source_dir.join("..").join("themes").join(name),
    ];
    let dir = candidates
        .iter()
        .find(|dir| dir.is_dir())
        .unwrap_or(&candidates[0]);
    Theme::load(Some((dir, source_dir)))
}

/// Renders and checks everything; `problems` holds what earlier stages found.
fn build_from(
    source: &Source,
    theme: &Theme,
    options: &BuildOptions,
    mut problems: Diagnostics,
) -> Result<Site, Error> {
    let config = &source.config;
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();

    // Assets first: chapters link to their fingerprinted names.
    let mut asset_paths: HashMap<String, String> = HashMap::new();
    for name in &source.assets {
        let path = source.root.join("assets").join(name);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let output = format!("assets/{}", fingerprinted_name(name, &bytes));
                asset_paths.insert(name.clone(), output.clone());
                files.insert(output, bytes);
            }
            Err(error) => problems.push(Diagnostic::new(
                display_path(&source.root, &path),
                format!("cannot read: {error}"),
            )),
        }
    }
    let mut assets = theme_assets(source, theme, &asset_paths, &mut files, &mut problems);
    problems.extend(contrast::check_site(source, theme));

    let book = Book {
        slugs: source.link_targets(),
        assets: &asset_paths,
        allow_html: config.allow_html,
        theme,
    };
    let rendered: Vec<(Rendered, Rendered)> = source
        .chapters
        .par_iter()
        .map(|chapter| {
            (
                parse::render_chapter(chapter, &book, Mode::Site),
                parse::render_chapter(chapter, &book, Mode::Print),
            )
        })
        .collect();
    for (site, _) in &rendered {
        problems.extend(site.problems.clone());
    }
    check_internal_links(source, &rendered, &mut problems);
    if !problems.is_empty() {
        problems.sort();
        return Err(Error::Content(problems));
    }

    let site_rendered: Vec<&Rendered> = rendered.iter().map(|(site, _)| site).collect();
    assets.search_index = Some(search::add_index(source, &site_rendered, &mut files));
    let base_url = options.base_url.as_deref().or(config.base_url.as_deref());
    let nav = nav_items(source);
    let shared = Shared {
        config,
        theme,
        assets: &assets,
        nav: &nav,
        base_url,
    };
    let site_pages: Vec<ChapterPage<'_>> = source
        .chapters
        .iter()
        .zip(&rendered)
        .enumerate()
        .map(|(i, (c, (site, _)))| ChapterPage::new(c, site, i + 1))
        .collect();
    let print_pages: Vec<ChapterPage<'_>> = source
        .chapters
        .iter()
        .zip(&rendered)
        .enumerate()
        .filter(|(_, (c, _))| c.front.print)
        .map(|(i, (c, (_, print)))| ChapterPage::new(c, print, i + 1))
        .collect();

    let chapter_html: Vec<Result<(String, String), Diagnostic>> = site_pages
        .par_iter()
        .enumerate()
        .map(|(index, page)| {
            let prev = index.checked_sub(1).map(|i| &nav[i]);
            let next = nav.get(index + 1);
            shared
                .chapter(page, prev, next)
                .map(|html| (format!("{}/index.html", page.slug), html))
        })
        .collect();
    let mut pages: Vec<(String, Result<String, Diagnostic>)> = vec![
        ("index.html".into(), shared.home(&site_pages)),
        ("print/index.html".into(), shared.print(&print_pages)),
        (
            "404.html".into(),
            shared.simple("404.html", "404.html", "Page not found"),
        ),
        (
            "search/index.html".into(),
            shared.simple("search.html", "search/index.html", "Search"),
        ),
        (
            "accessibility/index.html".into(),
            shared.simple(
                "accessibility.html",
                "accessibility/index.html",
                "Accessibility statement",
            ),
        ),
    ];
    for result in chapter_html {
        match result {
            Ok((path, html)) => pages.push((path, Ok(html))),
            Err(problem) => pages.push((String::new(), Err(problem))),
        }
    }
    let mut sitemap_pages = Vec::new();
    let updated: HashMap<String, String> = source
        .chapters
        .iter()
        .filter_map(|c| {
            c.front
                .updated
                .as_ref()
                .map(|d| (format!("{}/index.html", c.slug), d.iso()))
        })
        .collect();
    for (path, html) in pages {
        match html {
            Ok(html) => {
                if path != "404.html" && path != "search/index.html" {
                    sitemap_pages.push((path.clone(), updated.get(&path).cloned()));
                }
                let html = if options.skip_minify {
                    html.into_bytes()
                } else {
                    minify_page(&html)
                };
                files.insert(path, html);
            }
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        problems.sort();
        return Err(Error::Content(problems));
    }
    sitemap_pages.sort();
    if let Some(base) = base_url {
        files.insert(
            "sitemap.xml".into(),
            sitemap::sitemap(base, &sitemap_pages).into_bytes(),
        );
    }
    files.insert("robots.txt".into(), sitemap::robots(base_url).into_bytes());

    // The chapters' links, and the footer's, which are on every page.
    let footer_links = config.footer_links.iter().map(|link| &link.url);
    let external_links = rendered
        .iter()
        .flat_map(|(site, _)| site.external_links.iter())
        .chain(footer_links.filter(|url| url.contains(':')))
        .cloned()
        .collect();
    Ok(Site {
        files,
        external_links,
    })
}

/// Fingerprints the theme's static files and finds the logo.
fn theme_assets(
    source: &Source,
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
    let palette = Palette::new(&theme.palette, &source.config.brand).css();
    links.css.insert(0, generated("palette.css", palette));
    let page = print_page::page_css(&source.config);
    links.print_css.insert(0, generated("page.css", page));
    if let Some(logo) = &source.config.brand.logo {
        let inside = crate::parse::links::asset_path(&format!(
            "assets/{}",
            logo.trim_start_matches("assets/")
        ));
        match inside.and_then(|name| asset_paths.get(&name)) {
            Some(path) => links.logo = Some(path.clone()),
            None => {
                let config_path = source.root.join(config::FILE_NAME);
                let text = std::fs::read_to_string(&config_path).unwrap_or_default();
                let known: Vec<&str> = asset_paths.keys().map(String::as_str).collect();
                let hint = did_you_mean(logo, &known).map_or_else(
                    || "put the logo file in the handbook's `assets/` folder and give its name here".to_string(),
                    |best| format!("did you mean `{best}`?"),
                );
                problems.push(
                    config::locate_key(
                        &display_path(&source.root, &config_path),
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

/// Every link to `chapter.md#anchor` or `#anchor` must land on an id that exists.
fn check_internal_links(
    source: &Source,
    rendered: &[(Rendered, Rendered)],
    problems: &mut Diagnostics,
) {
    let anchors: HashMap<&str, HashSet<&str>> = source
        .chapters
        .iter()
        .zip(rendered)
        .map(|(chapter, (site, _))| {
            (
                chapter.slug.as_str(),
                site.anchors.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    for (chapter, (site, _)) in source.chapters.iter().zip(rendered) {
        for link in &site.internal_links {
            let Some(targets) = anchors.get(link.slug.as_str()) else {
                continue;
            };
            if targets.contains(link.anchor.as_str()) {
                continue;
            }
            let known: Vec<&str> = targets.iter().copied().collect();
            let target_file = source
                .chapters
                .iter()
                .find(|c| c.slug == link.slug)
                .map_or(link.slug.as_str(), |c| c.file_name.as_str());
            let hint = match (did_you_mean(&link.anchor, &known), known.first()) {
                (Some(best), _) => format!("did you mean `#{best}`?"),
                (None, Some(example)) => format!(
                    "link to a heading of {target_file} by its id, its text in lowercase with hyphens, such as `#{example}`"
                ),
                (None, None) => format!(
                    "{target_file} has no headings to link to: link to the chapter itself, without `#`"
                ),
            };
            problems.push(
                Diagnostic::new(&chapter.display_path, format!("the link points to `#{}`, which is not a heading or anchor in {target_file}", link.anchor))
                    .at_offset(&chapter.text, link.offset)
                    .with_hint(hint),
            );
        }
    }
}

/// What `handbook check` prints when everything passed: the external links
/// found, grouped by host (they are listed, not fetched).
pub fn check_report(site: &Site) -> String {
    let mut by_host: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for link in &site.external_links {
        let host = link
            .split_once("://")
            .map(|(_, rest)| {
                rest.split(['/', '?', '#'])
                    .next()
                    .unwrap_or(rest)
                    .to_string()
            })
            .unwrap_or_else(|| link.split(':').next().unwrap_or(link).to_string());
        by_host.entry(host).or_default().push(link);
    }
    let mut report = String::from("No problems found.\n");
    if !by_host.is_empty() {
        report.push_str(&format!(
            "\nExternal links ({}), by host, not fetched:\n",
            site.external_links.len()
        ));
        for (host, links) in by_host {
            report.push_str(&format!("  {host}\n"));
            for link in links {
                report.push_str(&format!("    {link}\n"));
            }
        }
    }
    report.trim_end().to_string()
}
