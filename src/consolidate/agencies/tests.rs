//! Agency accounts and reporting rates on the real 2024 plan (43 reporting agencies).

use super::*;
use crate::consolidate::tasks::consolidate_tasks;
use crate::consolidate::testkit::{IntakeBuilder, day, plan};
use crate::contract::ReportedStatus as R;
use crate::plan::AgencyKind;

fn accounts(intake: &Intake) -> Vec<AgencyAccount> {
    let p = plan();
    let tasks = consolidate_tasks(&p, intake, &mut Vec::new());
    agency_accounts(&p, intake, &tasks)
}

fn account<'a>(a: &'a [AgencyAccount], code: &str) -> &'a AgencyAccount {
    a.iter().find(|x| x.agency.as_str() == code).unwrap_or_else(|| panic!("no account {code}"))
}

#[test]
fn one_account_per_reporting_agency_in_plan_order() {
    let p = plan();
    let a = accounts(&IntakeBuilder::new(&p, 2).build());
    assert_eq!(a.len(), 43);
    let order: Vec<&AgencyCode> = p.reporting_agencies().map(|x| &x.code).collect();
    assert_eq!(a.iter().map(|x| &x.agency).collect::<Vec<_>>(), order);
    assert!(a.iter().all(|x| x.reporting == AgencyStatus::Missing && x.report_date.is_none()));
    assert!(a.iter().all(|x| x.done == 0 && x.not_reported == x.tasks && x.measures_reported == 0));
}

#[test]
fn account_of_a_reporting_agency() {
    let p = plan();
    let intake = IntakeBuilder::new(&p, 2)
        .measure("SCT", "CT07", Some(315145.0), None, None)
        .measure("SCT", "CT08", Some(23.9), None, None)
        .measure("SCT", "CT09", None, Some(33.0), None) // an estimate alone is not a value
        .measure("SCT", "CT05", Some(1.0), None, None) // not its measure
        .task("SCT", "III.1", Some(R::NotStarted)) // due 20/01/2024 → overdue
        .task("SCT", "7.1.b", Some(R::DoneOnTime))
        .build();
    let a = accounts(&intake);
    let sct = account(&a, "SCT");
    let ob = p.obligations(&AgencyCode::from("SCT"));
    assert_eq!(sct.name, "Sở Công Thương");
    assert_eq!(sct.reporting, AgencyStatus::OnTime);
    assert_eq!(sct.report_date, Some(day(6, 14)));
    assert_eq!(sct.tasks, ob.tasks.len());
    assert_eq!((sct.done, sct.overdue, sct.not_reported), (1, 1, ob.tasks.len() - 2));
    assert!(ob.measures.len() >= 4); // CT07, CT08, CT09, CT11 and the group task targets
    assert_eq!((sct.measures_expected, sct.measures_reported), (ob.measures.len(), 2));
    assert_eq!(sct.action_programme, Some(TaskStatus::Overdue));
    assert_eq!(account(&a, "STC").action_programme, Some(TaskStatus::NotReported));
    // A reporting body outside the section III duty has no action programme status.
    let other = p.reporting_agencies().find(|x| x.kind == AgencyKind::Khac).expect("a kind-khac reporter");
    assert_eq!(account(&a, other.code.as_str()).action_programme, None);
}

#[test]
fn reporting_rates() {
    // 43 expected: SCT on time, STC late, SNN rejected, 40 missing.
    let p = plan();
    let intake = IntakeBuilder::new(&p, 2)
        .submitted("SCT")
        .submitted("STC")
        .status("STC", AgencyStatus::Late)
        .submitted("SNN")
        .status("SNN", AgencyStatus::Rejected)
        .build();
    let r = reporting_summary(&p, &intake);
    assert_eq!((r.expected, r.received, r.on_time, r.late, r.rejected, r.missing), (43, 2, 1, 1, 1, 40));
    assert!((r.completeness - 4.651).abs() < 0.001, "{}", r.completeness); // 2 / 43
    assert!((r.timeliness - 2.326).abs() < 0.001, "{}", r.timeliness); // 1 / 43
    assert_eq!(r.late_agencies, vec![AgencyCode::from("STC")]);
    assert_eq!(r.rejected_agencies, vec![AgencyCode::from("SNN")]);
    assert_eq!(r.missing_agencies.len(), 40);
    assert!(!r.missing_agencies.contains(&AgencyCode::from("SCT")));
    // The rejected agency's file is not used: its account shows nothing reported.
    let a = accounts(&intake);
    assert_eq!(account(&a, "SNN").reporting, AgencyStatus::Rejected);
    assert_eq!(account(&a, "SNN").report_date, None);
}

#[test]
fn no_reporting_agency_gives_zero_rates() {
    let mut p = plan();
    p.agencies.iter_mut().for_each(|a| a.reports = false);
    let r = reporting_summary(&p, &IntakeBuilder::new(&plan(), 2).build());
    assert_eq!((r.expected, r.completeness, r.timeliness), (0, 0.0, 0.0));
}
