//! Reading spreadsheets back in tests: calamine ranges addressed by A1 cells.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Range, Reader, open_workbook_auto, open_workbook_auto_from_rs};

/// A workbook's sheets, by name, in order.
pub struct Book {
    /// Sheet names, in order.
    pub names: Vec<String>,
    /// Each sheet's cells.
    pub sheets: Vec<Range<Data>>,
}

impl Book {
    /// Opens an xlsx, xls or ods file.
    pub fn open(path: &Path) -> Book {
        let mut wb = open_workbook_auto(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let names = wb.sheet_names().to_vec();
        let sheets = names.iter().map(|n| wb.worksheet_range(n).expect("sheet reads")).collect();
        Book { names, sheets }
    }

    /// Reads xlsx bytes.
    pub fn from_bytes(bytes: &[u8]) -> Book {
        let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).expect("workbook opens");
        let names = wb.sheet_names().to_vec();
        let sheets = names.iter().map(|n| wb.worksheet_range(n).expect("sheet reads")).collect();
        Book { names, sheets }
    }

    /// A sheet by name.
    pub fn sheet(&self, name: &str) -> &Range<Data> {
        let i = self
            .names
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("no sheet `{name}` in {:?}", self.names));
        &self.sheets[i]
    }

    /// The value of `sheet!a1`, `Data::Empty` when blank.
    pub fn cell(&self, sheet: &str, a1: &str) -> Data {
        self.sheet(sheet).get_value(position(a1)).cloned().unwrap_or(Data::Empty)
    }

    /// The text of a row's cells from column A, up to `n` cells.
    pub fn row_texts(&self, sheet: &str, row: u32, n: u32) -> Vec<String> {
        (0..n).map(|c| text(self.sheet(sheet).get_value((row, c)).unwrap_or(&Data::Empty))).collect()
    }

    /// The 0-based row whose column A holds `code`, in `sheet`.
    pub fn find_row(&self, sheet: &str, code: &str) -> Option<u32> {
        let range = self.sheet(sheet);
        let (start, end) = (range.start()?, range.end()?);
        (start.0..=end.0).find(|r| range.get_value((*r, 0)).is_some_and(|d| text(d) == code))
    }

    /// The codes in column A below the header row.
    pub fn codes(&self, sheet: &str) -> Vec<String> {
        let range = self.sheet(sheet);
        let Some(end) = range.end() else { return Vec::new() };
        (1..=end.0)
            .map(|r| text(range.get_value((r, 0)).unwrap_or(&Data::Empty)))
            .filter(|t| !t.is_empty())
            .collect()
    }
}

/// A cell as text (numbers in Rust's formatting).
pub fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A cell as a number, if it is one.
pub fn number(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        Data::DateTime(dt) => Some(dt.as_f64()),
        _ => None,
    }
}

/// `B12` → (11, 1), zero-based absolute.
pub fn position(a1: &str) -> (u32, u32) {
    let letters: String = a1.chars().take_while(char::is_ascii_alphabetic).collect();
    let row: u32 = a1[letters.len()..].parse().expect("row number");
    let col = letters.bytes().fold(0u32, |acc, b| acc * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1));
    (row - 1, col - 1)
}
