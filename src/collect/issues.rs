//! The stable finding codes of intake and a small builder that stamps each finding with its file,
//! sheet and cell.

use crate::findings::{Finding, Level, Place};

use super::workbook::CellPos;

/// Every finding code intake emits, with its level; the list README and receipts refer to.
pub mod code {
    /// The folder walk hit an entry it could not read (error).
    pub const WALK_ERROR: &str = "loi-duyet-thu-muc";
    /// The file could not be read from disk (error, rejected).
    pub const UNREADABLE: &str = "khong-doc-duoc";
    /// The file is larger than the plan allows (error, rejected unread).
    pub const TOO_LARGE: &str = "tep-qua-lon";
    /// Not a readable spreadsheet (error, rejected).
    pub const CORRUPT: &str = "tep-hong";
    /// Reading the file crashed the spreadsheet reader or exceeded its memory or CPU limit
    /// (error, rejected).
    pub const READER_FAILED: &str = "loi-doc-tep";
    /// The workbook has no cell at all (error, rejected).
    pub const EMPTY_WORKBOOK: &str = "bang-tinh-trong";
    /// A sheet could not be read (warning, or error for a required sheet).
    pub const SHEET_UNREADABLE: &str = "trang-khong-doc-duoc";
    /// No `Thông tin` sheet (error, rejected).
    pub const NO_INFO_SHEET: &str = "thieu-trang-thong-tin";
    /// Neither agency code nor name on `Thông tin` (error, rejected).
    pub const NO_AGENCY: &str = "thieu-thong-tin-co-quan";
    /// The agency is not in the plan or does not report (error, rejected).
    pub const UNKNOWN_AGENCY: &str = "co-quan-khong-co-trong-ke-hoach";
    /// Agency code and name disagree (warning).
    pub const AGENCY_MISMATCH: &str = "thong-tin-co-quan-khong-khop";
    /// The file name does not contain the agency code (warning).
    pub const FILE_NAME: &str = "ten-tep-khong-khop";
    /// The form is for another quarter (error, rejected).
    pub const WRONG_QUARTER: &str = "sai-ky-bao-cao";
    /// The form does not say its quarter (warning).
    pub const NO_QUARTER: &str = "thieu-ky-bao-cao";
    /// Another form version or plan fingerprint (warning).
    pub const FORM_VERSION: &str = "bieu-mau-khac-phien-ban";
    /// No report date (error; counts as late).
    pub const NO_DATE: &str = "thieu-ngay-bao-cao";
    /// The report date is not a date (error; counts as late).
    pub const BAD_DATE: &str = "ngay-bao-cao-khong-hop-le";
    /// The report date is outside the quarter's reporting window (error; counts as late).
    pub const DATE_OUT_OF_PERIOD: &str = "ngay-bao-cao-ngoai-ky";
    /// The report date is after the run's cut-off date (warning).
    pub const DATE_AFTER_CUTOFF: &str = "ngay-bao-cao-sau-ngay-chot";
    /// Text in TCVN3 or VNI was converted (warning).
    pub const LEGACY_ENCODING: &str = "ma-hoa-cu";
    /// Several files from one agency: this one is used (warning).
    pub const SEVERAL_FILES: &str = "nhieu-tep";
    /// Replaced by a later file of the same agency (warning).
    pub const SUPERSEDED: &str = "bi-thay-the";
    /// A number that is not finite or beyond any unit's meaning (hard limit).
    pub const ABSURD_NUMBER: &str = "so-vo-ly";
    /// A formula cell whose result the file does not hold.
    pub const FORMULA_UNCOMPUTED: &str = "cong-thuc-chua-tinh";
    /// A free text longer than the documents print.
    pub const TEXT_TOO_LONG: &str = "noi-dung-qua-dai";
    /// Two accepted files of one agency carry the same report date: the agency must say which
    /// one stands.
    pub const SAME_REPORT_DATE: &str = "trung-ngay-bao-cao";
    /// A sheet the agency must fill is missing (error).
    pub const NO_SHEET: &str = "thieu-trang";
    /// A required column (or the header row) is missing (error).
    pub const NO_COLUMN: &str = "thieu-cot";
    /// Two columns with the same header (warning; the first is read).
    pub const DUPLICATE_COLUMN: &str = "cot-trung";
    /// A row has figures but no code (error).
    pub const NO_CODE: &str = "thieu-ma";
    /// The code is not in the plan (error).
    pub const UNKNOWN_CODE: &str = "ma-khong-ton-tai";
    /// The code belongs to another agency (error).
    pub const OTHER_AGENCY_CODE: &str = "ma-cua-co-quan-khac";
    /// A task target now reported on its Phụ lục 1 indicator's row (`same-as`; warning).
    pub const MERGED_CODE: &str = "ma-da-gop-chi-tieu";
    /// The code appears twice (error on the second row).
    pub const DUPLICATE_CODE: &str = "ma-trung";
    /// An expected row is missing (error).
    pub const MISSING_ROW: &str = "thieu-dong";
    /// A formula error value (error).
    pub const FORMULA_ERROR: &str = "loi-cong-thuc";
    /// Not a number (error).
    pub const NOT_A_NUMBER: &str = "khong-phai-so";
    /// A number with `khoảng`/`trên`/`dưới` (warning; kept with its qualifier).
    pub const ESTIMATE: &str = "gia-tri-uoc-tinh";
    /// `-`, `x` or `…` read as "no figure" (warning).
    pub const PLACEHOLDER: &str = "ky-hieu-thay-so-lieu";
    /// A percentage where the unit is not `%` (error).
    pub const UNIT_MISMATCH: &str = "don-vi-khong-khop";
    /// A fraction read as a percentage without number-format information (warning).
    pub const GUESSED_PERCENT: &str = "gia-tri-phan-tram-suy-doan";
    /// Number formats could not be read: percent cells are guessed.
    pub const STYLES_UNKNOWN: &str = "khong-doc-duoc-dinh-dang";
    /// A value between 0 and 1 in a `%` row of a file whose formats are unknown.
    pub const PERCENT_UNCERTAIN: &str = "phan-tram-chua-ro";
    /// A negative value where impossible (error).
    pub const NEGATIVE: &str = "gia-tri-am";
    /// Above 100% where impossible (error).
    pub const OVER_100: &str = "vuot-100-phan-tram";
    /// A status outside the vocabulary (error).
    pub const BAD_STATUS: &str = "tinh-trang-khong-hop-le";
    /// A task progress that is not a number from 0 to 100 (warning: the value is dropped, the row is used).
    pub const BAD_PROGRESS: &str = "tien-do-khong-hop-le";
    /// "Thường xuyên" on a task with a deadline (warning).
    pub const CONTINUOUS_WITH_DEADLINE: &str = "thuong-xuyen-co-thoi-han";
}

/// Where a finding points.
#[derive(Debug, Clone, Copy)]
pub enum Loc<'a> {
    /// The whole file.
    File,
    /// A whole sheet.
    Sheet(&'a str),
    /// One cell.
    Cell(&'a str, CellPos),
}

/// Collects one file's findings.
#[derive(Debug, Clone)]
pub struct Issues {
    file: String,
    /// The findings so far, in the order found.
    pub list: Vec<Finding>,
}

impl Issues {
    /// An empty list for `file`.
    pub fn new(file: &str) -> Self {
        Issues { file: file.to_owned(), list: Vec::new() }
    }

    /// The file the findings are about.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Adds an error.
    pub fn error(
        &mut self,
        code: &'static str,
        loc: Loc<'_>,
        value: Option<&str>,
        message: String,
        fix: String,
    ) {
        self.push(Level::Error, code, loc, value, message, fix);
    }

    /// Adds a warning.
    pub fn warn(
        &mut self,
        code: &'static str,
        loc: Loc<'_>,
        value: Option<&str>,
        message: String,
        fix: String,
    ) {
        self.push(Level::Warning, code, loc, value, message, fix);
    }

    /// Adds a finding.
    pub fn push(
        &mut self,
        level: Level,
        code: &'static str,
        loc: Loc<'_>,
        value: Option<&str>,
        message: String,
        fix: String,
    ) {
        let (sheet, cell) = match loc {
            Loc::File => (None, None),
            Loc::Sheet(s) => (Some(s.to_owned()), None),
            Loc::Cell(s, p) => (Some(s.to_owned()), Some(p.a1())),
        };
        self.list.push(Finding {
            level,
            code,
            place: Place::sheet(self.file.clone(), sheet, cell),
            value: value.map(str::to_owned),
            message,
            fix,
        });
    }

    /// The number of errors so far.
    pub fn errors(&self) -> usize {
        self.list.iter().filter(|f| f.level == Level::Error).count()
    }
}
