//! The orchestration of each subcommand: resolve arguments, run the stages, report.

mod check_cmd;
mod plan_cmd;

pub use check_cmd::run_check;
pub use plan_cmd::{load_valid_plan, run_plan};

/// How a command ended, mapped to the process exit code by `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything ran (exit 0).
    Success,
    /// Ran, but the result is not usable or `--strict` found errors (exit 1).
    Failure,
}
