//! Intake throughput: `run_intake_with` over 60, 600 and 6.000 synthetic, valid submissions, read
//! in worker processes (`baocao __doc-tep`, what `baocao check` and `build` do) and in this
//! process behind the pre-scan (what library callers without a worker executable get).
//!
//! Each size gets its own temp data folder with a copy of the real plan. Files are spread round
//! robin over the plan's reporting agencies, each generated separately (its own report date and
//! values), so every file is really read, hashed, parsed and validated; several files per agency
//! then supersede each other, which only costs the final bookkeeping. Generation and the page
//! cache warm-up are not timed; the median of three runs is reported, plus the time to write the
//! outputs (`tiep-nhan.md`, `tiep-nhan.json`, receipts). Both ways must give the same intake.
//!
//! Run: `cargo bench --bench intake` (add `-- 60 600` to choose sizes).

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use baocao::collect::{FileStatus, Intake, IntakeOptions, Isolation, run_intake_with};
use baocao::contract::{
    FORM_VERSION, GROWTH_HEADERS, MEASURE_HEADERS, SHEET_GROWTH, SHEET_INFO, SHEET_MEASURES, SHEET_TASKS,
    TASK_HEADERS, form_headers, info,
};
use baocao::findings::Level;
use baocao::output::Staging;
use baocao::period::Quarter;
use baocao::plan::{Agency, Plan, Unit, load_plan};
use baocao::render::{Templates, render_intake};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

fn main() {
    let sizes: Vec<usize> =
        std::env::args().skip(1).filter_map(|a| a.replace('.', "").parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![60, 600, 6000] } else { sizes };
    let quarter = Quarter { year: 2024, number: 2 };
    println!("intake benchmark — {} threads", rayon::current_num_threads());
    println!(
        "{:>7} {:>10} {:>12} {:>12} {:>10} {:>12}",
        "files", "reading", "intake (s)", "files/s", "MB/s", "outputs (s)"
    );
    let modes = [
        ("workers", IntakeOptions::new(Isolation::Workers(env!("CARGO_BIN_EXE_baocao").into()))),
        ("in-process", IntakeOptions::new(Isolation::InProcess)),
    ];
    for n in sizes {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/plan"), &data.join("plan"));
        let plan = load_plan(&data, 2024).expect("plan").plan;
        let bytes =
            generate(&plan, &data.join("submissions").join(quarter.to_string()), n).expect("generate");
        let cutoff = quarter.deadline(plan.info.submission_day);
        let mut results: Vec<String> = Vec::new();
        for (name, options) in &modes {
            let run = || run_intake_with(&plan, &data, quarter, cutoff, options).expect("intake");
            let _warm = run();
            let mut times: Vec<Duration> = Vec::new();
            let mut last = None;
            for _ in 0..3 {
                let start = Instant::now();
                let intake = run();
                times.push(start.elapsed());
                last = Some(intake);
            }
            times.sort();
            let median = times[1].as_secs_f64();
            let intake = last.expect("ran");
            check(&intake, n);
            results.push(serde_json::to_string(&intake).expect("json"));
            let start = Instant::now();
            let templates = Templates::load(None).expect("the built-in templates");
            let staging = Staging::begin(&dir.path().join("out").join(intake.quarter.to_string()))
                .expect("a staging folder");
            render_intake(&templates, &plan, &intake, &staging).expect("rendered");
            staging.commit().expect("outputs");
            let outputs = start.elapsed().as_secs_f64();
            println!(
                "{n:>7} {name:>10} {median:>12.3} {:>12.0} {:>10.1} {outputs:>12.3}",
                n as f64 / median,
                bytes as f64 / 1_048_576.0 / median
            );
        }
        assert!(results.windows(2).all(|w| w[0] == w[1]), "workers and in-process reading differ");
    }
}

/// Every synthetic file is read without error.
fn check(intake: &Intake, n: usize) {
    assert_eq!(intake.files.len(), n);
    let errors = intake.files.iter().flat_map(|f| &f.findings).filter(|f| f.level == Level::Error).count();
    assert_eq!(errors, 0, "synthetic submissions must be valid");
    assert!(
        intake.files.iter().all(|f| matches!(f.status, FileStatus::Accepted | FileStatus::Superseded { .. }))
    );
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for e in fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), target).expect("copy");
        }
    }
}

/// Writes `n` valid submissions into `dir`; returns their total size in bytes.
fn generate(plan: &Plan, dir: &Path, n: usize) -> Result<u64, XlsxError> {
    fs::create_dir_all(dir).expect("mkdir");
    let agencies: Vec<&Agency> = plan.reporting_agencies().collect();
    let mut total = 0;
    for i in 0..n {
        let agency = agencies[i % agencies.len()];
        let bytes = form(plan, agency, i)?;
        total += bytes.len() as u64;
        fs::write(dir.join(format!("{}-{i:05}.xlsx", agency.code)), bytes).expect("write");
    }
    Ok(total)
}

/// One agency's complete form; `seed` varies the report date and the values.
fn form(plan: &Plan, agency: &Agency, seed: usize) -> Result<Vec<u8>, XlsxError> {
    let o = plan.obligations(&agency.code);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_INFO)?;
    let date = ExcelDateTime::from_ymd(2024, 6, 1 + (seed % 14) as u8)?;
    let labels = [
        (info::AGENCY_CODE, agency.code.to_string()),
        (info::AGENCY_NAME, agency.name.clone()),
        (info::QUARTER, "2024-Q2".to_owned()),
        (info::PREPARER, "Nguyễn Văn A".to_owned()),
        (info::FORM_VERSION, FORM_VERSION.to_owned()),
        (info::PLAN_FINGERPRINT, plan.fingerprint.clone()),
    ];
    for (r, (label, value)) in labels.iter().enumerate() {
        ws.write_string(r as u32, 0, *label)?;
        ws.write_string(r as u32, 1, value)?;
    }
    ws.write_string(labels.len() as u32, 0, info::REPORT_DATE)?;
    ws.write_datetime_with_format(
        labels.len() as u32,
        1,
        &date,
        &Format::new().set_num_format("dd/mm/yyyy"),
    )?;
    let v = (seed % 50) as f64;
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_MEASURES)?;
    for (c, (_, h)) in form_headers(&MEASURE_HEADERS, false).iter().enumerate() {
        ws.write_string(0, c as u16, *h)?;
    }
    for (r, (_, m)) in o.measures.iter().enumerate() {
        let row = r as u32 + 1;
        let scale = if matches!(m.unit, Some(Unit::Percent)) { 1.0 } else { 100.0 };
        ws.write_string(row, 0, m.code.as_ref().map_or("", |c| c.as_str()))?;
        ws.write_string(row, 1, &m.name)?;
        ws.write_number(row, 4, (10.0 + v) * scale)?;
        ws.write_number(row, 5, (20.0 + v) * scale)?;
        ws.write_number(row, 6, (40.0 + v) * scale)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_GROWTH)?;
    for (c, (_, h)) in form_headers(&GROWTH_HEADERS, false).iter().enumerate() {
        ws.write_string(0, c as u16, *h)?;
    }
    for (r, s) in o.sectors.iter().enumerate() {
        let row = r as u32 + 1;
        ws.write_string(row, 0, s.code.as_str())?;
        ws.write_number(row, 3, 5.0 + v / 10.0)?;
        ws.write_number(row, 4, 5.5 + v / 10.0)?;
        ws.write_number(row, 5, 6.0 + v / 10.0)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_TASKS)?;
    for (c, (_, h)) in form_headers(&TASK_HEADERS, false).iter().enumerate() {
        ws.write_string(0, c as u16, *h)?;
    }
    for (r, t) in o.tasks.iter().enumerate() {
        let row = r as u32 + 1;
        ws.write_string(row, 0, t.id.as_str())?;
        ws.write_string(row, 1, &t.title)?;
        ws.write_string(row, 3, "Đang thực hiện")?;
        ws.write_string(row, 4, format!("Đã triển khai {seed} nội dung theo kế hoạch"))?;
    }
    wb.save_to_buffer()
}
