//! `baocao forms` through the real binary, and the form writer's fill round trip, read back with
//! calamine.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use baocao::contract::{self, GROWTH_HEADERS, MEASURE_HEADERS, TASK_HEADERS};
use baocao::forms::{CellValue, FormFill, GrowthFill, MeasureFill, TaskFill, write_form};
use baocao::period::Quarter;
use baocao::plan::{AgencyCode, Plan, load_plan, measure_code};
use calamine::Data;

mod prefill;

use crate::support::sheets::{Book, number, text};
use crate::support::workspace::{Run, Workspace, baocao, shipped_data};

/// The shipped 2024 plan, which must load without errors.
fn plan() -> Plan {
    let loaded = load_plan(&shipped_data(), 2024).expect("plan loads");
    assert!(!loaded.has_errors());
    loaded.plan
}

/// Runs `baocao forms --quarter 2024-Q2` on a copy of the shipped plan and asserts it succeeds.
fn run_forms() -> (Workspace, Run) {
    let ws = Workspace::plan_only();
    let run = ws.ok("forms", &["--quarter", "2024-Q2"]);
    (ws, run)
}

/// The folder the 2024-Q2 forms are written to.
fn forms_dir(ws: &Workspace) -> PathBuf {
    ws.quarter("2024-Q2").join("bieu-mau")
}

const Q2: Quarter = Quarter { year: 2024, number: 2 };

/// The header texts of a form that is not prefilled, in column order.
fn headers<C: contract::FormColumn>(h: &[(C, &'static str)]) -> Vec<String> {
    contract::form_headers(h, false).iter().map(|(_, t)| (*t).to_owned()).collect()
}

/// The raw XML of a sheet part, to see what calamine does not report (hidden rows).
fn sheet_xml(path: &Path, part: &str) -> String {
    let file = std::fs::File::open(path).expect("form opens");
    let mut zip = zip::ZipArchive::new(file).expect("form is a zip");
    let mut xml = String::new();
    zip.by_name(part).expect("sheet part").read_to_string(&mut xml).expect("utf-8");
    xml
}

#[test]
fn forms_command_writes_one_form_per_reporting_agency() {
    let plan = plan();
    let (ws, run) = run_forms();
    let stdout = &run.stdout;
    assert!(stdout.contains("Đã ghi 43 biểu mẫu quý II/2024"), "{stdout}");
    let dir = forms_dir(&ws);
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected: Vec<String> = plan.reporting_agencies().map(|a| format!("{}.xlsx", a.code)).collect();
    expected.sort();
    assert_eq!(files, expected);

    for agency in plan.reporting_agencies() {
        let path = dir.join(format!("{}.xlsx", agency.code));
        let book = Book::open(&path);
        let obligations = plan.obligations(&agency.code);
        let mut sheets = vec![contract::SHEET_INFO, contract::SHEET_MEASURES];
        if !obligations.sectors.is_empty() {
            sheets.push(contract::SHEET_GROWTH);
        }
        sheets.push(contract::SHEET_TASKS);
        assert_eq!(book.names, sheets, "{}", agency.code);
        check_info(&book, &plan, &agency.code);
        assert_eq!(book.row_texts(contract::SHEET_MEASURES, 0, 8), headers(&MEASURE_HEADERS));
        assert_eq!(book.row_texts(contract::SHEET_TASKS, 0, 7), headers(&TASK_HEADERS));
        let measure_codes: Vec<String> =
            obligations.measures.iter().map(|(_, m)| measure_code(m).to_owned()).collect();
        assert_eq!(book.codes(contract::SHEET_MEASURES), measure_codes, "{}", agency.code);
        let task_ids: Vec<String> = obligations.tasks.iter().map(|t| t.id.to_string()).collect();
        assert_eq!(book.codes(contract::SHEET_TASKS), task_ids, "{}", agency.code);
        if !obligations.sectors.is_empty() {
            assert_eq!(book.row_texts(contract::SHEET_GROWTH, 0, 7), headers(&GROWTH_HEADERS));
            let sectors: Vec<String> = obligations.sectors.iter().map(|s| s.code.to_string()).collect();
            assert_eq!(book.codes(contract::SHEET_GROWTH), sectors);
        }
        let xml = sheet_xml(&path, "xl/worksheets/sheet1.xml");
        assert!(
            xml.contains(r#"<row r="11" spans="1:3" hidden="1">"#),
            "{}: version row hidden",
            agency.code
        );
        assert!(
            xml.contains(r#"<row r="12" spans="1:3" hidden="1">"#),
            "{}: fingerprint row hidden",
            agency.code
        );
    }
}

/// `Thông tin`: labels in column A, values in column B, the quarter and deadline in words.
fn check_info(book: &Book, plan: &Plan, code: &AgencyCode) {
    let info = contract::SHEET_INFO;
    let value = |label: &str| {
        let row = book.find_row(info, label).unwrap_or_else(|| panic!("label `{label}`"));
        text(&book.sheet(info).get_value((row, 1)).cloned().unwrap_or(Data::Empty))
    };
    assert_eq!(value(contract::info::AGENCY_CODE), code.as_str());
    assert_eq!(value(contract::info::AGENCY_NAME), plan.agency(code).expect("agency").name);
    assert_eq!(value(contract::info::QUARTER), "2024-Q2");
    assert_eq!(text(&book.cell(info, "C6")), "quý II/2024 (số liệu lũy kế 6 tháng đầu năm 2024)");
    assert_eq!(value(contract::info::DEADLINE), "ngày 14 tháng 6 năm 2024");
    assert_eq!(value(contract::info::REPORT_DATE), "");
    assert_eq!(value(contract::info::FORM_VERSION), contract::FORM_VERSION);
    assert_eq!(value(contract::info::PLAN_FINGERPRINT), plan.fingerprint);
}

#[test]
fn target_cells_and_scenario_come_from_the_plan() {
    let (ws, _) = run_forms();
    let dir = forms_dir(&ws);
    let snn = Book::open(&dir.join("SNN.xlsx"));
    let m = contract::SHEET_MEASURES;
    let row = snn.find_row(m, "CT10").expect("CT10 row") + 1;
    assert_eq!(text(&snn.cell(m, &format!("C{row}"))), "triệu đồng/ha");
    assert_eq!(text(&snn.cell(m, &format!("D{row}"))), "138-140");
    let row = snn.find_row(m, "1.6.c-1").expect("task target row") + 1;
    assert_eq!(text(&snn.cell(m, &format!("B{row}"))), "[Nhiệm vụ 1.6.c] Tổng số sản phẩm OCOP của tỉnh");
    assert_eq!(text(&snn.cell(m, &format!("D{row}"))), "trên 350");
    let row = snn.find_row(contract::SHEET_GROWTH, "NLTS").expect("NLTS row") + 1;
    assert_eq!(number(&snn.cell(contract::SHEET_GROWTH, &format!("C{row}"))), Some(3.0), "6-month scenario");
    let stc = Book::open(&dir.join("STC.xlsx"));
    assert!(!stc.names.iter().any(|n| n == contract::SHEET_GROWTH), "no sector, no growth sheet");
    let row = stc.find_row(m, "CT05").expect("CT05") + 1;
    assert_eq!(text(&stc.cell(m, &format!("D{row}"))), "16.068");
    let tasks = contract::SHEET_TASKS;
    let row = stc.find_row(tasks, "III.1").expect("III.1") + 1;
    assert_eq!(text(&stc.cell(tasks, &format!("C{row}"))), "20/01/2024");
    let row = stc.find_row(tasks, "1.1").expect("1.1") + 1;
    assert_eq!(text(&stc.cell(tasks, &format!("C{row}"))), "Thường xuyên");
}

#[test]
fn a_unit_sees_its_own_share_of_a_summed_target_never_the_provinces_total() {
    // CT06 (103.580 tỷ đồng) is the sum of the ten districts' figures: a district's form shows
    // no target of its own unless the plan gives one (`unit-targets`).
    let ws = Workspace::plan_only();
    let target_of = |ws: &Workspace, agency: &str| {
        let book = Book::open(&forms_dir(ws).join(format!("{agency}.xlsx")));
        let m = contract::SHEET_MEASURES;
        let row = book.find_row(m, "CT06").expect("CT06 row") + 1;
        text(&book.cell(m, &format!("D{row}")))
    };
    ws.ok("forms", &["--quarter", "2024-Q2"]);
    assert_eq!(target_of(&ws, "H-LUCNAM"), "");
    ws.edit(
        "2024/indicators.yaml",
        "    aggregate: sum\n    source: \"https://beta.dangcongsan.vn/bac-giang-nam-2024-phan-dau-toc-do-tang-grdp-dat-14-5-post654494.html\"",
        "    aggregate: sum\n    unit-targets: {H-LUCNAM: {value: 9500}}\n    source: \"https://beta.dangcongsan.vn/bac-giang-nam-2024-phan-dau-toc-do-tang-grdp-dat-14-5-post654494.html\"",
    );
    ws.ok("forms", &["--quarter", "2024-Q2"]);
    assert_eq!(target_of(&ws, "H-LUCNAM"), "9.500");
    assert_eq!(target_of(&ws, "H-LUCNGAN"), "");
    // A share for an agency that does not report the measure is a plan error at its key.
    ws.edit(
        "2024/indicators.yaml",
        "unit-targets: {H-LUCNAM: {value: 9500}}",
        "unit-targets: {SCT: {value: 9500}}",
    );
    let run = ws.plan_cmd(&[]);
    assert!(!run.success());
    assert!(
        run.stderr.contains("unit-targets.SCT") || run.stdout.contains("unit-targets.SCT"),
        "{}{}",
        run.stdout,
        run.stderr
    );
}

#[test]
fn bare_target_label_drops_the_unit() {
    use baocao::plan::Target;
    assert_eq!(Target::Above(95.0).bare_label(), "trên 95");
    assert_eq!(Target::Range(138.0, 140.0).bare_label(), "138-140");
    assert_eq!(Target::Value(16068.0).bare_label(), "16.068");
    assert_eq!(Target::About(37.7).bare_label(), "khoảng 37,7");
}

#[test]
fn two_runs_give_identical_bytes() {
    let ((a, _), (b, _)) = (run_forms(), run_forms());
    let mut n = 0;
    for entry in std::fs::read_dir(forms_dir(&a)).expect("folder") {
        let name = entry.expect("entry").file_name();
        let left = std::fs::read(forms_dir(&a).join(&name)).expect("read");
        let right = std::fs::read(forms_dir(&b).join(&name)).expect("read");
        assert!(left == right, "{name:?} differs between runs");
        n += 1;
    }
    assert_eq!(n, 43);
}

/// A fill of Sở Nông nghiệp's form: numbers, text, a formula, a percent, a status.
fn filled_snn() -> FormFill {
    let text_of = |s: &str| Some(s.to_owned());
    FormFill {
        report_date: time::Date::from_calendar_date(2024, time::Month::June, 10).ok(),
        preparer: text_of("Nguyễn Thị Hằng"),
        phone: text_of("0204.3854.321"),
        measures: BTreeMap::from([
            (
                "CT10".to_owned(),
                MeasureFill {
                    same_period_last_year: Some(CellValue::Number(135.0)),
                    cumulative: Some(CellValue::Text("khoảng 30".to_owned())),
                    year_estimate: Some(CellValue::Formula("=ROUND(1390/10,1)".to_owned(), 139.0)),
                    note: text_of("Tính theo năm"),
                },
            ),
            (
                "CT16".to_owned(),
                MeasureFill {
                    cumulative: Some(CellValue::Percent(0.377)),
                    year_estimate: Some(CellValue::Text("37,7%".to_owned())),
                    ..MeasureFill::default()
                },
            ),
        ]),
        growth: BTreeMap::from([(
            "NLTS".to_owned(),
            GrowthFill {
                quarter: Some(CellValue::Number(1.5)),
                cumulative: Some(CellValue::Number(1.82)),
                year_update: Some(CellValue::Number(3.0)),
                note: text_of("Vải thiều giảm"),
            },
        )]),
        tasks: BTreeMap::from([(
            "1.6.c".to_owned(),
            TaskFill {
                status: text_of("Đang thực hiện"),
                progress: Some(CellValue::Number(40.0)),
                result: text_of("Đã công nhận 20 sản phẩm OCOP"),
                issues: text_of("Thiếu kinh phí"),
            },
        )]),
        agency_name: None,
    }
}

#[test]
fn filled_values_read_back_at_their_cells() {
    let plan = plan();
    let code = AgencyCode::from("SNN");
    let bytes = write_form(&plan, &code, Q2, Some(&filled_snn())).expect("form");
    let book = Book::from_bytes(&bytes);
    let info = contract::SHEET_INFO;
    assert_eq!(number(&book.cell(info, "B8")), Some(45453.0), "10/06/2024 as an Excel serial date");
    assert_eq!(text(&book.cell(info, "B9")), "Nguyễn Thị Hằng");
    assert_eq!(text(&book.cell(info, "B10")), "0204.3854.321");
    let m = contract::SHEET_MEASURES;
    let r = book.find_row(m, "CT10").expect("row") + 1;
    assert_eq!(book.cell(m, &format!("E{r}")), Data::Float(135.0));
    assert_eq!(book.cell(m, &format!("F{r}")), Data::String("khoảng 30".to_owned()));
    assert_eq!(book.cell(m, &format!("G{r}")), Data::Float(139.0), "cached formula result");
    assert_eq!(text(&book.cell(m, &format!("H{r}"))), "Tính theo năm");
    let r = book.find_row(m, "CT16").expect("row") + 1;
    assert_eq!(book.cell(m, &format!("E{r}")), Data::Empty);
    assert_eq!(book.cell(m, &format!("F{r}")), Data::Float(0.377));
    assert_eq!(book.cell(m, &format!("G{r}")), Data::String("37,7%".to_owned()));
    let g = contract::SHEET_GROWTH;
    let r = book.find_row(g, "NLTS").expect("row") + 1;
    let growth: Vec<Data> = ["D", "E", "F", "G"].iter().map(|c| book.cell(g, &format!("{c}{r}"))).collect();
    assert_eq!(
        growth,
        [Data::Float(1.5), Data::Float(1.82), Data::Float(3.0), Data::String("Vải thiều giảm".to_owned())]
    );
    let t = contract::SHEET_TASKS;
    let r = book.find_row(t, "1.6.c").expect("row") + 1;
    assert_eq!(book.cell(t, &format!("E{r}")), Data::Float(40.0), "Tiến độ (%)");
    let task: Vec<String> = ["D", "F", "G"].iter().map(|c| text(&book.cell(t, &format!("{c}{r}")))).collect();
    assert_eq!(task, ["Đang thực hiện", "Đã công nhận 20 sản phẩm OCOP", "Thiếu kinh phí"]);
    let r = book.find_row(t, "1.1").expect("row") + 1;
    assert_eq!(book.cell(t, &format!("D{r}")), Data::Empty, "unfilled input stays blank");
}

#[test]
fn unknown_agency_is_an_error() {
    let err = write_form(&plan(), &AgencyCode::from("KHONG-CO"), Q2, None).expect_err("unknown agency");
    assert_eq!(err.to_string(), "không có cơ quan `KHONG-CO` trong kế hoạch");
}

#[test]
fn bad_quarter_is_a_usage_error() {
    let run = baocao(&["forms", "--quarter", "2024-Q9"]);
    assert_eq!(run.code, 2);
    let stderr = &run.stderr;
    assert!(stderr.contains("giá trị `2024-Q9` không hợp lệ cho --quarter"), "{stderr}");
    assert!(stderr.contains("quý không hợp lệ"), "{stderr}");
}

#[test]
fn invalid_plan_exits_1_without_writing() {
    let ws = Workspace::plan_only();
    let agencies = ws.data().join("plan/2024/agencies.yaml");
    let yaml = std::fs::read_to_string(&agencies).expect("read").replace("reports: false", "reports: maybe");
    ws.write("plan/2024/agencies.yaml", yaml.as_bytes());
    let run = ws.run("forms", &["--quarter", "2024-Q2"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("kế hoạch năm 2024"));
    assert!(!ws.out().exists(), "nothing written");
}
