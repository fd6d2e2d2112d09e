//! The form contract: the layout of an agency's form and the task statuses it offers, shared
//! by the form writer (`forms`), the submission reader (`collect`) and consolidation.
//!
//! Sheets are found by name and columns by header text (after folding), so a clerk who inserts
//! or reorders columns does not break the reading; rows are found by the code in `Mã`.

/// The version written into every form; a different version in a submission is a warning.
pub const FORM_VERSION: &str = "1";

/// The longest free text (a result, a difficulty, a note) the documents print, in characters;
/// a longer one is cut there with a warning at its cell, and kept whole in `tong-hop.json`.
pub const MAX_TEXT_CHARS: usize = 3000;

/// Sheet with the agency, the quarter and the preparer.
pub const SHEET_INFO: &str = "Thông tin";
/// Sheet with the agency's indicators and task targets.
pub const SHEET_MEASURES: &str = "Chỉ tiêu";
/// Sheet with the sectors the agency reports growth for.
pub const SHEET_GROWTH: &str = "Tăng trưởng";
/// Sheet with the tasks the agency leads.
pub const SHEET_TASKS: &str = "Nhiệm vụ";

/// Labels in column A of `Thông tin`; the value is in column B of the same row.
pub mod info {
    /// The agency code.
    pub const AGENCY_CODE: &str = "Mã cơ quan";
    /// The agency name.
    pub const AGENCY_NAME: &str = "Tên cơ quan";
    /// The quarter, `2024-Q2`.
    pub const QUARTER: &str = "Kỳ báo cáo";
    /// The deadline, in words.
    pub const DEADLINE: &str = "Hạn gửi";
    /// The report date (input).
    pub const REPORT_DATE: &str = "Ngày báo cáo";
    /// Who prepared it (input).
    pub const PREPARER: &str = "Người lập";
    /// Their phone (input).
    pub const PHONE: &str = "Điện thoại";
    /// The form version (hidden row).
    pub const FORM_VERSION: &str = "Phiên bản biểu mẫu";
    /// The plan fingerprint (hidden row).
    pub const PLAN_FINGERPRINT: &str = "Dấu vân tay kế hoạch";
}

/// A column kind of a table sheet.
pub trait FormColumn: Copy + PartialEq {
    /// A locked column showing what the agency reported the previous quarter: written only on
    /// prefilled forms (quarters 2–4) and never read as an input.
    fn is_previous(self) -> bool;
}

/// The headers a form carries, in order: every column, or all but the previous-quarter ones.
pub fn form_headers<C: FormColumn>(headers: &[(C, &'static str)], previous: bool) -> Vec<(C, &'static str)> {
    headers.iter().copied().filter(|(c, _)| previous || !c.is_previous()).collect()
}

/// A column of the `Chỉ tiêu` sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeasureColumn {
    /// `Mã`.
    Code,
    /// `Chỉ tiêu`.
    Name,
    /// `ĐVT`.
    Unit,
    /// `Kế hoạch năm`.
    Target,
    /// `Thực hiện cùng kỳ năm trước` (input).
    SamePeriodLastYear,
    /// `Lũy kế quý trước (đã báo cáo)` (locked, quarters 2–4): the agency's cumulative figure
    /// of the previous quarter; display only, never read as an input.
    PreviousCumulative,
    /// `Thực hiện lũy kế đến hết quý` (input).
    Cumulative,
    /// `Ước cả năm quý trước (đã báo cáo)` (locked, quarters 2–4): the agency's previous
    /// full-year estimate; display only.
    PreviousEstimate,
    /// `Ước thực hiện cả năm` (input).
    YearEstimate,
    /// `Ghi chú` (input).
    Note,
}

impl FormColumn for MeasureColumn {
    fn is_previous(self) -> bool {
        matches!(self, MeasureColumn::PreviousCumulative | MeasureColumn::PreviousEstimate)
    }
}

/// The `Chỉ tiêu` header row, in order (the previous-quarter columns only on prefilled forms).
pub const MEASURE_HEADERS: [(MeasureColumn, &str); 10] = [
    (MeasureColumn::Code, "Mã"),
    (MeasureColumn::Name, "Chỉ tiêu"),
    (MeasureColumn::Unit, "ĐVT"),
    (MeasureColumn::Target, "Kế hoạch năm"),
    (MeasureColumn::SamePeriodLastYear, "Thực hiện cùng kỳ năm trước"),
    (MeasureColumn::PreviousCumulative, "Lũy kế quý trước (đã báo cáo)"),
    (MeasureColumn::Cumulative, "Thực hiện lũy kế đến hết quý"),
    (MeasureColumn::PreviousEstimate, "Ước cả năm quý trước (đã báo cáo)"),
    (MeasureColumn::YearEstimate, "Ước thực hiện cả năm"),
    (MeasureColumn::Note, "Ghi chú"),
];

/// A column of the `Tăng trưởng` sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GrowthColumn {
    /// `Mã`.
    Code,
    /// `Ngành, lĩnh vực`.
    Name,
    /// `Kịch bản (%)`: the plan's scenario for the cumulative period.
    Scenario,
    /// `Ước thực hiện quý (%)` (input).
    Quarter,
    /// `Lũy kế quý trước (%, đã báo cáo)` (locked, quarters 2–4): the agency's previous
    /// cumulative growth estimate; display only.
    PreviousCumulative,
    /// `Ước thực hiện lũy kế (%)` (input).
    Cumulative,
    /// `Kịch bản cập nhật cả năm (%)` (input).
    YearUpdate,
    /// `Ghi chú` (input).
    Note,
}

impl FormColumn for GrowthColumn {
    fn is_previous(self) -> bool {
        matches!(self, GrowthColumn::PreviousCumulative)
    }
}

/// The `Tăng trưởng` header row, in order (the previous-quarter column only on prefilled forms).
pub const GROWTH_HEADERS: [(GrowthColumn, &str); 8] = [
    (GrowthColumn::Code, "Mã"),
    (GrowthColumn::Name, "Ngành, lĩnh vực"),
    (GrowthColumn::Scenario, "Kịch bản (%)"),
    (GrowthColumn::Quarter, "Ước thực hiện quý (%)"),
    (GrowthColumn::PreviousCumulative, "Lũy kế quý trước (%, đã báo cáo)"),
    (GrowthColumn::Cumulative, "Ước thực hiện lũy kế (%)"),
    (GrowthColumn::YearUpdate, "Kịch bản cập nhật cả năm (%)"),
    (GrowthColumn::Note, "Ghi chú"),
];

/// A column of the `Nhiệm vụ` sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskColumn {
    /// `Mã`.
    Code,
    /// `Nhiệm vụ`.
    Task,
    /// `Thời hạn`.
    Deadline,
    /// `Tình trạng quý trước (đã báo cáo)` (locked, quarters 2–4): the status the agency chose
    /// last quarter; display only.
    PreviousStatus,
    /// `Tình trạng` (input, from the dropdown).
    Status,
    /// `Tiến độ (%)` (input, optional): the share of the task done, 0–100; older forms lack it.
    Progress,
    /// `Kết quả thực hiện` (input).
    Result,
    /// `Khó khăn, vướng mắc, kiến nghị` (input).
    Issues,
}

impl FormColumn for TaskColumn {
    fn is_previous(self) -> bool {
        matches!(self, TaskColumn::PreviousStatus)
    }
}

/// The `Nhiệm vụ` header row, in order (the previous-quarter column only on prefilled forms).
pub const TASK_HEADERS: [(TaskColumn, &str); 8] = [
    (TaskColumn::Code, "Mã"),
    (TaskColumn::Task, "Nhiệm vụ"),
    (TaskColumn::Deadline, "Thời hạn"),
    (TaskColumn::PreviousStatus, "Tình trạng quý trước (đã báo cáo)"),
    (TaskColumn::Status, "Tình trạng"),
    (TaskColumn::Progress, "Tiến độ (%)"),
    (TaskColumn::Result, "Kết quả thực hiện"),
    (TaskColumn::Issues, "Khó khăn, vướng mắc, kiến nghị"),
];

/// The kind of a task status an agency reports (domain §6.5): what consolidation understands.
///
/// The words agencies see and type come from the plan's vocabulary
/// ([`crate::plan::StatusVocabulary`], `statuses:` in `tasks.yaml`): each dropdown label and
/// each other spelling maps to one kind. Overdue is computed, never typed. The serde names are
/// the `kind:` values of the plan file (`done`, `done-late`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReportedStatus {
    /// `done`: finished (hoàn thành; on time unless the agency says late).
    #[serde(rename = "done")]
    DoneOnTime,
    /// `done-late`: finished after the deadline (hoàn thành quá hạn).
    DoneLate,
    /// `submitted`: the agency's part is done and submitted for approval (đã trình, chờ phê
    /// duyệt); neither done nor left undone.
    Submitted,
    /// `in-progress`: being carried out (đang thực hiện).
    InProgress,
    /// `not-started`: not started (chưa thực hiện).
    NotStarted,
    /// `regular`: carried out on a regular basis (thường xuyên; continuous tasks only).
    #[serde(rename = "regular")]
    Continuous,
}

impl ReportedStatus {
    /// Every kind, in the order of the built-in vocabulary.
    pub const ALL: [ReportedStatus; 6] = [
        ReportedStatus::DoneOnTime,
        ReportedStatus::DoneLate,
        ReportedStatus::Submitted,
        ReportedStatus::InProgress,
        ReportedStatus::NotStarted,
        ReportedStatus::Continuous,
    ];

    /// Finished, on time or late.
    pub fn is_done(self) -> bool {
        matches!(self, ReportedStatus::DoneOnTime | ReportedStatus::DoneLate)
    }

    /// The `kind:` value in the plan file.
    pub fn key(self) -> &'static str {
        match self {
            ReportedStatus::DoneOnTime => "done",
            ReportedStatus::DoneLate => "done-late",
            ReportedStatus::Submitted => "submitted",
            ReportedStatus::InProgress => "in-progress",
            ReportedStatus::NotStarted => "not-started",
            ReportedStatus::Continuous => "regular",
        }
    }

    /// What the kind means, for messages.
    pub fn meaning(self) -> &'static str {
        match self {
            ReportedStatus::DoneOnTime => "hoàn thành",
            ReportedStatus::DoneLate => "hoàn thành quá hạn",
            ReportedStatus::Submitted => "đã trình, chờ phê duyệt",
            ReportedStatus::InProgress => "đang thực hiện",
            ReportedStatus::NotStarted => "chưa thực hiện",
            ReportedStatus::Continuous => "thường xuyên",
        }
    }

    /// Kinds every vocabulary must offer at least one label for: without one the form could not
    /// say it (a task may be finished late or never submitted for approval, so those may go).
    pub fn required(self) -> bool {
        !matches!(self, ReportedStatus::DoneLate | ReportedStatus::Submitted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_use_the_plan_file_names() {
        for kind in ReportedStatus::ALL {
            let yaml = serde_json::to_string(&kind).expect("serialise");
            assert_eq!(yaml, format!("\"{}\"", kind.key()));
            let back: ReportedStatus = serde_json::from_str(&yaml).expect("deserialise");
            assert_eq!(back, kind);
        }
    }
}
