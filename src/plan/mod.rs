//! Stage 1: the structured plan — load the YAML files, validate them, cross-check the plan text.
//!
//! A plan lives in `DATA/plan/<year>/` as five files (`document.yaml`, `agencies.yaml`,
//! `indicators.yaml`, `growth.yaml`, `tasks.yaml`) beside the plan's text `DATA/plan/<year>.md`.

pub mod check_settings;
pub mod codes;
pub mod crosscheck;
mod directory;
mod kinds;
mod load;
pub mod measure_terms;
pub mod model;
mod obligations;
mod quantities;
mod scenario;
mod statuses;
mod validate;
mod validate_calendar;
mod validate_growth;
mod yaml_lines;

use std::path::PathBuf;

use serde::Serialize;

pub use check_settings::{
    Band, CHECK_RULES, CheckLevel, CheckParams, CheckRule, CheckSetting, CheckSettings, check_code,
    check_rule,
};
pub use codes::*;
pub use directory::AgencyDirectory;
pub use kinds::{KindNaming, KindWords, MIXED_NOUN};
pub(crate) use load::yaml_issue;
pub use load::{LoadedPlan, PLAN_FILES, find_plan_years, load_plan};
pub use measure_terms::*;
pub use model::*;
pub use obligations::Obligations;
pub use statuses::{
    MAX_DROPDOWN_CHARS, MAX_STATUS_CHARS, StatusVocabulary, dropdown_length, dropdown_problem, status_key,
};

pub use crate::findings::{Finding, Level};

/// The plan after loading: every file's content, plus the agency directory.
#[derive(Debug, Clone)]
pub struct Plan {
    /// `DATA/plan/<year>/`.
    pub dir: PathBuf,
    /// The files read, in order, with their SHA-256.
    pub sources: Vec<SourceFile>,
    /// The plan document.
    pub info: PlanInfo,
    /// Report settings.
    pub report: ReportSettings,
    /// Agencies, in file order.
    pub agencies: Vec<Agency>,
    /// Collective assignees.
    pub groups: Vec<Group>,
    /// Phụ lục 1 indicators.
    pub indicators: Vec<Measure>,
    /// Phụ lục 2 scenario.
    pub growth: GrowthScenario,
    /// Task groups.
    pub task_groups: Vec<TaskGroup>,
    /// Phụ lục 3 tasks; task targets carry their codes.
    pub tasks: Vec<Task>,
    /// The task-status vocabulary (`statuses:` in `tasks.yaml`, or the built-in one).
    pub statuses: StatusVocabulary,
    /// Name lookup and group expansion.
    pub directory: AgencyDirectory,
    /// A short hash of all plan files, printed on forms to detect stale ones.
    pub fingerprint: String,
}

/// A file that went into a result, with its hash (for manifests).
#[derive(Debug, Clone, Serialize)]
pub struct SourceFile {
    /// The path as shown to users.
    pub path: PathBuf,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

/// The findings of the plan stage (load, validation, cross-check) are the run's
/// [`Finding`]s; these are their codes.
pub mod finding_codes {
    /// A plan file could not be read.
    pub const UNREADABLE: &str = "ke-hoach-khong-doc-duoc";
    /// A plan file is not valid YAML or has a field of the wrong shape.
    pub const SYNTAX: &str = "ke-hoach-sai-cu-phap";
    /// A validation rule is broken.
    pub const INVALID: &str = "ke-hoach-khong-hop-le";
    /// The structured plan disagrees with the plan's text.
    pub const TEXT_MISMATCH: &str = "ke-hoach-lech-van-ban";
}

/// Which part of the plan a measure belongs to.
#[derive(Debug, Clone, Copy)]
pub enum MeasureScope<'a> {
    /// A Phụ lục 1 indicator.
    Indicator,
    /// A target of a Phụ lục 3 task.
    Task(&'a Task),
}

impl Plan {
    /// The public holidays of `report.holidays`, skipped when counting working days.
    pub fn holidays(&self) -> Vec<time::Date> {
        self.report.holidays.iter().map(|d| d.0).collect()
    }

    /// Looks an agency up by code.
    pub fn agency(&self, code: &AgencyCode) -> Option<&Agency> {
        // The directory's index, checked: a caller may have changed the list since it was built.
        match self.directory.position(code) {
            Some(i) => match self.agencies.get(i) {
                Some(a) if &a.code == code => return Some(a),
                _ => {}
            },
            None if self.directory.agency_count() == self.agencies.len() => return None,
            None => {}
        }
        self.agencies.iter().find(|a| &a.code == code)
    }

    /// The display name of an agency or group code (the code itself when unknown).
    pub fn assignee_name(&self, code: &AgencyCode) -> String {
        if let Some(a) = self.agency(code) {
            return a.name.clone();
        }
        self.groups.iter().find(|g| &g.code == code).map_or_else(|| code.0.clone(), |g| g.name.clone())
    }

    /// Every measure: Phụ lục 1 indicators first, then task targets in task order.
    pub fn measures(&self) -> impl Iterator<Item = (MeasureScope<'_>, &Measure)> {
        let indicators = self.indicators.iter().map(|m| (MeasureScope::Indicator, m));
        let targets =
            self.tasks.iter().flat_map(|t| t.targets.iter().map(move |m| (MeasureScope::Task(t), m)));
        indicators.chain(targets)
    }

    /// The measures agencies report: every measure but the task targets that are a Phụ lục 1
    /// indicator (`same-as`), which are reported once, on the indicator's row.
    pub fn reported_measures(&self) -> impl Iterator<Item = (MeasureScope<'_>, &Measure)> {
        self.measures().filter(|(_, m)| m.same_as.is_none())
    }

    /// The agencies that report a measure: its reporters, or the task's leads, expanded.
    pub fn measure_reporters(&self, scope: MeasureScope<'_>, measure: &Measure) -> Vec<AgencyCode> {
        match scope {
            MeasureScope::Task(task) if measure.reporters.is_empty() => self.directory.expand_all(&task.lead),
            _ => self.directory.expand_all(&measure.reporters),
        }
    }

    /// The target `agency`'s form shows for a measure: the target itself when the agency is its
    /// only reporter or each reporter is judged against it (a list), the agency's own share
    /// (`unit-targets`) of a combined figure, else none.
    pub fn unit_target(
        &self,
        scope: MeasureScope<'_>,
        measure: &Measure,
        agency: &AgencyCode,
    ) -> Option<Target> {
        let reporters = self.measure_reporters(scope, measure);
        match measure.aggregate_for(reporters.len()) {
            Aggregate::Single | Aggregate::List | Aggregate::Mean => measure.target,
            Aggregate::Sum | Aggregate::WeightedMean(_) => measure.unit_targets.get(agency).copied(),
        }
    }

    /// The agencies a task is assigned to as lead, expanded from groups.
    pub fn task_leads(&self, task: &Task) -> Vec<AgencyCode> {
        self.directory.expand_all(&task.lead)
    }

    /// The agencies that send a quarterly report, in file order.
    pub fn reporting_agencies(&self) -> impl Iterator<Item = &Agency> {
        self.agencies.iter().filter(|a| a.reports)
    }

    /// The title of a task group by number.
    pub fn task_group_title(&self, number: &str) -> Option<&str> {
        self.task_groups.iter().find(|g| g.number == number).map(|g| g.title.as_str())
    }

    /// True when task group `number` holds the organisation duties ("Tổ chức thực hiện": action
    /// programmes, reporting): the plan numbers such a group as a section of the plan (`III`,
    /// `IV`), not as an item of the tasks section (`1`, `2`, …).
    pub fn is_duties_group(number: &str) -> bool {
        number.parse::<u32>().is_err()
    }

    /// The numbers of the organisation-duties groups, in plan order (`III`).
    pub fn duties_groups(&self) -> Vec<&str> {
        self.task_groups.iter().map(|g| g.number.as_str()).filter(|n| Plan::is_duties_group(n)).collect()
    }
}

/// Returns the code of a measure (always set after loading).
pub fn measure_code(m: &Measure) -> &str {
    m.code.as_ref().map_or("", |c| c.as_str())
}
