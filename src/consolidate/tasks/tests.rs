//! Task statuses per agency and overall, m/n counts, overdue against the cut-off, group counts.

use super::*;
use crate::consolidate::testkit::{IntakeBuilder, day, plan};
use crate::period::Quarter;
use ReportedStatus as R;
use TaskStatus::*;

fn run(intake: &Intake) -> (Vec<TaskResult>, Vec<String>) {
    let mut warnings = Vec::new();
    let tasks = consolidate_tasks(&plan(), intake, &mut warnings);
    (tasks, warnings.into_iter().map(|f| f.message).collect())
}

fn task<'a>(ts: &'a [TaskResult], id: &str) -> &'a TaskResult {
    ts.iter().find(|t| t.id.as_str() == id).unwrap_or_else(|| panic!("no task {id}"))
}

#[test]
fn assignee_status_against_the_cutoff() {
    let q2 = Deadline::Quarter(Quarter { year: 2024, number: 2 }); // due 30/06/2024
    let (before, on, after) = (day(6, 14), day(6, 30), day(9, 14));
    let cont = Deadline::Continuous;
    assert_eq!(assignee_status(None, q2, after), (NotReported, false));
    assert_eq!(assignee_status(R::DoneOnTime.into(), q2, after), (DoneOnTime, false));
    assert_eq!(assignee_status(R::DoneLate.into(), q2, before), (DoneLate, false));
    // Submitted for approval: neither done nor overdue, before or after the due date.
    assert_eq!(assignee_status(R::Submitted.into(), q2, before), (Submitted, false));
    assert_eq!(assignee_status(R::Submitted.into(), q2, after), (Submitted, false));
    assert_eq!(assignee_status(R::Submitted.into(), cont, after), (Submitted, false));
    assert_eq!(assignee_status(R::InProgress.into(), q2, before), (InProgress, false));
    // Due on the cut-off day itself is not yet overdue.
    assert_eq!(assignee_status(R::InProgress.into(), q2, on), (InProgress, false));
    assert_eq!(assignee_status(R::InProgress.into(), q2, after), (Overdue, false));
    assert_eq!(assignee_status(R::NotStarted.into(), q2, before), (NotStarted, false));
    assert_eq!(assignee_status(R::NotStarted.into(), q2, after), (Overdue, false));
    assert_eq!(assignee_status(R::InProgress.into(), cont, after), (Continuous, false));
    assert_eq!(assignee_status(R::NotStarted.into(), cont, after), (NotStarted, false));
    assert_eq!(assignee_status(R::Continuous.into(), cont, after), (Continuous, false));
    assert_eq!(assignee_status(R::DoneOnTime.into(), cont, after), (DoneOnTime, false));
    // "Thường xuyên" typed for a dated task: in progress, flagged.
    assert_eq!(assignee_status(R::Continuous.into(), q2, before), (InProgress, true));
    assert_eq!(assignee_status(R::Continuous.into(), q2, after), (Overdue, true));
}

#[test]
fn overall_status_rules() {
    assert_eq!(overall_status(&[DoneOnTime, DoneOnTime], false), DoneOnTime);
    assert_eq!(overall_status(&[DoneOnTime, DoneLate], false), DoneLate);
    assert_eq!(overall_status(&[DoneOnTime, Overdue, InProgress], false), Overdue);
    assert_eq!(overall_status(&[DoneOnTime, NotReported], false), InProgress);
    assert_eq!(overall_status(&[DoneOnTime, NotStarted], false), InProgress);
    assert_eq!(overall_status(&[NotReported, NotReported], false), NotReported);
    assert_eq!(overall_status(&[NotStarted, NotStarted], false), NotStarted);
    assert_eq!(overall_status(&[NotStarted, NotReported], false), NotStarted);
    assert_eq!(overall_status(&[InProgress, NotStarted], false), InProgress);
    assert_eq!(overall_status(&[Continuous, NotReported], true), Continuous);
    assert_eq!(overall_status(&[DoneOnTime, NotReported], true), Continuous);
    assert_eq!(overall_status(&[NotReported, NotReported], true), NotReported);
    assert_eq!(overall_status(&[NotStarted, NotReported], true), NotStarted);
    assert_eq!(overall_status(&[DoneOnTime, DoneOnTime], true), DoneOnTime);
    assert_eq!(overall_status(&[], false), NotReported);
}

#[test]
fn overall_status_with_submitted() {
    // Everyone done or submitted, at least one submitted: submitted.
    assert_eq!(overall_status(&[Submitted], false), Submitted);
    assert_eq!(overall_status(&[Submitted], true), Submitted);
    assert_eq!(overall_status(&[DoneOnTime, Submitted], false), Submitted);
    assert_eq!(overall_status(&[Submitted, DoneLate, Submitted], false), Submitted);
    assert_eq!(overall_status(&[DoneOnTime, Submitted], true), Submitted);
    // Otherwise the other members decide, as for a partly done task.
    assert_eq!(overall_status(&[Submitted, Overdue], false), Overdue);
    assert_eq!(overall_status(&[Submitted, InProgress], false), InProgress);
    assert_eq!(overall_status(&[Submitted, NotStarted], false), InProgress);
    assert_eq!(overall_status(&[Submitted, NotReported], false), InProgress);
    assert_eq!(overall_status(&[Submitted, NotReported], true), Continuous);
    assert_eq!(overall_status(&[Submitted, Continuous], true), Continuous);
}

#[test]
fn submitted_tasks_are_not_overdue_past_their_due_date() {
    let p = plan();
    // 1.7.a (Sở VHTT&DL) is due by quý I: at the Q2 cut-off, submitted stays submitted.
    let q2 = IntakeBuilder::new(&p, 2).task("SVHTTDL", "1.7.a", Some(R::Submitted)).build();
    let ts = run(&q2).0;
    let t = task(&ts, "1.7.a");
    assert_eq!((t.status, t.done, t.reported), (Submitted, 0, 1));
    assert_eq!(t.assignees[0].status, Submitted);
    // III.1 is due 20/01/2024 and assigned to every agency: one submitted, the others silent →
    // submitted (silence is "chưa báo cáo", not lateness).
    let q1 = IntakeBuilder::new(&p, 1).task("SKHDT", "III.1", Some(R::Submitted)).build();
    assert_eq!(task(&run(&q1).0, "III.1").status, Submitted);
    let groups = group_summaries(&p, &ts);
    let g1 = groups.iter().find(|g| g.number == "1").expect("group 1");
    assert_eq!(g1.by_status[2], (Submitted, 1));
    assert_eq!(g1.by_status[4], (Overdue, 0));
}

#[test]
fn single_agency_tasks_and_overdue_at_the_cutoff() {
    // 8.2.d (Công an tỉnh) is due by quý II; 1.7.a (Sở VHTT&DL) by quý I.
    let p = plan();
    let q2 = IntakeBuilder::new(&p, 2)
        .task("CAT", "8.2.d", Some(R::InProgress))
        .task("SVHTTDL", "1.7.a", Some(R::NotStarted))
        .task("SVHTTDL", "9.9.z", Some(R::DoneOnTime)) // unknown task: ignored
        .build();
    let (ts, warnings) = run(&q2);
    assert!(warnings.is_empty());
    let t = task(&ts, "8.2.d");
    assert_eq!((t.status, t.done, t.reported, t.total), (InProgress, 0, 1, 1));
    assert_eq!(t.assignees[0].reported, Some(R::InProgress));
    assert_eq!(t.assignees[0].result.as_deref(), Some("Kết quả 8.2.d"));
    assert_eq!(t.assignees[0].source.as_ref().map(|c| c.a1()).as_deref(), Some("Nhiệm vụ!G7"));
    assert_eq!(task(&ts, "1.7.a").status, Overdue);
    assert_eq!(task(&ts, "2.4").status, NotReported);
    assert_eq!(ts.len(), p.tasks.len());
    // The same report judged at the Q3 cut-off: 8.2.d is now overdue.
    let q3 = IntakeBuilder::new(&p, 3).task("CAT", "8.2.d", Some(R::InProgress)).build();
    assert_eq!(task(&run(&q3).0, "8.2.d").status, Overdue);
    let late = IntakeBuilder::new(&p, 3).task("CAT", "8.2.d", Some(R::DoneLate)).build();
    let ts = run(&late).0;
    let t = task(&ts, "8.2.d");
    assert_eq!((t.status, t.done), (DoneLate, 1));
}

#[test]
fn group_tasks_count_m_of_n() {
    let p = plan();
    let leads = p.task_leads(&p.tasks.iter().find(|t| t.id.as_str() == "7.1.b").expect("7.1.b").clone());
    let n = leads.len();
    let intake = IntakeBuilder::new(&p, 2)
        .task("SKHDT", "7.1.b", Some(R::DoneOnTime))
        .task("STC", "7.1.b", Some(R::InProgress))
        .task("H-YENTHE", "7.1.b", None) // a row without a status
        .task("SKHDT", "1.1", Some(R::InProgress))
        .task("STC", "1.1", Some(R::Continuous))
        .build();
    let (ts, _) = run(&intake);
    let t = task(&ts, "7.1.b");
    assert_eq!((t.status, t.done, t.reported, t.total), (InProgress, 1, 2, n));
    assert_eq!(t.targets.len(), 3);
    let names: Vec<&str> = t.assignees.iter().map(|a| a.agency.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "assignees sorted by code");
    let c = task(&ts, "1.1");
    assert_eq!((c.status, c.done, c.reported), (Continuous, 0, 2));
    assert_eq!(c.deadline, Deadline::Continuous);
}

#[test]
fn everyone_done_and_section_iii() {
    let p = plan();
    let iii = p.tasks.iter().find(|t| t.id.group() == "III").expect("III.1").clone();
    let leads = p.task_leads(&iii);
    let mut b = IntakeBuilder::new(&p, 1);
    for (i, a) in leads.iter().enumerate() {
        let s = if i == 0 { R::DoneLate } else { R::DoneOnTime };
        b = b.task(a.as_str(), "III.1", Some(s));
    }
    let ts = run(&b.build()).0;
    let t = task(&ts, "III.1");
    assert_eq!((t.status, t.done, t.total), (DoneLate, leads.len(), leads.len()));
    assert_eq!(t.group, "III");
    // Due 20/01/2024: at the Q1 cut-off an agency that has not started is overdue.
    let b = IntakeBuilder::new(&p, 1).task("SKHDT", "III.1", Some(R::NotStarted));
    assert_eq!(task(&run(&b.build()).0, "III.1").status, Overdue);
}

#[test]
fn continuous_typed_for_a_dated_task_warns() {
    let p = plan();
    let intake = IntakeBuilder::new(&p, 1).cutoff(day(3, 10)).task("STP", "2.4", Some(R::Continuous)).build();
    let (ts, warnings) = run(&intake);
    assert_eq!(task(&ts, "2.4").status, InProgress);
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].starts_with("Nhiệm vụ 2.4: Sở Tư pháp báo cáo \"Thường xuyên\""), "{}", warnings[0]);
}

#[test]
fn group_summaries_count_every_status() {
    let p = plan();
    let intake = IntakeBuilder::new(&p, 2)
        .task("CAT", "8.2.d", Some(R::DoneOnTime))
        .task("SVHTTDL", "1.7.a", Some(R::InProgress))
        .build();
    let (ts, _) = run(&intake);
    let groups = group_summaries(&p, &ts);
    assert_eq!(groups.len(), 10);
    assert_eq!(groups.iter().map(|g| g.tasks).sum::<usize>(), p.tasks.len());
    for g in &groups {
        assert_eq!(g.by_status.len(), 8);
        assert_eq!(g.by_status.iter().map(|(_, n)| n).sum::<usize>(), g.tasks);
    }
    let g8 = groups.iter().find(|g| g.number == "8").expect("group 8");
    assert_eq!(g8.tasks, 15);
    assert_eq!(g8.by_status[0], (DoneOnTime, 1));
    assert_eq!(g8.by_status[7], (NotReported, 14));
    let g1 = groups.iter().find(|g| g.number == "1").expect("group 1");
    assert_eq!(g1.by_status[4], (Overdue, 1)); // 1.7.a, due quý I
}

#[test]
fn silent_members_do_not_make_a_group_task_overdue() {
    // III.1 is due 20/01/2024. At the Q1 cut-off (14/03) one agency reports it done and the
    // others say nothing: they are "chưa báo cáo", not late, so the task is done by those who
    // reported (1/n), not overdue and not "to complete at once".
    let p = plan();
    let intake = IntakeBuilder::new(&p, 1).task("SKHDT", "III.1", Some(R::DoneOnTime)).build();
    let ts = run(&intake).0;
    let t = task(&ts, "III.1");
    assert!(t.total > 1);
    assert_eq!((t.status, t.done, t.reported), (DoneOnTime, 1, 1));
    assert!(t.assignees.iter().filter(|a| a.agency.as_str() != "SKHDT").all(|a| a.status == NotReported));
    // One member reporting it unfinished after the due date makes it overdue, through that
    // member only.
    let intake = IntakeBuilder::new(&p, 1)
        .task("SKHDT", "III.1", Some(R::DoneOnTime))
        .task("SXD", "III.1", Some(R::InProgress))
        .build();
    let ts = run(&intake).0;
    let t = task(&ts, "III.1");
    assert_eq!(t.status, Overdue);
    let overdue: Vec<&str> =
        t.assignees.iter().filter(|a| a.status == Overdue).map(|a| a.agency.as_str()).collect();
    assert_eq!(overdue, ["SXD"]);
    // 3.9 (two leads, due end of 2024): before the due date the same pattern is in progress.
    let intake = IntakeBuilder::new(&p, 2).task("BQLDA-DDCN", "3.9", Some(R::DoneOnTime)).build();
    assert_eq!(task(&run(&intake).0, "3.9").status, InProgress);
}
