//! Task statuses against what the plan and the figures say.
//!
//! * `hoan-thanh-chua-dat-muc-tieu`: an assignee reports a task done (on time or late) while one
//!   of the task's quantitative targets is not attained by its own figure (its row on `Chỉ tiêu`;
//!   the indicator's row for a `same-as` target), or it reported no figure; when the agency does
//!   not report the target itself, the province's consolidated figure is judged. "Attained" is
//!   the target semantics of `assess` ([`Rule::attained`]: `{about: 1.2}` within 5% below,
//!   `{above: x}` strictly, …). One finding per assignee and task, at its status cell, naming
//!   every target missed with its value and cell.
//! * `hoan-thanh-truoc-thoi-han-ca-nam`: a task the plan marks `whole-year` reported done at a
//!   cut-off before its deadline (the year's end).
//! * `hoan-thanh-roi-chua-hoan-thanh`: an agency reports a task in progress or not started that
//!   it reported done at the end of the previous quarter (from the archived package, or that
//!   quarter's submissions), quoting the earlier cell.

use super::{Ctx, Text, goal_label, measure_label, with_unit};
use crate::collect::CellRef;
use crate::consolidate::assess::Rule;
use crate::consolidate::model::{AssigneeStatus, TaskResult};
use crate::contract::ReportedStatus;
use crate::plan::{CheckLevel, Measure, Task, check_code};
use crate::vn::{date_short, number_fixed};

pub(super) fn check(cx: &mut Ctx<'_>) {
    let plan = cx.plan();
    for result in cx.input.tasks {
        let Some(task) = plan.tasks.iter().find(|t| t.id == result.id) else { continue };
        for a in result.assignees.iter().filter(|a| a.status.is_done()) {
            let Some(cell) = &a.source else { continue };
            if !task.targets.is_empty() {
                targets_missed(cx, task, a, cell);
            }
            if task.whole_year {
                before_year_end(cx, task, result, a, cell);
            }
        }
        for a in result
            .assignees
            .iter()
            .filter(|a| matches!(a.reported, Some(ReportedStatus::InProgress | ReportedStatus::NotStarted)))
        {
            done_then_undone(cx, task, a);
        }
    }
}

/// `hoan-thanh-roi-chua-hoan-thanh`: the agency reported the task done at the end of the
/// previous quarter and reports it not done now (a revision to explain, or a slip of the
/// dropdown), quoting the earlier cell.
fn done_then_undone(cx: &mut Ctx<'_>, task: &Task, a: &AssigneeStatus) {
    let params = cx.params(check_code::DONE_THEN_UNDONE, None);
    let intake = cx.intake();
    let Some(earlier) =
        cx.input.earlier.filter(|e| e.quarter.is_some() && e.quarter == intake.quarter.previous_in_year())
    else {
        return;
    };
    let (Some((before, before_cell)), Some(cell)) = (earlier.task(&a.agency, &task.id), &a.source) else {
        return;
    };
    if !before.is_done() {
        return;
    }
    let quarter = earlier.quarter.map(|q| q.label()).unwrap_or_default();
    // What the agency chose in its dropdown, not the computed status (`quá hạn`).
    let plan = cx.plan();
    let now = a.reported.and_then(|r| plan.statuses.label_of(r)).unwrap_or(a.status.label()).to_owned();
    let text = Text {
        message: format!(
            "nhiệm vụ {}: báo cáo {quarter} đã ghi hoàn thành (tệp {}, ô {}), nay ghi \"{now}\"; số liệu điều chỉnh so với quý trước",
            task.id,
            before_cell.file,
            before_cell.a1()
        ),
        fix: format!(
            "nếu nhiệm vụ đã hoàn thành, chọn lại tình trạng hoàn thành ở ô {}; nếu báo cáo quý trước chưa đúng, ghi lý do vào cột Khó khăn, vướng mắc",
            cell.a1()
        ),
    };
    cx.at_cell(params.level, check_code::DONE_THEN_UNDONE, cell, now, text);
}

/// How one target stands for one agency.
enum Standing {
    /// Attained (or not judged).
    Fine,
    /// Not attained by the agency's own figure at this cell.
    Own(f64, CellRef),
    /// Not attained by the province's figure (the agency does not report the target).
    Province(f64),
    /// The agency reports the target but gave no figure.
    Missing,
}

/// How `assess` judges a measure against its annual target (the one place this module builds
/// a [`Rule`]).
/// Attainment does not depend on the plan's thresholds, so the defaults do.
fn rule_of(m: &Measure) -> Option<Rule> {
    Rule::of(m, crate::plan::Judgement::default())
}

/// The measure a target is judged by: the indicator it is the same as, or itself.
fn judged_by<'a>(cx: &Ctx<'a>, m: &'a Measure) -> (&'a str, &'a Measure) {
    match &m.same_as {
        Some(code) => (code.as_str(), cx.measure(code.as_str()).unwrap_or(m)),
        None => (crate::plan::measure_code(m), m),
    }
}

fn standing<'a>(cx: &mut Ctx<'a>, task: &'a Task, m: &'a Measure, a: &AssigneeStatus) -> Standing {
    let (code, source) = judged_by(cx, m);
    // The target's own wording first; a bare `same-as` target takes the indicator's.
    let judge = if m.target.is_some() { m } else { source };
    let Some(rule) = rule_of(judge) else { return Standing::Fine };
    if cx.reports(task, code, source, &a.agency) {
        let row = cx
            .intake()
            .agency(&a.agency)
            .and_then(|ag| ag.submission.as_ref())
            .and_then(|s| s.measures.iter().find(|r| r.code.as_str() == code));
        return match row.and_then(|r| r.cumulative.as_ref()).filter(|n| n.value.is_finite()) {
            Some(n) if rule.attained(n.value) => Standing::Fine,
            Some(n) => Standing::Own(n.value, n.source.clone()),
            None => Standing::Missing,
        };
    }
    match cx.input.measures.iter().find(|r| r.code.as_str() == code).and_then(|r| r.value) {
        Some(v) if !rule.attained(v) => Standing::Province(v),
        _ => Standing::Fine,
    }
}

fn targets_missed<'a>(cx: &mut Ctx<'a>, task: &'a Task, a: &AssigneeStatus, cell: &CellRef) {
    let mut level = CheckLevel::Off;
    let (mut missed, mut cells, mut missing) = (Vec::new(), Vec::new(), false);
    for m in &task.targets {
        let params = cx.params(check_code::DONE_TARGET_MISSED, Some(m));
        if params.level == CheckLevel::Off {
            continue;
        }
        let judge = if m.target.is_some() { m } else { judged_by(cx, m).1 };
        let Some(target) = judge.target else { continue };
        let unit = judge.unit.as_ref();
        let goal = goal_label(target, unit);
        let Some(rule) = rule_of(judge) else { continue };
        let share = |v: f64| {
            rule.percent_of_target(v).map_or(String::new(), |p| format!(", bằng {}%", number_fixed(p, 1)))
        };
        let text = match standing(cx, task, m, a) {
            Standing::Fine => continue,
            Standing::Own(v, at) => {
                let t = format!(
                    "{} mới đạt {} (ô {}){} so với mục tiêu {goal}",
                    measure_label(m),
                    with_unit(v, unit),
                    at.a1(),
                    share(v)
                );
                cells.push(at.a1());
                t
            }
            Standing::Province(v) => format!(
                "{}: số tổng hợp toàn tỉnh mới đạt {}{} so với mục tiêu {goal}",
                measure_label(m),
                with_unit(v, unit),
                share(v)
            ),
            Standing::Missing => {
                missing = true;
                format!("{} (mục tiêu {goal}) chưa có số liệu thực hiện", measure_label(m))
            }
        };
        missed.push(text);
        level = level.max_with(params.level);
    }
    if missed.is_empty() {
        return;
    }
    let status = a.status.label();
    let mut fix =
        "nếu nhiệm vụ chưa đạt mục tiêu, chọn tình trạng \"Đang thực hiện\" và ghi kết quả đạt được đến nay"
            .to_owned();
    if !cells.is_empty() {
        fix.push_str(&format!("; nếu số liệu chỉ tiêu chưa đúng, sửa ô {}", cells.join(", ")));
    }
    if missing {
        fix.push_str("; báo cáo số liệu thực hiện của chỉ tiêu ở trang Chỉ tiêu");
    }
    let message = format!("nhiệm vụ {} được báo cáo \"{status}\" nhưng {}", task.id, missed.join("; "));
    cx.at_cell(level, check_code::DONE_TARGET_MISSED, cell, status.to_owned(), Text { message, fix });
}

fn before_year_end(cx: &mut Ctx<'_>, task: &Task, result: &TaskResult, a: &AssigneeStatus, cell: &CellRef) {
    let params = cx.params(check_code::DONE_BEFORE_YEAR_END, None);
    let year = cx.plan().info.year;
    let due = result
        .deadline
        .due_date()
        .or_else(|| time::Date::from_calendar_date(year, time::Month::December, 31).ok());
    let cutoff = cx.intake().cutoff;
    let Some(due) = due.filter(|d| cutoff < *d) else { return };
    let status = a.status.label();
    let text = Text {
        message: format!(
            "nhiệm vụ {} là kết quả của cả năm {year} (thời hạn {}) nhưng được báo cáo \"{status}\" khi chưa hết năm (ngày chốt {})",
            task.id,
            date_short(due),
            date_short(cutoff)
        ),
        fix: "chọn tình trạng \"Đang thực hiện\" và ghi kết quả đạt được đến nay vào cột Kết quả thực hiện; chỉ báo cáo hoàn thành khi đã có kết quả cả năm".to_owned(),
    };
    cx.at_cell(params.level, check_code::DONE_BEFORE_YEAR_END, cell, status.to_owned(), text);
}

/// The stricter of two levels.
trait Stricter {
    fn max_with(self, other: CheckLevel) -> CheckLevel;
}

impl Stricter for CheckLevel {
    fn max_with(self, other: CheckLevel) -> CheckLevel {
        let rank = |l: CheckLevel| match l {
            CheckLevel::Off => 0,
            CheckLevel::Warning => 1,
            CheckLevel::Error => 2,
        };
        if rank(other) > rank(self) { other } else { self }
    }
}
