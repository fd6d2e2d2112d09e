//! `trung-so-lieu-nhieu-co-quan`: several agencies report exactly the same figure for one
//! measure — usually a figure copied from another form or a shared spreadsheet.
//!
//! Only the cumulative value (or level) is compared, only when it is not zero and has at least
//! `digits` significant digits (3 by default: `3.407,8` has five, `100` one, `0,71` two), so that
//! round and small numbers that agree by chance are left alone. Only amounts (quantities and
//! counts) are compared by default: rates and rankings sit in a narrow range (dozens of agencies
//! each reporting an online-service rate between 90 and 100% with one decimal agree by chance),
//! so a rate or ranking is compared only when its own `checks:` names this rule. Each agency of a group gets a
//! finding at its own cell asking it to recheck — its own figure only, never another agency's
//! name or figure; the department gets one finding per group (no file) naming every agency, file
//! and cell.

use std::collections::BTreeMap;

use super::{Ctx, Text, exact, measure_label, with_unit};
use crate::collect::Number;
use crate::plan::{AgencyCode, CheckLevel, Kind, check_code};

/// Significant digits of a value as written by [`exact`]: leading zeros never count, trailing
/// zeros of a whole number do not either (`100` has one, `3.407,8` five, `0,071` two).
pub(super) fn significant_digits(v: f64) -> usize {
    let text = exact(v.abs());
    let whole = !text.contains(',');
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    let digits = if whole { digits.trim_end_matches('0') } else { digits };
    digits.len()
}

pub(super) fn check(cx: &mut Ctx<'_>) {
    let plan = cx.plan();
    for (_, m) in plan.measures() {
        let params = cx.params(check_code::SAME_FIGURE, Some(m));
        let narrow = matches!(m.kind(), Kind::Rate | Kind::Ranking);
        if params.level == CheckLevel::Off || (narrow && !m.checks.contains_key(check_code::SAME_FIGURE)) {
            continue;
        }
        let code = crate::plan::measure_code(m);
        // Value (as bits: the same text always reads to the same f64) → who reported it, where.
        let mut groups: BTreeMap<u64, Vec<(&AgencyCode, &Number)>> = BTreeMap::new();
        for sub in cx.intake().submissions() {
            let Some(n) =
                sub.measures.iter().find(|r| r.code.as_str() == code).and_then(|r| r.cumulative.as_ref())
            else {
                continue;
            };
            let v = n.value;
            if v.is_finite() && v != 0.0 && significant_digits(v) as f64 >= params.digits {
                groups.entry(v.to_bits()).or_default().push((&sub.agency, n));
            }
        }
        let mut groups: Vec<_> = groups.into_values().filter(|g| g.len() > 1).collect();
        // In the order the first reporter of each group appears (plan order of agencies).
        groups.sort_by_key(|g| cx.intake().agencies.iter().position(|a| &a.agency == g[0].0));
        for group in groups {
            let value = with_unit(group[0].1.value, m.unit.as_ref());
            for (_, n) in &group {
                let text = Text {
                    message: format!(
                        "{}: số liệu {value} trùng khớp hoàn toàn với số liệu một cơ quan khác báo cáo cho cùng chỉ tiêu; số liệu có thể đã được sao chép từ báo cáo khác",
                        measure_label(m)
                    ),
                    fix: format!(
                        "kiểm tra lại số liệu tại ô {}; nếu số liệu đúng, ghi nguồn số liệu vào cột Ghi chú",
                        n.source.a1()
                    ),
                };
                cx.at_cell(params.level, check_code::SAME_FIGURE, &n.source, n.raw.clone(), text);
            }
            let who: Vec<String> = group
                .iter()
                .map(|(a, n)| format!("{} ({}, ô {})", plan.assignee_name(a), n.source.file, n.source.a1()))
                .collect();
            let text = Text {
                message: format!(
                    "{}: {} cơ quan báo cáo cùng một số liệu {value}: {}",
                    measure_label(m),
                    group.len(),
                    who.join("; ")
                ),
                fix: "xác minh số liệu với từng cơ quan trước khi tổng hợp (mỗi cơ quan đã được đề nghị kiểm tra lại trong phiếu phản hồi)".to_owned(),
            };
            cx.for_department(params.level, check_code::SAME_FIGURE, exact(group[0].1.value), text);
        }
    }
}
