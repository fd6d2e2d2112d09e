//! The orchestration of each subcommand: resolve arguments, run the stages, report.

mod build_cmd;
mod check_cmd;
mod forms_cmd;
mod plan_cmd;
mod templates_cmd;
mod verify_cmd;

pub use build_cmd::{latest_quarter, run as run_build};
pub use check_cmd::run_check;
pub use forms_cmd::run_forms;
pub use plan_cmd::{load_valid_plan, run_plan};
pub use templates_cmd::run_templates;
pub use verify_cmd::run_verify;

/// How a command ended, mapped to the process exit code by `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything ran (exit 0).
    Success,
    /// Ran, but the result is not usable or `--strict` found errors (exit 1).
    Failure,
}
