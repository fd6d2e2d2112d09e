//! `phu-luc.xlsx`: the three appendices as spreadsheets the receiving level can re-aggregate.
//!
//! Same columns and order as the PDF appendices; numbers are stored as numbers (full precision)
//! with display formats Excel shows in the reader's locale (`1.234,5` in Vietnamese), and every
//! text is written as a string, so an agency's `=1+1` stays text.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use time::Date;

use super::views::DocumentsView;
use crate::consolidate::{Consolidated, GrowthRow, MeasureResult};
use crate::plan::Target;

/// Builds the workbook; `date` fixes the document properties so bytes are reproducible.
pub fn appendix_workbook(view: &DocumentsView, c: &Consolidated, date: Date) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(date.year()).unwrap_or(2000),
        u8::from(date.month()),
        date.day(),
    )?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created).set_title("Phụ lục báo cáo"));
    let styles = Styles::new();
    indicators_sheet(wb.add_worksheet(), view, c, &styles)?;
    growth_sheet(wb.add_worksheet(), view, c, &styles)?;
    tasks_sheet(wb.add_worksheet(), view, c, &styles)?;
    wb.save_to_buffer()
}

struct Styles {
    /// Comparisons by scale, two decimals like the PDF: % of plan, % change (signed), điểm %
    /// (signed), places (signed, whole).
    percent: Format,
    change: Format,
    points: Format,
    places: Format,
    title: Format,
    italic: Format,
    header: Format,
    text: Format,
    bold_text: Format,
    number: Format,
    integer: Format,
    /// Phụ lục 2's fixed decimals: two for rates and points, one for % of the increase.
    two: Format,
    one: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        Styles {
            percent: cell.clone().set_num_format("0.00\"%\""),
            change: cell.clone().set_num_format("+0.00\"%\";-0.00\"%\";0.00\"%\""),
            points: cell.clone().set_num_format("+0.00\" điểm %\";-0.00\" điểm %\";0\" điểm %\""),
            places: cell.clone().set_num_format("+0\" bậc\";-0\" bậc\";0\" bậc\""),
            title: Format::new().set_bold().set_align(FormatAlign::Center).set_font_size(13),
            italic: Format::new().set_italic().set_align(FormatAlign::Center),
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xD9D9D9)),
            text: cell.clone(),
            bold_text: cell.clone().set_bold().set_background_color(Color::RGB(0xF2F2F2)),
            number: cell.clone().set_num_format("#,##0.00"),
            two: cell.clone().set_num_format("0.00"),
            one: cell.clone().set_num_format("0.0"),
            integer: cell.set_num_format("#,##0"),
        }
    }

    fn num(&self, v: f64) -> &Format {
        if v.fract() == 0.0 { &self.integer } else { &self.number }
    }
}

fn heading(
    ws: &mut Worksheet,
    view: &DocumentsView,
    number: &str,
    title: &str,
    last_col: u16,
    s: &Styles,
) -> Result<(), XlsxError> {
    ws.merge_range(0, 0, 0, last_col, &format!("{} {number}", view.appendices.word), &s.title)?;
    ws.merge_range(1, 0, 1, last_col, title, &s.title)?;
    ws.merge_range(2, 0, 2, last_col, &view.appendices.attached, &s.italic)?;
    ws.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
    Ok(())
}

fn header_row(
    ws: &mut Worksheet,
    row: u32,
    headers: &[&str],
    widths: &[f64],
    s: &Styles,
) -> Result<(), XlsxError> {
    for (col, (h, w)) in headers.iter().zip(widths).enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        ws.write_string_with_format(row, col, *h, &s.header)?;
        ws.set_column_width(col, *w)?;
    }
    ws.set_freeze_panes(row + 1, 0)?;
    ws.set_repeat_rows(row, row)?;
    Ok(())
}

fn opt_num(ws: &mut Worksheet, row: u32, col: u16, v: Option<f64>, s: &Styles) -> Result<(), XlsxError> {
    match v.filter(|x| x.is_finite()) {
        Some(x) => ws.write_number_with_format(row, col, x, s.num(x)).map(|_| ()),
        None => ws.write_string_with_format(row, col, "", &s.text).map(|_| ()),
    }
}

/// A comparison as a number whose format shows its scale (`62,93%`, `-0,36 điểm %`, `+1 bậc`);
/// a `change` against last year carries its sign (`+32,00%`).
fn comparison(
    ws: &mut Worksheet,
    (row, col): (u32, u16),
    c: Option<crate::consolidate::Comparison>,
    change: bool,
    s: &Styles,
) -> Result<(), XlsxError> {
    use crate::consolidate::Scale;
    match c.filter(|c| c.value.is_finite()) {
        Some(c) => {
            let f = match c.scale {
                Scale::Percent if change => &s.change,
                Scale::Percent => &s.percent,
                Scale::Points => &s.points,
                Scale::Places => &s.places,
            };
            ws.write_number_with_format(row, col, c.value, f).map(|_| ())
        }
        None => ws.write_string_with_format(row, col, "", &s.text).map(|_| ()),
    }
}

fn text(ws: &mut Worksheet, row: u32, col: u16, t: &str, s: &Styles) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, col, t, &s.text).map(|_| ())
}

fn target_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    m: &MeasureResult,
    label: &str,
    s: &Styles,
) -> Result<(), XlsxError> {
    match m.target {
        Target::Value(v) => ws.write_number_with_format(row, col, v, s.num(v)).map(|_| ()),
        _ => text(ws, row, col, label, s),
    }
}

fn indicators_sheet(
    ws: &mut Worksheet,
    view: &DocumentsView,
    c: &Consolidated,
    s: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(format!("{} {}", view.appendices.word, view.appendices.indicators.number))?;
    let last_col = if view.p1_history.previous.is_empty() { 10 } else { 11 };
    heading(ws, view, &view.appendices.indicators.number, &view.appendices.indicators.title, last_col, s)?;
    let period = format!("Ước thực hiện {}", view.names.cumulative);
    let target = format!("Kế hoạch năm {}", view.year);
    let previous = &view.p1_history.previous;
    let mut headers = vec![
        "STT",
        "Chỉ tiêu",
        "ĐVT",
        &target,
        "Cùng kỳ năm trước",
        &period,
        "So với KH năm",
        "So với cùng kỳ",
        previous.as_str(),
        "Ước cả năm",
        "Đánh giá",
        "Cơ quan báo cáo",
    ];
    let mut widths = vec![6.0, 48.0, 12.0, 14.0, 14.0, 14.0, 12.0, 14.0, 14.0, 14.0, 16.0, 18.0];
    // Quý I has no previous quarter: no column.
    let shift = u16::from(!previous.is_empty());
    if previous.is_empty() {
        headers.remove(8);
        widths.remove(8);
    }
    header_row(ws, 4, &headers, &widths, s)?;
    for (i, (m, r)) in c.indicators.iter().zip(&view.p1).enumerate() {
        let row = 5 + u32::try_from(i).unwrap_or(0);
        ws.write_number_with_format(row, 0, r.stt as f64, &s.integer)?;
        text(ws, row, 1, &r.name, s)?;
        text(ws, row, 2, &r.unit, s)?;
        target_cell(ws, row, 3, m, &r.target, s)?;
        opt_num(ws, row, 4, m.same_period_last_year, s)?;
        opt_num(ws, row, 5, m.value, s)?;
        comparison(ws, (row, 6), m.vs_plan, false, s)?;
        comparison(ws, (row, 7), m.vs_last_year, true, s)?;
        if shift == 1 {
            comparison(ws, (row, 8), m.vs_previous, true, s)?;
        }
        opt_num(ws, row, 8 + shift, m.year_estimate, s)?;
        text(ws, row, 9 + shift, &r.assessment, s)?;
        text(ws, row, 10 + shift, &r.reporters, s)?;
    }
    let first = 6 + u32::try_from(c.indicators.len()).unwrap_or(0);
    for (row, note) in (first..).zip(&view.p1_history.notes) {
        ws.write_string(row, 1, note)?;
    }
    Ok(())
}

fn growth_sheet(
    ws: &mut Worksheet,
    view: &DocumentsView,
    c: &Consolidated,
    s: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(format!("{} {}", view.appendices.word, view.appendices.growth.number))?;
    heading(ws, view, &view.appendices.growth.number, &view.appendices.growth.title, 9, s)?;
    let (period, quarter) = (&view.p2.period, &view.p2.quarter);
    let scenario = format!("Kịch bản lũy kế {period} (%)");
    let alone = format!("Ước thực hiện riêng {quarter} (%)");
    let cumulative = format!("Ước thực hiện lũy kế {period} (%)");
    let headers = [
        "Ngành, lĩnh vực",
        "Tỷ trọng kỳ gốc lũy kế (%)",
        &scenario,
        "Đóng góp theo kịch bản (điểm %)",
        &alone,
        &cumulative,
        "Chênh lệch lũy kế so với kịch bản (điểm %)",
        "Đóng góp lũy kế (điểm %)",
        "Đóng góp lũy kế (% mức tăng)",
        "Kịch bản cập nhật cả năm (%)",
    ];
    header_row(ws, 4, &headers, &[36.0, 12.0, 12.0, 14.0, 12.0, 12.0, 14.0, 12.0, 12.0, 14.0], s)?;
    let rows: Vec<&GrowthRow> = c.growth.rows.iter().chain(std::iter::once(&c.growth.total)).collect();
    for (i, r) in rows.into_iter().enumerate() {
        let row = 5 + u32::try_from(i).unwrap_or(0);
        let name_format = if r.is_group || r.is_total { &s.bold_text } else { &s.text };
        ws.write_string_with_format(row, 0, &r.name, name_format)?;
        let values = [
            Some(r.share),
            r.scenario,
            r.scenario_contribution,
            r.quarter_estimate,
            r.estimate,
            r.gap,
            r.contribution,
            r.contribution_share,
            r.year_update,
        ];
        for (col, v) in values.into_iter().enumerate() {
            let format = if col == 7 { &s.one } else { &s.two };
            let col = 1 + u16::try_from(col).unwrap_or(0);
            match v.filter(|x| x.is_finite()) {
                Some(x) => ws.write_number_with_format(row, col, x, format).map(|_| ())?,
                None => text(ws, row, col, "", s)?,
            }
        }
    }
    Ok(())
}

fn tasks_sheet(
    ws: &mut Worksheet,
    view: &DocumentsView,
    c: &Consolidated,
    s: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(format!("{} {}", view.appendices.word, view.appendices.tasks.number))?;
    heading(ws, view, &view.appendices.tasks.number, &view.appendices.tasks.title, 8, s)?;
    let headers = [
        "Mã",
        "Nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời hạn",
        "Kết quả thực hiện",
        "Tình trạng",
        "Tiến độ",
        "Khó khăn, vướng mắc, kiến nghị",
    ];
    header_row(ws, 4, &headers, &[8.0, 40.0, 20.0, 18.0, 13.0, 50.0, 20.0, 10.0, 36.0], s)?;
    let mut row = 5u32;
    for section in &view.p3 {
        ws.merge_range(row, 0, row, 8, &format!("{}. {}", section.number, section.title), &s.bold_text)?;
        row += 1;
        for t in &section.rows {
            for (col, value) in [
                &t.id,
                &t.title,
                &t.lead,
                &t.coordinate,
                &t.deadline,
                &t.result,
                &t.status,
                &t.progress,
                &t.issues,
            ]
            .into_iter()
            .enumerate()
            {
                text(ws, row, u16::try_from(col).unwrap_or(0), value, s)?;
            }
            row += 1;
        }
    }
    row += 1;
    let target_headers = [
        "Nhiệm vụ",
        "Chỉ tiêu",
        "ĐVT",
        "Kế hoạch",
        "Ước thực hiện",
        "So với KH",
        "Đánh giá",
        "Cơ quan báo cáo",
    ];
    for (col, h) in target_headers.iter().enumerate() {
        ws.write_string_with_format(row, u16::try_from(col).unwrap_or(0), *h, &s.header)?;
    }
    for (m, r) in c.task_targets.iter().zip(&view.p3_targets) {
        row += 1;
        text(ws, row, 0, &r.task, s)?;
        text(ws, row, 1, &r.name, s)?;
        text(ws, row, 2, &r.unit, s)?;
        target_cell(ws, row, 3, m, &r.target, s)?;
        opt_num(ws, row, 4, m.value, s)?;
        comparison(ws, (row, 5), m.vs_plan, false, s)?;
        text(ws, row, 6, &r.assessment, s)?;
        text(ws, row, 7, &r.reporters, s)?;
    }
    Ok(())
}
