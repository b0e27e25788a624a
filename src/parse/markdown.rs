//! A chapter's Markdown to HTML: heading ids, rewritten links, footnotes,
//! highlighted code, and component blocks handed to their component.
//!
//! The Markdown stage does not know the components: the stage that draws
//! them passes itself down through [`FencedBlocks`] in the [`Book`], as a
//! template engine is passed down in a render context, so the pipeline's
//! order holds: components use Markdown, never the other way round.
//!
//! The same chapter is rendered twice: once for its own page and once for the
//! single print page, where every id gets the chapter's prefix so ids stay
//! unique across the whole book and links become in-page anchors.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::links::{self, Destination};
use super::slug::{UniqueIds, slugify};
use super::{fences, highlight, sanitize};
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, did_you_mean};
use crate::html::escape;
use crate::load::Chapter;

/// Ids the page templates give their own elements; a heading never takes them.
const PAGE_IDS: [&str; 4] = ["main", "chapter-title", "title", "top"];

/// Components hold Markdown that may hold components: deeper than this is
/// refused, well before the stack of a rendering thread could run out.
const MAX_DEPTH: usize = 32;

/// Which output a chapter is rendered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The chapter's own page at `<slug>/index.html`.
    Site,
    /// A section of `print/index.html`.
    Print,
}

/// What a chapter needs to know about the rest of the book.
pub struct Book<'a> {
    /// Chapter file name → slug.
    pub slugs: HashMap<&'a str, &'a str>,
    /// File name → path of each base chapter a handbook that extends another
    /// leaves out (`exclude:`): a link to one is an error naming both files.
    pub excluded: HashMap<&'a str, &'a Path>,
    /// Asset path inside `assets/` → its output path (`assets/logo.1a2b3c4d.svg`).
    pub assets: &'a HashMap<String, String>,
    pub allow_html: bool,
    /// Draws the fenced blocks that are not code: the components.
    pub blocks: &'a dyn FencedBlocks,
}

/// What draws a fenced block named after it.
pub trait FencedBlocks: Sync {
    /// Draws the block `name` from its `body`, which starts at byte `offset`
    /// of the chapter file, in the context of `renderer` (ids, links,
    /// Markdown inside the block's fields); `None` when no block of that
    /// name is drawn here, so the block is code.
    fn draw(
        &self,
        name: &str,
        body: &str,
        offset: usize,
        renderer: &mut ChapterRenderer<'_>,
    ) -> Option<Result<String, Diagnostic>>;

    /// The names of the blocks drawn, to suggest one for a misspelt name.
    fn names(&self) -> Vec<&'static str>;
}

/// A heading for the page's own contents list and the search index.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link to another chapter (or this one) to check once every chapter is rendered.
#[derive(Debug, Clone)]
pub struct InternalLink {
    pub slug: String,
    pub anchor: String,
    /// Byte offset of the link in the chapter file (the line and column are
    /// worked out only for a link that is reported: a long chapter has many).
    pub offset: usize,
}

/// One chapter rendered for one mode. Problems, anchors and links are kept
/// from the site rendering only: the print rendering of the same text would
/// repeat them.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Every id on the chapter (without the print prefix).
    pub anchors: Vec<String>,
    pub internal_links: Vec<InternalLink>,
    pub external_links: Vec<String>,
    /// The components drawn, by name: the page links their stylesheets and scripts.
    pub components: BTreeSet<&'static str>,
    pub problems: Diagnostics,
    /// A component could not be drawn: the anchors it would have made are
    /// missing, so links to them are not reported (the component's own
    /// problem is the cause).
    pub incomplete: bool,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Renders `chapter` for `mode`.
pub fn render_chapter(chapter: &Chapter, book: &Book<'_>, mode: Mode) -> Rendered {
    let mut renderer = ChapterRenderer::new(chapter, book, mode);
    let html = renderer.markdown(chapter.body(), chapter.body_start);
    renderer.finish(html)
}

/// Renders `chapter` for its page and for the print page, reading each
/// component's YAML once for both.
pub fn render_chapter_for_site_and_print(
    chapter: &Chapter,
    book: &Book<'_>,
) -> (Rendered, Rendered) {
    // the Markdown is parsed once: both renderings read the same events
    let body = chapter.body();
    // sized for the usual number of events (one for every 8-16 bytes of
    // Markdown): growing a long chapter's list copies it again and again
    let mut events: Vec<(Event<'_>, Range<usize>)> = Vec::with_capacity(body.len() / 8);
    events.extend(Parser::new_ext(body, options()).into_offset_iter());
    let mut renderer = ChapterRenderer::new(chapter, book, Mode::Site);
    renderer.parsed = Some(ParsedComponents::default());
    let html = renderer.markdown_parsed(events.iter().cloned(), body);
    let parsed = renderer.parsed.take();
    let site = renderer.finish(html);
    let mut renderer = ChapterRenderer::new(chapter, book, Mode::Print);
    renderer.parsed = parsed;
    let html = renderer.markdown_parsed(events.into_iter(), body);
    (site, renderer.finish(html))
}

/// Components' data as read from their YAML by one rendering of a chapter,
/// for the next rendering to take instead of reading it again: by where the
/// component starts and a hash of its YAML.
pub(crate) type ParsedComponents = HashMap<(usize, u64), Box<dyn std::any::Any>>;

/// Renders Markdown in the context of one chapter. Components receive it to
/// render the Markdown inside their fields with the same links and ids.
pub struct ChapterRenderer<'a> {
    pub(crate) chapter: &'a Chapter,
    pub(crate) book: &'a Book<'a>,
    pub(crate) mode: Mode,
    ids: UniqueIds,
    footnotes: Footnotes,
    /// Level of the last heading written, so a component's own headings nest under it.
    pub(crate) heading_level: u8,
    /// How deep Markdown is being rendered inside components inside Markdown.
    depth: usize,
    /// Where the chapter file's lines start, made at the first link or component.
    lines: Option<LineIndex<'a>>,
    /// Components' data kept for, or from, the chapter's other rendering.
    pub(crate) parsed: Option<ParsedComponents>,
    /// Where the Markdown being walked sits in the chapter file.
    placement: Placement,
    /// Components nested too deep were reported.
    too_deep: bool,
    out: Rendered,
}

/// Where a text being rendered sits in the chapter file, so a problem in it
/// is reported at its own line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// Written as is from this byte offset of the file (the chapter's body).
    At(usize),
    /// A component's field: the text's lines, as (offset in the text, offset
    /// in the file) where each starts, since YAML takes their indentation away.
    Lines(Vec<(usize, usize)>),
}

impl Placement {
    /// The offset in the file of byte `relative` of the text.
    fn file_offset(&self, relative: usize) -> usize {
        match self {
            Placement::At(offset) => offset + relative,
            Placement::Lines(lines) => {
                let line = lines.partition_point(|&(start, _)| start <= relative);
                match line.checked_sub(1).and_then(|index| lines.get(index)) {
                    Some(&(start, file)) => file + (relative - start),
                    None => lines.first().map_or(relative, |&(_, file)| file),
                }
            }
        }
    }
}

#[derive(Default)]
struct Footnotes {
    /// Label → (number, html of the definition).
    definitions: HashMap<String, String>,
    /// Labels in the order first referenced.
    order: Vec<String>,
    /// Label → (its number, how many references so far).
    references: HashMap<String, (usize, usize)>,
    /// Where each label was first referenced, for a missing-definition error.
    first_use: HashMap<String, usize>,
}

impl<'a> ChapterRenderer<'a> {
    fn new(chapter: &'a Chapter, book: &'a Book<'a>, mode: Mode) -> Self {
        let mut ids = UniqueIds::default();
        for id in PAGE_IDS {
            ids.reserve(id);
        }
        ChapterRenderer {
            chapter,
            book,
            mode,
            ids,
            footnotes: Footnotes::default(),
            heading_level: 1,
            depth: 0,
            lines: None,
            parsed: None,
            placement: Placement::At(chapter.body_start),
            too_deep: false,
            out: Rendered::default(),
        }
    }

    /// The prefix that keeps this chapter's ids unique on the print page.
    pub fn id_prefix(&self) -> String {
        match self.mode {
            Mode::Site => String::new(),
            Mode::Print => format!("{}--", self.chapter.slug),
        }
    }

    /// Claims a unique id on the page and returns it ready for an `id` attribute.
    pub fn claim_id(&mut self, wanted: &str) -> String {
        let id = self.ids.claim(wanted);
        let attribute = format!("{}{id}", self.id_prefix());
        if self.mode == Mode::Site {
            self.out.anchors.push(id);
        }
        attribute
    }

    /// Whether `id` is taken on the page already.
    pub fn id_taken(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// Notes that the component `name` is drawn on this chapter.
    pub(crate) fn drew(&mut self, name: &'static str) {
        self.out.components.insert(name);
    }

    /// Path from the current page to the site root.
    pub fn root(&self) -> &'static str {
        "../"
    }

    pub fn problem(&mut self, diagnostic: Diagnostic) {
        // Each chapter is rendered twice; report its problems once.
        if self.mode == Mode::Site {
            self.out.problems.push(diagnostic);
        }
    }

    /// A part of the chapter that could not be drawn, and why.
    fn failed(&mut self, diagnostic: Diagnostic) {
        self.out.incomplete = true;
        self.problem(diagnostic);
    }

    /// The line and column of byte `offset` of the chapter file.
    pub fn line_and_column(&mut self, offset: usize) -> (usize, usize) {
        let text = &self.chapter.text;
        self.lines
            .get_or_insert_with(|| LineIndex::new(text))
            .line_and_column(offset)
    }

    pub fn diagnostic_at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.chapter.display_path, message).at_offset(&self.chapter.text, offset)
    }

    /// Block Markdown to HTML. `offset` is where `text` starts in the chapter file.
    pub fn markdown(&mut self, text: &str, offset: usize) -> String {
        self.markdown_placed(text, Placement::At(offset))
    }

    /// Block Markdown to HTML, `text` being at `placement` in the chapter file.
    pub fn markdown_placed(&mut self, text: &str, placement: Placement) -> String {
        let events = Parser::new_ext(text, options()).into_offset_iter();
        let outer = std::mem::replace(&mut self.placement, placement);
        let html = self.markdown_parsed(events, text);
        self.placement = outer;
        html
    }

    /// `text`, at [`Self::placement`], parsed already into `events`.
    fn markdown_parsed<'t>(
        &mut self,
        events: impl Iterator<Item = (Event<'t>, Range<usize>)>,
        text: &'t str,
    ) -> String {
        if self.depth >= MAX_DEPTH {
            // once: each field of the deepest component would say it again
            if std::mem::replace(&mut self.too_deep, true) {
                return String::new();
            }
            let problem = self
                .diagnostic_at(self.placement.file_offset(0), format!("components are nested more than {MAX_DEPTH} deep here"))
                .with_hint("a component may hold another (a principle its case study), but not without end: take the inner ones out");
            self.problem(problem);
            return String::new();
        }
        self.depth += 1;
        let html = self.markdown_events(events, text);
        self.depth -= 1;
        html
    }

    fn markdown_events<'t>(
        &mut self,
        events: impl Iterator<Item = (Event<'t>, Range<usize>)>,
        text: &'t str,
    ) -> String {
        // as many events out as in, and a few more (a heading's, a table's)
        let expected = events.size_hint().0;
        let mut walk = Walk {
            out: Vec::with_capacity(expected + expected / 8),
            ..Walk::default()
        };
        let mut after_bracket = false;
        for (event, range) in events {
            let text_after_bracket = std::mem::take(&mut after_bracket);
            let at = self.placement.file_offset(range.start);
            match event {
                Event::Text(body) if walk.code.is_some() => walk.code_text(&body),
                Event::Start(Tag::CodeBlock(_)) | Event::End(TagEnd::CodeBlock) => {
                    self.code_event(&mut walk, event, at, &text[range])
                }
                Event::Start(Tag::Heading { .. }) | Event::End(TagEnd::Heading(_)) => {
                    self.heading_event(&mut walk, event, at)
                }
                Event::Start(Tag::Link { .. } | Tag::Image { .. })
                | Event::End(TagEnd::Link | TagEnd::Image) => self.link_event(&mut walk, event, at),
                Event::Start(Tag::Table(_)) | Event::End(TagEnd::Table) => {
                    self.table_event(&mut walk, event)
                }
                Event::FootnoteReference(_)
                | Event::Start(Tag::FootnoteDefinition(_))
                | Event::End(TagEnd::FootnoteDefinition) => {
                    self.footnote_event(&mut walk, event, at)
                }
                Event::Html(raw) => {
                    let clean = self.raw_html(&raw, at, sanitize::clean_block);
                    walk.push(Event::Html(clean.into()));
                }
                Event::InlineHtml(raw) => {
                    let clean = self.raw_html(&raw, at, sanitize::clean_inline_tag);
                    walk.push(Event::InlineHtml(clean.into()));
                }
                Event::Text(ref body) => {
                    self.unlinked_chapter(body, text_after_bracket, at, &text[range]);
                    after_bracket = body.ends_with(']');
                    walk.text(event)
                }
                Event::Code(_) => walk.text(event),
                other => walk.push(other),
            }
        }
        let mut html = String::with_capacity(text.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, walk.out.into_iter());
        html
    }

    /// Warns of text written as a link to a chapter that Markdown could not
    /// read as one, since its address holds a space: it would be published
    /// as brackets and a file name. `source` is the text as written, at `at`.
    fn unlinked_chapter(&mut self, body: &str, after_bracket: bool, at: usize, source: &str) {
        let Some((start, address)) = links::unlinked_chapter_address(body, after_bracket) else {
            return;
        };
        // the body differs from the source where an escape was written
        let offset = if body == source { at + start } else { at };
        let hyphenated = address.split_whitespace().collect::<Vec<_>>().join("-");
        let file_name = hyphenated.split('#').next().unwrap_or(&hyphenated);
        let hint = if self.book.slugs.contains_key(file_name) {
            format!("did you mean `{hyphenated}`?")
        } else {
            "write the chapter's file name as it is in `chapters/`, which has no spaces".to_string()
        };
        let problem = self
            .diagnostic_at(offset, format!("this looks like a link to a chapter, but its address `{address}` holds a space, so it is shown as text"))
            .with_hint(hint)
            .as_warning();
        self.problem(problem);
    }

    /// A code block: a component's, drawn by it, or code, highlighted.
    /// `source` is the block as written (its fences included).
    fn code_event<'e>(&mut self, walk: &mut Walk<'e>, event: Event<'e>, at: usize, source: &str) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                walk.code = Some((info, String::new(), at));
            }
            _ => {
                if let Some((info, body, start)) = walk.code.take() {
                    let html = self.code_block(&info, &body, start, source);
                    walk.push(Event::Html(html.into()));
                }
            }
        }
    }

    /// A heading gets its id once its text is known: its start is held as an
    /// empty placeholder until its end.
    fn heading_event<'e>(&mut self, walk: &mut Walk<'e>, event: Event<'e>, at: usize) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                walk.heading = Some(HeadingState {
                    level,
                    explicit_id: id.map(|id| id.to_string()),
                    start: walk.target().len(),
                    text: String::new(),
                    at,
                });
                walk.push(Event::Html(CowStr::Borrowed("")));
            }
            _ => {
                if let Some(state) = walk.heading.take() {
                    let (open, close) =
                        self.heading(state.level, state.explicit_id, &state.text, state.at);
                    walk.target()[state.start] = Event::Html(open.into());
                    walk.push(Event::Html(close.into()));
                }
            }
        }
    }

    /// Links and images get their destinations rewritten and checked; an
    /// image must have a text alternative, and a link whose text is its own
    /// address is marked so print styles do not write the address twice.
    fn link_event<'e>(&mut self, walk: &mut Walk<'e>, event: Event<'e>, at: usize) {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url: CowStr<'_> = self.link(&dest_url, at).into();
                walk.link = Some(LinkState {
                    start: walk.target().len(),
                    url: dest_url.to_string(),
                    text: String::new(),
                });
                walk.push(Event::InlineHtml(CowStr::Borrowed("")));
                walk.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.image(&dest_url, at).into();
                walk.image_alt = Some((String::new(), at));
                walk.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                if let Some((alt, at)) = walk.image_alt.take()
                    && alt.trim().is_empty()
                {
                    let problem = self
                        .diagnostic_at(at, "this image has no text alternative")
                        .with_hint("describe the image inside the brackets: ![A tree whose roots are types of trauma](../assets/tree.png)");
                    self.problem(problem);
                }
                walk.push(Event::End(TagEnd::Image));
            }
            _ => {
                walk.push(Event::End(TagEnd::Link));
                if let Some(state) = walk.link.take()
                    && state.text_is_the_address()
                {
                    // Print styles write a link's address after its text, unless it is the text.
                    walk.target()[state.start] =
                        Event::InlineHtml(CowStr::Borrowed("<span class=\"link-url\">"));
                    walk.push(Event::InlineHtml(CowStr::Borrowed("</span>")));
                }
            }
        }
    }

    /// A table scrolls on its own when wider than the page, as a labelled,
    /// focusable region so keyboard users can scroll it.
    fn table_event<'e>(&mut self, walk: &mut Walk<'e>, event: Event<'e>) {
        match event {
            Event::Start(Tag::Table(alignments)) => {
                let label = self
                    .out
                    .headings
                    .last()
                    .map_or_else(|| self.chapter.front.title.clone(), |h| h.text.clone());
                walk.push(Event::Html(
                    format!("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{} (table)\">", escape(&label)).into(),
                ));
                walk.push(Event::Start(Tag::Table(alignments)));
            }
            _ => {
                walk.push(Event::End(TagEnd::Table));
                walk.push(Event::Html(CowStr::Borrowed("</div>")));
            }
        }
    }

    /// Footnote references are numbered as met; definitions are collected
    /// and written at the chapter's end ([`ChapterRenderer::finish`]).
    fn footnote_event<'e>(&mut self, walk: &mut Walk<'e>, event: Event<'e>, at: usize) {
        match event {
            Event::FootnoteReference(label) => {
                let html = self.footnote_reference(&label, at);
                walk.push(Event::InlineHtml(html.into()));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                walk.footnotes.push((label.to_string(), Vec::new()));
            }
            _ => {
                if let Some((label, events)) = walk.footnotes.pop() {
                    let mut html = String::new();
                    pulldown_cmark::html::push_html(&mut html, events.into_iter());
                    self.footnotes.definitions.insert(label, html);
                }
            }
        }
    }

    /// Markdown for one line of text: no wrapping paragraph.
    pub fn inline(&mut self, text: &str, offset: usize) -> String {
        self.inline_placed(text, Placement::At(offset))
    }

    /// [`Self::inline`] of a text at `placement` in the chapter file.
    pub fn inline_placed(&mut self, text: &str, placement: Placement) -> String {
        let html = self.markdown_placed(text, placement);
        let trimmed = html.trim_end();
        match trimmed
            .strip_prefix("<p>")
            .and_then(|rest| rest.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => html,
        }
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        explicit_id: Option<String>,
        text: &str,
        at: usize,
    ) -> (String, String) {
        let level = level as u8;
        if level == 1 && self.mode == Mode::Site {
            let problem = self
                .diagnostic_at(at, "a chapter's body cannot have a level-1 heading")
                .with_hint(
                    "the chapter's `title` is its only level-1 heading: start sections with `##`",
                );
            self.problem(problem);
        }
        if let Some(id) = &explicit_id
            && self.ids.contains(id)
        {
            let problem = self
                .diagnostic_at(at, format!("the id `{id}` is already used on this page, by a heading or a component above"))
                .with_hint("give this heading another `{#id}`, or leave it out: headings get an id from their text");
            self.problem(problem);
        }
        let wanted = explicit_id.unwrap_or_else(|| slugify(text));
        let id = self.claim_id(&wanted);
        self.out.headings.push(Heading {
            level,
            id: id.clone(),
            text: text.trim().to_string(),
        });
        self.heading_level = level;
        let shown = self.shift_level(level);
        (format!("<h{shown} id=\"{id}\">"), format!("</h{shown}>\n"))
    }

    /// Records the headings with an id in HTML a component drew, as its
    /// Markdown headings are recorded (for "On this page"): their level as
    /// Markdown counts it, and their text as a reader hears it
    /// ([`crate::html::visible_text`]). Headings already recorded (from the
    /// component's Markdown) are not recorded again.
    pub(crate) fn record_headings(&mut self, html: &str) {
        use crate::html::tokens::{Token, attribute, tokens};
        let mut reading = tokens(html);
        while let Some(token) = reading.next() {
            let Token::Start {
                name, attributes, ..
            } = token
            else {
                continue;
            };
            let Some(shown) = heading_level(name) else {
                continue;
            };
            let Some(id) = attribute(attributes, "id").map(crate::html::unescape) else {
                continue;
            };
            let inside = reading.rest();
            let Some(end) = inside.find(&format!("</{name}>")) else {
                continue;
            };
            if !self.out.headings.iter().any(|heading| heading.id == id) {
                let level = match self.mode {
                    Mode::Site => shown,
                    Mode::Print => shown - 1,
                };
                let text = crate::html::visible_text(&inside[..end]);
                self.out.headings.push(Heading { level, id, text });
            }
        }
    }

    /// The HTML heading level for a Markdown level: one deeper on the print
    /// page, where chapters are sections of one document.
    pub fn shift_level(&self, level: u8) -> u8 {
        match self.mode {
            Mode::Site => level.min(6),
            Mode::Print => (level + 1).min(6),
        }
    }

    /// Records a link to another site for `check`'s list, and returns it.
    pub fn external_link(&mut self, url: &str) -> String {
        if self.mode == Mode::Site {
            self.out.external_links.push(url.to_string());
        }
        url.to_string()
    }

    fn link(&mut self, dest: &str, at: usize) -> String {
        match links::classify(dest) {
            Destination::External(url) => self.external_link(url),
            Destination::SameChapter { anchor } => {
                let slug = self.chapter.slug.clone();
                self.internal_link(&slug, anchor, at)
            }
            Destination::Chapter { file_name, anchor } => {
                match self.book.slugs.get(file_name) {
                    Some(slug) => {
                        let slug = slug.to_string();
                        match anchor {
                            Some(anchor) => self.internal_link(&slug, anchor, at),
                            None => self.chapter_url(&slug, None),
                        }
                    }
                    None if self.book.excluded.contains_key(file_name) => {
                        let problem = self.excluded_link(file_name, at);
                        self.problem(problem);
                        dest.to_string()
                    }
                    None => {
                        let known: Vec<&str> = self.book.slugs.keys().copied().collect();
                        let hint = match did_you_mean(file_name, &known) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => "link to a chapter by its file name, for example `02-introduction.md`".to_string(),
                    };
                        let problem = self.diagnostic_at(at, format!("the link points to a chapter that does not exist: `{file_name}`")).with_hint(hint);
                        self.problem(problem);
                        dest.to_string()
                    }
                }
            }
            Destination::Asset { path, fragment } => {
                let url = self.asset_url(&path, dest, at);
                match fragment {
                    Some(fragment) => format!("{url}#{fragment}"),
                    None => url,
                }
            }
            Destination::Invalid { reason, hint } => {
                let problem = self.diagnostic_at(at, reason).with_hint(hint);
                self.problem(problem);
                "#".to_string()
            }
        }
    }

    /// A link to a chapter the handbook leaves out of its base's.
    fn excluded_link(&self, file_name: &str, at: usize) -> Diagnostic {
        let excluded = self.book.excluded[file_name];
        let slug = &self.chapter.slug;
        self.diagnostic_at(
            at,
            format!(
                "the link points to {}, a chapter this handbook leaves out (`exclude:` in handbook.yaml)",
                excluded.display()
            ),
        )
        .with_hint(format!(
            "remove the link; or leave this chapter out too (add `{slug}` to `exclude:`); or, in a handbook that extends this chapter's, replace it with your own without the link (`handbook override {slug}`)"
        ))
    }

    fn image(&mut self, dest: &str, at: usize) -> String {
        match links::classify(dest) {
            Destination::Asset { path, .. } => self.asset_url(&path, dest, at),
            Destination::External(_) => {
                let problem = self
                    .diagnostic_at(at, format!("the image `{dest}` is on another website"))
                    .with_hint("pages fetch nothing from other hosts: save the image in `assets/` and link to it as `../assets/NAME`");
                self.problem(problem);
                String::new()
            }
            _ => {
                let problem = self
                    .diagnostic_at(
                        at,
                        format!("the image `{dest}` is not in the handbook's `assets/` folder"),
                    )
                    .with_hint("save the image in `assets/` and link to it as `../assets/NAME`");
                self.problem(problem);
                String::new()
            }
        }
    }

    fn asset_url(&mut self, path: &str, written: &str, at: usize) -> String {
        match self.book.assets.get(path) {
            Some(output) => format!("{}{output}", self.root()),
            None => {
                let known: Vec<&str> = self.book.assets.keys().map(String::as_str).collect();
                let hint = match did_you_mean(path, &known) {
                    Some(best) => format!("did you mean `../assets/{best}`?"),
                    None => "check the file name, and that the file is in the handbook's `assets/` folder".to_string(),
                };
                let problem = self
                    .diagnostic_at(at, format!("the file `{written}` does not exist"))
                    .with_hint(hint);
                self.problem(problem);
                String::new()
            }
        }
    }

    fn internal_link(&mut self, slug: &str, anchor: &str, at: usize) -> String {
        if self.mode == Mode::Site {
            self.out.internal_links.push(InternalLink {
                slug: slug.to_string(),
                anchor: anchor.to_string(),
                offset: at,
            });
        }
        self.chapter_url(slug, Some(anchor))
    }

    /// The URL of a chapter (and anchor) from the current page.
    pub fn chapter_url(&self, slug: &str, anchor: Option<&str>) -> String {
        match (self.mode, anchor) {
            (Mode::Site, Some(anchor)) if slug == self.chapter.slug => format!("#{anchor}"),
            (Mode::Site, Some(anchor)) => format!("{}{slug}/index.html#{anchor}", self.root()),
            (Mode::Site, None) => format!("{}{slug}/index.html", self.root()),
            (Mode::Print, Some(anchor)) => format!("#{slug}--{anchor}"),
            (Mode::Print, None) => format!("#{slug}"),
        }
    }

    fn footnote_reference(&mut self, label: &str, at: usize) -> String {
        let prefix = self.id_prefix();
        let notes = &mut self.footnotes;
        if !notes.references.contains_key(label) {
            notes.order.push(label.to_string());
            notes.first_use.insert(label.to_string(), at);
        }
        let number = notes.order.len();
        let (number, count) = notes
            .references
            .entry(label.to_string())
            .or_insert((number, 0));
        *count += 1;
        let (number, count) = (*number, *count);
        let key = slugify(label);
        let back_id = if count == 1 {
            format!("fnref-{key}")
        } else {
            format!("fnref-{key}-{count}")
        };
        format!(
            "<sup class=\"footnote-ref\"><a href=\"#{prefix}fn-{key}\" id=\"{prefix}{back_id}\" aria-label=\"Note {number}\">{number}</a></sup>"
        )
    }

    /// Raw HTML is refused unless the handbook allows it, and then sanitised.
    fn raw_html(&mut self, raw: &str, at: usize, clean: fn(&str) -> String) -> String {
        if raw.trim().is_empty() || raw.trim_start().starts_with("<!--") {
            return String::new();
        }
        if self.book.allow_html {
            return clean(raw);
        }
        let problem = self
            .diagnostic_at(at, "raw HTML is not allowed in chapters")
            .with_hint("use Markdown instead, or set `allow_html: true` in handbook.yaml (the HTML is then sanitised)");
        self.problem(problem);
        String::new()
    }

    /// A fenced block: drawn by the component of its name, else code. A
    /// component's block left open is one problem at its opening line, not
    /// the YAML parser's complaint about the prose it swallowed.
    fn code_block(&mut self, info: &str, body: &str, start: usize, source: &str) -> String {
        let name = info.split_whitespace().next().unwrap_or("");
        let blocks = self.book.blocks;
        let names = blocks.names();
        let fence = fences::opening(source);
        if let Some(fence) = fence
            && !name.is_empty()
            && fences::is_unclosed(source, fence)
        {
            let problem = self
                .diagnostic_at(start, format!("this {fence}{name} block is never closed: add {fence} after its last line"))
                .with_hint(format!("a block ends at a line holding only {fence}; without it, the text below is read as part of the block"));
            if names.contains(&name) {
                self.failed(problem);
                return String::new();
            }
            self.problem(problem.as_warning());
        }
        // The YAML starts on the line after the opening fence.
        let body_offset = source.find('\n').map_or(start, |i| start + i + 1);
        if let Some(drawn) = blocks.draw(name, body, body_offset, self) {
            return drawn.unwrap_or_else(|problem| {
                self.failed(problem);
                String::new()
            });
        }
        if fence.is_some() && !name.is_empty() && !highlight::is_known_language(name) {
            let close = did_you_mean(name, &names);
            let nearest = || {
                names
                    .iter()
                    .min_by_key(|known| strsim::damerau_levenshtein(name, known))
                    .copied()
            };
            let suggestion =
                close.or_else(|| fences::looks_like_a_mapping(body).then(nearest).flatten());
            if let Some(best) = suggestion {
                let problem = self
                    .diagnostic_at(start, format!("`{name}` is not a component or a known language: this block is shown as code"))
                    .with_hint(format!("did you mean the component `{best}`? Write ```{best} on the opening line; see docs/components.md"))
                    .as_warning();
                self.problem(problem);
            }
        }
        highlight::highlight(body, name)
    }

    fn finish(mut self, mut html: String) -> Rendered {
        if self.chapter.body().trim().is_empty() {
            let problem = self
                .diagnostic_at(self.chapter.body_start, "this chapter has no text after its front matter")
                .with_hint("write the chapter's text below the closing `---` line, or mark it `draft: true` until it is ready")
                .as_warning();
            self.problem(problem);
        }
        if !self.footnotes.order.is_empty() {
            let prefix = self.id_prefix();
            let level = self.shift_level(2);
            let notes_id = self.claim_id("notes");
            html.push_str(&format!("<section class=\"footnotes\" aria-labelledby=\"{notes_id}\">\n<h{level} id=\"{notes_id}\">Notes</h{level}>\n<ol>\n"));
            for (index, label) in self.footnotes.order.clone().iter().enumerate() {
                let key = slugify(label);
                if self.mode == Mode::Site {
                    self.out.anchors.push(format!("fn-{key}"));
                }
                match self.footnotes.definitions.get(label) {
                    Some(definition) => html.push_str(&format!(
                        "<li id=\"{prefix}fn-{key}\">{} <a href=\"#{prefix}fnref-{key}\" class=\"footnote-back\" aria-label=\"Back to the text of note {}\">↩</a></li>\n",
                        definition.trim(),
                        index + 1
                    )),
                    None => {
                        let at = self.footnotes.first_use.get(label).copied().unwrap_or(0);
                        let problem = self
                            .diagnostic_at(at, format!("the footnote `[^{label}]` has no text"))
                            .with_hint(format!("add a line `[^{label}]: The note's text` at the end of the chapter"));
                        self.problem(problem);
                    }
                }
            }
            html.push_str("</ol>\n</section>\n");
        }
        self.out.html = html;
        self.out
    }
}

/// 2 for `h2`: the level of an HTML heading element's name.
fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', digit @ b'1'..=b'6'] => Some(digit - b'0'),
        _ => None,
    }
}

/// The events of one walk through some Markdown, rewritten, and what is
/// open at the current event.
#[derive(Default)]
struct Walk<'e> {
    out: Vec<Event<'e>>,
    /// Footnote definitions being read: their events go to them, not `out`.
    footnotes: Vec<(String, Vec<Event<'e>>)>,
    heading: Option<HeadingState>,
    /// A code block's info string, text and offset.
    code: Option<(String, String, usize)>,
    image_alt: Option<(String, usize)>,
    link: Option<LinkState>,
}

impl<'e> Walk<'e> {
    /// Where events go now: the open footnote definition, else the output.
    fn target(&mut self) -> &mut Vec<Event<'e>> {
        match self.footnotes.last_mut() {
            Some((_, events)) => events,
            None => &mut self.out,
        }
    }

    fn push(&mut self, event: Event<'e>) {
        self.target().push(event);
    }

    fn code_text(&mut self, text: &str) {
        if let Some((_, body, _)) = self.code.as_mut() {
            body.push_str(text);
        }
    }

    /// Text, also noted as the text of the open heading, link or image.
    fn text(&mut self, event: Event<'e>) {
        if let Event::Text(text) | Event::Code(text) = &event {
            if let Some(state) = self.heading.as_mut() {
                state.text.push_str(text);
            }
            if matches!(event, Event::Text(_)) {
                if let Some(state) = self.link.as_mut() {
                    state.text.push_str(text);
                }
                if let Some((alt, _)) = self.image_alt.as_mut() {
                    alt.push_str(text);
                }
            }
        }
        self.push(event);
    }
}

/// An open link, to tell whether its text is its own address.
struct LinkState {
    /// Index of the placeholder event before the link's start.
    start: usize,
    url: String,
    text: String,
}

impl LinkState {
    /// `[www.example.org/page](https://www.example.org/page)` and the like.
    fn text_is_the_address(&self) -> bool {
        let bare = |address: &str| -> String {
            let address = address.trim();
            let address = address
                .strip_prefix("https://")
                .or_else(|| address.strip_prefix("http://"))
                .unwrap_or(address);
            address.trim_end_matches('/').to_lowercase()
        };
        self.url.starts_with("http") && !self.text.is_empty() && bare(&self.text) == bare(&self.url)
    }
}

struct HeadingState {
    level: HeadingLevel,
    explicit_id: Option<String>,
    start: usize,
    text: String,
    at: usize,
}

#[cfg(test)]
mod tests {
    use super::LinkState;

    fn link(url: &str, text: &str) -> LinkState {
        LinkState {
            start: 0,
            url: url.into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_link_whose_text_is_its_address_is_recognised() {
        assert!(link("https://www.example.org/page", "www.example.org/page").text_is_the_address());
        assert!(link("https://example.org/", "https://Example.org").text_is_the_address());
    }

    #[test]
    fn a_link_with_words_or_a_local_target_is_not() {
        assert!(!link("https://www.example.org/page", "Example page").text_is_the_address());
        assert!(!link("../welcome/index.html", "../welcome/index.html").text_is_the_address());
        assert!(!link("https://example.org/", "").text_is_the_address());
    }
}
