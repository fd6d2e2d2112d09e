//! Opens a spreadsheet's bytes with calamine and keeps every non-empty cell in a sparse grid with
//! absolute positions, text already decoded from legacy encodings.
//!
//! xlsx sheets are streamed cell by cell (a stray value at `XFD1048576` costs one cell, not a
//! dense range), values and style ids in one pass over the sheet's XML where the sheet allows it;
//! the styles give the number format (percent cells) and the font name (`.VnTime` = TCVN3,
//! `VNI-Times` = VNI). calamine has no styles for xls and ods, so there the
//! readers fall back to heuristics; those two formats are also read into a dense range first.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Reader, SheetType, Sheets, StyleRange, Xlsx};
use time::Date;

use crate::vn::legacy::{TextEncoding, decode_cell_text_with_font};

/// An absolute, zero-based cell position (`row 6, col 5` is `F7`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellPos {
    /// Zero-based row.
    pub row: u32,
    /// Zero-based column.
    pub col: u32,
}

impl CellPos {
    /// The absolute position of a cell given relative to a calamine range's `start()`.
    ///
    /// This is the one place where calamine's relative positions become absolute ones.
    pub fn absolute(start: Option<(u32, u32)>, relative: (usize, usize)) -> CellPos {
        let (r0, c0) = start.unwrap_or((0, 0));
        let row = u32::try_from(relative.0).unwrap_or(u32::MAX).saturating_add(r0);
        let col = u32::try_from(relative.1).unwrap_or(u32::MAX).saturating_add(c0);
        CellPos { row, col }
    }

    /// The cell in A1 form: `F7`, `AA10`.
    pub fn a1(self) -> String {
        let mut letters = Vec::new();
        let mut n = u64::from(self.col) + 1;
        while n > 0 {
            let rem = (n - 1) % 26;
            letters.push(char::from(b'A' + rem as u8));
            n = (n - 1) / 26;
        }
        let col: String = letters.into_iter().rev().collect();
        format!("{col}{}", u64::from(self.row) + 1)
    }
}

/// A cell's value, text decoded to NFC Unicode.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number (formulas give their cached value).
    Number(f64),
    /// Text.
    Text(String),
    /// A boolean.
    Bool(bool),
    /// A date-formatted number, with its serial and the calendar date when it has one.
    Date {
        /// The calendar date.
        date: Option<Date>,
        /// The value as displayed or typed.
        shown: String,
    },
    /// A formula error (`#DIV/0!`).
    Error(String),
    /// A formula whose result the file does not hold (saved by a program that does not compute,
    /// or never recalculated): not a blank, which would read as "no data".
    Uncomputed,
}

#[cfg(test)]
impl Cell {
    /// A plain text cell (tests and synthetic input).
    pub fn text(text: &str) -> Cell {
        Cell { value: Value::Text(text.to_owned()), percent_format: false, encoding: TextEncoding::Unicode }
    }

    /// A plain number cell (tests and synthetic input).
    pub fn number(v: f64) -> Cell {
        Cell { value: Value::Number(v), percent_format: false, encoding: TextEncoding::Unicode }
    }
}

/// One non-empty cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The value.
    pub value: Value,
    /// The number format shows the value as a percentage (`0.0%`).
    pub percent_format: bool,
    /// The text encoding the cell was found in (Unicode for non-text cells).
    pub encoding: TextEncoding,
}

/// One worksheet.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The sheet name (decoded, NFC).
    pub name: String,
    cells: BTreeMap<CellPos, Cell>,
}

impl Sheet {
    /// The cell at a position, when not empty.
    pub fn get(&self, pos: CellPos) -> Option<&Cell> {
        self.cells.get(&pos)
    }

    /// True when the sheet has no non-empty cell.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Every non-empty cell in row-major order.
    pub fn cells(&self) -> impl Iterator<Item = (CellPos, &Cell)> {
        self.cells.iter().map(|(p, c)| (*p, c))
    }

    /// The non-empty cells of one row, left to right.
    pub fn row(&self, row: u32) -> impl Iterator<Item = (CellPos, &Cell)> {
        let from = CellPos { row, col: 0 };
        let to = CellPos { row, col: u32::MAX };
        self.cells.range(from..=to).map(|(p, c)| (*p, c))
    }

    /// The distinct rows holding at least one cell, top to bottom, starting at `from`.
    pub fn rows_from(&self, from: u32) -> Vec<u32> {
        let mut rows: Vec<u32> =
            self.cells.range(CellPos { row: from, col: 0 }..).map(|(p, _)| p.row).collect();
        rows.dedup();
        rows
    }

    /// A sheet built from cells (tests and synthetic input).
    #[cfg(test)]
    pub fn from_cells(name: &str, cells: impl IntoIterator<Item = (CellPos, Cell)>) -> Sheet {
        Sheet { name: name.to_owned(), cells: cells.into_iter().collect() }
    }

    fn insert(&mut self, pos: CellPos, cell: Cell) {
        self.cells.insert(pos, cell);
    }
}

/// A workbook's worksheets, in workbook order.
#[derive(Debug, Clone, Default)]
pub struct Workbook {
    /// The worksheets.
    pub sheets: Vec<Sheet>,
    /// True when number formats were available (xlsx); otherwise percent cells are guessed.
    pub styles_known: bool,
    /// Sheets that could not be read, with the reason (calamine's message).
    pub unreadable: Vec<(String, String)>,
    /// Sheets whose number formats could not be read (their percent cells are guessed), with
    /// the reason.
    pub unknown_styles: Vec<(String, String)>,
}

/// Opens a workbook from its bytes; `Err` (calamine's message) when it is not a spreadsheet.
///
/// The format named by `extension` is tried first, so its error is the one reported; then any
/// format (clerks rename `.xls` files to `.xlsx`).
pub fn read_workbook(bytes: &[u8], extension: &str) -> Result<Workbook, String> {
    let cursor = Cursor::new(bytes);
    let by_extension = match extension.to_ascii_lowercase().as_str() {
        "xlsx" | "xlsm" => {
            calamine::open_workbook_from_rs(cursor.clone()).map(Sheets::Xlsx).map_err(|e| e.to_string())
        }
        "xls" => calamine::open_workbook_from_rs(cursor.clone()).map(Sheets::Xls).map_err(|e| e.to_string()),
        "ods" => calamine::open_workbook_from_rs(cursor.clone()).map(Sheets::Ods).map_err(|e| e.to_string()),
        _ => Err("định dạng không rõ".to_owned()),
    };
    let mut sheets = match by_extension {
        Ok(s) => s,
        Err(first) => calamine::open_workbook_auto_from_rs(cursor).map_err(|_| first)?,
    };
    if let Sheets::Xlsx(xlsx) = &mut sheets {
        return Ok(read_xlsx(xlsx));
    }
    let mut book = Workbook::default();
    let names = worksheet_names(sheets.sheets_metadata());
    for name in names {
        match sheets.worksheet_range(&name) {
            Ok(range) => book.sheets.push(dense_sheet(&name, &range)),
            Err(e) => book.unreadable.push((decode_name(&name), e.to_string())),
        }
    }
    Ok(book)
}

/// The worksheets' names, each once: a damaged `workbook.xml` may list one sheet thousands of
/// times, and reading it again for each listing costs seconds and gigabytes.
fn worksheet_names(meta: &[calamine::Sheet]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    meta.iter()
        .filter(|s| s.typ == SheetType::WorkSheet && seen.insert(s.name.as_str()))
        .map(|s| s.name.clone())
        .collect()
}

fn decode_name(name: &str) -> String {
    decode_cell_text_with_font(name, None).text
}

/// Reads an xls/ods/xlsb range; the only place calamine's relative positions are used.
fn dense_sheet(name: &str, range: &calamine::Range<Data>) -> Sheet {
    let mut sheet = Sheet { name: decode_name(name), ..Sheet::default() };
    let start = range.start();
    for (r, c, data) in range.used_cells() {
        let pos = CellPos::absolute(start, (r, c));
        if let Some(cell) = convert(data_ref(data), None) {
            sheet.insert(pos, cell);
        }
    }
    sheet
}

fn data_ref(data: &Data) -> DataRef<'_> {
    match data {
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::SharedString(s),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(d) => DataRef::DateTime(*d),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    }
}

fn read_xlsx(xlsx: &mut Xlsx<Cursor<&[u8]>>) -> Workbook {
    let mut book = Workbook { styles_known: true, ..Workbook::default() };
    for name in worksheet_names(xlsx.sheets_metadata()) {
        if let Some(sheet) = one_pass_xlsx_sheet(xlsx, &name) {
            book.sheets.push(sheet);
            continue;
        }
        let styles = match xlsx.worksheet_style(&name) {
            Ok(s) => Some(s),
            Err(e) => {
                // Never "styles known" when they could not be read: percent cells are then guessed.
                book.styles_known = false;
                book.unknown_styles.push((decode_name(&name), e.to_string()));
                None
            }
        };
        match stream_xlsx_sheet(xlsx, &name, styles.as_ref()) {
            Ok(sheet) => book.sheets.push(sheet),
            Err(e) => book.unreadable.push((decode_name(&name), e)),
        }
    }
    book
}

/// Reads a sheet's values and styles in one pass over its XML, the common case. `None` when
/// the pass fails or meets a cell element without a value — a formula whose result the file does
/// not hold, which only the formula-aware reader tells from a blank — so the sheet is read again
/// by [`stream_xlsx_sheet`] with its styles read separately (two passes, and every error kept).
fn one_pass_xlsx_sheet(xlsx: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Option<Sheet> {
    let mut sheet = Sheet { name: decode_name(name), ..Sheet::default() };
    let mut reader = xlsx.worksheet_cells_reader(name).ok()?;
    while let Some((cell, style_id)) = reader.next_cell_with_style_id().ok()? {
        let (row, col) = cell.get_position();
        // Style 0 is the workbook's default format; an id past the palette is the default too.
        let palette = reader.styles();
        let style = palette.get(style_id).or_else(|| palette.first());
        let value = cell.get_value().clone();
        if matches!(value, DataRef::Empty) {
            return None;
        }
        if let Some(c) = convert(value, style) {
            sheet.insert(CellPos { row, col }, c);
        }
    }
    Some(sheet)
}

fn stream_xlsx_sheet(
    xlsx: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    styles: Option<&StyleRange>,
) -> Result<Sheet, String> {
    let mut sheet = Sheet { name: decode_name(name), ..Sheet::default() };
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
    while let Some(cell) = reader.next_cell_with_formula_metadata().map_err(|e| e.to_string())? {
        let (row, col) = cell.pos;
        let pos = CellPos { row, col };
        if cell.formula.is_some() && matches!(cell.value, DataRef::Empty) {
            sheet.insert(
                pos,
                Cell { value: Value::Uncomputed, percent_format: false, encoding: TextEncoding::Unicode },
            );
            continue;
        }
        let style = styles.and_then(|s| s.get((row, col)));
        if let Some(c) = convert(cell.value, style) {
            sheet.insert(pos, c);
        }
    }
    Ok(sheet)
}

/// Converts one calamine value; `None` for empty cells.
fn convert(data: DataRef<'_>, style: Option<&calamine::Style>) -> Option<Cell> {
    let percent_format =
        style.and_then(|s| s.number_format.as_ref()).is_some_and(|f| f.format_code.contains('%'));
    let font = style.and_then(|s| s.font.as_ref()).and_then(|f| f.name.as_deref());
    let mut encoding = TextEncoding::Unicode;
    let value = match data {
        DataRef::Empty => return None,
        DataRef::Int(i) => Value::Number(i as f64),
        DataRef::Float(f) => Value::Number(f),
        DataRef::Bool(b) => Value::Bool(b),
        DataRef::String(s) => text_value(&s, font, &mut encoding),
        DataRef::SharedString(s) => text_value(s, font, &mut encoding),
        DataRef::DateTime(d) => excel_date(&d),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            Value::Date { date: crate::collect::values::parse_date_text(&s), shown: s }
        }
        DataRef::Error(e) => Value::Error(e.to_string()),
    };
    Some(Cell { value, percent_format, encoding })
}

fn text_value(raw: &str, font: Option<&str>, encoding: &mut TextEncoding) -> Value {
    let decoded = decode_cell_text_with_font(raw, font);
    *encoding = decoded.encoding;
    Value::Text(decoded.text)
}

fn excel_date(d: &calamine::ExcelDateTime) -> Value {
    if !d.is_datetime() {
        return Value::Number(d.as_f64());
    }
    let (y, m, day, ..) = d.to_ymd_hms_milli();
    let date = time::Month::try_from(m)
        .ok()
        .and_then(|month| Date::from_calendar_date(i32::from(y), month, day).ok());
    let shown = match date {
        Some(date) => crate::vn::date_short(date),
        None => d.as_f64().to_string(),
    };
    Value::Date { date, shown }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_from_absolute_and_relative_positions() {
        assert_eq!(CellPos { row: 0, col: 0 }.a1(), "A1");
        assert_eq!(CellPos { row: 6, col: 5 }.a1(), "F7");
        assert_eq!(CellPos { row: 0, col: 25 }.a1(), "Z1");
        assert_eq!(CellPos { row: 9, col: 26 }.a1(), "AA10");
        assert_eq!(CellPos { row: 0, col: 701 }.a1(), "ZZ1");
        assert_eq!(CellPos { row: 0, col: 702 }.a1(), "AAA1");
        assert_eq!(CellPos { row: 1_048_575, col: 16_383 }.a1(), "XFD1048576");
        // A range whose first used cell is C5: relative (0, 0) is C5, (2, 24) is AA7.
        assert_eq!(CellPos::absolute(Some((4, 2)), (0, 0)).a1(), "C5");
        assert_eq!(CellPos::absolute(Some((4, 2)), (2, 24)).a1(), "AA7");
        assert_eq!(CellPos::absolute(None, (0, 1)).a1(), "B1");
    }

    #[test]
    fn garbage_is_not_a_workbook() {
        assert!(read_workbook(b"not a spreadsheet at all", "xlsx").is_err());
        assert!(read_workbook(b"", "ods").is_err());
        assert!(read_workbook(b"PK\x03\x04 truncated zip", "xls").is_err());
    }

    #[test]
    fn xlsx_cells_keep_positions_formats_and_fonts() {
        use rust_xlsxwriter::{Format, Workbook as W};
        let mut wb = W::new();
        let ws = wb.add_worksheet();
        ws.set_name("Chỉ tiêu").expect("valid test input");
        ws.write_number_with_format(6, 5, 0.377, &Format::new().set_num_format("0.0%"))
            .expect("valid test input");
        ws.write_string_with_format(2, 27, "B¸o c¸o", &Format::new().set_font_name(".VnTime"))
            .expect("valid test input");
        ws.write_number(3, 0, 12.0).expect("valid test input");
        let bytes = wb.save_to_buffer().expect("valid test input");
        let book = read_workbook(&bytes, "ods").expect("valid test input");
        assert!(book.styles_known);
        let sheet = &book.sheets[0];
        assert_eq!(sheet.name, "Chỉ tiêu");
        let pct = sheet.get(CellPos { row: 6, col: 5 }).expect("valid test input");
        assert!(pct.percent_format);
        assert_eq!(pct.value, Value::Number(0.377));
        let text = sheet.get(CellPos { row: 2, col: 27 }).expect("valid test input");
        assert_eq!(text.value, Value::Text("Báo cáo".into()));
        assert_eq!(text.encoding, TextEncoding::Tcvn3);
        assert!(!sheet.get(CellPos { row: 3, col: 0 }).expect("valid test input").percent_format);
        assert_eq!(sheet.rows_from(3), vec![3, 6]);
    }
}
