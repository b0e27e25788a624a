//! `vision-wheel`: the shared statement at the centre, and around it one
//! slice per ring (for example People, Workforce, System): the ring's name
//! and statement on an inner band, its segments' full text on the outer one.
//!
//! Every word is drawn, so the wheel needs room: on a narrow screen the
//! stylesheet shows the same content as nested lists instead, and those
//! lists are what screen readers and search always read.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::f64::consts::{PI, TAU};

use serde::{Deserialize, Serialize};

use super::svg::{
    Figure, FigureData, and_list, arc, em_width, num, polar, sector, text_width, width_of_em, wrap,
};
use super::{Component, ComponentContext};
use crate::html::visible_text;

pub struct VisionWheel;

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    caption: Option<String>,
    #[serde(default)]
    source: Option<String>,
    centre: String,
    rings: Vec<Ring>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ring {
    name: String,
    #[serde(default)]
    statement: Option<String>,
    segments: Vec<Segment>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    #[serde(default)]
    title: Option<String>,
    text: String,
}

#[derive(Serialize)]
pub struct View {
    #[serde(flatten)]
    figure: Figure,
    title: String,
    centre: String,
    rings: Vec<RingView>,
    drawing: Drawing,
}

#[derive(Serialize)]
pub struct RingView {
    name: String,
    statement: Option<String>,
    segments: Vec<SegmentView>,
}

#[derive(Serialize)]
pub struct SegmentView {
    title: Option<String>,
    text: String,
}

#[derive(Serialize, Default)]
pub struct Drawing {
    centre_r: String,
    centre: Block,
    bands: Vec<Band>,
    segments: Vec<Slice>,
}

/// A ring's slice of the inner band, with its name and statement curved along it.
#[derive(Serialize)]
pub struct Band {
    ring: usize,
    d: String,
    lines: Vec<CurvedLine>,
}

#[derive(Serialize)]
pub struct CurvedLine {
    id: String,
    d: String,
    text: String,
    name: bool,
}

/// One segment of the outer band with its text.
#[derive(Serialize)]
pub struct Slice {
    ring: usize,
    d: String,
    text: Block,
}

/// Lines of text, each centred on its own `x`.
#[derive(Serialize, Default, Clone)]
pub struct Block {
    size: String,
    lines: Vec<Line>,
}

#[derive(Serialize, Clone)]
pub struct Line {
    x: String,
    y: String,
    text: String,
    bold: bool,
}

const C: f64 = 500.0;
/// Radius of the centre, of the rings' band, and of the whole wheel.
const CENTRE_R: f64 = 172.0;
const BAND_R: f64 = 284.0;
const OUTER_R: f64 = 496.0;
/// Clear space kept between text and the edges of its shape.
const PAD: f64 = 9.0;
/// Distances this close to an edge are decided by the exact (slower) test,
/// so a faster test never moves a line of text.
const TIE: f64 = 1e-6;
/// Line height, in text sizes.
const LINE: f64 = 1.22;
const MAX_RINGS: usize = 6;
const MAX_SEGMENTS: usize = 16;

impl Component for VisionWheel {
    const NAME: &'static str = "vision-wheel";
    type Data = Data;
    type View = View;

    fn prepare(data: Data, ctx: &mut ComponentContext<'_, '_>) -> Result<View, String> {
        if data.rings.is_empty() || data.rings.len() > MAX_RINGS {
            return Err(format!(
                "the wheel has {} `rings`: give it between 1 and {MAX_RINGS}",
                data.rings.len()
            ));
        }
        if let Some(ring) = data.rings.iter().find(|ring| ring.segments.is_empty()) {
            return Err(format!("the ring `{}` has no `segments`", ring.name));
        }
        let total: usize = data.rings.iter().map(|ring| ring.segments.len()).sum();
        if total > MAX_SEGMENTS {
            return Err(format!(
                "the wheel can draw at most {MAX_SEGMENTS} segments in all, and {total} are listed"
            ));
        }
        let figure = Figure::new(
            ctx,
            "vision-wheel",
            FigureData {
                id: data.id.as_deref(),
                caption: data.caption.as_deref(),
                source: data.source.as_deref(),
            },
            ctx.word("vision_wheel_title"),
            true,
        );
        let centre = ctx.inline(&data.centre);
        let rings: Vec<RingView> = data
            .rings
            .iter()
            .map(|ring| RingView {
                name: ctx.inline(&ring.name),
                statement: ring.statement.as_deref().map(|s| ctx.inline(s)),
                segments: ring
                    .segments
                    .iter()
                    .map(|segment| SegmentView {
                        title: segment.title.as_deref().map(|t| ctx.inline(t)),
                        text: ctx.inline(&segment.text),
                    })
                    .collect(),
            })
            .collect();
        let drawing = draw(&centre, &rings, |n| {
            figure.part_id(ctx, &format!("arc-{n}"))
        })?;
        let names: Vec<String> = rings.iter().map(|ring| visible_text(&ring.name)).collect();
        Ok(View {
            title: ctx
                .word("vision_wheel_drawing")
                .replace("{rings}", &and_list(&names, &ctx.word("list_and"))),
            centre,
            rings,
            drawing,
            figure,
        })
    }
}

fn draw(
    centre: &str,
    rings: &[RingView],
    mut new_id: impl FnMut(usize) -> String,
) -> Result<Drawing, String> {
    let mut drawing = Drawing {
        centre_r: num(CENTRE_R),
        centre: remembered(
            ("centre", None, visible_text(centre), 0, 0),
            |(_, _, text, ..)| fit_in_circle(text, CENTRE_R - 2.0 * PAD),
        )
        .ok_or("the `centre` statement is too long to fit the wheel: shorten it")?,
        ..Drawing::default()
    };
    let total: usize = rings.iter().map(|ring| ring.segments.len()).sum();
    let step = TAU / total as f64;
    // The first ring is centred at twelve o'clock.
    let mut angle = -(rings[0].segments.len() as f64) * step / 2.0;
    let mut arcs = 0;
    for (index, ring) in rings.iter().enumerate() {
        let start = angle;
        let end = start + step * ring.segments.len() as f64;
        let name = visible_text(&ring.name);
        let lines = curved_lines(
            &name,
            ring.statement.as_deref().map(visible_text).as_deref(),
            start,
            end,
        )
        .ok_or_else(|| {
            format!("the statement of the ring `{name}` is too long to fit the wheel: shorten it")
        })?;
        drawing.bands.push(Band {
            ring: index + 1,
            d: sector(C, C, CENTRE_R, BAND_R, start, end),
            lines: lines
                .into_iter()
                .map(|(d, text, is_name)| {
                    arcs += 1;
                    CurvedLine {
                        id: new_id(arcs),
                        d,
                        text,
                        name: is_name,
                    }
                })
                .collect(),
        });
        for (number, segment) in ring.segments.iter().enumerate() {
            let from = start + step * number as f64;
            let title = segment.title.as_deref().map(visible_text);
            let key = (
                "segment",
                title,
                visible_text(&segment.text),
                from.to_bits(),
                (from + step).to_bits(),
            );
            let text = remembered(key, |(_, title, text, ..)| {
                fit_in_wedge(title.as_deref(), text, from, from + step)
            })
                .ok_or_else(|| {
                    format!(
                        "segment {} of the ring `{name}` is too long to fit the wheel: shorten it, or move words to the ring's `statement`",
                        number + 1
                    )
                })?;
            drawing.segments.push(Slice {
                ring: index + 1,
                d: sector(C, C, BAND_R, OUTER_R, from, from + step),
                text,
            });
        }
        angle = end;
    }
    Ok(drawing)
}

/// What a fit depends on: the shape, its title and text, and its angles.
type FitKey = (&'static str, Option<String>, String, u64, u64);

/// Fitting text is most of the work of drawing a wheel, and each wheel is
/// drawn twice with the same text, for its page and for the print page, one
/// after the other on the same thread: each thread keeps its latest fits.
fn remembered(key: FitKey, fit: impl FnOnce(&FitKey) -> Option<Block>) -> Option<Block> {
    const KEEP: usize = 2 * MAX_SEGMENTS;
    thread_local! {
        static LATEST: RefCell<VecDeque<(FitKey, Option<Block>)>> = const { RefCell::new(VecDeque::new()) };
    }
    if let Some(block) = LATEST.with_borrow(|latest| {
        latest
            .iter()
            .find(|(known, _)| *known == key)
            .map(|(_, block)| block.clone())
    }) {
        return block;
    }
    let block = fit(&key);
    LATEST.with_borrow_mut(|latest| {
        if latest.len() == KEEP {
            latest.pop_front();
        }
        latest.push_back((key, block.clone()));
    });
    block
}

/// The largest text size at which `text` fits the circle of `radius`.
fn fit_in_circle(text: &str, radius: f64) -> Option<Block> {
    // Squares instead of a square root per point; near-ties take the root.
    let row = |y: f64| {
        let dy = y - C;
        let dy2 = dy * dy;
        move |x: f64| {
            let dx = x - C;
            let d2 = dx * dx + dy2;
            let slack = radius - d2.sqrt();
            if (d2 - radius * radius).abs() < TIE {
                return (dx.hypot(dy) <= radius, slack);
            }
            (d2 <= radius * radius, slack)
        }
    };
    let bounds = (C - radius, C - radius, C + radius, C + radius);
    flow(&[(text, true)], 14..=21, bounds, (C, C), row)
}
/// The ring's name (bold) and statement along arcs of the band, upright
/// whichever half of the wheel the ring is on. Returns (path, text, is the name).
fn curved_lines(
    name: &str,
    statement: Option<&str>,
    start: f64,
    end: f64,
) -> Option<Vec<(String, String, bool)>> {
    let middle = (start + end) / 2.0;
    let bottom = middle.cos() < 0.0;
    for size in (14..=19).rev().map(f64::from) {
        let line = size * 1.2;
        let name_size = size + 2.0;
        // Wrap for the shortest arc the text may sit on.
        let inner = CENTRE_R + PAD + size;
        let usable = (end - start) * inner - 2.0 * PAD - 16.0;
        let mut lines: Vec<(String, bool)> = vec![(name.to_string(), true)];
        if text_width(name, name_size, true) > usable {
            continue;
        }
        if let Some(statement) = statement {
            lines.extend(
                wrap(statement, usable, size, false)
                    .into_iter()
                    .map(|text| (text, false)),
            );
        }
        if lines
            .iter()
            .any(|(text, _)| text_width(text, size, false) > usable)
        {
            continue;
        }
        let count = lines.len() as f64;
        if count * line + 6.0 > BAND_R - CENTRE_R - 2.0 * PAD {
            continue;
        }
        let mid_r = (CENTRE_R + BAND_R) / 2.0;
        let pad_angle = 10.0 / mid_r;
        return Some(
            lines
                .into_iter()
                .enumerate()
                .map(|(j, (text, is_name))| {
                    let offset = ((count - 1.0) / 2.0 - j as f64) * line;
                    let r = if bottom {
                        mid_r - offset + 0.35 * size
                    } else {
                        mid_r + offset - 0.35 * size
                    };
                    let d = arc(C, C, r, start + pad_angle, end - pad_angle, bottom);
                    (d, text, is_name)
                })
                .collect(),
        );
    }
    None
}

/// The largest text size at which the segment's title (bold) and text fit
/// inside its wedge of the outer band.
fn fit_in_wedge(title: Option<&str>, text: &str, start: f64, end: f64) -> Option<Block> {
    let middle = (start + end) / 2.0;
    let half = (end - start) / 2.0;
    // The point's distance from the wedge's straight sides, and from its arcs.
    let by_angle = |dx: f64, dy: f64| {
        let r = dx.hypot(dy);
        let mut off = dx.atan2(-dy) - middle;
        while off > PI {
            off -= TAU;
        }
        while off < -PI {
            off += TAU;
        }
        let side = r * (half - off.abs()).sin();
        off.abs() <= half && side >= PAD && (BAND_R + PAD..=OUTER_R - PAD).contains(&r)
    };
    // `flow` asks this of millions of points: the same test without
    // trigonometry per point. With `off` the point's angle from the wedge's
    // middle, `along` is r·cos(off) and `across` r·sin(off), so the distance
    // from the nearer side, r·sin(half − |off|), is
    // along·sin(half) − |across|·cos(half), at least PAD only inside the wedge
    // (half is at most π). Near-ties go to `by_angle`, so rounding cannot move
    // a line of text.
    let (middle_x, middle_y) = (middle.sin(), -middle.cos());
    let (half_sin, half_cos) = half.sin_cos();
    let (near, far) = ((BAND_R + PAD).powi(2), (OUTER_R - PAD).powi(2));
    let by_angle = &by_angle;
    let row = |y: f64| {
        let dy = y - C;
        let (dy2, dy_middle_y, middle_x_dy) = (dy * dy, dy * middle_y, middle_x * dy);
        move |x: f64| {
            let dx = x - C;
            let r2 = dx * dx + dy2;
            let along = dx * middle_x + dy_middle_y;
            let across = middle_x_dy - middle_y * dx;
            let side = along * half_sin - across.abs() * half_cos;
            let r = r2.sqrt();
            let slack = (side - PAD).min(r - (BAND_R + PAD)).min(OUTER_R - PAD - r);
            if (side - PAD).abs() < TIE || (r2 - near).abs() < TIE || (r2 - far).abs() < TIE {
                return (by_angle(dx, dy), slack);
            }
            (side >= PAD && (near..=far).contains(&r2), slack)
        }
    };
    let corners = [
        polar(C, C, BAND_R, start),
        polar(C, C, BAND_R, end),
        polar(C, C, OUTER_R, start),
        polar(C, C, OUTER_R, end),
        polar(C, C, OUTER_R, middle),
    ];
    let bounds = corners.iter().fold(
        (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
        |(x0, y0, x1, y1), &(x, y)| (x0.min(x), y0.min(y), x1.max(x), y1.max(y)),
    );
    let aim = polar(C, C, (BAND_R + OUTER_R) / 2.0, middle);
    let mut paragraphs = Vec::new();
    if let Some(title) = title {
        paragraphs.push((title, true));
    }
    paragraphs.push((text, false));
    flow(&paragraphs, 13..=21, bounds, aim, row)
}

/// Lays `paragraphs` (text, bold) out line by line inside a shape, each line
/// as wide as the shape allows where it falls, at the largest of `sizes` that
/// fits; of the placements that fit, the one centred nearest `aim`. `bounds`
/// is the shape's box (left, top, right, bottom).
///
/// `row(y)` is the test of the points of the row at height `y` (what depends
/// on `y` alone is worked out once per row): for `x`, whether the point is
/// inside the shape, and its distance from the shape's edge (its slack,
/// negative outside), which changes by at most the step from one sampled
/// point to the next. So a point deep inside or far outside tells the
/// answer for the points after it without testing them.
fn flow<Row: Fn(f64) -> (bool, f64)>(
    paragraphs: &[(&str, bool)],
    sizes: std::ops::RangeInclusive<u8>,
    bounds: (f64, f64, f64, f64),
    aim: (f64, f64),
    row: impl Fn(f64) -> Row,
) -> Option<Block> {
    let (left, top, right, bottom) = bounds;
    // The widest run of the shape across the strip from `y0` to `y1`.
    let span = |y0: f64, y1: f64| -> Option<(f64, f64)> {
        widest_run(&[row(y0), row(y1), row((y0 + y1) / 2.0)], left, right)
    };
    for size in sizes.rev().map(f64::from) {
        let line = size * LINE;
        let mut chosen: Option<(f64, Vec<Placed>)> = None;
        let mut first = top + size;
        while first < bottom {
            // A block is centred at or below its first line, so once that
            // is further below the aim than the best so far, so is every
            // block that starts lower.
            if chosen
                .as_ref()
                .is_some_and(|(best, _)| first - size * 0.35 - aim.1 >= *best)
            {
                break;
            }
            if let Some(placed) = fill(paragraphs, size, first, line, &span) {
                let lines = placed.len() as f64;
                let middle_y = first - size * 0.35 + (lines - 1.0) * line / 2.0;
                let distance = (middle_y - aim.1).abs();
                if chosen.as_ref().is_none_or(|(best, _)| distance < *best) {
                    chosen = Some((distance, placed));
                }
            }
            first += 4.0;
        }
        if let Some((_, placed)) = chosen {
            return Some(Block {
                size: num(size),
                lines: placed
                    .into_iter()
                    .map(|p| Line {
                        x: num(p.x),
                        y: num(p.y),
                        text: p.text,
                        bold: p.bold,
                    })
                    .collect(),
            });
        }
    }
    None
}

/// The widest run, from `left` to `right`, of the points inside all of
/// `rows` (sampled every 3 units), as (from, to).
fn widest_run<Row: Fn(f64) -> (bool, f64)>(
    rows: &[Row; 3],
    left: f64,
    right: f64,
) -> Option<(f64, f64)> {
    // Inside all three rows, with the least slack; or outside one, with its slack.
    let test = |x: f64| {
        let mut least = f64::MAX;
        for row in rows {
            let (inside, slack) = row(x);
            if !inside {
                return (false, -slack);
            }
            least = least.min(slack);
        }
        (true, least)
    };
    let mut best: Option<(f64, f64)> = None;
    let mut run: Option<f64> = None;
    let mut x = left;
    while x <= right + 3.0 {
        let mut ahead = 0;
        let fits = x <= right && {
            let (answer, slack) = test(x);
            // A margin far above rounding, and a step a hair longer than
            // 3 for the rounding of `x += 3.0`.
            let vouched = (slack - 1e-3) / 3.000_001;
            if vouched >= 1.0 {
                ahead = vouched as usize;
            }
            answer
        };
        match (fits, run) {
            (true, None) => run = Some(x),
            (false, Some(from)) => {
                if best.is_none_or(|(a, b)| x - 3.0 - from > b - a) {
                    best = Some((from, x - 3.0));
                }
                run = None;
            }
            _ => {}
        }
        x += 3.0;
        // The points the slack vouches for have the same answer, which
        // changes nothing: only `x` moves on, by the same additions.
        while ahead > 0 && x <= right {
            x += 3.0;
            ahead -= 1;
        }
    }
    best
}

/// Fills lines from the baseline `first` down, each to the width `span`
/// gives at its height; `None` when the words run out of room.
fn fill(
    paragraphs: &[(&str, bool)],
    size: f64,
    first: f64,
    line: f64,
    span: &impl Fn(f64, f64) -> Option<(f64, f64)>,
) -> Option<Vec<Placed>> {
    let mut lines = Vec::new();
    let mut y = first;
    for &(text, bold) in paragraphs {
        let mut words = text.split_whitespace().peekable();
        while words.peek().is_some() {
            let (a, b) = span(y - size * 0.8, y + size * 0.25)?;
            let mut current = String::new();
            // The line's width in em, measured a word at a time.
            let mut em = 0.0;
            while let Some(word) = words.peek() {
                let with_word = if current.is_empty() {
                    em_width(word, 0.0)
                } else {
                    em_width(word, em_width(" ", em))
                };
                if width_of_em(with_word, size, bold) > b - a {
                    break;
                }
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(word);
                em = with_word;
                words.next();
            }
            if current.is_empty() {
                return None;
            }
            lines.push(Placed {
                x: (a + b) / 2.0,
                y,
                text: current,
                bold,
            });
            y += line;
        }
    }
    Some(lines)
}

/// A line of a block being tried: its numbers become text only for the block chosen.
struct Placed {
    x: f64,
    y: f64,
    text: String,
    bold: bool,
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, FILE};

    const WHEEL: &str = "```vision-wheel
centre: Together we are building a trauma-informed workforce.
rings:
  - name: People
    statement: People are resilient and receive compassionate, empowering support
    segments:
      - text: People have trusting and safe relationships built through consistent and compassionate interactions.
      - title: People feel safe and secure
        text: and receive trauma specific interventions when needed
  - name: Workforce
    segments:
      - text: Leadership and management that activate, nurture, and sustain trauma-informed approaches
  - name: System
    statement: The compassionate system
    segments:
      - text: Work environments are designed to create safe, nurturing spaces
```
";

    #[test]
    fn draws_the_centre_the_rings_and_every_segment() {
        insta::assert_snapshot!(testing::html(WHEEL));
    }

    /// A wheel in Arabic, with a number and a Latin name inside its text.
    const ARABIC_WHEEL: &str = "```vision-wheel
caption: رؤيتنا المشتركة
centre: مركز يشعر فيه الجميع بالترحيب والأمان منذ عام 2019.
rings:
  - name: الناس
    statement: يشعر الناس بأن هناك من يستمع إليهم
    segments:
      - text: يُستقبل الزوار بأسمائهم
      - text: يعمل فريق NHS معنا كل أسبوع
  - name: المتطوعون
    segments:
      - text: لكل متطوع جديد مرشد
```
";

    /// Right to left, the drawing runs right to left (its text is laid out
    /// by the browser from the `direction`, numbers and Latin words kept in
    /// their own order within it); the wheel has no side, so nothing moves.
    #[test]
    fn draws_right_to_left_in_an_arabic_translation() {
        let html = testing::html_in("ar", ARABIC_WHEEL);
        assert!(
            html.contains(r#"focusable="false" direction="rtl">"#),
            "{html}"
        );
        insta::assert_snapshot!(html);
        let english = testing::html(WHEEL);
        assert!(english.contains(r#"direction="ltr">"#), "{english}");
    }

    #[test]
    fn every_word_is_in_the_text_form() {
        let html = testing::html(WHEEL);
        let text_form = &html[html.find("vision-wheel__text").unwrap_or(0)..];
        for text in [
            "Together we are building a trauma-informed workforce.",
            "People are resilient and receive compassionate, empowering support",
            "built through consistent and compassionate interactions.",
            "<strong>People feel safe and secure</strong>",
            "Workforce",
        ] {
            assert!(text_form.contains(text), "{text} is missing");
        }
    }

    #[test]
    fn a_segment_too_long_to_draw_is_refused() {
        let long = "word ".repeat(400);
        let body = format!(
            "```vision-wheel\ncentre: C\nrings:\n  - name: P\n    segments:\n      - text: {long}\n      - text: b\n      - text: c\n```\n"
        );
        let problem = testing::problem(&body);
        assert!(
            problem.message.contains("segment 1 of the ring `P`"),
            "{problem}"
        );
        assert_eq!(problem.line, Some(testing::line_of(&body, "centre:")));
    }

    #[test]
    fn a_segment_without_text_is_reported_at_its_line() {
        let body = "```vision-wheel\ncentre: C\nrings:\n  - name: P\n    segments:\n      - title: Only a title\n```\n";
        let problem = testing::problem(body);
        assert_eq!(problem.file.to_str(), Some(FILE));
        assert!(problem.message.contains("text"), "{problem}");
        assert_eq!(problem.line, Some(testing::line_of(body, "- title: Only")));
    }

    #[test]
    fn an_unknown_key_in_a_ring_suggests_the_right_one() {
        let body = "```vision-wheel\ncentre: C\nrings:\n  - name: P\n    statment: S\n    segments: [{text: a}]\n```\n";
        let problem = testing::problem(body);
        assert_eq!(problem.line, Some(testing::line_of(body, "statment")));
        assert_eq!(
            problem.hint.as_deref(),
            Some("did you mean `statement`?"),
            "{problem:?}"
        );
    }
}
