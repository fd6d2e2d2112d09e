//! Finds a sheet's header row and its columns by header text, so inserted, deleted-then-retyped or
//! reordered columns still read.
//!
//! Header texts are compared by a key that ignores case, accents and tone placement (`lũy` and
//! `luỹ`), NFC/NFD, spacing, line breaks and punctuation other than `%`, plus a trailing `(*)`.

use std::collections::HashMap;
use std::hash::Hash;

use unicode_normalization::UnicodeNormalization;

use super::workbook::{CellPos, Sheet, Value};

/// How many rows from the top of a sheet may hold the header row.
pub const HEADER_SEARCH_ROWS: u32 = 12;

/// Longer cells are never headers (the longest layout header has 30 characters).
const MAX_HEADER_CHARS: usize = 60;

/// The comparison key of a header text: `Thực hiện lũy kế\nđến hết quý (*)` → `thuchienluykedenhetquy`.
pub fn header_key(text: &str) -> String {
    let base = text.trim().trim_end_matches("(*)").trim_end_matches([':', '*', ' ']);
    base.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .filter(|c| c.is_alphanumeric() || *c == '%')
        .collect()
}

/// Where a sheet's columns are.
#[derive(Debug, Clone)]
pub struct Columns<C> {
    /// The header row.
    pub row: u32,
    /// Column of each recognised header (the first one when a header repeats).
    pub cols: HashMap<C, u32>,
    /// Headers found more than once: (column kind, header text, the ignored cell).
    pub duplicates: Vec<(C, &'static str, CellPos)>,
}

impl<C: Copy + Eq + Hash> Columns<C> {
    /// The cell of column `c` in `row`, when the column exists.
    pub fn cell(&self, c: C, row: u32) -> Option<CellPos> {
        self.cols.get(&c).map(|&col| CellPos { row, col })
    }
}

/// Looks for the header row among the first rows of `sheet`: the row with the most known headers
/// that includes `code`. Returns `None` when no row has the code column.
pub fn locate_columns<C: Copy + Eq + Hash>(
    sheet: &Sheet,
    headers: &[(C, &'static str)],
    code: C,
) -> Option<Columns<C>> {
    let keys: Vec<(C, &'static str, String)> = headers.iter().map(|(c, h)| (*c, *h, header_key(h))).collect();
    let first = sheet.cells().next().map(|(p, _)| p.row)?;
    let mut best: Option<Columns<C>> = None;
    for row in first..first.saturating_add(HEADER_SEARCH_ROWS) {
        let found = match_row(sheet, row, &keys);
        if !found.cols.contains_key(&code) {
            continue;
        }
        let complete = found.cols.len() == keys.len();
        if best.as_ref().is_none_or(|b| found.cols.len() > b.cols.len()) {
            best = Some(found);
        }
        if complete {
            break; // every header found: the rows below are data
        }
    }
    best
}

fn match_row<C: Copy + Eq + Hash>(sheet: &Sheet, row: u32, keys: &[(C, &'static str, String)]) -> Columns<C> {
    let mut cols = HashMap::new();
    let mut duplicates = Vec::new();
    for (pos, cell) in sheet.row(row) {
        let Value::Text(text) = &cell.value else { continue };
        if text.chars().nth(MAX_HEADER_CHARS).is_some() {
            continue; // a task title or an indicator name, not a header; skip the folding
        }
        let key = header_key(text);
        if key.is_empty() {
            continue;
        }
        if let Some((c, h, _)) = keys.iter().find(|(_, _, k)| *k == key) {
            if cols.contains_key(c) {
                duplicates.push((*c, *h, pos));
            } else {
                cols.insert(*c, pos.col);
            }
        }
    }
    Columns { row, cols, duplicates }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{GROWTH_HEADERS, MEASURE_HEADERS, TASK_HEADERS};

    #[test]
    fn header_keys_ignore_case_accents_spacing_and_tone_placement() {
        assert_eq!(
            header_key("Thực hiện lũy kế đến hết quý"),
            header_key("THỰC HIỆN LUỸ KẾ\nĐẾN HẾT QUÝ (*)")
        );
        let nfd: String = "Ước thực hiện cả năm".nfd().collect();
        assert_eq!(header_key(&nfd), header_key("Ước thực hiện cả năm"));
        assert_eq!(header_key(" Mã: "), "ma");
        assert_ne!(header_key("Kịch bản (%)"), header_key("Kịch bản cập nhật cả năm (%)"));
    }

    #[test]
    fn header_keys_are_unique_within_each_sheet() {
        for keys in [
            MEASURE_HEADERS.iter().map(|(_, h)| header_key(h)).collect::<Vec<_>>(),
            GROWTH_HEADERS.iter().map(|(_, h)| header_key(h)).collect(),
            TASK_HEADERS.iter().map(|(_, h)| header_key(h)).collect(),
        ] {
            let mut sorted = keys.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), keys.len(), "{keys:?}");
        }
    }

    #[test]
    fn a_prefilled_row_maps_each_input_to_its_own_column() {
        use crate::collect::workbook::Cell;
        use crate::contract::MeasureColumn as M;
        let at = |col| CellPos { row: 0, col };
        let cells = (0..).zip(MEASURE_HEADERS).map(|(col, (_, h))| (at(col), Cell::text(h)));
        let cols = locate_columns(&Sheet::from_cells("Chỉ tiêu", cells), &MEASURE_HEADERS, M::Code)
            .expect("valid test input");
        assert_eq!(cols.cols[&M::PreviousCumulative], 5);
        assert_eq!((cols.cols[&M::Cumulative], cols.cols[&M::YearEstimate]), (6, 8));
        assert!(cols.duplicates.is_empty());
    }

    #[test]
    fn finds_reordered_and_inserted_columns_below_a_title() {
        use crate::collect::workbook::Cell;
        use crate::contract::MeasureColumn as M;
        let at = |row, col| CellPos { row, col };
        let sheet = Sheet::from_cells(
            "Chỉ tiêu",
            [
                (at(0, 0), Cell::text("BIỂU CHỈ TIÊU")),
                (at(2, 0), Cell::text("STT")),
                (at(2, 1), Cell::text("Ước thực hiện\ncả năm")),
                (at(2, 2), Cell::text("mã")),
                (at(2, 3), Cell::text("Cột tự thêm")),
                (at(2, 4), Cell::text("Thực hiện lũy kế đến hết quý")),
                (at(2, 5), Cell::text("Mã")),
                (at(3, 2), Cell::text("CT01")),
            ],
        );
        let cols = locate_columns(&sheet, &MEASURE_HEADERS, M::Code).expect("valid test input");
        assert_eq!(cols.row, 2);
        assert_eq!(cols.cols[&M::Code], 2);
        assert_eq!(cols.cols[&M::YearEstimate], 1);
        assert_eq!(cols.cols[&M::Cumulative], 4);
        assert!(!cols.cols.contains_key(&M::Note));
        assert_eq!(cols.duplicates.len(), 1);
        assert_eq!(cols.cell(M::Cumulative, 3).expect("valid test input").a1(), "E4");
        assert!(locate_columns(&Sheet::from_cells("x", []), &MEASURE_HEADERS, M::Code).is_none());
    }
}
