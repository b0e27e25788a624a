//! `quote`: a pull quote with its attribution.

use serde::{Deserialize, Serialize};

use super::{Component, ComponentContext};

pub struct Quote;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    text: String,
    attribution: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    id: Option<String>,
}

#[derive(Serialize)]
pub struct View {
    id: String,
    text: String,
    attribution: String,
    source: Option<String>,
}

impl Component for Quote {
    const NAME: &'static str = "quote";
    type Data = Data;
    type View = View;

    fn prepare(data: Data, ctx: &mut ComponentContext<'_, '_>) -> Result<View, String> {
        if data.text.trim().is_empty() {
            return Err("the quote's `text` is empty".into());
        }
        Ok(View {
            id: ctx.id(data.id.as_deref().unwrap_or("quote")),
            text: ctx.markdown(&data.text),
            attribution: ctx.inline(&data.attribution),
            source: data.source.map(|source| ctx.inline(&source)),
        })
    }
}
