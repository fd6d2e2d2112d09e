//! The intake documents: `tiep-nhan.md` (the department's overview), `tiep-nhan.json` and one
//! receipt `phan-hoi/<MÃ>.md` per agency that sent files, rendered from the templates
//! `tiep-nhan.md.tera` and `phan-hoi.md.tera` like every other document.
//!
//! The receipt's "by when" rule: if the run's cut-off date is on or before the submission
//! deadline, the agency corrects by the deadline; otherwise it has 02 working days from the
//! cut-off date (Saturdays and Sundays skipped), so the text never depends on the wall clock.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::templates::{TemplateError, Templates};
use crate::collect::{AgencyIntake, AgencyStatus, FileOutcome, FileStatus, Intake, IntakeTotals};
use crate::findings::{Finding, Level};
pub use crate::output::RECEIPTS;
use crate::output::{Output, OutputKind};
use crate::period::add_working_days;
use crate::plan::Plan;
use crate::vn::{date_short, percent};

/// Working days an agency has to correct a report once the deadline has passed.
pub const CORRECTION_WORKING_DAYS: u32 = 2;

/// The intake overview's file name.
pub const OVERVIEW: &str = "tiep-nhan.md";

/// The intake record's file name.
pub const INTAKE_JSON: &str = "tiep-nhan.json";

/// `tiep-nhan.md`, `tiep-nhan.json` and one `phan-hoi/<MÃ>.md` per agency that sent something.
pub fn render_intake(
    templates: &Templates,
    plan: &Plan,
    intake: &Intake,
) -> Result<Vec<Output>, TemplateError> {
    let overview = templates.render_markdown("tiep-nhan.md.tera", &overview_view(plan, intake))?;
    let json = serde_json::to_vec_pretty(intake)
        .map_err(|e| TemplateError::Render { name: INTAKE_JSON.to_owned(), detail: e.to_string() })?;
    let mut out = vec![
        Output::new(OVERVIEW, OutputKind::IntakeOverview, overview.into_bytes()),
        Output::new(INTAKE_JSON, OutputKind::IntakeRecord, json),
    ];
    for agency in intake.agencies.iter().filter(|a| !a.files.is_empty()) {
        let body = templates.render_markdown("phan-hoi.md.tera", &receipt_view(plan, intake, agency))?;
        let path = Path::new(RECEIPTS).join(receipt_file_name(agency.agency.as_str()));
        out.push(Output::new(path, OutputKind::Receipt, body.into_bytes()));
    }
    Ok(out)
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
struct AgencyDetail<'a> {
    code: &'a str,
    name: String,
    status: &'static str,
    /// The receipt's sentence for the status.
    result: &'static str,
    files: Vec<FileRow<'a>>,
    rows: String,
    findings: Vec<FindingRow<'a>>,
}

#[derive(Serialize)]
struct FileRow<'a> {
    path: &'a str,
    sha256: String,
    report_date: String,
    result: String,
}

#[derive(Serialize)]
struct FindingRow<'a> {
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

#[derive(Serialize)]
struct ReceiptView<'a> {
    quarter_label: String,
    issuer: String,
    cutoff: String,
    deadline: String,
    a: AgencyDetail<'a>,
    /// Errors of intake: the cells, rows or files were not used.
    errors: Vec<FindingRow<'a>>,
    /// Errors of the data-quality checks: the figures were used, but must be corrected.
    check_errors: Vec<FindingRow<'a>>,
    warnings: Vec<FindingRow<'a>>,
    resend: Resend,
}

#[derive(Serialize)]
struct Resend {
    /// The deadline has passed: working days from the cut-off.
    late: bool,
    /// `02`.
    working_days: String,
    /// The date to resend by.
    by: String,
}

fn overview_view<'a>(plan: &Plan, intake: &'a Intake) -> OverviewView<'a> {
    let t = IntakeTotals::of(intake);
    let a = t.agencies;
    let totals = vec![
        ("Cơ quan phải báo cáo", a.expected.to_string()),
        ("Đã nhận báo cáo dùng được", a.received().to_string()),
        ("Trong đó: đúng hạn", a.on_time.to_string()),
        ("Trong đó: trễ hạn", a.late.to_string()),
        ("Bị từ chối (mọi tệp đều không dùng được)", a.rejected.to_string()),
        ("Chưa gửi", a.missing.to_string()),
        ("Tỷ lệ đầy đủ", percent(a.completeness())),
        ("Tỷ lệ đúng hạn", percent(a.timeliness())),
    ];
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
            agency_detail(plan, ag, &files, findings)
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

fn receipt_view<'a>(plan: &Plan, intake: &'a Intake, ag: &'a AgencyIntake) -> ReceiptView<'a> {
    let files = intake.files_of(ag);
    // Findings of superseded files no longer matter: the agency corrects the file that is used.
    let relevant: Vec<&Finding> = files
        .iter()
        .filter(|f| !matches!(f.status, FileStatus::Superseded { .. }))
        .flat_map(|f| &f.findings)
        .collect();
    // A data-quality check at level error does not un-accept the figure: listed apart.
    let check = |f: &Finding| crate::plan::check_rule(f.code).is_some();
    let rows = |keep: &dyn Fn(&Finding) -> bool| {
        relevant.iter().filter(|f| keep(f)).map(|f| finding_row(f)).collect::<Vec<_>>()
    };
    let errors = rows(&|f| f.level == Level::Error && !check(f));
    let check_errors = rows(&|f| f.level == Level::Error && check(f));
    let warnings = rows(&|f| f.level == Level::Warning);
    let late = intake.cutoff > intake.deadline;
    let by = if late { add_working_days(intake.cutoff, CORRECTION_WORKING_DAYS) } else { intake.deadline };
    let mut a = agency_detail(plan, ag, &files, Vec::new());
    a.rows = upper_first(&a.rows);
    ReceiptView {
        quarter_label: intake.quarter.label(),
        issuer: plan.assignee_name(&plan.report.issuer_code),
        cutoff: date_short(intake.cutoff),
        deadline: date_short(intake.deadline),
        a,
        errors,
        check_errors,
        warnings,
        resend: Resend { late, working_days: format!("{CORRECTION_WORKING_DAYS:02}"), by: date_short(by) },
    }
}

fn agency_detail<'a>(
    plan: &Plan,
    ag: &'a AgencyIntake,
    files: &[&'a FileOutcome],
    findings: Vec<FindingRow<'a>>,
) -> AgencyDetail<'a> {
    AgencyDetail {
        code: ag.agency.as_str(),
        name: plan.assignee_name(&ag.agency),
        status: ag.status.label(),
        result: status_sentence(ag.status),
        files: files.iter().map(|f| file_row(f)).collect(),
        rows: rows_summary(plan, ag),
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
fn file_status_label(f: &FileOutcome) -> String {
    match &f.status {
        FileStatus::Accepted => "Được dùng".to_owned(),
        FileStatus::Rejected => "Bị từ chối".to_owned(),
        FileStatus::Superseded { by } => format!("Bị thay thế bởi {by}"),
        FileStatus::Ignored { reason } => format!("Bỏ qua: {reason}"),
    }
}

fn status_sentence(status: AgencyStatus) -> &'static str {
    match status {
        AgencyStatus::OnTime => "đã tiếp nhận, đúng hạn",
        AgencyStatus::Late => "đã tiếp nhận, trễ hạn (hoặc thiếu ngày báo cáo hợp lệ)",
        AgencyStatus::Rejected => "chưa tiếp nhận được: mọi tệp gửi đến đều bị từ chối",
        AgencyStatus::Missing => "chưa nhận được báo cáo",
    }
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

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
