//! `resources`: a reading list of typed entries (books, articles, reports,
//! websites, videos, chapters), each drawn as a citation in the Harvard style
//! common in UK public services, grouped by type.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};

use super::svg::and_list;
use super::{Component, ComponentContext, List, Text};

pub struct Resources;

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    entries: List<EntryData>,
    /// Group entries under a heading per type (when there is more than one
    /// type). `false` keeps the order written, as a bibliography does.
    #[serde(default = "yes")]
    group_by_type: bool,
    #[serde(default)]
    id: Option<String>,
}

fn yes() -> bool {
    true
}

/// The types in the order their groups are shown.
#[derive(Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Book,
    Chapter,
    Article,
    Report,
    Website,
    Video,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryData {
    #[serde(rename = "type")]
    kind: Kind,
    #[serde(default)]
    authors: Vec<Text>,
    /// A chapter's editors.
    #[serde(default)]
    editors: Vec<Text>,
    #[serde(default)]
    year: Option<Text>,
    title: Text,
    /// The book a chapter is in.
    #[serde(default)]
    book_title: Option<Text>,
    #[serde(default)]
    journal: Option<Text>,
    #[serde(default)]
    volume: Option<Text>,
    #[serde(default)]
    issue: Option<Text>,
    #[serde(default)]
    pages: Option<Text>,
    /// Publisher, or for a video the organisation or channel that made it.
    #[serde(default)]
    publisher: Option<Text>,
    #[serde(default)]
    doi: Option<Doi>,
    #[serde(default)]
    url: Option<WebAddress>,
    /// When a web page was read: "24 October 2024".
    #[serde(default)]
    accessed: Option<Text>,
    #[serde(default)]
    note: Option<Text>,
}

/// A DOI, `10.1136/bmjopen-2023-072916`; a `https://doi.org/` or `doi:`
/// prefix an author copies along is dropped.
#[derive(Clone)]
pub struct Doi(String);

impl<'de> Deserialize<'de> for Doi {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let written = String::deserialize(deserializer)?;
        let trimmed = written.trim();
        let doi = [
            "https://doi.org/",
            "http://doi.org/",
            "https://dx.doi.org/",
            "http://dx.doi.org/",
            "doi:",
            "DOI:",
        ]
        .iter()
        .find_map(|prefix| trimmed.strip_prefix(prefix))
        .unwrap_or(trimmed)
        .trim();
        if doi.starts_with("10.") && doi.contains('/') && !doi.contains(char::is_whitespace) {
            Ok(Doi(doi.to_string()))
        } else {
            Err(D::Error::custom(format!(
                "`{written}` is not a DOI: a DOI looks like `10.1136/bmjopen-2023-072916`"
            )))
        }
    }
}

/// An address on the web: `https://…` or `http://…`.
#[derive(Clone)]
pub struct WebAddress(String);

impl<'de> Deserialize<'de> for WebAddress {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let written = String::deserialize(deserializer)?;
        let url = written.trim();
        let has_host = ["https://", "http://"]
            .iter()
            .filter_map(|scheme| url.strip_prefix(scheme))
            .any(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace));
        if has_host {
            Ok(WebAddress(url.to_string()))
        } else {
            Err(D::Error::custom(format!(
                "`{written}` is not a web address: write it in full, starting `https://`"
            )))
        }
    }
}

#[derive(Serialize)]
pub struct View {
    id: String,
    groups: Vec<Group>,
}

/// Entries of one type, or all of them when they are not grouped.
#[derive(Serialize)]
pub struct Group {
    /// The type, when the group has a heading.
    kind: Option<Kind>,
    id: Option<String>,
    entries: Vec<Entry>,
}

#[derive(Serialize)]
pub struct Entry {
    kind: Kind,
    /// Articles and chapters are parts of a larger work: their titles are
    /// quoted, the work they are in is set in italics.
    quoted: bool,
    authors: Option<String>,
    /// With no year between them, a full stop parts the authors from the title.
    stop_after_authors: bool,
    editors: Option<String>,
    several_editors: bool,
    year: Option<String>,
    title: String,
    /// The title ends in its own `?`, `!` or `.`, so no full stop follows it.
    title_ends_sentence: bool,
    book_title: Option<String>,
    journal: Option<String>,
    volume: Option<String>,
    issue: Option<String>,
    pages: Option<String>,
    publisher: Option<String>,
    doi: Option<String>,
    url: Option<String>,
    accessed: Option<String>,
    note: Option<String>,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Book => "book",
            Kind::Chapter => "chapter",
            Kind::Article => "article",
            Kind::Report => "report",
            Kind::Website => "website",
            Kind::Video => "video",
        }
    }
}

/// "Bellis MA, Hughes K and Cresswell K", or "Bellis MA, Hughes K et al."
/// when the list ends with "et al.".
/// `last_two` is the theme's word `list_and` ("{rest} and {last}").
fn join_names(names: &[String], last_two: &str) -> Option<String> {
    let (last, rest) = names.split_last()?;
    if !rest.is_empty() && last.trim_end_matches('.') == "et al" {
        return Some(format!("{} et al.", rest.join(", ")));
    }
    Some(and_list(names, last_two))
}

/// Page ranges read "pp. 602–618" (`range`, the theme's word
/// `resources_pages`: "pp. {range}"); an article number ("e072916") stands alone.
fn pages(written: &str, range: &str) -> String {
    match written.split_once(['-', '–']) {
        Some((first, last)) => {
            range.replace("{range}", &format!("{}–{}", first.trim(), last.trim()))
        }
        None => written.to_string(),
    }
}

impl Component for Resources {
    const NAME: &'static str = "resources";
    type Data = Data;
    type View = View;

    fn prepare(data: Data, ctx: &mut ComponentContext<'_, '_>) -> Result<View, String> {
        let id = ctx.anchor(data.id.as_deref(), "resources")?;
        if let Some(entry) = data
            .entries
            .iter()
            .find(|entry| !entry.editors.is_empty() && entry.book_title.is_none())
        {
            return Err(format!(
                "the entry `{}` has `editors` but no `book_title`: editors are the editors of the book a chapter is in",
                &*entry.title
            ));
        }
        let entries: Vec<Entry> = data
            .entries
            .into_iter()
            .map(|entry| citation(entry, ctx))
            .collect();
        let mut kinds: Vec<Kind> = entries.iter().map(|entry| entry.kind).collect();
        kinds.sort();
        kinds.dedup();
        if !data.group_by_type || kinds.len() < 2 {
            let groups = vec![Group {
                kind: None,
                id: None,
                entries,
            }];
            return Ok(View { id, groups });
        }
        let mut groups: Vec<Group> = kinds
            .into_iter()
            .map(|kind| Group {
                kind: Some(kind),
                id: Some(ctx.id_within(&id, kind.name())),
                entries: Vec::new(),
            })
            .collect();
        for entry in entries {
            if let Some(group) = groups.iter_mut().find(|g| g.kind == Some(entry.kind)) {
                group.entries.push(entry);
            }
        }
        Ok(View { id, groups })
    }
}

fn citation(entry: EntryData, ctx: &mut ComponentContext<'_, '_>) -> Entry {
    let authors = ctx.inline_list(&entry.authors);
    let editors = ctx.inline_list(&entry.editors);
    let and = ctx.word("list_and");
    let authors = join_names(&authors, &and);
    Entry {
        kind: entry.kind,
        quoted: matches!(entry.kind, Kind::Article | Kind::Chapter),
        stop_after_authors: entry.year.is_none()
            && authors.as_ref().is_some_and(|names| !names.ends_with('.')),
        authors,
        editors: join_names(&editors, &and),
        several_editors: editors.len() > 1,
        year: entry.year.map(|year| ctx.inline(&year)),
        title_ends_sentence: entry.title.trim_end().ends_with(['?', '!', '.']),
        title: ctx.inline(&entry.title),
        book_title: entry.book_title.map(|title| ctx.inline(&title)),
        journal: entry.journal.map(|journal| ctx.inline(&journal)),
        volume: entry.volume.map(|volume| ctx.inline(&volume)),
        issue: entry.issue.map(|issue| ctx.inline(&issue)),
        pages: entry
            .pages
            .map(|written| ctx.inline(&pages(&written, &ctx.word("resources_pages")))),
        publisher: entry.publisher.map(|publisher| ctx.inline(&publisher)),
        doi: entry.doi.map(|doi| {
            ctx.external_link(&format!("https://doi.org/{}", doi.0));
            doi.0
        }),
        url: entry.url.map(|url| ctx.external_link(&url.0)),
        accessed: entry.accessed.map(|date| ctx.inline(&date)),
        note: entry.note.map(|note| ctx.inline(&note)),
    }
}

#[cfg(test)]
mod tests {
    use super::{join_names, pages};
    use crate::components::testing::{block, html as draw, problem, problem_at};

    #[test]
    fn every_type_as_a_citation_grouped_by_type() {
        let html = draw(&block(
            "resources",
            "\
entries:
  - type: website
    authors: [Scottish Government]
    title: Trauma-informed workforce and services
    url: https://www.gov.scot/publications/psychological-trauma-and-adversity/
    accessed: 24 October 2024
  - type: article
    authors: [\"Hagan, J. M.\", \"Banerjee, K. R.\", et al.]
    year: 2022
    title: \"Resilience in the Face of Adversity\"
    journal: Journal of Trauma & Dissociation
    volume: 23
    issue: 5
    pages: 602-618
    doi: https://doi.org/10.1080/15299732.2022.2045655
  - type: book
    authors: [\"Harris, N. B.\"]
    year: 2018
    title: \"Toxic Childhood Stress: The Legacy of Early Trauma\"
    publisher: Bluebird
  - type: chapter
    authors: [\"Smith, A.\"]
    editors: [\"Jones, B.\", \"Khan, C.\"]
    year: 2021
    title: Trauma and schools
    book_title: Trauma-informed education
    publisher: Open Press
    pages: 10-32
  - type: report
    authors: [Trauma Framework Cymru]
    title: Trauma-Informed Wales Framework
    url: https://traumaframeworkcymru.com/framework.pdf
  - type: video
    authors: [Nadine Burke Harris]
    title: How childhood trauma affects health across a lifetime
    publisher: TED
    note: TED Talk
    url: https://www.ted.com/talks/nadine_burke_harris
",
        ));
        insta::assert_snapshot!(html);
    }

    #[test]
    fn ungrouped_keeps_the_written_order_without_headings() {
        let html = draw(&block(
            "resources",
            "group_by_type: false\nentries:\n  - type: website\n    title: Zebra\n  - type: book\n    title: Aardvark\n",
        ));
        assert!(!html.contains("<h"), "{html}");
        assert!(html.find("Zebra") < html.find("Aardvark"), "{html}");
    }

    #[test]
    fn a_single_type_needs_no_heading() {
        let html = draw(&block(
            "resources",
            "entries:\n  - type: video\n    title: Trauma and the Brain\n    publisher: NHS Lanarkshire\n    url: https://vimeo.com/340449102\n",
        ));
        assert!(!html.contains("<h"), "{html}");
    }

    #[test]
    fn a_title_ending_in_a_question_gets_no_second_stop() {
        let html = draw(&block(
            "resources",
            "entries:\n  - type: website\n    title: What is resilience?\n  - type: website\n    title: Is it?\n    accessed: 1 May 2024\n",
        ));
        assert!(
            html.contains("<cite>What is resilience?</cite></li>"),
            "{html}"
        );
        assert!(
            html.contains("<cite>Is it?</cite> (Accessed: 1 May 2024).</li>"),
            "{html}"
        );
        let video = draw(&block(
            "resources",
            "entries:\n  - type: video\n    title: What is resilience?\n    publisher: NSPCC\n",
        ));
        assert!(
            video.contains("<cite>What is resilience?</cite> [Video]. NSPCC.</li>"),
            "{video}"
        );
    }

    #[test]
    fn editors_need_the_book_they_edited() {
        let problem = problem(&block(
            "resources",
            "entries:\n  - type: chapter\n    title: Schools\n    editors: [\"Jones, B.\"]\n",
        ));
        assert!(problem.message.contains("no `book_title`"), "{problem}");
    }

    #[test]
    fn a_doi_is_checked_where_written() {
        problem_at(
            "resources",
            "entries:\n  - type: article\n    title: A study\n    doi: bmjopen-2023\n",
            "doi: bmjopen-2023",
            "is not a DOI",
        );
    }

    #[test]
    fn a_url_must_be_a_full_web_address() {
        problem_at(
            "resources",
            "entries:\n  - type: website\n    title: UK Trauma Council\n    url: uktraumacouncil.org\n",
            "url: uktraumacouncil.org",
            "is not a web address",
        );
    }

    #[test]
    fn an_unknown_type_suggests_the_nearest() {
        let problem = problem_at(
            "resources",
            "entries:\n  - type: bok\n    title: A book\n",
            "- type: bok",
            "bok",
        );
        assert_eq!(problem.hint.as_deref(), Some("did you mean `book`?"));
    }

    #[test]
    fn authors_must_be_a_list() {
        problem_at(
            "resources",
            "entries:\n  - type: book\n    title: A book\n    authors:\n      name: Harris\n",
            "name: Harris",
            "must be a list",
        );
    }

    #[test]
    fn names_are_joined_as_in_a_citation() {
        let names = |list: &[&str]| {
            join_names(
                &list.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                "{rest} and {last}",
            )
        };
        assert_eq!(names(&[]), None);
        assert_eq!(names(&["NSPCC"]), Some("NSPCC".into()));
        assert_eq!(names(&["A", "B", "C"]), Some("A, B and C".into()));
        assert_eq!(names(&["A", "B", "et al."]), Some("A, B et al.".into()));
    }

    #[test]
    fn page_ranges_get_pp() {
        assert_eq!(pages("602-618", "pp. {range}"), "pp. 602–618");
        assert_eq!(pages("e072916", "pp. {range}"), "e072916");
    }
}
