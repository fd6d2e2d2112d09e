//! What calamine allocates to open an `.xls`, measured before it opens it.
//!
//! calamine parses a whole `.xls` when it opens it: the compound file (CFB) container, the
//! `Workbook` stream, the shared strings, and every sheet into a dense grid spanning its cells.
//! Values the file declares drive allocations: a `DIMENSIONS` record asks for rows × columns cells
//! up front (a 47 KB file asked for 52 GB and the process aborted), one stray cell at `IV65536`
//! makes a 16-million-cell grid, and every cell of a shared string gets its own copy of it. This
//! module walks the file the way calamine does (same chains, same records, same order) without
//! building anything, and adds up what calamine would allocate. It stops as soon as the total
//! passes the limit, and where calamine would stop with an error it stops too.

mod cfb;

use std::collections::HashMap;

use super::prescan::{Scan, Unprovable};
pub use cfb::is_cfb;
use cfb::{u16_at, u32_at, workbook_stream};

/// calamine's `Cell<Data>` (position and value) and `Data` sizes, in bytes.
const CELL: u64 = 40;
const DATA: u64 = 32;
/// A `String` header.
const STRING: u64 = 24;
/// UTF-8 bytes one stored character may decode to (a UTF-16 unit: 3; a legacy code page byte
/// widened to UTF-16 first: up to 6).
const CHAR_BYTES: u64 = 6;
/// Formula text per byte of formula tokens (a 5-byte name reference prints a defined name).
const FORMULA_TEXT_PER_BYTE: u64 = 256;

/// One BIFF record: type, data, and the data of the `CONTINUE` records after it.
struct Record<'s> {
    typ: u16,
    data: &'s [u8],
    cont: Vec<&'s [u8]>,
}

/// calamine's record iterator; `None` at the end, `Some(None)` where calamine fails.
fn next_record<'s>(stream: &mut &'s [u8]) -> Option<Option<Record<'s>>> {
    if stream.len() < 4 {
        return if stream.is_empty() { None } else { Some(None) };
    }
    let typ = u16_at(stream, 0).unwrap_or(0);
    let len = u16_at(stream, 2).unwrap_or(0) as usize;
    if stream.len() < len + 4 {
        return Some(None);
    }
    let (record, next) = stream.split_at(len + 4);
    *stream = next;
    let mut cont = Vec::new();
    if next.len() > 4 && u16_at(next, 0) == Some(0x003C) {
        while stream.len() > 4 && u16_at(stream, 0) == Some(0x003C) {
            let len = u16_at(stream, 2).unwrap_or(0) as usize;
            if stream.len() < len + 4 {
                return Some(None);
            }
            let (c, rest) = stream.split_at(len + 4);
            cont.push(&c[4..]);
            *stream = rest;
        }
    }
    Some(Some(Record { typ, data: &record[4..], cont }))
}

impl<'s> Record<'s> {
    fn next_continue(&mut self) -> bool {
        if self.cont.is_empty() {
            false
        } else {
            self.data = self.cont.remove(0);
            true
        }
    }

    fn skip(&mut self, mut len: usize) -> Option<()> {
        while len > 0 {
            if self.data.is_empty() && !self.next_continue() {
                return None;
            }
            let l = len.min(self.data.len());
            self.data = &self.data[l..];
            len -= l;
        }
        Some(())
    }
}

/// The decoded size in bytes of each shared string (calamine's `parse_sst`); `None` where
/// calamine fails.
fn shared_string_sizes(mut r: Record<'_>) -> Option<Vec<u64>> {
    r.data = r.data.get(8..)?;
    let mut sizes = Vec::new();
    while !r.data.is_empty() || r.next_continue() {
        if r.data.is_empty() {
            sizes.push(0);
            continue;
        }
        let cch = u16_at(r.data, 0)? as usize;
        let flags = *r.data.get(2)?;
        r.data = &r.data[3..];
        let mut high_byte = flags & 0x1 != 0;
        let mut runs = 0;
        if flags & 0x8 != 0 {
            runs = u16_at(r.data, 0)? as usize;
            r.data = r.data.get(2..)?;
        }
        let mut ext = 0;
        if flags & 0x4 != 0 {
            ext = u32_at(r.data, 0)? as i32 as usize;
            r.data = r.data.get(4..)?;
        }
        let mut left = cch;
        while left > 0 {
            let chars = if high_byte { (r.data.len() / 2).min(left) } else { r.data.len().min(left) };
            r.data = &r.data[if high_byte { 2 * chars } else { chars }..];
            left -= chars;
            if left > 0 {
                if !r.next_continue() {
                    return None;
                }
                high_byte = *r.data.first()? & 0x1 != 0;
                r.data = &r.data[1..];
            }
        }
        r.skip(runs * 4)?;
        r.skip(ext)?;
        sizes.push(cch as u64 * CHAR_BYTES);
    }
    Some(sizes)
}

/// The non-empty rectangle of a sheet's cells, grown one cell at a time.
#[derive(Default)]
struct Grid {
    cells: u64,
    bounds: Option<(u32, u32, u32, u32)>,
}

impl Grid {
    fn add(&mut self, row: u32, col: u32) {
        self.cells += 1;
        let b = self.bounds.get_or_insert((row, row, col, col));
        *b = (b.0.min(row), b.1.max(row), b.2.min(col), b.3.max(col));
    }

    fn area(&self) -> u64 {
        self.bounds.map_or(0, |(r0, r1, c0, c1)| u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1))
    }
}

/// What parsing the sheet at `pos` makes calamine allocate; stops where calamine fails.
fn sheet_bytes(stream: &[u8], pos: usize, strings: &[u64], scan: &mut Scan) -> Result<u64, Unprovable> {
    let Some(mut rest) = stream.get(pos..) else { return Ok(0) };
    let (mut values, mut formulas) = (Grid::default(), Grid::default());
    let (mut reserved, mut text, mut formula_text) = (0u64, 0u64, 0u64);
    let mut formula_at = (0u32, 0u32);
    let (mut seen_bof, mut depth) = (false, 0usize);
    while let Some(record) = next_record(&mut rest) {
        let Some(r) = record else { break };
        scan.step()?;
        if depth > 0 {
            match r.typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let d = r.data;
        let at = |i| u16_at(d, i).map(u32::from);
        match r.typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x0200 => {
                let Some(n) = declared_cells(d) else { break };
                reserved = reserved.saturating_add(n.saturating_mul(CELL));
                // Asked for at once: past the limit, no need to read further.
                scan.fits(reserved)?;
            }
            0x0203 | 0x027E | 0x0205 => {
                let min = match r.typ {
                    0x0203 => 14,
                    0x027E => 10,
                    _ => 8,
                };
                if d.len() < min {
                    break;
                }
                values.add(at(0).unwrap_or(0), at(2).unwrap_or(0));
            }
            0x0204 | 0x00D6 => {
                let (Some(row), Some(col)) = (at(0), at(2)) else { break };
                values.add(row, col);
                text = text.saturating_add(d.len() as u64 * CHAR_BYTES);
            }
            0x0207 => {
                values.add(formula_at.0, formula_at.1);
                text = text.saturating_add(d.len() as u64 * CHAR_BYTES);
            }
            0x00FD => {
                if d.len() < 10 {
                    break;
                }
                let index = u32_at(d, 6).unwrap_or(0) as usize;
                if let Some(size) = strings.get(index) {
                    values.add(at(0).unwrap_or(0), at(2).unwrap_or(0));
                    text = text.saturating_add(*size);
                }
            }
            0x00BD => {
                if d.len() < 6 {
                    break;
                }
                let (row, first) = (at(0).unwrap_or(0), u16_at(d, 2).unwrap_or(0));
                let last = u16_at(d, d.len() - 2).unwrap_or(0);
                // calamine's u16 arithmetic, wrapping as in a release build.
                let count = last.wrapping_sub(first).wrapping_add(1) as usize;
                if d.len() != 6 + 6 * count {
                    break;
                }
                for col in (u32::from(first)..).take(count) {
                    values.add(row, col);
                }
            }
            0x0006 => {
                if d.len() < 20 {
                    break;
                }
                formula_at = (at(0).unwrap_or(0), at(2).unwrap_or(0));
                values.add(formula_at.0, formula_at.1);
                formulas.add(formula_at.0, formula_at.1);
                formula_text =
                    formula_text.saturating_add((d.len() as u64 - 20) * FORMULA_TEXT_PER_BYTE + 64);
            }
            0x00E5 => text = text.saturating_add(d.len() as u64 * 2),
            0x000A => break,
            _ => {}
        }
    }
    // Cells while reading, the dense grid (once in the workbook, once more when a sheet is
    // asked for), the text (moved into the grid, copied for the caller, decoded by intake),
    // intake's own sparse cells, and the formulas.
    let total = reserved
        .saturating_add(values.cells.saturating_mul(CELL + super::prescan::CELL_BYTES))
        .saturating_add(values.area().saturating_mul(2 * DATA))
        .saturating_add(text.saturating_mul(5))
        .saturating_add(formulas.cells.saturating_mul(CELL))
        .saturating_add(formulas.area().saturating_mul(STRING))
        .saturating_add(formula_text);
    Ok(total)
}

/// The cells a `DIMENSIONS` record makes calamine reserve (its arithmetic, wrapping included);
/// `None` for a record calamine rejects.
fn declared_cells(d: &[u8]) -> Option<u64> {
    let (rf, rl, mut cf, cl) = match d.len() {
        10 => (
            u32::from(u16_at(d, 0)?),
            u32::from(u16_at(d, 2)?),
            u32::from(u16_at(d, 4)?),
            u32::from(u16_at(d, 6)?),
        ),
        14 | 16 => (u32_at(d, 0)?, u32_at(d, 4)?, u32::from(u16_at(d, 8)?), u32::from(u16_at(d, 10)?)),
        _ => return None,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let (start, end) = if 1 <= rl && 1 <= cl { ((rf, cf), (rl - 1, cl - 1)) } else { ((rf, cf), (rf, cf)) };
    let rows = end.0.wrapping_sub(start.0).wrapping_add(1) as u64;
    let cols = end.1.wrapping_sub(start.1).wrapping_add(1) as u64;
    Some(rows.saturating_mul(cols))
}

/// Adds to `scan` what calamine allocates to open the `.xls` in `file`.
pub fn measure(file: &[u8], scan: &mut Scan) -> Result<(), Unprovable> {
    let Some(stream) = workbook_stream(file, scan)? else { return Ok(()) };
    let mut rest = stream.as_slice();
    let mut strings: Vec<u64> = Vec::new();
    let mut sheets: Vec<usize> = Vec::new();
    while let Some(record) = next_record(&mut rest) {
        let Some(r) = record else { return Ok(()) };
        scan.step()?;
        // Names, formats, styles and the like: bounded by the record.
        scan.add(r.data.len() as u64 * 4)?;
        match r.typ {
            0x002F if u16_at(r.data, 0) != Some(0) => return Ok(()),
            0x013D => scan.add(r.data.len() as u64 / 2 * 64)?,
            0x0085 => {
                let (Some(pos), Some(state), Some(kind)) = (u32_at(r.data, 0), r.data.get(4), r.data.get(5))
                else {
                    return Ok(());
                };
                if state & 0x3F > 2 || ![0x00, 0x01, 0x02, 0x06].contains(kind) {
                    return Ok(());
                }
                sheets.push(pos as usize);
            }
            0x00FC => {
                let Some(sizes) = shared_string_sizes(r) else { return Ok(()) };
                scan.add(sizes.iter().map(|s| s + STRING).sum())?;
                strings = sizes;
            }
            0x000A => break,
            _ => {}
        }
    }
    let mut measured: HashMap<usize, u64> = HashMap::new();
    for pos in sheets {
        let bytes = match measured.get(&pos) {
            Some(b) => *b,
            None => {
                let b = sheet_bytes(&stream, pos, &strings, scan)?;
                measured.insert(pos, b);
                b
            }
        };
        scan.add(bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions_as_calamine_computes_them() {
        let biff8 = |rf: u32, rl: u32, cf: u16, cl: u16| {
            let mut d = Vec::new();
            d.extend(rf.to_le_bytes());
            d.extend(rl.to_le_bytes());
            d.extend(cf.to_le_bytes());
            d.extend(cl.to_le_bytes());
            d.extend([0, 0]);
            d
        };
        // Rows 0..10, columns 0..4 (last row and column are one past the end).
        assert_eq!(declared_cells(&biff8(0, 10, 0, 4)), Some(40));
        assert_eq!(declared_cells(&biff8(0, 65536, 0, 256)), Some(65536 * 256));
        // A first row past the last one wraps around in calamine's u32 arithmetic.
        assert_eq!(
            declared_cells(&biff8(10, 5, 0, 1)),
            Some(u64::from(4u32.wrapping_sub(10).wrapping_add(1)))
        );
        assert_eq!(declared_cells(&[0; 12]), None);
    }

    #[test]
    fn records_with_continues() {
        let mut stream: Vec<u8> = Vec::new();
        for (typ, data) in [(0x00FCu16, vec![1u8, 2, 3]), (0x003C, vec![4, 5]), (0x000A, vec![])] {
            stream.extend(typ.to_le_bytes());
            stream.extend((data.len() as u16).to_le_bytes());
            stream.extend(data);
        }
        let mut rest = stream.as_slice();
        let first = next_record(&mut rest).flatten().expect("a record");
        assert_eq!((first.typ, first.data, first.cont.len()), (0x00FC, &[1u8, 2, 3][..], 1));
        let eof = next_record(&mut rest).flatten().expect("a record");
        assert_eq!(eof.typ, 0x000A);
        assert!(next_record(&mut rest).is_none());
        let mut truncated: &[u8] = &[0x03, 0x02, 0xFF, 0x00, 1];
        assert!(matches!(next_record(&mut truncated), Some(None)));
    }

    #[test]
    fn shared_strings_across_a_continue() {
        // Two strings: "ab" (8-bit) and a 3-character UTF-16 string split by a CONTINUE.
        let mut data = vec![0u8; 8];
        data.extend([2, 0, 0, b'a', b'b']);
        data.extend([3, 0, 1, b'x', 0]);
        let cont: &[u8] = &[1, b'y', 0, b'z', 0];
        let r = Record { typ: 0x00FC, data: &data, cont: vec![cont] };
        assert_eq!(shared_string_sizes(r), Some(vec![2 * CHAR_BYTES, 3 * CHAR_BYTES]));
    }
}
