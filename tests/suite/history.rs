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

fn sha256(bytes: &[u8]) -> String {
    baocao::hash::sha256_hex(bytes)
}

#[test]
fn an_archived_quarter_is_what_the_next_one_compares_with() {
    let ws = Workspace::sample();
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
}

#[test]
fn archiving_again_never_overwrites_and_the_latest_is_used() {
    let ws = Workspace::sample();
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
    ws.ok("package", &["--quarter", "2024-Q1", "--archive", "-q"]);
    fs::remove_dir_all(ws.data().join("submissions/2024-Q1")).expect("removed");
    let path = ws.data().join(ARCHIVED_Q1);
    let bytes = fs::read(&path).expect("archived");
    // Someone "corrects" a figure of the archived summary by hand.
    let edited = altered(&bytes, "tong-hop.json", |t| t.replacen("\"value\": ", "\"value\": 1", 1));
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
}
