//! `baocao forms`: write every reporting agency's xlsx form for a quarter.

use anyhow::Result;

use super::{Outcome, load_valid_plan};
use crate::cli::FormsArgs;
use crate::findings::RunReport;
use crate::forms::{forms_dir, write_forms};
use crate::vn;

/// Runs `baocao forms`, printing a short summary to stdout.
pub fn run_forms(args: &FormsArgs) -> Result<Outcome> {
    let quarter = args.quarter;
    let mut report = RunReport::new(false);
    let plan = load_valid_plan(&args.data.data, quarter.year, &mut report)?;
    let written = write_forms(&plan, quarter, &args.out)?;
    let deadline = quarter.deadline(plan.info.submission_day);
    println!(
        "Đã ghi {} biểu mẫu {} vào {}",
        written.len(),
        quarter.label(),
        forms_dir(&args.out, quarter).display()
    );
    println!("  Hạn gửi: {}; dấu vân tay kế hoạch {}", vn::date_long(deadline), plan.fingerprint);
    Ok(Outcome::Success)
}
