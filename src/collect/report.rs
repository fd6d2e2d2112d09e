//! The intake outputs: `tiep-nhan.md` (the department's overview), `tiep-nhan.json` (everything,
//! for consolidation and audits) and `phan-hoi/<MÃ>.md` (one receipt per agency that sent files).
//!
//! Every piece of typed or plan text reaches Markdown through `render::escape`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::model::{AgencyIntake, AgencyStatus, FileOutcome, FileStatus, Intake};
use crate::findings::{Finding, Level};
use crate::output::write_atomic;
use crate::plan::Plan;
use crate::render::escape::{markdown_cell as cell, markdown_text as text};
use crate::vn::{date_short, percent};

/// A write of an intake output failed.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A file could not be written.
    #[error("không ghi được {} ({source})", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The JSON could not be produced.
    #[error("không tạo được tiep-nhan.json ({0})")]
    Json(#[from] serde_json::Error),
}

/// Counts for the summary of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Agencies that must report.
    pub expected: usize,
    /// Agencies with a usable submission.
    pub received: usize,
    /// Of those, on time.
    pub on_time: usize,
    /// Of those, late.
    pub late: usize,
    /// Agencies whose every file was rejected.
    pub rejected: usize,
    /// Agencies that sent nothing.
    pub missing: usize,
    /// Files under the quarter folder.
    pub files: usize,
    /// Files used.
    pub accepted_files: usize,
    /// Files rejected.
    pub rejected_files: usize,
    /// Files replaced by a later one.
    pub superseded_files: usize,
    /// Files ignored.
    pub ignored_files: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
}

impl Totals {
    /// Counts an intake.
    pub fn of(intake: &Intake) -> Totals {
        let mut t =
            Totals { expected: intake.agencies.len(), files: intake.files.len(), ..Totals::default() };
        for a in &intake.agencies {
            match a.status {
                AgencyStatus::OnTime => t.on_time += 1,
                AgencyStatus::Late => t.late += 1,
                AgencyStatus::Rejected => t.rejected += 1,
                AgencyStatus::Missing => t.missing += 1,
            }
        }
        t.received = t.on_time + t.late;
        for f in &intake.files {
            match f.status {
                FileStatus::Accepted => t.accepted_files += 1,
                FileStatus::Rejected => t.rejected_files += 1,
                FileStatus::Superseded { .. } => t.superseded_files += 1,
                FileStatus::Ignored { .. } => t.ignored_files += 1,
            }
            t.errors += f.findings.iter().filter(|x| x.level == Level::Error).count();
            t.warnings += f.findings.iter().filter(|x| x.level == Level::Warning).count();
        }
        t
    }

    /// Agencies with a usable submission, in % of those that must report.
    pub fn completeness(&self) -> f64 {
        ratio(self.received, self.expected)
    }

    /// Agencies on time, in % of those that must report.
    pub fn timeliness(&self) -> f64 {
        ratio(self.on_time, self.expected)
    }
}

fn ratio(n: usize, of: usize) -> f64 {
    if of == 0 { 0.0 } else { n as f64 * 100.0 / of as f64 }
}

/// The intake outputs, by path relative to `OUT/<quarter>/`: `tiep-nhan.md`, `tiep-nhan.json` and
/// one `phan-hoi/<MÃ>.md` per agency that sent something.
pub fn intake_outputs(plan: &Plan, intake: &Intake) -> Result<Vec<(PathBuf, Vec<u8>)>, WriteError> {
    let mut out = vec![
        (PathBuf::from("tiep-nhan.md"), render_overview(plan, intake).into_bytes()),
        (PathBuf::from("tiep-nhan.json"), serde_json::to_vec_pretty(intake)?),
    ];
    for agency in intake.agencies.iter().filter(|a| !a.files.is_empty()) {
        let name = receipt_file_name(agency.agency.as_str());
        let body = super::receipt::render_receipt(plan, intake, agency);
        out.push((Path::new(RECEIPTS).join(name), body.into_bytes()));
    }
    Ok(out)
}

/// The folder of receipts inside `OUT/<quarter>/`.
pub const RECEIPTS: &str = "phan-hoi";

/// Writes the outputs into `out_dir/<quarter>/`; returns the files written.
pub fn write_intake_outputs(
    plan: &Plan,
    intake: &Intake,
    out_dir: &Path,
) -> Result<Vec<PathBuf>, WriteError> {
    let dir = out_dir.join(intake.quarter.to_string());
    let mut written = Vec::new();
    for (rel, bytes) in intake_outputs(plan, intake)? {
        let path = dir.join(rel);
        write_atomic(&path, &bytes).map_err(|source| WriteError::Io { path: path.clone(), source })?;
        written.push(path);
    }
    remove_stale_receipts(&dir.join(RECEIPTS), &written)?;
    Ok(written)
}

/// Removes receipts of an earlier run for agencies that no longer have files, so an outdated
/// receipt is never sent; only `*.md` files directly in `phan-hoi/` are touched.
pub fn remove_stale_receipts(receipts: &Path, written: &[PathBuf]) -> Result<(), WriteError> {
    let Ok(entries) = std::fs::read_dir(receipts) else { return Ok(()) };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_md =
            path.extension().is_some_and(|e| e == "md") && entry.file_type().is_ok_and(|t| t.is_file());
        if is_md && !written.contains(&path) {
            std::fs::remove_file(&path).map_err(|source| WriteError::Io { path: path.clone(), source })?;
        }
    }
    Ok(())
}

/// `<MÃ>.md`, with anything but ASCII letters, digits, `-`, `_` and `.` replaced.
fn receipt_file_name(code: &str) -> String {
    let safe: String = code
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
        .collect();
    format!("{}.md", safe.trim_start_matches('.'))
}

/// The first 12 hex digits of a hash, or `—`.
pub fn short_hash(sha: Option<&str>) -> String {
    sha.map_or_else(|| "—".to_owned(), |s| s.chars().take(12).collect())
}

/// A file's result in words.
pub fn file_status_label(f: &FileOutcome) -> String {
    match &f.status {
        FileStatus::Accepted => "Được dùng".to_owned(),
        FileStatus::Rejected => "Bị từ chối".to_owned(),
        FileStatus::Superseded { by } => format!("Bị thay thế bởi {by}"),
        FileStatus::Ignored { reason } => format!("Bỏ qua: {reason}"),
    }
}

/// A table of findings: level, code, file, place, value, message, fix.
pub fn findings_table(out: &mut String, findings: &[&Finding]) {
    out.push_str(
        "| Mức | Mã | Tệp | Vị trí | Giá trị | Nội dung | Cách sửa |\n|---|---|---|---|---|---|---|\n",
    );
    for f in findings {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(f.level.label()),
            cell(f.code),
            cell(&f.file),
            cell(&f.location()),
            cell(f.value.as_deref().unwrap_or("")),
            cell(&f.message),
            cell(&f.fix)
        );
    }
    out.push('\n');
}

fn render_overview(plan: &Plan, intake: &Intake) -> String {
    let t = Totals::of(intake);
    let mut out = String::new();
    let _ = writeln!(out, "# Tình hình tiếp nhận báo cáo {}\n", text(&intake.quarter.label()));
    let _ = writeln!(out, "- Hạn gửi báo cáo: {}", date_short(intake.deadline));
    let _ = writeln!(out, "- Ngày chốt tiếp nhận: {}", date_short(intake.cutoff));
    let _ = writeln!(out, "- Thư mục nhận: `submissions/{}/`\n", intake.quarter);
    out.push_str("## 1. Tổng hợp\n\n| Nội dung | Số lượng |\n|---|---:|\n");
    let rows = [
        ("Cơ quan phải báo cáo", t.expected.to_string()),
        ("Đã nhận báo cáo dùng được", t.received.to_string()),
        ("Trong đó: đúng hạn", t.on_time.to_string()),
        ("Trong đó: trễ hạn", t.late.to_string()),
        ("Bị từ chối (mọi tệp đều không dùng được)", t.rejected.to_string()),
        ("Chưa gửi", t.missing.to_string()),
        ("Tỷ lệ đầy đủ", percent(t.completeness())),
        ("Tỷ lệ đúng hạn", percent(t.timeliness())),
    ];
    for (label, value) in rows {
        let _ = writeln!(out, "| {} | {} |", cell(label), cell(&value));
    }
    let _ = writeln!(
        out,
        "\nTỷ lệ đầy đủ và tỷ lệ đúng hạn tính trên số cơ quan phải báo cáo; đúng hạn là có ngày báo cáo hợp lệ \
         không muộn hơn ngày {}.\n",
        date_short(intake.deadline)
    );
    let _ = writeln!(
        out,
        "Tệp trong thư mục: {} (được dùng {}, bị từ chối {}, bị thay thế {}, bỏ qua {}); {} lỗi, {} cảnh báo.\n",
        t.files,
        t.accepted_files,
        t.rejected_files,
        t.superseded_files,
        t.ignored_files,
        t.errors,
        t.warnings
    );
    agency_table(&mut out, plan, intake);
    agency_details(&mut out, plan, intake);
    unattributed(&mut out, intake);
    out
}

fn agency_table(out: &mut String, plan: &Plan, intake: &Intake) {
    out.push_str("## 2. Tình hình theo cơ quan\n\n");
    out.push_str("| STT | Mã | Cơ quan | Tình trạng | Ngày báo cáo | Tệp được dùng | Lỗi | Cảnh báo |\n");
    out.push_str("|---:|---|---|---|---|---|---:|---:|\n");
    for (i, a) in intake.agencies.iter().enumerate() {
        let files: Vec<&FileOutcome> = files_of(intake, a);
        let count = |level| files.iter().flat_map(|f| &f.findings).filter(|f| f.level == level).count();
        let sub = a.submission.as_ref();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            i + 1,
            cell(a.agency.as_str()),
            cell(&plan.assignee_name(&a.agency)),
            cell(a.status.label()),
            cell(&sub.and_then(|s| s.report_date).map(date_short).unwrap_or_default()),
            cell(sub.map_or("", |s| s.file.as_str())),
            count(Level::Error),
            count(Level::Warning)
        );
    }
    out.push('\n');
}

/// The table of an agency's files: path, short hash, report date, outcome.
pub fn files_table(files: &[&FileOutcome]) -> String {
    let mut out = String::from("| Tệp | SHA-256 | Ngày báo cáo | Kết quả |\n|---|---|---|---|\n");
    for f in files {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&f.path),
            cell(&short_hash(f.sha256.as_deref())),
            cell(&f.report_date.map(date_short).unwrap_or_default()),
            cell(&file_status_label(f))
        );
    }
    out
}

/// The files attributed to an agency, in path order.
///
/// `Intake::files` is sorted by path, so each lookup is a binary search (with a linear fallback
/// for an intake built some other way).
pub fn files_of<'i>(intake: &'i Intake, a: &AgencyIntake) -> Vec<&'i FileOutcome> {
    a.files
        .iter()
        .filter_map(|p| match intake.files.binary_search_by(|f| f.path.as_str().cmp(p)) {
            Ok(i) => intake.files.get(i),
            Err(_) => intake.files.iter().find(|f| &f.path == p),
        })
        .collect()
}

fn agency_details(out: &mut String, plan: &Plan, intake: &Intake) {
    out.push_str("## 3. Chi tiết từng cơ quan đã gửi\n\n");
    let sent: Vec<&AgencyIntake> = intake.agencies.iter().filter(|a| !a.files.is_empty()).collect();
    if sent.is_empty() {
        out.push_str("Chưa nhận được tệp nào của các cơ quan.\n\n");
    }
    for (i, a) in sent.iter().enumerate() {
        let name = plan.assignee_name(&a.agency);
        let _ = writeln!(
            out,
            "### 3.{}. {} ({}): {}\n",
            i + 1,
            text(&name),
            text(a.agency.as_str()),
            text(a.status.label())
        );
        let files = files_of(intake, a);
        out.push_str(&files_table(&files));
        out.push('\n');
        let _ = writeln!(out, "Số liệu đã tiếp nhận: {}\n", text(&super::receipt::rows_summary(plan, a)));
        let findings: Vec<&Finding> = files.iter().flat_map(|f| &f.findings).collect();
        if !findings.is_empty() {
            findings_table(out, &findings);
        }
    }
}

fn unattributed(out: &mut String, intake: &Intake) {
    let unknown: Vec<&FileOutcome> = intake
        .files
        .iter()
        .filter(|f| f.agency.is_none() && !matches!(f.status, FileStatus::Ignored { .. }))
        .collect();
    out.push_str("## 4. Tệp không xác định được cơ quan\n\n");
    if unknown.is_empty() {
        out.push_str("Không có.\n\n");
    } else {
        out.push_str("| Tệp | SHA-256 | Kết quả |\n|---|---|---|\n");
        for f in &unknown {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                cell(&f.path),
                cell(&short_hash(f.sha256.as_deref())),
                cell(&file_status_label(f))
            );
        }
        out.push('\n');
        findings_table(out, &unknown.iter().flat_map(|f| &f.findings).collect::<Vec<_>>());
    }
    let ignored: Vec<&FileOutcome> =
        intake.files.iter().filter(|f| matches!(f.status, FileStatus::Ignored { .. })).collect();
    out.push_str("## 5. Tệp bỏ qua\n\n");
    if ignored.is_empty() {
        out.push_str("Không có.\n");
        return;
    }
    out.push_str("| Tệp | Lý do |\n|---|---|\n");
    for f in ignored {
        let reason = match &f.status {
            FileStatus::Ignored { reason } => reason.as_str(),
            _ => "",
        };
        let _ = writeln!(out, "| {} | {} |", cell(&f.path), cell(reason));
    }
}
