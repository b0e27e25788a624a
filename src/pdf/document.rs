//! The PDF Chromium printed, read and written back through `lopdf`: where
//! each named destination landed (which page the id `our-vision` is on),
//! what the bookmarks say, and giving bookmarks better titles. The finishing
//! for accessibility ([`super::accessible`]) edits the same document.

use std::collections::{BTreeMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

/// Why a PDF could not be read or written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct ReadError(pub String);

impl From<lopdf::Error> for ReadError {
    fn from(error: lopdf::Error) -> Self {
        ReadError(error.to_string())
    }
}

/// A printed PDF, parsed.
pub struct Printed {
    pub document: Document,
}

/// The facts about a printed handbook that the contents list needs.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedLayout {
    /// How many pages the document has.
    pub page_count: usize,
    /// Named destination (an element id that something links to) → its page, from 1.
    pub destination_pages: BTreeMap<String, usize>,
}

/// One entry of the outline (a bookmark).
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    /// The object that holds it, to retitle it.
    pub object: ObjectId,
    pub title: String,
}

impl Printed {
    pub fn parse(bytes: &[u8]) -> Result<Printed, ReadError> {
        let document = Document::load_mem(bytes)?;
        if document.is_encrypted() {
            return Err(ReadError(
                "it is encrypted, which handbook does not handle".into(),
            ));
        }
        Ok(Printed { document })
    }

    /// The document written out, its streams compressed.
    pub fn to_bytes(&mut self) -> Result<Vec<u8>, ReadError> {
        let mut bytes = Vec::new();
        self.document
            .save_to(&mut bytes)
            .map_err(|error| ReadError(format!("cannot write it: {error}")))?;
        Ok(bytes)
    }

    pub fn catalog(&self) -> Result<&Dictionary, ReadError> {
        Ok(self.document.catalog()?)
    }

    /// The page count and the page of every named destination.
    pub fn layout(&self) -> Result<PrintedLayout, ReadError> {
        let pages: BTreeMap<ObjectId, usize> = self
            .document
            .get_pages()
            .into_iter()
            .map(|(number, id)| (id, number as usize))
            .collect();
        let mut destination_pages = BTreeMap::new();
        if let Ok(dests) = self.catalog()?.get_deref(b"Dests", &self.document) {
            let dests = dests
                .as_dict()
                .map_err(|_| ReadError("the destinations are not a dictionary".into()))?;
            for (name, destination) in dests.iter() {
                // `[page /XYZ left top zoom]`, or a dictionary holding it as /D.
                let destination = self.resolve(destination);
                let array = match destination {
                    Object::Array(items) => Some(items),
                    Object::Dictionary(dict) => dict
                        .get_deref(b"D", &self.document)
                        .and_then(Object::as_array)
                        .ok(),
                    _ => None,
                };
                if let Some(Object::Reference(page)) = array.and_then(|items| items.first())
                    && let Some(number) = pages.get(page)
                {
                    destination_pages.insert(String::from_utf8_lossy(name).into_owned(), *number);
                }
            }
        }
        Ok(PrintedLayout {
            page_count: pages.len(),
            destination_pages,
        })
    }

    /// Every bookmark, in reading order (each followed by the ones nested in it).
    pub fn bookmarks(&self) -> Result<Vec<Bookmark>, ReadError> {
        let Ok(outlines) = self.catalog()?.get_deref(b"Outlines", &self.document) else {
            return Ok(Vec::new());
        };
        let mut stack: Vec<ObjectId> = outlines
            .as_dict()
            .ok()
            .and_then(|outlines| outlines.get(b"First").ok())
            .and_then(|first| first.as_reference().ok())
            .into_iter()
            .collect();
        let mut seen = HashSet::new();
        let mut bookmarks = Vec::new();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                return Err(ReadError("the outline loops".into()));
            }
            let item = self
                .document
                .get_dictionary(id)
                .map_err(|_| ReadError("a bookmark is not a dictionary".into()))?;
            let title = item
                .get(b"Title")
                .ok()
                .and_then(|title| lopdf::decode_text_string(title).ok())
                .unwrap_or_default();
            bookmarks.push(Bookmark { object: id, title });
            // Its children come before its next sibling.
            for key in [b"Next".as_slice(), b"First"] {
                if let Ok(next) = item.get(key).and_then(Object::as_reference) {
                    stack.push(next);
                }
            }
        }
        Ok(bookmarks)
    }

    /// Gives the bookmarks in `titles` (object → title) their new titles.
    pub fn retitle_bookmarks(
        &mut self,
        titles: &BTreeMap<ObjectId, String>,
    ) -> Result<(), ReadError> {
        for (&id, title) in titles {
            let item = self
                .document
                .get_dictionary_mut(id)
                .map_err(|_| ReadError(format!("object {} is not a bookmark", id.0)))?;
            item.set("Title", lopdf::text_string(title));
        }
        Ok(())
    }

    /// The object a value refers to, or the value itself.
    pub fn resolve<'a>(&'a self, object: &'a Object) -> &'a Object {
        self.document
            .dereference(object)
            .map_or(object, |(_, target)| target)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Lays out `objects` (numbered from 1) as a PDF with a correct cross-reference table.
    pub fn pdf(objects: &[&str]) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
        for offset in offsets {
            out.extend(format!("{offset:010} 00000 n \n").bytes());
        }
        out.extend(
            format!(
                "trailer\n<</Size {} /Root 1 0 R>>\nstartxref\n{xref}\n%%EOF",
                objects.len() + 1
            )
            .bytes(),
        );
        out
    }

    /// Three pages in a nested page tree, the middle one a kid of an inner node,
    /// and destinations in both forms Chromium and others write.
    fn three_pages() -> Vec<u8> {
        pdf(&[
            "<</Type /Catalog /Pages 2 0 R /Dests 7 0 R /Lang (en-GB)>>",
            "<</Type /Pages /Count 3 /Kids [3 0 R 4 0 R 6 0 R]>>",
            "<</Type /Page /Parent 2 0 R>>",
            "<</Type /Pages /Parent 2 0 R /Count 1 /Kids [5 0 R]>>",
            "<</Type /Page /Parent 4 0 R /Contents 8 0 R>>",
            "<</Type /Page /Parent 2 0 R>>",
            "<</getting-started [3 0 R /XYZ 34.6 598.3 0]\n/our#20vision <</D [5 0 R /Fit]>>\n/next-steps [6 0 R /XYZ 0 0 0] /lost [99 0 R /Fit]>>",
            "<</Length 12>>\nstream\nendobj (x) <<\nendstream",
        ])
    }

    #[test]
    fn finds_the_page_of_every_named_destination_in_reading_order() {
        let layout = Printed::parse(&three_pages()).unwrap().layout().unwrap();
        assert_eq!(layout.page_count, 3);
        let pages: Vec<(&str, usize)> = layout
            .destination_pages
            .iter()
            .map(|(name, page)| (name.as_str(), *page))
            .collect();
        assert_eq!(
            pages,
            [("getting-started", 1), ("next-steps", 3), ("our vision", 2)]
        );
    }

    #[test]
    fn refuses_what_is_not_a_pdf() {
        assert!(Printed::parse(b"<html>").is_err());
    }

    /// Two pages; bookmarks "Chapter" (with "everybody’sbusiness" inside it, in
    /// UTF-16 as Chromium writes non-ASCII titles) and "Next".
    fn with_outline() -> Vec<u8> {
        pdf(&[
            "<</Type /Catalog /Pages 2 0 R /Outlines 5 0 R /Dests <</next [4 0 R /Fit]>>>>",
            "<</Type /Pages /Count 2 /Kids [3 0 R 4 0 R]>>",
            "<</Type /Page /Parent 2 0 R>>",
            "<</Type /Page /Parent 2 0 R>>",
            "<</Type /Outlines /First 6 0 R /Last 8 0 R /Count 3>>",
            "<</Title (Chapter) /Parent 5 0 R /First 7 0 R /Last 7 0 R /Next 8 0 R /Dest [3 0 R /XYZ 0 800 0]>>",
            "<</Title <FEFF006500760065007200790062006F00640079201900730062007500730069006E006500730073> /Parent 6 0 R /Dest [3 0 R /XYZ 0 400 0]>>",
            "<</Title (Next) /Parent 5 0 R /Prev 6 0 R /Dest [4 0 R /XYZ 0 800 0]>>",
        ])
    }

    fn titles(printed: &Printed) -> Vec<(u32, String)> {
        printed
            .bookmarks()
            .unwrap()
            .into_iter()
            .map(|b| (b.object.0, b.title))
            .collect()
    }

    #[test]
    fn reads_bookmarks_in_reading_order_children_first() {
        assert_eq!(
            titles(&Printed::parse(&with_outline()).unwrap()),
            [
                (6, "Chapter".to_string()),
                (7, "everybody\u{2019}sbusiness".to_string()),
                (8, "Next".to_string())
            ]
        );
    }

    #[test]
    fn retitled_bookmarks_survive_writing_and_reading_back() {
        let mut printed = Printed::parse(&with_outline()).unwrap();
        let before = printed.layout().unwrap();
        let wanted = BTreeMap::from([((7, 0), "everybody\u{2019}s business (über)".to_string())]);
        printed.retitle_bookmarks(&wanted).unwrap();
        let reread = Printed::parse(&printed.to_bytes().unwrap()).unwrap();
        assert_eq!(
            titles(&reread),
            [
                (6, "Chapter".to_string()),
                (7, "everybody\u{2019}s business (über)".to_string()),
                (8, "Next".to_string())
            ]
        );
        assert_eq!(reread.layout().unwrap(), before);
    }

    #[test]
    fn an_outline_that_loops_is_an_error_not_a_hang() {
        let looping = pdf(&[
            "<</Type /Catalog /Pages 2 0 R /Outlines 4 0 R>>",
            "<</Type /Pages /Count 1 /Kids [3 0 R]>>",
            "<</Type /Page /Parent 2 0 R>>",
            "<</Type /Outlines /First 5 0 R>>",
            "<</Title (a) /Next 6 0 R>>",
            "<</Title (b) /Next 5 0 R>>",
        ]);
        let printed = Printed::parse(&looping).unwrap();
        assert!(printed.bookmarks().unwrap_err().0.contains("loops"));
    }
}
