//! The data-quality checks of consolidation, through the real binary on the sample quarter:
//! `check` and `build` attach the same findings (same receipts, same overview); a finding at an
//! agency's cell is in its receipt; figures several agencies share are in the overview's list
//! "Cần thống nhất số liệu", and no receipt names another agency.

use crate::support::workspace::{QUARTER, Workspace};

/// The districts that report exactly 3.407,8 tỷ đồng for CT06 in the sample, with their names.
const SAME_CT06: [(&str, &str); 3] =
    [("H-LUCNAM", "Lục Nam"), ("H-LUCNGAN", "Lục Ngạn"), ("H-TANYEN", "Tân Yên")];

#[test]
fn check_and_build_give_the_same_receipts_and_list_shared_figures_for_the_department() {
    let ws = Workspace::sample();
    let run = ws.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("2 số liệu cần thống nhất giữa các cơ quan"), "{}", run.stderr);
    let checked = ws.receipt("BQLKCN");
    let checked_overview = ws.overview();
    let districts: Vec<String> = SAME_CT06.iter().map(|(code, _)| ws.receipt(code)).collect();
    ws.ok("build", &["--quarter", QUARTER, "-q"]);
    assert_eq!(ws.receipt("BQLKCN"), checked, "build and check give the same receipt");
    assert_eq!(ws.overview(), checked_overview, "build and check give the same overview");

    // Task 2.2.c reported done while its target row shows 0,71 of about 1,2 tỷ USD: the
    // department's overview shows the code; the receipt the same finding in plain words.
    let row = checked_overview
        .lines()
        .find(|l| l.contains("| hoan-thanh-chua-dat-muc-tieu | BQLKCN.xlsx |"))
        .unwrap_or_else(|| panic!("no finding for 2.2.c in:\n{checked_overview}"));
    assert!(
        row.starts_with(
            "| cảnh báo | hoan-thanh-chua-dat-muc-tieu | BQLKCN.xlsx | Nhiệm vụ!D5 | Hoàn thành đúng hạn |"
        ),
        "{row}"
    );
    assert!(row.contains("nhiệm vụ 2.2.c được báo cáo \"Hoàn thành đúng hạn\""), "{row}");
    assert!(
        row.contains("mới đạt 0,71 tỷ USD (ô Chỉ tiêu!F3), bằng 59,2% so với mục tiêu khoảng 1,2 tỷ USD"),
        "{row}"
    );
    // 2.2.c is also a whole-year result reported done in June.
    assert!(
        checked_overview.contains("| hoan-thanh-truoc-thoi-han-ca-nam | BQLKCN.xlsx | Nhiệm vụ!D5 |"),
        "{checked_overview}"
    );
    assert!(checked.contains("| trang Nhiệm vụ, ô D5 | Hoàn thành đúng hạn |"), "{checked}");
    assert!(checked.contains("Nhiệm vụ 2.2.c được báo cáo \"Hoàn thành đúng hạn\""), "{checked}");
    assert!(!checked.contains("hoan-thanh-chua-dat-muc-tieu"), "no finding code in a receipt:\n{checked}");

    // The department sees who reported 3.407,8; each district only its own cell.
    let (_, list) = checked_overview
        .split_once("## 6. Cần thống nhất số liệu")
        .unwrap_or_else(|| panic!("no list to reconcile in:\n{checked_overview}"));
    assert!(list.contains("| trung-so-lieu-nhieu-co-quan | 3.407,8 |"), "{list}");
    for (_, name) in SAME_CT06 {
        assert!(list.contains(&format!("huyện {name}")), "{name} in:\n{list}");
    }
    for ((code, _), receipt) in SAME_CT06.iter().zip(&districts) {
        let own = receipt
            .lines()
            .find(|l| l.contains("trùng khớp hoàn toàn với số liệu một cơ quan khác"))
            .unwrap_or_else(|| panic!("{code}: no finding in:\n{receipt}"));
        assert!(own.contains("| trang Chỉ tiêu, ô F2 | 3407,8 |"), "{code}: {own}");
        for (other, name) in SAME_CT06.iter().filter(|(c, _)| c != code) {
            assert!(!receipt.contains(other) && !receipt.contains(name), "{code}'s receipt names {other}");
        }
    }
    let json = ws.json();
    // The shared CT06 figure, and the statistical office's GRDP growth against the sectors' sum
    // (14,14% against 14,28 điểm %): both for the department, in no receipt.
    assert_eq!(json["reconcile"].as_array().map(Vec::len), Some(2), "{}", json["reconcile"]);
    let codes: Vec<&str> =
        json["reconcile"].as_array().into_iter().flatten().filter_map(|f| f["code"].as_str()).collect();
    assert_eq!(codes, ["tang-truong-lech-tong", "trung-so-lieu-nhieu-co-quan"]);
    assert!(
        checked_overview
            .contains("tổng đóng góp của các ngành theo báo cáo của các sở, ngành là 14,28 điểm %")
    );
}

/// A form sent before the plan made a task target the same as a Phụ lục 1 indicator still has
/// the target's own row: its figure is not read, and the clerk is told where it goes now (a
/// warning at the cell, not "mã không có trong kế hoạch").
#[test]
fn a_row_merged_into_an_indicator_is_pointed_to_the_indicator() {
    let ws = Workspace::sample();
    ws.edit(
        "2024/indicators.yaml",
        "indicators:\n",
        "indicators:\n  - code: CT21\n    name: Tỷ lệ lực lượng lao động trong độ tuổi tham gia BHXH tự nguyện\n    unit: \"%\"\n    target: {value: 5.5}\n    direction: higher\n    behaviour: level\n    reporters: [BHXH]\n",
    );
    ws.edit(
        "2024/tasks.yaml",
        "      - name: \"Tỷ lệ lực lượng lao động trong độ tuổi tham gia BHXH tự nguyện\"\n",
        "      - name: \"Tỷ lệ lực lượng lao động trong độ tuổi tham gia BHXH tự nguyện\"\n        same-as: CT21\n",
    );
    let run = ws.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let overview = ws.overview();
    let row = overview
        .lines()
        .find(|l| l.contains("| ma-da-gop-chi-tieu |"))
        .unwrap_or_else(|| panic!("no merged-row finding in:\n{overview}"));
    assert!(row.starts_with("| cảnh báo | ma-da-gop-chi-tieu | BHXH.xlsx | Chỉ tiêu!A"), "{row}");
    assert!(row.contains("chỉ tiêu \"6.7-2\" nay là chỉ tiêu CT21 của Phụ lục 1"), "{row}");
    assert!(row.contains("ghi số liệu vào dòng CT21"), "{row}");
    // The receipt says the same in plain words, without the codes.
    let receipt = ws.receipt("BHXH");
    let row = receipt
        .lines()
        .find(|l| l.contains("Chỉ tiêu \"6.7-2\" nay là chỉ tiêu CT21 của Phụ lục 1"))
        .unwrap_or_else(|| panic!("no merged-row finding in:\n{receipt}"));
    assert!(row.contains("| trang Chỉ tiêu, ô A") && row.contains("Ghi số liệu vào dòng CT21"), "{row}");
    assert!(!receipt.contains("ma-khong-ton-tai") && !receipt.contains("ma-da-gop-chi-tieu"), "{receipt}");
}
