//! The orchestration of each subcommand: resolve arguments, run the stages, report.

mod plan_cmd;

pub use plan_cmd::run_plan;

/// How a command ended, mapped to the process exit code by `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything ran (exit 0).
    Success,
    /// Ran, but the result is not usable or `--strict` found errors (exit 1).
    Failure,
}
