//! Links between chapters, checked once every chapter is rendered: a link to
//! `chapter.md#anchor` or `#anchor` must land on an id that exists. In a
//! language edition, an original shown untranslated links into the
//! edition's translations, whose headings may have other ids.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::finish::search::WordHasher;
use crate::load::Chapter;
use crate::parse::{InternalLink, Rendered};

/// Slugs and ids, short and hashed by the thousand on every save in `serve`:
/// with a hash made for short keys rather than the standard library's.
type Map<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
type Set<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// A link whose anchor is not in the chapter it points to.
struct MissingAnchor<'c> {
    /// The chapter the link is in.
    source: &'c Chapter,
    link: &'c InternalLink,
    /// The chapter it points to, and that chapter's ids.
    target: &'c Chapter,
    known: Vec<&'c str>,
}

/// `chapters` in reading order, each with its rendering for the site.
pub(super) fn check_internal_links(chapters: &[(&Chapter, &Rendered)], problems: &mut Diagnostics) {
    for missing in missing_anchors(chapters, |_| true) {
        let target_file = missing.target.file_name.as_str();
        let hint = match (
            did_you_mean(&missing.link.anchor, &missing.known),
            missing.known.first(),
        ) {
            (Some(best), _) => format!("did you mean `#{best}`?"),
            (None, Some(example)) => format!(
                "link to a heading of {target_file} by its id, its text in lowercase with hyphens, such as `#{example}`"
            ),
            (None, None) => format!(
                "{target_file} has no headings to link to: link to the chapter itself, without `#`"
            ),
        };
        problems.push(
            Diagnostic::new(
                &missing.source.display_path,
                format!(
                    "the link points to `#{}`, which is not a heading or anchor in {target_file}",
                    missing.link.anchor
                ),
            )
            .at_offset(&missing.source.text, missing.link.offset)
            .with_hint(hint),
        );
    }
}

/// The chapters of the edition in `language`, each with its rendering there:
/// a link of an original shown untranslated (`untranslated[i]`) that lands on
/// a translation without its anchor opens the top of the page. A warning at
/// the link, telling the translator which id to keep.
pub(super) fn check_edition_links(
    chapters: &[(&Chapter, &Rendered)],
    untranslated: &[bool],
    language: &str,
    problems: &mut Diagnostics,
) {
    let shown_untranslated: Set<&str> = chapters
        .iter()
        .zip(untranslated)
        .filter(|(_, untranslated)| **untranslated)
        .map(|((chapter, _), _)| chapter.file_name.as_str())
        .collect();
    let missing = missing_anchors(chapters, |chapter| {
        shown_untranslated.contains(chapter.file_name.as_str())
    });
    for missing in missing {
        let anchor = &missing.link.anchor;
        let translation = missing.target.display_path.display();
        problems.push(
            Diagnostic::new(&missing.source.display_path, format!("in the `{language}` edition, where this chapter is not yet translated, the link's `#{anchor}` is not a heading of the translation {translation}: the link opens the top of its page"))
                .at_offset(&missing.source.text, missing.link.offset)
                .with_hint(format!("in {translation}, give the heading that translates it the original's id, written after it: `{{#{anchor}}}`"))
                .as_warning(),
        );
    }
}

/// The links of the chapters `checked` picks whose anchor the chapter they
/// point to lacks.
fn missing_anchors<'c>(
    chapters: &[(&'c Chapter, &'c Rendered)],
    checked: impl Fn(&Chapter) -> bool,
) -> Vec<MissingAnchor<'c>> {
    // looked up only for the chapters links point to: most never are
    let by_slug: Map<&str, (&Chapter, &Rendered)> = chapters
        .iter()
        .map(|(chapter, site)| (chapter.slug.as_str(), (*chapter, *site)))
        .collect();
    // each target's ids as a set, made the first time a link needs it (a
    // long chapter has thousands of headings and links)
    let mut ids: Map<&str, Set<&str>> = Map::default();
    // a missing anchor in a chapter that lacks part of itself (a component
    // refused) or shares its slug (which chapter is meant?) would be a
    // knock-on of that problem, reported on its own: no second message
    let mut slug_count: Map<&str, usize> = Map::default();
    for (chapter, _) in chapters {
        *slug_count.entry(chapter.slug.as_str()).or_default() += 1;
    }
    let mut missing = Vec::new();
    for (chapter, site) in chapters.iter().filter(|(chapter, _)| checked(chapter)) {
        for link in &site.internal_links {
            let Some(&(target, rendered)) = by_slug.get(link.slug.as_str()) else {
                continue;
            };
            if rendered.incomplete || slug_count[link.slug.as_str()] > 1 {
                continue;
            }
            let target_ids = ids
                .entry(link.slug.as_str())
                .or_insert_with(|| rendered.anchors.iter().map(String::as_str).collect());
            if !target_ids.contains(link.anchor.as_str()) {
                missing.push(MissingAnchor {
                    source: chapter,
                    link,
                    target,
                    known: rendered.anchors.iter().map(String::as_str).collect(),
                });
            }
        }
    }
    missing
}
