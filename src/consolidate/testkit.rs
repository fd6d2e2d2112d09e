//! Test helpers: the real 2024 plan, and a compact builder of hand-made intakes.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use time::{Date, Month};

use crate::collect::{
    AgencyIntake, AgencyStatus, AgencySubmission, CellRef, GrowthReport, Intake, MeasureReport, Number,
    TaskReport,
};
use crate::contract::ReportedStatus;
use crate::period::Quarter;
use crate::plan::{AgencyCode, MeasureCode, Plan, SectorCode, TaskId, load_plan};

/// The plan of `data/plan/2024`, loaded once.
pub fn plan() -> Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        match load_plan(&data, 2024) {
            Ok(loaded) => loaded.plan,
            Err(issues) => panic!("the 2024 plan does not load: {issues:?}"),
        }
    })
    .clone()
}

/// A date in 2024.
pub fn day(month: u8, d: u8) -> Date {
    let month = Month::try_from(month).expect("a month");
    Date::from_calendar_date(2024, month, d).expect("a date")
}

/// A number read from a made-up cell in column F, shown as a number cell is (`3407,8`).
pub fn num(agency: &str, sheet: &str, row: usize, value: f64) -> Number {
    num_at(agency, sheet, "F", row, value)
}

/// A number read from a made-up cell in `column`.
pub fn num_at(agency: &str, sheet: &str, column: &str, row: usize, value: f64) -> Number {
    let source =
        CellRef { file: format!("{agency}.xlsx"), sheet: sheet.into(), cell: format!("{column}{row}") };
    Number { value, raw: crate::collect::values::display_number(value), qualifier: None, source }
}

/// Builds an [`Intake`] for one quarter of 2024: every reporting agency of the plan, missing
/// unless something is added for it (then on time, dated the deadline).
pub struct IntakeBuilder {
    plan: Plan,
    quarter: Quarter,
    cutoff: Date,
    statuses: BTreeMap<AgencyCode, AgencyStatus>,
    subs: BTreeMap<AgencyCode, AgencySubmission>,
}

impl IntakeBuilder {
    /// A quarter of 2024 with the cut-off on the deadline.
    pub fn new(plan: &Plan, quarter: u8) -> Self {
        let quarter = Quarter::new(2024, quarter).expect("a quarter");
        let cutoff = quarter.deadline(14);
        Self { plan: plan.clone(), quarter, cutoff, statuses: BTreeMap::new(), subs: BTreeMap::new() }
    }

    /// Sets the cut-off date.
    pub fn cutoff(mut self, d: Date) -> Self {
        self.cutoff = d;
        self
    }

    /// Sets an agency's reporting status (a rejected or missing one loses its submission).
    pub fn status(mut self, agency: &str, s: AgencyStatus) -> Self {
        self.statuses.insert(agency.into(), s);
        self
    }

    fn sub(&mut self, agency: &str) -> &mut AgencySubmission {
        let deadline = self.quarter.deadline(14);
        self.subs.entry(agency.into()).or_insert_with(|| AgencySubmission {
            agency: agency.into(),
            file: format!("{agency}.xlsx"),
            report_date: Some(deadline),
            preparer: None,
            phone: None,
            measures: Vec::new(),
            growth: Vec::new(),
            tasks: Vec::new(),
        })
    }

    /// Adds a `Chỉ tiêu` row: cumulative value (column F), year estimate (G), same period last
    /// year (E).
    pub fn measure(
        mut self,
        agency: &str,
        code: &str,
        value: Option<f64>,
        estimate: Option<f64>,
        last: Option<f64>,
    ) -> Self {
        let s = self.sub(agency);
        let row = 7 + s.measures.len();
        s.measures.push(MeasureReport {
            code: MeasureCode::from(code),
            same_period_last_year: last.map(|v| num_at(agency, "Chỉ tiêu", "E", row, v)),
            cumulative: value.map(|v| num(agency, "Chỉ tiêu", row, v)),
            year_estimate: estimate.map(|v| num_at(agency, "Chỉ tiêu", "G", row, v)),
            note: None,
        });
        self
    }

    /// Adds a note to the agency's last `Chỉ tiêu` row.
    pub fn note(mut self, agency: &str, text: &str) -> Self {
        if let Some(m) = self.sub(agency).measures.last_mut() {
            m.note = Some(text.into());
        }
        self
    }

    /// Adds a `Tăng trưởng` row: quarter estimate (column D), cumulative estimate (E), updated
    /// year scenario (F).
    pub fn growth(
        mut self,
        agency: &str,
        sector: &str,
        quarter: Option<f64>,
        cumulative: Option<f64>,
        year: Option<f64>,
    ) -> Self {
        let s = self.sub(agency);
        let row = 7 + s.growth.len();
        s.growth.push(GrowthReport {
            sector: SectorCode::from(sector),
            quarter: quarter.map(|v| num_at(agency, "Tăng trưởng", "D", row, v)),
            cumulative: cumulative.map(|v| num_at(agency, "Tăng trưởng", "E", row, v)),
            year_update: year.map(|v| num_at(agency, "Tăng trưởng", "F", row, v)),
            note: None,
        });
        self
    }

    /// Sets the text the agency typed in the cumulative cell of its last `Chỉ tiêu` row (or, with
    /// `growth`, of its last `Tăng trưởng` row), as intake keeps it in [`Number::raw`]; the value
    /// stays as given.
    pub fn typed(mut self, agency: &str, growth: bool, raw: &str) -> Self {
        let s = self.sub(agency);
        let cell = if growth {
            s.growth.last_mut().and_then(|g| g.cumulative.as_mut())
        } else {
            s.measures.last_mut().and_then(|m| m.cumulative.as_mut())
        };
        if let Some(n) = cell {
            n.raw = raw.into();
        }
        self
    }

    /// Adds a `Nhiệm vụ` row with the given status.
    pub fn task(mut self, agency: &str, task: &str, status: Option<ReportedStatus>) -> Self {
        let s = self.sub(agency);
        let row = 7 + s.tasks.len();
        s.tasks.push(TaskReport {
            task: TaskId::from(task),
            status,
            status_source: status.map(|_| CellRef {
                file: format!("{agency}.xlsx"),
                sheet: "Nhiệm vụ".into(),
                cell: format!("G{row}"),
            }),
            progress: None,
            result: Some(format!("Kết quả {task}").into()),
            issues: None,
        });
        self
    }

    /// Adds an empty accepted submission.
    pub fn submitted(mut self, agency: &str) -> Self {
        self.sub(agency);
        self
    }

    /// The intake.
    pub fn build(mut self) -> Intake {
        let agencies = self
            .plan
            .reporting_agencies()
            .map(|a| {
                let sub = self.subs.remove(&a.code);
                let status = self.statuses.get(&a.code).copied().unwrap_or(if sub.is_some() {
                    AgencyStatus::OnTime
                } else {
                    AgencyStatus::Missing
                });
                let accepted = matches!(status, AgencyStatus::OnTime | AgencyStatus::Late);
                AgencyIntake {
                    agency: a.code.clone(),
                    status,
                    files: sub.iter().map(|s| s.file.clone()).collect(),
                    submission: sub.filter(|_| accepted),
                }
            })
            .collect();
        Intake::new(self.quarter, self.quarter.deadline(14), self.cutoff, Vec::new(), agencies)
    }
}
