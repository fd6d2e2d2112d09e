//! Snapshot tests (insta, `tests/suite/snapshots/`): every Markdown output of the sample quarter
//! and the error messages of a few failing runs, with the temporary folder and timings redacted.
//! After an intended change, regenerate with `INSTA_UPDATE=always cargo test --release golden`
//! and review the `.snap` diffs before committing them.

use crate::build::package::{ZIP, packaged, tamper};
use crate::support::redact::redact;
use crate::support::workspace::{Run, Workspace, baocao, files_under};

/// A failed run as a snapshot: its exit code, then its stdout and stderr (when not empty),
/// redacted.
fn outcome(run: &Run, ws: &Workspace) -> String {
    let mut text = format!("exit code: {}\n", run.code);
    for (name, stream) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        if !stream.is_empty() {
            text.push_str(&format!("--- {name} ---\n{}", redact(stream, ws.root())));
        }
    }
    text
}

#[test]
fn sample_quarter_markdown() {
    let ws = Workspace::sample();
    ws.ok("build", &["-q"]);
    for (name, file) in [
        ("bao_cao_md", "bao-cao.md"),
        ("phu_luc_1_md", "phu-luc-1.md"),
        ("phu_luc_2_md", "phu-luc-2.md"),
        ("phu_luc_3_md", "phu-luc-3.md"),
        ("tiep_nhan_md", "tiep-nhan.md"),
    ] {
        insta::assert_snapshot!(name, ws.read_text("2024-Q2", file));
    }
    let receipts = files_under(&ws.quarter("2024-Q2").join("phan-hoi"));
    assert_eq!(
        receipts.len(),
        43,
        "a receipt per agency that sent something, a reminder per one that did not"
    );
    let mut all = String::new();
    for receipt in receipts {
        let rel = format!("phan-hoi/{}", receipt.display());
        all.push_str(&format!("=== {rel} ===\n{}", ws.read_text("2024-Q2", &rel)));
    }
    insta::assert_snapshot!("phan_hoi_receipts", all);
}

/// Runs `baocao plan` on the minimal plan with one invalid fixture laid over it; its outcome.
fn plan_outcome(case: &str) -> String {
    let ws = Workspace::plan_fixture(Some(case));
    let run = baocao(&["plan", "--data", ws.data().to_str().expect("UTF-8")]);
    assert_eq!(run.code, 1, "{case}: {}", run.stderr);
    outcome(&run, &ws)
}

#[test]
fn plan_errors() {
    insta::assert_snapshot!("plan_unknown_lead", plan_outcome("unknown-lead"));
    insta::assert_snapshot!("plan_yaml_syntax_error", plan_outcome("yaml-syntax-error"));
}

#[test]
fn build_with_a_broken_user_template() {
    let ws = Workspace::sample();
    ws.write("templates/bao-cao.md.tera", b"{% if %}\n");
    let run = ws.run("build", &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("build_template_syntax_error", outcome(&run, &ws));
}

#[test]
fn verify_an_altered_report() {
    let ws = packaged();
    let zip = tamper(&ws, "goi-da-sua.zip", |files| {
        let md = files.get_mut("bao-cao.md").expect("the report in the package");
        let text = String::from_utf8(md.clone()).expect("UTF-8").replacen("BÁO CÁO", "BÁO CÁO SỬA", 1);
        *md = text.into_bytes();
    });
    let run = baocao(&["verify", zip.to_str().expect("UTF-8")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(ws.quarter("2024-Q2").join(ZIP).is_file());
    insta::assert_snapshot!("verify_altered_bao_cao_md", outcome(&run, &ws));
}
