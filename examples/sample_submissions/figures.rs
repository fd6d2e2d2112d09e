//! The figures the sample agencies report, per measure and quarter.
//!
//! Published Bắc Giang 2024 figures (domain notes §4) where they exist; the rest are illustrative
//! but plausible: cumulative flows at about 20–25% of the target after quarter I and 45–55% after
//! six months, levels near their target. Each row gives, for quarter I and for quarter II, the
//! three numbers `[same period last year, cumulative to the quarter's end, estimate for the year]`
//! (`-` leaves the cell blank, as clerks do when a figure does not exist yet).

use baocao::plan::{GrowthScenario, Plan};

/// `[same period last year, cumulative, year estimate]`.
pub type Vals = [Option<f64>; 3];

macro_rules! v {
    (@one -) => { None };
    (@one $x:literal) => { Some($x) };
    ($a:tt, $b:tt, $c:tt) => { [v!(@one $a), v!(@one $b), v!(@one $c)] };
}

/// `(measure code, quarter I, quarter II)`, for measures with a single reporter.
///
/// Published (§4): CT04 6 tháng 96.058; CT05 6 tháng 10.111,7 (+32%); CT07 6 tháng 315.145
/// (+28%); CT08 6 tháng 23,9 (+21,3%); CT09 6 tháng 12,6; CT11 6 tháng 32.581 (+16,4%);
/// CT01 quý I 14,18, 6 tháng 14,14; CT02 năm 2023 3.950; CT04 năm 2023 181.800.
/// Same-period values of the published flows are the published value ÷ (1 + growth).
pub const MEASURES: &[(&str, Vals, Vals)] = &[
    // Cục Thống kê
    ("CT01", v!(-, 14.18, 14.5), v!(-, 14.14, 14.5)),
    ("CT02", v!(3950.0, -, 4500.0), v!(3950.0, -, 4420.0)),
    ("CT03", v!(-, 12.6, 13.5), v!(-, 12.8, 13.5)),
    ("CT04", v!(38900.0, 44870.0, 212000.0), v!(83200.0, 96058.0, 209000.0)),
    // Sở Tài chính (the later of its two quarter-I files; see `duplicate_first`)
    ("CT05", v!(3050.0, 3870.0, 16068.0), v!(7660.4, 10111.7, 17500.0)),
    // Sở Công Thương
    ("CT07", v!(112500.0, 142350.0, 665700.0), v!(246207.0, 315145.0, 665700.0)),
    ("CT08", v!(9.1, 10.8, 60.0), v!(19.7, 23.9, 60.0)),
    ("CT09", v!(4.7, 5.6, 33.0), v!(10.5, 12.6, 33.0)),
    ("CT11", v!(13700.0, 15920.0, 64000.0), v!(27991.0, 32581.0, 64000.0)),
    // Sở Nông nghiệp và PTNT
    ("CT10", v!(135.0, -, 138.0), v!(135.0, -, 139.0)),
    ("CT14", v!(83.5, 85.4, 87.36), v!(83.5, 86.0, 87.36)),
    ("CT16", v!(37.5, 37.6, 37.7), v!(37.5, 37.6, 37.7)),
    ("4.3.a-1", v!(37.5, 37.6, 37.7), v!(37.5, 37.6, 37.7)),
    ("1.6.b-1", v!(55.0, -, 60.0), v!(55.0, 58.5, 60.0)),
    ("1.6.c-1", v!(290.0, 325.0, 355.0), v!(298.0, 338.0, 355.0)),
    // Sở VHTT&DL: the spring festivals make quarter I the busiest.
    ("CT12", v!(0.86, 0.98, 2.3), v!(1.18, 1.36, 2.3)),
    // Sở Xây dựng
    ("CT13", v!(30.5, 31.8, 33.3), v!(30.5, 32.1, 33.3)),
    ("6.5-1", v!(-, 34.9, 100.0), v!(-, 68.0, 100.0)),
    ("6.5-2", v!(-, 41.0, 100.0), v!(-, 72.5, 100.0)),
    // Sở LĐ-TB&XH
    ("CT15", v!(2.96, 2.35, 1.82), v!(2.96, 2.35, 1.82)),
    ("CT19", v!(31.4, 32.6, 34.0), v!(31.4, 33.1, 34.0)),
    ("5.2.a-1", v!(31.4, 32.6, 34.0), v!(31.4, 33.1, 34.0)),
    // Sở GD&ĐT: graduation results come in July.
    ("CT20", v!(92.9, 93.8, 95.2), v!(92.9, 94.3, 95.2)),
    ("5.1.b-1", v!(92.9, 93.8, 95.2), v!(92.9, 94.3, 95.2)),
    ("5.1.b-2", v!(22.5, 24.1, 26.6), v!(22.5, 24.9, 26.6)),
    ("5.1.d-1", v!(29.1, 29.6, 30.2), v!(29.1, 29.8, 30.2)),
    ("5.1.e-1", v!(98.9, -, 99.2), v!(98.9, -, 99.2)),
    // Bảo hiểm xã hội tỉnh
    ("CT17", v!(95.6, 96.2, 99.0), v!(95.6, 96.8, 99.0)),
    ("6.7-4", v!(95.6, 96.2, 99.0), v!(95.6, 96.8, 99.0)),
    ("CT18", v!(39.8, 40.6, 44.0), v!(39.8, 41.3, 44.0)),
    ("6.7-1", v!(39.8, 40.6, 44.0), v!(39.8, 41.3, 44.0)),
    ("6.7-2", v!(4.1, 4.6, 5.5), v!(4.1, 4.9, 5.5)),
    ("6.7-3", v!(33.5, 34.1, 36.2), v!(33.5, 34.7, 36.2)),
    // Sở KH&ĐT
    ("2.1.c-1", v!(-, 1.0, 4.0), v!(-, 2.0, 4.0)),
    // Sở TN&MT
    ("4.1.h-1", v!(1.0, 2.0, 10.0), v!(3.0, 4.0, 10.0)),
    ("4.1.i-1", v!(3.0, 4.0, 16.0), v!(7.0, 9.0, 16.0)),
    ("4.1.i-2", v!(3.1, 3.8, 15.0), v!(6.9, 8.1, 15.0)),
    // Sở Y tế
    ("5.3.e-1", v!(48.0, 62.5, 81.0), v!(48.0, 70.8, 81.0)),
    // Sở TT&TT: the DTI ranking of 2023 was published in quarter II.
    ("7.4.a-1", v!(11.0, -, 10.0), v!(11.0, 9.0, 9.0)),
    // Thanh tra tỉnh
    ("2.5-1", v!(1.0, 1.0, 1.0), v!(1.0, 1.0, 1.0)),
    ("8.3.b-1", v!(87.9, 88.5, 92.0), v!(89.0, 91.2, 92.0)),
    ("8.3.b-2", v!(84.2, 85.0, 90.0), v!(85.1, 87.4, 90.0)),
    // Văn phòng UBND tỉnh
    ("7.2-1", v!(-, 96.5, 100.0), v!(-, 98.2, 100.0)),
    // Ban Quản lý các KCN
    ("2.2.b-1", v!(0.0, 0.0, 2.0), v!(1.0, 1.0, 2.0)),
    ("2.2.c-1", v!(0.28, 0.32, 1.25), v!(0.64, 0.71, 1.25)),
    ("2.2.d-1", v!(21.0, 28.5, 40.0), v!(24.3, 33.2, 40.0)),
    // Công an tỉnh, Bộ CHQS tỉnh
    ("8.2.g-1", v!(-, 88.6, 100.0), v!(-, 94.1, 100.0)),
    ("8.1.b-1", v!(-, 0.0, 25.0), v!(-, 12.5, 25.0)),
    ("8.1.d-1", v!(100.0, 100.0, 100.0), v!(100.0, 100.0, 100.0)),
];

/// Notes clerks write beside some figures: `(measure code, quarter number, note)`.
pub const NOTES: &[(&str, u8, &str)] = &[
    ("CT01", 1, "Số ước tính lần 1 của Cục Thống kê"),
    ("CT01", 2, "Số ước tính 6 tháng"),
    ("CT04", 2, "Bằng 45,3% kế hoạch"),
    ("CT05", 2, "Tăng 32% so với cùng kỳ"),
    ("CT07", 2, "Bằng 47,3% kế hoạch, tăng 28%"),
    ("CT10", 1, "Tính theo năm, chưa có số quý"),
    ("CT11", 2, "Tăng 16,4% so với cùng kỳ"),
    ("1.6.b-1", 1, "Vải thiều thu hoạch từ tháng 6"),
    ("5.1.e-1", 2, "Kết quả thi tốt nghiệp THPT công bố tháng 7"),
    ("7.4.a-1", 2, "Chỉ số DTI năm 2023 công bố tháng 6/2024"),
];

/// The first, superseded file of the quarter-I duplicate: revenue to the end of February only.
pub fn duplicate_first(code: &str, quarter: u8) -> Option<Vals> {
    match (code, quarter) {
        ("CT05", 1) => Some(v!(3050.0, 3720.0, 16068.0)),
        _ => None,
    }
}

/// Each district's share (%) of the province's investment (CT06), summing to 100.
const DISTRICT_SHARES: [(&str, f64); 10] = [
    ("TP-BACGIANG", 16.0),
    ("TX-VIETYEN", 22.0),
    ("H-HIEPHOA", 12.0),
    ("H-LANGGIANG", 10.0),
    ("H-LUCNAM", 7.0),
    ("H-LUCNGAN", 7.0),
    ("H-SONDONG", 4.0),
    ("H-TANYEN", 7.0),
    ("H-YENDUNG", 9.0),
    ("H-YENTHE", 6.0),
];

/// A district's investment (CT06, tỷ đồng): about 21% of the target after quarter I and 47%
/// after six months, with the district's share of the target as the year estimate.
pub fn district_investment(code: &str, quarter: u8, target: f64) -> Option<Vals> {
    let share = DISTRICT_SHARES.iter().find(|(c, _)| *c == code)?.1 / 100.0;
    let done = if quarter == 1 { 0.21 } else { 0.47 };
    let round1 = |x: f64| (x * 10.0).round() / 10.0;
    let cumulative = round1(target * share * done);
    Some([Some(round1(cumulative / 1.12)), Some(cumulative), Some(round1(target * share))])
}

/// The three online public-service rates of item 7.1.b (targets > 95, > 70, > 60%), per agency:
/// spread around the targets, a little higher in quarter II.
pub fn online_rates(code: &str, quarter: u8) -> [Vals; 3] {
    let h = |salt: &str| crate::unit_hash(&[code, salt]);
    let gain = if quarter == 1 { 0.0 } else { 1.5 };
    let rate = |base: f64, spread: f64, salt: &str| {
        ((base + spread * h(salt) + gain).min(100.0) * 10.0).round() / 10.0
    };
    let rates = [rate(90.0, 10.0, "dvc"), rate(62.0, 25.0, "truc-tuyen"), rate(48.0, 30.0, "thanh-toan")];
    rates.map(|r| [None, Some(r), Some(((r + 3.0).min(100.0) * 10.0).round() / 10.0)])
}

/// Sector growth estimates (%): `(sector, [quý I, 6 tháng], [year update after quý I, after 6 tháng])`.
///
/// Published: quý I NLTS 2,14, CN-XD 18,0, DV 6,32, thuế 4,48 (total 14,18); 6 tháng NLTS 1,82,
/// CN-XD 18,11, DV 6,42, thuế 10,59 (total 14,14). CN-XD is split with the plan's base shares:
/// XD is set (8,5 and 7,2) and CN solves 66,36·CN + 5,40·XD = 71,76·18,0 (quý I) and
/// 65,201·CN + 5,769·XD = 70,97·18,11 (6 tháng). With the plan's shares the sectors add up to
/// 14,25% (quý I) and 14,28% (6 tháng): within 0,15 point of the published totals.
pub const GROWTH: &[(&str, [f64; 2], [f64; 2])] = &[
    ("NLTS", [2.14, 1.82], [3.5, 3.0]),
    ("CN", [18.77, 19.08], [18.83, 18.83]),
    ("XD", [8.5, 7.2], [8.0, 8.0]),
    ("DV", [6.32, 6.42], [7.2, 7.0]),
    ("THUE", [4.48, 10.59], [7.0, 8.0]),
];

/// The growth of quarter II alone implied by the cumulative growth of quý I and 6 tháng, using
/// the base year's quarterly levels (weight × share) of the sector.
pub fn second_quarter_alone(growth: &GrowthScenario, sector: &str, q1: f64, h1: f64) -> Option<f64> {
    let s = growth.sectors.iter().find(|s| s.code.as_str() == sector)?;
    let level = |q: usize| Some(growth.quarter_weights.get(q)? * s.base_shares.get(q)?);
    let (l1, l2) = (level(0)?, level(1)?);
    let g2 = ((1.0 + h1 / 100.0) * (l1 + l2) - l1 * (1.0 + q1 / 100.0)) / l2 - 1.0;
    Some((g2 * 10000.0).round() / 100.0)
}

/// The plan's target of a measure, for the reference value of derived figures.
pub fn target_of(plan: &Plan, code: &str) -> Option<f64> {
    let m = plan.measures().find(|(_, m)| baocao::plan::measure_code(m) == code)?.1;
    m.target.map(|t| t.reference(m.direction))
}
