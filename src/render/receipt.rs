//! Receipts (`phan-hoi/<MÃ>.md`): what the department tells each agency that sent files — which
//! file was used, what was wrong and where in plain words (`trang Chỉ tiêu, ô F8`), and by when
//! to resend. Rendered from `phan-hoi.md.tera`; no finding codes, no hashes (they stay in
//! `tiep-nhan.json` and `tiep-nhan.md`).

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use time::Date;

use super::RenderError;
use super::intake::{
    AgencyDetail, RECEIPTS, Resend, agency_detail, file_status_label, place_date, receipt_date,
    receipt_file_name, resend, status_sentence,
};
use super::templates::Templates;
use crate::collect::{AgencyIntake, AgencyStatus, FileStatus, Intake};
use crate::findings::{Finding, Level};
use crate::output::{Output, OutputKind, Staging};
use crate::plan::{AgencyCode, Obligations, Plan};
use crate::vn::{date_short, upper_first};

/// One receipt per agency that sent something, each written into `out` as soon as it is made;
/// `all` holds every agency's obligations ([`Plan::obligations_by_agency`]).
pub fn render_receipts(
    templates: &Templates,
    plan: &Plan,
    all: &HashMap<&AgencyCode, Obligations<'_>>,
    intake: &Intake,
    out: &Staging,
) -> Result<(), RenderError> {
    // One receipt per agency that sent something, rendered in parallel (thousands for a large
    // province) and never all held in memory.
    let none = Obligations::default();
    intake.agencies.par_iter().filter(|a| !a.files.is_empty()).try_for_each(|agency| {
        let obligations = all.get(&agency.agency).unwrap_or(&none);
        let view = receipt_view(plan, obligations, intake, agency);
        let body = templates.render_markdown("phan-hoi.md.tera", &view)?;
        let path = Path::new(RECEIPTS).join(receipt_file_name(agency.agency.as_str()));
        out.put(&Output::new(path, OutputKind::Receipt, body.into_bytes())).map_err(RenderError::Write)
    })
}

#[derive(Serialize)]
struct ReceiptView<'a> {
    quarter_label: String,
    issuer: String,
    /// `Bắc Giang, ngày 14 tháng 6 năm 2024`.
    place_date: String,
    cutoff: String,
    deadline: String,
    a: AgencyDetail<'a>,
    /// The agency's files, in plain words (no hash).
    files: Vec<PlainFile<'a>>,
    /// Errors of intake: the cells, rows or files were not used.
    errors: Vec<PlainFinding<'a>>,
    /// Errors of the data-quality checks: the figures were used, but must be corrected.
    check_errors: Vec<PlainFinding<'a>>,
    warnings: Vec<PlainFinding<'a>>,
    resend: Resend,
}

/// A file as a receipt lists it.
#[derive(Serialize)]
struct PlainFile<'a> {
    path: &'a str,
    report_date: String,
    result: String,
}

/// A finding as a receipt prints it: where in words, no code.
#[derive(Serialize)]
struct PlainFinding<'a> {
    /// `trang Chỉ tiêu, ô F8` (with the file first when the agency sent several).
    place: String,
    value: &'a str,
    message: String,
    fix: String,
}

fn receipt_view<'a>(
    plan: &Plan,
    obligations: &Obligations<'_>,
    intake: &'a Intake,
    ag: &'a AgencyIntake,
) -> ReceiptView<'a> {
    let files = intake.files_of(ag);
    // Findings of superseded files no longer matter: the agency corrects the file that is used.
    let relevant: Vec<&Finding> = files
        .iter()
        .filter(|f| !matches!(f.status, FileStatus::Superseded { .. }))
        .flat_map(|f| &f.findings)
        .collect();
    // A data-quality check at level error does not un-accept the figure: listed apart.
    let check = |f: &Finding| crate::plan::check_rule(f.code).is_some();
    let several = files.len() > 1;
    let rows = |keep: &dyn Fn(&Finding) -> bool| {
        relevant.iter().filter(|f| keep(f)).map(|f| plain_finding(f, several)).collect::<Vec<_>>()
    };
    let errors = rows(&|f| f.level == Level::Error && !check(f));
    let check_errors = rows(&|f| f.level == Level::Error && check(f));
    let warnings = rows(&|f| f.level == Level::Warning);
    let mut a = agency_detail(plan, obligations, ag, &files, Vec::new());
    a.rows = upper_first(&a.rows);
    a.result = receipt_result(ag, intake.deadline);
    ReceiptView {
        quarter_label: intake.quarter.label(),
        issuer: plan.assignee_name(&plan.report.issuer_code),
        place_date: place_date(plan, receipt_date(intake)),
        cutoff: date_short(intake.cutoff),
        deadline: date_short(intake.deadline),
        files: files
            .iter()
            .map(|f| PlainFile {
                path: &f.path,
                report_date: f.report_date.map(date_short).unwrap_or_else(|| "không có".to_owned()),
                result: file_status_label(f),
            })
            .collect(),
        a,
        errors,
        check_errors,
        warnings,
        resend: resend(plan, intake),
    }
}

/// The receipt's result line, with the reason when the report counts as late.
fn receipt_result(ag: &AgencyIntake, deadline: Date) -> String {
    let date = ag.submission.as_ref().and_then(|s| s.report_date);
    match (ag.status, date) {
        (AgencyStatus::Late, Some(d)) => format!(
            "đã tiếp nhận; báo cáo được tính là trễ hạn (ngày báo cáo {}, sau hạn gửi {})",
            date_short(d),
            date_short(deadline)
        ),
        (AgencyStatus::Late, None) => "đã tiếp nhận; báo cáo được tính là trễ hạn vì trang Thông tin không có ngày báo cáo đọc được (xem mục 3)".to_owned(),
        (status, _) => status_sentence(status).to_owned(),
    }
}

/// A finding in a receipt's words: `trang Chỉ tiêu, ô F8`, `trang Thông tin`, `cả tệp`.
fn plain_finding(f: &Finding, several_files: bool) -> PlainFinding<'_> {
    let p = &f.place;
    let inside = match (&p.sheet, &p.cell) {
        (Some(s), Some(c)) => format!("trang {s}, ô {c}"),
        (Some(s), None) => format!("trang {s}"),
        _ => "cả tệp".to_owned(),
    };
    let place =
        if several_files && !p.file.is_empty() { format!("tệp {}: {inside}", p.file) } else { inside };
    let value = f.value.as_deref().unwrap_or("");
    PlainFinding { place, value, message: upper_first(&f.message), fix: upper_first(&f.fix) }
}
