//! `actions`: practical actions by role, each role with its own lead-in and
//! an optional closing note.

use serde::{Deserialize, Serialize};

use super::{Component, ComponentContext, List, Text};

pub struct Actions;

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    roles: List<RoleData>,
    #[serde(default)]
    id: Option<String>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleData {
    /// The heading: "As a manager".
    role: Text,
    /// The words leading into the list: "wanting to support my staff…, I could:".
    #[serde(default)]
    lead: Option<Text>,
    actions: List<Text>,
    /// Block Markdown after the list: a closing question, a link to read more.
    #[serde(default)]
    note: Option<Text>,
}

#[derive(Serialize)]
pub struct View {
    id: String,
    roles: Vec<Role>,
}

#[derive(Serialize)]
pub struct Role {
    id: String,
    role: String,
    lead: Option<String>,
    actions: Vec<String>,
    note: Option<String>,
}

impl Component for Actions {
    const NAME: &'static str = "actions";
    type Data = Data;
    type View = View;

    fn prepare(data: Data, ctx: &mut ComponentContext<'_, '_>) -> Result<View, String> {
        let id = ctx.anchor(data.id.as_deref(), "actions")?;
        let roles = data
            .roles
            .into_iter()
            .map(|role| Role {
                id: ctx.id_within(&id, &crate::parse::slug::slugify(&role.role)),
                role: ctx.inline(&role.role),
                lead: role.lead.map(|lead| ctx.inline(&lead)),
                actions: ctx.inline_list(&role.actions),
                note: role.note.map(|note| ctx.markdown(&note)),
            })
            .collect();
        Ok(View { id, roles })
    }
}

#[cfg(test)]
mod tests {
    use crate::components::testing::{block, html as draw, problem_at};

    #[test]
    fn actions_by_role_with_lead_and_note() {
        let html = draw(&block(
            "actions",
            "\
roles:
  - role: As a manager
    lead: wanting to support my staff to embed trauma-informed practice, I could
    actions:
      - Provide an induction and training
      - Give permission for staff to use their judgement
    note: |
      What other ideas do you have for growing **your** practice?

      Learn more through [our resources](01-other.md).
  - role: As a leader
    actions:
      - Co-develop a trauma-informed strategy
",
        ));
        insta::assert_snapshot!(html);
    }

    #[test]
    fn a_role_needs_actions() {
        problem_at(
            "actions",
            "roles:\n  - role: As a manager\n    actions: []\n",
            "actions: []",
            "empty",
        );
    }

    #[test]
    fn roles_are_required() {
        problem_at(
            "actions",
            "id: what-we-can-do\n",
            "id: what-we-can-do",
            "the required key `roles` is missing",
        );
    }

    #[test]
    fn lead_must_be_text() {
        problem_at(
            "actions",
            "roles:\n  - role: As a manager\n    lead:\n      first: x\n    actions: [Act]\n",
            "first: x",
            "must be text",
        );
    }
}
