//! Walks `DATA/submissions/<quarter>/` and decides, from names and metadata only, which files to
//! read: every entry ends up either as a candidate or as a finished outcome (ignored or rejected).
//!
//! Symlinks are never followed (a link to `/etc` must not be read as a submission); a walk error
//! becomes an outcome with a finding rather than a silently skipped entry (unlike zola's
//! `Some(Err(_)) => continue`).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::IntakeError;
use super::issues::{Issues, Loc, code};
use super::model::{FileOutcome, FileStatus};

/// The spreadsheet extensions intake reads (compared case-insensitively).
pub const EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// A file to read.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Path relative to the quarter folder, with `/`.
    pub rel: String,
    /// Path on disk.
    pub abs: PathBuf,
    /// Size in bytes (from metadata).
    pub size: u64,
}

/// What the walk found at one entry.
#[derive(Debug, Clone)]
pub enum Discovered {
    /// A spreadsheet to read.
    Candidate(Candidate),
    /// Decided without reading: ignored, rejected as too large, or a walk error.
    Done(FileOutcome),
}

/// Lists every file under `root`, sorted by name at each level; a missing `root` is an empty list.
pub fn discover_submissions(root: &Path, max_bytes: u64) -> Result<Vec<Discovered>, IntakeError> {
    match fs::metadata(root) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(IntakeError::Unreadable { path: root.to_owned(), source: e }),
        Ok(m) if !m.is_dir() => return Err(IntakeError::NotAFolder { path: root.to_owned() }),
        Ok(_) => {}
    }
    fs::read_dir(root).map_err(|e| IntakeError::Unreadable { path: root.to_owned(), source: e })?;
    let mut out = Vec::new();
    for entry in WalkDir::new(root).follow_links(false).sort_by_file_name().min_depth(1) {
        match entry {
            Ok(e) => {
                if let Some(d) = classify(root, &e, max_bytes) {
                    out.push(d);
                }
            }
            Err(e) => out.push(Discovered::Done(walk_error(root, &e))),
        }
    }
    Ok(out)
}

/// The path relative to `root`, with `/` separators; bytes that are not UTF-8 are written
/// `\xNN` (and a literal backslash `\\`), so two different names never print the same.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| escaped_name(c.as_os_str())).collect::<Vec<_>>().join("/")
}

/// A file name as text: valid UTF-8 as is (backslashes doubled), other bytes as `\xNN`.
pub fn escaped_name(name: &std::ffi::OsStr) -> String {
    let bytes = name.as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(&chunk.valid().replace('\\', "\\\\"));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

fn classify(root: &Path, e: &walkdir::DirEntry, max_bytes: u64) -> Option<Discovered> {
    let rel = relative(root, e.path());
    let name = escaped_name(e.file_name());
    let ft = e.file_type();
    if ft.is_dir() {
        return None;
    }
    let ignored = |reason: &str| Some(Discovered::Done(ignored(&rel, size_of(e), reason)));
    if ft.is_symlink() {
        return ignored("liên kết tượng trưng (symlink): không đọc để không ra ngoài thư mục báo cáo");
    }
    if !ft.is_file() {
        return ignored("không phải tệp thông thường");
    }
    if name.starts_with("~$") {
        return ignored("tệp khóa tạm của Office (~$…), không phải báo cáo");
    }
    if name.starts_with('.') {
        return ignored("tệp ẩn");
    }
    if rel.split('/').rev().skip(1).any(|dir| dir.starts_with('.')) {
        return ignored("nằm trong thư mục ẩn");
    }
    let ext = Path::new(&name).extension().map(|x| x.to_string_lossy().to_lowercase()).unwrap_or_default();
    if !EXTENSIONS.contains(&ext.as_str()) {
        return ignored("không phải bảng tính (chỉ nhận .xlsx, .xlsm, .xls, .ods)");
    }
    let size = size_of(e);
    if size > max_bytes {
        return Some(Discovered::Done(too_large(&rel, size, max_bytes)));
    }
    Some(Discovered::Candidate(Candidate { rel, abs: e.path().to_owned(), size }))
}

fn size_of(e: &walkdir::DirEntry) -> u64 {
    e.metadata().map(|m| m.len()).unwrap_or(0)
}

fn ignored(rel: &str, size: u64, reason: &str) -> FileOutcome {
    outcome(rel, size, FileStatus::Ignored { reason: reason.to_owned() }, Vec::new())
}

/// An outcome with no hash, agency or date.
pub fn outcome(
    rel: &str,
    size: u64,
    status: FileStatus,
    findings: Vec<crate::findings::Finding>,
) -> FileOutcome {
    FileOutcome {
        path: rel.to_owned(),
        size,
        sha256: None,
        status,
        agency: None,
        report_date: None,
        encoding: None,
        findings,
    }
}

/// The rejection of a file larger than the plan allows (decided from metadata, never read).
pub fn too_large(rel: &str, size: u64, max_bytes: u64) -> FileOutcome {
    let mut issues = Issues::new(rel);
    let mb = |b: u64| crate::vn::number(b as f64 / 1_048_576.0);
    issues.error(
        code::TOO_LARGE,
        Loc::File,
        None,
        format!("tệp {} MB, vượt giới hạn {} MB; tệp không được đọc", mb(size), mb(max_bytes)),
        "xóa ảnh, trang thừa và định dạng thừa rồi gửi lại biểu mẫu".to_owned(),
    );
    outcome(rel, size, FileStatus::Rejected, issues.list)
}

/// An I/O error in Vietnamese for the common kinds, otherwise the system's text.
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "không có quyền đọc".to_owned(),
        io::ErrorKind::NotFound => "không tìm thấy".to_owned(),
        _ => e.to_string(),
    }
}

fn walk_error(root: &Path, e: &walkdir::Error) -> FileOutcome {
    let rel = e.path().map_or_else(|| "?".to_owned(), |p| relative(root, p));
    let mut issues = Issues::new(&rel);
    let detail = e.io_error().map_or_else(|| e.to_string(), io_reason);
    issues.error(
        code::WALK_ERROR,
        Loc::File,
        None,
        format!("không đọc được mục này trong thư mục báo cáo ({detail})"),
        "kiểm tra quyền đọc của thư mục và tệp rồi chạy lại".to_owned(),
    );
    outcome(&rel, 0, FileStatus::Rejected, issues.list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_stay_distinct() {
        use std::os::unix::ffi::OsStrExt;
        let a = escaped_name(std::ffi::OsStr::from_bytes(b"BC\xff.xlsx"));
        let b = escaped_name(std::ffi::OsStr::from_bytes(b"BC\xfe.xlsx"));
        assert_eq!(a, "BC\\xFF.xlsx");
        assert_ne!(a, b);
        assert_eq!(escaped_name(std::ffi::OsStr::new("Sở\\x.xlsx")), "Sở\\\\x.xlsx");
    }
}
