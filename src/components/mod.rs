//! Stage 4, **components**: the handbook's diagrams and structures.
//!
//! An author writes a component as a fenced block named after it, with YAML
//! inside. Each component is one file here (its schema and the data it
//! prepares for drawing) plus one template in the theme,
//! `templates/components/NAME.html`, which draws it. Adding one means adding
//! those two files and one line to [`ALL`]. [`Components`] is what the
//! Markdown stage is given to draw them with. Its styles, if it needs its own,
//! go in the theme's `static/components/NAME.css` (a script in `NAME.js`),
//! found by name and linked only by the pages that draw it.
//!
//! A template receives `c` (the component's view), `h` (the HTML level of
//! its own headings), `h_next` (one level below), `root` (the path to the
//! site root) and `print` (true on the single print page). A diagram's view
//! holds `dir`, the direction of the chapter's text (`rtl` for Arabic…): its
//! drawing is laid out mirrored then, see [`ComponentContext::direction`].

use std::ops::Deref;

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize};

use crate::diagnostics::{Diagnostic, line_and_column};
use crate::load::yaml::{self, YamlOrigin};
use crate::parse::markdown::Placement;
use crate::parse::{ChapterRenderer, FencedBlocks, Mode};
use crate::theme::Theme;

mod actions;
mod brain;
mod case_study;
mod exercise;
mod focus_areas;
mod framework;
mod outcomes;
mod pillars;
mod principles;
mod quote;
mod resources;
mod svg;
#[cfg(test)]
pub(crate) mod testing;
mod trauma_tree;
mod vision_wheel;
mod worksheet;

/// Every component, by the name an author writes after the opening fence.
const ALL: &[Entry] = &[
    entry::<quote::Quote>(),
    entry::<framework::Framework>(),
    entry::<brain::Brain>(),
    entry::<trauma_tree::TraumaTree>(),
    entry::<vision_wheel::VisionWheel>(),
    entry::<outcomes::Outcomes>(),
    entry::<principles::Principles>(),
    entry::<case_study::CaseStudy>(),
    entry::<pillars::Pillars>(),
    entry::<actions::Actions>(),
    entry::<focus_areas::FocusAreas>(),
    entry::<worksheet::Worksheet>(),
    entry::<exercise::Exercise>(),
    entry::<resources::Resources>(),
];

/// A component: its YAML schema and how it turns into template data.
pub trait Component {
    /// The fenced block's info string, e.g. `vision-wheel`.
    const NAME: &'static str;
    /// The YAML schema. Use `#[serde(deny_unknown_fields)]` so typos are caught.
    type Data: DeserializeOwned + Clone + 'static;
    /// What the template receives as `c`.
    type View: Serialize;
    /// Checks what the schema cannot and prepares the view. An `Err` is
    /// reported at the component's first line, or at the field that
    /// [`ComponentContext`] found wrong.
    fn prepare(data: Self::Data, ctx: &mut ComponentContext<'_, '_>) -> Result<Self::View, String>;
}

/// A registered component, type-erased.
pub struct Entry {
    pub name: &'static str,
    render:
        fn(&Components<'_>, &str, usize, &mut ChapterRenderer<'_>) -> Result<String, Diagnostic>,
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

/// Every component, drawn with the templates of a theme.
pub struct Components<'t> {
    pub theme: &'t Theme,
    /// The theme's words in the chapter's language, as templates see them
    /// (`t.case_study`): see [`crate::theme::words`].
    pub words: tera::Value,
    /// The chapter's language, for the words components write themselves.
    pub language: String,
    /// The handbook's own language, which a chapter that is not a
    /// translation is written in (an edition shows it while untranslated).
    own_language: String,
}

impl<'t> Components<'t> {
    /// The components of `theme`, with its words in `language`, for the
    /// chapters of a handbook written in `own_language`.
    pub fn new(theme: &'t Theme, language: &str, own_language: &str) -> Components<'t> {
        Components {
            theme,
            words: theme.words.value(language),
            language: language.to_string(),
            own_language: own_language.to_string(),
        }
    }
}

impl FencedBlocks for Components<'_> {
    fn draw(
        &self,
        name: &str,
        body: &str,
        offset: usize,
        renderer: &mut ChapterRenderer<'_>,
    ) -> Option<Result<String, Diagnostic>> {
        let entry = find(name)?;
        Some((entry.render)(self, body, offset, renderer))
    }

    fn names(&self) -> Vec<&'static str> {
        names()
    }
}

fn render_with<C: Component>(
    components: &Components<'_>,
    body: &str,
    offset: usize,
    renderer: &mut ChapterRenderer<'_>,
) -> Result<String, Diagnostic> {
    let chapter = renderer.chapter;
    let (line, _) = renderer.line_and_column(offset);
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
    // read once for a chapter's two renderings (its page and the print page)
    let key = (offset, xxhash_rust::xxh3::xxh3_64(body.as_bytes()));
    let known = renderer
        .parsed
        .as_mut()
        .and_then(|parsed| parsed.remove(&key));
    let data: C::Data = match known.and_then(|data| data.downcast::<C::Data>().ok()) {
        Some(data) => *data,
        None => {
            let data: C::Data = yaml::parse(body, origin).map_err(|d| {
                d.with_hint_if_none(format!(
                    "see the `{}` component in docs/components.md",
                    C::NAME
                ))
            })?;
            if let Some(parsed) = &mut renderer.parsed {
                parsed.insert(key, Box::new(data.clone()));
            }
            data
        }
    };
    let level = renderer.heading_level.saturating_add(1).min(6);
    let text_language = chapter
        .language
        .as_deref()
        .unwrap_or(&components.own_language);
    let mut ctx = ComponentContext {
        renderer,
        theme: components.theme,
        words: &components.words,
        language: &components.language,
        direction: Direction::of(text_language),
        offset,
        level,
        problem_at: None,
    };
    let view = C::prepare(data, &mut ctx).map_err(|message| {
        ctx.renderer
            .diagnostic_at(
                ctx.problem_at.unwrap_or(offset),
                format!("`{}`: {message}", C::NAME),
            )
            .with_hint(format!(
                "see the `{}` component in docs/components.md",
                C::NAME
            ))
    })?;
    let html = ctx.draw(C::NAME, &view).map_err(|problem| {
        let (line, column) = line_and_column(&chapter.text, offset);
        problem.with_hint_if_none(format!(
            "while drawing the `{}` component at {}:{line}:{column}",
            C::NAME,
            chapter.display_path.display()
        ))
    })?;
    // a principle's or an exercise's heading is a section of the page too
    ctx.renderer.record_headings(&html);
    Ok(html)
}

/// A text field that must say something. Blank text is rejected at the line
/// where it is written, so authors leave an optional field out instead.
#[derive(Debug, Clone)]
pub struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.trim().is_empty() {
            return Err(D::Error::custom(
                "this text is empty: write it, or leave the key out if it is optional",
            ));
        }
        Ok(Text(text))
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// A list that must have at least one item, rejected where it is written.
#[derive(Debug, Clone)]
pub struct List<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let items = Vec::<T>::deserialize(deserializer)?;
        if items.is_empty() {
            return Err(D::Error::custom(
                "this list is empty: give it at least one item",
            ));
        }
        Ok(List(items))
    }
}

impl<T> Deref for List<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T> IntoIterator for List<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// The way a chapter's text runs, which its diagrams follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// The direction of the language `tag` (`ar`, `ur-PK` run right to left).
    pub fn of(tag: &str) -> Direction {
        match crate::load::languages::direction(tag) {
            "rtl" => Direction::Rtl,
            _ => Direction::Ltr,
        }
    }

    /// `x` of a drawing `width` wide, mirrored when right to left: what
    /// sits at the start of a line (the left) sits on the right.
    pub fn x(self, x: f64, width: f64) -> f64 {
        match self {
            Direction::Ltr => x,
            Direction::Rtl => width - x,
        }
    }
}

/// What a component may ask of the chapter it sits in.
pub struct ComponentContext<'r, 'a> {
    renderer: &'r mut ChapterRenderer<'a>,
    theme: &'r Theme,
    words: &'r tera::Value,
    language: &'r str,
    /// The way the chapter's text runs: the language of the chapter itself,
    /// the edition's for a translation, the handbook's own for an original
    /// shown untranslated in another edition.
    direction: Direction,
    offset: usize,
    level: u8,
    /// Where the problem `prepare` returns is, when it knows (the line of
    /// the field), else the component's first line.
    problem_at: Option<usize>,
}

impl ComponentContext<'_, '_> {
    /// Draws `view` with the template of the component `name`, its headings at this context's level.
    fn draw(&mut self, name: &'static str, view: &impl Serialize) -> Result<String, Diagnostic> {
        self.renderer.drew(name);
        let heading = self.renderer.shift_level(self.level);
        let mut context = tera::Context::new();
        context.insert("c", view);
        context.insert("h", &heading);
        context.insert("h_next", &(heading + 1).min(6));
        context.insert("root", self.renderer.root());
        context.insert("print", &(self.renderer.mode == Mode::Print));
        context.insert_value("t", self.words.clone());
        self.theme
            .render(&format!("components/{name}.html"), &context)
    }

    /// Draws the component `C` inside this one, one heading level down: a
    /// principle's case study is a `case-study`, drawn by its own template.
    pub fn nested<C: Component>(&mut self, data: C::Data) -> Result<String, String> {
        let level = self.level;
        self.level = (level + 1).min(6);
        let drawn = C::prepare(data, self).and_then(|view| {
            self.draw(C::NAME, &view)
                .map_err(|problem| problem.to_string())
        });
        self.level = level;
        drawn
    }

    /// The theme's word `key` in the chapter's language, for the text a
    /// component writes itself (a drawing's default caption, its title).
    pub fn word(&self, key: &str) -> String {
        self.theme.words.text(self.language, key).to_string()
    }

    /// The word `key` with its `{n}` filled with `n` ("The five pillars").
    pub fn counted(&self, key: &str, n: usize) -> String {
        self.theme.words.counted(self.language, key, n)
    }

    /// Inline Markdown (emphasis, links) to HTML.
    pub fn inline(&mut self, text: &str) -> String {
        let placement = self.placement(text);
        self.renderer.inline_placed(text, placement)
    }

    /// Block Markdown (paragraphs, lists) to HTML.
    pub fn markdown(&mut self, text: &str) -> String {
        let placement = self.placement(text);
        self.renderer.markdown_placed(text, placement)
    }

    /// Where the lines of a field's `text` are written in the component's
    /// YAML, so a broken link in it is reported at its own line: each line
    /// is looked for after the one before (YAML took their indentation
    /// away). At the component's first line when the text is not found as
    /// written (a quoted value with escapes, say).
    fn placement(&self, text: &str) -> Placement {
        let source = &self.renderer.chapter.text;
        let mut from = self.offset;
        let mut lines = Vec::new();
        let mut in_text = 0;
        for line in text.split_inclusive('\n') {
            let words = line.trim();
            let indent = line.len() - line.trim_start().len();
            if !words.is_empty() {
                let Some(found) = source.get(from..).and_then(|rest| rest.find(words)) else {
                    break;
                };
                lines.push((in_text + indent, from + found));
                from += found + words.len();
            }
            in_text += line.len();
        }
        if lines.is_empty() {
            Placement::At(self.offset)
        } else {
            Placement::Lines(lines)
        }
    }

    /// Inline Markdown for each item of a list.
    pub fn inline_list(&mut self, items: &[Text]) -> Vec<String> {
        items.iter().map(|item| self.inline(item)).collect()
    }

    /// A link written as a separate `href` and `text` (for example
    /// `04-why-it-matters.md#what-is-trauma`), rewritten and checked like a
    /// link in the chapter's text.
    pub fn link(&mut self, href: &str, text: &str) -> String {
        let source = &self.renderer.chapter.text;
        let placement = source
            .get(self.offset..)
            .and_then(|rest| rest.find(href))
            .map_or(Placement::At(self.offset), |found| {
                Placement::Lines(vec![(0, self.offset + found)])
            });
        self.renderer
            .inline_placed(&format!("[{text}](<{href}>)"), placement)
    }

    /// A web address drawn by the template itself (not through Markdown):
    /// recorded, like every external link, for `handbook check`'s list.
    pub fn external_link(&mut self, url: &str) -> String {
        self.renderer.external_link(url)
    }

    /// A page-unique id for an element of the component (prefixed on the print page).
    pub fn id(&mut self, wanted: &str) -> String {
        self.renderer.claim_id(wanted)
    }

    /// A page-unique id for a part of the element whose id is `parent` (as
    /// returned by [`Self::id`] or [`Self::anchor`]): `parent-suffix`.
    pub fn id_within(&mut self, parent: &str, suffix: &str) -> String {
        let prefix = self.renderer.id_prefix();
        let plain = parent.strip_prefix(prefix.as_str()).unwrap_or(parent);
        self.id(&format!("{plain}-{suffix}"))
    }

    /// The component's own id: the author's `id`, else `fallback`. An author's
    /// id must be usable in a link (`#my-id`).
    pub fn anchor(&mut self, given: Option<&str>, fallback: &str) -> Result<String, String> {
        match given {
            Some(id) if !is_plain_id(id) => {
                self.point_at_value("id", id);
                Err(format!(
                    "the id `{id}` cannot be used in a link: use lower-case letters, digits and hyphens, for example `{}`",
                    crate::parse::slug::slugify(id)
                ))
            }
            // renamed `id-2` in silence, links to it would land elsewhere
            Some(id) if self.renderer.id_taken(id) => {
                self.point_at_value("id", id);
                Err(format!(
                    "the id `{id}` is already used on this page, by a heading or a component above: give this one another `id:`, or leave `id:` out"
                ))
            }
            Some(id) => Ok(self.id(id)),
            None => Ok(self.id(fallback)),
        }
    }

    /// Notes the line `key: value` of the component's YAML as where the
    /// problem [`Component::prepare`] is about to return is.
    fn point_at_value(&mut self, key: &str, value: &str) {
        let body = self.renderer.chapter.text.get(self.offset..).unwrap_or("");
        self.problem_at = body
            .match_indices(key)
            .find(|(at, _)| {
                body[at + key.len()..]
                    .trim_start_matches([':', ' ', '"', '\''])
                    .starts_with(value)
            })
            .map(|(at, _)| self.offset + at);
    }

    /// The Markdown level of the component's own headings (one below the
    /// section it sits in); templates receive the HTML level as `h`.
    pub fn heading_level(&self) -> u8 {
        self.level
    }

    pub fn mode(&self) -> Mode {
        self.renderer.mode
    }

    /// The way the chapter's text runs. A diagram sets it on its SVG (whose
    /// `text-anchor` `start` and `end` then follow it) and lays out mirrored
    /// right to left what has a side: labels beside a picture, numbered
    /// things in a row.
    pub fn direction(&self) -> Direction {
        self.direction
    }
}

/// `behaviour-is-communication`: letters, digits, hyphens and underscores, starting with a letter or digit.
fn is_plain_id(id: &str) -> bool {
    id.chars().next().is_some_and(char::is_alphanumeric)
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::testing::{render, with_chapter};
    use crate::parse::{Mode, render_chapter_for_site_and_print};

    /// A component's own headings are sections of the page ("On this
    /// page"), at the level they are drawn, in order among the chapter's,
    /// without what screen readers do not hear.
    #[test]
    fn a_components_headings_are_recorded_as_the_pages_sections() {
        let body = concat!(
            "```pillars\ncaption: Pillars\nroof: A roof\npillars:\n",
            "  - name: Safe places\n    label: Places\n    points:\n      - One.\n",
            "  - name: Good & kind leaders\n    label: Leaders\n    points:\n      - Two.\n",
            "```\n\n## After\n\nText.\n",
        );
        let rendered = render(body, Mode::Site);
        assert!(rendered.problems.is_empty(), "{:?}", rendered.problems);
        let sections: Vec<(u8, &str)> = rendered
            .headings
            .iter()
            .map(|heading| (heading.level, heading.text.as_str()))
            .collect();
        // the pillars' names, numbered as drawn; their short labels are aria-hidden
        assert_eq!(
            sections,
            [
                (2, "1 Safe places"),
                (2, "2 Good & kind leaders"),
                (2, "After")
            ],
            "{}",
            rendered.html
        );
        let print = render(body, Mode::Print);
        assert_eq!(print.headings[0].level, 2);
        assert!(print.headings[0].id.starts_with("test--"));
    }

    /// Reading a component's YAML once for both renderings of a chapter
    /// must draw both exactly as rendering each alone does, problems too.
    #[test]
    fn a_chapter_rendered_for_site_and_print_at_once_is_each_rendered_alone() {
        let body = concat!(
            "## Two of a kind\n\n",
            "```quote\ntext: Same words.\nsource: Someone\n```\n\n",
            "```quote\ntext: Same words.\nsource: Someone\n```\n\n",
            "```quote\ntext: Other words.\n```\n\n",
            "```exercise\nkind: grounding\ntitle: Ground\nsteps:\n  - text: See\n  - text: Touch\n```\n\n",
            "```quote\ntext: ''\n```\n",
        );
        let (site, print) = with_chapter(None, body, render_chapter_for_site_and_print);
        // every component but the last, which is refused, is drawn
        assert_eq!(site.problems.len(), 1, "{:?}", site.problems);
        assert_eq!(site.html.matches("<figure").count(), 3, "{}", site.html);
        for (both, mode) in [(site, Mode::Site), (print, Mode::Print)] {
            let alone = render(body, mode);
            assert_eq!(both.html, alone.html);
            assert_eq!(
                format!("{:?}", both.problems),
                format!("{:?}", alone.problems)
            );
        }
    }
}
