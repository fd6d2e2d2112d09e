//! Writes one agency's form as xlsx bytes, and every reporting agency's form into a folder.
//!
//! The bytes depend only on the plan, the agency, the quarter and the fill: the document's
//! creation time is fixed from the quarter, so two runs give identical files.

use std::io;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    ColNum, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Formula, ProtectionOptions, RowNum, Workbook, Worksheet, XlsxError,
};

use super::fill::{CellValue, FormFill};
use super::previous::Previous;
use super::style::Styles;
use super::{info, tables};
use crate::consolidate::Earlier;
use crate::output::write_atomic;
use crate::period::Quarter;
use crate::plan::{Agency, AgencyCode, Plan};

/// Why a form could not be written.
#[derive(Debug, thiserror::Error)]
pub enum FormError {
    /// The agency code is not in the plan.
    #[error("không có cơ quan `{0}` trong kế hoạch")]
    UnknownAgency(AgencyCode),
    /// rust_xlsxwriter refused a value or a setting.
    #[error("không tạo được biểu mẫu của {agency}")]
    Xlsx {
        /// The agency whose form failed.
        agency: AgencyCode,
        /// The cause.
        #[source]
        source: XlsxError,
    },
    /// The file could not be written.
    #[error("không ghi được tệp {}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
}

/// What every sheet writer needs: the plan, the agency, the quarter, the fill and the formats.
pub(super) struct FormContext<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// The agency the form is for.
    pub agency: &'a Agency,
    /// The quarter reported on.
    pub quarter: Quarter,
    /// Values to pre-fill.
    pub fill: Option<&'a FormFill>,
    /// The previous quarter's figures to show, locked (quarters 2–4).
    pub previous: Option<Previous<'a>>,
    /// The cell formats.
    pub styles: Styles,
}

/// Writes `agency`'s form for `quarter` as xlsx bytes, pre-filled with `fill` when given.
pub fn write_form(
    plan: &Plan,
    agency: &AgencyCode,
    quarter: Quarter,
    fill: Option<&FormFill>,
) -> Result<Vec<u8>, FormError> {
    write_prefilled_form(plan, agency, quarter, fill, None)
}

/// Writes `agency`'s form as [`write_form`] does, with the agency's figures of the previous
/// quarter (`previous`, when they are of the same year's previous quarter) shown in locked columns.
pub fn write_prefilled_form(
    plan: &Plan,
    agency: &AgencyCode,
    quarter: Quarter,
    fill: Option<&FormFill>,
    previous: Option<&Earlier>,
) -> Result<Vec<u8>, FormError> {
    let found = plan.agency(agency).ok_or_else(|| FormError::UnknownAgency(agency.clone()))?;
    let previous = Previous::for_form(quarter, previous);
    let ctx = FormContext { plan, agency: found, quarter, fill, previous, styles: Styles::new() };
    build(&ctx).map_err(|source| FormError::Xlsx { agency: agency.clone(), source })
}

/// The folder the forms of `quarter` go to: `OUT/<quarter>/bieu-mau`.
pub fn forms_dir(out: &Path, quarter: Quarter) -> PathBuf {
    out.join(quarter.to_string()).join("bieu-mau")
}

/// The file name of an agency's form: `<MÃ>.xlsx`.
pub fn form_file_name(agency: &AgencyCode) -> String {
    format!("{agency}.xlsx")
}

/// Writes the form of every reporting agency into `forms_dir(out, quarter)`, atomically, with
/// the previous quarter's figures when given; returns the paths written, in plan order.
pub fn write_forms(
    plan: &Plan,
    quarter: Quarter,
    out: &Path,
    previous: Option<&Earlier>,
) -> Result<Vec<PathBuf>, FormError> {
    let dir = forms_dir(out, quarter);
    let mut written = Vec::new();
    for agency in plan.reporting_agencies() {
        let bytes = write_prefilled_form(plan, &agency.code, quarter, None, previous)?;
        let path = dir.join(form_file_name(&agency.code));
        write_atomic(&path, &bytes).map_err(|source| FormError::Write { path: path.clone(), source })?;
        written.push(path);
    }
    Ok(written)
}

fn build(ctx: &FormContext<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(ctx)?);
    info::write(workbook.add_worksheet(), ctx)?;
    let obligations = ctx.plan.obligations(&ctx.agency.code);
    tables::write_measures(workbook.add_worksheet(), ctx, &obligations.measures)?;
    if !obligations.sectors.is_empty() {
        tables::write_growth(workbook.add_worksheet(), ctx, &obligations.sectors)?;
    }
    tables::write_tasks(workbook.add_worksheet(), ctx, &obligations.tasks)?;
    workbook.save_to_buffer()
}

/// Document properties with a creation time fixed from the quarter (reproducible bytes).
fn properties(ctx: &FormContext<'_>) -> Result<DocProperties, XlsxError> {
    let start = ctx.quarter.window_start();
    let created = excel_date(start)?;
    let issuer = ctx.plan.assignee_name(&ctx.plan.report.issuer_code);
    Ok(DocProperties::new()
        .set_title(format!("Biểu báo cáo {} — {}", ctx.quarter.label(), ctx.agency.name))
        .set_subject(ctx.plan.info.title.clone())
        .set_author(issuer.clone())
        .set_company(issuer)
        .set_comment(format!(
            "Phiên bản biểu mẫu {}; kế hoạch {}",
            crate::contract::FORM_VERSION,
            ctx.plan.fingerprint
        ))
        .set_creation_datetime(&created))
}

/// Converts a `time::Date` to an Excel date.
pub(super) fn excel_date(date: time::Date) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(date.year()).map_err(|_| XlsxError::DateTimeRangeError(date.to_string()))?;
    ExcelDateTime::from_ymd(year, u8::from(date.month()), date.day())
}

/// Protects a sheet without a password; clerks may still resize rows and columns.
pub(super) fn protect(ws: &mut Worksheet) {
    let options =
        ProtectionOptions { format_columns: true, format_rows: true, ..ProtectionOptions::default() };
    ws.protect_with_options(&options);
}

/// A4 landscape, one page wide, header row repeated.
pub(super) fn page_setup(ws: &mut Worksheet, repeat_header: bool) -> Result<(), XlsxError> {
    ws.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
    if repeat_header {
        ws.set_repeat_rows(0, 0)?;
    }
    Ok(())
}

/// Writes an input cell: the fill value, or an empty unlocked cell.
pub(super) fn write_value(
    ws: &mut Worksheet,
    (row, col): (RowNum, ColNum),
    value: Option<&CellValue>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    match value {
        None => ws.write_blank(row, col, &styles.input)?,
        Some(CellValue::Number(v)) => ws.write_number_with_format(row, col, *v, &styles.input)?,
        Some(CellValue::Text(t)) => ws.write_string_with_format(row, col, t, &styles.input)?,
        Some(CellValue::Percent(v)) => ws.write_number_with_format(row, col, *v, &styles.input_percent)?,
        Some(CellValue::Formula(f, result)) => {
            let formula = Formula::new(f).set_result(result.to_string());
            ws.write_formula_with_format(row, col, formula, &styles.input)?
        }
    };
    Ok(())
}

/// Writes a text input cell: the fill text, or an empty unlocked cell.
pub(super) fn write_text(
    ws: &mut Worksheet,
    (row, col): (RowNum, ColNum),
    text: Option<&str>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    match text {
        Some(t) => ws.write_string_with_format(row, col, t, &styles.input)?,
        None => ws.write_blank(row, col, &styles.input)?,
    };
    Ok(())
}

/// A numeric validation that warns (but accepts) when text is typed, so `khoảng 30` stays possible.
pub(super) fn number_validation(signed: bool) -> Result<DataValidation, XlsxError> {
    let rule = if signed {
        DataValidationRule::Between(-1.0e12, 1.0e12)
    } else {
        DataValidationRule::GreaterThanOrEqualTo(0.0)
    };
    DataValidation::new()
        .allow_decimal_number(rule)
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_error_title("Không phải số hợp lệ")?
        .set_error_message(
            "Ô này cần một số, không kèm đơn vị (ví dụ 1234,5). Giải thích ghi ở cột Ghi chú. \
             Chọn Yes để vẫn giữ giá trị đã gõ.",
        )
}
