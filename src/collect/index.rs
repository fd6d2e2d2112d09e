//! What intake checks rows against: every code of the plan with who reports it, and each
//! reporting agency's duties, built once per run and shared by the parallel readers.

use std::collections::HashMap;

use crate::plan::{AgencyCode, Measure, MeasureCode, Plan, Sector, Task};

/// The comparison key of a row code: upper case, no spaces (`ct 01` → `CT01`, `iii.1` → `III.1`).
pub fn code_key(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect()
}

/// A measure of the plan.
#[derive(Debug, Clone)]
pub struct MeasureEntry<'a> {
    /// Its code.
    pub code: MeasureCode,
    /// The measure.
    pub measure: &'a Measure,
    /// The agencies that report it.
    pub reporters: Vec<AgencyCode>,
}

/// A growth sector of the plan.
#[derive(Debug, Clone)]
pub struct SectorEntry<'a> {
    /// The sector.
    pub sector: &'a Sector,
    /// The agencies that report it.
    pub reporters: Vec<AgencyCode>,
}

/// A task of the plan.
#[derive(Debug, Clone)]
pub struct TaskEntry<'a> {
    /// The task.
    pub task: &'a Task,
    /// The agencies that lead it.
    pub leads: Vec<AgencyCode>,
}

/// The row keys one agency must report, in plan order.
#[derive(Debug, Clone, Default)]
pub struct Duties {
    /// Measure keys.
    pub measures: Vec<String>,
    /// Sector keys.
    pub sectors: Vec<String>,
    /// Task keys.
    pub tasks: Vec<String>,
}

/// Every code of the plan by key, and every reporting agency's duties.
#[derive(Debug, Clone)]
pub struct PlanIndex<'a> {
    /// Measures by key.
    pub measures: HashMap<String, MeasureEntry<'a>>,
    /// Sectors by key.
    pub sectors: HashMap<String, SectorEntry<'a>>,
    /// Tasks by key.
    pub tasks: HashMap<String, TaskEntry<'a>>,
    /// Duties of each reporting agency.
    pub duties: HashMap<AgencyCode, Duties>,
    /// Task targets that are a Phụ lục 1 indicator (`same-as`), by key: the indicator's code.
    /// Older forms still have a row for them.
    pub same_as: HashMap<String, crate::plan::MeasureCode>,
}

impl<'a> PlanIndex<'a> {
    /// Builds the index of `plan`.
    pub fn new(plan: &'a Plan) -> Self {
        let mut measures = HashMap::new();
        for (scope, m) in plan.reported_measures() {
            let Some(code) = m.code.clone() else { continue };
            let reporters = plan.measure_reporters(scope, m);
            measures.entry(code_key(code.as_str())).or_insert(MeasureEntry { code, measure: m, reporters });
        }
        let sectors = plan
            .growth
            .sectors
            .iter()
            .map(|s| {
                let reporters =
                    s.reporter.as_ref().map(|r| plan.directory.expand(r).to_vec()).unwrap_or_default();
                (code_key(s.code.as_str()), SectorEntry { sector: s, reporters })
            })
            .collect();
        let tasks = plan
            .tasks
            .iter()
            .map(|t| (code_key(t.id.as_str()), TaskEntry { task: t, leads: plan.task_leads(t) }))
            .collect();
        let all = plan.obligations_by_agency();
        let duties = plan
            .reporting_agencies()
            .map(|a| {
                let o = &all[&a.code];
                let duties = Duties {
                    measures: o
                        .measures
                        .iter()
                        .filter_map(|(_, m)| m.code.as_ref())
                        .map(|c| code_key(c.as_str()))
                        .collect(),
                    sectors: o.sectors.iter().map(|s| code_key(s.code.as_str())).collect(),
                    tasks: o.tasks.iter().map(|t| code_key(t.id.as_str())).collect(),
                };
                (a.code.clone(), duties)
            })
            .collect();
        let same_as = plan
            .measures()
            .filter_map(|(_, m)| Some((code_key(m.code.as_ref()?.as_str()), m.same_as.clone()?)))
            .collect();
        PlanIndex { measures, sectors, tasks, duties, same_as }
    }

    /// The names of agencies, joined for messages (`Sở Tài chính, Cục Thống kê tỉnh`).
    pub fn names(plan: &Plan, codes: &[AgencyCode]) -> String {
        let names: Vec<String> = codes.iter().map(|c| plan.assignee_name(c)).collect();
        if names.is_empty() { "không cơ quan nào".to_owned() } else { names.join(", ") }
    }
}

#[cfg(test)]
mod tests {
    use super::code_key;

    #[test]
    fn code_keys_ignore_case_and_spaces() {
        assert_eq!(code_key(" ct 01 "), "CT01");
        assert_eq!(code_key("iii.1"), "III.1");
        assert_eq!(code_key("2.2.b"), "2.2.B");
    }
}
