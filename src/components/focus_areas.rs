//! `focus-areas`: a set of named areas of work, each with a short description.

use serde::{Deserialize, Serialize};

use super::{Component, ComponentContext, List, Text};

pub struct FocusAreas;

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    #[serde(default)]
    caption: Option<Text>,
    #[serde(default)]
    intro: Option<Text>,
    areas: List<AreaData>,
    #[serde(default)]
    id: Option<String>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaData {
    title: Text,
    #[serde(default)]
    text: Option<Text>,
}

#[derive(Serialize)]
pub struct View {
    id: String,
    caption: Option<String>,
    intro: Option<String>,
    areas: Vec<Area>,
}

#[derive(Serialize)]
pub struct Area {
    title: String,
    text: Option<String>,
}

impl Component for FocusAreas {
    const NAME: &'static str = "focus-areas";
    type Data = Data;
    type View = View;

    fn prepare(data: Data, ctx: &mut ComponentContext<'_, '_>) -> Result<View, String> {
        let areas = data
            .areas
            .into_iter()
            .map(|area| Area {
                title: ctx.inline(&area.title),
                text: area.text.map(|text| ctx.markdown(&text)),
            })
            .collect();
        Ok(View {
            id: ctx.anchor(data.id.as_deref(), "focus-areas")?,
            caption: data.caption.map(|caption| ctx.inline(&caption)),
            intro: data.intro.map(|intro| ctx.markdown(&intro)),
            areas,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::components::testing::{block, html as draw, problem_at};

    #[test]
    fn focus_areas_with_caption_and_intro() {
        let html = draw(&block(
            "focus-areas",
            "\
caption: Areas to focus on first
intro: We have identified the following areas.
areas:
  - title: Collaboration
    text: Maintain a dedicated system-wide working group.
  - title: Learning & reflection
    text: Regular opportunities for *reflective practice*.
  - title: Resourcing
",
        ));
        insta::assert_snapshot!(html);
    }

    #[test]
    fn an_area_needs_a_title() {
        problem_at(
            "focus-areas",
            "areas:\n  - text: Work together\n",
            "- text: Work together",
            "the required key `title` is missing",
        );
    }

    #[test]
    fn areas_must_be_a_list() {
        problem_at(
            "focus-areas",
            "caption: Areas\nareas: Collaboration\n",
            "areas: Collaboration",
            "must be a list",
        );
    }

    #[test]
    fn a_misspelt_key_is_named() {
        let problem = problem_at(
            "focus-areas",
            "areas:\n  - title: Collaboration\n    txt: Work together\n",
            "txt: Work together",
            "txt",
        );
        assert_eq!(problem.hint.as_deref(), Some("did you mean `text`?"));
    }
}
