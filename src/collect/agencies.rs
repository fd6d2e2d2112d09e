//! Per agency: pick the submission that counts when several files came in, and decide whether the
//! agency is on time, late, rejected or missing.

use time::Date;

use super::intake::FileRead;
use super::issues::{Issues, Loc, code};
use super::model::{AgencyIntake, AgencyStatus, FileOutcome, FileStatus};
use crate::plan::{AgencyCode, Plan};
use crate::vn::date_short;

/// Sorts the files by path and builds every reporting agency's result, in plan order.
///
/// Among an agency's accepted files the latest valid report date wins (no valid date is the
/// oldest); the others become `Superseded`. Two files with the same latest date are a tie that
/// no file date can settle (modification times change when files are copied): the later path is
/// used for now and both files get a `trung-ngay-bao-cao` warning asking the agency which one
/// stands; the department settles it by removing the other file from the quarter's folder, or
/// the agency re-sends with a later report date.
pub fn resolve_agencies(
    plan: &Plan,
    deadline: Date,
    mut reads: Vec<FileRead>,
) -> (Vec<FileOutcome>, Vec<AgencyIntake>) {
    reads.sort_by(|a, b| a.outcome.path.cmp(&b.outcome.path));
    // Each agency's files, in path order: one pass, not one scan of every file per agency.
    let mut by_agency: std::collections::HashMap<AgencyCode, Vec<usize>> = std::collections::HashMap::new();
    for (i, read) in reads.iter().enumerate() {
        if let Some(code) = &read.outcome.agency {
            by_agency.entry(code.clone()).or_default().push(i);
        }
    }
    let mut agencies = Vec::new();
    for agency in plan.reporting_agencies() {
        let mine: Vec<usize> = by_agency.remove(&agency.code).unwrap_or_default();
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
    let date = reads[winner].outcome.report_date;
    let tied: Vec<usize> = others.iter().copied().filter(|&i| reads[i].outcome.report_date == date).collect();
    if !tied.is_empty() {
        let names: Vec<&str> = tied.iter().map(|&i| reads[i].outcome.path.as_str()).collect();
        let day = date
            .map_or_else(|| "không có ngày báo cáo hợp lệ".to_owned(), |d| format!("ngày {}", date_short(d)));
        let mut issues = Issues::new(&by);
        issues.warn(
            code::SAME_REPORT_DATE,
            Loc::Sheet(crate::contract::SHEET_INFO),
            None,
            format!(
                "tệp này và {} cùng {day}, không xác định được bản nào là bản chính thức; tạm dùng tệp này (tên đứng sau theo thứ tự chữ cái)",
                names.join(", ")
            ),
            "đề nghị cơ quan xác nhận bản chính thức; gửi lại bản đó với ngày báo cáo mới, hoặc Sở xóa tệp không dùng khỏi thư mục quý".to_owned(),
        );
        reads[winner].outcome.findings.extend(issues.list);
    }
    let describe = |r: &FileRead| match r.outcome.report_date {
        Some(d) => format!("{} (ngày {})", r.outcome.path, date_short(d)),
        None => format!("{} (không có ngày báo cáo hợp lệ)", r.outcome.path),
    };
    let newer: Vec<usize> = others.iter().copied().filter(|i| !tied.contains(i)).collect();
    if !newer.is_empty() {
        let list: Vec<String> = newer.iter().map(|&i| describe(&reads[i])).collect();
        let mut issues = Issues::new(&by);
        issues.warn(
            code::SEVERAL_FILES,
            Loc::File,
            None,
            format!(
                "cơ quan gửi {} tệp; dùng tệp này (ngày báo cáo mới nhất), không dùng: {}",
                accepted.len(),
                list.join("; ")
            ),
            "mỗi kỳ chỉ gửi một tệp; khi sửa, gửi tệp thay thế có ngày báo cáo mới".to_owned(),
        );
        reads[winner].outcome.findings.extend(issues.list);
    }
    for i in others {
        let mut issues = Issues::new(&reads[i].outcome.path);
        if tied.contains(&i) {
            issues.warn(
                code::SAME_REPORT_DATE,
                Loc::Sheet(crate::contract::SHEET_INFO),
                None,
                format!("tệp này và {by} cùng ngày báo cáo; tạm dùng {by}, số liệu tệp này chưa được dùng"),
                "nếu tệp này mới là bản chính thức, gửi lại với ngày báo cáo mới hơn".to_owned(),
            );
        } else {
            issues.warn(
                code::SUPERSEDED,
                Loc::File,
                None,
                format!("tệp được thay bằng {by} (ngày báo cáo mới hơn); số liệu tệp này không được dùng"),
                "không cần sửa tệp này".to_owned(),
            );
        }
        let o = &mut reads[i].outcome;
        o.findings.extend(issues.list);
        o.status = FileStatus::Superseded { by: by.clone() };
        reads[i].submission = None;
    }
    reads[winner].submission.take()
}
