//! `baocao build` and `baocao package`: resolve the job, run the pipeline, report.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use std::sync::Arc;

use anyhow::{Context, Result, bail};

use super::plan_cmd::load_valid_plan;
use super::{Outcome, outcome, templates_dir};
use crate::cli::BuildArgs;
use crate::findings::{Counts, RunReport};
use crate::package::Upward;
use crate::package::sign::{Signer, is_signed_pdf};
use crate::period::Quarter;
use crate::pipeline::{Job, Timings, run_build};
use crate::vn::number_fixed;

/// Runs a build; `package` also writes the zip.
pub fn run(args: &BuildArgs, package: bool) -> Result<Outcome> {
    let started = Instant::now();
    let data = &args.data.data;
    let quarter = match args.quarter {
        Some(q) => q,
        None => latest_quarter(data)?,
    };
    let mut report = RunReport::new(args.quiet);
    let plan = load_valid_plan(data, quarter.year, &mut report)?;
    let upward = upward(args)?;
    let authoritative = upward.signer.is_some() || upward.signed_pdf.is_some();
    let job = Job {
        data: data.clone(),
        out: args.out.clone(),
        quarter,
        cutoff: args.cutoff.unwrap_or_else(|| quarter.deadline(plan.info.submission_day)),
        signing_date: args.signing_date,
        // Signing and the office's signed PDF are for the final report only.
        final_build: args.final_build || authoritative,
        templates: templates_dir(args.templates.as_ref(), data),
        font_dirs: existing_dir(data.join("fonts")).into_iter().collect(),
        system_fonts: args.system_fonts,
        keep_typ: args.keep_typ,
        package: package || args.package || args.archive || authoritative,
        archive: args.archive,
        upward,
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
    // Intake findings are detailed in tiep-nhan.md and the receipts; here they are only counted.
    out.intake.files.iter().flat_map(|f| &f.findings).for_each(|f| report.count(f));
    // Figures to reconcile involve several agencies and appear in no receipt: printed here.
    report.add_all(&out.intake.reconcile);
    report.add_all(&out.findings);
    let errors = Counts::of(out.intake.files.iter().flat_map(|f| &f.findings)).errors;
    if out.issuance.is_draft() {
        // Always said, even with --quiet: a draft must not pass for the final report.
        eprintln!("báo cáo là DỰ THẢO (mọi tài liệu được đánh dấu DỰ THẢO) vì còn thiếu:");
        for m in &out.issuance.missing {
            eprintln!("  - {m}");
        }
        eprintln!("khi đã đủ, chạy `baocao build --final` để xuất bản chính thức");
    }
    if !quiet {
        print_timings(&out.timings);
        eprintln!("phông chữ: {}", out.font);
        eprintln!(
            "đã ghi {} tệp vào {} trong {} giây ({} lỗi trong báo cáo của các cơ quan; xem tiep-nhan.md)",
            out.written.len(),
            job.quarter_dir().display(),
            number_fixed(started.elapsed().as_secs_f64(), 1),
            errors
        );
    }
    Ok(outcome(&report, args.strict))
}

/// The stages' wall-clock times (they add up to the run), then each document's own times
/// (documents are typeset in parallel, so those overlap and are not added).
fn print_timings(t: &Timings) {
    let secs = |d: std::time::Duration| format!("{} s", number_fixed(d.as_secs_f64(), 2));
    let stages: Vec<String> = t.stages.iter().map(|(n, d)| format!("{n} {}", secs(*d))).collect();
    let total: std::time::Duration = t.stages.iter().map(|(_, d)| *d).sum();
    eprintln!(
        "thời gian theo bước (thời gian thực, nối tiếp nhau): {}; tổng {}",
        stages.join(", "),
        secs(total)
    );
    let docs: Vec<String> = t
        .documents
        .iter()
        .map(|d| {
            format!(
                "{} {} (dàn trang {}, xuất PDF {})",
                d.id,
                secs(d.layout + d.export),
                secs(d.layout),
                secs(d.export)
            )
        })
        .collect();
    if !docs.is_empty() {
        eprintln!(
            "từng tài liệu (thời gian thực trên luồng riêng; các tài liệu dàn trang song song nên không cộng lại): {}",
            docs.join(", ")
        );
    }
}

/// The office's signed PDF and the signing key, read and checked before anything is built (a
/// wrong password or an unsigned PDF stops the run at once).
fn upward(args: &BuildArgs) -> Result<Upward> {
    let mut upward = Upward::default();
    if let Some(path) = &args.signed_pdf {
        let bytes = fs::read(path).with_context(|| format!("không đọc được {}", path.display()))?;
        if !is_signed_pdf(&bytes) {
            bail!(
                "{} không phải tệp PDF có chữ ký số (không thấy từ điển chữ ký /ByteRange); ký tệp bằng phần mềm ký số của cơ quan rồi chạy lại",
                path.display()
            );
        }
        upward.signed_pdf = Some(Arc::new(bytes));
    }
    if let Some(path) = &args.sign {
        let bytes = fs::read(path).with_context(|| format!("không đọc được tệp khóa {}", path.display()))?;
        let password = super::secret::secret(
            "BAOCAO_SIGN_PASSWORD",
            &format!("mật khẩu tệp khóa {}: ", path.display()),
        )?;
        let signer =
            Signer::from_pkcs12(&bytes, &password).with_context(|| format!("tệp khóa {}", path.display()))?;
        upward.signer = Some(Arc::new(signer));
    }
    if let (Some(module), Some(label)) = (&args.sign_pkcs11, &args.token_label) {
        let pin = super::secret::secret("BAOCAO_SIGN_PIN", &format!("mã PIN của token «{label}»: "))?;
        let signer = Signer::from_pkcs11(module, label, &pin)?;
        upward.signer = Some(Arc::new(signer));
    }
    Ok(upward)
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
    // The example names the data's own plan year, never a fixed one.
    let example = match crate::plan::find_plan_years(data).last() {
        Some(year) => format!("{year}-Q1 … {year}-Q4"),
        None => "YYYY-Qn".to_owned(),
    };
    match latest {
        Some(q) => Ok(q),
        None => bail!(
            "không có thư mục quý nào (tên thư mục dạng {example}) trong {}; dùng --quarter để chọn quý",
            dir.display()
        ),
    }
}
