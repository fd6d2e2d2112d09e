//! Phụ lục 1 indicators and Phụ lục 3 task targets: reporters' values aggregated and assessed.

use super::assess::Rule;
use super::earlier::{Earlier, History};
use super::model::{Assessment, MeasureResult, ValueSource};
use super::note;
use super::reason::reason;
use crate::collect::{Intake, MeasureReport, Number};
use crate::findings::Finding;
use crate::plan::{
    AgencyCode, Aggregate, Behaviour, Direction, Kind, Measure, MeasureCode, MeasureScope, Plan, Unit,
};

/// Every measure of the plan, consolidated: (indicators, task targets), each in plan order.
///
/// A measure without a target (which plan validation rejects) is skipped with a warning.
pub(crate) fn consolidate_measures(
    plan: &Plan,
    intake: &Intake,
    history: History<'_>,
    warnings: &mut Vec<Finding>,
) -> (Vec<MeasureResult>, Vec<MeasureResult>) {
    let (mut indicators, mut targets): (Vec<MeasureResult>, Vec<MeasureResult>) = (Vec::new(), Vec::new());
    for (scope, m) in plan.measures() {
        // A task target that is a Phụ lục 1 indicator shows the indicator's figures (indicators
        // come first); the task's own code and name stay for Phụ lục 3.
        if let (Some(same), MeasureScope::Task(t)) = (&m.same_as, scope)
            && let Some(ind) = indicators.iter().find(|i| &i.code == same)
        {
            let mut r = ind.clone();
            r.same_as = Some(same.clone());
            r.task = Some(t.id.clone());
            r.code = m.code.clone().unwrap_or_else(|| same.clone());
            r.name = m.name.clone();
            targets.push(r);
            continue;
        }
        let Some(result) = consolidate_measure(plan, intake, history, scope, m) else {
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
    estimate_sources: Vec<ValueSource>,
    estimates: Vec<(AgencyCode, f64)>,
    last_year: Vec<(AgencyCode, f64)>,
    /// How many of `last_year` came from last year's archived package.
    last_year_archived: usize,
    notes: Vec<(AgencyCode, String)>,
}

/// How a measure's reporters combine, after defaults: the plan's rule, or for a single
/// reporter its value, or (a plan error) a sum of quantities and a list of rates.
/// The province's figure from agencies' figures under `how`; `weights` gives each agency's
/// weight for a weighted mean. `None` for a list, or when nothing (or no weight) is known.
fn combine_figures(
    how: &Aggregate,
    figures: &[(AgencyCode, f64)],
    weights: &dyn Fn(&AgencyCode) -> Option<f64>,
) -> Option<f64> {
    if figures.is_empty() {
        return None;
    }
    let v = match how {
        Aggregate::Single => figures.first()?.1,
        Aggregate::Sum => figures.iter().map(|(_, v)| v).sum(),
        Aggregate::WeightedMean(_) => {
            let (mut num, mut den) = (0.0, 0.0);
            for (a, v) in figures {
                let w = weights(a).filter(|w| *w > 0.0)?;
                num += v * w;
                den += w;
            }
            if den <= 0.0 {
                return None;
            }
            num / den
        }
        Aggregate::List | Aggregate::Mean => return None,
    };
    Some(v).filter(|v| v.is_finite())
}

impl Gathered {
    /// Combines a companion figure (year estimate, same period last year) like the values.
    ///
    /// A sum or weighted mean is only comparable with the values when it covers exactly the
    /// agencies whose values were combined: 3 districts' year estimates against the 103.580 tỷ
    /// đồng target, or 3 districts' last-year figures against 7 districts' values, are not
    /// figures of the province. Such a partial figure is `None`.
    fn companion(
        &self,
        how: &Aggregate,
        figures: &[(AgencyCode, f64)],
        weights: &dyn Fn(&AgencyCode) -> Option<f64>,
    ) -> Option<f64> {
        let same_agencies = figures.len() == self.values.len()
            && figures.iter().zip(&self.values).all(|((a, _), v)| *a == v.agency);
        if !same_agencies && !matches!(how, Aggregate::Single) {
            return None;
        }
        combine_figures(how, figures, weights)
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

/// Each reporter's figures; `last_year` (the same quarter's archived figures) supplies the
/// same period where it holds the agency's figure, in place of the one typed again.
fn gather(
    intake: &Intake,
    reporters: &[AgencyCode],
    code: &MeasureCode,
    last_year: Option<&Earlier>,
) -> Gathered {
    let mut g = Gathered::default();
    for agency in reporters {
        let Some(row) = reported_row(intake, agency, code) else { continue };
        if let (Some(value), Some(n)) = (finite(row.cumulative.as_ref()), row.cumulative.as_ref()) {
            g.values.push(ValueSource { agency: agency.clone(), value, cell: n.source.clone() });
        }
        if let (Some(value), Some(n)) = (finite(row.year_estimate.as_ref()), row.year_estimate.as_ref()) {
            g.estimates.push((agency.clone(), value));
            g.estimate_sources.push(ValueSource { agency: agency.clone(), value, cell: n.source.clone() });
        }
        match last_year.and_then(|e| e.measure(agency, code)) {
            Some(archived) => {
                g.last_year.push((agency.clone(), archived.value));
                g.last_year_archived += 1;
            }
            None => {
                g.last_year.extend(finite(row.same_period_last_year.as_ref()).map(|v| (agency.clone(), v)))
            }
        }
        if let Some(note) = row.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            g.notes.push((agency.clone(), note.to_owned()));
        }
    }
    g
}

fn consolidate_measure(
    plan: &Plan,
    intake: &Intake,
    history: History<'_>,
    scope: MeasureScope<'_>,
    m: &Measure,
) -> Option<MeasureResult> {
    let earlier =
        history.previous.filter(|e| e.quarter.is_some() && e.quarter == intake.quarter.previous_in_year());
    let last_year = history.last_year.filter(|e| e.quarter == Some(intake.quarter.a_year_before()));
    let target = m.target?;
    let code = m.code.clone().unwrap_or_else(|| MeasureCode(String::new()));
    let unit = m.unit.clone().unwrap_or_else(|| Unit::Quantity(String::new()));
    let kind = m.kind();
    let reporters = plan.measure_reporters(scope, m);
    let g = gather(intake, &reporters, &code, last_year);
    let how = m.aggregate_for(reporters.len());
    let weight_code = match &how {
        Aggregate::WeightedMean(w) => Some(w.clone()),
        _ => None,
    };
    let weights = |a: &AgencyCode| {
        weight_code
            .as_ref()
            .and_then(|w| reported_row(intake, a, w))
            .and_then(|r| finite(r.cumulative.as_ref()))
    };
    let figures: Vec<(AgencyCode, f64)> = g.values.iter().map(|s| (s.agency.clone(), s.value)).collect();
    let value = combine_figures(&how, &figures, &weights);
    // A sum some reporters are missing from is not the province's figure: it is not compared
    // with the target (nor is the sum of those agencies' estimates), unless it already reaches
    // a target to exceed, which the missing agencies can only add to.
    let partial_sum =
        matches!(how, Aggregate::Sum) && !g.values.is_empty() && g.values.len() < reporters.len();
    let year_estimate = g.companion(&how, &g.estimates, &weights).filter(|_| !partial_sum);
    let same_period_last_year = g.companion(&how, &g.last_year, &weights);
    let rule = Rule::of(m, plan.report.judgement)?;
    let quarter = intake.quarter.number;
    let per_agency = matches!(how, Aggregate::List | Aggregate::Mean);
    let assessment = match (per_agency, g.values.is_empty()) {
        (true, false) => Assessment::PerAgency,
        (true, true) => Assessment::NotReported,
        (false, _) => match rule.assess(quarter, value, year_estimate) {
            a if partial_sum && !(a.is_reached() && m.direction == Direction::Higher) => {
                Assessment::Incomplete
            }
            a => a,
        },
    };
    let judged = assessment != Assessment::Incomplete;
    let quarter_value = quarter_alone(&how, m, intake, earlier, &g.values, value);
    let earlier_weights = |a: &AgencyCode| {
        let w = weight_code.as_ref()?;
        earlier?.measure(a, w).map(|v| v.value)
    };
    let (previous, previous_alone) =
        previous_figure(&how, m, earlier, &g.values, &earlier_weights, quarter_value.is_some());
    let compared = if previous_alone { quarter_value } else { value };
    let mut result = MeasureResult {
        code,
        name: m.name.clone(),
        kind,
        out_of: m.out_of,
        target,
        direction: m.direction,
        behaviour: m.behaviour,
        task: match scope {
            MeasureScope::Task(t) => Some(t.id.clone()),
            MeasureScope::Indicator => None,
        },
        same_as: None,
        quarter_value,
        aggregate: Some(how),
        value,
        year_estimate,
        same_period_last_year,
        same_period_archived: g.last_year_archived > 0 && same_period_last_year.is_some(),
        previous,
        previous_alone,
        vs_previous: compared.zip(previous).and_then(|(v, p)| rule.vs_last_year(v, p)),
        vs_plan: value.filter(|_| judged).and_then(|v| rule.vs_plan(v)),
        vs_last_year: value.zip(same_period_last_year).and_then(|(v, l)| rule.vs_last_year(v, l)),
        percent_of_target: value
            .filter(|_| judged && matches!(kind, Kind::Quantity | Kind::Count))
            .and_then(|v| rule.percent_of_target(v)),
        expected_pace: rule.expected_pace(quarter),
        assessment,
        cautious_estimate: judged && rule.cautious(quarter, value, year_estimate),
        reason: String::new(),
        reporters_expected: reporters.len(),
        reporters_noun: plan.noun_for(&reporters),
        reporters_reported: g.values.len(),
        sources: g.values,
        estimate_sources: g.estimate_sources,
        notes: g.notes,
        unit,
    };
    result.reason = reason(&result, &rule, intake.quarter);
    Some(result)
}

/// The previous quarter's figure to compare with, and whether it is of that quarter alone: for
/// a flow of quantities or counts whose quarter alone is known, the previous quarter alone (quý
/// I: its cumulative; later: as its archived package printed it); otherwise the province's level
/// at the previous quarter's end, combined from the same agencies as this quarter's value.
fn previous_figure(
    how: &Aggregate,
    m: &Measure,
    earlier: Option<&Earlier>,
    values: &[ValueSource],
    weights: &dyn Fn(&AgencyCode) -> Option<f64>,
    alone_known: bool,
) -> (Option<f64>, bool) {
    let Some((earlier, code)) = earlier.zip(m.code.as_ref()) else { return (None, false) };
    let figures: Option<Vec<(AgencyCode, f64)>> = values
        .iter()
        .map(|v| earlier.measure(&v.agency, code).map(|e| (v.agency.clone(), e.value)))
        .collect();
    let level = figures.and_then(|f| combine_figures(how, &f, weights));
    let flow = m.behaviour == Behaviour::Cumulative && matches!(m.kind(), Kind::Quantity | Kind::Count);
    if !flow {
        return (level, false);
    }
    if !alone_known {
        return (None, false);
    }
    let alone = match earlier.quarter.map(|q| q.number) {
        Some(1) => level,
        _ => earlier.quarter_values.get(code).copied(),
    };
    (alone, true)
}

/// The quarter alone for a flow summed or reported by one agency: the cumulative less the same
/// agencies' cumulative at the end of the previous quarter (quý I: the cumulative itself).
/// `None` when any agency's earlier figure is unknown or the rule is not additive.
fn quarter_alone(
    how: &Aggregate,
    m: &Measure,
    intake: &Intake,
    earlier: Option<&Earlier>,
    values: &[ValueSource],
    value: Option<f64>,
) -> Option<f64> {
    if m.behaviour != Behaviour::Cumulative || !matches!(how, Aggregate::Single | Aggregate::Sum) {
        return None;
    }
    let value = value?;
    if intake.quarter.number == 1 {
        return Some(value);
    }
    let earlier = earlier.filter(|e| e.quarter == intake.quarter.previous_in_year())?;
    let code = m.code.as_ref()?;
    let mut before = 0.0;
    for v in values {
        before += earlier.measure(&v.agency, code)?.value;
        if matches!(how, Aggregate::Single) {
            break;
        }
    }
    Some(value - before).filter(|q| q.is_finite())
}

/// How many measures were assessed each way, for summaries (every assessment, zeros included).
pub fn count_assessments(results: &[MeasureResult]) -> Vec<(Assessment, usize)> {
    Assessment::ALL.into_iter().map(|a| (a, results.iter().filter(|r| r.assessment == a).count())).collect()
}

#[cfg(test)]
mod tests;

/// The summary of assessments every document prints, from [`count_assessments`]: `Trong 20 chỉ
/// tiêu chủ yếu: 3 vượt kế hoạch, …, 2 chậm tiến độ, …; 2 chỉ tiêu có số ước cả năm cần thận
/// trọng.` Categories with no measure are left out.
pub fn assessment_summary(results: &[MeasureResult], what: &str) -> String {
    let parts: Vec<String> = count_assessments(results)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(a, n)| {
            let label = match a {
                Assessment::Exceeded => "vượt kế hoạch",
                Assessment::Achieved => "đạt kế hoạch",
                Assessment::OnTrack => "có khả năng đạt",
                Assessment::BehindPace => "chậm tiến độ",
                Assessment::AtRisk => "khó đạt",
                Assessment::NotAchieved => "không đạt",
                Assessment::PerAgency => "theo dõi theo từng cơ quan",
                Assessment::Incomplete => "chưa đủ số liệu để đánh giá",
                Assessment::NotReported => "chưa có số liệu",
            };
            format!("{n} {label}")
        })
        .collect();
    let cautious = results.iter().filter(|r| r.cautious_estimate).count();
    let mut s = format!("Trong {} {what}: {}", results.len(), parts.join(", "));
    if cautious > 0 {
        s.push_str(&format!("; {cautious} chỉ tiêu có số ước cả năm cần thận trọng"));
    }
    s.push('.');
    s
}
