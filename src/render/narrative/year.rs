//! The year's report (quý IV): the whole-year results against the plan — which main indicators
//! were met and which missed, with their figures — the tasks done in the year, and the heading
//! of section IV for next year's directions, which the department's notes fill.

use super::lower_first;
use crate::consolidate::compare::{plan_prose, with_unit};
use crate::consolidate::{Assessment, Consolidated, MeasureResult, TaskStatus};
use crate::period::PeriodNames;
use crate::plan::Plan;
use crate::render::views::YearView;

/// The annual shape of a quý IV report; `None` in quarters 1–3. `directions_given` says whether
/// the department's notes fill section IV; `draft` whether the report is still a draft (only a
/// draft carries the placeholder asking for them).
pub fn year(
    plan: &Plan,
    c: &Consolidated,
    names: &PeriodNames,
    directions_given: bool,
    draft: bool,
) -> Option<YearView> {
    if !names.annual {
        return None;
    }
    let (summary, lists) = results(c, names);
    let next = names.next_to.year();
    let placeholder = if directions_given || !draft {
        String::new()
    } else {
        format!(
            "[{} bổ sung phương hướng, mục tiêu, các chỉ tiêu chủ yếu và nhiệm vụ, giải pháp trọng tâm năm {next} tại mục IV của tệp ghi chú notes/{}.md trước khi trình ký.]",
            super::issuer_name(plan),
            c.quarter
        )
    };
    Some(YearView {
        summary,
        lists,
        tasks: tasks(c),
        directions: format!("Phương hướng, mục tiêu năm {next}"),
        measures: format!("Nhiệm vụ, giải pháp chủ yếu năm {next}"),
        placeholder,
    })
}

/// A category of the whole-year results: its words and which assessments belong to it.
type Category = (&'static str, fn(Assessment) -> bool);

/// `Năm 2024 có 12/20 chỉ tiêu chủ yếu đạt và vượt kế hoạch; 3 chỉ tiêu không đạt kế hoạch; …`
/// and one line per category naming its indicators (a missed one with its figure against the
/// target). Categories with no indicator are left out.
fn results(c: &Consolidated, names: &PeriodNames) -> (String, Vec<String>) {
    let all = &c.indicators;
    let categories: [Category; 6] = [
        ("đạt và vượt kế hoạch", Assessment::is_reached),
        ("không đạt kế hoạch", Assessment::is_lagging),
        ("có khả năng đạt kế hoạch", |a| a == Assessment::OnTrack),
        ("theo dõi theo từng cơ quan", |a| a == Assessment::PerAgency),
        ("chưa đủ số liệu để đánh giá", |a| a == Assessment::Incomplete),
        ("chưa có số liệu", |a| a == Assessment::NotReported),
    ];
    let mut counts = Vec::new();
    let mut lists = Vec::new();
    for (what, belongs) in categories {
        let ms: Vec<&MeasureResult> = all.iter().filter(|m| belongs(m.assessment)).collect();
        if ms.is_empty() {
            continue;
        }
        let noun = if counts.is_empty() {
            format!("{}/{} chỉ tiêu chủ yếu", ms.len(), all.len())
        } else {
            format!("{} chỉ tiêu", ms.len())
        };
        counts.push(format!("{noun} {what}"));
        let items: Vec<String> =
            ms.iter().map(|m| if m.assessment.is_lagging() { missed(m) } else { m.name.clone() }).collect();
        lists.push(format!("{} ({} chỉ tiêu): {}.", super::upper_first(what), ms.len(), items.join("; ")));
    }
    let year = names.of.year;
    let summary = if counts.is_empty() {
        format!("Kế hoạch năm {year} không có chỉ tiêu chủ yếu.")
    } else {
        format!("Năm {year} có {}.", counts.join("; "))
    };
    (summary, lists)
}

/// A missed indicator with its figure against the target: `Kim ngạch xuất khẩu (ước đạt 30 tỷ
/// USD, bằng 90,91% kế hoạch năm (33 tỷ USD))`.
fn missed(m: &MeasureResult) -> String {
    let Some(v) = m.value else { return m.name.clone() };
    let against = match &m.vs_plan {
        Some(c) => plan_prose(m, c),
        None => format!("kế hoạch {}", lower_first(&m.target.label(&m.unit))),
    };
    format!("{} (ước đạt {}, {against})", m.name, with_unit(m, v))
}

/// `Về thực hiện nhiệm vụ: trong năm đã hoàn thành 120/169 nhiệm vụ (100 đúng hạn, 20 quá hạn);
/// còn 30 đang thực hiện (trong hạn); …`, zeros left out.
fn tasks(c: &Consolidated) -> String {
    let total = c.tasks.len();
    let count = |s: TaskStatus| c.tasks.iter().filter(|t| t.status == s).count();
    let (on_time, late) = (count(TaskStatus::DoneOnTime), count(TaskStatus::DoneLate));
    let done = on_time + late;
    let mut s = if done == 0 {
        format!(
            "Về thực hiện nhiệm vụ: trong năm chưa có nhiệm vụ nào trong {total} nhiệm vụ được báo cáo hoàn thành"
        )
    } else {
        let split = match (on_time, late) {
            (_, 0) => "đều đúng hạn".to_owned(),
            (0, _) => "đều quá hạn".to_owned(),
            (a, b) => format!("{a} đúng hạn, {b} quá hạn"),
        };
        format!("Về thực hiện nhiệm vụ: trong năm đã hoàn thành {done}/{total} nhiệm vụ ({split})")
    };
    let rest: Vec<String> = TaskStatus::ALL
        .iter()
        .filter(|s| !s.is_done())
        .map(|s| (count(*s), lower_first(s.label())))
        .filter(|(n, _)| *n > 0)
        .map(|(n, l)| format!("{n} {l}"))
        .collect();
    if !rest.is_empty() {
        s.push_str(&format!("; còn {}", rest.join("; ")));
    }
    s.push('.');
    s
}
