//! Stage 3: intake — walk the quarter's submissions folder, read every spreadsheet, validate it
//! against the plan, and account for every file.
//!
//! 1. `discover` lists `DATA/submissions/<quarter>/` (sorted, symlinks not followed) and
//!    settles ignored and oversized files from metadata alone;
//! 2. `intake` reads the other files in parallel (results kept in path order): hash, open with
//!    calamine (`workbook`), identify the agency (`info`), read the three data sheets
//!    (`sheets`, `rows`, `cells`, `values`), after measuring an ODS's repeated cells (`ods_size`).
//!    The files are read in worker processes of this program (`pool`, `worker`), each with a
//!    memory and CPU limit, so one hostile file cannot abort the run; without workers
//!    ([`Isolation::InProcess`]), a file is read only when the pre-scan (`prescan`, `xls_size`)
//!    proves what it expands to is bounded;
//! 3. `agencies` keeps the latest file per agency and decides on time / late / rejected / missing;
//! 4. `render::intake` (not this stage) turns the [`Intake`] into `tiep-nhan.md`,
//!    `tiep-nhan.json` and one receipt per agency.
//!
//! Like ripgrep, intake keeps going past bad files and records every problem as a finding; the
//! only error is a submissions folder that exists but cannot be read.

mod agencies;
mod cells;
mod discover;
mod header;
mod index;
mod info;
mod intake;
pub mod issues;
pub mod model;
mod ods_size;
mod pool;
mod prescan;
mod progress;
mod quiet_panic;
mod rows;
mod sheets;
#[cfg(test)]
mod test_files;
pub mod values;
mod workbook;
mod worker;
mod xls_size;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use time::Date;

pub use model::*;

use discover::Discovered;
use intake::{Ctx, FileRead};
pub use worker::{ReaderLimits, WORKER_COMMAND, WorkerSetup};

use crate::period::Quarter;
use crate::plan::Plan;

/// Why intake could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    /// The submissions folder exists but cannot be read.
    #[error("không đọc được thư mục báo cáo {}", path.display())]
    Unreadable {
        /// The folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The submissions path is not a folder.
    #[error("{} không phải là thư mục", path.display())]
    NotAFolder {
        /// The path.
        path: PathBuf,
    },
    /// An intake setting in the environment is not valid.
    #[error("biến môi trường {name} không hợp lệ: `{value}` ({expected})")]
    Setting {
        /// The variable.
        name: &'static str,
        /// Its value.
        value: String,
        /// What it should be, in Vietnamese.
        expected: &'static str,
    },
}

/// Where intake reads the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Isolation {
    /// In worker processes of this executable (`baocao __doc-tep`), each with a memory and CPU
    /// limit: a file that crashes or exhausts its worker is rejected alone (`loi-doc-tep`).
    Workers(PathBuf),
    /// In this process, each file only after the pre-scan has proved that reading it takes at
    /// most the memory limit. Not isolated: CPU time is not limited, and a reader bug the
    /// pre-scan does not foresee can still abort the process.
    InProcess,
}

/// How intake reads files: where, with which limits, how many workers.
#[derive(Debug, Clone)]
pub struct IntakeOptions {
    /// Worker processes or this process.
    pub isolation: Isolation,
    /// The limits of a worker (the memory limit is also the pre-scan's bound in-process).
    pub limits: ReaderLimits,
    /// Worker processes (0: one per core).
    pub workers: usize,
    /// Files per batch sent to a worker (0: chosen from the number of files).
    pub batch: usize,
}

impl IntakeOptions {
    /// Options with default limits and automatic sizes.
    pub fn new(isolation: Isolation) -> IntakeOptions {
        IntakeOptions { isolation, limits: ReaderLimits::default(), workers: 0, batch: 0 }
    }

    /// The options of this process: workers from `BAOCAO_WORKER` (a path, or `0` for none) or
    /// else from [`set_worker_executable`]; limits from `BAOCAO_READER_MEMORY_MB` and
    /// `BAOCAO_READER_CPU_SECONDS`.
    pub fn from_env() -> Result<IntakeOptions, IntakeError> {
        let isolation = match std::env::var_os(ENV_WORKER) {
            Some(v) if v == "0" || v.is_empty() => Isolation::InProcess,
            Some(v) => Isolation::Workers(PathBuf::from(v)),
            None => WORKER_EXE.get().map_or(Isolation::InProcess, |p| Isolation::Workers(p.clone())),
        };
        let mut limits = ReaderLimits::default();
        if let Some(mb) = env_number(ENV_MEMORY, 128, "số MiB, ít nhất 128")? {
            limits.memory_mb = mb;
        }
        if let Some(s) = env_number(ENV_CPU, 1, "số giây, ít nhất 1")? {
            limits.cpu_seconds = s;
        }
        Ok(IntakeOptions { isolation, limits, workers: 0, batch: 0 })
    }
}

/// The worker executable (a path), or `0` to read in this process.
pub const ENV_WORKER: &str = "BAOCAO_WORKER";
/// A worker's memory limit (address space) in MiB.
pub const ENV_MEMORY: &str = "BAOCAO_READER_MEMORY_MB";
/// A worker's CPU time limit per file, in seconds.
pub const ENV_CPU: &str = "BAOCAO_READER_CPU_SECONDS";

fn env_number(name: &'static str, min: u64, expected: &'static str) -> Result<Option<u64>, IntakeError> {
    let Some(value) = std::env::var_os(name) else { return Ok(None) };
    let value = value.to_string_lossy().into_owned();
    match value.trim().parse::<u64>() {
        Ok(n) if n >= min => Ok(Some(n)),
        _ => Err(IntakeError::Setting { name, value, expected }),
    }
}

static WORKER_EXE: OnceLock<PathBuf> = OnceLock::new();

/// Makes `exe` (the running `baocao`, called by `main`) the worker executable of
/// [`IntakeOptions::from_env`]; library callers that do not call it read in-process.
pub fn set_worker_executable(exe: PathBuf) {
    let _ = WORKER_EXE.set(exe);
}

/// Runs a worker process on stdin and stdout (the hidden `baocao __doc-tep`).
pub fn run_worker(setup: &WorkerSetup) -> std::io::Result<()> {
    worker::run_worker(setup)
}

/// The folder intake reads for a quarter: `DATA/submissions/<quarter>/`.
pub fn submissions_dir(data: &Path, quarter: Quarter) -> PathBuf {
    data.join("submissions").join(quarter.to_string())
}

/// Reads every file under `DATA/submissions/<quarter>/` and accounts for each one and for every
/// reporting agency; a missing folder means every agency is missing. Files are read as
/// [`IntakeOptions::from_env`] says (in worker processes when running as `baocao`).
pub fn run_intake(plan: &Plan, data: &Path, quarter: Quarter, cutoff: Date) -> Result<Intake, IntakeError> {
    run_intake_until(plan, data, quarter, cutoff, None)
}

/// [`run_intake`] for a report signed on `signing`: a file whose report date is later than the
/// signing date is not used (it is listed as ignored, with the reason), so a report is never
/// dated before its data.
pub fn run_intake_until(
    plan: &Plan,
    data: &Path,
    quarter: Quarter,
    cutoff: Date,
    signing: Option<Date>,
) -> Result<Intake, IntakeError> {
    run_intake_signed(plan, data, quarter, cutoff, signing, &IntakeOptions::from_env()?)
}

/// [`run_intake`] with explicit options.
pub fn run_intake_with(
    plan: &Plan,
    data: &Path,
    quarter: Quarter,
    cutoff: Date,
    options: &IntakeOptions,
) -> Result<Intake, IntakeError> {
    run_intake_signed(plan, data, quarter, cutoff, None, options)
}

fn run_intake_signed(
    plan: &Plan,
    data: &Path,
    quarter: Quarter,
    cutoff: Date,
    signing: Option<Date>,
    options: &IntakeOptions,
) -> Result<Intake, IntakeError> {
    let ctx = Ctx::new(plan, quarter, cutoff);
    let folder = submissions_dir(data, quarter);
    // A quarter folder that is a link leading out of the data folder is not read.
    crate::confine::resolve_inside(data, &folder)
        .map_err(|source| IntakeError::Unreadable { path: folder.clone(), source })?;
    let found = discover::discover_submissions(&folder, ctx.max_bytes)?;
    let candidates: Vec<&discover::Candidate> = found
        .iter()
        .filter_map(|d| match d {
            Discovered::Candidate(c) => Some(c),
            Discovered::Done(_) => None,
        })
        .collect();
    let mut read = read_candidates(&ctx, &candidates, options).into_iter();
    let reads: Vec<FileRead> = found
        .iter()
        .filter_map(|d| match d {
            Discovered::Candidate(_) => read.next(),
            Discovered::Done(outcome) => Some(FileRead { outcome: outcome.clone(), submission: None }),
        })
        .collect();
    let reads = match signing {
        Some(day) => reads.into_iter().map(|r| hold_back_after(r, day)).collect(),
        None => reads,
    };
    let (files, agencies) = agencies::resolve_agencies(plan, ctx.deadline, reads);
    Ok(Intake::new(quarter, ctx.deadline, cutoff, files, agencies))
}

/// A file dated after the report's signing date is not used: the report cannot cite it.
fn hold_back_after(mut r: FileRead, signing: Date) -> FileRead {
    let after = r.outcome.report_date.filter(|d| *d > signing);
    if let (Some(d), FileStatus::Accepted) = (after, &r.outcome.status) {
        r.outcome.status = FileStatus::Ignored {
            reason: format!(
                "ngày báo cáo {} sau ngày ký báo cáo tổng hợp {}; số liệu tệp này không được dùng cho báo cáo này",
                crate::vn::date_short(d),
                crate::vn::date_short(signing)
            ),
        };
        r.submission = None;
    }
    r
}

/// Reads the candidate files as `options` say; the results are in the same order.
fn read_candidates(
    ctx: &Ctx<'_>,
    candidates: &[&discover::Candidate],
    options: &IntakeOptions,
) -> Vec<FileRead> {
    match &options.isolation {
        Isolation::Workers(exe) => {
            let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
            let workers = if options.workers == 0 { cores } else { options.workers };
            // Batches small enough to spread the files over the workers, large enough to keep
            // each worker busy between two answers.
            let batch = if options.batch == 0 {
                candidates.len().div_ceil(workers * 4).clamp(1, 16)
            } else {
                options.batch
            };
            let settings = pool::PoolSettings { exe, limits: options.limits, workers, batch };
            pool::read_in_workers(ctx, candidates, &settings)
        }
        Isolation::InProcess => {
            let limit = options.limits.memory_bytes();
            candidates.par_iter().map(|c| intake::read_submission(ctx, c, Some(limit))).collect()
        }
    }
}
