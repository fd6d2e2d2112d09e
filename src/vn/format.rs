//! Numbers, percentages, dates and Roman numerals the way Vietnamese official documents write them.

use time::Date;

/// Formats a number with a thousands dot and a decimal comma, at most two decimals, trailing zeros
/// dropped: `96058.0` → `96.058`, `37.70` → `37,7`, `-2.194` → `-2,19`.
pub fn number(value: f64) -> String {
    trimmed(value, 2)
}

/// Formats a number with exactly `decimals` decimals: `number_fixed(12.9, 2)` → `12,90`.
pub fn number_fixed(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "-".to_owned();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    out.push_str(&group_thousands(int));
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// Formats a number with a leading `+` when positive (table cells of changes): `+1,5`, `-0,24`.
pub fn signed_number(value: f64) -> String {
    let text = number(value);
    if value > 0.0 && text != "0" { format!("+{text}") } else { text }
}

/// Formats a number with exactly `decimals` decimals and a leading `+` when it shows a positive
/// value (table columns of changes): `signed_fixed(32.0, 2)` → `+32,00`, `-0.001` → `0,00`.
pub fn signed_fixed(value: f64, decimals: usize) -> String {
    let text = number_fixed(value, decimals);
    let shows_nonzero = text.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    if value > 0.0 && shows_nonzero { format!("+{text}") } else { text }
}

/// Formats a percentage with the sign attached: `37.7` → `37,7%`.
pub fn percent(value: f64) -> String {
    format!("{}%", number(value))
}

/// Writes a growth rate in prose: `tăng 14,14%`, `giảm 2,19%`, `không thay đổi`.
pub fn growth_prose(value: f64) -> String {
    let text = number(value.abs());
    if text == "0" {
        "không thay đổi".to_owned()
    } else if value > 0.0 {
        format!("tăng {text}%")
    } else {
        format!("giảm {text}%")
    }
}

/// Writes a date in the long form of Nghị định 30: `ngày 05 tháng 01 năm 2024`,
/// `ngày 15 tháng 3 năm 2024` (days below 10 and months 1–2 get a leading zero).
pub fn date_long(date: Date) -> String {
    let month = u8::from(date.month());
    let month = if month <= 2 { format!("{month:02}") } else { month.to_string() };
    format!("ngày {:02} tháng {} năm {}", date.day(), month, date.year())
}

/// Writes a date in the short form used in running text: `05/01/2024`.
pub fn date_short(date: Date) -> String {
    format!("{:02}/{:02}/{}", date.day(), u8::from(date.month()), date.year())
}

/// Writes `n` in Roman numerals (`4` → `IV`); 0 and numbers above 3999 are written in digits.
pub fn roman(n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = n;
    let mut out = String::new();
    for (value, letters) in TABLE {
        while rest >= value {
            out.push_str(letters);
            rest -= value;
        }
    }
    out
}

fn trimmed(value: f64, max_decimals: usize) -> String {
    let text = number_fixed(value, max_decimals);
    if !text.contains(',') {
        return text;
    }
    let text = text.trim_end_matches('0').trim_end_matches(',');
    if text == "-0" { "0".to_owned() } else { text.to_owned() }
}

fn group_thousands(digits: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Month;

    #[test]
    fn numbers_use_decimal_comma_and_thousands_dot() {
        assert_eq!(number(96058.0), "96.058");
        assert_eq!(number(37.7), "37,7");
        assert_eq!(number(37.70001), "37,7");
        assert_eq!(number(10111.7), "10.111,7");
        assert_eq!(number(1234567.891), "1.234.567,89");
        assert_eq!(number(-2.19), "-2,19");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(999.0), "999");
        assert_eq!(number_fixed(12.9, 2), "12,90");
        assert_eq!(number(f64::NAN), "-");
    }

    #[test]
    fn percentages_and_prose() {
        assert_eq!(percent(37.7), "37,7%");
        assert_eq!(percent(14.14), "14,14%");
        assert_eq!(growth_prose(-2.19), "giảm 2,19%");
        assert_eq!(growth_prose(13.89), "tăng 13,89%");
        assert_eq!(growth_prose(0.001), "không thay đổi");
        assert_eq!(signed_number(0.96), "+0,96");
        assert_eq!(signed_number(-0.24), "-0,24");
        assert_eq!(signed_fixed(32.0, 2), "+32,00");
        assert_eq!(signed_fixed(-0.36, 2), "-0,36");
        assert_eq!(signed_fixed(0.001, 2), "0,00");
        assert_eq!(signed_fixed(-0.001, 2), "0,00");
    }

    #[test]
    fn dates_follow_decree_30() {
        let d = |y, m, d| Date::from_calendar_date(y, m, d).expect("valid test input");
        assert_eq!(date_long(d(2024, Month::January, 5)), "ngày 05 tháng 01 năm 2024");
        assert_eq!(date_long(d(2024, Month::March, 15)), "ngày 15 tháng 3 năm 2024");
        assert_eq!(date_long(d(2024, Month::February, 9)), "ngày 09 tháng 02 năm 2024");
        assert_eq!(date_long(d(2024, Month::December, 14)), "ngày 14 tháng 12 năm 2024");
        assert_eq!(date_short(d(2024, Month::January, 20)), "20/01/2024");
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(2), "II");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(0), "0");
    }
}
