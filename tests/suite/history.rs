//! The archive of sent packages (`package --archive`) and what later quarters read back from it.

use std::fs;
use std::io::{Cursor, Read, Write};

use serde_json::Value;

use crate::support::workspace::Workspace;

const ARCHIVED_Q1: &str = "archive/goi-bao-cao-2024-Q1.zip";

/// `tong-hop.json` of a quarter's build, parsed.
fn summary(ws: &Workspace, q: &str) -> Value {
    serde_json::from_str(&ws.read_text(q, "tong-hop.json")).expect("tong-hop.json parses")
}

/// CT05's quý II alone (6 tháng − quý I), which needs quý I's figures.
fn quarter_alone(s: &Value) -> Value {
    let ct05 =
        s["indicators"].as_array().expect("indicators").iter().find(|m| m["code"] == "CT05").expect("CT05");
    ct05["quarter_value"].clone()
}

/// The sample without its shipped archive (quý I/2024), as before the first `--archive`.
fn unarchived(ws: &Workspace) {
    fs::remove_dir_all(ws.data().join("archive")).expect("the shipped archive removed");
}

fn sha256(bytes: &[u8]) -> String {
    baocao::hash::sha256_hex(bytes)
}

#[test]
fn an_archived_quarter_is_what_the_next_one_compares_with() {
    let ws = Workspace::sample();
    unarchived(&ws);
    // Built from the submissions, quý II compares with quý I's submissions.
    ws.ok("build", &["--quarter", "2024-Q2", "-q"]);
    let from_submissions = summary(&ws, "2024-Q2");
    assert!(quarter_alone(&from_submissions).is_number());
    assert_eq!(from_submissions["schema"], 1);
    assert_eq!(from_submissions["archived"], Value::Array(vec![]));

    ws.ok("package", &["--quarter", "2024-Q1", "--archive", "-q"]);
    let archived = ws.data().join(ARCHIVED_Q1);
    let bytes = fs::read(&archived).expect("the package is archived");
    assert_eq!(
        bytes,
        ws.read("2024-Q1", "goi-bao-cao-2024-Q1.zip"),
        "the archive holds the package as written"
    );
    // Quý I's submissions gone: the archive is the record quý II reads, with the same figures.
    fs::remove_dir_all(ws.data().join("submissions/2024-Q1")).expect("removed");
    ws.ok("build", &["--quarter", "2024-Q2", "-q"]);
    let from_archive = summary(&ws, "2024-Q2");
    assert_eq!(quarter_alone(&from_archive), quarter_alone(&from_submissions));
    assert_eq!(from_archive["archived"][0]["quarter"], "2024-Q1");
    assert_eq!(from_archive["archived"][0]["file"], ARCHIVED_Q1);
    assert_eq!(from_archive["archived"][0]["sha256"], sha256(&bytes));
    // The sample's quý I is a draft (no report number, no signer): the archive says so, and so
    // does every comparison made with it.
    assert_eq!(from_archive["archived"][0]["draft"], true);
    let p1 = ws.read_text("2024-Q2", "phu-luc-1.md");
    assert!(p1.contains(&format!("{ARCHIVED_Q1}, bản dự thảo chưa ban hành")), "{p1}");
    let report = ws.read_text("2024-Q2", "bao-cao.md");
    assert!(
        report.contains("(archive/goi-bao-cao-2024-Q1.zip, bản dự thảo chưa ban hành)"),
        "the trend chart's note"
    );
}

#[test]
fn archiving_again_never_overwrites_and_the_latest_is_used() {
    let ws = Workspace::sample();
    unarchived(&ws);
    ws.ok("package", &["--quarter", "2024-Q1", "--archive", "-q"]);
    let first = fs::read(ws.data().join(ARCHIVED_Q1)).expect("archived");
    // The same package again: nothing added.
    ws.ok("package", &["--quarter", "2024-Q1", "--archive", "-q"]);
    assert!(!ws.data().join("archive/goi-bao-cao-2024-Q1.2.zip").exists());
    // A different package (signed on another day): kept beside the first, numbered.
    ws.ok("package", &["--quarter", "2024-Q1", "--archive", "--signing-date", "2024-03-20", "-q"]);
    let second = fs::read(ws.data().join("archive/goi-bao-cao-2024-Q1.2.zip")).expect("a second version");
    assert_ne!(first, second);
    assert_eq!(fs::read(ws.data().join(ARCHIVED_Q1)).expect("kept"), first, "the first is never overwritten");
    ws.ok("build", &["--quarter", "2024-Q2", "-q"]);
    let s = summary(&ws, "2024-Q2");
    assert_eq!(s["archived"][0]["file"], "archive/goi-bao-cao-2024-Q1.2.zip");
    assert_eq!(s["archived"][0]["sha256"], sha256(&second));
}

/// The package with one entry's content replaced, the manifest left as it was.
fn altered(zip: &[u8], entry: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).expect("a zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("an entry");
        let name = file.name().expect("a name").into_owned();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).expect("read");
        if name == entry {
            bytes = edit(String::from_utf8(bytes).expect("utf-8")).into_bytes();
        }
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).expect("start");
        out.write_all(&bytes).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

#[test]
fn an_altered_archived_package_is_refused_by_name_and_the_comparison_left_out() {
    let ws = Workspace::sample();
    unarchived(&ws);
    ws.ok("package", &["--quarter", "2024-Q1", "--archive", "-q"]);
    fs::remove_dir_all(ws.data().join("submissions/2024-Q1")).expect("removed");
    let path = ws.data().join(ARCHIVED_Q1);
    let bytes = fs::read(&path).expect("archived");
    // Someone "corrects" a figure of the archived summary by hand.
    let edited = altered(&bytes, "tong-hop.json", |t| t.replacen("\"value\":", "\"value\":1", 1));
    fs::write(&path, edited).expect("altered");
    let run = ws.ok("build", &["--quarter", "2024-Q2"]);
    assert!(
        run.stderr.contains("Không dùng gói đã lưu archive/goi-bao-cao-2024-Q1.zip")
            && run.stderr.contains("đã bị thay đổi"),
        "{}",
        run.stderr
    );
    let s = summary(&ws, "2024-Q2");
    assert_eq!(s["archived"], Value::Array(vec![]));
    assert!(quarter_alone(&s).is_null(), "no comparison with a package that is not the record");
    assert!(!ws.read_text("2024-Q2", "phu-luc-1.md").contains("So với quý I"), "no column without figures");
}

/// A package whose `tong-hop.json` is replaced, its manifest entry re-hashed: a package as a
/// previous year's baocao would have written it.
fn repackaged(zip: &[u8], summary: &Value) -> Vec<u8> {
    let json = serde_json::to_vec_pretty(summary).expect("json");
    let manifest = |text: String| {
        let mut m: Value = serde_json::from_str(&text).expect("manifest parses");
        for f in m["files"].as_array_mut().expect("files") {
            if f["path"] == "tong-hop.json" {
                f["sha256"] = Value::from(sha256(&json));
                f["size"] = Value::from(json.len());
            }
        }
        serde_json::to_string_pretty(&m).expect("json")
    };
    let zip = altered(zip, "manifest.json", manifest);
    let json = String::from_utf8(json).expect("utf-8");
    altered(&zip, "tong-hop.json", move |_| json.clone())
}

/// The indicator `code` of a summary.
fn indicator<'a>(s: &'a mut Value, code: &str) -> &'a mut Value {
    s["indicators"].as_array_mut().expect("indicators").iter_mut().find(|m| m["code"] == code).expect(code)
}

/// The Phụ lục 1 Markdown row of an indicator, by its name's start.
fn p1_row(ws: &Workspace, name: &str) -> Vec<String> {
    let md = ws.read_text("2024-Q2", "phu-luc-1.md");
    let line = md.lines().find(|l| l.contains(name)).unwrap_or_else(|| panic!("no row {name}:\n{md}"));
    line.split('|').map(|c| c.trim().to_owned()).collect()
}

#[test]
fn the_shipped_second_quarter_compares_with_the_archived_first() {
    let ws = Workspace::sample();
    ws.ok("build", &["--quarter", "2024-Q2", "-q"]);
    let s = summary(&ws, "2024-Q2");
    assert_eq!(s["archived"][0]["file"], ARCHIVED_Q1, "the shipped archive is what quý II reads");
    // Thu NSNN: quý I 3.870 (Sở TC's later quý I file), 6 tháng 10.111,7 → quý II alone 6.241,7,
    // 6.241,7 / 3.870 = 1,6128 → +61,28%.
    let row = p1_row(&ws, "Thu ngân sách nhà nước");
    let md = ws.read_text("2024-Q2", "phu-luc-1.md");
    let header: Vec<&str> =
        md.lines().find(|l| l.starts_with("| STT")).expect("header").split('|').map(str::trim).collect();
    let col = header.iter().position(|h| *h == "So với quý I").expect("a column So với quý I");
    assert_eq!(row[col], "+61,28%", "{row:?}");
    // A rate compares its level: đô thị hóa 31,8% at the end of quý I, 32,1% now.
    assert_eq!(p1_row(&ws, "Tỷ lệ đô thị hóa")[col], "+0,30 điểm %");
    assert!(
        md.contains("số liệu quý I theo gói báo cáo đã gửi archive/goi\\-bao\\-cao\\-2024\\-Q1.zip")
            || md.contains("số liệu quý I theo gói báo cáo đã gửi archive/goi-bao-cao-2024-Q1.zip"),
        "{md}"
    );
    let report = ws.read_text("2024-Q2", "bao-cao.md");
    assert!(report.contains("riêng quý II ước đạt 6.241,7 tỷ đồng, tăng 61,28% so với quý I"), "{report}");
    assert!(report.contains("tăng 0,3 điểm % so với quý I"), "{report}");
    let pdf = crate::support::pdf::pdf_text(&ws.read("2024-Q2", "phu-luc-1.pdf"));
    assert!(pdf.contains("So với quý I") && pdf.contains("+61,28%"), "{pdf}");
    // Quý I has no previous quarter: no column.
    ws.ok("build", &["--quarter", "2024-Q1", "-q"]);
    assert!(!ws.read_text("2024-Q1", "phu-luc-1.md").contains("So với quý"));
}

#[test]
fn last_years_archived_figures_are_the_same_period_and_successors_follow_them() {
    let ws = Workspace::sample();
    ws.ok("package", &["--quarter", "2024-Q2", "-q"]);
    // Last year's quý II package: Sở TC sent 7.500 (it types 7.660,4 now); Lục Nam reported under
    // its former code H-LUCNAM-CU, which the plan says it replaces; Hiệp Hòa's figure is under a
    // code nobody replaces.
    let zip = ws.read("2024-Q2", "goi-bao-cao-2024-Q2.zip");
    let files = baocao::package::archive::read_zip(&zip).expect("a zip");
    let mut last: Value = serde_json::from_slice(&files["tong-hop.json"]).expect("json");
    last["quarter"] = Value::from("2023-Q2");
    indicator(&mut last, "CT05")["sources"][0]["value"] = Value::from(7500.0);
    for s in indicator(&mut last, "CT06")["sources"].as_array_mut().expect("sources") {
        match s["agency"].as_str() {
            Some("H-LUCNAM") => {
                s["agency"] = Value::from("H-LUCNAM-CU");
                s["value"] = Value::from(3000.0);
            }
            Some("H-HIEPHOA") => s["agency"] = Value::from("H-XOA"),
            _ => {}
        }
    }
    ws.write("archive/goi-bao-cao-2023-Q2.zip", &repackaged(&zip, &last));
    ws.edit(
        "2024/agencies.yaml",
        "    aliases: [UBND huyện Lục Nam]",
        "    aliases: [UBND huyện Lục Nam]\n    replaces: [H-LUCNAM-CU]",
    );
    ws.ok("build", &["--quarter", "2024-Q2", "-q"]);

    // The archived 7.500 is the same period: 10.111,7 / 7.500 = 1,3482 → +34,82%.
    let row = p1_row(&ws, "Thu ngân sách nhà nước");
    assert_eq!((row[5].as_str(), row[8].as_str()), ("7.500", "+34,82%"), "{row:?}");
    let md = ws.read_text("2024-Q2", "phu-luc-1.md");
    assert!(md.contains("Số thực hiện cùng kỳ năm trước theo gói báo cáo quý II/2023 đã gửi"), "{md}");
    // Sở TC is told at its cell, with the figure it sent.
    let receipt = ws.read_text("2024-Q2", "phan-hoi/STC.md");
    assert!(
        receipt.contains("trang Chỉ tiêu, ô E2") && receipt.contains("khác số đã báo cáo quý II/2023"),
        "{receipt}"
    );
    assert!(receipt.contains("(7.500 tỷ đồng, tệp STC.xlsx, ô Chỉ tiêu!F2)"), "{receipt}");
    // Lục Nam's former code is followed: its typed same period differs from the 3.000 it sent.
    let receipt = ws.read_text("2024-Q2", "phan-hoi/H-LUCNAM.md");
    assert!(
        receipt.contains("khác số đã báo cáo quý II/2023") && receipt.contains("(3.000 tỷ đồng"),
        "{receipt}"
    );
    // Hiệp Hòa's figure under an unknown code is listed for the department, not dropped.
    let overview = ws.read_text("2024-Q2", "tiep-nhan.md");
    assert!(overview.contains("so-lieu-khong-co-don-vi-ke-thua") && overview.contains("H-XOA"), "{overview}");
    assert!(overview.contains("CT06 = 5.841,9"), "{overview}");
    let s = summary(&ws, "2024-Q2");
    let quarters: Vec<&str> =
        s["archived"].as_array().expect("archived").iter().filter_map(|a| a["quarter"].as_str()).collect();
    assert_eq!(quarters, ["2024-Q1", "2023-Q2"]);
}

#[test]
fn a_replaced_code_must_be_a_former_one_and_have_one_successor() {
    let ws = Workspace::plan_only();
    ws.edit(
        "2024/agencies.yaml",
        "    aliases: [UBND huyện Lục Nam]",
        "    aliases: [UBND huyện Lục Nam]\n    replaces: [STC, H-CU]",
    );
    ws.edit(
        "2024/agencies.yaml",
        "    aliases: [UBND huyện Lục Ngạn]",
        "    aliases: [UBND huyện Lục Ngạn]\n    replaces: [H-CU]",
    );
    let run = ws.plan_cmd(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("`STC` vẫn là mã của một cơ quan hoặc nhóm trong kế hoạch này"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("mã cũ `H-CU` đã được cơ quan `H-LUCNAM` kế thừa"), "{}", run.stderr);
}
