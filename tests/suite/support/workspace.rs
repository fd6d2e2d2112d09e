//! A temporary copy of the shipped data folder and a way to run the real binary on it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// A temporary workspace holding `data/` (copied from the repository) and `out/`.
pub struct Workspace {
    dir: TempDir,
}

impl Workspace {
    /// Copies the repository's `data/` folder.
    pub fn sample() -> Workspace {
        let dir = tempfile::tempdir().expect("a temporary folder");
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), &dir.path().join("data"));
        Workspace { dir }
    }

    /// The data folder.
    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The output folder root.
    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// The quarter's output folder.
    pub fn quarter(&self, q: &str) -> PathBuf {
        self.out().join(q)
    }

    /// Runs `baocao <command> --data DATA --out OUT <args…>`.
    pub fn run(&self, command: &str, args: &[&str]) -> Output {
        let data = self.data();
        let out = self.out();
        let mut all = vec![command, "--data", path_str(&data), "--out", path_str(&out)];
        all.extend_from_slice(args);
        baocao(&all)
    }

    /// Runs a command and asserts it succeeds.
    #[track_caller]
    pub fn ok(&self, command: &str, args: &[&str]) -> Output {
        let out = self.run(command, args);
        assert!(out.status.success(), "`baocao {command}` failed: {}", String::from_utf8_lossy(&out.stderr));
        out
    }

    /// Reads an output file of a quarter.
    pub fn read(&self, q: &str, name: &str) -> Vec<u8> {
        std::fs::read(self.quarter(q).join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }
}

/// Runs the real binary.
pub fn baocao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao")).args(args).output().expect("baocao runs")
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temporary path")
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("a readable entry");
        let rel = entry.path().strip_prefix(from).expect("inside the folder");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("a folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("a copied file");
        }
    }
}

/// Every file under `dir`, relative, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).expect("inside").to_path_buf())
        .collect();
    files.sort();
    files
}
