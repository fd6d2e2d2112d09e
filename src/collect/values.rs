//! Numbers and dates the way clerks type them: `37,7`, `1.234,5`, `12.500`, `1,234.5`, `37,7%`,
//! `khoảng 30`, `14/06/2024`, Excel serials, NBSP and stray spaces.
//!
//! Conventions (Vietnamese, domain §5.1): the comma is the decimal mark and the dot groups
//! thousands. When both appear, the last one is the decimal mark. A single dot followed by exactly
//! three digits (`12.500`) groups thousands; any other single dot (`37.7`, `0.377`) is a decimal
//! point, since that is what a clerk with an English keyboard means.

use time::{Date, Month};

use super::model::ValueQualifier;
use crate::vn::fold;

/// What a piece of text says as a number.
#[derive(Debug, Clone, PartialEq)]
pub enum TextNumber {
    /// Nothing (blank or spaces): not reported.
    Blank,
    /// A placeholder for "no figure" (`-`, `x`, `…`): not reported.
    Placeholder,
    /// A number.
    Number {
        /// The value as written (a trailing `%` is not applied).
        value: f64,
        /// A `%` sign followed the number.
        percent: bool,
        /// A qualifier typed with it.
        qualifier: Option<ValueQualifier>,
    },
    /// A formula error typed or cached as text (`#DIV/0!`).
    FormulaError,
    /// Not a number.
    NotNumber,
}

const PLACEHOLDERS: [&str; 9] = ["-", "–", "—", "x", "...", "…", "n/a", "k/c", "--"];

/// Excel's error literals.
pub const ERROR_LITERALS: [&str; 11] = [
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#DATA!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
];

/// Qualifier words, longest first, as folded text.
const QUALIFIERS: [(&str, ValueQualifier); 22] = [
    ("ước thực hiện", ValueQualifier::About),
    ("ước đạt", ValueQualifier::About),
    ("ước tính", ValueQualifier::About),
    ("xấp xỉ", ValueQualifier::About),
    ("khoảng", ValueQualifier::About),
    ("khoang", ValueQualifier::About),
    ("gần", ValueQualifier::About),
    ("gan", ValueQualifier::About),
    ("ước", ValueQualifier::About),
    ("~", ValueQualifier::About),
    ("≈", ValueQualifier::About),
    ("trên", ValueQualifier::Above),
    ("tren", ValueQualifier::Above),
    ("hơn", ValueQualifier::Above),
    ("hon", ValueQualifier::Above),
    (">=", ValueQualifier::Above),
    ("≥", ValueQualifier::Above),
    (">", ValueQualifier::Above),
    ("dưới", ValueQualifier::Below),
    ("duoi", ValueQualifier::Below),
    ("<=", ValueQualifier::Below),
    ("<", ValueQualifier::Below),
];

/// Parses a number typed as text (see the module doc for the separator rules).
pub fn parse_number_text(text: &str) -> TextNumber {
    let cleaned = clean_spaces(text);
    let t = cleaned.trim();
    if t.is_empty() {
        return TextNumber::Blank;
    }
    let folded = fold(t);
    if PLACEHOLDERS.contains(&folded.as_str()) {
        return TextNumber::Placeholder;
    }
    if ERROR_LITERALS.iter().any(|e| e.eq_ignore_ascii_case(t)) {
        return TextNumber::FormulaError;
    }
    let (qualifier, rest) = split_qualifier(&folded);
    let (rest, percent) = match rest.trim_end().strip_suffix('%') {
        Some(r) => (r.trim_end(), true),
        None => (rest.trim_end(), false),
    };
    match parse_signed(rest) {
        Some(value) => TextNumber::Number { value, percent, qualifier },
        None => TextNumber::NotNumber,
    }
}

/// Replaces NBSP, narrow and other Unicode spaces with plain spaces.
fn clean_spaces(text: &str) -> String {
    text.chars().map(|c| if c.is_whitespace() || c == '\u{200B}' { ' ' } else { c }).collect()
}

fn split_qualifier(folded: &str) -> (Option<ValueQualifier>, &str) {
    for (word, q) in QUALIFIERS {
        if let Some(rest) = folded.strip_prefix(word) {
            let ascii_word = word.chars().all(|c| c.is_alphabetic());
            // "trên" must be a word of its own: "trên95" is fine, "trenx" is not a qualifier.
            if !ascii_word || rest.starts_with(|c: char| !c.is_alphabetic()) {
                return (Some(q), rest.trim_start());
            }
        }
    }
    for (suffix, q) in [("trở lên", ValueQualifier::Above), ("trở xuống", ValueQualifier::Below)] {
        if let Some(rest) = folded.strip_suffix(suffix) {
            return (Some(q), rest.trim_end());
        }
    }
    (None, folded)
}

/// Parses an optionally signed number with Vietnamese or English separators.
fn parse_signed(text: &str) -> Option<f64> {
    let t = text.trim();
    let (negative, body) = if let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        (true, inner.trim())
    } else if let Some(r) = t.strip_prefix(['-', '−', '–']) {
        (true, r.trim_start())
    } else if let Some(r) = t.strip_prefix('+') {
        (false, r.trim_start())
    } else {
        (false, t)
    };
    let compact: String = body.chars().filter(|c| *c != ' ').collect();
    if compact.is_empty() || !compact.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    // Spaces may only group digits ("12 500"), never split a number from a separator oddly.
    if body.contains(' ') && !valid_groups(&body.split(' ').collect::<Vec<_>>()) {
        return None;
    }
    let plain = normalise_separators(&compact)?;
    let v: f64 = plain.parse().ok()?;
    v.is_finite().then_some(if negative { -v } else { v })
}

/// Turns `1.234,5` / `1,234.5` / `12.500` / `37,7` into `1234.5` / `1234.5` / `12500` / `37.7`.
fn normalise_separators(s: &str) -> Option<String> {
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let (thousands, decimal) = match (dots, commas) {
        (0, 0) => return Some(s.to_owned()),
        (d, c) if d > 0 && c > 0 => {
            let last = s.rfind(['.', ','])?;
            let dec = s[last..].chars().next()?;
            (if dec == '.' { ',' } else { '.' }, Some(dec))
        }
        (0, 1) => (' ', Some(',')),
        (1, 0) => {
            let (int, frac) = s.split_once('.')?;
            let grouping = frac.len() == 3 && (1..=3).contains(&int.len()) && !int.starts_with('0');
            if grouping { ('.', None) } else { (' ', Some('.')) }
        }
        (_, 0) => ('.', None),
        (0, _) => (',', None),
        _ => return None,
    };
    let (int, frac) = match decimal {
        Some(d) => {
            let (i, f) = s.rsplit_once(d)?;
            if i.contains(d) || f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            (i, Some(f))
        }
        None => (s, None),
    };
    if int.contains(thousands) && !valid_groups(&int.split(thousands).collect::<Vec<_>>()) {
        return None;
    }
    if int.chars().any(|c| !c.is_ascii_digit() && c != thousands) || (int.is_empty() && frac.is_none()) {
        return None;
    }
    let digits: String = int.chars().filter(char::is_ascii_digit).collect();
    let digits = if digits.is_empty() { "0".to_owned() } else { digits };
    Some(match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    })
}

/// Thousands groups: the first has 1–3 digits, every other exactly 3.
fn valid_groups(groups: &[&str]) -> bool {
    groups.iter().enumerate().all(|(i, g)| {
        let digits = g.chars().take_while(char::is_ascii_digit).count();
        if i + 1 == groups.len() {
            // The last group may carry a decimal part ("1.234,5").
            digits == 3 || (groups.len() == 1 && digits >= 1)
        } else if i == 0 {
            (1..=3).contains(&digits) && digits == g.len()
        } else {
            digits == 3 && g.len() == 3
        }
    })
}

/// Writes a number as a clerk would see it: decimal comma, no rounding (`37,7`, `1234,5`).
pub fn display_number(v: f64) -> String {
    let s = if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") };
    s.replace('.', ",")
}

/// Reads a date typed as text: `14/06/2024`, `14-6-2024`, `14.06.2024`, `2024-06-14`,
/// `2024-06-14T00:00:00`, `ngày 14 tháng 6 năm 2024`, two-digit years as 20yy.
pub fn parse_date_text(text: &str) -> Option<Date> {
    let folded = fold(&clean_spaces(text));
    let mut t = folded.trim();
    if t.len() >= 10 && t.as_bytes().get(4) == Some(&b'-') && t.is_char_boundary(10) {
        t = &t[..10];
    }
    let mut words = String::with_capacity(t.len());
    for w in t.split(['/', '-', '.', ' ', ',']) {
        if !matches!(w, "" | "ngày" | "tháng" | "năm") {
            words.push_str(w);
            words.push(' ');
        }
    }
    let parts: Vec<&str> = words.split_whitespace().collect();
    let [a, b, c] = parts.as_slice() else { return None };
    if !parts.iter().all(|p| p.chars().all(|ch| ch.is_ascii_digit()) && p.len() <= 4) {
        return None;
    }
    let (y, m, d) = if a.len() == 4 { (*a, *b, *c) } else { (*c, *b, *a) };
    let mut year: i32 = y.parse().ok()?;
    if y.len() == 2 {
        year += 2000;
    } else if y.len() != 4 {
        return None;
    }
    Date::from_calendar_date(year, Month::try_from(m.parse::<u8>().ok()?).ok()?, d.parse().ok()?).ok()
}

/// The date of an Excel serial number (1900 date system): 45457 is 14/06/2024.
pub fn date_from_serial(serial: f64) -> Option<Date> {
    if !(61.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = Date::from_calendar_date(1899, Month::December, 30).ok()?;
    epoch.checked_add(time::Duration::days(serial.floor() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<(f64, bool, Option<ValueQualifier>)> {
        match parse_number_text(s) {
            TextNumber::Number { value, percent, qualifier } => Some((value, percent, qualifier)),
            _ => None,
        }
    }

    #[test]
    fn numbers_as_clerks_type_them() {
        let table: &[(&str, f64, bool)] = &[
            ("37,7", 37.7, false),
            ("37,7%", 37.7, true),
            ("37,7 %", 37.7, true),
            ("1.234,5", 1234.5, false),
            ("12.500", 12500.0, false),
            ("1.234.567", 1_234_567.0, false),
            ("1,234.5", 1234.5, false),
            ("1,234,567", 1_234_567.0, false),
            ("37.7", 37.7, false),
            ("0.377", 0.377, false),
            ("0,5", 0.5, false),
            ("\u{a0}12\u{a0}500 ", 12500.0, false),
            ("12 500,5", 12500.5, false),
            ("-2,19", -2.19, false),
            ("−2,19", -2.19, false),
            ("+3", 3.0, false),
            ("(2,5)", -2.5, false),
            ("1234", 1234.0, false),
            (",5", 0.5, false),
        ];
        for (text, value, percent) in table {
            let got = num(text).unwrap_or_else(|| panic!("{text:?} should parse"));
            assert!((got.0 - value).abs() < 1e-9, "{text:?} → {}", got.0);
            assert_eq!(got.1, *percent, "{text:?}");
            assert_eq!(got.2, None, "{text:?}");
        }
    }

    #[test]
    fn qualifiers_are_kept() {
        assert_eq!(num("khoảng 30"), Some((30.0, false, Some(ValueQualifier::About))));
        assert_eq!(num("Trên 95%"), Some((95.0, true, Some(ValueQualifier::Above))));
        assert_eq!(num("gần 1.200"), Some((1200.0, false, Some(ValueQualifier::About))));
        assert_eq!(num("hơn 40"), Some((40.0, false, Some(ValueQualifier::Above))));
        assert_eq!(num("dưới 2"), Some((2.0, false, Some(ValueQualifier::Below))));
        assert_eq!(num("> 5"), Some((5.0, false, Some(ValueQualifier::Above))));
        assert_eq!(num("90% trở lên"), Some((90.0, true, Some(ValueQualifier::Above))));
    }

    #[test]
    fn text_that_is_not_a_number() {
        for t in ["abc", "1.2.3", "12,34,5", "1..2", "37,7 tỷ đồng", "1e5", "12-5", "3/7", "%", "trên"]
        {
            assert_eq!(parse_number_text(t), TextNumber::NotNumber, "{t:?}");
        }
        assert_eq!(parse_number_text("   "), TextNumber::Blank);
        assert_eq!(parse_number_text("-"), TextNumber::Placeholder);
        assert_eq!(parse_number_text(" x "), TextNumber::Placeholder);
        assert_eq!(parse_number_text("#DIV/0!"), TextNumber::FormulaError);
        assert_eq!(parse_number_text("#n/a"), TextNumber::FormulaError);
    }

    #[test]
    fn dates_as_clerks_type_them() {
        let want = Date::from_calendar_date(2024, Month::June, 14).ok();
        for t in [
            "14/06/2024",
            "14-6-2024",
            "2024-06-14",
            "14.06.2024",
            "14/6/24",
            "2024-06-14T00:00:00",
            "ngày 14 tháng 6 năm 2024",
            " 14 / 06 / 2024 ",
        ] {
            assert_eq!(parse_date_text(t), want, "{t:?}");
        }
        for t in ["06/14/2024", "14/06", "hôm nay", "31/02/2024", "2024/13/01"] {
            assert_eq!(parse_date_text(t), None, "{t:?}");
        }
        assert_eq!(date_from_serial(45457.0), want);
        assert_eq!(date_from_serial(45457.75), want);
        assert_eq!(date_from_serial(-3.0), None);
    }

    #[test]
    fn numbers_display_with_decimal_comma() {
        assert_eq!(display_number(37.7), "37,7");
        assert_eq!(display_number(12500.0), "12500");
        assert_eq!(display_number(-2.19), "-2,19");
    }
}
