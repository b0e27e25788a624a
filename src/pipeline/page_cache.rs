//! Rendered pages, remembered between builds, with holes for chapter contents.
//!
//! A chapter's HTML is large and templates only place it (`{{ page.content |
//! safe }}`), so pages are rendered with a short placeholder in its stead and
//! the contents are put into the holes afterwards. A page is then rendered
//! again only when something its template sees changes (its key); a new body
//! only refills the holes. That keeps the single print page, which holds
//! every chapter, cheap to update, and leaves the home page alone when only a
//! chapter's body changed.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::render::pages::DrawnItems;

/// Never part of real text (a Unicode noncharacter), and left alone by HTML escaping.
const MARK: char = '\u{FDD0}';

/// Stands in a template for the content of the chapter at `index` (reading order).
pub(super) fn placeholder(index: usize) -> String {
    format!("{MARK}{index}{MARK}")
}

/// `html` without the whitespace around its holes. A chapter's content is
/// block elements, beside which whitespace means nothing; beside a
/// placeholder, which is text, a minifier would keep a space of it. So a page
/// drawn with holes minifies, once filled with minified contents, to what
/// the whole page minifies to.
pub(super) fn trim_around_holes(html: &str) -> String {
    let mut trimmed = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(MARK) {
        let after_digits = &rest[start + MARK.len_utf8()..];
        let Some(end) = after_digits.find(MARK) else {
            break;
        };
        let digits = &after_digits[..end];
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            trimmed.push_str(&rest[..start + MARK.len_utf8()]);
            rest = after_digits;
            continue;
        }
        trimmed.push_str(rest[..start].trim_end_matches(|c: char| c.is_ascii_whitespace()));
        let hole_end = start + 2 * MARK.len_utf8() + digits.len();
        trimmed.push_str(&rest[start..hole_end]);
        rest = rest[hole_end..].trim_start_matches(|c: char| c.is_ascii_whitespace());
    }
    trimmed.push_str(rest);
    trimmed
}

/// A chapter's content as a page holds it: the HTML and an id that changes
/// whenever the HTML does.
#[derive(Clone, Copy)]
pub(super) struct Content<'a> {
    pub html: &'a str,
    pub id: u64,
}

/// A page as its template drew it, with holes where chapter contents go.
#[derive(Clone)]
struct Skeleton {
    text: String,
    /// Where each hole is in `text`, and the chapter index it shows.
    holes: Vec<(Range<usize>, usize)>,
}

impl Skeleton {
    fn parse(text: String) -> Skeleton {
        let mut holes = Vec::new();
        let mut from = 0;
        while let Some(start) = text[from..].find(MARK).map(|i| from + i) {
            let digits_start = start + MARK.len_utf8();
            let Some(end) = text[digits_start..].find(MARK).map(|i| digits_start + i) else {
                break;
            };
            match text[digits_start..end].parse::<usize>() {
                Ok(index) => {
                    holes.push((start..end + MARK.len_utf8(), index));
                    from = end + MARK.len_utf8();
                }
                Err(_) => from = digits_start,
            }
        }
        Skeleton { text, holes }
    }

    /// The page with every hole filled, as its parts in order: the
    /// skeleton's text and the contents between; `None` when a hole names
    /// no chapter.
    fn parts<'p>(&'p self, contents: &[Content<'p>]) -> Option<Vec<&'p str>> {
        let mut parts = Vec::with_capacity(2 * self.holes.len() + 1);
        let mut at = 0;
        for (range, index) in &self.holes {
            parts.push(&self.text[at..range.start]);
            parts.push(contents.get(*index)?.html);
            at = range.end;
        }
        parts.push(&self.text[at..]);
        Some(parts)
    }

    #[cfg(test)]
    fn fill(&self, contents: &[Content<'_>]) -> Option<String> {
        self.parts(contents).map(|parts| parts.concat())
    }

    /// The ids of the contents in the holes, to tell when a refill is due.
    fn filled_with<'s>(&'s self, contents: &'s [Content<'_>]) -> impl Iterator<Item = u64> + 's {
        self.holes
            .iter()
            .map(|(_, index)| contents.get(*index).map_or(0, |c| c.id))
    }
}

struct CachedPage {
    key: u64,
    skeleton: Skeleton,
    filled_with: Vec<u64>,
}

/// The contents list's items, each drawn once for the pages that list it
/// (`site_pages::draw_contents_items`): their HTML, which fills the holes
/// numbered after the chapters' contents, and what pages place for them.
pub(super) struct ContentsItems {
    pub html: Vec<String>,
    pub drawn: DrawnItems,
}

/// Every page of the last good build, by output path.
#[derive(Default)]
pub(super) struct PageCache {
    pages: HashMap<String, CachedPage>,
    /// The contents list's items of each edition (by its folder), with the
    /// key they were drawn for: a save that changes only a body draws none.
    items: Mutex<HashMap<String, (u64, Arc<ContentsItems>)>>,
    /// Keep no pages: a build that runs once has no use for them, and at
    /// thousands of chapters they are hundreds of megabytes.
    forget: bool,
}

/// A page brought up to date, to keep once the whole build has succeeded.
pub(super) struct Refreshed {
    pub path: String,
    /// `None` when the cache forgets pages.
    page: Option<CachedPage>,
    pub output: String,
}

impl PageCache {
    /// A cache that keeps no pages, for a build that runs once.
    pub fn forgetful() -> PageCache {
        PageCache {
            forget: true,
            ..PageCache::default()
        }
    }

    /// Brings the page at `path` up to date. `key` sums up everything its
    /// template sees; `render` draws it with placeholders; `contents` fills
    /// the holes. `None` when the page is already up to date.
    pub fn refresh(
        &self,
        path: &str,
        key: u64,
        render: impl FnOnce() -> Result<String, Diagnostic>,
        contents: &[Content<'_>],
    ) -> Result<Option<Refreshed>, Diagnostic> {
        self.refresh_then(path, key, render, contents, |parts| parts.concat())
    }

    /// [`PageCache::refresh`], where `finish` makes the page's output from
    /// its parts in order (the drawn page's text and the contents in its
    /// holes): joins them, or writes them out and keeps nothing.
    pub fn refresh_then(
        &self,
        path: &str,
        key: u64,
        render: impl FnOnce() -> Result<String, Diagnostic>,
        contents: &[Content<'_>],
        finish: impl FnOnce(&[&str]) -> String,
    ) -> Result<Option<Refreshed>, Diagnostic> {
        let cached = self.pages.get(path).filter(|page| page.key == key);
        let skeleton = match cached {
            Some(page)
                if page
                    .skeleton
                    .filled_with(contents)
                    .eq(page.filled_with.iter().copied()) =>
            {
                return Ok(None);
            }
            Some(page) => page.skeleton.clone(),
            None => Skeleton::parse(render()?),
        };
        let parts = skeleton.parts(contents).ok_or_else(|| {
            Diagnostic::new(
                path,
                "a template placed a chapter's content somewhere it could not be filled in",
            )
            .with_hint("place `page.content` and `chapter.content` with `| safe`, unchanged")
        })?;
        let output = finish(&parts);
        let page = (!self.forget).then(|| CachedPage {
            key,
            filled_with: skeleton.filled_with(contents).collect(),
            skeleton,
        });
        Ok(Some(Refreshed {
            path: path.to_string(),
            page,
            output,
        }))
    }

    /// The contents list's items of the edition under `prefix`: those drawn
    /// for `key` (the settings, the theme and the contents list) last time,
    /// or `draw`n now.
    pub fn contents_items(
        &self,
        prefix: &str,
        key: u64,
        draw: impl FnOnce() -> Result<ContentsItems, Error>,
    ) -> Result<Arc<ContentsItems>, Error> {
        let kept = |items: &Mutex<HashMap<_, _>>| {
            let items = items.lock().unwrap_or_else(|e| e.into_inner());
            items
                .get(prefix)
                .filter(|(kept_key, _)| *kept_key == key)
                .map(|(_, kept)| Arc::clone(kept))
        };
        if let Some(items) = kept(&self.items) {
            return Ok(items);
        }
        let items = Arc::new(draw()?);
        if !self.forget {
            let mut kept = self.items.lock().unwrap_or_else(|e| e.into_inner());
            kept.insert(prefix.to_string(), (key, Arc::clone(&items)));
        }
        Ok(items)
    }

    /// Keeps a refreshed page, returning its output.
    pub fn keep(&mut self, refreshed: Refreshed) -> (String, String) {
        let Refreshed { path, page, output } = refreshed;
        if let Some(page) = page {
            self.pages.insert(path.clone(), page);
        }
        (path, output)
    }

    /// Forgets pages no longer built.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.pages.retain(|path, _| keep(path));
    }

    pub fn clear(&mut self) {
        self.pages.clear();
        self.items
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(html: &str, id: u64) -> Content<'_> {
        Content { html, id }
    }

    #[test]
    fn holes_are_filled_with_the_chapter_they_name() {
        let text = format!("<main>{}</main><p>{}</p>", placeholder(1), placeholder(0));
        let skeleton = Skeleton::parse(text);
        let page = skeleton
            .fill(&[content("zero", 1), content("one", 2)])
            .unwrap();
        assert_eq!(page, "<main>one</main><p>zero</p>");
    }

    #[test]
    fn a_changed_content_refills_without_rendering_again() {
        let mut cache = PageCache::default();
        let render = || Ok(format!("<main>{}</main>", placeholder(0)));
        let first = cache
            .refresh("a/index.html", 7, render, &[content("old", 1)])
            .unwrap()
            .unwrap();
        cache.keep(first);
        let unchanged = cache
            .refresh("a/index.html", 7, render, &[content("old", 1)])
            .unwrap();
        assert!(unchanged.is_none());
        let refilled = cache
            .refresh(
                "a/index.html",
                7,
                || panic!("the template must not be rendered again"),
                &[content("new", 2)],
            )
            .unwrap()
            .unwrap();
        assert_eq!(refilled.output, "<main>new</main>");
    }

    #[test]
    fn contents_items_are_drawn_again_only_for_a_new_key() {
        let cache = PageCache::default();
        let items = |html: &str| {
            let html = vec![html.to_string()];
            move || {
                Ok(ContentsItems {
                    html,
                    drawn: DrawnItems::default(),
                })
            }
        };
        let first = cache.contents_items("cy/", 7, items("<li>a")).unwrap();
        let kept = cache
            .contents_items("cy/", 7, || panic!("the items must not be drawn again"))
            .unwrap();
        assert!(Arc::ptr_eq(&first, &kept));
        let other_edition = cache.contents_items("", 7, items("<li>b")).unwrap();
        assert_eq!(other_edition.html, ["<li>b"]);
        let new_key = cache.contents_items("cy/", 8, items("<li>c")).unwrap();
        assert_eq!(new_key.html, ["<li>c"]);
        let forgetful = PageCache::forgetful();
        forgetful.contents_items("", 7, items("<li>d")).unwrap();
        assert_eq!(
            forgetful
                .contents_items("", 7, items("<li>e"))
                .unwrap()
                .html,
            ["<li>e"],
            "a build that runs once keeps nothing"
        );
    }

    #[test]
    fn a_page_minified_in_parts_is_the_page_minified_whole() {
        use crate::finish::minify::minify_part;
        let body = "<h2 id=\"a\">A  heading</h2>\n<p>Some   <em>text</em>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<p>Last.</p>\n";
        // one hole alone in a block, one after a heading
        let page = |content: &str, again: &str| {
            format!(
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>T</title>\n</head>\n<body>\n<main>\n<div class=\"body\">\n{content}\n  </div>\n<section>\n<h2>B</h2>\n{again}\n</section>\n</main>\n</body>\n</html>\n"
            )
        };
        let drawn = minify_part(&trim_around_holes(&page(&placeholder(0), &placeholder(1))));
        let body = minify_part(body);
        let filled = Skeleton::parse(drawn)
            .fill(&[content(&body, 1), content(&body, 2)])
            .unwrap();
        assert_eq!(filled, minify_part(&page(&body, &body)));
    }

    #[test]
    fn only_the_space_around_holes_is_trimmed() {
        let text = format!(
            "<p>a {MARK}x{MARK} b</p>\n <div>\n{}\n</div> ",
            placeholder(3)
        );
        assert_eq!(
            trim_around_holes(&text),
            format!("<p>a {MARK}x{MARK} b</p>\n <div>{}</div> ", placeholder(3))
        );
    }

    #[test]
    fn text_that_only_looks_like_a_hole_is_kept() {
        let text = format!("a{MARK}x{MARK}b{}", placeholder(0));
        let page = Skeleton::parse(text.clone())
            .fill(&[content("C", 1)])
            .unwrap();
        assert_eq!(page, format!("a{MARK}x{MARK}bC"));
    }
}
