//! One input cell at a time: a number with its unit's rules, a task status, a text.
//!
//! Each reader records its findings and returns `Err(Recorded)` when the cell has an error (the row is
//! then not used); a blank cell is `Ok(None)`, never zero.

use super::issues::{Issues, Loc, code};
use super::model::{CellRef, Number, ValueQualifier};
use super::values::{TextNumber, display_number, parse_number_text};
use super::workbook::{CellPos, Sheet, Value};
use crate::contract::MAX_TEXT_CHARS;
use crate::contract::ReportedStatus;
use crate::plan::{StatusVocabulary, Task};

/// A cell had an error; its finding is already recorded and the row is not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded;

/// What a number cell must satisfy.
#[derive(Debug, Clone)]
pub struct NumberRule<'a> {
    /// The unit is `%`.
    pub percent: bool,
    /// The unit as written, for messages.
    pub unit: &'a str,
    /// The value may be negative and, for `%`, exceed 100 (growth rates).
    pub signed: bool,
    /// A plausible magnitude (the target or the scenario), for guessing percent cells of xls/ods.
    pub reference: Option<f64>,
    /// Number formats are known (xlsx), so percent cells need no guessing.
    pub styles_known: bool,
}

/// The hard limit on any reported number, whatever its unit: beyond it (or not finite) a value
/// is never printed or summed. No plan setting can switch this off; softer plausibility checks
/// are the plan's.
pub const MAX_MAGNITUDE: f64 = 1e12;

/// The fix for a cell that is not a usable number: the row's unit and an example taken from
/// the row itself — the number the agency typed, re-typed plainly, else the row's plan figure.
fn number_fix(typed: Option<&str>, rule: &NumberRule<'_>) -> String {
    let head = match rule.unit {
        _ if rule.percent => "nhập tỷ lệ theo %, chỉ ghi con số, không kèm chữ".to_owned(),
        "" => "nhập một số, không kèm chữ".to_owned(),
        unit => format!("nhập một số theo đơn vị {unit}, không kèm chữ hay đơn vị"),
    };
    let tail = "để trống nếu chưa có số liệu";
    match (typed.and_then(leading_number), rule.reference) {
        (Some(v), _) => format!("{head}, ví dụ {}; {tail}", example(v)),
        (None, Some(r)) => format!("{head} (cách ghi như số kế hoạch của dòng này: {}); {tail}", example(r)),
        (None, None) => format!("{head}; {tail}"),
    }
}

/// The number at the start of a text such as `1.250,5 tỷ`, when there is one.
fn leading_number(text: &str) -> Option<f64> {
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | ' ')))
        .map_or(text.len(), |(i, _)| i);
    match parse_number_text(&text[..end]) {
        TextNumber::Number { value, .. } if value.is_finite() && value.abs() <= MAX_MAGNITUDE => Some(value),
        _ => None,
    }
}

/// A number as an agency should type it: no thousands separator, decimal comma (`1250,5`).
fn example(value: f64) -> String {
    display_number((value * 1000.0).round() / 1000.0)
}

/// Reads a number cell; see the module doc for the result.
pub fn read_number(
    sheet: &Sheet,
    pos: Option<CellPos>,
    rule: &NumberRule<'_>,
    issues: &mut Issues,
) -> Result<Option<Number>, Recorded> {
    let Some(pos) = pos else { return Ok(None) };
    let Some(cell) = sheet.get(pos) else { return Ok(None) };
    let loc = Loc::Cell(&sheet.name, pos);
    let (mut value, raw, qualifier, percent_written) = match &cell.value {
        Value::Number(v) if cell.percent_format => {
            (v * 100.0, format!("{}%", display_number(v * 100.0)), None, true)
        }
        Value::Number(v) => (*v, display_number(*v), None, false),
        Value::Text(t) => match parse_number_text(t) {
            TextNumber::Blank => return Ok(None),
            TextNumber::Placeholder => {
                let msg = format!("ô ghi \"{}\" được hiểu là chưa có số liệu", t.trim());
                issues.warn(
                    code::PLACEHOLDER,
                    loc,
                    Some(t.trim()),
                    msg,
                    "để trống ô nếu chưa có số liệu".to_owned(),
                );
                return Ok(None);
            }
            TextNumber::FormulaError => return formula_error(t.trim(), loc, issues),
            TextNumber::NotNumber => {
                let msg = format!("\"{}\" không phải là số", t.trim());
                issues.error(code::NOT_A_NUMBER, loc, Some(t.trim()), msg, number_fix(Some(t), rule));
                return Err(Recorded);
            }
            TextNumber::Number { value, percent, qualifier } => {
                (value, t.trim().to_owned(), qualifier, percent)
            }
        },
        Value::Date { shown, .. } => {
            let msg = format!(
                "ô đang ở dạng ngày tháng ({shown}), không phải số (Excel có thể đã tự đổi số thành ngày)"
            );
            let fix = format!("đổi định dạng ô từ ngày tháng về dạng số rồi {}", number_fix(None, rule));
            issues.error(code::NOT_A_NUMBER, loc, Some(shown), msg, fix);
            return Err(Recorded);
        }
        Value::Bool(b) => {
            let shown = if *b { "TRUE" } else { "FALSE" };
            issues.error(
                code::NOT_A_NUMBER,
                loc,
                Some(shown),
                format!("\"{shown}\" không phải là số"),
                number_fix(None, rule),
            );
            return Err(Recorded);
        }
        Value::Error(e) => return formula_error(e, loc, issues),
        Value::Uncomputed => {
            issues.error(
                code::FORMULA_UNCOMPUTED,
                loc,
                None,
                "ô có công thức nhưng tệp không lưu kết quả tính (tệp chưa được tính lại), nên chưa có số liệu".to_owned(),
                "mở tệp bằng Excel hoặc LibreOffice, để chương trình tính lại rồi lưu và gửi lại; hoặc nhập trực tiếp số liệu".to_owned(),
            );
            return Err(Recorded);
        }
    };
    if percent_written && !rule.percent {
        let msg = format!("ô ghi theo %, nhưng chỉ tiêu tính bằng {}", rule.unit);
        let fix = format!("nhập số theo đơn vị {}, không dùng dấu % hay định dạng phần trăm", rule.unit);
        issues.error(code::UNIT_MISMATCH, loc, Some(&raw), msg, fix);
        return Err(Recorded);
    }
    if rule.percent && !percent_written && !looks_like_fraction(value, rule) && fraction_unknown(value, rule)
    {
        let msg = format!(
            "không biết định dạng ô của tệp này: {raw} được ghi nhận là {raw}%; nếu ô định dạng phần trăm thì số đúng là {}%",
            display_number(value * 100.0)
        );
        issues.warn(
            code::PERCENT_UNCERTAIN,
            loc,
            Some(&raw),
            msg,
            format!(
                "nếu tỷ lệ là {}% thì nhập {}; nếu đúng là {raw}% thì giữ nguyên; không dùng định dạng phần trăm, hoặc gửi tệp .xlsx",
                example(value * 100.0),
                example(value * 100.0)
            ),
        );
    }
    if rule.percent && !percent_written && looks_like_fraction(value, rule) {
        value *= 100.0;
        let msg = format!("{raw} được hiểu là {}% (tỷ lệ ghi dạng thập phân)", display_number(value));
        issues.warn(
            code::GUESSED_PERCENT,
            loc,
            Some(&raw),
            msg,
            format!("nhập tỷ lệ theo %: {} (không nhập {raw})", example(value)),
        );
    }
    if let Some(q) = qualifier {
        let msg = format!(
            "số liệu ước tính \"{raw}\" ({}): được ghi nhận là {}",
            qualifier_label(q),
            display_number(value)
        );
        let fix = "ghi con số vào ô; ghi \"khoảng\", \"trên\", \"dưới\" vào cột Ghi chú".to_owned();
        issues.warn(code::ESTIMATE, loc, Some(&raw), msg, fix);
    }
    if !value.is_finite() || value.abs() > MAX_MAGNITUDE {
        issues.error(
            code::ABSURD_NUMBER,
            loc,
            Some(&raw),
            format!(
                "\"{raw}\" không phải một số liệu dùng được (vô hạn, NaN hoặc lớn hơn 10¹² theo mọi đơn vị)"
            ),
            number_fix(None, rule),
        );
        return Err(Recorded);
    }
    check_range(value, &raw, rule, loc, issues)?;
    let source = CellRef { file: issues.file().to_owned(), sheet: sheet.name.clone(), cell: pos.a1() };
    Ok(Some(Number { value, raw, qualifier, source }))
}

fn formula_error(shown: &str, loc: Loc<'_>, issues: &mut Issues) -> Result<Option<Number>, Recorded> {
    issues.error(
        code::FORMULA_ERROR,
        loc,
        Some(shown),
        format!("ô có lỗi công thức {shown}"),
        "sửa công thức hoặc nhập trực tiếp số liệu; để trống nếu chưa có số liệu".to_owned(),
    );
    Err(Recorded)
}

/// A number strictly between 0 and 1 in a `%` cell of a file without number formats: it may be
/// a percent-formatted cell read as its fraction (`2,35%` read as 0,0235).
fn fraction_unknown(value: f64, rule: &NumberRule<'_>) -> bool {
    !rule.styles_known && value != 0.0 && value.abs() < 1.0
}

/// A 0–1 number in a `%` cell of a file without number formats, where the target is clearly
/// a percentage above 1: `0,377` for forest cover 37,7%.
fn looks_like_fraction(value: f64, rule: &NumberRule<'_>) -> bool {
    !rule.styles_known && value != 0.0 && value.abs() <= 1.0 && rule.reference.is_some_and(|r| r.abs() >= 5.0)
}

fn check_range(
    value: f64,
    raw: &str,
    rule: &NumberRule<'_>,
    loc: Loc<'_>,
    issues: &mut Issues,
) -> Result<(), Recorded> {
    if rule.signed {
        return Ok(());
    }
    if value < 0.0 {
        let msg = format!("giá trị âm ({raw}) không hợp lệ cho chỉ tiêu này");
        issues.error(
            code::NEGATIVE,
            loc,
            Some(raw),
            msg,
            "kiểm tra lại số liệu: chỉ tiêu này không thể âm".to_owned(),
        );
        return Err(Recorded);
    }
    if rule.percent && value > 100.0 {
        let msg = format!("tỷ lệ {}% vượt quá 100%", display_number(value));
        issues.error(
            code::OVER_100,
            loc,
            Some(raw),
            msg,
            "kiểm tra lại số liệu: tỷ lệ này không thể vượt 100%".to_owned(),
        );
        return Err(Recorded);
    }
    Ok(())
}

fn qualifier_label(q: ValueQualifier) -> &'static str {
    match q {
        ValueQualifier::About => "khoảng",
        ValueQualifier::Above => "trên",
        ValueQualifier::Below => "dưới",
    }
}

/// Reads a task status by the plan's vocabulary (its labels and other spellings); a status
/// outside it is an error whose fix lists the dropdown labels.
pub fn read_status(
    sheet: &Sheet,
    pos: Option<CellPos>,
    task: &Task,
    vocabulary: &StatusVocabulary,
    issues: &mut Issues,
) -> Result<Option<ReportedStatus>, Recorded> {
    let Some(pos) = pos else { return Ok(None) };
    let Some(typed) = read_text(sheet, Some(pos)) else { return Ok(None) };
    let loc = Loc::Cell(&sheet.name, pos);
    let Some(status) = vocabulary.parse(&typed) else {
        let msg = format!("tình trạng \"{typed}\" không có trong danh mục");
        let fix = format!("chọn một trong các giá trị: {}", vocabulary.listing());
        issues.error(code::BAD_STATUS, loc, Some(&typed), msg, fix);
        return Err(Recorded);
    };
    let deadline = task.deadline.filter(|d| d.due_date().is_some());
    if let (ReportedStatus::Continuous, Some(d)) = (status, deadline) {
        let msg =
            format!("nhiệm vụ {} có thời hạn ({}), không phải nhiệm vụ thường xuyên", task.id, d.label());
        let dated: Vec<&str> = vocabulary
            .labelled()
            .iter()
            .filter(|(_, k)| *k != ReportedStatus::Continuous)
            .map(|(l, _)| l.as_str())
            .collect();
        let fix = format!("chọn một trong các giá trị: {}", dated.join("; "));
        issues.warn(code::CONTINUOUS_WITH_DEADLINE, loc, Some(&typed), msg, fix);
    }
    Ok(Some(status))
}

/// Reads a text cell (numbers as typed); `None` when blank.
pub fn read_text(sheet: &Sheet, pos: Option<CellPos>) -> Option<String> {
    pos.and_then(|p| sheet.get(p)).and_then(super::info::cell_text)
}

/// A free-text cell (result, difficulties, note): [`read_text`], with a warning when it is longer
/// than the documents print ([`MAX_TEXT_CHARS`]); the full text is kept for `tong-hop.json`.
pub fn read_long_text(sheet: &Sheet, pos: Option<CellPos>, issues: &mut Issues) -> Option<String> {
    let text = read_text(sheet, pos)?;
    let chars = text.chars().count();
    if let Some(p) = pos.filter(|_| chars > MAX_TEXT_CHARS) {
        issues.warn(
            code::TEXT_TOO_LONG,
            Loc::Cell(&sheet.name, p),
            None,
            format!(
                "nội dung dài {} ký tự; báo cáo tổng hợp chỉ in {} ký tự đầu (toàn văn vẫn được Sở lưu lại)",
                crate::vn::number(chars as f64),
                crate::vn::number(MAX_TEXT_CHARS as f64)
            ),
            "rút gọn nội dung, chỉ nêu kết quả chính".to_owned(),
        );
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collect::workbook::Cell;
    use crate::plan::{Deadline, TaskId};

    fn sheet(cell: Cell) -> Sheet {
        Sheet::from_cells("Chỉ tiêu", [(CellPos { row: 6, col: 5 }, cell)])
    }

    fn rule(percent: bool, signed: bool, styles_known: bool) -> NumberRule<'static> {
        let unit = if percent { "%" } else { "tỷ đồng" };
        NumberRule { percent, unit, signed, reference: Some(37.7), styles_known }
    }

    fn read(cell: Cell, rule: &NumberRule<'_>) -> (Result<Option<Number>, Recorded>, Vec<&'static str>) {
        let mut issues = Issues::new("a.xlsx");
        let r = read_number(&sheet(cell), Some(CellPos { row: 6, col: 5 }), rule, &mut issues);
        (r, issues.list.iter().map(|f| f.code).collect())
    }

    #[test]
    fn a_small_rate_in_a_file_without_formats_is_flagged() {
        // Poverty rate 2,35% in an .ods percent cell arrives as 0,0235; target 1,82 is too small
        // to guess from, so the value is kept as typed and the cell is flagged.
        let rule = NumberRule {
            percent: true,
            unit: "%",
            signed: false,
            reference: Some(1.82),
            styles_known: false,
        };
        let (r, codes) = read(Cell::number(0.0235), &rule);
        assert!(matches!(r, Ok(Some(n)) if n.value == 0.0235));
        assert_eq!(codes, ["phan-tram-chua-ro"]);
        let known = NumberRule { styles_known: true, ..rule };
        assert!(read(Cell::number(0.0235), &known).1.is_empty());
        assert!(read(Cell::number(2.35), &rule).1.is_empty());
    }

    #[test]
    fn non_finite_and_absurd_numbers_are_errors() {
        for v in [f64::NAN, f64::INFINITY, 1e300, -2e12] {
            let (r, codes) = read(Cell::number(v), &rule(false, true, true));
            assert!(r.is_err(), "{v}");
            assert_eq!(codes, ["so-vo-ly"], "{v}");
        }
        let (r, codes) = read(Cell::text("1e300"), &rule(false, true, true));
        assert!(r.is_err() && codes.contains(&"so-vo-ly") || codes.contains(&"khong-phai-so"), "{codes:?}");
        let (r, _) = read(Cell::number(96_058.0), &rule(false, false, true));
        assert!(matches!(r, Ok(Some(_))));
    }

    #[test]
    fn percent_cells_by_format_or_by_guess() {
        let mut pct = Cell::number(0.377);
        pct.percent_format = true;
        let (r, codes) = read(pct.clone(), &rule(true, false, true));
        let n = r.expect("valid test input").expect("valid test input");
        assert!((n.value - 37.7).abs() < 1e-9);
        assert_eq!(n.raw, "37,7%");
        assert_eq!(n.source.a1(), "Chỉ tiêu!F7");
        assert!(codes.is_empty());
        assert_eq!(read(pct, &rule(false, false, true)).1, ["don-vi-khong-khop"]);
        let (r, codes) = read(Cell::number(0.377), &rule(true, false, false));
        assert!((r.expect("valid test input").expect("valid test input").value - 37.7).abs() < 1e-9);
        assert_eq!(codes, ["gia-tri-phan-tram-suy-doan"]);
        let (r, codes) = read(Cell::number(0.377), &rule(true, false, true));
        assert_eq!(r.expect("valid test input").expect("valid test input").value, 0.377);
        assert!(codes.is_empty());
    }

    #[test]
    fn fix_hints_quote_the_row_itself() {
        let fix = |cell: Cell, rule: &NumberRule<'_>| {
            let mut issues = Issues::new("a.xlsx");
            let _ = read_number(&sheet(cell), Some(CellPos { row: 6, col: 5 }), rule, &mut issues);
            issues.list.first().map(|f| f.fix.clone()).unwrap_or_default()
        };
        let money = NumberRule { reference: Some(16_068.0), ..rule(false, false, true) };
        // The typed number, re-typed plainly, in the row's unit.
        let typed = fix(Cell::text("1.250,5 tỷ"), &money);
        assert!(typed.contains("theo đơn vị tỷ đồng") && typed.contains("ví dụ 1250,5"), "{typed}");
        // No number typed: the row's own plan figure, never another indicator's.
        let words = fix(Cell::text("chưa rõ"), &money);
        assert!(words.contains("16068") && !words.contains("37,7"), "{words}");
        let rate = NumberRule { reference: Some(1.82), ..rule(true, false, false) };
        let guessed = fix(Cell::number(0.0235), &rate);
        assert!(guessed.contains("nhập 2,35") && !guessed.contains("37,7"), "{guessed}");
    }

    #[test]
    fn ranges_depend_on_sign_and_unit() {
        assert_eq!(read(Cell::number(-1.0), &rule(false, false, true)).1, ["gia-tri-am"]);
        assert_eq!(read(Cell::number(101.0), &rule(true, false, true)).1, ["vuot-100-phan-tram"]);
        assert!(read(Cell::number(-2.19), &rule(true, true, true)).1.is_empty());
        assert!(read(Cell::number(130.0), &rule(false, false, true)).1.is_empty());
        assert_eq!(read(Cell::text("  "), &rule(false, false, true)).0, Ok(None));
    }

    #[test]
    fn statuses() {
        let task = |deadline| Task {
            id: TaskId::from("2.1"),
            title: String::new(),
            text: String::new(),
            lead: vec![],
            coordinate: vec![],
            deadline,
            output: None,
            targets: vec![],
            not_targets: vec![],
            whole_year: false,
        };
        let at = CellPos { row: 6, col: 5 };
        let vocabulary = StatusVocabulary::builtin();
        let run = |text: &str, t: &Task| {
            let mut issues = Issues::new("a.xlsx");
            let r = read_status(&sheet(Cell::text(text)), Some(at), t, &vocabulary, &mut issues);
            (r, issues.list.iter().map(|f| f.code).collect::<Vec<_>>())
        };
        let dated = task(Some(Deadline::Year(2024)));
        assert_eq!(run("đang thực hiện", &dated), (Ok(Some(ReportedStatus::InProgress)), vec![]));
        assert_eq!(
            run("Thường xuyên", &dated),
            (Ok(Some(ReportedStatus::Continuous)), vec!["thuong-xuyen-co-thoi-han"])
        );
        assert_eq!(run("Thường xuyên", &task(Some(Deadline::Continuous))).1, Vec::<&str>::new());
        assert_eq!(run("Sắp xong", &dated), (Err(Recorded), vec!["tinh-trang-khong-hop-le"]));
        assert_eq!(run("Đã trình UBND tỉnh.", &dated), (Ok(Some(ReportedStatus::Submitted)), vec![]));
        assert_eq!(run(" ", &dated), (Ok(None), vec![]));
    }
}
