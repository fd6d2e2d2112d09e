//! Phụ lục 3 tasks: each assigned agency's status, the task's overall status, counts per group.
//!
//! What an agency types comes through the plan's status vocabulary as a kind
//! ([`ReportedStatus`]). Per agency: no submission, no row or no status → `NotReported`; done (on
//! time or late) → as reported; `Submitted` (đã trình, chờ phê duyệt) → `Submitted`, whatever
//! the deadline: the agency has done its part and the decision is someone else's, so it is
//! neither done nor overdue by inaction; `InProgress` → `Continuous` on a continuous task,
//! `Overdue` when the due date is before the cut-off, else `InProgress`; `NotStarted` →
//! `Overdue` when the due date is before the cut-off, else `NotStarted` (a continuous task has
//! no due date, so stays `NotStarted`); `Continuous` reported on a dated task counts as
//! `InProgress` (with a warning). Overdue is never typed by agencies: it comes from the deadline
//! and the cut-off (domain §6.5).
//!
//! Overall, a task is `Submitted` when every assignee is done or submitted and at least one is
//! submitted (see [`overall_status`]); a group task with some members submitted and others
//! still working, silent or late follows the other members, as a partly done task does.
//! An agency that sent no report is `NotReported` (chưa báo cáo), never overdue: a task is
//! overdue only through an agency that reported it unfinished after its due date. Past the due
//! date, a task every reporting member has finished is finished (`m/n` done, the silent ones
//! listed beside it); before it, such a task is still in progress.
//!
//! Counting: each task is counted once, in its overall status, in the per-group tables and
//! sentences ([`TaskStatus::ALL`] order puts `Submitted` after the two done columns); per
//! agency, a submitted task counts neither as done nor as overdue, and the `m/n` progress of a
//! group task counts done members only.

use time::Date;

use super::model::{AssigneeStatus, TaskGroupSummary, TaskResult, TaskStatus};
use super::note;
use crate::collect::{Intake, TaskReport};
use crate::contract::ReportedStatus;
use crate::findings::Finding;
use crate::plan::{AgencyCode, Deadline, Plan, Task};

/// The status of one assigned agency, and whether it typed `Continuous` on a dated task.
pub(crate) fn assignee_status(
    reported: Option<ReportedStatus>,
    deadline: Deadline,
    cutoff: Date,
) -> (TaskStatus, bool) {
    let continuous = deadline == Deadline::Continuous;
    let overdue = deadline.due_date().is_some_and(|due| due < cutoff);
    let Some(reported) = reported else { return (TaskStatus::NotReported, false) };
    let in_progress = if continuous {
        TaskStatus::Continuous
    } else if overdue {
        TaskStatus::Overdue
    } else {
        TaskStatus::InProgress
    };
    match reported {
        ReportedStatus::DoneOnTime => (TaskStatus::DoneOnTime, false),
        ReportedStatus::DoneLate => (TaskStatus::DoneLate, false),
        ReportedStatus::Submitted => (TaskStatus::Submitted, false),
        ReportedStatus::InProgress => (in_progress, false),
        ReportedStatus::NotStarted if overdue => (TaskStatus::Overdue, false),
        ReportedStatus::NotStarted => (TaskStatus::NotStarted, false),
        ReportedStatus::Continuous => (in_progress, !continuous),
    }
}

/// The overall status of a task from its assignees' statuses.
///
/// Every assignee done → `DoneLate` if any was late, else `DoneOnTime`; every assignee done or
/// submitted, at least one submitted → `Submitted`; otherwise any overdue → `Overdue`; nobody
/// reported → `NotReported`; every agency that reported has not started →
/// `NotStarted` (agencies silent on a task are not counted as having started it, and a
/// continuous task nobody has started is not shown as being carried out); otherwise
/// `Continuous` for a continuous task and `InProgress` for a dated one (including a group task
/// that some members have finished while the others are silent: silence is not lateness, and
/// [`consolidate_task`] judges a task past its due date by the members that reported it).
pub(crate) fn overall_status(statuses: &[TaskStatus], continuous: bool) -> TaskStatus {
    use TaskStatus::*;
    let reported: Vec<TaskStatus> = statuses.iter().copied().filter(|s| *s != NotReported).collect();
    if !statuses.is_empty() && statuses.iter().all(|s| s.is_done()) {
        return if statuses.contains(&DoneLate) { DoneLate } else { DoneOnTime };
    }
    if !statuses.is_empty() && statuses.iter().all(|s| s.is_done() || *s == Submitted) {
        return Submitted;
    }
    if statuses.contains(&Overdue) {
        return Overdue;
    }
    if reported.is_empty() {
        return NotReported;
    }
    if reported.iter().all(|s| *s == NotStarted) {
        return NotStarted;
    }
    if continuous { Continuous } else { InProgress }
}

/// The row an agency's accepted submission holds for a task.
fn task_row<'a>(intake: &'a Intake, agency: &AgencyCode, task: &Task) -> Option<&'a TaskReport> {
    let sub = intake.agency(agency)?.submission.as_ref()?;
    sub.tasks.iter().find(|r| r.task == task.id)
}

/// The deadline of a task; one the plan forgot (a validation error) is the end of the plan year.
fn deadline_of(plan: &Plan, task: &Task) -> Deadline {
    task.deadline.unwrap_or(Deadline::Year(plan.info.year))
}

/// Consolidates every task of the plan, in plan order.
pub(crate) fn consolidate_tasks(
    plan: &Plan,
    intake: &Intake,
    warnings: &mut Vec<Finding>,
) -> Vec<TaskResult> {
    plan.tasks.iter().map(|t| consolidate_task(plan, intake, t, warnings)).collect()
}

fn consolidate_task(plan: &Plan, intake: &Intake, task: &Task, warnings: &mut Vec<Finding>) -> TaskResult {
    let deadline = deadline_of(plan, task);
    let assignees: Vec<AssigneeStatus> = plan
        .task_leads(task)
        .into_iter()
        .map(|agency| {
            let row = task_row(intake, &agency, task);
            let reported = row.and_then(|r| r.status);
            let (status, misused) = assignee_status(reported, deadline, intake.cutoff);
            if misused {
                let typed = plan.statuses.label_of(ReportedStatus::Continuous).unwrap_or("Thường xuyên");
                warnings.push(note("thuong-xuyen-co-thoi-han", format!(
                    "Nhiệm vụ {}: {} báo cáo \"{typed}\" cho nhiệm vụ có thời hạn {}; coi là đang thực hiện.",
                    task.id, plan.assignee_name(&agency), deadline.label()
                )));
            }
            AssigneeStatus {
                status,
                reported,
                progress: row.and_then(|r| r.progress.clone()),
                result: row.and_then(|r| r.result.clone()),
                issues: row.and_then(|r| r.issues.clone()),
                source: row.and_then(|r| r.status_source.clone()),
                agency,
            }
        })
        .collect();
    let statuses: Vec<TaskStatus> = assignees.iter().map(|a| a.status).collect();
    // Past its due date, a task is judged by the members that reported it: the silent ones are
    // "chưa báo cáo" (shown beside it, counted in the reporting discipline), and a task every
    // reporting member has finished is finished, not "in progress within the deadline".
    let past_due = deadline.due_date().is_some_and(|due| due < intake.cutoff);
    let reported: Vec<TaskStatus> =
        statuses.iter().copied().filter(|s| *s != TaskStatus::NotReported).collect();
    let judged = if past_due && !reported.is_empty() { &reported } else { &statuses };
    let status = overall_status(judged, deadline == Deadline::Continuous);
    TaskResult {
        id: task.id.clone(),
        group: task.id.group().to_owned(),
        title: task.title.clone(),
        lead: task.lead.clone(),
        coordinate: task.coordinate.clone(),
        deadline,
        status,
        done: statuses.iter().filter(|s| s.is_done()).count(),
        total: statuses.len(),
        reported: statuses.iter().filter(|s| **s != TaskStatus::NotReported).count(),
        targets: task.targets.iter().filter_map(|m| m.code.clone()).collect(),
        assignees,
    }
}

/// Task counts per status for each task group of the plan, in plan order (zeros included).
pub(crate) fn group_summaries(plan: &Plan, tasks: &[TaskResult]) -> Vec<TaskGroupSummary> {
    plan.task_groups
        .iter()
        .map(|g| {
            let members: Vec<&TaskResult> = tasks.iter().filter(|t| t.group == g.number).collect();
            TaskGroupSummary {
                number: g.number.clone(),
                title: g.title.clone(),
                tasks: members.len(),
                by_status: TaskStatus::ALL
                    .iter()
                    .map(|s| (*s, members.iter().filter(|t| t.status == *s).count()))
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
