//! How comparisons are written, the same in every document (tables and prose): % of plan and %
//! change for quantities, điểm % for rates, places for rankings (domain §7.2).

use super::model::{Comparison, MeasureResult, Scale};
use crate::plan::{Kind, Unit};
use crate::vn::{number, number_fixed, signed_fixed};

/// Decimals of every table column of comparisons (% of plan, % change, điểm %), in Phụ lục 1–3,
/// Markdown and xlsx alike: one count per column, so `+32,00%` sits beside `+15,45%`.
pub const COMPARISON_DECIMALS: usize = 2;

/// Points and places as written: two decimals at most, the sign dropped.
fn magnitude(v: f64) -> String {
    number(((v.abs()) * 100.0).round() / 100.0)
}

/// A whole number of places.
fn places(v: f64) -> String {
    number(v.abs().round())
}

impl Comparison {
    /// The cell of the "So với KH" column: `62,93%`, `-0,36 điểm %`, `cao hơn 1 bậc`.
    pub fn plan_cell(&self) -> String {
        match self.scale {
            Scale::Percent => format!("{}%", number_fixed(self.value, COMPARISON_DECIMALS)),
            Scale::Points => format!("{} điểm %", signed_fixed(self.value, COMPARISON_DECIMALS)),
            Scale::Places if self.value.round() == 0.0 => "đúng kế hoạch".to_owned(),
            Scale::Places if self.value > 0.0 => format!("cao hơn {} bậc", places(self.value)),
            Scale::Places => format!("thấp hơn {} bậc", places(self.value)),
        }
    }

    /// The cell of the "So với cùng kỳ" column: `+32,00%`, `+1,60 điểm %`, `tăng 2 bậc`.
    pub fn last_year_cell(&self) -> String {
        match self.scale {
            Scale::Percent => format!("{}%", signed_fixed(self.value, COMPARISON_DECIMALS)),
            Scale::Points => format!("{} điểm %", signed_fixed(self.value, COMPARISON_DECIMALS)),
            Scale::Places if self.value.round() == 0.0 => "giữ nguyên".to_owned(),
            Scale::Places if self.value > 0.0 => format!("tăng {} bậc", places(self.value)),
            Scale::Places => format!("giảm {} bậc", places(self.value)),
        }
    }

    /// Against the same period, in prose: `tăng 32% so với cùng kỳ`, `giảm 0,61 điểm % so với
    /// cùng kỳ`, `tăng 2 bậc so với cùng kỳ`, `bằng cùng kỳ`.
    pub fn last_year_prose(&self) -> String {
        self.prose("cùng kỳ")
    }

    /// Against an earlier period named `against` (`cùng kỳ`, `quý I`), in prose: `tăng 8% so
    /// với quý I`, `bằng quý I`, `giữ nguyên thứ hạng so với quý I`.
    pub fn prose(&self, against: &str) -> String {
        let (size, unit) = match self.scale {
            Scale::Percent => (number(self.value.abs()), "%"),
            Scale::Points => (magnitude(self.value), " điểm %"),
            Scale::Places => (places(self.value), " bậc"),
        };
        if size == "0" {
            return match self.scale {
                Scale::Places => format!("giữ nguyên thứ hạng so với {against}"),
                _ => format!("bằng {against}"),
            };
        }
        let way = if self.value > 0.0 { "tăng" } else { "giảm" };
        format!("{way} {size}{unit} so với {against}")
    }
}

/// A value with its unit: `37,7%`, `19.100 tỷ đồng`, `thứ 9/63` for a ranking.
pub fn with_unit(m: &MeasureResult, v: f64) -> String {
    if m.kind == Kind::Ranking {
        return match m.out_of {
            Some(n) => format!("thứ {}/{n}", number(v)),
            None => format!("thứ {}", number(v)),
        };
    }
    unit_value(&m.unit, v)
}

/// A value with a unit: `37,7%`, `19.100 tỷ đồng`.
pub fn unit_value(unit: &Unit, v: f64) -> String {
    match unit {
        Unit::Percent => format!("{}%", number(v)),
        Unit::Money(u) | Unit::Quantity(u) if u.is_empty() => number(v),
        Unit::Money(u) | Unit::Quantity(u) => format!("{} {u}", number(v)),
    }
}

/// Against the annual target, in prose, with the target: `bằng 62,9% kế hoạch năm (16.068 tỷ
/// đồng)`, `thấp hơn 0,36 điểm % so với kế hoạch (14,5%)`, `cao hơn kế hoạch 1 bậc (tối đa thứ
/// 10)`.
pub fn plan_prose(m: &MeasureResult, c: &Comparison) -> String {
    let year = if m.behaviour == crate::plan::Behaviour::Cumulative { " năm" } else { "" };
    let target = if m.kind == Kind::Ranking {
        let label = m.target.bare_label();
        let at = label.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
        format!("{}thứ {}", &label[..at], &label[at..])
    } else {
        m.target.label(&m.unit)
    };
    match c.scale {
        Scale::Percent => {
            format!(
                "bằng {}% kế hoạch{year} ({})",
                number((c.value * 10.0).round() / 10.0),
                m.target.label(&m.unit)
            )
        }
        Scale::Points if magnitude(c.value) == "0" => format!("bằng kế hoạch ({target})"),
        Scale::Points => {
            let way = if c.value > 0.0 { "cao hơn" } else { "thấp hơn" };
            format!("{way} {} điểm % so với kế hoạch ({target})", magnitude(c.value))
        }
        Scale::Places if c.value.round() == 0.0 => format!("đúng kế hoạch ({target})"),
        Scale::Places => {
            let way = if c.value > 0.0 { "cao hơn" } else { "thấp hơn" };
            format!("{way} kế hoạch {} bậc ({target})", places(c.value))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(value: f64, scale: Scale) -> Comparison {
        Comparison { value, scale }
    }

    #[test]
    fn cells_by_scale() {
        assert_eq!(c(62.93, Scale::Percent).plan_cell(), "62,93%");
        assert_eq!(c(-0.36, Scale::Points).plan_cell(), "-0,36 điểm %");
        assert_eq!(c(0.53, Scale::Points).plan_cell(), "+0,53 điểm %");
        assert_eq!(c(1.0, Scale::Places).plan_cell(), "cao hơn 1 bậc");
        assert_eq!(c(-2.0, Scale::Places).plan_cell(), "thấp hơn 2 bậc");
        assert_eq!(c(0.0, Scale::Places).plan_cell(), "đúng kế hoạch");
        assert_eq!(c(32.0, Scale::Percent).last_year_cell(), "+32,00%");
        assert_eq!(c(15.454, Scale::Percent).last_year_cell(), "+15,45%");
        assert_eq!(c(1.6, Scale::Points).last_year_cell(), "+1,60 điểm %");
        assert_eq!(c(0.004, Scale::Points).plan_cell(), "0,00 điểm %");
        assert_eq!(c(-0.61, Scale::Points).last_year_cell(), "-0,61 điểm %");
        assert_eq!(c(2.0, Scale::Places).last_year_cell(), "tăng 2 bậc");
        assert_eq!(c(-1.0, Scale::Places).last_year_cell(), "giảm 1 bậc");
    }

    #[test]
    fn prose_by_scale() {
        assert_eq!(c(32.0, Scale::Percent).last_year_prose(), "tăng 32% so với cùng kỳ");
        assert_eq!(c(-0.61, Scale::Points).last_year_prose(), "giảm 0,61 điểm % so với cùng kỳ");
        assert_eq!(c(0.001, Scale::Points).last_year_prose(), "bằng cùng kỳ");
        assert_eq!(c(2.0, Scale::Places).last_year_prose(), "tăng 2 bậc so với cùng kỳ");
        assert_eq!(c(8.0, Scale::Percent).prose("quý I"), "tăng 8% so với quý I");
        assert_eq!(c(0.0, Scale::Places).prose("quý I"), "giữ nguyên thứ hạng so với quý I");
    }
}
