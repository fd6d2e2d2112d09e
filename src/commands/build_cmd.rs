//! `baocao build` and `baocao package`: resolve the job, run the pipeline, report.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Result, bail};

use super::Outcome;
use super::plan_cmd::load_valid_plan;
use crate::cli::BuildArgs;
use crate::findings::Level;
use crate::period::Quarter;
use crate::pipeline::{Job, run_build};
use crate::vn::number_fixed;

/// Runs a build; `package` also writes the zip.
pub fn run(args: &BuildArgs, package: bool) -> Result<Outcome> {
    let started = Instant::now();
    let data = &args.data.data;
    let quarter = match args.quarter {
        Some(q) => q,
        None => latest_quarter(data)?,
    };
    let plan = load_valid_plan(data, quarter.year)?;
    let job = Job {
        data: data.clone(),
        out: args.out.clone(),
        quarter,
        cutoff: args.cutoff.map_or_else(|| quarter.deadline(plan.info.submission_day), |d| d),
        templates: args.templates.clone().or_else(|| existing_dir(data.join("templates"))),
        font_dirs: existing_dir(data.join("fonts")).into_iter().collect(),
        system_fonts: args.system_fonts,
        keep_typ: args.keep_typ,
        package: package || args.package,
    };
    let quiet = args.quiet;
    let mut progress = |msg: &str| {
        if !quiet {
            eprintln!("[{:>5}s] {msg}", number_fixed(started.elapsed().as_secs_f64(), 1));
        }
    };
    progress(&format!(
        "{} — dữ liệu {}, ngày chốt {}",
        quarter.label(),
        data.display(),
        crate::vn::date_short(job.cutoff)
    ));
    let out = run_build(&plan, &job, &mut progress)?;
    let errors: usize =
        out.intake.files.iter().flat_map(|f| &f.findings).filter(|f| f.level == Level::Error).count();
    if !quiet {
        for w in out.consolidated.warnings.iter().chain(&out.warnings) {
            eprintln!("cảnh báo: {w}");
        }
        let stages: Vec<String> =
            out.timings.iter().map(|(n, d)| format!("{n} {}s", number_fixed(d.as_secs_f64(), 2))).collect();
        eprintln!("thời gian: {}", stages.join(", "));
        eprintln!("phông chữ: {}", out.font);
        eprintln!(
            "đã ghi {} tệp vào {} trong {} giây ({} lỗi trong báo cáo của các cơ quan; xem tiep-nhan.md)",
            out.written.len(),
            job.quarter_dir().display(),
            number_fixed(started.elapsed().as_secs_f64(), 1),
            errors
        );
    }
    if args.strict && errors > 0 {
        return Ok(Outcome::Failure);
    }
    Ok(Outcome::Success)
}

fn existing_dir(p: PathBuf) -> Option<PathBuf> {
    p.is_dir().then_some(p)
}

/// The latest quarter that has a folder under `DATA/submissions/`.
pub fn latest_quarter(data: &Path) -> Result<Quarter> {
    let dir = data.join("submissions");
    let latest = fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str()?.parse::<Quarter>().ok())
        .max();
    match latest {
        Some(q) => Ok(q),
        None => bail!(
            "không có thư mục quý nào (dạng 2024-Q2) trong {}; dùng --quarter để chọn quý",
            dir.display()
        ),
    }
}
