//! Round trip: the real forms, filled programmatically for every agency, go through `baocao
//! check`; every value comes back equal, with the cell it was written to.

use std::collections::BTreeMap;

use baocao::contract::{SHEET_GROWTH, SHEET_MEASURES, SHEET_TASKS};
use baocao::forms::{CellValue, FormFill, GrowthFill, MeasureFill, TaskFill, write_form};
use baocao::period::Quarter;
use baocao::plan::{Deadline, Plan};
use serde_json::Value;

use crate::support::sheets::Book;
use crate::support::workspace::Workspace;

/// A value for cell `k` of agency `a`: distinct, positive, below 100 (valid for every unit).
fn value(a: usize, k: usize) -> f64 {
    ((a * 7 + k * 3) % 90) as f64 + 1.25
}

/// A complete fill of `code`'s form: every measure, sector and task, with distinct values.
fn fill(plan: &Plan, agency_index: usize, code: &baocao::plan::AgencyCode, q: Quarter) -> FormFill {
    let ob = plan.obligations(code);
    let mut fill = FormFill {
        report_date: Some(q.deadline(9)),
        preparer: Some("Trần Thị B".into()),
        ..FormFill::default()
    };
    for (k, (_, m)) in ob.measures.iter().enumerate() {
        fill.measures.insert(
            m.code.as_ref().map(|c| c.0.clone()).unwrap_or_default(),
            MeasureFill {
                same_period_last_year: Some(CellValue::Number(value(agency_index, 3 * k))),
                cumulative: Some(CellValue::Number(value(agency_index, 3 * k + 1))),
                year_estimate: Some(CellValue::Number(value(agency_index, 3 * k + 2))),
                note: Some(format!("Ghi chú {code} {k}")),
            },
        );
    }
    for (k, s) in ob.sectors.iter().enumerate() {
        fill.growth.insert(
            s.code.0.clone(),
            GrowthFill {
                quarter: Some(CellValue::Number(value(agency_index, 100 + k))),
                cumulative: Some(CellValue::Number(value(agency_index, 200 + k))),
                year_update: Some(CellValue::Number(value(agency_index, 300 + k))),
                note: None,
            },
        );
    }
    for t in &ob.tasks {
        let status =
            if t.deadline == Some(Deadline::Continuous) { "Thường xuyên" } else { "Đang thực hiện" };
        fill.tasks.insert(
            t.id.0.clone(),
            TaskFill {
                status: Some(status.into()),
                progress: None,
                result: Some(format!("Kết quả của {code} cho nhiệm vụ {}", t.id)),
                issues: None,
            },
        );
    }
    fill
}

/// The A1 cell of `code`'s row in `column` (a letter) of a written form.
fn cell(book: &Book, sheet: &str, code: &str, column: char) -> String {
    let row = book.find_row(sheet, code).unwrap_or_else(|| panic!("{code} in {sheet}")) + 1;
    format!("{column}{row}")
}

/// Asserts a reported number and the file, sheet and cell it was read from.
#[track_caller]
fn assert_number(reported: &Value, expected: f64, file: &str, sheet: &str, cell: &str) {
    assert_eq!(reported["value"].as_f64(), Some(expected), "{file} {sheet}!{cell}: {reported}");
    assert_eq!(reported["source"]["file"], file);
    assert_eq!(reported["source"]["sheet"], sheet);
    assert_eq!(reported["source"]["cell"], cell, "{file}: {reported}");
}

#[test]
fn every_filled_value_comes_back_with_its_cell() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let q = Quarter::new(2024, 2).expect("a quarter");
    let mut written: BTreeMap<String, (usize, FormFill, Book)> = BTreeMap::new();
    for (i, a) in plan.reporting_agencies().enumerate() {
        let f = fill(&plan, i, &a.code, q);
        let bytes = write_form(&plan, &a.code, q, Some(&f)).expect("a form");
        ws.submit(&format!("{}.xlsx", a.code), &bytes);
        written.insert(a.code.to_string(), (i, f, Book::from_bytes(&bytes)));
    }
    let run = ws.check(&["-q", "--strict"]);
    assert!(run.success(), "no finding at all: {}", run.stderr);
    let json: Value = ws.json();
    let mut checked = 0;
    for a in json["agencies"].as_array().expect("agencies") {
        let code = a["agency"].as_str().expect("a code");
        let (_, f, book) = &written[code];
        let file = format!("{code}.xlsx");
        assert_eq!(a["status"], "on-time", "{code}");
        let sub = &a["submission"];
        for m in sub["measures"].as_array().expect("measures") {
            let mc = m["code"].as_str().expect("a code");
            let expected = &f.measures[mc];
            for (key, col, cv) in [
                ("same_period_last_year", 'E', &expected.same_period_last_year),
                ("cumulative", 'F', &expected.cumulative),
                ("year_estimate", 'G', &expected.year_estimate),
            ] {
                let Some(CellValue::Number(v)) = cv else { panic!("a number") };
                assert_number(&m[key], *v, &file, SHEET_MEASURES, &cell(book, SHEET_MEASURES, mc, col));
                checked += 1;
            }
            assert_eq!(m["note"], expected.note.clone().unwrap_or_default().as_str());
        }
        assert_eq!(
            sub["measures"].as_array().map(Vec::len),
            Some(f.measures.len()),
            "{code}: every measure row"
        );
        for g in sub["growth"].as_array().expect("growth") {
            let sc = g["sector"].as_str().expect("a code");
            let expected = &f.growth[sc];
            for (key, col, cv) in [
                ("quarter", 'D', &expected.quarter),
                ("cumulative", 'E', &expected.cumulative),
                ("year_update", 'F', &expected.year_update),
            ] {
                let Some(CellValue::Number(v)) = cv else { panic!("a number") };
                assert_number(&g[key], *v, &file, SHEET_GROWTH, &cell(book, SHEET_GROWTH, sc, col));
                checked += 1;
            }
        }
        assert_eq!(sub["growth"].as_array().map(Vec::len), Some(f.growth.len()), "{code}: every sector row");
        for t in sub["tasks"].as_array().expect("tasks") {
            let id = t["task"].as_str().expect("an id");
            let expected = &f.tasks[id];
            assert_eq!(t["result"], expected.result.clone().unwrap_or_default().as_str(), "{code} {id}");
            assert_eq!(t["status_source"]["cell"], cell(book, SHEET_TASKS, id, 'D'), "{code} {id}");
            checked += 1;
        }
        assert_eq!(sub["tasks"].as_array().map(Vec::len), Some(f.tasks.len()), "{code}: every task row");
    }
    assert!(checked > 1000, "the round trip covers the whole plan ({checked} values)");
}
