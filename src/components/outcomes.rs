//! `outcomes`: the outcomes expected in one area, beside the metrics that
//! could show them. The two lists are not paired item by item, so they are
//! drawn as two lists side by side, not as a table's rows.

use serde::{Deserialize, Serialize};

use super::{Component, ComponentContext, List, Text};

pub struct Outcomes;

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    title: Text,
    outcomes: List<Text>,
    #[serde(default)]
    metrics: Vec<Text>,
    /// The heading over the outcomes; "Example outcomes" when left out.
    #[serde(default)]
    outcomes_label: Option<Text>,
    /// The heading over the metrics; "Possible metrics" when left out.
    #[serde(default)]
    metrics_label: Option<Text>,
    #[serde(default)]
    id: Option<String>,
}

#[derive(Serialize)]
pub struct View {
    id: String,
    title_id: String,
    title: String,
    outcomes: Vec<String>,
    metrics: Vec<String>,
    outcomes_label: Option<String>,
    metrics_label: Option<String>,
}

impl Component for Outcomes {
    const NAME: &'static str = "outcomes";
    type Data = Data;
    type View = View;

    fn prepare(data: Data, ctx: &mut ComponentContext<'_, '_>) -> Result<View, String> {
        let fallback = crate::parse::slug::slugify(&data.title);
        let id = ctx.anchor(data.id.as_deref(), &fallback)?;
        Ok(View {
            title_id: ctx.id_within(&id, "title"),
            id,
            title: ctx.inline(&data.title),
            outcomes: ctx.inline_list(&data.outcomes),
            metrics: ctx.inline_list(&data.metrics),
            outcomes_label: data.outcomes_label.map(|label| ctx.inline(&label)),
            metrics_label: data.metrics_label.map(|label| ctx.inline(&label)),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::components::testing::{block, html as draw, problem_at};

    #[test]
    fn outcomes_beside_metrics() {
        let html = draw(&block(
            "outcomes",
            "\
title: Person level outcomes
outcomes:
  - People feel physically and psychologically safe and secure
  - People feel in control of their support
metrics:
  - Person level survey
  - Number of people accessing trauma specific interventions
  - Increased number of marginalised people supported
",
        ));
        insta::assert_snapshot!(html);
    }

    #[test]
    fn labels_can_be_renamed_and_metrics_left_out() {
        let html = draw(&block(
            "outcomes",
            "title: Workforce\noutcomes_label: What we expect\noutcomes:\n  - Staff feel supported\n",
        ));
        assert!(html.contains("What we expect"), "{html}");
        assert!(!html.contains("Possible metrics"), "{html}");
    }

    #[test]
    fn outcomes_are_required() {
        problem_at(
            "outcomes",
            "title: Workforce\nmetrics:\n  - Staff survey\n",
            "metrics:",
            "the required key `outcomes` is missing",
        );
    }

    #[test]
    fn outcomes_must_be_a_list() {
        problem_at(
            "outcomes",
            "title: Workforce\noutcomes: Staff feel supported\n",
            "outcomes: Staff feel supported",
            "must be a list",
        );
    }
}
