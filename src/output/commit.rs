//! All-or-nothing outputs: a run writes its files into a staging folder beside the quarter's
//! folder and makes it current in one step.
//!
//! 1. Leftovers of an interrupted run are settled first ([`recover`]): a staging folder is
//!    removed; a quarter folder set aside by a half-finished swap is put back.
//! 2. The run's outputs are written into the staging folder `OUT/.<quý>.moi` as they are made
//!    ([`super::staging::Staging`]).
//! 3. The staging folder receives, as hard links (copies where links fail), every file of the
//!    current folder that this run did not produce — other commands' outputs such as
//!    `bieu-mau/` survive — except receipts of agencies that no longer have one.
//! 4. The swap: on Linux `renameat2(RENAME_EXCHANGE)` exchanges the two folders atomically;
//!    elsewhere (or where the file system refuses), the current folder is renamed to
//!    `OUT/.<quý>.cu`, the staging folder into place, and the old one removed — a kill between
//!    the two renames is repaired by step 1 of the next run.
//!
//! After any failure or kill, the previous outputs are exactly as they were, and no temporary
//! file or folder survives the next run.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::RECEIPTS;

/// The staging folder of `dir`: `.<name>.moi` beside it.
pub(super) fn staging_of(dir: &Path) -> PathBuf {
    sibling(dir, "moi")
}

/// Where a half-finished swap set the previous folder aside: `.<name>.cu` beside it.
fn aside_of(dir: &Path) -> PathBuf {
    sibling(dir, "cu")
}

fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(".");
    name.push(dir.file_name().unwrap_or_default());
    name.push(".");
    name.push(suffix);
    dir.with_file_name(name)
}

/// Settles what an interrupted run left beside `dir`: puts a set-aside folder back when `dir`
/// is missing (else removes it) and removes a staging folder.
pub(super) fn recover(dir: &Path) -> io::Result<()> {
    let aside = aside_of(dir);
    if aside.is_dir() {
        if dir.exists() {
            fs::remove_dir_all(&aside)?;
        } else {
            fs::rename(&aside, dir)?;
        }
    }
    let staging = staging_of(dir);
    if staging.symlink_metadata().is_ok() {
        fs::remove_dir_all(&staging)?;
    }
    Ok(())
}

/// Links (or copies) every regular file under `from/rel` that this run did not produce into
/// `to/rel`, skipping old receipts (`phan-hoi/*.md`: the run writes the current ones) and
/// anything that is not a plain file or folder.
pub(super) fn carry(from: &Path, to: &Path, rel: &Path, produced: &dyn Fn(&Path) -> bool) -> io::Result<()> {
    for entry in fs::read_dir(from.join(rel))? {
        let entry = entry?;
        let name = entry.file_name();
        let child = rel.join(&name);
        let kind = entry.file_type()?;
        if kind.is_dir() {
            fs::create_dir_all(to.join(&child))?;
            carry(from, to, &child, produced)?;
        } else if kind.is_file() && !produced(&child) && !is_old_receipt(&child) {
            let (src, dst) = (from.join(&child), to.join(&child));
            if fs::hard_link(&src, &dst).is_err() {
                fs::copy(&src, &dst)?;
            }
        }
    }
    Ok(())
}

fn is_old_receipt(rel: &Path) -> bool {
    rel.parent() == Some(Path::new(RECEIPTS)) && rel.extension().is_some_and(|e| e == "md")
}

/// Makes `staging` current as `dir`, and removes the previous folder.
pub(super) fn swap(dir: &Path, staging: &Path) -> io::Result<()> {
    if !dir.exists() {
        return fs::rename(staging, dir);
    }
    if exchange(staging, dir).is_ok() {
        // `staging` now holds the previous outputs.
        return fs::remove_dir_all(staging);
    }
    let aside = aside_of(dir);
    fs::rename(dir, &aside)?;
    if let Err(e) = fs::rename(staging, dir) {
        let _ = fs::rename(&aside, dir);
        return Err(e);
    }
    fs::remove_dir_all(&aside)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Output, OutputKind, Staging};

    /// A whole run's outputs written through a staging folder, as `build` and `check` do.
    fn commit(dir: &Path, outputs: &[Output]) -> io::Result<Vec<PathBuf>> {
        let staging = Staging::begin(dir)?;
        for o in outputs {
            staging.put(o)?;
        }
        staging.commit()
    }

    fn out(path: &str, text: &str, kind: OutputKind) -> Output {
        Output::new(path, kind, text.as_bytes().to_vec())
    }

    fn files(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(dir).expect("inside").to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_outputs_keeps_other_commands_files_and_drops_stale_receipts() {
        let root = tempfile::tempdir().expect("temp");
        let dir = root.path().join("2024-Q2");
        fs::create_dir_all(dir.join("bieu-mau")).expect("dir");
        fs::create_dir_all(dir.join(RECEIPTS)).expect("dir");
        fs::write(dir.join("bieu-mau/STC.xlsx"), "form").expect("write");
        fs::write(dir.join("phan-hoi/OLD.md"), "old").expect("write");
        fs::write(dir.join("bao-cao.md"), "v1").expect("write");
        let written = commit(
            &dir,
            &[out("bao-cao.md", "v2", OutputKind::Report), out("phan-hoi/STC.md", "r", OutputKind::Receipt)],
        )
        .expect("committed");
        assert_eq!(written.len(), 2);
        assert_eq!(files(&dir), ["bao-cao.md", "bieu-mau/STC.xlsx", "phan-hoi/STC.md"]);
        assert_eq!(fs::read_to_string(dir.join("bao-cao.md")).expect("read"), "v2");
        assert_eq!(files(root.path()).len(), 3, "no staging leftovers: {:?}", files(root.path()));
    }

    #[test]
    fn a_failure_half_way_leaves_the_previous_outputs_and_no_temporary_files() {
        let root = tempfile::tempdir().expect("temp");
        let dir = root.path().join("2024-Q2");
        fs::create_dir_all(&dir).expect("dir");
        fs::write(dir.join("bao-cao.md"), "v1").expect("write");
        // A previous file where this run needs a folder: the second output cannot be written.
        fs::write(dir.join("phu-luc"), "a file").expect("write");
        let err = commit(
            &dir,
            &[out("bao-cao.md", "v2", OutputKind::Report), out("phu-luc/1.md", "x", OutputKind::Appendix)],
        );
        assert!(err.is_err());
        assert_eq!(fs::read_to_string(dir.join("bao-cao.md")).expect("read"), "v1");
        assert_eq!(files(root.path()), ["2024-Q2/bao-cao.md", "2024-Q2/phu-luc"]);
        let names: Vec<_> =
            fs::read_dir(root.path()).expect("list").flatten().map(|e| e.file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn a_kill_between_the_two_renames_is_repaired_by_the_next_run() {
        let root = tempfile::tempdir().expect("temp");
        let dir = root.path().join("2024-Q2");
        // As left by a kill after `dir` was set aside and before staging was renamed into place.
        fs::create_dir_all(aside_of(&dir)).expect("dir");
        fs::write(aside_of(&dir).join("bao-cao.md"), "v1").expect("write");
        fs::create_dir_all(staging_of(&dir)).expect("dir");
        fs::write(staging_of(&dir).join("bao-cao.md"), "half").expect("write");
        recover(&dir).expect("recovered");
        assert_eq!(fs::read_to_string(dir.join("bao-cao.md")).expect("read"), "v1");
        assert_eq!(files(root.path()), ["2024-Q2/bao-cao.md"]);
    }

    #[test]
    fn first_run_creates_the_folder() {
        let root = tempfile::tempdir().expect("temp");
        let dir = root.path().join("out/2024-Q2");
        commit(&dir, &[out("a.md", "x", OutputKind::Report)]).expect("committed");
        assert_eq!(files(&dir), ["a.md"]);
    }
}
