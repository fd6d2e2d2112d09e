//! Every branch of the assessment rules, with hand-computed numbers.

use super::*;
use Assessment::*;

fn rule(target: Target, direction: Direction, behaviour: Behaviour) -> Rule {
    Rule {
        target,
        direction,
        behaviour,
        kind: Kind::Quantity,
        pace: LINEAR_PACE,
        judgement: Judgement::default(),
    }
}
fn rate(target: Target, direction: Direction) -> Rule {
    Rule { kind: Kind::Rate, ..rule(target, direction, Behaviour::Level) }
}
fn ranking(target: Target) -> Rule {
    Rule { kind: Kind::Ranking, ..rule(target, Direction::Lower, Behaviour::Level) }
}
fn level(target: Target) -> Rule {
    rule(target, Direction::Higher, Behaviour::Level)
}
fn level_lower(target: Target) -> Rule {
    rule(target, Direction::Lower, Behaviour::Level)
}
fn flow(target: Target) -> Rule {
    rule(target, Direction::Higher, Behaviour::Cumulative)
}
fn flow_lower(target: Target) -> Rule {
    rule(target, Direction::Lower, Behaviour::Cumulative)
}

#[track_caller]
fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a value");
    assert!((a - b).abs() < 0.005, "{a} ≠ {b}");
}

#[test]
fn attained_for_each_target_kind() {
    // Value: higher ≥ t, lower ≤ t.
    assert!(level(Target::Value(37.7)).attained(37.7));
    assert!(!level(Target::Value(37.7)).attained(37.69));
    assert!(level_lower(Target::Value(1.82)).attained(1.82));
    assert!(!level_lower(Target::Value(1.82)).attained(1.83));
    // Thresholds carry their own direction.
    assert!(!level(Target::Above(99.0)).attained(99.0));
    assert!(level(Target::Above(99.0)).attained(99.1));
    assert!(level(Target::AtLeast(90.0)).attained(90.0));
    assert!(!level(Target::AtLeast(90.0)).attained(89.9));
    assert!(!level_lower(Target::Below(2.0)).attained(2.0));
    assert!(level_lower(Target::Below(2.0)).attained(1.99));
    assert!(level_lower(Target::AtMost(1.0)).attained(1.0));
    assert!(!level_lower(Target::AtMost(1.0)).attained(1.01));
    // About 44: within 5% (≥ 41,8) or better.
    assert!(level(Target::About(44.0)).attained(41.8));
    assert!(!level(Target::About(44.0)).attained(41.79));
    assert!(level_lower(Target::About(10.0)).attained(10.5));
    assert!(!level_lower(Target::About(10.0)).attained(10.51));
    // Range: the lower bound when higher is better, the upper bound when lower is better.
    assert!(level(Target::Range(138.0, 140.0)).attained(138.0));
    assert!(!level(Target::Range(138.0, 140.0)).attained(137.9));
    assert!(level_lower(Target::Range(1.0, 2.0)).attained(2.0));
    assert!(!level_lower(Target::Range(1.0, 2.0)).attained(2.1));
    assert!(!level(Target::Value(1.0)).attained(f64::NAN));
}

#[test]
fn exceeded_only_for_value_about_and_range() {
    assert!(level(Target::Value(37.7)).exceeded(37.8));
    assert!(!level(Target::Value(37.7)).exceeded(37.7));
    assert!(level_lower(Target::Value(1.82)).exceeded(1.8));
    assert!(level(Target::About(44.0)).exceeded(44.1));
    assert!(!level(Target::About(44.0)).exceeded(43.0));
    assert!(level(Target::Range(138.0, 140.0)).exceeded(140.5));
    assert!(!level(Target::Range(138.0, 140.0)).exceeded(140.0));
    assert!(level_lower(Target::Range(1.0, 2.0)).exceeded(0.9));
    assert!(!level_lower(Target::Range(1.0, 2.0)).exceeded(1.0));
    assert!(!level(Target::Above(99.0)).exceeded(100.0));
    assert!(!level(Target::AtLeast(90.0)).exceeded(100.0));
    assert!(!level_lower(Target::Below(2.0)).exceeded(0.0));
    assert!(!level_lower(Target::AtMost(1.0)).exceeded(0.0));
}

#[test]
fn percent_of_target_respects_direction() {
    // 10.111,7 / 16.068 = 62,93%.
    close(flow(Target::Value(16068.0)).percent_of_target(10111.7), 62.93);
    // Lower is better: 1,82 / 2,0 = 91%; 1,82 / 1,4 = 130%.
    close(level_lower(Target::Value(1.82)).percent_of_target(2.0), 91.0);
    close(level_lower(Target::Value(1.82)).percent_of_target(1.4), 130.0);
    // A range is judged against the bound that must be reached: 139 / 138 = 100,72%.
    close(level(Target::Range(138.0, 140.0)).percent_of_target(139.0), 100.72);
    close(level_lower(Target::Range(1.0, 2.0)).percent_of_target(2.5), 80.0);
    // Zero divisors give no percentage instead of infinity.
    assert_eq!(level_lower(Target::AtMost(1.0)).percent_of_target(0.0), None);
    assert_eq!(level(Target::Value(0.0)).percent_of_target(3.0), None);
}

#[test]
fn no_usable_value_is_not_reported() {
    let r = level(Target::Value(37.7));
    assert_eq!(r.assess(2, None, None), NotReported);
    assert_eq!(r.assess(2, None, Some(f64::NAN)), NotReported);
    assert_eq!(r.assess(2, Some(f64::NAN), None), NotReported);
    assert_eq!(r.assess(4, Some(f64::INFINITY), None), NotReported);
}

#[test]
fn an_estimate_alone_is_judged() {
    // Annual figures (GRDP per head) are reported as a full-year estimate only.
    let r = level(Target::Value(4500.0));
    assert_eq!(r.assess(2, None, Some(4500.0)), OnTrack);
    assert_eq!(r.assess(2, None, Some(4400.0)), AtRisk);
    assert_eq!(r.assess(4, None, Some(4600.0)), Exceeded);
    assert_eq!(r.assess(4, None, Some(4400.0)), NotAchieved);
}

#[test]
fn level_higher_in_q2() {
    let r = level(Target::Value(37.7));
    assert_eq!(r.assess(2, Some(37.7), None), Achieved);
    assert_eq!(r.assess(2, Some(38.0), None), Exceeded);
    // Not attained, estimate decides.
    assert_eq!(r.assess(2, Some(30.0), Some(37.7)), OnTrack);
    assert_eq!(r.assess(2, Some(37.5), Some(37.0)), AtRisk);
    // No estimate: 36 / 37,7 = 95,5% ≥ 95 → on track; 35 / 37,7 = 92,8% → at risk.
    assert_eq!(r.assess(2, Some(36.0), None), OnTrack);
    assert_eq!(r.assess(2, Some(35.0), None), AtRisk);
    // A negative growth rate against a positive target.
    assert_eq!(level(Target::Value(14.5)).assess(2, Some(-1.0), None), AtRisk);
}

#[test]
fn level_higher_in_q4() {
    let r = level(Target::Value(37.7));
    assert_eq!(r.assess(4, Some(37.7), None), Achieved);
    assert_eq!(r.assess(4, Some(37.8), Some(30.0)), Exceeded);
    // The year is over: the estimate and the 95% rule no longer help.
    assert_eq!(r.assess(4, Some(37.6), Some(38.0)), NotAchieved);
    assert_eq!(r.assess(4, Some(37.6), None), NotAchieved);
}

#[test]
fn level_lower_in_q2_and_q4() {
    let r = level_lower(Target::Value(1.82));
    assert_eq!(r.assess(2, Some(1.82), None), Achieved);
    assert_eq!(r.assess(2, Some(1.5), None), Exceeded);
    assert_eq!(r.assess(2, Some(2.5), Some(1.8)), OnTrack);
    assert_eq!(r.assess(2, Some(1.9), Some(1.9)), AtRisk);
    // 1,82 / 1,9 = 95,8% → on track; 1,82 / 2,0 = 91% → at risk.
    assert_eq!(r.assess(2, Some(1.9), None), OnTrack);
    assert_eq!(r.assess(2, Some(2.0), None), AtRisk);
    assert_eq!(r.assess(4, Some(1.9), Some(1.5)), NotAchieved);
    assert_eq!(r.assess(4, Some(1.7), None), Exceeded);
    // A cap reached at zero: attained although the percentage is undefined.
    assert_eq!(level_lower(Target::AtMost(1.0)).assess(2, Some(0.0), None), Achieved);
    assert_eq!(level_lower(Target::AtMost(10.0)).assess(2, Some(12.0), None), AtRisk);
}

#[test]
fn level_thresholds_about_and_ranges() {
    let above = level(Target::Above(99.0));
    assert_eq!(above.assess(2, Some(99.5), None), Achieved);
    // 98,5 / 99 = 99,5% → on track; Q4 → not achieved.
    assert_eq!(above.assess(2, Some(98.5), None), OnTrack);
    assert_eq!(above.assess(4, Some(99.0), None), NotAchieved);
    assert_eq!(level(Target::AtLeast(90.0)).assess(4, Some(90.0), None), Achieved);
    assert_eq!(level_lower(Target::Below(2.0)).assess(4, Some(1.5), None), Achieved);
    let about = level(Target::About(44.0));
    assert_eq!(about.assess(2, Some(42.0), None), Achieved);
    assert_eq!(about.assess(2, Some(45.0), None), Exceeded);
    // 40 / 44 = 90,9% → at risk.
    assert_eq!(about.assess(2, Some(40.0), None), AtRisk);
    let range = level(Target::Range(138.0, 140.0));
    assert_eq!(range.assess(2, Some(139.0), None), Achieved);
    assert_eq!(range.assess(2, Some(141.0), None), Exceeded);
    // 137 / 138 = 99,3% → on track; in Q4 not achieved.
    assert_eq!(range.assess(2, Some(137.0), None), OnTrack);
    assert_eq!(range.assess(4, Some(137.0), None), NotAchieved);
    assert_eq!(range.assess(2, Some(120.0), Some(139.0)), OnTrack);
}

#[test]
fn cumulative_higher_in_q2() {
    let r = flow(Target::Value(16068.0));
    // Pace at Q2 is 50%; on track from 45%.
    assert_eq!(r.assess(2, Some(10111.7), None), OnTrack); // 62,93%
    assert_eq!(r.assess(2, Some(7300.0), None), OnTrack); // 45,43%
    // 43,56%: behind; the rest of the year must run at (9.068 / 0,5) / (7.000 / 0,5) = 1,30×
    // the pace so far (≤ 1,5) → chậm tiến độ; at 5.000 (31,1%) 2,21× → khó đạt.
    assert_eq!(r.assess(2, Some(7000.0), None), BehindPace);
    assert_eq!(r.assess(2, Some(5000.0), None), AtRisk);
    // An estimate that misses the target is "khó đạt" even on pace …
    assert_eq!(r.assess(2, Some(10111.7), Some(15000.0)), AtRisk);
    // … and one that reaches it does not hide a lagging flow: 43,56% < 50 − 5.
    assert_eq!(r.assess(2, Some(7000.0), Some(19100.0)), BehindPace);
    // Already over the annual target in June.
    assert_eq!(r.assess(2, Some(16500.0), None), Exceeded);
    assert_eq!(r.assess(2, Some(16068.0), None), Achieved);
}

#[test]
fn cumulative_higher_in_q4_and_thresholds() {
    let r = flow(Target::Value(16068.0));
    assert_eq!(r.assess(4, Some(16068.0), None), Achieved);
    assert_eq!(r.assess(4, Some(19100.0), None), Exceeded);
    assert_eq!(r.assess(4, Some(15000.0), Some(20000.0)), NotAchieved);
    // Q3 pace 75%: 2 of "ít nhất 02 KCN" done → achieved (a threshold, never exceeded).
    assert_eq!(flow(Target::AtLeast(2.0)).assess(3, Some(3.0), None), Achieved);
    // Range of 3–5 projects at Q3 with 2: 2 / 3 = 66,7% < 70 → behind; one more project in a
    // quarter is (1 / 0,25) / (2 / 0,75) = 1,5× the pace so far (not above 1,5) → chậm tiến độ.
    assert_eq!(flow(Target::Range(3.0, 5.0)).assess(3, Some(2.0), None), BehindPace);
    assert_eq!(flow(Target::Range(3.0, 5.0)).assess(3, Some(1.0), None), AtRisk);
    assert_eq!(flow(Target::Range(3.0, 5.0)).assess(3, Some(6.0), None), Exceeded);
    // About 1,2 tỷ USD: 1,15 ≥ 1,14 already counts.
    assert_eq!(flow(Target::About(1.2)).assess(3, Some(1.15), None), Achieved);
    // Q1 pace 25%: 0,25 / 1,2 = 20,8% ≥ 20 → on track.
    assert_eq!(flow(Target::About(1.2)).assess(1, Some(0.25), None), OnTrack);
}

#[test]
fn cumulative_lower_is_judged_against_the_cap_used() {
    let r = flow_lower(Target::AtMost(10.0));
    // Under the cap in June proves nothing: 4 / 10 = 40% of the cap ≤ 50 + 5 → on track.
    assert_eq!(r.assess(2, Some(4.0), None), OnTrack);
    assert_eq!(r.assess(2, Some(6.0), None), AtRisk); // 60% > 55
    assert_eq!(r.assess(2, Some(6.0), Some(9.0)), OnTrack);
    assert_eq!(r.assess(2, Some(6.0), Some(11.0)), AtRisk);
    assert_eq!(r.assess(4, Some(9.0), None), Achieved);
    assert_eq!(r.assess(4, Some(11.0), None), NotAchieved);
    let v = flow_lower(Target::Value(100.0));
    assert_eq!(v.assess(4, Some(80.0), None), Exceeded);
}

#[test]
fn the_sample_flows_at_six_months() {
    // Exports and imports: 23,9 of 60 tỷ USD = 39,8% against 50% − 5 → behind pace although
    // the agency estimates 60; the estimate needs (60 − 23,9) / 23,9 = 1,51× the pace → cautious.
    let xnk = flow(Target::Value(60.0));
    assert_eq!(xnk.assess(2, Some(23.9), Some(60.0)), BehindPace);
    assert!(xnk.cautious(2, Some(23.9), Some(60.0)));
    // Exports: 12,6 of 33 = 38,2%; (33 − 12,6) / 12,6 = 1,62×.
    let xk = flow(Target::Value(33.0));
    assert_eq!(xk.assess(2, Some(12.6), Some(33.0)), BehindPace);
    assert!(xk.cautious(2, Some(12.6), Some(33.0)));
    // Industrial output: 315.145 of about 665.700 = 47,3% ≥ 45 → on pace; (665.700 − 315.145)
    // / 315.145 = 1,11× → not cautious.
    let cn = flow(Target::About(665_700.0));
    assert_eq!(cn.assess(2, Some(315_145.0), Some(665_700.0)), OnTrack);
    assert!(!cn.cautious(2, Some(315_145.0), Some(665_700.0)));
    // Investment: 45.761,7 of 103.580 = 44,2%, estimate 97.365,2 misses → khó đạt.
    let vdt = flow(Target::Value(103_580.0));
    assert_eq!(vdt.assess(2, Some(45_761.7), Some(97_365.2)), AtRisk);
}

#[test]
fn a_seasonal_profile_moves_the_pace() {
    let linear = flow(Target::Value(100.0));
    let seasonal = Rule { pace: [15.0, 38.0, 70.0, 100.0], ..linear };
    assert_eq!(linear.expected_pace(2), Some(50.0));
    assert_eq!(seasonal.expected_pace(2), Some(38.0));
    // 40% at six months: behind a linear pace, ahead of a harvest-heavy profile.
    assert_eq!(linear.assess(2, Some(40.0), None), BehindPace);
    assert_eq!(seasonal.assess(2, Some(40.0), None), OnTrack);
    // The stretch uses the profile's share: (100 − 40) / 0,62 against 40 / 0,38 → 0,92×.
    let s = seasonal.stretch(2, 40.0, 100.0).expect("a ratio");
    assert!((s - 0.919).abs() < 0.001, "{s}");
    assert_eq!(linear.expected_pace(4), Some(100.0));
    assert_eq!(level(Target::Value(1.0)).expected_pace(2), None);
    // The stretch threshold is the plan's.
    let strict = Rule { judgement: Judgement { estimate_stretch: 1.2, ..Judgement::default() }, ..linear };
    assert!(!linear.cautious(2, Some(45.0), Some(100.0))); // 55 / 45 = 1,22×
    assert!(strict.cautious(2, Some(45.0), Some(100.0)));
}

#[test]
fn rates_are_compared_in_points() {
    // GRDP growth 14,14% against 14,5%: 0,36 điểm % lower — never "97,5% of plan".
    let grdp = rate(Target::Value(14.5), Direction::Higher);
    let c = grdp.vs_plan(14.14).expect("a comparison");
    assert_eq!(c.scale, Scale::Points);
    assert!((c.value + 0.36).abs() < 1e-9);
    // Poverty rate 2,35% against 1,82% (lower is better): 0,53 points above; down 0,61 points
    // from 2,96% a year earlier.
    let poor = rate(Target::Value(1.82), Direction::Lower);
    assert!((poor.vs_plan(2.35).expect("c").value - 0.53).abs() < 1e-9);
    let y = poor.vs_last_year(2.35, 2.96).expect("c");
    assert_eq!(y.scale, Scale::Points);
    assert!((y.value + 0.61).abs() < 1e-9);
    // No estimate: within 1 point of the target → on track; 1,2 points short → at risk.
    assert_eq!(rate(Target::Above(99.0), Direction::Higher).assess(2, Some(98.0), None), OnTrack);
    assert_eq!(rate(Target::Above(99.0), Direction::Higher).assess(2, Some(97.8), None), AtRisk);
    assert_eq!(poor.assess(2, Some(2.8), None), OnTrack);
    assert_eq!(poor.assess(2, Some(2.9), None), AtRisk);
}

#[test]
fn rankings_are_compared_in_places() {
    // DTI rank 9 against "tối đa thứ 10", 11 a year earlier: 1 place better than the plan, up
    // 2 places — never "111,1% of plan" or "−18,18%".
    let dti = ranking(Target::AtMost(10.0));
    let p = dti.vs_plan(9.0).expect("c");
    assert_eq!((p.scale, p.value), (Scale::Places, 1.0));
    let y = dti.vs_last_year(9.0, 11.0).expect("c");
    assert_eq!((y.scale, y.value), (Scale::Places, 2.0));
    assert_eq!(dti.assess(2, Some(9.0), None), Achieved);
    // Not in place and no estimate: khó đạt, whatever "% of plan" would say.
    assert_eq!(dti.assess(2, Some(11.0), None), AtRisk);
    assert_eq!(dti.assess(2, Some(11.0), Some(10.0)), OnTrack);
}

#[test]
fn quantities_are_compared_in_percent() {
    let r = flow(Target::Value(16068.0));
    let p = r.vs_plan(10111.7).expect("c");
    assert_eq!(p.scale, Scale::Percent);
    assert!((p.value - 62.93).abs() < 0.005);
    // 10.111,7 / 7.660,4 − 1 = 32,0%.
    let y = r.vs_last_year(10111.7, 7660.4).expect("c");
    assert!((y.value - 32.0).abs() < 0.005);
    assert_eq!(r.vs_last_year(5.0, 0.0), None);
}
