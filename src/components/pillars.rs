//! `pillars`: a row of numbered pillars under a roof, each with a short
//! label on the drawing, and each pillar's name and points as text below.

use serde::{Deserialize, Serialize};

use super::svg::{Figure, FigureData, num, point, text_width, wrap};
use super::{Component, ComponentContext, Direction};
use crate::html::visible_text;

pub struct Pillars;

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
    roof: Option<String>,
    #[serde(default)]
    intro: Option<String>,
    pillars: Vec<Pillar>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pillar {
    name: String,
    #[serde(default)]
    label: Option<String>,
    points: Vec<String>,
}

#[derive(Serialize)]
pub struct View {
    #[serde(flatten)]
    figure: Figure,
    intro: Option<String>,
    title: String,
    pillars: Vec<PillarView>,
    drawing: Drawing,
}

#[derive(Serialize)]
pub struct PillarView {
    number: usize,
    heading_id: String,
    name: String,
    /// The short label, when it differs from the name.
    label: Option<String>,
    points: Vec<String>,
}

#[derive(Serialize, Default)]
pub struct Drawing {
    height: String,
    roof: String,
    roof_text: Vec<Line>,
    beam: Rect,
    steps: Vec<Rect>,
    columns: Vec<Column>,
}

#[derive(Serialize, Default)]
pub struct Rect {
    x: String,
    y: String,
    width: String,
    height: String,
}

#[derive(Serialize)]
pub struct Line {
    x: String,
    y: String,
    text: String,
}

#[derive(Serialize)]
pub struct Column {
    capital: Rect,
    shaft: Rect,
    base: Rect,
    number: usize,
    number_x: String,
    number_y: String,
    /// The label runs up the shaft: rotated about (`x`, `y`).
    label_transform: String,
    label: Vec<Line>,
}

const WIDTH: f64 = 800.0;
const LABEL_TEXT: f64 = 18.0;
const ROOF_TEXT: f64 = 24.0;
const MAX_PILLARS: usize = 12;

impl Component for Pillars {
    const NAME: &'static str = "pillars";
    type Data = Data;
    type View = View;

    fn prepare(data: Data, ctx: &mut ComponentContext<'_, '_>) -> Result<View, String> {
        if data.pillars.is_empty() || data.pillars.len() > MAX_PILLARS {
            return Err(format!(
                "{} `pillars` are listed: the drawing holds between 1 and {MAX_PILLARS}",
                data.pillars.len()
            ));
        }
        let count = data.pillars.len();
        let figure = Figure::new(
            ctx,
            "pillars",
            FigureData {
                id: data.id.as_deref(),
                caption: data.caption.as_deref(),
                source: data.source.as_deref(),
            },
            ctx.counted("pillars_title", count),
            true,
        );
        let roof = data.roof.as_deref().map(|roof| ctx.inline(roof));
        let mut labels = Vec::new();
        let pillars: Vec<PillarView> = data
            .pillars
            .iter()
            .enumerate()
            .map(|(index, pillar)| {
                let name = ctx.inline(&pillar.name);
                let label = pillar.label.as_deref().map(|label| ctx.inline(label));
                labels.push(visible_text(label.as_deref().unwrap_or(&name)));
                PillarView {
                    number: index + 1,
                    heading_id: figure.part_id(ctx, &(index + 1).to_string()),
                    label: label.filter(|label| visible_text(label) != visible_text(&name)),
                    name,
                    points: pillar
                        .points
                        .iter()
                        .map(|point| ctx.inline(point))
                        .collect(),
                }
            })
            .collect();
        let drawing = draw(
            roof.as_deref().map(visible_text).as_deref(),
            &labels,
            ctx.direction(),
        )?;
        Ok(View {
            title: capitalised(&match roof.as_deref() {
                Some(roof) => ctx
                    .counted("pillars_drawing_roof", count)
                    .replace("{roof}", &visible_text(roof)),
                None => ctx.counted("pillars_drawing", count),
            }),
            intro: data.intro.as_deref().map(|intro| ctx.markdown(intro)),
            pillars,
            drawing,
            figure,
        })
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn rect(x: f64, y: f64, width: f64, height: f64) -> Rect {
    Rect {
        x: num(x),
        y: num(y),
        width: num(width),
        height: num(height),
    }
}

fn draw(roof: Option<&str>, labels: &[String], dir: Direction) -> Result<Drawing, String> {
    let columns = Columns::for_labels(labels.len());
    let wrapped = labels
        .iter()
        .enumerate()
        .map(|(index, label)| columns.wrap_label(index, label))
        .collect::<Result<Vec<_>, String>>()?;
    // Every label gets the same length of shaft, enough for the longest.
    let label_length = wrapped
        .iter()
        .flat_map(|lines| lines.iter().map(|l| text_width(l, LABEL_TEXT, true)))
        .fold(120.0, f64::max);
    let mut drawing = Drawing::default();
    let eaves = drawing.roof(roof);
    let base_top = drawing.columns(&columns, wrapped, eaves, label_length, dir);
    let steps_top = base_top + 12.0;
    drawing.steps = vec![
        rect(28.0, steps_top, WIDTH - 56.0, 14.0),
        rect(12.0, steps_top + 14.0, WIDTH - 24.0, 14.0),
    ];
    drawing.height = num(steps_top + 28.0 + 8.0);
    Ok(drawing)
}

/// How the pillars stand across the drawing.
struct Columns {
    left: f64,
    /// The width each pillar has, with the space beside it.
    slot: f64,
    shaft_width: f64,
    /// The distance between a label's lines, across the shaft.
    line: f64,
    /// As many lines of label as fit across a shaft.
    max_lines: usize,
}

impl Columns {
    fn for_labels(count: usize) -> Columns {
        let (left, right) = (56.0, WIDTH - 56.0);
        let slot = (right - left) / count as f64;
        let shaft_width = (slot * 0.7).min(90.0);
        let line = LABEL_TEXT * 1.15;
        Columns {
            left,
            slot,
            shaft_width,
            line,
            max_lines: (((shaft_width - 8.0) / line).floor() as usize).max(1),
        }
    }

    /// The lines of the label of pillar `index`: one line when the shaft is
    /// tall enough, else as few as fit across it.
    fn wrap_label(&self, index: usize, label: &str) -> Result<Vec<String>, String> {
        let longest_word = label
            .split_whitespace()
            .map(|word| text_width(word, LABEL_TEXT, true))
            .fold(0.0, f64::max);
        let mut length = longest_word.max(text_width(label, LABEL_TEXT, true).min(320.0));
        let lines = loop {
            let lines = wrap(label, length, LABEL_TEXT, true);
            if lines.len() <= self.max_lines || length > 420.0 {
                break lines;
            }
            length += 20.0;
        };
        if lines.len() > self.max_lines {
            return Err(format!(
                "the label of pillar {} is too long to fit up its pillar: give it a shorter `label`",
                index + 1
            ));
        }
        Ok(lines)
    }
}

impl Drawing {
    /// The roof: a pediment tall enough for its text, and the beam under it;
    /// returns where the eaves are.
    fn roof(&mut self, roof: Option<&str>) -> f64 {
        let roof_lines = roof.map_or_else(Vec::new, |roof| wrap(roof, 420.0, ROOF_TEXT, true));
        let roof_height = 90.0 + roof_lines.len() as f64 * ROOF_TEXT * 1.2;
        let eaves = 8.0 + roof_height;
        self.roof = format!(
            "M{} L{} L{} Z",
            point(16.0, eaves),
            point(WIDTH / 2.0, 8.0),
            point(WIDTH - 16.0, eaves)
        );
        let roof_first = eaves - 16.0 - (roof_lines.len() as f64 - 1.0) * ROOF_TEXT * 1.2;
        self.roof_text = roof_lines
            .into_iter()
            .enumerate()
            .map(|(i, text)| Line {
                x: num(WIDTH / 2.0),
                y: num(roof_first + i as f64 * ROOF_TEXT * 1.2),
                text,
            })
            .collect();
        self.beam = rect(28.0, eaves, WIDTH - 56.0, 26.0);
        eaves
    }

    /// The columns under the beam: capital, shaft with the number at its head
    /// and the label up it, base, in reading order (from the right, right to
    /// left); returns where the bases are.
    fn columns(
        &mut self,
        columns: &Columns,
        labels: Vec<Vec<String>>,
        eaves: f64,
        label_length: f64,
        dir: Direction,
    ) -> f64 {
        let Columns {
            left,
            slot,
            shaft_width,
            line,
            ..
        } = *columns;
        let capital_top = eaves + 26.0;
        let shaft_top = capital_top + 14.0;
        let shaft_height = 66.0 + label_length + 18.0;
        let base_top = shaft_top + shaft_height;
        for (index, lines) in labels.into_iter().enumerate() {
            // right to left, the first pillar stands on the right
            let centre = dir.x(left + slot * (index as f64 + 0.5), WIDTH);
            let number_y = shaft_top + 32.0;
            // Rotated a quarter turn anticlockwise, the label reads upwards
            // from the shaft's foot; right to left, the mirror of that: a
            // quarter turn clockwise, the text starting at the foot and
            // running (leftwards as it reads) up the shaft.
            let (pivot_x, pivot_y) = (centre, base_top - 14.0);
            let turn = match dir {
                Direction::Ltr => -90,
                Direction::Rtl => 90,
            };
            let lines_height = (lines.len() as f64 - 1.0) * line;
            self.columns.push(Column {
                capital: rect(
                    centre - shaft_width / 2.0 - 7.0,
                    capital_top,
                    shaft_width + 14.0,
                    14.0,
                ),
                shaft: rect(
                    centre - shaft_width / 2.0,
                    shaft_top,
                    shaft_width,
                    shaft_height,
                ),
                base: rect(
                    centre - shaft_width / 2.0 - 7.0,
                    base_top,
                    shaft_width + 14.0,
                    12.0,
                ),
                number: index + 1,
                number_x: num(centre),
                number_y: num(number_y),
                label_transform: format!("rotate({turn} {})", point(pivot_x, pivot_y)),
                label: lines
                    .into_iter()
                    .enumerate()
                    .map(|(i, text)| Line {
                        x: num(pivot_x),
                        // Baselines across the shaft, centred on its axis.
                        y: num(pivot_y - lines_height / 2.0 + i as f64 * line + LABEL_TEXT * 0.35),
                        text,
                    })
                    .collect(),
            });
        }
        base_top
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, FILE};

    const PILLARS: &str = "```pillars
caption: Ten pillars of a trauma-informed system
roof: A trauma-informed system
pillars:
  - name: Safe and collaborative physical environment
    label: Physical Environment
    points:
      - Organisations ensure that the physical environment promotes a sense of safety.
  - name: Trauma-informed governance and leadership
    label: Governance and Leadership
    points:
      - Leaders invest in trauma-informed approaches.
      - A designated point of responsibility.
  - name: Resourcing
    points:
      - Funding structures support trauma-informed approaches.
```
";

    #[test]
    fn draws_numbered_pillars_under_the_roof_and_lists_their_points() {
        insta::assert_snapshot!(testing::html(PILLARS));
    }

    /// Right to left, the first pillar stands on the right and the labels
    /// are the mirror of left to right's: turned clockwise, not anticlockwise.
    #[test]
    fn right_to_left_the_pillars_are_numbered_from_the_right() {
        let ltr = testing::html(PILLARS);
        let rtl = testing::html_in("ar", PILLARS);
        assert!(rtl.contains(r#"direction="rtl">"#), "{rtl}");
        let numbers = |html: &str| -> Vec<(f64, String)> {
            html.match_indices(r#"<text class="pillars__number" x=""#)
                .map(|(at, found)| {
                    let rest = &html[at + found.len()..];
                    let x = rest[..rest.find('"').unwrap()].parse().unwrap();
                    let text = &rest[rest.find('>').unwrap() + 1..rest.find("</text>").unwrap()];
                    (x, text.to_string())
                })
                .collect()
        };
        let (ltr_numbers, rtl_numbers) = (numbers(&ltr), numbers(&rtl));
        assert!(ltr_numbers.len() > 2, "{ltr}");
        assert!(ltr_numbers.windows(2).all(|pair| pair[0].0 < pair[1].0));
        assert!(rtl_numbers.windows(2).all(|pair| pair[0].0 > pair[1].0));
        for ((x, n), (mirrored_x, same_n)) in ltr_numbers.iter().zip(&rtl_numbers) {
            // in tenths, as written
            let tenths = |x: f64| (x * 10.0).round() as i64;
            assert_eq!((tenths(800.0 - x), n), (tenths(*mirrored_x), same_n));
        }
        assert!(ltr.contains(r#"transform="rotate(-90 "#) && !ltr.contains("rotate(90 "));
        assert!(rtl.contains(r#"transform="rotate(90 "#) && !rtl.contains("rotate(-90 "));
    }

    #[test]
    fn the_label_is_shown_only_when_it_differs_from_the_name() {
        let html = testing::html(PILLARS);
        assert!(
            html.contains("aria-hidden=\"true\">Physical Environment<"),
            "{html}"
        );
        assert!(!html.contains("aria-hidden=\"true\">Resourcing<"), "{html}");
    }

    #[test]
    fn points_must_be_a_list_of_text() {
        let body = "```pillars\npillars:\n  - name: A\n    points:\n      - {text: x}\n```\n";
        let problem = testing::problem(body);
        assert_eq!(problem.file.to_str(), Some(FILE));
        assert_eq!(problem.line, Some(testing::line_of(body, "- {text: x}")));
    }

    #[test]
    fn a_pillar_without_points_is_reported() {
        let body = "```pillars\npillars:\n  - name: A\n    label: B\n```\n";
        let problem = testing::problem(body);
        assert!(problem.message.contains("points"), "{problem}");
        assert_eq!(problem.file.to_str(), Some(FILE));
    }
}
