//! The theme chain: the default theme, embedded in the binary, under a fork's
//! theme that holds only the files it changes.
//!
//! Default templates are registered as `default/NAME`; a fork's as `NAME`.
//! Looking up `NAME` finds the fork's file first and falls back to the
//! default (Tera's fallback prefixes), so a fork can replace a template
//! outright, or `{% extends "default/NAME" %}` and replace single blocks.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{Context, ErrorKind, Tera};

use super::palette::ThemePalette;
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::load::yaml::{self, YamlOrigin};

type Origins = BTreeMap<String, (PathBuf, String)>;

/// Files of the default theme, embedded by `build.rs`: (path inside the theme, bytes).
const DEFAULT_THEME: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

const DEFAULT_PREFIX: &str = "default/";

/// The theme's named colours, beside `templates/` and `static/`.
const PALETTE_FILE: &str = "palette.yaml";

/// Templates ready to render, and the theme's static files.
pub struct Theme {
    tera: Tera,
    /// Template name → its file and text, for error messages.
    origins: Origins,
    /// Static files (CSS, JS, images) by path inside `static/`; a fork's file
    /// of the same name replaces the default one.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Stylesheets a fork adds after the default one (paths inside `static/`).
    pub extra_css: Vec<String>,
    /// The theme's named colours (`palette.yaml`; a fork's replaces the default's).
    pub palette: ThemePalette,
    /// The palette's file as shown in messages, and its text, to locate a bad colour.
    pub palette_file: Option<(PathBuf, String)>,
}

impl Theme {
    /// The default theme alone.
    pub fn default_only() -> Result<Theme, Diagnostics> {
        Theme::load(None)
    }

    /// The default theme under the fork theme folder `fork_dir`, if any.
    /// `shown_root` is the source folder messages are relative to.
    pub fn load(fork: Option<(&Path, &Path)>) -> Result<Theme, Diagnostics> {
        Theme::load_with_default(None, fork)
    }

    /// As [`Theme::load`], reading the default theme from the folder
    /// `default_dir` instead of the copy embedded in the binary (for working on
    /// the theme itself with `serve`).
    pub fn load_with_default(
        default_dir: Option<&Path>,
        fork: Option<(&Path, &Path)>,
    ) -> Result<Theme, Diagnostics> {
        let mut problems = Diagnostics::default();
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        if let Err(error) = tera.set_fallback_prefixes([DEFAULT_PREFIX]) {
            problems.push(Diagnostic::new("themes/default", error.to_string()));
        }
        let mut templates: Vec<(String, String)> = Vec::new();
        let mut origins = BTreeMap::new();
        let mut static_files = BTreeMap::new();
        let mut palette_source = None;
        for (path, bytes) in default_files(default_dir, &mut problems) {
            let path = path.as_str();
            let shown = PathBuf::from("themes/default").join(path);
            if let Some(name) = path.strip_prefix("templates/") {
                let name = format!("{DEFAULT_PREFIX}{name}");
                let text = String::from_utf8_lossy(&bytes).into_owned();
                origins.insert(name.clone(), (shown, text.clone()));
                templates.push((name, text));
            } else if let Some(name) = path.strip_prefix("static/") {
                static_files.insert(name.to_string(), bytes);
            } else if path == PALETTE_FILE {
                palette_source = Some((shown, String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
        let mut extra_css = Vec::new();
        if let Some((fork_dir, shown_root)) = fork {
            read_fork(
                fork_dir,
                shown_root,
                &mut templates,
                &mut origins,
                &mut static_files,
                &mut extra_css,
                &mut problems,
            );
            let fork_palette = fork_dir.join(PALETTE_FILE);
            if let Ok(text) = std::fs::read_to_string(&fork_palette) {
                palette_source = Some((display_path(shown_root, &fork_palette), text));
            }
        }
        let palette = match &palette_source {
            Some((file, text)) => {
                let origin = YamlOrigin {
                    file,
                    file_text: text,
                    line_offset: 0,
                };
                yaml::parse(text, origin).unwrap_or_else(|problem| {
                    problems.push(problem);
                    ThemePalette::default()
                })
            }
            None => ThemePalette::default(),
        };
        if let Err(error) = tera.add_raw_templates(templates) {
            problems.extend(load_diagnostics(&error, &origins));
        }
        problems.into_result(Theme {
            tera,
            origins,
            static_files,
            extra_css,
            palette,
            palette_file: palette_source,
        })
    }

    /// Renders `template` (found through the chain) with `context`.
    pub fn render(&self, template: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|error| template_diagnostic(&error, &self.origins))
    }

    pub fn has_template(&self, template: &str) -> bool {
        self.tera.contains_template(template)
    }
}

/// The default theme's files (path inside the theme, bytes): embedded, or
/// read from `dir`.
fn default_files(dir: Option<&Path>, problems: &mut Diagnostics) -> Vec<(String, Vec<u8>)> {
    let Some(dir) = dir else {
        return DEFAULT_THEME
            .iter()
            .map(|(path, bytes)| (path.to_string(), bytes.to_vec()))
            .collect();
    };
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                problems.push(Diagnostic::new(
                    dir,
                    format!("cannot read the theme: {error}"),
                ));
                continue;
            }
        };
        let Ok(relative) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let relative = relative.to_string_lossy().replace('\\', "/");
        if !entry.file_type().is_file() || relative.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push((relative, bytes)),
            Err(error) => problems.push(Diagnostic::new(
                entry.path(),
                format!("cannot read: {error}"),
            )),
        }
    }
    files
}

fn read_fork(
    fork_dir: &Path,
    shown_root: &Path,
    templates: &mut Vec<(String, String)>,
    origins: &mut Origins,
    static_files: &mut BTreeMap<String, Vec<u8>>,
    extra_css: &mut Vec<String>,
    problems: &mut Diagnostics,
) {
    if !fork_dir.is_dir() {
        problems.push(
            Diagnostic::new(
                display_path(shown_root, fork_dir),
                "the theme folder does not exist",
            )
            .with_hint("create it, or remove `theme:` from handbook.yaml to use the default theme"),
        );
        return;
    }
    for entry in walkdir::WalkDir::new(fork_dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                problems.push(Diagnostic::new(
                    display_path(shown_root, fork_dir),
                    format!("cannot read the theme: {error}"),
                ));
                continue;
            }
        };
        if entry.path_is_symlink() {
            if let Err(problem) = crate::load::file_behind_link(entry.path(), fork_dir) {
                problems.push(problem.at_path(shown_root, entry.path()));
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(fork_dir) else {
            continue;
        };
        let relative = relative.to_string_lossy().replace('\\', "/");
        if relative.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        let shown = display_path(shown_root, entry.path());
        let bytes = match std::fs::read(entry.path()) {
            Ok(bytes) => bytes,
            Err(error) => {
                problems.push(Diagnostic::new(&shown, format!("cannot read: {error}")));
                continue;
            }
        };
        if let Some(name) = relative.strip_prefix("templates/") {
            match String::from_utf8(bytes) {
                Ok(text) => {
                    origins.insert(name.to_string(), (shown, text.clone()));
                    templates.push((name.to_string(), text));
                }
                Err(_) => problems.push(Diagnostic::new(&shown, "this template is not UTF-8 text")),
            }
        } else if let Some(name) = relative.strip_prefix("static/") {
            if name.ends_with(".css") && !static_files.contains_key(name) {
                extra_css.push(name.to_string());
            }
            static_files.insert(name.to_string(), bytes);
        }
    }
}

/// The problems Tera found loading the templates. Unknown filters, tests and
/// functions come as one message holding a report per problem
/// (`error: Unknown filter `x`` then ` --> NAME:LINE:COLUMN`): each becomes
/// a diagnostic at its template's file and line.
fn load_diagnostics(error: &tera::Error, origins: &Origins) -> Vec<Diagnostic> {
    let ErrorKind::Msg(message) = error.kind() else {
        return vec![template_diagnostic(error, origins)];
    };
    let lines: Vec<&str> = message.lines().collect();
    let mut found = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(problem) = line.strip_prefix("error: ") else {
            continue;
        };
        let location = lines
            .get(index + 1)
            .and_then(|next| next.trim_start().strip_prefix("--> "));
        let Some(mut parts) = location.map(|l| l.rsplitn(3, ':')) else {
            continue;
        };
        let (Some(column), Some(line), Some(name)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let (Ok(line), Ok(column)) = (line.parse::<usize>(), column.parse::<usize>()) else {
            continue;
        };
        let diagnostic = match origins.get(name) {
            Some((file, source)) => {
                Diagnostic::new(file, format!("template error: {problem}")).at(source, line, column)
            }
            None => Diagnostic::new(name, format!("template error: {problem}")),
        };
        found.push(diagnostic.with_hint(hint_for(problem)));
    }
    if found.is_empty() {
        found.push(template_diagnostic(error, origins));
    }
    found
}

fn hint_for(message: &str) -> &'static str {
    if message.contains("filter") {
        "check the filter's name against the Tera documentation, or the theme's own filters"
    } else {
        "fix the template at this line; the default theme's templates show the expected structure"
    }
}

/// A Tera error as a diagnostic pointing at the template file and line.
fn template_diagnostic(error: &tera::Error, origins: &Origins) -> Diagnostic {
    let file_of = |name: &str| {
        origins
            .get(name)
            .map_or_else(|| PathBuf::from(name), |(file, _)| file.clone())
    };
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let file = file_of(report.filename());
            let mut diagnostic = Diagnostic::new(file, format!("template error: {}", report.message()));
            if let Some((_, source)) = origins.get(report.filename()) {
                diagnostic = diagnostic.at(source, span.start_line, span.start_col + 1);
            } else {
                diagnostic.line = Some(span.start_line);
                diagnostic.column = Some(span.start_col + 1);
            }
            diagnostic.with_hint(hint_for(report.message()))
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::new(file_of(current), format!("template `{current}` extends `{parent}`, which does not exist"))
            .with_hint("extend a default template by its name with the `default/` prefix, for example `{% extends \"default/chapter.html\" %}`"),
        ErrorKind::TemplateNotFound(name) => Diagnostic::new(PathBuf::from("themes"), format!("the template `{name}` does not exist")),
        _ => Diagnostic::new(PathBuf::from("themes"), format!("template error: {error}")),
    }
}
