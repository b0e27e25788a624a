//! Finishes the tagged PDF Chromium printed into one that meets the machine
//! checks of PDF/UA-1:
//!
//! - every page's untagged drawing marked as artifacts ([`super::artifacts`]),
//!   the running title and page number as pagination; pages tab in structure
//!   order (`/Tabs /S`);
//! - a `/Figure` is a picture with alternate text. Chromium tags an HTML
//!   `<figure>` as one, with no `/Alt`, even when it holds a quotation, lists
//!   or a diagram with its text equivalent; alternate text on such an element
//!   would make screen readers read it *instead of* the words inside (ISO
//!   32000-1 §14.9.3). So a figure that holds other structure is retagged
//!   `/Div` (a group, its `/Caption` kept), and the pictures inside keep the
//!   `/Alt` Chromium gave them from their accessible names;
//! - table header cells without a scope get one (their row's or column's);
//! - every link annotation gets `/Contents` from what its link says in the
//!   page (`link_texts`, by where it leads);
//! - XMP metadata with the title, the language and the PDF/UA claim; the
//!   document information's title set to the same title. (Chromium writes
//!   the catalog's `/Lang`, `/MarkInfo` and `/ViewerPreferences` itself.)

use std::collections::{BTreeMap, HashMap, HashSet};

use lopdf::content::Content;
use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::artifacts::mark_artifacts;
use super::document::{Printed, ReadError};
use super::xmp;

/// What the finished PDF says about itself, and what its links say.
pub struct Facts<'a> {
    pub title: &'a str,
    pub language: &'a str,
    /// Link target (`#id` or an address) → the texts of the links to it, in order.
    pub link_texts: &'a BTreeMap<String, Vec<String>>,
}

/// Finishes `printed` in place.
pub fn finish(printed: &mut Printed, facts: &Facts) -> Result<(), ReadError> {
    mark_pages(printed)?;
    let structure = Structure::read(printed)?;
    structure.retag_groups_and_scope_headers(printed)?;
    describe_links(printed, &structure, facts.link_texts)?;
    write_metadata(printed, facts)
}

fn name(text: &str) -> Object {
    Object::Name(text.as_bytes().to_vec())
}

fn mark_pages(printed: &mut Printed) -> Result<(), ReadError> {
    let document = &mut printed.document;
    for (_, page) in document.get_pages() {
        let height = document
            .get_dictionary(page)
            .and_then(|page| page.get(b"MediaBox"))
            .and_then(Object::as_array)
            .ok()
            .and_then(|media_box| {
                let top = media_box.get(3)?.as_float().ok()?;
                let bottom = media_box.get(1)?.as_float().ok()?;
                Some(top - bottom)
            })
            .unwrap_or(842.0);
        let content = document.get_page_content(page);
        let operations = Content::decode(&content)?.operations;
        let marked = Content {
            operations: mark_artifacts(operations, height),
        };
        document.change_page_content(page, marked.encode()?)?;
        document.get_dictionary_mut(page)?.set("Tabs", name("S"));
    }
    Ok(())
}

/// The structure tree, as far as the finishing needs it.
struct Structure {
    /// Every structure element, in document order: (object, its type).
    elements: Vec<(ObjectId, Vec<u8>)>,
    /// Element → its kids that are structure elements.
    kids: HashMap<ObjectId, Vec<ObjectId>>,
    /// Element → the element it is a kid of.
    parents: HashMap<ObjectId, ObjectId>,
    /// Link annotation → the `/Link` element it belongs to.
    link_of_annotation: HashMap<ObjectId, ObjectId>,
}

impl Structure {
    fn read(printed: &Printed) -> Result<Structure, ReadError> {
        let document = &printed.document;
        let mut structure = Structure {
            elements: Vec::new(),
            kids: HashMap::new(),
            parents: HashMap::new(),
            link_of_annotation: HashMap::new(),
        };
        let Ok(root) = printed.catalog()?.get_deref(b"StructTreeRoot", document) else {
            return Err(ReadError(
                "it has no structure tree: Chromium did not tag it".into(),
            ));
        };
        let mut stack: Vec<(Option<ObjectId>, &Object)> = root
            .as_dict()?
            .get(b"K")
            .map(|kids| vec![(None, kids)])
            .unwrap_or_default();
        let mut seen = HashSet::new();
        while let Some((parent, kid)) = stack.pop() {
            match kid {
                Object::Array(items) => stack.extend(items.iter().rev().map(|item| (parent, item))),
                Object::Reference(id) => {
                    let Ok(dict) = document.get_dictionary(*id) else {
                        continue;
                    };
                    if dict.has(b"S") {
                        if !seen.insert(*id) {
                            return Err(ReadError("its structure tree loops".into()));
                        }
                        let kind = dict.get(b"S").and_then(Object::as_name).unwrap_or(b"");
                        structure.elements.push((*id, kind.to_vec()));
                        if let Some(parent) = parent {
                            structure.kids.entry(parent).or_default().push(*id);
                            structure.parents.insert(*id, parent);
                        }
                        if let Ok(kids) = dict.get(b"K") {
                            stack.push((Some(*id), kids));
                        }
                    } else {
                        structure.note_object_reference(parent, dict);
                    }
                }
                Object::Dictionary(dict) => structure.note_object_reference(parent, dict),
                _ => {}
            }
        }
        Ok(structure)
    }

    /// An `/OBJR` kid: the annotation it names belongs to `parent`.
    fn note_object_reference(&mut self, parent: Option<ObjectId>, dict: &Dictionary) {
        if let (Some(parent), Ok(annotation)) =
            (parent, dict.get(b"Obj").and_then(Object::as_reference))
        {
            self.link_of_annotation.insert(annotation, parent);
        }
    }

    fn retag_groups_and_scope_headers(&self, printed: &mut Printed) -> Result<(), ReadError> {
        let kinds: HashMap<ObjectId, &[u8]> = self
            .elements
            .iter()
            .map(|(id, kind)| (*id, kind.as_slice()))
            .collect();
        for (id, kind) in &self.elements {
            match kind.as_slice() {
                b"Figure" => {
                    let element = printed.document.get_dictionary_mut(*id)?;
                    let described = [b"Alt".as_slice(), b"ActualText"].iter().any(|key| {
                        element
                            .get(key)
                            .ok()
                            .and_then(|text| lopdf::decode_text_string(text).ok())
                            .is_some_and(|text| !text.trim().is_empty())
                    });
                    let groups = self.kids.get(id).is_some_and(|kids| {
                        kids.iter()
                            .any(|kid| kinds.get(kid).is_some_and(|kind| *kind != b"Caption"))
                    });
                    if !described && groups {
                        element.set("S", name("Div"));
                    }
                }
                b"TH" => self.scope_header(printed, *id, &kinds)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// Gives a header cell without a scope the scope its place implies: a
    /// column's in the table's head or first row, else its row's when it
    /// starts the row, else its column's.
    fn scope_header(
        &self,
        printed: &mut Printed,
        cell: ObjectId,
        kinds: &HashMap<ObjectId, &[u8]>,
    ) -> Result<(), ReadError> {
        let document = &printed.document;
        let attributes = document.get_dictionary(cell)?.get(b"A").ok();
        let attribute_dicts: Vec<&Dictionary> = match attributes.map(|a| printed.resolve(a)) {
            Some(Object::Array(items)) => items
                .iter()
                .filter_map(|item| printed.resolve(item).as_dict().ok())
                .collect(),
            Some(Object::Dictionary(dict)) => vec![dict],
            _ => Vec::new(),
        };
        if attribute_dicts.iter().any(|dict| dict.has(b"Scope")) {
            return Ok(());
        }
        let row = self.parents.get(&cell).copied();
        let group = row.and_then(|row| self.parents.get(&row).copied());
        let in_head = group.is_some_and(|group| kinds.get(&group) == Some(&b"THead".as_slice()));
        let first_row = match (row, group) {
            (Some(row), Some(group)) => {
                self.kids.get(&group).and_then(|rows| {
                    rows.iter()
                        .find(|r| kinds.get(r) == Some(&b"TR".as_slice()))
                }) == Some(&row)
            }
            _ => false,
        };
        let starts_row = row
            .and_then(|row| self.kids.get(&row))
            .and_then(|cells| cells.first())
            == Some(&cell);
        let scope = if in_head || first_row || !starts_row {
            "Column"
        } else {
            "Row"
        };
        let mut scope_attribute = Dictionary::new();
        scope_attribute.set("O", name("Table"));
        scope_attribute.set("Scope", name(scope));
        let element = printed.document.get_dictionary_mut(cell)?;
        let mut list = match element.remove(b"A") {
            Some(Object::Array(items)) => items,
            Some(other) => vec![other],
            None => Vec::new(),
        };
        list.push(Object::Dictionary(scope_attribute));
        element.set("A", Object::Array(list));
        Ok(())
    }
}

/// Where a link annotation leads, written as the page's `href` would be.
fn link_target(printed: &Printed, annotation: &Dictionary) -> Option<String> {
    let text = |object: &Object| -> Option<String> {
        match printed.resolve(object) {
            Object::Name(bytes) | Object::String(bytes, _) => {
                Some(String::from_utf8_lossy(bytes).into_owned())
            }
            _ => None,
        }
    };
    if let Ok(destination) = annotation.get(b"Dest") {
        return text(destination).map(|name| format!("#{name}"));
    }
    let action = printed.resolve(annotation.get(b"A").ok()?).as_dict().ok()?;
    match action.get(b"S").and_then(Object::as_name).ok()? {
        b"URI" => text(action.get(b"URI").ok()?),
        b"GoTo" => text(action.get(b"D").ok()?).map(|name| format!("#{name}")),
        _ => None,
    }
}

/// The texts of the links to `target`: exact, or the same address but for a
/// trailing slash (Chromium writes `https://example.org/` for `https://example.org`).
fn texts_for<'a>(
    link_texts: &'a BTreeMap<String, Vec<String>>,
    target: &str,
) -> Option<&'a Vec<String>> {
    link_texts.get(target).or_else(|| {
        let trimmed = target.trim_end_matches('/');
        link_texts
            .iter()
            .find(|(href, _)| href.trim_end_matches('/') == trimmed)
            .map(|(_, texts)| texts)
    })
}

/// Gives every link annotation a `/Contents`: the text of its link in the
/// page. Links to one target are matched in order, by their `/Link`
/// element (a link broken over lines has one annotation per line).
fn describe_links(
    printed: &mut Printed,
    structure: &Structure,
    link_texts: &BTreeMap<String, Vec<String>>,
) -> Result<(), ReadError> {
    let mut annotations = Vec::new();
    for (_, page) in printed.document.get_pages() {
        let page = printed.document.get_dictionary(page)?;
        if let Ok(list) = page.get(b"Annots") {
            for annotation in printed.resolve(list).as_array().into_iter().flatten() {
                if let Ok(id) = annotation.as_reference() {
                    annotations.push(id);
                }
            }
        }
    }
    let mut seen_per_target: HashMap<String, usize> = HashMap::new();
    let mut text_of_link: HashMap<ObjectId, String> = HashMap::new();
    for id in annotations {
        let annotation = printed.document.get_dictionary(id)?;
        if annotation.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Link") {
            continue;
        }
        let Some(target) = link_target(printed, annotation) else {
            continue;
        };
        let link = structure.link_of_annotation.get(&id).copied();
        let text = match link.and_then(|link| text_of_link.get(&link)) {
            Some(text) => text.clone(),
            None => {
                let seen = seen_per_target.entry(target.clone()).or_default();
                let text = texts_for(link_texts, &target)
                    .and_then(|texts| texts.get(*seen).or(texts.last()))
                    .cloned()
                    .unwrap_or_else(|| target.trim_start_matches('#').to_string());
                *seen += 1;
                if let Some(link) = link {
                    text_of_link.insert(link, text.clone());
                }
                text
            }
        };
        let annotation = printed.document.get_dictionary_mut(id)?;
        if !annotation.has(b"Contents") {
            annotation.set("Contents", lopdf::text_string(&text));
        }
    }
    Ok(())
}

fn write_metadata(printed: &mut Printed, facts: &Facts) -> Result<(), ReadError> {
    let document = &mut printed.document;
    let info = document
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .ok();
    let producer = info
        .and_then(|info| document.get_dictionary(info).ok())
        .and_then(|info| info.get(b"Producer").ok())
        .and_then(|producer| lopdf::decode_text_string(producer).ok())
        .unwrap_or_default();
    if let Some(info) = info {
        document
            .get_dictionary_mut(info)?
            .set("Title", lopdf::text_string(facts.title));
    }
    let mut dict = Dictionary::new();
    dict.set("Type", name("Metadata"));
    dict.set("Subtype", name("XML"));
    let packet = xmp::packet(facts.title, facts.language, &producer);
    let stream = Stream::new(dict, packet.into_bytes()).with_compression(false);
    let metadata = document.add_object(stream);
    let catalog = document.catalog_mut()?;
    catalog.set("Metadata", Object::Reference(metadata));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::document::tests::pdf;

    /// A one-page tagged PDF as Chromium would write it, but small: a figure
    /// that groups a caption and a paragraph, a picture with alternate text,
    /// a table whose header cells have no scope, and a link in two lines.
    fn tagged() -> Printed {
        let bytes = pdf(&[
            // 1-3: catalog, pages, page
            "<</Type /Catalog /Pages 2 0 R /StructTreeRoot 4 0 R /Lang (en-GB)>>",
            "<</Type /Pages /Count 1 /Kids [3 0 R]>>",
            "<</Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 20 0 R /Annots [18 0 R 19 0 R]>>",
            // 4-5: root and document
            "<</Type /StructTreeRoot /K 5 0 R>>",
            "<</Type /StructElem /S /Document /K [6 0 R 9 0 R 10 0 R 17 0 R]>>",
            // 6-8: a figure grouping a caption and a paragraph
            "<</Type /StructElem /S /Figure /P 5 0 R /K [7 0 R 8 0 R]>>",
            "<</Type /StructElem /S /Caption /P 6 0 R /K 0>>",
            "<</Type /StructElem /S /P /P 6 0 R /K 1>>",
            // 9: a picture
            "<</Type /StructElem /S /Figure /P 5 0 R /Alt (A wheel) /K 2>>",
            // 10-16: a table: head row TH TH, body row TH TD
            "<</Type /StructElem /S /Table /P 5 0 R /K [11 0 R 14 0 R]>>",
            "<</Type /StructElem /S /TR /P 10 0 R /K [12 0 R 13 0 R]>>",
            "<</Type /StructElem /S /TH /P 11 0 R /K 3>>",
            "<</Type /StructElem /S /TH /P 11 0 R /K 4 /A [<</O /Table /RowSpan 1>>]>>",
            "<</Type /StructElem /S /TR /P 10 0 R /K [15 0 R 16 0 R]>>",
            "<</Type /StructElem /S /TH /P 14 0 R /K 5>>",
            "<</Type /StructElem /S /TD /P 14 0 R /K 6>>",
            // 17: a link over two lines, 18-19 its annotations
            "<</Type /StructElem /S /Link /P 5 0 R /K [7 <</Type /OBJR /Obj 18 0 R>> <</Type /OBJR /Obj 19 0 R>>]>>",
            "<</Type /Annot /Subtype /Link /Rect [0 0 10 10] /Dest /our-vision /StructParent 1>>",
            "<</Type /Annot /Subtype /Link /Rect [0 10 10 20] /Dest /our-vision /StructParent 2>>",
            "<</Length 30>>\nstream\nBT 1 0 0 1 0 790 Tm <01> Tj ET\nendstream",
        ]);
        Printed::parse(&bytes).unwrap()
    }

    fn dict(printed: &Printed, id: u32) -> &Dictionary {
        printed.document.get_dictionary((id, 0)).unwrap()
    }

    fn name_of<'a>(dict: &'a Dictionary, key: &[u8]) -> &'a [u8] {
        dict.get(key).and_then(Object::as_name).unwrap_or(b"")
    }

    fn scope(printed: &Printed, cell: u32) -> Vec<u8> {
        let attributes = dict(printed, cell).get(b"A").unwrap().as_array().unwrap();
        let scopes: Vec<&[u8]> = attributes
            .iter()
            .filter_map(|a| a.as_dict().ok()?.get(b"Scope").ok()?.as_name().ok())
            .collect();
        assert_eq!(scopes.len(), 1, "{attributes:?}");
        scopes[0].to_vec()
    }

    #[test]
    fn finishing_tags_groups_headers_links_pages_and_metadata() {
        let mut printed = tagged();
        let link_texts = BTreeMap::from([(
            "#our-vision".to_string(),
            vec!["Our vision".to_string(), "the vision".to_string()],
        )]);
        let facts = Facts {
            title: "Head & heart",
            language: "en-GB",
            link_texts: &link_texts,
        };
        finish(&mut printed, &facts).unwrap();
        let printed = Printed::parse(&printed.to_bytes().unwrap()).unwrap();

        assert_eq!(name_of(dict(&printed, 6), b"S"), b"Div");
        assert_eq!(name_of(dict(&printed, 9), b"S"), b"Figure");
        assert_eq!(scope(&printed, 12), b"Column");
        assert_eq!(scope(&printed, 13), b"Column");
        assert_eq!(scope(&printed, 15), b"Row");
        for annotation in [18, 19] {
            let contents = dict(&printed, annotation).get(b"Contents").unwrap();
            assert_eq!(lopdf::decode_text_string(contents).unwrap(), "Our vision");
        }
        let page = dict(&printed, 3);
        assert_eq!(name_of(page, b"Tabs"), b"S");
        let content = printed.document.get_page_content((3, 0));
        assert!(
            String::from_utf8_lossy(&content).contains("/Artifact"),
            "{}",
            String::from_utf8_lossy(&content)
        );
        let catalog = printed.catalog().unwrap();
        let metadata = catalog
            .get_deref(b"Metadata", &printed.document)
            .and_then(Object::as_stream)
            .unwrap();
        let xml = String::from_utf8(metadata.content.clone()).unwrap();
        assert!(xml.contains("Head &amp; heart") && xml.contains("<pdfuaid:part>1</pdfuaid:part>"));
    }
}
