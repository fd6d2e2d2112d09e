//! A minimal OpenDocument spreadsheet writer for tests (calamine reads it; nothing else does).

use std::io::Write;

use super::form::{SheetCells, W};

/// Writes the sheets as an `.ods`, each cell shifted by `dr` rows and `dc` columns.
pub fn write(sheets: &[SheetCells], dr: u32, dc: u32) -> Vec<u8> {
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    for (name, cells) in sheets {
        content.push_str(&format!(r#"<table:table table:name="{}">"#, esc(name)));
        let mut sorted: Vec<&(u32, u32, W)> = cells.iter().filter(|c| !matches!(c.2, W::Blank)).collect();
        sorted.sort_by_key(|c| (c.0, c.1));
        let last_row = sorted.last().map_or(0, |c| c.0 + dr);
        for row in 0..=last_row {
            content.push_str("<table:table-row>");
            let mut col = 0;
            for (_, c, v) in sorted.iter().filter(|x| x.0 + dr == row) {
                let target = c + dc;
                if target > col {
                    content.push_str(&format!(
                        r#"<table:table-cell table:number-columns-repeated="{}"/>"#,
                        target - col
                    ));
                }
                content.push_str(&cell(v));
                col = target + 1;
            }
            if col == 0 {
                content.push_str("<table:table-cell/>");
            }
            content.push_str("</table:table-row>");
        }
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).expect("zip");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").expect("zip");
    zip.start_file("META-INF/manifest.xml", stored).expect("zip");
    zip.write_all(MANIFEST.as_bytes()).expect("zip");
    zip.start_file("content.xml", stored).expect("zip");
    zip.write_all(content.as_bytes()).expect("zip");
    zip.finish().expect("zip").into_inner()
}

/// The package manifest: the root and `content.xml`.
const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#;

/// One `<table:table-cell>` for a value (a formula keeps its cached result).
fn cell(v: &W) -> String {
    let text = |s: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
            esc(s)
        )
    };
    let float = |x: f64| format!(r#"<table:table-cell office:value-type="float" office:value="{x}"/>"#);
    match v {
        W::Blank => "<table:table-cell/>".to_owned(),
        W::Num(x) => float(*x),
        W::Pct(x) => {
            format!(r#"<table:table-cell office:value-type="percentage" office:value="{x}"/>"#)
        }
        W::Text(s) | W::Font(s, _) => text(s),
        W::Formula(f, result) => match result.parse::<f64>() {
            Ok(x) => format!(
                r#"<table:table-cell table:formula="of:{}" office:value-type="float" office:value="{x}"/>"#,
                esc(f)
            ),
            Err(_) => text(result),
        },
        W::Date(y, m, d) => {
            format!(
                r#"<table:table-cell office:value-type="date" office:date-value="{y:04}-{m:02}-{d:02}"/>"#
            )
        }
    }
}

/// Escapes text for XML attributes and content.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
