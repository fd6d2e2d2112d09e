//! The compound file (CFB) container of an `.xls`, read the way calamine reads it: header, FAT
//! and DIFAT, directory, and the `Workbook` stream's sector chain (regular or mini), each sector
//! charged to the scan. Where calamine would fail, this returns `None` too.

use super::{Scan, Unprovable};

const SIGNATURE: &[u8; 8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;

/// True when `bytes` start like a compound file (`.xls`, whatever the name says).
pub fn is_cfb(bytes: &[u8]) -> bool {
    bytes.starts_with(SIGNATURE)
}

/// The little-endian `u16` at byte `at`, if the bytes are there.
pub(super) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

/// The little-endian `u32` at byte `at`, if the bytes are there.
pub(super) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The little-endian `u64` at byte `at`, if the bytes are there.
pub(super) fn u64_at(b: &[u8], at: usize) -> Option<u64> {
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
pub(super) fn workbook_stream(file: &[u8], scan: &mut Scan) -> Result<Option<Vec<u8>>, Unprovable> {
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
