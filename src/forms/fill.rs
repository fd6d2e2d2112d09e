//! Values to pre-fill into a form's input cells: used by the sample generator and by tests.
//!
//! A form written without a fill has empty input cells; with a fill, each given value is written
//! into its row's input cell exactly as a clerk might have typed it (a number, text such as
//! `37,7%` or `khoảng 30`, a percent-formatted fraction, or a formula with its cached result).

use std::collections::BTreeMap;

/// Values to pre-fill into a form (None = leave the input cell empty).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormFill {
    /// `Ngày báo cáo`.
    pub report_date: Option<time::Date>,
    /// `Người lập`.
    pub preparer: Option<String>,
    /// `Điện thoại`.
    pub phone: Option<String>,
    /// Rows of `Chỉ tiêu`, by measure code.
    pub measures: BTreeMap<String, MeasureFill>,
    /// Rows of `Tăng trưởng`, by sector code.
    pub growth: BTreeMap<String, GrowthFill>,
    /// Rows of `Nhiệm vụ`, by task id.
    pub tasks: BTreeMap<String, TaskFill>,
    /// Replaces the agency name on `Thông tin` (to imitate a legacy-encoded or NFD file).
    pub agency_name: Option<String>,
}

/// The input cells of one `Chỉ tiêu` row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeasureFill {
    /// `Thực hiện cùng kỳ năm trước`.
    pub same_period_last_year: Option<CellValue>,
    /// `Thực hiện lũy kế đến hết quý`.
    pub cumulative: Option<CellValue>,
    /// `Ước thực hiện cả năm`.
    pub year_estimate: Option<CellValue>,
    /// `Ghi chú`.
    pub note: Option<String>,
}

/// The input cells of one `Tăng trưởng` row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GrowthFill {
    /// `Ước thực hiện quý (%)`.
    pub quarter: Option<CellValue>,
    /// `Ước thực hiện lũy kế (%)`.
    pub cumulative: Option<CellValue>,
    /// `Kịch bản cập nhật cả năm (%)`.
    pub year_update: Option<CellValue>,
    /// `Ghi chú`.
    pub note: Option<String>,
}

/// The input cells of one `Nhiệm vụ` row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskFill {
    /// `Tình trạng`, as typed (normally a label of the plan's status vocabulary).
    pub status: Option<String>,
    /// `Tiến độ (%)`.
    pub progress: Option<CellValue>,
    /// `Kết quả thực hiện`.
    pub result: Option<String>,
    /// `Khó khăn, vướng mắc, kiến nghị`.
    pub issues: Option<String>,
}

/// A value as it sits in a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// A number cell.
    Number(f64),
    /// A text cell, e.g. `37,7%` or `khoảng 30` typed as text.
    Text(String),
    /// A fraction (`0.377`) in a percent-formatted cell (shows `37,7%`).
    Percent(f64),
    /// A formula with its cached result.
    Formula(String, f64),
}
