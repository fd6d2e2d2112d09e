//! Finds the percentages and quantities with a unit that a plan item's text states.
//!
//! Numbers that are part of document identifiers (`01/NQ-CP`, `29- NQ/TW`, `110KV`), dates,
//! years and year ranges, and numbers right after `số`/`thứ`/`mức độ` are not quantities.

use crate::vn::fold;

/// How the text qualifies a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// "trên".
    Above,
    /// "ít nhất", "tối thiểu", "từ … trở lên".
    AtLeast,
    /// "dưới".
    Below,
    /// "tối đa", "không quá", "quá".
    AtMost,
    /// "khoảng".
    About,
}

/// A quantity found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The number(s): one, or two for a range.
    pub numbers: Vec<f64>,
    /// The number(s) as written (`30-50`, `1,2`).
    pub written: String,
    /// True for a percentage.
    pub percent: bool,
    /// The folded text following the number (the unit and what comes after), for matching.
    pub after: String,
    /// The unit as written: up to two words after the number, without trailing punctuation.
    pub unit: String,
    /// The qualifier before the number, if any.
    pub qualifier: Option<Qualifier>,
}

impl Quantity {
    /// The quantity as a reader would quote it: `60%`, `02 KCN`, `1,2 tỷ USD`.
    pub fn display(&self) -> String {
        if self.percent { format!("{}%", self.written) } else { format!("{} {}", self.written, self.unit) }
    }
}

const NOT_BEFORE: [&str; 7] = ["số", "thứ", "độ", "loại", "hạng", "khóa", "kỳ"];

/// Extracts every percentage and quantity with a unit from `text`.
pub fn extract(text: &str) -> Vec<Quantity> {
    let chars: Vec<char> = crate::vn::nfc(text).chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        if i > 0 && attached_before(chars[i - 1]) {
            i = skip_token(&chars, i);
            continue;
        }
        let (first, mut end) = number_at(&chars, i);
        let mut numbers = vec![first.1];
        // A range: "3-5", "30 - 50", "2021 -2025".
        let mut j = skip_spaces(&chars, end);
        if j < chars.len() && matches!(chars[j], '-' | '–') {
            let k = skip_spaces(&chars, j + 1);
            if k < chars.len() && chars[k].is_ascii_digit() {
                let (second, e) = number_at(&chars, k);
                numbers.push(second.1);
                end = e;
                j = skip_spaces(&chars, end);
            } else if k < chars.len() && chars[k].is_alphabetic() {
                i = skip_token(&chars, k); // an identifier such as "29- NQ/TW"
                continue;
            }
        }
        let written: String = chars[i..end].iter().collect();
        let next = chars.get(end).copied();
        let rejected = matches!(next, Some(c) if c == '/' || c.is_alphabetic())
            || is_year_like(&written, &numbers) && next != Some('%')
            || NOT_BEFORE.contains(&previous_word(&chars, i).as_str())
            || names_a_document(&chars, i);
        let is_percent = chars.get(j) == Some(&'%');
        let has_unit = next == Some(' ') && chars.get(end + 1).is_some_and(|c| c.is_alphabetic());
        if !rejected && (is_percent || has_unit) {
            let tail_start = if is_percent { j + 1 } else { end + 1 };
            let after: String = chars[tail_start.min(chars.len())..].iter().take(60).collect();
            let qualifier = qualifier(&chars, i, &fold(&after), numbers.len() > 1);
            let unit = if is_percent { String::new() } else { unit_words(&after) };
            out.push(Quantity {
                numbers,
                written,
                percent: is_percent,
                after: fold(&after),
                unit,
                qualifier,
            });
        }
        i = end.max(i + 1);
    }
    out
}

fn unit_words(after: &str) -> String {
    let mut words = Vec::new();
    for w in after.split_whitespace().take(2) {
        let clean = w.trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '”');
        if !clean.is_empty() {
            words.push(clean);
        }
        if clean.len() != w.len() {
            break;
        }
    }
    words.join(" ")
}

fn attached_before(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '/' | '-' | '.' | ',' | '_')
}

/// Moves past the current token: at least one character, then up to the next whitespace.
fn skip_token(chars: &[char], i: usize) -> usize {
    let mut j = i + 1;
    while j < chars.len() && !chars[j].is_whitespace() {
        j += 1;
    }
    j
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && chars[i] == ' ' {
        i += 1;
    }
    i
}

/// Reads a Vietnamese-formatted number at `i` (`1.234,5`); returns ((text, value), end index).
fn number_at(chars: &[char], i: usize) -> ((String, f64), usize) {
    let mut end = i;
    while end < chars.len()
        && (chars[end].is_ascii_digit()
            || (matches!(chars[end], '.' | ',') && chars.get(end + 1).is_some_and(char::is_ascii_digit)))
    {
        end += 1;
    }
    let written: String = chars[i..end].iter().collect();
    let value = written.replace('.', "").replace(',', ".").parse().unwrap_or(f64::NAN);
    ((written, value), end)
}

fn is_year_like(written: &str, numbers: &[f64]) -> bool {
    let four_digit = |v: f64| v.fract() == 0.0 && (1900.0..=2100.0).contains(&v);
    !written.contains([',', '.']) && numbers.iter().all(|v| four_digit(*v))
}

/// Kinds of documents and programmes whose number is part of their name ("Đề án 06",
/// "Chương trình 135", "Chỉ thị 12"), never a quantity.
const NAMED_BY_NUMBER: [&str; 13] = [
    "đề án",
    "chỉ thị",
    "nghị quyết",
    "nghị định",
    "quyết định",
    "kế hoạch",
    "chương trình",
    "kết luận",
    "thông tư",
    "công văn",
    "thông báo",
    "văn bản",
    "dự án",
];

/// True when the number at `i` follows a document kind ("Đề án 06", "Nghị quyết 57").
fn names_a_document(chars: &[char], i: usize) -> bool {
    let before: String = chars[..i].iter().collect();
    let words: Vec<String> = before.split_whitespace().rev().take(2).map(fold).collect();
    match words.as_slice() {
        [last, prev] => NAMED_BY_NUMBER.contains(&format!("{prev} {last}").as_str()) || last == "luật",
        [last] => last == "luật",
        _ => false,
    }
}

fn previous_word(chars: &[char], i: usize) -> String {
    let before: String = chars[..i].iter().collect();
    fold(before.split_whitespace().last().unwrap_or(""))
}

fn qualifier(chars: &[char], i: usize, after: &str, range: bool) -> Option<Qualifier> {
    if range {
        return None;
    }
    let before: String = chars[..i].iter().collect();
    let words: Vec<String> = before.split_whitespace().rev().take(2).map(fold).collect();
    let last = words.first().map(String::as_str).unwrap_or("");
    let two = words.get(1).map(|w| format!("{w} {last}")).unwrap_or_default();
    match (two.as_str(), last) {
        ("ít nhất" | "tối thiểu", _) | (_, "từ") if last != "từ" || after.contains("trở lên") => {
            Some(Qualifier::AtLeast)
        }
        ("không quá", _) | ("tối đa", _) | (_, "quá") => Some(Qualifier::AtMost),
        (_, "trên") => Some(Qualifier::Above),
        (_, "dưới") => Some(Qualifier::Below),
        (_, "khoảng") => Some(Qualifier::About),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<String> {
        extract(text).iter().map(Quantity::display).collect()
    }

    #[test]
    fn finds_percentages_and_quantities() {
        assert_eq!(shown("chiếm 60% tổng diện tích, lên trên 350 sản phẩm."), ["60%", "350 sản phẩm"]);
        assert_eq!(shown("thu hút từ 3-5 dự án và 30-50% diện tích"), ["3-5 dự án", "30-50%"]);
        assert_eq!(shown("ít nhất 02 KCN, khoảng 1,2 tỷ USD"), ["02 KCN", "1,2 tỷ USD"]);
        assert_eq!(shown("khoảng 15 triệu m³ nhằm"), ["15 triệu m³"]);
    }

    #[test]
    fn skips_identifiers_dates_and_years() {
        let text = "Nghị quyết số 01/NQ-CP ngày 05/01/2024, Nghị quyết số 29- NQ/TW, Kết luận 128-KL/TU, \
            dự án 110KV Tân Hưng (MBA T1 63MVA), Covid-19, giai đoạn 2021 -2025, năm 2024, tỷ lệ 1/10.000, \
            Nghị quyết 623/NQUBTVQH15, Đề án số 06, kỳ họp thứ 14, mức độ 1 đạt 95,2%";
        assert_eq!(shown(text), ["95,2%"]);
        let names = "Thực hiện Đề án 06 về dữ liệu dân cư; Chương trình 135 giai đoạn III; Chỉ thị 12 của \
            Tỉnh ủy; Nghị quyết 57 về khoa học; Kế hoạch 150 ngày đêm; Dự án 09 khu đô thị; đạt 350 sản phẩm";
        assert_eq!(shown(names), ["350 sản phẩm"]);
    }

    #[test]
    fn reads_qualifiers() {
        let q = |t: &str| extract(t)[0].qualifier;
        assert_eq!(q("trên 99% dân số"), Some(Qualifier::Above));
        assert_eq!(q("ít nhất 02 KCN"), Some(Qualifier::AtLeast));
        assert_eq!(q("đạt từ 90% trở lên"), Some(Qualifier::AtLeast));
        assert_eq!(q("không quá 01 lần/năm"), Some(Qualifier::AtMost));
        assert_eq!(q("doanh nghiệp quá 01 lần/năm"), Some(Qualifier::AtMost));
        assert_eq!(q("khoảng 44% lực lượng"), Some(Qualifier::About));
        assert_eq!(q("đạt 37,7%."), None);
        assert_eq!(q("từ 3-5 dự án"), None);
        let n = &extract("30-50% diện tích")[0];
        assert_eq!(n.numbers, vec![30.0, 50.0]);
        assert!(n.percent);
    }
}
