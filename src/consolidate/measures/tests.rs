//! Aggregation, m/n counts, percentages and reason sentences on the real 2024 plan.

use super::*;
use crate::consolidate::testkit::{IntakeBuilder, plan};
use crate::plan::{AgencyCode, Direction};

const DISTRICTS: [&str; 10] = [
    "TP-BACGIANG",
    "TX-VIETYEN",
    "H-HIEPHOA",
    "H-LANGGIANG",
    "H-LUCNAM",
    "H-LUCNGAN",
    "H-SONDONG",
    "H-TANYEN",
    "H-YENDUNG",
    "H-YENTHE",
];

fn run(intake: &Intake) -> (Vec<MeasureResult>, Vec<MeasureResult>, Vec<String>) {
    let mut warnings = Vec::new();
    let (i, t) = consolidate_measures(&plan(), intake, History::default(), &mut warnings);
    (i, t, warnings.into_iter().map(|f| f.message).collect())
}

fn find<'a>(rs: &'a [MeasureResult], code: &str) -> &'a MeasureResult {
    rs.iter().find(|r| r.code.as_str() == code).unwrap_or_else(|| panic!("no measure {code}"))
}

#[track_caller]
fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a value");
    assert!((a - b).abs() < 0.005, "{a} ≠ {b}");
}

#[test]
fn every_measure_in_plan_order() {
    let (indicators, targets, warnings) = run(&IntakeBuilder::new(&plan(), 2).build());
    assert_eq!(indicators.len(), 20);
    assert_eq!(indicators[0].code.as_str(), "CT01");
    assert_eq!(indicators[19].code.as_str(), "CT20");
    assert!(targets.iter().all(|t| t.task.is_some()));
    assert_eq!(targets.len(), plan().tasks.iter().map(|t| t.targets.len()).sum::<usize>());
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(indicators.iter().all(|r| r.assessment == Assessment::NotReported));
}

#[test]
fn single_reporter_cumulative_with_estimate() {
    // Thu NSNN 6 tháng: 10.111,7 tỷ đồng; cùng kỳ 7.660,4; ước cả năm 19.100; KH 16.068.
    let p = plan();
    let intake =
        IntakeBuilder::new(&p, 2).measure("STC", "CT05", Some(10111.7), Some(19100.0), Some(7660.4)).build();
    let (ind, _, _) = run(&intake);
    let r = find(&ind, "CT05");
    close(r.value, 10111.7);
    close(r.percent_of_target, 62.93); // 10.111,7 / 16.068
    close(r.vs_last_year.map(|c| c.value), 32.0); // 10.111,7 / 7.660,4 − 1
    assert_eq!(r.expected_pace, Some(50.0));
    assert_eq!(r.assessment, Assessment::OnTrack);
    assert_eq!((r.reporters_reported, r.reporters_expected), (1, 1));
    assert_eq!(r.sources.len(), 1);
    assert_eq!(r.sources[0].cell.a1(), "Chỉ tiêu!F7");
    assert_eq!(
        r.reason,
        "lũy kế 6 tháng đạt 10.111,7 tỷ đồng, tăng 32% so với cùng kỳ, bằng 62,9% kế hoạch năm \
         (16.068 tỷ đồng), tiến độ cần đạt 50%; đảm bảo tiến độ; ước cả năm 19.100 tỷ đồng, vượt kế hoạch"
    );
}

#[test]
fn sum_over_partial_reporters() {
    // Vốn ĐTPT: 7 of the 10 districts report; 4.000 + 5.000 + 6.000 + 3.000 + 2.000 + 8.000 +
    // 1.000 = 29.000 tỷ đồng. That is the sum of 7 districts, not the province's figure: it is
    // shown with its coverage and not judged against the 103.580 target (28% of it would read
    // "khó đạt" for a province whose three silent districts may hold the rest).
    let p = plan();
    let values = [4000.0, 5000.0, 6000.0, 3000.0, 2000.0, 8000.0, 1000.0];
    let mut b = IntakeBuilder::new(&p, 2);
    for (d, v) in DISTRICTS.iter().zip(values) {
        b = b.measure(d, "CT06", Some(v), None, None);
    }
    let (ind, _, _) = run(&b.build());
    let r = find(&ind, "CT06");
    close(r.value, 29000.0);
    assert_eq!(r.percent_of_target, None);
    assert!(r.vs_plan.is_none());
    assert_eq!((r.reporters_reported, r.reporters_expected), (7, 10));
    assert_eq!(r.assessment, Assessment::Incomplete);
    assert!(
        r.reason.ends_with(
            "; chưa đủ số liệu để đánh giá so với kế hoạch; mới có 7/10 huyện, thị xã, thành phố báo cáo"
        ),
        "{}",
        r.reason
    );
    let agencies: Vec<&str> = r.sources.iter().map(|s| s.agency.as_str()).collect();
    let mut sorted = agencies.clone();
    sorted.sort_unstable();
    assert_eq!(agencies, sorted, "sources sorted by agency code");
    // A partial sum already above a target to exceed is reached whatever the others add.
    let mut b = IntakeBuilder::new(&p, 2);
    for d in &DISTRICTS[..9] {
        b = b.measure(d, "CT06", Some(12000.0), None, None);
    }
    let r = run(&b.build()).0.into_iter().find(|m| m.code.as_str() == "CT06").expect("CT06");
    close(r.value, 108000.0);
    assert!(r.assessment.is_reached(), "{:?}", r.assessment);
}

#[test]
fn a_group_rate_is_listed_per_agency_never_averaged() {
    // 7.1.b-1 "trên 95%" reported by every sở, ngành, địa phương: the plan lists it per agency
    // (a province-wide rate is not the mean of the agencies' rates): 96 and 98 reach it, 94 not.
    let p = plan();
    let intake = IntakeBuilder::new(&p, 3)
        .measure("SKHDT", "7.1.b-1", Some(96.0), None, None)
        .measure("STC", "7.1.b-1", Some(94.0), None, None)
        .measure("H-YENTHE", "7.1.b-1", Some(98.0), None, None)
        .build();
    let (_, targets, _) = run(&intake);
    let r = find(&targets, "7.1.b-1");
    assert_eq!(r.value, None);
    assert_eq!(r.assessment, Assessment::PerAgency);
    assert_eq!(r.task.as_ref().map(|t| t.as_str()), Some("7.1.b"));
    let expected = p.directory.expand(&AgencyCode::from("SO-NGANH-DP")).len();
    assert!(expected > 30);
    assert_eq!((r.reporters_reported, r.reporters_expected), (3, expected));
    assert_eq!(
        r.reason,
        format!(
            "không tổng hợp thành số chung của tỉnh; 2/3 cơ quan báo cáo đạt kế hoạch (trên 95%); mới có 3/{expected} cơ quan, đơn vị báo cáo"
        )
    );
}

#[test]
fn aggregation_rules() {
    let a = |s: &str| AgencyCode::from(s);
    let figures = [(a("A"), 90.0), (a("B"), 60.0)];
    let no_weight = |_: &AgencyCode| None;
    assert_eq!(combine_figures(&Aggregate::Sum, &figures, &no_weight), Some(150.0));
    assert_eq!(combine_figures(&Aggregate::Single, &figures[..1], &no_weight), Some(90.0));
    assert_eq!(combine_figures(&Aggregate::List, &figures, &no_weight), None);
    assert_eq!(combine_figures(&Aggregate::Mean, &figures, &no_weight), None);
    // Weighted by applications received: (90 × 100 + 60 × 300) / 400 = 67,5 — the plain mean
    // would say 75.
    let weights = |x: &AgencyCode| Some(if x.as_str() == "A" { 100.0 } else { 300.0 });
    let weighted = Aggregate::WeightedMean(MeasureCode::from("HS"));
    assert_eq!(combine_figures(&weighted, &figures, &weights), Some(67.5));
    // An agency without its weight makes the province figure unknown, not a biased one.
    let partial = |x: &AgencyCode| (x.as_str() == "A").then_some(100.0);
    assert_eq!(combine_figures(&weighted, &figures, &partial), None);
    assert_eq!(combine_figures(&Aggregate::Sum, &[], &no_weight), None);
    assert_eq!(combine_figures(&Aggregate::Sum, &[(a("A"), f64::MAX), (a("B"), f64::MAX)], &no_weight), None);
}

#[test]
fn lower_is_better_rate() {
    // Tỷ lệ hộ nghèo: 2,0% against 1,82% → 0,18 điểm % above the plan (within 1 point, no
    // estimate → có khả năng đạt); last year 2,5% → −0,5 điểm %. No "% of plan" for a rate.
    let p = plan();
    let intake = IntakeBuilder::new(&p, 2).measure("SLDTBXH", "CT15", Some(2.0), None, Some(2.5)).build();
    let (ind, _, _) = run(&intake);
    let r = find(&ind, "CT15");
    assert_eq!(r.direction, Direction::Lower);
    assert_eq!(r.percent_of_target, None);
    close(r.vs_plan.map(|c| c.value), 0.18);
    close(r.vs_last_year.map(|c| c.value), -0.5);
    assert_eq!(r.assessment, Assessment::OnTrack);
    assert_eq!(
        r.reason,
        "đạt 2%, giảm 0,5 điểm % so với cùng kỳ, cao hơn 0,18 điểm % so với kế hoạch (1,82%); gần đạt kế hoạch"
    );
}

#[test]
fn level_range_and_threshold_reasons() {
    let p = plan();
    let intake = IntakeBuilder::new(&p, 4)
        .measure("SNN", "CT10", Some(141.0), None, None)
        .measure("BHXH", "CT17", Some(98.9), None, None)
        .build();
    let (ind, _, _) = run(&intake);
    let range = find(&ind, "CT10");
    assert_eq!(range.assessment, Assessment::Exceeded);
    assert_eq!(
        range.reason,
        "đạt 141 triệu đồng/ha, bằng 102,2% kế hoạch (138-140 triệu đồng/ha); vượt kế hoạch"
    );
    let bhyt = find(&ind, "CT17");
    assert_eq!(bhyt.assessment, Assessment::NotAchieved);
    assert_eq!(bhyt.reason, "đạt 98,9%, thấp hơn 0,1 điểm % so với kế hoạch (trên 99%); không đạt kế hoạch");
}

#[test]
fn not_reported_bad_numbers_and_unknown_codes() {
    let p = plan();
    let intake = IntakeBuilder::new(&p, 2)
        .measure("STC", "CT05", Some(f64::NAN), Some(f64::INFINITY), None)
        .measure("STC", "CT99", Some(5.0), None, None)
        .measure("SCT", "CT05", Some(9000.0), None, None) // not a reporter of CT05
        .build();
    let (ind, _, warnings) = run(&intake);
    let r = find(&ind, "CT05");
    assert_eq!(r.assessment, Assessment::NotReported);
    assert_eq!(r.value, None);
    assert_eq!(r.year_estimate, None);
    assert_eq!(r.percent_of_target, None);
    assert_eq!((r.reporters_reported, r.reporters_expected), (0, 1));
    assert_eq!(r.reason, "chưa có số liệu");
    assert!(warnings.is_empty());
}

#[test]
fn notes_are_kept_with_their_agency() {
    let p = plan();
    let intake = IntakeBuilder::new(&p, 1)
        .measure("SNN", "CT16", Some(37.5), Some(37.7), None)
        .note("SNN", "  Số liệu sơ bộ ")
        .build();
    let (ind, _, _) = run(&intake);
    let r = find(&ind, "CT16");
    assert_eq!(r.notes, vec![(AgencyCode::from("SNN"), "Số liệu sơ bộ".to_owned())]);
    assert_eq!(r.assessment, Assessment::OnTrack);
    assert_eq!(
        r.reason,
        "đạt 37,5%, thấp hơn 0,2 điểm % so với kế hoạch (37,7%); ước cả năm 37,7%, đạt kế hoạch"
    );
    let counts = count_assessments(&ind);
    assert_eq!(counts.iter().map(|c| c.1).sum::<usize>(), 20);
    assert_eq!(counts.iter().find(|c| c.0 == Assessment::OnTrack).map(|c| c.1), Some(1));
}

#[test]
fn partial_sums_of_estimates_and_last_year_are_not_used() {
    // Vốn ĐTPT (sum over districts): 3 districts report 6 tháng values; only one of them also
    // sends a year estimate and a same-period figure. 2.000 tỷ đồng of one district is neither
    // the province's year estimate (it would be judged against 103.580 → "khó đạt") nor the base
    // of a change against 4.000 + 5.000 + 6.000 (+650%).
    let p = plan();
    let intake = IntakeBuilder::new(&p, 2)
        .measure(DISTRICTS[0], "CT06", Some(4000.0), Some(9000.0), Some(2000.0))
        .measure(DISTRICTS[1], "CT06", Some(5000.0), None, None)
        .measure(DISTRICTS[2], "CT06", Some(6000.0), None, None)
        .build();
    let (ind, _, _) = run(&intake);
    let r = find(&ind, "CT06");
    close(r.value, 15000.0);
    assert_eq!(r.year_estimate, None);
    assert_eq!(r.same_period_last_year, None);
    assert_eq!(r.vs_last_year.map(|c| c.value), None);
    assert!(!r.reason.contains("ước cả năm"), "{}", r.reason);
    // When every district that reported a value also sent both figures, the same-period
    // figures are summed; the year estimates too once every district has reported (the sum of
    // some districts' estimates is not the province's estimate).
    let two = || {
        IntakeBuilder::new(&p, 2)
            .measure(DISTRICTS[0], "CT06", Some(4000.0), Some(9000.0), Some(2000.0))
            .measure(DISTRICTS[1], "CT06", Some(5000.0), Some(10000.0), Some(3000.0))
    };
    let partial = run(&two().build()).0;
    let r = find(&partial, "CT06");
    assert_eq!(r.year_estimate, None);
    close(r.same_period_last_year, 5000.0);
    close(r.vs_last_year.map(|c| c.value), 80.0);
    let mut b = two();
    for d in &DISTRICTS[2..] {
        b = b.measure(d, "CT06", Some(4000.0), Some(9000.0), Some(2000.0));
    }
    let r = find(&run(&b.build()).0, "CT06").clone();
    close(r.year_estimate, 19000.0 + 8.0 * 9000.0);
    close(r.same_period_last_year, 5000.0 + 8.0 * 2000.0);
}
