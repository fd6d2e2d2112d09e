//! The `Thông tin` sheet: agency, quarter, form version, report date.

use unicode_normalization::UnicodeNormalization;

use super::{agency, codes, file, finding};
use crate::support::form::{Form, W, t};
use crate::support::workspace::Workspace;
use baocao::contract::info;

#[test]
fn unknown_and_non_reporting_agencies_are_rejected() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let mut unknown = Form::valid(&plan, "STC");
    unknown.set_info(info::AGENCY_CODE, t("SO-KHONG-CO"));
    unknown.set_info(info::AGENCY_NAME, t("Sở Không Có"));
    ws.submit("SO-KHONG-CO.xlsx", &unknown.xlsx());
    let mut evn = Form::valid(&plan, "STC");
    evn.set_info(info::AGENCY_CODE, t("EVN"));
    evn.remove_info(info::AGENCY_NAME);
    ws.submit("EVN.xlsx", &evn.xlsx());
    let mut nothing = Form::valid(&plan, "STC");
    nothing.remove_info(info::AGENCY_CODE);
    nothing.remove_info(info::AGENCY_NAME);
    ws.submit("khong-ro.xlsx", &nothing.xlsx());
    let json = ws.check_ok();
    let f = file(&json, "SO-KHONG-CO.xlsx");
    assert_eq!(f["status"]["kind"], "rejected");
    assert_eq!(codes(f), ["co-quan-khong-co-trong-ke-hoach"]);
    assert_eq!(finding(f, "co-quan-khong-co-trong-ke-hoach")["cell"], "B3");
    assert!(f["agency"].is_null());
    let f = file(&json, "EVN.xlsx");
    assert_eq!(codes(f), ["co-quan-khong-co-trong-ke-hoach"]);
    assert!(
        finding(f, "co-quan-khong-co-trong-ke-hoach")["message"]
            .as_str()
            .unwrap_or("")
            .contains("không thuộc diện")
    );
    assert_eq!(codes(file(&json, "khong-ro.xlsx")), ["thieu-thong-tin-co-quan"]);
    assert!(ws.overview().contains("## 4. Tệp không xác định được cơ quan"));
}

#[test]
fn agency_found_by_nfd_name_when_code_is_missing() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let mut form = Form::valid(&plan, "SLDTBXH");
    form.remove_info(info::AGENCY_CODE);
    let nfd: String = "Sở Lao động – Thương binh  và Xã hội".nfd().collect();
    form.set_info(info::AGENCY_NAME, W::Text(nfd));
    ws.submit("SLDTBXH-quy2.xlsx", &form.xlsx());
    let json = ws.check_ok();
    let f = file(&json, "SLDTBXH-quy2.xlsx");
    assert_eq!(f["status"]["kind"], "accepted", "{f}");
    assert_eq!(f["agency"], "SLDTBXH");
    assert_eq!(agency(&json, "SLDTBXH")["status"], "on-time");
}

#[test]
fn code_and_name_of_different_agencies_warn() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let mut form = Form::valid(&plan, "STC");
    form.set_info(info::AGENCY_NAME, t("Sở Xây dựng"));
    ws.submit("STC.xlsx", &form.xlsx());
    let json = ws.check_ok();
    let f = file(&json, "STC.xlsx");
    assert_eq!(f["agency"], "STC");
    assert_eq!(finding(f, "thong-tin-co-quan-khong-khop")["level"], "warning");
}

#[test]
fn file_name_without_the_code_warns() {
    let ws = Workspace::plan_only();
    ws.submit("bao-cao-quy-2.xlsx", &Form::valid(&ws.plan(), "STC").xlsx());
    let json = ws.check_ok();
    let f = file(&json, "bao-cao-quy-2.xlsx");
    assert_eq!(f["status"]["kind"], "accepted");
    assert_eq!(codes(f), ["ten-tep-khong-khop"]);
    assert_eq!(finding(f, "ten-tep-khong-khop")["level"], "warning");
}

#[test]
fn form_of_another_quarter_is_rejected() {
    let ws = Workspace::plan_only();
    let mut form = Form::valid(&ws.plan(), "STC");
    form.set_info(info::QUARTER, t("Quý I/2024"));
    ws.submit("STC.xlsx", &form.xlsx());
    let json = ws.check_ok();
    let f = file(&json, "STC.xlsx");
    assert_eq!(f["status"]["kind"], "rejected");
    assert_eq!(codes(f), ["sai-ky-bao-cao"]);
    assert_eq!(f["agency"], "STC");
    assert_eq!(agency(&json, "STC")["status"], "rejected");
    let receipt = ws.receipt("STC");
    assert!(receipt.contains("Biểu là của quý I/2024, không phải quý II/2024"), "{receipt}");
    assert!(!receipt.contains("sai-ky-bao-cao") && !receipt.contains("sai\\-ky"), "{receipt}");
}

#[test]
fn other_form_version_or_plan_fingerprint_warns() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let mut old = Form::valid(&plan, "STC");
    old.set_info(info::FORM_VERSION, W::Num(0.0));
    old.set_info(info::PLAN_FINGERPRINT, t("abcdef"));
    ws.submit("STC.xlsx", &old.xlsx());
    let mut handmade = Form::valid(&plan, "SCT");
    handmade.remove_info(info::FORM_VERSION);
    handmade.remove_info(info::PLAN_FINGERPRINT);
    ws.submit("SCT.xlsx", &handmade.xlsx());
    let json = ws.check_ok();
    for p in ["STC.xlsx", "SCT.xlsx"] {
        let f = file(&json, p);
        assert_eq!(f["status"]["kind"], "accepted");
        assert_eq!(codes(f), ["bieu-mau-khac-phien-ban"], "{p}");
    }
    assert_eq!(finding(file(&json, "STC.xlsx"), "bieu-mau-khac-phien-ban")["value"], "0");
}

#[test]
fn report_dates_in_every_common_form() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let cases: [(&str, W); 5] = [
        ("STC", W::Date(2024, 6, 14)),
        ("SCT", W::Num(45457.0)),
        ("SNN", t("14/06/2024")),
        ("SXD", t("14-6-2024")),
        ("CTK", t("2024-06-14")),
    ];
    for (code, date) in &cases {
        let mut form = Form::valid(&plan, code);
        form.set_info(info::REPORT_DATE, date.clone());
        ws.submit(&format!("{code}.xlsx"), &form.xlsx());
    }
    let json = ws.check_ok();
    for (code, _) in &cases {
        let f = file(&json, &format!("{code}.xlsx"));
        assert_eq!(f["report_date"], "2024-06-14", "{code}");
        assert_eq!(agency(&json, code)["status"], "on-time", "{code}");
        assert_eq!(agency(&json, code)["submission"]["report_date"], "2024-06-14");
    }
}

#[test]
fn missing_or_bad_report_date_is_an_error_and_counts_late() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let mut none = Form::valid(&plan, "STC");
    none.set_info(info::REPORT_DATE, W::Blank);
    ws.submit("STC.xlsx", &none.xlsx());
    let mut bad = Form::valid(&plan, "SCT");
    bad.set_info(info::REPORT_DATE, t("hôm nay"));
    ws.submit("SCT.xlsx", &bad.xlsx());
    let json = ws.check_ok();
    let f = file(&json, "STC.xlsx");
    assert_eq!(f["status"]["kind"], "accepted");
    assert_eq!(finding(f, "thieu-ngay-bao-cao")["level"], "error");
    assert_eq!(finding(f, "thieu-ngay-bao-cao")["cell"], "B7");
    assert_eq!(agency(&json, "STC")["status"], "late");
    assert_eq!(finding(file(&json, "SCT.xlsx"), "ngay-bao-cao-khong-hop-le")["value"], "hôm nay");
    assert_eq!(agency(&json, "SCT")["status"], "late");
}

#[test]
fn report_date_outside_the_window_is_an_error() {
    let ws = Workspace::plan_only();
    let mut form = Form::valid(&ws.plan(), "STC");
    form.set_info(info::REPORT_DATE, t("14/06/2023"));
    ws.submit("STC.xlsx", &form.xlsx());
    let json = ws.check_ok();
    let f = file(&json, "STC.xlsx");
    assert_eq!(finding(f, "ngay-bao-cao-ngoai-ky")["level"], "error");
    assert_eq!(f["report_date"], "2023-06-14");
    assert_eq!(agency(&json, "STC")["status"], "late");
    assert!(agency(&json, "STC")["submission"]["report_date"].is_null());
}

#[test]
fn report_after_the_deadline_is_late() {
    let ws = Workspace::plan_only();
    let mut form = Form::valid(&ws.plan(), "STC");
    form.set_info(info::REPORT_DATE, W::Date(2024, 6, 20));
    ws.submit("STC.xlsx", &form.xlsx());
    let run = ws.check(&["--cutoff", "2024-06-25"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = ws.json();
    assert_eq!(json["cutoff"], "2024-06-25");
    assert_eq!(agency(&json, "STC")["status"], "late");
    assert!(codes(file(&json, "STC.xlsx")).is_empty());
}
