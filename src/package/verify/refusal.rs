//! Why `verify` refuses an entry before comparing it with the manifest, worded for the reader
//! (names printed escaped).

use std::fmt;

use super::names::{NameProblem, escaped};

/// Why an entry of the package was refused instead of being compared with the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Several entries carry this name; extractors keep one or another.
    Duplicate {
        /// How many entries carry it.
        copies: usize,
    },
    /// The name is not a safe path.
    UnsafeName(NameProblem),
    /// A symbolic link instead of a file.
    Symlink,
    /// A directory entry that holds data.
    DirectoryWithData,
    /// Its declared size is above the limit per entry; not read.
    TooLarge {
        /// The size the zip declares.
        declared: u64,
        /// The limit.
        limit: u64,
    },
    /// The entries before it already use up the limit for the package; not read.
    OverTotal {
        /// The limit.
        limit: u64,
    },
    /// More data than its declared size (reading stopped one byte past it).
    LargerThanDeclared {
        /// The size the zip declares.
        declared: u64,
    },
    /// Less data than its declared size.
    SmallerThanDeclared {
        /// The size the zip declares.
        declared: u64,
        /// The bytes there were.
        read: u64,
    },
    /// Could not be decompressed (damaged data, wrong CRC, more data than declared, encrypted…).
    Unreadable(String),
}

/// A refused entry: its name (as decoded, printed escaped) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The entry's name.
    pub name: String,
    /// Why it was refused.
    pub why: Refusal,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = escaped(&self.name);
        match &self.why {
            Refusal::Duplicate { copies } => write!(
                f,
                "tên tệp lặp lại: {n} ({copies} mục cùng tên trong gói; mỗi công cụ giải nén có thể lấy một bản khác)"
            ),
            Refusal::UnsafeName(p) => write!(f, "tên tệp không an toàn: {n} ({p})"),
            Refusal::Symlink => write!(f, "mục là liên kết tượng trưng: {n} (gói chỉ được chứa tệp thường)"),
            Refusal::DirectoryWithData => write!(f, "mục thư mục có dữ liệu: {n}"),
            Refusal::TooLarge { declared, limit } => write!(
                f,
                "tệp quá lớn: {n} (khai báo {declared} byte, giới hạn {} MiB mỗi tệp; không đọc)",
                limit >> 20
            ),
            Refusal::OverTotal { limit } => write!(
                f,
                "tệp vượt tổng dung lượng cho phép: {n} (cả gói tối đa {} MiB; không đọc)",
                limit >> 20
            ),
            Refusal::LargerThanDeclared { declared } => {
                write!(f, "tệp lớn hơn kích thước khai báo: {n} (khai báo {declared} byte; đã ngừng đọc)")
            }
            Refusal::SmallerThanDeclared { declared, read } => write!(
                f,
                "tệp nhỏ hơn kích thước khai báo: {n} (khai báo {declared} byte, chỉ có {read} byte)"
            ),
            Refusal::Unreadable(cause) => write!(
                f,
                "không giải nén được: {n} (dữ liệu hỏng, sai CRC hoặc lớn hơn kích thước khai báo: {})",
                escaped(cause)
            ),
        }
    }
}
