//! `worksheet`: prompts with room to answer. On screen each prompt labels a
//! text box a reader may type into (nothing is sent or kept); in print each
//! box becomes ruled lines to write on.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};

use super::{Component, ComponentContext, List, Text};

pub struct Worksheet;

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    /// A short label over the title, e.g. "Story template".
    #[serde(default)]
    caption: Option<Text>,
    title: Text,
    #[serde(default)]
    intro: Option<Text>,
    prompts: List<PromptData>,
    /// Block Markdown after the prompts, e.g. where to send the sheet.
    #[serde(default)]
    footer: Option<Text>,
    #[serde(default)]
    id: Option<String>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromptData {
    prompt: Text,
    #[serde(default)]
    hint: Option<Text>,
    #[serde(default)]
    lines: Lines,
}

/// How many ruled lines a prompt gets: 1 to 30, 4 when not given.
#[derive(Clone, Copy)]
pub struct Lines(u8);

impl Default for Lines {
    fn default() -> Self {
        Lines(4)
    }
}

impl<'de> Deserialize<'de> for Lines {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let written = String::deserialize(deserializer)?;
        match written.trim().parse::<u8>() {
            Ok(lines @ 1..=30) => Ok(Lines(lines)),
            _ => Err(D::Error::custom(format!(
                "`lines` is `{written}`: give a number of ruled lines from 1 to 30"
            ))),
        }
    }
}

#[derive(Serialize)]
pub struct View {
    id: String,
    title_id: String,
    caption: Option<String>,
    title: String,
    intro: Option<String>,
    prompts: Vec<Prompt>,
    footer: Option<String>,
}

#[derive(Serialize)]
pub struct Prompt {
    /// The text box's id.
    id: String,
    prompt: String,
    hint: Option<Hint>,
    lines: u8,
}

#[derive(Serialize)]
pub struct Hint {
    id: String,
    text: String,
}

impl Component for Worksheet {
    const NAME: &'static str = "worksheet";
    type Data = Data;
    type View = View;

    fn prepare(data: Data, ctx: &mut ComponentContext<'_, '_>) -> Result<View, String> {
        let fallback = crate::parse::slug::slugify(&data.title);
        let id = ctx.anchor(data.id.as_deref(), &fallback)?;
        let prompts = data
            .prompts
            .into_iter()
            .enumerate()
            .map(|(index, prompt)| {
                let answer_id = ctx.id_within(&id, &format!("answer-{}", index + 1));
                Prompt {
                    hint: prompt.hint.map(|hint| Hint {
                        id: ctx.id_within(&answer_id, "hint"),
                        text: ctx.markdown(&hint),
                    }),
                    id: answer_id,
                    prompt: ctx.inline(&prompt.prompt),
                    lines: prompt.lines.0,
                }
            })
            .collect();
        Ok(View {
            title_id: ctx.id_within(&id, "title"),
            id,
            caption: data.caption.map(|caption| ctx.inline(&caption)),
            title: ctx.inline(&data.title),
            intro: data.intro.map(|intro| ctx.markdown(&intro)),
            prompts,
            footer: data.footer.map(|footer| ctx.markdown(&footer)),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::components::testing::{block, html as draw, problem_at, render};
    use crate::parse::Mode;

    const SAMPLE: &str = "\
caption: Story template
title: Share best practice with us
intro: Tell us how it went.
prompts:
  - prompt: Tell us about your work
    hint: Which sector do you work in?
    lines: 6
  - prompt: What did we learn?
footer: Email it to [the team](mailto:team@example.org).
";

    #[test]
    fn worksheet_labels_every_answer_box() {
        let html = draw(&block("worksheet", SAMPLE));
        insta::assert_snapshot!(html);
    }

    #[test]
    fn print_page_ids_keep_labels_joined_to_their_boxes() {
        let html = render(&block("worksheet", SAMPLE), Mode::Print).html;
        assert!(
            html.contains(r#"<label for="test--share-best-practice-with-us-answer-1">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<textarea id="test--share-best-practice-with-us-answer-1""#),
            "{html}"
        );
    }

    #[test]
    fn lines_must_be_between_one_and_thirty() {
        problem_at(
            "worksheet",
            "title: Reflect\nprompts:\n  - prompt: What did we learn?\n    lines: 0\n",
            "lines: 0",
            "from 1 to 30",
        );
    }

    #[test]
    fn lines_must_be_a_number() {
        problem_at(
            "worksheet",
            "title: Reflect\nprompts:\n  - prompt: What did we learn?\n    lines: plenty\n",
            "lines: plenty",
            "`lines` is `plenty`: give a number",
        );
    }

    #[test]
    fn a_worksheet_needs_prompts() {
        problem_at(
            "worksheet",
            "title: Reflect\n",
            "title: Reflect",
            "the required key `prompts` is missing",
        );
    }
}
