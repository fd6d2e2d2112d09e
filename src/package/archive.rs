//! A deterministic zip: entries sorted by name, one fixed timestamp, fixed permissions and
//! compression, so the same files always give the same bytes.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use time::Date;
use zip::result::ZipError;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// Writes `files` (name → bytes) as a zip whose entries all carry `date` at 00:00; PNG images,
/// compressed already, are stored as they are.
pub fn write_zip(files: &BTreeMap<String, Vec<u8>>, date: Date) -> zip::result::ZipResult<Vec<u8>> {
    let year = u16::try_from(date.year()).unwrap_or(1980).clamp(1980, 2107);
    let stamp =
        DateTime::from_date_and_time(year, u8::from(date.month()), date.day(), 0, 0, 0).unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        let options = if name.ends_with(".png") {
            options.compression_method(CompressionMethod::Stored).compression_level(None)
        } else {
            options
        };
        zip.start_file(name.as_str(), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Reads every file of a zip (directories skipped) into a map by name; a repeated name (a map
/// would keep one copy) or an entry above [`super::verify::MAX_ENTRY_SIZE`] is an error.
pub fn read_zip(bytes: &[u8]) -> zip::result::ZipResult<BTreeMap<String, Vec<u8>>> {
    let mut archive = ZipArchive::new(Cursor::new(bytes))?;
    if archive.has_duplicate_names() {
        return Err(ZipError::InvalidArchive("duplicate file names".into()));
    }
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let entry = archive.by_index(i)?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name()?.into_owned();
        let size = entry.size();
        if size > super::verify::MAX_ENTRY_SIZE {
            return Err(ZipError::InvalidArchive(format!("{name:?} is too large").into()));
        }
        let mut buf = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        entry.take(size + 1).read_to_end(&mut buf)?;
        if buf.len() as u64 != size {
            return Err(ZipError::InvalidArchive(format!("{name:?} is not its declared size").into()));
        }
        if out.insert(name, buf).is_some() {
            return Err(ZipError::InvalidArchive("duplicate file names".into()));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_files_same_bytes_and_round_trip() {
        let mut files = BTreeMap::new();
        files.insert("b.txt".to_owned(), b"hai".to_vec());
        files.insert("a/một.md".to_owned(), "Bắc Giang".as_bytes().to_vec());
        let d = Date::from_calendar_date(2024, time::Month::June, 14).expect("valid test input");
        let one = write_zip(&files, d).expect("valid test input");
        let two = write_zip(&files, d).expect("valid test input");
        assert_eq!(one, two);
        assert_eq!(read_zip(&one).expect("valid test input"), files);
    }
}
