//! No input file can abort, hang or exhaust the run: spreadsheets are read in worker processes
//! under memory and CPU limits, and a file that breaks its worker is the only one rejected.

use std::io::Write;

use super::{agency, codes, file};
use crate::support::workspace::Workspace;

/// An xlsx of one sheet whose `rows × cols` cells all show one `len`-character shared string:
/// a few MB on disk, gigabytes once a reader expands it.
fn amplifying_xlsx(rows: u32, cols: u32, len: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, body: &str| {
        zip.start_file(name, opts).expect("an entry");
        zip.write_all(body.as_bytes()).expect("written");
    };
    put(
        "[Content_Types].xml",
        r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#,
    );
    put(
        "_rels/.rels",
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    put(
        "xl/workbook.xml",
        r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Thông tin" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    put(
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
    );
    put(
        "xl/sharedStrings.xml",
        &format!(
            r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>{}</t></si></sst>"#,
            "x".repeat(len)
        ),
    );
    let mut sheet = String::from(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for r in 1..=rows {
        sheet.push_str(&format!("<row r=\"{r}\">"));
        for c in 0..cols {
            let col = char::from(b'A' + u8::try_from(c % 26).expect("a column"));
            sheet.push_str(&format!("<c r=\"{col}{r}\" t=\"s\"><v>0</v></c>"));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    put("xl/worksheets/sheet1.xml", &sheet);
    zip.finish().expect("a zip").into_inner()
}

#[test]
fn a_corrupted_xls_and_an_amplifying_xlsx_are_rejected_and_the_run_completes() {
    let ws = Workspace::sample();
    let good = std::fs::read(ws.subs().join("huyen/HiepHoa_quy2.xls")).expect("the sample .xls");
    // Corrupt the compound file's sectors past the header: calamine misreads its sizes.
    let mut bad = good.clone();
    let mut x: u32 = 7;
    for _ in 0..400 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        let k = 512 + (x as usize) % (bad.len() - 512);
        bad[k] = (x >> 8) as u8;
    }
    ws.submit("hong.xls", &bad);
    ws.submit("bom.xlsx", &amplifying_xlsx(100_000, 10, 32_000));
    let run = ws.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked") && !run.stderr.contains("backtrace"), "{}", run.stderr);
    let json = ws.json();
    for name in ["hong.xls", "bom.xlsx"] {
        let f = file(&json, name);
        assert_eq!(f["status"]["kind"], "rejected", "{name}: {f}");
        assert!(!codes(f).is_empty(), "{name} has a reason");
        let msg = f["findings"][0]["message"].as_str().unwrap_or("");
        assert!(msg.contains("tệp") || msg.contains("bảng tính"), "a Vietnamese reason: {msg}");
    }
    assert_eq!(codes(file(&json, "bom.xlsx")), ["loi-doc-tep"]);
    // The good files beside them are read as usual.
    assert_eq!(file(&json, "huyen/HiepHoa_quy2.xls")["status"]["kind"], "accepted");
    assert_eq!(agency(&json, "STC")["status"], "on-time");
    assert!(ws.overview().contains("bom.xlsx"));
}
