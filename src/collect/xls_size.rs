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

use std::collections::HashMap;

use super::prescan::{Scan, Unprovable};

const SIGNATURE: &[u8; 8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;

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

/// True when `bytes` start like a compound file (`.xls`, whatever the name says).
pub fn is_cfb(bytes: &[u8]) -> bool {
    bytes.starts_with(SIGNATURE)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// The file's sectors as calamine reads them: sector `id` follows the header; past the end of
/// the file, the first read is short and later ones are zeros.
struct Sectors<'b> {
    file: &'b [u8],
    header: usize,
    size: usize,
    maxid: u32,
    /// How far calamine's buffer has grown (relative to the first sector).
    high: usize,
}

impl Sectors<'_> {
    fn get(&mut self, id: u32) -> Option<Vec<u8>> {
        if self.maxid < id {
            return None;
        }
        let start = id as usize * self.size;
        let end = start + self.size;
        let available = self.file.len().saturating_sub(self.header);
        let first_time = end > self.high;
        self.high = self.high.max(end);
        let from = (self.header + start).min(self.file.len());
        let to = (self.header + end).min(self.file.len());
        let mut sector = self.file[from..to].to_vec();
        if !first_time || available >= end {
            sector.resize(self.size, 0);
        }
        Some(sector)
    }

    /// The chain from `id`, at most `len` bytes; `None` where calamine fails (a sector past the
    /// end, a FAT index out of range). A chain that loops would grow without end in calamine:
    /// the scan's budget stops it.
    fn chain(
        &mut self,
        id: u32,
        fat: &[u32],
        len: usize,
        scan: &mut Scan,
    ) -> Result<Option<Vec<u8>>, Unprovable> {
        follow(id, fat, len, scan, |id| Ok(self.get(id)))
    }
}

struct Directory {
    name: String,
    start: u32,
    len: u64,
}

/// The `Workbook` stream as calamine gets it, counting what the container costs on the way;
/// `None` where calamine fails to open the container.
fn workbook_stream(file: &[u8], scan: &mut Scan) -> Result<Option<Vec<u8>>, Unprovable> {
    let Some(header) = file.get(..512).filter(|h| h.starts_with(SIGNATURE)) else { return Ok(None) };
    let field = |at| u32_at(header, at).unwrap_or(0);
    let version = u16_at(header, 26).unwrap_or(0);
    let (size, header_len) = match u16_at(header, 30) {
        Some(0x0009) => (512usize, 512usize),
        Some(0x000C) if file.len() >= 4096 => (4096, 4096),
        _ => return Ok(None),
    };
    if u16_at(header, 32) != Some(6) {
        return Ok(None);
    }
    let (dir_start, mini_fat_start, mini_fat_len, difat_start) = (field(48), field(60), field(64), field(68));
    let maxid = (file.len() / size) as u32;
    let mut sectors = Sectors { file, header: header_len, size, maxid, high: 0 };
    // calamine keeps every sector it reads.
    scan.add(file.len() as u64 + size as u64)?;

    let mut difat: Vec<u32> = (76..512).step_by(4).filter_map(|at| u32_at(header, at)).collect();
    let (mut id, mut steps) = (difat_start, 0usize);
    while id < RESERVED_SECTORS {
        steps += 1;
        if steps > maxid as usize + 1 {
            return Ok(None);
        }
        let Some(sector) = sectors.get(id) else { return Ok(None) };
        scan.add(sector.len() as u64)?;
        difat.extend(sector.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])));
        scan.working(difat.len() * 4)?;
        match difat.pop() {
            Some(next) => id = next,
            None => return Ok(None),
        }
    }
    let mut fat: Vec<u32> = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        let Some(sector) = sectors.get(id) else { return Ok(None) };
        scan.add(sector.len() as u64)?;
        scan.working(fat.len() * 4 + sector.len())?;
        fat.extend(sector.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])));
    }

    let Some(dirs) = sectors.chain(dir_start, &fat, usize::MAX, scan)? else { return Ok(None) };
    let dirs: Vec<Directory> = dirs
        .chunks_exact(128)
        .map(|c| {
            let units: Vec<u16> = c[..64].chunks_exact(2).map(|u| u16::from_le_bytes([u[0], u[1]])).collect();
            let mut name = String::from_utf16_lossy(&units);
            if let Some(nul) = name.find('\0') {
                name.truncate(nul);
            }
            let start = u32_at(c, 116).unwrap_or(0);
            let len = if size == 512 {
                u64::from(u32_at(c, 120).unwrap_or(0))
            } else {
                u64_at(c, 120).unwrap_or(0)
            };
            Directory { name, start, len }
        })
        .collect();
    scan.add(dirs.len() as u64 * 64)?;
    let Some(root) = dirs.first() else { return Ok(None) };
    if version != 3 && root.start == ENDOFCHAIN {
        return Ok(None);
    }
    let (mini_fat, ministream) = if mini_fat_len > 0 {
        let Some(ministream) = sectors.chain(root.start, &fat, usize_of(root.len), scan)? else {
            return Ok(None);
        };
        let minifat_len = (mini_fat_len as usize).saturating_mul(size);
        let Some(minifat) = sectors.chain(mini_fat_start, &fat, minifat_len, scan)? else { return Ok(None) };
        let minifat: Vec<u32> =
            minifat.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        (minifat, ministream)
    } else {
        (Vec::new(), Vec::new())
    };

    let mut stream = |name: &str, scan: &mut Scan| -> Result<Option<Vec<u8>>, Unprovable> {
        let Some(d) = dirs.iter().find(|d| d.name.eq_ignore_ascii_case(name)) else { return Ok(None) };
        if d.len < 4096 {
            mini_chain(&ministream, &mini_fat, d.start, d.len as usize, scan)
        } else {
            sectors.chain(d.start, &fat, usize_of(d.len), scan)
        }
    };
    match stream("Workbook", scan)? {
        Some(s) => Ok(Some(s)),
        None => stream("Book", scan),
    }
}

fn usize_of(len: u64) -> usize {
    usize::try_from(len).unwrap_or(usize::MAX)
}

/// A stream under 4096 bytes, from the mini stream. calamine reads mini sectors past the end of
/// the mini stream from wherever the file reader stands; such a file is not measured.
fn mini_chain(
    ministream: &[u8],
    fat: &[u32],
    id: u32,
    len: usize,
    scan: &mut Scan,
) -> Result<Option<Vec<u8>>, Unprovable> {
    follow(id, fat, len, scan, |id| {
        let start = id as usize * 64;
        match ministream.get(start..start + 64) {
            Some(sector) => Ok(Some(sector.to_vec())),
            None => Err(Unprovable::new("khối dữ liệu nhỏ nằm ngoài vùng dữ liệu của tệp")),
        }
    })
}

/// Follows a chain of sectors through `fat` from `id`, at most `len` bytes, charging the scan
/// for each; `Ok(None)` where calamine fails (no such sector, a FAT index out of range).
fn follow(
    mut id: u32,
    fat: &[u32],
    len: usize,
    scan: &mut Scan,
    mut sector: impl FnMut(u32) -> Result<Option<Vec<u8>>, Unprovable>,
) -> Result<Option<Vec<u8>>, Unprovable> {
    let mut chain = Vec::new();
    while id != ENDOFCHAIN {
        let Some(sector) = sector(id)? else { return Ok(None) };
        let take = sector.len().min(len - chain.len());
        scan.add(take as u64)?;
        scan.working(chain.len() + take)?;
        chain.extend_from_slice(&sector[..take]);
        if chain.len() >= len {
            break;
        }
        match fat.get(id as usize) {
            Some(next) => id = *next,
            None => return Ok(None),
        }
    }
    Ok(Some(chain))
}

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
