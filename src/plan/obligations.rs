//! What each agency must report: its measures, its growth sectors and the tasks it leads.
//!
//! The form writer uses this to decide which rows a form holds, and intake uses it to know which
//! rows a submission must contain.

use std::collections::HashMap;

use super::model::{Measure, Sector, Task};
use super::{AgencyCode, MeasureScope, Plan};

/// One agency's reporting obligations, in plan order.
#[derive(Debug, Clone, Default)]
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

    /// Every agency's obligations at once, by code: each measure, sector and task is expanded to
    /// its agencies once, so a province of thousands of agencies costs one pass over the plan
    /// instead of one pass per agency. The same as [`Self::obligations`] for each agency.
    pub fn obligations_by_agency(&self) -> HashMap<&AgencyCode, Obligations<'_>> {
        let mut all: HashMap<&AgencyCode, Obligations<'_>> =
            self.agencies.iter().map(|a| (&a.code, Obligations::default())).collect();
        let entries = |codes: &[AgencyCode]| -> Vec<AgencyCode> { self.directory.expand_all(codes) };
        for (scope, m) in self.reported_measures() {
            let codes = match scope {
                MeasureScope::Task(task) if m.reporters.is_empty() => &task.lead,
                _ => &m.reporters,
            };
            for agency in entries(codes) {
                if let Some(o) = all.get_mut(&agency) {
                    o.measures.push((scope, m));
                }
            }
        }
        for s in &self.growth.sectors {
            for agency in s.reporter.iter().flat_map(|r| entries(std::slice::from_ref(r))) {
                if let Some(o) = all.get_mut(&agency) {
                    o.sectors.push(s);
                }
            }
        }
        for t in &self.tasks {
            for agency in entries(&t.lead) {
                if let Some(o) = all.get_mut(&agency) {
                    o.tasks.push(t);
                }
            }
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use crate::consolidate::testkit;

    #[test]
    fn all_at_once_equals_one_by_one() {
        let plan = testkit::plan();
        let all = plan.obligations_by_agency();
        assert_eq!(all.len(), plan.agencies.len());
        let mut with_tasks = 0;
        for a in &plan.agencies {
            let one = plan.obligations(&a.code);
            let many = &all[&a.code];
            let ids = |o: &super::Obligations<'_>| {
                (
                    o.measures.iter().map(|(_, m)| m.name.clone()).collect::<Vec<_>>(),
                    o.sectors.iter().map(|s| s.code.0.clone()).collect::<Vec<_>>(),
                    o.tasks.iter().map(|t| t.id.0.clone()).collect::<Vec<_>>(),
                )
            };
            assert_eq!(ids(&one), ids(many), "{}", a.code);
            with_tasks += usize::from(!one.tasks.is_empty());
        }
        assert!(with_tasks > 30, "the sample plan gives most agencies tasks ({with_tasks})");
    }
}
