//! Cross-checks the structured plan against the plan's own text (`DATA/plan/<year>.md`).
//!
//! Every numbered item `X.Y.` of section II must have tasks led by the agencies named before its
//! colon, and every percentage and quantity with a unit in its text must be a target of those
//! tasks or be listed under `not-targets` — and every target must be in the text.

use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::finding_codes::TEXT_MISMATCH;
use super::measure_terms::{Target, Unit};
use super::model::{Measure, Task};
use super::quantities::{Qualifier, Quantity, extract};
use super::{Plan, measure_code};
use crate::findings::{Finding, Place};
use crate::vn::fold;

/// A numbered item of section II as the text writes it.
#[derive(Debug, Clone)]
pub struct PlanItem {
    /// `1.6`.
    pub number: String,
    /// The lead agencies as written before the first colon.
    pub lead_text: String,
    /// The item's text after the colon, all paragraphs joined.
    pub text: String,
    /// 1-based line of the item in the Markdown file.
    pub line: usize,
    /// The plan section it is in, as its heading numbers it (`II`).
    pub section: String,
}

/// Reads the numbered items (`1.6. Sở …: …`) of the plan's tasks section from its Markdown. The
/// tasks section is the top-level section (`## …`) with the most such items, whatever its number
/// (II in one plan, III in another), so no section number is assumed.
pub fn parse_items(markdown: &str) -> Vec<PlanItem> {
    let mut items: Vec<PlanItem> = Vec::new();
    let mut section = String::new();
    let mut in_item = false;
    let mut buf = String::new();
    let mut start = 0;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::Paragraph) => {
                buf.clear();
                start = range.start;
            }
            Event::End(TagEnd::Heading(level)) => {
                if level == HeadingLevel::H2 {
                    section = buf.trim().split(['.', ' ']).next().unwrap_or("").to_owned();
                }
                in_item = false;
            }
            Event::End(TagEnd::Paragraph) => {
                let line = markdown[..start].matches('\n').count() + 1;
                if let Some(mut item) = item_start(&buf, line) {
                    item.section = section.clone();
                    items.push(item);
                    in_item = true;
                } else if let (true, Some(last)) = (in_item, items.last_mut()) {
                    last.text.push(' ');
                    last.text.push_str(buf.trim());
                }
            }
            Event::Text(t) | Event::Code(t) => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            _ => {}
        }
    }
    // The section with the most items (the first of equals) is the tasks section.
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for it in &items {
        match counts.iter_mut().find(|(s, _)| *s == it.section) {
            Some(c) => c.1 += 1,
            None => counts.push((&it.section, 1)),
        }
    }
    let best = counts.iter().fold(None::<(&str, usize)>, |b, c| match b {
        Some(b) if b.1 >= c.1 => Some(b),
        _ => Some(*c),
    });
    let tasks_section = best.map(|b| b.0.to_owned()).unwrap_or_default();
    items.retain(|i| i.section == tasks_section);
    items
}

fn item_start(paragraph: &str, line: usize) -> Option<PlanItem> {
    let p = paragraph.trim();
    let dot = p.find(". ")?;
    let number = &p[..dot];
    let mut parts = number.split('.');
    let ok = parts.next().is_some_and(|a| a.parse::<u32>().is_ok())
        && parts.next().is_some_and(|b| b.parse::<u32>().is_ok())
        && parts.next().is_none();
    if !ok {
        return None;
    }
    let rest = &p[dot + 2..];
    let (lead, text) = rest.split_once(':').unwrap_or(("", rest));
    Some(PlanItem {
        number: number.to_owned(),
        lead_text: lead.trim().to_owned(),
        text: text.trim().to_owned(),
        line,
        section: String::new(),
    })
}

/// How many numbered items of section II have at least one task: `(covered, items)`.
pub fn coverage(plan: &Plan, items: &[PlanItem]) -> (usize, usize) {
    let covered = items.iter().filter(|i| plan.tasks.iter().any(|t| t.id.item() == i.number)).count();
    (covered, items.len())
}

/// Compares the plan with its text; every discrepancy is an error naming the item and its line.
pub fn crosscheck(plan: &Plan, markdown: &str, md_path: &Path) -> Vec<Finding> {
    let items = parse_items(markdown);
    let mut out = Vec::new();
    let mut push = |line: Option<usize>, path: String, message: String| {
        out.push(Finding::error(
            TEXT_MISMATCH,
            Place::text(md_path.display().to_string(), line, None, path),
            message,
        ));
    };
    for item in &items {
        let tasks: Vec<&Task> = plan.tasks.iter().filter(|t| t.id.item() == item.number).collect();
        let at = Some(item.line);
        let path = format!("mục {}", item.number);
        if tasks.is_empty() {
            push(at, path, "không có nhiệm vụ nào trong tasks.yaml".into());
            continue;
        }
        for msg in check_leads(plan, item, &tasks) {
            push(at, path.clone(), msg);
        }
        for msg in check_quantities(item, &tasks) {
            push(at, path.clone(), msg);
        }
    }
    for t in &plan.tasks {
        if t.id.group().parse::<u32>().is_ok() && !items.iter().any(|i| i.number == t.id.item()) {
            push(
                None,
                format!("nhiệm vụ {}", t.id),
                format!("mục {} không có trong văn bản kế hoạch", t.id.item()),
            );
        }
    }
    for m in &plan.indicators {
        let Some(item) = m.item.as_ref().and_then(|n| items.iter().find(|i| &i.number == n)) else {
            continue;
        };
        // A measure without target or unit is a validation error already; nothing to look for.
        let Some(label) = m.target.zip(m.unit.as_ref()).map(|(t, u)| t.label(u)) else { continue };
        if !target_in_text(m, &extract(&item.text)) {
            push(
                Some(item.line),
                format!("chỉ tiêu {}", measure_code(m)),
                format!("chỉ tiêu `{label}` không có trong văn bản mục {}", item.number),
            );
        }
    }
    out
}

fn check_leads(plan: &Plan, item: &PlanItem, tasks: &[&Task]) -> Vec<String> {
    let mut out = Vec::new();
    let (named, unknown) = plan.directory.segment(&item.lead_text);
    for u in unknown {
        out.push(format!(
            "không nhận ra cơ quan chủ trì `{u}` (thêm tên gọi này vào aliases trong agencies.yaml)"
        ));
    }
    for code in &named {
        if !tasks.iter().any(|t| t.lead.contains(code)) {
            out.push(format!(
                "`{}` chủ trì theo văn bản nhưng không chủ trì nhiệm vụ nào của mục này",
                plan.assignee_name(code)
            ));
        }
    }
    for t in tasks {
        for code in t.lead.iter().filter(|c| !named.contains(c)) {
            out.push(format!("nhiệm vụ {}: cơ quan chủ trì `{code}` không được nêu trong văn bản", t.id));
        }
    }
    out
}

fn check_quantities(item: &PlanItem, tasks: &[&Task]) -> Vec<String> {
    let found = extract(&item.text);
    let mut out = Vec::new();
    let targets: Vec<&Measure> = tasks.iter().flat_map(|t| t.targets.iter()).collect();
    for q in &found {
        let listed = tasks.iter().flat_map(|t| &t.not_targets).any(|s| is_not_target(s, q));
        let candidates: Vec<&&Measure> = targets.iter().filter(|m| matches_quantity(m, q)).collect();
        if listed {
            continue;
        }
        if candidates.is_empty() {
            out.push(format!("văn bản nêu `{}` nhưng không có chỉ tiêu nào của mục này khớp (thêm vào targets hoặc not-targets)", q.display()));
        } else if !candidates.iter().any(|m| qualifier_fits(q.qualifier, m.target)) {
            let m = candidates[0];
            let label = m.target.zip(m.unit.as_ref()).map(|(t, u)| t.label(u)).unwrap_or_default();
            out.push(format!(
                "văn bản nêu `{}` nhưng chỉ tiêu `{}` ghi `{label}`",
                quoted_with_qualifier(q),
                measure_code(m)
            ));
        }
    }
    for t in tasks {
        for m in &t.targets {
            let Some(label) = m.target.zip(m.unit.as_ref()).map(|(t, u)| t.label(u)) else { continue };
            if !target_in_text(m, &found) {
                out.push(format!(
                    "nhiệm vụ {}: chỉ tiêu `{}` ({label}) không có trong văn bản",
                    t.id,
                    measure_code(m)
                ));
            }
        }
        for s in &t.not_targets {
            if !found.iter().any(|q| is_not_target(s, q)) {
                out.push(format!("nhiệm vụ {}: `{s}` trong not-targets không có trong văn bản", t.id));
            }
        }
    }
    out
}

fn same_numbers(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 1e-9 * x.abs().max(1.0))
}

fn unit_fits(unit: Option<&Unit>, q: &Quantity) -> bool {
    match unit {
        Some(Unit::Percent) => q.percent,
        Some(u) => {
            !q.percent && {
                let f = fold(u.label());
                !f.is_empty() && q.after.starts_with(&f)
            }
        }
        None => false,
    }
}

fn matches_quantity(m: &Measure, q: &Quantity) -> bool {
    m.target.is_some_and(|t| same_numbers(&t.numbers(), &q.numbers)) && unit_fits(m.unit.as_ref(), q)
}

fn target_in_text(m: &Measure, found: &[Quantity]) -> bool {
    found.iter().any(|q| matches_quantity(m, q))
}

fn qualifier_fits(q: Option<Qualifier>, target: Option<Target>) -> bool {
    matches!(
        (q, target),
        (None, _)
            | (Some(Qualifier::Above), Some(Target::Above(_)))
            | (Some(Qualifier::AtLeast), Some(Target::AtLeast(_)))
            | (Some(Qualifier::Below), Some(Target::Below(_)))
            | (Some(Qualifier::AtMost), Some(Target::AtMost(_)))
            | (Some(Qualifier::About), Some(Target::About(_)))
    )
}

fn quoted_with_qualifier(q: &Quantity) -> String {
    let word = match q.qualifier {
        Some(Qualifier::Above) => "trên ",
        Some(Qualifier::AtLeast) => "ít nhất ",
        Some(Qualifier::Below) => "dưới ",
        Some(Qualifier::AtMost) => "tối đa ",
        Some(Qualifier::About) => "khoảng ",
        None => "",
    };
    format!("{word}{}", q.display())
}

fn is_not_target(listed: &str, q: &Quantity) -> bool {
    let shown =
        if q.percent { format!("{}% {}", q.written, q.after) } else { format!("{} {}", q.written, q.after) };
    let listed = fold(listed);
    !listed.is_empty() && fold(&shown).starts_with(&listed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MD: &str = "## I. MỤC ĐÍCH\n\n1. Bám sát 60%.\n\n## II. NHIỆM VỤ\n\n### 1. Nhóm một\n\n\
        1.1. Sở Y tế: Đạt *trên* 80%.\n\nĐoạn tiếp theo có 02 KCN.\n\n### 2. Nhóm hai\n\n\
        2.1. Các sở, ngành, địa phương: Làm việc.\n\n## III. TỔ CHỨC THỰC HIỆN\n\n1. Khác 5%.\n";

    #[test]
    fn the_tasks_section_is_the_one_with_the_items_whatever_its_number() {
        let md = "## I. MỤC ĐÍCH\n\n1.1. Yêu cầu: bám sát.\n\n## II. CHỈ TIÊU\n\nTăng 7%.\n\n\
            ## III. NHIỆM VỤ\n\n1.1. Sở Y tế: Làm A.\n\n1.2. Sở Tài chính: Làm B.\n\n## IV. TỔ CHỨC THỰC HIỆN\n\n1. Báo cáo.\n";
        let items = parse_items(md);
        assert_eq!(
            items.iter().map(|i| i.lead_text.as_str()).collect::<Vec<_>>(),
            ["Sở Y tế", "Sở Tài chính"]
        );
        assert!(items.iter().all(|i| i.section == "III"));
    }

    #[test]
    fn reads_items_of_section_two_only() {
        let items = parse_items(MD);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].number, "1.1");
        assert_eq!(items[0].lead_text, "Sở Y tế");
        assert_eq!(items[0].text, "Đạt trên 80%. Đoạn tiếp theo có 02 KCN.");
        assert_eq!(items[0].line, 9);
        assert_eq!(items[1].lead_text, "Các sở, ngành, địa phương");
    }
}
