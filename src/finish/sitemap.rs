//! `sitemap.xml` and `robots.txt`. Sitemaps need absolute URLs, so pages are
//! listed only when `base_url` is set; robots.txt always exists.

use crate::html::escape;

/// `pages` are output paths such as `index.html` and `our-vision/index.html`,
/// each with its last-updated ISO date if known.
pub fn sitemap(base_url: &str, pages: &[(String, Option<String>)]) -> String {
    let base = base_url.trim_end_matches('/');
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, updated) in pages {
        let page = path.strip_suffix("index.html").unwrap_or(path);
        xml.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape(&format!("{base}/{page}"))
        ));
        if let Some(date) = updated {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
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
    }
}
