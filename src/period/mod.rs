//! Reporting periods: quarters, cumulative periods, the Nghị định 09 submission window.

use std::fmt;
use std::str::FromStr;

mod names;

pub use names::{PeriodNames, PeriodNaming, PeriodPhrases};

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// A calendar quarter of a plan year, written `2024-Q2` on the command line and in folder names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    /// The calendar year.
    pub year: i32,
    /// 1 to 4.
    pub number: u8,
}

impl Quarter {
    /// Builds a quarter, or `None` when `number` is not 1–4.
    pub fn new(year: i32, number: u8) -> Option<Quarter> {
        (1..=4).contains(&number).then_some(Quarter { year, number })
    }

    /// The quarter as documents write it: `quý II/2024`.
    pub fn label(self) -> String {
        format!("quý {}/{}", crate::vn::roman(u32::from(self.number)), self.year)
    }

    /// The first day of the quarter.
    pub fn first_day(self) -> Date {
        date(self.year, self.first_month(), 1)
    }

    /// The last day of the quarter.
    pub fn last_day(self) -> Date {
        let last = self.first_month().nth_next(2);
        date(self.year, last, last.length(self.year))
    }

    /// The submission deadline: day `day` of the quarter's last month (14 under Nghị định 09).
    pub fn deadline(self, day: u8) -> Date {
        let last = self.first_month().nth_next(2);
        date(self.year, last, day.clamp(1, last.length(self.year)))
    }

    /// The first day of the Nghị định 09 window: the 15th of the month before the quarter.
    pub fn window_start(self) -> Date {
        let before = self.first_month().previous();
        let year = if self.number == 1 { self.year - 1 } else { self.year };
        date(year, before, 15)
    }

    /// The cumulative period that ends with this quarter (Q2 → 6 tháng).
    pub fn cumulative(self) -> Period {
        match self.number {
            1 => Period::Q1,
            2 => Period::H1,
            3 => Period::M9,
            _ => Period::Year,
        }
    }

    /// The previous quarter, in the same year only.
    pub fn previous_in_year(self) -> Option<Quarter> {
        Quarter::new(self.year, self.number.checked_sub(1)?)
    }

    /// The next quarter (Q4 rolls over to Q1 of the next year).
    pub fn next(self) -> Quarter {
        if self.number == 4 {
            Quarter { year: self.year + 1, number: 1 }
        } else {
            Quarter { year: self.year, number: self.number + 1 }
        }
    }

    fn first_month(self) -> Month {
        Month::January.nth_next((self.number - 1) * 3)
    }
}

impl Serialize for Quarter {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.number)
    }
}

impl FromStr for Quarter {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("quý không hợp lệ `{s}` (viết theo dạng 2024-Q2)");
        let (year, q) = s.trim().split_once(['-', '/']).ok_or_else(bad)?;
        let q = q.trim_start_matches(['Q', 'q']);
        let year: i32 = year.parse().map_err(|_| bad())?;
        let number: u8 = q.parse().map_err(|_| bad())?;
        if !(1900..=2200).contains(&year) {
            return Err(bad());
        }
        Quarter::new(year, number).ok_or_else(bad)
    }
}

/// A cumulative period of the growth scenario: quý I, 6 tháng, 9 tháng, cả năm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    /// The first quarter.
    Q1,
    /// The first six months.
    H1,
    /// The first nine months.
    M9,
    /// The whole year.
    Year,
}

impl Period {
    /// All periods in order.
    pub const ALL: [Period; 4] = [Period::Q1, Period::H1, Period::M9, Period::Year];

    /// How many quarters the period covers.
    pub fn quarters(self) -> usize {
        match self {
            Period::Q1 => 1,
            Period::H1 => 2,
            Period::M9 => 3,
            Period::Year => 4,
        }
    }

    /// The period as documents write it: `quý I`, `6 tháng`, `9 tháng`, `cả năm`.
    pub fn label(self) -> &'static str {
        match self {
            Period::Q1 => "quý I",
            Period::H1 => "6 tháng",
            Period::M9 => "9 tháng",
            Period::Year => "cả năm",
        }
    }

    /// The YAML key of the period.
    pub fn key(self) -> &'static str {
        match self {
            Period::Q1 => "q1",
            Period::H1 => "h1",
            Period::M9 => "m9",
            Period::Year => "year",
        }
    }
}

fn date(year: i32, month: Month, day: u8) -> Date {
    // Month lengths are taken from `time`, so the day is always valid.
    Date::from_calendar_date(year, month, day).unwrap_or(Date::MIN)
}

/// `date` plus `days` working days (Monday to Friday).
pub fn add_working_days(date: Date, days: u32) -> Date {
    let mut d = date;
    let mut left = days;
    while left > 0 {
        d = d.checked_add(time::Duration::days(1)).unwrap_or(d);
        if !matches!(d.weekday(), time::Weekday::Saturday | time::Weekday::Sunday) {
            left -= 1;
        }
    }
    d
}

#[cfg(test)]
mod tests {
    #[test]
    fn working_days_skip_weekends() {
        let d = |y, m, day| Date::from_calendar_date(y, m, day).expect("valid test input");
        // Friday 14/06/2024 + 2 working days = Tuesday 18/06/2024.
        assert_eq!(add_working_days(d(2024, time::Month::June, 14), 2), d(2024, time::Month::June, 18));
        // Saturday 15/06/2024 + 2 = Tuesday 18/06/2024.
        assert_eq!(add_working_days(d(2024, time::Month::June, 15), 2), d(2024, time::Month::June, 18));
        assert_eq!(add_working_days(d(2024, time::Month::June, 17), 2), d(2024, time::Month::June, 19));
    }

    use super::*;

    #[test]
    fn parses_and_labels_quarters() {
        let q: Quarter = "2024-Q2".parse().expect("valid test input");
        assert_eq!(q, Quarter { year: 2024, number: 2 });
        assert_eq!(q.to_string(), "2024-Q2");
        assert_eq!(q.label(), "quý II/2024");
        assert!("2024-Q5".parse::<Quarter>().is_err());
        assert!("Q2".parse::<Quarter>().is_err());
        assert_eq!("2024-q4".parse::<Quarter>().expect("valid test input").number, 4);
    }

    #[test]
    fn nd09_window_and_deadline() {
        let q1 = Quarter { year: 2024, number: 1 };
        assert_eq!(q1.window_start().to_string(), "2023-12-15");
        assert_eq!(q1.deadline(14).to_string(), "2024-03-14");
        let q2 = Quarter { year: 2024, number: 2 };
        assert_eq!(q2.window_start().to_string(), "2024-03-15");
        assert_eq!(q2.deadline(14).to_string(), "2024-06-14");
        assert_eq!(q2.last_day().to_string(), "2024-06-30");
        assert_eq!(Quarter { year: 2024, number: 4 }.next().to_string(), "2025-Q1");
        assert_eq!(q2.cumulative(), Period::H1);
    }
}
