//! The vocabulary of a measure (indicator or task target): its unit, the way it is better, flow
//! or level, what it counts, how its reporters combine, and its target.

use serde::{Deserialize, Serialize};

use super::codes::MeasureCode;

/// The unit (ĐVT) of a measure; the kind decides which values are plausible.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Unit {
    /// A percentage (`%`).
    Percent,
    /// An amount of money (`tỷ đồng`, `triệu USD`, `USD/người`, `triệu đồng/ha`).
    Money(String),
    /// Anything counted or measured (`sản phẩm`, `dự án`, `lượt người`, `triệu m³`).
    Quantity(String),
}

impl Unit {
    /// The unit as written in tables.
    pub fn label(&self) -> &str {
        match self {
            Unit::Percent => "%",
            Unit::Money(s) | Unit::Quantity(s) => s,
        }
    }
}

impl From<String> for Unit {
    fn from(s: String) -> Self {
        let s = crate::vn::nfc(s.trim());
        if s == "%" {
            Unit::Percent
        } else if s.contains("đồng") || s.contains("USD") {
            Unit::Money(s)
        } else {
            Unit::Quantity(s)
        }
    }
}

impl From<Unit> for String {
    fn from(u: Unit) -> String {
        u.label().to_owned()
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// More is better (revenue, coverage).
    #[default]
    Higher,
    /// Less is better (poverty rate, rank, arrears).
    Lower,
}

/// How a value behaves over the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Behaviour {
    /// A flow accumulated over the year (budget revenue, investment): judged against the share of
    /// the year elapsed.
    Cumulative,
    /// A level or rate (forest cover, poverty rate, growth rate): judged against the target itself.
    #[default]
    Level,
}

/// What a measure counts, which decides how it is compared (domain §7.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// An amount or number of things, flow over the year or level (`tỷ đồng`, `lượt khách`):
    /// compared in % of plan and % change on the same period.
    Quantity,
    /// A rate or share in `%` (coverage, growth rate): compared in điểm % against plan and the
    /// same period, never as a % of plan.
    Rate,
    /// A place in a ranking (PCI, DTI, PAR Index), lower is better: compared in places.
    Ranking,
    /// A count of units meeting a standard (communes, schools): whole numbers, % of plan.
    Count,
}

impl Kind {
    /// The kind a measure has when the plan does not say: a rate for `%`, else a quantity.
    pub fn default_for(unit: &Unit) -> Kind {
        if *unit == Unit::Percent { Kind::Rate } else { Kind::Quantity }
    }

    /// The kind as the plan writes it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Quantity => "quantity",
            Kind::Rate => "rate",
            Kind::Ranking => "ranking",
            Kind::Count => "count",
        }
    }
}

/// How values from several reporting agencies combine into the province's figure.
///
/// Written `single`, `sum`, `list` or `{weighted-mean: <measure code of the weight>}`; `mean`
/// (a plain mean of the agencies' rates) is read so that validation can refuse it by name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Aggregate {
    /// One agency reports the province's figure.
    Single,
    /// Add the reported values (amounts, counts).
    Sum,
    /// Σ vᵢ·wᵢ / Σ wᵢ, the weight wᵢ being another measure each reporter also reports
    /// (population, enterprises, applications received).
    WeightedMean(MeasureCode),
    /// No province figure: each agency's value is listed.
    List,
    /// A plain mean of the reporters' values: refused by plan validation.
    Mean,
}

const AGGREGATE_FORMS: &str =
    "viết cách tổng hợp là single, sum, list hoặc {weighted-mean: <mã chỉ tiêu quyền số>}";

impl<'de> Deserialize<'de> for Aggregate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        use serde_yaml::Value;
        let weighted = |v: &Value| match v.as_str() {
            Some(code) if !code.trim().is_empty() => {
                Ok(Aggregate::WeightedMean(MeasureCode::from(code.trim())))
            }
            _ => Err(D::Error::custom("quyền số của weighted-mean phải là mã một chỉ tiêu")),
        };
        match Value::deserialize(d)? {
            Value::String(s) => match s.as_str() {
                "single" => Ok(Aggregate::Single),
                "sum" => Ok(Aggregate::Sum),
                "list" => Ok(Aggregate::List),
                "mean" => Ok(Aggregate::Mean),
                other => {
                    Err(D::Error::custom(format!("cách tổng hợp không hợp lệ `{other}` ({AGGREGATE_FORMS})")))
                }
            },
            Value::Mapping(m) if m.len() == 1 => match m.iter().next() {
                Some((k, v)) if k.as_str() == Some("weighted-mean") => weighted(v),
                _ => Err(D::Error::custom(AGGREGATE_FORMS)),
            },
            Value::Tagged(t) if t.tag == "weighted-mean" => weighted(&t.value),
            _ => Err(D::Error::custom(AGGREGATE_FORMS)),
        }
    }
}

impl Aggregate {
    /// The rule as the plan writes it (`sum`, `weighted-mean: DS01`).
    pub fn name(&self) -> String {
        match self {
            Aggregate::Single => "single".into(),
            Aggregate::Sum => "sum".into(),
            Aggregate::WeightedMean(w) => format!("weighted-mean: {w}"),
            Aggregate::List => "list".into(),
            Aggregate::Mean => "mean".into(),
        }
    }
}

/// An annual target: a number, a range, or a threshold.
///
/// Written in YAML either as a one-key map (`{above: 95}`, `{range: [138, 140]}`) or with a tag
/// (`!above 95`, `!range [138, 140]`); the keys are `value`, `range`, `above`, `at-least`,
/// `below`, `at-most`, `about`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    /// Exactly this value ("đạt 37,7%").
    Value(f64),
    /// Between two values ("138–140").
    Range(f64, f64),
    /// Strictly above ("trên 95%").
    Above(f64),
    /// At least ("ít nhất 02", "từ 90% trở lên").
    AtLeast(f64),
    /// Strictly below ("dưới 2%").
    Below(f64),
    /// At most ("tối đa", "không quá").
    AtMost(f64),
    /// About ("khoảng 44%").
    About(f64),
}

const TARGET_FORMS: &str = "viết chỉ tiêu dạng {value: 37.7}, {range: [138, 140]}, {above: 95}, {at-least: 90}, {below: 2}, {at-most: 1} hoặc {about: 44}";

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        use serde_yaml::Value;
        let value = Value::deserialize(d)?;
        let (key, inner) = match value {
            Value::Tagged(t) => (t.tag.to_string().trim_start_matches('!').to_owned(), t.value),
            Value::Mapping(m) if m.len() == 1 => {
                let Some((k, v)) = m.into_iter().next() else { return Err(D::Error::custom(TARGET_FORMS)) };
                (k.as_str().unwrap_or_default().to_owned(), v)
            }
            _ => return Err(D::Error::custom(TARGET_FORMS)),
        };
        let num = |v: &Value| {
            v.as_f64().ok_or_else(|| D::Error::custom(format!("chỉ tiêu `{key}` phải là một số")))
        };
        Ok(match key.as_str() {
            "range" => match inner.as_sequence().map(Vec::as_slice) {
                Some([a, b]) => Target::Range(num(a)?, num(b)?),
                _ => return Err(D::Error::custom("khoảng chỉ tiêu phải gồm hai số: {range: [138, 140]}")),
            },
            "value" => Target::Value(num(&inner)?),
            "above" => Target::Above(num(&inner)?),
            "at-least" => Target::AtLeast(num(&inner)?),
            "below" => Target::Below(num(&inner)?),
            "at-most" => Target::AtMost(num(&inner)?),
            "about" => Target::About(num(&inner)?),
            other => {
                return Err(D::Error::custom(format!(
                    "loại chỉ tiêu không hợp lệ `{other}` ({TARGET_FORMS})"
                )));
            }
        })
    }
}

impl Target {
    /// The numbers the target states (one, or two for a range).
    pub fn numbers(&self) -> Vec<f64> {
        match *self {
            Target::Range(a, b) => vec![a, b],
            Target::Value(v)
            | Target::Above(v)
            | Target::AtLeast(v)
            | Target::Below(v)
            | Target::AtMost(v)
            | Target::About(v) => vec![v],
        }
    }

    /// The value used as 100% when computing achievement: the bound that must be reached.
    pub fn reference(&self, direction: Direction) -> f64 {
        match (*self, direction) {
            (Target::Range(a, b), Direction::Higher) => a.min(b),
            (Target::Range(a, b), Direction::Lower) => a.max(b),
            (t, _) => t.numbers()[0],
        }
    }

    /// The target without its unit, as a table's target column shows it: `trên 95`, `138-140`,
    /// `16.068`.
    pub fn bare_label(&self) -> String {
        let n = crate::vn::number;
        match *self {
            Target::Value(v) => n(v),
            Target::Range(a, b) => format!("{}-{}", n(a), n(b)),
            Target::Above(v) => format!("trên {}", n(v)),
            Target::AtLeast(v) => format!("ít nhất {}", n(v)),
            Target::Below(v) => format!("dưới {}", n(v)),
            Target::AtMost(v) => format!("tối đa {}", n(v)),
            Target::About(v) => format!("khoảng {}", n(v)),
        }
    }

    /// The target as written in tables, with its unit: `trên 95%`, `138 - 140 triệu đồng/ha`.
    pub fn label(&self, unit: &Unit) -> String {
        let n = crate::vn::number;
        let u = |v: f64| match unit {
            Unit::Percent => format!("{}%", n(v)),
            other => format!("{} {}", n(v), other.label()),
        };
        match *self {
            Target::Value(v) => u(v),
            Target::Range(a, b) => match unit {
                Unit::Percent => format!("{}-{}%", n(a), n(b)),
                other => format!("{}-{} {}", n(a), n(b), other.label()),
            },
            Target::Above(v) => format!("trên {}", u(v)),
            Target::AtLeast(v) => format!("ít nhất {}", u(v)),
            Target::Below(v) => format!("dưới {}", u(v)),
            Target::AtMost(v) => format!("tối đa {}", u(v)),
            Target::About(v) => format!("khoảng {}", u(v)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_label_and_reference() {
        let pct = Unit::from("%".to_owned());
        assert_eq!(Target::Above(95.0).label(&pct), "trên 95%");
        assert_eq!(Target::Value(37.7).label(&pct), "37,7%");
        let money = Unit::from("triệu đồng/ha".to_owned());
        assert!(matches!(money, Unit::Money(_)));
        assert_eq!(Target::Range(138.0, 140.0).label(&money), "138-140 triệu đồng/ha");
        assert_eq!(Target::Range(138.0, 140.0).reference(Direction::Higher), 138.0);
        assert_eq!(Target::Range(1.0, 2.0).reference(Direction::Lower), 2.0);
    }

    #[test]
    fn targets_deserialize_from_yaml_maps() {
        let t: Target = serde_yaml::from_str("{range: [138, 140]}").expect("valid test input");
        assert_eq!(t, Target::Range(138.0, 140.0));
        let t: Target = serde_yaml::from_str("at-least: 90").expect("valid test input");
        assert_eq!(t, Target::AtLeast(90.0));
        let t: Target = serde_yaml::from_str("!above 95").expect("valid test input");
        assert_eq!(t, Target::Above(95.0));
        let t: Target = serde_yaml::from_str("!range [1, 2.5]").expect("valid test input");
        assert_eq!(t, Target::Range(1.0, 2.5));
        assert!(serde_yaml::from_str::<Target>("{over: 3}").is_err());
        assert!(serde_yaml::from_str::<Target>("95").is_err());
    }

    #[test]
    fn aggregates_deserialize() {
        let a = |s: &str| serde_yaml::from_str::<Aggregate>(s);
        assert_eq!(a("sum").ok(), Some(Aggregate::Sum));
        assert_eq!(a("single").ok(), Some(Aggregate::Single));
        assert_eq!(a("list").ok(), Some(Aggregate::List));
        assert_eq!(a("mean").ok(), Some(Aggregate::Mean));
        assert_eq!(a("{weighted-mean: HS01}").ok(), Some(Aggregate::WeightedMean(MeasureCode::from("HS01"))));
        assert_eq!(a("!weighted-mean HS01").ok(), Some(Aggregate::WeightedMean(MeasureCode::from("HS01"))));
        assert!(a("average").is_err());
        assert!(a("{weighted-mean: ''}").is_err());
    }
}
