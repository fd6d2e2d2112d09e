//! What the three data sheets share: find the columns, then walk the rows by the code in `Mã`,
//! reporting unknown, foreign, duplicate and missing codes.

use std::collections::HashMap;
use std::hash::Hash;

use super::cells::read_text;
use super::header::{Columns, header_key, locate_columns};
use super::index::code_key;
use super::info::cell_text;
use super::issues::{Issues, Loc, code};
use super::values::{TextNumber, parse_number_text};
use super::workbook::{Cell, CellPos, Sheet, Value};
use crate::plan::StatusVocabulary;

/// How one data sheet is laid out and which of its columns must be there.
#[derive(Debug, Clone, Copy)]
pub struct SheetSpec<C: 'static> {
    /// The sheet name.
    pub name: &'static str,
    /// The headers, in form order.
    pub headers: &'static [(C, &'static str)],
    /// The `Mã` column.
    pub code: C,
    /// The columns the agency fills in; all must be present.
    pub inputs: &'static [C],
    /// Input columns that may be missing (notes).
    pub optional: &'static [C],
    /// What a row is, for messages (`chỉ tiêu`, `ngành`, `nhiệm vụ`).
    pub row_noun: &'static str,
}

/// Who a code belongs to, as far as this agency's sheet is concerned.
#[derive(Debug, Clone)]
pub enum Owner {
    /// One of the agency's rows.
    Mine,
    /// In the plan, reported by these agencies (names).
    Other(String),
    /// A task target reported once, on this Phụ lục 1 indicator's row (`same-as`).
    Merged(String),
    /// Not in the plan.
    Unknown,
}

/// A row to read: its row number and its code's key.
#[derive(Debug, Clone)]
pub struct RowToRead {
    /// The row (zero-based).
    pub row: u32,
    /// The code key (`CT01`).
    pub key: String,
}

/// Finds the sheet by folded name.
pub fn find_sheet<'b>(sheets: &'b [Sheet], name: &str) -> Option<&'b Sheet> {
    let key = header_key(name);
    sheets.iter().find(|s| header_key(&s.name) == key)
}

/// Locates the columns; records `thieu-cot` and returns `None` when a required one is missing.
pub fn columns<C: Copy + Eq + Hash>(
    sheet: &Sheet,
    spec: &SheetSpec<C>,
    issues: &mut Issues,
) -> Option<Columns<C>> {
    let header_of = |c: C| spec.headers.iter().find(|(k, _)| *k == c).map_or("", |(_, h)| *h);
    let Some(cols) = locate_columns(sheet, spec.headers, spec.code) else {
        issues.error(
            code::NO_COLUMN,
            Loc::Sheet(&sheet.name),
            None,
            format!(
                "không tìm thấy dòng tiêu đề có cột \"{}\" trong {} dòng đầu",
                header_of(spec.code),
                super::header::HEADER_SEARCH_ROWS
            ),
            "giữ nguyên dòng tiêu đề của biểu mẫu (có cột Mã)".to_owned(),
        );
        return None;
    };
    for (_, h, pos) in &cols.duplicates {
        issues.warn(
            code::DUPLICATE_COLUMN,
            Loc::Cell(&sheet.name, *pos),
            Some(h),
            format!("cột \"{h}\" xuất hiện hai lần; chỉ đọc cột đầu tiên"),
            "xóa cột trùng".to_owned(),
        );
    }
    let missing: Vec<&str> = spec
        .inputs
        .iter()
        .filter(|c| !spec.optional.contains(c) && !cols.cols.contains_key(c))
        .map(|c| header_of(*c))
        .collect();
    if !missing.is_empty() {
        let list = missing.iter().map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(", ");
        issues.error(
            code::NO_COLUMN,
            Loc::Sheet(&sheet.name),
            None,
            format!("thiếu cột {list}; không đọc được số liệu của trang này"),
            format!("thêm lại cột {list} vào dòng tiêu đề (dòng {})", cols.row + 1),
        );
        return None;
    }
    Some(cols)
}

/// Walks the rows below the header: returns the agency's rows to read, first occurrence of each.
///
/// Rows with no code and no figure are skipped (headings, blank lines, a signature block typed
/// in the input columns); a row with a figure (a number or a status of the plan's vocabulary)
/// but no code, or an unknown or foreign code with any input, is an error; a repeated code is
/// an error on the repeat; every expected code that never appears is `thieu-dong`.
pub fn rows_to_read<C: Copy + Eq + Hash>(
    sheet: &Sheet,
    spec: &SheetSpec<C>,
    cols: &Columns<C>,
    expected: &[(String, String)],
    owner: impl Fn(&str) -> Owner,
    statuses: &StatusVocabulary,
    issues: &mut Issues,
) -> Vec<RowToRead> {
    let mut first_seen: HashMap<String, CellPos> = HashMap::new();
    let mut out = Vec::new();
    for row in sheet.rows_from(cols.row.saturating_add(1)) {
        let code_pos = cols.cell(spec.code, row);
        let inputs = || spec.inputs.iter().filter_map(|c| sheet.get(cols.cell(*c, row)?));
        let has_input = || inputs().any(|c| cell_text(c).is_some());
        let Some((pos, typed)) = code_pos.and_then(|p| read_text(sheet, Some(p)).map(|t| (p, t))) else {
            if inputs().any(|c| looks_like_data(c, statuses)) {
                let pos = code_pos.unwrap_or(CellPos { row, col: 0 });
                issues.error(
                    code::NO_CODE,
                    Loc::Cell(&sheet.name, pos),
                    None,
                    format!("dòng {} có số liệu nhưng không có mã; số liệu không được đọc", row + 1),
                    "ghi lại mã của dòng như trong biểu mẫu".to_owned(),
                );
            }
            continue;
        };
        let key = code_key(&typed);
        let loc = Loc::Cell(&sheet.name, pos);
        match owner(&key) {
            Owner::Mine => {}
            Owner::Unknown if has_input() => {
                let msg = format!("mã \"{typed}\" không có trong kế hoạch; số liệu dòng này không được đọc");
                let fix = format!("ghi đúng mã {} như trong biểu mẫu do Sở gửi", spec.row_noun);
                issues.error(code::UNKNOWN_CODE, loc, Some(&typed), msg, fix);
                continue;
            }
            Owner::Other(names) if has_input() => {
                let msg = format!("{} \"{typed}\" do {names} báo cáo, không phải cơ quan này", spec.row_noun);
                let fix = "xóa dòng này hoặc kiểm tra lại mã".to_owned();
                issues.error(code::OTHER_AGENCY_CODE, loc, Some(&typed), msg, fix);
                continue;
            }
            Owner::Merged(indicator) if has_input() => {
                let msg = format!(
                    "chỉ tiêu \"{typed}\" nay là chỉ tiêu {indicator} của Phụ lục 1 và chỉ báo cáo một lần, tại dòng {indicator}; số liệu dòng này không được đọc"
                );
                let fix =
                    format!("ghi số liệu vào dòng {indicator} (biểu mẫu mới của Sở không còn dòng này)");
                issues.warn(code::MERGED_CODE, loc, Some(&typed), msg, fix);
                continue;
            }
            Owner::Unknown | Owner::Other(_) | Owner::Merged(_) => continue,
        }
        if let Some(first) = first_seen.get(&key) {
            let msg = format!("mã \"{typed}\" đã có ở ô {}; dòng này không được đọc", first.a1());
            issues.error(
                code::DUPLICATE_CODE,
                loc,
                Some(&typed),
                msg,
                "xóa dòng trùng, giữ một dòng cho mỗi mã".to_owned(),
            );
            continue;
        }
        first_seen.insert(key.clone(), pos);
        out.push(RowToRead { row, key });
    }
    report_missing(sheet, spec, expected, &first_seen, issues);
    out
}

/// A number or a task status: what a row without a code must not silently lose.
fn looks_like_data(cell: &Cell, statuses: &StatusVocabulary) -> bool {
    match &cell.value {
        Value::Number(_) => true,
        Value::Text(t) => {
            matches!(parse_number_text(t), TextNumber::Number { .. }) || statuses.parse(t).is_some()
        }
        Value::Bool(_) | Value::Date { .. } | Value::Error(_) | Value::Uncomputed => false,
    }
}

fn report_missing<C>(
    sheet: &Sheet,
    spec: &SheetSpec<C>,
    expected: &[(String, String)],
    seen: &HashMap<String, CellPos>,
    issues: &mut Issues,
) {
    for (_, shown) in expected.iter().filter(|(k, _)| !seen.contains_key(k)) {
        issues.error(
            code::MISSING_ROW,
            Loc::Sheet(&sheet.name),
            Some(shown),
            format!("thiếu dòng {} mã {shown}", spec.row_noun),
            format!("thêm lại dòng mã {shown} (dùng biểu mẫu do Sở gửi) và nhập số liệu"),
        );
    }
}
