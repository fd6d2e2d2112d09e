//! Validation of the working-day calendar: `report.holidays` and `report.correction-working-days`.

use std::collections::HashMap;

use super::Plan;
use crate::vn::date_short;

/// The longest correction period, in working days, a plan may set.
const MAX_CORRECTION_DAYS: u32 = 30;

/// Reports every calendar problem through `error(yaml path, message)`: a holiday outside the
/// plan year and the years either side of it, a holiday listed twice, a correction period
/// outside 1–30 working days.
pub fn check(plan: &Plan, error: &mut dyn FnMut(String, String)) {
    let year = plan.info.year;
    let mut seen: HashMap<time::Date, usize> = HashMap::new();
    for (i, day) in plan.report.holidays.iter().enumerate() {
        let path = format!("report.holidays[{i}]");
        let d = day.0;
        if (d.year() - year).abs() > 1 {
            error(
                path,
                format!(
                    "ngày nghỉ lễ {} nằm ngoài năm kế hoạch {year} và các năm liền kề ({}–{})",
                    date_short(d),
                    year - 1,
                    year + 1
                ),
            );
        } else if let Some(first) = seen.get(&d) {
            error(
                path,
                format!(
                    "ngày nghỉ lễ {} ghi hai lần (đã có ở mục thứ {} của danh sách)",
                    date_short(d),
                    first + 1
                ),
            );
        } else {
            seen.insert(d, i);
        }
    }
    let days = plan.report.correction_working_days;
    if !(1..=MAX_CORRECTION_DAYS).contains(&days) {
        error(
            "report.correction-working-days".into(),
            format!(
                "số ngày làm việc để gửi lại báo cáo phải từ 1 đến {MAX_CORRECTION_DAYS} (đang ghi {days})"
            ),
        );
    }
}
