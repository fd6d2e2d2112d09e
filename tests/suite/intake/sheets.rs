//! The data sheets: columns by header text, rows by code.

use super::{agency, codes, file, finding};
use crate::support::form::{Form, Row, W, t};
use crate::support::workspace::Workspace;
use baocao::contract::{SHEET_GROWTH, SHEET_MEASURES, SHEET_TASKS};

#[test]
fn reordered_and_inserted_columns_still_read() {
    let ws = Workspace::plan_only();
    let mut form = Form::valid(&ws.plan(), "STC");
    let sheet = form.sheet(SHEET_MEASURES);
    // A clerk moved the inputs to the front, inserted a column and retyped headers in capitals.
    let moved = "THỰC HIỆN LUỸ KẾ\nĐẾN HẾT QUÝ";
    sheet.headers = [
        "Ước thực hiện cả năm",
        "Cột thêm của đơn vị",
        moved,
        "Mã",
        "Chỉ tiêu",
        "Thực hiện cùng kỳ năm trước",
        "Ghi chú",
    ]
    .map(String::from)
    .to_vec();
    for row in &mut sheet.rows {
        for (h, _) in &mut row.cells {
            if h == "Thực hiện lũy kế đến hết quý" {
                *h = moved.to_owned();
            }
        }
    }
    sheet.row("CT05").set("Cột thêm của đơn vị", t("rác"));
    sheet.row("CT05").set(moved, W::Num(10111.7));
    ws.submit("STC.xlsx", &form.xlsx());
    let json = ws.check_ok();
    let f = file(&json, "STC.xlsx");
    assert!(codes(f).is_empty(), "{f}");
    let measures = &agency(&json, "STC")["submission"]["measures"];
    let ct05 = measures.as_array().and_then(|m| m.iter().find(|x| x["code"] == "CT05")).expect("CT05 read");
    assert_eq!(ct05["cumulative"]["value"], 10111.7);
    assert_eq!(ct05["cumulative"]["source"]["cell"], "C4");
    assert_eq!(ct05["cumulative"]["source"]["sheet"], "Chỉ tiêu");
    assert_eq!(ct05["year_estimate"]["source"]["cell"], "A4");
}

#[test]
fn missing_required_column_is_an_error_for_that_sheet() {
    let ws = Workspace::plan_only();
    let mut form = Form::valid(&ws.plan(), "SCT");
    form.sheet(SHEET_GROWTH).headers.retain(|h| h != "Ước thực hiện lũy kế (%)");
    ws.submit("SCT.xlsx", &form.xlsx());
    let json = ws.check_ok();
    let f = file(&json, "SCT.xlsx");
    assert_eq!(f["status"]["kind"], "accepted");
    let x = finding(f, "thieu-cot");
    assert_eq!(x["sheet"], "Tăng trưởng");
    assert!(x["message"].as_str().unwrap_or("").contains("Ước thực hiện lũy kế (%)"));
    let sub = &agency(&json, "SCT")["submission"];
    assert_eq!(sub["growth"].as_array().map(Vec::len), Some(0));
    assert!(sub["measures"].as_array().map_or(0, Vec::len) > 0);
}

#[test]
fn unknown_foreign_duplicate_and_missing_codes() {
    let ws = Workspace::plan_only();
    let mut form = Form::valid(&ws.plan(), "STC");
    let sheet = form.sheet(SHEET_MEASURES);
    let mut unknown = sheet.rows[0].clone();
    unknown.code = t("CT99");
    let mut foreign = sheet.rows[0].clone();
    foreign.code = t("CT10"); // reported by Sở Nông nghiệp
    let mut duplicate = sheet.rows[0].clone();
    duplicate.code = t(" ct05 ");
    sheet.rows.extend([unknown, foreign, duplicate]);
    form.sheet(SHEET_TASKS).rows.remove(0);
    ws.submit("STC.xlsx", &form.xlsx());
    let json = ws.check_ok();
    let f = file(&json, "STC.xlsx");
    assert_eq!(finding(f, "ma-khong-ton-tai")["value"], "CT99");
    let foreign = finding(f, "ma-cua-co-quan-khac");
    assert_eq!(foreign["value"], "CT10");
    assert!(foreign["message"].as_str().unwrap_or("").contains("Nông nghiệp"), "{foreign}");
    let dup = finding(f, "ma-trung");
    assert_eq!(dup["cell"].as_str().map(|c| c.starts_with('A')), Some(true));
    let missing = finding(f, "thieu-dong");
    assert_eq!(missing["sheet"], "Nhiệm vụ");
    assert!(missing["cell"].is_null());
    // The first CT05 row is still used.
    let measures = agency(&json, "STC")["submission"]["measures"].as_array().cloned().unwrap_or_default();
    assert_eq!(measures.iter().filter(|m| m["code"] == "CT05").count(), 1);
}

#[test]
fn missing_sheet_the_agency_must_fill_is_an_error() {
    let ws = Workspace::plan_only();
    let mut form = Form::valid(&ws.plan(), "SNN");
    form.sheets.retain(|s| s.name != SHEET_TASKS);
    ws.submit("SNN.xlsx", &form.xlsx());
    let json = ws.check_ok();
    let f = file(&json, "SNN.xlsx");
    assert_eq!(f["status"]["kind"], "accepted");
    assert_eq!(codes(f), ["thieu-trang"]);
    assert_eq!(finding(f, "thieu-trang")["sheet"], "Nhiệm vụ");
}

#[test]
fn row_with_figures_but_no_code_is_an_error_signature_rows_are_not() {
    let ws = Workspace::plan_only();
    let mut form = Form::valid(&ws.plan(), "STC");
    let sheet = form.sheet(SHEET_MEASURES);
    sheet
        .rows
        .push(Row { code: W::Blank, cells: vec![("Ước thực hiện cả năm".into(), W::Num(5.0))] });
    // A signature block typed in the input columns is not data.
    sheet.rows.push(Row {
        code: W::Blank,
        cells: vec![
            ("Ước thực hiện cả năm".into(), t("NGƯỜI LẬP BIỂU")),
            ("Ghi chú".into(), t("THỦ TRƯỞNG ĐƠN VỊ")),
        ],
    });
    ws.submit("STC.xlsx", &form.xlsx());
    let json = ws.check_ok();
    assert_eq!(codes(file(&json, "STC.xlsx")), ["thieu-ma"]);
}
