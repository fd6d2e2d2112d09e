//! Per-agency accountability and the reporting completeness and timeliness rates.

use super::measures::has_value;
use super::model::{AgencyAccount, ReportingSummary, TaskResult, TaskStatus};
use crate::collect::{AgencyCounts, AgencyStatus, Intake};
use crate::plan::{AgencyCode, MeasureCode, Plan};

/// An agency's reporting status; an agency intake does not list counts as missing.
fn status_of(intake: &Intake, agency: &AgencyCode) -> AgencyStatus {
    intake.agency(agency).map_or(AgencyStatus::Missing, |a| a.status)
}

/// An agency's part of a task (assignees are sorted by agency code, so a binary search).
fn assignee<'t>(
    t: &'t TaskResult,
    agency: &crate::plan::AgencyCode,
) -> Option<&'t crate::consolidate::AssigneeStatus> {
    t.assignees.binary_search_by(|s| s.agency.cmp(agency)).ok().and_then(|i| t.assignees.get(i))
}

/// One account per reporting agency, in plan order.
pub(crate) fn agency_accounts(plan: &Plan, intake: &Intake, tasks: &[TaskResult]) -> Vec<AgencyAccount> {
    // The action programme: the first task of the organisation duties.
    let programme = tasks.iter().find(|t| Plan::is_duties_group(&t.group));
    let all = plan.obligations_by_agency();
    plan.reporting_agencies()
        .map(|a| {
            let mine: Vec<TaskStatus> =
                tasks.iter().filter_map(|t| assignee(t, &a.code).map(|s| s.status)).collect();
            let obligations = &all[&a.code];
            let measure_codes: Vec<MeasureCode> =
                obligations.measures.iter().filter_map(|(_, m)| m.code.clone()).collect();
            AgencyAccount {
                agency: a.code.clone(),
                name: a.name.clone(),
                reporting: status_of(intake, &a.code),
                report_date: intake
                    .agency(&a.code)
                    .and_then(|i| i.submission.as_ref())
                    .and_then(|s| s.report_date),
                tasks: mine.len(),
                done: mine.iter().filter(|s| s.is_done()).count(),
                overdue: mine.iter().filter(|s| **s == TaskStatus::Overdue).count(),
                not_reported: mine.iter().filter(|s| **s == TaskStatus::NotReported).count(),
                measures_expected: obligations.measures.len(),
                measures_reported: measure_codes.iter().filter(|c| has_value(intake, &a.code, c)).count(),
                action_programme: programme.and_then(|t| assignee(t, &a.code)).map(|s| s.status),
            }
        })
        .collect()
}

/// Completeness (received / expected × 100) and timeliness (on time / expected × 100) over the
/// plan's reporting agencies, with [`AgencyCounts`] (the intake overview counts the intake's
/// agencies with the same computation), so an intake read against another plan version cannot
/// add or drop agencies from the report's rates.
pub(crate) fn reporting_summary(plan: &Plan, intake: &Intake) -> ReportingSummary {
    let (mut late, mut rejected, mut missing, mut flawed) = (vec![], vec![], vec![], vec![]);
    let counts = AgencyCounts::tally(plan.reporting_agencies().map(|a| {
        let status = status_of(intake, &a.code);
        if matches!(status, AgencyStatus::OnTime | AgencyStatus::Late) && has_rejected_values(intake, &a.code)
        {
            flawed.push(a.code.clone());
        }
        match status {
            AgencyStatus::OnTime => {}
            AgencyStatus::Late => late.push(a.code.clone()),
            AgencyStatus::Rejected => rejected.push(a.code.clone()),
            AgencyStatus::Missing => missing.push(a.code.clone()),
        }
        status
    }));
    ReportingSummary {
        expected: counts.expected,
        received: counts.received(),
        on_time: counts.on_time,
        late: counts.late,
        rejected: counts.rejected,
        missing: counts.missing,
        completeness: counts.completeness(),
        timeliness: counts.timeliness(),
        late_agencies: late,
        rejected_agencies: rejected,
        missing_agencies: missing,
        flawed_agencies: flawed,
    }
}

/// True when a file the agency's report was taken from has an error: some of its values (a cell,
/// a row) were not used.
fn has_rejected_values(intake: &Intake, agency: &AgencyCode) -> bool {
    intake.agency(agency).is_some_and(|a| {
        intake.files_of(a).iter().any(|f| {
            f.status == crate::collect::FileStatus::Accepted
                && f.findings.iter().any(|x| x.level == crate::findings::Level::Error)
        })
    })
}

#[cfg(test)]
mod tests;
