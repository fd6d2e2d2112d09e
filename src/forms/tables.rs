//! The table sheets: `Chỉ tiêu`, `Tăng trưởng` and `Nhiệm vụ`, one row per obligation.
//!
//! Row 1 holds the headers of the sheet's [`Layout`]; the code, name and plan columns are locked
//! and grey, the input columns unlocked. Values of a `FormFill` go into the input cells of the
//! matching row; on a prefilled form the previous quarter's figures sit, locked, left of the
//! inputs they update.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Note, RowNum, Worksheet, XlsxError,
};

use super::layout::{Layout, finish_sheet};
use super::previous::{header_note, status_label, write_figure};
use super::writer::{FormContext, number_validation, write_text, write_value};
use crate::contract::{
    GROWTH_HEADERS, GrowthColumn, MEASURE_HEADERS, MeasureColumn, SHEET_GROWTH, SHEET_MEASURES, SHEET_TASKS,
    TASK_HEADERS, TaskColumn,
};
use crate::plan::{Measure, MeasureScope, Plan, Sector, Task, measure_code};

/// Column widths of `Chỉ tiêu`, in characters, aligned with `MEASURE_HEADERS`.
const MEASURE_WIDTHS: [f64; 10] = [11.0, 52.0, 13.0, 14.0, 16.0, 15.0, 16.0, 15.0, 16.0, 30.0];
/// Column widths of `Tăng trưởng`, aligned with `GROWTH_HEADERS`.
const GROWTH_WIDTHS: [f64; 8] = [9.0, 36.0, 13.0, 16.0, 15.0, 16.0, 16.0, 30.0];
/// Column widths of `Nhiệm vụ`, aligned with `TASK_HEADERS`.
const TASK_WIDTHS: [f64; 8] = [9.0, 48.0, 14.0, 20.0, 22.0, 11.0, 48.0, 36.0];

/// Writes the `Chỉ tiêu` sheet: the agency's Phụ lục 1 indicators and task targets.
pub(super) fn write_measures(
    ws: &mut Worksheet,
    ctx: &FormContext<'_>,
    measures: &[(MeasureScope<'_>, &Measure)],
) -> Result<(), XlsxError> {
    use MeasureColumn as M;
    let h = &Layout::new(&MEASURE_HEADERS, &MEASURE_WIDTHS, ctx.previous.is_some());
    h.start_sheet(ws, ctx, SHEET_MEASURES)?;
    if let Some(p) = &ctx.previous {
        header_note(ws, h.col(M::PreviousCumulative), "Số lũy kế", p)?;
        header_note(ws, h.col(M::PreviousEstimate), "Số ước thực hiện cả năm", p)?;
    }
    let s = &ctx.styles;
    let inputs = h.runs(&[M::SamePeriodLastYear, M::Cumulative, M::YearEstimate]);
    for (row, (scope, m)) in (1 as RowNum..).zip(measures) {
        let code = measure_code(m);
        ws.write_string_with_format(row, h.col(M::Code), code, &s.locked_center)?;
        let name = match scope {
            MeasureScope::Task(task) => format!("[Nhiệm vụ {}] {}", task.id, m.name),
            MeasureScope::Indicator => m.name.clone(),
        };
        ws.write_string_with_format(row, h.col(M::Name), &name, &s.locked)?;
        if let MeasureScope::Task(task) = scope {
            let note = Note::new(format!("Chỉ tiêu của nhiệm vụ {}: {}", task.id, task.title))
                .add_author_prefix(false)
                .set_width(320)
                .set_height(80);
            ws.insert_note(row, h.col(M::Name), &note)?;
        }
        let unit = m.unit.as_ref().map_or("", |u| u.label());
        ws.write_string_with_format(row, h.col(M::Unit), unit, &s.locked_center)?;
        let target = ctx
            .plan
            .unit_target(*scope, m, &ctx.agency.code)
            .as_ref()
            .map(crate::plan::Target::bare_label)
            .unwrap_or_default();
        ws.write_string_with_format(row, h.col(M::Target), &target, &s.locked_center)?;
        let fill = ctx.fill.and_then(|f| f.measures.get(code));
        let values = [
            (M::SamePeriodLastYear, fill.and_then(|f| f.same_period_last_year.as_ref())),
            (M::Cumulative, fill.and_then(|f| f.cumulative.as_ref())),
            (M::YearEstimate, fill.and_then(|f| f.year_estimate.as_ref())),
        ];
        for (which, value) in values {
            write_value(ws, (row, h.col(which)), value, s)?;
        }
        if let Some(p) = &ctx.previous {
            let code = crate::plan::MeasureCode::from(code);
            let agency = &ctx.agency.code;
            write_figure(ws, ctx, (row, h.col(M::PreviousCumulative)), p.figures.measure(agency, &code))?;
            write_figure(ws, ctx, (row, h.col(M::PreviousEstimate)), p.figures.estimate(agency, &code))?;
        }
        let note = fill.and_then(|f| f.note.as_deref());
        write_text(ws, (row, h.col(M::Note)), note, s)?;
        h.fit_row(ws, row, &[(h.col(M::Name), &name), (h.col(M::Note), note.unwrap_or(""))])?;
        for (first, last) in &inputs {
            ws.add_data_validation(row, *first, row, *last, &number_validation(m.signed)?)?;
        }
    }
    finish_sheet(ws, h.col(M::SamePeriodLastYear))
}

/// Writes the `Tăng trưởng` sheet: the sectors the agency reports, with the plan's scenario.
pub(super) fn write_growth(
    ws: &mut Worksheet,
    ctx: &FormContext<'_>,
    sectors: &[&Sector],
) -> Result<(), XlsxError> {
    use GrowthColumn as G;
    let h = &Layout::new(&GROWTH_HEADERS, &GROWTH_WIDTHS, ctx.previous.is_some());
    h.start_sheet(ws, ctx, SHEET_GROWTH)?;
    if let Some(p) = &ctx.previous {
        header_note(ws, h.col(G::PreviousCumulative), "Tốc độ tăng lũy kế ước tính (%)", p)?;
    }
    let inputs = h.runs(&[G::Quarter, G::Cumulative, G::YearUpdate]);
    let period = ctx.quarter.cumulative();
    let header_note = Note::new(format!(
        "Kịch bản {} năm {} theo Phụ lục {} (tốc độ tăng so với cùng kỳ, {}).",
        period.label(),
        ctx.quarter.year,
        ctx.plan.report.appendices.growth.number,
        ctx.plan.growth.prices
    ))
    .add_author_prefix(false);
    ws.insert_note(0, h.col(G::Scenario), &header_note)?;
    let s = &ctx.styles;
    for (row, sector) in (1 as RowNum..).zip(sectors) {
        let code = sector.code.as_str();
        ws.write_string_with_format(row, h.col(G::Code), code, &s.locked_center)?;
        ws.write_string_with_format(row, h.col(G::Name), &sector.name, &s.locked)?;
        match sector.scenario.get(period) {
            Some(v) => ws.write_number_with_format(row, h.col(G::Scenario), v, &s.locked_number)?,
            None => ws.write_blank(row, h.col(G::Scenario), &s.locked_number)?,
        };
        let fill = ctx.fill.and_then(|f| f.growth.get(code));
        let values = [
            (G::Quarter, fill.and_then(|f| f.quarter.as_ref())),
            (G::Cumulative, fill.and_then(|f| f.cumulative.as_ref())),
            (G::YearUpdate, fill.and_then(|f| f.year_update.as_ref())),
        ];
        for (which, value) in values {
            write_value(ws, (row, h.col(which)), value, s)?;
        }
        if let Some(p) = &ctx.previous {
            let before = p.figures.sector(&ctx.agency.code, &sector.code);
            write_figure(ws, ctx, (row, h.col(G::PreviousCumulative)), before)?;
        }
        let note = fill.and_then(|f| f.note.as_deref());
        write_text(ws, (row, h.col(G::Note)), note, s)?;
        h.fit_row(ws, row, &[(h.col(G::Name), &sector.name), (h.col(G::Note), note.unwrap_or(""))])?;
        for (first, last) in &inputs {
            ws.add_data_validation(row, *first, row, *last, &number_validation(true)?)?;
        }
    }
    finish_sheet(ws, h.col(G::Quarter))
}

/// Writes the `Nhiệm vụ` sheet: the tasks the agency leads, directly or through a group.
pub(super) fn write_tasks(
    ws: &mut Worksheet,
    ctx: &FormContext<'_>,
    tasks: &[&Task],
) -> Result<(), XlsxError> {
    use TaskColumn as T;
    let h = &Layout::new(&TASK_HEADERS, &TASK_WIDTHS, ctx.previous.is_some());
    h.start_sheet(ws, ctx, SHEET_TASKS)?;
    if let Some(p) = &ctx.previous {
        header_note(ws, h.col(T::PreviousStatus), "Tình trạng", p)?;
    }
    let s = &ctx.styles;
    let status = status_validation(ctx.plan)?;
    for (row, task) in (1 as RowNum..).zip(tasks) {
        let id = task.id.as_str();
        ws.write_string_with_format(row, h.col(T::Code), id, &s.locked_center)?;
        ws.write_string_with_format(row, h.col(T::Task), &task.title, &s.locked)?;
        ws.insert_note(row, h.col(T::Task), &task_note(task))?;
        let deadline = task.deadline.map(|d| d.label()).unwrap_or_default();
        ws.write_string_with_format(row, h.col(T::Deadline), &deadline, &s.locked_center)?;
        let fill = ctx.fill.and_then(|f| f.tasks.get(id));
        write_value(ws, (row, h.col(T::Progress)), fill.and_then(|f| f.progress.as_ref()), s)?;
        if let Some(p) = &ctx.previous {
            let before = p.figures.task(&ctx.agency.code, &task.id);
            let label = before.map(|(kind, _)| status_label(&ctx.plan.statuses, *kind)).unwrap_or_default();
            ws.write_string_with_format(row, h.col(T::PreviousStatus), &label, &s.locked_center)?;
        }
        let cells = [
            (T::Status, fill.and_then(|f| f.status.as_deref())),
            (T::Result, fill.and_then(|f| f.result.as_deref())),
            (T::Issues, fill.and_then(|f| f.issues.as_deref())),
        ];
        let mut texts = vec![(h.col(T::Task), task.title.as_str())];
        for (which, text) in cells {
            write_text(ws, (row, h.col(which)), text, s)?;
            texts.push((h.col(which), text.unwrap_or("")));
        }
        h.fit_row(ws, row, &texts)?;
    }
    if !tasks.is_empty() {
        let last = RowNum::try_from(tasks.len()).unwrap_or(RowNum::MAX);
        ws.add_data_validation(1, h.col(T::Status), last, h.col(T::Status), &status)?;
        let progress = h.col(T::Progress);
        ws.add_data_validation(1, progress, last, progress, &progress_validation()?)?;
    }
    finish_sheet(ws, h.col(T::Status))
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
