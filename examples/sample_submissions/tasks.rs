//! Task statuses and short result texts: a realistic, deterministic mix per agency and quarter.
//!
//! Each (agency, task) pair gets a fixed "progress" number in [0, 1); thresholds that move with
//! the quarter turn it into a status, so a task done in quarter I stays done in quarter II. The
//! status is written as the plan's dropdown label of its kind (`statuses:` in `tasks.yaml`).

use baocao::contract::ReportedStatus;
use baocao::forms::{CellValue, TaskFill};
use baocao::period::Quarter;
use baocao::plan::{Deadline, Plan, Task};

use crate::unit_hash;

/// Agencies that issued their action programme (III.1, due 20/01/2024) late: (code, day of
/// issue in 2024 as (month, day)); the first had not issued it by the quarter-I cut-off.
const LATE_PROGRAMMES: &[(&str, (u8, u8))] =
    &[("BQLDA-DDCN", (3, 28)), ("CTHUE", (1, 29)), ("BDT", (2, 2)), ("H-SONDONG", (1, 26))];

/// Tasks due in quarter I that their lead had still not finished by the quarter-II report.
const SLIPPED: &[(&str, &str)] = &[("STP", "2.4"), ("SVHTTDL", "1.7.a")];

/// Tasks submitted for approval by the quarter-II report: (agency, task, status as the clerk
/// wrote it, or `None` for the dropdown's label, result).
const SUBMITTED: &[(&str, &str, Option<&str>, &str)] = &[
    (
        "STNMT",
        "4.1.b",
        Some("Đã trình UBND tỉnh"),
        "Đã hoàn thiện dự thảo điều chỉnh Đề án thu gom, xử lý rác thải sinh hoạt giai đoạn 2024-2030, trình UBND tỉnh ngày 07/6/2024; đang chờ phê duyệt.",
    ),
    (
        "SYT",
        "5.3.b",
        None,
        "Đã trình UBND tỉnh dự thảo Nghị quyết quy định giá dịch vụ khám bệnh, chữa bệnh để trình HĐND tỉnh tại kỳ họp thứ 19.",
    ),
];

/// Difficulties clerks mention, picked now and then.
const ISSUES: &[&str] = &[
    "Vướng mắc trong công tác bồi thường, giải phóng mặt bằng.",
    "Kinh phí bố trí chưa đáp ứng yêu cầu; đề nghị Sở Tài chính xem xét bổ sung.",
    "Thiếu cán bộ chuyên môn; đề nghị được tập huấn nghiệp vụ.",
    "Văn bản hướng dẫn của Trung ương chưa ban hành.",
    "Một số doanh nghiệp chậm cung cấp số liệu.",
];

/// The status, result and issues an agency reports for a task in a quarter.
pub fn task_fill(plan: &Plan, agency: &str, task: &Task, quarter: Quarter) -> TaskFill {
    let id = task.id.as_str();
    if let Some((_, _, typed, result)) =
        SUBMITTED.iter().find(|(a, t, _, _)| *a == agency && *t == id && quarter.number == 2)
    {
        let status = typed.map_or_else(|| label(plan, ReportedStatus::Submitted), str::to_owned);
        let result = Some((*result).to_owned());
        return TaskFill { status: Some(status), progress: None, result, issues: None };
    }
    let progress = unit_hash(&[agency, id]);
    let status = if id == "III.1" {
        programme_status(agency, quarter)
    } else {
        status_for(task.deadline, progress, quarter, SLIPPED.contains(&(agency, id)))
    };
    let result = result_text(agency, task, status, quarter, progress);
    let issues =
        (unit_hash(&[agency, id, "kho-khan"]) < 0.15 && status != ReportedStatus::DoneOnTime).then(|| {
            ISSUES[(unit_hash(&[agency, id, "loai"]) * ISSUES.len() as f64) as usize % ISSUES.len()]
                .to_owned()
        });
    let progress = typed_progress(agency, task, status, quarter, progress);
    TaskFill { status: Some(label(plan, status)), progress, result: Some(result), issues }
}

/// The share done that a dated task in progress states in its result text (`khoảng 79%`).
fn estimated_percent(task: &Task, status: ReportedStatus, quarter: Quarter, progress: f64) -> Option<u32> {
    let dated = task.deadline.is_some_and(|d| d != Deadline::Continuous);
    (status == ReportedStatus::InProgress && dated && task.id.as_str() != "III.1")
        .then(|| 20 + (progress * 40.0) as u32 + if quarter.number == 2 { 25 } else { 0 })
}

/// `Tiến độ (%)` as the clerk fills it: the same number as the result text for a dated task in
/// progress (now a number, now `79%` typed as text), a rough figure for most other tasks in
/// progress, and now and then `100` for a finished one; blank otherwise.
fn typed_progress(
    agency: &str,
    task: &Task,
    status: ReportedStatus,
    quarter: Quarter,
    progress: f64,
) -> Option<CellValue> {
    let pick = unit_hash(&[agency, task.id.as_str(), "tien-do"]);
    let pct = match status {
        _ if task.id.as_str() == "III.1" => None,
        ReportedStatus::InProgress => estimated_percent(task, status, quarter, progress).or_else(|| {
            (pick < 0.8).then(|| 30 + (pick * 50.0) as u32 + if quarter.number == 2 { 15 } else { 0 })
        }),
        ReportedStatus::DoneOnTime | ReportedStatus::DoneLate => (pick < 0.3).then_some(100),
        _ => None,
    }?;
    Some(if pick > 0.85 { CellValue::Text(format!("{pct}%")) } else { CellValue::Number(f64::from(pct)) })
}

/// The plan's dropdown label of a kind (the kind's meaning when the plan offers none).
fn label(plan: &Plan, kind: ReportedStatus) -> String {
    plan.statuses.label_of(kind).unwrap_or(kind.meaning()).to_owned()
}

fn programme_status(agency: &str, quarter: Quarter) -> ReportedStatus {
    match LATE_PROGRAMMES.iter().find(|(c, _)| *c == agency) {
        Some((_, (month, _))) if quarter.number == 1 && *month >= 3 => ReportedStatus::InProgress,
        Some(_) => ReportedStatus::DoneLate,
        None => ReportedStatus::DoneOnTime,
    }
}

fn status_for(deadline: Option<Deadline>, progress: f64, quarter: Quarter, slipped: bool) -> ReportedStatus {
    let q2 = quarter.number >= 2;
    match deadline {
        None | Some(Deadline::Continuous) => {
            if progress < 0.85 {
                ReportedStatus::Continuous
            } else {
                ReportedStatus::InProgress
            }
        }
        Some(Deadline::Quarter(due)) if due <= quarter => {
            // Due by the end of this quarter or earlier.
            if slipped && q2 {
                ReportedStatus::InProgress
            } else if due < quarter || progress < 0.6 {
                ReportedStatus::DoneOnTime
            } else {
                ReportedStatus::InProgress
            }
        }
        _ => {
            let (done, not_started) = if q2 { (0.15, 0.92) } else { (0.04, 0.85) };
            if progress < done {
                ReportedStatus::DoneOnTime
            } else if progress > not_started {
                ReportedStatus::NotStarted
            } else {
                ReportedStatus::InProgress
            }
        }
    }
}

fn result_text(agency: &str, task: &Task, status: ReportedStatus, quarter: Quarter, progress: f64) -> String {
    let period = if quarter.number == 1 { "Quý I/2024" } else { "6 tháng đầu năm 2024" };
    if task.id.as_str() == "III.1" {
        return programme_text(agency, status, progress);
    }
    let subject = lower_first(&task.title);
    match status {
        ReportedStatus::Continuous => {
            let n = 2 + (progress * 10.0) as u32 % 5 + if quarter.number == 2 { 3 } else { 0 };
            format!("{period}: tiếp tục thực hiện {subject}; ban hành {n} văn bản chỉ đạo, hướng dẫn.")
        }
        ReportedStatus::InProgress if task.deadline.is_none_or(|d| d == Deadline::Continuous) => {
            format!("{period}: đang triển khai {subject} theo kế hoạch của đơn vị.")
        }
        ReportedStatus::InProgress => {
            let pct = estimated_percent(task, status, quarter, progress).unwrap_or(0);
            format!("Đang triển khai {subject}; ước hoàn thành khoảng {pct}% khối lượng.")
        }
        ReportedStatus::DoneOnTime | ReportedStatus::DoneLate => {
            format!("Đã hoàn thành {subject}; đã báo cáo UBND tỉnh.")
        }
        ReportedStatus::Submitted => format!("Đã trình UBND tỉnh {subject}; đang chờ phê duyệt."),
        ReportedStatus::NotStarted => {
            format!("Chưa triển khai; dự kiến thực hiện trong {}.", quarter.next().label())
        }
    }
}

fn programme_text(agency: &str, status: ReportedStatus, progress: f64) -> String {
    let number = 10 + (progress * 80.0) as u32;
    let (month, day) = match LATE_PROGRAMMES.iter().find(|(c, _)| *c == agency) {
        Some((_, md)) => *md,
        None => (1, 8 + (progress * 11.0) as u8),
    };
    match status {
        ReportedStatus::InProgress => {
            "Đang hoàn thiện dự thảo Kế hoạch hành động, trình lãnh đạo ký ban hành.".to_owned()
        }
        _ => format!(
            "Đã ban hành Kế hoạch số {number}/KH ngày {day:02}/{month:02}/2024 thực hiện Kế hoạch của UBND tỉnh."
        ),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Keep acronyms and proper nouns (`UBND`, `KCN`, `Quy hoạch tỉnh`) as they are.
        Some(c) if chars.clone().next().is_some_and(char::is_lowercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        Some(c) => std::iter::once(c).chain(chars).collect(),
        None => String::new(),
    }
}
