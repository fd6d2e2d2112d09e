//! The data-driven sentences of the report, in Vietnamese: one module per part of the report.
//!
//! Every sentence is built from the figures by fixed rules (no randomness: the same inputs give
//! the same words), and no clause states a zero: a count that is zero is left out.

mod causes;
mod growth;
mod indicators;
mod next;
mod overview;
mod tasks;
mod year;

pub use causes::shortcomings;
pub use growth::growth;
pub use indicators::indicators;
pub use next::{closing, next_period, proposals};
pub use overview::overview;
pub use tasks::{groups, task_summary};
pub use year::year;

use super::tables::short_names;
use super::views::Lettered;
use crate::consolidate::{Consolidated, TaskResult, TaskStatus};
use crate::period::PeriodNames;
use crate::plan::{AgencyCode, Plan};
use crate::vn;
pub(crate) use crate::vn::{lower_first, upper_first};

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

/// The trích yếu: what was done in the report's period and the tasks of the next one
/// (`… 6 tháng đầu năm 2024; nhiệm vụ, giải pháp 6 tháng cuối năm 2024`).
pub fn title(plan: &Plan, names: &PeriodNames) -> String {
    // No-break spaces keep the period phrases whole on the lines of the centred title.
    let nb = |s: &str| s.replace(' ', "\u{a0}");
    format!(
        "Tình hình thực hiện {} thực hiện {} {}; nhiệm vụ, giải pháp {}",
        plan_reference(plan),
        resolution_reference(plan),
        nb(&names.report),
        nb(&names.next)
    )
}

/// The opening paragraph.
pub fn intro(plan: &Plan, names: &PeriodNames) -> String {
    let to = plan.report.reports_to.clone().unwrap_or_else(|| plan.info.issuer_short.clone());
    format!(
        "Thực hiện {} về {}, trên cơ sở báo cáo của {}, {} báo cáo {to} tình hình thực hiện {} và nhiệm vụ, giải pháp {} như sau:",
        plan_reference(plan),
        lower_first(&plan.info.title),
        plan.reporters_collective(),
        issuer_name(plan),
        names.report,
        names.next,
    )
}

/// The issuing agency's full name (`Sở Kế hoạch và Đầu tư`).
fn issuer_name(plan: &Plan) -> String {
    plan.agency(&plan.report.issuer_code)
        .map_or_else(|| plan.report.issuing_agency.clone(), |a| a.name.clone())
}

/// A lettered list as printed: a list of one item is not lettered ("a)" with no "b)" is a
/// numbering slip).
pub(crate) fn lettered(mut items: Vec<Lettered>) -> Vec<Lettered> {
    if let [only] = items.as_mut_slice() {
        only.letter.clear();
    }
    items
}

/// The letter of the `i`-th item of a lettered list: a), b), … (đ after d, as Vietnamese
/// documents letter them).
pub fn letter(i: usize) -> String {
    const LETTERS: [&str; 24] = [
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u",
        "v", "x", "y", "z",
    ];
    format!("{})", LETTERS.get(i).copied().unwrap_or("z"))
}

/// Section I: action programmes and reporting discipline.
pub fn direction(plan: &Plan, c: &Consolidated, names: &PeriodNames, as_of: time::Date) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(t) = c.tasks.iter().find(|t| Plan::is_duties_group(&t.group)) {
        out.push(action_programmes(plan, t, as_of));
    }
    out.push(reporting_discipline(plan, c, names));
    out
}

/// `Về xây dựng chương trình, kế hoạch hành động: đến ngày …, có 30/33 cơ quan, đơn vị đã ban
/// hành …`, counted in the nouns of the agencies' kinds.
fn action_programmes(plan: &Plan, t: &TaskResult, as_of: time::Date) -> String {
    let deadline = vn::date_short(plan.info.action_programme_deadline.0);
    let all: Vec<AgencyCode> = t.assignees.iter().map(|a| a.agency.clone()).collect();
    let noun = plan.noun_for(&all);
    let on_time = codes_with(t, TaskStatus::DoneOnTime);
    let late = codes_with(t, TaskStatus::DoneLate);
    let submitted = codes_with(t, TaskStatus::Submitted);
    let not_reported = codes_with(t, TaskStatus::NotReported);
    let issued = on_time.len() + late.len();
    let timing = match (on_time.len(), late.len()) {
        (0, 0) => String::new(),
        (_, 0) => format!(", đều đúng hạn (trước ngày {deadline})"),
        (0, _) => format!(", đều ban hành chậm (sau ngày {deadline})"),
        (n, l) => format!(
            ", trong đó {} ban hành đúng hạn (trước ngày {deadline}) và {} ban hành chậm",
            counted(plan, n, &on_time),
            counted(plan, l, &late)
        ),
    };
    let mut rest = Vec::new();
    if !submitted.is_empty() {
        rest.push(format!("{} đã trình, chờ phê duyệt", counted(plan, submitted.len(), &submitted)));
    }
    let undone: Vec<AgencyCode> = t
        .assignees
        .iter()
        .filter(|a| {
            !a.status.is_done() && !matches!(a.status, TaskStatus::Submitted | TaskStatus::NotReported)
        })
        .map(|a| a.agency.clone())
        .collect();
    if !undone.is_empty() {
        rest.push(format!("{} chưa ban hành", counted(plan, undone.len(), &undone)));
    }
    if !not_reported.is_empty() {
        rest.push(format!(
            "{} chưa báo cáo nội dung này{}",
            counted(plan, not_reported.len(), &not_reported),
            list_suffix(plan, &not_reported)
        ));
    }
    let as_of = vn::date_short(as_of);
    let head = if issued == 0 {
        format!(
            "đến ngày {as_of}, chưa {noun} nào báo cáo đã ban hành chương trình, kế hoạch hành động thực hiện Kế hoạch"
        )
    } else {
        format!(
            "đến ngày {as_of}, có {issued}/{} {noun} đã ban hành chương trình, kế hoạch hành động thực hiện Kế hoạch{timing}",
            t.total
        )
    };
    let rest = if rest.is_empty() { String::new() } else { format!("; {}", rest.join("; ")) };
    format!("Về xây dựng chương trình, kế hoạch hành động: {head}{rest}.")
}

/// `Về chế độ báo cáo: 28/31 cơ quan, đơn vị (18/20 sở, ban, ngành; 10/11 huyện, thành phố) đã
/// gửi báo cáo quý II/2024 (đạt 90,3%), …`.
fn reporting_discipline(plan: &Plan, c: &Consolidated, names: &PeriodNames) -> String {
    let r = &c.reporting;
    let expected: Vec<AgencyCode> = plan.reporting_agencies().map(|a| a.code.clone()).collect();
    let noun = plan.noun_for(&expected);
    let mut problems = Vec::new();
    for (codes, what) in [
        (&r.late_agencies, "gửi muộn"),
        (&r.rejected_agencies, "có tệp báo cáo không hợp lệ"),
        (&r.missing_agencies, "chưa gửi báo cáo"),
    ] {
        if !codes.is_empty() {
            problems.push(format!("{} {what}", counted(plan, codes.len(), codes)));
        }
    }
    let problems = if problems.is_empty() { String::new() } else { format!("; {}", problems.join(", ")) };
    let deadline = vn::date_short(c.deadline);
    let sent = if r.received == 0 {
        format!("chưa {noun} nào gửi báo cáo {} (hạn gửi ngày {deadline})", names.quarter)
    } else {
        let on_time: Vec<AgencyCode> = expected
            .iter()
            .filter(|a| {
                ![&r.late_agencies, &r.rejected_agencies, &r.missing_agencies].iter().any(|l| l.contains(a))
            })
            .cloned()
            .collect();
        let timing = if r.on_time == r.received {
            format!(", tất cả đều gửi đúng hạn (không muộn hơn ngày {deadline})")
        } else if r.on_time == 0 {
            format!(", không {noun} nào gửi đúng hạn (không muộn hơn ngày {deadline})")
        } else {
            format!(
                ", trong đó {} gửi đúng hạn, không muộn hơn ngày {deadline} (đạt {}%)",
                counted(plan, r.on_time, &on_time),
                vn::number_fixed(r.timeliness, 1)
            )
        };
        let received: Vec<AgencyCode> = expected
            .iter()
            .filter(|a| !r.rejected_agencies.contains(a) && !r.missing_agencies.contains(a))
            .cloned()
            .collect();
        format!(
            "{}/{} {noun}{} đã gửi báo cáo {} (đạt {}%){timing}",
            r.received,
            r.expected,
            by_kind(plan, &received, &expected),
            names.quarter,
            vn::number_fixed(r.completeness, 1),
        )
    };
    format!("Về chế độ báo cáo: {sent}{problems}.")
}

/// `n` agencies counted in their kind's noun (`3 xã, phường`; `5 cơ quan, đơn vị` when the
/// codes are of several kinds).
pub(crate) fn counted(plan: &Plan, n: usize, codes: &[AgencyCode]) -> String {
    use crate::plan::AgencyKind::{Khac, SoNganh, TrungUong};
    // One department is `1 cơ quan`, not `1 sở, ban, ngành`; a local unit keeps its type.
    if n == 1 && plan.kinds_of(codes).iter().all(|k| matches!(k, SoNganh | TrungUong | Khac)) {
        return "1 cơ quan".to_owned();
    }
    format!("{n} {}", plan.noun_for(codes))
}

/// ` (18/20 sở, ban, ngành; 10/11 huyện, thành phố)` when the agencies are of several kinds;
/// nothing when they are of one.
fn by_kind(plan: &Plan, part: &[AgencyCode], whole: &[AgencyCode]) -> String {
    let kinds = plan.kinds_of(whole);
    if kinds.len() < 2 {
        return String::new();
    }
    let kind_of = |c: &AgencyCode| plan.agency(c).map(|a| a.kind);
    let items: Vec<String> = kinds
        .into_iter()
        .map(|k| {
            let of = |codes: &[AgencyCode]| codes.iter().filter(|c| kind_of(c) == Some(k)).count();
            let noun = plan.kind_words(k).noun;
            let noun = if noun == crate::plan::MIXED_NOUN { format!("{noun} khác") } else { noun };
            format!("{}/{} {noun}", of(part), of(whole))
        })
        .collect();
    format!(" ({})", items.join("; "))
}

pub(super) fn codes_with(t: &TaskResult, s: TaskStatus) -> Vec<AgencyCode> {
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

/// The agencies behind on a task as running text names them: their short names, or past
/// [`MAX_NAMES_IN_TEXT`] their count with a pointer to the tasks appendix.
pub(super) fn behind_names(plan: &Plan, codes: &[AgencyCode]) -> String {
    if codes.len() > MAX_NAMES_IN_TEXT {
        format!(
            "{} (chi tiết tại {} {})",
            counted(plan, codes.len(), codes),
            plan.report.appendix_word,
            plan.report.appendices.tasks.number
        )
    } else {
        short_names(plan, codes)
    }
}

fn full_names(plan: &Plan, codes: &[AgencyCode]) -> String {
    codes.iter().map(|c| plan.assignee_name(c)).collect::<Vec<_>>().join("; ")
}
