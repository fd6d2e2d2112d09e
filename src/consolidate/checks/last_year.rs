//! `cung-ky-khac-goi-luu`: an agency's typed `Thực hiện cùng kỳ năm trước` differs from the
//! figure the same agency (or the one it replaces) sent for that quarter last year, as the
//! archived package of that quarter holds it. The report uses the archived figure; the finding,
//! at the typed cell, quotes it with its file and cell so the clerk corrects the form or
//! explains an official revision.

use super::{Ctx, Text, measure_label, with_unit};
use crate::plan::check_code;

/// Runs the rule when last year's same quarter is archived.
pub(super) fn check(cx: &mut Ctx<'_>) {
    let intake = cx.intake();
    let Some(last) = cx.input.last_year.filter(|e| e.quarter == Some(intake.quarter.a_year_before())) else {
        return;
    };
    let quarter = last.quarter.map(|q| q.label()).unwrap_or_default();
    let package = last.archived.as_ref().map(|a| a.file.clone()).unwrap_or_default();
    for sub in intake.submissions() {
        for row in &sub.measures {
            let Some(m) = cx.measure(row.code.as_str()) else { continue };
            let params = cx.params(check_code::SAME_PERIOD_CHANGED, Some(m));
            let Some(typed) = row.same_period_last_year.as_ref().filter(|n| n.value.is_finite()) else {
                continue;
            };
            let Some(sent) = last.measure(&sub.agency, &row.code) else { continue };
            if (typed.value - sent.value).abs() <= 1e-9 * sent.value.abs().max(1.0) {
                continue;
            }
            let unit = m.unit.as_ref();
            let text = Text {
                message: format!(
                    "{}: số thực hiện cùng kỳ năm trước ({}) khác số đã báo cáo {quarter} trong gói đã gửi {package} ({}, tệp {}, ô {}); báo cáo dùng số đã gửi",
                    measure_label(m),
                    with_unit(typed.value, unit),
                    with_unit(sent.value, unit),
                    sent.cell.file,
                    sent.cell.a1()
                ),
                fix: format!(
                    "sửa ô {} thành {}; nếu số năm trước đã được điều chỉnh chính thức, ghi căn cứ vào cột Ghi chú",
                    typed.source.a1(),
                    crate::vn::number(sent.value)
                ),
            };
            cx.at_cell(params.level, check_code::SAME_PERIOD_CHANGED, &typed.source, typed.raw.clone(), text);
        }
    }
}
