//! Stage 3: intake — walk the quarter's submissions folder, read every spreadsheet, validate it
//! against the plan, and account for every file.
//!
//! 1. `discover` lists `DATA/submissions/<quarter>/` (sorted, symlinks not followed) and
//!    settles ignored and oversized files from metadata alone;
//! 2. `intake` reads the other files in parallel (results kept in path order): hash, open with
//!    calamine (`workbook`), identify the agency (`info`), read the three data sheets
//!    (`sheets`, `rows`, `cells`, `values`), after measuring an ODS's repeated cells (`ods_size`);
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
mod rows;
mod sheets;
pub mod values;
mod workbook;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use time::Date;

pub use model::*;

use discover::Discovered;
use intake::{Ctx, FileRead};

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
}

/// The folder intake reads for a quarter: `DATA/submissions/<quarter>/`.
pub fn submissions_dir(data: &Path, quarter: Quarter) -> PathBuf {
    data.join("submissions").join(quarter.to_string())
}

/// Reads every file under `DATA/submissions/<quarter>/` and accounts for each one and for every
/// reporting agency; a missing folder means every agency is missing.
pub fn run_intake(plan: &Plan, data: &Path, quarter: Quarter, cutoff: Date) -> Result<Intake, IntakeError> {
    let ctx = Ctx::new(plan, quarter, cutoff);
    let folder = submissions_dir(data, quarter);
    // A quarter folder that is a link leading out of the data folder is not read.
    crate::confine::resolve_inside(data, &folder)
        .map_err(|source| IntakeError::Unreadable { path: folder.clone(), source })?;
    let found = discover::discover_submissions(&folder, ctx.max_bytes)?;
    let reads: Vec<FileRead> = found
        .par_iter()
        .map(|d| match d {
            Discovered::Candidate(c) => intake::read_submission(&ctx, c),
            Discovered::Done(outcome) => FileRead { outcome: outcome.clone(), submission: None },
        })
        .collect();
    let (files, agencies) = agencies::resolve_agencies(plan, ctx.deadline, reads);
    Ok(Intake::new(quarter, ctx.deadline, cutoff, files, agencies))
}
