//! `handbook.yaml`: the site-wide settings a comms team or a fork changes,
//! read once per build and kept with the file they came from, so that every
//! later check of a setting points at its own line.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::languages;
use super::yaml::{self, YamlFile};
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};

// Serialize: a fork's settings are merged with its base's as data
// (`super::extends`).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The handbook's title, "Connecting head, heart and hands". Required,
    /// but a handbook that extends another may take the base's.
    #[serde(default)]
    pub title: String,
    /// A line drawn above the title on the cover (the programme or series it belongs to).
    pub subtitle: Option<String>,
    /// Who publishes it, shown in the header and footer (required, as `title`).
    #[serde(default)]
    pub organisation: String,
    /// BCP 47 language tag of the content.
    #[serde(default = "default_language")]
    pub language: String,
    /// The other language editions, each under `/CODE/` (see `editions`).
    #[serde(default)]
    pub languages: Vec<EditionLanguage>,
    /// Absolute URL the site is published at, for the sitemap and canonical links.
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub contact: Option<Contact>,
    #[serde(default)]
    pub licence: Option<String>,
    #[serde(default)]
    pub brand: Brand,
    /// A fork's theme folder under `themes/`, layered over the default theme.
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub print: PrintOptions,
    #[serde(default)]
    pub footer_links: Vec<FooterLink>,
    /// Keep raw HTML in Markdown (sanitised) instead of escaping it.
    #[serde(default)]
    pub allow_html: bool,
    /// When this handbook was published, shown on the cover (YYYY-MM-DD or free text).
    #[serde(default)]
    pub published: Option<String>,
    /// Facts for the accessibility statement.
    #[serde(default)]
    pub accessibility: AccessibilityInfo,
    /// A fork's own values (a charity number, a helpline), free-form, which
    /// templates see as `extra`.
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The folder of another handbook this one starts from (its chapters,
    /// assets and settings), relative to this handbook's folder.
    #[serde(default)]
    pub extends: Option<String>,
    /// Chapters of the handbook this one extends that it leaves out, by slug.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// The file the settings were read from, to locate a problem with one.
    #[serde(skip)]
    pub source: YamlFile,
}

fn default_language() -> String {
    "en-GB".to_string()
}

/// One other language the handbook is published in.
#[derive(Debug, Clone, Deserialize, PartialEq, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct EditionLanguage {
    /// Its BCP 47 tag, `cy`; also the edition's folder and the `.cy` of its files.
    pub code: String,
    /// Its name in its own language, `Cymraeg`, for the language switcher.
    pub name: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// Path under `assets/` of the logo image, drawn on the header band.
    #[serde(default)]
    pub logo: Option<String>,
    /// The logo drawn on the dark-mode header; `logo` when unset.
    #[serde(default)]
    pub logo_dark: Option<String>,
    /// The logo drawn on the white cover of the print page and the PDF;
    /// `logo` when unset.
    #[serde(default)]
    pub logo_print: Option<String>,
    /// Text alternative of the logo; required when a logo is set.
    #[serde(default)]
    pub logo_alt: Option<String>,
    /// Path under `assets/` of the icon browsers show in tabs and bookmarks;
    /// without it, one is drawn from the title's initial and the primary colour.
    #[serde(default)]
    pub icon: Option<String>,
    /// Named colours overriding the theme's (`primary`, `accent`, `text`, ...).
    #[serde(default)]
    pub colours: Colours,
    /// Colours for dark mode; the theme's dark palette where unset.
    #[serde(default)]
    pub dark_colours: Colours,
}

/// The theme's named colours. Each is optional: unset ones keep the theme's value.
#[derive(Debug, Clone, Deserialize, PartialEq, Default, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Colours {
    pub primary: Option<String>,
    pub accent: Option<String>,
    pub text: Option<String>,
    pub text_muted: Option<String>,
    pub background: Option<String>,
    pub surface: Option<String>,
    pub link: Option<String>,
    pub link_visited: Option<String>,
    pub focus: Option<String>,
    pub focus_text: Option<String>,
    pub border: Option<String>,
    pub on_primary: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PrintOptions {
    /// `A4` or `Letter`.
    #[serde(default = "default_paper")]
    pub paper: String,
    /// Show the handbook title in the top margin of printed pages.
    #[serde(default = "default_true")]
    pub running_title: bool,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            paper: default_paper(),
            running_title: true,
        }
    }
}

fn default_paper() -> String {
    "A4".to_string()
}

fn default_true() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, PartialEq, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct FooterLink {
    pub text: String,
    pub url: String,
}

/// What the accessibility statement says beyond what the generator
/// guarantees: only what the organisation states here (`load::statement`
/// checks a public-sector statement is complete).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityInfo {
    /// Whether the publisher is a public sector body bound by the Public
    /// Sector Bodies (Websites and Mobile Applications) (No. 2)
    /// Accessibility Regulations 2018: the statement then follows the model
    /// statement in full, enforcement procedure included.
    #[serde(default)]
    pub regulations: bool,
    /// How far the site meets WCAG 2.2 AA, as the organisation found it.
    #[serde(default)]
    pub status: Option<Compliance>,
    /// Known problems not yet fixed, one per entry.
    #[serde(default)]
    pub known_issues: Vec<String>,
    /// Date the site was last tested, YYYY-MM-DD.
    #[serde(default)]
    pub last_tested: Option<String>,
    /// Who tested it ("our digital team", "the Digital Accessibility Centre").
    #[serde(default)]
    pub tested_by: Option<String>,
    /// How it was tested, in a sentence.
    #[serde(default)]
    pub test_method: Option<String>,
    /// When the statement was first prepared, and last reviewed.
    #[serde(default)]
    pub prepared: Option<String>,
    #[serde(default)]
    pub reviewed: Option<String>,
    /// Who to tell about a problem; the handbook's `contact` when unset.
    #[serde(default)]
    pub contact: Option<Contact>,
    /// How soon the organisation replies ("5 working days").
    #[serde(default)]
    pub response_time: Option<String>,
}

/// The compliance status of the model statement.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Compliance {
    /// Fully compliant with WCAG 2.2 AA.
    Full,
    /// Partially compliant: the known issues say where not.
    Partial,
    /// Not compliant.
    Not,
}

impl AccessibilityInfo {
    /// Who to tell about a problem with the site.
    pub fn contact<'a>(&'a self, settings: &'a Settings) -> Option<&'a Contact> {
        self.contact.as_ref().or(settings.contact.as_ref())
    }
}

/// The file name of the settings file inside a source folder.
pub const FILE_NAME: &str = "handbook.yaml";

/// Reads `handbook.yaml` in `root`, on its own: [`super::extends::load`]
/// merges it with the settings of the handbooks it extends and checks them.
pub fn read(root: &Path) -> Result<Settings, Diagnostics> {
    let path = root.join(FILE_NAME);
    let shown = display_path(root, &path);
    let text = std::fs::read_to_string(&path).map_err(|error| {
        Diagnostics(vec![
            Diagnostic::new(&shown, format!("cannot read the handbook settings: {error}"))
                .with_hint("every handbook needs a `handbook.yaml` with at least `title:` and `organisation:`; `handbook init` writes one"),
        ])
    })?;
    let source = YamlFile::new(shown, text);
    let mut settings: Settings =
        yaml::parse(&source.text, source.origin()).map_err(|d| Diagnostics(vec![d]))?;
    settings.source = source;
    Ok(settings)
}

impl Settings {
    /// What the types of the settings cannot say is wrong.
    pub(super) fn problems(&self) -> Diagnostics {
        let mut problems = Diagnostics::default();
        let locate = |path: &str, message: String| self.source.locate(path, message);
        for (key, value) in [("title", &self.title), ("organisation", &self.organisation)] {
            if value.trim().is_empty() {
                problems.push(
                    locate(key, format!("the required key `{key}` is missing"))
                        .with_hint(format!("add a line `{key}: ...` to handbook.yaml")),
                );
            }
        }
        if !matches!(self.print.paper.as_str(), "A4" | "Letter" | "A5") {
            problems.push(
                locate(
                    "print.paper",
                    format!("unknown paper size `{}`", self.print.paper),
                )
                .with_hint("use `A4`, `A5` or `Letter`"),
            );
        }
        let any_logo = [
            &self.brand.logo,
            &self.brand.logo_dark,
            &self.brand.logo_print,
        ]
        .iter()
        .any(|logo| logo.is_some());
        if any_logo && self.brand.logo.is_none() {
            let key = if self.brand.logo_dark.is_some() {
                "brand.logo_dark"
            } else {
                "brand.logo_print"
            };
            problems.push(locate(key, "a logo for one background, but no `logo`".into()).with_hint("name the logo drawn on the header band in `logo:` under `brand:`; `logo_dark` and `logo_print` only replace it on their own backgrounds"));
        }
        if self.brand.logo.is_some() && self.brand.logo_alt.as_deref().is_none_or(str::is_empty) {
            problems.push(locate("brand.logo", "the logo has no text alternative".into()).with_hint("add `logo_alt:` under `brand:` with what the logo says, usually the organisation's name"));
        }
        if let Some(base) = &self.base_url
            && !(base.starts_with("https://") || base.starts_with("http://"))
        {
            problems.push(
                locate(
                    "base_url",
                    format!("`{base}` is not an absolute web address"),
                )
                .with_hint("write it in full, for example `https://handbook.example.org/`"),
            );
        }
        if let Some(theme) = &self.theme
            && (theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.'))
        {
            problems.push(
                locate("theme", format!("`{theme}` is not a theme folder name"))
                    .with_hint("name a folder inside `themes/`, for example `theme: my-brand`"),
            );
        }
        problems.extend(self.language_problems());
        problems
    }

    /// Every language code is one, and each edition is named once.
    fn language_problems(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let unknown = |path: &str, code: &str| {
            self.source
                .locate(path, format!("`{code}` is not a language code"))
                .with_hint(languages::suggestion(code))
        };
        if !languages::is_known(&self.language) {
            problems.push(unknown("language", &self.language));
        }
        let mut seen = vec![
            languages::primary(&self.language),
            self.language.to_ascii_lowercase(),
        ];
        for (index, edition) in self.languages.iter().enumerate() {
            let path = format!("languages.{index}.code");
            if !languages::is_known(&edition.code) {
                problems.push(unknown(&path, &edition.code));
            } else if seen.contains(&edition.code.to_ascii_lowercase()) {
                problems.push(
                    self.source
                        .locate(&path, format!("the language `{}` is listed twice", edition.code))
                        .with_hint("each edition is listed once under `languages:`, and the handbook's own `language:` is not one of them"),
                );
            }
            seen.push(edition.code.to_ascii_lowercase());
            if edition.name.trim().is_empty() {
                problems.push(
                    self.source
                        .locate(
                            &format!("languages.{index}.name"),
                            "the language has no name",
                        )
                        .with_hint(
                            "write its name in its own language, for example `name: Cymraeg`",
                        ),
                );
            }
        }
        problems
    }
}
