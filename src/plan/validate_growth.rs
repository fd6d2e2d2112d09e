//! Validation of the growth scenario (Phụ lục 2): shares, periods, sector codes.

use std::collections::HashSet;

use super::Plan;
use super::codes::is_valid_code;
use super::model::PeriodValues;
use crate::findings::Level;
use crate::period::Period;
use crate::vn::number;

/// Tolerance for shares that must sum to 100, in percentage points.
const SHARE_TOLERANCE: f64 = 0.5;
/// Tolerance between a stated total and the total its sectors imply, in percentage points.
const TOTAL_TOLERANCE: f64 = 0.05;

/// Reports every problem of `plan.growth` through `report(severity, yaml path, message)`.
pub fn check(plan: &Plan, report: &mut dyn FnMut(Level, String, String)) {
    let g = &plan.growth;
    let mut err = |path: String, msg: String| report(Level::Error, path, msg);
    if g.quarter_weights.len() != 4 {
        err("growth.quarter-weights".into(), "cần đúng 4 tỷ trọng quý".into());
    } else if (g.quarter_weights.iter().sum::<f64>() - 100.0).abs() > SHARE_TOLERANCE {
        let sum = g.quarter_weights.iter().sum::<f64>();
        err(
            "growth.quarter-weights".into(),
            format!("tỷ trọng các quý cộng lại {}% (phải bằng 100% ± 0,5)", number(sum)),
        );
    }
    if let Some(a) = &g.authority
        && !plan.directory.contains(a)
    {
        err("growth.authority".into(), format!("không có cơ quan mã `{a}`"));
    }
    let mut codes = HashSet::new();
    for (i, s) in g.sectors.iter().enumerate() {
        let path = format!("growth.sectors[{i}]");
        if !is_valid_code(s.code.as_str()) || !codes.insert(s.code.clone()) {
            err(format!("{path}.code"), format!("mã ngành `{}` không hợp lệ hoặc bị trùng", s.code));
        }
        if s.base_shares.len() != 4 {
            err(format!("{path}.base-shares"), format!("ngành `{}` cần đúng 4 tỷ trọng quý", s.code));
        }
        if let Some(r) = &s.reporter
            && !plan.directory.contains(r)
        {
            err(format!("{path}.reporter"), format!("không có cơ quan hoặc nhóm cơ quan mã `{r}`"));
        }
        periods(&s.scenario, &format!("{path}.scenario"), &s.name, &mut err);
    }
    periods(&g.total, "growth.total", "Tổng GRDP", &mut err);
    for q in 0..4 {
        let sum: f64 = g.sectors.iter().filter_map(|s| s.base_shares.get(q)).sum();
        if g.sectors.iter().all(|s| s.base_shares.len() == 4) && (sum - 100.0).abs() > SHARE_TOLERANCE {
            let msg = format!(
                "tỷ trọng các ngành quý {} cộng lại {}% (phải bằng 100% ± 0,5)",
                crate::vn::roman(q as u32 + 1),
                number(sum)
            );
            err("growth.sectors".into(), msg);
        }
    }
    if let Some(code) = &g.total_indicator
        && !plan.indicators.iter().any(|m| m.code.as_ref() == Some(code))
    {
        err("growth.total-indicator".into(), format!("không có chỉ tiêu mã `{code}` trong indicators.yaml"));
    }
    for (i, grp) in g.groups.iter().enumerate() {
        let path = format!("growth.groups[{i}]");
        if !is_valid_code(grp.code.as_str()) || !codes.insert(grp.code.clone()) {
            err(format!("{path}.code"), format!("mã nhóm ngành `{}` không hợp lệ hoặc bị trùng", grp.code));
        }
        for (j, m) in grp.members.iter().enumerate() {
            if !g.sectors.iter().any(|s| &s.code == m) {
                err(format!("{path}.members[{j}]"), format!("không có ngành mã `{m}`"));
            }
        }
        if let Some(sc) = &grp.scenario {
            periods(sc, &format!("{path}.scenario"), &grp.name, &mut err);
        }
    }
    for p in Period::ALL {
        if let (Some(stated), Some(implied)) = (g.total.get(p), g.implied_total(p))
            && (stated - implied).abs() > TOTAL_TOLERANCE
        {
            let msg = format!(
                "kịch bản tổng {} là {}% nhưng các ngành theo tỷ trọng cho {}%",
                p.label(),
                number(stated),
                crate::vn::number_fixed(implied, 2)
            );
            report(Level::Warning, format!("growth.total.{}", p.key()), msg);
        }
    }
}

fn periods(values: &PeriodValues, path: &str, name: &str, err: &mut dyn FnMut(String, String)) {
    for p in Period::ALL {
        match values.get(p) {
            None => err(format!("{path}.{}", p.key()), format!("`{name}` thiếu kịch bản kỳ {}", p.label())),
            Some(v) if !v.is_finite() => {
                err(format!("{path}.{}", p.key()), "giá trị không phải là số".into())
            }
            _ => {}
        }
    }
}
