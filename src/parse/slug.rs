//! Heading ids: stable, readable, unique within a page.

use std::collections::{HashMap, HashSet};

/// "What is trauma?" → `what-is-trauma`. Letters and digits (any script) are
/// kept, lower-cased; every other run of characters becomes one hyphen.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.extend(c.to_lowercase());
        } else if c != '\'' && c != '’' {
            // apostrophes join: "Let's" → `lets`, as readers would type it
            pending_hyphen = true;
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

/// Hands out ids, adding `-2`, `-3`... to repeats so every id on a page is unique.
#[derive(Debug, Default, Clone)]
pub struct UniqueIds {
    taken: HashSet<String>,
    /// Wanted id → the last number tried for it, so a thousand repeats of a
    /// heading do not each count up from 2.
    last_number: HashMap<String, usize>,
}

impl UniqueIds {
    /// Reserves `wanted`, or the first free `wanted-N`.
    pub fn claim(&mut self, wanted: &str) -> String {
        if self.taken.insert(wanted.to_string()) {
            return wanted.to_string();
        }
        let number = self.last_number.entry(wanted.to_string()).or_insert(1);
        loop {
            *number += 1;
            let candidate = format!("{wanted}-{number}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// Marks `id` as taken without handing it out (ids the page template uses).
    pub fn reserve(&mut self, id: &str) {
        self.taken.insert(id.to_string());
    }

    pub fn contains(&self, id: &str) -> bool {
        self.taken.contains(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_read_like_the_heading() {
        assert_eq!(slugify("What is trauma?"), "what-is-trauma");
        assert_eq!(slugify("5-4-3-2-1 Grounding"), "5-4-3-2-1-grounding");
        assert_eq!(slugify("Let's act — now!"), "lets-act-now");
        assert_eq!(slugify("Über uns"), "über-uns");
        assert_eq!(slugify("???"), "section");
    }

    #[test]
    fn repeated_headings_get_numbered_ids() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.claim("strengths"), "strengths");
        assert_eq!(ids.claim("strengths"), "strengths-2");
        assert_eq!(ids.claim("strengths"), "strengths-3");
        assert!(ids.contains("strengths-2"));
    }
}
