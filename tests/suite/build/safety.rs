//! Text typed in a spreadsheet prints literally in the PDF and the Markdown, and never changes
//! the documents' structure.

use baocao::forms::{FormFill, MeasureFill, TaskFill, write_form};
use baocao::period::Quarter;
use baocao::plan::{AgencyCode, load_plan};

use crate::support::pdf::{contains_text, pdf_text};
use crate::support::workspace::Workspace;

const NASTY: &str = "#read(\"/etc/passwd\") $x$ *a* _b_ | <b> @ref // c =1+1";

/// Replaces SKHDT's Q2 submission by one whose texts are markup.
fn plant(ws: &Workspace) {
    plant_result(ws, NASTY);
}

/// Replaces SKHDT's Q2 submission by one whose task 1.2.b result is `text` (and whose other
/// texts are markup).
pub(crate) fn plant_result(ws: &Workspace, text: &str) {
    let plan = load_plan(&ws.data(), 2024).expect("the plan loads").plan;
    let agency = AgencyCode::from("SKHDT");
    let quarter = Quarter::new(2024, 2).expect("2024-Q2");
    let mut fill = FormFill { report_date: quarter.deadline(10).into(), ..FormFill::default() };
    for t in plan.obligations(&agency).tasks {
        let result =
            if t.id.as_str() == "1.2.b" { text.to_owned() } else { "Đang thực hiện.".to_owned() };
        fill.tasks.insert(
            t.id.0.clone(),
            TaskFill {
                status: Some("Đang thực hiện".into()),
                progress: None,
                result: Some(result),
                issues: None,
            },
        );
    }
    fill.tasks.entry("1.2.b".into()).or_default().issues = Some(format!("dòng một\n\n{NASTY}"));
    fill.measures
        .insert("7.1.b-1".into(), MeasureFill { note: Some(NASTY.into()), ..MeasureFill::default() });
    let bytes = write_form(&plan, &agency, quarter, Some(&fill)).expect("a form");
    std::fs::write(ws.data().join("submissions/2024-Q2/SKHDT.xlsx"), bytes).expect("planted");
}

/// The number of `|` not escaped by a backslash.
fn unescaped_pipes(line: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in line.chars() {
        match (c, escaped) {
            ('\\', false) => escaped = true,
            ('|', false) => n += 1,
            _ => escaped = false,
        }
    }
    n
}

/// Every table row has as many cell separators as its header row.
fn assert_tables_intact(md: &str) {
    let mut header: Option<usize> = None;
    for line in md.lines() {
        if line.starts_with('|') {
            let n = unescaped_pipes(line);
            match header {
                None => header = Some(n),
                Some(h) => assert_eq!(n, h, "a table row lost or gained a column: {line}"),
            }
        } else {
            header = None;
        }
    }
}

/// The Markdown heading lines, in order.
fn headings(md: &str) -> Vec<&str> {
    md.lines().filter(|l| l.starts_with('#')).collect()
}

#[test]
fn spreadsheet_text_stays_literal() {
    // The baseline differs from the planted run only in task 1.2.b's result text (the report
    // groups and de-duplicates the agencies' texts, so the sample's own texts would not do).
    let clean = Workspace::sample();
    plant_result(&clean, "Đang thực hiện.");
    clean.ok("build", &["-q"]);
    let ws = Workspace::sample();
    plant(&ws);
    ws.ok("package", &["-q"]);
    let p3 = ws.read("2024-Q2", "phu-luc-3.pdf");
    assert!(contains_text(&p3, NASTY), "the PDF prints the text as typed:\n{}", pdf_text(&p3));
    assert!(!pdf_text(&p3).contains("root:"), "no file was read");
    for name in ["bao-cao.md", "phu-luc-1.md", "phu-luc-2.md", "phu-luc-3.md"] {
        let md = ws.read_text("2024-Q2", name);
        let before = clean.read_text("2024-Q2", name);
        assert_tables_intact(&md);
        assert_eq!(headings(&md), headings(&before), "{name}: the headings are unchanged");
    }
    let md = ws.read_text("2024-Q2", "phu-luc-3.md");
    assert!(
        md.contains("\\#read(\"/etc/passwd\") \\$x\\$ \\*a\\* \\_b\\_ \\| \\<b\\> @ref // c =1+1"),
        "escaped in Markdown"
    );
    let files =
        baocao::package::archive::read_zip(&ws.read("2024-Q2", "goi-bao-cao-2024-Q2.zip")).expect("a zip");
    let book = crate::support::sheets::Book::from_bytes(&files["phu-luc.xlsx"]);
    let texts: Vec<String> =
        book.sheet("Phụ lục 3").used_cells().map(|(_, _, d)| crate::support::sheets::text(d)).collect();
    assert!(texts.iter().any(|t| t == NASTY), "`=1+1` stays text in phu-luc.xlsx");
    let pages = |w: &Workspace| crate::support::pdf::page_sizes(&w.read("2024-Q2", "bao-cao.pdf")).len();
    assert_eq!(pages(&ws), pages(&clean), "the report keeps its length");
}

#[test]
fn quoted_results_print_literally_in_the_report_pdf() {
    // The report quotes the agencies' results per task group (section II.3). With SKHDT the only
    // agency reporting, its results are the ones quoted, markup and all.
    let ws = Workspace::plan_only();
    let plan = ws.plan();
    let agency = AgencyCode::from("SKHDT");
    let quarter = Quarter::new(2024, 2).expect("2024-Q2");
    let mut fill = FormFill { report_date: quarter.deadline(10).into(), ..FormFill::default() };
    for t in plan.obligations(&agency).tasks {
        let task = TaskFill {
            status: Some("Đang thực hiện".into()),
            progress: None,
            result: Some(NASTY.into()),
            issues: None,
        };
        fill.tasks.insert(t.id.0.clone(), task);
    }
    ws.submit("SKHDT.xlsx", &write_form(&plan, &agency, quarter, Some(&fill)).expect("a form"));
    ws.ok("build", &["--quarter", "2024-Q2", "-q"]);
    let report = ws.read("2024-Q2", "bao-cao.pdf");
    let text = pdf_text(&report);
    assert!(contains_text(&report, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "{text}");
    assert!(contains_text(&report, "quý II/2024"), "{text}");
    assert!(contains_text(&report, NASTY), "the report quotes the result as typed:\n{text}");
    assert!(!text.contains("root:"), "no file was read");
}

#[test]
fn one_huge_word_in_a_task_result_cannot_stop_the_build() {
    let ws = Workspace::sample();
    let word = "Đ".repeat(32_767);
    plant_result(&ws, &word);
    let run = ws.ok("build", &["--quarter", "2024-Q2"]);
    assert!(
        run.stderr.contains("[noi-dung-qua-dai]") || ws.overview().contains("noi-dung-qua-dai"),
        "{}",
        run.stderr
    );
    let json: serde_json::Value =
        serde_json::from_slice(&ws.read("2024-Q2", "tong-hop.json")).expect("tong-hop.json");
    assert!(json.to_string().contains(&word), "the full text stays in tong-hop.json");
    let md = ws.read_text("2024-Q2", "phu-luc-3.md");
    assert!(!md.contains(&word) && md.contains(&"Đ".repeat(100)), "cut in the documents");
    assert!(ws.receipt("SKHDT").contains("Nội dung dài 32.767 ký tự"));
}
