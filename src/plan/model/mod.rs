//! The structured plan as written in the YAML files of `DATA/plan/<year>/`.
//!
//! Every struct denies unknown fields, so a misspelt key is an error with its line, not a
//! silently ignored setting. Fields whose absence is a *validation* finding (a task with no
//! lead, an indicator with no target) are optional here and checked in `validate`.

use serde::{Deserialize, Serialize};

use super::check_settings::CheckSettings;
use super::{
    AgencyCode, Aggregate, Behaviour, Deadline, Direction, Kind, MeasureCode, SectorCode, Target, TaskId,
    Unit,
};

mod document;

pub use document::*;

/// `agencies.yaml`: the agencies and the collective assignees.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AgenciesFile {
    /// Every agency the plan names, plus the district-level units.
    pub agencies: Vec<Agency>,
    /// Collective assignees ("Các sở, ngành, địa phương").
    #[serde(default)]
    pub groups: Vec<Group>,
}

/// What kind of body an agency is; groups select members by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgencyKind {
    /// A department or agency under the provincial People's Committee (sở, ban, ngành).
    SoNganh,
    /// A central agency located in the province (Cục Thuế, Kho bạc, Công an tỉnh, …).
    TrungUong,
    /// A district-level People's Committee (huyện, thị xã, thành phố), until 30 June 2025.
    CapHuyen,
    /// A commune-level People's Committee (xã, phường, đặc khu), reporting directly to the
    /// province since 1 July 2025.
    CapXa,
    /// A state-owned enterprise.
    DoanhNghiep,
    /// Any other body (associations, press).
    Khac,
}

/// One agency.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Agency {
    /// Stable short code (`SKHDT`).
    pub code: AgencyCode,
    /// Official name.
    pub name: String,
    /// The usual abbreviation (`Sở KH&ĐT`).
    #[serde(default)]
    pub short: Option<String>,
    /// The kind of body.
    pub kind: AgencyKind,
    /// Every other spelling the plan uses.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Whether the agency sends a quarterly report (default yes).
    #[serde(default = "yes")]
    pub reports: bool,
    /// Codes of earlier agencies this one succeeds (merged or renamed): their archived figures
    /// are compared as this agency's.
    #[serde(default)]
    pub replaces: Vec<AgencyCode>,
}

fn yes() -> bool {
    true
}

/// A collective assignee, expanding to its members.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Group {
    /// Stable short code (`SO-NGANH-DP`).
    pub code: AgencyCode,
    /// The name as the plan writes it.
    pub name: String,
    /// Other spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Every agency of these kinds is a member.
    #[serde(default)]
    pub kinds: Vec<AgencyKind>,
    /// Further members: agency or group codes.
    #[serde(default)]
    pub members: Vec<AgencyCode>,
    /// Agencies excluded from the members above.
    #[serde(default)]
    pub except: Vec<AgencyCode>,
}

/// `indicators.yaml`: Phụ lục 1.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct IndicatorsFile {
    /// The main socio-economic indicators.
    pub indicators: Vec<Measure>,
}

/// A measured target: a Phụ lục 1 indicator or a quantitative target of a task.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Measure {
    /// Code; task targets get `<task id>-<n>` when it is omitted.
    #[serde(default)]
    pub code: Option<MeasureCode>,
    /// Name (`Tỷ lệ che phủ rừng`).
    pub name: String,
    /// Unit (ĐVT).
    #[serde(default)]
    pub unit: Option<Unit>,
    /// The annual target.
    #[serde(default)]
    pub target: Option<Target>,
    /// Which way is better.
    #[serde(default)]
    pub direction: Direction,
    /// Flow or level.
    #[serde(default)]
    pub behaviour: Behaviour,
    /// What it counts (quantity, rate, ranking, count); by default a rate for `%`, else a
    /// quantity. Read it through [`Measure::kind`].
    #[serde(default)]
    pub kind: Option<Kind>,
    /// For a ranking: how many it ranks among (`63` provinces).
    #[serde(default)]
    pub out_of: Option<u32>,
    /// For a flow: the cumulative % of the annual target expected at the end of quý I, II, III
    /// and IV (a seasonal profile, e.g. `[20, 45, 72, 100]`); linear (25, 50, 75, 100) when absent.
    #[serde(default)]
    pub pace: Option<Vec<f64>>,
    /// A task target that *is* a Phụ lục 1 indicator (`CT17`): reported once, on the indicator's
    /// row, and shown in Phụ lục 3 with the indicator's figures.
    #[serde(default)]
    pub same_as: Option<MeasureCode>,
    /// Who reports the value; for task targets the task's leads when empty.
    #[serde(default)]
    pub reporters: Vec<AgencyCode>,
    /// How several reporters' values combine.
    #[serde(default)]
    pub aggregate: Option<Aggregate>,
    /// Each reporter's own share of a summed target (`H-LUCNAM: {value: 9500}`), shown on its form;
    /// a reporter without one gets no target on its form, never the province's total.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub unit_targets: std::collections::BTreeMap<AgencyCode, Target>,
    /// The value may be negative and has no upper bound (growth rates).
    #[serde(default)]
    pub signed: bool,
    /// The value of the previous year, when published.
    #[serde(default)]
    pub previous_year: Option<f64>,
    /// Where the target comes from (a publication, a resolution).
    #[serde(default)]
    pub source: Option<String>,
    /// The plan item that states it (`4.3`).
    #[serde(default)]
    pub item: Option<String>,
    /// The target is illustrative sample data, not a published figure.
    #[serde(default)]
    pub illustrative: bool,
    /// Quoted in the report's overall assessment ("Đánh giá chung") and its summary table.
    #[serde(default)]
    pub headline: bool,
    /// This measure's own settings of the data-quality checks (rule code → `off`/`warning`/
    /// `error` or a mapping with bands), overriding the plan's `report.checks`.
    #[serde(default, skip_serializing_if = "CheckSettings::is_empty")]
    pub checks: CheckSettings,
}

impl Measure {
    /// What the measure counts: as the plan says, or by default a rate for `%`, else a quantity.
    pub fn kind(&self) -> Kind {
        self.kind.unwrap_or_else(|| self.unit.as_ref().map_or(Kind::Quantity, Kind::default_for))
    }

    /// How the values of `reporters` agencies combine: as the plan says (a plain mean is a
    /// list: each agency against the target), else one agency's value, a sum of quantities, or
    /// a list of rates.
    pub fn aggregate_for(&self, reporters: usize) -> Aggregate {
        match &self.aggregate {
            Some(Aggregate::Mean) => Aggregate::List,
            Some(a) => a.clone(),
            None if reporters <= 1 => Aggregate::Single,
            None if matches!(self.kind(), Kind::Quantity | Kind::Count) => Aggregate::Sum,
            None => Aggregate::List,
        }
    }
}

/// `growth.yaml`: Phụ lục 2.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GrowthFile {
    /// The growth scenario.
    pub growth: GrowthScenario,
}

/// The GRDP growth scenario by sector and cumulative period.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GrowthScenario {
    /// The base year (the same period of which is the comparison base).
    pub base_year: i32,
    /// The price basis (`giá so sánh 2010`).
    pub prices: String,
    /// Each base-year quarter's share of the base year's GRDP at comparative prices, in %.
    pub quarter_weights: Vec<f64>,
    /// The sectors, in table order.
    pub sectors: Vec<Sector>,
    /// Sector aggregates shown as extra rows (`CNXD` = `CN` + `XD`).
    #[serde(default)]
    pub groups: Vec<SectorGroup>,
    /// The scenario for total GRDP.
    pub total: PeriodValues,
    /// The Phụ lục 1 indicator that reports total GRDP growth, checked against the sectors.
    #[serde(default)]
    pub total_indicator: Option<MeasureCode>,
    /// The agency whose growth figures are authoritative (the statistical office): its total
    /// (`total-indicator`) and, where it reports them, its sector growth rates are printed
    /// everywhere; other figures that disagree go to the list to reconcile.
    #[serde(default)]
    pub authority: Option<AgencyCode>,
    /// Where the figures come from.
    #[serde(default)]
    pub source: Option<String>,
    /// The figures are illustrative where no published figure exists.
    #[serde(default)]
    pub illustrative: bool,
}

/// One GRDP sector.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Sector {
    /// Code (`NLTS`).
    pub code: SectorCode,
    /// Name (`Nông, lâm nghiệp và thủy sản`).
    pub name: String,
    /// The agency that reports the sector's estimate.
    #[serde(default)]
    pub reporter: Option<AgencyCode>,
    /// The sector's share of each base-year quarter's GRDP at comparative prices, in % (Q1–Q4).
    pub base_shares: Vec<f64>,
    /// Scenario growth per cumulative period, in %.
    pub scenario: PeriodValues,
    /// How running text names the sector, when not "khu vực <name>" (or "ngành <name>" for a
    /// group's member): e.g. `thuế sản phẩm trừ trợ cấp sản phẩm`.
    #[serde(default)]
    pub in_prose: Option<String>,
}

/// A row adding up several sectors.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectorGroup {
    /// Code (`CNXD`).
    pub code: SectorCode,
    /// Name (`Công nghiệp - xây dựng`).
    pub name: String,
    /// Member sectors.
    pub members: Vec<SectorCode>,
    /// Scenario growth per period, when the plan states it (otherwise computed).
    #[serde(default)]
    pub scenario: Option<PeriodValues>,
}

/// A value per cumulative period (quý I, 6 tháng, 9 tháng, cả năm).
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PeriodValues {
    /// Quý I.
    pub q1: Option<f64>,
    /// 6 tháng.
    pub h1: Option<f64>,
    /// 9 tháng.
    pub m9: Option<f64>,
    /// Cả năm.
    pub year: Option<f64>,
}

impl PeriodValues {
    /// The value for one period.
    pub fn get(&self, period: crate::period::Period) -> Option<f64> {
        use crate::period::Period;
        match period {
            Period::Q1 => self.q1,
            Period::H1 => self.h1,
            Period::M9 => self.m9,
            Period::Year => self.year,
        }
    }
}

/// `tasks.yaml`: Phụ lục 3.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TasksFile {
    /// The task groups of section II (1–9) and section III.
    pub groups: Vec<TaskGroup>,
    /// The tasks.
    pub tasks: Vec<Task>,
    /// The task-status vocabulary: the `Tình trạng` dropdown's labels, in order, and the other
    /// spellings clerks type, each of one kind. Omitted: the built-in vocabulary
    /// ([`super::StatusVocabulary::builtin`]) applies, so older plans keep working.
    #[serde(default)]
    pub statuses: Option<Vec<StatusEntry>>,
}

/// One label of the task-status vocabulary.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StatusEntry {
    /// What the form's dropdown shows (`Đã trình cấp có thẩm quyền`); no comma, Excel's list
    /// separator.
    pub label: String,
    /// What it means: `done`, `done-late`, `submitted`, `in-progress`, `not-started`, `regular`.
    pub kind: crate::contract::ReportedStatus,
    /// Other spellings clerks type for it (`Đã trình UBND tỉnh`); matched like the label,
    /// ignoring case, accents typed as NFD, spacing and a final dot.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A numbered group of tasks.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TaskGroup {
    /// Its number as the plan writes it (`1`…`9`, `III`).
    pub number: String,
    /// Its heading.
    pub title: String,
}

/// One task of Phụ lục 3.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Task {
    /// Id keeping the plan's item number (`2.2`, `2.2.b`, `III.1`).
    pub id: TaskId,
    /// A short title.
    pub title: String,
    /// The task's text as the plan writes it.
    pub text: String,
    /// Lead agencies or groups.
    #[serde(default)]
    pub lead: Vec<AgencyCode>,
    /// Co-ordinating agencies or groups the text names.
    #[serde(default)]
    pub coordinate: Vec<AgencyCode>,
    /// When it is due.
    #[serde(default)]
    pub deadline: Option<Deadline>,
    /// The expected output.
    #[serde(default)]
    pub output: Option<String>,
    /// Every quantitative target the text states.
    #[serde(default)]
    pub targets: Vec<Measure>,
    /// Quantities in the text that are not targets (`140 năm`, `110KV`), as written.
    #[serde(default)]
    pub not_targets: Vec<String>,
    /// The task's result is the whole year's (revenue or spending against the year's estimate,
    /// disbursement of the year's capital plan, the year's investment attracted): it can only be
    /// known once the year is over, so "done" reported before its deadline is questioned. Set in
    /// the plan, never guessed from the wording.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub whole_year: bool,
}
