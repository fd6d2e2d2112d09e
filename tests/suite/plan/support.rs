//! A temp data folder holding a plan (the shipped one, or the minimal fixture with a case's files
//! laid over it), string edits that must hit, and a runner for the real `baocao plan` binary.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use baocao::plan::{Plan, load_plan};

/// `tests/fixtures/plan/`.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plan")
}

/// A temp folder used as `--data`, holding `plan/2024/*.yaml` and `plan/2024.md`.
pub struct DataDir {
    dir: tempfile::TempDir,
}

/// The outcome of one run of the binary; paths under the data folder are shown relative to it.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The stderr lines about the YAML files (`plan/2024/<file>.yaml…`), in order.
    pub fn yaml_findings(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.starts_with("plan/2024/")).collect()
    }

    /// The stderr lines about the plan's text (`plan/2024.md…`), in order.
    pub fn text_findings(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.starts_with("plan/2024.md")).collect()
    }
}

impl DataDir {
    /// A copy of the shipped `data/plan`.
    pub fn real() -> DataDir {
        let d = DataDir::empty();
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/plan"), &d.path().join("plan"));
        d
    }

    /// A copy of `valid-minimal/`, with `invalid/<case>/` laid over it when a case is given.
    pub fn fixture(case: Option<&str>) -> DataDir {
        let d = DataDir::empty();
        copy_dir(&fixtures().join("valid-minimal"), d.path());
        if let Some(case) = case {
            let overlay = fixtures().join("invalid").join(case);
            assert!(overlay.is_dir(), "no fixture {}", overlay.display());
            copy_dir(&overlay, d.path());
        }
        d
    }

    fn empty() -> DataDir {
        DataDir { dir: tempfile::tempdir().expect("tempdir") }
    }

    /// The data folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Replaces the only occurrence of `from` in `plan/<file>` by `to`; fails unless there is
    /// exactly one, so an edit that silently misses cannot make a test pass.
    #[track_caller]
    pub fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.path().join("plan").join(file);
        let text = fs::read_to_string(&path).expect("read");
        assert_eq!(text.matches(from).count(), 1, "`{from}` must occur exactly once in {file}");
        let edited = text.replacen(from, to, 1);
        assert_ne!(edited, text);
        fs::write(&path, edited).expect("write");
    }

    /// Removes the task `id` from `tasks.yaml`: its `- id:` line up to the next task or comment
    /// at the list's indent.
    #[track_caller]
    pub fn remove_task(&self, id: &str) {
        let path = self.path().join("plan/2024/tasks.yaml");
        let text = fs::read_to_string(&path).expect("read");
        let head = format!("  - id: \"{id}\"\n");
        let start = text.find(&head).unwrap_or_else(|| panic!("no task {id}"));
        let after = start + head.len();
        let end = text[after..]
            .match_indices('\n')
            .map(|(i, _)| after + i + 1)
            .find(|&i| text[i..].starts_with("  - ") || text[i..].starts_with("  #"))
            .unwrap_or(text.len());
        let edited = format!("{}{}", &text[..start], &text[end..]);
        assert!(!edited.contains(&head));
        fs::write(&path, edited).expect("write");
    }

    /// Loads the plan with the library.
    pub fn plan(&self) -> Plan {
        load_plan(self.path(), 2024).expect("plan loads").plan
    }

    /// Runs `baocao plan --data <this folder>` plus `extra`.
    pub fn run(&self, extra: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_baocao"))
            .arg("plan")
            .arg("--data")
            .arg(self.path())
            .args(extra)
            .env_remove("BAOCAO_DATA")
            .output()
            .expect("binary runs");
        let prefix = format!("{}/", self.path().display());
        let relative = |b: &[u8]| String::from_utf8_lossy(b).replace(&prefix, "");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: relative(&output.stdout),
            stderr: relative(&output.stderr),
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for e in fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), target).expect("copy");
        }
    }
}
