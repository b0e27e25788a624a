//! `handbook epub`: the handbook as an accessible EPUB 3 book, in its own
//! language or as one of its other editions (`--language cy`).
//!
//! The book is made from the pipeline's own work ([`Book`]): each chapter's
//! print rendering (ids unique across the book, links between chapters as
//! `#slug--anchor`) becomes its own XHTML document through the theme's
//! `epub/chapter.html`, and each `#id` link goes to the document that holds
//! the id. The theme's `epub/cover.html` and `epub/nav.html` make the cover
//! and the navigation document (contents and landmarks). The stylesheets are
//! the brand's colours (`palette.css`), the theme's `static/epub/book.css`,
//! and the stylesheets of the components each chapter draws, as on the site.
//!
//! Inside the container (`container`): `EPUB/package.opf` (`package`),
//! `EPUB/cover.xhtml`, `EPUB/nav.xhtml`, `EPUB/chapters/SLUG.xhtml`,
//! `EPUB/styles/…` and the images the book shows in `EPUB/assets/…` under
//! their site names, so the renderings' `../assets/…` links hold. An
//! edition's chapters sit one folder deeper, `EPUB/chapters/cy/SLUG.xhtml`,
//! as its renderings link the assets from one folder deeper on the site.
//!
//! Every document says its language and direction (`lang`, `xml:lang`,
//! `dir`), the edition's; a chapter the edition shows untranslated says its
//! own on its section, and the theme's words come from the edition's
//! language. A right-to-left edition's spine turns its pages that way
//! (`page-progression-direction="rtl"`).

mod container;
pub mod media;
pub mod package;
pub mod xhtml;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde::Serialize;
use tera::Context;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::html::tokens::{self, Token};
use crate::html::unescape;
use crate::load::languages;
use crate::pipeline::BuildOptions;
use crate::pipeline::book::{Book, BookChapter};
use crate::render::pages::Fragment;
use crate::theme::palette::Palette;
use package::Item;
use xhtml::LinkTarget;

/// The folder of the package inside the container.
const ROOT: &str = "EPUB";
const COVER: &str = "cover.xhtml";
const NAV: &str = "nav.xhtml";
const CHAPTERS: &str = "chapters";
const XHTML_TYPE: &str = "application/xhtml+xml";
const CSS_TYPE: &str = "text/css";
const PALETTE_CSS: &str = "styles/palette.css";
const BOOK_CSS: &str = "styles/book.css";

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpubReport {
    pub chapters: usize,
    pub bytes: usize,
}

/// Builds the handbook in `source_dir` and writes its EPUB to `out`: of the
/// edition in `language` (one of `languages:`), or of the handbook's own
/// language when `None`.
pub fn write_epub(
    source_dir: &Path,
    out: &Path,
    options: &BuildOptions,
    language: Option<&str>,
) -> Result<EpubReport, Error> {
    if out.is_dir() {
        return Err(Error::Usage(format!(
            "`{}` is a folder; give --out the name of the EPUB file to write, such as output/handbook.epub",
            out.display()
        )));
    }
    let mut book = Book::load(source_dir, options)?;
    if let Some(language) = language {
        book = book.in_language(language)?;
    }
    let problems = problems(&book);
    if !problems.is_empty() {
        return Err(Error::Content(problems));
    }
    let bytes = epub(&book)?;
    crate::write::file_into_place(out, &bytes).map_err(|source| Error::Io {
        action: "cannot write the EPUB to",
        path: out.to_path_buf(),
        source,
    })?;
    Ok(EpubReport {
        chapters: book.chapters().len(),
        bytes: bytes.len(),
    })
}

/// What a book needs that a site does not: images in formats an EPUB may
/// hold. `handbook check` reports these too.
pub fn problems(book: &Book) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let assets = book.assets();
    let name_of: HashMap<&str, &str> = assets.iter().map(|a| (a.output, a.name)).collect();
    let hint = format!(
        "an EPUB shows {} images: save it in one of these formats",
        media::supported_images()
    );
    let climb = assets_climb(book);
    for chapter in book.chapters() {
        let mut reported = BTreeSet::new();
        for src in images(chapter.print_html) {
            let Some(name) = src
                .strip_prefix(climb.as_str())
                .and_then(|output| name_of.get(output))
            else {
                continue;
            };
            if !media::is_unsupported_image(name) || !reported.insert(*name) {
                continue;
            }
            let source = &chapter.chapter.text;
            let mut problem = Diagnostic::new(
                &chapter.chapter.display_path,
                format!("the image `{name}` is in a format an EPUB cannot show"),
            );
            if let Some(at) = source.find(name) {
                problem = problem.at_offset(source, at);
            }
            problems.push(problem.with_hint(hint.clone()));
        }
    }
    if let Some(logo) = &book.settings().brand.logo
        && media::is_unsupported_image(logo)
    {
        problems.push(
            book.settings()
                .source
                .locate(
                    "brand.logo",
                    format!("the logo `{logo}` is in a format an EPUB cannot show"),
                )
                .with_hint(hint),
        );
    }
    problems
}

/// What the book's chapter renderings write before `assets/…`: `../`, one
/// more for an edition (its pages are one folder deeper).
fn assets_climb(book: &Book) -> String {
    "../".repeat(1 + book.folder().matches('/').count())
}

/// The `src` of every image in `html`, as written.
fn images(html: &str) -> impl Iterator<Item = String> + '_ {
    tokens::tokens(html).filter_map(|token| match token {
        Token::Start {
            name, attributes, ..
        } if name.eq_ignore_ascii_case("img") => tokens::attribute(attributes, "src").map(unescape),
        _ => None,
    })
}

/// The settings as the EPUB templates see them.
#[derive(Serialize)]
struct SiteData<'a> {
    title: &'a str,
    subtitle: Option<&'a str>,
    organisation: &'a str,
    language: &'a str,
    /// `ltr` or `rtl`, from the language.
    dir: &'static str,
    description: Option<&'a str>,
    published: Option<&'a str>,
    licence: Option<&'a str>,
    logo_alt: Option<&'a str>,
}

#[derive(Serialize)]
struct ChapterData<'a> {
    number: usize,
    title: &'a str,
    /// The id of the chapter's section, as an XML name.
    slug: String,
    content: String,
    /// For a chapter the edition shows untranslated: its language.
    untranslated: Option<Fragment>,
}

#[derive(Serialize)]
struct NavChapter<'a> {
    number: usize,
    title: &'a str,
    untranslated: Option<Fragment>,
    href: String,
    sections: Vec<NavSection<'a>>,
}

#[derive(Serialize)]
struct NavSection<'a> {
    title: &'a str,
    href: String,
}

/// A document of the book, as HTML until every id is known.
struct Document {
    /// Path inside the package folder (`chapters/welcome.xhtml`).
    path: String,
    html: String,
}

/// The EPUB of `book`, as bytes.
pub fn epub(book: &Book) -> Result<Vec<u8>, Error> {
    let drawing = Drawing::new(book)?;
    let mut styles = drawing.base_styles.clone();
    let documents = drawing.documents(&mut styles)?;
    let mut package = Package::default();
    let shown_images = package.add_documents(book, &documents);
    package.add_styles(styles);
    package.add_images(book, &shown_images);
    package.zip(book)
}

/// What the book's documents are drawn with: the theme, the settings as its
/// templates see them, and the stylesheets every document links.
struct Drawing<'a> {
    book: &'a Book,
    site: SiteData<'a>,
    base_styles: BTreeMap<String, Vec<u8>>,
}

impl<'a> Drawing<'a> {
    fn new(book: &'a Book) -> Result<Drawing<'a>, Error> {
        let settings = book.settings();
        let theme = book.theme();
        let site = SiteData {
            title: &settings.title,
            subtitle: settings.subtitle.as_deref(),
            organisation: &settings.organisation,
            language: &settings.language,
            dir: languages::direction(&settings.language),
            description: settings.description.as_deref().map(str::trim),
            published: settings.published.as_deref(),
            licence: settings.licence.as_deref(),
            logo_alt: settings.brand.logo_alt.as_deref(),
        };
        // The brand's colours, then the book's own styles.
        let palette = Palette::new(&theme.palette, &settings.brand);
        let book_css = theme.static_files.get("epub/book.css").ok_or_else(|| {
            Error::Content(Diagnostics(vec![Diagnostic::new(
                "themes/default/static/epub/book.css",
                "the theme has no stylesheet for the e-book",
            )]))
        })?;
        let base_styles = BTreeMap::from([
            (PALETTE_CSS.to_string(), palette_css(&palette).into_bytes()),
            (BOOK_CSS.to_string(), book_css.bytes.clone()),
        ]);
        Ok(Drawing {
            book,
            site,
            base_styles,
        })
    }

    fn render(&self, template: &str, context: &Context) -> Result<String, Error> {
        self.book
            .theme()
            .render(template, context)
            .map_err(|problem| Error::Content(Diagnostics(vec![problem])))
    }

    fn context(&self, root: &str, stylesheets: &[String]) -> Context {
        let mut context = Context::new();
        context.insert("site", &self.site);
        context.insert("t", &self.book.theme().words.value(self.site.language));
        context.insert("root", root);
        context.insert("stylesheets", stylesheets);
        context
    }

    /// The cover, the navigation document and a document per chapter, in
    /// reading order; the components' stylesheets the chapters link are
    /// added to `styles`.
    fn documents(&self, styles: &mut BTreeMap<String, Vec<u8>>) -> Result<Vec<Document>, Error> {
        let chapters = self.book.chapters();
        let folder = format!("{CHAPTERS}/{}", self.book.folder());
        let chapter_root = "../".repeat(folder.matches('/').count());
        let base: Vec<String> = vec![PALETTE_CSS.into(), BOOK_CSS.into()];
        let mut documents = Vec::with_capacity(chapters.len() + 2);
        let mut context = self.context("", &base);
        context.insert("logo", &self.book.logo());
        documents.push(Document {
            path: COVER.into(),
            html: self.render("epub/cover.html", &context)?,
        });
        let nav = nav_chapters(&chapters);
        let mut context = self.context("", &base);
        context.insert("chapters", &nav);
        context.insert("cover_href", COVER);
        context.insert("start_href", &nav.first().map(|c| c.href.as_str()));
        documents.push(Document {
            path: NAV.into(),
            html: self.render("epub/nav.html", &context)?,
        });
        let worksheet_note = self.render("epub/worksheet-note.html", &self.context("", &[]))?;
        for chapter in &chapters {
            let mut stylesheets = base.clone();
            stylesheets.extend(self.component_styles(chapter, styles));
            let mut context = self.context(&chapter_root, &stylesheets);
            context.insert(
                "chapter",
                &ChapterData {
                    number: chapter.number,
                    title: &chapter.chapter.front.title,
                    slug: chapter.chapter.slug.clone(),
                    content: xhtml::ebook_body(chapter.print_html, worksheet_note.trim()),
                    untranslated: chapter.untranslated.clone(),
                },
            );
            documents.push(Document {
                path: format!("{folder}{}.xhtml", chapter.chapter.slug),
                html: self.render("epub/chapter.html", &context)?,
            });
        }
        Ok(documents)
    }

    /// The stylesheets of the components `chapter` draws, as on the site,
    /// each added once to `styles`.
    fn component_styles(
        &self,
        chapter: &BookChapter<'_>,
        styles: &mut BTreeMap<String, Vec<u8>>,
    ) -> Vec<String> {
        if chapter.components.is_empty() {
            return Vec::new();
        }
        let names = std::iter::once("components.css".to_string()).chain(
            chapter
                .components
                .iter()
                .map(|name| format!("components/{name}.css")),
        );
        let static_files = &self.book.theme().static_files;
        names
            .filter_map(|name| {
                let css = static_files.get(&name)?;
                let path = format!("styles/{name}");
                styles
                    .entry(path.clone())
                    .or_insert_with(|| css.bytes.clone());
                Some(path)
            })
            .collect()
    }
}

/// The navigation document's contents: each chapter with its sections.
fn nav_chapters<'c>(chapters: &'c [BookChapter<'_>]) -> Vec<NavChapter<'c>> {
    chapters
        .iter()
        .map(|chapter| NavChapter {
            number: chapter.number,
            title: &chapter.chapter.front.title,
            untranslated: chapter.untranslated.clone(),
            href: format!("#{}", chapter.chapter.slug),
            sections: chapter
                .headings
                .iter()
                .filter(|heading| heading.level == 2)
                .map(|heading| NavSection {
                    title: &heading.text,
                    href: format!("#{}", heading.id),
                })
                .collect(),
        })
        .collect()
}

/// The files of the package folder and their manifest entries.
#[derive(Default)]
struct Package {
    files: Vec<(String, Vec<u8>)>,
    items: Vec<Item>,
}

impl Package {
    /// The documents as XHTML, each `#id` link sent to the document that
    /// holds the id. Returns the images they show (and the logo).
    fn add_documents(&mut self, book: &Book, documents: &[Document]) -> BTreeSet<String> {
        // Every id, and the document that holds it.
        let mut holder: HashMap<String, usize> = HashMap::new();
        for (index, document) in documents.iter().enumerate() {
            for id in xhtml::ids(&document.html) {
                holder.entry(id).or_insert(index);
            }
        }
        let base_url = book
            .settings()
            .base_url
            .as_deref()
            .map(|u| u.trim_end_matches('/'));
        let mut shown_images: BTreeSet<String> =
            book.logo().map(String::from).into_iter().collect();
        for (index, document) in documents.iter().enumerate() {
            let link = |href: &str| -> LinkTarget {
                let href = held_fragment(href, &holder);
                link_target(&href, &document.path, base_url, |id| {
                    holder
                        .get(&xhtml::xml_id(id))
                        .map(|&i| (documents[i].path.as_str(), i == index))
                })
            };
            let text = xhtml::to_xhtml(&document.html, &link);
            let depth = document.path.matches('/').count();
            for src in images(&text) {
                let inside = src.get(3 * depth..).unwrap_or_default();
                if inside.starts_with("assets/") {
                    shown_images.insert(inside.to_string());
                }
            }
            let id = match document.path.as_str() {
                COVER => "cover".to_string(),
                NAV => "nav".to_string(),
                _ => format!("chapter-{}", index - 1),
            };
            self.items.push(Item {
                id,
                href: document.path.clone(),
                media_type: XHTML_TYPE,
                properties: match (document.path.as_str(), text.contains("<svg")) {
                    (NAV, _) => Some("nav"),
                    (_, true) => Some("svg"),
                    _ => None,
                },
                in_spine: true,
            });
            self.files
                .push((format!("{ROOT}/{}", document.path), text.into_bytes()));
        }
        shown_images
    }

    fn add_styles(&mut self, styles: BTreeMap<String, Vec<u8>>) {
        for (index, (path, css)) in styles.into_iter().enumerate() {
            self.items.push(Item {
                id: format!("style-{}", index + 1),
                href: path.clone(),
                media_type: CSS_TYPE,
                properties: None,
                in_spine: false,
            });
            self.files.push((format!("{ROOT}/{path}"), css));
        }
    }

    /// The handbook's images that the book shows, in formats it may hold.
    fn add_images(&mut self, book: &Book, shown: &BTreeSet<String>) {
        let assets = book.assets();
        for (index, path) in shown.iter().enumerate() {
            let Some(asset) = assets.iter().find(|asset| asset.output == path) else {
                continue;
            };
            let Some(media_type) = media::image_type(asset.name) else {
                continue;
            };
            self.items.push(Item {
                id: format!("image-{}", index + 1),
                href: path.clone(),
                media_type,
                properties: None,
                in_spine: false,
            });
            self.files
                .push((format!("{ROOT}/{path}"), asset.bytes.to_vec()));
        }
    }

    /// The container: its description, the package document, then the files.
    fn zip(self, book: &Book) -> Result<Vec<u8>, Error> {
        let settings = book.settings();
        let identifier = package::identifier(settings);
        let modified = package::modified(
            book.chapters()
                .iter()
                .filter_map(|c| c.chapter.front.updated.as_ref().map(|d| d.iso())),
            settings,
        );
        let metadata = package::Metadata {
            settings,
            identifier: &identifier,
            modified: &modified,
            visual: self.files.iter().any(|(path, bytes)| {
                path.contains("/assets/") || (path.ends_with(".xhtml") && contains(bytes, b"<svg"))
            }),
        };
        let package_path = format!("{ROOT}/package.opf");
        let mut all = vec![
            (
                "META-INF/container.xml".to_string(),
                package::container(&package_path).into_bytes(),
            ),
            (
                package_path,
                package::package_document(&metadata, &self.items).into_bytes(),
            ),
        ];
        all.extend(self.files);
        container::zip(&all)
            .map_err(|error| Error::Tool(format!("cannot make the EPUB container: {error}")))
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// `href` as the book can follow it: a link to a place that no document
/// holds goes to the start of its chapter (`#welcome--our-promise` to
/// `#welcome`). An edition's chapter shown untranslated links to the
/// original's headings, which its translated chapters name otherwise.
fn held_fragment<'h>(href: &'h str, holder: &HashMap<String, usize>) -> Cow<'h, str> {
    let held = |id: &str| holder.contains_key(&xhtml::xml_id(id));
    match href.strip_prefix('#') {
        Some(id) if !held(id) => match id.split_once("--") {
            Some((slug, _)) if held(slug) => Cow::Owned(format!("#{slug}")),
            _ => Cow::Borrowed(href),
        },
        _ => Cow::Borrowed(href),
    }
}

/// Where `href`, written in the document at `from`, goes in the book.
/// `find` gives the document holding an id, and whether it is `from`.
fn link_target<'a>(
    href: &str,
    from: &str,
    base_url: Option<&str>,
    find: impl Fn(&str) -> Option<(&'a str, bool)>,
) -> LinkTarget {
    if let Some(id) = href.strip_prefix('#') {
        return LinkTarget::To(match find(id) {
            Some((_, true)) | None => href.to_string(),
            Some((document, false)) => format!("{}{href}", relative(from, document)),
        });
    }
    // a file of `assets/` (a PDF, a form): on the website, not in the book
    let climbs = from.matches('/').count();
    let inside = (0..climbs).try_fold(href, |rest, _| rest.strip_prefix("../"));
    match inside.filter(|rest| rest.starts_with("assets/")) {
        Some(asset) => match base_url {
            Some(base) => LinkTarget::To(format!("{base}/{asset}")),
            None => LinkTarget::Nowhere,
        },
        None => LinkTarget::To(href.to_string()),
    }
}

/// The path from the document at `from` to the one at `to`, both inside the
/// package folder.
fn relative(from: &str, to: &str) -> String {
    let from_folder = from.rsplit_once('/').map_or("", |(folder, _)| folder);
    match to
        .strip_prefix(from_folder)
        .and_then(|rest| rest.strip_prefix('/'))
    {
        Some(rest) if !from_folder.is_empty() => rest.to_string(),
        _ => format!("{}{to}", "../".repeat(from.matches('/').count())),
    }
}

/// The light palette as CSS variables: reading systems choose their own
/// night themes.
fn palette_css(palette: &Palette) -> String {
    let mut css = String::from(
        "/* The brand's colours (the theme's palette.yaml, then handbook.yaml) */\n:root {\n",
    );
    for (name, value) in &palette.light {
        css.push_str(&format!(
            "  --colour-{}: {value};\n",
            name.replace('_', "-")
        ));
    }
    css.push_str("}\n");
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_between_documents() {
        assert_eq!(relative("chapters/a.xhtml", "chapters/b.xhtml"), "b.xhtml");
        assert_eq!(
            relative("nav.xhtml", "chapters/b.xhtml"),
            "chapters/b.xhtml"
        );
        assert_eq!(
            relative("chapters/a.xhtml", "cover.xhtml"),
            "../cover.xhtml"
        );
        assert_eq!(relative("nav.xhtml", "cover.xhtml"), "cover.xhtml");
    }

    #[test]
    fn a_link_to_a_place_no_document_holds_goes_to_its_chapter() {
        let holder = HashMap::from([
            ("welcome".to_string(), 2),
            ("welcome--ein-haddewid".to_string(), 2),
        ]);
        assert_eq!(held_fragment("#welcome--our-promise", &holder), "#welcome");
        assert_eq!(
            held_fragment("#welcome--ein-haddewid", &holder),
            "#welcome--ein-haddewid"
        );
        assert_eq!(held_fragment("#nowhere--x", &holder), "#nowhere--x");
        assert_eq!(
            held_fragment("https://a.example/#b--c", &holder),
            "https://a.example/#b--c"
        );
    }

    #[test]
    fn links_to_ids_go_to_their_document_and_files_to_the_website() {
        let find = |id: &str| match id {
            "b--x" => Some(("chapters/b.xhtml", false)),
            "a--y" => Some(("chapters/a.xhtml", true)),
            _ => None,
        };
        let target = |href: &str, base: Option<&str>| match link_target(
            href,
            "chapters/a.xhtml",
            base,
            find,
        ) {
            LinkTarget::To(href) => href,
            LinkTarget::Nowhere => "(none)".into(),
        };
        assert_eq!(target("#b--x", None), "b.xhtml#b--x");
        assert_eq!(target("#a--y", None), "#a--y");
        assert_eq!(target("https://example.org/", None), "https://example.org/");
        assert_eq!(target("../assets/form.pdf", None), "(none)");
        assert_eq!(
            target("../assets/form.1a2b.pdf", Some("https://h.example")),
            "https://h.example/assets/form.1a2b.pdf"
        );
    }
}
