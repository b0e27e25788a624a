//! `quote`: a pull quote, with its attribution when the source gives one.

use serde::{Deserialize, Serialize};

use super::{Component, ComponentContext, Text};

pub struct Quote;

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    /// Block Markdown: a quote may run to several paragraphs.
    text: Text,
    /// Who said it ("Derbyshire health manager"). Leave out when unknown.
    #[serde(default)]
    attribution: Option<Text>,
    /// Where it was said or published, after the attribution.
    #[serde(default)]
    source: Option<Text>,
    #[serde(default)]
    id: Option<String>,
}

#[derive(Serialize)]
pub struct View {
    id: String,
    text: String,
    attribution: Option<String>,
    source: Option<String>,
}

impl Component for Quote {
    const NAME: &'static str = "quote";
    type Data = Data;
    type View = View;

    fn prepare(data: Data, ctx: &mut ComponentContext<'_, '_>) -> Result<View, String> {
        Ok(View {
            id: ctx.anchor(data.id.as_deref(), "quote")?,
            text: ctx.markdown(&data.text),
            attribution: data.attribution.map(|who| ctx.inline(&who)),
            source: data.source.map(|source| ctx.inline(&source)),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::components::testing::{block, html as draw, problem, problem_at};

    #[test]
    fn quote_with_attribution_and_source() {
        let html = draw(&block(
            "quote",
            "text: |\n  Every interaction *matters*.\n\n  Even small ones.\nattribution: Derbyshire health manager\nsource: Interview, 2024\n",
        ));
        insta::assert_snapshot!(html);
    }

    #[test]
    fn quote_without_attribution_has_no_caption() {
        let html = draw(&block("quote", "text: A golden thread.\n"));
        assert!(!html.contains("figcaption"), "{html}");
        assert!(html.contains("<blockquote"), "{html}");
    }

    #[test]
    fn a_source_alone_is_the_caption() {
        let html = draw(&block(
            "quote",
            "text: Words.\nsource: Annual report, 2024\n",
        ));
        assert!(
            html.contains(r#"<figcaption class="quote__attribution"><cite>Annual report, 2024</cite></figcaption>"#),
            "{html}"
        );
    }

    #[test]
    fn quote_text_is_required() {
        problem_at(
            "quote",
            "attribution: Staff member\n",
            "attribution: Staff member",
            "the required key `text` is missing",
        );
    }

    #[test]
    fn empty_attribution_is_refused_where_written() {
        problem_at(
            "quote",
            "text: Words.\nattribution: \"\"\n",
            "attribution: \"\"",
            "empty",
        );
    }

    #[test]
    fn attribution_must_be_text() {
        problem_at(
            "quote",
            "text: Words.\nattribution: [a, b]\n",
            "attribution: [a, b]",
            "must be text",
        );
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let problem = problem_at(
            "quote",
            "text: Words.\natribution: Staff\n",
            "atribution: Staff",
            "atribution",
        );
        assert_eq!(problem.hint.as_deref(), Some("did you mean `attribution`?"));
    }

    #[test]
    fn an_id_that_cannot_be_linked_is_refused() {
        let problem = problem(&block("quote", "text: Words.\nid: My quote\n"));
        assert!(problem.message.contains("my-quote"), "{problem}");
    }
}
