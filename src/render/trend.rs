//! The year's trend: for a few main flow indicators, the cumulative % of the annual plan reached
//! at the end of each quarter of the year so far — earlier quarters as their archived packages
//! recorded them, the report's quarter from its consolidation.
//!
//! Which indicators: the quantities and counts the plan accumulates over the year
//! (`behaviour: cumulative`) that have a % of plan at every point, the plan's `headline` ones
//! first, then in plan order, at most [`MAX_ROWS`]. With fewer than two points (quý I, or no
//! earlier quarter archived) there is no trend and the report shows none.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::consolidate::compare::COMPARISON_DECIMALS;
use crate::consolidate::{Consolidated, MeasureResult};
use crate::period::Quarter;
use crate::plan::{Behaviour, Kind, MeasureCode, Plan};
use crate::vn;

/// At most this many indicators in the chart (it stays small and legible).
pub const MAX_ROWS: usize = 5;

/// The trend chart and its table.
#[derive(Debug, Default, Serialize)]
pub struct TrendView {
    /// The caption (`Tiến độ thực hiện một số chỉ tiêu chủ yếu năm 2024 (% kế hoạch năm)`).
    pub caption: String,
    /// The periods, oldest first (`quý I`, `6 tháng`, …), as column headers.
    pub periods: Vec<String>,
    /// One row per indicator; empty when there is no trend to show.
    pub rows: Vec<TrendRow>,
    /// Where the earlier quarters' figures came from.
    pub note: String,
}

/// One indicator's % of plan at each point.
#[derive(Debug, Serialize)]
pub struct TrendRow {
    /// The indicator's name.
    pub name: String,
    /// % of the annual plan at each point, in the order of [`TrendView::periods`].
    pub values: Vec<f64>,
    /// The same as printed (`62,93%`).
    pub texts: Vec<String>,
}

/// The trend of the report's year up to its quarter.
pub fn trend(plan: &Plan, c: &Consolidated) -> TrendView {
    let mut points: Vec<(Quarter, BTreeMap<MeasureCode, f64>)> = c
        .year_so_far
        .iter()
        .filter(|p| p.quarter.year == c.quarter.year && p.quarter.number < c.quarter.number)
        .map(|p| (p.quarter, p.percents.clone()))
        .collect();
    points.sort_by_key(|(q, _)| q.number);
    points.dedup_by_key(|(q, _)| q.number);
    let current = c.indicators.iter().filter_map(|m| Some((m.code.clone(), m.percent_of_target?))).collect();
    points.push((c.quarter, current));
    if points.len() < 2 {
        return TrendView::default();
    }
    let headline =
        |m: &MeasureResult| plan.indicators.iter().any(|p| p.headline && p.code.as_ref() == Some(&m.code));
    let mut candidates: Vec<&MeasureResult> = c
        .indicators
        .iter()
        .filter(|m| m.behaviour == Behaviour::Cumulative && matches!(m.kind, Kind::Quantity | Kind::Count))
        .collect();
    // Stable: headline indicators first, each part in plan order.
    candidates.sort_by_key(|m| !headline(m));
    let rows: Vec<TrendRow> = candidates
        .into_iter()
        .filter_map(|m| {
            let values: Vec<f64> = points
                .iter()
                .map(|(_, p)| p.get(&m.code).copied().filter(|v| v.is_finite()))
                .collect::<Option<_>>()?;
            let texts =
                values.iter().map(|v| format!("{}%", vn::number_fixed(*v, COMPARISON_DECIMALS))).collect();
            Some(TrendRow { name: m.name.clone(), values, texts })
        })
        .take(MAX_ROWS)
        .collect();
    if rows.is_empty() {
        return TrendView::default();
    }
    let files: Vec<String> = c
        .year_so_far
        .iter()
        .filter(|p| points.iter().any(|(q, _)| *q == p.quarter))
        .filter_map(|p| p.archived.as_ref().map(|a| format!("{} ({})", p.quarter.short_label(), a.shown())))
        .collect();
    TrendView {
        caption: format!(
            "Tiến độ thực hiện một số chỉ tiêu chủ yếu năm {} (lũy kế, % kế hoạch năm)",
            c.quarter.year
        ),
        periods: points.iter().map(|(q, _)| vn::upper_first(q.cumulative().label())).collect(),
        rows,
        note: format!(
            "Số liệu các kỳ trước theo gói báo cáo đã gửi: {}; số {} theo báo cáo này.",
            files.join("; "),
            c.quarter.cumulative().label()
        ),
    }
}
