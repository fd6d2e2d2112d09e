//! The data-driven sentences of the report, in Vietnamese.

use time::Date;

use super::tables::{reporter_codes, short_names};
use super::views::{ChartRow, GroupView, GrowthView, IndicatorsView, NextView, ShortcomingsView};
use crate::collect::{AgencyStatus, Intake};
use crate::consolidate::{Assessment, Consolidated, MeasureResult, TaskResult, TaskStatus};
use crate::period::Quarter;
use crate::plan::{AgencyCode, Plan};
use crate::vn;

/// How many reported results a group section quotes before referring to Phụ lục 3.
const RESULTS_PER_GROUP: usize = 6;

/// `Kế hoạch số …/KH-UBND tháng 01 năm 2024 của UBND tỉnh`.
fn plan_reference(plan: &Plan) -> String {
    let p = &plan.info;
    let number = p.number.clone().unwrap_or_else(|| "…".to_owned());
    let date = match (&p.date, &p.date_text) {
        (Some(d), _) => format!(" ngày {}", vn::date_short(d.0)),
        (None, Some(t)) => format!(" {t}"),
        (None, None) => String::new(),
    };
    format!("Kế hoạch số {number}/{}{date} của {}", p.symbol, p.issuer_short)
}

fn resolution_reference(plan: &Plan) -> String {
    match plan.info.implements.first() {
        Some(r) => {
            let date = r.date.map(|d| format!(" ngày {}", vn::date_short(d.0))).unwrap_or_default();
            format!("Nghị quyết số {}{date} của {}", r.number, r.issuer)
        }
        None => plan.info.title.clone(),
    }
}

/// The trích yếu.
pub fn title(plan: &Plan, q: Quarter) -> String {
    // A no-break space keeps "quý II/2024" on one line of the centred title.
    let quarter = q.label().replacen(' ', "\u{a0}", 1);
    format!(
        "Tình hình thực hiện {} thực hiện {}, {quarter}",
        plan_reference(plan),
        resolution_reference(plan)
    )
}

/// The opening paragraph.
pub fn intro(plan: &Plan, q: Quarter) -> String {
    format!(
        "Thực hiện {} về {}, trên cơ sở báo cáo của các sở, ban, ngành, UBND các huyện, thành phố, {} báo cáo tình hình thực hiện {} như sau:",
        plan_reference(plan),
        lower_first(&plan.info.title),
        plan.agency(&plan.report.issuer_code)
            .map_or_else(|| plan.report.issuing_agency.clone(), |a| a.name.clone()),
        q.label()
    )
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Section I: action programmes and reporting discipline.
pub fn direction(plan: &Plan, intake: &Intake, c: &Consolidated) -> Vec<String> {
    let mut out = Vec::new();
    let deadline = vn::date_short(plan.info.action_programme_deadline.0);
    if let Some(t) = c.tasks.iter().find(|t| t.group == "III") {
        let on_time = count(t, TaskStatus::DoneOnTime);
        let late = count(t, TaskStatus::DoneLate);
        let submitted = count(t, TaskStatus::Submitted);
        let not_reported: Vec<AgencyCode> = codes_with(t, TaskStatus::NotReported);
        let not_done = t.total - on_time - late - submitted - not_reported.len();
        let mut parts = vec![format!("{on_time} cơ quan ban hành đúng hạn (trước ngày {deadline})")];
        if late > 0 {
            parts.push(format!("{late} cơ quan ban hành chậm"));
        }
        let mut rest = Vec::new();
        if submitted > 0 {
            rest.push(format!("{submitted} cơ quan đã trình, chờ phê duyệt"));
        }
        if not_done > 0 {
            rest.push(format!("{not_done} cơ quan chưa ban hành"));
        }
        if !not_reported.is_empty() {
            rest.push(format!(
                "{} cơ quan chưa báo cáo nội dung này{}",
                not_reported.len(),
                list_suffix(plan, &not_reported)
            ));
        }
        let rest = if rest.is_empty() { String::new() } else { format!("; {}", rest.join("; ")) };
        out.push(format!(
            "Về xây dựng chương trình, kế hoạch hành động: đến ngày {}, có {}/{} cơ quan, đơn vị đã ban hành chương trình, kế hoạch hành động thực hiện Kế hoạch, trong đó {}{rest}.",
            vn::date_short(c.cutoff), on_time + late, t.total, parts.join(" và "),
        ));
    }
    let r = &c.reporting;
    let mut problems = Vec::new();
    for (n, what) in
        [(r.late, "gửi muộn"), (r.rejected, "có tệp báo cáo không hợp lệ"), (r.missing, "chưa gửi báo cáo")]
    {
        if n > 0 {
            problems.push(format!("{n} cơ quan {what}"));
        }
    }
    let problems = if problems.is_empty() { String::new() } else { format!("; {}", problems.join(", ")) };
    out.push(format!(
        "Về chế độ báo cáo: {}/{} cơ quan, đơn vị đã gửi báo cáo {} (đạt {}%), trong đó {} cơ quan gửi đúng hạn, không muộn hơn ngày {} (đạt {}%){problems}.",
        r.received, r.expected, intake.quarter.label(), vn::number_fixed(r.completeness, 1), r.on_time,
        vn::date_short(c.deadline), vn::number_fixed(r.timeliness, 1),
    ));
    out
}

fn count(t: &TaskResult, s: TaskStatus) -> usize {
    t.assignees.iter().filter(|a| a.status == s).count()
}

fn codes_with(t: &TaskResult, s: TaskStatus) -> Vec<AgencyCode> {
    t.assignees.iter().filter(|a| a.status == s).map(|a| a.agency.clone()).collect()
}

/// Names listed in running text; longer lists are left to section III and the appendices.
const MAX_NAMES_IN_TEXT: usize = 10;

fn list_suffix(plan: &Plan, codes: &[AgencyCode]) -> String {
    if codes.is_empty() || codes.len() > MAX_NAMES_IN_TEXT {
        String::new()
    } else {
        format!(" ({})", short_names(plan, codes))
    }
}

/// Section II.1.
pub fn indicators(plan: &Plan, c: &Consolidated) -> IndicatorsView {
    let summary = format!(
        "{} Chi tiết tại Phụ lục {}.",
        crate::consolidate::assessment_summary(&c.indicators, "chỉ tiêu chủ yếu"),
        plan.report.appendices.indicators.number,
    );
    let lines = c.indicators.iter().map(|m| format!("{}: {}", m.name, indicator_phrase(m))).collect();
    IndicatorsView { summary, lines }
}

fn indicator_phrase(m: &MeasureResult) -> String {
    match m.assessment {
        Assessment::NotReported => "chưa có số liệu báo cáo.".to_owned(),
        a => format!("{} ({}).", m.reason.trim_end_matches('.'), lower_first(a.label())),
    }
}

/// Section II.2.
pub fn growth(c: &Consolidated) -> GrowthView {
    let g = &c.growth;
    let t = &g.total;
    let period = g.period.label();
    let summary = match (t.estimate, t.scenario) {
        (Some(e), Some(s)) => format!(
            "Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) {period} ước {} so với cùng kỳ năm trước, {} kịch bản đề ra ({}%).",
            vn::growth_prose(e),
            compare(e - s),
            vn::number(s)
        ),
        (Some(e), None) => {
            format!("Tốc độ tăng trưởng GRDP {period} ước {} so với cùng kỳ năm trước.", vn::growth_prose(e))
        }
        _ => format!(
            "Chưa đủ số liệu của các ngành để ước tính tốc độ tăng trưởng GRDP {period}; kịch bản đề ra là {}%.",
            t.scenario.map_or_else(|| "-".to_owned(), vn::number)
        ),
    };
    let lines = g
        .rows
        .iter()
        .filter_map(|r| {
            let e = r.estimate?;
            let contribution = r
                .contribution
                .map(|x| format!(", đóng góp {} điểm phần trăm", vn::number_fixed(x, 2)))
                .unwrap_or_default();
            let vs = r
                .scenario
                .map(|s| format!(" ({} kịch bản {}%)", compare(e - s), vn::number(s)))
                .unwrap_or_default();
            Some(format!("Khu vực {} {}{vs}{contribution}.", lower_first(&r.name), vn::growth_prose(e)))
        })
        .collect();
    let chart = g
        .rows
        .iter()
        .chain(std::iter::once(t))
        .map(|r| ChartRow {
            label: r.name.clone(),
            scenario: r.scenario,
            estimate: r.estimate,
            scenario_text: r.scenario.map_or_else(|| "-".to_owned(), |v| vn::number_fixed(v, 2)),
            estimate_text: r.estimate.map_or_else(|| "-".to_owned(), |v| vn::number_fixed(v, 2)),
        })
        .collect();
    GrowthView { summary, lines, chart }
}

fn compare(gap: f64) -> String {
    if gap.abs() < 0.005 {
        "bằng".to_owned()
    } else if gap > 0.0 {
        format!("cao hơn {} điểm phần trăm so với", vn::number_fixed(gap, 2))
    } else {
        format!("thấp hơn {} điểm phần trăm so với", vn::number_fixed(-gap, 2))
    }
}

/// Section II.3: one view per task group with counts and reported results.
pub fn groups(plan: &Plan, c: &Consolidated) -> Vec<GroupView> {
    c.task_groups
        .iter()
        .filter(|g| g.number != "III")
        .map(|g| {
            let tasks: Vec<&TaskResult> = c.tasks.iter().filter(|t| t.group == g.number).collect();
            GroupView {
                number: g.number.clone(),
                title: g.title.clone(),
                summary: status_sentence(&tasks),
                results: group_results(plan, &tasks),
            }
        })
        .collect()
}

/// `Nhóm nhiệm vụ gồm 27 nhiệm vụ: hoàn thành đúng hạn 2; đã trình, chờ phê duyệt 1; …`: counts
/// by overall status in [`TaskStatus::ALL`] order, zeros left out; semicolons between the
/// counts because a label may itself hold a comma.
fn status_sentence(tasks: &[&TaskResult]) -> String {
    let parts: Vec<String> = TaskStatus::ALL
        .iter()
        .filter_map(|s| {
            let n = tasks.iter().filter(|t| t.status == *s).count();
            (n > 0).then(|| format!("{} {n}", lower_first(s.label())))
        })
        .collect();
    format!("Nhóm nhiệm vụ gồm {} nhiệm vụ: {}.", tasks.len(), parts.join("; "))
}

fn group_results(plan: &Plan, tasks: &[&TaskResult]) -> Vec<String> {
    let mut out = Vec::new();
    let mut ordered: Vec<&&TaskResult> = tasks.iter().collect();
    ordered.sort_by_key(|t| (!t.status.is_done(), t.total > 1));
    for t in ordered {
        for a in t.assignees.iter().filter(|a| a.result.is_some()) {
            if out.len() >= RESULTS_PER_GROUP {
                return out;
            }
            let who = short_names(plan, std::slice::from_ref(&a.agency));
            let result = a.result.as_deref().unwrap_or_default().trim().trim_end_matches('.');
            out.push(format!("{who} ({}): {result}.", t.title));
        }
    }
    out
}

/// Section II.4 sentence.
pub fn task_summary(plan: &Plan, c: &Consolidated) -> String {
    let tasks: Vec<&TaskResult> = c.tasks.iter().collect();
    format!(
        "Tổng hợp {} nhiệm vụ giao tại {} (bao gồm nhiệm vụ tại mục III): {} Chi tiết tại Phụ lục {}.",
        tasks.len(),
        plan_reference(plan),
        status_sentence(&tasks)
            .trim_start_matches("Nhóm nhiệm vụ gồm ")
            .split_once(": ")
            .map_or(String::new(), |x| x.1.to_owned()),
        plan.report.appendices.tasks.number
    )
}

/// Section III.
pub fn shortcomings(plan: &Plan, c: &Consolidated) -> ShortcomingsView {
    let overdue = c
        .tasks
        .iter()
        .filter(|t| t.status == TaskStatus::Overdue)
        .map(|t| {
            let late: Vec<AgencyCode> = codes_with(t, TaskStatus::Overdue);
            let silent: Vec<AgencyCode> = codes_with(t, TaskStatus::NotReported);
            let mut who = Vec::new();
            if !late.is_empty() {
                who.push(format!("{} chưa hoàn thành", short_names(plan, &late)));
            }
            if !silent.is_empty() {
                who.push(format!("{} cơ quan chưa báo cáo{}", silent.len(), list_suffix(plan, &silent)));
            }
            format!(
                "Nhiệm vụ {} \u{201c}{}\u{201d} (thời hạn {}): {}.",
                t.id,
                t.title,
                t.deadline.label(),
                who.join("; ")
            )
        })
        .collect();
    let lagging = c
        .indicators
        .iter()
        .chain(&c.task_targets)
        .filter(|m| m.assessment.is_lagging())
        .map(|m| {
            let who = reporter_codes(plan, m);
            format!("{} ({}): {}.", m.name, short_names(plan, &who), m.reason.trim_end_matches('.'))
        })
        .collect();
    let r = &c.reporting;
    let mut reporting = Vec::new();
    let mut say = |label: &str, codes: &[AgencyCode]| {
        if !codes.is_empty() {
            reporting.push(format!("{label} ({}): {}.", codes.len(), full_names(plan, codes)));
        }
    };
    say("Chưa gửi báo cáo", &r.missing_agencies);
    say("Gửi báo cáo muộn", &r.late_agencies);
    say("Tệp báo cáo không hợp lệ, phải gửi lại", &r.rejected_agencies);
    let difficulties = issues(plan, c, false);
    ShortcomingsView { overdue, lagging, reporting, difficulties }
}

fn full_names(plan: &Plan, codes: &[AgencyCode]) -> String {
    codes.iter().map(|c| plan.assignee_name(c)).collect::<Vec<_>>().join("; ")
}

/// Agencies' difficulties (`proposals = false`) or proposals (`true`), split on wording.
fn issues(plan: &Plan, c: &Consolidated, proposals: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in &c.tasks {
        for a in &t.assignees {
            let Some(text) = a.issues.as_deref().map(str::trim).filter(|s| !s.is_empty()) else { continue };
            let folded = vn::fold(text);
            let is_proposal = folded.starts_with("đề nghị")
                || folded.starts_with("kiến nghị")
                || folded.starts_with("đề xuất");
            if is_proposal == proposals {
                let who = short_names(plan, std::slice::from_ref(&a.agency));
                let line = format!("{who} (nhiệm vụ {}): {}", t.id, text.trim_end_matches('.')) + ".";
                if !out.contains(&line) {
                    out.push(line);
                }
            }
        }
    }
    out
}

/// Section IV.
pub fn next_quarter(plan: &Plan, c: &Consolidated) -> NextView {
    let next = c.quarter.next();
    let (from, to) = (next.first_day(), next.last_day());
    let in_next = |d: Option<Date>| d.is_some_and(|d| d >= from && d <= to);
    let due = c
        .tasks
        .iter()
        .filter(|t| !t.status.is_done() && in_next(t.deadline.due_date()))
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
    let overdue = c
        .tasks
        .iter()
        .filter(|t| t.status == TaskStatus::Overdue)
        .map(|t| format!("{} \u{201c}{}\u{201d} (chủ trì: {}).", t.id, t.title, short_names(plan, &t.lead)))
        .collect();
    let lagging: Vec<&str> =
        c.indicators.iter().filter(|m| m.assessment.is_lagging()).map(|m| m.name.as_str()).collect();
    let mut general = vec![format!(
        "Các sở, ban, ngành, UBND các huyện, thành phố tiếp tục triển khai quyết liệt các nhiệm vụ, giải pháp tại {}; tập trung hoàn thành các nhiệm vụ có thời hạn trong {} và các nhiệm vụ đã quá hạn.",
        plan_reference(plan),
        next.label()
    )];
    if !lagging.is_empty() {
        general.push(format!(
            "Tập trung các giải pháp để phấn đấu hoàn thành các chỉ tiêu đang chậm tiến độ, khó đạt: {}.",
            lagging.join("; ")
        ));
    }
    general.push(format!(
        "Các cơ quan, đơn vị gửi báo cáo {} về {} chậm nhất ngày {}.",
        next.label(),
        plan.agency(&plan.report.issuer_code)
            .map_or_else(|| plan.report.issuing_agency.clone(), |a| a.name.clone()),
        vn::date_short(next.deadline(plan.info.submission_day)),
    ));
    NextView { due, overdue, general }
}

/// Section V: proposals the agencies made, then the department's standing request.
pub fn proposals(plan: &Plan, c: &Consolidated) -> Vec<String> {
    let mut out = issues(plan, c, true);
    let late: Vec<AgencyCode> = c
        .agencies
        .iter()
        .filter(|a| matches!(a.reporting, AgencyStatus::Missing | AgencyStatus::Rejected))
        .map(|a| a.agency.clone())
        .collect();
    if !late.is_empty() {
        out.push(format!(
            "Đề nghị {} chỉ đạo {} cơ quan chưa gửi báo cáo hoặc có báo cáo không hợp lệ{} khẩn trương hoàn thiện, gửi báo cáo theo quy định.",
            plan.info.issuer_short,
            late.len(),
            list_suffix(plan, &late)
        ));
    }
    out
}
