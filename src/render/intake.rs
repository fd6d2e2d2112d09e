//! The intake documents: `tiep-nhan.md` (the department's overview), `tiep-nhan.json`, one
//! receipt `phan-hoi/<MÃ>.md` per agency that sent files (see [`super::receipt`]) and one
//! reminder (giấy nhắc, see [`super::reminder`]) per agency that owes a report and sent nothing,
//! rendered from the templates `tiep-nhan.md.tera`, `phan-hoi.md.tera` and `nhac-nho.md.tera`;
//! plus what receipts and reminders share (dates, the resend rule, an agency's detail).
//!
//! The "by when" rule: the later of the submission deadline and `report.correction-working-days`
//! working days (Saturdays, Sundays and `report.holidays` skipped) after the receipt's date
//! ([`receipt_date`]), so it is never the receipt's own day and never depends on the wall clock.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;
use time::Date;

use super::RenderError;
use super::templates::Templates;
use crate::collect::{AgencyIntake, AgencyStatus, FileOutcome, FileStatus, Intake, IntakeTotals};
use crate::findings::{Finding, Level};
pub use crate::output::RECEIPTS;
use crate::output::{Output, OutputKind, Staging};
use crate::period::resend_by;
use crate::plan::{AgencyCode, Obligations, Plan, check_code};
use crate::vn::{date_long, date_short, percent};

/// The intake overview's file name.
pub const OVERVIEW: &str = "tiep-nhan.md";

/// The intake record's file name.
pub const INTAKE_JSON: &str = "tiep-nhan.json";

/// `tiep-nhan.md`, `tiep-nhan.json` and one `phan-hoi/<MÃ>.md` per agency: a receipt when it
/// sent something, a reminder when it owes a report and sent nothing.
pub fn render_intake(
    templates: &Templates,
    plan: &Plan,
    intake: &Intake,
    out: &Staging,
) -> Result<(), RenderError> {
    let all = plan.obligations_by_agency();
    let overview = templates.render_markdown("tiep-nhan.md.tera", &overview_view(plan, &all, intake))?;
    out.put(&Output::new(OVERVIEW, OutputKind::IntakeOverview, overview.into_bytes()))
        .map_err(RenderError::Write)?;
    out.put_with(INTAKE_JSON, OutputKind::IntakeRecord, |w| {
        serde_json::to_writer(w, intake).map_err(Into::into)
    })
    .map_err(RenderError::Write)?;
    super::receipt::render_receipts(templates, plan, &all, intake, out)?;
    super::reminder::render_reminders(templates, plan, &all, intake, out)
}

/// The date a receipt or reminder is issued on: the build's signing date (for `check`, the
/// cut-off or the latest report date used), never the wall clock, so outputs are reproducible.
pub(super) fn receipt_date(intake: &Intake) -> Date {
    intake.issue_date()
}

/// The date line of a receipt or reminder: `Bắc Giang, ngày 14 tháng 6 năm 2024`.
pub(super) fn place_date(plan: &Plan, date: Date) -> String {
    format!("{}, {}", plan.report.place, date_long(date))
}

/// The date to resend by and the plan's working days, for receipts and reminders.
pub(super) fn resend(plan: &Plan, intake: &Intake) -> Resend {
    let days = plan.report.correction_working_days;
    let date = receipt_date(intake);
    let by = resend_by(date, intake.deadline, days, &plan.holidays());
    Resend {
        late: date > intake.deadline,
        working_days: format!("{days:02}"),
        by: date_short(by),
        at_deadline: by == intake.deadline,
    }
}

/// `<MÃ>.md`, with anything but ASCII letters, digits, `-`, `_` and `.` replaced.
pub fn receipt_file_name(code: &str) -> PathBuf {
    let safe: String = code
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
        .collect();
    PathBuf::from(format!("{}.md", safe.trim_start_matches('.')))
}

#[derive(Serialize)]
struct OverviewView<'a> {
    quarter: String,
    quarter_label: String,
    deadline: String,
    cutoff: String,
    totals: Vec<(&'static str, String)>,
    files: FileCounts,
    agencies: Vec<AgencyRow<'a>>,
    sent: Vec<AgencyDetail<'a>>,
    unknown: Unknown<'a>,
    ignored: Vec<IgnoredRow<'a>>,
    /// Questions involving several agencies ("cần thống nhất số liệu"); no section when empty.
    reconcile: Vec<FindingRow<'a>>,
}

#[derive(Serialize)]
struct FileCounts {
    total: usize,
    accepted: usize,
    rejected: usize,
    superseded: usize,
    ignored: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct AgencyRow<'a> {
    code: &'a str,
    name: String,
    status: &'static str,
    report_date: String,
    file: &'a str,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
pub(super) struct AgencyDetail<'a> {
    code: &'a str,
    name: String,
    status: &'static str,
    /// The receipt's sentence for the status.
    pub result: String,
    files: Vec<FileRow<'a>>,
    pub rows: String,
    findings: Vec<FindingRow<'a>>,
}

#[derive(Serialize)]
pub(super) struct FileRow<'a> {
    path: &'a str,
    sha256: String,
    report_date: String,
    result: String,
}

#[derive(Serialize)]
pub(super) struct FindingRow<'a> {
    level: &'static str,
    code: &'static str,
    file: &'a str,
    location: String,
    value: &'a str,
    message: &'a str,
    fix: &'a str,
}

#[derive(Serialize)]
struct Unknown<'a> {
    files: Vec<FileRow<'a>>,
    findings: Vec<FindingRow<'a>>,
}

#[derive(Serialize)]
struct IgnoredRow<'a> {
    path: &'a str,
    reason: &'a str,
}

/// When to resend, for receipts and reminders.
#[derive(Serialize)]
pub(super) struct Resend {
    /// The receipt is dated after the submission deadline.
    pub late: bool,
    /// `02`.
    pub working_days: String,
    /// The date to resend by.
    pub by: String,
    /// `by` is the submission deadline itself.
    pub at_deadline: bool,
}

/// The checks that compare a figure with the one the same agency sent last quarter.
const REVISION_CODES: [&str; 3] =
    [check_code::CUMULATIVE_DOWN, check_code::DONE_THEN_UNDONE, check_code::ESTIMATE_CHANGED];

fn overview_view<'a>(
    plan: &Plan,
    all: &HashMap<&AgencyCode, Obligations<'_>>,
    intake: &'a Intake,
) -> OverviewView<'a> {
    let t = IntakeTotals::of(intake);
    let a = t.agencies;
    // Revisions against the previous quarter, however their rules are set (warning or error).
    let revised =
        intake.files.iter().flat_map(|f| &f.findings).filter(|f| REVISION_CODES.contains(&f.code)).count();
    let mut totals = vec![
        ("Cơ quan phải báo cáo", a.expected.to_string()),
        ("Đã nhận báo cáo dùng được", a.received().to_string()),
        ("Trong đó: đúng hạn", a.on_time.to_string()),
        ("Trong đó: trễ hạn", a.late.to_string()),
        ("Bị từ chối (mọi tệp đều không dùng được)", a.rejected.to_string()),
        ("Chưa gửi", a.missing.to_string()),
        ("Tỷ lệ đầy đủ", percent(a.completeness())),
        ("Tỷ lệ đúng hạn", percent(a.timeliness())),
    ];
    if revised > 0 {
        totals.push(("Số liệu điều chỉnh so với quý trước (cần giải trình)", revised.to_string()));
    }
    let agencies = intake
        .agencies
        .iter()
        .map(|ag| {
            let files = intake.files_of(ag);
            let count = |level| files.iter().flat_map(|f| &f.findings).filter(|f| f.level == level).count();
            let sub = ag.submission.as_ref();
            AgencyRow {
                code: ag.agency.as_str(),
                name: plan.assignee_name(&ag.agency),
                status: ag.status.label(),
                report_date: sub.and_then(|s| s.report_date).map(date_short).unwrap_or_default(),
                file: sub.map_or("", |s| s.file.as_str()),
                errors: count(Level::Error),
                warnings: count(Level::Warning),
            }
        })
        .collect();
    let sent = intake
        .agencies
        .iter()
        .filter(|ag| !ag.files.is_empty())
        .map(|ag| {
            let files = intake.files_of(ag);
            let findings = files.iter().flat_map(|f| &f.findings).map(finding_row).collect();
            let none = Obligations::default();
            agency_detail(plan, all.get(&ag.agency).unwrap_or(&none), ag, &files, findings)
        })
        .collect();
    let unknown_files: Vec<&FileOutcome> = intake
        .files
        .iter()
        .filter(|f| f.agency.is_none() && !matches!(f.status, FileStatus::Ignored { .. }))
        .collect();
    let unknown = Unknown {
        files: unknown_files.iter().map(|f| file_row(f)).collect(),
        findings: unknown_files.iter().flat_map(|f| &f.findings).map(finding_row).collect(),
    };
    let ignored = intake
        .files
        .iter()
        .filter_map(|f| match &f.status {
            FileStatus::Ignored { reason } => Some(IgnoredRow { path: &f.path, reason }),
            _ => None,
        })
        .collect();
    OverviewView {
        quarter: intake.quarter.to_string(),
        quarter_label: intake.quarter.label(),
        deadline: date_short(intake.deadline),
        cutoff: date_short(intake.cutoff),
        totals,
        files: FileCounts {
            total: t.files,
            accepted: t.accepted_files,
            rejected: t.rejected_files,
            superseded: t.superseded_files,
            ignored: t.ignored_files,
            errors: t.findings.errors,
            warnings: t.findings.warnings,
        },
        agencies,
        sent,
        unknown,
        ignored,
        reconcile: intake.reconcile.iter().map(finding_row).collect(),
    }
}

/// An agency's part of the overview and of its receipt: status, files, rows received.
pub(super) fn agency_detail<'a>(
    plan: &Plan,
    obligations: &Obligations<'_>,
    ag: &'a AgencyIntake,
    files: &[&'a FileOutcome],
    findings: Vec<FindingRow<'a>>,
) -> AgencyDetail<'a> {
    AgencyDetail {
        code: ag.agency.as_str(),
        name: plan.assignee_name(&ag.agency),
        status: ag.status.label(),
        result: status_sentence(ag.status).to_owned(),
        files: files.iter().map(|f| file_row(f)).collect(),
        rows: rows_summary(obligations, ag),
        findings,
    }
}

fn file_row(f: &FileOutcome) -> FileRow<'_> {
    FileRow {
        path: &f.path,
        sha256: short_hash(f.sha256.as_deref()),
        report_date: f.report_date.map(date_short).unwrap_or_default(),
        result: file_status_label(f),
    }
}

fn finding_row(f: &Finding) -> FindingRow<'_> {
    FindingRow {
        level: f.level.label(),
        code: f.code,
        file: &f.place.file,
        location: f.location(),
        value: f.value.as_deref().unwrap_or(""),
        message: &f.message,
        fix: &f.fix,
    }
}

/// The first 12 hex digits of a hash, or `—`.
fn short_hash(sha: Option<&str>) -> String {
    sha.map_or_else(|| "—".to_owned(), |s| s.chars().take(12).collect())
}

/// A file's result in words.
pub(super) fn file_status_label(f: &FileOutcome) -> String {
    match &f.status {
        FileStatus::Accepted => "Được dùng".to_owned(),
        FileStatus::Rejected => "Bị từ chối".to_owned(),
        FileStatus::Superseded { by } => format!("Bị thay thế bởi {by}"),
        FileStatus::Ignored { reason } => format!("Bỏ qua: {reason}"),
    }
}

pub(super) fn status_sentence(status: AgencyStatus) -> &'static str {
    match status {
        AgencyStatus::OnTime => "đã tiếp nhận, đúng hạn",
        AgencyStatus::Late => "đã tiếp nhận; báo cáo được tính là trễ hạn",
        AgencyStatus::Rejected => "chưa tiếp nhận được: mọi tệp gửi đến đều bị từ chối",
        AgencyStatus::Missing => "chưa nhận được báo cáo",
    }
}

/// `Chỉ tiêu 3/4 dòng (CT05, …; chưa nhận: CT06); Nhiệm vụ 2/2 dòng (…)`; sheets with nothing
/// expected and nothing received are left out.
pub fn rows_summary(o: &Obligations<'_>, a: &AgencyIntake) -> String {
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
