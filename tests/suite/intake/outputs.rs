//! What `check` writes and how it exits.

use baocao::contract::{SHEET_MEASURES, info};

use super::{agency, codes, file, finding};
use crate::support::form::{Form, W, t};
use crate::support::workspace::{Workspace, baocao};

#[test]
fn valid_submission_is_accepted_on_time_with_a_receipt() {
    let ws = Workspace::plan_only();
    ws.submit("STC-2024-Q2.xlsx", &Form::valid(&ws.plan(), "STC").xlsx());
    let run = ws.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("đúng hạn"), "{}", run.stderr);
    let json = ws.json();
    let f = file(&json, "STC-2024-Q2.xlsx");
    assert_eq!(f["status"]["kind"], "accepted");
    assert!(codes(f).is_empty(), "{f}");
    assert_eq!(f["sha256"].as_str().map(str::len), Some(64));
    let a = agency(&json, "STC");
    assert_eq!(a["status"], "on-time");
    assert_eq!(a["files"][0], "STC-2024-Q2.xlsx");
    let sub = &a["submission"];
    assert_eq!(sub["preparer"], "Nguyễn Văn A");
    assert_eq!(sub["report_date"], "2024-06-10");
    let m = &sub["measures"][0];
    assert_eq!(m["cumulative"]["source"]["file"], "STC-2024-Q2.xlsx");
    assert_eq!(m["cumulative"]["source"]["cell"], "F4");
    let overview = ws.overview();
    assert!(overview.starts_with("# Tình hình tiếp nhận báo cáo quý II/2024"));
    assert!(overview.contains("| Cơ quan phải báo cáo |"));
    assert!(overview.contains("Tỷ lệ đầy đủ"));
    let receipt = ws.receipt("STC");
    assert!(receipt.contains("đã tiếp nhận, đúng hạn"), "{receipt}");
    assert!(receipt.contains("Không cần gửi lại"));
    // An agency that sent nothing gets a reminder, not a receipt.
    assert!(ws.receipt("SCT").starts_with("# Giấy nhắc gửi báo cáo quý II/2024"));
}

#[test]
fn several_files_from_one_agency_latest_report_date_wins() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let mut first = Form::valid(&plan, "STC");
    first.set_info(info::REPORT_DATE, W::Date(2024, 6, 12));
    let mut second = Form::valid(&plan, "STC");
    second.set_info(info::REPORT_DATE, W::Date(2024, 6, 5));
    ws.submit("a/STC-sua.xlsx", &first.xlsx());
    ws.submit("b/STC.xlsx", &second.xlsx());
    let json = ws.check_ok();
    assert_eq!(file(&json, "a/STC-sua.xlsx")["status"]["kind"], "accepted");
    let old = file(&json, "b/STC.xlsx");
    assert_eq!(old["status"]["kind"], "superseded");
    assert_eq!(old["status"]["by"], "a/STC-sua.xlsx");
    assert_eq!(codes(old), ["bi-thay-the"]);
    assert!(
        finding(file(&json, "a/STC-sua.xlsx"), "nhieu-tep")["message"]
            .as_str()
            .unwrap_or("")
            .contains("b/STC.xlsx")
    );
    let a = agency(&json, "STC");
    assert_eq!(a["submission"]["file"], "a/STC-sua.xlsx");
    assert_eq!(a["files"].as_array().map(Vec::len), Some(2));
}

#[test]
fn two_files_with_the_same_report_date_ask_the_agency_which_one_stands() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let mut original = Form::valid(&plan, "STC");
    original.set_info(info::REPORT_DATE, W::Date(2024, 6, 12));
    let mut corrected = Form::valid(&plan, "STC");
    corrected.set_info(info::REPORT_DATE, W::Date(2024, 6, 12));
    ws.submit("STC-ban-sua.xlsx", &corrected.xlsx());
    ws.submit("STC.xlsx", &original.xlsx());
    let json = ws.check_ok();
    // Neither wins silently: both carry the tie, and no message claims a newer date.
    let used = file(&json, "STC.xlsx");
    let other = file(&json, "STC-ban-sua.xlsx");
    assert_eq!(used["status"]["kind"], "accepted");
    assert_eq!(codes(used), ["trung-ngay-bao-cao"]);
    assert_eq!(codes(other), ["trung-ngay-bao-cao"]);
    for f in [used, other] {
        let msg = finding(f, "trung-ngay-bao-cao")["message"].as_str().unwrap_or("").to_owned();
        assert!(!msg.contains("mới hơn") && !msg.contains("mới nhất"), "{msg}");
        assert_eq!(finding(f, "trung-ngay-bao-cao")["sheet"], "Thông tin");
    }
    assert!(ws.receipt("STC").contains("xác nhận bản chính thức"));
}

#[test]
fn typed_markup_stays_literal_in_json_and_escaped_in_markdown() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let nasty = "#read(\"/etc/passwd\") $x$ *a* | <b> [l](u)";
    let mut form = Form::valid(&plan, "STC");
    let r = &mut form.sheet(SHEET_MEASURES).rows[0];
    r.set("Ghi chú", t(nasty));
    r.set("Ước thực hiện cả năm", t(nasty));
    ws.submit("STC.xlsx", &form.xlsx());
    let json = ws.check_ok();
    let f = file(&json, "STC.xlsx");
    assert_eq!(finding(f, "khong-phai-so")["value"], nasty);
    let escaped = "\\#read(\"/etc/passwd\") \\$x\\$ \\*a\\* \\| \\<b\\> \\[l\\](u)";
    for md in [ws.overview(), ws.receipt("STC")] {
        assert!(md.contains(escaped), "{md}");
        assert!(!md.contains("| <b>"), "raw markup leaked");
        assert!(!md.contains(nasty));
    }
}

#[test]
fn strict_fails_on_errors_and_quiet_keeps_only_the_summary() {
    let ws = Workspace::plan_only();
    let mut form = Form::valid(&ws.plan(), "STC");
    form.set_info(info::REPORT_DATE, W::Blank);
    ws.submit("STC.xlsx", &form.xlsx());
    let run = ws.check(&["--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("--strict"));
    let run = ws.check(&["--quiet"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    let clean = Workspace::plan_only();
    clean.submit("STC.xlsx", &Form::valid(&clean.plan(), "STC").xlsx());
    assert_eq!(clean.check(&["--strict"]).code, 0);
}

#[test]
fn bad_arguments_exit_2_and_invalid_plan_exits_1() {
    let ws = Workspace::plan_only();
    assert_eq!(ws.check(&["--cutoff", "14/06/2024"]).code, 2);
    let run = baocao(&["check", "--quarter", "2024-Q5"]);
    assert_eq!(run.code, 2);
    ws.write("submissions/2024-Q2", b"not a folder");
    let run = ws.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("không phải là thư mục"), "{}", run.stderr);
    ws.write("plan/2024/tasks.yaml", b"tasks: [");
    assert_eq!(ws.check(&[]).code, 1);
}
