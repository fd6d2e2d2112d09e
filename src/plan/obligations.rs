//! What each agency must report: its measures, its growth sectors and the tasks it leads.
//!
//! The form writer uses this to decide which rows a form holds, and intake uses it to know which
//! rows a submission must contain.

use super::model::{Measure, Sector, Task};
use super::{AgencyCode, MeasureScope, Plan};

/// One agency's reporting obligations, in plan order.
#[derive(Debug, Clone)]
pub struct Obligations<'a> {
    /// Phụ lục 1 indicators and task targets it reports.
    pub measures: Vec<(MeasureScope<'a>, &'a Measure)>,
    /// Growth sectors it reports.
    pub sectors: Vec<&'a Sector>,
    /// Tasks it leads, directly or through a group.
    pub tasks: Vec<&'a Task>,
}

impl Obligations<'_> {
    /// True when the agency has nothing to report.
    pub fn is_empty(&self) -> bool {
        self.measures.is_empty() && self.sectors.is_empty() && self.tasks.is_empty()
    }
}

impl Plan {
    /// What `agency` must report each quarter.
    pub fn obligations(&self, agency: &AgencyCode) -> Obligations<'_> {
        // Membership tests, not expansions: a province may have thousands of agencies.
        let member = |codes: &[AgencyCode]| codes.iter().any(|c| self.directory.is_member(agency, c));
        let measures = self
            .reported_measures()
            .filter(|(scope, m)| match scope {
                MeasureScope::Task(task) if m.reporters.is_empty() => member(&task.lead),
                _ => member(&m.reporters),
            })
            .collect();
        let sectors = self
            .growth
            .sectors
            .iter()
            .filter(|s| s.reporter.as_ref().is_some_and(|r| self.directory.is_member(agency, r)))
            .collect();
        let tasks = self.tasks.iter().filter(|t| member(&t.lead)).collect();
        Obligations { measures, sectors, tasks }
    }
}
