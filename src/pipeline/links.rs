//! Links between chapters, checked once every chapter is rendered: a link to
//! `chapter.md#anchor` or `#anchor` must land on an id that exists.

use std::collections::{HashMap, HashSet};

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::Chapter;
use crate::parse::Rendered;

/// `chapters` in reading order, each with its rendering for the site.
pub(super) fn check_internal_links(chapters: &[(&Chapter, &Rendered)], problems: &mut Diagnostics) {
    // looked up only for the chapters links point to: most never are
    let by_slug: HashMap<&str, &Rendered> = chapters
        .iter()
        .map(|(chapter, site)| (chapter.slug.as_str(), *site))
        .collect();
    // each target's ids as a set, made the first time a link needs it (a
    // long chapter has thousands of headings and links)
    let mut ids: HashMap<&str, HashSet<&str>> = HashMap::new();
    // a missing anchor in a chapter that lacks part of itself (a component
    // refused) or shares its slug (which chapter is meant?) would be a
    // knock-on of that problem, reported on its own: no second message
    let mut slug_count: HashMap<&str, usize> = HashMap::new();
    for (chapter, _) in chapters {
        *slug_count.entry(chapter.slug.as_str()).or_default() += 1;
    }
    for (chapter, site) in chapters {
        for link in &site.internal_links {
            let Some(target) = by_slug.get(link.slug.as_str()) else {
                continue;
            };
            if target.incomplete || slug_count[link.slug.as_str()] > 1 {
                continue;
            }
            let target_ids = ids
                .entry(link.slug.as_str())
                .or_insert_with(|| target.anchors.iter().map(String::as_str).collect());
            if target_ids.contains(link.anchor.as_str()) {
                continue;
            }
            let known: Vec<&str> = target.anchors.iter().map(String::as_str).collect();
            let target_file = chapters
                .iter()
                .find(|(c, _)| c.slug == link.slug)
                .map_or(link.slug.as_str(), |(c, _)| c.file_name.as_str());
            let hint = match (did_you_mean(&link.anchor, &known), known.first()) {
                (Some(best), _) => format!("did you mean `#{best}`?"),
                (None, Some(example)) => format!(
                    "link to a heading of {target_file} by its id, its text in lowercase with hyphens, such as `#{example}`"
                ),
                (None, None) => format!(
                    "{target_file} has no headings to link to: link to the chapter itself, without `#`"
                ),
            };
            problems.push(
                Diagnostic::new(&chapter.display_path, format!("the link points to `#{}`, which is not a heading or anchor in {target_file}", link.anchor))
                    .at_offset(&chapter.text, link.offset)
                    .with_hint(hint),
            );
        }
    }
}
