//! One broken plan per validation rule: `tests/fixtures/plan/invalid/<case>/` holds the one or
//! two files that differ from `valid-minimal/`. Each test runs the real binary and expects exit
//! code 1 and exactly the listed findings about the YAML files (file:line, YAML path, message).
//! Findings about the plan's text that follow from the break are not listed here.

use crate::support::workspace::{Workspace, plan_fixtures};

/// Runs a case and compares its YAML findings with `expected`, in order.
fn check(case: &str, expected: &[&str]) {
    let run = Workspace::plan_fixture(Some(case)).plan_cmd(&[]);
    assert_eq!(run.code, 1, "{case}: stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    assert_eq!(run.yaml_findings(), expected, "{case}: stderr:\n{}", run.stderr);
    if run.stderr.contains("không đọc được:") {
        // The file could not be deserialised: nothing is validated or printed on stdout.
        assert_eq!(run.stdout, "", "{case}");
        assert!(run.stderr.ends_with(&format!("kế hoạch năm 2024 không đọc được: {} lỗi\n", expected.len())));
    } else {
        let total = format!("Kết quả: {} lỗi, 0 cảnh báo, ", expected.len());
        assert!(run.stdout.contains(&total), "{case}: expected `{total}` in:\n{}", run.stdout);
        assert!(!run.stdout.contains("Kế hoạch hợp lệ"), "{case}");
    }
}

macro_rules! cases {
    ($($test:ident: $case:literal => [$($line:literal),+ $(,)?];)+) => {
        $(
            #[test]
            fn $test() {
                check($case, &[$($line),+]);
            }
        )+
        /// Every case above, to check that no fixture folder goes untested.
        const CASES: &[&str] = &[$($case),+];
    };
}

cases! {
    // Unknown agency or group codes, wherever a code is expected.
    unknown_task_lead: "unknown-lead" => [
        "plan/2024/tasks.yaml:12: lỗi [ke-hoach-khong-hop-le]: tasks[0].lead[0]: không có cơ quan hoặc nhóm cơ quan mã `SKHDTT`",
    ];
    unknown_task_coordinator: "unknown-coordinator" => [
        "plan/2024/tasks.yaml:13: lỗi [ke-hoach-khong-hop-le]: tasks[0].coordinate[0]: không có cơ quan hoặc nhóm cơ quan mã `CUC-THONG-KE`",
    ];
    unknown_indicator_reporter: "unknown-indicator-reporter" => [
        "plan/2024/indicators.yaml:12: lỗi [ke-hoach-khong-hop-le]: indicators[1].reporters[1]: không có cơ quan hoặc nhóm cơ quan mã `SNNPTNT`",
    ];
    unknown_group_member: "unknown-group-member" => [
        "plan/2024/agencies.yaml:33: lỗi [ke-hoach-khong-hop-le]: groups[2].members[1]: không có cơ quan hoặc nhóm cơ quan mã `UBND-XA`",
    ];
    unknown_sector_reporter: "unknown-sector-reporter" => [
        "plan/2024/growth.yaml:13: lỗi [ke-hoach-khong-hop-le]: growth.sectors[1].reporter: không có cơ quan hoặc nhóm cơ quan mã `CUC-THONG-KE`",
    ];
    unknown_report_issuer: "unknown-issuer" => [
        "plan/2024/document.yaml:19: lỗi [ke-hoach-khong-hop-le]: report.issuer-code: không có cơ quan mã `SKH-DT`",
    ];
    // Duplicates.
    duplicate_agency_code: "duplicate-agency-code" => [
        "plan/2024/agencies.yaml:20: lỗi [ke-hoach-khong-hop-le]: agencies[5].code: mã `H-YENTHE` trùng với agencies[4]",
    ];
    agency_codes_differing_only_in_case: "agency-code-case" => [
        "plan/2024/agencies.yaml:20: lỗi [ke-hoach-khong-hop-le]: agencies[5].code: mã `h-yenthe` trùng với mã `H-YENTHE` (agencies[4]) nếu không phân biệt chữ hoa, chữ thường",
    ];
    agency_code_that_cannot_be_a_file_name: "agency-code-unsafe" => [
        "plan/2024/agencies.yaml:20: lỗi [ke-hoach-khong-hop-le]: agencies[5].code: mã `.H-LUCNAM-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX` phải bắt đầu bằng chữ cái hoặc chữ số và chỉ gồm chữ cái không dấu, chữ số và dấu `-`",
        "plan/2024/agencies.yaml:20: lỗi [ke-hoach-khong-hop-le]: agencies[5].code: mã `.H-LUCNAM-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX` dài quá 32 ký tự (mã dùng làm tên tệp biểu mẫu và phiếu phản hồi)",
    ];
    duplicate_indicator_code: "duplicate-indicator-code" => [
        "plan/2024/indicators.yaml:14: lỗi [ke-hoach-khong-hop-le]: indicators[2].code: mã chỉ tiêu `CT01` trùng với indicators[0].code",
    ];
    task_target_code_reusing_an_indicator_code: "duplicate-target-code" => [
        "plan/2024/tasks.yaml:42: lỗi [ke-hoach-khong-hop-le]: tasks[3].targets[0].code: mã chỉ tiêu `CT02` trùng với indicators[1].code",
    ];
    duplicate_task_id: "duplicate-task-id" => [
        // The generated target code `<id>-1` repeats too.
        "plan/2024/tasks.yaml:42: lỗi [ke-hoach-khong-hop-le]: tasks[3].targets[0].code: mã chỉ tiêu `2.1.a-1` trùng với tasks[2].targets[0].code",
        "plan/2024/tasks.yaml:37: lỗi [ke-hoach-khong-hop-le]: tasks[3].id: mã nhiệm vụ `2.1.a` trùng với tasks[2]",
    ];
    two_agencies_sharing_an_alias: "shared-alias" => [
        "plan/2024/agencies.yaml:10: lỗi [ke-hoach-khong-hop-le]: agencies[2]: tên gọi `Sở KH&ĐT` đã dùng cho `SKHDT` (agencies[0]); hai cơ quan không được chung một tên gọi",
    ];
    // Missing parts.
    task_without_lead: "task-without-lead" => [
        "plan/2024/tasks.yaml:27: lỗi [ke-hoach-khong-hop-le]: tasks[2].lead: nhiệm vụ `2.1.a` không có cơ quan chủ trì",
    ];
    task_without_deadline: "task-without-deadline" => [
        "plan/2024/tasks.yaml:37: lỗi [ke-hoach-khong-hop-le]: tasks[3]: nhiệm vụ `2.1.b` không có thời hạn (deadline)",
    ];
    indicator_without_unit: "indicator-without-unit" => [
        "plan/2024/indicators.yaml:14: lỗi [ke-hoach-khong-hop-le]: indicators[2]: chỉ tiêu `Số doanh nghiệp thành lập mới` không có đơn vị tính (unit)",
    ];
    indicator_without_target: "indicator-without-target" => [
        "plan/2024/indicators.yaml:8: lỗi [ke-hoach-khong-hop-le]: indicators[1]: chỉ tiêu `Tỷ lệ che phủ rừng` không có chỉ tiêu kế hoạch (target)",
    ];
    indicator_without_reporters: "indicator-without-reporters" => [
        "plan/2024/indicators.yaml:2: lỗi [ke-hoach-khong-hop-le]: indicators[0]: chỉ tiêu `Tốc độ tăng trưởng GRDP` không có cơ quan báo cáo (reporters)",
    ];
    group_without_members: "group-without-members" => [
        "plan/2024/agencies.yaml:28: lỗi [ke-hoach-khong-hop-le]: groups[1]: nhóm `SO-NGANH` không có thành viên nào",
    ];
    // The growth scenario.
    sector_shares_not_summing_to_100: "sector-shares-not-100" => [
        "plan/2024/growth.yaml:5: lỗi [ke-hoach-khong-hop-le]: growth.sectors: tỷ trọng các ngành quý III cộng lại 100,6% (phải bằng 100% ± 0,5)",
    ];
    quarter_weights_not_summing_to_100: "quarter-weights-not-100" => [
        "plan/2024/growth.yaml:4: lỗi [ke-hoach-khong-hop-le]: growth.quarter-weights: tỷ trọng các quý cộng lại 101% (phải bằng 100% ± 0,5)",
    ];
    missing_scenario_period: "missing-scenario-period" => [
        "plan/2024/growth.yaml:15: lỗi [ke-hoach-khong-hop-le]: growth.sectors[1].scenario.m9: `Công nghiệp và dịch vụ` thiếu kịch bản kỳ 9 tháng",
    ];
    // Tasks and their targets.
    deadline_outside_the_plan_year: "deadline-outside-year" => [
        "plan/2024/tasks.yaml:14: lỗi [ke-hoach-khong-hop-le]: tasks[0].deadline: thời hạn Quý I/2025 nằm ngoài năm kế hoạch 2024",
    ];
    // The working-day calendar: a holiday far from the plan year, a holiday twice, no days.
    bad_holiday_calendar: "bad-holidays" => [
        "plan/2024/document.yaml:36: lỗi [ke-hoach-khong-hop-le]: report.holidays[2]: ngày nghỉ lễ 02/09/2042 nằm ngoài năm kế hoạch 2024 và các năm liền kề (2023–2025)",
        "plan/2024/document.yaml:37: lỗi [ke-hoach-khong-hop-le]: report.holidays[3]: ngày nghỉ lễ 30/04/2024 ghi hai lần (đã có ở mục thứ 1 của danh sách)",
        "plan/2024/document.yaml:38: lỗi [ke-hoach-khong-hop-le]: report.correction-working-days: số ngày làm việc để gửi lại báo cáo phải từ 1 đến 30 (đang ghi 0)",
    ];
    multi_reporter_target_without_aggregate: "multi-reporter-without-aggregate" => [
        "plan/2024/tasks.yaml:51: lỗi [ke-hoach-khong-hop-le]: tasks[4].targets[0]: chỉ tiêu `Tỷ lệ hộ dân nông thôn dùng nước sạch` do nhiều cơ quan báo cáo nhưng chưa nêu cách tổng hợp (aggregate: sum, weighted-mean hoặc list)",
    ];
    // Kinds, comparisons and aggregation (issue 11).
    rate_with_a_money_unit: "rate-with-money-unit" => [
        "plan/2024/indicators.yaml:10: lỗi [ke-hoach-khong-hop-le]: indicators[1].unit: chỉ tiêu `Tỷ lệ che phủ rừng` loại `rate` có đơn vị `tỷ đồng`: một tỷ lệ phải có đơn vị `%`",
    ];
    ranking_with_a_money_unit: "ranking-with-money-unit" => [
        "plan/2024/indicators.yaml:23: lỗi [ke-hoach-khong-hop-le]: indicators[3].unit: chỉ tiêu `Chỉ số năng lực cạnh tranh cấp tỉnh (PCI), thứ hạng` loại `ranking` có đơn vị `tỷ đồng`: một thứ hạng đếm theo bậc, không tính bằng tiền hay phần trăm",
    ];
    ranking_without_its_set: "ranking-without-set" => [
        "plan/2024/indicators.yaml:21: lỗi [ke-hoach-khong-hop-le]: indicators[3]: thứ hạng `Chỉ số năng lực cạnh tranh cấp tỉnh (PCI), thứ hạng` cần nêu xếp trong bao nhiêu (out-of: 63)",
    ];
    rate_judged_as_a_share_of_plan: "rate-as-flow" => [
        "plan/2024/indicators.yaml:12: lỗi [ke-hoach-khong-hop-le]: indicators[1].behaviour: chỉ tiêu `Tỷ lệ che phủ rừng` là tỷ lệ nên không cộng dồn theo tiến độ năm (behaviour: level); % kế hoạch theo tiến độ chỉ dùng cho chỉ tiêu lũy kế về lượng",
    ];
    plain_mean_is_refused: "plain-mean-of-rates" => [
        "plan/2024/indicators.yaml:20: lỗi [ke-hoach-khong-hop-le]: indicators[2].aggregate: chỉ tiêu `Số doanh nghiệp thành lập mới`: không dùng bình quân cộng giản đơn các số liệu của cơ quan (tỷ lệ chung của tỉnh không phải trung bình các tỷ lệ); dùng weighted-mean với quyền số, hoặc list để liệt kê theo từng cơ quan",
    ];
    rates_are_not_summed: "sum-of-rates" => [
        "plan/2024/indicators.yaml:26: lỗi [ke-hoach-khong-hop-le]: indicators[3].aggregate: chỉ tiêu `Tỷ lệ hộ dân dùng nước sạch` là tỷ lệ nên không cộng được giữa các cơ quan; dùng weighted-mean hoặc list",
    ];
    pace_profile_must_be_cumulative_shares: "pace-not-cumulative-shares" => [
        "plan/2024/indicators.yaml:21: lỗi [ke-hoach-khong-hop-le]: indicators[2].pace: tiến độ theo quý của `Số doanh nghiệp thành lập mới` phải gồm 4 tỷ lệ lũy kế tăng dần từ 0 đến 100, quý IV bằng 100 (ví dụ [20, 45, 72, 100])",
    ];
    weighted_mean_needs_a_known_weight: "weight-not-in-plan" => [
        "plan/2024/indicators.yaml:26: lỗi [ke-hoach-khong-hop-le]: indicators[3].aggregate: quyền số `HS99` của chỉ tiêu `Tỷ lệ hồ sơ giải quyết trực tuyến` không có trong kế hoạch",
    ];
    same_as_names_an_indicator: "same-as-unknown" => [
        "plan/2024/tasks.yaml:24: lỗi [ke-hoach-khong-hop-le]: tasks[1].targets[0].same-as: `same-as: CT09` không trỏ tới chỉ tiêu nào của Phụ lục 1",
    ];
    ceiling_or_floor_against_its_direction: "threshold-against-direction" => [
        "plan/2024/indicators.yaml:5: lỗi [ke-hoach-khong-hop-le]: indicators[0].target: chỉ tiêu `Tốc độ tăng trưởng GRDP` là mức sàn (trên 5) nhưng được đánh giá theo hướng càng thấp càng tốt; dùng `direction: higher`",
        "plan/2024/indicators.yaml:12: lỗi [ke-hoach-khong-hop-le]: indicators[1].target: chỉ tiêu `Tỷ lệ che phủ rừng` là mức trần (tối đa 37,7) nhưng được đánh giá theo hướng càng cao càng tốt; thêm `direction: lower`",
    ];
    range_with_min_above_max: "range-min-above-max" => [
        "plan/2024/tasks.yaml:44: lỗi [ke-hoach-khong-hop-le]: tasks[3].targets[0].target: khoảng chỉ tiêu 72-70 có cận dưới lớn hơn cận trên",
    ];
    item_with_whole_and_split_tasks: "mixed-item-ids" => [
        "plan/2024/tasks.yaml:37: lỗi [ke-hoach-khong-hop-le]: tasks[3].id: mục 2.1 vừa có nhiệm vụ `2.1` vừa có nhiệm vụ tách nhỏ",
    ];
    malformed_task_id: "malformed-task-id" => [
        "plan/2024/tasks.yaml:46: lỗi [ke-hoach-khong-hop-le]: tasks[4].id: mã nhiệm vụ `2.2.B` không đúng dạng 2.2, 2.2.b hoặc III.1",
    ];
    task_in_an_undeclared_group: "unknown-task-group" => [
        "plan/2024/tasks.yaml:25: lỗi [ke-hoach-khong-hop-le]: tasks[2].id: không có nhóm nhiệm vụ số `2` trong groups",
        "plan/2024/tasks.yaml:35: lỗi [ke-hoach-khong-hop-le]: tasks[3].id: không có nhóm nhiệm vụ số `2` trong groups",
        "plan/2024/tasks.yaml:44: lỗi [ke-hoach-khong-hop-le]: tasks[4].id: không có nhóm nhiệm vụ số `2` trong groups",
    ];
    // Agency groups.
    group_cycle: "group-cycle" => [
        "plan/2024/agencies.yaml:23: lỗi [ke-hoach-khong-hop-le]: groups: các nhóm chứa lẫn nhau thành vòng: UBND-HUYEN → SO-NGANH-HUYEN",
    ];
    // The task-status vocabulary (`statuses:` in tasks.yaml).
    status_kind_without_a_label: "status-kind-without-label" => [
        "plan/2024/tasks.yaml:62: lỗi [ke-hoach-khong-hop-le]: statuses: danh mục tình trạng không có nhãn nào loại `regular` (thường xuyên)",
    ];
    status_spelling_repeated_after_folding: "status-duplicate-spelling" => [
        "plan/2024/tasks.yaml:70: lỗi [ke-hoach-khong-hop-le]: statuses[1].aliases[1]: `ĐÃ  HOÀN THÀNH.` trùng với `Đã hoàn thành` (statuses[0].aliases[0]) khi không phân biệt chữ hoa, chữ thường, dấu cách và dấu chấm cuối",
    ];
    empty_status_spelling: "status-empty-spelling" => [
        "plan/2024/tasks.yaml:70: lỗi [ke-hoach-khong-hop-le]: statuses[1].aliases[1]: tên gọi khác của tình trạng để trống",
    ];
    status_spelling_over_255_characters: "status-spelling-too-long" => [
        "plan/2024/tasks.yaml:69: lỗi [ke-hoach-khong-hop-le]: statuses[1].aliases[0]: tên gọi khác của tình trạng dài 312 ký tự (tối đa 255)",
    ];
    status_label_with_a_comma: "status-label-with-comma" => [
        "plan/2024/tasks.yaml:66: lỗi [ke-hoach-khong-hop-le]: statuses[1].label: nhãn tình trạng `Đã trình, chờ phê duyệt` có dấu phẩy (dấu phẩy ngăn cách các giá trị trong danh sách chọn của Excel); đổi nhãn, cách viết này có thể để trong aliases",
    ];
    status_dropdown_over_excels_limit: "status-dropdown-too-long" => [
        "plan/2024/tasks.yaml:62: lỗi [ke-hoach-khong-hop-le]: statuses: các nhãn tình trạng nối bằng dấu phẩy dài 288 ký tự, vượt giới hạn 255 ký tự của danh sách chọn trong Excel; rút gọn nhãn hoặc chuyển bớt thành tên gọi khác (aliases)",
    ];
    unknown_status_kind: "status-unknown-kind" => [
        "plan/2024/tasks.yaml:67: lỗi [ke-hoach-sai-cu-phap]: statuses[1].kind: giá trị không hợp lệ `overdue` (giá trị được phép: `done`, `done-late`, `submitted`, `in-progress`, `not-started`, `regular`)",
    ];
    // Files that cannot be deserialised (serde_yaml's line).
    yaml_syntax_error: "yaml-syntax-error" => [
        "plan/2024/tasks.yaml:21: lỗi [ke-hoach-sai-cu-phap]: YAML không hợp lệ (did not find expected ',' or ']')",
    ];
    unknown_key: "unknown-key" => [
        "plan/2024/tasks.yaml:19: lỗi [ke-hoach-sai-cu-phap]: tasks[1]: khóa không hợp lệ `leads` (khóa được phép: `id`, `title`, `text`, `lead`, `coordinate`, `deadline`, `output`, `targets`, `not-targets`, `whole-year`)",
    ];
    check_level_misspelt: "check-unknown-level" => [
        "plan/2024/document.yaml:34: lỗi [ke-hoach-sai-cu-phap]: report.checks: mức kiểm tra không hợp lệ `loud` (viết mức off, warning hoặc error, hoặc {level: warning, <ngưỡng>: <số>} (ngưỡng: percent, points, min, max, digits))",
    ];
    check_band_misspelt: "check-unknown-band" => [
        "plan/2024/document.yaml:34: lỗi [ke-hoach-sai-cu-phap]: report.checks: khóa không hợp lệ `percnt` (khóa được phép: `level`, `percent`, `points`, `min`, `max`, `digits`)",
    ];
    // Data-quality check settings (report.checks, a measure's checks) and whole-year tasks.
    check_rule_unknown_or_an_intake_limit: "check-unknown-rule" => [
        "plan/2024/document.yaml:35: lỗi [ke-hoach-khong-hop-le]: report.checks.so-vo-ly: không có quy tắc kiểm tra `so-vo-ly` (các quy tắc: hoan-thanh-chua-dat-muc-tieu, hoan-thanh-truoc-thoi-han-ca-nam, hoan-thanh-roi-chua-hoan-thanh, trung-so-lieu-nhieu-co-quan, luy-ke-giam, uoc-nam-thap-hon-luy-ke, uoc-nam-thay-doi, cung-ky-khac-goi-luu, ngoai-khoang-hop-ly, so-nhap-mo-ho, tang-truong-vo-ly); các giới hạn cứng của khâu tiếp nhận như so-vo-ly, cong-thuc-chua-tinh không cấu hình được",
    ];
    check_band_the_rule_does_not_have: "check-band-not-for-rule" => [
        "plan/2024/document.yaml:34: lỗi [ke-hoach-khong-hop-le]: report.checks.luy-ke-giam.percent: quy tắc `luy-ke-giam` không có ngưỡng `percent` (ngưỡng được phép: không có)",
    ];
    check_band_not_positive: "check-bad-band" => [
        "plan/2024/document.yaml:34: lỗi [ke-hoach-khong-hop-le]: report.checks.ngoai-khoang-hop-ly.points: ngưỡng `points` của quy tắc `ngoai-khoang-hop-ly` là -5, phải là một số dương",
    ];
    check_bounds_reversed_with_the_default: "check-bounds-reversed" => [
        "plan/2024/document.yaml:34: lỗi [ke-hoach-khong-hop-le]: report.checks.tang-truong-vo-ly: khoảng hợp lý của quy tắc `tang-truong-vo-ly` có cận dưới 60 không nhỏ hơn cận trên 50",
    ];
    check_rule_set_on_a_measure_that_is_plan_wide: "check-rule-not-per-measure" => [
        "plan/2024/indicators.yaml:16: lỗi [ke-hoach-khong-hop-le]: indicators[1].checks.tang-truong-vo-ly: quy tắc `tang-truong-vo-ly` chỉ đặt chung cho cả kế hoạch (report.checks trong document.yaml), không đặt riêng cho từng chỉ tiêu",
    ];
    whole_year_task_due_before_the_year_end: "whole-year-with-early-deadline" => [
        "plan/2024/tasks.yaml:41: lỗi [ke-hoach-khong-hop-le]: tasks[3].whole-year: nhiệm vụ `2.1.b` được đánh dấu là kết quả cả năm (whole-year) nhưng có thời hạn 30/06/2024; kết quả cả năm có thời hạn là năm 2024",
    ];
}

#[test]
fn every_fixture_folder_has_a_test() {
    let mut folders: Vec<String> = std::fs::read_dir(plan_fixtures().join("invalid"))
        .expect("invalid/")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut cases: Vec<&str> = CASES.to_vec();
    cases.sort_unstable();
    assert_eq!(folders, cases);
}

#[test]
fn each_case_overrides_at_most_two_files() {
    for case in CASES {
        let dir = plan_fixtures().join("invalid").join(case).join("plan");
        let count = walk(&dir);
        assert!((1..=2).contains(&count), "{case}: {count} files");
    }
}

/// The number of files under `dir`.
fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .expect("read_dir")
        .flatten()
        .map(|e| if e.path().is_dir() { walk(&e.path()) } else { 1 })
        .sum()
}

#[test]
fn text_findings_follow_a_broken_lead() {
    // The same break seen from the text: the item's lead no longer leads any of its tasks.
    let run = Workspace::plan_fixture(Some("unknown-lead")).plan_cmd(&[]);
    assert_eq!(
        run.text_findings(),
        [
            "plan/2024.md:11: lỗi [ke-hoach-lech-van-ban]: mục 1.1: `Sở Kế hoạch và Đầu tư` chủ trì theo văn bản nhưng không chủ trì nhiệm vụ nào của mục này",
            "plan/2024.md:11: lỗi [ke-hoach-lech-van-ban]: mục 1.1: nhiệm vụ 1.1: cơ quan chủ trì `SKHDTT` không được nêu trong văn bản",
        ]
    );
    assert!(
        run.stdout.contains("Kết quả: 1 lỗi, 0 cảnh báo, 2 điểm chưa khớp với văn bản kế hoạch."),
        "{}",
        run.stdout
    );
}

#[test]
fn measure_without_target_adds_no_empty_text_finding() {
    // Regression: the cross-check used to add "chỉ tiêu `` không có trong văn bản mục 1.2".
    let run = Workspace::plan_fixture(Some("indicator-without-target")).plan_cmd(&[]);
    assert_eq!(run.text_findings(), Vec::<&str>::new(), "{}", run.stderr);
}
