//! How officials name a quarter's report: the period its cumulative figures cover ("6 tháng đầu
//! năm 2024") and the period its tasks look ahead to ("6 tháng cuối năm 2024").
//!
//! The defaults are the usual Vietnamese ones; a plan may override any phrase per quarter in
//! `report.period-names` (`{năm}` and `{năm-sau}` stand for the year and the next year).

use serde::{Deserialize, Serialize};
use time::Date;

use super::{Period, Quarter};
use crate::vn::roman;

/// One quarter's phrases as a plan may override them (any left out keeps its default).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PeriodPhrases {
    /// The period the report covers, as titles name it (`6 tháng đầu năm {năm}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// The period the tasks look ahead to (`6 tháng cuối năm {năm}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// `report.period-names`: overrides per quarter (`q1` … `q4`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodNaming {
    /// Quý I.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q1: Option<PeriodPhrases>,
    /// Quý II (the 6-month report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q2: Option<PeriodPhrases>,
    /// Quý III (the 9-month report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q3: Option<PeriodPhrases>,
    /// Quý IV (the year's report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q4: Option<PeriodPhrases>,
}

impl PeriodNaming {
    /// True when nothing is overridden.
    pub fn is_empty(&self) -> bool {
        *self == PeriodNaming::default()
    }

    /// The phrases of quarter `q` with every default applied.
    pub fn names(&self, q: Quarter) -> PeriodNames {
        let set = match q.number {
            1 => &self.q1,
            2 => &self.q2,
            3 => &self.q3,
            _ => &self.q4,
        };
        let fill =
            |s: &str| s.replace("{năm}", &q.year.to_string()).replace("{năm-sau}", &(q.year + 1).to_string());
        let over = |pick: fn(&PeriodPhrases) -> &Option<String>| {
            set.as_ref().and_then(|p| pick(p).as_deref()).map(fill)
        };
        let (next_from, next_to) = next_range(q);
        PeriodNames {
            of: q,
            quarter: q.label(),
            report: over(|p| &p.report).unwrap_or_else(|| default_report(q)),
            next: over(|p| &p.next).unwrap_or_else(|| default_next(q)),
            cumulative: q.cumulative().label().to_owned(),
            next_from,
            next_to,
            annual: q.number == 4,
        }
    }

    /// Every phrase given, with the quarter key it sits under (for validation).
    pub fn given(&self) -> Vec<(String, &str)> {
        let mut out = Vec::new();
        for (k, set) in [("q1", &self.q1), ("q2", &self.q2), ("q3", &self.q3), ("q4", &self.q4)] {
            if let Some(p) = set {
                for (field, v) in [("report", &p.report), ("next", &p.next)] {
                    if let Some(v) = v {
                        out.push((format!("{k}.{field}"), v.as_str()));
                    }
                }
            }
        }
        out
    }
}

/// The resolved phrases of one quarter's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodNames {
    /// The quarter these names are of.
    #[serde(skip)]
    pub of: Quarter,
    /// The quarter itself (`quý II/2024`): what agencies send and receipts acknowledge.
    pub quarter: String,
    /// The period the report covers (`6 tháng đầu năm 2024`).
    pub report: String,
    /// The cumulative period in running text (`6 tháng`).
    pub cumulative: String,
    /// The period the tasks look ahead to (`6 tháng cuối năm 2024`).
    pub next: String,
    /// The first day of that period.
    #[serde(skip)]
    pub next_from: Date,
    /// The last day of that period.
    #[serde(skip)]
    pub next_to: Date,
    /// Quý IV: the report is the year's report.
    pub annual: bool,
}

fn default_report(q: Quarter) -> String {
    match q.cumulative() {
        Period::Q1 => format!("quý I năm {}", q.year),
        Period::H1 => format!("6 tháng đầu năm {}", q.year),
        Period::M9 => format!("9 tháng năm {}", q.year),
        Period::Year => format!("năm {}", q.year),
    }
}

fn default_next(q: Quarter) -> String {
    match q.number {
        2 => format!("6 tháng cuối năm {}", q.year),
        4 => format!("năm {}", q.year + 1),
        n => format!("quý {} năm {}", roman(u32::from(n) + 1), q.year),
    }
}

/// The days the look-ahead covers: the next quarter; the second half-year after quý II; the
/// next year after quý IV.
fn next_range(q: Quarter) -> (Date, Date) {
    match q.number {
        2 => (q.next().first_day(), Quarter { year: q.year, number: 4 }.last_day()),
        4 => {
            let y = q.year + 1;
            (Quarter { year: y, number: 1 }.first_day(), Quarter { year: y, number: 4 }.last_day())
        }
        _ => (q.next().first_day(), q.next().last_day()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: u8) -> Quarter {
        Quarter::new(2024, n).expect("valid test input")
    }

    #[test]
    fn defaults_name_each_quarter_as_officials_do() {
        let n = PeriodNaming::default();
        let got: Vec<(String, String)> =
            (1..=4).map(|i| (n.names(q(i)).report, n.names(q(i)).next)).collect();
        assert_eq!(
            got,
            [
                ("quý I năm 2024", "quý II năm 2024"),
                ("6 tháng đầu năm 2024", "6 tháng cuối năm 2024"),
                ("9 tháng năm 2024", "quý IV năm 2024"),
                ("năm 2024", "năm 2025"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        let h1 = n.names(q(2));
        assert_eq!(
            (h1.next_from.to_string(), h1.next_to.to_string()),
            ("2024-07-01".into(), "2024-12-31".into())
        );
        let y = n.names(q(4));
        assert!(y.annual);
        assert_eq!(
            (y.next_from.to_string(), y.next_to.to_string()),
            ("2025-01-01".into(), "2025-12-31".into())
        );
    }

    #[test]
    fn overrides_fill_the_year() {
        let n: PeriodNaming =
            serde_yaml::from_str("q3: {report: '9 tháng đầu năm {năm}', next: '3 tháng cuối năm {năm}'}\n")
                .expect("valid test input");
        let q3 = n.names(q(3));
        assert_eq!((q3.report.as_str(), q3.next.as_str()), ("9 tháng đầu năm 2024", "3 tháng cuối năm 2024"));
        assert_eq!(n.names(q(2)).report, "6 tháng đầu năm 2024");
        assert_eq!(n.given().len(), 2);
    }
}
