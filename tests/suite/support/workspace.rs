//! The one harness of the suite: a temporary folder holding a data folder (`data/`) and an
//! output folder (`out/`), and ways to run the real binary on it and read what it wrote.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use baocao::plan::{Plan, load_plan};
use serde_json::Value as Json;
use tempfile::TempDir;

/// The quarter the intake tests check (the sample's latest, `build`'s default).
pub const QUARTER: &str = "2024-Q2";

/// The repository's shipped `data/` folder.
pub fn shipped_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// `tests/fixtures/plan/`: `valid-minimal/` and one `invalid/<case>/` overlay per rule.
pub fn plan_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plan")
}

/// `tests/fixtures/province/`: the data folder of another province and year (Quảng Trị, 2031).
pub fn province_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/province")
}

/// A temporary folder holding `data/` (the `--data` folder) and `out/` (the `--out` folder).
pub struct Workspace {
    dir: TempDir,
}

/// The outcome of one run of the binary.
#[derive(Debug)]
pub struct Run {
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output, lossily decoded.
    pub stdout: String,
    /// Standard error, lossily decoded.
    pub stderr: String,
}

impl Run {
    /// True when the run exited 0.
    pub fn success(&self) -> bool {
        self.code == 0
    }

    /// The stderr lines about the plan's YAML files (`plan/2024/<file>.yaml…`), in order.
    pub fn yaml_findings(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.starts_with("plan/2024/")).collect()
    }

    /// The stderr lines about the plan's text (`plan/2024.md…`), in order.
    pub fn text_findings(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.starts_with("plan/2024.md")).collect()
    }
}

impl Workspace {
    /// A copy of the whole shipped `data/` folder (plan, submissions, notes).
    pub fn sample() -> Workspace {
        let ws = Workspace::empty();
        copy_dir(&shipped_data(), &ws.data());
        ws
    }

    /// The sample with every issuance field given: quý II/2024 is a final report, number 125,
    /// signed 20/06/2024 by Nguyễn Văn An, implementing Kế hoạch 15/KH-UBND of 12/01/2024.
    pub fn final_sample() -> Workspace {
        let ws = Workspace::sample();
        ws.edit("2024/document.yaml", "  number: null ", "  number: \"15\" #");
        ws.edit("2024/document.yaml", "  date: null ", "  date: 2024-01-12 #");
        ws.write(
            "issuance/2024-Q2.yaml",
            "number: \"125\"\nsigning-date: 2024-06-20\nsigner-name: Nguyễn Văn An\n".as_bytes(),
        );
        ws
    }

    /// Only the shipped plan (`data/plan`) copied: no submission, no notes.
    pub fn plan_only() -> Workspace {
        let ws = Workspace::empty();
        copy_dir(&shipped_data().join("plan"), &ws.data().join("plan"));
        ws
    }

    /// The minimal plan fixture, with `invalid/<case>/` laid over it when a case is given.
    pub fn plan_fixture(case: Option<&str>) -> Workspace {
        let ws = Workspace::empty();
        copy_dir(&plan_fixtures().join("valid-minimal"), &ws.data());
        if let Some(case) = case {
            let overlay = plan_fixtures().join("invalid").join(case);
            assert!(overlay.is_dir(), "no fixture {}", overlay.display());
            copy_dir(&overlay, &ws.data());
        }
        ws
    }

    /// A copy of the other province's data folder (`tests/fixtures/province/`: plan 2031, issuance,
    /// notes; no submission).
    pub fn province() -> Workspace {
        let ws = Workspace::empty();
        copy_dir(&province_fixture(), &ws.data());
        ws
    }

    /// An empty temporary folder: no `data/`, no `out/` yet.
    fn empty() -> Workspace {
        Workspace { dir: tempfile::tempdir().expect("a temporary folder") }
    }

    /// The temporary folder holding `data/` and `out/`.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The data folder.
    pub fn data(&self) -> PathBuf {
        self.root().join("data")
    }

    /// The output folder root.
    pub fn out(&self) -> PathBuf {
        self.root().join("out")
    }

    /// The quarter's output folder.
    pub fn quarter(&self, q: &str) -> PathBuf {
        self.out().join(q)
    }

    /// Runs `baocao <command> --data DATA --out OUT <args…>`.
    pub fn run(&self, command: &str, args: &[&str]) -> Run {
        let (data, out) = (self.data(), self.out());
        let mut all = vec![command, "--data", path_str(&data), "--out", path_str(&out)];
        all.extend_from_slice(args);
        baocao(&all)
    }

    /// Runs `baocao <command> --data DATA --out OUT <args…>` with extra environment variables.
    pub fn run_env(&self, command: &str, args: &[&str], env: &[(&str, &str)]) -> Run {
        let (data, out) = (self.data(), self.out());
        let mut all = vec![command, "--data", path_str(&data), "--out", path_str(&out)];
        all.extend_from_slice(args);
        baocao_env(&all, env)
    }

    /// Runs a command and asserts it succeeds.
    #[track_caller]
    pub fn ok(&self, command: &str, args: &[&str]) -> Run {
        let run = self.run(command, args);
        assert!(run.success(), "`baocao {command}` failed: {}", run.stderr);
        run
    }

    /// Runs `baocao plan --data DATA <args…>`; paths under the data folder are shown relative to it.
    pub fn plan_cmd(&self, args: &[&str]) -> Run {
        let data = self.data();
        let mut all = vec!["plan", "--data", path_str(&data)];
        all.extend_from_slice(args);
        let run = baocao(&all);
        let prefix = format!("{}/", data.display());
        Run {
            code: run.code,
            stdout: run.stdout.replace(&prefix, ""),
            stderr: run.stderr.replace(&prefix, ""),
        }
    }

    /// Reads an output file of a quarter.
    pub fn read(&self, q: &str, name: &str) -> Vec<u8> {
        fs::read(self.quarter(q).join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// Reads a UTF-8 output file of a quarter.
    pub fn read_text(&self, q: &str, name: &str) -> String {
        String::from_utf8(self.read(q, name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// Writes `bytes` to `rel` inside the data folder, creating its parent folders.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let path = self.data().join(rel);
        fs::create_dir_all(path.parent().expect("a parent folder")).expect("a folder");
        fs::write(&path, bytes).expect("written");
        path
    }

    /// Loads the data folder's 2024 plan with the library.
    pub fn plan(&self) -> Plan {
        load_plan(&self.data(), 2024).expect("plan loads").plan
    }

    /// Loads the data folder's plan of `year` with the library.
    pub fn plan_of(&self, year: i32) -> Plan {
        load_plan(&self.data(), year).expect("plan loads").plan
    }

    /// Replaces the only occurrence of `from` in `plan/<file>` by `to`; fails unless there is
    /// exactly one, so an edit that silently misses cannot make a test pass.
    #[track_caller]
    pub fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.data().join("plan").join(file);
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
        let path = self.data().join("plan/2024/tasks.yaml");
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

    /// The submissions folder of [`QUARTER`].
    pub fn subs(&self) -> PathBuf {
        self.data().join("submissions").join(QUARTER)
    }

    /// Writes a submitted file to `rel` inside the submissions folder of [`QUARTER`].
    pub fn submit(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        self.write(&format!("submissions/{QUARTER}/{rel}"), bytes)
    }

    /// Runs `baocao check --quarter QUARTER <extra…>`.
    pub fn check(&self, extra: &[&str]) -> Run {
        let mut args = vec!["--quarter", QUARTER];
        args.extend_from_slice(extra);
        self.run("check", &args)
    }

    /// Runs `check` and asserts it succeeded; returns `tiep-nhan.json`.
    #[track_caller]
    pub fn check_ok(&self) -> Json {
        let run = self.check(&[]);
        assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
        self.json()
    }

    /// The intake record `tiep-nhan.json` of [`QUARTER`].
    pub fn json(&self) -> Json {
        serde_json::from_str(&self.read_text(QUARTER, "tiep-nhan.json")).expect("valid json")
    }

    /// The intake overview `tiep-nhan.md` of [`QUARTER`].
    pub fn overview(&self) -> String {
        self.read_text(QUARTER, "tiep-nhan.md")
    }

    /// An agency's receipt `phan-hoi/<agency>.md` of [`QUARTER`].
    pub fn receipt(&self, agency: &str) -> String {
        self.read_text(QUARTER, &format!("phan-hoi/{agency}.md"))
    }
}

/// Runs the real binary with `args`, ignoring any `BAOCAO_DATA`/`BAOCAO_OUT` of the environment.
pub fn baocao(args: &[&str]) -> Run {
    baocao_env(args, &[])
}

/// [`baocao`] with extra environment variables (and none of the signing secrets of the
/// environment it runs in).
pub fn baocao_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .env_remove("BAOCAO_DATA")
        .env_remove("BAOCAO_OUT")
        .env_remove("BAOCAO_SIGN_PASSWORD")
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("baocao runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A temporary path as `&str` (they are UTF-8 here).
fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temporary path")
}

/// Copies a folder recursively, merging into `to` when it exists.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("a readable entry");
        let rel = entry.path().strip_prefix(from).expect("inside the folder");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("a folder");
        } else {
            fs::copy(entry.path(), &target).expect("a copied file");
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
