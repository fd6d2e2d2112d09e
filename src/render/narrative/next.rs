//! Sections IV (tasks and solutions for the next period) and V (proposals).

use super::causes::{Said, causes};
use super::{issuer_name, letter, list_suffix, plan_reference};
use crate::collect::AgencyStatus;
use crate::consolidate::{Consolidated, TaskStatus};
use crate::period::PeriodNames;
use crate::plan::{AgencyCode, Plan};
use crate::render::tables::short_names;
use crate::render::views::{Lettered, NextView};
use crate::vn;

/// Section IV: what to do in the next period (`6 tháng cuối năm 2024` after quý II): the
/// general direction, then lettered lists of the tasks due in that period and the overdue ones.
pub fn next_period(plan: &Plan, c: &Consolidated, names: &PeriodNames) -> NextView {
    let in_next = |d: Option<time::Date>| d.is_some_and(|d| d >= names.next_from && d <= names.next_to);
    // Tasks due within the year are only counted: listing every one of them would bury the few
    // with a nearer, specific deadline.
    let open_in_next =
        |t: &&crate::consolidate::TaskResult| !t.status.is_done() && in_next(t.deadline.due_date());
    let whole_year = c
        .tasks
        .iter()
        .filter(open_in_next)
        .filter(|t| matches!(t.deadline, crate::plan::Deadline::Year(_)))
        .count();
    let due: Vec<String> = c
        .tasks
        .iter()
        .filter(open_in_next)
        .filter(|t| !matches!(t.deadline, crate::plan::Deadline::Year(_)))
        .map(|t| {
            format!(
                "{} \u{201c}{}\u{201d} (thời hạn {}; chủ trì: {}).",
                t.id,
                t.title,
                t.deadline.label(),
                short_names(plan, &t.lead)
            )
        })
        .collect();
    let overdue: Vec<String> = c
        .tasks
        .iter()
        .filter(|t| t.status == TaskStatus::Overdue)
        .map(|t| {
            // Only the agencies that reported it unfinished are asked to finish it.
            let behind = super::codes_with(t, TaskStatus::Overdue);
            let who = if behind.len() == t.total {
                format!("chủ trì: {}", short_names(plan, &t.lead))
            } else {
                format!("chưa hoàn thành: {}", super::behind_names(plan, &behind))
            };
            format!("{} \u{201c}{}\u{201d} ({who}).", t.id, t.title)
        })
        .collect();
    let lagging: Vec<String> = c
        .indicators
        .iter()
        .filter(|m| m.assessment.is_lagging())
        .map(|m| super::lower_first(&m.name))
        .collect();
    let mut general = vec![format!(
        "{} tiếp tục triển khai quyết liệt các nhiệm vụ, giải pháp tại {}; tập trung hoàn thành các nhiệm vụ có thời hạn trong {}{}.",
        vn::upper_first(&plan.reporters_collective()),
        plan_reference(plan),
        names.next,
        if overdue.is_empty() { "" } else { " và các nhiệm vụ đã quá hạn" },
    )];
    if !lagging.is_empty() {
        general.push(format!(
            "Tập trung các giải pháp để phấn đấu hoàn thành các chỉ tiêu đang chậm tiến độ, khó đạt: {}.",
            lagging.join("; ")
        ));
    }
    if whole_year > 0 {
        general.push(format!(
            "Có {whole_year} nhiệm vụ có thời hạn hoàn thành trong năm {} chưa hoàn thành, cần đẩy nhanh tiến độ (chi tiết tại {} {}).",
            names.next_to.year(),
            plan.report.appendix_word,
            plan.report.appendices.tasks.number
        ));
    }
    let next = names.of.next();
    general.push(format!(
        "{} gửi báo cáo {} về {} chậm nhất ngày {}.",
        vn::upper_first(&plan.reporters_collective()),
        next.label(),
        issuer_name(plan),
        vn::date_short(next.deadline(plan.info.submission_day)),
    ));
    let items = [
        (format!("Nhiệm vụ có thời hạn trong {}", names.next), due),
        ("Nhiệm vụ quá hạn cần hoàn thành ngay".to_owned(), overdue),
    ]
    .into_iter()
    .filter(|(_, lines)| !lines.is_empty())
    .enumerate()
    .map(|(i, (title, lines))| Lettered { letter: letter(i), title, lines })
    .collect();
    NextView { general, items: super::lettered(items) }
}

/// Section V: the agencies' proposals (grouped as the causes are), then the department's
/// standing request about agencies that did not report.
pub fn proposals(plan: &Plan, c: &Consolidated) -> Vec<String> {
    let mut out: Vec<String> =
        causes(plan, c, Said::Proposal, false).into_iter().flat_map(|g| g.lines).collect();
    let late: Vec<AgencyCode> = c
        .agencies
        .iter()
        .filter(|a| matches!(a.reporting, AgencyStatus::Missing | AgencyStatus::Rejected))
        .map(|a| a.agency.clone())
        .collect();
    if !late.is_empty() {
        out.push(format!(
            "Đề nghị {} chỉ đạo {} chưa gửi báo cáo hoặc có báo cáo không hợp lệ{} khẩn trương hoàn thiện, gửi báo cáo theo quy định.",
            plan.info.issuer_short,
            super::counted(plan, late.len(), &late),
            list_suffix(plan, &late)
        ));
    }
    out
}

/// The closing sentence: to whom the report goes and by when it must go on to the upper level
/// (`report.upward-deadline-day` of the quarter's last month).
pub fn closing(plan: &Plan, names: &PeriodNames) -> String {
    let to = plan.report.reports_to.clone().unwrap_or_else(|| plan.info.issuer_short.clone());
    let upward = names.of.deadline(plan.report.upward_deadline_day);
    format!(
        "Trên đây là báo cáo tình hình thực hiện {} và nhiệm vụ, giải pháp {}; {} kính báo cáo {to} để tổng hợp, báo cáo cấp trên trước ngày {}.",
        names.report,
        names.next,
        issuer_name(plan),
        vn::date_short(upward)
    )
}
