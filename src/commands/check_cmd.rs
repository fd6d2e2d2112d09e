//! `baocao check`: intake of one quarter's submissions, its overview and receipts, with progress
//! and a summary on stderr.

use std::time::Instant;

use anyhow::{Context, Result};

use super::{Outcome, load_valid_plan, outcome, templates_dir};
use crate::cli::CheckArgs;
use crate::collect::{FileStatus, Intake, IntakeTotals, run_intake, submissions_dir};
use crate::findings::RunReport;
use crate::output::Staging;
use crate::render::{Templates, render_intake};
use crate::vn::{date_short, number_fixed, percent};

/// Runs `baocao check`: exit 0 once intake ran, 1 with `--strict` and any error finding.
pub fn run_check(args: &CheckArgs) -> Result<Outcome> {
    let started = Instant::now();
    let data = &args.data.data;
    let quarter = args.quarter;
    let mut report = RunReport::new(args.quiet);
    let plan = load_valid_plan(data, quarter.year, &mut report)?;
    let templates = Templates::load(templates_dir(args.templates.as_ref(), data).as_deref())?;
    report.add_all(templates.findings());
    let plan_findings = report.counts();
    let cutoff = args.cutoff.unwrap_or_else(|| quarter.deadline(plan.info.submission_day));
    let folder = submissions_dir(data, quarter);
    if !args.quiet {
        eprintln!(
            "tiếp nhận {}: đọc {} (hạn gửi {}, ngày chốt {})",
            quarter.label(),
            folder.display(),
            date_short(quarter.deadline(plan.info.submission_day)),
            date_short(cutoff)
        );
    }
    let mut intake = run_intake(&plan, data, quarter, cutoff).context("không tiếp nhận được báo cáo")?;
    // The same review as `build`: data-quality checks at cells and figures to reconcile.
    let past = crate::pipeline::past_figures(&plan, data, quarter)
        .context("không tiếp nhận được báo cáo quý trước")?;
    report.add_all(&past.warnings);
    let mut consolidated = crate::consolidate::consolidate_with(&plan, &intake, past.history());
    consolidated.reconcile.extend(past.orphans.iter().cloned());
    intake.attach(consolidated.review());
    print_files(&intake, &mut report, args.quiet);
    print_reconcile(&intake, &mut report, args.quiet);
    let out_dir = args.out.join(quarter.to_string());
    let staging = Staging::begin(&out_dir).context("không ghi được kết quả tiếp nhận")?;
    render_intake(&templates, &plan, &intake, &staging)?;
    let written = staging.commit().context("không ghi được kết quả tiếp nhận")?;
    if !args.quiet {
        eprintln!("đã ghi {} tệp vào {}", written.len(), out_dir.display());
    }
    let t = IntakeTotals::of(&intake);
    let a = t.agencies;
    eprintln!(
        "{} cơ quan phải báo cáo: {} đúng hạn, {} trễ hạn, {} bị từ chối, {} chưa gửi (đầy đủ {}, đúng hạn {}); \
         {} tệp ({} dùng, {} từ chối, {} thay thế, {} bỏ qua); {} lỗi, {} cảnh báo{}; {} giây",
        a.expected,
        a.on_time,
        a.late,
        a.rejected,
        a.missing,
        percent(a.completeness()),
        percent(a.timeliness()),
        t.files,
        t.accepted_files,
        t.rejected_files,
        t.superseded_files,
        t.ignored_files,
        t.findings.errors,
        t.findings.warnings,
        match intake.reconcile.len() {
            0 => String::new(),
            n => format!(", {n} số liệu cần thống nhất giữa các cơ quan"),
        },
        number_fixed(started.elapsed().as_secs_f64(), 1)
    );
    let result = outcome(&report, args.strict);
    if result == Outcome::Failure {
        eprintln!(
            "lỗi: có {} lỗi trong các tệp đã nhận (--strict)",
            report.counts().errors - plan_findings.errors
        );
    }
    Ok(result)
}

/// The figures to reconcile (several agencies), after the files (unless quiet); each is counted.
fn print_reconcile(intake: &Intake, report: &mut RunReport, quiet: bool) {
    intake.reconcile.iter().for_each(|x| report.count(x));
    if quiet || intake.reconcile.is_empty() {
        return;
    }
    eprintln!("  cần thống nhất số liệu (nhiều cơ quan):");
    for finding in &intake.reconcile {
        eprintln!("    {finding}");
    }
}

/// One line per file, then its findings indented (unless quiet); every finding is counted.
fn print_files(intake: &Intake, report: &mut RunReport, quiet: bool) {
    for f in &intake.files {
        f.findings.iter().for_each(|x| report.count(x));
        if quiet {
            continue;
        }
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
