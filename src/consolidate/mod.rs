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

pub use earlier::{Earlier, EarlierValue};
pub use growth::TOTAL_CODE;
pub use measures::count_assessments;
pub use model::*;

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
    let mut warnings = Vec::new();
    if intake.quarter.year != plan.info.year {
        warnings.push(note(
            "nam-khong-khop",
            format!("Số liệu thuộc {} nhưng kế hoạch là của năm {}.", intake.quarter.label(), plan.info.year),
        ));
    }
    let (indicators, task_targets) = measures::consolidate_measures(plan, intake, &mut warnings);
    let growth = growth::consolidate_growth(plan, intake, earlier, &mut warnings);
    check_total_growth(plan, &indicators, &growth, &mut warnings);
    let tasks = tasks::consolidate_tasks(plan, intake, &mut warnings);
    let task_groups = tasks::group_summaries(plan, &tasks);
    let agencies = agencies::agency_accounts(plan, intake, &tasks);
    let reporting = agencies::reporting_summary(plan, intake);
    let review = checks::review(&checks::Input {
        plan,
        intake,
        earlier,
        tasks: &tasks,
        measures: indicators.iter().chain(&task_targets).collect(),
    });
    Consolidated {
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
        reconcile: review.reconcile,
    }
}

/// Tolerance between the reported total GRDP growth and the sum of sector contributions (điểm %).
const TOTAL_GROWTH_TOLERANCE: f64 = 0.05;

/// Warns when the indicator that reports total GRDP growth disagrees with the sectors' sum.
fn check_total_growth(
    plan: &Plan,
    indicators: &[MeasureResult],
    growth: &GrowthResult,
    warnings: &mut Vec<Finding>,
) {
    let Some(code) = &plan.growth.total_indicator else { return };
    let Some(m) = indicators.iter().find(|m| &m.code == code) else { return };
    if let (Some(reported), Some(sum)) = (m.value, growth.total.estimate)
        && (reported - sum).abs() > TOTAL_GROWTH_TOLERANCE
    {
        warnings.push(note("tang-truong-lech-tong", format!(
                "Tốc độ tăng GRDP của chỉ tiêu {code} ({}%) khác tổng đóng góp của các ngành ({}%), chênh {} điểm %; cần thống nhất số liệu với cơ quan thống kê.",
                crate::vn::number(reported),
                crate::vn::number_fixed(sum, 2),
                crate::vn::number_fixed((reported - sum).abs(), 2),
            )));
    }
}

/// `tong-hop.json`: the consolidated figures, pretty-printed, ending with a newline.
pub fn summary_json(c: &Consolidated) -> serde_json::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(c)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Writes `OUT/<quarter>/tong-hop.json` (pretty-printed, atomically).
pub fn write_summary_json(c: &Consolidated, out_dir: &Path) -> std::io::Result<()> {
    let bytes = summary_json(c).map_err(std::io::Error::other)?;
    crate::output::write_atomic(&out_dir.join(c.quarter.to_string()).join(SUMMARY_FILE), &bytes)
}
