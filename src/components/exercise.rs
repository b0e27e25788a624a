//! `exercise`: a self-care exercise in steps. `grounding` sets each step's
//! leading count (5, 4, 3…) large; `breathing` adds a box-breathing guide
//! whose marker moves round the box only when the reader asks for it and
//! their system allows motion.

use serde::{Deserialize, Serialize};

use super::{Component, ComponentContext, Direction, List, Text};

pub struct Exercise;

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    kind: Kind,
    title: Text,
    #[serde(default)]
    intro: Option<Text>,
    steps: List<StepData>,
    /// Block Markdown after the steps: evidence, cautions, where to learn more.
    #[serde(default)]
    notes: Option<Text>,
    #[serde(default)]
    references: Vec<Text>,
    #[serde(default)]
    id: Option<String>,
}

#[derive(Deserialize, Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Grounding,
    Breathing,
    Walking,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepData {
    #[serde(default)]
    title: Option<Text>,
    text: Text,
}

#[derive(Serialize)]
pub struct View {
    id: String,
    title_id: String,
    kind: Kind,
    title: String,
    intro: Option<String>,
    /// Ids for the breathing guide's switch and its drawing's title.
    guide_ids: Option<(String, String)>,
    /// The way the chapter's text runs: the guide's `direction`.
    dir: Direction,
    steps: Vec<Step>,
    notes: Option<String>,
    references: Vec<String>,
}

#[derive(Serialize)]
pub struct Step {
    /// A grounding step's leading number ("5" of "5 things you can see").
    count: Option<String>,
    title: Option<String>,
    text: String,
}

/// "5 things you can see" → ("5", "things you can see").
fn split_count(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &text[digits..];
    (digits > 0 && rest.starts_with(' ')).then(|| (&text[..digits], rest.trim_start()))
}

impl Component for Exercise {
    const NAME: &'static str = "exercise";
    type Data = Data;
    type View = View;

    fn prepare(data: Data, ctx: &mut ComponentContext<'_, '_>) -> Result<View, String> {
        let fallback = crate::parse::slug::slugify(&data.title);
        let id = ctx.anchor(data.id.as_deref(), &fallback)?;
        let steps = data
            .steps
            .into_iter()
            .map(|step| {
                let counted = match data.kind {
                    Kind::Grounding => split_count(&step.text),
                    _ => None,
                };
                let (count, text) = match counted {
                    Some((count, rest)) => (Some(count.to_string()), ctx.inline(rest)),
                    None => (None, ctx.inline(&step.text)),
                };
                Step {
                    count,
                    title: step.title.map(|title| ctx.inline(&title)),
                    text,
                }
            })
            .collect();
        let guide_ids = (data.kind == Kind::Breathing)
            .then(|| (ctx.id_within(&id, "animate"), ctx.id_within(&id, "box")));
        Ok(View {
            title_id: ctx.id_within(&id, "title"),
            guide_ids,
            dir: ctx.direction(),
            id,
            kind: data.kind,
            title: ctx.inline(&data.title),
            intro: data.intro.map(|intro| ctx.markdown(&intro)),
            steps,
            notes: data.notes.map(|notes| ctx.markdown(&notes)),
            references: ctx.inline_list(&data.references),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::split_count;
    use crate::components::testing::{block, html as draw, html_in, problem_at};

    #[test]
    fn grounding_sets_each_count_apart() {
        let html = draw(&block(
            "exercise",
            "\
kind: grounding
title: 5-4-3-2-1 Grounding Technique
intro: Focus on your surroundings.
steps:
  - text: 5 things they can see
  - text: 4 things they can touch
references:
  - \"Böhle, C. (2019). *Clinical Psychology Review*, 69, 15-27.\"
",
        ));
        insta::assert_snapshot!(html);
    }

    #[test]
    fn breathing_draws_the_box_guide() {
        let html = draw(&block(
            "exercise",
            "\
kind: breathing
title: Box breathing
steps:
  - text: \"**Relax** your shoulders.\"
  - text: |
      Start the breathing cycle:

      - Inhale for 4 seconds.
      - Hold for 4 seconds.
notes: Stop if you feel dizzy.
",
        ));
        insta::assert_snapshot!(html);
    }

    /// Right to left, `start` and `end` swap sides: the two "hold" sides'
    /// words keep their anchors on the outside of the box.
    #[test]
    fn right_to_left_the_sides_words_stay_outside_the_box() {
        let yaml = "kind: breathing\ntitle: Box breathing\nsteps:\n  - text: Relax.\n";
        let anchors = |html: &str| -> Vec<(String, String)> {
            html.match_indices(r#"<text class="breath-box__text" x=""#)
                .map(|(at, found)| {
                    let rest = &html[at + found.len()..];
                    let x = rest[..rest.find('"').unwrap()].to_string();
                    let anchor = rest.split("text-anchor=\"").nth(1).unwrap();
                    (x, anchor[..anchor.find('"').unwrap()].to_string())
                })
                .collect()
        };
        let ltr = draw(&block("exercise", yaml));
        let rtl = html_in("ar", &block("exercise", yaml));
        assert!(rtl.contains(r#"direction="rtl">"#), "{rtl}");
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(x, a)| (x.to_string(), a.to_string()))
                .collect()
        };
        assert_eq!(
            anchors(&ltr),
            pairs(&[
                ("160", "middle"),
                ("242", "start"),
                ("160", "middle"),
                ("78", "end")
            ])
        );
        assert_eq!(
            anchors(&rtl),
            pairs(&[
                ("160", "middle"),
                ("242", "end"),
                ("160", "middle"),
                ("78", "start")
            ])
        );
    }

    #[test]
    fn walking_step_with_a_title() {
        let html = draw(&block(
            "exercise",
            "kind: walking\ntitle: Mindful walking\nsteps:\n  - title: How to use\n    text: Walk slowly.\n",
        ));
        assert!(
            html.contains("<strong class=\"exercise__step-title\">How to use</strong>"),
            "{html}"
        );
        assert!(!html.contains("breath-box"), "{html}");
    }

    #[test]
    fn only_digits_followed_by_a_space_are_a_count() {
        assert_eq!(split_count("5 things"), Some(("5", "things")));
        assert_eq!(split_count("10 breaths"), Some(("10", "breaths")));
        assert_eq!(split_count("5-4-3 things"), None);
        assert_eq!(split_count("Five things"), None);
    }

    #[test]
    fn an_unknown_kind_lists_the_known_ones() {
        let problem = problem_at(
            "exercise",
            "kind: breathe\ntitle: Box\nsteps:\n  - text: In\n",
            "kind: breathe",
            "breathe",
        );
        assert_eq!(problem.hint.as_deref(), Some("did you mean `breathing`?"));
    }

    #[test]
    fn steps_must_be_a_list() {
        problem_at(
            "exercise",
            "kind: walking\ntitle: Walk\nsteps: Walk slowly\n",
            "steps: Walk slowly",
            "must be a list",
        );
    }

    #[test]
    fn a_step_needs_text() {
        problem_at(
            "exercise",
            "kind: walking\ntitle: Walk\nsteps:\n  - title: How\n",
            "- title: How",
            "the required key `text` is missing",
        );
    }
}
