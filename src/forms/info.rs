//! The `Thông tin` sheet: who reports, for which quarter, by when, and how to fill the form.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, RowNum, Worksheet, XlsxError,
};

use super::writer::{FormContext, excel_date, page_setup, protect, write_text};
use crate::contract::{FORM_VERSION, SHEET_INFO, info};
use crate::plan::Plan;
use crate::vn;

/// Column widths of A (labels), B (values), C (notes), in characters.
const WIDTHS: [f64; 3] = [26.0, 44.0, 40.0];
/// Characters of wrapped text per line across the merged A:C range.
const CHARS_PER_LINE: usize = 110;
/// Height of one line of 12 pt text, in points.
const LINE_HEIGHT: f64 = 16.5;
/// The first row of the label/value block.
const FIRST_LABEL_ROW: RowNum = 3;

/// Writes the `Thông tin` sheet.
pub(super) fn write(ws: &mut Worksheet, ctx: &FormContext<'_>) -> Result<(), XlsxError> {
    ws.set_name(SHEET_INFO)?;
    for (col, width) in (0u16..).zip(WIDTHS) {
        ws.set_column_width(col, width)?;
    }
    let s = &ctx.styles;
    merged_line(ws, 0, &title(ctx.plan), &s.title)?;
    let subtitle = format!("Kế hoạch của {}: {}", ctx.plan.info.issuer, ctx.plan.info.title);
    merged_line(ws, 1, &subtitle, &s.subtitle)?;
    let next = write_fields(ws, ctx)?;
    write_instructions(ws, ctx, next + 1)?;
    protect(ws);
    page_setup(ws, false)?;
    ws.set_active(true);
    Ok(())
}

/// `BIỂU BÁO CÁO QUÝ — KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT SỐ 01/NQ-CP NĂM 2024`.
fn title(plan: &Plan) -> String {
    let short = match plan.info.implements.first().filter(|r| !r.number.is_empty()) {
        Some(r) => format!("Kế hoạch thực hiện Nghị quyết số {} năm {}", r.number, plan.info.year),
        None => format!("Kế hoạch năm {}", plan.info.year),
    };
    format!("BIỂU BÁO CÁO QUÝ — {}", short.to_uppercase())
}

/// Writes the label/value rows; returns the first row after them.
fn write_fields(ws: &mut Worksheet, ctx: &FormContext<'_>) -> Result<RowNum, XlsxError> {
    let s = &ctx.styles;
    let fill = ctx.fill;
    let quarter = ctx.quarter;
    let deadline = quarter.deadline(ctx.plan.info.submission_day);
    let name = fill.and_then(|f| f.agency_name.clone()).unwrap_or_else(|| ctx.agency.name.clone());
    let fixed: [(&str, String); 4] = [
        (info::AGENCY_CODE, ctx.agency.code.to_string()),
        (info::AGENCY_NAME, name),
        (info::QUARTER, quarter.to_string()),
        (info::DEADLINE, vn::date_long(deadline)),
    ];
    let mut row = FIRST_LABEL_ROW;
    for (label, value) in fixed {
        ws.write_string_with_format(row, 0, label, &s.label)?;
        ws.write_string_with_format(row, 1, &value, &s.fixed)?;
        row += 1;
    }
    let names = ctx.plan.report.period(quarter);
    let period = format!("{} (số liệu lũy kế {})", quarter.label(), names.report);
    ws.write_string_with_format(FIRST_LABEL_ROW + 2, 2, &period, &s.aside)?;
    ws.write_string_with_format(row, 0, info::REPORT_DATE, &s.label)?;
    match fill.and_then(|f| f.report_date) {
        Some(date) => ws.write_datetime_with_format(row, 1, excel_date(date)?, &s.input_date)?,
        None => ws.write_blank(row, 1, &s.input_date)?,
    };
    let example = format!("(ngày/tháng/năm, ví dụ {})", vn::date_short(deadline));
    ws.write_string_with_format(row, 2, &example, &s.aside)?;
    ws.add_data_validation(row, 1, row, 1, &date_validation(ctx)?)?;
    row += 1;
    for (label, value) in [
        (info::PREPARER, fill.and_then(|f| f.preparer.as_deref())),
        (info::PHONE, fill.and_then(|f| f.phone.as_deref())),
    ] {
        ws.write_string_with_format(row, 0, label, &s.label)?;
        write_text(ws, (row, 1), value, s)?;
        row += 1;
    }
    for (label, value) in
        [(info::FORM_VERSION, FORM_VERSION), (info::PLAN_FINGERPRINT, &ctx.plan.fingerprint)]
    {
        ws.write_string_with_format(row, 0, label, &s.label)?;
        ws.write_string_with_format(row, 1, value, &s.fixed)?;
        ws.set_row_hidden(row)?;
        row += 1;
    }
    Ok(row)
}

/// Dates from the start of the Nghị định 09 window to the end of the next quarter; a date outside
/// only warns, since intake decides timeliness.
fn date_validation(ctx: &FormContext<'_>) -> Result<DataValidation, XlsxError> {
    let from = excel_date(ctx.quarter.window_start())?;
    let to = excel_date(ctx.quarter.next().last_day())?;
    DataValidation::new()
        .allow_date(DataValidationRule::Between(from, to))
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_error_title("Ngày báo cáo chưa đúng")?
        .set_error_message("Ghi ngày ký báo cáo theo dạng ngày/tháng/năm, trong kỳ báo cáo.")?
        .set_input_title("Ngày báo cáo")?
        .set_input_message("Ngày ký báo cáo, dạng ngày/tháng/năm.")
}

/// Writes the instructions from `row`.
fn write_instructions(ws: &mut Worksheet, ctx: &FormContext<'_>, row: RowNum) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, 0, "Hướng dẫn điền biểu", &ctx.styles.instruction_heading)?;
    for (i, line) in (1..).zip(instructions(ctx)) {
        merged_line(ws, row + i, &line, &ctx.styles.instruction)?;
    }
    Ok(())
}

/// The instruction lines, numbered.
fn instructions(ctx: &FormContext<'_>) -> Vec<String> {
    let plan = ctx.plan;
    let deadline = ctx.quarter.deadline(plan.info.submission_day);
    let before = deadline.next_day().unwrap_or(deadline);
    let receiver = plan.assignee_name(&plan.report.issuer_code);
    let statuses: Vec<&str> = plan.statuses.labels().collect();
    let lines = [
        "Chỉ điền vào các ô nền trắng. Các ô nền xám (mã, tên chỉ tiêu, đơn vị tính, kế hoạch, kịch bản) \
         do Sở lập sẵn theo kế hoạch, không sửa; không đổi tên các trang và tiêu đề cột."
            .to_owned(),
        "Ghi ngày ký báo cáo, họ tên và số điện thoại người lập để Sở liên hệ khi cần.".to_owned(),
        ctx.previous.map(|p| super::previous::instruction(&p, ctx.quarter)).unwrap_or_default(),
        "Trang Chỉ tiêu: ghi số theo đơn vị tính ở cột ĐVT, không kèm đơn vị. Số lũy kế tính từ đầu năm \
         đến hết quý; những ngày cuối quý chưa có số liệu thì ghi số ước. Giải thích ghi ở cột Ghi chú."
            .to_owned(),
        format!(
            "Trang Tăng trưởng (nếu có): tốc độ tăng (%) so với cùng kỳ năm trước, theo {}; cột Kịch bản \
             là kịch bản {} của Phụ lục {}.",
            plan.growth.prices,
            ctx.quarter.cumulative().label(),
            plan.report.appendices.growth.number
        ),
        format!(
            "Trang Nhiệm vụ: chọn Tình trạng trong danh sách ({}). Không ghi «quá hạn»: Sở tự xác định \
             theo thời hạn và ngày chốt số liệu. Ghi tóm tắt kết quả, khó khăn và kiến nghị.",
            statuses.join("; ")
        ),
        "Ô để trống được hiểu là «chưa báo cáo», không phải số 0; số liệu bằng 0 thì ghi 0.".to_owned(),
        format!(
            "Gửi biểu (tệp Excel) về {} trước {} (hạn cuối: {}); báo cáo gửi lại sau sẽ thay thế báo cáo \
             gửi trước.",
            receiver,
            vn::date_long(before),
            vn::date_long(deadline)
        ),
    ];
    let lines = lines.into_iter().filter(|l| !l.is_empty());
    (1..).zip(lines).map(|(i, l)| format!("{i}. {l}")).collect()
}

/// Writes `text` across A:C of `row`, with a height that fits the wrapped text.
fn merged_line(
    ws: &mut Worksheet,
    row: RowNum,
    text: &str,
    format: &rust_xlsxwriter::Format,
) -> Result<(), XlsxError> {
    ws.merge_range(row, 0, row, 2, text, format)?;
    let lines = text.chars().count().div_ceil(CHARS_PER_LINE).max(1);
    ws.set_row_height(row, LINE_HEIGHT * lines as f64 + 4.0)?;
    Ok(())
}
