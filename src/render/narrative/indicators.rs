//! Section II.2: the main indicators, grouped by assessment, one natural sentence each.

use super::{letter, lower_first};
use crate::consolidate::compare::{plan_prose, with_unit};
use crate::consolidate::{Assessment, Consolidated, MeasureResult, Verdict, stretch_of, verdict_of};
use crate::period::PeriodNames;
use crate::plan::{Behaviour, Plan};
use crate::render::tables::reporter_codes;
use crate::render::tables::short_names;
use crate::render::views::{IndicatorsView, Lettered};
use crate::vn;

/// Section II.2: the summary sentence, then one lettered group per assessment category that has
/// indicators, in [`Assessment::ALL`] order.
pub fn indicators(plan: &Plan, c: &Consolidated, names: &PeriodNames) -> IndicatorsView {
    let summary = format!(
        "{} Chi tiết tại {} {}.",
        crate::consolidate::assessment_summary(&c.indicators, "chỉ tiêu chủ yếu"),
        plan.report.appendix_word,
        plan.report.appendices.indicators.number,
    );
    let groups = Assessment::ALL
        .iter()
        .map(|a| (a, c.indicators.iter().filter(|m| m.assessment == *a).collect::<Vec<_>>()))
        .filter(|(_, ms)| !ms.is_empty())
        .enumerate()
        .map(|(i, (a, ms))| Lettered {
            letter: letter(i),
            title: category_title(*a, ms.len()),
            lines: ms.iter().enumerate().map(|(j, m)| line(plan, m, names, j)).collect(),
        })
        .collect();
    IndicatorsView { summary, groups: super::lettered(groups) }
}

/// `15 chỉ tiêu có khả năng đạt kế hoạch năm`.
fn category_title(a: Assessment, n: usize) -> String {
    let what = match a {
        Assessment::Exceeded => "đã vượt kế hoạch năm",
        Assessment::Achieved => "đã đạt kế hoạch năm",
        Assessment::OnTrack => "có khả năng đạt kế hoạch năm",
        Assessment::BehindPace => "chậm so với tiến độ, cần tập trung chỉ đạo",
        Assessment::AtRisk => "khó đạt kế hoạch năm",
        Assessment::NotAchieved => "không đạt kế hoạch năm",
        Assessment::PerAgency => "theo dõi theo từng cơ quan",
        Assessment::Incomplete => "chưa đủ số liệu để đánh giá",
        Assessment::NotReported => "chưa có số liệu",
    };
    format!("{n} chỉ tiêu {what}")
}

/// One indicator's sentence; `i` (its place in the group) picks between equivalent word orders,
/// so a list does not read as one sentence repeated.
fn line(plan: &Plan, m: &MeasureResult, names: &PeriodNames, i: usize) -> String {
    let mut s = m.name.clone();
    match (m.assessment, m.value) {
        (Assessment::PerAgency, _) => {
            s.push_str(": ");
            s.push_str(m.reason.trim_end_matches('.'));
        }
        (_, None) => match m.year_estimate {
            Some(e) => {
                s.push_str(&format!(": chưa có số liệu {}", names.report));
                s.push_str(&estimate(plan, m, e, i));
            }
            None => {
                let who = short_names(plan, &reporter_codes(plan, m));
                if !who.is_empty() {
                    s.push_str(&format!(" (cơ quan báo cáo: {who})"));
                }
            }
        },
        (_, Some(v)) => {
            let flow = m.behaviour == Behaviour::Cumulative;
            if flow {
                s.push_str(&format!(" {} ước đạt {}", names.cumulative, with_unit(m, v)));
            } else {
                s.push_str(&format!(" ước đạt {}", with_unit(m, v)));
            }
            let mut parts = Vec::new();
            if let Some(c) = &m.vs_plan {
                let mut vs = plan_prose(m, c);
                // A lagging flow behind the expected share of the year says so next to its share.
                if let (true, true, Some(p), Some(share)) =
                    (flow, m.assessment.is_lagging(), m.expected_pace, m.percent_of_target)
                    && share < p
                {
                    vs.push_str(&format!(
                        ", thấp hơn tiến độ cần đạt ({})",
                        vn::percent((p * 10.0).round() / 10.0)
                    ));
                }
                parts.push(vs);
            } else {
                parts.push(format!("kế hoạch {}", m.target.label(&m.unit)));
            }
            if let Some(c) = &m.vs_last_year {
                parts.push(c.last_year_prose());
            }
            let previous = names.of.previous_in_year().map(|q| q.short_label());
            if let (false, Some(c), Some(before)) = (m.previous_alone, &m.vs_previous, &previous) {
                parts.push(c.prose(before));
            }
            if i % 2 == 1 {
                parts.reverse();
            }
            s.push_str(&format!(", {}", parts.join(", ")));
            if let (true, Some(c), Some(before), Some(alone)) =
                (m.previous_alone, &m.vs_previous, &previous, m.quarter_value)
            {
                s.push_str(&format!(
                    "; riêng {} ước đạt {}, {}",
                    names.of.short_label(),
                    with_unit(m, alone),
                    c.prose(before)
                ));
            }
            if let Some(e) = m.year_estimate {
                s.push_str(&estimate(plan, m, e, i));
                if m.cautious_estimate
                    && let Some(x) = stretch_of(plan, m, names.of)
                {
                    s.push_str(&format!(
                        "; số ước cần thận trọng vì những tháng còn lại phải thực hiện nhanh gấp {} lần nhịp độ {}",
                        vn::number((x * 100.0).round() / 100.0),
                        names.cumulative
                    ));
                }
            }
        }
    }
    if m.reporters_reported < m.reporters_expected && m.reporters_reported > 0 {
        s.push_str(&format!(
            "; mới có {}/{} {} báo cáo",
            m.reporters_reported, m.reporters_expected, m.reporters_noun
        ));
    }
    s.push('.');
    s
}

/// `; ước cả năm đạt 17.500 tỷ đồng, vượt kế hoạch`.
pub(super) fn estimate(plan: &Plan, m: &MeasureResult, e: f64, i: usize) -> String {
    let value = with_unit(m, e);
    match verdict_of(plan, m, e) {
        Some(Verdict::Exceeded) => format!("; ước cả năm đạt {value}, vượt kế hoạch"),
        // "Khoảng 212.000" reached within its tolerance but below the figure: say so.
        Some(Verdict::Attained) if matches!(m.target, crate::plan::Target::About(t) if (e - t) * sign(m) < 0.0) =>
        {
            format!("; ước cả năm đạt {value}, xấp xỉ kế hoạch ({})", lower_first(&m.target.label(&m.unit)))
        }
        Some(Verdict::Attained) if i.is_multiple_of(2) => {
            format!("; ước cả năm đạt {value}, hoàn thành kế hoạch")
        }
        Some(Verdict::Attained) => format!("; dự kiến cả năm đạt {value}, đạt kế hoạch"),
        Some(Verdict::Missed) => {
            format!(
                "; ước cả năm chỉ đạt {value}, không đạt kế hoạch ({})",
                lower_first(&m.target.label(&m.unit))
            )
        }
        None => format!("; ước cả năm đạt {value}"),
    }
}

/// +1 when more is better, -1 when less is.
fn sign(m: &MeasureResult) -> f64 {
    if m.direction == crate::plan::Direction::Lower { -1.0 } else { 1.0 }
}
