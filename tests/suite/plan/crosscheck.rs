//! The cross-check against the plan's text, on a copy of the shipped plan edited by string
//! replacement: each edit must produce exactly the listed discrepancies, naming the item of
//! section II and its line in `2024.md`, and nothing about the YAML files.

use crate::support::workspace::{Run, Workspace};

/// Runs the edited plan and checks: exit 1, no validation finding, exactly `expected` about the text.
#[track_caller]
fn expect_discrepancies(ws: &Workspace, expected: &[&str]) -> Run {
    let run = ws.plan_cmd(&[]);
    assert_eq!(run.code, 1, "stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    assert_eq!(run.yaml_findings(), Vec::<&str>::new(), "the plan itself stays valid");
    assert_eq!(run.text_findings(), expected, "stderr:\n{}", run.stderr);
    let total =
        format!("Kết quả: 0 lỗi, 0 cảnh báo, {} điểm chưa khớp với văn bản kế hoạch.", expected.len());
    assert!(run.stdout.lines().any(|l| l == total), "expected `{total}` in:\n{}", run.stdout);
    assert!(!run.stdout.contains("Kế hoạch hợp lệ"));
    run
}

#[test]
fn deleted_only_task_of_an_item() {
    let ws = Workspace::plan_only();
    ws.remove_task("1.8");
    let run = expect_discrepancies(
        &ws,
        &["plan/2024.md:67: lỗi [ke-hoach-lech-van-ban]: mục 1.8: không có nhiệm vụ nào trong tasks.yaml"],
    );
    assert!(
        run.stdout.contains("  Văn bản kế hoạch (2024.md): 62/63 mục của phần II có nhiệm vụ\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn deleted_task_carrying_a_target() {
    let ws = Workspace::plan_only();
    ws.remove_task("1.6.b");
    expect_discrepancies(
        &ws,
        &[
            "plan/2024.md:61: lỗi [ke-hoach-lech-van-ban]: mục 1.6: văn bản nêu `60%` nhưng không có chỉ tiêu nào của mục này khớp (thêm vào targets hoặc not-targets)",
        ],
    );
}

#[test]
fn changed_task_target() {
    let ws = Workspace::plan_only();
    // 1.6.b's own target (4.3.a's 37,7% is the indicator CT16's, `same-as`, and must equal it).
    ws.edit("2024/tasks.yaml", "        target: {value: 60}\n", "        target: {value: 61}\n");
    expect_discrepancies(
        &ws,
        &[
            "plan/2024.md:61: lỗi [ke-hoach-lech-van-ban]: mục 1.6: văn bản nêu `60%` nhưng không có chỉ tiêu nào của mục này khớp (thêm vào targets hoặc not-targets)",
            "plan/2024.md:61: lỗi [ke-hoach-lech-van-ban]: mục 1.6: nhiệm vụ 1.6.b: chỉ tiêu `1.6.b-1` (61%) không có trong văn bản",
        ],
    );
}

#[test]
fn changed_indicator_target_stated_by_an_item() {
    let ws = Workspace::plan_only();
    // CT16 and the task target that is the same indicator (4.3.a, `same-as: CT16`) change together.
    ws.edit("2024/indicators.yaml", "    target: {value: 37.7}\n", "    target: {value: 38}\n");
    ws.edit("2024/tasks.yaml", "        target: {value: 37.7}\n", "        target: {value: 38}\n");
    expect_discrepancies(
        &ws,
        &[
            "plan/2024.md:157: lỗi [ke-hoach-lech-van-ban]: mục 4.3: văn bản nêu `37,7%` nhưng không có chỉ tiêu nào của mục này khớp (thêm vào targets hoặc not-targets)",
            "plan/2024.md:157: lỗi [ke-hoach-lech-van-ban]: mục 4.3: nhiệm vụ 4.3.a: chỉ tiêu `4.3.a-1` (38%) không có trong văn bản",
            "plan/2024.md:157: lỗi [ke-hoach-lech-van-ban]: chỉ tiêu CT16: chỉ tiêu `38%` không có trong văn bản mục 4.3",
        ],
    );
}

#[test]
fn changed_target_qualifier() {
    // The text says "trên 350 sản phẩm"; the plan saying "ít nhất 350" is a discrepancy.
    let ws = Workspace::plan_only();
    ws.edit("2024/tasks.yaml", "        target: {above: 350}\n", "        target: {at-least: 350}\n");
    expect_discrepancies(
        &ws,
        &[
            "plan/2024.md:61: lỗi [ke-hoach-lech-van-ban]: mục 1.6: văn bản nêu `trên 350 sản phẩm` nhưng chỉ tiêu `1.6.c-1` ghi `ít nhất 350 sản phẩm`",
        ],
    );
}

#[test]
fn changed_lead() {
    let ws = Workspace::plan_only();
    let task =
        "  - id: \"2.3\"\n    title: \"Hỗ trợ doanh nghiệp, thu hút làm thủ tục hải quan tại Chi cục\"\n";
    ws.edit("2024/tasks.yaml", &format!("{task}    lead: [HQKCN]\n"), &format!("{task}    lead: [SKHDT]\n"));
    expect_discrepancies(
        &ws,
        &[
            "plan/2024.md:87: lỗi [ke-hoach-lech-van-ban]: mục 2.3: `Chi cục Hải quan quản lý các khu công nghiệp tỉnh Bắc Giang` chủ trì theo văn bản nhưng không chủ trì nhiệm vụ nào của mục này",
            "plan/2024.md:87: lỗi [ke-hoach-lech-van-ban]: mục 2.3: nhiệm vụ 2.3: cơ quan chủ trì `SKHDT` không được nêu trong văn bản",
        ],
    );
}

#[test]
fn lead_named_in_the_text_but_unknown() {
    let ws = Workspace::plan_only();
    ws.edit(
        "2024.md",
        "1.8. Ngân hàng Nhà nước chi nhánh tỉnh Bắc Giang:",
        "1.8. Ngân hàng Nhà nước chi nhánh Bắc Ninh:",
    );
    expect_discrepancies(
        &ws,
        &[
            "plan/2024.md:67: lỗi [ke-hoach-lech-van-ban]: mục 1.8: không nhận ra cơ quan chủ trì `ngân hàng nhà nước chi nhánh bắc ninh` (thêm tên gọi này vào aliases trong agencies.yaml)",
            "plan/2024.md:67: lỗi [ke-hoach-lech-van-ban]: mục 1.8: nhiệm vụ 1.8: cơ quan chủ trì `NHNN` không được nêu trong văn bản",
        ],
    );
}

#[test]
fn not_target_that_the_text_does_not_state() {
    let ws = Workspace::plan_only();
    ws.edit(
        "2024/tasks.yaml",
        "    not-targets: [\"140 năm\"]\n",
        "    not-targets: [\"140 năm\", \"150 năm\"]\n",
    );
    expect_discrepancies(
        &ws,
        &[
            "plan/2024.md:65: lỗi [ke-hoach-lech-van-ban]: mục 1.7: nhiệm vụ 1.7.a: `150 năm` trong not-targets không có trong văn bản",
        ],
    );
}

#[test]
fn task_of_an_item_the_text_does_not_have() {
    let ws = Workspace::plan_only();
    ws.edit("2024/tasks.yaml", "  - id: \"1.8\"\n", "  - id: \"1.18\"\n");
    expect_discrepancies(
        &ws,
        &[
            "plan/2024.md:67: lỗi [ke-hoach-lech-van-ban]: mục 1.8: không có nhiệm vụ nào trong tasks.yaml",
            "plan/2024.md: lỗi [ke-hoach-lech-van-ban]: nhiệm vụ 1.18: mục 1.18 không có trong văn bản kế hoạch",
        ],
    );
}
