//! Data folder confinement: every file baocao reads is opened only if its real path, after
//! resolving links, is inside an allowed folder (the data folder, or a folder given on the
//! command line such as `--templates`). A link that resolves inside is fine; anything else is
//! refused with a Vietnamese message naming the path and where it leads.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Reading `path` was refused: it leads outside the allowed folder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} trỏ ra ngoài thư mục {} (tới {}); không đọc tệp này", path.display(), root.display(), target.display())]
pub struct Outside {
    /// The path as given.
    pub path: PathBuf,
    /// Where it resolves to.
    pub target: PathBuf,
    /// The folder it had to stay in.
    pub root: PathBuf,
}

impl From<Outside> for io::Error {
    fn from(e: Outside) -> io::Error {
        io::Error::new(io::ErrorKind::PermissionDenied, e)
    }
}

/// The real path of `path` when it lies inside `root` (both resolved); `Ok(None)` when `path`
/// does not exist, an error when it resolves outside.
pub fn resolve_inside(root: &Path, path: &Path) -> io::Result<Option<PathBuf>> {
    let target = match fs::canonicalize(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let real_root = fs::canonicalize(root)?;
    if target.starts_with(&real_root) {
        Ok(Some(target))
    } else {
        Err(Outside { path: path.to_owned(), target, root: root.to_owned() }.into())
    }
}

/// Reads `path` if it resolves inside `root`.
pub fn read(root: &Path, path: &Path) -> io::Result<Vec<u8>> {
    match resolve_inside(root, path)? {
        Some(real) => fs::read(real),
        None => Err(io::Error::new(io::ErrorKind::NotFound, format!("không có tệp {}", path.display()))),
    }
}

/// Reads `path` as UTF-8 text if it resolves inside `root`.
pub fn read_to_string(root: &Path, path: &Path) -> io::Result<String> {
    let bytes = read(root, path)?;
    String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// The `Outside` inside an I/O error, if that is why reading failed.
pub fn outside(e: &io::Error) -> Option<&Outside> {
    e.get_ref().and_then(|inner| inner.downcast_ref::<Outside>())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_inside_are_followed_and_links_outside_refused() {
        let root = tempfile::tempdir().expect("temp");
        let other = tempfile::tempdir().expect("temp");
        let data = root.path().join("data");
        fs::create_dir_all(data.join("notes")).expect("dir");
        fs::write(data.join("real.md"), "ok").expect("write");
        fs::write(other.path().join("secret"), "secret").expect("write");
        symlink(data.join("real.md"), data.join("notes/inside.md")).expect("link");
        symlink(other.path().join("secret"), data.join("notes/outside.md")).expect("link");
        assert_eq!(read_to_string(&data, &data.join("notes/inside.md")).expect("inside"), "ok");
        let e = read(&data, &data.join("notes/outside.md")).expect_err("outside");
        let o = outside(&e).expect("an Outside error");
        assert!(o.to_string().contains("trỏ ra ngoài thư mục"), "{o}");
        assert_eq!(resolve_inside(&data, &data.join("none.md")).expect("no error"), None);
    }
}
