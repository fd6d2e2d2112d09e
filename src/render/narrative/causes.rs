//! Section III (shortcomings and their causes) and the agencies' own words behind them: the
//! "Khó khăn, vướng mắc, kiến nghị" texts, split into difficulties and proposals, de-duplicated
//! and grouped so that five agencies saying the same thing make one line naming all five.

use std::collections::BTreeMap;

use super::{codes_with, counted, full_names, letter, lettered, list_suffix, lower_first};
use crate::consolidate::compare::plan_prose;
use crate::consolidate::{Consolidated, MeasureResult, TaskStatus};
use crate::period::PeriodNames;
use crate::plan::{AgencyCode, Behaviour, Plan};
use crate::render::tables::{reporter_codes, short_names};
use crate::render::views::{Lettered, ShortcomingsView};
use crate::vn;

/// Section III.1: the limitations the figures show, lettered from a) in the order lagging
/// indicators, overdue tasks, reporting discipline (only those that have something to say).
pub fn shortcomings(plan: &Plan, c: &Consolidated, names: &PeriodNames) -> ShortcomingsView {
    let lagging: Vec<String> = c
        .indicators
        .iter()
        .chain(&c.task_targets)
        .filter(|m| m.assessment.is_lagging())
        .map(|m| lagging_line(plan, m, names))
        .collect();
    let overdue: Vec<String> = c
        .tasks
        .iter()
        .filter(|t| t.status == TaskStatus::Overdue)
        .map(|t| {
            let late: Vec<AgencyCode> = codes_with(t, TaskStatus::Overdue);
            let silent: Vec<AgencyCode> = codes_with(t, TaskStatus::NotReported);
            let mut who = Vec::new();
            if !late.is_empty() {
                let names = super::behind_names(plan, &late);
                who.push(format!("{names} chưa hoàn thành"));
            }
            if !silent.is_empty() {
                who.push(format!(
                    "{} chưa báo cáo{}",
                    counted(plan, silent.len(), &silent),
                    list_suffix(plan, &silent)
                ));
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
    let r = &c.reporting;
    let mut reporting = Vec::new();
    for (label, codes) in [
        ("Chưa gửi báo cáo", &r.missing_agencies),
        ("Gửi báo cáo muộn", &r.late_agencies),
        ("Tệp báo cáo không hợp lệ, phải gửi lại", &r.rejected_agencies),
        ("Có số liệu sai quy cách, chưa được sử dụng", &r.flawed_agencies),
    ] {
        if !codes.is_empty() {
            reporting.push(format!(
                "{label} ({}): {}.",
                counted(plan, codes.len(), codes),
                full_names(plan, codes)
            ));
        }
    }
    let limits = [
        ("Một số chỉ tiêu chậm so với tiến độ, khó đạt kế hoạch", lagging),
        ("Một số nhiệm vụ quá hạn chưa hoàn thành", overdue),
        ("Việc chấp hành chế độ báo cáo chưa nghiêm", reporting),
    ]
    .into_iter()
    .filter(|(_, lines)| !lines.is_empty())
    .enumerate()
    .map(|(i, (title, lines))| Lettered { letter: letter(i), title: title.to_owned(), lines })
    .collect();
    let limits = lettered(limits);
    ShortcomingsView { limits, causes: causes(plan, c, Said::Difficulty, true) }
}

/// `Tổng kim ngạch xuất khẩu: bằng 38,2% kế hoạch năm (33 tỷ USD), tiến độ cần đạt 50%; chậm
/// tiến độ (Sở CT).`
fn lagging_line(plan: &Plan, m: &MeasureResult, names: &PeriodNames) -> String {
    let mut s = m.name.clone();
    match (&m.vs_plan, m.value, m.year_estimate) {
        (Some(c), Some(_), _) => {
            s.push_str(&format!(": {}", plan_prose(m, c)));
            if let (Behaviour::Cumulative, Some(p)) = (m.behaviour, m.expected_pace) {
                s.push_str(&format!(", tiến độ cần đạt {}", vn::percent((p * 10.0).round() / 10.0)));
            }
        }
        (_, None, Some(e)) => {
            s.push_str(&format!(": chưa có số liệu {}", names.report));
            s.push_str(&super::indicators::estimate(plan, m, e, 0));
        }
        _ => s.push_str(&format!(": {}", m.reason.trim_end_matches('.'))),
    }
    s.push_str(&format!("; {}", lower_first(m.assessment.label())));
    let who = short_names(plan, &reporter_codes(plan, m));
    if !who.is_empty() {
        s.push_str(&format!(" ({who})"));
    }
    s.push('.');
    s
}

/// What an agency's text says: a difficulty (a cause, section III) or a proposal (section V).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Said {
    /// "Khó khăn, vướng mắc": a cause of a shortcoming.
    Difficulty,
    /// "Đề nghị, kiến nghị, đề xuất": a proposal.
    Proposal,
}

/// The agencies' difficulties (or proposals) by task group: one lettered group per task group
/// that has any, one line per distinct statement with every agency that made it. Texts are split
/// into clauses (a difficulty and a proposal often share one cell); clauses are the same when
/// they are equal after folding case, spacing and punctuation. A proposal an agency addresses to
/// itself is left out.
///
/// With `by_group` false every statement goes in one group (section V lists proposals flat); a
/// proposal keeps the difficulty written before it in the same cell as its reason.
pub fn causes(plan: &Plan, c: &Consolidated, want: Said, by_group: bool) -> Vec<Lettered> {
    // group number → (folded clause → (clause as first written, agencies in order))
    let mut grouped: BTreeMap<usize, BTreeMap<String, (String, Vec<AgencyCode>)>> = BTreeMap::new();
    let mut order: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let group_index =
        |number: &str| c.task_groups.iter().position(|g| g.number == number).unwrap_or(usize::MAX);
    for t in &c.tasks {
        let gi = if by_group { group_index(&t.group) } else { 0 };
        for a in &t.assignees {
            let Some(text) = a.issues.as_deref() else { continue };
            let mut reason: Option<String> = None;
            for clause in clauses(text) {
                let kind = said(&clause);
                if kind == Said::Difficulty {
                    reason = Some(clause.clone());
                }
                if kind != want || (want == Said::Proposal && to_itself(plan, &a.agency, &clause)) {
                    continue;
                }
                let clause = match (want, &reason) {
                    (Said::Proposal, Some(r)) => format!("{clause} do {}", lower_first(r)),
                    _ => clause,
                };
                let key = fold_clause(&clause);
                if key.is_empty() {
                    continue;
                }
                let group = grouped.entry(gi).or_default();
                let entry = group.entry(key.clone()).or_insert_with(|| {
                    order.entry(gi).or_default().push(key.clone());
                    (clause.clone(), Vec::new())
                });
                if !entry.1.contains(&a.agency) {
                    entry.1.push(a.agency.clone());
                }
            }
        }
    }
    let groups = grouped
        .into_iter()
        .enumerate()
        .map(|(i, (gi, mut group))| {
            let title = c.task_groups.get(gi).filter(|_| by_group).map_or_else(
                || "Nhiệm vụ khác".to_owned(),
                |g| format!("Nhóm nhiệm vụ {}: {}", g.number, g.title.trim_end_matches('.')),
            );
            let mut lines: Vec<(usize, String)> = order
                .remove(&gi)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|k| group.remove(&k))
                .map(|(clause, who)| (who.len(), statement(plan, &clause, &who, want)))
                .collect();
            // The most widely shared first; ties keep the order of first mention (stable sort).
            lines.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
            Lettered { letter: letter(i), title, lines: lines.into_iter().map(|(_, l)| l).collect() }
        })
        .collect();
    lettered(groups)
}

/// `5 cơ quan (Sở A; Sở B; …) nêu: vướng mắc trong công tác bồi thường.`
/// A proposal reads `Lục Nam đề nghị …` (its clause starts with the verb).
fn statement(plan: &Plan, clause: &str, who: &[AgencyCode], want: Said) -> String {
    let names = short_names(plan, who);
    let subject = if who.len() == 1 { names } else { format!("{} ({names})", counted(plan, who.len(), who)) };
    match want {
        Said::Difficulty => format!("{subject} nêu: {}.", lower_first(clause)),
        Said::Proposal => format!("{subject} {}.", lower_first(clause)),
    }
}

/// Splits a cell into clauses at `;`, a full stop before a space and line breaks, trimmed,
/// without the final stop (a stop inside `1.250` or `TP.Bắc Giang` does not split).
fn clauses(text: &str) -> Vec<String> {
    text.replace(". ", "\n")
        .split([';', '\n'])
        .map(|c| c.trim().trim_start_matches(['-', '+', '•', '*']).trim().trim_end_matches('.').trim())
        .filter(|c| c.chars().any(char::is_alphanumeric))
        .map(str::to_owned)
        .collect()
}

fn said(clause: &str) -> Said {
    let f = vn::fold(clause);
    if ["đề nghị", "kiến nghị", "đề xuất", "xin "].iter().any(|p| f.starts_with(p)) {
        Said::Proposal
    } else {
        Said::Difficulty
    }
}

/// A proposal naming the proposing agency itself ("Sở Tài chính" asking "Sở Tài chính").
fn to_itself(plan: &Plan, agency: &AgencyCode, clause: &str) -> bool {
    let Some(a) = plan.agency(agency) else { return false };
    let f = vn::fold(clause);
    std::iter::once(&a.name).chain(a.short.iter()).any(|n| f.contains(&vn::fold(n)))
}

/// Lower case, letters and digits only, one space between words.
fn fold_clause(clause: &str) -> String {
    vn::fold(clause)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_fold_case_spacing_and_punctuation() {
        assert_eq!(
            clauses("Vướng mắc GPMB; đề nghị Sở Tài chính bổ sung 1.250 tỷ.\n- Thiếu cán bộ. Chậm vốn."),
            ["Vướng mắc GPMB", "đề nghị Sở Tài chính bổ sung 1.250 tỷ", "Thiếu cán bộ", "Chậm vốn"]
        );
        assert_eq!(fold_clause("Vướng  mắc, GPMB!"), fold_clause("vướng mắc GPMB"));
        assert_ne!(fold_clause("Thiếu vốn"), fold_clause("Thiếu vôn"));
        assert_eq!(said("Đề nghị được tập huấn"), Said::Proposal);
        assert_eq!(said("Kinh phí chưa đáp ứng"), Said::Difficulty);
    }
}
