//! Rows of the appendix tables, formatted for print (Phụ lục 1, 2 and 3).

use serde::Serialize;

use crate::consolidate::{
    AssigneeStatus, Consolidated, GrowthResult, GrowthRow, MeasureResult, TaskResult, TaskStatus,
};
use crate::plan::{AgencyCode, Plan};
use crate::vn;

/// One row of Phụ lục 1.
#[derive(Debug, Serialize)]
pub struct IndicatorRow {
    /// Running number.
    pub stt: usize,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Annual target without the unit (`trên 95`).
    pub target: String,
    /// Same period last year.
    pub last_year: String,
    /// Value to date.
    pub value: String,
    /// % of the annual target.
    pub percent: String,
    /// Change vs the same period last year (`+16,4%` or `+0,5 điểm %`).
    pub change: String,
    /// Change vs the previous quarter: the quarter alone for flows of quantities, else the
    /// level (`+8,00%`, `+0,20 điểm %`, `-`).
    pub previous: String,
    /// Full-year estimate.
    pub year_estimate: String,
    /// Assessment label.
    pub assessment: String,
    /// Why.
    pub reason: String,
    /// Reporting agencies (`CTK`, or `8/10 cơ quan`).
    pub reporters: String,
    /// True when no value was reported.
    pub missing: bool,
}

/// Phụ lục 2.
#[derive(Debug, Serialize)]
pub struct GrowthTable {
    /// The cumulative period, `6 tháng`: scenario, estimate, gap and contributions cover it.
    pub period: String,
    /// The quarter alone, `quý II`: only the quarter's own estimate covers it.
    pub quarter: String,
    /// Sector rows, groups before their members, total last.
    pub rows: Vec<GrowthRowView>,
}

/// One row of Phụ lục 2.
#[derive(Debug, Serialize)]
pub struct GrowthRowView {
    /// Name.
    pub name: String,
    /// A sector group.
    pub is_group: bool,
    /// The total row.
    pub is_total: bool,
    /// A member of a group (indented).
    pub is_member: bool,
    /// Base-period share (%).
    pub share: String,
    /// Scenario (%).
    pub scenario: String,
    /// Quarter estimate (%).
    pub quarter_estimate: String,
    /// Cumulative estimate (%).
    pub estimate: String,
    /// Estimate minus scenario.
    pub gap: String,
    /// Scenario contribution (điểm %).
    pub scenario_contribution: String,
    /// Contribution (điểm %).
    pub contribution: String,
    /// Contribution (% of the increase).
    pub contribution_share: String,
    /// Updated full-year scenario.
    pub year_update: String,
}

/// One task group of Phụ lục 3.
#[derive(Debug, Serialize)]
pub struct TaskSection {
    /// Group number.
    pub number: String,
    /// Group title.
    pub title: String,
    /// Tasks.
    pub rows: Vec<TaskRow>,
}

/// One task of Phụ lục 3.
#[derive(Debug, Serialize)]
pub struct TaskRow {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Lead agencies (short names).
    pub lead: String,
    /// Co-ordinating agencies.
    pub coordinate: String,
    /// Deadline.
    pub deadline: String,
    /// What was reported.
    pub result: String,
    /// Status label.
    pub status: String,
    /// `75%` typed in `Tiến độ (%)` (`100%` when done, `-` when unknown); for group tasks
    /// `hoàn thành 3/40` or `báo cáo 39/40`.
    pub progress: String,
    /// Difficulties and proposals reported.
    pub issues: String,
}

/// One quantitative task target.
#[derive(Debug, Serialize)]
pub struct TargetRow {
    /// Task id.
    pub task: String,
    /// Target code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Target.
    pub target: String,
    /// Value.
    pub value: String,
    /// % of target.
    pub percent: String,
    /// Assessment.
    pub assessment: String,
    /// Reporters.
    pub reporters: String,
}

/// A number or a dash.
pub fn opt_number(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), vn::number)
}

fn opt_fixed(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |x| vn::number_fixed(x, 2))
}

/// The change against last year: `+16,4%` for amounts, `+0,5 điểm %` for rates, `tăng 2 bậc`
/// for rankings.
pub fn change_text(m: &MeasureResult) -> String {
    m.vs_last_year.map_or_else(|| "-".to_owned(), |c| c.last_year_cell())
}

/// Against the annual target: `62,9%` for amounts, `-0,36 điểm %` for rates, `cao hơn 1 bậc`
/// for rankings.
pub fn plan_text(m: &MeasureResult) -> String {
    m.vs_plan.map_or_else(|| "-".to_owned(), |c| c.plan_cell())
}

/// The assessment label, with the mark of a cautious estimate.
pub fn assessment_text(m: &MeasureResult) -> String {
    if m.cautious_estimate {
        format!("{} (ước cần thận trọng)", m.assessment.label())
    } else {
        m.assessment.label().to_owned()
    }
}

/// Short names of agency or group codes, joined by `; `.
pub fn short_names(plan: &Plan, codes: &[AgencyCode]) -> String {
    codes
        .iter()
        .map(|c| {
            plan.agency(c)
                .map_or_else(|| plan.assignee_name(c), |a| a.short.clone().unwrap_or_else(|| a.name.clone()))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Who reported a measure's value, or who should have when nobody did.
pub fn reporter_codes(plan: &Plan, m: &MeasureResult) -> Vec<AgencyCode> {
    let codes: Vec<AgencyCode> = m.sources.iter().map(|s| s.agency.clone()).collect();
    if codes.is_empty() { reporters_of(plan, m) } else { codes }
}

fn reporters_text(plan: &Plan, m: &MeasureResult) -> String {
    if m.reporters_expected <= 1 {
        return short_names(plan, &reporter_codes(plan, m));
    }
    format!("{}/{} {}", m.reporters_reported, m.reporters_expected, m.reporters_noun)
}

fn reporters_of(plan: &Plan, m: &MeasureResult) -> Vec<AgencyCode> {
    plan.measures()
        .find(|(_, x)| x.code.as_ref() == Some(&m.code))
        .map(|(scope, x)| plan.measure_reporters(scope, x))
        .unwrap_or_default()
}

/// Phụ lục 1 rows.
pub fn indicator_rows(plan: &Plan, measures: &[MeasureResult]) -> Vec<IndicatorRow> {
    measures
        .iter()
        .enumerate()
        .map(|(i, m)| IndicatorRow {
            stt: i + 1,
            code: m.code.to_string(),
            name: m.name.clone(),
            unit: m.unit.label().to_owned(),
            target: m.target.bare_label(),
            last_year: opt_number(m.same_period_last_year),
            value: opt_number(m.value),
            percent: plan_text(m),
            change: change_text(m),
            previous: m.vs_previous.map_or_else(|| "-".to_owned(), |c| c.last_year_cell()),
            year_estimate: opt_number(m.year_estimate),
            assessment: assessment_text(m),
            reason: m.reason.clone(),
            reporters: reporters_text(plan, m),
            missing: m.value.is_none(),
        })
        .collect()
}

/// Phụ lục 3 target rows.
pub fn target_rows(plan: &Plan, measures: &[MeasureResult]) -> Vec<TargetRow> {
    measures
        .iter()
        .map(|m| TargetRow {
            task: m.task.as_ref().map(|t| t.to_string()).unwrap_or_default(),
            code: m.code.to_string(),
            name: m.name.clone(),
            unit: m.unit.label().to_owned(),
            target: m.target.bare_label(),
            value: opt_number(m.value),
            percent: plan_text(m),
            assessment: assessment_text(m),
            reporters: reporters_text(plan, m),
        })
        .collect()
}

/// Phụ lục 2. A sector row is indented as a member only when one of the plan's sector groups
/// shown in the table lists it (`CN`, `XD` under `CNXD`); sectors after a group that are not
/// its members (`DV`, `THUE`) stay at the top level.
pub fn growth_table(plan: &Plan, g: &GrowthResult) -> GrowthTable {
    let shown_group = |code: &crate::plan::SectorCode| g.rows.iter().any(|r| r.is_group && &r.code == code);
    let is_member = |r: &GrowthRow| {
        !r.is_group
            && !r.is_total
            && plan.growth.groups.iter().any(|gr| shown_group(&gr.code) && gr.members.contains(&r.code))
    };
    let mut rows: Vec<GrowthRowView> = g.rows.iter().map(|r| growth_row(r, is_member(r))).collect();
    rows.push(growth_row(&g.total, false));
    let quarter = format!("quý {}", vn::roman(u32::try_from(g.period.quarters()).unwrap_or(0)));
    GrowthTable { period: g.period.label().to_owned(), quarter, rows }
}

fn growth_row(r: &GrowthRow, member: bool) -> GrowthRowView {
    GrowthRowView {
        name: r.name.clone(),
        is_group: r.is_group,
        is_total: r.is_total,
        is_member: member,
        share: vn::number_fixed(r.share, 2),
        scenario: opt_fixed(r.scenario),
        quarter_estimate: opt_fixed(r.quarter_estimate),
        estimate: opt_fixed(r.estimate),
        gap: r.gap.map_or_else(|| "-".to_owned(), |v| vn::signed_fixed(v, 2)),
        scenario_contribution: opt_fixed(r.scenario_contribution),
        contribution: opt_fixed(r.contribution),
        contribution_share: r.contribution_share.map_or_else(|| "-".to_owned(), |v| vn::number_fixed(v, 1)),
        year_update: opt_fixed(r.year_update),
    }
}

/// Phụ lục 3 task sections.
pub fn task_sections(plan: &Plan, c: &Consolidated) -> Vec<TaskSection> {
    plan.task_groups
        .iter()
        .map(|g| TaskSection {
            number: g.number.clone(),
            title: g.title.clone(),
            rows: c.tasks.iter().filter(|t| t.group == g.number).map(|t| task_row(plan, t)).collect(),
        })
        .filter(|s| !s.rows.is_empty())
        .collect()
}

fn task_row(plan: &Plan, t: &TaskResult) -> TaskRow {
    let single = t.total <= 1;
    let result = if single {
        t.assignees.first().and_then(|a| a.result.as_deref()).unwrap_or_default().to_owned()
    } else {
        group_result(plan, t)
    };
    let issues: Vec<String> = t
        .assignees
        .iter()
        .filter_map(|a| {
            a.issues.as_ref().map(|i| {
                if single {
                    i.to_string()
                } else {
                    format!("{}: {i}", short_names(plan, std::slice::from_ref(&a.agency)))
                }
            })
        })
        .collect();
    TaskRow {
        id: t.id.to_string(),
        title: t.title.clone(),
        lead: short_names(plan, &t.lead),
        coordinate: short_names(plan, &t.coordinate),
        deadline: t.deadline.label(),
        result,
        status: t.status.label().to_owned(),
        progress: progress_text(t),
        issues: issues.join("\n"),
    }
}

/// The `Tiến độ` cell. One agency: the progress it typed (`75%`), `100%` when it reports the
/// task done without typing one, else `-`. Several: `hoàn thành 3/41` (dated) or `báo cáo
/// 39/41` (continuous); each agency's progress goes with the result ([`group_result`]).
fn progress_text(t: &TaskResult) -> String {
    if t.total <= 1 {
        t.assignees.first().and_then(assignee_progress).unwrap_or_else(|| "-".to_owned())
    } else if t.deadline == crate::plan::Deadline::Continuous {
        format!("báo cáo {}/{}", t.reported, t.total)
    } else {
        format!("hoàn thành {}/{}", t.done, t.total)
    }
}

/// One agency's progress, in whole percent: as typed, or `100%` for a task it reports done.
fn assignee_progress(a: &AssigneeStatus) -> Option<String> {
    match &a.progress {
        Some(n) => Some(format!("{}%", vn::number_fixed(n.value, 0))),
        None => a.status.is_done().then(|| "100%".to_owned()),
    }
}

/// Up to this many agencies, a group task's result lists each one's typed progress.
const GROUP_PROGRESS_MAX: usize = 5;

/// For a task assigned to several agencies: counts per status, who has not reported and, for
/// a few agencies, the progress each typed.
fn group_result(plan: &Plan, t: &TaskResult) -> String {
    let mut parts = Vec::new();
    for s in TaskStatus::ALL {
        let n = t.assignees.iter().filter(|a| a.status == s).count();
        if n > 0 {
            parts.push(format!("{}: {n}/{}", s.label(), t.total));
        }
    }
    let missing: Vec<AgencyCode> = t
        .assignees
        .iter()
        .filter(|a| a.status == TaskStatus::NotReported)
        .map(|a| a.agency.clone())
        .collect();
    let mut text = parts.join("; ");
    if !missing.is_empty() && missing.len() <= 12 {
        text.push_str(&format!(". Chưa báo cáo: {}", short_names(plan, &missing)));
    }
    let progress: Vec<String> = t
        .assignees
        .iter()
        .filter(|a| a.progress.is_some())
        .filter_map(|a| {
            let p = assignee_progress(a)?;
            Some(format!("{} {p}", short_names(plan, std::slice::from_ref(&a.agency))))
        })
        .collect();
    if !progress.is_empty() && t.total <= GROUP_PROGRESS_MAX {
        text.push_str(&format!(". Tiến độ: {}", progress.join("; ")));
    }
    text
}
