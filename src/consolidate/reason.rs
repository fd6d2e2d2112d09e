//! The one Vietnamese sentence that explains a measure's assessment, with its numbers.
//!
//! Example: `lũy kế 6 tháng đạt 10.111,7 tỷ đồng, tăng 32% so với cùng kỳ, bằng 62,9% kế hoạch
//! năm (16.068 tỷ đồng), tiến độ cần đạt 50%; ước cả năm 19.100 tỷ đồng, vượt kế hoạch`.

use super::assess::Rule;
use super::model::{Assessment, MeasureResult};
use crate::period::Quarter;
use crate::plan::{Behaviour, Direction, Unit};
use crate::vn::{growth_prose, number, percent};

/// A value with its unit: `37,7%`, `19.100 tỷ đồng`.
pub(crate) fn with_unit(unit: &Unit, v: f64) -> String {
    match unit {
        Unit::Percent => percent(v),
        Unit::Money(u) | Unit::Quantity(u) if u.is_empty() => number(v),
        Unit::Money(u) | Unit::Quantity(u) => format!("{} {u}", number(v)),
    }
}

/// A percentage rounded to one decimal, as prose quotes it (`62,9%`).
fn percent1(p: f64) -> String {
    percent((p * 10.0).round() / 10.0)
}

/// How a value compares to the target, in words.
fn verdict(rule: &Rule, v: f64) -> &'static str {
    if rule.exceeded(v) {
        "vượt kế hoạch"
    } else if rule.attained(v) {
        "đạt kế hoạch"
    } else {
        "không đạt kế hoạch"
    }
}

/// Builds the reason sentence of a consolidated measure.
pub(crate) fn reason(r: &MeasureResult, rule: &Rule, quarter: Quarter) -> String {
    let Some(v) = r.value else {
        return match r.year_estimate {
            Some(e) => format!(
                "chưa có số liệu đến hết {}; ước cả năm {} (kế hoạch {}), {}",
                quarter.label(),
                with_unit(&r.unit, e),
                r.target.label(&r.unit),
                verdict(rule, e)
            ),
            None if r.reporters_expected == 0 => "chưa phân công cơ quan báo cáo".to_owned(),
            None => format!("chưa có số liệu (0/{} cơ quan báo cáo)", r.reporters_expected),
        };
    };
    let cumulative = r.behaviour == Behaviour::Cumulative;
    let target = r.target.label(&r.unit);
    let mut s = if cumulative {
        format!("lũy kế {} đạt {}", quarter.cumulative().label(), with_unit(&r.unit, v))
    } else {
        format!("đạt {}", with_unit(&r.unit, v))
    };
    if let Some(c) = r.change_vs_last_year {
        match r.unit {
            Unit::Percent if number(c.abs()) == "0" => s.push_str(", bằng cùng kỳ"),
            Unit::Percent => {
                let way = if c > 0.0 { "tăng" } else { "giảm" };
                s.push_str(&format!(", {way} {} điểm % so với cùng kỳ", number(c.abs())));
            }
            _ => s.push_str(&format!(", {} so với cùng kỳ", growth_prose(c))),
        }
    }
    let year = if cumulative { " năm" } else { "" };
    match (r.direction, r.percent_of_target) {
        (Direction::Higher, Some(p)) => {
            s.push_str(&format!(", bằng {} kế hoạch{year} ({target})", percent1(p)));
        }
        _ => s.push_str(&format!(" (kế hoạch{year} {target})")),
    }
    let final_quarter = quarter.number >= 4;
    if cumulative && !final_quarter {
        s.push_str(&format!(", tiến độ cần đạt {}", percent1(r.expected_pace)));
    }
    s.push_str(&conclusion(r, rule, final_quarter));
    if r.reporters_reported < r.reporters_expected {
        s.push_str(&format!("; mới có {}/{} cơ quan báo cáo", r.reporters_reported, r.reporters_expected));
    }
    s
}

/// The closing clause: the verdict on the value, the year estimate, or the pace.
fn conclusion(r: &MeasureResult, rule: &Rule, final_quarter: bool) -> String {
    let estimate =
        r.year_estimate.map(|e| format!("; ước cả năm {}, {}", with_unit(&r.unit, e), verdict(rule, e)));
    match r.assessment {
        Assessment::Exceeded => "; vượt kế hoạch".to_owned(),
        Assessment::Achieved => "; đạt kế hoạch".to_owned(),
        Assessment::NotAchieved => "; không đạt kế hoạch".to_owned(),
        Assessment::NotReported => String::new(),
        Assessment::OnTrack | Assessment::AtRisk if final_quarter => String::new(),
        Assessment::OnTrack | Assessment::AtRisk if estimate.is_some() => estimate.unwrap_or_default(),
        Assessment::OnTrack if r.behaviour == Behaviour::Cumulative => "; đảm bảo tiến độ".to_owned(),
        Assessment::AtRisk if r.behaviour == Behaviour::Cumulative => "; chậm so với tiến độ".to_owned(),
        Assessment::OnTrack => "; gần đạt kế hoạch".to_owned(),
        Assessment::AtRisk => "; còn cách xa kế hoạch".to_owned(),
    }
}
