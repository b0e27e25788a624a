//! Drawing helpers shared by the diagram components: plain text for SVG
//! labels, text widths and line wrapping, and numbers written compactly.
//!
//! SVG text does not wrap by itself, so the components wrap it here. Widths
//! are estimated from DejaVu Sans, the widest of the common sans-serif
//! system fonts: text that fits in DejaVu fits in the others.

use std::fmt::Write;

use serde::Serialize;

use super::{ComponentContext, Direction};

/// What every diagram's figure has: its ids, caption and source line.
#[derive(Serialize)]
pub struct Figure {
    pub id: String,
    /// `id` without the print page's chapter prefix, to build the figure's other ids from.
    #[serde(skip)]
    base: String,
    pub caption_id: String,
    /// The drawing's `<title>`, when there is a drawing.
    pub title_id: Option<String>,
    pub caption: String,
    pub source: Option<String>,
    /// The way the chapter's text runs: the drawing's `direction`.
    pub dir: Direction,
}

/// The author's `id`, `caption` and `source` of a figure.
pub struct FigureData<'a> {
    pub id: Option<&'a str>,
    pub caption: Option<&'a str>,
    pub source: Option<&'a str>,
}

impl Figure {
    /// Claims the figure's ids (`name` unless the author gave an `id`) and
    /// renders its caption, or `default_caption` when there is none.
    pub fn new(
        ctx: &mut ComponentContext<'_, '_>,
        name: &str,
        data: FigureData<'_>,
        default_caption: String,
        drawn: bool,
    ) -> Figure {
        let id = ctx.id(data.id.unwrap_or(name));
        let base = id.rsplit("--").next().unwrap_or(&id).to_string();
        Figure {
            caption_id: ctx.id(&format!("{base}-caption")),
            title_id: drawn.then(|| ctx.id(&format!("{base}-title"))),
            caption: data
                .caption
                .map_or(default_caption, |caption| ctx.inline(caption)),
            source: data.source.map(|source| ctx.inline(source)),
            dir: ctx.direction(),
            id,
            base,
        }
    }

    /// A page-unique id for a part of the figure: `<figure id>-<part>`.
    pub fn part_id(&self, ctx: &mut ComponentContext<'_, '_>, part: &str) -> String {
        ctx.id(&format!("{}-{part}", self.base))
    }
}

/// A number for an SVG attribute: at most one decimal, no trailing `.0`.
pub fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

/// Writes a number as [`num`] does, for a view's field kept as a number
/// (`#[serde(serialize_with = "super::svg::as_num")]`).
pub fn as_num<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&num(*value))
}

/// A point written `x,y` for paths and polygons.
pub fn point(x: f64, y: f64) -> String {
    format!("{},{}", num(x), num(y))
}

/// Advance width of `c` in em (DejaVu Sans Book; bold is about 8% wider).
fn char_width(c: char) -> f64 {
    match c {
        ' ' => 0.32,
        'i' | 'j' | 'l' | '\'' | '’' | '‘' | ',' | '.' | ':' | ';' | '!' | '|' => 0.29,
        'f' | 't' | 'r' | 'I' | 'J' | '-' | '(' | ')' | '/' => 0.40,
        'm' | 'M' | 'W' => 0.95,
        'w' | '&' | '%' | '—' => 0.82,
        'A'..='Z' => 0.72,
        'c' | 's' | 'z' | '“' | '”' | '"' => 0.55,
        _ => 0.63,
    }
}

/// Estimated width of `text` at `size` user units.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    width_of_em(em_width(text, 0.0), size, bold)
}

/// The width in em of `text` placed after text `before` em wide: measuring a
/// line a word at a time gives exactly the width of the whole line.
pub fn em_width(text: &str, before: f64) -> f64 {
    text.chars()
        .map(char_width)
        .fold(before, |sum, width| sum + width)
}

/// A width in em at `size` user units.
pub fn width_of_em(em: f64, size: f64, bold: bool) -> f64 {
    em * size * if bold { 1.08 } else { 1.0 }
}

/// Breaks `text` into lines no wider than `max_width`, at spaces. A word
/// wider than the line gets a line of its own.
pub fn wrap(text: &str, max_width: f64, size: f64, bold: bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || text_width(&candidate, size, bold) <= max_width {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// An SVG path of the ring sector between radii `inner` and `outer` from
/// angle `start` to `end` (radians, clockwise from twelve o'clock) around
/// (`cx`, `cy`).
pub fn sector(cx: f64, cy: f64, inner: f64, outer: f64, start: f64, end: f64) -> String {
    // An arc cannot end where it starts: a whole ring is drawn as two halves.
    if end - start > std::f64::consts::PI * 1.99 {
        let middle = (start + end) / 2.0;
        return format!(
            "{} {}",
            sector(cx, cy, inner, outer, start, middle),
            sector(cx, cy, inner, outer, middle, end)
        );
    }
    let large = if end - start > std::f64::consts::PI {
        1
    } else {
        0
    };
    let (ox1, oy1) = polar(cx, cy, outer, start);
    let (ox2, oy2) = polar(cx, cy, outer, end);
    let (ix2, iy2) = polar(cx, cy, inner, end);
    let (ix1, iy1) = polar(cx, cy, inner, start);
    let mut d = String::new();
    let _ = write!(
        d,
        "M{} A{},{} 0 {large} 1 {} L{} A{},{} 0 {large} 0 {}Z",
        point(ox1, oy1),
        num(outer),
        num(outer),
        point(ox2, oy2),
        point(ix2, iy2),
        num(inner),
        num(inner),
        point(ix1, iy1),
    );
    d
}

/// An arc of radius `r` from `start` to `end` (as in [`sector`]); drawn
/// backwards when `reverse`, so text on the lower half of a wheel stands upright.
pub fn arc(cx: f64, cy: f64, r: f64, start: f64, end: f64, reverse: bool) -> String {
    let large = if end - start > std::f64::consts::PI {
        1
    } else {
        0
    };
    let (from, to, sweep) = if reverse {
        (end, start, 0)
    } else {
        (start, end, 1)
    };
    let (x1, y1) = polar(cx, cy, r, from);
    let (x2, y2) = polar(cx, cy, r, to);
    format!(
        "M{} A{},{} 0 {large} {sweep} {}",
        point(x1, y1),
        num(r),
        num(r),
        point(x2, y2)
    )
}

/// The point at radius `r` and `angle` (radians, clockwise from twelve o'clock).
pub fn polar(cx: f64, cy: f64, r: f64, angle: f64) -> (f64, f64) {
    (cx + r * angle.sin(), cy - r * angle.cos())
}

/// "a", "a and b", "a, b and c": `last_two`, the theme's word `list_and`
/// ("{rest} and {last}"), joins the last item to the others.
pub fn and_list(items: &[String], last_two: &str) -> String {
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => last_two
            .replace("{rest}", &rest.join(", "))
            .replace("{last}", last),
        None => String::new(),
    }
}

/// Checks an author-given anchor id: lowercase letters, digits and hyphens,
/// as the heading ids the handbook makes itself.
pub fn check_id(id: &str, what: &str) -> Result<(), String> {
    let valid = !id.is_empty()
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        Ok(())
    } else {
        Err(format!(
            "{what} `id: {id}` is not a usable anchor: use lowercase letters, digits and hyphens, for example `{}`",
            crate::parse::slug::slugify(id)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_compact() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(-0.04), "0");
        assert_eq!(point(1.25, 2.0), "1.3,2");
    }

    #[test]
    fn wrapping_keeps_every_word_and_respects_the_width() {
        let text = "Staff receive adequate induction and regular training to understand trauma";
        let lines = wrap(text, 150.0, 16.0, false);
        assert!(lines.len() > 2, "{lines:?}");
        assert_eq!(lines.join(" "), text);
        for line in &lines {
            assert!(text_width(line, 16.0, false) <= 150.0, "{line}");
        }
    }

    #[test]
    fn a_word_wider_than_the_line_stands_alone() {
        assert_eq!(
            wrap("a incomprehensibilities b", 40.0, 16.0, false),
            ["a", "incomprehensibilities", "b"]
        );
    }

    #[test]
    fn sectors_and_arcs_start_at_twelve_o_clock() {
        let quarter = std::f64::consts::FRAC_PI_2;
        assert_eq!(
            sector(100.0, 100.0, 50.0, 100.0, 0.0, quarter),
            "M100,0 A100,100 0 0 1 200,100 L150,100 A50,50 0 0 0 100,50Z"
        );
        assert_eq!(
            arc(0.0, 0.0, 10.0, 0.0, quarter, true),
            "M10,0 A10,10 0 0 0 0,-10"
        );
    }

    #[test]
    fn a_whole_ring_is_two_halves() {
        let ring = sector(0.0, 0.0, 5.0, 10.0, 0.0, std::f64::consts::TAU);
        assert_eq!(ring.matches('M').count(), 2, "{ring}");
        assert!(ring.contains("0,10"), "{ring}");
    }

    #[test]
    fn anchor_ids_must_be_slugs() {
        assert!(check_id("safety-and-choice", "the principle's").is_ok());
        let error = check_id("Safety and choice", "the principle's").unwrap_err();
        assert!(error.contains("`safety-and-choice`"), "{error}");
    }
}
