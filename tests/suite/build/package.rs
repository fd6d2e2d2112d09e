//! The package: intact after building, every tampering named, reproducible, and its
//! spreadsheet agrees with `tong-hop.json`.

use std::collections::BTreeMap;

use baocao::package::archive::{read_zip, write_zip};

use crate::support::sheets::{Book, number};
use crate::support::workspace::{Workspace, baocao};

/// The package of the sample quarter.
pub(crate) const ZIP: &str = "goi-bao-cao-2024-Q2.zip";

/// A copy of the shipped data, packaged for 2024-Q2.
pub(crate) fn packaged() -> Workspace {
    let ws = Workspace::sample();
    ws.ok("package", &["--quarter", "2024-Q2", "-q"]);
    ws
}

/// Runs `baocao verify` on a zip; the exit code and stdout followed by stderr.
fn verify(path: &std::path::Path) -> (i32, String) {
    let out = baocao(&["verify", path.to_str().expect("UTF-8")]);
    (out.code, out.stdout + &out.stderr)
}

/// The package with `edit` applied to its files, rezipped as `OUT/<name>`.
pub(crate) fn tamper(
    ws: &Workspace,
    name: &str,
    edit: impl FnOnce(&mut BTreeMap<String, Vec<u8>>),
) -> std::path::PathBuf {
    let mut files = read_zip(&ws.read("2024-Q2", ZIP)).expect("a zip");
    edit(&mut files);
    let path = ws.out().join(name);
    let date = time::Date::from_calendar_date(2024, time::Month::June, 14).expect("a date");
    std::fs::write(&path, write_zip(&files, date).expect("rewritten")).expect("written");
    path
}

#[test]
fn package_contents_and_verify() {
    let ws = packaged();
    let files = read_zip(&ws.read("2024-Q2", ZIP)).expect("a zip");
    for name in [
        "bao-cao.pdf",
        "bao-cao.md",
        "phu-luc-1.pdf",
        "phu-luc-2.pdf",
        "phu-luc-3.pdf",
        "phu-luc-1.md",
        "bao-cao-day-du.pdf",
        "tong-hop.json",
        "tiep-nhan.md",
        "phu-luc.xlsx",
        "manifest.json",
    ] {
        assert!(files.contains_key(name), "the package holds {name}: {:?}", files.keys().collect::<Vec<_>>());
    }
    let manifest: serde_json::Value = serde_json::from_slice(&files["manifest.json"]).expect("JSON");
    assert_eq!(manifest["quarter"], "2024-Q2");
    assert_eq!(manifest["cutoff"], "2024-06-14");
    assert!(
        manifest["inputs"]["plan"].as_array().is_some_and(|a| a.len() == 6),
        "five YAML files and the text"
    );
    assert!(
        manifest["inputs"]["submissions"].as_array().is_some_and(|a| a.len() == 41),
        "each accepted submission"
    );
    assert!(manifest["inputs"]["fonts"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(manifest["inputs"]["templates"].as_array().is_some_and(|a| !a.is_empty()));
    let (code, text) = verify(&ws.quarter("2024-Q2").join(ZIP));
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("nguyên vẹn"), "{text}");
}

#[test]
fn tampering_is_named() {
    let ws = packaged();
    let changed = tamper(&ws, "changed.zip", |f| {
        if let Some(b) = f.get_mut("phu-luc-2.md") {
            b[10] ^= 1;
        }
    });
    let (code, text) = verify(&changed);
    assert_eq!(code, 1);
    assert!(text.contains("tệp bị thay đổi: phu-luc-2.md"), "{text}");
    let missing = tamper(&ws, "missing.zip", |f| {
        f.remove("bao-cao.pdf");
    });
    let (code, text) = verify(&missing);
    assert_eq!(code, 1);
    assert!(text.contains("thiếu tệp: bao-cao.pdf"), "{text}");
    let extra = tamper(&ws, "extra.zip", |f| {
        f.insert("ghi-chu-them.txt".into(), b"them".to_vec());
    });
    let (code, text) = verify(&extra);
    assert_eq!(code, 1);
    assert!(text.contains("tệp lạ: ghi-chu-them.txt"), "{text}");
    std::fs::write(ws.out().join("not.zip"), b"not a zip").expect("written");
    let (code, text) = verify(&ws.out().join("not.zip"));
    assert_eq!(code, 1);
    assert!(text.contains("không phải gói zip"), "{text}");
}

#[test]
fn two_packages_are_byte_identical() {
    let a = packaged();
    let b = packaged();
    assert!(a.read("2024-Q2", ZIP) == b.read("2024-Q2", ZIP), "same inputs, same zip bytes");
}

/// Equal to 15 significant digits (Excel keeps numbers as IEEE doubles printed with 17 digits;
/// the last digit may differ from JSON's shortest form).
#[track_caller]
fn same_figure(a: Option<f64>, b: Option<f64>, what: &str) {
    match (a, b) {
        (Some(x), Some(y)) => assert!((x - y).abs() <= 1e-12 * x.abs().max(1.0), "{what}: {x} vs {y}"),
        (x, y) => assert_eq!(x, y, "{what}"),
    }
}

#[test]
fn appendix_workbook_matches_the_summary() {
    let ws = packaged();
    let files = read_zip(&ws.read("2024-Q2", ZIP)).expect("a zip");
    let summary: serde_json::Value = serde_json::from_slice(&files["tong-hop.json"]).expect("JSON");
    let book = Book::from_bytes(&files["phu-luc.xlsx"]);
    let sheet = book.sheet("Phụ lục 1");
    for (i, ind) in summary["indicators"].as_array().expect("indicators").iter().enumerate() {
        let row = 5 + i as u32;
        let value = sheet.get_value((row, 5)).and_then(number);
        same_figure(value, ind["value"].as_f64(), &format!("Phụ lục 1, row {} ({})", row + 1, ind["code"]));
        let pct = sheet.get_value((row, 6)).and_then(number);
        // The comparison with the plan on the indicator's scale (% of plan, điểm %, places).
        same_figure(
            pct,
            ind["vs_plan"]["value"].as_f64(),
            &format!("comparison with the plan of {}", ind["code"]),
        );
    }
    let growth = book.sheet("Phụ lục 2");
    let rows: Vec<&serde_json::Value> = summary["growth"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .chain([&summary["growth"]["total"]])
        .collect();
    for (i, r) in rows.iter().enumerate() {
        let row = 5 + i as u32;
        assert_eq!(
            growth.get_value((row, 0)).map(crate::support::sheets::text),
            r["name"].as_str().map(str::to_owned)
        );
        same_figure(
            growth.get_value((row, 5)).and_then(number),
            r["estimate"].as_f64(),
            &format!("estimate of {}", r["code"]),
        );
        same_figure(
            growth.get_value((row, 7)).and_then(number),
            r["contribution"].as_f64(),
            &format!("contribution of {}", r["code"]),
        );
    }
}

/// A zip of `entries` written in order, odd names included (what a forger would make).
fn raw_zip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).expect("an entry");
        zip.write_all(bytes).expect("written");
    }
    zip.finish().expect("a zip").into_inner()
}

#[test]
fn forged_entry_names_are_refused_and_printed_escaped() {
    let ws = packaged();
    let mut entries: Vec<(String, Vec<u8>)> =
        read_zip(&ws.read("2024-Q2", ZIP)).expect("a zip").into_iter().collect();
    // A name that would make the terminal print a forged verdict, and one leaving the folder.
    entries.push(("x\n\u{1b}[32mgói báo cáo nguyên vẹn".to_owned(), b"x".to_vec()));
    entries.push(("../../etc/cron.d/x".to_owned(), b"x".to_vec()));
    let evil = ws.out().join("evil.zip");
    std::fs::write(&evil, raw_zip(&entries)).expect("written");
    let (code, text) = verify(&evil);
    assert_eq!(code, 1, "{text}");
    assert!(!text.contains('\u{1b}'), "control characters printed raw: {text:?}");
    assert!(text.contains("\\u{1b}"), "the name is shown escaped: {text}");
    assert!(text.contains("../../etc/cron.d/x"), "{text}");
    assert!(text.lines().last().is_some_and(|l| l.contains("KHÔNG đạt")), "{text}");
}
