//! The pre-scan: how much memory opening a spreadsheet will take, measured cheaply before
//! calamine opens it, so that a file is read inside this process only when that is bounded.
//!
//! Intake normally reads files in worker processes with a memory and CPU limit (`pool`); the
//! pre-scan is what keeps reading safe where there are none (library callers, or workers that
//! cannot start). What it counts, by what the bytes are (not by the file's extension: calamine
//! falls back to every format):
//!
//! - zip-based files (xlsx, xlsm, ods): every part is unpacked (at most 64 MB each, the declared
//!   sizes are not trusted); the cells of the sheets, each with a copy of the longest shared
//!   string; the number of shared strings the file declares (calamine reserves room for them);
//!   for ODS, the dense grids and the text of every repeated cell (`ods_size`);
//! - `.xls`: the container, the shared strings, each sheet's declared `DIMENSIONS` and the
//!   rectangle its cells span (`xls_size`);
//! - anything else calamine cannot open, so it costs nothing.
//!
//! The counts are upper bounds with generous per-cell costs: a form of a few thousand cells
//! estimates at a few MB; the hostile files of the review at gigabytes or more.

use std::io::{Cursor, Read};

use super::ods_size;
use super::xls_size;

/// What one non-empty cell costs while intake reads it, besides its text: calamine's cell and
/// style entries and intake's own sparse cell.
pub const CELL_BYTES: u64 = 160;
/// What one cell of an ODS sheet's dense grid costs in calamine (values, formulas, the copy).
const GRID_CELL_BYTES: u64 = 160;
/// The largest part of a zip-based file the pre-scan unpacks (and holds) at once.
const MAX_PART: u64 = 64 << 20;
/// The most `.xls` records the pre-scan walks (sheets may share records; each is walked once).
const MAX_STEPS: u64 = 20_000_000;

/// Why a file is not proved cheap enough to read in-process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unprovable {
    /// Reading it would take more memory than the limit: at least this many bytes.
    OverLimit(u64),
    /// Something the pre-scan does not measure (the reason, in Vietnamese).
    Unknown(&'static str),
}

impl Unprovable {
    /// A reason the pre-scan cannot measure the file.
    pub fn new(reason: &'static str) -> Unprovable {
        Unprovable::Unknown(reason)
    }
}

/// The running total of one pre-scan, stopped as soon as it passes the limit.
#[derive(Debug)]
pub struct Scan {
    total: u64,
    limit: u64,
    steps: u64,
}

impl Scan {
    /// Adds `bytes` to the estimate.
    pub fn add(&mut self, bytes: u64) -> Result<(), Unprovable> {
        self.total = self.total.saturating_add(bytes);
        self.fits(0)
    }

    /// Fails when the estimate plus `extra` bytes passes the limit.
    pub fn fits(&self, extra: u64) -> Result<(), Unprovable> {
        let total = self.total.saturating_add(extra);
        if total > self.limit { Err(Unprovable::OverLimit(total)) } else { Ok(()) }
    }

    /// Fails when the pre-scan itself would hold more than [`MAX_PART`] bytes.
    pub fn working(&self, bytes: usize) -> Result<(), Unprovable> {
        if bytes as u64 > MAX_PART {
            return Err(Unprovable::new("dữ liệu bên trong tệp quá lớn để kiểm tra trước"));
        }
        Ok(())
    }

    /// Counts one record walked.
    pub fn step(&mut self) -> Result<(), Unprovable> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return Err(Unprovable::new("tệp có quá nhiều bản ghi để kiểm tra trước"));
        }
        Ok(())
    }
}

/// The memory reading the spreadsheet in `bytes` may take, in bytes, when it is at most `limit`.
pub fn estimate(bytes: &[u8], limit: u64) -> Result<u64, Unprovable> {
    let mut scan = Scan { total: 0, limit, steps: 0 };
    // The bytes themselves, and the copy calamine reads into.
    scan.add(bytes.len() as u64 * 2)?;
    if xls_size::is_cfb(bytes) {
        xls_size::measure(bytes, &mut scan)?;
    }
    if let Ok(zip) = zip::ZipArchive::new(Cursor::new(bytes)) {
        measure_zip(zip, &mut scan)?;
    }
    Ok(scan.total)
}

/// What the xlsx parts declare, over every part.
#[derive(Debug, Default)]
struct XlsxCounts {
    /// `<c>` elements (cells, empty styled ones included).
    cells: u64,
    /// The longest `<si>` (shared string), markup included.
    longest_string: u64,
    /// The largest `uniqueCount` of an `<sst>`.
    declared_strings: u64,
}

fn measure_zip(mut zip: zip::ZipArchive<Cursor<&[u8]>>, scan: &mut Scan) -> Result<(), Unprovable> {
    // The archive's index and calamine's cache of its paths.
    scan.add(zip.len() as u64 * 256)?;
    let mut counts = XlsxCounts::default();
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else { continue };
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if name.eq_ignore_ascii_case("xl/workbook.bin") {
            return Err(Unprovable::new("bảng tính dạng nhị phân (.xlsb) không được kiểm tra trước"));
        }
        let mut part = Vec::new();
        // A read error leaves what was read; calamine reports the broken file itself.
        let _ = (&mut entry).take(MAX_PART + 1).read_to_end(&mut part);
        scan.working(part.len())?;
        // The part as calamine holds or parses it (shared strings, styles, buffers).
        scan.add(part.len() as u64 * 3)?;
        count_xlsx(&part, &mut counts);
        if name == "content.xml" {
            let ods = ods_size::measure(&part);
            scan.add(ods.grid_cells.saturating_mul(GRID_CELL_BYTES))?;
            scan.add(ods.cells.saturating_mul(CELL_BYTES))?;
            // Copied while expanding repeats, once more for the caller, and decoded by intake.
            scan.add(ods.text_bytes.saturating_mul(6))?;
        }
    }
    scan.add(counts.declared_strings.saturating_mul(24))?;
    // Each cell may hold a (decoded) copy of the longest shared string.
    let per_cell = CELL_BYTES.saturating_add(counts.longest_string.saturating_mul(3));
    scan.add(counts.cells.saturating_mul(per_cell))
}

/// Counts cells and shared strings in one xlsx part (any part: over-counting is safe).
fn count_xlsx(xml: &[u8], counts: &mut XlsxCounts) {
    let mut at = 0;
    let mut string_start = None;
    while let Some((start, tag)) = ods_size::next_tag(xml, &mut at) {
        let (closing, tag) = match tag.strip_prefix(b"/") {
            Some(t) => (true, t),
            None => (false, tag),
        };
        let name_end = tag.iter().position(|b| b.is_ascii_whitespace() || *b == b'/').unwrap_or(tag.len());
        let name = &tag[..name_end];
        let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
        match (closing, local) {
            (false, b"c") => counts.cells += 1,
            (false, b"si") => string_start = Some(at),
            (true, b"si") => {
                if let Some(from) = string_start.take() {
                    let len = start.saturating_sub(from + 1) as u64;
                    counts.longest_string = counts.longest_string.max(len);
                }
            }
            (false, b"sst") => {
                // calamine reserves room for `uniqueCount` strings when it parses as a number.
                let declared = ods_size::attr(tag, b"uniqueCount")
                    .filter(|v| !v.is_empty() && v.iter().all(u8::is_ascii_digit))
                    .and_then(|v| std::str::from_utf8(v).ok()?.parse::<u64>().ok())
                    .unwrap_or(0);
                counts.declared_strings = counts.declared_strings.max(declared);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
