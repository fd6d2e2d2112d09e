//! Settings of the data-quality checks consolidation runs on the accepted figures (DHIS2-style
//! validation rules): which rules exist, which bands each accepts, their defaults, and how the
//! plan's `report.checks` and a measure's own `checks` override them.
//!
//! Written in YAML as a map from rule code to a level (`off`, `warning`, `error`) or to a
//! mapping of a level and bands:
//!
//! ```yaml
//! checks:
//!   luy-ke-giam: error
//!   ngoai-khoang-hop-ly: {level: warning, percent: 50, points: 20}
//!   tang-truong-vo-ly: {min: -30, max: 50}
//! ```
//!
//! Rule codes are checked by plan validation (an unknown code or a band the rule does not have is
//! an error at its YAML path), so the map keys are plain strings here. Intake's hard limits
//! (`so-vo-ly`, `cong-thuc-chua-tinh`, …) are not rules of this list and cannot be configured.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The stable codes of the data-quality checks.
pub mod check_code {
    /// A task reported done while its agency's own quantitative target is not met.
    pub const DONE_TARGET_MISSED: &str = "hoan-thanh-chua-dat-muc-tieu";
    /// A whole-year task reported done before the year is over.
    pub const DONE_BEFORE_YEAR_END: &str = "hoan-thanh-truoc-thoi-han-ca-nam";
    /// Several agencies report exactly the same figure for one measure.
    pub const SAME_FIGURE: &str = "trung-so-lieu-nhieu-co-quan";
    /// A flow's cumulative value below the previous quarter's.
    pub const CUMULATIVE_DOWN: &str = "luy-ke-giam";
    /// A task reported done last quarter and not done now.
    pub const DONE_THEN_UNDONE: &str = "hoan-thanh-roi-chua-hoan-thanh";
    /// An agency's full-year estimate changed from the previous quarter's by more than a share.
    pub const ESTIMATE_CHANGED: &str = "uoc-nam-thay-doi";
    /// A typed same-period figure that differs from last year's archived package.
    pub const SAME_PERIOD_CHANGED: &str = "cung-ky-khac-goi-luu";
    /// A flow's full-year estimate below what is already achieved.
    pub const ESTIMATE_BELOW_CUMULATIVE: &str = "uoc-nam-thap-hon-luy-ke";
    /// A value far from the same period of last year.
    pub const OUT_OF_BAND: &str = "ngoai-khoang-hop-ly";
    /// A number typed so that it reads two ways, or a count that is not whole.
    pub const AMBIGUOUS_NUMBER: &str = "so-nhap-mo-ho";
    /// A sector growth rate outside plausible bounds.
    pub const IMPLAUSIBLE_GROWTH: &str = "tang-truong-vo-ly";
}

/// How a check's finding counts: not at all, as a warning, or as an error.
///
/// An `error` makes the finding an error in the receipt and in the run's counts (so `--strict`
/// fails on it); it never rejects a row or file that intake has accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckLevel {
    /// The rule does not run.
    Off,
    /// `cảnh báo`.
    Warning,
    /// `lỗi`.
    Error,
}

/// A band a rule accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Band {
    /// `percent`: allowed change against the same period last year, in % (quantities).
    Percent,
    /// `points`: allowed change against the same period last year, in điểm % (rates).
    Points,
    /// `min`: the lowest plausible value (growth rates, %).
    Min,
    /// `max`: the highest plausible value (growth rates, %).
    Max,
    /// `digits`: the significant digits a figure needs before identical figures are suspicious.
    Digits,
}

impl Band {
    /// The key as written in YAML.
    pub fn key(self) -> &'static str {
        match self {
            Band::Percent => "percent",
            Band::Points => "points",
            Band::Min => "min",
            Band::Max => "max",
            Band::Digits => "digits",
        }
    }
}

/// One configurable rule.
#[derive(Debug, Clone, Copy)]
pub struct CheckRule {
    /// Its code.
    pub code: &'static str,
    /// The bands it accepts.
    pub bands: &'static [Band],
    /// Whether a measure may override it (`checks:` on an indicator or task target).
    pub per_measure: bool,
}

/// Every configurable rule, in the order consolidation runs them.
pub const CHECK_RULES: [CheckRule; 11] = [
    CheckRule { code: check_code::DONE_TARGET_MISSED, bands: &[], per_measure: true },
    CheckRule { code: check_code::DONE_BEFORE_YEAR_END, bands: &[], per_measure: false },
    CheckRule { code: check_code::DONE_THEN_UNDONE, bands: &[], per_measure: false },
    CheckRule { code: check_code::SAME_FIGURE, bands: &[Band::Digits], per_measure: true },
    CheckRule { code: check_code::CUMULATIVE_DOWN, bands: &[], per_measure: true },
    CheckRule { code: check_code::ESTIMATE_BELOW_CUMULATIVE, bands: &[], per_measure: true },
    CheckRule { code: check_code::ESTIMATE_CHANGED, bands: &[Band::Percent], per_measure: true },
    CheckRule { code: check_code::SAME_PERIOD_CHANGED, bands: &[], per_measure: true },
    CheckRule { code: check_code::OUT_OF_BAND, bands: &[Band::Percent, Band::Points], per_measure: true },
    CheckRule { code: check_code::AMBIGUOUS_NUMBER, bands: &[], per_measure: true },
    CheckRule { code: check_code::IMPLAUSIBLE_GROWTH, bands: &[Band::Min, Band::Max], per_measure: false },
];

/// The rule with this code, if any.
pub fn check_rule(code: &str) -> Option<&'static CheckRule> {
    CHECK_RULES.iter().find(|r| r.code == code)
}

/// One rule's setting as written: a level, bands, or both; what is left out keeps the value
/// of the level above (the built-in default, then the plan's `report.checks`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct CheckSetting {
    /// Off, warning or error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<CheckLevel>,
    /// Allowed change against the same period last year, in % (quantities).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    /// Allowed change against the same period last year, in điểm % (rates).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
    /// The lowest plausible value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// The highest plausible value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Significant digits a figure needs before identical figures are suspicious.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digits: Option<f64>,
}

/// The mapping form of [`CheckSetting`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SettingMap {
    #[serde(default)]
    level: Option<CheckLevel>,
    #[serde(default)]
    percent: Option<f64>,
    #[serde(default)]
    points: Option<f64>,
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    max: Option<f64>,
    #[serde(default)]
    digits: Option<f64>,
}

const LEVEL_FORMS: &str = "viết mức off, warning hoặc error, hoặc {level: warning, <ngưỡng>: <số>} (ngưỡng: percent, points, min, max, digits)";

impl<'de> Deserialize<'de> for CheckSetting {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        use serde_yaml::Value;
        match Value::deserialize(d)? {
            Value::String(s) => match s.as_str() {
                "off" => Ok(CheckLevel::Off),
                "warning" => Ok(CheckLevel::Warning),
                "error" => Ok(CheckLevel::Error),
                other => {
                    Err(D::Error::custom(format!("mức kiểm tra không hợp lệ `{other}` ({LEVEL_FORMS})")))
                }
            }
            .map(|level| CheckSetting { level: Some(level), ..CheckSetting::default() }),
            // YAML 1.1 readers (and people) may write `off` as a boolean.
            Value::Bool(false) => {
                Ok(CheckSetting { level: Some(CheckLevel::Off), ..CheckSetting::default() })
            }
            v @ Value::Mapping(_) => {
                let m: SettingMap = serde_yaml::from_value(v).map_err(D::Error::custom)?;
                Ok(CheckSetting {
                    level: m.level,
                    percent: m.percent,
                    points: m.points,
                    min: m.min,
                    max: m.max,
                    digits: m.digits,
                })
            }
            _ => Err(D::Error::custom(LEVEL_FORMS)),
        }
    }
}

impl CheckSetting {
    /// The bands written, with their values.
    pub fn bands(&self) -> Vec<(Band, f64)> {
        [
            (Band::Percent, self.percent),
            (Band::Points, self.points),
            (Band::Min, self.min),
            (Band::Max, self.max),
            (Band::Digits, self.digits),
        ]
        .into_iter()
        .filter_map(|(b, v)| v.map(|v| (b, v)))
        .collect()
    }
}

/// Rule code → setting, as `report.checks` or a measure's `checks` write it.
pub type CheckSettings = BTreeMap<String, CheckSetting>;

/// A rule's settings once the defaults, the plan's and the measure's are applied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CheckParams {
    /// Off, warning or error.
    pub level: CheckLevel,
    /// Allowed change against the same period last year, in % (quantities): ±50 by default.
    pub percent: f64,
    /// Allowed change against the same period last year, in điểm % (rates): ±20 by default.
    pub points: f64,
    /// The lowest plausible growth rate (%): −30 by default.
    pub min: f64,
    /// The highest plausible growth rate (%): +50 by default.
    pub max: f64,
    /// Significant digits a figure needs before identical figures are suspicious: 3 by default.
    pub digits: f64,
}

impl CheckParams {
    /// The built-in defaults: every rule a warning, bands as documented on each field.
    pub const DEFAULT: CheckParams = CheckParams {
        level: CheckLevel::Warning,
        percent: 50.0,
        points: 20.0,
        min: -30.0,
        max: 50.0,
        digits: 3.0,
    };

    /// The settings of rule `code`: defaults, overridden by the plan's, then by the measure's.
    pub fn resolve(code: &str, plan: &CheckSettings, measure: Option<&CheckSettings>) -> CheckParams {
        let mut p = CheckParams::DEFAULT;
        if code == check_code::ESTIMATE_CHANGED {
            // A year estimate revised by a fifth is already worth a question.
            p.percent = 20.0;
        }
        for s in [plan.get(code), measure.and_then(|m| m.get(code))].into_iter().flatten() {
            p.level = s.level.unwrap_or(p.level);
            p.percent = s.percent.unwrap_or(p.percent);
            p.points = s.points.unwrap_or(p.points);
            p.min = s.min.unwrap_or(p.min);
            p.max = s.max.unwrap_or(p.max);
            p.digits = s.digits.unwrap_or(p.digits);
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_as_a_level_or_a_mapping() {
        let s: CheckSettings = serde_yaml::from_str(
            "luy-ke-giam: error\nso-nhap-mo-ho: off\nngoai-khoang-hop-ly: {percent: 80}\ntang-truong-vo-ly: {level: warning, min: -10, max: 30}\n",
        )
        .expect("valid test input");
        assert_eq!(s["luy-ke-giam"].level, Some(CheckLevel::Error));
        assert_eq!(s["so-nhap-mo-ho"].level, Some(CheckLevel::Off));
        assert_eq!(s["ngoai-khoang-hop-ly"], CheckSetting { percent: Some(80.0), ..CheckSetting::default() });
        assert_eq!(s["tang-truong-vo-ly"].bands(), [(Band::Min, -10.0), (Band::Max, 30.0)]);
        assert!(serde_yaml::from_str::<CheckSettings>("luy-ke-giam: loud").is_err());
        assert!(serde_yaml::from_str::<CheckSettings>("luy-ke-giam: {percnt: 3}").is_err());
        assert!(serde_yaml::from_str::<CheckSettings>("luy-ke-giam: 3").is_err());
    }

    #[test]
    fn measure_overrides_plan_overrides_defaults() {
        let plan: CheckSettings = serde_yaml::from_str("ngoai-khoang-hop-ly: {level: error, percent: 80}")
            .expect("valid test input");
        let measure: CheckSettings =
            serde_yaml::from_str("ngoai-khoang-hop-ly: {points: 5}").expect("valid test input");
        let p = CheckParams::resolve(check_code::OUT_OF_BAND, &plan, Some(&measure));
        assert_eq!((p.level, p.percent, p.points), (CheckLevel::Error, 80.0, 5.0));
        let off: CheckSettings = serde_yaml::from_str("ngoai-khoang-hop-ly: off").expect("valid test input");
        assert_eq!(CheckParams::resolve(check_code::OUT_OF_BAND, &plan, Some(&off)).level, CheckLevel::Off);
        assert_eq!(CheckParams::resolve(check_code::CUMULATIVE_DOWN, &plan, None), CheckParams::DEFAULT);
    }
}
