//! Section II.4–5: results by task group and the status of every task.

use super::{letter, lower_first, plan_reference};
use crate::consolidate::{Consolidated, TaskResult, TaskStatus};
use crate::plan::{AgencyCode, Plan};
use crate::render::tables::short_names;
use crate::render::views::GroupView;
use crate::vn;

/// How many reported results a group section quotes before referring to Phụ lục 3.
const RESULTS_PER_GROUP: usize = 6;

/// Section II.3: one view per task group with counts and reported results.
pub fn groups(plan: &Plan, c: &Consolidated) -> Vec<GroupView> {
    c.task_groups
        .iter()
        .filter(|g| !Plan::is_duties_group(&g.number))
        .map(|g| {
            let tasks: Vec<&TaskResult> = c.tasks.iter().filter(|t| t.group == g.number).collect();
            let results = group_results(plan, &tasks);
            GroupView {
                letter: String::new(),
                number: g.number.clone(),
                title: g.title.clone(),
                summary: status_sentence(&tasks, results.len()),
                results,
            }
        })
        .enumerate()
        .map(|(i, mut v)| {
            v.letter = letter(i);
            v
        })
        .collect()
}

/// `Nhóm có 27 nhiệm vụ: 2 hoàn thành đúng hạn; 1 đã trình, chờ phê duyệt; …`.
fn status_sentence(tasks: &[&TaskResult], quoted: usize) -> String {
    let lead = match quoted {
        0 => "",
        1 => " Kết quả một nhiệm vụ các cơ quan đã báo cáo:",
        _ => " Một số kết quả các cơ quan đã báo cáo:",
    };
    format!("Nhóm có {}.{lead}", status_counts(tasks))
}

/// `27 nhiệm vụ: 2 hoàn thành đúng hạn; …` by overall status in [`TaskStatus::ALL`] order, zeros
/// left out (semicolons between the counts, because a label may itself hold a comma); `4 nhiệm
/// vụ, đều thường xuyên` when all share one status, `1 nhiệm vụ (thường xuyên)` for one.
fn status_counts(tasks: &[&TaskResult]) -> String {
    let parts: Vec<(usize, String)> = TaskStatus::ALL
        .iter()
        .map(|s| (tasks.iter().filter(|t| t.status == *s).count(), lower_first(s.label())))
        .filter(|(n, _)| *n > 0)
        .collect();
    match parts.as_slice() {
        [] => "không có nhiệm vụ nào".to_owned(),
        [(1, label)] => format!("1 nhiệm vụ ({label})"),
        [(n, label)] => format!("{n} nhiệm vụ, đều {label}"),
        _ => format!(
            "{} nhiệm vụ: {}",
            tasks.len(),
            parts.iter().map(|(n, l)| format!("{n} {l}")).collect::<Vec<_>>().join("; ")
        ),
    }
}

/// How many agencies' results one task's line quotes.
const RESULTS_PER_TASK: usize = 2;

/// The reported results a group section quotes: one line per task (finished tasks first), each
/// quoting the named lead's result first, then one of a unit of another kind (a commune after
/// a department), never the same text twice; at most [`RESULTS_PER_GROUP`] tasks.
/// `Thu hút đầu tư: đã thu hút 5 dự án (Sở Công Thương); giải phóng mặt bằng 20 ha (Lục Nam).`
fn group_results(plan: &Plan, tasks: &[&TaskResult]) -> Vec<String> {
    let mut ordered: Vec<&&TaskResult> = tasks.iter().collect();
    ordered.sort_by_key(|t| !t.status.is_done());
    ordered.into_iter().filter_map(|t| task_results(plan, t)).take(RESULTS_PER_GROUP).collect()
}

fn task_results(plan: &Plan, t: &TaskResult) -> Option<String> {
    let kind = |a: &AgencyCode| plan.agency(a).map(|x| x.kind);
    let mut with_result: Vec<(&AgencyCode, &str)> = t
        .assignees
        .iter()
        .filter_map(|a| Some((&a.agency, a.result.as_deref()?.trim().trim_end_matches('.').trim())))
        .filter(|(_, r)| !r.is_empty())
        .collect();
    // Named leads first (a group's members after them), then by kind, then plan order.
    with_result.sort_by_key(|(a, _)| (!t.lead.contains(a), kind(a)));
    let mut picked: Vec<(&AgencyCode, &str)> = Vec::new();
    for (agency, result) in with_result {
        if picked.len() >= RESULTS_PER_TASK {
            break;
        }
        let same_text = picked.iter().any(|(_, r)| vn::fold(r) == vn::fold(result));
        let same_kind = picked.iter().any(|(a, _)| kind(a) == kind(agency));
        if !same_text && !same_kind {
            picked.push((agency, result));
        }
    }
    if picked.is_empty() {
        return None;
    }
    let quoted: Vec<String> = picked
        .iter()
        .map(|(a, r)| format!("{} ({})", lower_first(r), short_names(plan, std::slice::from_ref(*a))))
        .collect();
    Some(format!("{}: {}.", t.title, quoted.join("; ")))
}

/// Section II.4 sentence: `Trong 169 nhiệm vụ giao tại Kế hoạch số …, đến nay có 14 hoàn thành
/// đúng hạn; …. Chi tiết tại Phụ lục 3.`
pub fn task_summary(plan: &Plan, c: &Consolidated) -> String {
    let parts: Vec<String> = TaskStatus::ALL
        .iter()
        .map(|s| (c.tasks.iter().filter(|t| t.status == *s).count(), lower_first(s.label())))
        .filter(|(n, _)| *n > 0)
        .map(|(n, l)| format!("{n} {l}"))
        .collect();
    format!(
        "Trong {} nhiệm vụ giao tại {}{}, đến nay có {}. Chi tiết tại {} {}.",
        c.tasks.len(),
        plan_reference(plan),
        match plan.duties_groups().as_slice() {
            [] => String::new(),
            sections => format!(" (bao gồm nhiệm vụ tại mục {})", sections.join(", ")),
        },
        parts.join("; "),
        plan.report.appendix_word,
        plan.report.appendices.tasks.number
    )
}
