//! `gen-corpus`: writes a large, realistic handbook for benchmarks.
//!
//! `cargo run --release -p handbook-bench --bin gen-corpus -- --chapters 1000 --out /tmp/corpus-1000 [--variant plain]`
//!
//! Every chapter is 6–12 KB of Markdown with headings, paragraphs, lists,
//! tables, block quotes, footnotes, links to other chapters and their
//! headings, and component blocks. The output depends only on the arguments
//! (a small seeded generator, no clock, no randomness from the system), so
//! every run and every machine benchmarks the same text.
//!
//! Variants, to find where the time goes on handbooks unlike this one (all
//! but `standard` without components, so other generators can build the
//! same Markdown):
//!
//! - `standard`: as above;
//! - `plain`: the same chapters without components;
//! - `tables`: chapters mostly of long tables (10–40 rows) and long lists;
//! - `short`: many short chapters, 0.5–2 KB with one or two headings;
//! - `long`: few very long chapters: one for every 20 asked for, each about
//!   20 times as long (90–190 KB, 40–80 headings), the same text in all.
//!
//! `--layout hugo` or `--layout mdbook` writes the same chapters as Hugo's or
//! mdBook's input instead (for `scripts/bench`, which builds all three):
//! Hugo's `content/` with the front matter as it is and two small templates
//! (a page with its contents list and neighbours, a home page listing every
//! page); mdBook's `src/` with a `SUMMARY.md`, each chapter's front matter
//! made its first heading (mdBook reads none), links left as they are.
//!
//! `--editions cy` (codes separated by commas; handbook layout only) adds a
//! language edition per code: `languages:` in `handbook.yaml`, and beside
//! every chapter `NN-slug.LANG.md`, a "translation" that is the original's
//! text with `translation_of:` recording its version (a copy kept in
//! `.handbook/originals/`, as `handbook translate` does), so each edition has
//! as many pages to build as the handbook's own language, with no warnings.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)) {
        Ok(args) => match write_corpus(&args) {
            Ok(bytes) => {
                println!(
                    "wrote {} chapters ({} KB of Markdown) to {}",
                    args.variant.chapters(args.chapters),
                    bytes / 1024,
                    args.out.display()
                );
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: cannot write the corpus: {error}");
                ExitCode::FAILURE
            }
        },
        Err(message) => {
            eprintln!("error: {message}");
            eprintln!(
                "usage: gen-corpus --chapters N --out DIR [--seed N] [--variant standard|plain|tables|short|long] [--layout handbook|hugo|mdbook] [--editions CODE,CODE]"
            );
            ExitCode::from(2)
        }
    }
}

struct Args {
    chapters: usize,
    out: PathBuf,
    seed: u64,
    variant: Variant,
    layout: Layout,
    /// Language codes of the editions to add, each a copy of every chapter.
    editions: Vec<String>,
}

/// Whose input to write.
#[derive(Clone, Copy, PartialEq)]
enum Layout {
    Handbook,
    Hugo,
    Mdbook,
}

/// The kind of handbook to write (see the top of this file).
#[derive(Clone, Copy, PartialEq)]
enum Variant {
    Standard,
    Plain,
    Tables,
    Short,
    Long,
}

impl Variant {
    fn parse(name: &str) -> Option<Variant> {
        Some(match name {
            "standard" => Variant::Standard,
            "plain" => Variant::Plain,
            "tables" => Variant::Tables,
            "short" => Variant::Short,
            "long" => Variant::Long,
            _ => return None,
        })
    }

    /// Chapters written for `asked` chapters.
    fn chapters(self, asked: usize) -> usize {
        match self {
            Variant::Long => asked.div_ceil(20),
            _ => asked,
        }
    }

    /// The range of a chapter's size to aim at, in bytes.
    fn size(self) -> (usize, usize) {
        match self {
            Variant::Short => (512, 2048),
            Variant::Long => (20 * 9 * 512, 20 * 19 * 512),
            _ => (9 * 512, 19 * 512),
        }
    }

    /// The range of a chapter's number of second-level headings.
    fn headings(self) -> (usize, usize) {
        match self {
            Variant::Short => (1, 2),
            Variant::Long => (40, 80),
            _ => (3, 6),
        }
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut chapters = None;
    let mut out = None;
    let mut seed = 1;
    let mut variant = Variant::Standard;
    let mut layout = Layout::Handbook;
    let mut editions = Vec::new();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("`{flag}` needs a value"));
        match flag.as_str() {
            "--chapters" => {
                let n = value()?;
                chapters = Some(
                    n.parse()
                        .ok()
                        .filter(|&n: &usize| n > 0)
                        .ok_or(format!("`--chapters {n}` is not a positive number"))?,
                );
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "--seed" => {
                let n = value()?;
                seed = n
                    .parse()
                    .map_err(|_| format!("`--seed {n}` is not a number"))?;
            }
            "--variant" => {
                let name = value()?;
                variant = Variant::parse(&name).ok_or(format!(
                    "`--variant {name}` is none of standard, plain, tables, short, long"
                ))?;
            }
            "--layout" => {
                layout = match value()?.as_str() {
                    "handbook" => Layout::Handbook,
                    "hugo" => Layout::Hugo,
                    "mdbook" => Layout::Mdbook,
                    other => {
                        return Err(format!(
                            "`--layout {other}` is none of handbook, hugo, mdbook"
                        ));
                    }
                };
            }
            "--editions" => {
                let codes = value()?;
                editions = codes
                    .split(',')
                    .map(|code| code.trim().to_string())
                    .collect();
                if let Some(bad) = editions.iter().find(|code| {
                    code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                }) {
                    return Err(format!(
                        "`--editions {codes}`: `{bad}` is not a language code such as `cy`"
                    ));
                }
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if !editions.is_empty() && layout != Layout::Handbook {
        return Err("`--editions` writes the handbook layout only".into());
    }
    Ok(Args {
        chapters: chapters.ok_or("`--chapters N` is required")?,
        out: out.ok_or("`--out DIR` is required")?,
        seed,
        variant,
        layout,
        editions,
    })
}

/// Writes handbook.yaml and the chapters; returns the Markdown's size in bytes.
fn write_corpus(args: &Args) -> std::io::Result<usize> {
    let chapters_dir = args.out.join(match args.layout {
        Layout::Handbook => "chapters",
        Layout::Hugo => "content",
        Layout::Mdbook => "src",
    });
    if chapters_dir.exists() {
        // a smaller corpus written over a larger one must not keep stale chapters
        std::fs::remove_dir_all(&chapters_dir)?;
    }
    std::fs::create_dir_all(&chapters_dir)?;
    let outlines = outlines(
        args.variant.chapters(args.chapters),
        args.seed,
        args.variant,
    );
    let mut summary = String::from("# Summary\n\n");
    match args.layout {
        Layout::Handbook => std::fs::write(
            args.out.join("handbook.yaml"),
            format!("{HANDBOOK_YAML}{}", languages_yaml(&args.editions)),
        )?,
        Layout::Hugo => {
            std::fs::write(args.out.join("hugo.toml"), HUGO_TOML)?;
            let layouts = args.out.join("layouts/_default");
            std::fs::create_dir_all(&layouts)?;
            std::fs::write(layouts.join("single.html"), HUGO_PAGE)?;
            std::fs::write(args.out.join("layouts/index.html"), HUGO_HOME)?;
        }
        Layout::Mdbook => std::fs::write(args.out.join("book.toml"), MDBOOK_TOML)?,
    }
    let mut total = 0;
    for (index, outline) in outlines.iter().enumerate() {
        let mut text = chapter(index, &outlines, args.seed, args.variant);
        total += text.len();
        if args.layout == Layout::Mdbook {
            // the front matter's title as the first heading, the rest dropped
            let body = text.splitn(3, "---\n").nth(2).unwrap_or_default();
            text = format!("# {}\n{body}", outline.title);
            let _ = writeln!(summary, "- [{}]({})", outline.title, outline.file_name);
        }
        for code in &args.editions {
            let stem = outline.file_name.trim_end_matches(".md");
            let name = format!("{stem}.{code}.md");
            std::fs::write(chapters_dir.join(name), translation(&args.out, &text)?)?;
        }
        std::fs::write(chapters_dir.join(&outline.file_name), text)?;
    }
    if args.layout == Layout::Mdbook {
        std::fs::write(chapters_dir.join("SUMMARY.md"), summary)?;
    }
    Ok(total)
}

/// `languages:` for `handbook.yaml`, listing `codes` (nothing when none).
fn languages_yaml(codes: &[String]) -> String {
    if codes.is_empty() {
        return String::new();
    }
    let mut yaml = String::from("languages:\n");
    for code in codes {
        let _ = write!(yaml, "  - code: {code}\n    name: Edition {code}\n");
    }
    yaml
}

/// A translation of `original` as `handbook translate` starts one: the same
/// text recording the original's version, kept in the corpus's
/// `.handbook/originals/` by the generator's own code.
fn translation(corpus: &std::path::Path, original: &str) -> std::io::Result<String> {
    use handbook::load::derived::{Derivation, Derived, Originals, stamp};
    let derived = Derived {
        file: std::path::Path::new("translation.md"),
        text: original,
        derivation: Derivation::Translation,
    };
    stamp(derived, original, &Originals::of(corpus))
        .map_err(|error| std::io::Error::other(error.to_string()))
}

const HUGO_TOML: &str = "\
baseURL = 'https://example.org/handbook/'
title = 'The Generated Practice Handbook'
languageCode = 'en-GB'
disableKinds = ['taxonomy', 'term', 'RSS', 'section']
[markup.tableOfContents]
startLevel = 2
endLevel = 3
";

const HUGO_PAGE: &str = r#"<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{{ .Title }} | {{ site.Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<nav aria-label="On this page">{{ .TableOfContents }}</nav>
<main><h1>{{ .Title }}</h1>{{ with .Summary }}<p>{{ . }}</p>{{ end }}{{ .Content }}</main>
<nav aria-label="Chapters">{{ with .Prev }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .Next }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav></body></html>
"#;

const HUGO_HOME: &str = r#"<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{{ site.Title }}</title></head>
<body><main><h1>{{ site.Title }}</h1><ol>{{ range site.RegularPages.ByWeight }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ol></main></body></html>
"#;

const MDBOOK_TOML: &str = "\
[book]
title = \"The Generated Practice Handbook\"
language = \"en\"
";

const HANDBOOK_YAML: &str = "\
# A generated handbook for benchmarks (gen-corpus); its text is nonsense on purpose.
title: The Generated Practice Handbook
subtitle: A benchmark corpus
organisation: Handbook Benchmarks
language: en-GB
base_url: https://example.org/handbook
description: >-
  A generated handbook of realistic chapters, used to measure how fast the
  generator builds large handbooks.
published: \"2026\"
contact:
  name: Benchmarks team
  email: bench@example.org
licence: CC BY 4.0
print:
  paper: A4
  running_title: true
";

/// SplitMix64: tiny, fast and good enough to vary text deterministically.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + (self.next() % (high - low + 1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() - 1)]
    }

    /// True with probability `percent` in 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.range(1, 100) <= percent
    }
}

/// What other chapters need to know about a chapter: its file and headings.
struct Outline {
    file_name: String,
    title: String,
    /// Second- and third-level headings: (level, text, id).
    headings: Vec<(u8, String, String)>,
}

fn outlines(count: usize, seed: u64, variant: Variant) -> Vec<Outline> {
    let width = count.to_string().len().max(2);
    (0..count)
        .map(|index| {
            let mut rng = Rng::new(seed, index as u64);
            let title = format!("{} {}", capitalise(rng.pick(TITLE_WORDS)), rng.pick(TOPICS));
            // the index keeps slugs unique however the words fall
            let slug = format!("{}-{}", slug_of(&title), index + 1);
            let mut headings = Vec::new();
            let mut taken = std::collections::HashSet::new();
            let (fewest, most) = variant.headings();
            for _ in 0..rng.range(fewest, most) {
                push_heading(&mut rng, &mut headings, &mut taken, 2);
                for _ in 0..rng.range(0, 1) {
                    push_heading(&mut rng, &mut headings, &mut taken, 3);
                }
            }
            Outline {
                file_name: format!("{:0width$}-{slug}.md", index + 1),
                title,
                headings,
            }
        })
        .collect()
}

fn push_heading(
    rng: &mut Rng,
    headings: &mut Vec<(u8, String, String)>,
    taken: &mut std::collections::HashSet<String>,
    level: u8,
) {
    loop {
        let text = format!(
            "{} {} {}",
            capitalise(rng.pick(VERBS)),
            rng.pick(ADJECTIVES),
            rng.pick(NOUNS)
        );
        let id = slug_of(&text);
        if taken.insert(id.clone()) {
            headings.push((level, text, id));
            return;
        }
    }
}

/// The generator's own slugify; generated words are plain ASCII, so this
/// matches the handbook's heading ids.
fn slug_of(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The Markdown of chapter `index`.
fn chapter(index: usize, outlines: &[Outline], seed: u64, variant: Variant) -> String {
    let outline = &outlines[index];
    let mut rng = Rng::new(seed ^ 0x00C0_FFEE, index as u64);
    // aim low: the last block and the footnotes go past the aim
    let (smallest, largest) = variant.size();
    let target = rng.range(smallest, largest);
    let mut text = String::with_capacity(target + 2048);
    let _ = write!(
        text,
        "---\ntitle: {}\nsummary: {}\nupdated: 2026-{:02}-{:02}\n---\n\n",
        outline.title,
        sentence(&mut rng, 10, 18).trim_end_matches('.'),
        rng.range(1, 12),
        rng.range(1, 28)
    );
    let mut writer = Writer {
        rng,
        index,
        outlines,
        footnotes: 0,
        variant,
    };
    writer.paragraph(&mut text);
    if variant == Variant::Standard {
        writer.quote_component(&mut text);
    }
    let headings = &outline.headings;
    // share the size out over the sections so every heading gets a body
    let start = text.len();
    for (number, (level, heading, _)) in headings.iter().enumerate() {
        let _ = write!(text, "{} {heading}\n\n", "#".repeat(*level as usize));
        let section_end = start + target * (number + 1) / headings.len();
        writer.paragraph(&mut text);
        while text.len() < section_end {
            writer.block(&mut text);
        }
    }
    writer.footnote_definitions(&mut text);
    text
}

struct Writer<'a> {
    rng: Rng,
    index: usize,
    outlines: &'a [Outline],
    footnotes: usize,
    variant: Variant,
}

impl Writer<'_> {
    fn block(&mut self, out: &mut String) {
        match self.variant {
            Variant::Standard => self.any_block(out),
            Variant::Tables => match self.rng.range(0, 99) {
                0..=44 => self.long_table(out),
                45..=79 => self.long_list(out),
                _ => self.paragraph(out),
            },
            _ => match self.rng.range(0, 99) {
                0..=49 => self.paragraph(out),
                50..=66 => self.list(out),
                67..=75 => self.numbered_list(out),
                76..=84 => self.table(out),
                85..=91 => self.block_quote(out),
                _ => self.checklist_paragraph(out),
            },
        }
    }

    /// Any block, components among them.
    fn any_block(&mut self, out: &mut String) {
        match self.rng.range(0, 99) {
            0..=44 => self.paragraph(out),
            45..=59 => self.list(out),
            60..=67 => self.numbered_list(out),
            68..=75 => self.table(out),
            76..=80 => self.block_quote(out),
            81..=86 => self.quote_component(out),
            87..=95 => self.component(out),
            _ => self.checklist_paragraph(out),
        }
    }

    fn paragraph(&mut self, out: &mut String) {
        for _ in 0..self.rng.range(1, 4) {
            let s = self.rich_sentence();
            out.push_str(&s);
            out.push(' ');
        }
        out.pop();
        out.push_str("\n\n");
    }

    /// A sentence with, now and then, emphasis, a link or a footnote.
    fn rich_sentence(&mut self) -> String {
        self.sentence_with(8, 22, 9)
    }

    /// A sentence for a component's field: emphasis or a link, never a
    /// footnote (a note belongs to the chapter's text), never starting with
    /// a character YAML would read as syntax.
    fn field(&mut self, low: usize, high: usize) -> String {
        self.sentence_with(low, high, 4)
    }

    /// `low..=high` words; `kinds` 9 allows footnotes, 4 only emphasis and links.
    fn sentence_with(&mut self, low: usize, high: usize, kinds: usize) -> String {
        let rng = &mut self.rng;
        let mut words: Vec<String> = sentence(rng, low.max(3), high.max(3))
            .split(' ')
            .map(str::to_string)
            .collect();
        let at = self.rng.range(1, words.len() - 1);
        match self.rng.range(0, kinds) {
            0 => words[at] = format!("**{}**", words[at]),
            1 => words[at] = format!("*{}*", words[at]),
            2 | 3 => {
                let link = self.cross_link();
                words.insert(at, link);
            }
            4 => {
                let n = self.rng.range(1, 500);
                words.insert(
                    at,
                    format!(
                        "[the {} guidance](https://www.example.org/guidance/{n})",
                        self.rng.pick(ADJECTIVES)
                    ),
                );
            }
            5 => {
                self.footnotes += 1;
                let last = words.len() - 1;
                let word = words[last].trim_end_matches('.').to_string();
                words[last] = format!("{word}[^{}].", self.footnotes);
            }
            _ => {}
        }
        words.join(" ")
    }

    /// A link to another chapter, to one of its headings, or to a heading of this one.
    fn cross_link(&mut self) -> String {
        let (words, destination) = self.cross_target();
        format!("[{words}]({destination})")
    }

    /// Words and a destination for a link: mostly to near neighbours, as real
    /// handbooks link, sometimes anywhere, sometimes within the chapter.
    fn cross_target(&mut self) -> (String, String) {
        let count = self.outlines.len();
        let target = if count > 1 && self.rng.chance(80) {
            if self.rng.chance(70) {
                let distance = self.rng.range(1, 5.min(count - 1));
                (self.index + distance) % count
            } else {
                self.rng.range(0, count - 1)
            }
        } else {
            self.index
        };
        let outline = &self.outlines[target];
        let heading = &outline.headings[self.rng.range(0, outline.headings.len() - 1)];
        let words = heading.1.to_lowercase();
        if target == self.index {
            (words, format!("#{}", heading.2))
        } else if self.rng.chance(30) {
            (outline.title.clone(), outline.file_name.clone())
        } else {
            (words, format!("{}#{}", outline.file_name, heading.2))
        }
    }

    fn list(&mut self, out: &mut String) {
        for _ in 0..self.rng.range(3, 7) {
            let item = self.rich_sentence();
            let _ = writeln!(out, "- {item}");
            if self.rng.chance(15) {
                for _ in 0..self.rng.range(1, 3) {
                    let _ = writeln!(out, "  - {}", sentence(&mut self.rng, 4, 10));
                }
            }
        }
        out.push('\n');
    }

    /// A list of 10–30 items, some with a sentence more.
    fn long_list(&mut self, out: &mut String) {
        for _ in 0..self.rng.range(10, 30) {
            let item = self.rich_sentence();
            let _ = writeln!(out, "- {item}");
        }
        out.push('\n');
    }

    /// A table of 3–6 columns and 10–40 rows.
    fn long_table(&mut self, out: &mut String) {
        let columns = self.rng.range(3, 6);
        let headers: Vec<String> = (0..columns)
            .map(|_| capitalise(self.rng.pick(NOUNS)))
            .collect();
        let _ = writeln!(out, "| {} |", headers.join(" | "));
        let _ = writeln!(out, "|{}", " --- |".repeat(columns));
        for _ in 0..self.rng.range(10, 40) {
            let cells: Vec<String> = (0..columns)
                .map(|column| match column {
                    0 => capitalise(self.rng.pick(VERBS)),
                    _ => sentence(&mut self.rng, 1, 6)
                        .trim_end_matches('.')
                        .to_string(),
                })
                .collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out.push('\n');
    }

    fn numbered_list(&mut self, out: &mut String) {
        for n in 1..=self.rng.range(3, 6) {
            let _ = writeln!(out, "{n}. {}", self.rich_sentence());
        }
        out.push('\n');
    }

    fn checklist_paragraph(&mut self, out: &mut String) {
        let _ = write!(
            out,
            "**{}:** {}\n\n",
            capitalise(self.rng.pick(NOUNS)),
            self.rich_sentence()
        );
    }

    fn table(&mut self, out: &mut String) {
        let columns = self.rng.range(2, 4);
        let headers: Vec<String> = (0..columns)
            .map(|_| capitalise(self.rng.pick(NOUNS)))
            .collect();
        let _ = writeln!(out, "| {} |", headers.join(" | "));
        let _ = writeln!(out, "|{}", " --- |".repeat(columns));
        for _ in 0..self.rng.range(2, 6) {
            let cells: Vec<String> = (0..columns)
                .map(|_| {
                    sentence(&mut self.rng, 2, 7)
                        .trim_end_matches('.')
                        .to_string()
                })
                .collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out.push('\n');
    }

    fn block_quote(&mut self, out: &mut String) {
        let _ = write!(
            out,
            "> {}\n>\n> {}\n\n",
            sentence(&mut self.rng, 12, 24),
            sentence(&mut self.rng, 8, 16)
        );
    }

    fn quote_component(&mut self, out: &mut String) {
        let text = sentence(&mut self.rng, 14, 30);
        let who = format!(
            "{} {}",
            capitalise(self.rng.pick(PLACES)),
            self.rng.pick(ROLES)
        );
        let _ = write!(out, "```quote\ntext: |\n  {text}\nattribution: {who}\n");
        if self.rng.chance(40) {
            let _ = writeln!(
                out,
                "source: \"*{}*, {}\"",
                capitalise(self.rng.pick(NOUNS)),
                self.rng.range(2015, 2026)
            );
        }
        out.push_str("```\n\n");
    }

    /// One of the handbook's other components, the smaller ones more often.
    fn component(&mut self, out: &mut String) {
        match self.rng.range(0, 99) {
            0..=11 => self.framework(out),
            12..=23 => self.case_study(out),
            24..=33 => self.outcomes(out),
            34..=43 => self.actions(out),
            44..=51 => self.focus_areas(out),
            52..=59 => self.worksheet(out),
            60..=67 => self.exercise(out),
            68..=77 => self.resources(out),
            78..=81 => self.vision_wheel(out),
            82..=85 => self.brain(out),
            86..=89 => self.trauma_tree(out),
            90..=94 => self.pillars(out),
            _ => self.principles(out),
        }
    }

    fn title(&mut self) -> String {
        format!(
            "{} {} {}",
            capitalise(self.rng.pick(VERBS)),
            self.rng.pick(ADJECTIVES),
            self.rng.pick(NOUNS)
        )
    }

    fn framework(&mut self, out: &mut String) {
        let _ = write!(
            out,
            "```framework\ncaption: {}\nintro: {}\nparts:\n",
            self.title(),
            self.field(10, 20)
        );
        for name in ["Head", "Heart", "Hands"] {
            let _ = write!(
                out,
                "  - name: {name}\n    summary: {}\n    text: |\n      {}\n\n      {}\n",
                sentence(&mut self.rng, 5, 9).trim_end_matches('.'),
                self.field(10, 20),
                self.field(8, 16)
            );
            if self.rng.chance(60) {
                let (words, destination) = self.cross_target();
                let _ = write!(
                    out,
                    "    links:\n      - href: \"{destination}\"\n        text: Find out more about {words}\n"
                );
            }
        }
        out.push_str("```\n\n");
    }

    fn case_study(&mut self, out: &mut String) {
        let _ = write!(
            out,
            "```case-study\ntitle: {}\norganisation: {} {}\nstandfirst: {}\nbody: |\n",
            self.title(),
            capitalise(self.rng.pick(PLACES)),
            self.rng.pick(ORGANISATIONS),
            self.field(10, 18)
        );
        for _ in 0..self.rng.range(2, 4) {
            let _ = write!(out, "  {} {}\n\n", self.field(12, 24), self.field(8, 20));
        }
        out.pop();
        let _ = write!(
            out,
            "author: {}, {} {}\n```\n\n",
            capitalise(self.rng.pick(NAMES)),
            capitalise(self.rng.pick(PLACES)),
            self.rng.pick(ROLES)
        );
    }

    fn outcomes(&mut self, out: &mut String) {
        let _ = write!(out, "```outcomes\ntitle: {}\noutcomes:\n", self.title());
        for _ in 0..self.rng.range(2, 5) {
            let _ = writeln!(out, "  - {}", self.field(6, 14));
        }
        out.push_str("metrics:\n");
        for _ in 0..self.rng.range(2, 4) {
            let _ = writeln!(out, "  - {}", sentence(&mut self.rng, 4, 9));
        }
        out.push_str("```\n\n");
    }

    fn actions(&mut self, out: &mut String) {
        out.push_str("```actions\nroles:\n");
        for _ in 0..self.rng.range(1, 3) {
            let _ = write!(
                out,
                "  - role: As a {}\n    lead: \"wanting to {} {} {}, I could:\"\n    actions:\n",
                self.rng.pick(ROLES),
                self.rng.pick(VERBS),
                self.rng.pick(ADJECTIVES),
                self.rng.pick(NOUNS)
            );
            for _ in 0..self.rng.range(2, 5) {
                let _ = writeln!(out, "      - {}", self.field(6, 16));
            }
        }
        out.push_str("```\n\n");
    }

    fn focus_areas(&mut self, out: &mut String) {
        let _ = write!(
            out,
            "```focus-areas\ncaption: {}\nintro: {}\nareas:\n",
            self.title(),
            self.field(8, 16)
        );
        for _ in 0..self.rng.range(3, 6) {
            let _ = write!(
                out,
                "  - title: {}\n    text: {}\n",
                capitalise(self.rng.pick(NOUNS)),
                self.field(6, 14)
            );
        }
        out.push_str("```\n\n");
    }

    fn worksheet(&mut self, out: &mut String) {
        let _ = write!(
            out,
            "```worksheet\ncaption: {}\ntitle: {}\nintro: {}\nprompts:\n",
            self.title(),
            self.title(),
            self.field(8, 16)
        );
        for _ in 0..self.rng.range(2, 5) {
            let _ = write!(
                out,
                "  - prompt: {}\n    hint: {}\n    lines: {}\n",
                sentence(&mut self.rng, 4, 8).trim_end_matches('.'),
                self.field(6, 14),
                self.rng.range(3, 8)
            );
        }
        out.push_str("```\n\n");
    }

    fn exercise(&mut self, out: &mut String) {
        let kind = self.rng.pick(&["grounding", "breathing", "walking"]);
        let _ = write!(
            out,
            "```exercise\nkind: {kind}\ntitle: {}\nintro: {}\nsteps:\n",
            self.title(),
            self.field(8, 16)
        );
        for step in 0..self.rng.range(3, 5) {
            if kind == "walking" {
                let _ = write!(
                    out,
                    "  - title: Step {}\n    text: {}\n",
                    step + 1,
                    self.field(6, 14)
                );
            } else {
                let _ = writeln!(out, "  - text: {}", self.field(4, 10));
            }
        }
        out.push_str("```\n\n");
    }

    fn resources(&mut self, out: &mut String) {
        out.push_str("```resources\nentries:\n");
        for _ in 0..self.rng.range(3, 7) {
            let year = self.rng.range(1995, 2025);
            let author = format!(
                "\"{}, {}.\"",
                capitalise(self.rng.pick(NAMES)),
                self.rng.pick(&["A", "B", "C", "J", "K", "M"])
            );
            let title = sentence(&mut self.rng, 4, 10);
            let title = title.trim_end_matches('.');
            match self.rng.range(0, 3) {
                0 => {
                    let _ = write!(
                        out,
                        "  - type: book\n    authors:\n      - {author}\n    year: {year}\n    title: \"{title}\"\n    publisher: {} Press\n",
                        capitalise(self.rng.pick(PLACES))
                    );
                }
                1 => {
                    let _ = write!(
                        out,
                        "  - type: article\n    authors:\n      - {author}\n    year: {year}\n    title: \"{title}\"\n    journal: Journal of {} {}\n    volume: {}\n    issue: {}\n    pages: {}-{}\n    doi: 10.1000/{}.{}\n",
                        capitalise(self.rng.pick(ADJECTIVES)),
                        capitalise(self.rng.pick(NOUNS)),
                        self.rng.range(1, 40),
                        self.rng.range(1, 12),
                        self.rng.range(1, 200),
                        self.rng.range(201, 400),
                        year,
                        self.rng.range(1000, 9999)
                    );
                }
                2 => {
                    let _ = write!(
                        out,
                        "  - type: website\n    title: \"{title}\"\n    url: https://www.example.org/resources/{}\n    note: {}\n",
                        self.rng.range(1, 9999),
                        sentence(&mut self.rng, 6, 12)
                    );
                }
                _ => {
                    let _ = write!(
                        out,
                        "  - type: video\n    title: \"{title}\"\n    publisher: {} {}\n    url: https://video.example.org/{}\n",
                        capitalise(self.rng.pick(PLACES)),
                        self.rng.pick(ORGANISATIONS),
                        self.rng.range(1, 9999)
                    );
                }
            }
        }
        out.push_str("```\n\n");
    }

    fn vision_wheel(&mut self, out: &mut String) {
        let _ = write!(
            out,
            "```vision-wheel\ncaption: {}\ncentre: {}\nrings:\n",
            self.title(),
            self.field(12, 20)
        );
        for name in ["People", "Workforce", "System"] {
            let _ = write!(
                out,
                "  - name: {name}\n    statement: {}\n    segments:\n",
                // the statement must fit the ring's band
                sentence(&mut self.rng, 5, 9).trim_end_matches('.')
            );
            for _ in 0..self.rng.range(2, 4) {
                let _ = writeln!(out, "      - text: {}", sentence(&mut self.rng, 8, 16));
            }
        }
        out.push_str("```\n\n");
    }

    fn brain(&mut self, out: &mut String) {
        let _ = write!(out, "```brain\ncaption: {}\nregions:\n", self.title());
        for (id, name, nickname) in [
            ("prefrontal-cortex", "The Prefrontal Cortex", "watchtower"),
            ("hippocampus", "The Hippocampus", "librarian"),
            ("amygdala", "The Amygdala", "smoke alarm"),
        ] {
            let _ = write!(
                out,
                "  - id: {id}\n    name: {name}\n    nickname: {nickname}\n    text: {}\n",
                self.field(10, 20)
            );
        }
        out.push_str("```\n\n");
    }

    fn trauma_tree(&mut self, out: &mut String) {
        out.push_str("```trauma-tree\nroots:\n  title: Types of trauma\n  items:\n");
        for _ in 0..self.rng.range(3, 6) {
            let _ = writeln!(out, "    - {}", capitalise(self.rng.pick(NOUNS)));
        }
        for (part, groups) in [("trunk", 4), ("branches", 3)] {
            let _ = write!(out, "{part}:\n  title: {}\n  groups:\n", self.title());
            for _ in 0..self.rng.range(2, groups) {
                let _ = write!(
                    out,
                    "    - title: {}\n      items:\n",
                    capitalise(self.rng.pick(NOUNS))
                );
                for _ in 0..self.rng.range(1, 3) {
                    let _ = writeln!(
                        out,
                        "        - {}",
                        sentence(&mut self.rng, 2, 4).trim_end_matches('.')
                    );
                }
            }
        }
        out.push_str("```\n\n");
    }

    fn pillars(&mut self, out: &mut String) {
        let _ = write!(
            out,
            "```pillars\ncaption: {}\nroof: A {} system\npillars:\n",
            self.title(),
            self.rng.pick(ADJECTIVES)
        );
        for _ in 0..self.rng.range(4, 10) {
            let noun = capitalise(self.rng.pick(NOUNS));
            let _ = write!(
                out,
                "  - name: {} {}\n    label: {noun}\n    points:\n      - {}\n",
                capitalise(self.rng.pick(ADJECTIVES)),
                noun.to_lowercase(),
                self.field(8, 16)
            );
        }
        out.push_str("```\n\n");
    }

    fn principles(&mut self, out: &mut String) {
        out.push_str("```principles\nprinciples:\n");
        let mut names = Vec::new();
        for _ in 0..self.rng.range(2, 4) {
            // each principle's anchor is made from its name
            let name = loop {
                let name = self.title();
                if !names.contains(&name) {
                    break name;
                }
            };
            names.push(name.clone());
            let _ = write!(
                out,
                "  - name: {name}\n    statement: {}\n    because:\n",
                self.field(10, 20)
            );
            for _ in 0..self.rng.range(2, 3) {
                let _ = writeln!(
                    out,
                    "      - Because {}",
                    sentence(&mut self.rng, 5, 10).to_lowercase()
                );
            }
            if self.rng.chance(50) {
                let _ = write!(
                    out,
                    "    case_study:\n      title: {}\n      organisation: {} {}\n      body: |\n        {}\n",
                    self.title(),
                    capitalise(self.rng.pick(PLACES)),
                    self.rng.pick(ORGANISATIONS),
                    self.field(12, 24)
                );
            }
        }
        out.push_str("```\n\n");
    }

    fn footnote_definitions(&mut self, out: &mut String) {
        for n in 1..=self.footnotes {
            let _ = writeln!(
                out,
                "[^{n}]: {} [Source {n}](https://www.example.org/sources/{}).",
                sentence(&mut self.rng, 6, 14),
                self.rng.range(1, 9999)
            );
        }
    }
}

/// A plain sentence of `low..=high` words, capitalised, with a full stop.
fn sentence(rng: &mut Rng, low: usize, high: usize) -> String {
    let count = rng.range(low, high);
    let mut text = String::new();
    for i in 0..count {
        let word = match rng.range(0, 9) {
            0..=2 => rng.pick(NOUNS),
            3 | 4 => rng.pick(ADJECTIVES),
            5 | 6 => rng.pick(VERBS),
            _ => rng.pick(SMALL_WORDS),
        };
        if i == 0 {
            text.push_str(&capitalise(word));
        } else {
            text.push(' ');
            text.push_str(word);
        }
        if i + 1 < count && i > 2 && rng.chance(6) {
            text.push(',');
        }
    }
    text.push('.');
    text
}

const TITLE_WORDS: &[&str] = &[
    "understanding",
    "building",
    "supporting",
    "leading",
    "measuring",
    "sharing",
    "planning",
    "reviewing",
    "strengthening",
    "embedding",
];

const TOPICS: &[&str] = &[
    "safe relationships",
    "reflective practice",
    "team wellbeing",
    "community partnerships",
    "early help",
    "service design",
    "workforce training",
    "trusted conversations",
    "peer support",
    "school communities",
    "housing services",
    "youth justice",
    "family support",
    "lived experience",
    "system change",
];

const NOUNS: &[&str] = &[
    "practice",
    "relationship",
    "team",
    "service",
    "family",
    "community",
    "workforce",
    "trust",
    "safety",
    "choice",
    "voice",
    "culture",
    "leadership",
    "outcome",
    "evidence",
    "support",
    "partner",
    "school",
    "approach",
    "plan",
    "review",
    "conversation",
    "resilience",
    "wellbeing",
    "environment",
    "policy",
];

const ADJECTIVES: &[&str] = &[
    "safe",
    "compassionate",
    "trusted",
    "local",
    "shared",
    "practical",
    "early",
    "consistent",
    "reflective",
    "inclusive",
    "calm",
    "clear",
    "collaborative",
    "flexible",
    "lasting",
];

const VERBS: &[&str] = &[
    "build",
    "support",
    "listen",
    "notice",
    "reflect",
    "share",
    "review",
    "plan",
    "strengthen",
    "understand",
    "respond",
    "include",
    "learn",
    "measure",
    "offer",
];

const SMALL_WORDS: &[&str] = &[
    "the", "and", "with", "for", "our", "every", "each", "in", "to", "of", "across", "when", "so",
    "we", "they", "can", "will", "often", "more", "together",
];

const PLACES: &[&str] = &[
    "Derby",
    "Buxton",
    "Chesterfield",
    "Matlock",
    "Ilkeston",
    "Glossop",
    "Belper",
    "Ripley",
];

const ORGANISATIONS: &[&str] = &[
    "Junior School",
    "Family Hub",
    "Probation Service",
    "Housing Team",
    "Youth Centre",
    "Health Partnership",
    "Community Trust",
];

const NAMES: &[&str] = &[
    "clarke", "patel", "okafor", "hughes", "nowak", "singh", "evans", "murray", "walsh", "khan",
];

const ROLES: &[&str] = &[
    "social worker",
    "headteacher",
    "health visitor",
    "probation officer",
    "youth worker",
    "housing officer",
    "practice manager",
    "parent",
];
