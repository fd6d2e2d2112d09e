//! `baocao plan` on whole plans: the shipped one, the minimal fixture, and bad arguments.

use crate::support::workspace::{Workspace, baocao};

#[test]
fn shipped_plan_is_valid_and_covers_all_63_items_of_section_two() {
    let run = Workspace::plan_only().plan_cmd(&[]);
    assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    assert_eq!(run.stderr, "", "no finding at all");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].starts_with("Kế hoạch năm 2024 — Bắc Giang (dấu vân tay "), "{}", lines[0]);
    for expected in [
        "  Cơ quan: 45 (43 gửi báo cáo quý)",
        "  Nhóm cơ quan: 7",
        "  Chỉ tiêu chủ yếu (Phụ lục 1): 20",
        "  Ngành trong kịch bản tăng trưởng (Phụ lục 2): 5",
        "  Nhiệm vụ (Phụ lục 3): 169 nhiệm vụ từ 64 mục, 33 chỉ tiêu định lượng",
        "    Nhóm   1:  27 nhiệm vụ,  2 chỉ tiêu — Rà soát, ban hành các cơ chế, chính sách; thực hiện đổi mới …",
        "    Nhóm III:   1 nhiệm vụ,  0 chỉ tiêu — Tổ chức thực hiện",
        "  Tình trạng nhiệm vụ: 6 nhãn trong danh sách chọn, 23 cách viết khác",
        "  Văn bản kế hoạch (2024.md): 63/63 mục của phần II có nhiệm vụ",
        "Kết quả: 0 lỗi, 0 cảnh báo, 0 điểm chưa khớp với văn bản kế hoạch.",
        "Kế hoạch hợp lệ và khớp với văn bản.",
    ] {
        assert!(lines.contains(&expected), "missing `{expected}` in:\n{}", run.stdout);
    }
    assert_eq!(lines.last(), Some(&"Kế hoạch hợp lệ và khớp với văn bản."));
}

#[test]
fn explicit_year_gives_the_same_result() {
    let run = Workspace::plan_only().plan_cmd(&["--year", "2024"]);
    assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    assert!(run.stdout.contains("Kế hoạch hợp lệ và khớp với văn bản."));
}

#[test]
fn minimal_fixture_is_valid_and_matches_its_text() {
    let run = Workspace::plan_fixture(None).plan_cmd(&[]);
    assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    assert_eq!(run.stderr, "");
    for expected in [
        "  Cơ quan: 6 (6 gửi báo cáo quý)",
        "  Nhóm cơ quan: 3",
        "  Chỉ tiêu chủ yếu (Phụ lục 1): 3",
        "  Ngành trong kịch bản tăng trưởng (Phụ lục 2): 2",
        "  Nhiệm vụ (Phụ lục 3): 6 nhiệm vụ từ 5 mục, 4 chỉ tiêu định lượng",
        "  Tình trạng nhiệm vụ: 5 nhãn trong danh sách chọn, 20 cách viết khác (danh mục mặc định)",
        "  Văn bản kế hoạch (2024.md): 4/4 mục của phần II có nhiệm vụ",
        "Kết quả: 0 lỗi, 0 cảnh báo, 0 điểm chưa khớp với văn bản kế hoạch.",
        "Kế hoạch hợp lệ và khớp với văn bản.",
    ] {
        assert!(run.stdout.lines().any(|l| l == expected), "missing `{expected}` in:\n{}", run.stdout);
    }
}

#[test]
fn year_that_is_not_a_number_is_a_usage_error() {
    let run = baocao(&["plan", "--year", "abc"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    let stderr = &run.stderr;
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            "lỗi: giá trị `abc` không hợp lệ cho --year <NĂM>",
            "  do: năm không hợp lệ `abc` (viết năm bằng bốn chữ số)",
            "gợi ý: chạy `baocao --help` để xem cách dùng",
        ]
    );
}

#[test]
fn unknown_option_is_a_usage_error() {
    let run = baocao(&["plan", "--nam", "2024"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("lỗi: tham số không hợp lệ `--nam`"));
}

#[test]
fn missing_plan_year_exits_1_naming_every_file() {
    let run = Workspace::plan_fixture(None).plan_cmd(&["--year", "2030"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 6, "{}", run.stderr);
    for (line, file) in lines.iter().zip(baocao::plan::PLAN_FILES) {
        assert!(
            line.starts_with(&format!(
                "plan/2030/{file}: lỗi [ke-hoach-khong-doc-duoc]: không đọc được tệp ("
            )),
            "{line}"
        );
    }
    assert_eq!(lines[5], "kế hoạch năm 2030 không đọc được: 5 lỗi");
}

#[test]
fn missing_plan_text_exits_1() {
    let ws = Workspace::plan_fixture(None);
    std::fs::remove_file(ws.data().join("plan/2024.md")).expect("remove");
    let run = ws.plan_cmd(&[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("lỗi: không đọc được văn bản kế hoạch plan/2024.md\n"), "{}", run.stderr);
}

#[test]
fn task_groups_are_listed_in_the_plans_order_not_as_text() {
    // A tenth group: listed after 9 and before III, never between 1 and 2.
    let ws = Workspace::plan_only();
    ws.edit(
        "2024/tasks.yaml",
        "  - number: \"III\"",
        "  - number: \"10\"\n    title: \"Nhóm thử\"\n  - number: \"III\"",
    );
    ws.edit("2024/tasks.yaml", "  - id: \"9.4\"", "  - id: \"10.1\"");
    let run = ws.plan_cmd(&[]);
    let groups: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("    Nhóm "))
        .filter_map(|l| l.split(':').next())
        .map(str::trim)
        .collect();
    assert_eq!(groups, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "III"], "{}", run.stdout);
}
