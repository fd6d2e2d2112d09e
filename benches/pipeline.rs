//! Full-build benchmark on synthetic provinces: `cargo bench --bench pipeline [-- 60 600 6000]`.
//!
//! A synthetic province is the real 2024 plan with extra district-level units until it has the
//! requested number of reporting agencies; every agency sends a complete, valid form for 2024-Q2
//! (written by the real form writer). The benchmark then runs the real build (intake,
//! consolidation, templates, typesetting and PDF export) and prints the time of each stage.
//! Generating the forms is not timed.
//!
//! One more row is the post-July-2025 shape of a province: the plan of another province and year
//! (`tests/fixtures/province/`, 2031) with 120 commune-level units (xã, phường, đặc khu) reporting
//! directly to the province, 100 of them and every department sending a form for 2031-Q2.

use std::path::{Path, PathBuf};
use std::time::Instant;

use baocao::forms::{CellValue, FormFill, GrowthFill, MeasureFill, TaskFill, write_form};
use baocao::period::Quarter;
use baocao::pipeline::{Job, run_build};
use baocao::plan::{Agency, AgencyCode, AgencyDirectory, AgencyKind, Plan, load_plan};

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![60, 600, 6000] } else { sizes };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    sample_quarter(root);
    communes(root, 120, 100);
    for n in sizes {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (plan, generated) = synthetic_province(root, dir.path(), n);
        let job = job(dir.path(), &plan, quarter());
        let started = Instant::now();
        let out = run_build(&plan, &job, &mut |_| {}).expect("the build runs");
        let total = started.elapsed().as_secs_f64();
        println!("| {n} | {generated:.1} s | {} | {total:.2} s |", stage_cells(&out.timings));
        assert_eq!(out.intake.submissions().count(), plan.reporting_agencies().count());
    }
}

/// The shipped sample quarter (2024-Q2: 44 files, 41 agencies with a usable report).
fn sample_quarter(root: &Path) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_dir(&root.join("data"), &dir.path().join("data"));
    let plan = load_plan(&dir.path().join("data"), 2024).expect("the plan loads").plan;
    let job = job(dir.path(), &plan, quarter());
    let started = Instant::now();
    let out = run_build(&plan, &job, &mut |_| {}).expect("the build runs");
    let total = started.elapsed().as_secs_f64();
    let names: Vec<&str> = out.timings.stages.iter().map(|(n, _)| *n).collect();
    println!("Thời gian thực của từng bước (các bước nối tiếp nhau nên cộng lại bằng tổng):\n");
    println!("| cơ quan | tạo biểu (không tính) | {} | tổng |", names.join(" | "));
    println!("|---:|---:|{}---:|", "---:|".repeat(names.len()));
    println!(
        "| mẫu 2024-Q2 ({}) | - | {} | {total:.2} s |",
        plan.reporting_agencies().count(),
        stage_cells(&out.timings)
    );
}

/// The 2031 plan of `tests/fixtures/province/` with commune-level units added in its
/// `agencies.yaml` until it has `communes` of them; every department and `sending` communes send a
/// form for 2031-Q2.
fn communes(root: &Path, communes: usize, sending: usize) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("data");
    copy_dir(&root.join("tests/fixtures/province"), &data);
    let path = data.join("plan/2031/agencies.yaml");
    let text = std::fs::read_to_string(&path).expect("agencies.yaml");
    let existing = text.matches("kind: cap-xa").count();
    let mut units = String::new();
    for i in 1..=communes.saturating_sub(existing) {
        units.push_str(&format!(
            "  - code: X-{i:03}\n    name: UBND xã Thử Nghiệm {i:03}\n    kind: cap-xa\n"
        ));
    }
    let at = text.find("\ngroups:").expect("the groups of agencies.yaml");
    std::fs::write(&path, format!("{}\n{units}{}", &text[..at], &text[at..])).expect("written");
    let plan = load_plan(&data, 2031).expect("the plan loads").plan;
    let q = Quarter::new(2031, 2).expect("2031-Q2");
    let started = Instant::now();
    let folder = data.join("submissions").join(q.to_string());
    std::fs::create_dir_all(&folder).expect("the submissions folder");
    let mut commune_forms = 0;
    for agency in plan.reporting_agencies() {
        if agency.kind == AgencyKind::CapXa {
            if commune_forms == sending {
                continue;
            }
            commune_forms += 1;
        }
        let fill = fill_for(&plan, &agency.code, q);
        let bytes = write_form(&plan, &agency.code, q, Some(&fill)).expect("a form");
        std::fs::write(folder.join(format!("{}.xlsx", agency.code)), bytes).expect("a written form");
    }
    let generated = started.elapsed().as_secs_f64();
    let job = job(dir.path(), &plan, q);
    let started = Instant::now();
    let out = run_build(&plan, &job, &mut |_| {}).expect("the build runs");
    let total = started.elapsed().as_secs_f64();
    println!(
        "| 2031-Q2, {communes} xã ({} gửi / {}) | {generated:.1} s | {} | {total:.2} s |",
        out.intake.submissions().count(),
        plan.reporting_agencies().count(),
        stage_cells(&out.timings)
    );
}

/// One cell per stage: its wall-clock seconds.
fn stage_cells(t: &baocao::pipeline::Timings) -> String {
    let cells: Vec<String> = t.stages.iter().map(|(_, d)| format!("{:.2} s", d.as_secs_f64())).collect();
    cells.join(" | ")
}

/// A build of `quarter` over `root/data` into `root/out`, with the defaults of `baocao build`.
fn job(root: &Path, plan: &Plan, quarter: Quarter) -> Job {
    Job {
        data: root.join("data"),
        out: root.join("out"),
        quarter,
        cutoff: quarter.deadline(plan.info.submission_day),
        signing_date: None,
        final_build: false,
        templates: None,
        font_dirs: Vec::new(),
        system_fonts: false,
        keep_typ: false,
        package: false,
        archive: false,
    }
}

fn quarter() -> Quarter {
    Quarter::new(2024, 2).expect("2024-Q2")
}

/// Builds the plan of a province with `n` reporting agencies and writes one filled form per
/// agency; returns the plan and the seconds spent writing forms.
fn synthetic_province(root: &Path, dir: &Path, n: usize) -> (Plan, f64) {
    let data = dir.join("data");
    copy_dir(&root.join("data/plan"), &data.join("plan"));
    let mut plan = load_plan(&data, 2024).expect("the plan loads").plan;
    let real = plan.reporting_agencies().count();
    for i in 0..n.saturating_sub(real) {
        plan.agencies.push(Agency {
            code: AgencyCode(format!("X-{i:05}")),
            name: format!("UBND đơn vị thử nghiệm {i:05}"),
            short: Some(format!("ĐV {i:05}")),
            kind: AgencyKind::CapHuyen,
            aliases: Vec::new(),
            reports: true,
            replaces: Vec::new(),
        });
    }
    plan.directory = AgencyDirectory::new(&plan.agencies, &plan.groups);
    let started = Instant::now();
    let folder = data.join("submissions").join(quarter().to_string());
    std::fs::create_dir_all(&folder).expect("the submissions folder");
    let codes: Vec<AgencyCode> = plan.reporting_agencies().map(|a| a.code.clone()).collect();
    for code in codes {
        let fill = fill_for(&plan, &code, quarter());
        let bytes = write_form(&plan, &code, quarter(), Some(&fill)).expect("a form");
        std::fs::write(folder.join(format!("{code}.xlsx")), bytes).expect("a written form");
    }
    (plan, started.elapsed().as_secs_f64())
}

/// Plausible values for everything an agency reports.
fn fill_for(plan: &Plan, agency: &AgencyCode, quarter: Quarter) -> FormFill {
    let ob = plan.obligations(agency);
    let mut fill = FormFill {
        report_date: Some(quarter.deadline(plan.info.submission_day.min(10))),
        preparer: Some("Nguyễn Văn A".to_owned()),
        phone: Some("0204 3854 000".to_owned()),
        ..FormFill::default()
    };
    for (_, m) in &ob.measures {
        let target = m.target.map_or(50.0, |t| t.reference(m.direction));
        let code = m.code.as_ref().map(|c| c.0.clone()).unwrap_or_default();
        fill.measures.insert(
            code,
            MeasureFill {
                same_period_last_year: Some(CellValue::Number(target * 0.42)),
                cumulative: Some(CellValue::Number(target * 0.48)),
                year_estimate: Some(CellValue::Number(target * 1.01)),
                note: None,
            },
        );
    }
    for s in &ob.sectors {
        fill.growth.insert(
            s.code.0.clone(),
            GrowthFill {
                quarter: Some(CellValue::Number(8.0)),
                cumulative: Some(CellValue::Number(7.5)),
                year_update: Some(CellValue::Number(8.2)),
                note: None,
            },
        );
    }
    for t in &ob.tasks {
        fill.tasks.insert(
            t.id.0.clone(),
            TaskFill {
                status: Some("Đang thực hiện".to_owned()),
                progress: Some(CellValue::Number(50.0)),
                result: Some(format!("Đã triển khai nhiệm vụ {}, kết quả bước đầu tích cực.", t.id)),
                issues: None,
            },
        );
    }
    fill
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel: PathBuf = entry.path().strip_prefix(from).map(Path::to_path_buf).unwrap_or_default();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("a folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("a copied file");
        }
    }
}
