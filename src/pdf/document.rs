//! Just enough of a PDF reader to learn where Chromium put each named
//! destination (which page the id `our-vision` landed on) and what its
//! bookmarks say, and to give bookmarks better titles.
//!
//! Chromium (Skia) writes PDF 1.4 with a classic cross-reference table and
//! uncompressed dictionaries for the catalog, the page tree, the destinations
//! and the outline; only page contents and fonts are compressed, and those are
//! never read here. A file built differently (a cross-reference stream, an
//! encrypted file) is reported as unreadable rather than guessed at. Titles are changed the way the format intends: new versions of
//! the bookmark objects appended with their own cross-reference section (an
//! incremental update), leaving Chromium's bytes as they were. A full PDF crate
//! (lopdf) would pull in about twenty crates, encryption and compression among
//! them, for these few hundred lines.

use std::collections::{BTreeMap, HashMap, HashSet};

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct ReadError(String);

fn fail<T>(message: impl Into<String>) -> Result<T, ReadError> {
    Err(ReadError(message.into()))
}

/// The facts about a printed handbook that the contents list needs.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedLayout {
    /// How many pages the document has.
    pub page_count: usize,
    /// Named destination (an element id that something links to) → its page, from 1.
    pub destination_pages: BTreeMap<String, usize>,
}

/// Reads the page count and the page of every named destination.
pub fn read_layout(pdf: &[u8]) -> Result<PrintedLayout, ReadError> {
    let document = Document::open(pdf)?;
    let catalog = document.resolve(document.trailer.get("Root"))?;
    let catalog = catalog
        .as_dict()
        .ok_or(ReadError("the catalog is not a dictionary".into()))?;
    let pages = document.page_numbers(catalog.get("Pages"))?;
    let mut destination_pages = BTreeMap::new();
    if let Some(dests) = catalog.get("Dests") {
        let dests = document.resolve(Some(dests))?;
        let dests = dests
            .as_dict()
            .ok_or(ReadError("the destinations are not a dictionary".into()))?;
        for (name, destination) in dests {
            // A destination is `[page /XYZ left top zoom]`, or a dictionary holding it as /D.
            let destination = document.resolve(Some(destination))?;
            let array = match &destination {
                Object::Array(items) => Some(items),
                Object::Dict(dict) => match dict.get("D") {
                    Some(Object::Array(items)) => Some(items),
                    _ => None,
                },
                _ => None,
            };
            if let Some(Object::Ref(number)) = array.and_then(|items| items.first())
                && let Some(page) = pages.get(number)
            {
                destination_pages.insert(name.clone(), *page);
            }
        }
    }
    Ok(PrintedLayout {
        page_count: pages.len(),
        destination_pages,
    })
}

/// One entry of the outline (a bookmark).
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    /// The number of the object that holds it, to retitle it.
    pub object: u32,
    pub title: String,
}

/// Every bookmark, in reading order (each followed by the ones nested in it).
pub fn read_bookmarks(pdf: &[u8]) -> Result<Vec<Bookmark>, ReadError> {
    let document = Document::open(pdf)?;
    let catalog = document.catalog()?;
    let outlines = document.resolve(catalog.get("Outlines"))?;
    let mut stack: Vec<Object> = outlines
        .as_dict()
        .and_then(|outlines| outlines.get("First"))
        .cloned()
        .into_iter()
        .collect();
    let mut seen = HashSet::new();
    let mut bookmarks = Vec::new();
    while let Some(item) = stack.pop() {
        let Object::Ref(number) = item else {
            return fail("the outline holds something other than a reference");
        };
        if !seen.insert(number) {
            return fail("the outline loops");
        }
        let item = document.resolve(Some(&item))?;
        let item = item
            .as_dict()
            .ok_or(ReadError("a bookmark is not a dictionary".into()))?;
        let title = match item.get("Title") {
            Some(Object::String(bytes)) => decode_text(bytes),
            _ => String::new(),
        };
        bookmarks.push(Bookmark {
            object: number,
            title,
        });
        // Its children come before its next sibling.
        stack.extend(item.get("Next").cloned());
        stack.extend(item.get("First").cloned());
    }
    Ok(bookmarks)
}

/// `pdf` with the bookmarks in `titles` (object number → title) retitled.
pub fn with_bookmark_titles(
    pdf: &[u8],
    titles: &BTreeMap<u32, String>,
) -> Result<Vec<u8>, ReadError> {
    if titles.is_empty() {
        return Ok(pdf.to_vec());
    }
    let document = Document::open(pdf)?;
    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut written = Vec::new();
    for (&number, title) in titles {
        let Object::Dict(mut item) = document.resolve(Some(&Object::Ref(number)))? else {
            return fail(format!("object {number} is not a bookmark"));
        };
        item.insert("Title".into(), Object::String(encode_text(title)));
        written.push((number, out.len()));
        out.extend(format!("{number} 0 obj\n{}\nendobj\n", Object::Dict(item)).bytes());
    }
    let xref = out.len();
    out.extend(b"xref\n");
    for (number, offset) in written {
        out.extend(format!("{number} 1\n{offset:010} 00000 n \n").bytes());
    }
    let mut trailer = document.trailer.clone();
    trailer.insert("Prev".into(), Object::Number(document.xref_offset as f64));
    out.extend(
        format!(
            "trailer\n{}\nstartxref\n{xref}\n%%EOF\n",
            Object::Dict(trailer)
        )
        .bytes(),
    );
    Ok(out)
}

/// A PDF text string: UTF-16BE after a byte-order mark, or PDFDocEncoding,
/// which matches Latin-1 for everything Chromium writes that way.
fn decode_text(bytes: &[u8]) -> String {
    match bytes.strip_prefix(b"\xfe\xff") {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

fn encode_text(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xfe, 0xff];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    bytes
}

/// A PDF value. Generation numbers are dropped: Chromium writes only generation 0.
#[derive(Debug, Clone, PartialEq)]
enum Object {
    Null,
    Bool(bool),
    Number(f64),
    Name(String),
    String(Vec<u8>),
    Array(Vec<Object>),
    Dict(HashMap<String, Object>),
    Ref(u32),
}

impl Object {
    fn as_dict(&self) -> Option<&HashMap<String, Object>> {
        match self {
            Object::Dict(dict) => Some(dict),
            _ => None,
        }
    }
}

/// Writes a value back in PDF syntax (strings in hex, so nothing needs escaping).
impl std::fmt::Display for Object {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Object::Null => write!(f, "null"),
            Object::Bool(value) => write!(f, "{value}"),
            Object::Number(value) => write!(f, "{value}"),
            Object::Name(name) => {
                write!(f, "/")?;
                for byte in name.bytes() {
                    if is_regular(byte) && byte != b'#' && byte.is_ascii_graphic() {
                        write!(f, "{}", byte as char)?;
                    } else {
                        write!(f, "#{byte:02X}")?;
                    }
                }
                Ok(())
            }
            Object::String(bytes) => {
                write!(f, "<")?;
                for byte in bytes {
                    write!(f, "{byte:02X}")?;
                }
                write!(f, ">")
            }
            Object::Array(items) => {
                write!(f, "[")?;
                for (i, item) in items.iter().enumerate() {
                    write!(f, "{}{item}", if i == 0 { "" } else { " " })?;
                }
                write!(f, "]")
            }
            Object::Dict(dict) => {
                // Sorted keys: the same input always writes the same bytes.
                let mut keys: Vec<&String> = dict.keys().collect();
                keys.sort();
                write!(f, "<<")?;
                for key in keys {
                    writeln!(f, "{} {}", Object::Name(key.clone()), dict[key])?;
                }
                write!(f, ">>")
            }
            Object::Ref(number) => write!(f, "{number} 0 R"),
        }
    }
}

struct Document<'a> {
    bytes: &'a [u8],
    /// Where the cross-reference table starts, for an update to point back to.
    xref_offset: usize,
    /// Object number → byte offset of `N 0 obj`.
    offsets: HashMap<u32, usize>,
    trailer: HashMap<String, Object>,
}

impl<'a> Document<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, ReadError> {
        if !bytes.starts_with(b"%PDF-") {
            return fail("it does not start with %PDF-");
        }
        let tail_start = bytes.len().saturating_sub(1024);
        let Some(at) = find_last(&bytes[tail_start..], b"startxref") else {
            return fail("it has no `startxref` at its end");
        };
        let mut parser = Parser::at(bytes, tail_start + at + b"startxref".len());
        let xref_offset = match parser.object()? {
            Object::Number(n) if n >= 0.0 && (n as usize) < bytes.len() => n as usize,
            _ => return fail("its `startxref` offset is not in the file"),
        };
        // The newest section first; each may point back to an older one (/Prev),
        // whose entries count only where no newer section has the object.
        let mut entries: HashMap<u32, Option<usize>> = HashMap::new();
        let mut trailer = None;
        let mut section = Some(xref_offset);
        let mut seen = HashSet::new();
        while let Some(offset) = section {
            if !seen.insert(offset) {
                return fail("its cross-reference sections loop");
            }
            let older = Self::xref_section(bytes, offset, &mut entries)?;
            section = match older.get("Prev") {
                Some(Object::Number(prev)) if *prev >= 0.0 && (*prev as usize) < bytes.len() => {
                    Some(*prev as usize)
                }
                Some(_) => return fail("its /Prev offset is not in the file"),
                None => None,
            };
            trailer.get_or_insert(older);
        }
        let trailer = trailer.unwrap_or_default();
        if trailer.contains_key("Encrypt") {
            return fail("it is encrypted, which this reader does not handle");
        }
        let offsets = entries
            .into_iter()
            .filter_map(|(number, offset)| offset.map(|o| (number, o)))
            .collect();
        Ok(Document {
            bytes,
            xref_offset,
            offsets,
            trailer,
        })
    }

    /// Reads the cross-reference section at `offset` into `entries` (keeping
    /// entries already there) and returns its trailer.
    fn xref_section(
        bytes: &[u8],
        offset: usize,
        entries: &mut HashMap<u32, Option<usize>>,
    ) -> Result<HashMap<String, Object>, ReadError> {
        let mut parser = Parser::at(bytes, offset);
        if !parser.keyword(b"xref") {
            return fail(
                "it uses a cross-reference stream (PDF 1.5), which this reader does not handle",
            );
        }
        while !parser.keyword(b"trailer") {
            let (Object::Number(first), Object::Number(count)) =
                (parser.object()?, parser.object()?)
            else {
                return fail("its cross-reference table is malformed");
            };
            for number in first as u32..(first + count) as u32 {
                let offset = parser.word();
                let _generation = parser.word();
                let kind = parser.word();
                let offset = std::str::from_utf8(offset)
                    .ok()
                    .and_then(|o| o.parse().ok());
                let entry = match (kind, offset) {
                    (b"n", Some(offset)) => Some(offset),
                    (b"f", _) => None,
                    _ => return fail("its cross-reference table is malformed"),
                };
                entries.entry(number).or_insert(entry);
            }
        }
        match parser.object()? {
            Object::Dict(trailer) => Ok(trailer),
            _ => fail("its trailer is not a dictionary"),
        }
    }

    fn catalog(&self) -> Result<HashMap<String, Object>, ReadError> {
        match self.resolve(self.trailer.get("Root"))? {
            Object::Dict(catalog) => Ok(catalog),
            _ => fail("the catalog is not a dictionary"),
        }
    }

    /// Follows a reference to the object it names; other values are returned as they are.
    fn resolve(&self, object: Option<&Object>) -> Result<Object, ReadError> {
        match object {
            Some(Object::Ref(number)) => {
                let Some(&offset) = self.offsets.get(number) else {
                    return Ok(Object::Null);
                };
                let mut parser = Parser::at(self.bytes, offset);
                match (parser.object()?, parser.object()?, parser.keyword(b"obj")) {
                    (Object::Number(n), Object::Number(_), true) if n as u32 == *number => {
                        parser.object()
                    }
                    _ => fail(format!("object {number} is not where the table says")),
                }
            }
            Some(other) => Ok(other.clone()),
            None => Ok(Object::Null),
        }
    }

    /// Page object number → page number from 1, in reading order.
    fn page_numbers(&self, root: Option<&Object>) -> Result<HashMap<u32, usize>, ReadError> {
        let mut numbers = HashMap::new();
        let mut seen = HashSet::new();
        let mut stack: Vec<Object> = root.into_iter().cloned().collect();
        while let Some(node) = stack.pop() {
            let Object::Ref(number) = node else {
                return fail("the page tree holds something other than a reference");
            };
            if !seen.insert(number) {
                return fail("the page tree loops");
            }
            let node = self.resolve(Some(&node))?;
            let dict = node
                .as_dict()
                .ok_or(ReadError("a page tree node is not a dictionary".into()))?;
            match dict.get("Kids") {
                Some(Object::Array(kids)) => stack.extend(kids.iter().rev().cloned()),
                Some(_) => return fail("a page tree node's /Kids is not an array"),
                None => {
                    numbers.insert(number, numbers.len() + 1);
                }
            }
        }
        Ok(numbers)
    }
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Reads PDF values from a position in the file.
struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

const MAX_DEPTH: usize = 64;

impl<'a> Parser<'a> {
    fn at(bytes: &'a [u8], at: usize) -> Self {
        Parser { bytes, at }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(byte) = self.peek() {
            if byte == b'%' {
                while !matches!(self.peek(), None | Some(b'\r' | b'\n')) {
                    self.at += 1;
                }
            } else if is_space(byte) {
                self.at += 1;
            } else {
                break;
            }
        }
    }

    /// The next run of regular characters (a number, a keyword).
    fn word(&mut self) -> &'a [u8] {
        self.skip_space();
        let start = self.at;
        while self.peek().is_some_and(is_regular) {
            self.at += 1;
        }
        &self.bytes[start..self.at]
    }

    /// Consumes `word` if it comes next.
    fn keyword(&mut self, word: &[u8]) -> bool {
        let before = self.at;
        if self.word() == word {
            true
        } else {
            self.at = before;
            false
        }
    }

    fn object(&mut self) -> Result<Object, ReadError> {
        self.object_within(0)
    }

    fn object_within(&mut self, depth: usize) -> Result<Object, ReadError> {
        if depth > MAX_DEPTH {
            return fail("its objects nest too deeply");
        }
        self.skip_space();
        match self.peek() {
            None => fail("it ends in the middle of an object"),
            Some(b'/') => {
                self.at += 1;
                Ok(Object::Name(self.name()))
            }
            Some(b'(') => {
                self.at += 1;
                self.literal_string().map(Object::String)
            }
            Some(b'<') if self.bytes.get(self.at + 1) == Some(&b'<') => {
                self.at += 2;
                let mut dict = HashMap::new();
                loop {
                    self.skip_space();
                    match self.peek() {
                        Some(b'>') => {
                            self.at += 2;
                            return Ok(Object::Dict(dict));
                        }
                        Some(b'/') => {
                            self.at += 1;
                            let key = self.name();
                            let value = self.object_within(depth + 1)?;
                            dict.insert(key, value);
                        }
                        _ => return fail("a dictionary key is not a name"),
                    }
                }
            }
            Some(b'<') => {
                self.at += 1;
                self.hex_string().map(Object::String)
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    if self.peek() == Some(b']') {
                        self.at += 1;
                        return Ok(Object::Array(items));
                    }
                    items.push(self.object_within(depth + 1)?);
                }
            }
            Some(_) => self.number_or_keyword(),
        }
    }

    fn number_or_keyword(&mut self) -> Result<Object, ReadError> {
        let word = self.word();
        match word {
            b"true" => return Ok(Object::Bool(true)),
            b"false" => return Ok(Object::Bool(false)),
            b"null" => return Ok(Object::Null),
            _ => {}
        }
        let Some(number) = std::str::from_utf8(word)
            .ok()
            .and_then(|w| w.parse::<f64>().ok())
        else {
            return fail(format!(
                "unexpected `{}` at byte {}",
                String::from_utf8_lossy(word),
                self.at
            ));
        };
        // `12 0 R` is a reference: look ahead without consuming anything else.
        let after_number = self.at;
        if word.iter().all(u8::is_ascii_digit) {
            let generation = self.word();
            if !generation.is_empty()
                && generation.iter().all(u8::is_ascii_digit)
                && self.word() == b"R"
            {
                return Ok(Object::Ref(number as u32));
            }
        }
        self.at = after_number;
        Ok(Object::Number(number))
    }

    /// A name after its `/`, with `#xx` escapes decoded.
    fn name(&mut self) -> String {
        let raw = self.word();
        let mut bytes = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            let decoded = (raw[i] == b'#')
                .then(|| raw.get(i + 1..i + 3))
                .flatten()
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok());
            match decoded {
                Some(byte) => {
                    bytes.push(byte);
                    i += 3;
                }
                None => {
                    bytes.push(raw[i]);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// A `(...)` string after its opening parenthesis.
    fn literal_string(&mut self) -> Result<Vec<u8>, ReadError> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        loop {
            let Some(byte) = self.peek() else {
                return fail("a string is not closed");
            };
            self.at += 1;
            match byte {
                b'(' => {
                    depth += 1;
                    out.push(byte);
                }
                b')' if depth == 0 => return Ok(out),
                b')' => {
                    depth -= 1;
                    out.push(byte);
                }
                b'\\' => {
                    let Some(escaped) = self.peek() else {
                        return fail("a string is not closed");
                    };
                    self.at += 1;
                    match escaped {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut value = u32::from(escaped - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(digit @ b'0'..=b'7') => {
                                        value = value * 8 + u32::from(digit - b'0');
                                        self.at += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(value as u8);
                        }
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.at += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(byte),
            }
        }
    }

    /// A `<...>` hex string after its opening bracket.
    fn hex_string(&mut self) -> Result<Vec<u8>, ReadError> {
        let mut digits = Vec::new();
        loop {
            match self.peek() {
                None => return fail("a hex string is not closed"),
                Some(b'>') => {
                    self.at += 1;
                    break;
                }
                Some(byte) => {
                    self.at += 1;
                    if let Some(digit) = (byte as char).to_digit(16) {
                        digits.push(digit as u8);
                    } else if !is_space(byte) {
                        return fail("a hex string holds something other than hex digits");
                    }
                }
            }
        }
        if digits.len() % 2 == 1 {
            digits.push(0);
        }
        Ok(digits
            .chunks(2)
            .map(|pair| pair[0] * 16 + pair[1])
            .collect())
    }
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delimiter(byte: u8) -> bool {
    matches!(
        byte,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(byte: u8) -> bool {
    !is_space(byte) && !is_delimiter(byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lays out `objects` (numbered from 1) as a PDF with a correct cross-reference table.
    fn pdf(objects: &[&str]) -> Vec<u8> {
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
        let layout = read_layout(&three_pages()).unwrap();
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
    fn refuses_what_is_not_a_classic_pdf() {
        assert!(read_layout(b"<html>").is_err());
        let mut streamed = three_pages();
        let at = find_last(&streamed, b"xref\n0").unwrap();
        streamed[at..at + 4].copy_from_slice(b"7 0 ");
        let error = read_layout(&streamed).unwrap_err();
        assert!(error.0.contains("cross-reference stream"), "{error}");
    }

    #[test]
    fn reads_strings_names_and_references() {
        let mut parser = Parser::at(
            br"[(a\(b\)\n\101 (nested)) <48 69> /A#2fB 12 0 R 3 -4.5 true null <</K [1 2]>>]",
            0,
        );
        assert_eq!(
            parser.object().unwrap(),
            Object::Array(vec![
                Object::String(b"a(b)\nA (nested)".to_vec()),
                Object::String(b"Hi".to_vec()),
                Object::Name("A/B".into()),
                Object::Ref(12),
                Object::Number(3.0),
                Object::Number(-4.5),
                Object::Bool(true),
                Object::Null,
                Object::Dict(HashMap::from([(
                    "K".to_string(),
                    Object::Array(vec![Object::Number(1.0), Object::Number(2.0)])
                )])),
            ])
        );
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

    fn titles(pdf: &[u8]) -> Vec<(u32, String)> {
        read_bookmarks(pdf)
            .unwrap()
            .into_iter()
            .map(|b| (b.object, b.title))
            .collect()
    }

    #[test]
    fn reads_bookmarks_in_reading_order_children_first() {
        assert_eq!(
            titles(&with_outline()),
            [
                (6, "Chapter".to_string()),
                (7, "everybody\u{2019}sbusiness".to_string()),
                (8, "Next".to_string())
            ]
        );
    }

    #[test]
    fn retitled_bookmarks_are_appended_as_an_update_that_readers_follow() {
        let original = with_outline();
        let titles_wanted = BTreeMap::from([(7, "everybody\u{2019}s business (über)".to_string())]);
        let updated = with_bookmark_titles(&original, &titles_wanted).unwrap();
        assert!(updated.starts_with(&original), "Chromium's bytes are kept");
        assert_eq!(
            titles(&updated),
            [
                (6, "Chapter".to_string()),
                (7, "everybody\u{2019}s business (über)".to_string()),
                (8, "Next".to_string())
            ]
        );
        // Everything else still reads as before.
        assert_eq!(read_layout(&updated), read_layout(&original));
        let text = String::from_utf8_lossy(&updated[original.len()..]).into_owned();
        assert!(text.contains("/Prev "), "{text}");
        assert!(text.contains("/Parent 6 0 R"), "{text}");
    }

    #[test]
    fn a_page_tree_that_loops_is_an_error_not_a_hang() {
        let looping = pdf(&[
            "<</Type /Catalog /Pages 2 0 R>>",
            "<</Type /Pages /Kids [3 0 R]>>",
            "<</Type /Pages /Kids [2 0 R]>>",
        ]);
        assert!(read_layout(&looping).unwrap_err().0.contains("loops"));
    }
}
