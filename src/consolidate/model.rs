//! What consolidation produces: every figure of the report, with the cells it came from.
//!
//! These plain types are the contract between consolidation and rendering, and are written as
//! `tong-hop.json`.

use serde::Serialize;
use time::Date;

use crate::collect::{AgencyStatus, CellRef};
use crate::contract::ReportedStatus;
use crate::period::{Period, Quarter};
use crate::plan::{
    AgencyCode, Aggregate, Behaviour, Deadline, Direction, Kind, MeasureCode, SectorCode, Target, TaskId,
    Unit,
};

/// Every consolidated figure of one quarter.
#[derive(Debug, Clone, Serialize)]
pub struct Consolidated {
    /// The version of this summary's schema ([`crate::history::schema`]).
    pub schema: u32,
    /// The quarter.
    pub quarter: Quarter,
    /// The cumulative period ending with the quarter.
    pub period: Period,
    /// The cut-off date (overdue tasks and timeliness are judged at this date).
    pub cutoff: Date,
    /// The agencies' submission deadline.
    pub deadline: Date,
    /// Phụ lục 1 indicators, in plan order.
    pub indicators: Vec<MeasureResult>,
    /// Targets of Phụ lục 3 tasks, in plan order.
    pub task_targets: Vec<MeasureResult>,
    /// Phụ lục 2: growth by sector against the scenario.
    pub growth: GrowthResult,
    /// Phụ lục 3 tasks, in plan order (section III duties included).
    pub tasks: Vec<TaskResult>,
    /// Task counts per status for each task group, in plan order.
    pub task_groups: Vec<TaskGroupSummary>,
    /// Per-agency accountability, in plan order.
    pub agencies: Vec<AgencyAccount>,
    /// Reporting completeness and timeliness.
    pub reporting: ReportingSummary,
    /// Inconsistencies found while consolidating (warnings, never errors).
    pub warnings: Vec<crate::findings::Finding>,
    /// Data-quality findings at agencies' cells (file, sheet, cell), for their receipts.
    pub checks: Vec<crate::findings::Finding>,
    /// The archived packages whose figures this quarter was compared with (quarter, file,
    /// SHA-256).
    pub archived: Vec<crate::history::ArchivedRef>,
    /// Figures the department must reconcile ("cần thống nhất số liệu"): questions involving
    /// several agencies or an authority's figure, never shown in one agency's receipt.
    pub reconcile: Vec<crate::findings::Finding>,
    /// The same year's earlier quarters as their archived packages recorded them, oldest
    /// first: the points of the report's trend chart before this quarter's own (left out of
    /// `tong-hop.json` when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub year_so_far: Vec<YearPoint>,
}

/// One earlier quarter of the year as its archived package recorded it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearPoint {
    /// The quarter.
    pub quarter: Quarter,
    /// Each Phụ lục 1 indicator's % of the annual target at the quarter's end.
    pub percents: std::collections::BTreeMap<MeasureCode, f64>,
    /// The package they were read from.
    pub archived: Option<crate::history::ArchivedRef>,
}

impl Consolidated {
    /// The findings intake must carry for the receipts and the overview: the checks at cells and
    /// the figures to reconcile (see [`crate::collect::Intake::attach`]).
    pub fn review(&self) -> Vec<crate::findings::Finding> {
        self.checks.iter().chain(&self.reconcile).cloned().collect()
    }
}

/// A value taken from one agency's cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueSource {
    /// The agency.
    pub agency: AgencyCode,
    /// The value read.
    pub value: f64,
    /// The file and cell.
    pub cell: CellRef,
}

/// The assessment of a measure against its annual target: the one set of categories every
/// summary and renderer uses (see `assess` for the rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Assessment {
    /// Vượt: better than the target.
    Exceeded,
    /// Đạt: the target is reached.
    Achieved,
    /// Có khả năng đạt: on pace (flows) or close enough / estimated to reach it (levels).
    OnTrack,
    /// Chậm tiến độ: a flow behind the expected share of the year, though its estimate reaches
    /// the target (or it has no estimate and catching up is still plausible).
    BehindPace,
    /// Khó đạt: the estimate misses the target, or the gap cannot plausibly be closed.
    AtRisk,
    /// Không đạt: the year is over and it was not reached (quý IV only).
    NotAchieved,
    /// Theo từng cơ quan: the plan lists each agency's value, with no province figure.
    PerAgency,
    /// Chưa đủ số liệu: a sum some of its reporters are missing from, which is not yet the
    /// province's figure (unless it already reaches a target to exceed).
    Incomplete,
    /// Chưa có số liệu: no usable value.
    NotReported,
}

impl Assessment {
    /// Every category, in the order summaries list them.
    pub const ALL: [Assessment; 9] = [
        Assessment::Exceeded,
        Assessment::Achieved,
        Assessment::OnTrack,
        Assessment::BehindPace,
        Assessment::AtRisk,
        Assessment::NotAchieved,
        Assessment::PerAgency,
        Assessment::Incomplete,
        Assessment::NotReported,
    ];

    /// The label used in documents.
    pub fn label(self) -> &'static str {
        match self {
            Assessment::Exceeded => "Vượt",
            Assessment::Achieved => "Đạt",
            Assessment::OnTrack => "Có khả năng đạt",
            Assessment::BehindPace => "Chậm tiến độ",
            Assessment::AtRisk => "Khó đạt",
            Assessment::NotAchieved => "Không đạt",
            Assessment::PerAgency => "Theo từng cơ quan",
            Assessment::Incomplete => "Chưa đủ số liệu",
            Assessment::NotReported => "Chưa có số liệu",
        }
    }

    /// Reached or better (vượt, đạt).
    pub fn is_reached(self) -> bool {
        matches!(self, Assessment::Exceeded | Assessment::Achieved)
    }

    /// Lagging: chậm tiến độ, khó đạt, không đạt.
    pub fn is_lagging(self) -> bool {
        matches!(self, Assessment::BehindPace | Assessment::AtRisk | Assessment::NotAchieved)
    }
}

/// How a comparison is expressed, by the measure's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scale {
    /// A percentage: % of plan (62,9), or % change on the same period (+32).
    Percent,
    /// Điểm phần trăm: the difference of two rates (−0,36).
    Points,
    /// Places in a ranking, positive when better (moved up).
    Places,
}

/// A comparison of a value with the plan or the same period, on its kind's scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Comparison {
    /// The figure: % of plan, % change, points (value − other), or places gained.
    pub value: f64,
    /// What the figure is.
    pub scale: Scale,
}

/// One indicator or task target, consolidated.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureResult {
    /// Code.
    pub code: MeasureCode,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: Unit,
    /// What it counts, which decides how it is compared.
    pub kind: Kind,
    /// For a ranking: how many it ranks among.
    pub out_of: Option<u32>,
    /// Annual target.
    pub target: Target,
    /// Which way is better.
    pub direction: Direction,
    /// Flow or level.
    pub behaviour: Behaviour,
    /// The task, for a task target.
    pub task: Option<TaskId>,
    /// The Phụ lục 1 indicator this task target is (`same-as`), whose figures it shows.
    pub same_as: Option<MeasureCode>,
    /// How several reporters combine.
    pub aggregate: Option<Aggregate>,
    /// The cumulative value (or current level) to the end of the quarter, aggregated.
    pub value: Option<f64>,
    /// The quarter alone (a flow's cumulative less the previous quarter's), when known.
    pub quarter_value: Option<f64>,
    /// The full-year estimate, aggregated, when reported.
    pub year_estimate: Option<f64>,
    /// The same period of last year, aggregated, when reported.
    pub same_period_last_year: Option<f64>,
    /// The same period of last year was read (for some agencies at least) from last year's
    /// archived package rather than typed again.
    pub same_period_archived: bool,
    /// The previous quarter's figure it is compared with: for a flow of quantities that quarter
    /// alone (`previous_alone`), else the level at its end.
    pub previous: Option<f64>,
    /// `previous` and `vs_previous` are of quarters alone (this quarter's `quarter_value`).
    pub previous_alone: bool,
    /// Against the previous quarter: % change (quantities, counts), điểm % (rates), places
    /// gained (rankings).
    pub vs_previous: Option<Comparison>,
    /// Against the annual target: % of plan (quantities, counts), điểm % (rates), places
    /// (rankings).
    pub vs_plan: Option<Comparison>,
    /// Against the same period last year: % change (quantities, counts), điểm % (rates),
    /// places gained (rankings).
    pub vs_last_year: Option<Comparison>,
    /// Value as a % of the annual target, respecting direction (above 100 is better); only for
    /// quantities and counts.
    pub percent_of_target: Option<f64>,
    /// The % of the target expected by now, for flows (by the plan's profile or linear).
    pub expected_pace: Option<f64>,
    /// The assessment.
    pub assessment: Assessment,
    /// The full-year estimate needs the rest of the year to run well above the pace so far:
    /// "ước tính cần thận trọng" (a mark on the line, not a category).
    pub cautious_estimate: bool,
    /// Why, in one Vietnamese sentence.
    pub reason: String,
    /// How many agencies should report it.
    pub reporters_expected: usize,
    /// The noun they are counted in (`xã, phường` in `53/99 xã, phường báo cáo`).
    pub reporters_noun: String,
    /// How many did.
    pub reporters_reported: usize,
    /// Every value used, with its cell.
    pub sources: Vec<ValueSource>,
    /// Every agency's full-year estimate, with its cell.
    pub estimate_sources: Vec<ValueSource>,
    /// Notes typed by agencies (`Ghi chú`), with the agency code.
    pub notes: Vec<(AgencyCode, String)>,
}

/// Phụ lục 2: growth against the scenario, for the quarter's cumulative period.
#[derive(Debug, Clone, Serialize)]
pub struct GrowthResult {
    /// The cumulative period.
    pub period: Period,
    /// Sector rows in plan order, each group row placed before its first member.
    pub rows: Vec<GrowthRow>,
    /// The total GRDP row.
    pub total: GrowthRow,
}

/// One row of the growth table.
#[derive(Debug, Clone, Serialize)]
pub struct GrowthRow {
    /// Sector or group code (`TONG` for the total).
    pub code: SectorCode,
    /// Name.
    pub name: String,
    /// A group of sectors (`CNXD`).
    pub is_group: bool,
    /// The total GRDP row.
    pub is_total: bool,
    /// Share (%) of the base period's GRDP at comparative prices.
    pub share: f64,
    /// Scenario growth (%) for the period.
    pub scenario: Option<f64>,
    /// Scenario contribution (điểm %).
    pub scenario_contribution: Option<f64>,
    /// Estimated growth (%) of the quarter alone, as reported.
    pub quarter_estimate: Option<f64>,
    /// Estimated cumulative growth (%) for the period.
    pub estimate: Option<f64>,
    /// Estimate minus scenario (percentage points).
    pub gap: Option<f64>,
    /// Contribution to total growth in điểm % (estimate × share / 100).
    pub contribution: Option<f64>,
    /// Contribution as % of the total increase.
    pub contribution_share: Option<f64>,
    /// The updated full-year scenario the agency reported.
    pub year_update: Option<f64>,
    /// The cells the estimate came from.
    pub sources: Vec<ValueSource>,
}

/// The status of a task, overall or for one assigned agency (domain §6.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TaskStatus {
    /// Hoàn thành đúng hạn.
    DoneOnTime,
    /// Hoàn thành quá hạn.
    DoneLate,
    /// Đã trình, chờ phê duyệt: the agency's part is done and awaits approval (not done, not
    /// overdue).
    Submitted,
    /// Đang thực hiện (trong hạn).
    InProgress,
    /// Quá hạn chưa hoàn thành.
    Overdue,
    /// Chưa thực hiện.
    NotStarted,
    /// Thường xuyên (continuous task being carried out).
    Continuous,
    /// Chưa báo cáo.
    NotReported,
}

impl TaskStatus {
    /// Every status, in table order.
    pub const ALL: [TaskStatus; 8] = [
        TaskStatus::DoneOnTime,
        TaskStatus::DoneLate,
        TaskStatus::Submitted,
        TaskStatus::InProgress,
        TaskStatus::Overdue,
        TaskStatus::NotStarted,
        TaskStatus::Continuous,
        TaskStatus::NotReported,
    ];

    /// The label used in documents.
    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::DoneOnTime => "Hoàn thành đúng hạn",
            TaskStatus::DoneLate => "Hoàn thành quá hạn",
            TaskStatus::Submitted => "Đã trình, chờ phê duyệt",
            TaskStatus::InProgress => "Đang thực hiện (trong hạn)",
            TaskStatus::Overdue => "Quá hạn chưa hoàn thành",
            TaskStatus::NotStarted => "Chưa thực hiện",
            TaskStatus::Continuous => "Thường xuyên",
            TaskStatus::NotReported => "Chưa báo cáo",
        }
    }

    /// True for both kinds of completion.
    pub fn is_done(self) -> bool {
        matches!(self, TaskStatus::DoneOnTime | TaskStatus::DoneLate)
    }
}

/// One assigned agency's part of a task.
#[derive(Debug, Clone, Serialize)]
pub struct AssigneeStatus {
    /// The agency.
    pub agency: AgencyCode,
    /// Its computed status.
    pub status: TaskStatus,
    /// What it reported, if anything.
    pub reported: Option<ReportedStatus>,
    /// `Tiến độ (%)` as typed (0–100), never guessed from the result text.
    pub progress: Option<crate::collect::Number>,
    /// `Kết quả thực hiện`.
    pub result: Option<std::sync::Arc<str>>,
    /// `Khó khăn, vướng mắc, kiến nghị`.
    pub issues: Option<std::sync::Arc<str>>,
    /// Where the status came from.
    pub source: Option<CellRef>,
}

/// One task, consolidated.
#[derive(Debug, Clone, Serialize)]
pub struct TaskResult {
    /// Id (`2.2.b`).
    pub id: TaskId,
    /// Task group number (`2`, `III`).
    pub group: String,
    /// Short title.
    pub title: String,
    /// Lead agencies or groups, as the plan assigns them.
    pub lead: Vec<AgencyCode>,
    /// Co-ordinating agencies or groups.
    pub coordinate: Vec<AgencyCode>,
    /// Deadline.
    pub deadline: Deadline,
    /// Overall status (a group task is done only when every member reports done).
    pub status: TaskStatus,
    /// Each assigned agency's status, sorted by agency code.
    pub assignees: Vec<AssigneeStatus>,
    /// How many assigned agencies report it done.
    pub done: usize,
    /// How many agencies it is assigned to.
    pub total: usize,
    /// How many reported anything for it.
    pub reported: usize,
    /// Codes of its quantitative targets.
    pub targets: Vec<MeasureCode>,
}

/// Task counts by status in one task group.
#[derive(Debug, Clone, Serialize)]
pub struct TaskGroupSummary {
    /// Group number (`1`…`9`, `III`).
    pub number: String,
    /// Group title.
    pub title: String,
    /// Number of tasks.
    pub tasks: usize,
    /// Count per status, in [`TaskStatus::ALL`] order.
    pub by_status: Vec<(TaskStatus, usize)>,
}

/// One agency's accountability this quarter.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyAccount {
    /// The agency.
    pub agency: AgencyCode,
    /// Its name.
    pub name: String,
    /// On time, late, rejected or missing.
    pub reporting: AgencyStatus,
    /// The report date of the accepted file.
    pub report_date: Option<Date>,
    /// Tasks assigned to it (directly or through a group).
    pub tasks: usize,
    /// Of which done.
    pub done: usize,
    /// Of which overdue.
    pub overdue: usize,
    /// Of which it reported nothing.
    pub not_reported: usize,
    /// Measures it must report.
    pub measures_expected: usize,
    /// Measures it reported.
    pub measures_reported: usize,
    /// The status of its section III duty (the action programme by 20/01).
    pub action_programme: Option<TaskStatus>,
}

/// Reporting completeness and timeliness (DHIS2-style rates).
#[derive(Debug, Clone, Serialize)]
pub struct ReportingSummary {
    /// Agencies that must report.
    pub expected: usize,
    /// Agencies with an accepted report.
    pub received: usize,
    /// Of which on time.
    pub on_time: usize,
    /// Of which late.
    pub late: usize,
    /// Agencies whose every file was rejected.
    pub rejected: usize,
    /// Agencies that sent nothing.
    pub missing: usize,
    /// received / expected × 100.
    pub completeness: f64,
    /// on_time / expected × 100.
    pub timeliness: f64,
    /// Codes of late agencies.
    pub late_agencies: Vec<AgencyCode>,
    /// Codes of rejected agencies.
    pub rejected_agencies: Vec<AgencyCode>,
    /// Codes of missing agencies.
    pub missing_agencies: Vec<AgencyCode>,
    /// Agencies whose accepted report has values that were rejected (a bad cell or row).
    pub flawed_agencies: Vec<AgencyCode>,
}
