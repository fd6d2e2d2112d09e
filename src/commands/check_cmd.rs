//! `baocao check`: intake of one quarter's submissions, with progress and a summary on stderr.

use std::time::Instant;

use anyhow::{Context, Result};

use super::{Outcome, load_valid_plan};
use crate::cli::CheckArgs;
use crate::collect::report::Totals;
use crate::collect::{FileStatus, Intake, run_intake, submissions_dir, write_intake_outputs};
use crate::vn::{date_short, number_fixed, percent};

/// Runs `baocao check`: exit 0 once intake ran, 1 with `--strict` and any error finding.
pub fn run_check(args: &CheckArgs) -> Result<Outcome> {
    let started = Instant::now();
    let data = &args.data.data;
    let quarter = args.quarter;
    let progress = |line: String| {
        if !args.quiet {
            eprintln!("{line}");
        }
    };
    let plan = load_valid_plan(data, quarter.year)?;
    let cutoff = args.cutoff.unwrap_or_else(|| quarter.deadline(plan.info.submission_day));
    let folder = submissions_dir(data, quarter);
    progress(format!(
        "tiếp nhận {}: đọc {} (hạn gửi {}, ngày chốt {})",
        quarter.label(),
        folder.display(),
        date_short(quarter.deadline(plan.info.submission_day)),
        date_short(cutoff)
    ));
    let intake = run_intake(&plan, data, quarter, cutoff).context("không tiếp nhận được báo cáo")?;
    if !args.quiet {
        print_findings(&intake);
    }
    let written =
        write_intake_outputs(&plan, &intake, &args.out).context("không ghi được kết quả tiếp nhận")?;
    let out_dir = args.out.join(quarter.to_string());
    progress(format!("đã ghi {} tệp vào {}", written.len(), out_dir.display()));
    let t = Totals::of(&intake);
    eprintln!(
        "{} cơ quan phải báo cáo: {} đúng hạn, {} trễ hạn, {} bị từ chối, {} chưa gửi (đầy đủ {}, đúng hạn {}); \
         {} tệp ({} dùng, {} từ chối, {} thay thế, {} bỏ qua); {} lỗi, {} cảnh báo; {} giây",
        t.expected,
        t.on_time,
        t.late,
        t.rejected,
        t.missing,
        percent(t.completeness()),
        percent(t.timeliness()),
        t.files,
        t.accepted_files,
        t.rejected_files,
        t.superseded_files,
        t.ignored_files,
        t.errors,
        t.warnings,
        number_fixed(started.elapsed().as_secs_f64(), 1)
    );
    if args.strict && t.errors > 0 {
        eprintln!("lỗi: có {} lỗi trong các tệp đã nhận (--strict)", t.errors);
        return Ok(Outcome::Failure);
    }
    Ok(Outcome::Success)
}

/// One line per file, then its findings indented.
fn print_findings(intake: &Intake) {
    for f in &intake.files {
        let status = match &f.status {
            FileStatus::Accepted => "dùng".to_owned(),
            FileStatus::Rejected => "từ chối".to_owned(),
            FileStatus::Superseded { by } => format!("bị thay thế bởi {by}"),
            FileStatus::Ignored { reason } => format!("bỏ qua: {reason}"),
        };
        eprintln!("  {}: {status}", f.path);
        for finding in &f.findings {
            eprintln!("    {finding}");
        }
    }
}
