//! The year's report (quý IV): the whole year against the plan — the main indicators met and
//! missed, the tasks done in the year, section IV's heading for next year's directions — and the
//! trend chart of the main flow indicators over the quarters archived.

use std::io::Read;

use baocao::contract::info;

use crate::support::form::{Form, W, t};
use crate::support::pdf::pdf_text;
use crate::support::workspace::Workspace;

/// The "So với KH năm" cell of the indicator `name` in a Phụ lục 1 Markdown table.
#[track_caller]
fn plan_cell(p1: &str, name: &str) -> String {
    let cells =
        |l: &str| l.trim().trim_matches('|').split(" | ").map(|c| c.trim().to_owned()).collect::<Vec<_>>();
    let header = p1.lines().find(|l| l.starts_with("| STT")).expect("Phụ lục 1 header");
    let col = cells(header).iter().position(|c| c == "So với KH năm").expect("So với KH năm column");
    let row = p1
        .lines()
        .map(cells)
        .find(|c| c.get(1).map(String::as_str) == Some(name))
        .unwrap_or_else(|| panic!("no row {name}"));
    row[col].clone()
}

/// The rows of the report's trend table: indicator name → its cells.
fn trend_rows(md: &str) -> Vec<Vec<String>> {
    let start = md.find("*Tiến độ thực hiện một số chỉ tiêu chủ yếu").expect("the trend table");
    md[start..]
        .lines()
        .skip(4)
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.trim().trim_matches('|').split(" | ").map(|c| c.trim().to_owned()).collect())
        .collect()
}

/// A file of an archived package.
fn archived_file(ws: &Workspace, package: &str, name: &str) -> String {
    let bytes = std::fs::read(ws.data().join("archive").join(package)).expect("archived package");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    zip.by_name(name).expect("in the package").read_to_string(&mut text).expect("UTF-8");
    text
}

#[test]
fn the_trend_shows_each_quarter_as_its_appendix_printed_it() {
    let ws = Workspace::sample();
    ws.ok("build", &["--quarter", "2024-Q2", "-q"]);
    let md = ws.read_text("2024-Q2", "bao-cao.md");
    assert!(md.contains("| Chỉ tiêu | Quý I | 6 tháng |\n"), "{md}");
    // By hand: 3.870 / 16.068 = 24,09%; 10.111,7 / 16.068 = 62,93%.
    assert!(md.contains("| Thu ngân sách nhà nước trên địa bàn | 24,09% | 62,93% |\n"), "{md}");
    let rows = trend_rows(&md);
    assert!((2..=5).contains(&rows.len()), "{rows:?}");
    let q1 = archived_file(&ws, "goi-bao-cao-2024-Q1.zip", "phu-luc-1.md");
    let q2 = ws.read_text("2024-Q2", "phu-luc-1.md");
    for r in &rows {
        assert_eq!(r[1], plan_cell(&q1, &r[0]), "quý I of {} as the archived Phụ lục 1 printed it", r[0]);
        assert_eq!(r[2], plan_cell(&q2, &r[0]), "6 tháng of {} as this Phụ lục 1 prints it", r[0]);
    }
    // Headline flows first, then the others, in plan order.
    assert_eq!(rows[0][0], "Thu ngân sách nhà nước trên địa bàn");
    // The sample's quý I package is a draft, and the note says so.
    assert!(
        md.contains(
            "theo gói báo cáo đã gửi: quý I (archive/goi-bao-cao-2024-Q1.zip, bản dự thảo chưa ban hành)"
        ),
        "{md}"
    );
    let pdf = pdf_text(&ws.read("2024-Q2", "bao-cao.pdf"));
    assert!(pdf.contains("Tiến độ thực hiện một số chỉ tiêu chủ yếu năm 2024"), "{pdf}");
    assert!(pdf.contains("62,93%") && pdf.contains("Kế hoạch năm (100%)"), "{pdf}");
    // Quý I has nothing earlier in its year: no trend.
    ws.ok("build", &["--quarter", "2024-Q1", "-q"]);
    assert!(!ws.read_text("2024-Q1", "bao-cao.md").contains("Tiến độ thực hiện một số chỉ tiêu"));
}

/// Writes `agency`'s quý IV form with the given cumulative values (the rest as
/// [`Form::valid_in`] fills them); with `done`, every task of its is reported done.
fn submit_q4(ws: &Workspace, agency: &str, values: &[(&str, f64)], done: bool) {
    let plan = ws.plan();
    let mut form = Form::valid_in(&plan, agency, "2024-Q4", "14/12/2024", (2024, 12, 10));
    form.set_info(info::PHONE, t("0204 3854 123"));
    for (code, v) in values {
        let row = form.sheet(baocao::contract::SHEET_MEASURES).row(code);
        row.set("Thực hiện lũy kế đến hết quý", W::Num(*v));
        row.set("Ước thực hiện cả năm", W::Num(*v));
    }
    if done {
        for row in &mut form.sheet(baocao::contract::SHEET_TASKS).rows {
            row.set("Tình trạng", t("Hoàn thành"));
        }
    }
    ws.write(&format!("submissions/2024-Q4/{agency}.xlsx"), &form.xlsx());
}

#[test]
fn a_year_report_states_the_year_against_the_plan() {
    let ws = Workspace::sample();
    // Quý II is archived as sent; quý III has neither package nor submissions.
    ws.ok("build", &["--quarter", "2024-Q2", "--archive", "-q"]);
    submit_q4(&ws, "STC", &[("CT05", 17000.0)], true);
    submit_q4(&ws, "SCT", &[("CT07", 680000.0), ("CT08", 61.0), ("CT09", 30.0), ("CT11", 50000.0)], false);
    ws.ok("build", &["--quarter", "2024-Q4", "-q"]);
    let md = ws.read_text("2024-Q4", "bao-cao.md");

    // Counted by hand: CT05 17.000 ≥ 16.068, CT07 680.000 ≥ khoảng 665.700 and CT08 61 ≥ 60 are
    // met; CT09 30 < 33 (90,91%) and CT11 50.000 < khoảng 64.000 (78,13%) missed; the other
    // 15 indicators have no figure (nobody else reported).
    assert!(
        md.contains(
            "Năm 2024 có 3/20 chỉ tiêu chủ yếu đạt và vượt kế hoạch; 2 chỉ tiêu không đạt kế hoạch; 15 chỉ tiêu chưa có số liệu."
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "- Đạt và vượt kế hoạch (3 chỉ tiêu): Thu ngân sách nhà nước trên địa bàn; Giá trị sản xuất công nghiệp; Tổng kim ngạch xuất nhập khẩu."
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "- Không đạt kế hoạch (2 chỉ tiêu): Kim ngạch xuất khẩu (ước đạt 30 tỷ USD, bằng 90,9% kế hoạch năm (33 tỷ USD)); Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng (ước đạt 50.000 tỷ đồng, bằng 78,1% kế hoạch năm (khoảng 64.000 tỷ đồng))."
        ),
        "{md}"
    );
    assert!(md.contains("- Chưa có số liệu (15 chỉ tiêu): Tốc độ tăng trưởng tổng sản phẩm"), "{md}");

    // Tasks done in the year, counted from the consolidated statuses.
    let summary: serde_json::Value =
        serde_json::from_str(&ws.read_text("2024-Q4", "tong-hop.json")).expect("tong-hop.json");
    let tasks = summary["tasks"].as_array().expect("tasks");
    let with = |s: &str| tasks.iter().filter(|t| t["status"] == s).count();
    let (on_time, late) = (with("done-on-time"), with("done-late"));
    assert_eq!(tasks.len(), 169);
    assert!(on_time + late > 0, "the finance department reported its tasks done");
    let split = match (on_time, late) {
        (_, 0) => "đều đúng hạn".to_owned(),
        (0, _) => "đều quá hạn".to_owned(),
        (a, b) => format!("{a} đúng hạn, {b} quá hạn"),
    };
    let done = format!(
        "Về thực hiện nhiệm vụ: trong năm đã hoàn thành {}/169 nhiệm vụ ({split}); còn ",
        on_time + late
    );
    assert!(md.contains(&done), "{done}\n{md}");
    let silent = with("not-reported");
    assert!(silent > 0 && md.contains(&format!("; {silent} chưa báo cáo.")), "{md}");

    // Section IV: next year's directions are the department's; the draft asks for them.
    assert!(
        md.contains("## IV. NHIỆM VỤ, GIẢI PHÁP NĂM 2025\n\n### 1. Phương hướng, mục tiêu năm 2025\n"),
        "{md}"
    );
    assert!(md.contains("Sở Kế hoạch và Đầu tư bổ sung phương hướng, mục tiêu"), "{md}");
    assert!(md.contains("### 2. Nhiệm vụ, giải pháp chủ yếu năm 2025"), "{md}");

    // The trend over the quarters archived (quý I shipped, quý II just archived) and this one.
    assert!(md.contains("| Chỉ tiêu | Quý I | 6 tháng | Cả năm |\n"), "{md}");
    // By hand: 17.000 / 16.068 = 105,80%.
    assert!(md.contains("| Thu ngân sách nhà nước trên địa bàn | 24,09% | 62,93% | 105,80% |\n"), "{md}");
    assert!(md.contains("| Kim ngạch xuất khẩu | 16,97% | 38,18% | 90,91% |\n"), "{md}");
    let pdf = pdf_text(&ws.read("2024-Q4", "bao-cao.pdf"));
    assert!(pdf.contains("Tiến độ thực hiện một số chỉ tiêu chủ yếu năm 2024"), "{pdf}");
    assert!(pdf.contains("Phương hướng, mục tiêu năm 2025"), "{pdf}");

    // Without them the year's report stays a draft, and the run says what is missing.
    let missing = "phương hướng, mục tiêu năm 2025 (mục `## IV.` trong notes/2024-Q4.md)";
    let run = ws.ok("build", &["--quarter", "2024-Q4"]);
    assert!(run.stderr.contains(missing), "{}", run.stderr);
    let run = ws.run("build", &["--quarter", "2024-Q4", "--final"]);
    assert!(run.code == 1 && run.stderr.contains(missing), "{}", run.stderr);

    // Once the department writes the directions, they take the placeholder's place.
    ws.write("notes/2024-Q4.md", "## IV. Phương hướng\n\nTập trung *ba đột phá* chiến lược.\n".as_bytes());
    let run = ws.ok("build", &["--quarter", "2024-Q4"]);
    assert!(!run.stderr.contains(missing), "{}", run.stderr);
    let md = ws.read_text("2024-Q4", "bao-cao.md");
    assert!(
        md.contains("### 1. Phương hướng, mục tiêu năm 2025\n\nTập trung *ba đột phá* chiến lược."),
        "{md}"
    );
    assert!(!md.contains("bổ sung phương hướng, mục tiêu"), "{md}");
    assert_eq!(md.matches("ba đột phá").count(), 1, "the notes printed once");
}

#[test]
fn quarters_before_the_fourth_keep_their_shape() {
    let ws = Workspace::sample();
    ws.ok("build", &["--quarter", "2024-Q2", "-q"]);
    let md = ws.read_text("2024-Q2", "bao-cao.md");
    assert!(!md.contains("Phương hướng, mục tiêu năm"), "{md}");
    assert!(!md.contains("chỉ tiêu chủ yếu đạt và vượt kế hoạch"), "{md}");
    assert!(md.contains("Về thực hiện nhiệm vụ: "), "{md}");
}
