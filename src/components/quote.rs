//! `quote`: a pull quote, with its attribution when the source gives one.

use serde::{Deserialize, Serialize};

use super::{Component, ComponentContext, Text};

pub struct Quote;

#[derive(Deserialize)]
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
    use crate::components::testing::{assert_located, problem, render};

    #[test]
    fn quote_with_attribution_and_source() {
        let html = render(
            "quote",
            "text: |\n  Every interaction *matters*.\n\n  Even small ones.\nattribution: Derbyshire health manager\nsource: Interview, 2024\n",
        )
        .unwrap();
        insta::assert_snapshot!(html);
    }

    #[test]
    fn quote_without_attribution_has_no_caption() {
        let html = render("quote", "text: A golden thread.\n").unwrap();
        assert!(!html.contains("figcaption"), "{html}");
        assert!(html.contains("<blockquote"), "{html}");
    }

    #[test]
    fn a_source_alone_is_the_caption() {
        let html = render("quote", "text: Words.\nsource: Annual report, 2024\n").unwrap();
        assert!(
            html.contains(r#"<figcaption class="quote__attribution"><cite>Annual report, 2024</cite></figcaption>"#),
            "{html}"
        );
    }

    #[test]
    fn quote_text_is_required() {
        let problem = problem("quote", "attribution: Staff member\n");
        assert_located(&problem, 1, "missing field `text`");
    }

    #[test]
    fn empty_attribution_is_refused_where_written() {
        let problem = problem("quote", "text: Words.\nattribution: \"\"\n");
        assert_located(&problem, 2, "empty");
    }

    #[test]
    fn attribution_must_be_text() {
        let problem = problem("quote", "text: Words.\nattribution: [a, b]\n");
        assert_located(&problem, 2, "expected");
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let problem = problem("quote", "text: Words.\natribution: Staff\n");
        assert_located(&problem, 2, "atribution");
        assert_eq!(problem.hint.as_deref(), Some("did you mean `attribution`?"));
    }

    #[test]
    fn an_id_that_cannot_be_linked_is_refused() {
        let problem = problem("quote", "text: Words.\nid: My quote\n");
        assert!(problem.message.contains("my-quote"), "{problem}");
    }
}
