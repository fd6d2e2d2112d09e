//! Data-quality checks of the accepted figures (DHIS2-style validation rules), run by
//! consolidation after the figures are computed. Pure: no clock, no disk.
//!
//! Each rule gives findings with a stable code (see [`crate::plan::check_code`]), at the cell of the value
//! (`Chỉ tiêu!F7`, `Nhiệm vụ!D5`, `Tăng trưởng!E3`), with the value, a Vietnamese message and a
//! fix. Findings at an agency's cell go to [`Review::checks`] and from there into that agency's
//! receipt; questions involving several agencies go to [`Review::reconcile`] (no file: the
//! department's list "cần thống nhất số liệu"), and a receipt never names another agency or
//! quotes its figure.
//!
//! | code | rule (file) |
//! |---|---|
//! | `hoan-thanh-chua-dat-muc-tieu` | a task reported done whose agency's own quantitative target is not met or not reported (`tasks`) |
//! | `hoan-thanh-truoc-thoi-han-ca-nam` | a whole-year task (`whole-year: true`) reported done at a cut-off before its deadline (`tasks`) |
//! | `trung-so-lieu-nhieu-co-quan` | the same non-zero figure, with enough significant digits, from several agencies for one amount (`duplicates`) |
//! | `luy-ke-giam` | a flow's cumulative value below the same agency's previous quarter (`flows`) |
//! | `cung-ky-khac-goi-luu` | a typed same-period figure that differs from the one the agency sent last year, as archived (`last_year`) |
//! | `uoc-nam-thap-hon-luy-ke` | a flow's full-year estimate below the cumulative already achieved (`flows`) |
//! | `ngoai-khoang-hop-ly` | a value far from the agency's own same period last year (`bands`) |
//! | `tang-truong-vo-ly` | a sector growth rate outside plausible bounds (`bands`) |
//! | `so-nhap-mo-ho` | a money figure typed `12,500` / `1.250` (one separator, three digits after it), or a count that is not whole (`typing`) |
//!
//! **Levels.** Every rule is configurable (plan-wide `report.checks`, per measure `checks:`):
//! `off`, `warning` (the default) or `error`, with its bands. A check at level `error` makes its
//! finding an error in the receipt, the overview and the run's counts (so `--strict` fails), but
//! it never rejects a row or file retroactively: intake has already accepted the figure and it is
//! consolidated as read. Intake's hard limits (`so-vo-ly`, `cong-thuc-chua-tinh`, …) are not
//! among these rules and cannot be switched off.

mod bands;
mod duplicates;
mod flows;
mod last_year;
mod tasks;
mod typing;

#[cfg(test)]
mod revision_tests;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use super::model::{MeasureResult, TaskResult};
use crate::collect::{CellRef, Intake};
use crate::findings::{Finding, Level, Place};
use crate::plan::{AgencyCode, CheckLevel, CheckParams, Measure, MeasureScope, Plan, Target, Task, Unit};

use super::Earlier;

/// The checks' findings: at agencies' cells, and to reconcile.
#[derive(Debug, Default)]
pub(crate) struct Review {
    /// Findings at an agency's cell, sorted by file, sheet and cell.
    pub checks: Vec<Finding>,
    /// Questions involving several agencies, in plan order.
    pub reconcile: Vec<Finding>,
}

/// What the rules read.
pub(crate) struct Input<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// The quarter's intake.
    pub intake: &'a Intake,
    /// The same year's previous quarter, when known.
    pub earlier: Option<&'a Earlier>,
    /// The same quarter of last year, from its archived package, when there is one.
    pub last_year: Option<&'a Earlier>,
    /// Consolidated tasks (each assignee's status and its cell).
    pub tasks: &'a [TaskResult],
    /// Consolidated indicators and task targets (the province's figure of a measure).
    pub measures: Vec<&'a MeasureResult>,
}

/// Runs every rule.
pub(crate) fn review(input: &Input<'_>) -> Review {
    let mut cx = Ctx::new(input);
    tasks::check(&mut cx);
    duplicates::check(&mut cx);
    flows::check(&mut cx);
    flows::estimates(&mut cx);
    last_year::check(&mut cx);
    bands::check(&mut cx);
    typing::check(&mut cx);
    cx.out.checks.sort_by(|a, b| place_key(&a.place).cmp(&place_key(&b.place)));
    cx.out
}

/// Shared state of the rules.
struct Ctx<'a> {
    input: &'a Input<'a>,
    /// Every measure of the plan by code, with its scope.
    measures: HashMap<&'a str, (MeasureScope<'a>, &'a Measure)>,
    /// The agencies reporting each measure, expanded from groups once (a group task may have
    /// thousands of assignees).
    reporters: HashMap<String, HashSet<AgencyCode>>,
    out: Review,
}

impl<'a> Ctx<'a> {
    fn new(input: &'a Input<'a>) -> Ctx<'a> {
        let measures = input
            .plan
            .measures()
            .filter_map(|(scope, m)| m.code.as_ref().map(|c| (c.as_str(), (scope, m))))
            .collect();
        Ctx { input, measures, reporters: HashMap::new(), out: Review::default() }
    }

    fn plan(&self) -> &'a Plan {
        self.input.plan
    }

    fn intake(&self) -> &'a Intake {
        self.input.intake
    }

    /// The plan's measure with this code.
    fn measure(&self, code: &str) -> Option<&'a Measure> {
        self.measures.get(code).map(|(_, m)| *m)
    }

    /// True when `agency` reports the measure `code` (`measure`, of `task` unless it is an
    /// indicator).
    fn reports(&mut self, task: &'a Task, code: &str, measure: &Measure, agency: &AgencyCode) -> bool {
        if !self.reporters.contains_key(code) {
            let scope = self.measures.get(code).map_or(MeasureScope::Task(task), |(scope, _)| *scope);
            let all = self.plan().measure_reporters(scope, measure).into_iter().collect();
            self.reporters.insert(code.to_owned(), all);
        }
        self.reporters.get(code).is_some_and(|r| r.contains(agency))
    }

    /// A rule's settings for a measure (or plan-wide with `None`).
    fn params(&self, code: &str, measure: Option<&Measure>) -> CheckParams {
        CheckParams::resolve(code, &self.plan().report.checks, measure.map(|m| &m.checks))
    }

    /// Adds a finding at an agency's cell, unless the level is off.
    fn at_cell(&mut self, level: CheckLevel, code: &'static str, cell: &CellRef, value: String, text: Text) {
        if let Some(level) = finding_level(level) {
            self.out.checks.push(Finding {
                level,
                code,
                place: Place::sheet(cell.file.clone(), Some(cell.sheet.clone()), Some(cell.cell.clone())),
                value: Some(value),
                message: text.message,
                fix: text.fix,
            });
        }
    }

    /// Adds a question for the department (no file), unless the level is off.
    fn for_department(&mut self, level: CheckLevel, code: &'static str, value: String, text: Text) {
        if let Some(level) = finding_level(level) {
            self.out.reconcile.push(Finding {
                level,
                code,
                place: Place::default(),
                value: Some(value),
                message: text.message,
                fix: text.fix,
            });
        }
    }
}

/// A finding's message and fix.
struct Text {
    message: String,
    fix: String,
}

/// The finding level of a check level (`None` when off).
fn finding_level(level: CheckLevel) -> Option<Level> {
    match level {
        CheckLevel::Off => None,
        CheckLevel::Warning => Some(Level::Warning),
        CheckLevel::Error => Some(Level::Error),
    }
}

/// Sort key of a cell finding: file, sheet, row, column (`AB12` after `F12`), then nothing else
/// (the sort is stable, so findings at one cell keep the rules' order).
fn place_key(p: &Place) -> (&str, &str, u32, usize, String) {
    let cell = p.cell.as_deref().unwrap_or("");
    let letters: String = cell.chars().take_while(char::is_ascii_alphabetic).collect();
    let row = cell[letters.len()..].parse().unwrap_or(0);
    (&p.file, p.sheet.as_deref().unwrap_or(""), row, letters.len(), letters)
}

/// A reported value the way Vietnamese documents write it, without rounding away digits the
/// clerk typed: `3.407,8`, `12,345`, `0,71`.
fn exact(v: f64) -> String {
    let decimals = (0..=6)
        .find(|d| {
            let scale = 10f64.powi(*d);
            ((v * scale).round() / scale - v).abs() <= 1e-9 * v.abs().max(1.0)
        })
        .unwrap_or(6);
    crate::vn::number_fixed(v, decimals as usize)
}

/// A value with its unit: `0,71 tỷ USD`, `37,7%`.
fn with_unit(v: f64, unit: Option<&Unit>) -> String {
    match unit {
        Some(Unit::Percent) => format!("{}%", exact(v)),
        Some(u) if !u.label().is_empty() => format!("{} {}", exact(v), u.label()),
        _ => exact(v),
    }
}

/// A target with its unit when the plan gives one: `khoảng 1,2 tỷ USD`, `trên 95%`, `ít nhất 2`.
fn goal_label(target: Target, unit: Option<&Unit>) -> String {
    match unit {
        Some(u) if !u.label().is_empty() => target.label(u),
        _ => target.bare_label(),
    }
}

/// `chỉ tiêu CT06 "Tổng vốn đầu tư phát triển trên địa bàn"`.
fn measure_label(m: &Measure) -> String {
    format!("chỉ tiêu {} \"{}\"", crate::plan::measure_code(m), m.name)
}
