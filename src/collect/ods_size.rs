//! How many cells an OpenDocument spreadsheet makes calamine build, read from `content.xml`
//! before calamine opens it.
//!
//! An ODS row or cell may carry `table:number-rows-repeated` / `table:number-columns-repeated`,
//! and calamine expands every sheet into a dense grid spanning its non-empty cells when it opens
//! the file. A 1 KB file declaring one text cell repeated 10.000 times on 9.000 rows made the
//! intake of one quarter use 22 GB of memory for almost three minutes; two such files read in
//! parallel take the machine down with the whole run. So the grid is measured first, the way
//! calamine will build it: per sheet, the rectangle from the first to the last non-empty row and
//! column, rows capped at 1.048.576 and columns at 16.384 like calamine.
//!
//! The text of a cell is copied into every repeat of it, and `<text:s text:c="N"/>` becomes N
//! spaces: a 30 KB file repeating 10 KB of text under the cell limit still asks for gigabytes.
//! So [`measure`] also counts the text every non-empty cell carries, repeats included (used by
//! the pre-scan, `prescan`).

use std::io::{Cursor, Read};

/// calamine's caps on an ODS sheet.
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;

/// The cells calamine would allocate for every sheet of the ODS in `bytes` (the sum of each
/// sheet's non-empty rectangle), or `None` when the bytes are not a zip holding `content.xml`.
/// `limit` bounds how much of `content.xml` is read (the unpacked-size guard runs first).
pub fn ods_grid_cells(bytes: &[u8], limit: u64) -> Option<u64> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut entry = zip.by_name("content.xml").ok()?;
    let mut xml = Vec::new();
    // A read error leaves what was read; calamine reports the broken file itself.
    let _ = (&mut entry).take(limit).read_to_end(&mut xml);
    Some(measure(&xml).grid_cells)
}

/// What a `content.xml` makes calamine build, repeats expanded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OdsSize {
    /// The cells of every sheet's non-empty rectangle (calamine's dense grids).
    pub grid_cells: u64,
    /// The non-empty cells.
    pub cells: u64,
    /// The bytes of text of the non-empty cells (text, `<text:s text:c="…"/>` spaces, tabs,
    /// breaks, string values and formulas), each cell counted as often as it is repeated.
    pub text_bytes: u64,
}

/// One sheet's non-empty rectangle, grown cell by cell.
#[derive(Default)]
struct Rect(Option<(u64, u64, u64, u64)>);

impl Rect {
    fn add(&mut self, rows: (u64, u64), cols: (u64, u64)) {
        let r = self.0.get_or_insert((rows.0, rows.1, cols.0, cols.1));
        *r = (r.0.min(rows.0), r.1.max(rows.1), r.2.min(cols.0), r.3.max(cols.1));
    }

    fn cells(&self) -> u64 {
        self.0.map_or(0, |(r0, r1, c0, c1)| (r1 - r0 + 1).saturating_mul(c1 - c0 + 1))
    }
}

/// The grid cells declared by a `content.xml` (see the module doc).
#[cfg(test)]
fn grid_cells(xml: &[u8]) -> u64 {
    measure(xml).grid_cells
}

/// Measures a `content.xml` the way calamine will expand it (see the module doc).
pub fn measure(xml: &[u8]) -> OdsSize {
    let mut size = OdsSize::default();
    let mut rect = Rect::default();
    let (mut row, mut row_repeat, mut col) = (0u64, 1u64, 0u64);
    // The open cell whose text is being measured: its repeats (rows × columns) and text so far.
    let mut open: Option<(u64, u64)> = None;
    let mut at = 0;
    loop {
        let before = at;
        let Some((start, tag)) = next_tag(xml, &mut at) else { break };
        if let Some((_, text)) = &mut open {
            // The bytes between two tags are text (entities only shrink when decoded).
            *text = text.saturating_add(start.saturating_sub(before + 1) as u64);
        }
        let (closing, tag) = match tag.strip_prefix(b"/") {
            Some(t) => (true, t),
            None => (false, tag),
        };
        let self_closing = tag.ends_with(b"/");
        let name_end = tag.iter().position(|b| b.is_ascii_whitespace() || *b == b'/').unwrap_or(tag.len());
        match (closing, &tag[..name_end]) {
            (false, b"table:table") => {
                size.grid_cells = size.grid_cells.saturating_add(rect.cells());
                rect = Rect::default();
                row = 0;
            }
            (true, b"table:table") => {
                size.grid_cells = size.grid_cells.saturating_add(rect.cells());
                rect = Rect::default();
            }
            (false, b"table:table-row") => {
                row_repeat =
                    repeat(tag, b"table:number-rows-repeated").min(MAX_ROWS.saturating_sub(row)).max(1);
                col = 0;
                if self_closing {
                    row = row.saturating_add(row_repeat);
                }
            }
            (true, b"table:table-row") => row = row.saturating_add(row_repeat).min(MAX_ROWS),
            (false, b"table:table-cell" | b"table:covered-table-cell") => {
                let n =
                    repeat(tag, b"table:number-columns-repeated").min(MAX_COLUMNS.saturating_sub(col)).max(1);
                // An empty cell is written self-closing and without a value type.
                if !self_closing || has_attr(tag, b"office:value-type") {
                    rect.add((row, row + row_repeat - 1), (col, col + n - 1));
                    let copies = row_repeat.saturating_mul(n);
                    size.cells = size.cells.saturating_add(copies);
                    let attrs = [b"office:string-value".as_slice(), b"table:formula", b"office:date-value"]
                        .iter()
                        .filter_map(|a| attr(tag, a))
                        .map(|v| v.len() as u64)
                        .sum::<u64>();
                    if self_closing {
                        size.text_bytes = size.text_bytes.saturating_add(copies.saturating_mul(attrs));
                    } else {
                        open = Some((copies, attrs));
                    }
                }
                col = col.saturating_add(n).min(MAX_COLUMNS);
            }
            (true, b"table:table-cell" | b"table:covered-table-cell") => {
                if let Some((copies, text)) = open.take() {
                    size.text_bytes = size.text_bytes.saturating_add(copies.saturating_mul(text));
                }
            }
            (false, b"text:s") => {
                if let Some((_, text)) = &mut open {
                    *text = text.saturating_add(repeat(tag, b"text:c"));
                }
            }
            (false, _) => {
                // `text:p`, `text:tab`, `text:line-break`: at most one character each.
                if let Some((_, text)) = &mut open {
                    *text = text.saturating_add(1);
                }
            }
            _ => {}
        }
    }
    size.grid_cells = size.grid_cells.saturating_add(rect.cells());
    size
}

/// The inside of the next `<…>` from `*at` and where it starts (just after the `<`); quotes are
/// respected, so a `>` in an attribute value does not end the tag. Advances `*at` past it.
pub fn next_tag<'x>(xml: &'x [u8], at: &mut usize) -> Option<(usize, &'x [u8])> {
    let start = *at + xml.get(*at..)?.iter().position(|b| *b == b'<')? + 1;
    let mut quote = None;
    for (i, b) in xml.get(start..)?.iter().enumerate() {
        match (quote, *b) {
            (None, b'"' | b'\'') => quote = Some(*b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => {
                *at = start + i + 1;
                return xml.get(start..start + i).map(|t| (start, t));
            }
            _ => {}
        }
    }
    *at = xml.len();
    None
}

/// The value of attribute `name` in a tag, when present.
pub fn attr<'t>(tag: &'t [u8], name: &[u8]) -> Option<&'t [u8]> {
    let mut from = 0;
    while let Some(pos) = tag.get(from..)?.windows(name.len()).position(|w| w == name) {
        let at = from + pos;
        let before_ok = at > 0 && tag[at - 1].is_ascii_whitespace();
        let rest = &tag[at + name.len()..];
        let rest = trim_start(rest);
        if before_ok && let Some(rest) = rest.strip_prefix(b"=") {
            let rest = trim_start(rest);
            let quote = *rest.first()?;
            if quote == b'"' || quote == b'\'' {
                let body = &rest[1..];
                let end = body.iter().position(|b| *b == quote)?;
                return Some(&body[..end]);
            }
            return None;
        }
        from = at + name.len();
    }
    None
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn has_attr(tag: &[u8], name: &[u8]) -> bool {
    attr(tag, name).is_some()
}

/// A repeat count; anything but plain digits (an entity, a sign) counts as the largest.
fn repeat(tag: &[u8], name: &[u8]) -> u64 {
    match attr(tag, name) {
        None => 1,
        Some(v) if !v.is_empty() && v.iter().all(u8::is_ascii_digit) => {
            std::str::from_utf8(v).ok().and_then(|s| s.parse().ok()).unwrap_or(u64::MAX)
        }
        Some(_) => u64::MAX,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &str) -> Vec<u8> {
        format!(
            "<office:spreadsheet><table:table table:name=\"Thông tin\">{rows}</table:table></office:spreadsheet>"
        )
        .into_bytes()
    }

    #[test]
    fn repeated_rows_and_cells_make_a_rectangle() {
        let cell = "<table:table-cell office:value-type=\"string\"><text:p>x</text:p></table:table-cell>";
        let empty = "<table:table-cell table:number-columns-repeated=\"1020\"/>";
        // Two filled cells on the first row, then 5 empty styled rows, then one filled cell.
        let xml = table(&format!(
            "<table:table-row>{cell}{cell}{empty}</table:table-row>\
             <table:table-row table:number-rows-repeated=\"5\">{empty}</table:table-row>\
             <table:table-row>{empty}{cell}</table:table-row>\
             <table:table-row table:number-rows-repeated=\"1048000\">{empty}</table:table-row>"
        ));
        // Rows 0..=6, columns 0..=1020.
        assert_eq!(grid_cells(&xml), 7 * 1021);
        let bomb = table(
            "<table:table-row table:number-rows-repeated=\"9000\"><table:table-cell \
             table:number-columns-repeated=\"10000\" office:value-type=\"string\"><text:p>x</text:p>\
             </table:table-cell></table:table-row>",
        );
        assert_eq!(grid_cells(&bomb), 90_000_000);
        let capped = table(
            "<table:table-row table:number-rows-repeated='99999999'><table:table-cell \
             table:number-columns-repeated='99999999' office:value-type='float' office:value='1'/></table:table-row>",
        );
        assert_eq!(grid_cells(&capped), MAX_ROWS * MAX_COLUMNS);
        let entity = table(
            "<table:table-row table:number-rows-repeated=\"&#57;000\"><table:table-cell \
             office:value-type=\"float\" office:value=\"1\"/></table:table-row>",
        );
        assert_eq!(grid_cells(&entity), MAX_ROWS);
        assert_eq!(grid_cells(b"<a x='>'><table:table><table:table-row/></table:table>"), 0);
    }

    #[test]
    fn text_is_counted_in_every_repeat() {
        let xml = table(
            "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell \
             table:number-columns-repeated=\"2\" office:value-type=\"string\"><text:p>abc<text:s \
             text:c=\"10\"/>d</text:p></table:table-cell><table:table-cell office:value-type=\"float\" \
             office:value=\"1\" table:formula=\"of:=1\"/></table:table-row>",
        );
        let size = measure(&xml);
        assert_eq!(size.grid_cells, 3 * 3);
        assert_eq!(size.cells, 3 * 2 + 3);
        // "abc" + 10 spaces + "d", plus one for <text:p>: 15 bytes, 6 copies; the formula
        // "of:=1": 5 bytes, 3 copies.
        assert_eq!(size.text_bytes, 6 * 15 + 3 * 5);
        let spaces = table(
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p><text:s \
             text:c=\"999999999999\"/></text:p></table:table-cell></table:table-row>",
        );
        assert!(measure(&spaces).text_bytes > 999_999_999_999);
    }
}
