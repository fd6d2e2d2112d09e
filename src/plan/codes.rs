//! Code newtypes and the plan's dates and deadlines (a measure's units and targets are in
//! [`super::measure_terms`]).

use std::fmt;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::period::Quarter;

macro_rules! code_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The code as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }
    };
}

code_type!(
    /// The code of an agency or of a group of agencies (`SKHDT`, `UBND-HUYEN`).
    AgencyCode
);
code_type!(
    /// The code of a measured target: a Phụ lục 1 indicator (`CT01`) or a task target (`5.1-2`).
    MeasureCode
);
code_type!(
    /// The id of a Phụ lục 3 task, keeping the plan's item number (`2.2`, `2.2.b`, `III.1`).
    TaskId
);
code_type!(
    /// The code of a growth sector (`NLTS`, `CN`, `CNXD`).
    SectorCode
);

impl TaskId {
    /// The plan item the task comes from: `2.2.b` → `2.2`, `III.1` → `III.1`.
    pub fn item(&self) -> &str {
        let s = self.0.as_str();
        match s.rsplit_once('.') {
            Some((head, tail)) if tail.chars().all(|c| c.is_ascii_lowercase()) && !tail.is_empty() => head,
            _ => s,
        }
    }

    /// The task group (the number before the first dot): `2.2.b` → `2`, `III.1` → `III`.
    pub fn group(&self) -> &str {
        self.0.split('.').next().unwrap_or("")
    }
}

/// Returns true when `code` is a well-formed code: ASCII letters, digits, `-`, `.`, `_`.
pub fn is_valid_code(code: &str) -> bool {
    !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
}

/// A calendar date written `YYYY-MM-DD` in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PlanDate(pub Date);

impl TryFrom<String> for PlanDate {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        parse_iso_date(&s)
            .map(PlanDate)
            .ok_or_else(|| format!("ngày không hợp lệ `{s}` (viết theo dạng YYYY-MM-DD: năm, tháng, ngày)"))
    }
}

impl From<PlanDate> for String {
    fn from(d: PlanDate) -> String {
        d.0.to_string()
    }
}

/// Parses `YYYY-MM-DD`.
pub fn parse_iso_date(s: &str) -> Option<Date> {
    let mut parts = s.trim().splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
}

/// When a task is due: a date, the end of a quarter, the end of a year, or continuous.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Deadline {
    /// Continuous work with no due date ("thường xuyên").
    Continuous,
    /// Due on a date.
    Date(Date),
    /// Due by the end of a quarter.
    Quarter(Quarter),
    /// Due by the end of a year.
    Year(i32),
}

impl Deadline {
    /// The last day the task may be finished on time, or `None` for continuous tasks.
    pub fn due_date(self) -> Option<Date> {
        match self {
            Deadline::Continuous => None,
            Deadline::Date(d) => Some(d),
            Deadline::Quarter(q) => Some(q.last_day()),
            Deadline::Year(y) => Date::from_calendar_date(y, time::Month::December, 31).ok(),
        }
    }

    /// The deadline as documents write it: `thường xuyên`, `20/01/2024`, `quý II/2024`, `năm 2024`.
    pub fn label(self) -> String {
        match self {
            Deadline::Continuous => "Thường xuyên".to_owned(),
            Deadline::Date(d) => crate::vn::date_short(d),
            Deadline::Quarter(q) => {
                let label = q.label();
                let mut chars = label.chars();
                chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or(label)
            }
            Deadline::Year(y) => format!("Năm {y}"),
        }
    }
}

impl TryFrom<String> for Deadline {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        let t = s.trim();
        let folded = crate::vn::fold(t);
        if folded == "thuong-xuyen" || folded == "thường xuyên" {
            return Ok(Deadline::Continuous);
        }
        if let Some(d) = parse_iso_date(t) {
            return Ok(Deadline::Date(d));
        }
        if let Ok(q) = t.parse::<Quarter>() {
            return Ok(Deadline::Quarter(q));
        }
        if let Ok(y) = t.parse::<i32>()
            && (1900..=2200).contains(&y)
        {
            return Ok(Deadline::Year(y));
        }
        Err(format!(
            "thời hạn không hợp lệ `{s}` (viết một ngày YYYY-MM-DD, một quý YYYY-Qn, một năm YYYY hoặc thuong-xuyen)"
        ))
    }
}

impl From<Deadline> for String {
    fn from(d: Deadline) -> String {
        match d {
            Deadline::Continuous => "thuong-xuyen".to_owned(),
            Deadline::Date(d) => d.to_string(),
            Deadline::Quarter(q) => q.to_string(),
            Deadline::Year(y) => y.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_id_item_and_group() {
        assert_eq!(TaskId::from("2.2.b").item(), "2.2");
        assert_eq!(TaskId::from("2.2").item(), "2.2");
        assert_eq!(TaskId::from("1.10").item(), "1.10");
        assert_eq!(TaskId::from("III.1").item(), "III.1");
        assert_eq!(TaskId::from("2.2.b").group(), "2");
        assert_eq!(TaskId::from("III.1").group(), "III");
    }

    #[test]
    fn deadlines_parse() {
        let d = |s: &str| Deadline::try_from(s.to_owned());
        assert_eq!(d("thuong-xuyen"), Ok(Deadline::Continuous));
        assert_eq!(d("Thường xuyên"), Ok(Deadline::Continuous));
        assert_eq!(
            d("2024-06-30").expect("valid test input").due_date().expect("valid test input").to_string(),
            "2024-06-30"
        );
        assert_eq!(
            d("2024-Q2").expect("valid test input").due_date().expect("valid test input").to_string(),
            "2024-06-30"
        );
        assert_eq!(
            d("2024").expect("valid test input").due_date().expect("valid test input").to_string(),
            "2024-12-31"
        );
        assert_eq!(d("2024-Q2").expect("valid test input").label(), "Quý II/2024");
        assert!(d("sớm").is_err());
    }
}
