//! The three data sheets — `Chỉ tiêu`, `Tăng trưởng`, `Nhiệm vụ` — read into the rows of the
//! output contract; a row with any error is left out (its findings say why).

use super::cells::{NumberRule, read_long_text, read_number, read_status};
use super::header::{Columns, header_key};
use super::index::{Duties, PlanIndex};
use super::intake::Ctx;
use super::issues::{Issues, Loc, code};
use super::model::{GrowthReport, MeasureReport, TaskReport};
use super::rows::{Owner, RowToRead, SheetSpec, columns, find_sheet, rows_to_read};
use super::workbook::Sheet;
use crate::contract::{
    GROWTH_HEADERS, GrowthColumn as G, MEASURE_HEADERS, MeasureColumn as M, SHEET_GROWTH, SHEET_MEASURES,
    SHEET_TASKS, TASK_HEADERS, TaskColumn as T,
};
use crate::plan::{AgencyCode, Unit};

const MEASURES: SheetSpec<M> = SheetSpec {
    name: SHEET_MEASURES,
    headers: &MEASURE_HEADERS,
    code: M::Code,
    inputs: &[M::SamePeriodLastYear, M::Cumulative, M::YearEstimate, M::Note],
    optional: &[M::Note],
    row_noun: "chỉ tiêu",
};

const GROWTH: SheetSpec<G> = SheetSpec {
    name: SHEET_GROWTH,
    headers: &GROWTH_HEADERS,
    code: G::Code,
    inputs: &[G::Quarter, G::Cumulative, G::YearUpdate, G::Note],
    optional: &[G::Note],
    row_noun: "ngành",
};

const TASKS: SheetSpec<T> = SheetSpec {
    name: SHEET_TASKS,
    headers: &TASK_HEADERS,
    code: T::Code,
    inputs: &[T::Status, T::Progress, T::Result, T::Issues],
    optional: &[T::Progress, T::Issues],
    row_noun: "nhiệm vụ",
};

/// Everything the sheet readers need about the file and its agency.
#[derive(Debug, Clone, Copy)]
pub struct SheetCtx<'c, 'p> {
    /// The run.
    pub ctx: &'c Ctx<'p>,
    /// The agency that sent the file.
    pub agency: &'c AgencyCode,
    /// What it must report.
    pub duties: &'c Duties,
    /// Number formats are known (xlsx).
    pub styles_known: bool,
    /// Sheets present but unreadable (already reported).
    pub unreadable: &'c [String],
}

impl SheetCtx<'_, '_> {
    fn index(&self) -> &PlanIndex<'_> {
        &self.ctx.index
    }

    /// The sheet named `spec.name`, or a `thieu-trang` error when the agency must fill it.
    fn sheet<'b, C>(
        &self,
        sheets: &'b [Sheet],
        spec: &SheetSpec<C>,
        expected: usize,
        issues: &mut Issues,
    ) -> Option<&'b Sheet> {
        let found = find_sheet(sheets, spec.name);
        let unreadable = self.unreadable.iter().any(|n| header_key(n) == header_key(spec.name));
        if found.is_none() && expected > 0 && !unreadable {
            issues.error(
                code::NO_SHEET,
                Loc::Sheet(spec.name),
                None,
                format!("thiếu trang \"{}\" ({} {} phải báo cáo)", spec.name, expected, spec.row_noun),
                format!("dùng biểu mẫu do Sở gửi, giữ nguyên tên trang \"{}\"", spec.name),
            );
        }
        found
    }

    fn owner(&self, reporters: Option<&[AgencyCode]>) -> Owner {
        match reporters {
            // Reporter lists come sorted from the agency directory.
            Some(r) if r.binary_search(self.agency).is_ok() => Owner::Mine,
            Some(r) => Owner::Other(PlanIndex::names(self.ctx.plan, r)),
            None => Owner::Unknown,
        }
    }
}

/// Reads `Chỉ tiêu`.
pub fn read_measures(sc: &SheetCtx<'_, '_>, sheets: &[Sheet], issues: &mut Issues) -> Vec<MeasureReport> {
    let index = sc.index();
    let expected: Vec<(String, String)> = sc
        .duties
        .measures
        .iter()
        .filter_map(|k| index.measures.get(k).map(|e| (k.clone(), e.code.to_string())))
        .collect();
    let Some(sheet) = sc.sheet(sheets, &MEASURES, expected.len(), issues) else {
        return Vec::new();
    };
    let Some(cols) = columns(sheet, &MEASURES, issues) else { return Vec::new() };
    let owner = |key: &str| match index.same_as.get(key) {
        Some(indicator) => Owner::Merged(indicator.to_string()),
        None => sc.owner(index.measures.get(key).map(|e| e.reporters.as_slice())),
    };
    let rows = rows_to_read(sheet, &MEASURES, &cols, &expected, owner, &sc.ctx.plan.statuses, issues);
    rows.iter().filter_map(|r| measure_row(sc, sheet, &cols, r, issues)).collect()
}

fn measure_row(
    sc: &SheetCtx<'_, '_>,
    sheet: &Sheet,
    cols: &Columns<M>,
    r: &RowToRead,
    issues: &mut Issues,
) -> Option<MeasureReport> {
    let entry = sc.index().measures.get(&r.key)?;
    let m = entry.measure;
    let rule = NumberRule {
        percent: matches!(m.unit, Some(Unit::Percent)),
        unit: m.unit.as_ref().map_or("", Unit::label),
        signed: m.signed,
        reference: m.target.map(|t| t.reference(m.direction)),
        styles_known: sc.styles_known,
    };
    let same = read_number(sheet, cols.cell(M::SamePeriodLastYear, r.row), &rule, issues);
    let cumulative = read_number(sheet, cols.cell(M::Cumulative, r.row), &rule, issues);
    let estimate = read_number(sheet, cols.cell(M::YearEstimate, r.row), &rule, issues);
    let note = read_long_text(sheet, cols.cell(M::Note, r.row), issues);
    // A bad value rejects its cell only: the row's other figures are used. A row none of whose
    // cells could be read is left out.
    if [&same, &cumulative, &estimate].iter().all(|c| c.is_err()) {
        return None;
    }
    Some(MeasureReport {
        code: entry.code.clone(),
        same_period_last_year: same.ok().flatten(),
        cumulative: cumulative.ok().flatten(),
        year_estimate: estimate.ok().flatten(),
        note,
    })
}

/// Reads `Tăng trưởng`; growth rates may be negative.
pub fn read_growth(sc: &SheetCtx<'_, '_>, sheets: &[Sheet], issues: &mut Issues) -> Vec<GrowthReport> {
    let index = sc.index();
    let expected: Vec<(String, String)> = sc
        .duties
        .sectors
        .iter()
        .filter_map(|k| index.sectors.get(k).map(|e| (k.clone(), e.sector.code.to_string())))
        .collect();
    let Some(sheet) = sc.sheet(sheets, &GROWTH, expected.len(), issues) else { return Vec::new() };
    let Some(cols) = columns(sheet, &GROWTH, issues) else { return Vec::new() };
    let owner = |key: &str| sc.owner(index.sectors.get(key).map(|e| e.reporters.as_slice()));
    let rows = rows_to_read(sheet, &GROWTH, &cols, &expected, owner, &sc.ctx.plan.statuses, issues);
    let mut out = Vec::new();
    for r in &rows {
        let Some(entry) = index.sectors.get(&r.key) else { continue };
        let scenario = entry.sector.scenario;
        let rule = |reference: Option<f64>| NumberRule {
            percent: true,
            unit: "%",
            signed: true,
            reference,
            styles_known: sc.styles_known,
        };
        let period = scenario.get(sc.ctx.quarter.cumulative());
        let quarter = read_number(sheet, cols.cell(G::Quarter, r.row), &rule(period), issues);
        let cumulative = read_number(sheet, cols.cell(G::Cumulative, r.row), &rule(period), issues);
        let year = read_number(sheet, cols.cell(G::YearUpdate, r.row), &rule(scenario.year), issues);
        let note = read_long_text(sheet, cols.cell(G::Note, r.row), issues);
        // As for measures: a bad cell is rejected alone, the row's other rates are used.
        if [&quarter, &cumulative, &year].iter().any(|c| c.is_ok()) {
            out.push(GrowthReport {
                sector: entry.sector.code.clone(),
                quarter: quarter.ok().flatten(),
                cumulative: cumulative.ok().flatten(),
                year_update: year.ok().flatten(),
                note,
            });
        }
    }
    out
}

/// Reads `Nhiệm vụ`.
pub fn read_tasks(sc: &SheetCtx<'_, '_>, sheets: &[Sheet], issues: &mut Issues) -> Vec<TaskReport> {
    let index = sc.index();
    let expected: Vec<(String, String)> = sc
        .duties
        .tasks
        .iter()
        .filter_map(|k| index.tasks.get(k).map(|e| (k.clone(), e.task.id.to_string())))
        .collect();
    let Some(sheet) = sc.sheet(sheets, &TASKS, expected.len(), issues) else { return Vec::new() };
    let Some(cols) = columns(sheet, &TASKS, issues) else { return Vec::new() };
    let owner = |key: &str| sc.owner(index.tasks.get(key).map(|e| e.leads.as_slice()));
    let rows = rows_to_read(sheet, &TASKS, &cols, &expected, owner, &sc.ctx.plan.statuses, issues);
    let mut out = Vec::new();
    for r in &rows {
        let Some(entry) = index.tasks.get(&r.key) else { continue };
        let status_pos = cols.cell(T::Status, r.row);
        let Ok(status) = read_status(sheet, status_pos, entry.task, &sc.ctx.plan.statuses, issues) else {
            continue;
        };
        let status_source = status.and(status_pos).map(|p| super::model::CellRef {
            file: issues.file().to_owned(),
            sheet: sheet.name.clone(),
            cell: p.a1(),
        });
        out.push(TaskReport {
            task: entry.task.id.clone(),
            status,
            status_source,
            progress: super::progress::read_progress(
                sheet,
                cols.cell(T::Progress, r.row),
                sc.styles_known,
                issues,
            ),
            result: read_long_text(sheet, cols.cell(T::Result, r.row), issues).map(Into::into),
            issues: read_long_text(sheet, cols.cell(T::Issues, r.row), issues).map(Into::into),
        });
    }
    out
}

/// The sheet names intake knows, for reporting unreadable sheets.
pub fn is_known_sheet(name: &str) -> bool {
    let key = header_key(name);
    [crate::contract::SHEET_INFO, SHEET_MEASURES, SHEET_GROWTH, SHEET_TASKS]
        .iter()
        .any(|s| header_key(s) == key)
}
