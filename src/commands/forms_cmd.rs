//! `baocao forms`: write every reporting agency's xlsx form for a quarter.

use std::path::Path;

use anyhow::Result;

use super::{Outcome, load_valid_plan};
use crate::cli::FormsArgs;
use crate::consolidate::Earlier;
use crate::findings::RunReport;
use crate::forms::{forms_dir, write_forms};
use crate::period::Quarter;
use crate::plan::Plan;
use crate::vn;

/// Runs `baocao forms`, printing a short summary to stdout.
pub fn run_forms(args: &FormsArgs) -> Result<Outcome> {
    let quarter = args.quarter;
    let mut report = RunReport::new(false);
    let plan = load_valid_plan(&args.data.data, quarter.year, &mut report)?;
    let previous = previous_figures(&plan, &args.data.data, quarter);
    let written = write_forms(&plan, quarter, &args.out, previous.as_ref())?;
    let deadline = quarter.deadline(plan.info.submission_day);
    println!(
        "Đã ghi {} biểu mẫu {} vào {}",
        written.len(),
        quarter.label(),
        forms_dir(&args.out, quarter).display()
    );
    println!("  Hạn gửi: {}; dấu vân tay kế hoạch {}", vn::date_long(deadline), plan.fingerprint);
    println!("  {}", source_line(&args.data.data, quarter, previous.as_ref()));
    Ok(Outcome::Success)
}

/// The previous quarter's figures to prefill (archive, else submissions); a warning or an
/// error reading them is printed to stderr and the forms are written without them.
fn previous_figures(plan: &Plan, data: &Path, quarter: Quarter) -> Option<Earlier> {
    match crate::pipeline::past_figures(plan, data, quarter) {
        Ok(past) => {
            for w in &past.warnings {
                eprintln!("{w}");
            }
            past.previous
        }
        Err(e) => {
            eprintln!(
                "cảnh báo: không đọc được số liệu quý trước ({e:#}); biểu mẫu không ghi sẵn số quý trước"
            );
            None
        }
    }
}

/// The one line saying where the previous quarter's figures shown on the forms came from.
fn source_line(data: &Path, quarter: Quarter, previous: Option<&Earlier>) -> String {
    let Some(before) = quarter.previous_in_year() else {
        return format!("Số liệu quý trước: không có ({} là quý đầu năm).", quarter.label());
    };
    match previous {
        Some(e) => match &e.archived {
            Some(a) => format!("Số liệu quý trước ghi sẵn: {} theo gói đã lưu {}.", before.label(), a.file),
            None => format!(
                "Số liệu quý trước ghi sẵn: {} theo các báo cáo đã nhận ({}).",
                before.label(),
                crate::collect::submissions_dir(data, before).display()
            ),
        },
        None => format!(
            "Số liệu quý trước: không có ({} chưa có gói lưu trữ dùng được, chưa có báo cáo); biểu mẫu không ghi sẵn.",
            before.label()
        ),
    }
}
