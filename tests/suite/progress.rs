//! The optional `Tiến độ (%)` column of the task sheet end to end: read from the form, carried
//! to `tong-hop.json` and Phụ lục 3 (Markdown and PDF); a bad cell is a warning at its cell while
//! the row still counts; a form from before the column is read as before.

use baocao::contract::SHEET_TASKS;
use serde_json::Value as Json;

use crate::intake::{agency, codes, file, finding};
use crate::support::form::{Form, W, t};
use crate::support::pdf::pdf_text;
use crate::support::workspace::{QUARTER, Workspace};

const PROGRESS: &str = "Tiến độ (%)";
/// Sở TN&MT leads 4.1.a–4.1.e alone, each due by the end of 2024.
const AGENCY: &str = "STNMT";

/// The 1-based sheet row of a task in a [`Form`]: title row, blank row, header in row 3.
fn form_row(form: &Form, id: &str) -> usize {
    let sheet = form.sheets.iter().find(|s| s.name == SHEET_TASKS).expect("the task sheet");
    let rows = &sheet.rows;
    4 + rows.iter().position(|r| matches!(&r.code, W::Text(c) if c == id)).expect("the task's row")
}

/// The consolidated assignee of task `id` in `tong-hop.json`.
fn assignee<'j>(summary: &'j Json, id: &str) -> &'j Json {
    let task = summary["tasks"].as_array().and_then(|t| t.iter().find(|t| t["id"] == id));
    &task.unwrap_or_else(|| panic!("task {id}"))["assignees"][0]
}

/// The `Tiến độ` cell of task `id` in `phu-luc-3.md`.
fn md_progress(md: &str, id: &str) -> String {
    let header = md.lines().find(|l| l.starts_with("| Mã |")).expect("the task table");
    let column = header.split('|').position(|c| c.trim() == "Tiến độ").expect("a Tiến độ column");
    let line = md.lines().find(|l| l.starts_with(&format!("| {id} |"))).expect("the task's row");
    line.split('|').nth(column).expect("the cell").trim().replace('\\', "")
}

/// The PDF text of task `id`'s row: from its code to the next task's code.
fn pdf_row<'t>(text: &'t str, id: &str, next: &str) -> &'t str {
    let from = text.find(&format!("\n{id}\n")).or_else(|| text.find(id)).expect("the task's row");
    let to = text[from + id.len()..].find(next).map_or(text.len(), |i| from + id.len() + i);
    &text[from..to]
}

#[test]
fn progress_typed_in_the_form_is_shown_in_phu_luc_3() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let mut form = Form::valid(&plan, AGENCY);
    let tasks = form.sheet(SHEET_TASKS);
    tasks.row("4.1.a").set(PROGRESS, W::Num(75.0));
    tasks.row("4.1.b").set(PROGRESS, t("60%"));
    tasks.row("4.1.c").set(PROGRESS, W::Pct(0.8));
    // An estimate written in the result text is the agency's prose, never read as progress.
    tasks.row("4.1.d").set("Kết quả thực hiện", t("Đang triển khai; ước hoàn thành khoảng 79% khối lượng."));
    tasks.row("4.1.e").set("Tình trạng", t("Hoàn thành đúng hạn"));
    ws.submit(&format!("{AGENCY}.xlsx"), &form.xlsx());
    ws.ok("build", &["--quarter", QUARTER, "-q"]);

    let json = ws.json();
    let f = file(&json, &format!("{AGENCY}.xlsx"));
    assert_eq!(f["status"]["kind"], "accepted", "{f}");
    assert!(!codes(f).iter().any(|c| c == "tien-do-khong-hop-le"), "{f}");
    let summary: Json = serde_json::from_slice(&ws.read(QUARTER, "tong-hop.json")).expect("tong-hop.json");
    let progress = |id: &str| assignee(&summary, id)["progress"]["value"].as_f64();
    assert_eq!(progress("4.1.a"), Some(75.0));
    assert_eq!(progress("4.1.b"), Some(60.0));
    assert_eq!(progress("4.1.c"), Some(80.0));
    assert_eq!(progress("4.1.d"), None, "not parsed from the result text");
    assert_eq!(
        assignee(&summary, "4.1.a")["progress"]["source"]["cell"],
        format!("E{}", form_row(&form, "4.1.a"))
    );

    let md = ws.read_text(QUARTER, "phu-luc-3.md");
    let shown: Vec<String> =
        ["4.1.a", "4.1.b", "4.1.c", "4.1.d", "4.1.e"].iter().map(|id| md_progress(&md, id)).collect();
    // Done with no progress typed counts as 100%; in progress with none typed is a dash.
    assert_eq!(shown, ["75%", "60%", "80%", "-", "100%"]);

    let pdf = pdf_text(&ws.read(QUARTER, "phu-luc-3.pdf"));
    for (id, next, want) in [("4.1.a", "4.1.b", "75%"), ("4.1.b", "4.1.c", "60%"), ("4.1.c", "4.1.d", "80%")]
    {
        let row = pdf_row(&pdf, id, next);
        assert!(row.contains(want), "{id} shows {want} in phu-luc-3.pdf:\n{row}");
    }
    assert!(!pdf_row(&pdf, "4.1.d", "4.1.e").contains("79%\n"), "no progress guessed from the text");
}

#[test]
fn a_bad_progress_cell_is_named_and_its_row_still_counts() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let mut form = Form::valid(&plan, AGENCY);
    let tasks = form.sheet(SHEET_TASKS);
    tasks.row("4.1.a").set(PROGRESS, t("gần xong"));
    tasks.row("4.1.b").set(PROGRESS, W::Num(120.0));
    tasks.row("4.1.c").set(PROGRESS, t("75,5"));
    ws.submit(&format!("{AGENCY}.xlsx"), &form.xlsx());
    let json = ws.check_ok();
    let f = file(&json, &format!("{AGENCY}.xlsx"));
    assert_eq!(f["status"]["kind"], "accepted", "{f}");
    let bad: Vec<&Json> = f["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|x| x["code"] == "tien-do-khong-hop-le")
        .collect();
    let cells: Vec<String> = bad
        .iter()
        .map(|x| format!("{}!{}", x["sheet"].as_str().unwrap_or(""), x["cell"].as_str().unwrap_or("")))
        .collect();
    let row = |id: &str| form_row(&form, id);
    assert_eq!(cells, [format!("Nhiệm vụ!E{}", row("4.1.a")), format!("Nhiệm vụ!E{}", row("4.1.b"))]);
    let first = finding(f, "tien-do-khong-hop-le");
    assert_eq!(first["value"], "gần xong");
    assert_eq!(first["level"], "warning");
    assert!(first["message"].as_str().unwrap_or("").contains("từ 0 đến 100"), "{first}");
    let rows = agency(&json, AGENCY)["submission"]["tasks"].as_array().expect("tasks").clone();
    let task =
        |id: &str| rows.iter().find(|r| r["task"] == id).cloned().unwrap_or_else(|| panic!("{id} used"));
    for id in ["4.1.a", "4.1.b"] {
        let r = task(id);
        assert_eq!(r["status"], "in-progress", "the row's status is still used: {r}");
        assert_eq!(r["result"], "Đang triển khai theo kế hoạch", "{r}");
        assert!(r["progress"].is_null(), "{r}");
    }
    assert_eq!(task("4.1.c")["progress"]["value"], 75.5);
}

#[test]
fn a_form_without_the_progress_column_is_accepted() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let mut form = Form::valid(&plan, AGENCY);
    let tasks = form.sheet(SHEET_TASKS);
    tasks.headers.retain(|h| h != PROGRESS);
    ws.submit(&format!("{AGENCY}.xlsx"), &form.xlsx());
    ws.ok("build", &["--quarter", QUARTER, "-q"]);
    let json = ws.json();
    let f = file(&json, &format!("{AGENCY}.xlsx"));
    assert_eq!(f["status"]["kind"], "accepted", "{f}");
    assert!(codes(f).is_empty(), "no finding about the missing column: {f}");
    let rows = agency(&json, AGENCY)["submission"]["tasks"].as_array().expect("tasks").clone();
    assert_eq!(rows.len(), plan.obligations(&AGENCY.into()).tasks.len(), "every task row read");
    assert!(rows.iter().all(|r| r["status"] == "in-progress" && r["progress"].is_null()));
    assert_eq!(md_progress(&ws.read_text(QUARTER, "phu-luc-3.md"), "4.1.a"), "-");
}
