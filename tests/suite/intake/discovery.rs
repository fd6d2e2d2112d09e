//! Walking the submissions folder: every file accounted for, nothing read that should not be.

use std::fs;

use super::{agency, codes, file};
use crate::support::form::Form;
use crate::support::workspace::Workspace;

#[test]
fn missing_folder_means_every_agency_missing() {
    let ws = Workspace::plan_only();
    let json = ws.check_ok();
    assert_eq!(json["files"].as_array().map(Vec::len), Some(0));
    let agencies = json["agencies"].as_array().expect("agencies");
    assert!(agencies.len() > 40);
    assert!(agencies.iter().all(|a| a["status"] == "missing"));
    assert!(ws.overview().contains("Chưa gửi"));
}

#[test]
fn lock_hidden_and_other_files_are_ignored_with_reasons() {
    let ws = Workspace::plan_only();
    ws.submit("~$STC.xlsx", b"lock");
    ws.submit(".DS_Store", b"x");
    ws.submit("ghi-chu.docx", b"word");
    ws.submit("Thumbs.db", b"x");
    ws.submit(".git/config", b"x");
    let json = ws.check_ok();
    for (path, reason) in [
        ("~$STC.xlsx", "tệp khóa tạm"),
        (".DS_Store", "tệp ẩn"),
        ("ghi-chu.docx", "không phải bảng tính"),
        ("Thumbs.db", "không phải bảng tính"),
        (".git/config", "thư mục ẩn"),
    ] {
        let f = file(&json, path);
        assert_eq!(f["status"]["kind"], "ignored", "{path}");
        assert!(f["status"]["reason"].as_str().unwrap_or("").contains(reason), "{path}: {}", f["status"]);
    }
    assert!(ws.overview().contains("## 5. Tệp bỏ qua"));
}

#[test]
fn extensions_are_case_insensitive() {
    let ws = Workspace::plan_only();
    ws.submit("STC.XLSX", &Form::valid(&ws.plan(), "STC").xlsx());
    let json = ws.check_ok();
    assert_eq!(file(&json, "STC.XLSX")["status"]["kind"], "accepted");
}

#[test]
fn oversized_file_is_rejected_without_being_read() {
    let ws = Workspace::plan_only();
    let doc = ws.data().join("plan/2024/document.yaml");
    let text = fs::read_to_string(&doc).expect("document.yaml");
    let text: String = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("max-file-size-mb:") {
                "  max-file-size-mb: 1".to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("max-file-size-mb: 1"));
    fs::write(&doc, text).expect("write");
    let path = ws.submit("STC-lon.xlsx", b"");
    // A sparse 3 GB file: reading it would take long and fill memory.
    fs::File::options().write(true).open(&path).expect("open").set_len(3 << 30).expect("set_len");
    let json = ws.check_ok();
    let f = file(&json, "STC-lon.xlsx");
    assert_eq!(f["status"]["kind"], "rejected");
    assert_eq!(codes(f), ["tep-qua-lon"]);
    assert!(f["sha256"].is_null());
    assert_eq!(f["size"], 3u64 << 30);
}

#[test]
fn corrupt_file_renamed_xlsx_is_rejected() {
    let ws = Workspace::plan_only();
    ws.submit("STC.xlsx", b"this is a Word document, renamed");
    ws.submit("SCT.xlsx", b"PK\x03\x04 truncated zip");
    let json = ws.check_ok();
    for p in ["STC.xlsx", "SCT.xlsx"] {
        let f = file(&json, p);
        assert_eq!(f["status"]["kind"], "rejected");
        assert_eq!(codes(f), ["tep-hong"]);
        assert_eq!(f["sha256"].as_str().map(str::len), Some(64));
    }
}

#[test]
fn empty_workbook_and_workbook_without_info_sheet_are_rejected() {
    let ws = Workspace::plan_only();
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet();
    ws.submit("trong.xlsx", &wb.save_to_buffer().expect("xlsx"));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("Chỉ tiêu").expect("name");
    sheet.write_string(0, 0, "Mã").expect("write");
    ws.submit("khong-thong-tin.xlsx", &wb.save_to_buffer().expect("xlsx"));
    let json = ws.check_ok();
    assert_eq!(codes(file(&json, "trong.xlsx")), ["bang-tinh-trong"]);
    assert_eq!(codes(file(&json, "khong-thong-tin.xlsx")), ["thieu-trang-thong-tin"]);
    assert_eq!(file(&json, "trong.xlsx")["status"]["kind"], "rejected");
}

#[cfg(unix)]
#[test]
fn symlinks_are_ignored_not_followed() {
    let ws = Workspace::plan_only();
    let outside = ws.root().join("outside");
    fs::create_dir_all(&outside).expect("mkdir");
    fs::write(outside.join("STC.xlsx"), Form::valid(&ws.plan(), "STC").xlsx()).expect("write");
    fs::create_dir_all(ws.subs()).expect("mkdir");
    std::os::unix::fs::symlink(&outside, ws.subs().join("lien-ket")).expect("symlink");
    std::os::unix::fs::symlink(outside.join("STC.xlsx"), ws.subs().join("STC.xlsx")).expect("symlink");
    let json = ws.check_ok();
    assert_eq!(json["files"].as_array().map(Vec::len), Some(2));
    for p in ["lien-ket", "STC.xlsx"] {
        assert_eq!(file(&json, p)["status"]["kind"], "ignored");
    }
    assert_eq!(agency(&json, "STC")["status"], "missing");
}

/// Every file under the folder appears exactly once, whatever happened to it.
#[test]
fn every_file_on_disk_is_accounted_for() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    ws.submit("STC/STC-v1.xlsx", &Form::valid(&plan, "STC").xlsx());
    let mut later = Form::valid(&plan, "STC");
    later.set_info("Ngày báo cáo", crate::support::form::W::Date(2024, 6, 12));
    ws.submit("STC/STC-v2.xlsx", &later.xlsx());
    ws.submit("SCT.xlsx", &Form::valid(&plan, "SCT").xlsx());
    ws.submit("hong.xls", b"\xd0\xcf\x11\xe0 not really");
    ws.submit("~$SCT.xlsx", b"lock");
    ws.submit("ghi-chu.txt", b"note");
    ws.submit("sub/dir/deep.ods", b"not ods");
    let on_disk = walk(&ws.subs());
    let json = ws.check_ok();
    let listed: Vec<String> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(listed.len(), on_disk.len());
    let mut sorted = on_disk.clone();
    sorted.sort();
    assert_eq!(listed, sorted, "sorted by path, one entry per file");
    for f in json["files"].as_array().expect("files") {
        let kind = f["status"]["kind"].as_str().unwrap_or("");
        assert!(["accepted", "rejected", "superseded", "ignored"].contains(&kind), "{f}");
    }
}

/// Every file under `dir`, relative, with `/`, in `read_dir` order.
fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).expect("read_dir") {
        let e = e.expect("entry");
        let p = e.path();
        if p.is_dir() {
            let name = e.file_name().to_string_lossy().into_owned();
            out.extend(walk(&p).into_iter().map(|s| format!("{name}/{s}")));
        } else {
            out.push(e.file_name().to_string_lossy().into_owned());
        }
    }
    out
}

#[test]
fn zip_bomb_is_rejected_before_inflating() {
    use std::io::Write;
    let ws = Workspace::plan_only();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/worksheets/sheet1.xml", opts).expect("zip");
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..450 {
        zip.write_all(&zeros).expect("zip");
    }
    let bytes = zip.finish().expect("zip").into_inner();
    assert!(bytes.len() < 2 << 20, "{}", bytes.len());
    ws.submit("STC.xlsx", &bytes);
    let json = ws.check_ok();
    let f = file(&json, "STC.xlsx");
    assert_eq!(codes(f), ["tep-qua-lon"]);
    assert!(f["sha256"].is_string());
}

#[test]
fn ods_repeat_bomb_is_rejected_before_expanding() {
    // One text cell repeated 1.000 times across, on a row repeated 2.100 times: under 1 KB on
    // disk, 2,1 million cells once calamine expands it (9.000 × 10.000 took 22 GB and three
    // minutes). The file is refused from its declared size, like a zip bomb.
    use std::io::Write;
    let ws = Workspace::plan_only();
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Thông tin"><table:table-row table:number-rows-repeated="2100"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", opts).expect("zip");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").expect("zip");
    zip.start_file("META-INF/manifest.xml", opts).expect("zip");
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).expect("zip");
    zip.start_file("content.xml", opts).expect("zip");
    zip.write_all(content.as_bytes()).expect("zip");
    let bytes = zip.finish().expect("zip").into_inner();
    assert!(bytes.len() < 2048, "{}", bytes.len());
    ws.submit("STC.ods", &bytes);
    let json = ws.check_ok();
    let f = file(&json, "STC.ods");
    assert_eq!(f["status"]["kind"], "rejected");
    assert_eq!(codes(f), ["tep-qua-lon"], "{f}");
}

#[cfg(unix)]
#[test]
fn unreadable_folder_is_a_finding_not_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::plan_only();
    ws.submit("kin/STC.xlsx", &Form::valid(&ws.plan(), "STC").xlsx());
    let locked = ws.subs().join("kin");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    let enforced = fs::read_dir(&locked).is_err();
    let json = ws.check_ok();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).expect("chmod back");
    if !enforced {
        return; // running as root: permissions are not enforced, nothing to observe
    }
    let f = file(&json, "kin");
    assert_eq!(f["status"]["kind"], "rejected");
    assert_eq!(codes(f), ["loi-duyet-thu-muc"]);
}
