//! The fixed parts of a `.docx` around its body: content types, relationships, properties,
//! settings, the page headers (page number centred from page 2, DỰ THẢO while a draft) and the
//! chart images, zipped deterministically.

use std::collections::BTreeMap;

use time::Date;

use super::charts::ChartImage;
use super::xml::escape_xml;

/// A document's properties.
pub struct Meta<'a> {
    /// `dc:title`.
    pub title: String,
    /// `dc:creator`: the issuing agency.
    pub author: &'a str,
    /// Created and modified (the signing date, so the bytes do not change from run to run).
    pub date: Date,
    /// Marks every page DỰ THẢO.
    pub draft: bool,
}

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const W_NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
     xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// Text width between the margins of portrait and landscape A4 (Nghị định 30), in twips.
const PORTRAIT_WIDTH: u32 = 9355;
const LANDSCAPE_WIDTH: u32 = 14287;

/// The header parts: (file, relationship id) of the first page's and the following pages'.
const HEADERS: [(&str, &str); 3] = [
    ("header1.xml", "rIdDauTrangDau"),
    ("header2.xml", "rIdDauTrangDoc"),
    ("header3.xml", "rIdDauTrangNgang"),
];

/// Zips `body` (`word/document.xml`) with the styles, headers, properties and the charts it
/// refers to.
pub fn docx(
    body: &str,
    styles: &str,
    charts: &[ChartImage],
    meta: &Meta<'_>,
) -> zip::result::ZipResult<Vec<u8>> {
    let used: Vec<&ChartImage> =
        charts.iter().filter(|c| body.contains(&format!("r:embed=\"{}\"", c.rid))).collect();
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut put = |name: &str, text: String| files.insert(name.to_owned(), text.into_bytes());
    put("[Content_Types].xml", content_types());
    put("_rels/.rels", root_relationships());
    put("docProps/core.xml", core_properties(meta));
    put("docProps/app.xml", app_properties());
    put("word/_rels/document.xml.rels", document_relationships(&used));
    put("word/settings.xml", settings());
    put("word/styles.xml", styles.to_owned());
    put("word/header1.xml", header(meta.draft, None));
    put("word/header2.xml", header(meta.draft, Some(PORTRAIT_WIDTH)));
    put("word/header3.xml", header(meta.draft, Some(LANDSCAPE_WIDTH)));
    put("word/document.xml", body.to_owned());
    for c in used {
        files.insert(format!("word/media/{}.png", c.id), c.png.clone());
    }
    crate::package::archive::write_zip(&files, meta.date)
}

fn content_types() -> String {
    let mut x = format!(
        "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Default Extension=\"png\" ContentType=\"image/png\"/>\
         <Override PartName=\"/word/document.xml\" ContentType=\"{WML}.document.main+xml\"/>\
         <Override PartName=\"/word/styles.xml\" ContentType=\"{WML}.styles+xml\"/>\
         <Override PartName=\"/word/settings.xml\" ContentType=\"{WML}.settings+xml\"/>"
    );
    for (file, _) in HEADERS {
        x.push_str(&format!("<Override PartName=\"/word/{file}\" ContentType=\"{WML}.header+xml\"/>"));
    }
    x + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
         </Types>"
}

fn root_relationships() -> String {
    format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{REL}/extended-properties\" Target=\"docProps/app.xml\"/>\
         </Relationships>"
    )
}

fn document_relationships(charts: &[&ChartImage]) -> String {
    let mut x = format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rIdKieu\" Type=\"{REL}/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rIdCaiDat\" Type=\"{REL}/settings\" Target=\"settings.xml\"/>"
    );
    for (file, id) in HEADERS {
        x.push_str(&format!("<Relationship Id=\"{id}\" Type=\"{REL}/header\" Target=\"{file}\"/>"));
    }
    for c in charts {
        x.push_str(&format!(
            "<Relationship Id=\"{}\" Type=\"{REL}/image\" Target=\"media/{}.png\"/>",
            c.rid, c.id
        ));
    }
    x + "</Relationships>"
}

fn core_properties(meta: &Meta<'_>) -> String {
    let stamp = format!("{}T00:00:00Z", meta.date);
    format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>vi-VN</dc:language>{}\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{stamp}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{stamp}</dcterms:modified>\
         </cp:coreProperties>",
        escape_xml(&meta.title),
        escape_xml(meta.author),
        if meta.draft { "<cp:contentStatus>Dự thảo</cp:contentStatus>" } else { "" },
    )
}

fn app_properties() -> String {
    format!(
        "{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>baocao {}</Application></Properties>",
        env!("CARGO_PKG_VERSION")
    )
}

/// Settings: Word 2013+ layout, Vietnamese, no spelling marks for the English dictionary.
fn settings() -> String {
    format!(
        "{XML_HEAD}<w:settings {W_NS}><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"720\"/>\
         <w:characterSpacingControl w:val=\"doNotCompress\"/>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
         <w:themeFontLang w:val=\"vi-VN\"/></w:settings>"
    )
}

/// A page header. `width`: the text width of the pages after the first, whose header has the
/// page number centred (a PAGE field); `None`: the first page's, with no number. While a draft,
/// both carry DỰ THẢO boxed at the right, as the PDF does.
fn header(draft: bool, width: Option<u32>) -> String {
    let mark = "<w:r><w:rPr><w:b/><w:bdr w:val=\"single\" w:sz=\"8\" w:space=\"2\" w:color=\"000000\"/><w:spacing w:val=\"10\"/></w:rPr><w:t xml:space=\"preserve\">DỰ THẢO</w:t></w:r>";
    let paragraph = match width {
        Some(w) => format!(
            "<w:p><w:pPr><w:pStyle w:val=\"SoTrang\"/><w:tabs><w:tab w:val=\"center\" w:pos=\"{}\"/><w:tab w:val=\"right\" w:pos=\"{w}\"/></w:tabs><w:jc w:val=\"left\"/></w:pPr>\
             <w:r><w:tab/></w:r><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>2</w:t></w:r></w:fldSimple>{}</w:p>",
            w / 2,
            if draft { format!("<w:r><w:tab/></w:r>{mark}") } else { String::new() },
        ),
        None => format!(
            "<w:p><w:pPr><w:pStyle w:val=\"SoTrang\"/><w:jc w:val=\"right\"/></w:pPr>{}</w:p>",
            if draft { mark } else { "" }
        ),
    };
    format!("{XML_HEAD}<w:hdr {W_NS}>{paragraph}</w:hdr>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_number_pages_after_the_first_and_mark_drafts() {
        let first = header(true, None);
        assert!(first.contains("DỰ THẢO") && !first.contains("PAGE"), "{first}");
        let next = header(false, Some(LANDSCAPE_WIDTH));
        assert!(
            next.contains("w:instr=\" PAGE \"")
                && next.contains("w:pos=\"7143\"")
                && !next.contains("DỰ THẢO"),
            "{next}"
        );
        assert!(!header(false, None).contains("DỰ THẢO"));
    }

    #[test]
    fn properties_escape_the_title() {
        let meta = Meta {
            title: "Báo cáo <b>&".to_owned(),
            author: "Sở \"A\"",
            date: Date::from_calendar_date(2024, time::Month::June, 20).expect("valid test input"),
            draft: true,
        };
        let core = core_properties(&meta);
        assert!(core.contains("<dc:title>Báo cáo &lt;b&gt;&amp;</dc:title>"), "{core}");
        assert!(
            core.contains("Sở &quot;A&quot;")
                && core.contains("2024-06-20T00:00:00Z")
                && core.contains("Dự thảo"),
            "{core}"
        );
    }
}
