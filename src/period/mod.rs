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

    /// The quarter within its year, as running text names it beside another of the same year:
    /// `quý II`.
    pub fn short_label(self) -> String {
        format!("quý {}", crate::vn::roman(u32::from(self.number)))
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

    /// The same quarter of the year before (the "cùng kỳ" of quý II/2024 is quý II/2023).
    pub fn a_year_before(self) -> Quarter {
        Quarter { year: self.year - 1, number: self.number }
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
        let bad =
            || format!("quý không hợp lệ `{s}` (viết theo dạng YYYY-Qn: năm, chữ Q, số quý từ 1 đến 4)");
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

/// True on a Saturday, a Sunday or one of `holidays` (the plan's public holidays).
pub fn is_day_off(date: Date, holidays: &[Date]) -> bool {
    matches!(date.weekday(), time::Weekday::Saturday | time::Weekday::Sunday) || holidays.contains(&date)
}

/// `date` plus `days` working days: Saturdays, Sundays and `holidays` are skipped.
pub fn add_working_days(date: Date, days: u32, holidays: &[Date]) -> Date {
    let mut d = date;
    let mut left = days;
    while left > 0 {
        let Some(next) = d.next_day() else { return d };
        d = next;
        if !is_day_off(d, holidays) {
            left -= 1;
        }
    }
    d
}

/// The date to resend a corrected report by: the later of the submission `deadline` and
/// `days` (at least 1) working days after the receipt's date, so never the receipt's own day.
pub fn resend_by(receipt: Date, deadline: Date, days: u32, holidays: &[Date]) -> Date {
    deadline.max(add_working_days(receipt, days.max(1), holidays))
}

#[cfg(test)]
mod tests {
    fn d(y: i32, m: time::Month, day: u8) -> Date {
        Date::from_calendar_date(y, m, day).expect("valid test input")
    }

    #[test]
    fn working_days_skip_weekends() {
        use time::Month::June;
        // Friday 14/06/2024 + 2 working days = Tuesday 18/06/2024.
        assert_eq!(add_working_days(d(2024, June, 14), 2, &[]), d(2024, June, 18));
        // Saturday 15/06/2024 + 2 = Tuesday 18/06/2024.
        assert_eq!(add_working_days(d(2024, June, 15), 2, &[]), d(2024, June, 18));
        assert_eq!(add_working_days(d(2024, June, 17), 2, &[]), d(2024, June, 19));
    }

    #[test]
    fn working_days_skip_holidays() {
        use time::Month::{April, May};
        let holidays = [d(2024, April, 29), d(2024, April, 30), d(2024, May, 1)];
        // Friday 26/04/2024 + 2: the weekend and 29/04–01/05 are days off → Friday 03/05/2024.
        assert_eq!(add_working_days(d(2024, April, 26), 2, &holidays), d(2024, May, 3));
        // Without the holidays it is Tuesday 30/04/2024.
        assert_eq!(add_working_days(d(2024, April, 26), 2, &[]), d(2024, April, 30));
        assert!(is_day_off(d(2024, April, 30), &holidays) && !is_day_off(d(2024, May, 2), &holidays));
    }

    #[test]
    fn resend_date_is_never_the_receipt_day() {
        use time::Month::{June, September};
        // The receipt is dated on the deadline (Friday 14/06/2024): two working days later.
        let (deadline, receipt) = (d(2024, June, 14), d(2024, June, 14));
        assert_eq!(resend_by(receipt, deadline, 2, &[]), d(2024, June, 18));
        // Issued well before the deadline: the deadline stands.
        assert_eq!(resend_by(d(2024, June, 3), deadline, 2, &[]), deadline);
        // Zero working days still moves past the receipt's day.
        assert_eq!(resend_by(receipt, deadline, 0, &[]), d(2024, June, 17));
        // Across the 2–3/9 holiday: Friday 30/08/2024 → Wednesday 04/09, Thursday 05/09.
        let holidays = [d(2024, September, 2), d(2024, September, 3)];
        let late = d(2024, time::Month::August, 30);
        assert_eq!(resend_by(late, late, 2, &holidays), d(2024, September, 5));
        for day in 1..=30 {
            let r = d(2024, June, day);
            assert!(resend_by(r, d(2024, June, 1), 2, &holidays) > r, "{r}");
        }
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
