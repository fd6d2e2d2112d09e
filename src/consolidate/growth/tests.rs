//! Phụ lục 2 arithmetic against the published 9-month 2024 figures and hand-computed checks.

use super::*;
use crate::consolidate::testkit::{IntakeBuilder, plan};
use crate::plan::{AgencyCode, PeriodValues};

fn r2(v: Option<f64>) -> f64 {
    (v.expect("a value") * 100.0).round() / 100.0
}

#[track_caller]
fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a value");
    assert!((a - b).abs() < 0.005, "{a} ≠ {b}");
}

fn run(plan: &Plan, intake: &Intake, previous: Option<&Intake>) -> (GrowthResult, Vec<String>) {
    let previous = previous.map(crate::consolidate::Earlier::from_intake);
    let previous = previous.as_ref();
    let mut warnings = Vec::new();
    let g = consolidate_growth(plan, intake, previous, &mut warnings);
    (g, warnings.into_iter().map(|f| f.message).collect())
}

fn row<'a>(g: &'a GrowthResult, code: &str) -> &'a GrowthRow {
    g.rows.iter().find(|r| r.code.as_str() == code).unwrap_or_else(|| panic!("no row {code}"))
}

fn flat_sector(code: &str, reporter: &str, share: f64) -> Sector {
    Sector {
        code: code.into(),
        name: code.into(),
        reporter: Some(reporter.into()),
        base_shares: vec![share; 4],
        scenario: PeriodValues::default(),
        in_prose: None,
    }
}

/// The real plan with every sector reported for 9 months 2024 (published figures; CN and XD
/// split as published: CN +20,15%, XD −5,24%).
fn nine_months() -> Intake {
    IntakeBuilder::new(&plan(), 3)
        .growth("SNN", "NLTS", None, Some(-2.19), None)
        .growth("SCT", "CN", Some(19.0), Some(20.15), Some(19.9))
        .growth("SXD", "XD", Some(-8.0), Some(-5.24), Some(-3.0))
        .growth("SKHDT", "DV", None, Some(6.19), None)
        .growth("CTK", "THUE", None, Some(12.89), None)
        .build()
}

#[test]
fn published_nine_month_contributions() {
    // Domain §4: 9 months 2024, CN-XD 18,03% → 12,92 điểm %, DV 6,19% → 0,96, NLTS −2,19% → −0,24
    // with 9-month shares 71,66 / 15,5 / 11,0 (taxes take the remaining 1,84).
    let mut p = plan();
    p.growth.sectors = vec![
        flat_sector("CNXD", "SCT", 71.66),
        flat_sector("DV", "SKHDT", 15.5),
        flat_sector("NLTS", "SNN", 11.0),
        flat_sector("THUE", "CTK", 1.84),
    ];
    p.growth.groups.clear();
    let intake = IntakeBuilder::new(&p, 3)
        .growth("SCT", "CNXD", None, Some(18.03), None)
        .growth("SKHDT", "DV", None, Some(6.19), None)
        .growth("SNN", "NLTS", None, Some(-2.19), None)
        .growth("CTK", "THUE", None, Some(12.89), None)
        .build();
    let (g, _) = run(&p, &intake, None);
    assert_eq!(g.period, Period::M9);
    assert_eq!(r2(row(&g, "CNXD").contribution), 12.92);
    assert_eq!(r2(row(&g, "DV").contribution), 0.96);
    assert_eq!(r2(row(&g, "NLTS").contribution), -0.24);
    assert_eq!(r2(row(&g, "THUE").contribution), 0.24);
    // 12,9203 + 0,9595 − 0,2409 + 0,2372 = 13,8760.
    close(g.total.estimate, 13.876);
    let shares: f64 = g.rows.iter().filter_map(|r| r.contribution_share).sum();
    assert!((shares - 100.0).abs() < 1e-9, "{shares}");
    close(row(&g, "CNXD").contribution_share, 93.11); // 12,9203 / 13,8760
}

#[test]
fn plan_nine_month_shares_come_from_levels() {
    // (22 × 66,36 + 24,5 × 64,16 + 25,8 × 66,56) / 72,3 = 65,686 for CN, and so on.
    let shares = plan().growth.period_shares(Period::M9);
    let expected = [10.97, 65.69, 5.99, 15.48, 1.87]; // NLTS, CN, XD, DV, THUE
    for (s, e) in shares.iter().zip(expected) {
        assert!((s - e).abs() < 0.005, "{s} ≠ {e}");
    }
    assert!((shares.iter().sum::<f64>() - 100.0).abs() < 1e-9);
}

#[test]
fn group_row_sums_contributions_and_never_averages_rates() {
    let (g, warnings) = run(&plan(), &nine_months(), None);
    assert!(warnings.is_empty(), "{warnings:?}");
    let codes: Vec<&str> = g.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["NLTS", "CNXD", "CN", "XD", "DV", "THUE"]);
    let cnxd = row(&g, "CNXD");
    assert!(cnxd.is_group && !cnxd.is_total);
    // CN 20,15 × 65,686% = 13,2357; XD −5,24 × 5,994% = −0,3141; Σ = 12,9216 over 71,680%.
    close(Some(cnxd.share), 71.68);
    close(cnxd.contribution, 12.92);
    // 12,9216 / 71,680 × 100 = 18,03% — the published CN-XD figure; the mean of rates is 7,46.
    close(cnxd.estimate, 18.03);
    // Scenario: (18,7 × 65,686 + 7,5 × 5,994) / 71,680 = 17,76%.
    close(cnxd.scenario, 17.76);
    close(cnxd.gap, 0.263); // 18,0268 − 17,7634
    // Quarter III alone, weighted by Q3 base shares: (19 × 66,56 − 8 × 6,4) / 72,96 = 16,63%.
    close(cnxd.quarter_estimate, 16.63);
    assert_eq!(cnxd.sources.len(), 2);
    close(row(&g, "CN").gap, 1.45); // 20,15 − 18,7
    // Total: −0,2402 + 12,9216 + 0,9584 + 0,2409 = 13,88%.
    close(g.total.estimate, 13.88);
    close(g.total.contribution_share, 100.0);
    assert_eq!(g.total.share, 100.0);
    assert_eq!(g.total.code.as_str(), TOTAL_CODE);
    close(g.total.scenario, 14.30);
    close(g.total.scenario_contribution, 14.30); // Σ sector scenario contributions 14,2984
    let sectors: f64 = g.rows.iter().filter(|r| !r.is_group).filter_map(|r| r.contribution_share).sum();
    assert!((sectors - 100.0).abs() < 1e-9, "{sectors}");
    // Every row has a quarter estimate only where all members gave one.
    assert_eq!(g.total.quarter_estimate, None);
}

#[test]
fn missing_sector_warns_and_leaves_the_total_empty() {
    let intake = IntakeBuilder::new(&plan(), 2)
        .growth("SNN", "NLTS", None, Some(1.82), None)
        .growth("SCT", "CN", None, Some(20.0), None)
        .growth("SXD", "XD", None, Some(5.0), None)
        .growth("SKHDT", "DV", None, Some(6.42), None)
        .growth("SKHDT", "KHAC", None, Some(99.0), None) // an unknown sector is ignored
        .build();
    let (g, warnings) = run(&plan(), &intake, None);
    assert_eq!(g.total.estimate, None);
    assert!(g.rows.iter().all(|r| r.contribution_share.is_none()));
    assert!(row(&g, "CNXD").estimate.is_some());
    assert_eq!(row(&g, "THUE").contribution, None);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("Thuế sản phẩm trừ trợ cấp sản phẩm"), "{}", warnings[0]);
    assert!(warnings[0].contains("6 tháng"));
    assert!(warnings[1].contains("các ngành THUE"), "{}", warnings[1]);
}

#[test]
fn previous_quarter_consistency() {
    // NLTS levels: 6 tháng 22 × 9,91 + 24,5 × 12,61 = 526,965; quý III 25,8 × 10,31 = 265,998.
    // 6 tháng +1,82% and quý III −9% imply (1,82 × 526,965 − 9 × 265,998) / 792,963 = −1,81%.
    let p = plan();
    let previous = IntakeBuilder::new(&p, 2).growth("SNN", "NLTS", Some(1.5), Some(1.82), None).build();
    let inconsistent = IntakeBuilder::new(&p, 3).growth("SNN", "NLTS", Some(-9.0), Some(-2.19), None).build();
    let (_, warnings) = run(&p, &inconsistent, Some(&previous));
    let hit: Vec<&String> = warnings.iter().filter(|w| w.contains("cho khoảng")).collect();
    assert_eq!(hit.len(), 1, "{warnings:?}");
    assert!(
        hit[0].contains("-2,19%") && hit[0].contains("-1,81%") && hit[0].contains("chênh 0,38"),
        "{}",
        hit[0]
    );
    let consistent = IntakeBuilder::new(&p, 3).growth("SNN", "NLTS", Some(-9.0), Some(-1.81), None).build();
    let (_, warnings) = run(&p, &consistent, Some(&previous));
    assert!(!warnings.iter().any(|w| w.contains("cho khoảng")), "{warnings:?}");
    // A previous intake that is not the previous quarter is not used.
    let q1 = IntakeBuilder::new(&p, 1).growth("SNN", "NLTS", Some(1.5), Some(1.5), None).build();
    let (_, warnings) = run(&p, &inconsistent, Some(&q1));
    assert!(warnings.iter().any(|w| w.contains("bỏ qua kiểm tra")), "{warnings:?}");
    assert!(!warnings.iter().any(|w| w.contains("cho khoảng")));
}

#[test]
fn scenario_total_mismatch_warns() {
    let mut p = plan();
    p.growth.total.m9 = Some(14.5); // Σ scenario contributions is 14,2984
    let (_, warnings) = run(&p, &nine_months(), None);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("14,5%") && warnings[0].contains("14,3 điểm %"), "{}", warnings[0]);
}

#[test]
fn several_reporters_are_averaged_with_a_warning() {
    let mut p = plan();
    if let Some(dv) = p.growth.sectors.iter_mut().find(|s| s.code.as_str() == "DV") {
        dv.reporter = Some(AgencyCode::from("SO-NGANH"));
    }
    let intake = IntakeBuilder::new(&p, 1)
        .growth("SCT", "DV", None, Some(6.0), None)
        .growth("SVHTTDL", "DV", None, Some(7.0), None)
        .build();
    let (g, warnings) = run(&p, &intake, None);
    close(row(&g, "DV").estimate, 6.5);
    assert_eq!(row(&g, "DV").sources.len(), 2);
    assert!(warnings.iter().any(|w| w.contains("lấy bình quân")), "{warnings:?}");
}
