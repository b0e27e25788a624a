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
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
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
        found.push(diagnostic.with_hint(hint_for(problem, name, origins)));
    }
    if found.is_empty() {
        found.push(template_diagnostic(error, origins));
    }
    found
}

/// A hint for Tera's `message` about the template `name`: the nearest name
/// for a misspelt variable, field or block, else what to check.
fn hint_for(message: &str, name: &str, origins: &Origins) -> String {
    if message.contains("filter") {
        return "check the filter's name against the Tera documentation, or the theme's own filters".to_string();
    }
    if let Some(block) = quoted_after(message, "Block `")
        && message.contains("not defined in any parent")
    {
        let parent = origins
            .get(name)
            .and_then(|(_, text)| extended(text))
            .unwrap_or_default();
        // the blocks of every template up the chain (chapter.html extends base.html)
        let mut blocks: Vec<String> = Vec::new();
        let mut next = Some(parent.clone());
        for _ in 0..8 {
            let Some((_, text)) = next.and_then(|template| origins.get(&template)) else {
                break;
            };
            blocks.extend(blocks_of(text));
            next = extended(text).map(|up| match origins.contains_key(&up) {
                true => up,
                false => format!("{DEFAULT_PREFIX}{up}"),
            });
        }
        blocks.sort();
        blocks.dedup();
        let known: Vec<&str> = blocks.iter().map(String::as_str).collect();
        return match did_you_mean(&block, &known) {
            Some(best) => format!(
                "did you mean the block `{best}`? `{parent}` and the templates it extends have: {}",
                known.join(", ")
            ),
            None if known.is_empty() => {
                "a template replaces only the blocks of the template it extends".to_string()
            }
            None => format!(
                "a template replaces only the blocks of the templates it extends; `{parent}` and its own parents have: {}",
                known.join(", ")
            ),
        };
    }
    for (kind, list) in [
        ("Variable `", "Available variables: "),
        ("Field `", "Available fields: "),
    ] {
        if let Some(unknown) = quoted_after(message, kind) {
            let known: Vec<&str> = message
                .split_once(list)
                .map(|(_, names)| names.split(", ").map(str::trim).collect())
                .unwrap_or_default();
            return match did_you_mean(&unknown, &known) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "check the name against the default theme's template of the same name, which uses only what pages receive".to_string(),
            };
        }
    }
    "fix the template at this line; the default theme's templates show the expected structure"
        .to_string()
}

/// `NAME` in `... {kind}NAME` ...`.
fn quoted_after(message: &str, kind: &str) -> Option<String> {
    let rest = message.split_once(kind)?.1;
    Some(rest.split_once('`')?.0.to_string())
}

/// The template a template's text extends, if any.
fn extended(text: &str) -> Option<String> {
    let rest = text.split_once("extends")?.1.trim_start();
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    Some(rest[1..].split_once(quote)?.0.to_string())
}

/// The names of the blocks a template's text defines.
fn blocks_of(text: &str) -> Vec<String> {
    text.match_indices("{% block ")
        .chain(text.match_indices("{%- block "))
        .filter_map(|(at, tag)| text[at + tag.len()..].split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// The line and column of `needle` in a template's text, to point at it.
fn position_of(text: &str, needle: &str) -> Option<(usize, usize)> {
    text.find(needle)
        .map(|at| crate::diagnostics::line_and_column(text, at))
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
            diagnostic.with_hint(hint_for(report.message(), report.filename(), origins))
        }
        ErrorKind::CircularExtend { tpl, .. } => {
            let mut problem = Diagnostic::new(file_of(tpl), format!("the template `{tpl}` extends itself"));
            if let Some((_, text)) = origins.get(tpl)
                && let Some((line, column)) = position_of(text, "extends")
            {
                problem = problem.at(text, line, column);
            }
            problem.with_hint(format!("a fork's `{tpl}` replaces the default theme's: to change some of its blocks, extend the default one, `{{% extends \"{DEFAULT_PREFIX}{tpl}\" %}}`"))
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::new(file_of(current), format!("template `{current}` extends `{parent}`, which does not exist"))
            .with_hint("extend a default template by its name with the `default/` prefix, for example `{% extends \"default/chapter.html\" %}`"),
        ErrorKind::TemplateNotFound(name) => Diagnostic::new(PathBuf::from("themes"), format!("the template `{name}` does not exist")),
        _ => Diagnostic::new(PathBuf::from("themes"), format!("template error: {error}")),
    }
}
