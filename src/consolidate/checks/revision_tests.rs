//! The checks against the same agency's figures of the previous quarter: `luy-ke-giam`,
//! `hoan-thanh-roi-chua-hoan-thanh`, `uoc-nam-thay-doi`.

use super::tests::{at, findings};
use crate::consolidate::testkit::{IntakeBuilder, plan};
use crate::consolidate::{Earlier, consolidate};
use crate::contract::ReportedStatus as R;
use crate::plan::check_code;

#[test]
fn a_task_done_last_quarter_and_not_done_now_is_questioned_at_its_status_cell() {
    let p = plan();
    // 1.7.a (Sở VHTT&DL) reported done in quý I.
    let q1 = IntakeBuilder::new(&p, 1).task("SVHTTDL", "1.7.a", Some(R::DoneOnTime)).build();
    let earlier = Earlier::from_intake(&q1);
    let q2 = |status| IntakeBuilder::new(&p, 2).task("SVHTTDL", "1.7.a", Some(status)).build();
    let c = consolidate(&p, &q2(R::InProgress), Some(&earlier));
    let f: Vec<_> = c.checks.iter().filter(|f| f.code == check_code::DONE_THEN_UNDONE).collect();
    assert_eq!(f.len(), 1, "{:?}", c.checks);
    assert_eq!(f[0].place.file, "SVHTTDL.xlsx");
    assert!(
        f[0].message.starts_with(
            "nhiệm vụ 1.7.a: báo cáo quý I/2024 đã ghi hoàn thành (tệp SVHTTDL.xlsx, ô Nhiệm vụ!"
        ) && f[0].message.ends_with("số liệu điều chỉnh so với quý trước"),
        "{}",
        f[0].message
    );
    // Still done, or done late, or submitted: nothing to question.
    for same in [R::DoneOnTime, R::DoneLate, R::Submitted] {
        let c = consolidate(&p, &q2(same), Some(&earlier));
        assert!(c.checks.iter().all(|f| f.code != check_code::DONE_THEN_UNDONE), "{same:?}");
    }
    // Without the previous quarter's figures there is nothing to compare with.
    let c = consolidate(&p, &q2(R::InProgress), None);
    assert!(c.checks.iter().all(|f| f.code != check_code::DONE_THEN_UNDONE));
}

#[test]
fn a_year_estimate_revised_by_more_than_a_fifth_is_questioned_at_its_cell() {
    let p = plan();
    // Sở Tài chính estimated 17.500 tỷ đồng of revenue (CT05) for the year in quý I.
    let q1 = IntakeBuilder::new(&p, 1).measure("STC", "CT05", Some(3870.0), Some(17500.0), None).build();
    let earlier = Earlier::from_intake(&q1);
    let q2 = |estimate| {
        IntakeBuilder::new(&p, 2).measure("STC", "CT05", Some(10111.7), Some(estimate), None).build()
    };
    let found = |estimate| {
        consolidate(&p, &q2(estimate), Some(&earlier))
            .checks
            .into_iter()
            .filter(|f| f.code == check_code::ESTIMATE_CHANGED)
            .collect::<Vec<_>>()
    };
    // 13.000 is 25,7% below 17.500.
    let f = found(13000.0);
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].message,
        "chỉ tiêu CT05 \"Thu ngân sách nhà nước trên địa bàn\": ước thực hiện cả năm (13.000 tỷ đồng) thấp hơn 25,7% so với số ước cơ quan đã báo cáo quý I/2024 (17.500 tỷ đồng, tệp STC.xlsx, ô Chỉ tiêu!G7); số liệu điều chỉnh so với quý trước"
    );
    // 15.000 is 14,3% below: within the default 20%.
    assert!(found(15000.0).is_empty());
    assert_eq!(found(21500.0).len(), 1, "22,9% above");
}

// --- luy-ke-giam -------------------------------------------------------------------------------

#[test]
fn a_flow_below_last_quarter_quotes_last_quarter_cell() {
    let p = plan();
    let q1 = IntakeBuilder::new(&p, 1)
        .submitted("CTK")
        .measure("STC", "CT05", Some(3870.0), None, None)
        .measure("CTK", "CT01", Some(14.18), None, None)
        .build();
    let earlier = Earlier::from_intake(&q1);
    let q2 = |ct05: f64| {
        IntakeBuilder::new(&p, 2)
            .measure("STC", "CT05", Some(ct05), None, None)
            // A level may go down: CT01 is a growth rate.
            .measure("CTK", "CT01", Some(14.14), None, None)
            .build()
    };
    let c = consolidate(&p, &q2(3500.0), Some(&earlier));
    let f = findings(&c, check_code::CUMULATIVE_DOWN);
    assert_eq!(f.len(), 1, "{:?}", c.checks);
    assert_eq!(at(f[0]), "STC.xlsx: Chỉ tiêu!F7");
    assert_eq!(
        f[0].message,
        "chỉ tiêu CT05 \"Thu ngân sách nhà nước trên địa bàn\": số lũy kế 6 tháng (3.500 tỷ đồng) thấp hơn số lũy kế đến hết quý I/2024 cơ quan đã báo cáo (3.870 tỷ đồng, tệp STC.xlsx, ô Chỉ tiêu!F7); số lũy kế của chỉ tiêu cộng dồn không thể giảm"
    );
    for same_or_more in [3870.0, 4000.0] {
        assert!(
            findings(&consolidate(&p, &q2(same_or_more), Some(&earlier)), check_code::CUMULATIVE_DOWN)
                .is_empty()
        );
    }
    // Figures of quarter I are not the previous quarter of quarter III.
    let q3 = IntakeBuilder::new(&p, 3).measure("STC", "CT05", Some(3500.0), None, None).build();
    assert!(findings(&consolidate(&p, &q3, Some(&earlier)), check_code::CUMULATIVE_DOWN).is_empty());
}
