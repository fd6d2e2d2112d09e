//! A run's outputs on their way to disk: each file goes into the staging folder as soon as it is
//! made (and its bytes are dropped), so a large province's thousands of receipts and tens of MB
//! of JSON are never all held in memory; [`Staging::commit`] makes the folder current in one step
//! (see [`super::commit`]). A run that fails or is dropped before the commit removes its staging
//! folder, leaving the previous outputs as they were.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::commit::{carry, recover, staging_of, swap};
use super::{Output, OutputKind};

/// The staging folder of one run's outputs, safe to fill from several threads.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    staging: PathBuf,
    /// What this run wrote: path relative to `dir` → kind.
    written: Mutex<BTreeMap<PathBuf, OutputKind>>,
    committed: bool,
}

impl Staging {
    /// Starts the outputs of `dir`: settles what an interrupted run left beside it and creates
    /// an empty staging folder.
    pub fn begin(dir: &Path) -> io::Result<Staging> {
        recover(dir)?;
        let staging = staging_of(dir);
        fs::create_dir_all(&staging)?;
        Ok(Staging { dir: dir.to_owned(), staging, written: Mutex::new(BTreeMap::new()), committed: false })
    }

    /// Writes one output into the staging folder.
    pub fn put(&self, output: &Output) -> io::Result<()> {
        self.put_bytes(&output.path, output.kind, &output.bytes)
    }

    /// Writes bytes held elsewhere (a document's Markdown or Typst source) without copying them.
    pub fn put_bytes(&self, path: impl AsRef<Path>, kind: OutputKind, bytes: &[u8]) -> io::Result<()> {
        self.put_with(path, kind, |w| w.write_all(bytes))
    }

    /// Writes one output into the staging folder through `write` (buffered), without holding it
    /// in memory: `tong-hop.json`, `tiep-nhan.json`.
    pub fn put_with(
        &self,
        path: impl AsRef<Path>,
        kind: OutputKind,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let rel = path.as_ref();
        let full = self.staging.join(rel);
        let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", full.display()));
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent).map_err(named)?;
        }
        let mut file = BufWriter::with_capacity(1 << 16, fs::File::create(&full).map_err(named)?);
        write(&mut file).and_then(|()| file.flush()).map_err(named)?;
        self.written.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_owned(), kind);
        Ok(())
    }

    /// The files of the kinds `wanted` written so far, read back from the staging folder, by
    /// name (`/` separators): what the package holds.
    pub fn read_back(&self, wanted: impl Fn(OutputKind) -> bool) -> io::Result<BTreeMap<String, Vec<u8>>> {
        let written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        written
            .iter()
            .filter(|(_, kind)| wanted(**kind))
            .map(|(rel, _)| {
                let full = self.staging.join(rel);
                let bytes = fs::read(&full)
                    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", full.display())))?;
                Ok((rel.to_string_lossy().replace('\\', "/"), bytes))
            })
            .collect()
    }

    /// Makes the staging folder current as the quarter's folder, carrying over the files of the
    /// previous folder this run did not produce (except old receipts). Returns the written
    /// paths, sorted.
    pub fn commit(mut self) -> io::Result<Vec<PathBuf>> {
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        if self.dir.is_dir() {
            carry(&self.dir, &self.staging, Path::new(""), &|rel| written.contains_key(rel))?;
        }
        swap(&self.dir, &self.staging)?;
        self.committed = true;
        Ok(written.into_keys().map(|rel| self.dir.join(rel)).collect())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_appear_only_on_commit_and_a_dropped_run_leaves_nothing() {
        let root = tempfile::tempdir().expect("temp");
        let dir = root.path().join("2024-Q2");
        fs::create_dir_all(&dir).expect("dir");
        fs::write(dir.join("bao-cao.md"), "v1").expect("write");
        {
            let s = Staging::begin(&dir).expect("begun");
            s.put(&Output::new("bao-cao.md", OutputKind::Report, b"v2".to_vec())).expect("put");
            assert_eq!(fs::read_to_string(dir.join("bao-cao.md")).expect("read"), "v1");
        }
        assert_eq!(fs::read_to_string(dir.join("bao-cao.md")).expect("read"), "v1");
        let names: Vec<_> =
            fs::read_dir(root.path()).expect("list").flatten().map(|e| e.file_name()).collect();
        assert_eq!(names, ["2024-Q2"], "the staging folder is removed");

        let s = Staging::begin(&dir).expect("begun");
        s.put_with("tong-hop.json", OutputKind::Figures, |w| w.write_all(b"{}\n")).expect("put");
        s.put(&Output::new("bao-cao.md", OutputKind::Report, b"v2".to_vec())).expect("put");
        let packaged = s.read_back(|k| k == OutputKind::Figures).expect("read back");
        assert_eq!(
            packaged.into_iter().collect::<Vec<_>>(),
            [("tong-hop.json".to_owned(), b"{}\n".to_vec())]
        );
        let written = s.commit().expect("committed");
        assert_eq!(written, [dir.join("bao-cao.md"), dir.join("tong-hop.json")]);
        assert_eq!(fs::read_to_string(dir.join("bao-cao.md")).expect("read"), "v2");
    }
}
