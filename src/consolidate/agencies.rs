//! Per-agency accountability and the reporting completeness and timeliness rates.

use super::measures::has_value;
use super::model::{AgencyAccount, ReportingSummary, TaskResult, TaskStatus};
use crate::collect::{AgencyStatus, Intake};
use crate::plan::{AgencyCode, MeasureCode, Plan};

/// The group number of section III duties (the action programme).
const SECTION_III: &str = "III";

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
    let programme = tasks.iter().find(|t| t.group == SECTION_III);
    plan.reporting_agencies()
        .map(|a| {
            let mine: Vec<TaskStatus> =
                tasks.iter().filter_map(|t| assignee(t, &a.code).map(|s| s.status)).collect();
            let obligations = plan.obligations(&a.code);
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
/// plan's reporting agencies; both are 0 when no agency must report. Counted over the plan, not
/// over the intake like `collect::report::Totals`, so an intake read against another plan version
/// cannot add or drop agencies from the report's rates.
pub(crate) fn reporting_summary(plan: &Plan, intake: &Intake) -> ReportingSummary {
    let (mut on_time, mut late, mut rejected, mut missing) = (vec![], vec![], vec![], vec![]);
    for a in plan.reporting_agencies() {
        let list = match status_of(intake, &a.code) {
            AgencyStatus::OnTime => &mut on_time,
            AgencyStatus::Late => &mut late,
            AgencyStatus::Rejected => &mut rejected,
            AgencyStatus::Missing => &mut missing,
        };
        list.push(a.code.clone());
    }
    let expected = on_time.len() + late.len() + rejected.len() + missing.len();
    let received = on_time.len() + late.len();
    let rate = |n: usize| if expected == 0 { 0.0 } else { n as f64 / expected as f64 * 100.0 };
    ReportingSummary {
        expected,
        received,
        on_time: on_time.len(),
        late: late.len(),
        rejected: rejected.len(),
        missing: missing.len(),
        completeness: rate(received),
        timeliness: rate(on_time.len()),
        late_agencies: late,
        rejected_agencies: rejected,
        missing_agencies: missing,
    }
}

#[cfg(test)]
#[path = "agencies_tests.rs"]
mod tests;
