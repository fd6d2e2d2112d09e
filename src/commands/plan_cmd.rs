//! `baocao plan`: load, validate and cross-check the plan; print a summary and every finding.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::Outcome;
use crate::cli::PlanArgs;
use crate::findings::{Counts, RunReport};
use crate::plan::crosscheck::{coverage, crosscheck, parse_items};
use crate::plan::{Plan, find_plan_years, load_plan};

/// Runs `baocao plan`, printing to stdout; findings go to stderr.
pub fn run_plan(args: &PlanArgs) -> Result<Outcome> {
    let data = &args.data.data;
    let year = match args.year {
        Some(y) => y,
        None => latest_year(data)?,
    };
    let mut report = RunReport::new(false);
    let loaded = match load_plan(data, year) {
        Ok(l) => l,
        Err(issues) => {
            report.add_all(&issues);
            eprintln!("kế hoạch năm {year} không đọc được: {} lỗi", issues.len());
            return Ok(Outcome::Failure);
        }
    };
    let plan = &loaded.plan;
    let md_path = data.join("plan").join(&plan.info.text);
    let markdown = crate::confine::read_to_string(data, &md_path)
        .with_context(|| format!("không đọc được văn bản kế hoạch {}", md_path.display()))?;
    let discrepancies = crosscheck(plan, &markdown, &md_path);
    let items = parse_items(&markdown);
    let section = items.first().map_or_else(String::new, |i| format!(" {}", i.section));
    print!("{}", summary(plan, coverage(plan, &items), &section));
    report.add_all(&loaded.issues);
    report.add_all(&discrepancies);
    let own = Counts::of(&loaded.issues);
    println!(
        "Kết quả: {} lỗi, {} cảnh báo, {} điểm chưa khớp với văn bản kế hoạch.",
        own.errors,
        own.warnings,
        discrepancies.len()
    );
    if report.has_errors() {
        Ok(Outcome::Failure)
    } else {
        println!("Kế hoạch hợp lệ và khớp với văn bản.");
        Ok(Outcome::Success)
    }
}

/// Loads the plan of `year` for a command that needs a usable plan: reports every finding and
/// fails when the plan cannot be read or has errors.
pub fn load_valid_plan(data: &Path, year: i32, report: &mut RunReport) -> Result<Plan> {
    let loaded = match load_plan(data, year) {
        Ok(l) => l,
        Err(issues) => {
            report.add_all(&issues);
            bail!(
                "kế hoạch năm {year} trong {} không đọc được ({} lỗi)",
                data.join("plan").display(),
                issues.len()
            );
        }
    };
    report.add_all(&loaded.issues);
    let errors = Counts::of(&loaded.issues).errors;
    if errors > 0 {
        bail!("kế hoạch năm {year} có {errors} lỗi (chạy `baocao plan --year {year}` để xem và sửa trước)");
    }
    Ok(loaded.plan)
}

/// The latest plan year in `DATA/plan/`.
pub fn latest_year(data: &Path) -> Result<i32> {
    match find_plan_years(data).last() {
        Some(y) => Ok(*y),
        None => bail!(
            "không tìm thấy kế hoạch nào trong {} (cần thư mục plan/<năm>/document.yaml)",
            data.join("plan").display()
        ),
    }
}

/// The summary printed first; `(covered, items)` counts the items of the tasks section (` II`, as
/// `section` names it) that have tasks.
fn summary(plan: &Plan, (covered, items_in_text): (usize, usize), section: &str) -> String {
    let mut per_group: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for t in &plan.tasks {
        let e = per_group.entry(t.id.group()).or_default();
        e.0 += 1;
        e.1 += t.targets.len();
    }
    let items: std::collections::BTreeSet<&str> = plan.tasks.iter().map(|t| t.id.item()).collect();
    let targets: usize = plan.tasks.iter().map(|t| t.targets.len()).sum();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Kế hoạch năm {} — {} (dấu vân tay {})",
        plan.info.year, plan.info.province, plan.fingerprint
    );
    let _ = writeln!(
        s,
        "  Cơ quan: {} ({} gửi báo cáo quý)",
        plan.agencies.len(),
        plan.reporting_agencies().count()
    );
    let _ = writeln!(s, "  Nhóm cơ quan: {}", plan.groups.len());
    let _ = writeln!(
        s,
        "  Chỉ tiêu chủ yếu (Phụ lục {}): {}",
        plan.report.appendices.indicators.number,
        plan.indicators.len()
    );
    let _ = writeln!(
        s,
        "  Ngành trong kịch bản tăng trưởng (Phụ lục {}): {}",
        plan.report.appendices.growth.number,
        plan.growth.sectors.len()
    );
    let _ = writeln!(
        s,
        "  Nhiệm vụ (Phụ lục {}): {} nhiệm vụ từ {} mục, {} chỉ tiêu định lượng",
        plan.report.appendices.tasks.number,
        plan.tasks.len(),
        items.len(),
        targets
    );
    // In the plan's order (1, 2, …, 10, III), not as text (1, 10, 11, 2, …); groups the plan does
    // not declare come last.
    let position = |g: &str| plan.task_groups.iter().position(|x| x.number == g).unwrap_or(usize::MAX);
    let mut ordered: Vec<(&&str, &(usize, usize))> = per_group.iter().collect();
    ordered.sort_by_key(|(g, _)| (position(g), g.len(), **g));
    for (group, (n, t)) in ordered {
        let title = plan.task_group_title(group).unwrap_or("");
        let short: String = title.chars().take(60).collect();
        let ellipsis = if title.chars().count() > 60 { "…" } else { "" };
        let _ = writeln!(s, "    Nhóm {group:>3}: {n:>3} nhiệm vụ, {t:>2} chỉ tiêu — {short}{ellipsis}");
    }
    let _ = writeln!(
        s,
        "  Tình trạng nhiệm vụ: {} nhãn trong danh sách chọn, {} cách viết khác{}",
        plan.statuses.labels().count(),
        plan.statuses.other_spellings(),
        if plan.statuses.entries().is_none() { " (danh mục mặc định)" } else { "" }
    );
    let _ = writeln!(
        s,
        "  Văn bản kế hoạch ({}): {covered}/{items_in_text} mục của phần{section} có nhiệm vụ",
        plan.info.text
    );
    s
}
