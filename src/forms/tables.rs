//! The table sheets: `Chỉ tiêu`, `Tăng trưởng` and `Nhiệm vụ`, one row per obligation.
//!
//! Row 1 holds the headers of `layout`; the code, name and plan columns are locked and grey, the
//! input columns unlocked. Values of a `FormFill` go into the input cells of the matching row.

use rust_xlsxwriter::{
    ColNum, DataValidation, DataValidationErrorStyle, DataValidationRule, Note, RowNum, Worksheet, XlsxError,
};

use super::writer::{FormContext, number_validation, page_setup, protect, write_text, write_value};
use crate::contract::{
    GROWTH_HEADERS, GrowthColumn, MEASURE_HEADERS, MeasureColumn, SHEET_GROWTH, SHEET_MEASURES, SHEET_TASKS,
    TASK_HEADERS, TaskColumn,
};
use crate::plan::{Measure, MeasureScope, Plan, Sector, Task, measure_code};

/// Height of the header row, in points (two or three wrapped lines).
const HEADER_HEIGHT: f64 = 48.0;
/// Height of one line of 12 pt text, in points.
const LINE_HEIGHT: f64 = 16.0;
/// Column widths of `Chỉ tiêu`, in characters.
const MEASURE_WIDTHS: [f64; 8] = [11.0, 52.0, 13.0, 14.0, 16.0, 16.0, 16.0, 30.0];
/// Column widths of `Tăng trưởng`.
const GROWTH_WIDTHS: [f64; 7] = [9.0, 36.0, 13.0, 16.0, 16.0, 16.0, 30.0];
/// Column widths of `Nhiệm vụ`.
const TASK_WIDTHS: [f64; 7] = [9.0, 48.0, 14.0, 22.0, 11.0, 48.0, 36.0];

/// Sets a row's height to fit its wrapped texts (LibreOffice does not refit rows on opening).
fn fit_row(
    ws: &mut Worksheet,
    row: RowNum,
    widths: &[f64],
    texts: &[(ColNum, &str)],
) -> Result<(), XlsxError> {
    let lines = texts
        .iter()
        .map(|(col, text)| {
            let width = widths.get(usize::from(*col)).copied().unwrap_or(10.0).max(4.0);
            let per_line = width * 1.1;
            text.split('\n').map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0)).sum::<f64>()
        })
        .fold(1.0, f64::max);
    ws.set_row_height(row, LINE_HEIGHT * lines + 3.0)?;
    Ok(())
}

/// The column of `which` in a header row.
fn col<C: PartialEq + Copy>(headers: &[(C, &str)], which: C) -> ColNum {
    let index = headers.iter().position(|(c, _)| *c == which).unwrap_or(0);
    ColNum::try_from(index).unwrap_or(0)
}

/// Names the sheet, writes the header row and sets the column widths.
fn start_sheet<C>(
    ws: &mut Worksheet,
    ctx: &FormContext<'_>,
    name: &str,
    headers: &[(C, &str)],
    widths: &[f64],
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    for ((i, (_, text)), width) in (0u16..).zip(headers).zip(widths) {
        ws.write_string_with_format(0, i, *text, &ctx.styles.header)?;
        ws.set_column_width(i, *width)?;
    }
    ws.set_row_height(0, HEADER_HEIGHT)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Protects, sets up printing and selects the first input cell.
fn finish_sheet(ws: &mut Worksheet, first_input: ColNum) -> Result<(), XlsxError> {
    protect(ws);
    page_setup(ws, true)?;
    ws.set_selection(1, first_input, 1, first_input)?;
    Ok(())
}

/// Writes the `Chỉ tiêu` sheet: the agency's Phụ lục 1 indicators and task targets.
pub(super) fn write_measures(
    ws: &mut Worksheet,
    ctx: &FormContext<'_>,
    measures: &[(MeasureScope<'_>, &Measure)],
) -> Result<(), XlsxError> {
    use MeasureColumn as M;
    let h = &MEASURE_HEADERS;
    start_sheet(ws, ctx, SHEET_MEASURES, h, &MEASURE_WIDTHS)?;
    let s = &ctx.styles;
    for (row, (scope, m)) in (1 as RowNum..).zip(measures) {
        let code = measure_code(m);
        ws.write_string_with_format(row, col(h, M::Code), code, &s.locked_center)?;
        let name = match scope {
            MeasureScope::Task(task) => format!("[Nhiệm vụ {}] {}", task.id, m.name),
            MeasureScope::Indicator => m.name.clone(),
        };
        ws.write_string_with_format(row, col(h, M::Name), &name, &s.locked)?;
        if let MeasureScope::Task(task) = scope {
            let note = Note::new(format!("Chỉ tiêu của nhiệm vụ {}: {}", task.id, task.title))
                .add_author_prefix(false)
                .set_width(320)
                .set_height(80);
            ws.insert_note(row, col(h, M::Name), &note)?;
        }
        let unit = m.unit.as_ref().map_or("", |u| u.label());
        ws.write_string_with_format(row, col(h, M::Unit), unit, &s.locked_center)?;
        let target = ctx
            .plan
            .unit_target(*scope, m, &ctx.agency.code)
            .as_ref()
            .map(crate::plan::Target::bare_label)
            .unwrap_or_default();
        ws.write_string_with_format(row, col(h, M::Target), &target, &s.locked_center)?;
        let fill = ctx.fill.and_then(|f| f.measures.get(code));
        let values = [
            (M::SamePeriodLastYear, fill.and_then(|f| f.same_period_last_year.as_ref())),
            (M::Cumulative, fill.and_then(|f| f.cumulative.as_ref())),
            (M::YearEstimate, fill.and_then(|f| f.year_estimate.as_ref())),
        ];
        for (which, value) in values {
            write_value(ws, (row, col(h, which)), value, s)?;
        }
        let note = fill.and_then(|f| f.note.as_deref());
        write_text(ws, (row, col(h, M::Note)), note, s)?;
        fit_row(
            ws,
            row,
            &MEASURE_WIDTHS,
            &[(col(h, M::Name), &name), (col(h, M::Note), note.unwrap_or(""))],
        )?;
        let (first, last) = (col(h, M::SamePeriodLastYear), col(h, M::YearEstimate));
        ws.add_data_validation(row, first, row, last, &number_validation(m.signed)?)?;
    }
    finish_sheet(ws, col(h, M::SamePeriodLastYear))
}

/// Writes the `Tăng trưởng` sheet: the sectors the agency reports, with the plan's scenario.
pub(super) fn write_growth(
    ws: &mut Worksheet,
    ctx: &FormContext<'_>,
    sectors: &[&Sector],
) -> Result<(), XlsxError> {
    use GrowthColumn as G;
    let h = &GROWTH_HEADERS;
    start_sheet(ws, ctx, SHEET_GROWTH, h, &GROWTH_WIDTHS)?;
    let period = ctx.quarter.cumulative();
    let header_note = Note::new(format!(
        "Kịch bản {} năm {} theo Phụ lục {} (tốc độ tăng so với cùng kỳ, {}).",
        period.label(),
        ctx.quarter.year,
        ctx.plan.report.appendices.growth.number,
        ctx.plan.growth.prices
    ))
    .add_author_prefix(false);
    ws.insert_note(0, col(h, G::Scenario), &header_note)?;
    let s = &ctx.styles;
    for (row, sector) in (1 as RowNum..).zip(sectors) {
        let code = sector.code.as_str();
        ws.write_string_with_format(row, col(h, G::Code), code, &s.locked_center)?;
        ws.write_string_with_format(row, col(h, G::Name), &sector.name, &s.locked)?;
        match sector.scenario.get(period) {
            Some(v) => ws.write_number_with_format(row, col(h, G::Scenario), v, &s.locked_number)?,
            None => ws.write_blank(row, col(h, G::Scenario), &s.locked_number)?,
        };
        let fill = ctx.fill.and_then(|f| f.growth.get(code));
        let values = [
            (G::Quarter, fill.and_then(|f| f.quarter.as_ref())),
            (G::Cumulative, fill.and_then(|f| f.cumulative.as_ref())),
            (G::YearUpdate, fill.and_then(|f| f.year_update.as_ref())),
        ];
        for (which, value) in values {
            write_value(ws, (row, col(h, which)), value, s)?;
        }
        let note = fill.and_then(|f| f.note.as_deref());
        write_text(ws, (row, col(h, G::Note)), note, s)?;
        fit_row(
            ws,
            row,
            &GROWTH_WIDTHS,
            &[(col(h, G::Name), &sector.name), (col(h, G::Note), note.unwrap_or(""))],
        )?;
        let (first, last) = (col(h, G::Quarter), col(h, G::YearUpdate));
        ws.add_data_validation(row, first, row, last, &number_validation(true)?)?;
    }
    finish_sheet(ws, col(h, G::Quarter))
}

/// Writes the `Nhiệm vụ` sheet: the tasks the agency leads, directly or through a group.
pub(super) fn write_tasks(
    ws: &mut Worksheet,
    ctx: &FormContext<'_>,
    tasks: &[&Task],
) -> Result<(), XlsxError> {
    use TaskColumn as T;
    let h = &TASK_HEADERS;
    start_sheet(ws, ctx, SHEET_TASKS, h, &TASK_WIDTHS)?;
    let s = &ctx.styles;
    let status = status_validation(ctx.plan)?;
    for (row, task) in (1 as RowNum..).zip(tasks) {
        let id = task.id.as_str();
        ws.write_string_with_format(row, col(h, T::Code), id, &s.locked_center)?;
        ws.write_string_with_format(row, col(h, T::Task), &task.title, &s.locked)?;
        ws.insert_note(row, col(h, T::Task), &task_note(task))?;
        let deadline = task.deadline.map(|d| d.label()).unwrap_or_default();
        ws.write_string_with_format(row, col(h, T::Deadline), &deadline, &s.locked_center)?;
        let fill = ctx.fill.and_then(|f| f.tasks.get(id));
        write_value(ws, (row, col(h, T::Progress)), fill.and_then(|f| f.progress.as_ref()), s)?;
        let cells = [
            (T::Status, fill.and_then(|f| f.status.as_deref())),
            (T::Result, fill.and_then(|f| f.result.as_deref())),
            (T::Issues, fill.and_then(|f| f.issues.as_deref())),
        ];
        let mut texts = vec![(col(h, T::Task), task.title.as_str())];
        for (which, text) in cells {
            write_text(ws, (row, col(h, which)), text, s)?;
            texts.push((col(h, which), text.unwrap_or("")));
        }
        fit_row(ws, row, &TASK_WIDTHS, &texts)?;
    }
    if !tasks.is_empty() {
        let last = RowNum::try_from(tasks.len()).unwrap_or(RowNum::MAX);
        ws.add_data_validation(1, col(h, T::Status), last, col(h, T::Status), &status)?;
        let progress = col(h, T::Progress);
        ws.add_data_validation(1, progress, last, progress, &progress_validation()?)?;
    }
    finish_sheet(ws, col(h, T::Status))
}

/// The task's full text as a note on its title.
fn task_note(task: &Task) -> Note {
    let mut text = task.text.clone();
    if let Some(output) = &task.output {
        text.push_str(&format!("\n\nSản phẩm: {output}"));
    }
    Note::new(text).add_author_prefix(false).set_width(480).set_height(240)
}

/// `Tiến độ (%)`: a number from 0 to 100, with a note-like warning (the typed value is kept).
fn progress_validation() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_error_title("Tiến độ không hợp lệ")?
        .set_error_message(
            "Nhập tiến độ là số phần trăm từ 0 đến 100, ví dụ 75 hoặc 75,5; để trống nếu chưa ước được.",
        )
}

/// The `Tình trạng` dropdown: the labels of the plan's status vocabulary, in plan order (other
/// spellings are accepted when typed but not offered).
fn status_validation(plan: &Plan) -> Result<DataValidation, XlsxError> {
    let labels: Vec<&str> = plan.statuses.labels().collect();
    DataValidation::new()
        .allow_list_strings(&labels)?
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title("Tình trạng không hợp lệ")?
        .set_error_message("Chọn một tình trạng trong danh sách; tình trạng quá hạn do Sở tự xác định.")
}
