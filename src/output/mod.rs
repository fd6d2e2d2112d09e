//! Output files: what each one is ([`OutputKind`], [`Output`]), written all-or-nothing (into a
//! [`Staging`] folder as each is made, then swapped into place, see [`commit`]) or, for single
//! files, atomically ([`write_atomic`]: a temporary file, then a rename).
//!
//! Files are not `fsync`ed one by one: a run writes thousands of receipts for a large province,
//! and the renames already guarantee readers see either the old or the new outputs.

pub mod commit;
pub mod staging;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub use staging::Staging;

/// Writes `bytes` to `path` atomically, creating the parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.flush()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// What an output file is: the package and the writer pick files by kind, never by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OutputKind {
    /// The report (`bao-cao.pdf`, `bao-cao.md`).
    Report,
    /// An appendix (`phu-luc-N.pdf`, `phu-luc-N.md`).
    Appendix,
    /// The report with its appendices in one PDF (`bao-cao-day-du.pdf`).
    Combined,
    /// The appendices as one workbook (`phu-luc.xlsx`).
    Workbook,
    /// A generated Typst source kept with `--keep-typ`.
    TypstSource,
    /// The consolidated figures (`tong-hop.json`).
    Figures,
    /// The build record (`ban-dung.json`).
    BuildRecord,
    /// The intake overview (`tiep-nhan.md`).
    IntakeOverview,
    /// The intake record (`tiep-nhan.json`).
    IntakeRecord,
    /// One agency's receipt (`phan-hoi/<MÃ>.md`).
    Receipt,
    /// A reminder to an agency that sent nothing (`phan-hoi/<MÃ>.md`).
    Reminder,
    /// The package zip.
    Package,
}

/// One output file, prepared in memory: its path relative to `OUT/<quarter>/`, kind and bytes.
#[derive(Debug, Clone)]
pub struct Output {
    /// Path relative to the quarter's output folder.
    pub path: PathBuf,
    /// What it is.
    pub kind: OutputKind,
    /// Its content.
    pub bytes: Vec<u8>,
}

impl Output {
    /// An output at `path` (relative to the quarter's folder).
    pub fn new(path: impl Into<PathBuf>, kind: OutputKind, bytes: Vec<u8>) -> Output {
        Output { path: path.into(), kind, bytes }
    }
}

/// The folder of receipts inside `OUT/<quarter>/`.
pub const RECEIPTS: &str = "phan-hoi";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().expect("valid test input");
        let p = dir.path().join("a/b/c.txt");
        write_atomic(&p, b"one").expect("valid test input");
        write_atomic(&p, b"two").expect("valid test input");
        assert_eq!(fs::read(&p).expect("valid test input"), b"two");
        let leftovers: Vec<_> =
            fs::read_dir(p.parent().expect("valid test input")).expect("valid test input").collect();
        assert_eq!(leftovers.len(), 1);
    }
}
