//! `sitemap.xml` and `robots.txt`. Sitemaps need absolute URLs, so pages are
//! listed only when `base_url` is set; robots.txt always exists.

use crate::html::escape;

/// `pages` are output paths such as `index.html` and `our-vision/index.html`,
/// each with its last-updated ISO date if known. `editions` are the language
/// editions' codes and folders (`cy/`; the handbook's own language's is
/// empty) when there are several: each page lists the same page in every
/// edition as an alternate.
pub fn sitemap(
    base_url: &str,
    pages: &[(String, Option<String>)],
    editions: &[(&str, &str)],
) -> String {
    let base = base_url.trim_end_matches('/');
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
    );
    if !editions.is_empty() {
        xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    xml.push_str(">\n");
    for (path, updated) in pages {
        let page = path.strip_suffix("index.html").unwrap_or(path);
        xml.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape(&format!("{base}/{page}"))
        ));
        if let Some(date) = updated {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        // the page's path within its edition: after the longest folder that starts it
        let in_edition = editions
            .iter()
            .filter_map(|(_, prefix)| page.strip_prefix(prefix))
            .min_by_key(|rest| rest.len());
        for (code, prefix) in editions {
            let Some(rest) = in_edition else { break };
            xml.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape(code),
                escape(&format!("{base}/{prefix}{rest}"))
            ));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

pub fn robots(base_url: Option<&str>) -> String {
    match base_url {
        Some(base) => format!(
            "User-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n",
            base.trim_end_matches('/')
        ),
        None => "User-agent: *\nAllow: /\n".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_lists_absolute_page_urls() {
        let xml = sitemap(
            "https://example.org/handbook/",
            &[
                ("index.html".into(), None),
                ("our-vision/index.html".into(), Some("2026-11-27".into())),
            ],
            &[],
        );
        assert!(
            xml.contains("<loc>https://example.org/handbook/</loc>"),
            "{xml}"
        );
        assert!(
            xml.contains(
                "<loc>https://example.org/handbook/our-vision/</loc><lastmod>2026-11-27</lastmod>"
            ),
            "{xml}"
        );
        assert!(!xml.contains("xhtml"), "{xml}");
    }

    #[test]
    fn every_edition_of_a_page_is_its_alternate() {
        let editions = [("en-GB", ""), ("cy", "cy/")];
        let xml = sitemap(
            "https://example.org",
            &[
                ("welcome/index.html".into(), None),
                ("cy/welcome/index.html".into(), None),
            ],
            &editions,
        );
        let alternates = "<xhtml:link rel=\"alternate\" hreflang=\"en-GB\" href=\"https://example.org/welcome/\"/><xhtml:link rel=\"alternate\" hreflang=\"cy\" href=\"https://example.org/cy/welcome/\"/>";
        assert!(
            xml.contains(&format!(
                "<loc>https://example.org/welcome/</loc>{alternates}</url>"
            )),
            "{xml}"
        );
        assert!(
            xml.contains(&format!(
                "<loc>https://example.org/cy/welcome/</loc>{alternates}</url>"
            )),
            "{xml}"
        );
    }
}
