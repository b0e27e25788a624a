//! Stage 3b, **components**: the handbook's diagrams and structures.
//!
//! An author writes a component as a fenced block named after it, with YAML
//! inside. Each component is one file here (its schema and the data it
//! prepares for drawing) plus one template in the theme,
//! `templates/components/NAME.html`, which draws it. Adding one means adding
//! those two files and one line to [`ALL`].

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, line_and_column};
use crate::load::yaml::{self, YamlOrigin};
use crate::parse::{ChapterRenderer, Mode};

mod brain;
mod pillars;
mod principles;
mod quote;
mod svg;
#[cfg(test)]
mod testing;
mod trauma_tree;
mod vision_wheel;

/// Every component, by the name an author writes after the opening fence.
const ALL: &[Entry] = &[
    entry::<quote::Quote>(),
    entry::<brain::Brain>(),
    entry::<trauma_tree::TraumaTree>(),
    entry::<vision_wheel::VisionWheel>(),
    entry::<pillars::Pillars>(),
    entry::<principles::Principles>(),
];

/// A component: its YAML schema and how it turns into template data.
pub trait Component {
    /// The fenced block's info string, e.g. `vision-wheel`.
    const NAME: &'static str;
    /// The YAML schema. Use `#[serde(deny_unknown_fields)]` so typos are caught.
    type Data: DeserializeOwned;
    /// What the template receives as `c`.
    type View: Serialize;
    /// Checks what the schema cannot and prepares the view. An `Err` is
    /// reported at the component's first line.
    fn prepare(data: Self::Data, ctx: &mut ComponentContext<'_, '_>) -> Result<Self::View, String>;
}

/// A registered component, type-erased.
pub struct Entry {
    pub name: &'static str,
    render: fn(&str, usize, &mut ChapterRenderer<'_>) -> Result<String, Diagnostic>,
}

const fn entry<C: Component>() -> Entry {
    Entry {
        name: C::NAME,
        render: render_with::<C>,
    }
}

pub fn find(name: &str) -> Option<&'static Entry> {
    ALL.iter().find(|entry| entry.name == name)
}

pub fn names() -> Vec<&'static str> {
    ALL.iter().map(|entry| entry.name).collect()
}

/// Draws the component `name` from its YAML `body`, which starts at byte
/// `offset` of the chapter file.
pub fn render(
    name: &str,
    body: &str,
    offset: usize,
    renderer: &mut ChapterRenderer<'_>,
) -> Result<String, Diagnostic> {
    match find(name) {
        Some(entry) => (entry.render)(body, offset, renderer),
        None => Err(renderer.diagnostic_at(offset, format!("unknown component `{name}`"))),
    }
}

fn render_with<C: Component>(
    body: &str,
    offset: usize,
    renderer: &mut ChapterRenderer<'_>,
) -> Result<String, Diagnostic> {
    let chapter = renderer.chapter;
    let (line, _) = line_and_column(&chapter.text, offset);
    let origin = YamlOrigin {
        file: &chapter.display_path,
        file_text: &chapter.text,
        line_offset: line - 1,
    };
    if body.trim().is_empty() {
        return Err(renderer
            .diagnostic_at(offset, format!("the `{}` component is empty", C::NAME))
            .with_hint(
                "write the component's data as YAML between the fences; see docs/components.md",
            ));
    }
    let data: C::Data = yaml::parse(body, origin).map_err(|d| {
        d.with_hint_if_none(format!(
            "see the `{}` component in docs/components.md",
            C::NAME
        ))
    })?;
    let level = renderer.heading_level.saturating_add(1).min(6);
    let mut ctx = ComponentContext {
        renderer,
        offset,
        level,
    };
    let view = C::prepare(data, &mut ctx).map_err(|message| {
        ctx.renderer
            .diagnostic_at(offset, format!("`{}`: {message}", C::NAME))
    })?;
    let heading = ctx.renderer.shift_level(level);
    let mut context = tera::Context::new();
    context.insert("c", &view);
    context.insert("h", &heading);
    context.insert("root", ctx.renderer.root());
    context.insert("print", &(ctx.renderer.mode == Mode::Print));
    let template = format!("components/{}.html", C::NAME);
    let theme = ctx.renderer.book.theme;
    theme.render(&template, &context).map_err(|problem| {
        let (line, column) = line_and_column(&chapter.text, offset);
        problem.with_hint_if_none(format!(
            "while drawing the `{}` component at {}:{line}:{column}",
            C::NAME,
            chapter.display_path.display()
        ))
    })
}

/// What a component may ask of the chapter it sits in.
pub struct ComponentContext<'r, 'a> {
    renderer: &'r mut ChapterRenderer<'a>,
    offset: usize,
    level: u8,
}

impl ComponentContext<'_, '_> {
    /// Inline Markdown (emphasis, links) to HTML.
    pub fn inline(&mut self, text: &str) -> String {
        self.renderer.inline(text, self.offset)
    }

    /// Block Markdown (paragraphs, lists) to HTML.
    pub fn markdown(&mut self, text: &str) -> String {
        self.renderer.markdown(text, self.offset)
    }

    /// A page-unique id for an element of the component (prefixed on the print page).
    pub fn id(&mut self, wanted: &str) -> String {
        self.renderer.claim_id(wanted)
    }

    /// The Markdown level of the component's own headings (one below the
    /// section it sits in); templates receive the HTML level as `h`.
    pub fn heading_level(&self) -> u8 {
        self.level
    }

    pub fn mode(&self) -> Mode {
        self.renderer.mode
    }
}
