//! Brand colours checked before anything is drawn with them: every colour
//! must be `#RRGGBB` (or `#RGB`), and every pair of colours the theme draws
//! together must meet its WCAG 2.2 contrast ratio, in light and in dark mode.
//!
//! [`PAIRS`] is the one list of those pairs: a theme that draws a new pair
//! adds it there (and to the table in docs/forking.md).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::palette::ThemePalette;
use super::templates::Theme;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::settings::{Brand, Colours, Settings};
use crate::load::yaml::YamlFile;

/// How much contrast a pair needs (WCAG 2.2: 1.4.3 text, 1.4.11 non-text).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Need {
    /// Text and its background: 4.5:1.
    Text,
    /// Focus indicators, borders of controls, diagram shapes: 3:1.
    NonText,
}

impl Need {
    pub fn ratio(self) -> f64 {
        match self {
            Need::Text => 4.5,
            Need::NonText => 3.0,
        }
    }
}

/// Two named colours the theme draws one on the other.
#[derive(Debug, Clone, Copy)]
pub struct Pair {
    pub foreground: &'static str,
    /// A second colour drawn with the foreground (the dark edge of the yellow
    /// focus ring): the pair passes when either of them reaches the ratio.
    pub or_foreground: Option<&'static str>,
    pub background: &'static str,
    pub need: Need,
    /// Where the theme draws it, for the message.
    pub used_for: &'static str,
}

const fn pair(
    foreground: &'static str,
    background: &'static str,
    need: Need,
    used_for: &'static str,
) -> Pair {
    Pair {
        foreground,
        or_foreground: None,
        background,
        need,
        used_for,
    }
}

/// Every pair of named colours the default theme draws together
/// (themes/default/static/style.css lists the same at its top; diagrams
/// also draw `accent` shapes on the page).
pub const PAIRS: &[Pair] = &[
    pair("text", "background", Need::Text, "body text"),
    pair("text", "surface", Need::Text, "text in panels and callouts"),
    pair(
        "text_muted",
        "background",
        Need::Text,
        "secondary text such as dates and captions",
    ),
    pair(
        "text_muted",
        "surface",
        Need::Text,
        "secondary text in panels",
    ),
    pair("link", "background", Need::Text, "links"),
    pair(
        "link",
        "surface",
        Need::Text,
        "links in panels and callouts",
    ),
    pair("link_visited", "background", Need::Text, "visited links"),
    pair(
        "link_visited",
        "surface",
        Need::Text,
        "visited links in panels",
    ),
    pair(
        "primary",
        "background",
        Need::Text,
        "headings and labels in the primary colour",
    ),
    pair(
        "primary",
        "surface",
        Need::Text,
        "labels in the primary colour in panels",
    ),
    pair(
        "on_primary",
        "primary",
        Need::Text,
        "text on the header band and buttons",
    ),
    pair(
        "focus_text",
        "focus",
        Need::Text,
        "text of the focused link or control",
    ),
    Pair {
        or_foreground: Some("focus_text"),
        ..pair(
            "focus",
            "background",
            Need::NonText,
            "the focus indicator (a ring in `focus` with an edge in `focus_text`: one of them must stand out)",
        )
    },
    Pair {
        or_foreground: Some("focus_text"),
        ..pair(
            "focus",
            "surface",
            Need::NonText,
            "the focus indicator in panels",
        )
    },
    Pair {
        or_foreground: Some("focus_text"),
        ..pair(
            "focus",
            "primary",
            Need::NonText,
            "the focus indicator on the header band and buttons",
        )
    },
    pair(
        "border",
        "background",
        Need::NonText,
        "borders of form fields and panels",
    ),
    pair(
        "accent",
        "background",
        Need::NonText,
        "diagram shapes and highlights",
    ),
];

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#RRGGBB` or `#RGB`, in either case; anything else is `None`.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |digits: &str| u8::from_str_radix(digits, 16).ok();
        match hex.len() {
            6 => Some(Rgb(
                channel(&hex[0..2])?,
                channel(&hex[2..4])?,
                channel(&hex[4..6])?,
            )),
            3 => {
                let doubled = |i: usize| channel(&hex[i..=i].repeat(2));
                Some(Rgb(doubled(0)?, doubled(1)?, doubled(2)?))
            }
            _ => None,
        }
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let linear = |channel: u8| {
            let c = f64::from(channel) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The WCAG contrast ratio of two colours, 1 to 21.
pub fn contrast_ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// A ratio as people read it, rounded down so a failing 4.499 never shows as 4.5.
fn shown_ratio(ratio: f64) -> String {
    let floored = (ratio * 100.0).floor() / 100.0;
    let text = format!("{floored:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}:1")
}

/// Where the colours come from: the handbook's brand over the theme's palette.
pub struct ColourSources<'a> {
    pub brand: &'a Brand,
    /// `handbook.yaml`, to locate a brand colour.
    pub settings_file: &'a YamlFile,
    pub theme: &'a ThemePalette,
    /// The theme's `palette.yaml`, to locate a theme colour (none: unlocated).
    pub palette_file: Option<&'a YamlFile>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Light,
    Dark,
}

impl Mode {
    /// Its name, and the section of a theme's palette.yaml.
    fn name(self) -> &'static str {
        match self {
            Mode::Light => "light",
            Mode::Dark => "dark",
        }
    }

    /// Its section under `brand:` in handbook.yaml.
    fn brand_section(self) -> &'static str {
        match self {
            Mode::Light => "colours",
            Mode::Dark => "dark_colours",
        }
    }
}

impl ColourSources<'_> {
    /// The brand's colours and the theme's for `mode`.
    fn colours(&self, mode: Mode) -> (&Colours, &Colours) {
        match mode {
            Mode::Light => (&self.brand.colours, &self.theme.light),
            Mode::Dark => (&self.brand.dark_colours, &self.theme.dark),
        }
    }
}

/// The colours in force in one mode that the check can read, by name.
type Readable = BTreeMap<String, (Rgb, Swatch)>;

/// A colour in force, and the setting it came from.
struct Swatch {
    value: String,
    /// `brand.colours.primary` or `light.primary`.
    setting: String,
    /// Set by the handbook (else by the theme).
    from_brand: bool,
}

/// Checks the colours a site will be drawn in: its brand over its theme's palette.
pub fn check_site(settings: &Settings, theme: &Theme) -> Diagnostics {
    check(&ColourSources {
        brand: &settings.brand,
        settings_file: &settings.source,
        theme: &theme.palette,
        palette_file: theme.palette_file.as_ref(),
    })
}

/// Checks every colour's format and every pair's contrast, light and dark.
pub fn check(sources: &ColourSources<'_>) -> Diagnostics {
    let mut problems = Diagnostics::default();
    for mode in [Mode::Light, Mode::Dark] {
        let (brand, theme) = sources.colours(mode);
        let section = mode.brand_section();
        let brand_values = named(brand);
        let theme_values = named(theme);
        let mut readable = Readable::new();
        let mut unset = BTreeSet::new();
        for name in colour_names() {
            if !brand_values.contains_key(&name)
                && let Some(problem) = unquoted_colour(sources, section, &name)
            {
                problems.push(problem);
            }
            let swatch = match (brand_values.get(&name), theme_values.get(&name)) {
                (Some(value), _) => Swatch {
                    value: value.clone(),
                    setting: format!("brand.{section}.{name}"),
                    from_brand: true,
                },
                (None, Some(value)) => Swatch {
                    value: value.clone(),
                    setting: format!("{}.{name}", mode.name()),
                    from_brand: false,
                },
                (None, None) => {
                    unset.insert(name);
                    continue;
                }
            };
            match Rgb::parse(&swatch.value) {
                Some(rgb) => {
                    readable.insert(name, (rgb, swatch));
                }
                None => problems.push(
                    locate(sources, &swatch, format!(
                        "`{}` is `{}`, which is not a colour written as #RRGGBB",
                        swatch.setting, swatch.value
                    ))
                    .with_hint("write colours as #RRGGBB in quotes, for example `primary: \"#1d4f91\"`; the contrast check needs the exact colour"),
                ),
            }
        }
        for name in unset.iter().filter(|name| is_drawn(name)) {
            problems.push(
                Diagnostic::new(
                    sources
                        .palette_file
                        .map_or(DEFAULT_PALETTE_FILE.as_ref(), |file| file.file.as_path()),
                    format!(
                        "the theme's palette has no `{name}` colour for {} mode",
                        mode.name()
                    ),
                )
                .with_hint(format!(
                    "add `{name}: \"#RRGGBB\"` under `{}:` in the theme's palette.yaml",
                    mode.name()
                )),
            );
        }
        for pair in PAIRS {
            check_pair(sources, mode, pair, &readable, &mut problems);
        }
    }
    problems
}

/// Whether some pair the theme draws uses the colour `name`.
fn is_drawn(name: &str) -> bool {
    PAIRS.iter().any(|pair| {
        pair.foreground == name || pair.background == name || pair.or_foreground == Some(name)
    })
}

fn check_pair(
    sources: &ColourSources<'_>,
    mode: Mode,
    pair: &Pair,
    readable: &Readable,
    problems: &mut Diagnostics,
) {
    // A colour missing or unreadable has been reported already.
    let (Some((fg, fg_swatch)), Some((bg, bg_swatch))) =
        (readable.get(pair.foreground), readable.get(pair.background))
    else {
        return;
    };
    let ratio = contrast_ratio(*fg, *bg);
    if ratio >= pair.need.ratio() {
        return;
    }
    let alternative = match pair.or_foreground {
        Some(name) => match readable.get(name) {
            Some(found) => Some(found),
            None => return, // reported already
        },
        None => None,
    };
    if let Some((other, _)) = alternative
        && contrast_ratio(*other, *bg) >= pair.need.ratio()
    {
        return;
    }
    // Point at the colour the handbook chose: that is the one its editor will change.
    let blamed = if bg_swatch.from_brand || !fg_swatch.from_brand {
        bg_swatch
    } else {
        fg_swatch
    };
    let kind = match pair.need {
        Need::Text => "text",
        Need::NonText => "non-text contrast (focus indicators, borders, shapes)",
    };
    let also = alternative.map_or_else(String::new, |(other, swatch)| {
        format!(
            " (and `{}` {other} on it is {})",
            swatch.setting,
            shown_ratio(contrast_ratio(*other, *bg))
        )
    });
    let (lighter, darker) = if fg.luminance() >= bg.luminance() {
        (pair.foreground, pair.background)
    } else {
        (pair.background, pair.foreground)
    };
    let message = format!(
        "too little contrast in {} mode for {}: `{}` {} on `{}` {} is {}{also}, {} needs at least {}",
        mode.name(),
        pair.used_for,
        fg_swatch.setting,
        fg,
        bg_swatch.setting,
        bg,
        shown_ratio(ratio),
        kind,
        shown_ratio(pair.need.ratio()),
    );
    problems.push(locate(sources, blamed, message).with_hint(format!(
        "make `{darker}` darker or `{lighter}` lighter until the pair reaches {}; docs/forking.md lists every pair the theme checks",
        shown_ratio(pair.need.ratio())
    )));
}

/// `primary: #1d4f91` without quotes is, to YAML, `primary:` and a comment.
fn unquoted_colour(sources: &ColourSources<'_>, section: &str, name: &str) -> Option<Diagnostic> {
    let setting = format!("brand.{section}.{name}");
    let file = sources.settings_file.setting(&setting);
    let (line, _) = file.position(&setting)?;
    let text = file.text.lines().nth(line - 1)?;
    let value = text
        .trim_start()
        .strip_prefix(&format!("{name}:"))?
        .trim_start();
    value.starts_with('#').then(|| {
        file.locate(
            &setting,
            format!(
                "`{setting}` has no value: YAML reads an unquoted `#` as the start of a comment"
            ),
        )
        .with_hint(format!(
            "put the colour in quotes: `{name}: \"{}\"`",
            value.split_whitespace().next().unwrap_or("#RRGGBB")
        ))
    })
}

/// A diagnostic at the line that sets `swatch` (or, when the colour is
/// missing from a section, at the section).
fn locate(sources: &ColourSources<'_>, swatch: &Swatch, message: String) -> Diagnostic {
    let setting = &swatch.setting;
    let file = if swatch.from_brand {
        Some(sources.settings_file)
    } else {
        sources.palette_file
    };
    let Some(file) = file else {
        return Diagnostic::new(DEFAULT_PALETTE_FILE, message);
    };
    let section = setting.rsplit_once('.').map_or("", |(section, _)| section);
    // a fork's colour may be set in the settings of the handbook it extends
    let file = file.setting(setting);
    match file.position(setting).or_else(|| file.position(section)) {
        Some((line, column)) => Diagnostic::new(&file.file, message).at(&file.text, line, column),
        None => Diagnostic::new(&file.file, message),
    }
}

/// Where the default theme's palette is shown to come from.
const DEFAULT_PALETTE_FILE: &str = "themes/default/palette.yaml";

/// Colour name → value, for the colours set.
fn named(colours: &Colours) -> BTreeMap<String, String> {
    let value = serde_json::to_value(colours).unwrap_or_default();
    value
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(name, value)| value.as_str().map(|v| (name.clone(), v.to_string())))
        .collect()
}

/// Every named colour a theme has (the fields of [`Colours`]).
fn colour_names() -> Vec<String> {
    let value = serde_json::to_value(Colours::default()).unwrap_or_default();
    value
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, _)| name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml;

    fn palette_file(shown: &str) -> YamlFile {
        let text = include_str!("../../themes/default/palette.yaml");
        YamlFile::new(shown.into(), text.into())
    }

    fn theme() -> ThemePalette {
        let file = palette_file(DEFAULT_PALETTE_FILE);
        yaml::parse(&file.text, file.origin()).unwrap()
    }

    fn brand_from(settings: &YamlFile) -> Brand {
        #[derive(serde::Deserialize)]
        struct Only {
            brand: Brand,
        }
        yaml::parse::<Only>(&settings.text, settings.origin())
            .unwrap()
            .brand
    }

    fn check_config(config: &str) -> Diagnostics {
        let settings = YamlFile::new("acme/handbook.yaml".into(), config.into());
        let brand = brand_from(&settings);
        let theme = theme();
        check(&ColourSources {
            brand: &brand,
            settings_file: &settings,
            theme: &theme,
            palette_file: Some(&palette_file(DEFAULT_PALETTE_FILE)),
        })
    }

    #[test]
    fn docs_list_every_pair_the_check_makes() {
        let docs = include_str!("../../docs/forking.md");
        for pair in PAIRS {
            let foreground = match pair.or_foreground {
                Some(other) => format!("`{}` or `{other}`", pair.foreground),
                None => format!("`{}`", pair.foreground),
            };
            let row = format!(
                "| {foreground} | `{}` | {} |",
                pair.background,
                shown_ratio(pair.need.ratio())
            );
            assert!(docs.contains(&row), "docs/forking.md has no row {row}");
        }
        let rows = docs
            .lines()
            .filter(|line| line.ends_with(" |") && line.contains(":1 |"))
            .count();
        assert_eq!(
            rows,
            PAIRS.len(),
            "docs/forking.md lists pairs the check does not make"
        );
    }

    #[test]
    fn contrast_ratio_matches_wcag_reference_values() {
        let black = Rgb(0, 0, 0);
        let white = Rgb(255, 255, 255);
        assert!((contrast_ratio(black, white) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(white, white) - 1.0).abs() < 1e-9);
        // #767676 on white is the well-known lightest grey passing 4.5:1 (4.54:1)
        let grey = Rgb::parse("#767676").unwrap();
        assert_eq!(shown_ratio(contrast_ratio(grey, white)), "4.54:1");
        let grey = Rgb::parse("#777777").unwrap();
        assert_eq!(shown_ratio(contrast_ratio(grey, white)), "4.47:1");
    }

    #[test]
    fn colours_are_read_as_hex_only() {
        assert_eq!(Rgb::parse("#1D4f91"), Some(Rgb(0x1d, 0x4f, 0x91)));
        assert_eq!(Rgb::parse("#fff"), Some(Rgb(255, 255, 255)));
        for bad in [
            "blue",
            "1d4f91",
            "#1d4f9",
            "#12345g",
            "rgb(0,0,0)",
            "#",
            "#ffff",
        ] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_default_theme_passes_every_pair_in_both_modes() {
        let problems = check_config("brand: {}\n");
        assert!(problems.is_empty(), "{problems}");
    }

    #[test]
    fn low_contrast_brand_colour_is_rejected_with_the_ratio() {
        let config = "title: T\nbrand:\n  colours:\n    primary: \"#7fb2e5\"\n";
        let problems = check_config(config);
        let on_primary = problems
            .iter()
            .find(|p| p.message.contains("`light.on_primary`"))
            .unwrap_or_else(|| panic!("{problems}"));
        assert_eq!(on_primary.file, std::path::Path::new("acme/handbook.yaml"));
        assert_eq!(on_primary.line, Some(4), "{on_primary}");
        assert_eq!(
            on_primary.message,
            "too little contrast in light mode for text on the header band and buttons: \
             `light.on_primary` #ffffff on `brand.colours.primary` #7fb2e5 is 2.23:1, text needs at least 4.5:1"
        );
        // the same colour is also too faint as text on white (ratio worked by hand: 1.05 / 0.470)
        assert!(
            problems.iter().any(|p| p.message.contains(
                "`brand.colours.primary` #7fb2e5 on `light.background` #ffffff is 2.23:1, text needs at least 4.5:1"
            )),
            "{problems}"
        );
        assert_eq!(problems.len(), 3, "{problems}");
    }

    #[test]
    fn dark_mode_colours_are_checked_and_located_in_their_own_section() {
        let config =
            "brand:\n  colours:\n    text: \"#0b0c0c\"\n  dark_colours:\n    text: \"#333333\"\n";
        let problems = check_config(config);
        let text = problems
            .iter()
            .find(|p| p.message.contains("dark mode for body text"))
            .unwrap_or_else(|| panic!("{problems}"));
        assert_eq!(text.line, Some(5), "{text}");
        assert!(
            text.message.contains("`brand.dark_colours.text` #333333"),
            "{text}"
        );
        assert!(
            problems.iter().all(|p| !p.message.contains("light mode")),
            "{problems}"
        );
    }

    #[test]
    fn malformed_colour_names_the_setting_and_line() {
        let config = "brand:\n  colours:\n    primary: \"#1d4f91\"\n    accent: purple\n";
        let problems = check_config(config);
        assert_eq!(problems.len(), 1, "{problems}");
        let problem = &problems.0[0];
        assert_eq!(problem.line, Some(4));
        assert_eq!(problem.column, Some(5));
        assert_eq!(
            problem.message,
            "`brand.colours.accent` is `purple`, which is not a colour written as #RRGGBB"
        );
        assert!(
            problem
                .hint
                .as_deref()
                .unwrap()
                .contains("write colours as #RRGGBB")
        );
    }

    #[test]
    fn an_unquoted_hash_colour_is_explained() {
        let config = "brand:\n  colours:\n    primary: #1d4f91\n";
        let problems = check_config(config);
        assert_eq!(problems.len(), 1, "{problems}");
        assert_eq!(problems.0[0].line, Some(3));
        assert_eq!(
            problems.0[0].hint.as_deref(),
            Some("put the colour in quotes: `primary: \"#1d4f91\"`")
        );
    }

    #[test]
    fn a_two_colour_focus_ring_passes_when_either_colour_stands_out() {
        // light: the dark edge stands out on white; dark: the yellow ring does
        let problems = check_config("brand:\n  colours:\n    focus: \"#ffdd00\"\n");
        assert!(problems.is_empty(), "{problems}");
        let problems = check_config(
            "brand:\n  colours:\n    focus: \"#ffffff\"\n    focus_text: \"#eeeeee\"\n",
        );
        let ring = problems
            .iter()
            .find(|p| p.message.contains("the focus indicator"))
            .unwrap_or_else(|| panic!("{problems}"));
        assert!(
            ring.message
                .contains("(and `brand.colours.focus_text` #eeeeee on it is 1.16:1)"),
            "{ring}"
        );
    }

    #[test]
    fn a_theme_palette_missing_a_colour_is_reported_at_the_palette() {
        let brand = Brand::default();
        let mut theme = theme();
        theme.dark.focus_text = None;
        let problems = check(&ColourSources {
            brand: &brand,
            settings_file: &YamlFile::default(),
            theme: &theme,
            palette_file: Some(&palette_file("themes/my-brand/palette.yaml")),
        });
        assert_eq!(problems.len(), 1, "{problems}");
        assert_eq!(
            problems.0[0].message,
            "the theme's palette has no `focus_text` colour for dark mode"
        );
    }
}
