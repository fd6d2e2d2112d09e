//! Flows (`behaviour: cumulative`: revenue, investment, exports) only grow over the year.
//!
//! * `luy-ke-giam`: the cumulative value is lower than the same agency's cumulative value of the
//!   same year's previous quarter ([`Earlier`](crate::consolidate::Earlier)), quoting that value
//!   with its file and cell. Skipped when the earlier figures are not of the previous quarter.
//! * `uoc-nam-thap-hon-luy-ke`: the full-year estimate is lower than the cumulative value already
//!   achieved, at the estimate's cell.
//!
//! * `uoc-nam-thay-doi` (any measure): the full-year estimate differs from the one the same agency
//!   sent for the previous quarter by more than `percent` (20%) of it, quoting the earlier cell.
//!
//! Values are compared with a relative tolerance of 1e-9, so a figure typed again is equal.

use super::{Ctx, Text, measure_label, with_unit};
use crate::plan::{Behaviour, CheckLevel, check_code};

/// `a < b`, beyond rounding noise.
fn below(a: f64, b: f64) -> bool {
    a < b - 1e-9 * b.abs().max(1.0)
}

pub(super) fn check(cx: &mut Ctx<'_>) {
    let intake = cx.intake();
    let earlier =
        cx.input.earlier.filter(|e| e.quarter.is_some() && e.quarter == intake.quarter.previous_in_year());
    let period = intake.quarter.cumulative().label();
    for sub in intake.submissions() {
        for row in &sub.measures {
            let Some(m) = cx.measure(row.code.as_str()) else { continue };
            if m.behaviour != Behaviour::Cumulative {
                continue;
            }
            let Some(now) = row.cumulative.as_ref().filter(|n| n.value.is_finite()) else { continue };
            let unit = m.unit.as_ref();
            let down = cx.params(check_code::CUMULATIVE_DOWN, Some(m));
            if let (false, Some(e)) = (down.level == CheckLevel::Off, earlier)
                && let Some(before) = e.measure(&sub.agency, &row.code)
                && below(now.value, before.value)
            {
                let quarter = e.quarter.map(|q| q.label()).unwrap_or_default();
                let text = Text {
                    message: format!(
                        "{}: số lũy kế {period} ({}) thấp hơn số lũy kế đến hết {quarter} cơ quan đã báo cáo ({}, tệp {}, ô {}); số lũy kế của chỉ tiêu cộng dồn không thể giảm",
                        measure_label(m),
                        with_unit(now.value, unit),
                        with_unit(before.value, unit),
                        before.cell.file,
                        before.cell.a1()
                    ),
                    fix: format!(
                        "kiểm tra lại ô {}: ghi số lũy kế từ đầu năm đến hết quý (không ghi số riêng của quý); nếu số {quarter} đã báo cáo chưa đúng, ghi số đã điều chỉnh vào cột Ghi chú",
                        now.source.a1()
                    ),
                };
                cx.at_cell(down.level, check_code::CUMULATIVE_DOWN, &now.source, now.raw.clone(), text);
            }
            let low = cx.params(check_code::ESTIMATE_BELOW_CUMULATIVE, Some(m));
            if low.level == CheckLevel::Off {
                continue;
            }
            let Some(estimate) = row.year_estimate.as_ref().filter(|n| n.value.is_finite()) else { continue };
            if below(estimate.value, now.value) {
                let text = Text {
                    message: format!(
                        "{}: ước thực hiện cả năm ({}) thấp hơn số lũy kế đã đạt đến hết {} ({}, ô {})",
                        measure_label(m),
                        with_unit(estimate.value, unit),
                        intake.quarter.label(),
                        with_unit(now.value, unit),
                        now.source.a1()
                    ),
                    fix: format!(
                        "ước cả năm của chỉ tiêu cộng dồn không thể thấp hơn số đã đạt; kiểm tra lại ô {} và ô {}",
                        estimate.source.a1(),
                        now.source.a1()
                    ),
                };
                cx.at_cell(
                    low.level,
                    check_code::ESTIMATE_BELOW_CUMULATIVE,
                    &estimate.source,
                    estimate.raw.clone(),
                    text,
                );
            }
        }
    }
}

/// `uoc-nam-thay-doi`: an agency's full-year estimate differs from the one it sent for the
/// previous quarter by more than `percent` (20% by default) of that earlier estimate, quoting
/// the earlier figure and cell: a revision the report's reader will ask about.
pub(super) fn estimates(cx: &mut Ctx<'_>) {
    let intake = cx.intake();
    let Some(earlier) =
        cx.input.earlier.filter(|e| e.quarter.is_some() && e.quarter == intake.quarter.previous_in_year())
    else {
        return;
    };
    let quarter = earlier.quarter.map(|q| q.label()).unwrap_or_default();
    for sub in intake.submissions() {
        for row in &sub.measures {
            let Some(m) = cx.measure(row.code.as_str()) else { continue };
            let params = cx.params(check_code::ESTIMATE_CHANGED, Some(m));
            if params.level == CheckLevel::Off {
                continue;
            }
            let Some(now) = row.year_estimate.as_ref().filter(|n| n.value.is_finite()) else { continue };
            let Some(before) = earlier.estimate(&sub.agency, &row.code) else { continue };
            if before.value == 0.0 {
                continue;
            }
            let change = (now.value - before.value) / before.value.abs() * 100.0;
            if change.abs() <= params.percent {
                continue;
            }
            let unit = m.unit.as_ref();
            let text = Text {
                message: format!(
                    "{}: ước thực hiện cả năm ({}) {} {}% so với số ước cơ quan đã báo cáo {quarter} ({}, tệp {}, ô {}); số liệu điều chỉnh so với quý trước",
                    measure_label(m),
                    with_unit(now.value, unit),
                    if change > 0.0 { "cao hơn" } else { "thấp hơn" },
                    crate::vn::number_fixed(change.abs(), 1),
                    with_unit(before.value, unit),
                    before.cell.file,
                    before.cell.a1()
                ),
                fix: format!(
                    "kiểm tra lại ô {}; nếu số ước đã được điều chỉnh, ghi lý do điều chỉnh vào cột Ghi chú",
                    now.source.a1()
                ),
            };
            cx.at_cell(params.level, check_code::ESTIMATE_CHANGED, &now.source, now.raw.clone(), text);
        }
    }
}
