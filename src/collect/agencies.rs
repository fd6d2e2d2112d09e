//! Per agency: pick the submission that counts when several files came in, and decide whether the
//! agency is on time, late, rejected or missing.

use time::Date;

use super::intake::FileRead;
use super::issues::{Issues, Loc, code};
use super::model::{AgencyIntake, AgencyStatus, FileOutcome, FileStatus};
use crate::plan::Plan;
use crate::vn::date_short;

/// Sorts the files by path and builds every reporting agency's result, in plan order.
///
/// Among an agency's accepted files the latest valid report date wins (no valid date is the
/// oldest; ties go to the later path); the others become `Superseded`.
pub fn resolve_agencies(
    plan: &Plan,
    deadline: Date,
    mut reads: Vec<FileRead>,
) -> (Vec<FileOutcome>, Vec<AgencyIntake>) {
    reads.sort_by(|a, b| a.outcome.path.cmp(&b.outcome.path));
    let mut agencies = Vec::new();
    for agency in plan.reporting_agencies() {
        let mine: Vec<usize> =
            (0..reads.len()).filter(|&i| reads[i].outcome.agency.as_ref() == Some(&agency.code)).collect();
        let accepted: Vec<usize> =
            mine.iter().copied().filter(|&i| reads[i].outcome.status == FileStatus::Accepted).collect();
        let date_of = |i: usize| reads[i].submission.as_ref().and_then(|s| s.report_date);
        let winner = accepted.iter().copied().max_by(|&x, &y| date_of(x).cmp(&date_of(y)).then(x.cmp(&y)));
        let submission = winner.and_then(|w| supersede(&mut reads, w, &accepted));
        let status = match (&submission, mine.is_empty()) {
            (Some(s), _) if s.report_date.is_some_and(|d| d <= deadline) => AgencyStatus::OnTime,
            (Some(_), _) => AgencyStatus::Late,
            (None, false) => AgencyStatus::Rejected,
            (None, true) => AgencyStatus::Missing,
        };
        agencies.push(AgencyIntake {
            agency: agency.code.clone(),
            status,
            files: mine.iter().map(|&i| reads[i].outcome.path.clone()).collect(),
            submission,
        });
    }
    (reads.into_iter().map(|r| r.outcome).collect(), agencies)
}

/// Marks every accepted file but the winner as superseded, with warnings on both sides, and
/// returns the winner's submission.
fn supersede(
    reads: &mut [FileRead],
    winner: usize,
    accepted: &[usize],
) -> Option<super::model::AgencySubmission> {
    let by = reads[winner].outcome.path.clone();
    let others: Vec<usize> = accepted.iter().copied().filter(|&i| i != winner).collect();
    let describe = |r: &FileRead| match r.outcome.report_date {
        Some(d) => format!("{} (ngày {})", r.outcome.path, date_short(d)),
        None => format!("{} (không có ngày báo cáo hợp lệ)", r.outcome.path),
    };
    if !others.is_empty() {
        let list: Vec<String> = others.iter().map(|&i| describe(&reads[i])).collect();
        let mut issues = Issues::new(&by);
        issues.warn(
            code::SEVERAL_FILES,
            Loc::File,
            None,
            format!(
                "cơ quan gửi {} tệp; dùng tệp này (ngày báo cáo mới nhất), không dùng: {}",
                others.len() + 1,
                list.join("; ")
            ),
            "mỗi kỳ chỉ gửi một tệp; khi sửa, gửi tệp thay thế có ngày báo cáo mới".to_owned(),
        );
        reads[winner].outcome.findings.extend(issues.list);
    }
    for i in others {
        let mut issues = Issues::new(&reads[i].outcome.path);
        issues.warn(
            code::SUPERSEDED,
            Loc::File,
            None,
            format!("tệp được thay bằng {by} (ngày báo cáo mới hơn); số liệu tệp này không được dùng"),
            "không cần sửa tệp này".to_owned(),
        );
        let o = &mut reads[i].outcome;
        o.findings.extend(issues.list);
        o.status = FileStatus::Superseded { by: by.clone() };
        reads[i].submission = None;
    }
    reads[winner].submission.take()
}
