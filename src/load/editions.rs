//! A handbook's other language editions, as its source sets them out: the
//! codes under `languages:` in `handbook.yaml`, each edition's translated
//! settings in `handbook.LANG.yaml` (only what differs), and its chapters'
//! translations beside their originals (`chapters/01-welcome.cy.md`), each
//! recording in `translation_of:` the version of the original it translates
//! (see [`super::derived`]), and its own accessibility statement, when the
//! handbook has one, in `accessibility.LANG.md`.

use std::path::Path;

use serde::Deserialize;

use super::chapters::Chapter;
use super::derived::{Derivation, Derived, Original, Originals, version_of};
use super::languages;
use super::settings::{Contact, FILE_NAME, FooterLink, Settings};
use super::statement;
use super::yaml::{self, YamlFile};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean, display_path};

/// One language edition.
#[derive(Debug, Clone)]
pub struct Edition {
    /// Its code, which is also its folder in the site (`cy`).
    pub code: String,
    /// Its name in its own language (`Cymraeg`).
    pub name: String,
    /// The settings with the edition's translated ones over them, and its
    /// `language` set to [`Edition::code`].
    pub settings: Settings,
    /// Its own accessibility statement (`accessibility.LANG.md`), which
    /// replaces the one drawn from the settings in its language.
    pub statement: Option<Chapter>,
}

/// What an edition's settings file may translate: the words the site
/// shows. Each replaces the handbook's when set.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Translated {
    title: Option<String>,
    subtitle: Option<String>,
    organisation: Option<String>,
    description: Option<String>,
    contact: Option<Contact>,
    licence: Option<String>,
    published: Option<String>,
    footer_links: Option<Vec<FooterLink>>,
    brand: Option<TranslatedBrand>,
    accessibility: Option<TranslatedAccessibility>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslatedBrand {
    logo_alt: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslatedAccessibility {
    known_issues: Option<Vec<String>>,
    response_time: Option<String>,
    test_method: Option<String>,
}

/// The settings file of the edition `code`: `handbook.cy.yaml`.
pub fn settings_file_name(code: &str) -> String {
    let (stem, extension) = FILE_NAME.rsplit_once('.').unwrap_or((FILE_NAME, "yaml"));
    format!("{stem}.{code}.{extension}")
}

/// What to say when `code` is asked for as an edition (`handbook translate
/// --to`, `pdf --language`, `epub --language`) but is not one of the
/// handbook's `languages:`: the message, and a hint naming the listed code
/// a mistyped one means (`cy` for `CY`, `cx` or `welsh`), or the codes there
/// are (a real code, `fr`, is a language the handbook has no edition in).
pub fn unlisted_language(code: &str, settings: &Settings) -> String {
    let listed: Vec<&str> = settings.languages.iter().map(|l| l.code.as_str()).collect();
    let meant = if languages::is_known(code) {
        None
    } else {
        let by_name = languages::suggestion(code);
        let near =
            |listed: &&str| listed.len() == code.len() && strsim::hamming(listed, code) == Ok(1);
        if listed
            .iter()
            .any(|listed| by_name.starts_with(&format!("did you mean `{listed}`")))
        {
            Some(by_name)
        } else {
            listed
                .iter()
                .copied()
                .find(near)
                .map(|near| format!("did you mean `{near}`?"))
        }
    };
    let hint = match meant {
        Some(meant) => meant,
        None if listed.is_empty() => format!(
            "the handbook has no other languages: list `{code}` under `languages:` in {FILE_NAME} first, with its `code:` and `name:`"
        ),
        None => format!(
            "the editions under `languages:` in {FILE_NAME} are {} (the handbook's own language is {}); to publish one in `{code}`, add it there first",
            listed.join(", "),
            settings.language
        ),
    };
    format!("`{code}` is not one of the handbook's languages\n  hint: {hint}")
}

/// The editions of the handbook at `root`, in the order `languages:` lists
/// them, each with its settings.
pub fn load(root: &Path, settings: &Settings) -> Result<Vec<Edition>, Diagnostics> {
    let mut problems = Diagnostics::default();
    let mut editions = Vec::new();
    for language in &settings.languages {
        let path = root.join(settings_file_name(&language.code));
        let mut edition_settings = settings.clone();
        edition_settings.language = language.code.clone();
        if path.is_file() {
            let shown = display_path(root, &path);
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    let file = YamlFile::new(shown, text);
                    match yaml::parse::<Option<Translated>>(&file.text, file.origin()) {
                        Ok(translated) => {
                            translated.unwrap_or_default().over(&mut edition_settings)
                        }
                        Err(problem) => problems.push(problem.with_hint_if_none(
                            "an edition's settings file holds only the words that differ: title, subtitle, organisation, description, contact, licence, published, footer_links, brand.logo_alt, accessibility.known_issues, accessibility.response_time, accessibility.test_method",
                        )),
                    }
                }
                Err(error) => {
                    problems.push(Diagnostic::new(shown, format!("cannot read: {error}")))
                }
            }
        }
        let statement = statement::read(root, Some(&language.code)).unwrap_or_else(|found| {
            problems.extend(found);
            None
        });
        editions.push(Edition {
            code: language.code.clone(),
            name: language.name.clone(),
            settings: edition_settings,
            statement,
        });
    }
    problems.into_result(editions)
}

impl Translated {
    fn over(self, settings: &mut Settings) {
        let replace = |into: &mut Option<String>, value: Option<String>| {
            if value.is_some() {
                *into = value;
            }
        };
        if let Some(title) = self.title {
            settings.title = title;
        }
        if let Some(organisation) = self.organisation {
            settings.organisation = organisation;
        }
        replace(&mut settings.subtitle, self.subtitle);
        replace(&mut settings.description, self.description);
        replace(&mut settings.licence, self.licence);
        replace(&mut settings.published, self.published);
        if let Some(contact) = self.contact {
            let into = settings.contact.get_or_insert_with(Contact::default);
            replace(&mut into.name, contact.name);
            replace(&mut into.email, contact.email);
            replace(&mut into.phone, contact.phone);
            replace(&mut into.address, contact.address);
        }
        if let Some(links) = self.footer_links {
            settings.footer_links = links;
        }
        if let Some(brand) = self.brand {
            replace(&mut settings.brand.logo_alt, brand.logo_alt);
        }
        if let Some(accessibility) = self.accessibility {
            let into = &mut settings.accessibility;
            if let Some(issues) = accessibility.known_issues {
                into.known_issues = issues;
            }
            replace(&mut into.response_time, accessibility.response_time);
            replace(&mut into.test_method, accessibility.test_method);
        }
    }
}

/// `handbook.LANG.yaml` files whose language is not a code, or not one of
/// the handbook's editions: problems, which do not keep the rest of the
/// handbook from being checked.
pub fn stray_settings_files(root: &Path, settings: &Settings) -> Vec<Diagnostic> {
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((base, code)) = languages::split_language(&name) else {
            continue;
        };
        if base != FILE_NAME && base != statement::FILE_NAME {
            continue;
        }
        let shown = display_path(root, &entry.path());
        if let Some(problem) = language_problem(&shown, code, settings) {
            problems.push(problem);
        }
    }
    problems
}

/// What is wrong with a file named for the language `code`, if anything.
fn language_problem(shown: &Path, code: &str, settings: &Settings) -> Option<Diagnostic> {
    if !languages::is_known(code) {
        return Some(
            Diagnostic::new(
                shown,
                format!("`{code}` in this file's name is not a language code"),
            )
            .with_hint(format!(
                "{}; a file named `NAME.LANG.md` or `handbook.LANG.yaml` belongs to the edition in LANG",
                languages::suggestion(code)
            )),
        );
    }
    if settings.languages.iter().any(|l| l.code == code) {
        return None;
    }
    // a known language: a near code of another edition would mislead
    let listed: Vec<&str> = settings.languages.iter().map(|l| l.code.as_str()).collect();
    let hint = format!(
        "add it under `languages:` in {FILE_NAME} (with its `code:` and `name:`) to publish an edition in it; the handbook's languages are {}",
        if listed.is_empty() {
            "none yet".to_string()
        } else {
            listed.join(", ")
        }
    );
    Some(
        Diagnostic::new(
            shown,
            format!("`{code}` is not one of the handbook's languages"),
        )
        .with_hint(hint),
    )
}

/// The translations checked against the handbook: each in a language of
/// an edition, with an original of the same name and slug; and, as
/// warnings, those whose original changed since they were made from it.
pub fn check_translations(
    root: &Path,
    settings: &Settings,
    originals: &[&Chapter],
    translations: &[&Chapter],
) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let store = Originals::of(root);
    for translation in translations {
        let code = translation.language.as_deref().unwrap_or_default();
        if let Some(problem) = language_problem(&translation.display_path, code, settings) {
            problems.push(problem);
            continue;
        }
        let original_name = translation.original_file_name().unwrap_or_default();
        let Some(original) = originals.iter().find(|c| c.file_name == original_name) else {
            let names: Vec<&str> = originals.iter().map(|c| c.file_name.as_str()).collect();
            let hint = match did_you_mean(&original_name, &names) {
                Some(near) => format!(
                    "a translation is named after its original with the language before `.md`: did you mean `{}`?",
                    near.replace(".md", &format!(".{code}.md"))
                ),
                None => format!(
                    "a translation sits beside its original and is named after it: `chapters/{original_name}` translated into `{code}` is `chapters/{}`",
                    original_name.replace(".md", &format!(".{code}.md"))
                ),
            };
            problems.push(
                Diagnostic::new(
                    &translation.display_path,
                    format!(
                        "this translation has no original: there is no `chapters/{original_name}`"
                    ),
                )
                .with_hint(hint),
            );
            continue;
        };
        if translation.slug != original.slug {
            problems.push(
                YamlFile::new(
                    translation.display_path.clone(),
                    translation.text[..translation.body_start].to_string(),
                )
                .locate(
                    "slug",
                    format!(
                        "a translation has its original's slug, `{}`, not `{}`",
                        original.slug, translation.slug
                    ),
                )
                .with_hint("remove `slug:` from the translation's front matter: every edition has the same addresses, so the language switcher finds each chapter"),
            );
        }
        let derived = Derived {
            file: &translation.display_path,
            text: &translation.text,
            derivation: Derivation::Translation,
        };
        let now = Original {
            file: &original.display_path,
            text: &original.text,
        };
        let accept = format!("handbook translate {} --to {code} --accept", original.slug);
        if let Some(warning) = derived.drift(now, &store, &accept) {
            problems.push(warning);
        }
    }
    problems
}

/// How far an edition's translation has come: for `handbook check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionStatus {
    pub code: String,
    pub name: String,
    /// How many chapters the handbook has.
    pub chapters: usize,
    /// The slugs of the chapters with no translation (or only a draft).
    pub missing: Vec<String>,
    /// The slugs of the translations whose original changed since.
    pub out_of_date: Vec<String>,
}

/// Each edition's missing and out-of-date translations of `originals` (in
/// reading order).
pub fn statuses(
    editions: &[Edition],
    originals: &[&Chapter],
    translations: &[&Chapter],
    include_drafts: bool,
) -> Vec<EditionStatus> {
    editions
        .iter()
        .map(|edition| {
            let mut status = EditionStatus {
                code: edition.code.clone(),
                name: edition.name.clone(),
                chapters: originals.len(),
                missing: Vec::new(),
                out_of_date: Vec::new(),
            };
            for original in originals {
                let translation = translations.iter().find(|t| {
                    t.language.as_deref() == Some(edition.code.as_str())
                        && (include_drafts || !t.front.draft)
                        && t.original_file_name().as_deref() == Some(original.file_name.as_str())
                });
                let Some(translation) = translation else {
                    status.missing.push(original.slug.clone());
                    continue;
                };
                let derived = Derived {
                    file: &translation.display_path,
                    text: &translation.text,
                    derivation: Derivation::Translation,
                };
                let recorded = derived.recorded().map(|(version, _)| version);
                if recorded.as_deref() != Some(version_of(&original.text).as_str()) {
                    status.out_of_date.push(original.slug.clone());
                }
            }
            status
        })
        .collect()
}

/// A chapter whose slug is an edition's folder would be hidden by it.
pub fn check_slugs(settings: &Settings, originals: &[&Chapter]) -> Vec<Diagnostic> {
    originals
        .iter()
        .filter(|chapter| settings.languages.iter().any(|l| l.code == chapter.slug))
        .map(|chapter| {
            Diagnostic::new(
                &chapter.display_path,
                format!(
                    "the slug `{}` is the folder of the edition in that language",
                    chapter.slug
                ),
            )
            .with_hint("give the chapter another `slug:` in its front matter")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_editions_settings_file_is_named_for_its_language() {
        assert_eq!(settings_file_name("cy"), "handbook.cy.yaml");
    }
}
