//! Whole-build benchmark: `cargo bench --bench pipeline [-- 450 2835] [--runs 5]`.
//!
//! Every row runs the real `baocao build` as a child process (its reader workers included), the
//! median wall-clock time of `--runs` runs (default 3) after one warm-up run, with the stage times
//! the build prints for the median run, and the peak memory of the whole process tree: the sum of
//! the resident sizes of `baocao` and its workers, sampled every 10 ms, and never below the
//! main process's own high-water mark (`VmHWM`). Generating forms is not timed.
//!
//! Rows: the shipped sample quarter (2024-Q2); the post-July-2025 shape (the 2031 plan of
//! `tests/fixtures/province/` with 120 communes, 100 of them and every department sending); and
//! synthetic provinces of the requested sizes (the real 2024 plan with extra district-level units
//! until it has that many reporting agencies, each sending a complete, valid form written by the
//! real form writer; 2.835 = 63 provinces × 45 agencies).
//!
//! Bare Typst: the sample's four documents (report, Phụ lục 1–3, as `build --keep-typ` generates
//! them) compiled one after another by the typst library through its Python binding (PyPI
//! `typst`, which embeds typst 0.15.1), with the shipped fonts and no system-font scan, each run in
//! a fresh interpreter, timed from the first compile to the last PDF (`benches/bare_typst.py`).
//! Skipped, with the reason printed, where the binding is not installed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use baocao::forms::{CellValue, FormFill, GrowthFill, MeasureFill, TaskFill, write_form};
use baocao::period::Quarter;
use baocao::plan::{AgencyCode, AgencyKind, Plan, load_plan};

const BAOCAO: &str = env!("CARGO_BIN_EXE_baocao");

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|r| r.parse().ok())
        .unwrap_or(3usize);
    let sizes: Vec<usize> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .filter_map(|a| a.parse().ok())
        .filter(|&n| n != runs)
        .collect();
    let sizes = if sizes.is_empty() { vec![450, 2835] } else { sizes };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));

    let sample = tempfile::tempdir().expect("a temporary folder");
    copy_dir(&root.join("data"), &sample.path().join("data"));
    let q2 = Quarter::new(2024, 2).expect("2024-Q2");
    // The sample and bare Typst alternate run by run, so both see the machine in the same state.
    let bare = BareTypst::prepare(root, sample.path());
    let mut ours = Vec::new();
    let mut bare_times = Vec::new();
    for k in 0..=runs {
        let m = run_build(sample.path(), &format!("out-{k}"), q2, &[]);
        let b = bare.as_ref().map_err(Clone::clone).and_then(BareTypst::run);
        if k > 0 {
            ours.push(m);
            bare_times.push(b);
        }
    }
    let label = format!("mẫu 2024-Q2 ({} cơ quan)", reporting(&sample.path().join("data"), 2024));
    let mut rows = vec![(label, None, median_of(ours))];
    let bare: Result<f64, String> =
        bare_times.into_iter().collect::<Result<Vec<f64>, String>>().map(|mut t| {
            t.sort_by(f64::total_cmp);
            t[t.len() / 2]
        });

    let communes = tempfile::tempdir().expect("a temporary folder");
    let (label, generated) = commune_province(root, communes.path(), 120, 100);
    let q = Quarter::new(2031, 2).expect("2031-Q2");
    rows.push((label, Some(generated), measure(communes.path(), q, runs)));

    for n in sizes {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let dir = match std::env::var_os("BAOCAO_BENCH_KEEP") {
            // Keeps the generated province for profiling: `BAOCAO_BENCH_KEEP=1 cargo bench …`.
            Some(_) => Box::new(dir.keep()) as Box<dyn AsRef<Path>>,
            None => Box::new(dir),
        };
        let dir = (*dir).as_ref();
        let generated = synthetic_province(root, dir, n);
        if std::env::var_os("BAOCAO_BENCH_KEEP").is_some() {
            eprintln!("giữ lại tỉnh giả lập {n} cơ quan ở {}", dir.display());
        }
        rows.push((format!("giả lập {n} cơ quan"), Some(generated), measure(dir, q2, runs)));
    }

    let stages: Vec<&str> = rows[0].2.stages.iter().map(|(n, _)| n.as_str()).collect();
    println!("\n| bộ dữ liệu | tạo biểu (không tính) | {} | tổng | RSS đỉnh |", stages.join(" | "));
    println!("|---|---:|{}---:|---:|", "---:|".repeat(stages.len()));
    for (label, generated, m) in &rows {
        let cells: Vec<String> = m.stages.iter().map(|(_, s)| format!("{} s", vn(*s, 2))).collect();
        println!(
            "| {label} | {} | {} | {} s | {} MiB |",
            generated.map_or("-".to_owned(), |g| format!("{} s", vn(g, 1))),
            cells.join(" | "),
            vn(m.wall.as_secs_f64(), 2),
            vn(m.peak_mib, 0)
        );
    }
    match bare {
        Ok(bare) => {
            let ours = rows[0].2.wall.as_secs_f64();
            println!(
                "\nTypst trần (4 tài liệu nối tiếp, trung vị {runs} lần): {} s; baocao build mẫu: {} s = {}× Typst trần",
                vn(bare, 2),
                vn(ours, 2),
                vn(ours / bare, 2)
            );
        }
        Err(why) => println!("\nTypst trần: bỏ qua ({why})"),
    }
}

/// One measured build: median wall-clock time, its stage times, the peak tree memory.
struct Measured {
    wall: Duration,
    stages: Vec<(String, f64)>,
    peak_mib: f64,
}

/// Runs `baocao build` over `dir/data` once to warm up, then `runs` times, each into a folder of
/// its own (`out-<k>`, all removed with the temporary folder at the end): on ext4, creating
/// thousands of files within about 30 s of deleting thousands (the previous run's outputs) makes
/// the kernel skip recently freed inodes one by one, which would time the benchmark's own
/// clean-up, not the build.
fn measure(dir: &Path, quarter: Quarter, runs: usize) -> Measured {
    median_of((0..=runs).map(|k| run_build(dir, &format!("out-{k}"), quarter, &[])).skip(1).collect())
}

/// The run of median wall-clock time, with the highest peak memory of all runs.
fn median_of(mut all: Vec<Measured>) -> Measured {
    all.sort_by_key(|m| m.wall);
    let peak = all.iter().map(|m| m.peak_mib).fold(0.0, f64::max);
    let mut median = all.swap_remove(all.len() / 2);
    median.peak_mib = peak;
    median
}

/// One `baocao build` as a child process, sampled for memory every 10 ms.
fn run_build(dir: &Path, out: &str, quarter: Quarter, extra: &[&str]) -> Measured {
    let out = dir.join(out);
    let started = Instant::now();
    let mut child = Command::new(BAOCAO)
        .arg("build")
        .arg("--data")
        .arg(dir.join("data"))
        .arg("--out")
        .arg(&out)
        .args(["--quarter", &quarter.to_string()])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("baocao starts");
    let stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let mut peak_kib = 0u64;
    let status = loop {
        peak_kib = peak_kib.max(tree_rss_kib(child.id()));
        if let Some(status) = child.try_wait().expect("waiting for baocao") {
            break status;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let wall = started.elapsed();
    let stderr = reader.join().expect("stderr read");
    assert!(status.code().is_some_and(|c| c <= 1), "baocao build failed:\n{stderr}");
    Measured { wall, stages: stage_times(&stderr), peak_mib: peak_kib as f64 / 1024.0 }
}

/// The resident size of a process and all its descendants, in KiB; for the process itself, its
/// high-water mark when larger (it may have peaked between two samples).
fn tree_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0)
    };
    let children: u64 = std::fs::read_dir(format!("/proc/{pid}/task"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
        .flat_map(|list| list.split_whitespace().filter_map(|c| c.parse::<u32>().ok()).collect::<Vec<_>>())
        .map(tree_rss_kib)
        .sum();
    field("VmRSS:").max(field("VmHWM:")) + children
}

/// The stage times `baocao build` prints: "thời gian theo bước (…): tiếp nhận 0,08 s, …; tổng 0,93 s".
fn stage_times(stderr: &str) -> Vec<(String, f64)> {
    let Some(line) = stderr.lines().find(|l| l.starts_with("thời gian theo bước")) else {
        return Vec::new();
    };
    let list = line.split_once("): ").map_or("", |(_, l)| l);
    let list = list.split("; tổng").next().unwrap_or("");
    list.split(", ")
        .filter_map(|item| {
            let item = item.trim().strip_suffix(" s")?;
            let (name, secs) = item.rsplit_once(' ')?;
            Some((name.to_owned(), secs.replace(',', ".").parse().ok()?))
        })
        .collect()
}

/// The sample's four documents ready for bare Typst: their generated sources and `nd30.typ`.
struct BareTypst {
    dir: tempfile::TempDir,
    script: PathBuf,
    fonts: PathBuf,
}

impl BareTypst {
    /// Generates the sources (`build --keep-typ`), or says why bare Typst cannot run here.
    fn prepare(root: &Path, sample: &Path) -> Result<BareTypst, String> {
        let probe = Command::new("python3").args(["-c", "import typst"]).output();
        if !probe.is_ok_and(|o| o.status.success()) {
            return Err(
                "cần python3 và gói PyPI `typst` (pip install typst==0.15.2, nhân typst 0.15.1)".into()
            );
        }
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let quarter = Quarter::new(2024, 2).expect("2024-Q2");
        let keep = dir.path().join("build");
        copy_dir(&sample.join("data"), &keep.join("data"));
        run_build(&keep, "out", quarter, &["--keep-typ", "-q"]);
        for doc in ["bao-cao", "phu-luc-1", "phu-luc-2", "phu-luc-3"] {
            let name = format!("{doc}.typ");
            std::fs::copy(keep.join("out").join(quarter.to_string()).join(&name), dir.path().join(&name))
                .map_err(|e| e.to_string())?;
        }
        std::fs::copy(root.join("templates/nd30.typ"), dir.path().join("nd30.typ"))
            .map_err(|e| e.to_string())?;
        Ok(BareTypst { dir, script: root.join("benches/bare_typst.py"), fonts: root.join("templates/fonts") })
    }

    /// Seconds of one run: a fresh interpreter compiling the four documents one after another.
    fn run(&self) -> Result<f64, String> {
        let out = Command::new("python3")
            .arg(&self.script)
            .arg(self.dir.path())
            .arg(&self.fonts)
            .output()
            .map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        String::from_utf8_lossy(&out.stdout).trim().parse::<f64>().map_err(|e| e.to_string())
    }
}

/// How many agencies of a plan report.
fn reporting(data: &Path, year: i32) -> usize {
    load_plan(data, year).expect("the plan loads").plan.reporting_agencies().count()
}

/// The 2031 plan of `tests/fixtures/province/` with commune-level units added until it has
/// `communes` of them; every department and `sending` communes send a form for 2031-Q2. Returns
/// the row label and the seconds spent writing forms.
fn commune_province(root: &Path, dir: &Path, communes: usize, sending: usize) -> (String, f64) {
    let data = dir.join("data");
    copy_dir(&root.join("tests/fixtures/province"), &data);
    let path = data.join("plan/2031/agencies.yaml");
    let existing = std::fs::read_to_string(&path).expect("agencies.yaml").matches("kind: cap-xa").count();
    add_units(&path, communes.saturating_sub(existing), "cap-xa", "UBND xã Thử Nghiệm");
    let plan = load_plan(&data, 2031).expect("the plan loads").plan;
    let q = Quarter::new(2031, 2).expect("2031-Q2");
    let mut commune_forms = 0;
    let codes: Vec<AgencyCode> = plan
        .reporting_agencies()
        .filter(|a| {
            if a.kind != AgencyKind::CapXa {
                return true;
            }
            commune_forms += 1;
            commune_forms <= sending
        })
        .map(|a| a.code.clone())
        .collect();
    let generated = write_forms(&plan, &data, q, &codes);
    let label = format!(
        "2031-Q2, {communes} xã ({} / {} cơ quan gửi)",
        codes.len(),
        plan.reporting_agencies().count()
    );
    (label, generated)
}

/// The real 2024 plan with extra district-level units until `n` agencies report, each sending a
/// filled form; returns the seconds spent writing forms.
fn synthetic_province(root: &Path, dir: &Path, n: usize) -> f64 {
    let data = dir.join("data");
    copy_dir(&root.join("data/plan"), &data.join("plan"));
    let real = reporting(&data, 2024);
    add_units(
        &data.join("plan/2024/agencies.yaml"),
        n.saturating_sub(real),
        "cap-huyen",
        "UBND đơn vị thử nghiệm",
    );
    let plan = load_plan(&data, 2024).expect("the plan loads").plan;
    assert_eq!(plan.reporting_agencies().count(), n.max(real), "the synthetic province has {n} agencies");
    let codes: Vec<AgencyCode> = plan.reporting_agencies().map(|a| a.code.clone()).collect();
    write_forms(&plan, &data, Quarter::new(2024, 2).expect("2024-Q2"), &codes)
}

/// Appends `count` units of `kind` to an `agencies.yaml`, before its `groups:`.
fn add_units(path: &Path, count: usize, kind: &str, name: &str) {
    let text = std::fs::read_to_string(path).expect("agencies.yaml");
    let mut units = String::new();
    for i in 1..=count {
        units.push_str(&format!("  - code: X-{i:05}\n    name: {name} {i:05}\n    kind: {kind}\n"));
    }
    let at = text.find("\ngroups:").expect("the groups of agencies.yaml");
    std::fs::write(path, format!("{}\n{units}{}", &text[..at], &text[at..])).expect("written");
}

/// Writes one filled form per agency into the quarter's submissions; returns the seconds taken.
fn write_forms(plan: &Plan, data: &Path, quarter: Quarter, codes: &[AgencyCode]) -> f64 {
    let started = Instant::now();
    let folder = data.join("submissions").join(quarter.to_string());
    std::fs::create_dir_all(&folder).expect("the submissions folder");
    for code in codes {
        let fill = fill_for(plan, code, quarter);
        let bytes = write_form(plan, code, quarter, Some(&fill)).expect("a form");
        std::fs::write(folder.join(format!("{code}.xlsx")), bytes).expect("a written form");
    }
    started.elapsed().as_secs_f64()
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

/// A number in Vietnamese notation with `decimals` places: `1.234,56`.
fn vn(value: f64, decimals: usize) -> String {
    baocao::vn::number_fixed(value, decimals)
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
