//! Spreadsheets for the tests, hostile ones included, built in memory: zip parts written by hand
//! (xlsx, ods) and `.xls` compound files with a hand-made `Workbook` stream.

use std::io::Write;
use std::path::{Path, PathBuf};

/// A zip of `parts` (deflated).
pub fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        w.start_file(*name, options).expect("zip entry");
        w.write_all(bytes).expect("zip write");
    }
    w.finish().expect("zip").into_inner()
}

/// An xlsx whose one shared string of `len` bytes fills `cells` cells of one sheet.
pub fn amplifying_xlsx(cells: u32, len: usize) -> Vec<u8> {
    let mut sheet = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet \
         xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    for r in 0..cells.div_ceil(100) {
        sheet.push_str(&format!("<row r=\"{}\">", r + 1));
        for c in 0..100.min(cells - r * 100) {
            sheet.push_str(&format!("<c r=\"{}{}\" t=\"s\"><v>0</v></c>", column(c), r + 1));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let strings = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst \
         xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{cells}\" \
         uniqueCount=\"1\"><si><t>{}</t></si></sst>",
        "x".repeat(len)
    );
    xlsx(&sheet, &strings)
}

fn column(c: u32) -> String {
    let (a, b) = (c / 26, c % 26);
    let last = char::from(b'A' + b as u8);
    if a == 0 { last.to_string() } else { format!("{}{last}", char::from(b'A' + a as u8 - 1)) }
}

/// A one-sheet xlsx with the given sheet and shared-strings XML.
pub fn xlsx(sheet: &str, strings: &str) -> Vec<u8> {
    let types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types \
        xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
        <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
        <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
        <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
        <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
        <Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>\
        </Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships \
        xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" \
        Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
        Target=\"xl/workbook.xml\"/></Relationships>";
    let workbook = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook \
        xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
        xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>\
        <sheet name=\"Thông tin\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    let workbook_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships \
        xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
        <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>\
        </Relationships>";
    zip(&[
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", workbook_rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ("xl/sharedStrings.xml", strings.as_bytes()),
    ])
}

/// An ODS whose one cell of `len` bytes of text is repeated over `cols` columns and `rows` rows.
pub fn amplifying_ods(rows: u32, cols: u32, len: usize) -> Vec<u8> {
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"Thông tin\">\
         <table:table-row table:number-rows-repeated=\"{rows}\"><table:table-cell \
         table:number-columns-repeated=\"{cols}\" office:value-type=\"string\"><text:p>{}</text:p>\
         </table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>\
         </office:document-content>",
        "x".repeat(len)
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest \
        xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
        <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
        <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
        </manifest:manifest>";
    zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet".as_slice()),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

/// One BIFF record.
pub fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

/// A `NUMBER` record.
pub fn number(row: u16, col: u16, value: f64) -> Vec<u8> {
    let mut d = row.to_le_bytes().to_vec();
    d.extend(col.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    d.extend(value.to_le_bytes());
    record(0x0203, &d)
}

/// A BIFF8 `DIMENSIONS` record (`last_row` and `last_col` one past the end, as Excel writes).
pub fn dimensions(first_row: u32, last_row: u32, first_col: u16, last_col: u16) -> Vec<u8> {
    let mut d = first_row.to_le_bytes().to_vec();
    d.extend(last_row.to_le_bytes());
    d.extend(first_col.to_le_bytes());
    d.extend(last_col.to_le_bytes());
    d.extend([0, 0]);
    record(0x0200, &d)
}

fn bof(kind: u16) -> Vec<u8> {
    let mut d = 0x0600u16.to_le_bytes().to_vec();
    d.extend(kind.to_le_bytes());
    d.extend([0; 12]);
    record(0x0809, &d)
}

/// An `.xls` with one sheet per entry of `sheets` (each the records between the sheet's BOF and
/// EOF), named `Trang 1`, `Trang 2`, …
pub fn xls(sheets: &[Vec<Vec<u8>>]) -> Vec<u8> {
    xls_at(sheets, None)
}

/// Like [`xls`], the first sheet's position replaced by `first_at` when given (a broken file).
pub fn xls_at(sheets: &[Vec<Vec<u8>>], first_at: Option<u32>) -> Vec<u8> {
    let boundsheet = |pos: u32, name: &str| {
        let mut d = pos.to_le_bytes().to_vec();
        d.extend([0, 0, name.len() as u8, 0]);
        d.extend(name.as_bytes());
        record(0x0085, &d)
    };
    let names: Vec<String> = (1..=sheets.len()).map(|i| format!("Trang {i}")).collect();
    let globals_len = bof(5).len() + names.iter().map(|n| boundsheet(0, n).len()).sum::<usize>() + 4;
    let bodies: Vec<Vec<u8>> = sheets
        .iter()
        .map(|records| {
            let mut body = bof(0x10);
            records.iter().for_each(|r| body.extend(r));
            body.extend(record(0x000A, &[]));
            body
        })
        .collect();
    let mut stream = bof(5);
    let mut pos = globals_len;
    for (i, (name, body)) in names.iter().zip(&bodies).enumerate() {
        let at = if i == 0 { first_at.unwrap_or(pos as u32) } else { pos as u32 };
        stream.extend(boundsheet(at, name));
        pos += body.len();
    }
    stream.extend(record(0x000A, &[]));
    bodies.iter().for_each(|b| stream.extend(b));
    compound_file(&stream)
}

/// A version 3 compound file holding `stream` as `Workbook` (padded to at least 4096 bytes, so
/// it lives in regular sectors).
pub fn compound_file(stream: &[u8]) -> Vec<u8> {
    const FREE: u32 = 0xFFFF_FFFF;
    const END: u32 = 0xFFFF_FFFE;
    let mut stream = stream.to_vec();
    let len = stream.len().max(4096).div_ceil(512) * 512;
    stream.resize(len, 0);
    let stream_sectors = (len / 512) as u32;
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    let put16 = |h: &mut Vec<u8>, at: usize, v: u16| h[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let put32 = |h: &mut Vec<u8>, at: usize, v: u32| h[at..at + 4].copy_from_slice(&v.to_le_bytes());
    put16(&mut header, 24, 0x003E);
    put16(&mut header, 26, 3);
    put16(&mut header, 28, 0xFFFE);
    put16(&mut header, 30, 9);
    put16(&mut header, 32, 6);
    put32(&mut header, 44, 1);
    put32(&mut header, 48, 1);
    put32(&mut header, 56, 4096);
    put32(&mut header, 60, END);
    put32(&mut header, 68, END);
    put32(&mut header, 76, 0);
    for at in (80..512).step_by(4) {
        put32(&mut header, at, FREE);
    }
    let mut fat = vec![FREE; 128];
    fat[0] = 0xFFFF_FFFD;
    fat[1] = END;
    for s in 0..stream_sectors {
        fat[2 + s as usize] = if s + 1 == stream_sectors { END } else { 3 + s };
    }
    let mut dir = vec![0u8; 512];
    let entry = |dir: &mut Vec<u8>, i: usize, name: &str, kind: u8, child: u32, start: u32, size: u32| {
        let e = &mut dir[i * 128..(i + 1) * 128];
        let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
        for (k, u) in units.iter().enumerate() {
            e[2 * k..2 * k + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&((units.len() * 2) as u16).to_le_bytes());
        e[66] = kind;
        e[67] = 1;
        e[68..72].copy_from_slice(&FREE.to_le_bytes());
        e[72..76].copy_from_slice(&FREE.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
    };
    entry(&mut dir, 0, "Root Entry", 5, 1, END, 0);
    entry(&mut dir, 1, "Workbook", 2, FREE, 2, len as u32);
    for i in 2..4 {
        entry(&mut dir, i, "", 0, FREE, 0, 0);
    }
    let mut file = header;
    fat.iter().for_each(|v| file.extend(v.to_le_bytes()));
    file.extend(dir);
    file.extend(stream);
    file
}

/// The repository's plan folder copied into a temp data folder, with the given submissions
/// (relative path, bytes) under `submissions/2024-Q2/`.
pub fn data_folder(files: &[(&str, Vec<u8>)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/plan"), &data.join("plan"));
    let subs = data.join("submissions").join("2024-Q2");
    std::fs::create_dir_all(&subs).expect("mkdir");
    for (rel, bytes) in files {
        std::fs::write(subs.join(rel), bytes).expect("write");
    }
    (dir, data)
}

/// A sample submission of the repository (`data/submissions/2024-Q2/<rel>`).
pub fn sample(rel: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/submissions/2024-Q2").join(rel))
        .expect("sample submission")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).expect("copy");
        }
    }
}
