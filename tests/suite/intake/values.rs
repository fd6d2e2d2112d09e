//! Values the way clerks type them, and the checks on them.

use baocao::contract::{SHEET_GROWTH, SHEET_MEASURES, SHEET_TASKS};
use baocao::plan::{AgencyCode, Plan, Unit};
use baocao::vn::legacy::encode_tcvn3;
use serde_json::Value as Json;

use super::{agency, codes, file, finding};
use crate::support::form::{Form, W, t};
use crate::support::workspace::Workspace;

const SAME: &str = "Thực hiện cùng kỳ năm trước";
const CUM: &str = "Thực hiện lũy kế đến hết quý";
const YEAR: &str = "Ước thực hiện cả năm";

/// A measure of `agency` whose unit is (or is not) `%` and which is not signed.
pub fn measure(plan: &Plan, agency: &str, percent: bool) -> String {
    plan.obligations(&AgencyCode::from(agency))
        .measures
        .iter()
        .map(|(_, m)| m)
        .find(|m| matches!(m.unit, Some(Unit::Percent)) == percent && !m.signed)
        .and_then(|m| m.code.as_ref())
        .map(|c| c.to_string())
        .expect("such a measure")
}

/// The unit of the measure `code`, as written.
pub fn unit_of(plan: &Plan, code: &str) -> String {
    plan.measures()
        .find(|(_, m)| m.code.as_ref().is_some_and(|c| c.to_string() == code))
        .and_then(|(_, m)| m.unit.as_ref().map(|u| u.label().to_owned()))
        .expect("the measure has a unit")
}

/// The accepted row of `list` (`measures`, `growth`, `tasks`) whose `key` is `code`.
fn row<'j>(json: &'j Json, agency_code: &str, list: &str, key: &str, code: &str) -> &'j Json {
    agency(json, agency_code)["submission"][list]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r[key] == code))
        .unwrap_or_else(|| panic!("row {code} not accepted"))
}

#[test]
fn numbers_typed_every_way_are_read() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let (money, pct) = (measure(&plan, "SNN", false), measure(&plan, "SNN", true));
    let mut form = Form::valid(&plan, "SNN");
    let sheet = form.sheet(SHEET_MEASURES);
    let r = sheet.row(&money);
    r.set(SAME, t("1.234,5"));
    r.set(CUM, t("12.500"));
    r.set(YEAR, t("\u{a0}1,234.5 "));
    let r = sheet.row(&pct);
    r.set(SAME, W::Pct(0.377));
    r.set(CUM, t("37,7%"));
    r.set(YEAR, W::Formula("=20+25".into(), "45".into()));
    ws.submit("SNN.xlsx", &form.xlsx());
    let json = ws.check_ok();
    assert!(codes(file(&json, "SNN.xlsx")).is_empty(), "{}", file(&json, "SNN.xlsx"));
    let m = row(&json, "SNN", "measures", "code", &money);
    assert_eq!(m["same_period_last_year"]["value"], 1234.5);
    assert_eq!(m["same_period_last_year"]["raw"], "1.234,5");
    assert_eq!(m["cumulative"]["value"], 12500.0);
    assert_eq!(m["year_estimate"]["value"], 1234.5);
    // Read the Vietnamese way, and questioned by consolidation: an English hand meant 12,5.
    let ambiguous = finding(file(&json, "SNN.xlsx"), "so-nhap-mo-ho");
    assert_eq!(ambiguous["value"], "12.500");
    let message = ambiguous["message"].as_str().unwrap_or("");
    assert!(
        message.contains("12.500 triệu đồng/ha (cách viết Việt Nam")
            && message.contains("hoặc 12,5 triệu đồng/ha"),
        "{message}"
    );
    let p = row(&json, "SNN", "measures", "code", &pct);
    assert!((p["same_period_last_year"]["value"].as_f64().unwrap_or(0.0) - 37.7).abs() < 1e-9);
    assert_eq!(p["same_period_last_year"]["raw"], "37,7%");
    assert_eq!(p["cumulative"]["value"], 37.7);
    assert_eq!(p["year_estimate"]["value"], 45.0);
}

#[test]
fn blank_is_not_reported_never_zero() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let code = measure(&plan, "STC", false);
    let mut form = Form::valid(&plan, "STC");
    let r = form.sheet(SHEET_MEASURES).row(&code);
    r.set(SAME, W::Blank);
    r.set(CUM, t("   "));
    r.set(YEAR, t("-"));
    ws.submit("STC.xlsx", &form.xlsx());
    let json = ws.check_ok();
    let m = row(&json, "STC", "measures", "code", &code);
    assert!(m["same_period_last_year"].is_null());
    assert!(m["cumulative"].is_null());
    assert!(m["year_estimate"].is_null());
    assert_eq!(codes(file(&json, "STC.xlsx")), ["ky-hieu-thay-so-lieu"]);
}

#[test]
fn formula_errors_and_text_are_errors_and_drop_the_row() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let code = measure(&plan, "STC", false);
    let mut form = Form::valid(&plan, "STC");
    let r = form.sheet(SHEET_MEASURES).row(&code);
    r.set(SAME, W::Formula("=1/0".into(), "#DIV/0!".into()));
    r.set(CUM, t("#N/A"));
    r.set(YEAR, t("chưa có số liệu"));
    ws.submit("STC.xlsx", &form.xlsx());
    let json = ws.check_ok();
    let f = file(&json, "STC.xlsx");
    assert_eq!(codes(f), ["loi-cong-thuc", "loi-cong-thuc", "khong-phai-so"]);
    let e = finding(f, "khong-phai-so");
    assert_eq!(e["level"], "error");
    assert_eq!(e["value"], "chưa có số liệu");
    // The hint names this row's unit, never another indicator's example figure (37,7).
    let unit = unit_of(&plan, &code);
    let fix = e["fix"].as_str().unwrap_or("");
    assert!(fix.contains(&format!("theo đơn vị {unit}")) && !fix.contains("37,7"), "{fix}");
    assert_eq!(finding(f, "loi-cong-thuc")["value"], "#DIV/0!");
    let measures = agency(&json, "STC")["submission"]["measures"].as_array().cloned().unwrap_or_default();
    assert!(measures.iter().all(|m| m["code"] != code.as_str()), "row with errors is not used");
}

/// The xlsx with the cached result of the formula `=E7*2` removed, as some programs save it.
fn without_cached_results(xlsx: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("a zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut entry = src.by_index(i).expect("an entry");
        let mut text = Vec::new();
        entry.read_to_end(&mut text).expect("read");
        let name = entry.name().expect("a name").to_string();
        if name.starts_with("xl/worksheets/") {
            text = String::from_utf8(text)
                .expect("XML")
                .replace("<f>E7*2</f><v>0</v>", "<f>E7*2</f>")
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).expect("an entry");
        out.write_all(&text).expect("written");
    }
    out.finish().expect("a zip").into_inner()
}

#[test]
fn a_formula_the_file_never_computed_is_an_error_not_a_blank() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let code = measure(&plan, "STC", false);
    let mut form = Form::valid(&plan, "STC");
    // Saved by a program that writes formulas without their results (`<f>…</f>`, no `<v>`).
    form.sheet(SHEET_MEASURES).row(&code).set(CUM, W::Formula("=E7*2".into(), String::new()));
    ws.submit("STC.xlsx", &without_cached_results(&form.xlsx()));
    let json = ws.check_ok();
    let f = finding(file(&json, "STC.xlsx"), "cong-thuc-chua-tinh");
    assert_eq!(f["level"], "error");
    assert_eq!(f["sheet"], SHEET_MEASURES);
    assert!(f["message"].as_str().unwrap_or("").contains("không lưu kết quả tính"), "{f}");
}

#[test]
fn qualified_numbers_are_kept_with_a_warning() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let code = measure(&plan, "STC", false);
    let mut form = Form::valid(&plan, "STC");
    let r = form.sheet(SHEET_MEASURES).row(&code);
    r.set(CUM, t("khoảng 30"));
    r.set(YEAR, t("trên 95"));
    ws.submit("STC.xlsx", &form.xlsx());
    let json = ws.check_ok();
    let m = row(&json, "STC", "measures", "code", &code);
    assert_eq!(m["cumulative"]["value"], 30.0);
    assert_eq!(m["cumulative"]["qualifier"], "about");
    assert_eq!(m["year_estimate"]["qualifier"], "above");
    assert_eq!(codes(file(&json, "STC.xlsx")), ["gia-tri-uoc-tinh", "gia-tri-uoc-tinh"]);
}

#[test]
fn impossible_values_are_errors_but_growth_may_fall() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let (money, pct) = (measure(&plan, "SNN", false), measure(&plan, "SNN", true));
    let mut form = Form::valid(&plan, "SNN");
    form.sheet(SHEET_MEASURES).row(&money).set(CUM, W::Num(-5.0));
    form.sheet(SHEET_MEASURES).row(&pct).set(CUM, t("120,5%"));
    form.sheet(SHEET_MEASURES).row(&money).set(YEAR, t("12%"));
    form.sheet(SHEET_GROWTH).row("NLTS").set("Ước thực hiện lũy kế (%)", t("-2,19"));
    ws.submit("SNN.xlsx", &form.xlsx());
    let json = ws.check_ok();
    let f = file(&json, "SNN.xlsx");
    assert_eq!(finding(f, "gia-tri-am")["value"], "-5");
    assert_eq!(finding(f, "vuot-100-phan-tram")["value"], "120,5%");
    assert_eq!(finding(f, "don-vi-khong-khop")["value"], "12%");
    let g = row(&json, "SNN", "growth", "sector", "NLTS");
    assert_eq!(g["cumulative"]["value"], -2.19);
}

/// An agency with a task that has a deadline.
fn agency_with_dated_task(plan: &Plan) -> (String, String) {
    for a in plan.reporting_agencies() {
        let o = plan.obligations(&a.code);
        if let Some(t) = o.tasks.iter().find(|t| t.deadline.and_then(|d| d.due_date()).is_some()) {
            return (a.code.to_string(), t.id.to_string());
        }
    }
    panic!("no dated task")
}

#[test]
fn statuses_outside_the_vocabulary_and_continuous_with_deadline() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let (code, dated) = agency_with_dated_task(&plan);
    let mut form = Form::valid(&plan, &code);
    let tasks = form.sheet(SHEET_TASKS);
    tasks.row(&dated).set("Tình trạng", t("Thường xuyên"));
    let other = tasks.rows.iter().position(|r| !matches!(&r.code, W::Text(c) if *c == dated));
    if let Some(i) = other {
        tasks.rows[i].set("Tình trạng", t("Gần xong"));
    }
    ws.submit(&format!("{code}.xlsx"), &form.xlsx());
    let json = ws.check_ok();
    let f = file(&json, &format!("{code}.xlsx"));
    let w = finding(f, "thuong-xuyen-co-thoi-han");
    assert_eq!(w["level"], "warning");
    let task = row(&json, &code, "tasks", "task", &dated);
    assert_eq!(task["status"], "regular");
    if other.is_some() {
        let e = finding(f, "tinh-trang-khong-hop-le");
        assert_eq!(e["value"], "Gần xong");
        let fix = e["fix"].as_str().unwrap_or("");
        for label in
            ["Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện", "Chưa thực hiện", "Thường xuyên"]
        {
            assert!(fix.contains(label), "{fix}");
        }
    }
}

#[test]
fn legacy_tcvn3_text_is_converted_with_a_warning() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let (code, dated) = agency_with_dated_task(&plan);
    let mut form = Form::valid(&plan, &code);
    let tasks = form.sheet(SHEET_TASKS);
    let tcvn = |s: &str| W::Font(encode_tcvn3(s).expect("encodable"), ".VnTime".into());
    tasks.row(&dated).set("Tình trạng", tcvn("Đang thực hiện"));
    tasks.row(&dated).set("Kết quả thực hiện", tcvn("Đã trình UBND tỉnh phê duyệt đề án"));
    ws.submit(&format!("{code}.xlsx"), &form.xlsx());
    let json = ws.check_ok();
    let f = file(&json, &format!("{code}.xlsx"));
    assert_eq!(f["encoding"], "TCVN3 (ABC)");
    assert!(finding(f, "ma-hoa-cu")["message"].as_str().unwrap_or("").contains("TCVN3"));
    let task = row(&json, &code, "tasks", "task", &dated);
    assert_eq!(task["status"], "in-progress");
    assert_eq!(task["result"], "Đã trình UBND tỉnh phê duyệt đề án");
}

/// ods has no number formats in calamine: fractions in `%` rows are guessed, with a warning,
/// and cells are named absolutely even though the used range starts at B3.
#[test]
fn ods_with_offset_range_guesses_percent_and_names_absolute_cells() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let pct = measure(&plan, "SNN", true);
    let mut form = Form::valid(&plan, "SNN");
    let sheet = form.sheet(SHEET_MEASURES);
    let index = sheet.rows.iter().position(|r| matches!(&r.code, W::Text(c) if *c == pct)).expect("row");
    let r = sheet.row(&pct);
    r.set(SAME, W::Num(0.377));
    r.set(YEAR, W::Pct(0.9));
    r.set(CUM, t("không rõ"));
    ws.submit("SNN-quy2.ods", &form.ods(2, 1));
    let json = ws.check_ok();
    let f = file(&json, "SNN-quy2.ods");
    assert_eq!(f["status"]["kind"], "accepted", "{f}");
    assert_eq!(f["report_date"], "2024-06-10");
    let e = finding(f, "khong-phai-so");
    // Header row 3 + 2 rows down = row 5 (0-based 4); data from row 6; `Thực hiện lũy kế` is
    // the 6th header (F) + 1 column right = G.
    assert_eq!(e["cell"], format!("G{}", 6 + index), "{e}");
    assert_eq!(finding(f, "gia-tri-phan-tram-suy-doan")["cell"], format!("F{}", 6 + index));
    assert_eq!(codes(f).iter().filter(|c| *c == "gia-tri-phan-tram-suy-doan").count(), 2);
}

#[test]
fn a_bad_cell_rejects_only_itself() {
    // One unreadable cumulative value: the row's prior-year figure and year estimate are still
    // used, the bad cell is an error at its cell, and the report names the agency in part III.
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let code = measure(&plan, "STC", false);
    let mut form = Form::valid(&plan, "STC");
    let r = form.sheet(SHEET_MEASURES).row(&code);
    r.set(SAME, t("7.660,4"));
    r.set(CUM, t("mười nghìn"));
    r.set(YEAR, t("17.500"));
    ws.submit("STC.xlsx", &form.xlsx());
    let json = ws.check_ok();
    let e = finding(file(&json, "STC.xlsx"), "khong-phai-so");
    assert_eq!(e["level"], "error");
    assert_eq!(e["value"], "mười nghìn");
    let m = row(&json, "STC", "measures", "code", &code);
    assert!(m["cumulative"].is_null(), "{m}");
    assert_eq!(m["same_period_last_year"]["value"], 7660.4);
    assert_eq!(m["year_estimate"]["value"], 17500.0);
    ws.ok("build", &["-q", "--quarter", "2024-Q2"]);
    let report = ws.read_text("2024-Q2", "bao-cao.md");
    let line = report
        .lines()
        .find(|l| l.starts_with("- Có số liệu sai quy cách, chưa được sử dụng"))
        .unwrap_or_else(|| panic!("part III names the agency:\n{report}"));
    assert!(line.contains("Sở Tài chính"), "{line}");
}
