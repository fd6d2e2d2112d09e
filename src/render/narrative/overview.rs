//! Section II.1 "Đánh giá chung": the headline figures in a few sentences and a summary table of
//! the main indicators, as every published provincial report opens its results.

use super::{lower_first, upper_first};
use crate::consolidate::compare::{plan_prose, with_unit};
use crate::consolidate::{Assessment, Consolidated, MeasureResult};
use crate::period::PeriodNames;
use crate::plan::{Behaviour, Kind, Plan};
use crate::render::tables::indicator_rows;
use crate::render::views::OverviewView;
use crate::vn;

/// How many indicators the summary table shows when the plan marks none as `headline`.
const DEFAULT_HEADLINES: usize = 6;

/// Section II.1: the overall assessment and the summary table.
pub fn overview(plan: &Plan, c: &Consolidated, names: &PeriodNames) -> OverviewView {
    let headline = headlines(plan, c);
    let mut paragraphs = Vec::new();

    let ok = c
        .indicators
        .iter()
        .filter(|m| m.assessment.is_reached() || m.assessment == crate::consolidate::Assessment::OnTrack)
        .count();
    let lagging = c.indicators.iter().filter(|m| m.assessment.is_lagging()).count();
    let mut first = format!("Trong {}, {}", names.report, growth_clause(c, names));
    let mut judged = Vec::new();
    if ok > 0 {
        judged.push(format!(
            "{ok}/{} chỉ tiêu chủ yếu đạt hoặc có khả năng đạt kế hoạch năm",
            c.indicators.len()
        ));
    }
    if lagging > 0 {
        judged.push(format!("{lagging} chỉ tiêu chậm tiến độ hoặc khó đạt, cần tập trung chỉ đạo"));
    }
    // The year's report states the whole-year results in their own paragraph (narrative::year).
    if !judged.is_empty() && !names.annual {
        first.push_str(&format!("; {}", judged.join(", ")));
    }
    first.push('.');
    paragraphs.push(first);

    let total = plan.growth.total_indicator.as_ref().map(ToString::to_string);
    let figures: Vec<String> = headline
        .iter()
        .filter(|m| Some(m.code.to_string()) != total)
        .filter_map(|m| figure(m, names))
        .collect();
    if !figures.is_empty() {
        paragraphs.push(format!("{}.", upper_first(&figures.join("; "))));
    }

    let tasks = &c.tasks;
    let done = tasks.iter().filter(|t| t.status.is_done()).count();
    let overdue = tasks.iter().filter(|t| t.status == crate::consolidate::TaskStatus::Overdue).count();
    if !tasks.is_empty() && !names.annual {
        let mut s = if done > 0 {
            format!("Về thực hiện nhiệm vụ: {done}/{} nhiệm vụ đã hoàn thành", tasks.len())
        } else {
            format!("Về thực hiện nhiệm vụ: trong {} nhiệm vụ, chưa có nhiệm vụ nào hoàn thành", tasks.len())
        };
        if overdue > 0 {
            s.push_str(&format!("; {overdue} nhiệm vụ quá hạn chưa hoàn thành"));
        }
        s.push('.');
        paragraphs.push(s);
    }
    let codes: Vec<String> = headline.iter().map(|m| m.code.to_string()).collect();
    let table = indicator_rows(plan, &c.indicators).into_iter().filter(|r| codes.contains(&r.code)).collect();
    OverviewView { paragraphs, table }
}

/// The headline indicators: those the plan marks `headline`, or the first few.
fn headlines<'c>(plan: &Plan, c: &'c Consolidated) -> Vec<&'c MeasureResult> {
    let marked: Vec<String> = plan
        .indicators
        .iter()
        .filter(|m| m.headline)
        .filter_map(|m| m.code.as_ref().map(ToString::to_string))
        .collect();
    let results = c.indicators.iter().chain(&c.task_targets);
    if marked.is_empty() {
        c.indicators.iter().take(DEFAULT_HEADLINES).collect()
    } else {
        results.filter(|m| marked.contains(&m.code.to_string())).collect()
    }
}

/// `tốc độ tăng trưởng GRDP ước tăng 14,14% so với cùng kỳ (riêng quý II tăng 14,31%), cao hơn
/// kịch bản 0,01 điểm %`.
fn growth_clause(c: &Consolidated, names: &PeriodNames) -> String {
    let t = &c.growth.total;
    let Some(e) = t.estimate else {
        return "chưa đủ số liệu để ước tính tốc độ tăng trưởng GRDP".to_owned();
    };
    let mut s = format!(
        "tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) ước {} so với cùng kỳ",
        vn::growth_prose(e)
    );
    if let (Some(q), false) = (t.quarter_estimate, names.of.number == 1) {
        s.push_str(&format!(
            " (riêng quý {} {})",
            vn::roman(u32::from(names.of.number)),
            vn::growth_prose(q)
        ));
    }
    if let Some(sc) = t.scenario {
        s.push_str(&format!(", {} kịch bản đề ra", super::growth::compare(e - sc)));
    }
    s
}

/// One headline figure in a clause: `thu ngân sách nhà nước trên địa bàn ước đạt 10.111,7 tỷ
/// đồng, bằng 62,9% kế hoạch năm (16.068 tỷ đồng), tăng 32% so với cùng kỳ`; a ranking as
/// `xếp thứ 9/63`.
fn figure(m: &MeasureResult, names: &PeriodNames) -> Option<String> {
    let v = m.value?;
    let name = lower_first(&m.name);
    let mut s = if m.kind == Kind::Ranking {
        format!("{name} xếp {}", with_unit(m, v))
    } else if m.behaviour == Behaviour::Cumulative {
        format!("{name} {} ước đạt {}", names.cumulative, with_unit(m, v))
    } else {
        format!("{name} ước đạt {}", with_unit(m, v))
    };
    if let Some(c) = &m.vs_plan {
        s.push_str(&format!(", {}", plan_prose(m, c)));
    }
    if let Some(c) = &m.vs_last_year {
        s.push_str(&format!(", {}", c.last_year_prose()));
    }
    // A sum some reporters are missing from says whose sum it is.
    if m.assessment == Assessment::Incomplete {
        s.push_str(&format!(
            " (số của {}/{} {} đã báo cáo)",
            m.reporters_reported, m.reporters_expected, m.reporters_noun
        ));
    }
    Some(s)
}
