//! `so-nhap-mo-ho`: numbers typed so that they may not say what the clerk meant.
//!
//! * In a money row (`tỷ đồng`, `triệu USD`), a cell whose text is one to three digits (not
//!   starting with 0), one separator and exactly three digits — `12,500`, `1.250`, `khoảng 1.250`
//!   — reads one way in Vietnamese and the other way in English: intake reads `1.250` as 1.250
//!   (thousands dot) and `12,500` as 12,5 (decimal comma), while a clerk used to English meant
//!   1,25 and 12.500. The finding gives both readings. [`Number::raw`](crate::collect::Number)
//!   holds the cell's text for a text cell and the number written with a decimal comma for a
//!   number cell, so a number cell holding 12,345 is questioned too: it may have been typed
//!   `12,345` meaning twelve thousand. Intake does not question these (it applies the
//!   Vietnamese rule silently), so nothing is reported twice.
//! * A count (`kind: count`: communes, schools) that is not a whole number.

use super::{Ctx, Text, exact, measure_label, with_unit};
use crate::plan::{CheckLevel, Kind, Unit, check_code};

/// The two readings of `raw` when its text is `d{1,3}[.,]ddd` (after a qualifier or sign, before
/// a `%`): (Vietnamese, English) — `1.250` → (1.250, 1,25); `12,500` → (12,5, 12.500). `None` for
/// any other text.
fn two_readings(raw: &str) -> Option<(f64, f64)> {
    let t = raw.trim().trim_end_matches('%').trim_end();
    let start = t.find(|c: char| c.is_ascii_digit())?;
    let sign = if t[..start].trim_end().ends_with(['-', '−', '–']) { -1.0 } else { 1.0 };
    let core = &t[start..];
    let sep = core.find(['.', ','])?;
    let (int, frac) = (&core[..sep], &core[sep + 1..]);
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !(1..=3).contains(&int.len())
        || int.starts_with('0')
        || frac.len() != 3
        || !digits(int)
        || !digits(frac)
    {
        return None;
    }
    let (i, f): (f64, f64) = (int.parse().ok()?, frac.parse().ok()?);
    let (grouped, decimal) = (sign * (i * 1000.0 + f), sign * (i + f / 1000.0));
    Some(if core.as_bytes()[sep] == b'.' { (grouped, decimal) } else { (decimal, grouped) })
}

/// The reading intake did not use, when `raw` reads two ways and `value` is its Vietnamese
/// reading (as intake gives it).
pub(super) fn other_reading(raw: &str, value: f64) -> Option<f64> {
    let (vietnamese, english) = two_readings(raw)?;
    ((vietnamese - value).abs() <= 1e-9 * value.abs().max(1.0)).then_some(english)
}

pub(super) fn check(cx: &mut Ctx<'_>) {
    for sub in cx.intake().submissions() {
        for row in &sub.measures {
            let Some(m) = cx.measure(row.code.as_str()) else { continue };
            let params = cx.params(check_code::AMBIGUOUS_NUMBER, Some(m));
            if params.level == CheckLevel::Off {
                continue;
            }
            let unit = m.unit.as_ref();
            let cells = [&row.same_period_last_year, &row.cumulative, &row.year_estimate];
            for n in cells.into_iter().flatten().filter(|n| n.value.is_finite()) {
                if matches!(unit, Some(Unit::Money(_)))
                    && let Some(other) = other_reading(&n.raw, n.value)
                {
                    let read = n.value;
                    let thousands = read.abs() > other.abs();
                    let (big, small) = if thousands { (read, other) } else { (other, read) };
                    let text = Text {
                        message: format!(
                            "{}: \"{}\" có thể hiểu hai cách: {} (cách viết Việt Nam, dấu {} là {}) hoặc {} (cách viết tiếng Anh); chương trình đang ghi nhận {}",
                            measure_label(m),
                            n.raw,
                            with_unit(read, unit),
                            if thousands { "chấm" } else { "phẩy" },
                            if thousands { "dấu ngăn cách hàng nghìn" } else { "dấu thập phân" },
                            with_unit(other, unit),
                            with_unit(read, unit)
                        ),
                        fix: format!(
                            "gõ lại số cho rõ: {} nếu số đúng là {} (không dùng dấu ngăn cách hàng nghìn), {} nếu số đúng là {} (dấu phẩy thập phân) và ghi xác nhận vào cột Ghi chú",
                            plain(big),
                            exact(big),
                            exact(small),
                            exact(small)
                        ),
                    };
                    cx.at_cell(params.level, check_code::AMBIGUOUS_NUMBER, &n.source, n.raw.clone(), text);
                }
                if m.kind() == Kind::Count && n.value.fract() != 0.0 {
                    let text = Text {
                        message: format!(
                            "{} đếm số đơn vị nên phải là số nguyên, nhưng ô ghi {}",
                            measure_label(m),
                            exact(n.value)
                        ),
                        fix: format!("nhập số nguyên tại ô {}", n.source.a1()),
                    };
                    cx.at_cell(params.level, check_code::AMBIGUOUS_NUMBER, &n.source, n.raw.clone(), text);
                }
            }
        }
    }
}

/// A whole number without thousands separators (`12500`); others as [`exact`].
fn plain(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { exact(v) }
}
