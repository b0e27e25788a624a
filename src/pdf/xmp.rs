//! The PDF's XMP metadata packet: its title and language as Dublin Core,
//! and the claim of conformance to PDF/UA-1 (`pdfuaid:part` 1) that readers
//! and checkers look for (ISO 14289-1 §5).

use crate::html::escape;

/// The packet for a document titled `title` in `language` (a BCP 47 tag),
/// made by `producer`.
pub fn packet(title: &str, language: &str, producer: &str) -> String {
    let (title, language, producer) = (escape(title), escape(language), escape(producer));
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"#,
        bom = '\u{feff}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packet_is_well_formed_xml_with_title_language_and_claim() {
        let xml = packet("Head, heart & <hands>", "en-GB", "Skia/PDF m156");
        let body = xml
            .split_once("?>")
            .and_then(|(_, rest)| rest.rsplit_once("<?xpacket"))
            .map(|(body, _)| body)
            .unwrap();
        let document = roxmltree::Document::parse(body).unwrap();
        let text = |name: &str| {
            document
                .descendants()
                .find(|node| node.tag_name().name() == name)
                .and_then(|node| {
                    node.descendants()
                        .filter_map(|n| n.text())
                        .find(|t| !t.trim().is_empty())
                })
                .unwrap()
                .to_string()
        };
        assert_eq!(text("title"), "Head, heart & <hands>");
        assert_eq!(text("language"), "en-GB");
        assert_eq!(text("part"), "1");
        assert!(xml.starts_with("<?xpacket begin=\"\u{feff}\""));
    }
}
