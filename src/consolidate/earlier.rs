//! Figures of an earlier period that consolidation compares with: the one input type for "what
//! was reported before". Today they come from re-reading the same year's previous quarter's
//! submissions ([`Earlier::from_intake`]); a history of past runs can fill the same type.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::collect::{CellRef, Intake, Number};
use crate::contract::ReportedStatus;
use crate::period::Quarter;
use crate::plan::{AgencyCode, MeasureCode, SectorCode, TaskId};

/// One agency's figure of an earlier period, with the cell it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EarlierValue {
    /// The value.
    pub value: f64,
    /// Where it was read.
    pub cell: CellRef,
}

/// Every agency's figures of one earlier period (cumulative to its end).
#[derive(Debug, Clone, Default)]
pub struct Earlier {
    /// The quarter the figures end with; `None` for an empty set.
    pub quarter: Option<Quarter>,
    /// Cumulative value (or level) per agency and measure.
    pub measures: BTreeMap<(AgencyCode, MeasureCode), EarlierValue>,
    /// Cumulative growth estimate (%) per agency and sector.
    pub growth: BTreeMap<(AgencyCode, SectorCode), EarlierValue>,
    /// Full-year estimate per agency and measure.
    pub estimates: BTreeMap<(AgencyCode, MeasureCode), EarlierValue>,
    /// The status each agency reported for each task, with its cell.
    pub tasks: BTreeMap<(AgencyCode, TaskId), (ReportedStatus, CellRef)>,
    /// The archived package the figures were read from (none: the quarter's submissions).
    pub archived: Option<crate::history::ArchivedRef>,
}

fn value(n: Option<&Number>) -> Option<EarlierValue> {
    n.filter(|n| n.value.is_finite()).map(|n| EarlierValue { value: n.value, cell: n.source.clone() })
}

impl Earlier {
    /// The accepted submissions of an earlier quarter's intake.
    pub fn from_intake(intake: &Intake) -> Earlier {
        let mut e = Earlier { quarter: Some(intake.quarter), ..Earlier::default() };
        for sub in intake.submissions() {
            for r in &sub.measures {
                if let Some(v) = value(r.cumulative.as_ref()) {
                    e.measures.entry((sub.agency.clone(), r.code.clone())).or_insert(v);
                }
                if let Some(v) = value(r.year_estimate.as_ref()) {
                    e.estimates.entry((sub.agency.clone(), r.code.clone())).or_insert(v);
                }
            }
            for r in &sub.tasks {
                if let (Some(status), Some(cell)) = (r.status, r.status_source.clone()) {
                    e.tasks.entry((sub.agency.clone(), r.task.clone())).or_insert((status, cell));
                }
            }
            for r in &sub.growth {
                if let Some(v) = value(r.cumulative.as_ref()) {
                    e.growth.entry((sub.agency.clone(), r.sector.clone())).or_insert(v);
                }
            }
        }
        e
    }

    /// An agency's earlier cumulative value of a measure.
    pub fn measure(&self, agency: &AgencyCode, code: &MeasureCode) -> Option<&EarlierValue> {
        self.measures.get(&(agency.clone(), code.clone()))
    }

    /// An agency's earlier full-year estimate of a measure.
    pub fn estimate(&self, agency: &AgencyCode, code: &MeasureCode) -> Option<&EarlierValue> {
        self.estimates.get(&(agency.clone(), code.clone()))
    }

    /// The status an agency reported earlier for a task, with its cell.
    pub fn task(&self, agency: &AgencyCode, task: &TaskId) -> Option<&(ReportedStatus, CellRef)> {
        self.tasks.get(&(agency.clone(), task.clone()))
    }

    /// An agency's earlier cumulative growth estimate for a sector.
    pub fn sector(&self, agency: &AgencyCode, sector: &SectorCode) -> Option<&EarlierValue> {
        self.growth.get(&(agency.clone(), sector.clone()))
    }
}
