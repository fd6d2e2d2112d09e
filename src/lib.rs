//! baocao — consolidates the quarterly report on a provincial socio-economic plan.
//!
//! The pipeline, one module per stage, plain data between stages:
//!
//! 1. [`plan`] loads and validates the structured plan (YAML) and cross-checks it
//!    against the plan's own text;
//! 2. `forms` writes each agency's pre-filled xlsx form;
//! 3. `collect` walks, reads and validates the agencies' submissions;
//! 4. `consolidate` computes achievement, timeliness, task status and growth contributions;
//! 5. `render` writes Markdown (Tera), PDF (embedded Typst) and xlsx;
//! 6. `package` bundles a checksummed, reproducible zip and verifies it.
//!
//! Vietnamese formatting and text folding live in [`vn`]; [`commands`] runs the stages for
//! each subcommand of the command line ([`cli`]).

pub mod cli;
pub mod cli_errors;
pub mod collect;
pub mod commands;
pub mod confine;
pub mod consolidate;
pub mod contract;
pub mod findings;
pub mod forms;
pub mod hash;
pub mod history;
pub mod issuance;
pub mod job;
pub mod output;
pub mod package;
pub mod period;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod vn;
