//! The one Vietnamese sentence that explains a measure's assessment, with its numbers.
//!
//! Example: `lũy kế 6 tháng đạt 23,9 tỷ USD, tăng 21,32% so với cùng kỳ, bằng 39,8% kế hoạch
//! năm (60 tỷ USD), tiến độ cần đạt 50%; chậm so với tiến độ; ước cả năm 60 tỷ USD, đạt kế
//! hoạch (ước tính cần thận trọng: 6 tháng cuối năm phải thực hiện gấp 1,51 lần 6 tháng đầu năm)`.

use super::assess::Rule;
use super::compare::{plan_prose, with_unit};
use super::model::{Assessment, MeasureResult};
use crate::period::Quarter;
use crate::plan::Behaviour;
use crate::vn::{number, percent};

/// A percentage rounded to one decimal, as prose quotes it (`62,9%`).
fn percent1(p: f64) -> String {
    percent((p * 10.0).round() / 10.0)
}

/// How a value compares to the target, in words.
fn verdict(rule: &Rule, v: f64) -> &'static str {
    if rule.exceeded(v) {
        "vượt kế hoạch"
    } else if rule.attained(v) {
        "đạt kế hoạch"
    } else {
        "không đạt kế hoạch"
    }
}

/// Builds the reason sentence of a consolidated measure.
pub(crate) fn reason(r: &MeasureResult, rule: &Rule, quarter: Quarter) -> String {
    if r.assessment == Assessment::PerAgency {
        return per_agency(r, rule);
    }
    let Some(v) = r.value else {
        return match r.year_estimate {
            Some(e) => format!(
                "chưa có số liệu đến hết {}; ước cả năm {} (kế hoạch {}), {}",
                quarter.label(),
                with_unit(r, e),
                r.target.label(&r.unit),
                verdict(rule, e)
            ),
            None if r.reporters_expected == 0 => "chưa phân công cơ quan báo cáo".to_owned(),
            None if r.reporters_expected == 1 => "chưa có số liệu".to_owned(),
            None => format!("chưa có số liệu (0/{} {} báo cáo)", r.reporters_expected, r.reporters_noun),
        };
    };
    let cumulative = r.behaviour == Behaviour::Cumulative;
    let mut s = if cumulative {
        format!("lũy kế {} đạt {}", quarter.cumulative().label(), with_unit(r, v))
    } else {
        format!("đạt {}", with_unit(r, v))
    };
    if let Some(c) = &r.vs_last_year {
        s.push_str(&format!(", {}", c.last_year_prose()));
    }
    s.push_str(&on_previous(r, quarter));
    match &r.vs_plan {
        Some(c) => s.push_str(&format!(", {}", plan_prose(r, c))),
        None => s.push_str(&format!(" (kế hoạch {})", r.target.label(&r.unit))),
    }
    let final_quarter = quarter.number >= 4;
    if let (true, Some(p)) = (!final_quarter, r.expected_pace) {
        s.push_str(&format!(", tiến độ cần đạt {}", percent1(p)));
    }
    s.push_str(&conclusion(r, rule, final_quarter));
    if r.cautious_estimate
        && let Some(stretch) = r.year_estimate.and_then(|e| rule.stretch(quarter.number, v, e))
    {
        s.push_str(&format!(
            " (ước tính cần thận trọng: phần còn lại của năm phải thực hiện nhanh gấp {} lần nhịp độ {})",
            number((stretch * 100.0).round() / 100.0),
            quarter.cumulative().label()
        ));
    }
    if r.reporters_reported < r.reporters_expected {
        s.push_str(&format!(
            "; mới có {}/{} {} báo cáo",
            r.reporters_reported, r.reporters_expected, r.reporters_noun
        ));
    }
    s
}

/// The change on the previous quarter, when known: for a flow the quarter alone (` (riêng quý
/// II đạt 5.000 tỷ đồng, tăng 8% so với quý I)`), else the level (`, tăng 0,2 điểm % so với
/// quý I`); empty in quý I or without the previous quarter's figures.
fn on_previous(r: &MeasureResult, quarter: Quarter) -> String {
    let (Some(c), Some(previous)) = (&r.vs_previous, quarter.previous_in_year()) else {
        return String::new();
    };
    let against = previous.short_label();
    match (r.previous_alone, r.quarter_value) {
        (true, Some(alone)) => {
            format!(" (riêng {} đạt {}, {})", quarter.short_label(), with_unit(r, alone), c.prose(&against))
        }
        (true, None) => String::new(),
        (false, _) => format!(", {}", c.prose(&against)),
    }
}

/// The closing clause: the verdict on the value, the pace, and the year estimate.
fn conclusion(r: &MeasureResult, rule: &Rule, final_quarter: bool) -> String {
    let estimate = r.year_estimate.map(|e| format!("; ước cả năm {}, {}", with_unit(r, e), verdict(rule, e)));
    let flow = r.behaviour == Behaviour::Cumulative;
    match r.assessment {
        Assessment::Exceeded => "; vượt kế hoạch".to_owned(),
        Assessment::Achieved => "; đạt kế hoạch".to_owned(),
        Assessment::NotAchieved => "; không đạt kế hoạch".to_owned(),
        Assessment::Incomplete => "; chưa đủ số liệu để đánh giá so với kế hoạch".to_owned(),
        Assessment::NotReported | Assessment::PerAgency => String::new(),
        _ if final_quarter => String::new(),
        Assessment::BehindPace => format!("; chậm so với tiến độ{}", estimate.unwrap_or_default()),
        Assessment::OnTrack if flow => format!("; đảm bảo tiến độ{}", estimate.unwrap_or_default()),
        Assessment::AtRisk if flow => format!("; khó đạt kế hoạch{}", estimate.unwrap_or_default()),
        Assessment::OnTrack | Assessment::AtRisk if estimate.is_some() => estimate.unwrap_or_default(),
        Assessment::OnTrack => "; gần đạt kế hoạch".to_owned(),
        Assessment::AtRisk => "; còn cách xa kế hoạch".to_owned(),
    }
}

/// A measure the plan lists per agency: how many agencies reached the target, and which not.
fn per_agency(r: &MeasureResult, rule: &Rule) -> String {
    let reached = r.sources.iter().filter(|s| rule.attained(s.value)).count();
    let mut s = format!(
        "không tổng hợp thành số chung của tỉnh; {}/{} cơ quan báo cáo đạt kế hoạch ({})",
        reached,
        r.sources.len(),
        r.target.label(&r.unit)
    );
    if r.reporters_reported < r.reporters_expected {
        s.push_str(&format!(
            "; mới có {}/{} {} báo cáo",
            r.reporters_reported, r.reporters_expected, r.reporters_noun
        ));
    }
    s
}

/// How a value stands against a measure's annual target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Better than the target.
    Exceeded,
    /// The target is reached.
    Attained,
    /// The target is missed.
    Missed,
}

/// The verdict of value `v` of measure `m` against its plan target, under the plan's
/// thresholds; `None` when the plan gives the measure no target.
pub fn verdict_of(plan: &crate::plan::Plan, m: &MeasureResult, v: f64) -> Option<Verdict> {
    let code = m.code.to_string();
    let (_, measure) = plan.measures().find(|(_, x)| crate::plan::measure_code(x) == code)?;
    let rule = Rule::of(measure, plan.report.judgement)?;
    Some(if rule.exceeded(v) {
        Verdict::Exceeded
    } else if rule.attained(v) {
        Verdict::Attained
    } else {
        Verdict::Missed
    })
}

/// How many times the pace so far the rest of the year must run for measure `m` to reach its
/// year estimate (flows with a value and an estimate only).
pub fn stretch_of(plan: &crate::plan::Plan, m: &MeasureResult, quarter: Quarter) -> Option<f64> {
    let code = m.code.to_string();
    let (_, measure) = plan.measures().find(|(_, x)| crate::plan::measure_code(x) == code)?;
    let rule = Rule::of(measure, plan.report.judgement)?;
    rule.stretch(quarter.number, m.value?, m.year_estimate?)
}
