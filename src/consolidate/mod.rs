//! Stage 4: consolidation — pure computation from the plan and the accepted submissions.
//!
//! [`consolidate`] turns the plan and one quarter's [`Intake`] into [`Consolidated`]: measures
//! aggregated and assessed (`measures`, `assess`, `reason`), Phụ lục 2 growth and contributions
//! (`growth`), task statuses (`tasks`), agency accounts and reporting rates (`agencies`), then
//! the data-quality checks (`checks`: findings at agencies' cells and figures to reconcile).
//! Nothing here reads the clock or the disk (except [`write_summary_json`]), fails, or panics:
//! surprises in the data become warning [`Finding`]s in [`Consolidated::warnings`].

mod agencies;
mod assess;
mod checks;
pub mod compare;
mod earlier;
mod growth;
mod measures;
pub mod model;
mod reason;
mod tasks;
#[cfg(test)]
pub(crate) mod testkit;
#[cfg(test)]
mod tests;

use std::path::Path;

pub use earlier::{Earlier, EarlierValue, History, Orphan};
pub use growth::TOTAL_CODE;
pub use measures::{assessment_summary, count_assessments};
pub use model::*;
pub use reason::{Verdict, stretch_of, verdict_of};

use crate::collect::Intake;
use crate::findings::{Finding, Place};
use crate::plan::Plan;

/// A consolidation warning: about the quarter's figures as a whole, so it has no file.
pub(crate) fn note(code: &'static str, message: String) -> Finding {
    Finding::warning(code, Place::default(), message)
}

/// The name of the summary written for each quarter.
pub const SUMMARY_FILE: &str = "tong-hop.json";

/// Consolidates one quarter. `earlier` holds the figures of the same year's previous quarter,
/// when known (quarter-alone figures, consistency checks).
pub fn consolidate(plan: &Plan, intake: &Intake, earlier: Option<&Earlier>) -> Consolidated {
    consolidate_with(plan, intake, History::previous(earlier))
}

/// Consolidates one quarter against its history: the previous quarter (quarter-alone figures,
/// the change on the previous quarter, revision checks) and the same quarter of last year (the
/// same-period figures, archived ones preferred to those typed again).
pub fn consolidate_with(plan: &Plan, intake: &Intake, history: History<'_>) -> Consolidated {
    let earlier = history.previous;
    let mut warnings = Vec::new();
    if intake.quarter.year != plan.info.year {
        warnings.push(note(
            "nam-khong-khop",
            format!("Số liệu thuộc {} nhưng kế hoạch là của năm {}.", intake.quarter.label(), plan.info.year),
        ));
    }
    let (indicators, task_targets) = measures::consolidate_measures(plan, intake, history, &mut warnings);
    let mut growth = growth::consolidate_growth(plan, intake, earlier, &mut warnings);
    let mut reconcile = Vec::new();
    apply_authority(plan, &indicators, &mut growth, &mut reconcile);
    let tasks = tasks::consolidate_tasks(plan, intake, &mut warnings);
    let task_groups = tasks::group_summaries(plan, &tasks);
    let agencies = agencies::agency_accounts(plan, intake, &tasks);
    let reporting = agencies::reporting_summary(plan, intake);
    let review = checks::review(&checks::Input {
        plan,
        intake,
        earlier,
        last_year: history.last_year,
        tasks: &tasks,
        measures: indicators.iter().chain(&task_targets).collect(),
    });
    Consolidated {
        schema: crate::history::schema::SUMMARY_SCHEMA,
        archived: [history.previous, history.last_year]
            .into_iter()
            .flatten()
            .filter_map(|e| e.archived.clone())
            .collect(),
        quarter: intake.quarter,
        period: intake.quarter.cumulative(),
        cutoff: intake.cutoff,
        deadline: intake.deadline,
        indicators,
        task_targets,
        growth,
        tasks,
        task_groups,
        agencies,
        reporting,
        warnings,
        checks: review.checks,
        reconcile: reconcile.into_iter().chain(review.reconcile).collect(),
        year_so_far: Vec::new(),
    }
}

/// Makes the authority's total GRDP growth (the plan's `total-indicator`, reported by the
/// statistical office) the total of Phụ lục 2, so one figure is printed everywhere. The sectors'
/// contributions stay as reported and their shares are of their own sum; when that sum differs
/// from the authority's total by more than `growth-tolerance`, the difference goes to the list
/// of figures to reconcile, never into print as a second total.
fn apply_authority(
    plan: &Plan,
    indicators: &[MeasureResult],
    growth: &mut GrowthResult,
    reconcile: &mut Vec<Finding>,
) {
    let (Some(code), Some(authority)) = (&plan.growth.total_indicator, &plan.growth.authority) else {
        return;
    };
    let Some(m) = indicators.iter().find(|m| &m.code == code) else { return };
    // Only the authority's own figure is authoritative.
    let Some(official) =
        m.value.filter(|_| m.sources.iter().all(|s| plan.directory.is_member(&s.agency, authority)))
    else {
        return;
    };
    let sum = growth.total.estimate;
    let t = &mut growth.total;
    t.estimate = Some(official);
    t.gap = t.scenario.map(|s| official - s);
    t.contribution = Some(official);
    t.contribution_share = Some(100.0);
    t.sources = m.sources.clone();
    let Some(sum) = sum else { return };
    for r in &mut growth.rows {
        r.contribution_share = r.contribution.filter(|_| sum.abs() > 1e-9).map(|c| c / sum * 100.0);
    }
    let who =
        m.sources.first().map_or_else(|| "cơ quan thống kê".to_owned(), |s| plan.assignee_name(&s.agency));
    if (official - sum).abs() > plan.report.judgement.growth_tolerance {
        let mut f = Finding::warning(
            "tang-truong-lech-tong",
            Place::default(),
            format!(
                "Cần thống nhất số liệu: tốc độ tăng GRDP {} của {who} là {}%, tổng đóng góp của các ngành theo báo cáo của các sở, ngành là {} điểm %, chênh {} điểm %. Báo cáo dùng số của {who}.",
                growth.period.label(),
                crate::vn::number(official),
                crate::vn::number_fixed(sum, 2),
                crate::vn::number_fixed((official - sum).abs(), 2),
            ),
        );
        f.fix = format!(
            "đề nghị {who} và các cơ quan báo cáo tăng trưởng ngành thống nhất số liệu trước khi ban hành báo cáo"
        );
        reconcile.push(f);
    }
}

/// Writes `tong-hop.json` to `w` as it is serialised (a large province's is tens of MB): the
/// consolidated figures as compact JSON (one line: half the size of the pretty form; `jq .`
/// shows it indented), ending with a newline.
pub fn write_summary(c: &Consolidated, mut w: impl std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer(&mut w, c)?;
    w.write_all(b"\n")
}

/// Writes `OUT/<quarter>/tong-hop.json` (atomically).
pub fn write_summary_json(c: &Consolidated, out_dir: &Path) -> std::io::Result<()> {
    let mut bytes = Vec::new();
    write_summary(c, &mut bytes)?;
    crate::output::write_atomic(&out_dir.join(c.quarter.to_string()).join(SUMMARY_FILE), &bytes)
}
