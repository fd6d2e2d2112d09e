//! Typed template contexts: what the report and the appendices show, formatted for print.
//!
//! Views are built once per run from the plan, intake and consolidation; numbers and dates are
//! formatted here (Vietnamese conventions), so templates only arrange text. Templates escape
//! every string they print (Tera autoescape), so no view field can inject markup.

use serde::Serialize;

use super::narrative;
use super::tables::{
    GrowthTable, IndicatorRow, TargetRow, TaskSection, growth_table, indicator_rows, target_rows,
    task_sections,
};
use crate::consolidate::{Consolidated, TaskStatus};
use crate::issuance::Issuance;
use crate::period::PeriodNames;
use crate::plan::Plan;
use crate::vn;

/// Everything the templates of one run can show.
#[derive(Debug, Serialize)]
pub struct DocumentsView {
    /// The font family the Typst templates set.
    pub font: String,
    /// The header block of page 1.
    pub header: HeaderView,
    /// True while the report lacks an issuance field: every document is marked DỰ THẢO.
    pub draft: bool,
    /// `quý II/2024`.
    pub quarter: String,
    /// The period the report covers (`6 tháng đầu năm 2024`).
    pub period: String,
    /// Every phrase naming the report's period and the next one.
    pub names: PeriodNames,
    /// The plan year.
    pub year: i32,
    /// The report's trích yếu.
    pub title: String,
    /// The opening paragraph.
    pub intro: String,
    /// Section I: direction and administration.
    pub direction: Vec<String>,
    /// Section II.1: the overall assessment.
    pub overview: OverviewView,
    /// Quý IV: the whole year against the plan and section IV's directions; none before.
    pub year_shape: Option<YearView>,
    /// The year's trend of the main flow indicators (no rows: none shown).
    pub trend: super::trend::TrendView,
    /// Section II.2: main indicators.
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
    /// The closing sentence before the signature (to whom, and the upward deadline).
    pub closing: String,
    /// Department notes per section (`I`…`V`).
    pub notes: NotesView,
    /// Signature and recipients.
    pub signature: SignatureView,
    /// The three appendices' headings.
    pub appendices: AppendicesView,
    /// Phụ lục 1 rows.
    pub p1: Vec<IndicatorRow>,
    /// Phụ lục 1's comparisons with earlier periods.
    pub p1_history: P1History,
    /// Phụ lục 2 table.
    pub p2: GrowthTable,
    /// Phụ lục 3 sections (one per task group).
    pub p3: Vec<TaskSection>,
    /// Phụ lục 3 quantitative targets of tasks.
    pub p3_targets: Vec<TargetRow>,
}

/// How Phụ lục 1 compares with earlier periods.
#[derive(Debug, Serialize)]
pub struct P1History {
    /// The header of the previous-quarter column (`So với quý I`); empty in quý I (no column).
    pub previous: String,
    /// Notes under the table: what that column compares, and where earlier figures came from.
    pub notes: Vec<String>,
}

/// Phụ lục 1's previous-quarter column and notes.
fn p1_history(c: &Consolidated) -> P1History {
    // Quý I, or no figure of the previous quarter to compare with (none sent, or its archived
    // package refused): no column.
    let compared = c.indicators.iter().any(|m| m.vs_previous.is_some());
    let Some(previous) = c.quarter.previous_in_year().filter(|_| compared) else {
        return P1History { previous: String::new(), notes: last_year_note(c).into_iter().collect() };
    };
    let (this, before) = (c.quarter.short_label(), previous.short_label());
    let source = match c.archived.iter().find(|a| a.quarter == previous.to_string()) {
        Some(a) => format!("số liệu {before} theo gói báo cáo đã gửi {}", a.shown()),
        None => format!("số liệu {before} theo báo cáo {before} của các cơ quan"),
    };
    let mut notes = vec![format!(
        "Cột \"So với {before}\": chỉ tiêu lũy kế về giá trị, số lượng so sánh số riêng {this} với số riêng {before}; chỉ tiêu thời điểm, tỷ lệ, xếp hạng so sánh với cuối {before}; {source}."
    )];
    notes.extend(last_year_note(c));
    P1History { previous: format!("So với {before}"), notes }
}

/// Where the same-period figures came from, when last year's package supplied them.
fn last_year_note(c: &Consolidated) -> Option<String> {
    let a = c.archived.iter().find(|a| a.quarter == c.quarter.a_year_before().to_string())?;
    c.indicators.iter().any(|m| m.same_period_archived).then(|| {
        format!(
            "Số thực hiện cùng kỳ năm trước theo gói báo cáo {} đã gửi ({}); số các cơ quan nhập lại khác số đã gửi không được dùng.",
            c.quarter.a_year_before().label(),
            a.shown()
        )
    })
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

/// A lettered item of a numbered part: `a) <title>` followed by its `-` lines.
#[derive(Debug, Serialize)]
pub struct Lettered {
    /// `a)`, `b)`, … in order, always from a).
    pub letter: String,
    /// The heading after the letter.
    pub title: String,
    /// The lines under it.
    pub lines: Vec<String>,
}

/// Section II.1 "Đánh giá chung".
#[derive(Debug, Serialize)]
pub struct OverviewView {
    /// The headline paragraphs.
    pub paragraphs: Vec<String>,
    /// The summary table of main indicators (rows as in Phụ lục 1).
    pub table: Vec<IndicatorRow>,
}

/// The annual shape of a quý IV report.
#[derive(Debug, Serialize)]
pub struct YearView {
    /// `Năm 2024 có 12/20 chỉ tiêu chủ yếu đạt và vượt kế hoạch; 3 chỉ tiêu không đạt …`.
    pub summary: String,
    /// One line per category naming its indicators (missed ones with their figures).
    pub lists: Vec<String>,
    /// The tasks done in the year, and the rest by status.
    pub tasks: String,
    /// Section IV.1's heading: next year's directions (filled by the department's notes).
    pub directions: String,
    /// Section IV.2's heading: the tasks and solutions the figures call for.
    pub measures: String,
    /// In a draft whose notes give no directions: the bracketed request to fill them.
    pub placeholder: String,
}

/// Section II.2.
#[derive(Debug, Serialize)]
pub struct IndicatorsView {
    /// The summary sentence ("Trong 20 chỉ tiêu chủ yếu: 15 có khả năng đạt, …").
    pub summary: String,
    /// One lettered group per assessment category that has indicators.
    pub groups: Vec<Lettered>,
}

/// Section II.2.
#[derive(Debug, Serialize)]
pub struct GrowthView {
    /// The opening sentence on total growth.
    pub summary: String,
    /// One sentence per sector.
    pub lines: Vec<GrowthLine>,
    /// Chart rows.
    pub chart: Vec<ChartRow>,
}

/// One sector's sentence in section II.3.
#[derive(Debug, Serialize)]
pub struct GrowthLine {
    /// The sentence.
    pub text: String,
    /// A member of a group of sectors: printed under its group.
    pub member: bool,
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
    /// `a)`: its letter in section II.4.
    pub letter: String,
    /// `1`: its number in the plan.
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
    /// III.1: lagging indicators, overdue tasks, reporting discipline (those present).
    pub limits: Vec<Lettered>,
    /// III.2: the causes the agencies gave, by task group.
    pub causes: Vec<Lettered>,
}

/// Section IV.
#[derive(Debug, Serialize)]
pub struct NextView {
    /// The general direction.
    pub general: Vec<String>,
    /// Tasks due in the next period and overdue tasks (those present), lettered.
    pub items: Vec<Lettered>,
}

/// Department notes per section.
#[derive(Debug, Default, Serialize)]
pub struct NotesView {
    /// Markdown as written, by section number (`I`…`V`).
    pub markdown: std::collections::BTreeMap<String, String>,
    /// The same converted to Typst markup.
    pub typst: std::collections::BTreeMap<String, String>,
    /// The same converted to WordprocessingML.
    pub word: std::collections::BTreeMap<String, String>,
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
    /// The report's number, date and signer.
    pub issuance: Issuance,
    /// Department notes (Markdown), when present.
    pub notes: Option<String>,
}

/// Builds the view of one run.
pub fn build_view(plan: &Plan, c: &Consolidated, settings: &ViewSettings) -> DocumentsView {
    let r = &plan.report;
    let quarter = c.quarter;
    let names = r.period(quarter);
    let issued = &settings.issuance;
    // A number not yet assigned is left blank for the văn thư, as drafts are printed.
    let number = issued.number.clone().unwrap_or_else(|| "\u{a0}".repeat(8));
    let header = HeaderView {
        parent: r.parent_agency.clone(),
        agency: r.issuing_agency.clone(),
        number: format!("Số: {number}/{}", r.symbol),
        place_date: format!("{}, {}", r.place, vn::date_long(issued.signing_date)),
    };
    let attached = format!(
        "(Kèm theo Báo cáo số {number}/{} ngày {} của {})",
        r.symbol,
        vn::date_short(issued.signing_date),
        plan.agency(&r.issuer_code).map_or_else(|| r.issuing_agency.clone(), |a| a.name.clone()),
    );
    // The plan's appendix title, then what this report adds to it: the estimate for its period.
    let appendix = |a: &crate::plan::Appendix| AppendixView {
        number: a.number.clone(),
        title: format!("{} (ƯỚC THỰC HIỆN {})", a.title.to_uppercase(), names.report.to_uppercase()),
    };
    let notes = super::note_sections::notes_view(settings.notes.as_deref());
    let year_shape = narrative::year(plan, c, &names, notes.markdown.contains_key("IV"), issued.is_draft());
    DocumentsView {
        font: settings.font.clone(),
        header,
        draft: issued.is_draft(),
        quarter: quarter.label(),
        period: names.report.clone(),
        year: quarter.year,
        title: narrative::title(plan, &names),
        intro: narrative::intro(plan, &names),
        direction: narrative::direction(plan, c, &names, issued.signing_date),
        overview: narrative::overview(plan, c, &names),
        year_shape,
        trend: super::trend::trend(plan, c),
        indicators: narrative::indicators(plan, c, &names),
        growth: narrative::growth(plan, c, &names),
        groups: narrative::groups(plan, c),
        tasks: tasks_view(plan, c),
        shortcomings: narrative::shortcomings(plan, c, &names),
        next: narrative::next_period(plan, c, &names),
        proposals: narrative::proposals(plan, c),
        closing: narrative::closing(plan, &names),
        notes,
        signature: SignatureView {
            authority: r.signer.authority.clone(),
            position: r.signer.title.clone(),
            name: issued.signer_name.clone().unwrap_or_default(),
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
        names,
        p1: indicator_rows(plan, &c.indicators),
        p1_history: p1_history(c),
        p2: growth_table(plan, &c.growth),
        p3: task_sections(plan, c),
        p3_targets: target_rows(plan, &c.task_targets),
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
