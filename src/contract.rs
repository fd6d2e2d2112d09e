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
    /// `Thực hiện lũy kế đến hết quý` (input).
    Cumulative,
    /// `Ước thực hiện cả năm` (input).
    YearEstimate,
    /// `Ghi chú` (input).
    Note,
}

/// The `Chỉ tiêu` header row, in order.
pub const MEASURE_HEADERS: [(MeasureColumn, &str); 8] = [
    (MeasureColumn::Code, "Mã"),
    (MeasureColumn::Name, "Chỉ tiêu"),
    (MeasureColumn::Unit, "ĐVT"),
    (MeasureColumn::Target, "Kế hoạch năm"),
    (MeasureColumn::SamePeriodLastYear, "Thực hiện cùng kỳ năm trước"),
    (MeasureColumn::Cumulative, "Thực hiện lũy kế đến hết quý"),
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
    /// `Ước thực hiện lũy kế (%)` (input).
    Cumulative,
    /// `Kịch bản cập nhật cả năm (%)` (input).
    YearUpdate,
    /// `Ghi chú` (input).
    Note,
}

/// The `Tăng trưởng` header row, in order.
pub const GROWTH_HEADERS: [(GrowthColumn, &str); 7] = [
    (GrowthColumn::Code, "Mã"),
    (GrowthColumn::Name, "Ngành, lĩnh vực"),
    (GrowthColumn::Scenario, "Kịch bản (%)"),
    (GrowthColumn::Quarter, "Ước thực hiện quý (%)"),
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
    /// `Tình trạng` (input, from the dropdown).
    Status,
    /// `Kết quả thực hiện` (input).
    Result,
    /// `Khó khăn, vướng mắc, kiến nghị` (input).
    Issues,
}

/// The `Nhiệm vụ` header row, in order.
pub const TASK_HEADERS: [(TaskColumn, &str); 6] = [
    (TaskColumn::Code, "Mã"),
    (TaskColumn::Task, "Nhiệm vụ"),
    (TaskColumn::Deadline, "Thời hạn"),
    (TaskColumn::Status, "Tình trạng"),
    (TaskColumn::Result, "Kết quả thực hiện"),
    (TaskColumn::Issues, "Khó khăn, vướng mắc, kiến nghị"),
];

/// A task status an agency may report (domain §6.5); overdue is computed, never typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReportedStatus {
    /// Hoàn thành đúng hạn.
    DoneOnTime,
    /// Hoàn thành quá hạn.
    DoneLate,
    /// Đang thực hiện.
    InProgress,
    /// Chưa thực hiện.
    NotStarted,
    /// Thường xuyên (continuous tasks only).
    Continuous,
}

impl ReportedStatus {
    /// The dropdown values, in order.
    pub const ALL: [ReportedStatus; 5] = [
        ReportedStatus::DoneOnTime,
        ReportedStatus::DoneLate,
        ReportedStatus::InProgress,
        ReportedStatus::NotStarted,
        ReportedStatus::Continuous,
    ];

    /// The label in the dropdown.
    pub fn label(self) -> &'static str {
        match self {
            ReportedStatus::DoneOnTime => "Hoàn thành đúng hạn",
            ReportedStatus::DoneLate => "Hoàn thành quá hạn",
            ReportedStatus::InProgress => "Đang thực hiện",
            ReportedStatus::NotStarted => "Chưa thực hiện",
            ReportedStatus::Continuous => "Thường xuyên",
        }
    }

    /// Reads a status as clerks type it (case, accents as NFD, spacing and common variants such as
    /// "Đã hoàn thành" or "đang triển khai" are accepted); `None` when it is not a status.
    pub fn parse(text: &str) -> Option<ReportedStatus> {
        let t = crate::vn::fold(text);
        let t = t.trim_end_matches('.');
        if let Some(s) = ReportedStatus::ALL.iter().find(|s| crate::vn::fold(s.label()) == t) {
            return Some(*s);
        }
        match t {
            "đã hoàn thành" | "hoàn thành" | "xong" | "đã xong" => Some(ReportedStatus::DoneOnTime),
            "đang triển khai" | "đang thực hiện (trong hạn)" | "đang làm" => {
                Some(ReportedStatus::InProgress)
            }
            "chưa triển khai" | "chưa làm" => Some(ReportedStatus::NotStarted),
            "thực hiện thường xuyên" | "thường xuyên thực hiện" => {
                Some(ReportedStatus::Continuous)
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_as_typed() {
        assert_eq!(ReportedStatus::parse("Hoàn thành đúng hạn"), Some(ReportedStatus::DoneOnTime));
        assert_eq!(ReportedStatus::parse("  đang THỰC HIỆN "), Some(ReportedStatus::InProgress));
        assert_eq!(ReportedStatus::parse("Đã hoàn thành."), Some(ReportedStatus::DoneOnTime));
        assert_eq!(ReportedStatus::parse("Quá hạn"), None);
        assert_eq!(ReportedStatus::parse(""), None);
    }
}
