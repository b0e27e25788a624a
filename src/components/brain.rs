//! `brain`: a side view of the brain with the prefrontal cortex, hippocampus
//! and amygdala marked, and each area's explanation.
//!
//! The drawing marks each area with its number and nickname; the
//! explanations are HTML sections below it, complete without JavaScript and
//! in print. `components/brain.js` turns the sections into tabs so a reader can
//! select an area (on the tabs or on the drawing) and read about it.

use serde::{Deserialize, Serialize};

use super::svg::{Figure, FigureData, and_list, num, point, text_width};
use super::{Component, ComponentContext};
use crate::html::visible_text;

pub struct Brain;

/// The areas the drawing knows, as an author names them.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    PrefrontalCortex,
    Hippocampus,
    Amygdala,
}

impl Area {
    fn key(self) -> &'static str {
        match self {
            Area::PrefrontalCortex => "prefrontal-cortex",
            Area::Hippocampus => "hippocampus",
            Area::Amygdala => "amygdala",
        }
    }

    /// Where the area's label sits (top-left corner of its tag) and the
    /// point on the area its leader line ends at.
    fn label_at(self) -> ((f64, f64), (f64, f64)) {
        match self {
            Area::PrefrontalCortex => ((8.0, 8.0), (146.0, 150.0)),
            Area::Hippocampus => ((120.0, 352.0), (326.0, 262.0)),
            Area::Amygdala => ((8.0, 300.0), (234.0, 258.0)),
        }
    }

    /// The area's outline on the drawing.
    fn shape(self) -> &'static str {
        match self {
            // Clipped to the brain's outline, so only its back edge is drawn here.
            Area::PrefrontalCortex => "M0,0 L228,0 C250,90 240,170 214,232 L0,320Z",
            Area::Hippocampus => {
                "M256,256 C298,264 342,252 370,226 C378,218 384,210 390,204 C400,210 402,222 394,232 C366,264 308,282 258,274 C248,272 248,260 256,256Z"
            }
            Area::Amygdala => {
                "M222,262 C219,248 238,241 252,247 C262,253 259,267 246,270 C235,273 225,269 222,262Z"
            }
        }
    }
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    caption: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    intro: Option<String>,
    regions: Vec<Region>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    id: Area,
    name: String,
    nickname: String,
    text: String,
}

#[derive(Serialize)]
pub struct View {
    #[serde(flatten)]
    figure: Figure,
    clip_id: String,
    intro: Option<String>,
    /// The drawing's accessible name.
    title: String,
    regions: Vec<RegionView>,
}

#[derive(Serialize)]
pub struct RegionView {
    key: &'static str,
    number: usize,
    id: String,
    heading_id: String,
    name: String,
    nickname: String,
    text: String,
    shape: &'static str,
    clipped: bool,
    /// The tag: its box, the number's circle and the nickname's baseline.
    tag_x: String,
    tag_y: String,
    tag_width: String,
    number_x: String,
    number_cy: String,
    number_y: String,
    nickname_x: String,
    /// Leader line from the tag to the area.
    leader: String,
}

/// Size of the tags' text, in the drawing's units (about 12 px on a 320 px screen).
const TAG_TEXT: f64 = 22.0;
const TAG_HEIGHT: f64 = 40.0;

impl Component for Brain {
    const NAME: &'static str = "brain";
    type Data = Data;
    type View = View;

    fn prepare(data: Data, ctx: &mut ComponentContext<'_, '_>) -> Result<View, String> {
        if data.regions.is_empty() {
            return Err("list at least one of the areas under `regions`".into());
        }
        for (index, region) in data.regions.iter().enumerate() {
            if data.regions[..index].iter().any(|r| r.id == region.id) {
                return Err(format!(
                    "the area `{}` is listed twice under `regions`",
                    region.id.key()
                ));
            }
            if region.text.trim().is_empty() {
                return Err(format!(
                    "the area `{}` has an empty `text`",
                    region.id.key()
                ));
            }
        }
        let figure = Figure::new(
            ctx,
            "brain",
            FigureData {
                id: data.id.as_deref(),
                caption: data.caption.as_deref(),
                source: data.source.as_deref(),
            },
            ctx.word("brain_title"),
            true,
        );
        let dir = ctx.direction();
        let mut names = Vec::new();
        let regions: Vec<RegionView> = data
            .regions
            .iter()
            .enumerate()
            .map(|(index, region)| {
                let key = region.id.key();
                let name = ctx.inline(&region.name);
                let nickname = ctx.inline(&region.nickname);
                names.push(format!(
                    "{} {} ({})",
                    index + 1,
                    visible_text(&name),
                    visible_text(&nickname)
                ));
                let ((x, y), (to_x, to_y)) = region.id.label_at();
                let nickname_plain = visible_text(&nickname);
                let width = 48.0 + text_width(&nickname_plain, TAG_TEXT, true) + 18.0;
                // the number leads the tag: at its right end right to left,
                // the nickname running from it (the brain itself is not mirrored)
                let number_x = x + dir.x(20.0, width);
                let nickname_x = x + dir.x(46.0, width);
                let (from_x, from_y) = (number_x, y + TAG_HEIGHT / 2.0);
                RegionView {
                    key,
                    number: index + 1,
                    id: figure.part_id(ctx, key),
                    heading_id: figure.part_id(ctx, &format!("{key}-heading")),
                    text: ctx.markdown(&region.text),
                    name,
                    nickname: nickname_plain,
                    shape: region.id.shape(),
                    clipped: region.id == Area::PrefrontalCortex,
                    tag_x: num(x),
                    tag_y: num(y),
                    tag_width: num(width),
                    number_x: num(number_x),
                    number_cy: num(y + TAG_HEIGHT / 2.0),
                    number_y: num(y + 27.5),
                    nickname_x: num(nickname_x),
                    leader: format!("M{} L{}", point(from_x, from_y), point(to_x, to_y)),
                }
            })
            .collect();
        Ok(View {
            clip_id: figure.part_id(ctx, "outline"),
            title: ctx
                .word("brain_drawing")
                .replace("{areas}", &and_list(&names, &ctx.word("list_and"))),
            intro: data.intro.as_deref().map(|intro| ctx.markdown(intro)),
            regions,
            figure,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, FILE};
    use crate::parse::Mode;

    const BRAIN: &str = "Intro.

```brain
caption: How trauma affects the brain
regions:
  - id: prefrontal-cortex
    name: The Prefrontal Cortex
    nickname: watchtower
    text: The brain's 'watchtower'.
  - id: hippocampus
    name: The Hippocampus
    nickname: librarian
    text: |
      The brain's 'librarian'.

      A second paragraph.
  - id: amygdala
    name: The Amygdala
    nickname: fear centre
    text: Like a *smoke alarm*.
```
";

    #[test]
    fn draws_the_three_areas_with_their_explanations() {
        insta::assert_snapshot!(testing::html(BRAIN));
    }

    /// Right to left, each tag is led by its number at its right end, its
    /// nickname running leftwards from it (`start` under `direction="rtl"`);
    /// the brain itself is a picture, drawn as it is.
    #[test]
    fn right_to_left_each_tag_is_led_by_its_number_on_the_right() {
        let ltr = testing::html(BRAIN);
        let rtl = testing::html_in("ar", BRAIN);
        assert!(rtl.contains(r#"direction="rtl">"#), "{rtl}");
        let attribute = |html: &str, class: &str, name: &str| -> Vec<f64> {
            html.split(&format!(r#"class="{class}""#))
                .skip(1)
                .map(|rest| {
                    let value = rest.split(&format!(r#" {name}=""#)).nth(1).unwrap();
                    value[..value.find('"').unwrap()].parse().unwrap()
                })
                .collect()
        };
        let tags = |html: &str| -> Vec<(f64, f64, f64, f64)> {
            let xs = attribute(html, "brain__tag-box", "x");
            let widths = attribute(html, "brain__tag-box", "width");
            let numbers = attribute(html, "brain__tag-number-box", "cx");
            let nicknames = attribute(html, "brain__tag-text", "x");
            (0..xs.len())
                .map(|i| (xs[i], widths[i], numbers[i], nicknames[i]))
                .collect()
        };
        let (ltr_tags, rtl_tags) = (tags(&ltr), tags(&rtl));
        assert_eq!(ltr_tags.len(), 3, "{ltr}");
        // numbers written to a tenth
        let near = |a: f64, b: f64| (a - b).abs() < 0.15;
        for ((x, width, number, nickname), rtl_tag) in ltr_tags.into_iter().zip(rtl_tags) {
            assert!(near(number, x + 20.0) && near(nickname, x + 46.0));
            // the same tag, its number and nickname mirrored within it
            let (rtl_x, rtl_width, rtl_number, rtl_nickname) = rtl_tag;
            assert_eq!((rtl_x, rtl_width), (x, width));
            assert!(
                near(rtl_number, x + width - 20.0),
                "{rtl_number} in {x}+{width}"
            );
            assert!(
                near(rtl_nickname, x + width - 46.0),
                "{rtl_nickname} in {x}+{width}"
            );
        }
    }

    #[test]
    fn every_area_is_numbered_and_named_in_the_drawing_s_accessible_name() {
        let html = testing::html(BRAIN);
        assert!(html.contains(
            "Side view of a brain, front to the left, marking 1 The Prefrontal Cortex (watchtower), 2 The Hippocampus (librarian) and 3 The Amygdala (fear centre)."
        ), "{html}");
        assert!(html.contains("role=\"img\""));
    }

    #[test]
    fn ids_carry_the_chapter_prefix_on_the_print_page() {
        let html = testing::render(BRAIN, Mode::Print).html;
        assert!(html.contains("id=\"test--brain-amygdala\""), "{html}");
        assert!(
            html.contains("clip-path=\"url(#test--brain-outline)\""),
            "{html}"
        );
        assert!(!html.contains("test--test--"), "{html}");
    }

    #[test]
    fn an_unknown_area_is_named_at_its_line() {
        let body = "```brain\nregions:\n  - id: cerebellum\n    name: C\n    nickname: n\n    text: t\n```\n";
        let problem = testing::problem(body);
        assert_eq!(problem.file.to_str(), Some(FILE));
        assert_eq!(problem.line, Some(testing::line_of(body, "id: cerebellum")));
        assert!(problem.message.contains("cerebellum"), "{problem}");
        assert!(
            problem
                .hint
                .as_deref()
                .unwrap_or("")
                .contains("hippocampus"),
            "{problem:?}"
        );
    }

    #[test]
    fn a_missing_nickname_is_reported_in_the_chapter() {
        let body = "Text.\n\n```brain\nregions:\n  - id: amygdala\n    name: The Amygdala\n    text: t\n```\n";
        let problem = testing::problem(body);
        assert_eq!(problem.file.to_str(), Some(FILE));
        assert!(problem.message.contains("nickname"), "{problem}");
        let line = problem.line.unwrap_or(0);
        assert!(
            (testing::line_of(body, "- id: amygdala")..=testing::line_of(body, "text: t"))
                .contains(&line),
            "{problem:?}"
        );
    }

    #[test]
    fn an_area_listed_twice_is_refused() {
        let body = "```brain\nregions:\n  - {id: amygdala, name: A, nickname: n, text: t}\n  - {id: amygdala, name: B, nickname: m, text: u}\n```\n";
        let problem = testing::problem(body);
        assert!(problem.message.contains("listed twice"), "{problem}");
        assert_eq!(problem.line, Some(testing::line_of(body, "regions:")));
    }
}
