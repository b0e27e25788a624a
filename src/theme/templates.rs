//! The theme chain: the default theme, embedded in the binary, under a fork's
//! theme that holds only the files it changes.
//!
//! Default templates are registered as `default/NAME`; a fork's as `NAME`.
//! Looking up `NAME` finds the fork's file first and falls back to the
//! default (Tera's fallback prefixes), so a fork can replace a template
//! outright, or `{% extends "default/NAME" %}` and replace single blocks.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tera::{Context, ErrorKind, Tera};

use super::palette::ThemePalette;
use super::words::Words;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::files::FolderFile;
use crate::load::theme_files::{DEFAULT_THEME_DIR, ThemeFiles};
use crate::load::yaml::{self, YamlFile};

type Origins = BTreeMap<String, (PathBuf, String)>;

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
    pub static_files: BTreeMap<String, FolderFile>,
    /// Stylesheets a fork adds after the default one (paths inside `static/`).
    pub extra_css: Vec<String>,
    /// The theme's named colours (`palette.yaml`; a fork's replaces the default's).
    pub palette: ThemePalette,
    /// The palette's file, to locate a bad colour.
    pub palette_file: Option<YamlFile>,
    /// The theme's own words in each language (`i18n/LANG.yaml`).
    pub words: Words,
}

/// What the theme chain is made of, gathered from its files: the default
/// theme's first, then the fork's over them.
#[derive(Default)]
struct Chain {
    templates: Vec<(String, String)>,
    origins: Origins,
    static_files: BTreeMap<String, FolderFile>,
    extra_css: Vec<String>,
    palette: Option<YamlFile>,
    words: Words,
}

impl Chain {
    /// Adds one theme file; `prefix` is the template name prefix of its theme.
    fn add(&mut self, file: &FolderFile, prefix: &str, problems: &mut Diagnostics) {
        let text = || String::from_utf8(file.bytes.clone());
        if let Some(name) = file.name.strip_prefix("templates/") {
            let Ok(text) = text() else {
                return problems.push(Diagnostic::new(
                    &file.shown,
                    "this template is not UTF-8 text",
                ));
            };
            let name = format!("{prefix}{name}");
            self.origins
                .insert(name.clone(), (file.shown.clone(), text.clone()));
            self.templates.push((name, text));
        } else if let Some(name) = file.name.strip_prefix("static/") {
            // a fork's stylesheet of a new name comes after the default ones
            let from_fork = prefix.is_empty();
            if from_fork && name.ends_with(".css") && !self.static_files.contains_key(name) {
                self.extra_css.push(name.to_string());
            }
            self.static_files.insert(name.to_string(), file.clone());
        } else if let Some(name) = file.name.strip_prefix("i18n/") {
            self.words.add(name, file, problems);
        } else if file.name == PALETTE_FILE {
            let text = String::from_utf8_lossy(&file.bytes).into_owned();
            self.palette = Some(YamlFile::new(file.shown.clone(), text));
        }
    }
}

impl Theme {
    /// The default theme alone, as embedded in the binary.
    pub fn default_only() -> Result<Theme, Diagnostics> {
        Theme::new(&ThemeFiles::embedded())
    }

    /// The theme chain of `files`: the fork's templates found first, the
    /// default's (`default/NAME`) behind them.
    pub fn new(files: &ThemeFiles) -> Result<Theme, Diagnostics> {
        let mut problems = Diagnostics::default();
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        if let Err(error) = tera.set_fallback_prefixes([DEFAULT_PREFIX]) {
            problems.push(Diagnostic::new(DEFAULT_THEME_DIR, error.to_string()));
        }
        let mut chain = Chain::default();
        for file in &files.default {
            chain.add(file, DEFAULT_PREFIX, &mut problems);
        }
        for file in &files.fork {
            chain.add(file, "", &mut problems);
        }
        let palette = match &chain.palette {
            Some(file) => yaml::parse(&file.text, file.origin()).unwrap_or_else(|problem| {
                problems.push(problem);
                ThemePalette::default()
            }),
            None => ThemePalette::default(),
        };
        if let Err(error) = tera.add_raw_templates(chain.templates) {
            problems.extend(load_diagnostics(&error, &chain.origins));
        }
        problems.into_result(Theme {
            tera,
            origins: chain.origins,
            static_files: chain.static_files,
            extra_css: chain.extra_css,
            palette,
            palette_file: chain.palette,
            words: chain.words,
        })
    }

    /// Renders `template` (found through the chain) with `context`.
    pub fn render(&self, template: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|error| template_diagnostic(&error, &self.origins))
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
