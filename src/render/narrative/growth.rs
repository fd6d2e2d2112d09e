//! Section II.3: GRDP growth, total and by sector, against the scenario.

use super::{lower_first, upper_first};
use crate::consolidate::{Consolidated, GrowthRow};
use crate::period::PeriodNames;
use crate::plan::Plan;
use crate::render::views::{ChartRow, GrowthLine, GrowthView};
use crate::vn;

/// Section II.3: the total (cumulative and, where known, the quarter alone), then one line per
/// sector named as running text names it (khu vực, ngành, thuế sản phẩm).
pub fn growth(plan: &Plan, c: &Consolidated, names: &PeriodNames) -> GrowthView {
    let g = &c.growth;
    let t = &g.total;
    let period = &names.report;
    let mut summary = match (t.estimate, t.scenario) {
        (Some(e), Some(s)) => format!(
            "Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) {period} ước {} so với cùng kỳ năm trước, {} kịch bản đề ra ({}%)",
            vn::growth_prose(e),
            compare(e - s),
            vn::number(s)
        ),
        (Some(e), None) => {
            format!("Tốc độ tăng trưởng GRDP {period} ước {} so với cùng kỳ năm trước", vn::growth_prose(e))
        }
        (None, Some(s)) => format!(
            "Chưa đủ số liệu của các ngành để ước tính tốc độ tăng trưởng GRDP {period}; kịch bản đề ra là {}%",
            vn::number(s)
        ),
        (None, None) => format!("Chưa đủ số liệu để ước tính tốc độ tăng trưởng GRDP {period}"),
    };
    if let (Some(q), Some(_), false) = (t.quarter_estimate, t.estimate, names.of.number == 1) {
        summary.push_str(&format!(
            "; riêng {} ước {}",
            crate::period::Quarter::label(names.of).replacen("/", " năm ", 1),
            vn::growth_prose(q)
        ));
    }
    summary.push('.');
    let lines = g
        .rows
        .iter()
        .filter_map(|r| {
            let e = r.estimate?;
            let contribution = r
                .contribution
                .map(|x| format!(", đóng góp {} điểm %", vn::number_fixed(x, 2)))
                .unwrap_or_default();
            let vs = r
                .scenario
                .map(|s| format!(" ({} kịch bản {}%)", compare(e - s), vn::number(s)))
                .unwrap_or_default();
            let (name, member) = in_prose(plan, r);
            let text = format!("{} {}{vs}{contribution}.", upper_first(&name), vn::growth_prose(e));
            Some(GrowthLine { text, member })
        })
        .collect();
    let chart = g
        .rows
        .iter()
        .chain(std::iter::once(t))
        .map(|r| ChartRow {
            label: r.name.clone(),
            scenario: r.scenario,
            estimate: r.estimate,
            scenario_text: r.scenario.map_or_else(|| "-".to_owned(), |v| vn::number_fixed(v, 2)),
            estimate_text: r.estimate.map_or_else(|| "-".to_owned(), |v| vn::number_fixed(v, 2)),
        })
        .collect();
    GrowthView { summary, lines, chart }
}

/// The sector as running text names it, and whether it is a member of a group (printed under
/// its group): the plan's `in-prose`, "ngành …" for a member (công nghiệp inside công nghiệp -
/// xây dựng), otherwise "khu vực …".
fn in_prose(plan: &Plan, r: &GrowthRow) -> (String, bool) {
    let member = !r.is_group && plan.growth.groups.iter().any(|g| g.members.contains(&r.code));
    let sector = plan.growth.sectors.iter().find(|s| s.code == r.code);
    if let Some(p) = sector.and_then(|s| s.in_prose.clone()) {
        return (p, member);
    }
    if member {
        (format!("ngành {}", lower_first(&r.name)), true)
    } else {
        (format!("khu vực {}", lower_first(&r.name)), false)
    }
}

/// `cao hơn 0,37 điểm % so với`, `thấp hơn …`, `bằng`: a growth rate against its scenario.
pub(super) fn compare(gap: f64) -> String {
    if gap.abs() < 0.005 {
        "bằng".to_owned()
    } else if gap > 0.0 {
        format!("cao hơn {} điểm % so với", vn::number_fixed(gap, 2))
    } else {
        format!("thấp hơn {} điểm % so với", vn::number_fixed(-gap, 2))
    }
}
