//! One agency's receipt (`phan-hoi/<MÃ>.md`): what was received, what was accepted, what must be
//! corrected (sheet and cell, value, fix) and by when.
//!
//! The "by when" rule: if the run's cut-off date is on or before the submission deadline, the
//! agency corrects by the deadline; otherwise it has 02 working days from the cut-off date
//! (Saturdays and Sundays skipped; public holidays are not modelled), and the receipt names that
//! date, so the text never depends on the wall clock.

use std::fmt::Write as _;

use time::{Date, Duration, Weekday};

use super::model::{AgencyIntake, AgencyStatus, FileStatus, Intake};
use super::report::{files_of, files_table, findings_table};
use crate::findings::{Finding, Level};
use crate::plan::Plan;
use crate::render::escape::markdown_text as text;
use crate::vn::date_short;

/// Working days an agency has to correct a report once the deadline has passed.
pub const CORRECTION_WORKING_DAYS: u32 = 2;

/// `Chỉ tiêu 3/4 dòng (CT05, …; chưa nhận: CT06); Nhiệm vụ 2/2 dòng (…)`; sheets with nothing
/// expected and nothing received are left out.
pub fn rows_summary(plan: &Plan, a: &AgencyIntake) -> String {
    let o = plan.obligations(&a.agency);
    let Some(s) = &a.submission else {
        return "chưa có (không có tệp được dùng)".to_owned();
    };
    let part = |label: &str, got: Vec<String>, expected: Vec<String>| {
        if got.is_empty() && expected.is_empty() {
            return None;
        }
        let missing: Vec<&str> = expected.iter().filter(|c| !got.contains(c)).map(String::as_str).collect();
        let mut detail = got.join(", ");
        if !missing.is_empty() {
            let sep = if detail.is_empty() { "" } else { "; " };
            detail = format!("{detail}{sep}chưa nhận: {}", missing.join(", "));
        }
        Some(format!("{label} {}/{} dòng ({detail})", got.len(), expected.len()))
    };
    let code = |c: Option<&crate::plan::MeasureCode>| c.map_or(String::new(), ToString::to_string);
    let parts: Vec<String> = [
        part(
            "Chỉ tiêu",
            s.measures.iter().map(|m| m.code.to_string()).collect(),
            o.measures.iter().map(|(_, m)| code(m.code.as_ref())).collect(),
        ),
        part(
            "Tăng trưởng",
            s.growth.iter().map(|g| g.sector.to_string()).collect(),
            o.sectors.iter().map(|x| x.code.to_string()).collect(),
        ),
        part(
            "Nhiệm vụ",
            s.tasks.iter().map(|t| t.task.to_string()).collect(),
            o.tasks.iter().map(|t| t.id.to_string()).collect(),
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        "không có dòng nào phải báo cáo".to_owned()
    } else {
        format!("{}.", parts.join("; "))
    }
}

/// `date` plus `days` working days (Monday to Friday).
pub fn add_working_days(date: Date, days: u32) -> Date {
    let mut d = date;
    let mut left = days;
    while left > 0 {
        d = d.checked_add(Duration::days(1)).unwrap_or(d);
        if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
            left -= 1;
        }
    }
    d
}

/// Renders the receipt of one agency that sent at least one file.
pub fn render_receipt(plan: &Plan, intake: &Intake, a: &AgencyIntake) -> String {
    let name = plan.assignee_name(&a.agency);
    let mut out = String::new();
    let _ = writeln!(out, "# Phiếu tiếp nhận báo cáo {}\n", text(&intake.quarter.label()));
    let _ = writeln!(out, "**Kính gửi:** {} ({})\n", text(&name), text(a.agency.as_str()));
    let _ = writeln!(
        out,
        "{} thông báo kết quả tiếp nhận báo cáo {} của cơ quan (tính đến ngày {}; hạn gửi ngày {}).\n",
        text(&plan.assignee_name(&plan.report.issuer_code)),
        text(&intake.quarter.label()),
        date_short(intake.cutoff),
        date_short(intake.deadline)
    );
    let _ = writeln!(out, "**Kết quả:** {}.\n", text(&status_sentence(a.status)));
    let files = files_of(intake, a);
    out.push_str("## 1. Tệp đã nhận\n\n");
    out.push_str(&files_table(&files));
    let _ = writeln!(out, "\n## 2. Số liệu đã tiếp nhận\n\n{}\n", text(&upper_first(&rows_summary(plan, a))));
    // Findings of superseded files no longer matter: the agency corrects the file that is used.
    let relevant: Vec<&Finding> = files
        .iter()
        .filter(|f| !matches!(f.status, FileStatus::Superseded { .. }))
        .flat_map(|f| &f.findings)
        .collect();
    corrections(&mut out, &relevant);
    deadline(&mut out, intake, &relevant);
    out
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn status_sentence(status: AgencyStatus) -> String {
    match status {
        AgencyStatus::OnTime => "đã tiếp nhận, đúng hạn".to_owned(),
        AgencyStatus::Late => "đã tiếp nhận, trễ hạn (hoặc thiếu ngày báo cáo hợp lệ)".to_owned(),
        AgencyStatus::Rejected => "chưa tiếp nhận được: mọi tệp gửi đến đều bị từ chối".to_owned(),
        AgencyStatus::Missing => "chưa nhận được báo cáo".to_owned(),
    }
}

fn corrections(out: &mut String, findings: &[&Finding]) {
    out.push_str("## 3. Nội dung cần sửa\n\n");
    let errors: Vec<&Finding> = findings.iter().copied().filter(|f| f.level == Level::Error).collect();
    let warnings: Vec<&Finding> = findings.iter().copied().filter(|f| f.level == Level::Warning).collect();
    if errors.is_empty() && warnings.is_empty() {
        out.push_str("Không có.\n\n");
        return;
    }
    if !errors.is_empty() {
        let _ = writeln!(
            out,
            "**Lỗi ({}):** các ô, dòng, tệp dưới đây chưa được tiếp nhận; đề nghị sửa và gửi lại.\n",
            errors.len()
        );
        findings_table(out, &errors);
    }
    if !warnings.is_empty() {
        let _ =
            writeln!(out, "**Cảnh báo ({}):** số liệu đã được tiếp nhận; đề nghị lưu ý.\n", warnings.len());
        findings_table(out, &warnings);
    }
}

fn deadline(out: &mut String, intake: &Intake, findings: &[&Finding]) {
    out.push_str("## 4. Thời hạn gửi lại\n\n");
    if !findings.iter().any(|f| f.level == Level::Error) {
        out.push_str("Không cần gửi lại.\n");
        return;
    }
    if intake.cutoff <= intake.deadline {
        let _ = writeln!(
            out,
            "Đề nghị sửa các lỗi ở mục 3 và gửi lại chậm nhất ngày {} (hạn gửi báo cáo).",
            date_short(intake.deadline)
        );
    } else {
        let by = add_working_days(intake.cutoff, CORRECTION_WORKING_DAYS);
        let _ = writeln!(
            out,
            "Đã quá hạn gửi báo cáo (ngày {}); đề nghị sửa các lỗi ở mục 3 và gửi lại trong {:02} ngày làm việc, \
             chậm nhất ngày {}.",
            date_short(intake.deadline),
            CORRECTION_WORKING_DAYS,
            date_short(by)
        );
    }
    out.push_str("\nKhi gửi lại, gửi cả tệp và ghi ngày báo cáo mới ở trang Thông tin; tệp có ngày báo cáo mới nhất được dùng.\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Month;

    #[test]
    fn working_days_skip_weekends() {
        let d = |y, m, day| Date::from_calendar_date(y, m, day).expect("valid test input");
        // Friday 14/06/2024 + 2 working days = Tuesday 18/06/2024.
        assert_eq!(add_working_days(d(2024, Month::June, 14), 2), d(2024, Month::June, 18));
        // Saturday 15/06/2024 + 2 = Tuesday 18/06/2024.
        assert_eq!(add_working_days(d(2024, Month::June, 15), 2), d(2024, Month::June, 18));
        assert_eq!(add_working_days(d(2024, Month::June, 17), 2), d(2024, Month::June, 19));
    }
}
