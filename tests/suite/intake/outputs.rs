//! What `check` writes and how it exits.

use baocao::contract::{SHEET_MEASURES, info};

use crate::support::{Env, Form, W, agency, codes, file, finding, t};

#[test]
fn valid_submission_is_accepted_on_time_with_a_receipt() {
    let env = Env::new();
    env.write("STC-2024-Q2.xlsx", &Form::valid(&env.plan(), "STC").xlsx());
    let run = env.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("đúng hạn"), "{}", run.stderr);
    let json = env.json();
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
    let overview = env.overview();
    assert!(overview.starts_with("# Tình hình tiếp nhận báo cáo quý II/2024"));
    assert!(overview.contains("| Cơ quan phải báo cáo |"));
    assert!(overview.contains("Tỷ lệ đầy đủ"));
    let receipt = env.receipt("STC");
    assert!(receipt.contains("đã tiếp nhận, đúng hạn"), "{receipt}");
    assert!(receipt.contains("Không cần gửi lại"));
    assert!(!env.out.join("2024-Q2/phan-hoi/SCT.md").exists(), "no receipt for agencies that sent nothing");
}

#[test]
fn several_files_from_one_agency_latest_report_date_wins() {
    let env = Env::new();
    let plan = env.plan();
    let mut first = Form::valid(&plan, "STC");
    first.set_info(info::REPORT_DATE, W::Date(2024, 6, 12));
    let mut second = Form::valid(&plan, "STC");
    second.set_info(info::REPORT_DATE, W::Date(2024, 6, 5));
    env.write("a/STC-sua.xlsx", &first.xlsx());
    env.write("b/STC.xlsx", &second.xlsx());
    let json = env.check_ok();
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
fn typed_markup_stays_literal_in_json_and_escaped_in_markdown() {
    let env = Env::new();
    let plan = env.plan();
    let nasty = "#read(\"/etc/passwd\") $x$ *a* | <b> [l](u)";
    let mut form = Form::valid(&plan, "STC");
    let r = &mut form.sheet(SHEET_MEASURES).rows[0];
    r.set("Ghi chú", t(nasty));
    r.set("Ước thực hiện cả năm", t(nasty));
    env.write("STC.xlsx", &form.xlsx());
    let json = env.check_ok();
    let f = file(&json, "STC.xlsx");
    assert_eq!(finding(f, "khong-phai-so")["value"], nasty);
    let escaped = "\\#read(\"/etc/passwd\") \\$x\\$ \\*a\\* \\| \\<b\\> \\[l\\](u)";
    for md in [env.overview(), env.receipt("STC")] {
        assert!(md.contains(escaped), "{md}");
        assert!(!md.contains("| <b>"), "raw markup leaked");
        assert!(!md.contains(nasty));
    }
}

#[test]
fn strict_fails_on_errors_and_quiet_keeps_only_the_summary() {
    let env = Env::new();
    let mut form = Form::valid(&env.plan(), "STC");
    form.set_info(info::REPORT_DATE, W::Blank);
    env.write("STC.xlsx", &form.xlsx());
    let run = env.check(&["--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("--strict"));
    let run = env.check(&["--quiet"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    let clean = Env::new();
    clean.write("STC.xlsx", &Form::valid(&clean.plan(), "STC").xlsx());
    assert_eq!(clean.check(&["--strict"]).code, 0);
}

#[test]
fn bad_arguments_exit_2_and_invalid_plan_exits_1() {
    let env = Env::new();
    assert_eq!(env.check(&["--cutoff", "14/06/2024"]).code, 2);
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["check", "--quarter", "2024-Q5"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
    std::fs::create_dir_all(env.data.join("submissions")).expect("mkdir");
    std::fs::write(env.subs(), b"not a folder").expect("write");
    let run = env.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("không phải là thư mục"), "{}", run.stderr);
    std::fs::write(env.data.join("plan/2024/tasks.yaml"), "tasks: [").expect("write");
    assert_eq!(env.check(&[]).code, 1);
}
