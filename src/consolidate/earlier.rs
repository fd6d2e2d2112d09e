//! Figures of an earlier period that consolidation compares with: the one input type for "what
//! was reported before", filled from an archived package (`crate::history`) or from re-reading
//! a quarter's submissions ([`Earlier::from_intake`]). [`History`] pairs the previous quarter
//! with the same quarter of last year; [`Earlier::follow_successors`] moves figures of merged
//! or renamed agencies to the agency that replaces them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::collect::{CellRef, Intake, Number};
use crate::contract::ReportedStatus;
use crate::period::Quarter;
use crate::plan::{AgencyCode, Kind, MeasureCode, Plan, SectorCode, TaskId};

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
    /// The province's figure of each flow for that quarter alone, as the archived package
    /// printed it (empty when read from submissions).
    pub quarter_values: BTreeMap<MeasureCode, f64>,
    /// The province's % of the annual target of each Phụ lục 1 indicator at that quarter's end,
    /// as the archived package printed it (empty when read from submissions).
    pub percents: BTreeMap<MeasureCode, f64>,
    /// The archived package the figures were read from (none: the quarter's submissions).
    pub archived: Option<crate::history::ArchivedRef>,
}

/// The earlier periods a quarter is compared with.
#[derive(Debug, Clone, Copy, Default)]
pub struct History<'a> {
    /// The same year's previous quarter (archived package, else its submissions).
    pub previous: Option<&'a Earlier>,
    /// The same quarter of last year (archived package only).
    pub last_year: Option<&'a Earlier>,
}

impl<'a> History<'a> {
    /// Only the previous quarter.
    pub fn previous(previous: Option<&'a Earlier>) -> History<'a> {
        History { previous, last_year: None }
    }
}

/// Figures of an agency code that neither this plan has nor any of its agencies replaces:
/// listed for the department, never compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Orphan {
    /// The earlier code.
    pub agency: AgencyCode,
    /// Its measure figures (code, value, cell), in code order.
    pub measures: Vec<(MeasureCode, EarlierValue)>,
    /// How many task statuses and growth figures it had besides.
    pub others: usize,
}

fn value(n: Option<&Number>) -> Option<EarlierValue> {
    n.filter(|n| n.value.is_finite()).map(|n| EarlierValue { value: n.value, cell: n.source.clone() })
}

/// The orphan entry of an earlier code, created empty.
fn orphan<'m>(orphans: &'m mut BTreeMap<AgencyCode, Orphan>, a: &AgencyCode) -> &'m mut Orphan {
    orphans.entry(a.clone()).or_insert_with(|| Orphan { agency: a.clone(), measures: Vec::new(), others: 0 })
}

/// Values moved to their successor's code: several predecessors' values of one measure are
/// added when `additive` says so, else the measure is dropped for that agency; values of codes
/// without a target go to `orphans` when given.
fn merge_values(
    map: BTreeMap<(AgencyCode, MeasureCode), EarlierValue>,
    target: &dyn Fn(&AgencyCode) -> Option<AgencyCode>,
    additive: &BTreeMap<String, bool>,
    mut orphans: Option<&mut BTreeMap<AgencyCode, Orphan>>,
) -> BTreeMap<(AgencyCode, MeasureCode), EarlierValue> {
    let mut out: BTreeMap<(AgencyCode, MeasureCode), Option<EarlierValue>> = BTreeMap::new();
    for ((a, code), v) in map {
        let Some(to) = target(&a) else {
            if let Some(o) = orphans.as_deref_mut() {
                orphan(o, &a).measures.push((code, v));
            }
            continue;
        };
        let adds = additive.get(code.as_str()).copied().unwrap_or(false);
        match out.get_mut(&(to.clone(), code.clone())) {
            None => {
                out.insert((to, code), Some(v));
            }
            Some(Some(first)) if adds => first.value += v.value,
            Some(slot) => *slot = None,
        }
    }
    out.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))).collect()
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

    /// The same figures under this plan's agency codes: an earlier code that an agency
    /// `replaces` becomes that agency's (figures of several predecessors of one measure are added
    /// when the measure is a quantity or count, else dropped as not comparable; the first
    /// predecessor's task status is kept); an unknown code without a successor is returned as an
    /// [`Orphan`] and left out.
    pub fn follow_successors(self, plan: &Plan) -> (Earlier, Vec<Orphan>) {
        let successor: BTreeMap<&AgencyCode, &AgencyCode> =
            plan.agencies.iter().flat_map(|a| a.replaces.iter().map(move |old| (old, &a.code))).collect();
        if self.codes().all(|a| plan.agency(a).is_some()) {
            return (self, Vec::new());
        }
        let additive: BTreeMap<String, bool> = plan
            .measures()
            .filter_map(|(_, m)| {
                m.code.as_ref().map(|c| (c.to_string(), matches!(m.kind(), Kind::Quantity | Kind::Count)))
            })
            .collect();
        let target = |a: &AgencyCode| -> Option<AgencyCode> {
            if plan.agency(a).is_some() { Some(a.clone()) } else { successor.get(a).map(|s| (*s).clone()) }
        };
        let mut orphans: BTreeMap<AgencyCode, Orphan> = BTreeMap::new();
        let measures = merge_values(self.measures, &target, &additive, Some(&mut orphans));
        let estimates = merge_values(self.estimates, &target, &additive, None);
        let mut growth: BTreeMap<(AgencyCode, SectorCode), Option<EarlierValue>> = BTreeMap::new();
        for ((a, sector), v) in self.growth {
            match target(&a) {
                None => orphan(&mut orphans, &a).others += 1,
                Some(to) => {
                    growth.entry((to, sector)).and_modify(|slot| *slot = None).or_insert(Some(v));
                }
            }
        }
        let mut tasks = BTreeMap::new();
        for ((a, task), status) in self.tasks {
            match target(&a) {
                None => orphan(&mut orphans, &a).others += 1,
                Some(to) => {
                    tasks.entry((to, task)).or_insert(status);
                }
            }
        }
        let earlier = Earlier {
            measures,
            estimates,
            growth: growth.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))).collect(),
            tasks,
            ..self
        };
        (earlier, orphans.into_values().collect())
    }

    /// Every agency code the figures are kept under.
    fn codes(&self) -> impl Iterator<Item = &AgencyCode> {
        let m = self.measures.keys().chain(self.estimates.keys()).map(|(a, _)| a);
        m.chain(self.growth.keys().map(|(a, _)| a)).chain(self.tasks.keys().map(|(a, _)| a))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consolidate::testkit::plan;

    fn at(value: f64, file: &str) -> EarlierValue {
        EarlierValue {
            value,
            cell: CellRef { file: file.into(), sheet: "Chỉ tiêu".into(), cell: "F2".into() },
        }
    }

    #[test]
    fn figures_follow_the_agency_that_replaces_them() {
        let mut p = plan();
        let lucnam = p.agencies.iter_mut().find(|a| a.code.as_str() == "H-LUCNAM").expect("Lục Nam");
        lucnam.replaces = vec!["H-A".into(), "H-B".into()];
        let mut e = Earlier::default();
        // Two former districts merged into Lục Nam: amounts add up, rates cannot.
        e.measures.insert(("H-A".into(), "CT06".into()), at(1000.0, "a.xlsx"));
        e.measures.insert(("H-B".into(), "CT06".into()), at(500.0, "b.xlsx"));
        e.measures.insert(("H-A".into(), "CT01".into()), at(7.0, "a.xlsx"));
        e.measures.insert(("H-B".into(), "CT01".into()), at(8.0, "b.xlsx"));
        // A code still in the plan stays; one nobody replaces is listed, not kept.
        e.measures.insert(("STC".into(), "CT05".into()), at(3870.0, "STC.xlsx"));
        e.measures.insert(("H-GONE".into(), "CT06".into()), at(250.0, "gone.xlsx"));
        e.tasks.insert(
            ("H-GONE".into(), "1.1".into()),
            (
                ReportedStatus::DoneOnTime,
                CellRef { file: "gone.xlsx".into(), sheet: "Nhiệm vụ".into(), cell: "D2".into() },
            ),
        );
        let (e, orphans) = e.follow_successors(&p);
        let lucnam: AgencyCode = "H-LUCNAM".into();
        assert_eq!(e.measure(&lucnam, &"CT06".into()).map(|v| v.value), Some(1500.0));
        assert!(e.measure(&lucnam, &"CT01".into()).is_none(), "two rates are not one agency's rate");
        assert_eq!(e.measure(&"STC".into(), &"CT05".into()).map(|v| v.value), Some(3870.0));
        assert!(e.measure(&"H-GONE".into(), &"CT06".into()).is_none());
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0].agency.as_str(), "H-GONE");
        assert_eq!(orphans[0].measures, vec![("CT06".into(), at(250.0, "gone.xlsx"))]);
        assert_eq!(orphans[0].others, 1);
    }
}
