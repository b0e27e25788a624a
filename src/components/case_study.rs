//! `case-study`: a story of practice, with its organisation and author.

use serde::{Deserialize, Serialize};

use super::{Component, ComponentContext, Text};

pub struct CaseStudy;

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    title: Text,
    #[serde(default)]
    organisation: Option<Text>,
    /// One sentence under the title saying what the story shows.
    #[serde(default)]
    standfirst: Option<Text>,
    body: Text,
    #[serde(default)]
    author: Option<Text>,
    #[serde(default)]
    id: Option<String>,
}

#[derive(Serialize)]
pub struct View {
    id: String,
    title_id: String,
    title: String,
    organisation: Option<String>,
    standfirst: Option<String>,
    body: String,
    author: Option<String>,
}

impl Component for CaseStudy {
    const NAME: &'static str = "case-study";
    type Data = Data;
    type View = View;

    fn prepare(data: Data, ctx: &mut ComponentContext<'_, '_>) -> Result<View, String> {
        let fallback = format!("case-study-{}", crate::parse::slug::slugify(&data.title));
        let id = ctx.anchor(data.id.as_deref(), &fallback)?;
        Ok(View {
            title_id: ctx.id_within(&id, "title"),
            id,
            title: ctx.inline(&data.title),
            organisation: data.organisation.map(|name| ctx.inline(&name)),
            standfirst: data.standfirst.map(|text| ctx.inline(&text)),
            body: ctx.markdown(&data.body),
            author: data.author.map(|name| ctx.inline(&name)),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::components::testing::{block, html as draw, problem_at};

    #[test]
    fn case_study_with_every_field() {
        let html = draw(&block(
            "case-study",
            "\
title: Redefining relationships within school communities
organisation: Ripley Junior School
standfirst: How community building strengthens relationships.
body: |
  The school holds regular sessions in class.

  \"We walk a route, have chats.\"
author: Jen Clarke, Derbyshire Headteacher
",
        ));
        insta::assert_snapshot!(html);
    }

    #[test]
    fn case_study_needs_a_body() {
        problem_at(
            "case-study",
            "title: A story\norganisation: A school\n",
            "organisation: A school",
            "the required key `body` is missing",
        );
    }

    #[test]
    fn title_must_be_text() {
        problem_at(
            "case-study",
            "title:\n  - one\n  - two\nbody: Words\n",
            "- one",
            "must be text",
        );
    }
}
