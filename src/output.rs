//! Writes output files atomically: a temporary file in the same folder, then a rename.
//!
//! A failed run therefore never leaves half a file, and the previous output stays intact. Files
//! are not `fsync`ed one by one: a run writes thousands of receipts for a large province, and the
//! rename already guarantees readers see either the old or the new file.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

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
