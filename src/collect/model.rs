//! What intake produces: every file's outcome, each agency's status and accepted values.
//!
//! These plain types are the contract between intake (`collect`) and consolidation.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::contract::ReportedStatus;
use crate::findings::{Counts, Finding};
use crate::period::Quarter;
use crate::plan::{AgencyCode, MeasureCode, SectorCode, TaskId};

/// The result of intake for one quarter.
#[derive(Debug, Clone, Serialize)]
pub struct Intake {
    /// The quarter.
    pub quarter: Quarter,
    /// The submission deadline (the 14th of the quarter's last month).
    pub deadline: Date,
    /// The cut-off date of the run.
    pub cutoff: Date,
    /// Every file under the quarter's submissions folder, sorted by path.
    pub files: Vec<FileOutcome>,
    /// Every agency that must report, in plan order.
    pub agencies: Vec<AgencyIntake>,
    /// Questions for the department that involve several agencies or the quarter as a whole
    /// ("cần thống nhất số liệu"): filled by [`Intake::attach`] from consolidation's review.
    pub reconcile: Vec<Finding>,
    /// The date the report and the receipts are issued on (the build's signing date), once
    /// known; see [`Intake::issue_date`].
    #[serde(skip)]
    pub issued: Option<Date>,
    /// Position of each agency in `agencies` (the first, should a code repeat).
    #[serde(skip)]
    index: HashMap<AgencyCode, usize>,
}

/// What happened to one file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileOutcome {
    /// Path relative to the quarter's submissions folder, with `/` separators.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Hex SHA-256 of the bytes (absent for ignored files and files too large to read).
    pub sha256: Option<String>,
    /// Accepted, rejected, superseded or ignored.
    pub status: FileStatus,
    /// The agency the file is from, once identified.
    pub agency: Option<AgencyCode>,
    /// The report date typed on `Thông tin`.
    pub report_date: Option<Date>,
    /// The text encoding detected in the file when it was not plain Unicode (`TCVN3 (ABC)`).
    pub encoding: Option<String>,
    /// Every finding, in sheet and row order.
    pub findings: Vec<Finding>,
}

/// The outcome of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FileStatus {
    /// Read and used (rows with errors are not used).
    Accepted,
    /// Not used: see the file's findings.
    Rejected,
    /// Not used because a later report from the same agency replaces it.
    Superseded {
        /// The file that replaces it.
        by: String,
    },
    /// Not a submission (lock file, hidden file, not a spreadsheet).
    Ignored {
        /// Why, in Vietnamese.
        reason: String,
    },
}

/// How an agency's reporting went this quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgencyStatus {
    /// Received on or before the deadline.
    OnTime,
    /// Received after the deadline (or with no usable report date).
    Late,
    /// Every file it sent was rejected.
    Rejected,
    /// Nothing received.
    Missing,
}

impl AgencyStatus {
    /// The label used in documents.
    pub fn label(self) -> &'static str {
        match self {
            AgencyStatus::OnTime => "Đúng hạn",
            AgencyStatus::Late => "Trễ hạn",
            AgencyStatus::Rejected => "Bị từ chối",
            AgencyStatus::Missing => "Chưa gửi",
        }
    }
}

/// One agency's intake result.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyIntake {
    /// The agency.
    pub agency: AgencyCode,
    /// On time, late, rejected or missing.
    pub status: AgencyStatus,
    /// Every file attributed to the agency (accepted, rejected or superseded).
    pub files: Vec<String>,
    /// The accepted submission, if any.
    pub submission: Option<AgencySubmission>,
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CellRef {
    /// The file, relative to the quarter's submissions folder.
    pub file: String,
    /// The sheet.
    pub sheet: String,
    /// The cell in A1 form (`F7`).
    pub cell: String,
}

impl CellRef {
    /// `Chỉ tiêu!F7`.
    pub fn a1(&self) -> String {
        format!("{}!{}", self.sheet, self.cell)
    }
}

/// A qualifier typed with a number (`khoảng 30`, `trên 95`): kept, with a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValueQualifier {
    /// "khoảng", "gần", "ước".
    About,
    /// "trên", "hơn".
    Above,
    /// "dưới".
    Below,
}

/// A number read from a cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Number {
    /// The value, in the measure's unit (a percent-formatted 0,377 is 37,7).
    #[serde(serialize_with = "exact_f64::serialize", deserialize_with = "exact_f64::deserialize")]
    pub value: f64,
    /// The cell as typed or displayed.
    pub raw: String,
    /// A qualifier typed with the number.
    pub qualifier: Option<ValueQualifier>,
    /// Where it came from.
    pub source: CellRef,
}

/// The accepted content of one agency's file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgencySubmission {
    /// The agency.
    pub agency: AgencyCode,
    /// The file, relative to the quarter's submissions folder.
    pub file: String,
    /// The report date, when valid.
    pub report_date: Option<Date>,
    /// Who prepared it.
    pub preparer: Option<String>,
    /// Their phone.
    pub phone: Option<String>,
    /// Rows of `Chỉ tiêu` without errors.
    pub measures: Vec<MeasureReport>,
    /// Rows of `Tăng trưởng` without errors.
    pub growth: Vec<GrowthReport>,
    /// Rows of `Nhiệm vụ` without errors.
    pub tasks: Vec<TaskReport>,
}

/// One row of `Chỉ tiêu`; a blank cell is `None` (not reported), never zero.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeasureReport {
    /// The measure.
    pub code: MeasureCode,
    /// `Thực hiện cùng kỳ năm trước`.
    pub same_period_last_year: Option<Number>,
    /// `Thực hiện lũy kế đến hết quý`.
    pub cumulative: Option<Number>,
    /// `Ước thực hiện cả năm`.
    pub year_estimate: Option<Number>,
    /// `Ghi chú`.
    pub note: Option<String>,
}

/// One row of `Tăng trưởng`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GrowthReport {
    /// The sector.
    pub sector: SectorCode,
    /// `Ước thực hiện quý (%)`.
    pub quarter: Option<Number>,
    /// `Ước thực hiện lũy kế (%)`.
    pub cumulative: Option<Number>,
    /// `Kịch bản cập nhật cả năm (%)`.
    pub year_update: Option<Number>,
    /// `Ghi chú`.
    pub note: Option<String>,
}

/// One row of `Nhiệm vụ`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaskReport {
    /// The task.
    pub task: TaskId,
    /// `Tình trạng`, when given and valid.
    pub status: Option<ReportedStatus>,
    /// Where the status came from.
    pub status_source: Option<CellRef>,
    /// `Tiến độ (%)`, 0–100, when typed and valid (forms before the column have none).
    #[serde(default)]
    pub progress: Option<Number>,
    /// `Kết quả thực hiện`.
    pub result: Option<std::sync::Arc<str>>,
    /// `Khó khăn, vướng mắc, kiến nghị`.
    pub issues: Option<std::sync::Arc<str>>,
}

impl Intake {
    /// An intake of `quarter`; `files` sorted by path, `agencies` in plan order.
    pub fn new(
        quarter: Quarter,
        deadline: Date,
        cutoff: Date,
        files: Vec<FileOutcome>,
        agencies: Vec<AgencyIntake>,
    ) -> Intake {
        let index = agencies.iter().enumerate().map(|(i, a)| (a.agency.clone(), i)).rev().collect();
        Intake { quarter, deadline, cutoff, files, agencies, reconcile: Vec::new(), issued: None, index }
    }

    /// The date documents of this intake are issued on: the signing date when the build set one,
    /// otherwise the cut-off or, if later, the latest report date among the files used (a
    /// receipt is never dated before the files it acknowledges).
    pub fn issue_date(&self) -> Date {
        self.issued.unwrap_or_else(|| {
            self.submissions().filter_map(|s| s.report_date).max().map_or(self.cutoff, |d| d.max(self.cutoff))
        })
    }

    /// Adds consolidation's findings: each one about a file (its `place.file` is the file's
    /// path) goes to that file, to appear in the agency's receipt; the rest to [`Intake::reconcile`].
    pub fn attach(&mut self, findings: impl IntoIterator<Item = Finding>) {
        for f in findings {
            match self.files.iter_mut().find(|o| !f.place.file.is_empty() && o.path == f.place.file) {
                Some(o) => o.findings.push(f),
                None => self.reconcile.push(f),
            }
        }
    }

    /// The accepted submissions, in plan order.
    pub fn submissions(&self) -> impl Iterator<Item = &AgencySubmission> {
        self.agencies.iter().filter_map(|a| a.submission.as_ref())
    }

    /// One agency's intake result (a hash lookup: provinces may have thousands of agencies).
    pub fn agency(&self, code: &AgencyCode) -> Option<&AgencyIntake> {
        self.index.get(code).and_then(|i| self.agencies.get(*i)).filter(|a| &a.agency == code)
    }

    /// The files attributed to an agency, in path order (`files` is sorted by path, so each
    /// lookup is a binary search, with a linear fallback for an intake built some other way).
    pub fn files_of(&self, a: &AgencyIntake) -> Vec<&FileOutcome> {
        a.files
            .iter()
            .filter_map(|p| match self.files.binary_search_by(|f| f.path.as_str().cmp(p)) {
                Ok(i) => self.files.get(i),
                Err(_) => self.files.iter().find(|f| &f.path == p),
            })
            .collect()
    }
}

/// Agencies counted by reporting status, with the DHIS2-style rates: one computation for the
/// intake overview (over the intake's agencies) and the report (over the plan's).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AgencyCounts {
    /// Agencies that must report.
    pub expected: usize,
    /// Received on time.
    pub on_time: usize,
    /// Received late.
    pub late: usize,
    /// Every file rejected.
    pub rejected: usize,
    /// Nothing received.
    pub missing: usize,
}

impl AgencyCounts {
    /// Counts the given statuses, one per agency that must report.
    pub fn tally(statuses: impl IntoIterator<Item = AgencyStatus>) -> AgencyCounts {
        let mut c = AgencyCounts::default();
        for s in statuses {
            c.expected += 1;
            match s {
                AgencyStatus::OnTime => c.on_time += 1,
                AgencyStatus::Late => c.late += 1,
                AgencyStatus::Rejected => c.rejected += 1,
                AgencyStatus::Missing => c.missing += 1,
            }
        }
        c
    }

    /// Agencies with a usable report.
    pub fn received(&self) -> usize {
        self.on_time + self.late
    }

    /// Received, in % of those that must report (0 when none must).
    pub fn completeness(&self) -> f64 {
        self.rate(self.received())
    }

    /// On time, in % of those that must report (0 when none must).
    pub fn timeliness(&self) -> f64 {
        self.rate(self.on_time)
    }

    fn rate(&self, n: usize) -> f64 {
        if self.expected == 0 { 0.0 } else { n as f64 / self.expected as f64 * 100.0 }
    }
}

/// Counts of an intake: agencies by status, files by outcome, findings by level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IntakeTotals {
    /// Agencies by status.
    pub agencies: AgencyCounts,
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
    /// Findings in all files.
    pub findings: Counts,
}

impl IntakeTotals {
    /// Counts an intake.
    pub fn of(intake: &Intake) -> IntakeTotals {
        let mut t = IntakeTotals {
            agencies: AgencyCounts::tally(intake.agencies.iter().map(|a| a.status)),
            files: intake.files.len(),
            findings: Counts::of(intake.files.iter().flat_map(|f| &f.findings)),
            ..IntakeTotals::default()
        };
        for f in &intake.files {
            match f.status {
                FileStatus::Accepted => t.accepted_files += 1,
                FileStatus::Rejected => t.rejected_files += 1,
                FileStatus::Superseded { .. } => t.superseded_files += 1,
                FileStatus::Ignored { .. } => t.ignored_files += 1,
            }
        }
        t
    }
}

/// Numbers that cross the worker pipe unchanged.
///
/// serde_json parses floats "best effort" (exact parsing is a crate-wide feature that would
/// rebuild Typst), and writes NaN as `null`. So a worker writes each [`Number::value`] as the
/// text of its shortest round-trip form (`"37.7"`, `"NaN"`), which Rust parses back exactly; every
/// other serialization (the JSON outputs) still writes a plain number.
pub(crate) mod exact_f64 {
    use std::cell::Cell;

    use serde::{Deserialize, Deserializer, Serializer};

    thread_local! {
        static AS_TEXT: Cell<bool> = const { Cell::new(false) };
    }

    /// Runs `f` (a serialization) with every `Number::value` written as text.
    pub fn as_text<R>(f: impl FnOnce() -> R) -> R {
        struct Reset;
        impl Drop for Reset {
            fn drop(&mut self) {
                AS_TEXT.with(|t| t.set(false));
            }
        }
        AS_TEXT.with(|t| t.set(true));
        let _reset = Reset;
        f()
    }

    /// A plain number, or its text inside [`as_text`].
    pub fn serialize<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        if AS_TEXT.with(Cell::get) { s.collect_str(v) } else { s.serialize_f64(*v) }
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Wire {
        Number(f64),
        Text(String),
    }

    /// A number, or the text [`serialize`] wrote.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        match Wire::deserialize(d)? {
            Wire::Number(v) => Ok(v),
            Wire::Text(t) => t.parse().map_err(serde::de::Error::custom),
        }
    }
}
