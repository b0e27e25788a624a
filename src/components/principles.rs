//! `principles`: the principles as a set of cards, each linking to the
//! principle's own section with its statement, its "because" reasons and a
//! case study.
//!
//! Each section's heading has the principle's `id` (default: its name as a
//! slug), so other chapters can link to `08-our-principles.md#safety-and-choice`.

use serde::{Deserialize, Serialize};

use super::svg::{Figure, FigureData, check_id};
use super::{Component, ComponentContext, case_study};
use crate::parse::slug::slugify;

pub struct Principles;

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    caption: Option<String>,
    principles: Vec<Principle>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    name: String,
    #[serde(default)]
    id: Option<String>,
    statement: String,
    #[serde(default)]
    because: Vec<String>,
    #[serde(default)]
    case_study: Option<case_study::Data>,
}

#[derive(Serialize)]
pub struct View {
    #[serde(flatten)]
    figure: Figure,
    principles: Vec<PrincipleView>,
}

#[derive(Serialize)]
pub struct PrincipleView {
    number: usize,
    id: String,
    name: String,
    statement: String,
    because: Vec<String>,
    /// Drawn by the `case-study` component.
    case_study: Option<String>,
}

impl Component for Principles {
    const NAME: &'static str = "principles";
    type Data = Data;
    type View = View;

    fn prepare(data: Data, ctx: &mut ComponentContext<'_, '_>) -> Result<View, String> {
        if data.principles.is_empty() {
            return Err("list at least one principle under `principles`".into());
        }
        let mut anchors: Vec<String> = Vec::new();
        for principle in &data.principles {
            let anchor = match &principle.id {
                Some(id) => {
                    check_id(id, &format!("the principle `{}` has an", principle.name))?;
                    id.clone()
                }
                None => slugify(&principle.name),
            };
            if anchors.contains(&anchor) {
                return Err(format!(
                    "two principles have the anchor `{anchor}`: give one of them another `id`"
                ));
            }
            anchors.push(anchor);
        }
        let figure = Figure::new(
            ctx,
            "principles",
            FigureData {
                id: data.id.as_deref(),
                caption: data.caption.as_deref(),
                source: None,
            },
            ctx.counted("principles_title", data.principles.len()),
            false,
        );
        let mut principles = Vec::with_capacity(data.principles.len());
        for (index, (principle, anchor)) in data.principles.into_iter().zip(anchors).enumerate() {
            let id = ctx.id(&anchor);
            principles.push(PrincipleView {
                number: index + 1,
                name: ctx.inline(&principle.name),
                statement: ctx.markdown(&principle.statement),
                because: principle.because.iter().map(|b| ctx.inline(b)).collect(),
                case_study: principle
                    .case_study
                    .map(|study| ctx.nested::<case_study::CaseStudy>(study))
                    .transpose()?,
                id,
            });
        }
        Ok(View { figure, principles })
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, FILE};
    use crate::parse::Mode;

    const PRINCIPLES: &str = "```principles
principles:
  - name: Relationships matter
    statement: We all need safe, compassionate, trustworthy relationships.
    because:
      - Because hurt may have happened in all kinds of relationships
      - Because relationships can both harm and heal
    case_study:
      title: Redefining relationships within school communities
      organisation: Ripley Junior School
      standfirst: How a trauma-informed approach is strengthening relationships.
      body: |
        Ripley Junior School implements a *whole-school* approach.

        Find out more at [the school's website](https://example.org/ripley).
      author: Jen Clarke, Derbyshire Headteacher
  - name: Behaviour is communication
    id: behaviour-is-communication
    statement: Being curious about what may have happened gives us a better understanding.
    because:
      - Because trauma-related behaviours are often misunderstood
```
";

    #[test]
    fn draws_cards_and_a_section_per_principle() {
        insta::assert_snapshot!(testing::html(PRINCIPLES));
    }

    #[test]
    fn each_section_is_an_anchor_other_chapters_can_link_to() {
        let rendered = testing::render(PRINCIPLES, Mode::Site);
        assert!(
            rendered
                .anchors
                .contains(&"relationships-matter".to_string())
        );
        assert!(
            rendered
                .anchors
                .contains(&"behaviour-is-communication".to_string())
        );
        assert!(
            rendered
                .html
                .contains("<h2 class=\"principle__name\" id=\"relationships-matter\">"),
            "{}",
            rendered.html
        );
        assert!(
            rendered
                .html
                .contains("href=\"#behaviour-is-communication\"")
        );
        let print = testing::render(PRINCIPLES, Mode::Print).html;
        assert!(
            print.contains("<h3 class=\"principle__name\" id=\"test--relationships-matter\">"),
            "{print}"
        );
        assert!(
            print.contains("href=\"#test--relationships-matter\""),
            "{print}"
        );
    }

    #[test]
    fn an_unknown_key_inside_a_principle_is_reported_at_its_line() {
        let body = "Intro.\n\n```principles\nprinciples:\n  - name: Safety and choice\n    statement: We listen.\n    becuase:\n      - Because\n```\n";
        let problem = testing::problem(body);
        assert_eq!(problem.file.to_str(), Some(FILE));
        assert_eq!(problem.line, Some(testing::line_of(body, "becuase:")));
        assert_eq!(problem.hint.as_deref(), Some("did you mean `because`?"));
    }

    #[test]
    fn a_missing_statement_is_reported() {
        let body = "```principles\nprinciples:\n  - name: Safety and choice\n    because: [Because]\n```\n";
        let problem = testing::problem(body);
        assert_eq!(problem.file.to_str(), Some(FILE));
        assert!(problem.message.contains("statement"), "{problem}");
    }

    #[test]
    fn because_must_be_a_list() {
        let body = "```principles\nprinciples:\n  - name: A\n    statement: S\n    because: Because it matters\n```\n";
        let problem = testing::problem(body);
        assert_eq!(
            problem.line,
            Some(testing::line_of(body, "because: Because"))
        );
    }

    #[test]
    fn an_id_that_is_not_a_slug_is_refused_with_the_slug_to_use() {
        let body = "```principles\nprinciples:\n  - name: A\n    id: Safety and Choice\n    statement: S\n```\n";
        let problem = testing::problem(body);
        assert!(problem.message.contains("`safety-and-choice`"), "{problem}");
    }

    #[test]
    fn two_principles_with_one_anchor_are_refused() {
        let body = "```principles\nprinciples:\n  - {name: Safety, statement: S}\n  - {name: Other, id: safety, statement: T}\n```\n";
        let problem = testing::problem(body);
        assert!(problem.message.contains("`safety`"), "{problem}");
    }
}
