//! The orchestration of each subcommand: resolve arguments, run the stages, report.

mod build_cmd;
mod check_cmd;
mod forms_cmd;
mod plan_cmd;
mod secret;
mod templates_cmd;
mod verify_cmd;

pub use build_cmd::{latest_quarter, run as run_build};
pub use check_cmd::run_check;
pub use forms_cmd::run_forms;
pub use plan_cmd::{load_valid_plan, run_plan};
pub use templates_cmd::run_templates;
pub use verify_cmd::run_verify;

use std::path::{Path, PathBuf};

use crate::findings::RunReport;

/// Runs the hidden worker subcommand: reads the files the parent process sends (see
/// `collect::WorkerSetup`).
pub fn run_worker(args: &crate::cli::WorkerArgs) -> anyhow::Result<Outcome> {
    let setup = crate::collect::WorkerSetup {
        plan_dir: args.plan_dir.clone(),
        fingerprint: args.fingerprint.clone(),
        quarter: args.quarter,
        cutoff: args.cutoff,
        limits: crate::collect::ReaderLimits {
            memory_mb: args.memory_mb,
            cpu_seconds: args.cpu_seconds,
            ..Default::default()
        },
    };
    crate::collect::run_worker(&setup)?;
    Ok(Outcome::Success)
}

/// The exit status of a command that ran to the end, decided once from its run report: with
/// `--strict`, any error finding (plan, templates, submissions) fails it.
pub fn outcome(report: &RunReport, strict: bool) -> Outcome {
    if strict && report.has_errors() { Outcome::Failure } else { Outcome::Success }
}

/// The user templates folder: the one given, or `DATA/templates` when it exists.
pub fn templates_dir(given: Option<&PathBuf>, data: &Path) -> Option<PathBuf> {
    given.cloned().or_else(|| Some(data.join("templates")).filter(|p| p.is_dir()))
}

/// How a command ended, mapped to the process exit code by `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything ran (exit 0).
    Success,
    /// Ran, but the result is not usable or `--strict` found errors (exit 1).
    Failure,
}
