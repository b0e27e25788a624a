//! `trauma-tree`: a tree whose roots are the types of trauma, whose trunk
//! holds the core effects (in groups) and whose branches carry the impacts
//! (in groups).
//!
//! The drawing names every root, every trunk group and every branch group,
//! and labels the three parts; the items of each group are in the HTML text
//! beside it, which is also what screen readers and search read.

use serde::{Deserialize, Serialize};

use super::svg::{Figure, FigureData, num, point, wrap};
use super::{Component, ComponentContext, Direction};
use crate::html::visible_text;

pub struct TraumaTree;

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    caption: Option<String>,
    #[serde(default)]
    source: Option<String>,
    roots: Roots,
    trunk: Part,
    branches: Part,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roots {
    title: String,
    items: Vec<String>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    title: String,
    groups: Vec<Group>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    title: String,
    items: Vec<String>,
}

#[derive(Serialize)]
pub struct View {
    #[serde(flatten)]
    figure: Figure,
    title: String,
    height: String,
    /// Text form, in the order the tree grows: roots, trunk, branches.
    roots: TextPart,
    trunk: TextPart,
    branches: TextPart,
    drawing: Drawing,
}

#[derive(Serialize)]
pub struct TextPart {
    title: String,
    heading_id: String,
    groups: Vec<TextGroup>,
}

#[derive(Serialize)]
pub struct TextGroup {
    title: Option<String>,
    items: Vec<String>,
}

/// Everything the template draws, positioned.
#[derive(Serialize, Default)]
pub struct Drawing {
    trunk: String,
    branches: Vec<String>,
    roots: Vec<String>,
    ground: String,
    crowns: Vec<String>,
    labels: Vec<Label>,
    parts: Vec<PartLabel>,
}

/// Wrapped text at a place: its lines all start at `x`.
#[derive(Serialize)]
pub struct Label {
    class: &'static str,
    #[serde(serialize_with = "super::svg::as_num")]
    x: f64,
    lines: Vec<Line>,
}

/// One line of a label: its baseline and text.
#[derive(Serialize)]
pub struct Line {
    y: String,
    text: String,
}

/// A part's name at the left, with a bracket spanning the part.
#[derive(Serialize)]
pub struct PartLabel {
    bracket: String,
    label: Label,
}

const WIDTH: f64 = 800.0;
/// The tree stands right of the parts' labels.
const CENTRE: f64 = 500.0;
const LEFT: f64 = 200.0;
const CROWN_TEXT: f64 = 23.0;
const TRUNK_TEXT: f64 = 19.0;
const ROOT_TEXT: f64 = 18.0;
const MAX_ROOTS: usize = 8;
const MAX_TRUNK_GROUPS: usize = 8;
const MAX_BRANCH_GROUPS: usize = 4;

impl Component for TraumaTree {
    const NAME: &'static str = "trauma-tree";
    type Data = Data;
    type View = View;

    fn prepare(data: Data, ctx: &mut ComponentContext<'_, '_>) -> Result<View, String> {
        check_count("roots", "items", data.roots.items.len(), MAX_ROOTS)?;
        check_count("trunk", "groups", data.trunk.groups.len(), MAX_TRUNK_GROUPS)?;
        check_count(
            "branches",
            "groups",
            data.branches.groups.len(),
            MAX_BRANCH_GROUPS,
        )?;
        let figure = Figure::new(
            ctx,
            "trauma-tree",
            FigureData {
                id: data.id.as_deref(),
                caption: data.caption.as_deref(),
                source: data.source.as_deref(),
            },
            ctx.word("trauma_tree_title"),
            true,
        );
        let roots = TextPart {
            title: ctx.inline(&data.roots.title),
            heading_id: figure.part_id(ctx, "roots"),
            groups: vec![TextGroup {
                title: None,
                items: data
                    .roots
                    .items
                    .iter()
                    .map(|item| ctx.inline(item))
                    .collect(),
            }],
        };
        let trunk_id = figure.part_id(ctx, "trunk");
        let trunk = text_part(&data.trunk, trunk_id, ctx);
        let branches_id = figure.part_id(ctx, "branches");
        let branches = text_part(&data.branches, branches_id, ctx);
        let names = ["branches", "trunk", "roots"].map(|key| ctx.word(key));
        let (drawing, height) = draw(&roots, &trunk, &branches, &names, ctx.direction());
        Ok(View {
            title: ctx
                .word("trauma_tree_drawing")
                .replace("{roots}", &visible_text(&roots.title))
                .replace("{trunk}", &visible_text(&trunk.title))
                .replace("{branches}", &visible_text(&branches.title)),
            height: num(height),
            roots,
            trunk,
            branches,
            drawing,
            figure,
        })
    }
}

fn check_count(part: &str, field: &str, count: usize, max: usize) -> Result<(), String> {
    if count == 0 {
        Err(format!("the tree's `{part}` has no `{field}`"))
    } else if count > max {
        Err(format!(
            "the tree can draw at most {max} {field} in its `{part}`, and {count} are listed"
        ))
    } else {
        Ok(())
    }
}

fn text_part(part: &Part, heading_id: String, ctx: &mut ComponentContext<'_, '_>) -> TextPart {
    TextPart {
        title: ctx.inline(&part.title),
        heading_id,
        groups: part
            .groups
            .iter()
            .map(|group| TextGroup {
                title: Some(ctx.inline(&group.title)),
                items: group.items.iter().map(|item| ctx.inline(item)).collect(),
            })
            .collect(),
    }
}

/// Lays the tree out from the top: crown, trunk, ground, roots. Returns the
/// drawing and its height. Right to left, the parts' names stand right of
/// the tree: the labels are placed mirrored here, and the template mirrors
/// the shapes (`c.dir`).
fn draw(
    roots: &TextPart,
    trunk: &TextPart,
    branches: &TextPart,
    [branches_name, trunk_name, roots_name]: &[String; 3],
    dir: Direction,
) -> (Drawing, f64) {
    let mut drawing = Drawing::default();
    let crown = drawing.crowns(branches);
    let ground = drawing.trunk(trunk, &crown);
    let bottom = drawing.roots(roots, ground);
    let parts = [
        (
            branches_name,
            &branches.title,
            crown.top,
            crown.trunk_top - 20.0,
        ),
        (trunk_name, &trunk.title, crown.trunk_top, ground),
        (roots_name, &roots.title, ground + 10.0, bottom),
    ];
    for (name, title, top, end) in parts {
        drawing.parts.push(part_label(name, title, top, end));
    }
    let labels = drawing.labels.iter_mut();
    for label in labels.chain(drawing.parts.iter_mut().map(|part| &mut part.label)) {
        label.x = dir.x(label.x, WIDTH);
    }
    (drawing, bottom + 12.0)
}

/// Where the crown was drawn: what the trunk and branches are drawn to.
struct Crown {
    top: f64,
    radius: f64,
    /// Each cloud's centre.
    centres: Vec<(f64, f64)>,
    trunk_top: f64,
}

/// The width of the trunk, wide enough for its groups' titles.
const TRUNK_WIDTH: f64 = 236.0;

impl Drawing {
    /// The crown: one cloud of leaves per branch group, along a gentle arch,
    /// neighbouring clouds overlapping a little into one canopy.
    fn crowns(&mut self, branches: &TextPart) -> Crown {
        let crowns = branches.groups.len();
        let span = WIDTH - LEFT - 20.0;
        let radius = (span / crowns as f64 / 2.0 * 1.12).min(124.0);
        let top = 16.0;
        let mut centres = Vec::new();
        for (index, group) in branches.groups.iter().enumerate() {
            let x = LEFT + span * (index as f64 + 0.5) / crowns as f64;
            let offset = (x - CENTRE).abs() / (span / 2.0);
            let y = top + radius + 36.0 * offset * offset;
            centres.push((x, y));
            self.crowns.push(cloud(x, y, radius));
            let title = visible_text(group.title.as_deref().unwrap_or_default());
            self.labels.push(centred(
                "tree__crown-text",
                &title,
                x,
                y,
                radius * 1.3,
                CROWN_TEXT,
                true,
            ));
        }
        Crown {
            top,
            radius,
            centres,
            trunk_top: top + 2.0 * radius + 40.0,
        }
    }

    /// The trunk, tall enough for its groups' titles, and a branch from it to
    /// each cloud; returns where the ground is.
    fn trunk(&mut self, trunk: &TextPart, crown: &Crown) -> f64 {
        let trunk_top = crown.trunk_top;
        let line = TRUNK_TEXT * 1.25;
        let mut y = trunk_top + 28.0;
        for group in &trunk.groups {
            let title = visible_text(group.title.as_deref().unwrap_or_default());
            let lines = wrap(&title, TRUNK_WIDTH - 28.0, TRUNK_TEXT, true);
            let label = centred_lines("tree__trunk-text", &lines, CENTRE, y, line);
            y += lines.len() as f64 * line + 12.0;
            self.labels.push(label);
        }
        let ground = y.max(trunk_top + 160.0) + 8.0;
        let (left, right) = (CENTRE - TRUNK_WIDTH / 2.0, CENTRE + TRUNK_WIDTH / 2.0);
        self.trunk = format!(
            "M{} C{} {} {} L{} C{} {} {} Z",
            point(left - 34.0, ground),
            point(left - 4.0, ground - 24.0),
            point(left, ground - 60.0),
            point(left, trunk_top),
            point(right, trunk_top),
            point(right, ground - 60.0),
            point(right + 4.0, ground - 24.0),
            point(right + 34.0, ground),
        );
        for &(x, y) in &crown.centres {
            let from_x = CENTRE + (x - CENTRE) * 0.35;
            self.branches.push(format!(
                "M{} Q{} {}",
                point(from_x, trunk_top + 30.0),
                point(from_x + (x - from_x) * 0.3, y + crown.radius * 0.6),
                point(x, y + crown.radius * 0.5),
            ));
        }
        self.ground = format!("M{} H{}", point(LEFT - 10.0, ground), num(WIDTH - 10.0));
        ground
    }

    /// The roots, fanned out under the ground, each named under its tip;
    /// returns where the lowest name ends.
    fn roots(&mut self, roots: &TextPart, ground: f64) -> f64 {
        let items = &roots.groups[0].items;
        let count = items.len();
        let slot = (WIDTH - LEFT - 10.0) / count as f64;
        let tip_y = ground + 80.0;
        let mut bottom = tip_y;
        for (index, item) in items.iter().enumerate() {
            let tip_x = LEFT + slot * (index as f64 + 0.5);
            let from_x =
                CENTRE + (index as f64 + 0.5 - count as f64 / 2.0) * (TRUNK_WIDTH / count as f64);
            self.roots.push(format!(
                "M{} C{} {} {}",
                point(from_x, ground - 6.0),
                point(from_x, ground + 40.0),
                point(tip_x, tip_y - 50.0),
                point(tip_x, tip_y),
            ));
            let lines = wrap(&visible_text(item), slot - 8.0, ROOT_TEXT, false);
            let label = centred_lines(
                "tree__root-text",
                &lines,
                tip_x,
                tip_y + 24.0,
                ROOT_TEXT * 1.2,
            );
            bottom = bottom.max(tip_y + 24.0 + lines.len() as f64 * ROOT_TEXT * 1.2);
            self.labels.push(label);
        }
        bottom
    }
}

/// A part's name at the left (`Branches` and its title), with a bracket
/// spanning the part from `top` to `end`.
fn part_label(name: &str, title: &str, top: f64, end: f64) -> PartLabel {
    let mut lines = vec![name.to_uppercase()];
    lines.extend(wrap(&visible_text(title), LEFT - 40.0, 18.0, true));
    let height = lines.len() as f64 * 22.0;
    let first = (top + end) / 2.0 - height / 2.0 + 16.0;
    PartLabel {
        bracket: format!(
            "M{} H{} V{} H{}",
            point(LEFT - 14.0, top + 4.0),
            num(LEFT - 22.0),
            num(end - 4.0),
            num(LEFT - 14.0)
        ),
        label: Label {
            class: "tree__part-text",
            x: LEFT - 30.0,
            lines: lines
                .into_iter()
                .enumerate()
                .map(|(i, text)| Line {
                    y: num(first + i as f64 * 22.0),
                    text,
                })
                .collect(),
        },
    }
}

/// A cloud of leaves: a scalloped circle.
fn cloud(x: f64, y: f64, radius: f64) -> String {
    const BUMPS: usize = 11;
    let mut d = String::new();
    for index in 0..=BUMPS {
        let angle = std::f64::consts::TAU * index as f64 / BUMPS as f64;
        let (px, py) = super::svg::polar(x, y, radius * 0.86, angle);
        if index == 0 {
            d.push_str(&format!("M{}", point(px, py)));
        } else {
            let bump = radius * 0.3;
            d.push_str(&format!(
                " A{},{} 0 0 1 {}",
                num(bump),
                num(bump),
                point(px, py)
            ));
        }
    }
    d.push('Z');
    d
}

/// `text` wrapped to `width` and centred on (`x`, `y`).
fn centred(
    class: &'static str,
    text: &str,
    x: f64,
    y: f64,
    width: f64,
    size: f64,
    bold: bool,
) -> Label {
    let lines = wrap(text, width, size, bold);
    let line = size * 1.2;
    let first = y - (lines.len() as f64 - 1.0) * line / 2.0 + size * 0.35;
    centred_lines(class, &lines, x, first, line)
}

/// `lines` centred on `x`, the first baseline at `first`.
fn centred_lines(class: &'static str, lines: &[String], x: f64, first: f64, line: f64) -> Label {
    Label {
        class,
        x,
        lines: lines
            .iter()
            .enumerate()
            .map(|(i, text)| Line {
                y: num(first + i as f64 * line),
                text: text.clone(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, FILE};

    const TREE: &str = "```trauma-tree
source: Adapted from the *Trauma-Informed Practice Toolkit*
roots:
  title: Types of Trauma
  items:
    - Emotional
    - Physical
    - Cultural, spiritual & racial
trunk:
  title: Core Effects of Trauma
  groups:
    - title: Emotional
      items:
        - Overwhelming emotions
        - Numbing and disconnection
    - title: Cognition and Memory
      items:
        - Hypervigilance to threat
branches:
  title: Impact of Trauma
  groups:
    - title: Mental Health
      items:
        - Self-harm and suicidal behaviour
    - title: Social Impact
      items:
        - Homelessness
```
";

    /// Right to left, the parts' names stand right of the tree: the shapes
    /// are mirrored by the drawing's transform, the labels placed mirrored
    /// (their `end` anchor, under `direction="rtl"`, is then their left).
    #[test]
    fn right_to_left_the_parts_names_stand_right_of_the_tree() {
        let ltr = testing::html(TREE);
        let rtl = testing::html_in("ar", TREE);
        assert!(ltr.contains(r#"direction="ltr">"#), "{ltr}");
        assert!(!ltr.contains("matrix(-1 0 0 1 800 0)"), "{ltr}");
        assert!(rtl.contains(r#"direction="rtl">"#), "{rtl}");
        assert!(
            rtl.contains(r#"<g transform="matrix(-1 0 0 1 800 0)">"#),
            "{rtl}"
        );
        // the part labels: 30 units left of the labels' column at 200, or right of its mirror at 600
        assert!(ltr.contains(r#"<tspan x="170" "#), "{ltr}");
        assert!(rtl.contains(r#"<tspan x="630" "#), "{rtl}");
        assert!(!rtl.contains(r#"<tspan x="170" "#), "{rtl}");
        // every other label mirrored about the middle: x and 800 - x
        // in tenths, as written
        let xs = |html: &str| -> Vec<i64> {
            html.match_indices("<tspan x=\"")
                .map(|(at, found)| {
                    let rest = &html[at + found.len()..];
                    let x: f64 = rest[..rest.find('"').unwrap()].parse().unwrap();
                    (x * 10.0).round() as i64
                })
                .collect()
        };
        let mirrored: Vec<i64> = xs(&ltr).into_iter().map(|x| 8000 - x).collect();
        assert_eq!(xs(&rtl), mirrored);
    }

    #[test]
    fn draws_roots_trunk_and_branches_with_the_full_text() {
        insta::assert_snapshot!(testing::html(TREE));
    }

    #[test]
    fn every_name_and_item_is_in_the_text() {
        let html = testing::html(TREE);
        for text in [
            "Types of Trauma",
            "Cultural, spiritual &amp; racial",
            "Cognition and Memory",
            "Hypervigilance to threat",
            "Social Impact",
            "Homelessness",
        ] {
            assert!(html.contains(text), "{text} is missing");
        }
    }

    #[test]
    fn a_group_without_items_is_reported_at_its_line() {
        let body = "```trauma-tree\nroots: {title: R, items: [a]}\ntrunk:\n  title: T\n  groups:\n    - title: Body\nbranches: {title: B, groups: [{title: G, items: [x]}]}\n```\n";
        let problem = testing::problem(body);
        assert_eq!(problem.file.to_str(), Some(FILE));
        assert!(problem.message.contains("items"), "{problem}");
        let line = problem.line.unwrap_or(0);
        assert!(
            (testing::line_of(body, "- title: Body")..testing::line_of(body, "branches:"))
                .contains(&line),
            "{problem:?}"
        );
    }

    #[test]
    fn items_must_be_a_list() {
        let body = "```trauma-tree\nroots:\n  title: R\n  items: Emotional\ntrunk: {title: T, groups: [{title: G, items: [a]}]}\nbranches: {title: B, groups: [{title: G, items: [x]}]}\n```\n";
        let problem = testing::problem(body);
        assert_eq!(
            problem.line,
            Some(testing::line_of(body, "items: Emotional"))
        );
    }

    #[test]
    fn too_many_branch_groups_are_refused_with_the_limit() {
        let groups = "[{title: A, items: [a]}, {title: B, items: [b]}, {title: C, items: [c]}, {title: D, items: [d]}, {title: E, items: [e]}]";
        let body = format!(
            "```trauma-tree\nroots: {{title: R, items: [a]}}\ntrunk: {{title: T, groups: [{{title: G, items: [a]}}]}}\nbranches: {{title: B, groups: {groups}}}\n```\n"
        );
        let problem = testing::problem(&body);
        assert!(problem.message.contains("at most 4"), "{problem}");
    }
}
