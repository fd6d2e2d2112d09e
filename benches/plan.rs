//! Plan stage timing: `load_plan` (read, parse, validate) plus reading the plan's text and the
//! cross-check, on the shipped plan and on a synthetic plan ten times larger.
//!
//! The synthetic plan repeats the shipped one ten times under new names: copy k (k = 1…9) gets
//! agency and group codes `<code>-K<k>`, names and aliases ending in ` <k>`, task groups numbered
//! `g + 9k`, and section II items renumbered the same way in a generated `2024.md` whose lead
//! clauses name the copied agencies. The growth scenario stays as shipped. The synthetic plan must
//! load with no finding and no discrepancy, so the timing is the success path.
//!
//! Each size is run once to warm the page cache, then timed `RUNS` times; the median is reported.
//! Run: `cargo bench --bench plan` (add `-- 20` to choose the number of runs).

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use baocao::plan::crosscheck::{crosscheck, parse_items};
use baocao::plan::{
    AgenciesFile, AgencyCode, DocumentFile, GrowthFile, IndicatorsFile, Plan, TaskGroup, TasksFile, load_plan,
};

const RUNS: usize = 50;
const COPIES: usize = 10;

fn main() {
    let runs = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(RUNS);
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let dir = tempfile::tempdir().expect("tempdir");
    let synthetic = dir.path().join("data");
    generate(&shipped, &synthetic, COPIES);

    println!("plan stage — median of {runs} runs (load = read + parse + validate)\n");
    println!(
        "| plan | agencies | tasks | targets | items of section II | files (KB) | load (ms) | cross-check (ms) | total (ms) | min–max total (ms) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (label, data) in [("shipped (2024)", shipped.as_path()), ("synthetic ×10", synthetic.as_path())] {
        let (plan, _) = stage(data); // warm-up
        let items =
            parse_items(&fs::read_to_string(data.join("plan").join(&plan.info.text)).expect("text")).len();
        let mut loads = Vec::with_capacity(runs);
        let mut checks = Vec::with_capacity(runs);
        let mut totals = Vec::with_capacity(runs);
        for _ in 0..runs {
            let start = Instant::now();
            let (_, load) = std::hint::black_box(stage(data));
            let total = start.elapsed();
            loads.push(load);
            checks.push(total - load);
            totals.push(total);
        }
        let targets: usize = plan.tasks.iter().map(|t| t.targets.len()).sum();
        let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
        totals.sort();
        println!(
            "| {label} | {} | {} | {targets} | {items} | {} | {} | {} | {} | {}–{} |",
            plan.agencies.len(),
            plan.tasks.len(),
            size_kb(data),
            ms(median(&mut loads)),
            ms(median(&mut checks)),
            ms(median(&mut totals)),
            ms(totals[0]),
            ms(totals[totals.len() - 1]),
        );
    }
}

/// The size of the plan's YAML files and text, in KB.
fn size_kb(data: &Path) -> u64 {
    let dir = data.join("plan");
    let files =
        baocao::plan::PLAN_FILES.iter().map(|f| dir.join("2024").join(f)).chain([dir.join("2024.md")]);
    files.map(|f| fs::metadata(f).map_or(0, |m| m.len())).sum::<u64>() / 1024
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The timed work: what `baocao plan` does before printing (the items of section II are counted
/// outside it). Returns the plan and the time `load_plan` took.
fn stage(data: &Path) -> (Plan, Duration) {
    let start = Instant::now();
    let loaded = load_plan(data, 2024).unwrap_or_else(|e| panic!("{} does not load: {e:?}", data.display()));
    let load = start.elapsed();
    assert!(loaded.issues.is_empty(), "{:?}", loaded.issues);
    let md_path = data.join("plan").join(&loaded.plan.info.text);
    let markdown = fs::read_to_string(&md_path).expect("plan text");
    let discrepancies = crosscheck(&loaded.plan, &markdown, &md_path);
    assert!(discrepancies.is_empty(), "{discrepancies:?}");
    (loaded.plan, load)
}

/// Writes a plan `copies` times the size of the one in `from` into `to` (`to/plan/2024/…`).
fn generate(from: &Path, to: &Path, copies: usize) {
    let src = from.join("plan/2024");
    let read = |name: &str| fs::read_to_string(src.join(name)).expect("read");
    let document: DocumentFile = serde_yaml::from_str(&read("document.yaml")).expect("document");
    let agencies: AgenciesFile = serde_yaml::from_str(&read("agencies.yaml")).expect("agencies");
    let indicators: IndicatorsFile = serde_yaml::from_str(&read("indicators.yaml")).expect("indicators");
    let growth: GrowthFile = serde_yaml::from_str(&read("growth.yaml")).expect("growth");
    let tasks: TasksFile = serde_yaml::from_str(&read("tasks.yaml")).expect("tasks");
    let plan = load_plan(from, 2024).expect("shipped plan").plan;
    let markdown = fs::read_to_string(from.join("plan").join(&plan.info.text)).expect("text");
    let items = parse_items(&markdown);
    let groups_in_section_two = tasks.groups.iter().filter(|g| g.number.parse::<u32>().is_ok()).count();

    let code = |c: &AgencyCode, k: usize| if k == 0 { c.clone() } else { AgencyCode(format!("{c}-K{k}")) };
    let name = |s: &str, k: usize| if k == 0 { s.to_owned() } else { format!("{s} {k}") };
    // Renumbers `1.6.b` to `(1 + 9k).6.b`; `III.1` to `III.(1 + k)`.
    let renumber = |id: &str, k: usize| {
        let (group, rest) = id.split_once('.').expect("dotted id");
        match group.parse::<usize>() {
            Ok(g) => format!("{}.{rest}", g + groups_in_section_two * k),
            Err(_) => format!("{group}.{}", rest.parse::<usize>().expect("number") + k),
        }
    };

    let mut out_agencies = AgenciesFile { agencies: Vec::new(), groups: Vec::new() };
    let mut out_indicators = IndicatorsFile { indicators: Vec::new() };
    let mut out_tasks = TasksFile { groups: Vec::new(), tasks: Vec::new(), statuses: tasks.statuses.clone() };
    let mut md = String::from("# KẾ HOẠCH (tổng hợp)\n\n## II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU\n\n");
    for k in 0..copies {
        for a in &agencies.agencies {
            let mut a = a.clone();
            a.code = code(&a.code, k);
            a.name = name(&a.name, k);
            a.short = a.short.as_deref().map(|s| name(s, k));
            a.aliases = a.aliases.iter().map(|s| name(s, k)).collect();
            out_agencies.agencies.push(a);
        }
        for g in &agencies.groups {
            let mut g = g.clone();
            g.code = code(&g.code, k);
            g.name = name(&g.name, k);
            g.aliases = g.aliases.iter().map(|s| name(s, k)).collect();
            g.members = g.members.iter().map(|c| code(c, k)).collect();
            g.except = g.except.iter().map(|c| code(c, k)).collect();
            out_agencies.groups.push(g);
        }
        for m in &indicators.indicators {
            let mut m = m.clone();
            m.code =
                m.code.map(|c| baocao::plan::MeasureCode(if k == 0 { c.0 } else { format!("{c}-K{k}") }));
            m.reporters = m.reporters.iter().map(|c| code(c, k)).collect();
            m.item = m.item.as_deref().map(|i| renumber(i, k));
            out_indicators.indicators.push(m);
        }
        for g in &tasks.groups {
            let number = match g.number.parse::<usize>() {
                Ok(n) => (n + groups_in_section_two * k).to_string(),
                Err(_) if k == 0 => g.number.clone(),
                Err(_) => continue,
            };
            out_tasks.groups.push(TaskGroup { number, title: g.title.clone() });
        }
        for t in &tasks.tasks {
            let mut t = t.clone();
            t.id = baocao::plan::TaskId(renumber(t.id.as_str(), k));
            t.lead = t.lead.iter().map(|c| code(c, k)).collect();
            t.coordinate = t.coordinate.iter().map(|c| code(c, k)).collect();
            out_tasks.tasks.push(t);
        }
        let mut group = String::new();
        for item in &items {
            let number = renumber(&item.number, k);
            let g = number.split('.').next().unwrap_or("").to_owned();
            if g != group {
                let title = out_tasks.groups.iter().find(|x| x.number == g).map_or("", |x| x.title.as_str());
                let _ = write!(md, "### {g}. {title}\n\n");
                group = g;
            }
            let (leads, unknown) = plan.directory.segment(&item.lead_text);
            assert!(unknown.is_empty(), "item {}: {unknown:?}", item.number);
            let lead: Vec<String> = leads.iter().map(|c| name(&plan.assignee_name(c), k)).collect();
            let _ = write!(md, "{number}. {}: {}\n\n", lead.join(", "), item.text);
        }
    }
    md.push_str("## III. TỔ CHỨC THỰC HIỆN\n\n1. Tổ chức thực hiện.\n");

    let dest = to.join("plan/2024");
    fs::create_dir_all(&dest).expect("mkdir");
    let write = |name: &str, yaml: String| fs::write(dest.join(name), yaml).expect("write");
    write("document.yaml", serde_yaml::to_string(&document).expect("yaml"));
    write("agencies.yaml", serde_yaml::to_string(&out_agencies).expect("yaml"));
    write("indicators.yaml", serde_yaml::to_string(&out_indicators).expect("yaml"));
    write("growth.yaml", serde_yaml::to_string(&growth).expect("yaml"));
    write("tasks.yaml", serde_yaml::to_string(&out_tasks).expect("yaml"));
    fs::write(to.join("plan").join(&document.plan.text), md).expect("write text");
}
