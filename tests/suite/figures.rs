//! Hand-checked figures of the sample quarter (quý II/2024): the rows of Phụ lục 1 and Phụ lục 2
//! as an official would recompute them from the agencies' spreadsheets, compared with what the
//! build shows in the Markdown tables, the PDF text and the xlsx workbook, and the current values
//! quoted in section II.1 of the report.
//!
//! Every expected value below is a literal worked out by hand from the source cells (file, sheet,
//! cell and arithmetic in the comment next to it); none is read back from `tong-hop.json`, which
//! comes from the same computation as the documents and so cannot catch a renderer showing the
//! wrong figure.
//!
//! Only the columns whose meaning is settled are pinned, and every column is found by its header
//! text, never by position. Not pinned: the assessment, the %-of-plan figure and the same-period
//! change of rates and rankings, the quarter-alone estimate, the share of the increase, the
//! updated full-year scenario and Phụ lục 2's total row.
//!
//! The sample is built once per test binary (`build --package`, which also writes
//! `phu-luc.xlsx`); the outputs are read into memory and the temporary folder removed.
//!
//! Each test was seen failing on a deliberately broken renderer: the % of plan halved or the
//! current value put in the same-period column (`render/tables.rs`: both Phụ lục 1 tests on
//! Markdown and PDF; `render/xlsx.rs`: the workbook test), the scenario contribution shown as the
//! contribution (Phụ lục 2: same split), the same-period value quoted in the report's sentence
//! (`consolidate/reason.rs`: both report tests).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use calamine::{Data, Range};

use crate::support::pdf::pdf_text;
use crate::support::sheets::{Book, number};
use crate::support::workspace::{QUARTER, Workspace};

// ─── Expected rows ──────────────────────────────────────────────────────────────────────────────

/// A cell shown as empty (not reported, not applicable): `-` in the documents, blank in the xlsx.
const NONE: &str = "-";

/// One row of Phụ lục 1 as displayed (Vietnamese numbers: `.` thousands, `,` decimals).
struct IndicatorRow {
    /// The plan code, for messages only.
    code: &'static str,
    name: &'static str,
    unit: &'static str,
    /// The annual target as shown (`khoảng 212.000`, `138-140`).
    target: &'static str,
    /// "Cùng kỳ năm trước".
    last_year: &'static str,
    /// The value to date ("Ước thực hiện 6 tháng"; the title names the period).
    value: &'static str,
    /// "Ước cả năm".
    year: &'static str,
    /// "Cơ quan báo cáo".
    reporters: &'static str,
    /// (against the annual target, against the same period): % of plan and % change for
    /// amounts; điểm % for rates (value − target, value − last year, worked out from the row's
    /// own cells above: CT13 32,1 − 33,3 = −1,2 and 32,1 − 30,5 = +1,6; CT15 2,35 − 1,82 = +0,53
    /// and 2,35 − 2,96 = −0,61; CT17 96,8 − 99 = −2,2 …), never "% of plan" for a rate.
    compared: (&'static str, &'static str),
}

/// Phụ lục 1's column headers (the first header, or the only one it starts with).
mod p1 {
    pub const NAME: &str = "Chỉ tiêu";
    pub const UNIT: &str = "ĐVT";
    pub const TARGET: &str = "Kế hoạch năm 2024";
    pub const LAST_YEAR: &str = "Cùng kỳ năm trước";
    pub const VALUE: &str = "Ước thực hiện 6 tháng";
    pub const PERCENT: &str = "So với KH năm";
    pub const CHANGE: &str = "So với cùng kỳ";
    pub const YEAR: &str = "Ước cả năm";
    pub const REPORTERS: &str = "Cơ quan báo cáo";
}

/// Tolerance of a figure re-read from the xlsx (full precision) against its displayed value:
/// half a unit of the last decimal the column shows (comparisons have two; figures show up to
/// two, trailing zeros dropped).
const TOL_PERCENT: f64 = 0.005;
const TOL_2DP: f64 = 0.005;

impl IndicatorRow {
    /// (header, expected display, xlsx tolerance) of each pinned cell after the name.
    fn pins(&self) -> Vec<(&'static str, &'static str, f64)> {
        let mut pins = vec![
            (p1::UNIT, self.unit, 0.0),
            (p1::TARGET, self.target, TOL_2DP),
            (p1::LAST_YEAR, self.last_year, TOL_2DP),
            (p1::VALUE, self.value, TOL_2DP),
            (p1::YEAR, self.year, TOL_2DP),
            (p1::REPORTERS, self.reporters, 0.0),
        ];
        pins.push((p1::PERCENT, self.compared.0, TOL_PERCENT));
        pins.push((p1::CHANGE, self.compared.1, TOL_2DP));
        pins
    }

    /// The current value as section II.1 of the report quotes it: `37,6%`, `10.111,7 tỷ đồng`.
    fn quoted(&self) -> Option<String> {
        match (self.value, self.unit) {
            (NONE, _) => None,
            (v, "%") => Some(format!("{v}%")),
            (v, unit) => Some(format!("{v} {unit}")),
        }
    }
}

/// Phụ lục 1, quý II/2024. Sources are the accepted files of `data/submissions/2024-Q2/`
/// (`tiep-nhan.md`): on the `Chỉ tiêu` sheet, column E is "Thực hiện cùng kỳ năm trước", F
/// "Thực hiện lũy kế đến hết quý", G "Ước thực hiện cả năm"; targets come from
/// `data/plan/2024/indicators.yaml`; reporters' short names from `agencies.yaml`. A blank cell is
/// "not reported" and shows as `-`.
const INDICATORS: [IndicatorRow; 20] = [
    // Cuc Thong ke/CTK_2024-Q2.xlsx, Chỉ tiêu row 2: E2 blank, F2 14.14, G2 14.5; target 14.5.
    IndicatorRow {
        code: "CT01",
        name: "Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP, giá so sánh 2010)",
        unit: "%",
        target: "14,5",
        last_year: NONE,
        value: "14,14",
        year: "14,5",
        reporters: "Cục Thống kê",
        compared: ("-0,36 điểm %", "-"),
    },
    // CTK_2024-Q2.xlsx row 3: E3 3950, F3 blank (not reported), G3 4420; target 4500.
    IndicatorRow {
        code: "CT02",
        name: "GRDP bình quân đầu người",
        unit: "USD/người",
        target: "4.500",
        last_year: "3.950",
        value: NONE,
        year: "4.420",
        reporters: "Cục Thống kê",
        compared: ("-", "-"),
    },
    // CTK_2024-Q2.xlsx row 4: E4 blank, F4 12.8, G4 13.5; target 13.5.
    IndicatorRow {
        code: "CT03",
        name: "Tốc độ tăng năng suất lao động xã hội",
        unit: "%",
        target: "13,5",
        last_year: NONE,
        value: "12,8",
        year: "13,5",
        reporters: "Cục Thống kê",
        compared: ("-0,70 điểm %", "-"),
    },
    // CTK_2024-Q2.xlsx row 5: E5 83200, F5 96058, G5 209000; target {about: 212000}.
    // % of plan: 96058 ÷ 212000 × 100 = 45,310 → 45,31%.
    // change: 96058 ÷ 83200 = 1,154543 → +15,4543% → +15,45%.
    IndicatorRow {
        code: "CT04",
        name: "Tổng sản phẩm trên địa bàn (GRDP, giá hiện hành)",
        unit: "tỷ đồng",
        target: "khoảng 212.000",
        last_year: "83.200",
        value: "96.058",
        year: "209.000",
        reporters: "Cục Thống kê",
        compared: ("45,31%", "+15,45%"),
    },
    // STC.xlsx row 2: E2 7660.4, F2 10111.7, G2 17500; target 16068.
    // % of plan: 10111,7 ÷ 16068 × 100 = 62,931 → 62,93%.
    // change: 10111,7 ÷ 7660,4 = 1,3199963 → +31,99963% → `+32,00%` (two decimals, like every cell of the column).
    IndicatorRow {
        code: "CT05",
        name: "Thu ngân sách nhà nước trên địa bàn",
        unit: "tỷ đồng",
        target: "16.068",
        last_year: "7.660,4",
        value: "10.111,7",
        year: "17.500",
        reporters: "Sở TC",
        compared: ("62,93%", "+32,00%"),
    },
    // aggregate: sum over the ten district-level reporters; nine sent a file (H-YENTHE did not),
    // each on Chỉ tiêu row 2 (E2 / F2 / G2):
    //   huyen/TP-BACGIANG.xlsx        6954,6 /  7789,2 / 16572,8
    //   huyen/TX-VIETYEN.xlsx         9562,7 / 10710,2 / 22787,6
    //   huyen/HiepHoa_quy2.xls        5216   /  5841,9 / 12429,6
    //   huyen/H-LANGGIANG.xlsx        4346,7 /  4868,3 / =ROUND(103580*10%,1) = 10358
    //   huyen/H-LUCNAM.xlsx           3042,7 /  3407,8 /  7250,6
    //   huyen/BC_quy_II_LucNgan.xlsx  3042,7 /  3407,8 /  7250,6   (sent 19/06, late but used)
    //   huyen/H-SONDONG.xlsx          1738,7 /  1947,3 /  4143,2
    //   huyen/H-TANYEN.xlsx           3042,7 /  3407,8 /  7250,6
    //   huyen/H-YENDUNG.xlsx          3912   /  4381,4 /  9322,2
    //   Σ E = 40858,8; Σ F = 45761,7; target 103580.
    // H-YENTHE sent nothing: 45761,7 is the sum of 9 of the 10 districts, not the province's
    // figure, so it is not compared with the plan (no % of plan) and the 9 districts' estimates
    // (Σ G = 97365,2) are no province estimate; the change on the same 9 districts stands.
    // change: 45761,7 ÷ 40858,8 = 1,1199962 → +11,99962% → `+12,00%`.
    IndicatorRow {
        code: "CT06",
        name: "Vốn đầu tư phát triển toàn xã hội",
        unit: "tỷ đồng",
        target: "103.580",
        last_year: "40.858,8",
        value: "45.761,7",
        year: "-",
        reporters: "9/10 huyện, thị xã, thành phố",
        compared: ("-", "+12,00%"),
    },
    // so-cong-thuong/BC 6 thang 2024 - So Cong Thuong.xlsx row 2: E2 246207, F2 315145,
    // G2 665700; target {about: 665700}.
    // % of plan: 315145 ÷ 665700 × 100 = 47,341 → 47,34%.
    // change: 315145 ÷ 246207 = 1,2800002 → +28,00002% → `+28,00%`.
    IndicatorRow {
        code: "CT07",
        name: "Giá trị sản xuất công nghiệp",
        unit: "tỷ đồng",
        target: "khoảng 665.700",
        last_year: "246.207",
        value: "315.145",
        year: "665.700",
        reporters: "Sở CT",
        compared: ("47,34%", "+28,00%"),
    },
    // Sở Công Thương's file row 3: E3 19.7, F3 the text "23,9" → 23,9, G3 60; target 60.
    // % of plan: 23,9 ÷ 60 × 100 = 39,833 → 39,83%.
    // change: 23,9 ÷ 19,7 = 1,2131980 → +21,3198% → +21,32%.
    IndicatorRow {
        code: "CT08",
        name: "Tổng kim ngạch xuất nhập khẩu",
        unit: "tỷ USD",
        target: "60",
        last_year: "19,7",
        value: "23,9",
        year: "60",
        reporters: "Sở CT",
        compared: ("39,83%", "+21,32%"),
    },
    // Sở Công Thương's file row 4: E4 10.5, F4 the text "khoảng 12,6" → 12,6 (with a warning),
    // G4 33; target 33.
    // % of plan: 12,6 ÷ 33 × 100 = 38,182 → 38,18%.
    // change: 12,6 ÷ 10,5 = 1,2 → `+20,00%`.
    IndicatorRow {
        code: "CT09",
        name: "Kim ngạch xuất khẩu",
        unit: "tỷ USD",
        target: "33",
        last_year: "10,5",
        value: "12,6",
        year: "33",
        reporters: "Sở CT",
        compared: ("38,18%", "+20,00%"),
    },
    // SNN.xlsx row 2: E2 135, F2 blank (not reported), G2 139; target {range: [138, 140]}.
    IndicatorRow {
        code: "CT10",
        name: "Giá trị sản phẩm thu hoạch trên 1 ha đất trồng trọt và nuôi trồng thủy sản",
        unit: "triệu đồng/ha",
        target: "138-140",
        last_year: "135",
        value: NONE,
        year: "139",
        reporters: "Sở NN&PTNT",
        compared: ("-", "-"),
    },
    // Sở Công Thương's file row 5: E5 27991, F5 the text "32.581" → 32581, G5 64000;
    // target {about: 64000}.
    // % of plan: 32581 ÷ 64000 × 100 = 50,908 → 50,91%.
    // change: 32581 ÷ 27991 = 1,1639813 → +16,398% → `+16,40%`.
    IndicatorRow {
        code: "CT11",
        name: "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
        unit: "tỷ đồng",
        target: "khoảng 64.000",
        last_year: "27.991",
        value: "32.581",
        year: "64.000",
        reporters: "Sở CT",
        compared: ("50,91%", "+16,40%"),
    },
    // SVHTTDL.xlsx row 2: E2 1.18, F2 1.36, G2 2.3; target 2.3.
    // % of plan: 1,36 ÷ 2,3 × 100 = 59,130 → 59,13%.
    // change: 1,36 ÷ 1,18 = 1,1525424 → +15,254% → +15,25%.
    IndicatorRow {
        code: "CT12",
        name: "Tổng lượt khách du lịch",
        unit: "triệu lượt khách",
        target: "2,3",
        last_year: "1,18",
        value: "1,36",
        year: "2,3",
        reporters: "Sở VHTT&DL",
        compared: ("59,13%", "+15,25%"),
    },
    // SXD_bo_sung.xlsx (Thông tin!B8 12/06/2024; supersedes SXD_ban_dau.xlsx of 06/06/2024,
    // which had no G2) row 2: E2 30.5, F2 32.1, G2 33.3; target 33.3.
    IndicatorRow {
        code: "CT13",
        name: "Tỷ lệ đô thị hóa",
        unit: "%",
        target: "33,3",
        last_year: "30,5",
        value: "32,1",
        year: "33,3",
        reporters: "Sở XD",
        compared: ("-1,20 điểm %", "+1,60 điểm %"),
    },
    // SNN.xlsx row 3: E3 83.5, F3 86, G3 87.36; target 87.36.
    IndicatorRow {
        code: "CT14",
        name: "Tỷ lệ xã đạt chuẩn nông thôn mới",
        unit: "%",
        target: "87,36",
        last_year: "83,5",
        value: "86",
        year: "87,36",
        reporters: "Sở NN&PTNT",
        compared: ("-1,36 điểm %", "+2,50 điểm %"),
    },
    // SLDTBXH.xlsx row 2: E2 2.96, F2 2.35, G2 1.82; target 1.82 (lower is better).
    IndicatorRow {
        code: "CT15",
        name: "Tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều)",
        unit: "%",
        target: "1,82",
        last_year: "2,96",
        value: "2,35",
        year: "1,82",
        reporters: "Sở LĐ-TB&XH",
        compared: ("+0,53 điểm %", "-0,61 điểm %"),
    },
    // SNN.xlsx row 4: E4 37.5, F4 37.6, G4 37.7; target 37.7.
    IndicatorRow {
        code: "CT16",
        name: "Tỷ lệ che phủ rừng (không tính cây ăn quả)",
        unit: "%",
        target: "37,7",
        last_year: "37,5",
        value: "37,6",
        year: "37,7",
        reporters: "Sở NN&PTNT",
        compared: ("-0,10 điểm %", "+0,10 điểm %"),
    },
    // BHXH.xlsx row 2, cells formatted as percentages (0.0%): E2 0.956 → 95,6; F2 0.968 → 96,8;
    // G2 0.99 → 99; target {above: 99}.
    IndicatorRow {
        code: "CT17",
        name: "Tỷ lệ dân số tham gia bảo hiểm y tế",
        unit: "%",
        target: "trên 99",
        last_year: "95,6",
        value: "96,8",
        year: "99",
        reporters: "BHXH tỉnh",
        compared: ("-2,20 điểm %", "+1,20 điểm %"),
    },
    // BHXH.xlsx row 3, percentage cells: E3 0.398 → 39,8; F3 0.413 → 41,3; G3 0.44 → 44;
    // target {about: 44}.
    IndicatorRow {
        code: "CT18",
        name: "Tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội",
        unit: "%",
        target: "khoảng 44",
        last_year: "39,8",
        value: "41,3",
        year: "44",
        reporters: "BHXH tỉnh",
        compared: ("-2,70 điểm %", "+1,50 điểm %"),
    },
    // SLDTBXH.xlsx row 3: E3 31.4, F3 33.1, G3 34; target 34.
    IndicatorRow {
        code: "CT19",
        name: "Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ",
        unit: "%",
        target: "34",
        last_year: "31,4",
        value: "33,1",
        year: "34",
        reporters: "Sở LĐ-TB&XH",
        compared: ("-0,90 điểm %", "+1,70 điểm %"),
    },
    // "SGDĐT - báo cáo quý II.xlsx" row 2: E2 92.9, F2 94.3, G2 95.2; target 95.2.
    IndicatorRow {
        code: "CT20",
        name: "Tỷ lệ trường đạt chuẩn quốc gia mức độ 1",
        unit: "%",
        target: "95,2",
        last_year: "92,9",
        value: "94,3",
        year: "95,2",
        reporters: "Sở GD&ĐT",
        compared: ("-0,90 điểm %", "+1,40 điểm %"),
    },
];

/// One sector (or group) row of Phụ lục 2, as displayed.
struct GrowthRow {
    name: &'static str,
    /// Base-period share (%).
    share: &'static str,
    /// Scenario growth for the period (%).
    scenario: &'static str,
    /// Scenario contribution = scenario × share / 100 (điểm %).
    scenario_contribution: &'static str,
    /// Estimated cumulative growth (%).
    estimate: &'static str,
    /// Estimate − scenario (điểm %).
    gap: &'static str,
    /// Contribution = estimate × share / 100 (điểm %).
    contribution: &'static str,
}

/// Phụ lục 2's column headers.
mod p2 {
    pub const NAME: &str = "Ngành, lĩnh vực";
    // Prefixes where the header names the period (`Kịch bản lũy kế 6 tháng (%)`).
    pub const SHARE: &str = "Tỷ trọng kỳ gốc";
    pub const SCENARIO: &str = "Kịch bản lũy kế";
    pub const SCENARIO_CONTRIBUTION: &str = "Đóng góp theo kịch bản (điểm %)";
    pub const ESTIMATE: &str = "Ước thực hiện lũy kế";
    pub const GAP: &str = "Chênh lệch lũy kế so với kịch bản (điểm %)";
    pub const CONTRIBUTION: &str = "Đóng góp lũy kế (điểm %)";
}

impl GrowthRow {
    fn pins(&self) -> Vec<(&'static str, &'static str, f64)> {
        vec![
            (p2::SHARE, self.share, TOL_2DP),
            (p2::SCENARIO, self.scenario, TOL_2DP),
            (p2::SCENARIO_CONTRIBUTION, self.scenario_contribution, TOL_2DP),
            (p2::ESTIMATE, self.estimate, TOL_2DP),
            (p2::GAP, self.gap, TOL_2DP),
            (p2::CONTRIBUTION, self.contribution, TOL_2DP),
        ]
    }
}

/// Phụ lục 2, 6 tháng năm 2024 (`data/plan/2024/growth.yaml`). The 6-month base share of a sector
/// weighs its Q1 and Q2 base-year shares by the base-year quarter weights w₁ = 22,0, w₂ = 24,5:
/// S = (22,0 × s₁ + 24,5 × s₂) ÷ 46,5. Scenario = the sector's `h1`. Estimates are column E
/// ("Ước thực hiện lũy kế (%)") of each reporter's `Tăng trưởng` sheet, row 2. Contributions are
/// growth × S ÷ 100; the CN-XD group has S = S_CN + S_XD, contributions summed, and growth =
/// Σ contributions ÷ S × 100 (its scenario the same way, from the scenario contributions).
/// Shares, growth rates, gaps and contributions are shown with two decimals.
const GROWTH: [GrowthRow; 6] = [
    // NLTS: S = (22,0 × 9,91 + 24,5 × 12,61) ÷ 46,5 = (218,02 + 308,945) ÷ 46,5 = 11,33258 → 11,33.
    // scenario h1 3,0; scenario contribution 3,0 × 11,33258 ÷ 100 = 0,33998 → 0,34.
    // estimate SNN.xlsx Tăng trưởng!E2 = 1,82; gap 1,82 − 3,0 = −1,18;
    // contribution 1,82 × 11,33258 ÷ 100 = 0,20625 → 0,21.
    GrowthRow {
        name: "Nông, lâm nghiệp và thủy sản",
        share: "11,33",
        scenario: "3,00",
        scenario_contribution: "0,34",
        estimate: "1,82",
        gap: "-1,18",
        contribution: "0,21",
    },
    // CN-XD: S = 65,20086 + 5,76882 = 70,96968 → 70,97.
    // scenario contribution 12,19256 + 0,40382 = 12,59638 → 12,60;
    // scenario 12,59638 ÷ 70,96968 × 100 = 17,74896 → 17,75.
    // contribution 12,44032 + 0,41535 = 12,85568 → 12,86;
    // estimate 12,85568 ÷ 70,96968 × 100 = 18,11433 → 18,11.
    // gap 18,11433 − 17,74896 = 0,36537 → +0,37.
    GrowthRow {
        name: "Công nghiệp - xây dựng",
        share: "70,97",
        scenario: "17,75",
        scenario_contribution: "12,60",
        estimate: "18,11",
        gap: "+0,37",
        contribution: "12,86",
    },
    // CN: S = (22,0 × 66,36 + 24,5 × 64,16) ÷ 46,5 = (1459,92 + 1571,92) ÷ 46,5 = 65,20086 → 65,20.
    // scenario h1 18,7; scenario contribution 18,7 × 65,20086 ÷ 100 = 12,19256 → 12,19.
    // estimate "BC 6 thang 2024 - So Cong Thuong.xlsx" Tăng trưởng!E2 = 19,08;
    // gap 19,08 − 18,7 = +0,38; contribution 19,08 × 65,20086 ÷ 100 = 12,44032 → 12,44.
    GrowthRow {
        name: "Công nghiệp",
        share: "65,20",
        scenario: "18,70",
        scenario_contribution: "12,19",
        estimate: "19,08",
        gap: "+0,38",
        contribution: "12,44",
    },
    // XD: S = (22,0 × 5,4 + 24,5 × 6,1) ÷ 46,5 = (118,8 + 149,45) ÷ 46,5 = 5,76882 → 5,77.
    // scenario h1 7,0; scenario contribution 7,0 × 5,76882 ÷ 100 = 0,40382 → 0,40.
    // estimate SXD_bo_sung.xlsx Tăng trưởng!E2 = 7,2 (same in SXD_ban_dau.xlsx);
    // gap 7,2 − 7,0 = 0,2, shown `+0,20` (two decimals, like `+0,37`);
    // contribution 7,2 × 5,76882 ÷ 100 = 0,41535 → 0,42.
    GrowthRow {
        name: "Xây dựng",
        share: "5,77",
        scenario: "7,00",
        scenario_contribution: "0,40",
        estimate: "7,20",
        gap: "+0,20",
        contribution: "0,42",
    },
    // DV: S = (22,0 × 16,32 + 24,5 × 15,22) ÷ 46,5 = (359,04 + 372,89) ÷ 46,5 = 15,74043 → 15,74.
    // scenario h1 6,8; scenario contribution 6,8 × 15,74043 ÷ 100 = 1,07035 → 1,07.
    // estimate SKHDT.xlsx Tăng trưởng!E2 = 6,42; gap 6,42 − 6,8 = −0,38;
    // contribution 6,42 × 15,74043 ÷ 100 = 1,01054 → 1,01.
    GrowthRow {
        name: "Dịch vụ",
        share: "15,74",
        scenario: "6,80",
        scenario_contribution: "1,07",
        estimate: "6,42",
        gap: "-0,38",
        contribution: "1,01",
    },
    // THUE: S = (22,0 × 2,01 + 24,5 × 1,91) ÷ 46,5 = (44,22 + 46,795) ÷ 46,5 = 1,95731 → 1,96.
    // scenario h1 6,5; scenario contribution 6,5 × 1,95731 ÷ 100 = 0,12723 → 0,13.
    // estimate CTK_2024-Q2.xlsx Tăng trưởng!E2 = 10,59; gap 10,59 − 6,5 = +4,09;
    // contribution 10,59 × 1,95731 ÷ 100 = 0,20728 → 0,21.
    GrowthRow {
        name: "Thuế sản phẩm trừ trợ cấp sản phẩm",
        share: "1,96",
        scenario: "6,50",
        scenario_contribution: "0,13",
        estimate: "10,59",
        gap: "+4,09",
        contribution: "0,21",
    },
];

/// The name of Phụ lục 2's total row: not pinned, but it ends the last sector's row in the PDF.
const GROWTH_TOTAL: &str = "Tổng sản phẩm trên địa bàn (GRDP)";

// ─── The sample build, once per test binary ────────────────────────────────────────────────────

/// What the tests read of one build of the sample quarter.
struct Sample {
    p1_md: String,
    p2_md: String,
    report_md: String,
    /// PDF texts, normalised by [`flatten_pdf`].
    p1_pdf: String,
    p2_pdf: String,
    report_pdf: String,
    book: Book,
}

static SAMPLE: LazyLock<Sample> = LazyLock::new(|| {
    let ws = Workspace::sample();
    ws.ok("build", &["--quarter", QUARTER, "--package", "-q"]);
    let pdf = |name: &str| flatten_pdf(&pdf_text(&ws.read(QUARTER, name)));
    Sample {
        p1_md: ws.read_text(QUARTER, "phu-luc-1.md"),
        p2_md: ws.read_text(QUARTER, "phu-luc-2.md"),
        report_md: ws.read_text(QUARTER, "bao-cao.md"),
        p1_pdf: pdf("phu-luc-1.pdf"),
        p2_pdf: pdf("phu-luc-2.pdf"),
        report_pdf: pdf("bao-cao.pdf"),
        book: Book::from_bytes(&ws.read(QUARTER, "phu-luc.xlsx")),
    }
});

// ─── Helpers: columns, Markdown tables, PDF text, xlsx sheets ─────────────────────────────────────

/// The header among `headers` that is `wanted`, or else the only one starting with it; fails
/// when there is none or several, so a renamed or added column cannot be silently mismatched.
#[track_caller]
fn column<'h>(headers: &'h [String], wanted: &str) -> &'h str {
    if let Some(h) = headers.iter().find(|h| h.as_str() == wanted) {
        return h;
    }
    let starting: Vec<&String> = headers.iter().filter(|h| h.starts_with(wanted)).collect();
    match starting.as_slice() {
        [one] => one,
        _ => panic!("no single column headed `{wanted}` among {headers:?}"),
    }
}

/// A Markdown table: its headers in order, and each row as header → cell text.
struct MdTable {
    headers: Vec<String>,
    rows: Vec<BTreeMap<String, String>>,
}

impl MdTable {
    /// The cell of `row` under the column headed `wanted` (see [`column`]).
    #[track_caller]
    fn cell<'a>(&self, row: &'a BTreeMap<String, String>, wanted: &str) -> &'a str {
        let header = column(&self.headers, wanted);
        row.get(header).map_or("", String::as_str)
    }

    /// The row whose `name_header` cell is `name`; it must be there exactly once.
    #[track_caller]
    fn row(&self, name_header: &str, name: &str) -> &BTreeMap<String, String> {
        let found: Vec<&BTreeMap<String, String>> =
            self.rows.iter().filter(|r| self.cell(r, name_header) == name).collect();
        assert_eq!(
            found.len(),
            1,
            "one row named `{name}` in the table; names: {:?}",
            self.names(name_header)
        );
        found[0]
    }

    /// The cells of the `name_header` column, top to bottom.
    fn names(&self, name_header: &str) -> Vec<&str> {
        self.rows.iter().map(|r| self.cell(r, name_header)).collect()
    }
}

/// The first pipe table of `md` whose header row has a cell `first_header`. Cells are unescaped
/// (`\-` → `-`, `\&` → `&`), bold markers removed and a member row's leading `– ` dropped, so a
/// cell reads as the text an official sees.
#[track_caller]
fn md_table(md: &str, first_header: &str) -> MdTable {
    let lines: Vec<&str> = md.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with('|') && split_row(l).iter().any(|c| c == first_header))
        .unwrap_or_else(|| panic!("no table headed `{first_header}` in:\n{md}"));
    let headers = split_row(lines[start]);
    assert!(lines.get(start + 1).is_some_and(|l| l.starts_with("|--") || l.starts_with("|:-")));
    let rows = lines[start + 2..]
        .iter()
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells = split_row(l);
            assert_eq!(cells.len(), headers.len(), "a row as wide as the header: {l}");
            headers.iter().cloned().zip(cells).collect()
        })
        .collect();
    MdTable { headers, rows }
}

/// The cells of one `| a | b |` line, split at unescaped pipes and cleaned.
fn split_row(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                cell.push(c);
                if let Some(next) = chars.next() {
                    cell.push(next);
                }
            }
            '|' => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    cells.iter().map(|c| clean_cell(&md_unescape(c))).collect()
}

/// Markdown text as read: a backslash before ASCII punctuation is dropped.
fn md_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            continue;
        }
        out.push(c);
    }
    out
}

/// A cell without surrounding spaces, bold markers, or the `– ` that indents a group's member.
fn clean_cell(s: &str) -> String {
    let s = s.trim();
    let s = s.strip_prefix("**").and_then(|x| x.strip_suffix("**")).unwrap_or(s);
    let s = s.strip_prefix("– ").unwrap_or(s);
    s.trim().to_owned()
}

/// PDF text as one line: ligatures expanded, minus and non-breaking spaces made plain, soft
/// hyphens removed, every run of whitespace (line breaks inside and between cells) one space.
fn flatten_pdf(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            '\u{2212}' => out.push('-'),
            '\u{ad}' => {}
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when the character before a match at `at` does not continue a word or a number:
/// not a letter or digit, not a sign glued to a digit, not `1,`/`1.` of a longer number.
fn boundary_before(hay: &[char], at: usize) -> bool {
    let Some(&prev) = at.checked_sub(1).and_then(|i| hay.get(i)) else { return true };
    let before_prev = at.checked_sub(2).and_then(|i| hay.get(i)).copied();
    let glued_number = hay.get(at).is_some_and(char::is_ascii_digit)
        && (matches!(prev, '+' | '-')
            || (matches!(prev, '.' | ',') && before_prev.is_some_and(|c| c.is_ascii_digit())));
    !prev.is_alphanumeric() && !glued_number
}

/// True when the character after a match ending at `end` does not continue a word or a number.
fn boundary_after(hay: &[char], end: usize) -> bool {
    let Some(&next) = hay.get(end) else { return true };
    let continues_number = matches!(next, '.' | ',')
        && end > 0
        && hay[end - 1].is_ascii_digit()
        && hay.get(end + 1).is_some_and(char::is_ascii_digit);
    !next.is_alphanumeric() && !continues_number
}

/// The first occurrence of `needle` in `hay[from..to]` as whole words/numbers, spaces ignored
/// (a cell's text may be broken anywhere by a line break, e.g. `USD/` `người`): its start and end.
fn find_words(hay: &[char], needle: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let want: Vec<char> = needle.chars().filter(|c| !c.is_whitespace()).collect();
    if want.is_empty() {
        return None;
    }
    (from..to).find_map(|start| {
        if hay[start] != want[0] || !boundary_before(hay, start) {
            return None;
        }
        let mut at = start;
        for &w in &want {
            if at < to && hay[at] == ' ' {
                at += 1;
            }
            if at >= to || hay[at] != w {
                return None;
            }
            at += 1;
        }
        boundary_after(hay, at).then_some((start, at))
    })
}

/// Checks rows in flattened PDF text: each row's name is found after the previous row's name,
/// and its `values` appear in that order after the name and before the next row's name (`end`
/// for the last row, or the end of the text). Returns the failures, each with the row's text.
fn check_pdf_rows(text: &str, rows: &[(&str, Vec<&str>)], end: Option<&str>) -> Vec<String> {
    let hay: Vec<char> = text.chars().collect();
    let mut names = Vec::new();
    let mut from = 0;
    for (name, _) in rows {
        match find_words(&hay, name, from, hay.len()) {
            Some((s, e)) => {
                names.push((s, e));
                from = e;
            }
            None => return vec![format!("row `{name}` not found (in order) in the PDF text:\n{text}")],
        }
    }
    let last_end = match end {
        Some(end) => match find_words(&hay, end, from, hay.len()) {
            Some((s, _)) => s,
            None => return vec![format!("`{end}` not found after the last row in the PDF text:\n{text}")],
        },
        None => hay.len(),
    };
    let mut failures = Vec::new();
    for (i, (name, values)) in rows.iter().enumerate() {
        let (row_start, row_end) = (names[i].1, names.get(i + 1).map_or(last_end, |n| n.0));
        let row_text: String = hay[row_start..row_end].iter().collect();
        let mut at = row_start;
        for v in values {
            match find_words(&hay, v, at, row_end) {
                Some((_, e)) => at = e,
                None => {
                    failures.push(format!(
                        "row `{name}`: `{v}` missing or out of order in `{}`",
                        row_text.trim()
                    ));
                    break;
                }
            }
        }
    }
    failures
}

/// The table of a workbook sheet under the header row holding `first_header`: headers, and each
/// row's cells by header, down to the first row without a name.
struct SheetTable {
    headers: Vec<String>,
    rows: Vec<BTreeMap<String, Data>>,
}

impl SheetTable {
    #[track_caller]
    fn read(sheet: &Range<Data>, first_header: &str) -> SheetTable {
        let text = |d: &Data| crate::support::sheets::text(d).trim().to_owned();
        let grid: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(text).collect()).collect();
        let head = grid
            .iter()
            .position(|r| r.iter().any(|c| c == first_header))
            .unwrap_or_else(|| panic!("no header row with `{first_header}`"));
        let headers = grid[head].clone();
        let name_col = headers.iter().position(|h| h == first_header).expect("the name column");
        let rows = sheet
            .rows()
            .skip(head + 1)
            .take_while(|r| r.get(name_col).is_some_and(|d| !text(d).is_empty()))
            .map(|r| headers.iter().cloned().zip(r.iter().cloned()).collect())
            .collect();
        SheetTable { headers, rows }
    }

    #[track_caller]
    fn cell<'a>(&self, row: &'a BTreeMap<String, Data>, wanted: &str) -> &'a Data {
        row.get(column(&self.headers, wanted)).unwrap_or(&Data::Empty)
    }

    #[track_caller]
    fn row(&self, name_header: &str, name: &str) -> &BTreeMap<String, Data> {
        let found: Vec<&BTreeMap<String, Data>> = self
            .rows
            .iter()
            .filter(|r| self.cell(r, name_header) == &Data::String(name.to_owned()))
            .collect();
        assert_eq!(found.len(), 1, "one row named `{name}` in the sheet");
        found[0]
    }
}

/// A Vietnamese-formatted number (`-1,18`, `+15,45%`, `10.111,7`, `khoảng 212.000` is none).
fn vn_number(s: &str) -> Option<f64> {
    let s = s.trim().trim_end_matches('%').trim().trim_end_matches("điểm").trim();
    let s = s.strip_prefix('+').unwrap_or(s);
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    let v: f64 = digits.replace('.', "").replace(',', ".").parse().ok()?;
    Some(if negative { -v } else { v })
}

/// Whether an xlsx cell shows `expected`: blank for `-`, a number within `tol` of a displayed
/// number, otherwise the same text.
fn xlsx_matches(cell: &Data, expected: &str, tol: f64) -> bool {
    match (cell, expected) {
        (Data::Empty, NONE) => true,
        (Data::String(s), NONE) => s.trim().is_empty(),
        (d, _) if number(d).is_some() => {
            let (Some(x), Some(e)) = (number(d), vn_number(expected)) else { return false };
            (x - e).abs() <= tol + 1e-9
        }
        (Data::String(s), _) => s.split_whitespace().eq(expected.split_whitespace()),
        _ => false,
    }
}

/// Fails with every message, or passes when there is none.
#[track_caller]
fn assert_none(failures: Vec<String>, what: &str) {
    assert!(failures.is_empty(), "{what}: {} wrong:\n{}", failures.len(), failures.join("\n"));
}

/// Orders a row's pinned (header, value) pairs by the Markdown table's column order.
fn in_column_order<'v>(table: &MdTable, pins: &[(&str, &'v str, f64)]) -> Vec<&'v str> {
    let mut sorted: Vec<(usize, &str)> = pins
        .iter()
        .map(|(h, v, _)| {
            let header = column(&table.headers, h);
            (table.headers.iter().position(|x| x == header).expect("a header"), *v)
        })
        .collect();
    sorted.sort_by_key(|(i, _)| *i);
    sorted.into_iter().map(|(_, v)| v).collect()
}

// ─── Phụ lục 1 ─────────────────────────────────────────────────────────────────────────────────

#[test]
fn phu_luc_1_markdown_rows() {
    let table = md_table(&SAMPLE.p1_md, p1::NAME);
    let names: Vec<&str> = INDICATORS.iter().map(|r| r.name).collect();
    assert_eq!(table.names(p1::NAME), names, "the 20 indicators, in the plan's order");
    let mut failures = Vec::new();
    for want in &INDICATORS {
        let row = table.row(p1::NAME, want.name);
        for (header, value, _) in want.pins() {
            let shown = table.cell(row, header);
            if shown != value {
                failures.push(format!("{} `{header}`: shown `{shown}`, expected `{value}`", want.code));
            }
        }
    }
    assert_none(failures, "phu-luc-1.md");
}

#[test]
fn phu_luc_1_pdf_rows() {
    let table = md_table(&SAMPLE.p1_md, p1::NAME);
    let rows: Vec<(&str, Vec<&str>)> =
        INDICATORS.iter().map(|r| (r.name, in_column_order(&table, &r.pins()))).collect();
    assert_none(check_pdf_rows(&SAMPLE.p1_pdf, &rows, None), "phu-luc-1.pdf");
}

#[test]
fn phu_luc_1_workbook_rows() {
    let sheet = SheetTable::read(SAMPLE.book.sheet("Phụ lục 1"), p1::NAME);
    let names: Vec<String> =
        sheet.rows.iter().map(|r| crate::support::sheets::text(sheet.cell(r, p1::NAME))).collect();
    assert_eq!(names, INDICATORS.iter().map(|r| r.name).collect::<Vec<_>>(), "the 20 indicators, in order");
    let mut failures = Vec::new();
    for want in &INDICATORS {
        let row = sheet.row(p1::NAME, want.name);
        for (header, value, tol) in want.pins() {
            let cell = sheet.cell(row, header);
            if !xlsx_matches(cell, value, tol) {
                failures.push(format!("{} `{header}`: cell {cell:?}, expected `{value}`", want.code));
            }
        }
    }
    assert_none(failures, "phu-luc.xlsx, Phụ lục 1");
}

// ─── Phụ lục 2 ─────────────────────────────────────────────────────────────────────────────────

#[test]
fn phu_luc_2_markdown_rows() {
    let table = md_table(&SAMPLE.p2_md, p2::NAME);
    let pinned: Vec<&str> = table.names(p2::NAME).into_iter().filter(|n| *n != GROWTH_TOTAL).collect();
    assert_eq!(
        pinned,
        GROWTH.iter().map(|r| r.name).collect::<Vec<_>>(),
        "sector rows, group before members"
    );
    let mut failures = Vec::new();
    for want in &GROWTH {
        let row = table.row(p2::NAME, want.name);
        for (header, value, _) in want.pins() {
            let shown = table.cell(row, header);
            if shown != value {
                failures.push(format!("{} `{header}`: shown `{shown}`, expected `{value}`", want.name));
            }
        }
    }
    assert_none(failures, "phu-luc-2.md");
}

#[test]
fn phu_luc_2_pdf_rows() {
    let table = md_table(&SAMPLE.p2_md, p2::NAME);
    let rows: Vec<(&str, Vec<&str>)> =
        GROWTH.iter().map(|r| (r.name, in_column_order(&table, &r.pins()))).collect();
    assert_none(check_pdf_rows(&SAMPLE.p2_pdf, &rows, Some(GROWTH_TOTAL)), "phu-luc-2.pdf");
}

#[test]
fn phu_luc_2_workbook_rows() {
    let sheet = SheetTable::read(SAMPLE.book.sheet("Phụ lục 2"), p2::NAME);
    let mut failures = Vec::new();
    for want in &GROWTH {
        let row = sheet.row(p2::NAME, want.name);
        for (header, value, tol) in want.pins() {
            let cell = sheet.cell(row, header);
            if !xlsx_matches(cell, value, tol) {
                failures.push(format!("{} `{header}`: cell {cell:?}, expected `{value}`", want.name));
            }
        }
    }
    assert_none(failures, "phu-luc.xlsx, Phụ lục 2");
}

// ─── The report, section II.1 ──────────────────────────────────────────────────────────────────

/// The text of section II.1 ("Các chỉ tiêu chủ yếu") up to section II.2.
#[track_caller]
fn section_ii_1<'t>(text: &'t str, start: &str, end: &str) -> &'t str {
    let from = text.find(start).unwrap_or_else(|| panic!("no `{start}` in the report"));
    let to = text[from..].find(end).map_or(text.len(), |i| from + i);
    &text[from..to]
}

#[test]
fn report_quotes_each_indicator_value_markdown() {
    let section = section_ii_1(&SAMPLE.report_md, "### 2. Các chỉ tiêu chủ yếu", "\n### ");
    // The trend table under the indicators names some of them again.
    let section = section.split("\n*Tiến độ thực hiện").next().unwrap_or(section);
    let lines: Vec<String> = section.lines().map(md_unescape).collect();
    let mut failures = Vec::new();
    for want in &INDICATORS {
        let Some(quoted) = want.quoted() else { continue };
        let naming: Vec<&String> = lines.iter().filter(|l| l.contains(want.name)).collect();
        let [line] = naming.as_slice() else {
            failures.push(format!("{}: {} lines name `{}`", want.code, naming.len(), want.name));
            continue;
        };
        let hay: Vec<char> = line.chars().collect();
        let after_name =
            line[..line.find(want.name).expect("named")].chars().count() + want.name.chars().count();
        if find_words(&hay, &quoted, after_name, hay.len()).is_none() {
            failures.push(format!("{}: `{quoted}` not on its line: {line}", want.code));
        }
    }
    assert_none(failures, "bao-cao.md, section II.2");
}

#[test]
fn report_quotes_each_indicator_value_pdf() {
    let section = section_ii_1(&SAMPLE.report_pdf, "2. Các chỉ tiêu chủ yếu", "3. Tăng trưởng kinh tế");
    // Each indicator's item runs from its name to the next indicator's name.
    let rows: Vec<(&str, Vec<String>)> =
        INDICATORS.iter().map(|r| (r.name, r.quoted().into_iter().collect())).collect();
    let mut rows: Vec<(&str, Vec<&str>)> =
        rows.iter().map(|(n, v)| (*n, v.iter().map(String::as_str).collect())).collect();
    // The report groups indicators by assessment: check them in the order they are printed (an
    // indicator missing from the text sorts first and fails).
    rows.sort_by_key(|(n, _)| section.find(n).unwrap_or(0));
    assert_none(check_pdf_rows(section, &rows, None), "bao-cao.pdf, section II.2");
}

// ─── The helpers themselves ────────────────────────────────────────────────────────────────────

#[test]
fn helpers_match_whole_cells_only() {
    let hay: Vec<char> = "x 162,9 62,9 10.111,7 -0,61 USD/ người +32% 1,3".chars().collect();
    let find = |n: &str| find_words(&hay, n, 0, hay.len()).map(|(s, _)| s);
    assert_eq!(find("62,9"), Some(8), "not inside 162,9");
    assert_eq!(find("2,9"), None);
    assert_eq!(find("10.111"), None, "not the start of 10.111,7");
    assert_eq!(find("111,7"), None, "not the end of 10.111,7");
    assert_eq!(find("0,61"), None, "not without its sign");
    assert_eq!(find("-0,61"), Some(22));
    assert_eq!(find("USD/người"), Some(28), "a line break inside a cell is ignored");
    assert_eq!(find("+32%"), Some(39));
    assert_eq!(find("1,3"), Some(44));
    assert_eq!(find("1"), None);
    assert_eq!(vn_number("-1,18"), Some(-1.18));
    assert_eq!(vn_number("+15,45%"), Some(15.45));
    assert_eq!(vn_number("10.111,7"), Some(10111.7));
    assert_eq!(vn_number("khoảng 212.000"), None);
    let table = md_table("| A | B \\| C |\n|---|---:|\n| **x** | \\-1 |\n| – y | 2 \\& 3 |\n", "A");
    assert_eq!(table.headers, ["A", "B | C"]);
    assert_eq!(table.names("A"), ["x", "y"]);
    assert_eq!(table.cell(&table.rows[0], "B"), "-1");
    assert_eq!(table.cell(&table.rows[1], "B | C"), "2 & 3");
}

// ─── Assessments ───────────────────────────────────────────────────────────────────────────────

/// The assessment of each indicator, worked out by hand from the rows above and the rules of
/// `consolidate::assess` (pace 50% at six months, slack 5 points, stretch 1,5×, rates within
/// 1 điểm % with no estimate):
/// * flows: CT04 45,3% ≥ 45 and estimate 209.000 ≥ 95% of 212.000 → có khả năng đạt; CT05
///   62,9%, CT07 47,3%, CT11 50,9%, CT12 59,1% with estimates reaching the plan → có khả năng
///   đạt; CT08 39,8% and CT09 38,2%
///   behind the pace though their estimates reach the plan → chậm tiến độ, and each estimate
///   needs (60 − 23,9) / 23,9 = 1,51× and (33 − 12,6) / 12,6 = 1,62× the pace so far → cần thận
///   trọng;
/// * estimates only: CT02 4.420 < 4.500 → khó đạt; CT10 139 within 138-140 → có khả năng đạt;
/// * levels with an estimate: CT17 estimate 99 is not "trên 99" → khó đạt; CT01, CT03, CT13–CT16,
///   CT18–CT20 estimates reach their targets → có khả năng đạt;
/// * a partial sum: CT06 is the sum of 9 of the 10 districts (Yên Thế sent nothing), 44,2% of
///   the plan with nothing reached → chưa đủ số liệu, not judged.
///
/// 15 có khả năng đạt, 2 chậm tiến độ, 2 khó đạt, 1 chưa đủ số liệu, none reached.
const ASSESSMENTS: [(&str, &str); 20] = [
    ("CT01", "Có khả năng đạt"),
    ("CT02", "Khó đạt"),
    ("CT03", "Có khả năng đạt"),
    ("CT04", "Có khả năng đạt"),
    ("CT05", "Có khả năng đạt"),
    ("CT06", "Chưa đủ số liệu"),
    ("CT07", "Có khả năng đạt"),
    ("CT08", "Chậm tiến độ (ước cần thận trọng)"),
    ("CT09", "Chậm tiến độ (ước cần thận trọng)"),
    ("CT10", "Có khả năng đạt"),
    ("CT11", "Có khả năng đạt"),
    ("CT12", "Có khả năng đạt"),
    ("CT13", "Có khả năng đạt"),
    ("CT14", "Có khả năng đạt"),
    ("CT15", "Có khả năng đạt"),
    ("CT16", "Có khả năng đạt"),
    ("CT17", "Khó đạt"),
    ("CT18", "Có khả năng đạt"),
    ("CT19", "Có khả năng đạt"),
    ("CT20", "Có khả năng đạt"),
];

#[test]
fn assessments_and_their_summary_match_a_hand_count() {
    let table = md_table(&SAMPLE.p1_md, p1::NAME);
    let shown: Vec<&str> = table.rows.iter().map(|r| table.cell(r, "Đánh giá")).collect();
    let expected: Vec<&str> = ASSESSMENTS.iter().map(|(_, a)| *a).collect();
    assert_eq!(shown, expected, "Phụ lục 1, column Đánh giá, in plan order");
    let summary = "Trong 20 chỉ tiêu chủ yếu: 15 có khả năng đạt, 2 chậm tiến độ, 2 khó đạt, 1 chưa đủ số liệu để đánh giá; 2 chỉ tiêu có số ước cả năm cần thận trọng.";
    assert!(SAMPLE.report_md.contains(summary), "report summary:\n{}", SAMPLE.report_md);
    assert!(SAMPLE.report_pdf.contains(summary), "report PDF summary");
    // The report never calls a flow behind the pace "on track".
    let section = section_ii_1(&SAMPLE.report_md, "### 2. Các chỉ tiêu chủ yếu", "\n### ");
    for line in section.lines().filter(|l| {
        l.starts_with("- Tổng kim ngạch xuất nhập khẩu") || l.starts_with("- Kim ngạch xuất khẩu")
    }) {
        assert!(
            line.contains("thấp hơn tiến độ cần đạt (50%)") && line.contains("số ước cần thận trọng"),
            "{line}"
        );
    }
}

#[test]
fn one_grdp_growth_figure_in_every_document() {
    // The statistical office's 14,14% (CTK_2024-Q2.xlsx, Chỉ tiêu!F2) is the total of Phụ lục 2;
    // the sectors' own sum, 0,21 + 12,86 + 1,01 + 0,21 (rounded contributions above; 14,28 at
    // full precision), is printed nowhere.
    let table = md_table(&SAMPLE.p2_md, p2::NAME);
    let total = table.row(p2::NAME, "Tổng sản phẩm trên địa bàn (GRDP)");
    assert_eq!(table.cell(total, p2::ESTIMATE), "14,14");
    assert_eq!(table.cell(total, p2::CONTRIBUTION), "14,14");
    for (what, text) in
        [("bao-cao.md", &SAMPLE.report_md), ("phu-luc-2.md", &SAMPLE.p2_md), ("phu-luc-1.md", &SAMPLE.p1_md)]
    {
        assert!(!text.contains("14,28"), "{what} prints the sectors' sum 14,28");
    }
    for (what, text) in [("bao-cao.pdf", &SAMPLE.report_pdf), ("phu-luc-2.pdf", &SAMPLE.p2_pdf)] {
        assert!(!text.contains("14,28"), "{what} prints the sectors' sum 14,28");
        assert!(text.contains("14,14"), "{what} lacks 14,14");
    }
}

/// Decimals of the number in a cell (`+32,00%` → 2, `-0,36 điểm %` → 2, `3,00` → 2), or `None`
/// for a cell without one (`-`, `cao hơn 1 bậc`: places are whole).
fn cell_decimals(cell: &str) -> Option<usize> {
    let number = cell.strip_suffix(" điểm %").or_else(|| cell.strip_suffix('%')).unwrap_or(cell);
    let digits = number.trim_start_matches(['+', '-']);
    let numeric = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    numeric.then(|| digits.split_once(',').map_or(0, |(_, frac)| frac.len()))
}

#[test]
fn each_comparison_column_has_one_number_of_decimals() {
    let p1 = md_table(&SAMPLE.p1_md, p1::NAME);
    let p2 = md_table(&SAMPLE.p2_md, p2::NAME);
    let columns = [
        (&p1, p1::PERCENT),
        (&p1, p1::CHANGE),
        (&p2, p2::SCENARIO),
        (&p2, p2::ESTIMATE),
        (&p2, p2::GAP),
        (&p2, p2::CONTRIBUTION),
    ];
    for (table, header) in columns {
        let mut by_decimals: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for row in &table.rows {
            let cell = table.cell(row, header);
            if let Some(d) = cell_decimals(cell) {
                by_decimals.entry(d).or_default().push(cell);
            }
        }
        let counts: Vec<usize> = by_decimals.keys().copied().collect();
        assert_eq!(counts, [2], "`{header}`: cells by number of decimals: {by_decimals:?}");
    }
    assert_eq!(cell_decimals("cao hơn 1 bậc"), None);
    assert_eq!(cell_decimals("+32%"), Some(0), "the helper would see the old `+32%`");
}
