//! `framework`: a few named parts that belong together, such as head, heart
//! and hands, each with its text and links to read more.

use serde::{Deserialize, Serialize};

use super::{Component, ComponentContext, List, Text};

pub struct Framework;

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    #[serde(default)]
    caption: Option<Text>,
    #[serde(default)]
    intro: Option<Text>,
    parts: List<PartData>,
    #[serde(default)]
    id: Option<String>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartData {
    name: Text,
    /// One line under the name, e.g. "What we know".
    #[serde(default)]
    summary: Option<Text>,
    text: Text,
    #[serde(default)]
    links: Vec<LinkData>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkData {
    href: Text,
    text: Text,
}

#[derive(Serialize)]
pub struct View {
    id: String,
    caption: Option<String>,
    intro: Option<String>,
    parts: Vec<Part>,
}

#[derive(Serialize)]
pub struct Part {
    id: String,
    name: String,
    summary: Option<String>,
    text: String,
    links: Vec<String>,
}

impl Component for Framework {
    const NAME: &'static str = "framework";
    type Data = Data;
    type View = View;

    fn prepare(data: Data, ctx: &mut ComponentContext<'_, '_>) -> Result<View, String> {
        let id = ctx.anchor(data.id.as_deref(), "framework")?;
        let parts = data
            .parts
            .into_iter()
            .map(|part| Part {
                id: ctx.id_within(&id, &crate::parse::slug::slugify(&part.name)),
                name: ctx.inline(&part.name),
                summary: part.summary.map(|summary| ctx.inline(&summary)),
                text: ctx.markdown(&part.text),
                links: part
                    .links
                    .iter()
                    .map(|link| ctx.link(&link.href, &link.text))
                    .collect(),
            })
            .collect();
        Ok(View {
            id,
            caption: data.caption.map(|caption| ctx.inline(&caption)),
            intro: data.intro.map(|intro| ctx.markdown(&intro)),
            parts,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::components::testing::{block, html as draw, problem, problem_at};

    const SAMPLE: &str = "\
caption: Connecting head, heart and hands
intro: We connect the **head**, **heart** and **hands**.
parts:
  - name: Head
    summary: What we know
    text: An understanding of trauma.
    links:
      - href: 01-other.md
        text: Find out more about trauma
  - name: Heart
    text: Compassion for ourselves and others.
  - name: Hands
    summary: What we do
    text: |
      Policies and practice.

      Safe places to work.
    links:
      - href: 02-test.md
        text: Our resources
      - href: https://example.org/guide
        text: A guide
";

    #[test]
    fn framework_draws_each_part_with_its_links() {
        let html = draw(&block("framework", SAMPLE));
        insta::assert_snapshot!(html);
    }

    #[test]
    fn a_part_needs_text() {
        problem_at(
            "framework",
            "parts:\n  - name: Head\n    summary: What we know\n",
            "summary: What we know",
            "the required key `text` is missing",
        );
    }

    #[test]
    fn parts_cannot_be_empty() {
        problem_at(
            "framework",
            "caption: Three parts\nparts: []\n",
            "parts: []",
            "empty",
        );
    }

    #[test]
    fn a_link_needs_its_text() {
        problem_at(
            "framework",
            "parts:\n  - name: Head\n    text: Words\n    links:\n      - href: 04-why-it-matters.md\n",
            "- href: 04-why-it-matters.md",
            "the required key `text` is missing",
        );
    }

    #[test]
    fn links_must_be_a_list() {
        problem_at(
            "framework",
            "parts:\n  - name: Head\n    text: Words\n    links: 04-why-it-matters.md\n",
            "links: 04-why-it-matters.md",
            "must be a list",
        );
    }

    #[test]
    fn a_link_to_a_missing_chapter_is_reported() {
        let problem = problem(&block(
            "framework",
            "parts:\n  - name: Head\n    text: Words\n    links:\n      - href: 05-nowhere.md\n        text: Nowhere\n",
        ));
        assert!(problem.message.contains("05-nowhere.md"), "{problem}");
    }
}
