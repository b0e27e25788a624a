//! The theme's named colours: its `palette.yaml`, with the handbook's brand
//! colours laid over it, written out as CSS custom properties
//! (`--colour-primary`...) that every stylesheet and diagram uses.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::load::settings::{Brand, Colours};

/// Colour name (`primary`, `text_muted`...) → CSS colour, for one mode.
pub type Swatches = BTreeMap<String, String>;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemePalette {
    #[serde(default)]
    pub light: Colours,
    #[serde(default)]
    pub dark: Colours,
}

/// The colours in force for a site: the theme's, overridden by the brand's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Palette {
    pub light: Swatches,
    pub dark: Swatches,
}

impl Palette {
    pub fn new(theme: &ThemePalette, brand: &Brand) -> Palette {
        Palette {
            light: merged(&theme.light, &brand.colours),
            dark: merged(&theme.dark, &brand.dark_colours),
        }
    }

    /// `:root { --colour-…: … }` for light, and the dark values under `prefers-color-scheme`
    /// on screens only: paper always gets the light palette.
    pub fn css(&self) -> String {
        let declarations = |swatches: &Swatches| -> String {
            swatches
                .iter()
                .map(|(name, value)| format!("  --colour-{}: {value};\n", name.replace('_', "-")))
                .collect()
        };
        format!(
            "/* The theme's named colours (the theme's palette.yaml, then brand colours from handbook.yaml) */\n:root {{\n  color-scheme: light dark;\n{}}}\n@media screen and (prefers-color-scheme: dark) {{\n  :root {{\n{}  }}\n}}\n",
            declarations(&self.light),
            declarations(&self.dark)
        )
    }

    /// An icon for browser tabs and bookmarks: the `title`'s first letter or
    /// digit in the light palette's `on_primary` colour on its `primary`.
    pub fn icon(&self, title: &str) -> String {
        let colour = |name: &str, fallback: &str| {
            self.light
                .get(name)
                .cloned()
                .unwrap_or_else(|| fallback.to_string())
        };
        let initial: String = title
            .chars()
            .find(|c| c.is_alphanumeric())
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_default();
        format!(
            concat!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">"#,
                r#"<rect width="64" height="64" rx="12" fill="{}"/>"#,
                r#"<text x="32" y="45" font-family="system-ui, sans-serif" font-size="40" font-weight="700" text-anchor="middle" fill="{}">{}</text>"#,
                "</svg>\n"
            ),
            crate::html::escape(&colour("primary", "#000000")),
            crate::html::escape(&colour("on_primary", "#ffffff")),
            crate::html::escape(&initial)
        )
    }
}

fn merged(base: &Colours, over: &Colours) -> Swatches {
    let mut swatches = swatches(base);
    swatches.extend(swatches_of(over));
    swatches
}

fn swatches(colours: &Colours) -> Swatches {
    swatches_of(colours).collect()
}

fn swatches_of(colours: &Colours) -> impl Iterator<Item = (String, String)> {
    let value = serde_json::to_value(colours).unwrap_or_default();
    let map = value.as_object().cloned().unwrap_or_default();
    map.into_iter()
        .filter_map(|(name, value)| value.as_str().map(|v| (name, v.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brand_colours_replace_only_what_they_set() {
        let theme = ThemePalette {
            light: Colours {
                primary: Some("#111111".into()),
                text: Some("#000000".into()),
                ..Default::default()
            },
            dark: Colours {
                primary: Some("#eeeeee".into()),
                ..Default::default()
            },
        };
        let brand = Brand {
            colours: Colours {
                primary: Some("#005eb8".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let palette = Palette::new(&theme, &brand);
        assert_eq!(palette.light["primary"], "#005eb8");
        assert_eq!(palette.light["text"], "#000000");
        assert_eq!(palette.dark["primary"], "#eeeeee");
        let css = palette.css();
        assert!(css.contains("--colour-primary: #005eb8;"), "{css}");
        // paper always gets the light colours
        assert!(
            css.contains("@media screen and (prefers-color-scheme: dark)"),
            "{css}"
        );
    }

    #[test]
    fn the_heading_comment_does_not_swallow_the_colours() {
        let css = Palette::new(&ThemePalette::default(), &Brand::default()).css();
        let comment_end = css.find("*/").unwrap_or(usize::MAX);
        assert!(comment_end < css.find(":root").unwrap_or(0), "{css}");
        assert_eq!(css.matches("*/").count(), 1, "{css}");
    }
}
