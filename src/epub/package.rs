//! The package document (`package.opf`): the book's metadata (in the
//! language of the edition its settings are), with the accessibility
//! metadata of EPUB Accessibility 1.1, every file in the book (the manifest)
//! and the reading order (the spine, turning right to left for a language
//! written that way).

use crate::html::escape;
use crate::load::Settings;
use crate::load::languages;

/// The conformance the book claims: `scripts/test` checks it (epubcheck, and
/// axe-core on every document of the book) before any release.
pub const CONFORMS_TO: &str = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA";

/// One file of the book, as the manifest lists it.
pub struct Item {
    /// Unique in the manifest, an XML name.
    pub id: String,
    /// Relative to the package document.
    pub href: String,
    pub media_type: &'static str,
    /// `nav`, `svg`…, space-separated, when any.
    pub properties: Option<&'static str>,
    /// Whether it is read in order, in the spine.
    pub in_spine: bool,
}

/// What the package says about the book besides its files.
pub struct Metadata<'a> {
    pub settings: &'a Settings,
    /// `urn:uuid:…`, the same for every build of the same handbook.
    pub identifier: &'a str,
    /// `YYYY-MM-DDThh:mm:ssZ`.
    pub modified: &'a str,
    /// Whether any document shows an image or a drawing.
    pub visual: bool,
}

/// The package document.
pub fn package_document(metadata: &Metadata<'_>, items: &[Item]) -> String {
    let settings = metadata.settings;
    let mut opf = String::with_capacity(4096 + items.len() * 160);
    opf.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"book-id\" xml:lang=\""
    ));
    opf.push_str(&escape(&settings.language));
    opf.push_str("\">\n  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
    let mut element = |name: &str, attributes: &str, value: &str| {
        opf.push_str(&format!(
            "    <{name}{attributes}>{}</{name}>\n",
            escape(value)
        ));
    };
    element("dc:identifier", " id=\"book-id\"", metadata.identifier);
    element("dc:title", "", &settings.title);
    element("dc:language", "", &settings.language);
    element("dc:creator", "", &settings.organisation);
    element("dc:publisher", "", &settings.organisation);
    if let Some(description) = &settings.description {
        element("dc:description", "", description.trim());
    }
    if let Some(licence) = &settings.licence {
        element("dc:rights", "", licence);
    }
    let meta = |property: &str| format!(" property=\"{property}\"");
    element("meta", &meta("dcterms:modified"), metadata.modified);
    element("meta", &meta("schema:accessMode"), "textual");
    if metadata.visual {
        element("meta", &meta("schema:accessMode"), "visual");
        element(
            "meta",
            &meta("schema:accessModeSufficient"),
            "textual,visual",
        );
    }
    element("meta", &meta("schema:accessModeSufficient"), "textual");
    for feature in [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "alternativeText",
        "longDescription",
        "displayTransformability",
    ] {
        element("meta", &meta("schema:accessibilityFeature"), feature);
    }
    element("meta", &meta("schema:accessibilityHazard"), "none");
    // written in English whatever the book's language: it says so
    element(
        "meta",
        &format!("{} xml:lang=\"en\"", meta("schema:accessibilitySummary")),
        "This handbook meets WCAG 2.2 level AA and EPUB Accessibility 1.1. \
         Every chapter is its own document, with headings in order and a table \
         of contents that lists the chapters and their sections. Every diagram \
         has its full content as text beside it, and every image has a text \
         alternative. Nothing flashes, moves on its own or plays sound; the \
         colours can be changed by the reading system. Worksheets show their \
         questions: an e-book has no lines to write answers on.",
    );
    element("meta", &meta("dcterms:conformsTo"), CONFORMS_TO);
    // who evaluated it, only as the settings state it: the publisher never
    // certified a book just by building it
    if let Some(tester) = &settings.accessibility.tested_by {
        element("meta", &meta("a11y:certifiedBy"), tester);
    }
    opf.push_str("  </metadata>\n  <manifest>\n");
    for item in items {
        opf.push_str(&format!(
            "    <item id=\"{}\" href=\"{}\" media-type=\"{}\"{}/>\n",
            escape(&item.id),
            escape(&item.href),
            item.media_type,
            item.properties
                .map(|p| format!(" properties=\"{p}\""))
                .unwrap_or_default()
        ));
    }
    // a right-to-left book turns its pages the other way
    let progression = match languages::direction(&settings.language) {
        "rtl" => " page-progression-direction=\"rtl\"",
        _ => "",
    };
    opf.push_str(&format!("  </manifest>\n  <spine{progression}>\n"));
    for item in items.iter().filter(|item| item.in_spine) {
        opf.push_str(&format!("    <itemref idref=\"{}\"/>\n", escape(&item.id)));
    }
    opf.push_str("  </spine>\n</package>\n");
    opf
}

/// `META-INF/container.xml`: where the package document is.
pub fn container(package_path: &str) -> String {
    format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n",
            "  <rootfiles>\n",
            "    <rootfile full-path=\"{}\" media-type=\"application/oebps-package+xml\"/>\n",
            "  </rootfiles>\n",
            "</container>\n"
        ),
        escape(package_path)
    )
}

/// A UUID (`urn:uuid:…`) made from the handbook's title, organisation,
/// language and address: the same book gets the same identifier on every
/// build, another handbook (a fork) another one. It is a version 8 UUID
/// (RFC 9562: made by the application), from a 128-bit hash.
pub fn identifier(settings: &Settings) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in [
        settings.title.as_str(),
        settings.organisation.as_str(),
        settings.language.as_str(),
        settings.base_url.as_deref().unwrap_or(""),
    ] {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    let mut bytes = hasher.digest128().to_be_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // the RFC's variant
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The modification date the package records, from the newest chapter's
/// `updated` (ISO dates, so the largest string is the newest), else the
/// settings' `published` when it is a date or a year, else the day the
/// accessibility was last tested: never the clock, so two builds of the
/// same source give the same book.
pub fn modified<'a>(updated: impl Iterator<Item = String>, settings: &'a Settings) -> String {
    let date_of = |text: &'a str| -> Option<String> {
        let text = text.trim();
        let digits =
            |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
        match text.split('-').collect::<Vec<_>>().as_slice() {
            [year, month, day] if digits(year, 4) && digits(month, 2) && digits(day, 2) => {
                Some(text.to_string())
            }
            [year] if digits(year, 4) => Some(format!("{year}-01-01")),
            _ => None,
        }
    };
    let day = updated
        .max()
        .or_else(|| settings.published.as_deref().and_then(date_of))
        .or_else(|| {
            settings
                .accessibility
                .last_tested
                .as_deref()
                .and_then(date_of)
        })
        .unwrap_or_else(|| "2000-01-01".to_string());
    format!("{day}T00:00:00Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(yaml: &str) -> Settings {
        serde_saphyr::from_str(yaml).expect("settings")
    }

    #[test]
    fn the_identifier_is_a_uuid_that_depends_on_the_handbook() {
        let one = identifier(&settings("title: A\norganisation: B\n"));
        assert_eq!(one, identifier(&settings("title: A\norganisation: B\n")));
        assert_ne!(one, identifier(&settings("title: A\norganisation: C\n")));
        let uuid = one.strip_prefix("urn:uuid:").expect("a URN");
        let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
        assert_eq!(groups, vec![8, 4, 4, 4, 12]);
        assert_eq!(&uuid[14..15], "8", "version 8: {uuid}");
        assert!("89ab".contains(&uuid[19..20]), "RFC variant: {uuid}");
    }

    #[test]
    fn modified_is_the_newest_update_else_a_date_from_the_settings() {
        let plain = settings("title: A\norganisation: B\npublished: \"2026\"\n");
        let dates = ["2026-03-01", "2026-11-27", "2025-12-31"].map(String::from);
        assert_eq!(modified(dates.into_iter(), &plain), "2026-11-27T00:00:00Z");
        assert_eq!(modified(std::iter::empty(), &plain), "2026-01-01T00:00:00Z");
        let spring = settings("title: A\norganisation: B\npublished: Spring 2027\n");
        assert_eq!(
            modified(std::iter::empty(), &spring),
            "2000-01-01T00:00:00Z"
        );
    }
}
