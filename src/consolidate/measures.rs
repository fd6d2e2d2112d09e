//! Phụ lục 1 indicators and Phụ lục 3 task targets: reporters' values aggregated and assessed.

use super::assess::{Rule, change_vs_last_year, expected_pace};
use super::model::{Assessment, MeasureResult, ValueSource};
use super::note;
use super::reason::reason;
use crate::collect::{Intake, MeasureReport, Number};
use crate::findings::Finding;
use crate::plan::{AgencyCode, Aggregate, Measure, MeasureCode, MeasureScope, Plan, Unit};

/// Every measure of the plan, consolidated: (indicators, task targets), each in plan order.
///
/// A measure without a target (which plan validation rejects) is skipped with a warning.
pub(crate) fn consolidate_measures(
    plan: &Plan,
    intake: &Intake,
    warnings: &mut Vec<Finding>,
) -> (Vec<MeasureResult>, Vec<MeasureResult>) {
    let (mut indicators, mut targets) = (Vec::new(), Vec::new());
    for (scope, m) in plan.measures() {
        let Some(result) = consolidate_measure(plan, intake, scope, m) else {
            warnings.push(note(
                "chi-tieu-khong-co-muc-tieu",
                format!("Chỉ tiêu `{}` không có mục tiêu năm trong kế hoạch; bỏ qua.", m.name),
            ));
            continue;
        };
        match scope {
            MeasureScope::Indicator => indicators.push(result),
            MeasureScope::Task(_) => targets.push(result),
        }
    }
    (indicators, targets)
}

/// What the reporters sent for one measure, reporter by reporter (reporters sorted by code).
#[derive(Default)]
struct Gathered {
    values: Vec<ValueSource>,
    estimates: Vec<(AgencyCode, f64)>,
    last_year: Vec<(AgencyCode, f64)>,
    notes: Vec<(AgencyCode, String)>,
}

impl Gathered {
    /// Combines a companion figure (year estimate, same period last year) like the values.
    ///
    /// A sum is only comparable with the summed values when it covers exactly the agencies whose
    /// values were summed: 3 districts' year estimates against the 103.580 tỷ đồng target, or
    /// 3 districts' last-year figures against 7 districts' values, are not figures of the
    /// province. Such a partial sum is `None`; a mean of the agencies that sent the figure is kept.
    fn companion(
        &self,
        aggregate: Option<&Aggregate>,
        unit: &Unit,
        figures: &[(AgencyCode, f64)],
    ) -> Option<f64> {
        let raw: Vec<f64> = figures.iter().map(|(_, v)| *v).collect();
        let summed = aggregate.map_or(*unit != Unit::Percent, |a| *a == Aggregate::Sum);
        let same_agencies = figures.len() == self.values.len()
            && figures.iter().zip(&self.values).all(|((a, _), v)| *a == v.agency);
        let agencies: std::collections::BTreeSet<&AgencyCode> =
            figures.iter().map(|(a, _)| a).chain(self.values.iter().map(|v| &v.agency)).collect();
        if summed && agencies.len() > 1 && !same_agencies {
            return None;
        }
        combine(aggregate, unit, &raw)
    }
}

/// The finite value of a number, if any.
fn finite(n: Option<&Number>) -> Option<f64> {
    n.map(|n| n.value).filter(|v| v.is_finite())
}

/// The row an agency's accepted submission holds for a measure (the first, should it repeat).
pub(crate) fn reported_row<'a>(
    intake: &'a Intake,
    agency: &AgencyCode,
    code: &MeasureCode,
) -> Option<&'a MeasureReport> {
    let sub = intake.agency(agency)?.submission.as_ref()?;
    sub.measures.iter().find(|r| &r.code == code)
}

/// True when the agency reported a usable cumulative value (or level) for the measure.
pub(crate) fn has_value(intake: &Intake, agency: &AgencyCode, code: &MeasureCode) -> bool {
    reported_row(intake, agency, code).is_some_and(|r| finite(r.cumulative.as_ref()).is_some())
}

fn gather(intake: &Intake, reporters: &[AgencyCode], code: &MeasureCode) -> Gathered {
    let mut g = Gathered::default();
    for agency in reporters {
        let Some(row) = reported_row(intake, agency, code) else { continue };
        if let (Some(value), Some(n)) = (finite(row.cumulative.as_ref()), row.cumulative.as_ref()) {
            g.values.push(ValueSource { agency: agency.clone(), value, cell: n.source.clone() });
        }
        g.estimates.extend(finite(row.year_estimate.as_ref()).map(|v| (agency.clone(), v)));
        g.last_year.extend(finite(row.same_period_last_year.as_ref()).map(|v| (agency.clone(), v)));
        if let Some(note) = row.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            g.notes.push((agency.clone(), note.to_owned()));
        }
    }
    g
}

/// Combines the reported values: their sum or mean as the plan says; a single value as is.
/// Without an `aggregate` (a plan error when there are several reporters) rates are averaged
/// and amounts added.
pub(crate) fn combine(aggregate: Option<&Aggregate>, unit: &Unit, values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let sum: f64 = values.iter().sum();
    let summed = aggregate.map_or(*unit != Unit::Percent, |a| *a == Aggregate::Sum);
    let v = if summed { sum } else { sum / values.len() as f64 };
    Some(v).filter(|v| v.is_finite())
}

fn consolidate_measure(
    plan: &Plan,
    intake: &Intake,
    scope: MeasureScope<'_>,
    m: &Measure,
) -> Option<MeasureResult> {
    let target = m.target?;
    let code = m.code.clone().unwrap_or_else(|| MeasureCode(String::new()));
    let unit = m.unit.clone().unwrap_or_else(|| Unit::Quantity(String::new()));
    let reporters = plan.measure_reporters(scope, m);
    let g = gather(intake, &reporters, &code);
    let raw: Vec<f64> = g.values.iter().map(|s| s.value).collect();
    let value = combine(m.aggregate.as_ref(), &unit, &raw);
    let year_estimate = g.companion(m.aggregate.as_ref(), &unit, &g.estimates);
    let same_period_last_year = g.companion(m.aggregate.as_ref(), &unit, &g.last_year);
    let rule = Rule { target, direction: m.direction, behaviour: m.behaviour };
    let quarter = intake.quarter.number;
    let mut result = MeasureResult {
        code,
        name: m.name.clone(),
        target,
        direction: m.direction,
        behaviour: m.behaviour,
        task: match scope {
            MeasureScope::Task(t) => Some(t.id.clone()),
            MeasureScope::Indicator => None,
        },
        aggregate: m.aggregate.clone(),
        value,
        year_estimate,
        same_period_last_year,
        change_vs_last_year: value
            .zip(same_period_last_year)
            .and_then(|(v, l)| change_vs_last_year(&unit, v, l)),
        percent_of_target: value.and_then(|v| rule.percent_of_target(v)),
        expected_pace: expected_pace(m.behaviour, quarter),
        assessment: rule.assess(quarter, value, year_estimate),
        reason: String::new(),
        reporters_expected: reporters.len(),
        reporters_reported: g.values.len(),
        sources: g.values,
        notes: g.notes,
        unit,
    };
    result.reason = reason(&result, &rule, intake.quarter);
    Some(result)
}

/// How many measures were assessed each way, for summaries (every assessment, zeros included).
pub fn count_assessments(results: &[MeasureResult]) -> Vec<(Assessment, usize)> {
    use Assessment::*;
    [Exceeded, Achieved, OnTrack, AtRisk, NotAchieved, NotReported]
        .into_iter()
        .map(|a| (a, results.iter().filter(|r| r.assessment == a).count()))
        .collect()
}

#[cfg(test)]
mod tests;
