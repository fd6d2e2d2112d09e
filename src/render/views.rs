//! Typed template contexts: what the report and the appendices show, formatted for print.
//!
//! Views are built once per run from the plan, intake and consolidation; numbers and dates are
//! formatted here (Vietnamese conventions), so templates only arrange text. Templates escape
//! every string they print (Tera autoescape), so no view field can inject markup.

use serde::Serialize;
use time::Date;

use super::narrative;
use super::tables::{
    GrowthTable, IndicatorRow, TargetRow, TaskSection, growth_table, indicator_rows, target_rows,
    task_sections,
};
use crate::collect::Intake;
use crate::consolidate::{Consolidated, TaskStatus};
use crate::period::{Period, Quarter};
use crate::plan::Plan;
use crate::vn;

/// Everything the templates of one run can show.
#[derive(Debug, Serialize)]
pub struct DocumentsView {
    /// The font family the Typst templates set.
    pub font: String,
    /// The header block of page 1.
    pub header: HeaderView,
    /// `quý II/2024`.
    pub quarter: String,
    /// `6 tháng đầu năm 2024`.
    pub period: String,
    /// `quý III/2024`.
    pub next_quarter: String,
    /// The plan year.
    pub year: i32,
    /// The report's trích yếu.
    pub title: String,
    /// The opening paragraph.
    pub intro: String,
    /// Section I: direction and administration.
    pub direction: Vec<String>,
    /// Section II.1: main indicators.
    pub indicators: IndicatorsView,
    /// Section II.2: growth.
    pub growth: GrowthView,
    /// Section II.3: results by task group.
    pub groups: Vec<GroupView>,
    /// Section II.4: task status.
    pub tasks: TasksView,
    /// Section III: shortcomings.
    pub shortcomings: ShortcomingsView,
    /// Section IV: next quarter.
    pub next: NextView,
    /// Section V: proposals.
    pub proposals: Vec<String>,
    /// Department notes per section (`I`…`V`).
    pub notes: NotesView,
    /// Signature and recipients.
    pub signature: SignatureView,
    /// The three appendices' headings.
    pub appendices: AppendicesView,
    /// Phụ lục 1 rows.
    pub p1: Vec<IndicatorRow>,
    /// Phụ lục 2 table.
    pub p2: GrowthTable,
    /// Phụ lục 3 sections (one per task group).
    pub p3: Vec<TaskSection>,
    /// Phụ lục 3 quantitative targets of tasks.
    pub p3_targets: Vec<TargetRow>,
}

/// The two-column header block.
#[derive(Debug, Serialize)]
pub struct HeaderView {
    /// `UBND TỈNH BẮC GIANG`.
    pub parent: String,
    /// `SỞ KẾ HOẠCH VÀ ĐẦU TƯ`.
    pub agency: String,
    /// `Số: …/BC-SKHĐT`.
    pub number: String,
    /// `Bắc Giang, ngày 14 tháng 6 năm 2024`.
    pub place_date: String,
}

/// Section II.1.
#[derive(Debug, Serialize)]
pub struct IndicatorsView {
    /// The summary sentence ("12/20 chỉ tiêu đạt hoặc vượt tiến độ …").
    pub summary: String,
    /// One line per indicator: name and assessment reason.
    pub lines: Vec<String>,
}

/// Section II.2.
#[derive(Debug, Serialize)]
pub struct GrowthView {
    /// The opening sentence on total growth.
    pub summary: String,
    /// One sentence per sector.
    pub lines: Vec<String>,
    /// Chart rows.
    pub chart: Vec<ChartRow>,
}

/// One row of the growth chart.
#[derive(Debug, Serialize)]
pub struct ChartRow {
    /// Sector name.
    pub label: String,
    /// Scenario growth, when known.
    pub scenario: Option<f64>,
    /// Estimated growth, when known.
    pub estimate: Option<f64>,
    /// `14,13` / `-` for the Markdown table.
    pub scenario_text: String,
    /// Estimate as text.
    pub estimate_text: String,
}

/// Section II.3: one task group.
#[derive(Debug, Serialize)]
pub struct GroupView {
    /// `1`.
    pub number: String,
    /// The group title.
    pub title: String,
    /// The status counts sentence.
    pub summary: String,
    /// Results reported by agencies.
    pub results: Vec<String>,
}

/// Section II.4.
#[derive(Debug, Serialize)]
pub struct TasksView {
    /// The overall sentence.
    pub summary: String,
    /// Status labels in column order.
    pub statuses: Vec<String>,
    /// One row per group with counts per status.
    pub rows: Vec<StatusRow>,
    /// The totals row.
    pub total: StatusRow,
}

/// Status counts of one task group.
#[derive(Debug, Serialize)]
pub struct StatusRow {
    /// `Nhóm 1`.
    pub label: String,
    /// Counts in [`TaskStatus::ALL`] order.
    pub counts: Vec<usize>,
    /// Sum.
    pub total: usize,
}

/// Section III.
#[derive(Debug, Serialize)]
pub struct ShortcomingsView {
    /// Overdue tasks.
    pub overdue: Vec<String>,
    /// Indicators and targets behind pace.
    pub lagging: Vec<String>,
    /// Missing, late and rejected reports.
    pub reporting: Vec<String>,
    /// Difficulties the agencies reported.
    pub difficulties: Vec<String>,
}

/// Section IV.
#[derive(Debug, Serialize)]
pub struct NextView {
    /// Tasks due next quarter.
    pub due: Vec<String>,
    /// Overdue tasks to finish.
    pub overdue: Vec<String>,
    /// Closing sentences.
    pub general: Vec<String>,
}

/// Department notes per section.
#[derive(Debug, Default, Serialize)]
pub struct NotesView {
    /// Markdown as written, by section number (`I`…`V`).
    pub markdown: std::collections::BTreeMap<String, String>,
    /// The same converted to Typst markup.
    pub typst: std::collections::BTreeMap<String, String>,
}

/// Signature block and recipients.
#[derive(Debug, Serialize)]
pub struct SignatureView {
    /// `KT. GIÁM ĐỐC`.
    pub authority: String,
    /// `PHÓ GIÁM ĐỐC`.
    pub position: String,
    /// The signer's name (may be empty).
    pub name: String,
    /// Recipients.
    pub recipients: Vec<String>,
    /// `VT, TH`.
    pub archive: String,
}

/// Headings of the three appendices.
#[derive(Debug, Serialize)]
pub struct AppendicesView {
    /// `Phụ lục`.
    pub word: String,
    /// The attachment line under each title.
    pub attached: String,
    /// Phụ lục 1.
    pub indicators: AppendixView,
    /// Phụ lục 2.
    pub growth: AppendixView,
    /// Phụ lục 3.
    pub tasks: AppendixView,
}

/// One appendix heading.
#[derive(Debug, Serialize)]
pub struct AppendixView {
    /// Its number as printed.
    pub number: String,
    /// Its title, upper case.
    pub title: String,
}

/// What a run needs besides the plan and the results.
#[derive(Debug, Clone)]
pub struct ViewSettings {
    /// The font family the templates set.
    pub font: String,
    /// The date printed on the report.
    pub report_date: Date,
    /// Department notes (Markdown), when present.
    pub notes: Option<String>,
}

/// Builds the view of one run.
pub fn build_view(plan: &Plan, intake: &Intake, c: &Consolidated, settings: &ViewSettings) -> DocumentsView {
    let r = &plan.report;
    let quarter = c.quarter;
    let header = HeaderView {
        parent: r.parent_agency.clone(),
        agency: r.issuing_agency.clone(),
        number: format!("Số: {}/{}", r.number.clone().unwrap_or_else(|| "…".to_owned()), r.symbol),
        place_date: format!("{}, {}", r.place, vn::date_long(settings.report_date)),
    };
    let attached = format!(
        "(Kèm theo Báo cáo số {}/{} ngày {} của {})",
        r.number.clone().unwrap_or_else(|| "…".to_owned()),
        r.symbol,
        vn::date_short(settings.report_date),
        plan.agency(&r.issuer_code).map_or_else(|| r.issuing_agency.clone(), |a| a.name.clone()),
    );
    let appendix =
        |a: &crate::plan::Appendix| AppendixView { number: a.number.clone(), title: a.title.to_uppercase() };
    DocumentsView {
        font: settings.font.clone(),
        header,
        quarter: quarter.label(),
        period: period_label(quarter),
        next_quarter: quarter.next().label(),
        year: quarter.year,
        title: narrative::title(plan, quarter),
        intro: narrative::intro(plan, quarter),
        direction: narrative::direction(plan, intake, c),
        indicators: narrative::indicators(plan, c),
        growth: narrative::growth(c),
        groups: narrative::groups(plan, c),
        tasks: tasks_view(plan, c),
        shortcomings: narrative::shortcomings(plan, c),
        next: narrative::next_quarter(plan, c),
        proposals: narrative::proposals(plan, c),
        notes: notes_view(settings.notes.as_deref()),
        signature: SignatureView {
            authority: r.signer.authority.clone(),
            position: r.signer.title.clone(),
            name: r.signer.name.clone(),
            recipients: r.recipients.clone(),
            archive: r.archive.clone(),
        },
        appendices: AppendicesView {
            word: r.appendix_word.clone(),
            attached,
            indicators: appendix(&r.appendices.indicators),
            growth: appendix(&r.appendices.growth),
            tasks: appendix(&r.appendices.tasks),
        },
        p1: indicator_rows(plan, &c.indicators),
        p2: growth_table(plan, &c.growth),
        p3: task_sections(plan, c),
        p3_targets: target_rows(plan, &c.task_targets),
    }
}

/// `quý I năm 2024`, `6 tháng đầu năm 2024`, `9 tháng năm 2024`, `năm 2024`.
pub fn period_label(q: Quarter) -> String {
    match q.cumulative() {
        Period::Q1 => format!("quý I năm {}", q.year),
        Period::H1 => format!("6 tháng đầu năm {}", q.year),
        Period::M9 => format!("9 tháng năm {}", q.year),
        Period::Year => format!("năm {}", q.year),
    }
}

fn tasks_view(plan: &Plan, c: &Consolidated) -> TasksView {
    let rows: Vec<StatusRow> = c
        .task_groups
        .iter()
        .map(|g| {
            let counts: Vec<usize> = TaskStatus::ALL
                .iter()
                .map(|s| g.by_status.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n))
                .collect();
            StatusRow { label: format!("Nhóm {}", g.number), total: counts.iter().sum(), counts }
        })
        .collect();
    let mut total = vec![0; TaskStatus::ALL.len()];
    for r in &rows {
        for (t, n) in total.iter_mut().zip(&r.counts) {
            *t += n;
        }
    }
    TasksView {
        summary: narrative::task_summary(plan, c),
        statuses: TaskStatus::ALL.iter().map(|s| s.label().to_owned()).collect(),
        rows,
        total: StatusRow { label: "Tổng số".to_owned(), total: total.iter().sum(), counts: total },
    }
}

/// Splits department notes (already sanitised by [`super::notes::sanitize`]) into report sections by headings that start with a Roman numeral
/// (`# I.`, `## II. …`); text before the first such heading belongs to section I.
fn notes_view(notes: Option<&str>) -> NotesView {
    let mut view = NotesView::default();
    let Some(text) = notes else { return view };
    let mut current = "I".to_owned();
    let mut parts: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for line in text.lines() {
        if let Some(section) = section_heading(line) {
            current = section;
            continue;
        }
        let part = parts.entry(current.clone()).or_default();
        part.push_str(line);
        part.push('\n');
    }
    for (k, v) in parts {
        if v.trim().is_empty() {
            continue;
        }
        view.typst.insert(k.clone(), super::markdown_typst::markdown_to_typst(&v));
        view.markdown.insert(k, v.trim().to_owned());
    }
    view
}

fn section_heading(line: &str) -> Option<String> {
    let rest = line.trim_start().strip_prefix('#')?.trim_start_matches('#').trim();
    let numeral: String = rest.chars().take_while(|c| matches!(c, 'I' | 'V')).collect();
    let after = rest[numeral.len()..].chars().next();
    let ok = matches!(numeral.as_str(), "I" | "II" | "III" | "IV" | "V")
        && matches!(after, None | Some('.' | ' '));
    ok.then_some(numeral)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_split_by_roman_headings() {
        let (text, _) = super::super::notes::sanitize(
            "<!-- nháp -->\nMở đầu.\n\n## II. Kết quả\n\nTăng *mạnh*.\n\n# V\n\n- Đề nghị A\n",
            "notes/x.md",
        );
        let v = notes_view(Some(&text));
        assert_eq!(v.markdown.get("I").map(String::as_str), Some("Mở đầu."));
        assert!(v.typst.get("II").is_some_and(|t| t.contains("#emph[mạnh]")));
        assert!(v.markdown.get("V").is_some_and(|t| t.contains("Đề nghị A")));
        assert_eq!(section_heading("## III. Tồn tại"), Some("III".to_owned()));
        assert_eq!(section_heading("## Ví dụ"), None);
        assert_eq!(section_heading("## IVa"), None);
    }

    #[test]
    fn period_labels() {
        let q = |n| Quarter::new(2024, n).expect("valid test input");
        assert_eq!(period_label(q(1)), "quý I năm 2024");
        assert_eq!(period_label(q(2)), "6 tháng đầu năm 2024");
        assert_eq!(period_label(q(4)), "năm 2024");
    }
}
