//! Prefilled forms (issue 14, part 5): a form of quarters 2–4 shows, locked, the agency's own
//! figures and task statuses of the previous quarter, from the archive or that quarter's
//! submissions; a submission of such a form reads exactly as one of the plain form.

use std::path::Path;

use baocao::collect::{self, Intake};
use baocao::consolidate::Earlier;
use baocao::contract::{
    self, GROWTH_HEADERS, GrowthColumn, MEASURE_HEADERS, MeasureColumn, TASK_HEADERS, TaskColumn,
};
use baocao::forms::{write_form, write_prefilled_form};
use baocao::period::Quarter;
use baocao::plan::{AgencyCode, MeasureCode, Plan, SectorCode, TaskId};
use calamine::Data;
use serde_json::Value;

use super::{Q2, filled_snn, headers, plan, sheet_xml};
use crate::support::sheets::{Book, text};
use crate::support::workspace::{Workspace, shipped_data};

const Q1: Quarter = Quarter { year: 2024, number: 1 };
const Q3: Quarter = Quarter { year: 2024, number: 3 };

/// The header text of a column kind.
fn header<C: PartialEq>(h: &[(C, &'static str)], which: C) -> &'static str {
    h.iter().find(|(c, _)| *c == which).map(|(_, t)| *t).expect("a header")
}

/// The accepted submissions of `quarter` in `data`, read by the library.
fn intake(plan: &Plan, data: &Path, quarter: Quarter) -> Intake {
    collect::run_intake(plan, data, quarter, quarter.deadline(plan.info.submission_day)).expect("intake")
}

/// The 0-based column whose row-1 header is `header`.
fn column(book: &Book, sheet: &str, header: &str) -> u32 {
    let texts = book.row_texts(sheet, 0, 12);
    let i = texts.iter().position(|t| t == header).unwrap_or_else(|| panic!("{sheet}: no `{header}`"));
    u32::try_from(i).expect("a column")
}

/// `F7` for 0-based (row, col) within A–Z.
fn a1(row: u32, col: u32) -> String {
    format!("{}{}", char::from(b'A' + u8::try_from(col).expect("within A–Z")), row + 1)
}

/// The xlsx part of a sheet: `Thông tin` is sheet1, then the others in order.
fn part(book: &Book, sheet: &str) -> String {
    let i = book.names.iter().position(|n| n == sheet).expect("sheet");
    format!("xl/worksheets/sheet{}.xml", i + 1)
}

/// Whether the cell is locked on a protected sheet: its cell format has no `locked="0"`.
fn locked(path: &Path, part: &str, a1: &str) -> bool {
    let sheet = sheet_xml(path, part);
    assert!(sheet.contains("<sheetProtection"), "{part} is protected");
    let start = sheet.find(&format!("<c r=\"{a1}\"")).unwrap_or_else(|| panic!("no cell {a1} in {part}"));
    let tag = &sheet[start..start + sheet[start..].find('>').expect("end of tag")];
    let style: usize = tag
        .split(" s=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map_or(0, |s| s.parse().expect("a style index"));
    let styles = sheet_xml(path, "xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs").expect("cellXfs")..];
    let xfs = &xfs[..xfs.find("</cellXfs>").expect("end of cellXfs")];
    let xf = xfs.split("<xf ").nth(style + 1).expect("the cell's xf");
    !xf.contains("locked=\"0\"")
}

/// A previous figure as the form shows it: its number, or `Data::Empty`.
fn figure(v: Option<&baocao::consolidate::EarlierValue>) -> Data {
    v.map_or(Data::Empty, |v| Data::Float(v.value))
}

/// Checks every form in `dir` against `earlier`: each row's previous-quarter cells hold the
/// agency's own figures (blank when it sent none) and are locked, beside unlocked inputs.
/// Returns how many figures and statuses were shown.
fn check_prefilled(dir: &Path, plan: &Plan, earlier: &Earlier) -> usize {
    use GrowthColumn as G;
    use MeasureColumn as M;
    use TaskColumn as T;
    let mut shown = 0;
    for agency in plan.reporting_agencies() {
        let code = &agency.code;
        let path = dir.join(format!("{code}.xlsx"));
        let book = Book::open(&path);
        let ob = plan.obligations(code);

        let m = contract::SHEET_MEASURES;
        assert_eq!(book.row_texts(m, 0, 10), headers_all(&MEASURE_HEADERS), "{code}");
        let (cum, est) = (
            column(&book, m, header(&MEASURE_HEADERS, M::PreviousCumulative)),
            column(&book, m, header(&MEASURE_HEADERS, M::PreviousEstimate)),
        );
        let input = column(&book, m, header(&MEASURE_HEADERS, M::Cumulative));
        for (_, measure) in &ob.measures {
            let mc = MeasureCode::from(baocao::plan::measure_code(measure));
            let row = book.find_row(m, mc.as_str()).expect("measure row");
            let (c, e) = (earlier.measure(code, &mc), earlier.estimate(code, &mc));
            assert_eq!(book.cell(m, &a1(row, cum)), figure(c), "{code} {mc} previous cumulative");
            assert_eq!(book.cell(m, &a1(row, est)), figure(e), "{code} {mc} previous estimate");
            shown += usize::from(c.is_some()) + usize::from(e.is_some());
        }
        if !ob.measures.is_empty() {
            let p = part(&book, m);
            assert!(locked(&path, &p, &a1(1, cum)) && locked(&path, &p, &a1(1, est)), "{code}: locked");
            assert!(!locked(&path, &p, &a1(1, input)), "{code}: the input beside stays open");
        }

        if !ob.sectors.is_empty() {
            let g = contract::SHEET_GROWTH;
            assert_eq!(book.row_texts(g, 0, 8), headers_all(&GROWTH_HEADERS), "{code}");
            let col = column(&book, g, header(&GROWTH_HEADERS, G::PreviousCumulative));
            for s in &ob.sectors {
                let row = book.find_row(g, s.code.as_str()).expect("sector row");
                let before = earlier.sector(code, &SectorCode::from(s.code.as_str()));
                assert_eq!(book.cell(g, &a1(row, col)), figure(before), "{code} {}", s.code);
                shown += usize::from(before.is_some());
            }
            assert!(locked(&path, &part(&book, g), &a1(1, col)), "{code}: growth locked");
        }

        let t = contract::SHEET_TASKS;
        assert_eq!(book.row_texts(t, 0, 8), headers_all(&TASK_HEADERS), "{code}");
        let col = column(&book, t, header(&TASK_HEADERS, T::PreviousStatus));
        for task in &ob.tasks {
            let row = book.find_row(t, task.id.as_str()).expect("task row");
            let before = earlier.task(code, &TaskId::from(task.id.as_str()));
            let expected = before
                .map(|(kind, _)| {
                    plan.statuses.label_of(*kind).map_or_else(|| kind.meaning().to_owned(), str::to_owned)
                })
                .unwrap_or_default();
            assert_eq!(text(&book.cell(t, &a1(row, col))), expected, "{code} {}", task.id);
            shown += usize::from(before.is_some());
        }
        if !ob.tasks.is_empty() {
            assert!(locked(&path, &part(&book, t), &a1(1, col)), "{code}: status locked");
        }
    }
    shown
}

/// Every header of a prefilled form, in order.
fn headers_all<C: Copy>(h: &[(C, &'static str)]) -> Vec<String> {
    h.iter().map(|(_, t)| (*t).to_owned()).collect()
}

#[test]
fn q3_forms_carry_q2_figures_locked() {
    let plan = plan();
    let ws = Workspace::sample();
    let run = ws.ok("forms", &["--quarter", "2024-Q3"]);
    assert!(
        run.stdout.contains("Số liệu quý trước ghi sẵn: quý II/2024 theo các báo cáo đã nhận"),
        "{}",
        run.stdout
    );
    let dir = ws.quarter("2024-Q3").join("bieu-mau");
    let earlier = Earlier::from_intake(&intake(&plan, &ws.data(), Q2));
    assert!(check_prefilled(&dir, &plan, &earlier) > 100, "most agencies reported quý II");

    // The figures are those at the cells of the quý II submissions, read here on their own.
    let subs = ws.data().join("submissions/2024-Q2");
    let mut compared = 0;
    for ((agency, code), v) in &earlier.measures {
        let Ok(source) = std::panic::catch_unwind(|| Book::open(&subs.join(&v.cell.file))) else { continue };
        let Data::Float(raw) = source.cell(&v.cell.sheet, &v.cell.cell) else { continue };
        if raw != v.value {
            continue; // a percent-formatted fraction (0.377 for 37,7%)
        }
        let book = Book::open(&dir.join(format!("{agency}.xlsx")));
        let m = contract::SHEET_MEASURES;
        let row = book.find_row(m, code.as_str()).expect("row");
        let col = column(&book, m, header(&MEASURE_HEADERS, MeasureColumn::PreviousCumulative));
        assert_eq!(book.cell(m, &a1(row, col)), Data::Float(raw), "{agency} {code} from {}", v.cell.a1());
        compared += 1;
    }
    assert!(compared > 20, "{compared} figures compared with their quý II cells");

    // Still byte-for-byte reproducible.
    let first = std::fs::read(dir.join("SNN.xlsx")).expect("read");
    ws.ok("forms", &["--quarter", "2024-Q3"]);
    assert!(first == std::fs::read(dir.join("SNN.xlsx")).expect("read"), "same bytes on a second run");
}

#[test]
fn q2_forms_carry_the_archived_q1_figures() {
    let plan = plan();
    let ws = Workspace::sample();
    let from_submissions = Earlier::from_intake(&intake(&plan, &ws.data(), Q1));
    // Archived by this build, not the shipped package (made by an earlier version of the
    // templates: a record, whatever the templates are now).
    std::fs::remove_dir_all(ws.data().join("archive")).expect("the shipped archive removed");
    ws.ok("package", &["--quarter", "2024-Q1", "--archive", "-q"]);
    std::fs::remove_dir_all(ws.data().join("submissions/2024-Q1")).expect("removed");
    let run = ws.ok("forms", &["--quarter", "2024-Q2"]);
    assert!(
        run.stdout.contains(
            "Số liệu quý trước ghi sẵn: quý I/2024 theo gói đã lưu archive/goi-bao-cao-2024-Q1.zip"
        ),
        "{}",
        run.stdout
    );
    let (earlier, _) = baocao::history::read_earlier(&ws.data(), Q1).expect("intact").expect("archived");
    // The archive records quý I's submissions (it may add a merged task target's figure too).
    for (key, v) in &from_submissions.measures {
        assert_eq!(earlier.measures.get(key).map(|a| a.value), Some(v.value), "{key:?}");
    }
    let dir = ws.quarter("2024-Q2").join("bieu-mau");
    assert!(check_prefilled(&dir, &plan, &earlier) > 100);
    // Sở VHTT&DL reported 1.7.a done in quý I: its quý II form says so beside the new status.
    let book = Book::open(&dir.join("SVHTTDL.xlsx"));
    let t = contract::SHEET_TASKS;
    let row = book.find_row(t, "1.7.a").expect("1.7.a");
    let col = column(&book, t, header(&TASK_HEADERS, TaskColumn::PreviousStatus));
    let done = plan.statuses.label_of(contract::ReportedStatus::DoneOnTime).expect("a done label");
    assert_eq!(text(&book.cell(t, &a1(row, col))), done);
    let info = contract::SHEET_INFO;
    let lines: Vec<String> = (12..24).map(|r| text(&book.cell(info, &format!("A{r}")))).collect();
    assert!(
        lines.iter().any(|l| l.contains("quý trước (đã báo cáo)") && l.contains("quý I/2024")),
        "{lines:?}"
    );
}

#[test]
fn without_usable_previous_figures_the_forms_are_plain() {
    let ws = Workspace::sample();
    // Quý I has no previous quarter in the year.
    let run = ws.ok("forms", &["--quarter", "2024-Q1"]);
    assert!(run.stdout.contains("Số liệu quý trước: không có (quý I/2024 là quý đầu năm)"), "{}", run.stdout);
    let book = Book::open(&ws.quarter("2024-Q1").join("bieu-mau/SNN.xlsx"));
    assert_eq!(book.row_texts(contract::SHEET_MEASURES, 0, 8), headers(&MEASURE_HEADERS));
    // An archived quý I package that is not intact: named on stderr, forms written plain.
    ws.write("archive/goi-bao-cao-2024-Q1.zip", b"not a package");
    let run = ws.ok("forms", &["--quarter", "2024-Q2"]);
    assert!(run.stderr.contains("Không dùng gói đã lưu archive/goi-bao-cao-2024-Q1.zip"), "{}", run.stderr);
    assert!(run.stdout.contains("Số liệu quý trước: không có"), "{}", run.stdout);
    let book = Book::open(&ws.quarter("2024-Q2").join("bieu-mau/SNN.xlsx"));
    assert_eq!(book.row_texts(contract::SHEET_MEASURES, 0, 8), headers(&MEASURE_HEADERS));
    assert_eq!(book.row_texts(contract::SHEET_TASKS, 0, 7), headers(&TASK_HEADERS));
}

/// An intake's submissions as JSON without the cells values were read from (columns differ).
fn figures_read(intake: &Intake) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.retain(|k, _| k != "source" && k != "status_source");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(intake.submissions().collect::<Vec<_>>()).expect("json");
    strip(&mut v);
    v
}

#[test]
fn a_submission_of_a_prefilled_form_reads_as_one_of_the_plain_form() {
    let plan = plan();
    let code = AgencyCode::from("SNN");
    let fill = filled_snn();
    let q1 = Earlier::from_intake(&intake(&plan, &shipped_data(), Q1));
    let plain = write_form(&plan, &code, Q2, Some(&fill)).expect("plain form");
    let prefilled = write_prefilled_form(&plan, &code, Q2, Some(&fill), Some(&q1)).expect("prefilled form");
    assert_ne!(plain, prefilled);
    // Figures of another quarter than the previous one are not shown.
    let q3 = write_prefilled_form(&plan, &code, Q3, Some(&fill), Some(&q1)).expect("form");
    assert_eq!(q3, write_form(&plan, &code, Q3, Some(&fill)).expect("form"));

    let read = |bytes: &[u8]| {
        let ws = Workspace::plan_only();
        ws.write("submissions/2024-Q2/SNN.xlsx", bytes);
        let intake = intake(&plan, &ws.data(), Q2);
        let findings: Vec<String> =
            intake.files.iter().flat_map(|f| &f.findings).map(|f| f.code.to_string()).collect();
        (figures_read(&intake), findings)
    };
    let (from_plain, plain_findings) = read(&plain);
    let (from_prefilled, prefilled_findings) = read(&prefilled);
    assert_eq!(from_prefilled, from_plain);
    assert_eq!(prefilled_findings, plain_findings);
    let measures = &from_prefilled[0]["measures"];
    let ct10 = measures.as_array().expect("rows").iter().find(|r| r["code"] == "CT10").expect("CT10");
    assert_eq!(ct10["year_estimate"]["value"], 139.0, "the input, not the previous estimate beside it");
}
