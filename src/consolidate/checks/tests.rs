//! One group of tests per rule, each with hand-computed expectations; the intakes are built with
//! [`IntakeBuilder`] (cells: `Chỉ tiêu!E/F/G<row>` for last year / cumulative / estimate, rows
//! from 7 in the order added; `Nhiệm vụ!G<row>` for statuses; `Tăng trưởng!D/E/F<row>`).

use super::duplicates::significant_digits;
use super::typing::other_reading;
use crate::consolidate::testkit::{IntakeBuilder, day, plan};
use crate::consolidate::{Consolidated, consolidate};
use crate::contract::ReportedStatus;
use crate::findings::{Finding, Level};
use crate::plan::{CheckLevel, CheckSetting, Kind, Plan, check_code};

pub(super) fn findings<'a>(c: &'a Consolidated, code: &str) -> Vec<&'a Finding> {
    c.checks.iter().filter(|f| f.code == code).collect()
}

fn reconcile<'a>(c: &'a Consolidated, code: &str) -> Vec<&'a Finding> {
    c.reconcile.iter().filter(|f| f.code == code).collect()
}

/// `Sheet!A1` of a finding.
pub(super) fn at(f: &Finding) -> String {
    format!("{}: {}", f.place.file, f.location())
}

/// Sets a rule on a measure of the plan (indicator or task target).
fn set_on_measure(p: &mut Plan, code: &str, rule: &str, setting: CheckSetting) {
    let m = p
        .indicators
        .iter_mut()
        .chain(p.tasks.iter_mut().flat_map(|t| t.targets.iter_mut()))
        .find(|m| m.code.as_ref().is_some_and(|c| c.as_str() == code))
        .expect("a measure of the plan");
    m.checks.insert(rule.to_owned(), setting);
}

fn level(l: CheckLevel) -> CheckSetting {
    CheckSetting { level: Some(l), ..CheckSetting::default() }
}

// --- hoan-thanh-chua-dat-muc-tieu -------------------------------------------------------------

#[test]
fn done_with_the_target_missed_is_questioned_at_the_status_cell() {
    let p = plan();
    // 2.2.c: about 1,2 tỷ USD; 0,71 is 0,71 / 1,2 = 59,17% of it.
    let intake = IntakeBuilder::new(&p, 2)
        .measure("BQLKCN", "2.2.c-1", Some(0.71), Some(1.25), Some(0.64))
        .task("BQLKCN", "2.2.c", Some(ReportedStatus::DoneOnTime))
        .build();
    let c = consolidate(&p, &intake, None);
    let f = findings(&c, check_code::DONE_TARGET_MISSED);
    assert_eq!(f.len(), 1, "{:?}", c.checks);
    assert_eq!(at(f[0]), "BQLKCN.xlsx: Nhiệm vụ!G7");
    assert_eq!(f[0].level, Level::Warning);
    assert_eq!(f[0].value.as_deref(), Some("Hoàn thành đúng hạn"));
    assert_eq!(
        f[0].message,
        "nhiệm vụ 2.2.c được báo cáo \"Hoàn thành đúng hạn\" nhưng chỉ tiêu 2.2.c-1 \"Tổng vốn đầu tư cấp mới và điều chỉnh tăng vào các KCN\" mới đạt 0,71 tỷ USD (ô Chỉ tiêu!F7), bằng 59,2% so với mục tiêu khoảng 1,2 tỷ USD"
    );
    assert!(f[0].fix.contains("sửa ô Chỉ tiêu!F7"), "{}", f[0].fix);
}

#[test]
fn about_targets_are_met_within_five_percent_below() {
    let p = plan();
    // {about: 1.2}: met from 1,2 − 5% = 1,14 on.
    for (value, questioned) in [(1.14, false), (1.3, false), (1.13, true)] {
        let intake = IntakeBuilder::new(&p, 2)
            .measure("BQLKCN", "2.2.c-1", Some(value), None, None)
            .task("BQLKCN", "2.2.c", Some(ReportedStatus::DoneLate))
            .build();
        let c = consolidate(&p, &intake, None);
        assert_eq!(findings(&c, check_code::DONE_TARGET_MISSED).len(), usize::from(questioned), "{value}");
    }
}

#[test]
fn done_without_the_target_figure_and_other_statuses() {
    let p = plan();
    let intake = IntakeBuilder::new(&p, 2)
        .task("BQLKCN", "2.2.c", Some(ReportedStatus::DoneOnTime))
        .task("BQLKCN", "2.2.b", Some(ReportedStatus::InProgress))
        .measure("BQLKCN", "2.2.b-1", Some(0.0), None, None)
        .build();
    let c = consolidate(&p, &intake, None);
    let f = findings(&c, check_code::DONE_TARGET_MISSED);
    assert_eq!(f.len(), 1, "in progress is never questioned: {:?}", c.checks);
    assert!(
        f[0].message.ends_with("(mục tiêu khoảng 1,2 tỷ USD) chưa có số liệu thực hiện"),
        "{}",
        f[0].message
    );
    assert!(f[0].fix.contains("báo cáo số liệu thực hiện"), "{}", f[0].fix);
}

#[test]
fn every_missed_target_of_a_task_in_one_finding_and_the_level_is_configurable() {
    let mut p = plan();
    // 7.1.b: above 95, above 70, above 60; 94,9 and 60 miss (strictly above), 70,1 meets.
    let build = |p: &Plan| {
        IntakeBuilder::new(p, 2)
            .measure("STP", "7.1.b-1", Some(94.9), None, None)
            .measure("STP", "7.1.b-2", Some(70.1), None, None)
            .measure("STP", "7.1.b-3", Some(60.0), None, None)
            .task("STP", "7.1.b", Some(ReportedStatus::DoneOnTime))
            .build()
    };
    let c = consolidate(&p, &build(&p), None);
    let f = findings(&c, check_code::DONE_TARGET_MISSED);
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("7.1.b-1") && f[0].message.contains("94,9% (ô Chỉ tiêu!F7)"));
    assert!(!f[0].message.contains("7.1.b-2"));
    assert!(f[0].message.contains("7.1.b-3") && f[0].message.contains("mục tiêu trên 60%"));
    assert!(f[0].fix.contains("Chỉ tiêu!F7, Chỉ tiêu!F9"), "{}", f[0].fix);
    set_on_measure(&mut p, "7.1.b-1", check_code::DONE_TARGET_MISSED, level(CheckLevel::Error));
    let c = consolidate(&p, &build(&p), None);
    let f = findings(&c, check_code::DONE_TARGET_MISSED);
    assert_eq!(f[0].level, Level::Error, "the strictest level of the targets missed");
    set_on_measure(&mut p, "7.1.b-1", check_code::DONE_TARGET_MISSED, level(CheckLevel::Off));
    set_on_measure(&mut p, "7.1.b-3", check_code::DONE_TARGET_MISSED, level(CheckLevel::Off));
    assert!(findings(&consolidate(&p, &build(&p), None), check_code::DONE_TARGET_MISSED).is_empty());
}

// --- hoan-thanh-truoc-thoi-han-ca-nam ---------------------------------------------------------

#[test]
fn whole_year_task_done_before_the_year_end() {
    let p = plan();
    assert!(p.tasks.iter().any(|t| t.id.as_str() == "3.1.a" && t.whole_year));
    let build = |cutoff| {
        IntakeBuilder::new(&p, 2)
            .cutoff(cutoff)
            .task("STC", "3.1.a", Some(ReportedStatus::DoneOnTime))
            .task("STC", "3.1.c", Some(ReportedStatus::DoneOnTime))
            .task("SKHDT", "III.1", Some(ReportedStatus::DoneOnTime))
            .build()
    };
    let c = consolidate(&p, &build(day(6, 14)), None);
    let f = findings(&c, check_code::DONE_BEFORE_YEAR_END);
    assert_eq!(f.len(), 1, "3.1.c and III.1 are not whole-year tasks: {:?}", c.checks);
    assert_eq!(at(f[0]), "STC.xlsx: Nhiệm vụ!G7");
    assert_eq!(
        f[0].message,
        "nhiệm vụ 3.1.a là kết quả của cả năm 2024 (thời hạn 31/12/2024) nhưng được báo cáo \"Hoàn thành đúng hạn\" khi chưa hết năm (ngày chốt 14/06/2024)"
    );
    // A cut-off on the deadline itself: the year is over.
    assert!(
        findings(&consolidate(&p, &build(day(12, 31)), None), check_code::DONE_BEFORE_YEAR_END).is_empty()
    );
    let in_progress =
        IntakeBuilder::new(&p, 2).task("STC", "3.1.a", Some(ReportedStatus::InProgress)).build();
    assert!(findings(&consolidate(&p, &in_progress, None), check_code::DONE_BEFORE_YEAR_END).is_empty());
}

#[test]
fn plan_wide_level_of_the_whole_year_rule() {
    let mut p = plan();
    p.report.checks.insert(check_code::DONE_BEFORE_YEAR_END.into(), level(CheckLevel::Error));
    let intake = IntakeBuilder::new(&p, 3).task("STC", "3.1.a", Some(ReportedStatus::DoneLate)).build();
    let c = consolidate(&p, &intake, None);
    assert_eq!(findings(&c, check_code::DONE_BEFORE_YEAR_END)[0].level, Level::Error);
    p.report.checks.insert(check_code::DONE_BEFORE_YEAR_END.into(), level(CheckLevel::Off));
    assert!(findings(&consolidate(&p, &intake, None), check_code::DONE_BEFORE_YEAR_END).is_empty());
}

// --- trung-so-lieu-nhieu-co-quan --------------------------------------------------------------

#[test]
fn significant_digits_as_written() {
    assert_eq!(significant_digits(3407.8), 5);
    assert_eq!(significant_digits(100.0), 1);
    assert_eq!(significant_digits(1200.0), 2);
    assert_eq!(significant_digits(0.71), 2);
    assert_eq!(significant_digits(0.071), 2);
    assert_eq!(significant_digits(98.4), 3);
    assert_eq!(significant_digits(-12.5), 3);
}

#[test]
fn identical_figures_ask_each_agency_alone_and_tell_the_department_everything() {
    let p = plan();
    let intake = IntakeBuilder::new(&p, 2)
        .measure("H-LUCNAM", "CT06", Some(3407.8), None, None)
        .measure("H-LUCNGAN", "CT06", Some(3407.8), None, None)
        .measure("H-TANYEN", "CT06", Some(3407.8), None, None)
        .measure("H-LANGGIANG", "CT06", Some(4868.3), None, None)
        .build();
    let c = consolidate(&p, &intake, None);
    let f = findings(&c, check_code::SAME_FIGURE);
    let places: Vec<String> = f.iter().map(|f| at(f)).collect();
    assert_eq!(
        places,
        ["H-LUCNAM.xlsx: Chỉ tiêu!F7", "H-LUCNGAN.xlsx: Chỉ tiêu!F7", "H-TANYEN.xlsx: Chỉ tiêu!F7"]
    );
    let others = ["H-LUCNAM", "H-LUCNGAN", "H-TANYEN", "H-LANGGIANG"];
    for finding in &f {
        assert_eq!(finding.value.as_deref(), Some("3407,8"));
        assert!(finding.message.contains("3.407,8 tỷ đồng"), "{}", finding.message);
        let own = finding.place.file.trim_end_matches(".xlsx");
        for other in others.iter().filter(|o| **o != own) {
            let name = p.assignee_name(&(*other).into());
            for text in [&finding.message, &finding.fix] {
                assert!(!text.contains(other) && !text.contains(&name), "{other} in {text}");
            }
        }
        assert!(!finding.message.contains("4.868,3") && !finding.message.contains("Lạng Giang"));
    }
    let r = reconcile(&c, check_code::SAME_FIGURE);
    assert_eq!(r.len(), 1);
    assert!(r[0].place.file.is_empty() && r[0].place.cell.is_none());
    assert_eq!(
        r[0].message,
        "chỉ tiêu CT06 \"Vốn đầu tư phát triển toàn xã hội\": 3 cơ quan báo cáo cùng một số liệu 3.407,8 tỷ đồng: Ủy ban nhân dân huyện Lục Nam (H-LUCNAM.xlsx, ô Chỉ tiêu!F7); Ủy ban nhân dân huyện Lục Ngạn (H-LUCNGAN.xlsx, ô Chỉ tiêu!F7); Ủy ban nhân dân huyện Tân Yên (H-TANYEN.xlsx, ô Chỉ tiêu!F7)"
    );
}

#[test]
fn round_small_and_zero_figures_and_rates_agree_by_chance() {
    let mut p = plan();
    let build = |p: &Plan| {
        IntakeBuilder::new(p, 2)
            .measure("H-LUCNAM", "CT06", Some(1200.0), None, None)
            .measure("H-TANYEN", "CT06", Some(1200.0), None, None)
            .measure("H-SONDONG", "CT06", Some(0.0), None, None)
            .measure("H-YENDUNG", "CT06", Some(0.0), None, None)
            .measure("STP", "7.1.b-1", Some(98.4), None, None)
            .measure("SGTVT", "7.1.b-1", Some(98.4), None, None)
            .build()
    };
    let c = consolidate(&p, &build(&p), None);
    assert!(findings(&c, check_code::SAME_FIGURE).is_empty(), "{:?}", c.checks);
    assert!(c.reconcile.is_empty());
    // 1.200 has two significant digits: compared once two are enough; the rate once it opts in.
    p.report.checks.insert(
        check_code::SAME_FIGURE.into(),
        CheckSetting { digits: Some(2.0), ..CheckSetting::default() },
    );
    set_on_measure(&mut p, "7.1.b-1", check_code::SAME_FIGURE, level(CheckLevel::Warning));
    let c = consolidate(&p, &build(&p), None);
    assert_eq!(findings(&c, check_code::SAME_FIGURE).len(), 4, "{:?}", c.checks);
    assert_eq!(reconcile(&c, check_code::SAME_FIGURE).len(), 2);
}

// --- uoc-nam-thap-hon-luy-ke -------------------------------------------------------------------

#[test]
fn a_year_estimate_below_the_cumulative_of_a_flow() {
    let p = plan();
    let intake = IntakeBuilder::new(&p, 2)
        .measure("STC", "CT05", Some(10111.7), Some(9000.0), None)
        .measure("SCT", "CT07", Some(315145.0), Some(315145.0), None)
        // A level's estimate may be lower (a rate expected to fall back).
        .measure("SNN", "CT14", Some(86.0), Some(85.0), None)
        .build();
    let c = consolidate(&p, &intake, None);
    let f = findings(&c, check_code::ESTIMATE_BELOW_CUMULATIVE);
    assert_eq!(f.len(), 1, "{:?}", c.checks);
    assert_eq!(at(f[0]), "STC.xlsx: Chỉ tiêu!G7", "at the estimate's cell");
    assert_eq!(f[0].value.as_deref(), Some("9000"));
    assert!(
        f[0].message.ends_with("ước thực hiện cả năm (9.000 tỷ đồng) thấp hơn số lũy kế đã đạt đến hết quý II/2024 (10.111,7 tỷ đồng, ô Chỉ tiêu!F7)"),
        "{}",
        f[0].message
    );
}

// --- ngoai-khoang-hop-ly -----------------------------------------------------------------------

#[test]
fn quantities_within_half_of_last_year_and_rates_within_twenty_points() {
    let p = plan();
    let intake = IntakeBuilder::new(&p, 2)
        // (10.111,7 − 7.660,4) / 7.660,4 = +32%: inside ±50%.
        .measure("STC", "CT05", Some(10111.7), None, Some(7660.4))
        // (315.145 − 200.000) / 200.000 = +57,57%: outside.
        .measure("SCT", "CT07", Some(315145.0), None, Some(200000.0))
        // 2,4 / 8 − 1 = −70%: outside.
        .measure("SCT", "CT08", Some(2.4), None, Some(8.0))
        // 70,8 − 48 = +22,8 điểm %: outside ±20.
        .measure("SYT", "5.3.e-1", Some(70.8), None, Some(48.0))
        // 86 − 83,5 = 2,5 điểm %: inside.
        .measure("SNN", "CT14", Some(86.0), None, Some(83.5))
        .build();
    let c = consolidate(&p, &intake, None);
    let f = findings(&c, check_code::OUT_OF_BAND);
    let places: Vec<String> = f.iter().map(|f| at(f)).collect();
    assert_eq!(places, ["SCT.xlsx: Chỉ tiêu!F7", "SCT.xlsx: Chỉ tiêu!F8", "SYT.xlsx: Chỉ tiêu!F7"]);
    assert!(f[0].message.ends_with("315.145 tỷ đồng tăng 57,57% so với cùng kỳ năm trước (200.000 tỷ đồng, ô Chỉ tiêu!E7), ngoài khoảng hợp lý ±50%"), "{}", f[0].message);
    assert!(f[1].message.contains("giảm 70% so với cùng kỳ"), "{}", f[1].message);
    assert!(
        f[2].message.ends_with(
            "70,8% cao hơn cùng kỳ năm trước (48%, ô Chỉ tiêu!E7) 22,8 điểm %, ngoài khoảng hợp lý ±20 điểm %"
        ),
        "{}",
        f[2].message
    );
}

#[test]
fn bands_are_configurable_per_measure() {
    let mut p = plan();
    set_on_measure(
        &mut p,
        "CT07",
        check_code::OUT_OF_BAND,
        CheckSetting { percent: Some(60.0), ..CheckSetting::default() },
    );
    set_on_measure(
        &mut p,
        "CT14",
        check_code::OUT_OF_BAND,
        CheckSetting { points: Some(2.0), ..CheckSetting::default() },
    );
    let intake = IntakeBuilder::new(&p, 2)
        .measure("SCT", "CT07", Some(315145.0), None, Some(200000.0))
        .measure("SNN", "CT14", Some(86.0), None, Some(83.5))
        .build();
    let c = consolidate(&p, &intake, None);
    let f = findings(&c, check_code::OUT_OF_BAND);
    assert_eq!(f.len(), 1, "{:?}", c.checks);
    assert!(f[0].message.contains("ngoài khoảng hợp lý ±2 điểm %"), "{}", f[0].message);
}

// --- tang-truong-vo-ly -------------------------------------------------------------------------

#[test]
fn growth_typed_with_a_thousands_dot_is_implausible() {
    let p = plan();
    // "19.085" typed for 19,085: read as 19.085%.
    let intake = IntakeBuilder::new(&p, 2)
        .growth("SCT", "CN", Some(19.37), Some(19085.0), Some(18.83))
        .typed("SCT", true, "19.085")
        .growth("SNN", "NLTS", Some(-31.0), Some(1.82), Some(50.0))
        .build();
    let c = consolidate(&p, &intake, None);
    let f = findings(&c, check_code::IMPLAUSIBLE_GROWTH);
    let places: Vec<String> = f.iter().map(|f| at(f)).collect();
    assert_eq!(places, ["SCT.xlsx: Tăng trưởng!E7", "SNN.xlsx: Tăng trưởng!D7"], "50 is within");
    assert_eq!(f[0].value.as_deref(), Some("19.085"));
    assert_eq!(
        f[0].message,
        "ngành Công nghiệp: ước tăng trưởng lũy kế 19.085% nằm ngoài khoảng hợp lý (từ -30% đến 50%); ô ghi \"19.085\" được đọc là 19.085, có thể số định ghi là 19,085"
    );
    assert!(f[1].message.contains("ước tăng trưởng quý -31%"), "{}", f[1].message);
}

#[test]
fn growth_bounds_are_configurable() {
    let mut p = plan();
    p.report.checks.insert(
        check_code::IMPLAUSIBLE_GROWTH.into(),
        CheckSetting { min: Some(-40.0), max: Some(19.0), ..CheckSetting::default() },
    );
    let intake = IntakeBuilder::new(&p, 2).growth("SCT", "CN", Some(19.37), Some(19.08), Some(18.83)).build();
    let c = consolidate(&p, &intake, None);
    let f = findings(&c, check_code::IMPLAUSIBLE_GROWTH);
    assert_eq!(f.len(), 2, "{:?}", c.checks);
    assert!(f[0].message.contains("(từ -40% đến 19%)"));
}

// --- so-nhap-mo-ho -----------------------------------------------------------------------------

#[test]
fn the_two_readings_of_a_separator() {
    assert_eq!(other_reading("1.250", 1250.0), Some(1.25));
    assert_eq!(other_reading("12,500", 12.5), Some(12500.0));
    assert_eq!(other_reading("khoảng 32.581", 32581.0), Some(32.581));
    assert_eq!(other_reading("-1.250", -1250.0), Some(-1.25));
    // Not what intake read (a percent cell): no claim.
    assert_eq!(other_reading("1.250", 12.5), None);
    for plain in ["1250", "1.250,5", "12,5", "1.234.567", "0.125", "1234.567", "3407,8"] {
        let value = plain.replace('.', "").replace(',', ".").parse().unwrap_or(0.0);
        assert_eq!(other_reading(plain, value), None, "{plain}");
    }
}

#[test]
fn an_ambiguous_money_figure_gives_both_readings() {
    let p = plan();
    let intake = IntakeBuilder::new(&p, 2)
        .measure("SCT", "CT11", Some(32581.0), None, None)
        .typed("SCT", false, "32.581")
        .measure("SCT", "CT08", Some(12.5), None, None)
        .typed("SCT", false, "12,500")
        // Not money: 1.250 visitors is not questioned.
        .measure("SVHTTDL", "CT12", Some(1250.0), None, None)
        .typed("SVHTTDL", false, "1.250")
        .build();
    let c = consolidate(&p, &intake, None);
    let f = findings(&c, check_code::AMBIGUOUS_NUMBER);
    assert_eq!(f.len(), 2, "{:?}", c.checks);
    assert_eq!(at(f[0]), "SCT.xlsx: Chỉ tiêu!F7");
    assert_eq!(
        f[0].message,
        "chỉ tiêu CT11 \"Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng\": \"32.581\" có thể hiểu hai cách: 32.581 tỷ đồng (cách viết Việt Nam, dấu chấm là dấu ngăn cách hàng nghìn) hoặc 32,581 tỷ đồng (cách viết tiếng Anh); chương trình đang ghi nhận 32.581 tỷ đồng"
    );
    assert!(
        f[1].message
            .contains("12,5 tỷ USD (cách viết Việt Nam, dấu phẩy là dấu thập phân) hoặc 12.500 tỷ USD"),
        "{}",
        f[1].message
    );
    assert!(f[1].fix.starts_with("gõ lại số cho rõ: 12500 nếu số đúng là 12.500"), "{}", f[1].fix);
}

#[test]
fn a_count_must_be_whole() {
    let mut p = plan();
    let m = p
        .tasks
        .iter_mut()
        .flat_map(|t| t.targets.iter_mut())
        .find(|m| m.code.as_ref().is_some_and(|c| c.as_str() == "4.1.h-1"));
    m.expect("4.1.h-1").kind = Some(Kind::Count);
    let intake =
        IntakeBuilder::new(&p, 2).measure("STNMT", "4.1.h-1", Some(4.5), Some(10.0), Some(3.0)).build();
    let c = consolidate(&p, &intake, None);
    let f = findings(&c, check_code::AMBIGUOUS_NUMBER);
    assert_eq!(f.len(), 1, "{:?}", c.checks);
    assert_eq!(at(f[0]), "STNMT.xlsx: Chỉ tiêu!F7");
    assert!(
        f[0].message.ends_with("đếm số đơn vị nên phải là số nguyên, nhưng ô ghi 4,5"),
        "{}",
        f[0].message
    );
}

// --- all rules ---------------------------------------------------------------------------------

#[test]
fn checks_are_sorted_by_cell_and_off_means_nothing() {
    let mut p = plan();
    let build = |p: &Plan| {
        IntakeBuilder::new(p, 2)
            .measure("SCT", "CT07", Some(315145.0), Some(300000.0), Some(100000.0))
            .measure("SCT", "CT11", Some(32581.0), None, None)
            .typed("SCT", false, "32.581")
            .build()
    };
    let c = consolidate(&p, &build(&p), None);
    let got: Vec<(String, &str)> = c.checks.iter().map(|f| (at(f), f.code)).collect();
    assert_eq!(
        got,
        [
            ("SCT.xlsx: Chỉ tiêu!F7".to_owned(), check_code::OUT_OF_BAND),
            ("SCT.xlsx: Chỉ tiêu!G7".to_owned(), check_code::ESTIMATE_BELOW_CUMULATIVE),
            ("SCT.xlsx: Chỉ tiêu!F8".to_owned(), check_code::AMBIGUOUS_NUMBER),
        ]
    );
    for rule in crate::plan::CHECK_RULES {
        p.report.checks.insert(rule.code.into(), level(CheckLevel::Off));
    }
    assert!(consolidate(&p, &build(&p), None).checks.is_empty());
}

#[test]
fn a_same_as_target_is_judged_by_the_indicator_row() {
    let mut p = plan();
    // 4.3.a's target is forest cover, CT16 (37,7%), reported once on CT16's row by SNN.
    let target = p
        .tasks
        .iter_mut()
        .flat_map(|t| t.targets.iter_mut())
        .find(|m| m.code.as_ref().is_some_and(|c| c.as_str() == "4.3.a-1"))
        .expect("4.3.a-1");
    target.same_as = Some("CT16".into());
    target.target = None;
    let intake = IntakeBuilder::new(&p, 2)
        .measure("SNN", "CT16", Some(37.6), None, None)
        .task("SNN", "4.3.a", Some(ReportedStatus::DoneOnTime))
        .build();
    let c = consolidate(&p, &intake, None);
    let f = findings(&c, check_code::DONE_TARGET_MISSED);
    assert_eq!(f.len(), 1, "{:?}", c.checks);
    assert!(
        f[0].message.contains("mới đạt 37,6% (ô Chỉ tiêu!F7)") && f[0].message.contains("mục tiêu 37,7%"),
        "{}",
        f[0].message
    );
}
