//! What baocao reads back from an archived package: the part of `tong-hop.json` later quarters
//! and later years compare with, as a versioned schema.
//!
//! `tong-hop.json` carries `"schema": 1` ([`SUMMARY_SCHEMA`]). Schema 1 guarantees, and this
//! reader needs, only: `quarter` (`"2024-Q1"`); `indicators[]` and `task-targets[]`, each with
//! `code` and `sources[]` of `{agency, value, cell: {file, sheet, cell}}` (every agency's
//! cumulative value or level, with the cell it was read from) and `estimate_sources[]` of the
//! same shape (each agency's full-year estimate) and `quarter_value` (the province's figure of a
//! flow for that quarter alone, or null) and, optionally, `percent_of_target` (the province's
//! figure as a % of the annual target, as Phụ lục 1 printed it; summaries without it are read, they
//! only give the year's trend chart no point); `growth.rows[]`, each with
//! `code`, `is_group`, `is_total` and `sources[]` of the same shape (each agency's cumulative
//! growth estimate, %); `tasks[]`, each with `id` and `assignees[]` of `{agency, reported,
//! source}` (the status kind the agency reported — `done`, `done-late`, `in-progress`, … — and
//! its cell). Every other field may change between versions; a new version that
//! changes these is a new number, and a summary of an unknown version is refused by name.

use serde::Deserialize;

use crate::collect::CellRef;
use crate::contract::ReportedStatus;
use crate::plan::AgencyCode;

/// The version of `tong-hop.json` this baocao writes and reads.
pub const SUMMARY_SCHEMA: u32 = 1;

/// The archived figures of one quarter (schema 1).
#[derive(Debug, Clone, Deserialize)]
pub struct ArchivedSummary {
    /// The schema version; absent in summaries written before versioning (refused).
    #[serde(default)]
    pub schema: Option<u32>,
    /// The quarter (`2024-Q1`).
    pub quarter: String,
    /// Phụ lục 1 indicators.
    #[serde(default)]
    pub indicators: Vec<ArchivedMeasure>,
    /// Task targets.
    #[serde(default, rename = "task_targets")]
    pub task_targets: Vec<ArchivedMeasure>,
    /// Growth by sector.
    #[serde(default)]
    pub growth: Option<ArchivedGrowth>,
    /// Phụ lục 3 tasks.
    #[serde(default)]
    pub tasks: Vec<ArchivedTask>,
}

/// One task's assignees.
#[derive(Debug, Clone, Deserialize)]
pub struct ArchivedTask {
    /// The task number.
    pub id: String,
    /// Each assigned agency's part.
    #[serde(default)]
    pub assignees: Vec<ArchivedAssignee>,
}

/// What one agency reported for a task.
#[derive(Debug, Clone, Deserialize)]
pub struct ArchivedAssignee {
    /// The agency.
    pub agency: AgencyCode,
    /// The status kind it reported, if any.
    #[serde(default)]
    pub reported: Option<ReportedStatus>,
    /// The status cell.
    #[serde(default)]
    pub source: Option<CellRef>,
}

/// One measure's agency values.
#[derive(Debug, Clone, Deserialize)]
pub struct ArchivedMeasure {
    /// The measure code.
    pub code: String,
    /// Each agency's value, with its cell.
    #[serde(default)]
    pub sources: Vec<ArchivedValue>,
    /// Each agency's full-year estimate, with its cell.
    #[serde(default)]
    pub estimate_sources: Vec<ArchivedValue>,
    /// The province's figure of a flow for that quarter alone, when it was known.
    #[serde(default)]
    pub quarter_value: Option<f64>,
    /// The province's figure as a % of the annual target (Phụ lục 1 "So với KH năm" of a
    /// quantity or count), when it was judged; optional in schema 1.
    #[serde(default)]
    pub percent_of_target: Option<f64>,
}

/// One agency's value, with the cell it was read from.
#[derive(Debug, Clone, Deserialize)]
pub struct ArchivedValue {
    /// The agency.
    pub agency: AgencyCode,
    /// The value.
    pub value: f64,
    /// The cell.
    pub cell: CellRef,
}

/// Growth rows.
#[derive(Debug, Clone, Deserialize)]
pub struct ArchivedGrowth {
    /// Sector and group rows.
    #[serde(default)]
    pub rows: Vec<ArchivedGrowthRow>,
}

/// One growth row.
#[derive(Debug, Clone, Deserialize)]
pub struct ArchivedGrowthRow {
    /// Sector code.
    pub code: String,
    /// A group of sectors (its figure is computed, not reported).
    #[serde(default)]
    pub is_group: bool,
    /// The total row.
    #[serde(default)]
    pub is_total: bool,
    /// Each agency's estimate, with its cell.
    #[serde(default)]
    pub sources: Vec<ArchivedValue>,
}
