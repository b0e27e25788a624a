//! Where a link in a chapter points, and what it becomes in the output.
//!
//! Authors link to chapters by file name (`08-our-principles.md#relationships`)
//! so links work in any Markdown viewer too; the site turns them into page
//! URLs and the single print page into in-page anchors.

/// A link destination as the author wrote it, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination<'a> {
    /// `https://…`, `mailto:…`, `tel:…`: left as written.
    External(&'a str),
    /// `#anchor` in the same chapter.
    SameChapter { anchor: &'a str },
    /// `other.md` or `other.md#anchor`.
    Chapter {
        file_name: &'a str,
        anchor: Option<&'a str>,
    },
    /// A file under the source's `assets/` folder, by its path inside it.
    Asset {
        path: String,
        fragment: Option<&'a str>,
    },
    /// Anything that cannot be allowed or resolved, with why.
    Invalid { reason: String, hint: &'static str },
}

const SAFE_SCHEMES: [&str; 4] = ["https:", "http:", "mailto:", "tel:"];

pub fn classify(dest: &str) -> Destination<'_> {
    let trimmed = dest.trim();
    if let Some(anchor) = trimmed.strip_prefix('#') {
        return Destination::SameChapter { anchor };
    }
    let lower = trimmed.to_ascii_lowercase();
    if SAFE_SCHEMES.iter().any(|scheme| lower.starts_with(scheme)) || lower.starts_with("//") {
        return Destination::External(trimmed);
    }
    if let Some(colon) = lower.find(':')
        && !lower[..colon].contains('/')
    {
        return Destination::Invalid {
            reason: format!("the link `{dest}` uses a scheme that is not allowed"),
            hint: "links may point to https:, http:, mailto: or tel: addresses, chapters (`other.md`) or files in `assets/`",
        };
    }
    let (path, fragment) = match trimmed.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (trimmed, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    if path.ends_with(".md") {
        let file_name = path.rsplit('/').next().unwrap_or(path);
        return Destination::Chapter {
            file_name,
            anchor: fragment.filter(|a| !a.is_empty()),
        };
    }
    match asset_path(path) {
        Some(path) => Destination::Asset { path, fragment },
        None => Destination::Invalid {
            reason: format!("the link `{dest}` points outside the handbook's `assets/` folder"),
            hint: "put the file in the handbook's `assets/` folder and link to it as `../assets/NAME`",
        },
    }
}

/// In text that Markdown did not read as a link, a `](address)` whose
/// address names a chapter but holds a space (`[next](02 next steps.md)`):
/// where the address starts in `text`, and the address. A space ends a link's
/// address, so such text is published as it is written. Markdown's text may
/// break after the `]`: `after_bracket` says the text before ended with one.
pub fn unlinked_chapter_address(text: &str, after_bracket: bool) -> Option<(usize, &str)> {
    // `](` is rare and text is most of a chapter: look for `]` with memchr
    // rather than for the pair with a searcher made at every call
    let bytes = text.as_bytes();
    let start = if after_bracket && text.starts_with('(') {
        1
    } else {
        memchr::memchr_iter(b']', bytes).find(|&at| bytes.get(at + 1) == Some(&b'('))? + 2
    };
    let address = &text[start..start + text[start..].find(')')?];
    let path = address.split('#').next().unwrap_or(address);
    (address.contains(char::is_whitespace) && path.trim_end().ends_with(".md"))
        .then_some((start, address))
}

/// `../assets/logo.svg`, `assets/logo.svg`, `/assets/logo.svg` → `logo.svg`.
/// Anything that climbs out of `assets/` is refused.
pub fn asset_path(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let mut climbed = 0usize;
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    climbed += 1;
                }
            }
            part => parts.push(part),
        }
    }
    // a chapter sits in `chapters/`, so `../assets/x` is the one legal climb
    if climbed > 1 || parts.first() != Some(&"assets") || parts.len() < 2 {
        return None;
    }
    let inside = parts[1..].join("/");
    (!inside.split('/').any(|p| p.starts_with('.'))).then_some(inside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_links_keep_their_anchor() {
        assert_eq!(
            classify("08-our-principles.md#relationships"),
            Destination::Chapter {
                file_name: "08-our-principles.md",
                anchor: Some("relationships")
            }
        );
        assert_eq!(
            classify("./03-the-movement.md"),
            Destination::Chapter {
                file_name: "03-the-movement.md",
                anchor: None
            }
        );
    }

    #[test]
    fn scripts_and_escapes_are_refused() {
        assert!(matches!(
            classify("javascript:alert(1)"),
            Destination::Invalid { .. }
        ));
        assert!(matches!(
            classify("JavaScript:alert(1)"),
            Destination::Invalid { .. }
        ));
        assert!(matches!(
            classify("../../etc/passwd"),
            Destination::Invalid { .. }
        ));
        assert!(matches!(
            classify("../assets/../../secret"),
            Destination::Invalid { .. }
        ));
    }

    #[test]
    fn a_chapter_address_with_a_space_is_found_in_text() {
        assert_eq!(
            unlinked_chapter_address("](02 next steps.md) and more", false),
            Some((2, "02 next steps.md"))
        );
        assert_eq!(
            unlinked_chapter_address("(02 next steps.md#why we) ok", true),
            Some((1, "02 next steps.md#why we"))
        );
        // an address without a space was a link; words in brackets are not chapters
        assert_eq!(unlinked_chapter_address("](02-next.md)", false), None);
        assert_eq!(unlinked_chapter_address("](see page 3)", false), None);
        assert_eq!(unlinked_chapter_address("](02 next steps.md", false), None);
        assert_eq!(unlinked_chapter_address("(02 next steps.md)", false), None);
    }

    #[test]
    fn assets_resolve_inside_the_assets_folder() {
        assert_eq!(
            asset_path("../assets/img/logo.svg").as_deref(),
            Some("img/logo.svg")
        );
        assert_eq!(asset_path("assets/logo.svg").as_deref(), Some("logo.svg"));
        assert_eq!(asset_path("logo.svg"), None);
    }
}
