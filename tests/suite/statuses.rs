//! The plan's task-status vocabulary (`statuses:` in `tasks.yaml`) end to end: the form's
//! dropdown offers its labels, intake reads its other spellings and names the cell of a status
//! outside it, and the report counts a task submitted for approval as such.

use std::io::Read;

use baocao::forms::{FormFill, TaskFill, write_form};
use baocao::period::Quarter;
use baocao::plan::{AgencyCode, Plan};
use serde_json::Value as Json;

use crate::intake::{agency, file, finding};
use crate::support::workspace::Workspace;

const Q2: Quarter = Quarter { year: 2024, number: 2 };

/// The shipped plan's dropdown labels, in plan order.
const LABELS: [&str; 6] = [
    "Hoàn thành đúng hạn",
    "Hoàn thành quá hạn",
    "Đã trình cấp có thẩm quyền",
    "Đang thực hiện",
    "Chưa thực hiện",
    "Thường xuyên",
];

/// The `formula1` of every list validation in a workbook's sheets.
fn dropdowns(xlsx: &[u8]) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("xlsx is a zip");
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("part");
        if !part.name().is_ok_and(|n| n.starts_with("xl/worksheets/sheet")) {
            continue;
        }
        let mut xml = String::new();
        part.read_to_string(&mut xml).expect("utf-8");
        for part in xml.split("<dataValidation ").skip(1).filter(|p| p.starts_with("type=\"list\"")) {
            let formula = part.split("<formula1>").nth(1).and_then(|f| f.split("</formula1>").next());
            out.push(formula.unwrap_or_default().to_owned());
        }
    }
    out
}

/// The row (1-based) of a task in the agency's form: the header is row 1, tasks follow in
/// obligation order.
fn form_row(plan: &Plan, agency: &AgencyCode, task: &str) -> usize {
    let tasks = plan.obligations(agency).tasks;
    tasks.iter().position(|t| t.id.as_str() == task).expect("the agency's task") + 2
}

/// The consolidated task `id` of `tong-hop.json`.
fn task<'j>(json: &'j Json, id: &str) -> &'j Json {
    json["tasks"].as_array().and_then(|t| t.iter().find(|t| t["id"] == id)).expect("task")
}

#[test]
fn the_form_dropdown_offers_the_plan_labels_in_order() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    assert_eq!(plan.statuses.labels().collect::<Vec<_>>(), LABELS);
    let form = write_form(&plan, &AgencyCode::from("STNMT"), Q2, None).expect("a form");
    assert_eq!(dropdowns(&form), [format!("\"{}\"", LABELS.join(","))]);
    // A plan without `statuses:` keeps the five labels forms always had.
    let old = Workspace::plan_fixture(None);
    let labels: Vec<String> = old.plan().statuses.labels().map(str::to_owned).collect();
    assert_eq!(
        labels,
        ["Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện", "Chưa thực hiện", "Thường xuyên"]
    );
}

#[test]
fn submitted_is_read_and_counted_and_an_unknown_status_is_named_at_its_cell() {
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let code = AgencyCode::from("STNMT");
    // 4.1.b and 4.1.c are led by Sở TN&MT alone and due by the end of 2024.
    let mut fill = FormFill { report_date: Q2.deadline(10).into(), ..FormFill::default() };
    for t in plan.obligations(&code).tasks {
        let row = TaskFill {
            status: Some("Đang thực hiện".into()),
            progress: None,
            result: Some(format!("Kết quả {}", t.id)),
            issues: None,
        };
        fill.tasks.insert(t.id.to_string(), row);
    }
    let set = |fill: &mut FormFill, id: &str, status: &str| {
        fill.tasks.get_mut(id).expect("task").status = Some(status.to_owned());
    };
    // The action programme (III.1, due 20/01) is done, so no task of the agency is overdue.
    set(&mut fill, "III.1", "Hoàn thành đúng hạn");
    set(&mut fill, "4.1.b", "Đã trình UBND tỉnh");
    set(&mut fill, "4.1.k", "đã hoàn thành,  đang chờ phê duyệt.");
    set(&mut fill, "4.1.c", "Sắp trình UBND tỉnh");
    ws.submit("STNMT.xlsx", &write_form(&plan, &code, Q2, Some(&fill)).expect("a form"));
    ws.ok("build", &["--quarter", "2024-Q2", "-q"]);

    // Intake: the file is used; the unknown status is an error at its cell, listing the labels.
    let intake = ws.json();
    let f = file(&intake, "STNMT.xlsx");
    assert_eq!(f["status"]["kind"], "accepted", "{f}");
    let e = finding(f, "tinh-trang-khong-hop-le");
    assert_eq!(e["level"], "error");
    assert_eq!(e["value"], "Sắp trình UBND tỉnh");
    assert_eq!(e["sheet"], "Nhiệm vụ");
    let cell = format!("D{}", form_row(&plan, &code, "4.1.c"));
    assert_eq!(e["cell"], cell.as_str(), "{e}");
    assert_eq!(e["fix"], format!("chọn một trong các giá trị: {}", LABELS.join("; ")));
    let receipt = ws.receipt("STNMT");
    assert!(receipt.contains(&format!("trang Nhiệm vụ, ô {cell}")), "{receipt}");
    let rows = agency(&intake, "STNMT")["submission"]["tasks"].as_array().expect("tasks").clone();
    let status = |id: &str| rows.iter().find(|r| r["task"] == id).map(|r| r["status"].clone());
    assert_eq!(status("4.1.b"), Some(Json::from("submitted")));
    assert_eq!(status("4.1.k"), Some(Json::from("submitted")));
    assert_eq!(status("4.1.c"), None, "the row with the unknown status is not used");

    // Consolidation: submitted for approval, neither done nor overdue.
    let summary: Json = serde_json::from_slice(&ws.read("2024-Q2", "tong-hop.json")).expect("tong-hop.json");
    for id in ["4.1.b", "4.1.k"] {
        let t = task(&summary, id);
        assert_eq!(t["status"], "submitted", "{t}");
        assert_eq!(t["done"], 0);
        assert_eq!(t["assignees"][0]["reported"], "submitted");
    }
    assert_eq!(task(&summary, "4.1.c")["status"], "not-reported");
    let group = summary["task_groups"].as_array().and_then(|g| g.iter().find(|g| g["number"] == "4"));
    let counts = &group.expect("group 4")["by_status"];
    assert!(counts.as_array().expect("counts").iter().any(|c| c[0] == "submitted" && c[1] == 2), "{counts}");
    let account = summary["agencies"].as_array().and_then(|a| a.iter().find(|a| a["agency"] == "STNMT"));
    let account = account.expect("account");
    assert_eq!((&account["done"], &account["overdue"]), (&Json::from(1), &Json::from(0)), "{account}");

    // The documents: the status column of the report and the appendix row.
    let report = ws.read_text("2024-Q2", "bao-cao.md");
    let header = report.lines().find(|l| l.starts_with("| Nhóm |")).expect("status table");
    assert!(header.contains("| Đã trình, chờ phê duyệt |"), "{header}");
    let column = header.split('|').position(|c| c.trim() == "Đã trình, chờ phê duyệt").expect("column");
    let row4 = report.lines().find(|l| l.starts_with("| Nhóm 4 |")).expect("group 4 row");
    assert_eq!(row4.split('|').nth(column).map(str::trim), Some("2"), "{row4}");
    assert!(report.contains("2 đã trình, chờ phê duyệt"), "the group's sentence counts them");
    let appendix = ws.read_text("2024-Q2", "phu-luc-3.md");
    let line = appendix.lines().find(|l| l.starts_with("| 4.1.b |")).expect("4.1.b");
    assert!(line.contains("| Đã trình, chờ phê duyệt |"), "{line}");
}
