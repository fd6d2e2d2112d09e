//! Plausible bands.
//!
//! * `ngoai-khoang-hop-ly`: a measure's cumulative value (or level) against the same agency's
//!   `Thực hiện cùng kỳ năm trước` on the same row. Quantities and counts: the change
//!   (v − last) / |last| × 100 must stay within ±`percent` (50 by default; skipped when last year
//!   is zero); rates: v − last within ±`points` điểm % (20 by default). Rankings are not checked.
//! * `tang-truong-vo-ly`: each sector growth rate an agency reports on `Tăng trưởng` (quarter,
//!   cumulative, updated year scenario) must lie within [`min`, `max`] (−30 % … +50 % by
//!   default); when the cell's text reads two ways (`19.085`), the message gives the other reading.

use super::typing::other_reading;
use super::{Ctx, Text, exact, measure_label, with_unit};
use crate::collect::Number;
use crate::plan::{CheckLevel, Kind, Unit, check_code};
use crate::vn::number;

pub(super) fn check(cx: &mut Ctx<'_>) {
    same_period(cx);
    growth(cx);
}

fn same_period(cx: &mut Ctx<'_>) {
    for sub in cx.intake().submissions() {
        for row in &sub.measures {
            let Some(m) = cx.measure(row.code.as_str()) else { continue };
            let params = cx.params(check_code::OUT_OF_BAND, Some(m));
            let finite = |n: Option<&Number>| n.filter(|n| n.value.is_finite()).cloned();
            let (Some(now), Some(last)) =
                (finite(row.cumulative.as_ref()), finite(row.same_period_last_year.as_ref()))
            else {
                continue;
            };
            if params.level == CheckLevel::Off {
                continue;
            }
            let unit = m.unit.as_ref();
            let (v, l) = (now.value, last.value);
            let change = match m.kind() {
                Kind::Ranking => continue,
                Kind::Rate => {
                    let diff = v - l;
                    if diff.abs() <= params.points {
                        continue;
                    }
                    format!(
                        "{} cùng kỳ năm trước ({}, ô {}) {} điểm %, ngoài khoảng hợp lý ±{} điểm %",
                        if diff > 0.0 { "cao hơn" } else { "thấp hơn" },
                        with_unit(l, unit),
                        last.source.a1(),
                        number(diff.abs()),
                        number(params.points)
                    )
                }
                Kind::Quantity | Kind::Count => {
                    if l == 0.0 {
                        continue;
                    }
                    let pct = (v - l) / l.abs() * 100.0;
                    if pct.abs() <= params.percent {
                        continue;
                    }
                    format!(
                        "{} {}% so với cùng kỳ năm trước ({}, ô {}), ngoài khoảng hợp lý ±{}%",
                        if pct > 0.0 { "tăng" } else { "giảm" },
                        number(pct.abs()),
                        with_unit(l, unit),
                        last.source.a1(),
                        number(params.percent)
                    )
                }
            };
            let units = match unit {
                Some(Unit::Money(_)) => " (ví dụ tỷ đồng và triệu đồng)",
                _ => "",
            };
            let text = Text {
                message: format!("{}: {} {change}", measure_label(m), with_unit(v, unit)),
                fix: format!(
                    "kiểm tra lại số liệu và đơn vị tính{units} tại ô {} và ô {}, số lũy kế từ đầu năm (không phải số riêng của quý); nếu số liệu đúng, ghi lý do biến động vào cột Ghi chú",
                    now.source.a1(),
                    last.source.a1()
                ),
            };
            cx.at_cell(params.level, check_code::OUT_OF_BAND, &now.source, now.raw.clone(), text);
        }
    }
}

fn growth(cx: &mut Ctx<'_>) {
    let params = cx.params(check_code::IMPLAUSIBLE_GROWTH, None);
    if params.level == CheckLevel::Off {
        return;
    }
    let plan = cx.plan();
    for sub in cx.intake().submissions() {
        for row in &sub.growth {
            let name = plan
                .growth
                .sectors
                .iter()
                .find(|s| s.code == row.sector)
                .map_or_else(|| row.sector.to_string(), |s| s.name.clone());
            let columns = [
                ("ước tăng trưởng quý", &row.quarter),
                ("ước tăng trưởng lũy kế", &row.cumulative),
                ("kịch bản tăng trưởng cập nhật cả năm", &row.year_update),
            ];
            for (label, n) in columns {
                let Some(n) = n.as_ref().filter(|n| n.value.is_finite()) else { continue };
                if (params.min..=params.max).contains(&n.value) {
                    continue;
                }
                let mut message = format!(
                    "ngành {name}: {label} {}% nằm ngoài khoảng hợp lý (từ {}% đến {}%)",
                    exact(n.value),
                    number(params.min),
                    number(params.max)
                );
                if let Some(other) = other_reading(&n.raw, n.value) {
                    message.push_str(&format!(
                        "; ô ghi \"{}\" được đọc là {}, có thể số định ghi là {}",
                        n.raw,
                        exact(n.value),
                        exact(other)
                    ));
                }
                let text = Text {
                    message,
                    fix: "nhập tốc độ tăng so với cùng kỳ năm trước theo %, dùng dấu phẩy thập phân (ví dụ 6,42); nếu số liệu đúng, ghi giải thích vào cột Ghi chú".to_owned(),
                };
                cx.at_cell(params.level, check_code::IMPLAUSIBLE_GROWTH, &n.source, n.raw.clone(), text);
            }
        }
    }
}
