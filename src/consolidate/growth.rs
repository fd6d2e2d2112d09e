//! Phụ lục 2: GRDP growth by sector against the scenario, with contributions (domain §3.4, §6.4).
//!
//! For the quarter's cumulative period with base-period shares sᵢ (comparative prices, from
//! base-year quarterly *levels*): contribution cᵢ = gᵢ × sᵢ / 100 in điểm %; total growth = Σ cᵢ;
//! a group row (CN-XD) has share Σ sᵢ, contribution Σ cᵢ and growth Σ cᵢ / Σ sᵢ × 100 — growth
//! rates are never averaged. Inconsistencies are warnings, never errors.

use super::earlier::Earlier;
use super::model::{GrowthResult, GrowthRow, ValueSource};
use super::note;
use crate::collect::{Intake, Number};
use crate::findings::Finding;
use crate::period::Period;
use crate::plan::{GrowthScenario, Plan, Sector, SectorCode, SectorGroup};
use crate::vn::number;

/// The code of the total row.
pub const TOTAL_CODE: &str = "TONG";
/// Plan total and Σ scenario contributions may differ by this much (rounding).
const SCENARIO_TOLERANCE: f64 = 0.05;
/// A reported cumulative estimate may differ this much from the one implied by last quarter.
const CONSISTENCY_TOLERANCE: f64 = 0.3;

/// What a sector's reporters sent: means of the reported values, and the estimate cells.
#[derive(Debug, Default)]
pub(crate) struct SectorFigures {
    /// The cumulative estimate (%).
    pub cumulative: Option<f64>,
    /// The quarter's own estimate (%).
    pub quarter: Option<f64>,
    /// The updated full-year scenario (%).
    pub year_update: Option<f64>,
    /// The cells of the cumulative estimates.
    pub sources: Vec<ValueSource>,
}

fn finite(n: Option<&Number>) -> Option<f64> {
    n.map(|n| n.value).filter(|v| v.is_finite())
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Reads a sector's rows from the submissions of its reporter (a group's members: their mean).
pub(crate) fn gather(plan: &Plan, intake: &Intake, sector: &Sector) -> SectorFigures {
    let reporters = sector.reporter.as_ref().map(|r| plan.directory.expand_all([r])).unwrap_or_default();
    let (mut cumulative, mut quarter, mut year, mut sources) = (vec![], vec![], vec![], vec![]);
    for agency in &reporters {
        let Some(sub) = intake.agency(agency).and_then(|a| a.submission.as_ref()) else { continue };
        let Some(row) = sub.growth.iter().find(|r| r.sector == sector.code) else { continue };
        if let (Some(v), Some(n)) = (finite(row.cumulative.as_ref()), row.cumulative.as_ref()) {
            cumulative.push(v);
            sources.push(ValueSource { agency: agency.clone(), value: v, cell: n.source.clone() });
        }
        quarter.extend(finite(row.quarter.as_ref()));
        year.extend(finite(row.year_update.as_ref()));
    }
    SectorFigures {
        cumulative: mean(&cumulative),
        quarter: mean(&quarter),
        year_update: mean(&year),
        sources,
    }
}

/// Σ vᵢ·wᵢ / Σ wᵢ when every value is known and the weights are positive.
fn weighted(items: impl IntoIterator<Item = (Option<f64>, f64)>) -> Option<f64> {
    let (mut sum, mut weight, mut any) = (0.0, 0.0, false);
    for (v, w) in items {
        sum += v? * w;
        weight += w;
        any = true;
    }
    (any && weight > 0.0).then(|| sum / weight).filter(|v| v.is_finite())
}

/// Σ of values, when every one is known.
fn sum_all(values: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    values.into_iter().try_fold(0.0, |acc, v| Some(acc + v?))
}

fn share_of(part: Option<f64>, total: Option<f64>) -> Option<f64> {
    let (p, t) = (part?, total?);
    (t.abs() > 1e-9).then(|| p / t * 100.0)
}

/// The base shares and weights a row needs besides its figures.
struct Bases<'a> {
    g: &'a GrowthScenario,
    period: Period,
    shares: Vec<f64>,
    year_shares: Vec<f64>,
    quarter_index: usize,
}

impl Bases<'_> {
    fn quarter_share(&self, sector: usize) -> f64 {
        self.g.sectors.get(sector).and_then(|s| s.base_shares.get(self.quarter_index)).copied().unwrap_or(0.0)
    }
    fn share(&self, sector: usize) -> f64 {
        self.shares.get(sector).copied().unwrap_or(0.0)
    }
    fn year_share(&self, sector: usize) -> f64 {
        self.year_shares.get(sector).copied().unwrap_or(0.0)
    }
}

fn sector_row(b: &Bases<'_>, i: usize, s: &Sector, f: &SectorFigures) -> GrowthRow {
    let share = b.share(i);
    let scenario = s.scenario.get(b.period);
    let contribution = f.cumulative.map(|g| g * share / 100.0);
    GrowthRow {
        code: s.code.clone(),
        name: s.name.clone(),
        is_group: false,
        is_total: false,
        share,
        scenario,
        scenario_contribution: scenario.map(|g| g * share / 100.0),
        quarter_estimate: f.quarter,
        estimate: f.cumulative,
        gap: f.cumulative.zip(scenario).map(|(e, s)| e - s),
        contribution,
        contribution_share: None,
        year_update: f.year_update,
        sources: f.sources.clone(),
    }
}

/// A group row from its members' rows (indices into the sector table).
fn group_row(b: &Bases<'_>, group: &SectorGroup, members: &[usize], rows: &[GrowthRow]) -> GrowthRow {
    let share: f64 = members.iter().map(|&i| rows[i].share).sum();
    let per_share = |v: Option<f64>| v.filter(|_| share > 0.0).map(|c| c / share * 100.0);
    let contribution = sum_all(members.iter().map(|&i| rows[i].contribution));
    let estimate = per_share(contribution);
    let scenario = group
        .scenario
        .and_then(|s| s.get(b.period))
        .or_else(|| per_share(sum_all(members.iter().map(|&i| rows[i].scenario_contribution))));
    GrowthRow {
        code: group.code.clone(),
        name: group.name.clone(),
        is_group: true,
        is_total: false,
        share,
        scenario,
        scenario_contribution: scenario.map(|g| g * share / 100.0),
        quarter_estimate: weighted(members.iter().map(|&i| (rows[i].quarter_estimate, b.quarter_share(i)))),
        estimate,
        gap: estimate.zip(scenario).map(|(e, s)| e - s),
        contribution,
        contribution_share: None,
        year_update: weighted(members.iter().map(|&i| (rows[i].year_update, b.year_share(i)))),
        sources: members.iter().flat_map(|&i| rows[i].sources.iter().cloned()).collect(),
    }
}

fn total_row(b: &Bases<'_>, rows: &[GrowthRow]) -> GrowthRow {
    let estimate = if rows.is_empty() { None } else { sum_all(rows.iter().map(|r| r.contribution)) };
    let scenario = b.g.total.get(b.period);
    GrowthRow {
        code: SectorCode::from(TOTAL_CODE),
        name: "Tổng sản phẩm trên địa bàn (GRDP)".to_owned(),
        is_group: false,
        is_total: true,
        share: 100.0,
        scenario,
        // Σ of the sectors' scenario contributions, as the estimate is Σ of contributions.
        scenario_contribution: if rows.is_empty() {
            None
        } else {
            sum_all(rows.iter().map(|r| r.scenario_contribution))
        },
        quarter_estimate: weighted(
            rows.iter().enumerate().map(|(i, r)| (r.quarter_estimate, b.quarter_share(i))),
        ),
        estimate,
        gap: estimate.zip(scenario).map(|(e, s)| e - s),
        contribution: estimate,
        contribution_share: share_of(estimate, estimate),
        year_update: weighted(rows.iter().enumerate().map(|(i, r)| (r.year_update, b.year_share(i)))),
        sources: Vec::new(),
    }
}

/// Consolidates Phụ lục 2 for the intake's quarter; `earlier` (the same year's previous
/// quarter) is used to check the cumulative estimates for consistency.
pub(crate) fn consolidate_growth(
    plan: &Plan,
    intake: &Intake,
    earlier: Option<&Earlier>,
    warnings: &mut Vec<Finding>,
) -> GrowthResult {
    let g = &plan.growth;
    let period = intake.quarter.cumulative();
    let b = Bases {
        g,
        period,
        shares: g.period_shares(period),
        year_shares: g.period_shares(Period::Year),
        quarter_index: usize::from(intake.quarter.number.clamp(1, 4) - 1),
    };
    let figures: Vec<SectorFigures> = g.sectors.iter().map(|s| gather(plan, intake, s)).collect();
    let mut rows: Vec<GrowthRow> =
        g.sectors.iter().zip(&figures).enumerate().map(|(i, (s, f))| sector_row(&b, i, s, f)).collect();
    let total = total_row(&b, &rows);
    for r in &mut rows {
        r.contribution_share = share_of(r.contribution, total.estimate);
    }
    report_sectors(plan, period, &figures, &total, warnings);
    check_scenario_total(g, period, warnings);
    if let Some(prev) = earlier {
        check_previous(plan, intake, prev, &figures, warnings);
    }
    let mut out = Vec::with_capacity(rows.len() + g.groups.len());
    for (i, row) in rows.iter().enumerate() {
        for group in &g.groups {
            let members = member_indices(g, group);
            if members.first() == Some(&i) {
                let mut gr = group_row(&b, group, &members, &rows);
                gr.contribution_share = share_of(gr.contribution, total.estimate);
                out.push(gr);
            }
        }
        out.push(row.clone());
    }
    for group in g.groups.iter().filter(|gr| member_indices(g, gr).is_empty()) {
        warnings.push(note(
            "nhom-nganh-rong",
            format!(
                "Phụ lục 2: nhóm ngành {} không có ngành thành phần nào trong kịch bản; bỏ qua.",
                group.code
            ),
        ));
    }
    GrowthResult { period, rows: out, total }
}

/// The positions of a group's members in the sector table, in table order.
fn member_indices(g: &GrowthScenario, group: &SectorGroup) -> Vec<usize> {
    g.sectors.iter().enumerate().filter(|(_, s)| group.members.contains(&s.code)).map(|(i, _)| i).collect()
}

/// Warns about sectors without an estimate, and about sectors reported by several agencies.
fn report_sectors(
    plan: &Plan,
    period: Period,
    figures: &[SectorFigures],
    total: &GrowthRow,
    warnings: &mut Vec<Finding>,
) {
    let mut missing = Vec::new();
    for (s, f) in plan.growth.sectors.iter().zip(figures) {
        if f.cumulative.is_none() {
            let who = s
                .reporter
                .as_ref()
                .map_or_else(|| "chưa phân công cơ quan báo cáo".to_owned(), |r| plan.assignee_name(r));
            warnings.push(note(
                "thieu-tang-truong-nganh",
                format!(
                    "Phụ lục 2: chưa có ước tăng trưởng lũy kế {} của ngành {} ({who}).",
                    period.label(),
                    s.name
                ),
            ));
            missing.push(s.code.to_string());
        } else if f.sources.len() > 1 {
            let values: Vec<String> =
                f.sources.iter().map(|v| format!("{} {}%", v.agency, number(v.value))).collect();
            warnings.push(note(
                "nhieu-nguon-tang-truong-nganh",
                format!(
                    "Phụ lục 2: ngành {} có {} cơ quan báo cáo ước tăng trưởng ({}); lấy bình quân.",
                    s.name,
                    f.sources.len(),
                    values.join(", ")
                ),
            ));
        }
    }
    if total.estimate.is_none() && !missing.is_empty() {
        warnings.push(note(
            "thieu-tang-truong-grdp",
            format!(
                "Phụ lục 2: chưa tính được tăng trưởng GRDP lũy kế {} vì thiếu số liệu các ngành {}.",
                period.label(),
                missing.join(", ")
            ),
        ));
    }
}

/// Warns when the plan's total differs from Σ of the sectors' scenario contributions.
fn check_scenario_total(g: &GrowthScenario, period: Period, warnings: &mut Vec<Finding>) {
    let (Some(total), Some(implied)) = (g.total.get(period), g.implied_total(period)) else {
        return;
    };
    if (total - implied).abs() > SCENARIO_TOLERANCE {
        warnings.push(note("kich-ban-lech-tong", format!(
            "Phụ lục 2: kịch bản tăng trưởng GRDP {} là {}% nhưng tổng đóng góp kịch bản các ngành là {} điểm % (chênh {} điểm %).",
            period.label(), number(total), number(implied), number((total - implied).abs())
        )));
    }
}

/// Checks each cumulative estimate against last quarter's cumulative estimate combined with this
/// quarter's estimate, weighted by base-year quarterly levels (never an average of rates).
fn check_previous(
    plan: &Plan,
    intake: &Intake,
    prev: &Earlier,
    figures: &[SectorFigures],
    warnings: &mut Vec<Finding>,
) {
    let Some(expected) = intake.quarter.previous_in_year() else { return };
    match prev.quarter {
        Some(q) if q == expected => {}
        Some(q) => {
            warnings.push(note(
                "ky-truoc-khong-khop",
                format!(
                    "Phụ lục 2: số liệu kỳ trước là của {}, không phải {}; bỏ qua kiểm tra tính nhất quán.",
                    q.label(),
                    expected.label()
                ),
            ));
            return;
        }
        None => return,
    }
    let g = &plan.growth;
    let n = usize::from(intake.quarter.number);
    for (s, f) in g.sectors.iter().zip(figures) {
        let (Some(current), Some(quarter)) = (f.cumulative, f.quarter) else { continue };
        let reporters = s.reporter.as_ref().map(|r| plan.directory.expand_all([r])).unwrap_or_default();
        let before: Vec<f64> =
            reporters.iter().filter_map(|a| prev.sector(a, &s.code)).map(|v| v.value).collect();
        let Some(before) = mean(&before) else { continue };
        let level = |q: usize| g.quarter_weights.get(q).zip(s.base_shares.get(q)).map_or(0.0, |(w, b)| w * b);
        let level_before: f64 = (0..n - 1).map(level).sum();
        let level_quarter = level(n - 1);
        let Some(implied) = weighted([(Some(before), level_before), (Some(quarter), level_quarter)]) else {
            continue;
        };
        if (implied - current).abs() > CONSISTENCY_TOLERANCE {
            warnings.push(note("tang-truong-khong-nhat-quan", format!(
                "Phụ lục 2: ngành {}: ước tăng trưởng lũy kế {} là {}% nhưng lũy kế {} ({}%) và ước quý {} ({}%) cho khoảng {}% (chênh {} điểm %).",
                s.name, intake.quarter.cumulative().label(), number(current), expected.cumulative().label(),
                number(before), crate::vn::roman(u32::from(intake.quarter.number)), number(quarter),
                number(implied), number((implied - current).abs())
            )));
        }
    }
}

#[cfg(test)]
mod tests;
