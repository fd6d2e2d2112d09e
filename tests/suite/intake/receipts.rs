//! The receipts and reminders a clerk reads (`phan-hoi/<MÃ>.md`): plain Vietnamese, hints from
//! the agency's own row, a resend date counted in working days, reminders for missing agencies.

use baocao::contract::SHEET_MEASURES;
use baocao::plan::AgencyCode;
use serde_json::Value as Json;

use super::file;
use super::values::{measure, unit_of};
use crate::support::form::{Form, t};
use crate::support::workspace::Workspace;

const CUM: &str = "Thực hiện lũy kế đến hết quý";

/// True when `text` holds a run of at least `n` hex digits (a hash or a prefix of one).
fn has_hex_run(text: &str, n: usize) -> bool {
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_ascii_hexdigit() { run + 1 } else { 0 };
        if run >= n {
            return true;
        }
    }
    false
}

/// Every finding code of a file in `tiep-nhan.json`.
fn all_codes(file: &Json) -> Vec<String> {
    let list = file["findings"].as_array().cloned().unwrap_or_default();
    list.iter().map(|f| f["code"].as_str().unwrap_or("").to_owned()).collect()
}

#[test]
fn a_receipt_has_no_finding_code_and_no_hash() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let code = measure(&plan, "STC", false);
    let mut form = Form::valid(&plan, "STC");
    form.sheet(SHEET_MEASURES).row(&code).set(CUM, t("1.250,5 tỷ"));
    ws.submit("bao-cao-tai-chinh.xlsx", &form.xlsx());
    let json = ws.check_ok();
    let f = file(&json, "bao-cao-tai-chinh.xlsx");
    let codes = all_codes(f);
    assert!(codes.iter().any(|c| c == "khong-phai-so") && codes.iter().any(|c| c == "ten-tep-khong-khop"));
    let receipt = ws.receipt("STC");
    for c in &codes {
        assert!(!receipt.contains(c.as_str()), "finding code `{c}` in the receipt:\n{receipt}");
    }
    let sha = f["sha256"].as_str().expect("sha256 in the JSON");
    assert!(!receipt.contains(&sha[..12]) && !has_hex_run(&receipt, 12), "hash in the receipt:\n{receipt}");
    assert!(!receipt.contains("SHA") && !receipt.contains("| Mã |"), "{receipt}");
    // The place in words, the date line, and the resend date after the receipt's own day.
    assert!(receipt.contains("trang Chỉ tiêu, ô "), "{receipt}");
    assert!(receipt.contains("*Bắc Giang, ngày 14 tháng 6 năm 2024*"), "{receipt}");
    assert!(receipt.contains("chậm nhất ngày 18/06/2024"), "{receipt}");
    assert!(!receipt.contains("chậm nhất ngày 14/06/2024"), "{receipt}");
    // The department's overview and record keep codes and hashes.
    assert!(ws.overview().contains("khong-phai-so") && ws.overview().contains(&sha[..12]));
}

#[test]
fn a_hint_for_a_bad_cell_quotes_that_rows_unit_and_typed_number() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let code = measure(&plan, "STC", false);
    let unit = unit_of(&plan, &code);
    let mut form = Form::valid(&plan, "STC");
    form.sheet(SHEET_MEASURES).row(&code).set(CUM, t("1.250,5 tỷ"));
    ws.submit("STC.xlsx", &form.xlsx());
    let json = ws.check_ok();
    let fix =
        super::finding(file(&json, "STC.xlsx"), "khong-phai-so")["fix"].as_str().unwrap_or("").to_owned();
    assert!(fix.contains(&format!("theo đơn vị {unit}")), "{fix}");
    assert!(fix.contains("ví dụ 1250,5") && !fix.contains("37,7"), "{fix}");
    assert!(ws.receipt("STC").contains(&format!("theo đơn vị {unit}")));
}

#[test]
fn a_missing_agency_gets_a_reminder_listing_its_obligations() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    ws.submit("STC.xlsx", &Form::valid(&plan, "STC").xlsx());
    ws.check_ok();
    let reminder = ws.receipt("SCT");
    assert!(reminder.starts_with("# Giấy nhắc gửi báo cáo quý II/2024"), "{reminder}");
    assert!(reminder.contains("**Kính gửi:** Sở Công Thương"), "{reminder}");
    let o = plan.obligations(&AgencyCode::from("SCT"));
    assert!(!o.measures.is_empty() && !o.tasks.is_empty());
    for (_, m) in &o.measures {
        let code = m.code.as_ref().map(ToString::to_string).unwrap_or_default();
        let unit = m.unit.as_ref().map(|u| u.label().to_owned()).unwrap_or_default();
        let row = format!("| {code} | {}", m.name);
        assert!(reminder.contains(&row) && reminder.contains(&format!(" | {unit} |")), "{row}:\n{reminder}");
    }
    for task in &o.tasks {
        assert!(reminder.contains(&format!("| {} | {} |", task.id, task.title)), "{}:\n{reminder}", task.id);
    }
    assert!(reminder.contains("**SCT.xlsx**"), "{reminder}");
    assert!(reminder.contains("chậm nhất ngày 18/06/2024"), "{reminder}");
    // The next quarter's report is due by the plan's submission day of its last month.
    assert!(
        reminder.contains("Báo cáo quý III/2024 gửi về Sở Kế hoạch và Đầu tư chậm nhất ngày 14/09/2024."),
        "{reminder}"
    );
    assert!(!reminder.contains("khong-") && !has_hex_run(&reminder, 12), "{reminder}");
}

#[test]
fn the_resend_date_skips_the_plans_holidays() {
    let ws = Workspace::plan_only();
    // Monday 17/06/2024 made a holiday: Friday 14/06 + 2 working days = Wednesday 19/06.
    ws.edit("2024/document.yaml", "    - 2024-09-03", "    - 2024-09-03\n    - 2024-06-17");
    ws.check_ok();
    let reminder = ws.receipt("SCT");
    assert!(reminder.contains("chậm nhất ngày 19/06/2024"), "{reminder}");
}
