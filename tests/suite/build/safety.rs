//! Text typed in a spreadsheet prints literally in the PDF and the Markdown, and never changes
//! the documents' structure.

use baocao::forms::{FormFill, MeasureFill, TaskFill, write_form};
use baocao::period::Quarter;
use baocao::plan::{AgencyCode, load_plan};

use crate::common::pdf::{contains_text, pdf_text};
use crate::support::Workspace;

const NASTY: &str = "#read(\"/etc/passwd\") $x$ *a* _b_ | <b> @ref // c =1+1";

/// Replaces SKHDT's Q2 submission by one whose texts are markup.
fn plant(ws: &Workspace) {
    let plan = load_plan(&ws.data(), 2024).expect("the plan loads").plan;
    let agency = AgencyCode::from("SKHDT");
    let quarter = Quarter::new(2024, 2).expect("2024-Q2");
    let mut fill = FormFill { report_date: quarter.deadline(10).into(), ..FormFill::default() };
    for t in plan.obligations(&agency).tasks {
        let result =
            if t.id.as_str() == "1.2.b" { NASTY.to_owned() } else { "Đang thực hiện.".to_owned() };
        fill.tasks.insert(
            t.id.0.clone(),
            TaskFill { status: Some("Đang thực hiện".into()), result: Some(result), issues: None },
        );
    }
    fill.tasks.entry("1.2.b".into()).or_default().issues = Some(format!("dòng một\n\n{NASTY}"));
    fill.measures
        .insert("7.1.b-1".into(), MeasureFill { note: Some(NASTY.into()), ..MeasureFill::default() });
    let bytes = write_form(&plan, &agency, quarter, Some(&fill)).expect("a form");
    std::fs::write(ws.data().join("submissions/2024-Q2/SKHDT.xlsx"), bytes).expect("planted");
}

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

fn headings(md: &str) -> Vec<&str> {
    md.lines().filter(|l| l.starts_with('#')).collect()
}

#[test]
fn spreadsheet_text_stays_literal() {
    let clean = Workspace::sample();
    clean.ok("build", &["-q"]);
    let ws = Workspace::sample();
    plant(&ws);
    ws.ok("package", &["-q"]);
    let p3 = ws.read("2024-Q2", "phu-luc-3.pdf");
    assert!(contains_text(&p3, NASTY), "the PDF prints the text as typed:\n{}", pdf_text(&p3));
    assert!(!pdf_text(&p3).contains("root:"), "no file was read");
    for name in ["bao-cao.md", "phu-luc-1.md", "phu-luc-2.md", "phu-luc-3.md"] {
        let md = String::from_utf8(ws.read("2024-Q2", name)).expect("UTF-8");
        let before = String::from_utf8(clean.read("2024-Q2", name)).expect("UTF-8");
        assert_tables_intact(&md);
        assert_eq!(headings(&md), headings(&before), "{name}: the headings are unchanged");
    }
    let md = String::from_utf8(ws.read("2024-Q2", "phu-luc-3.md")).expect("UTF-8");
    assert!(
        md.contains("\\#read(\"/etc/passwd\") \\$x\\$ \\*a\\* \\_b\\_ \\| \\<b\\> @ref // c =1+1"),
        "escaped in Markdown"
    );
    let files =
        baocao::package::archive::read_zip(&ws.read("2024-Q2", "goi-bao-cao-2024-Q2.zip")).expect("a zip");
    let book = crate::common::sheets::Book::from_bytes(&files["phu-luc.xlsx"]);
    let texts: Vec<String> =
        book.sheet("Phụ lục 3").used_cells().map(|(_, _, d)| crate::common::sheets::text(d)).collect();
    assert!(texts.iter().any(|t| t == NASTY), "`=1+1` stays text in phu-luc.xlsx");
    let pages = |w: &Workspace| crate::common::pdf::page_sizes(&w.read("2024-Q2", "bao-cao.pdf")).len();
    assert_eq!(pages(&ws), pages(&clean), "the report keeps its length");
}
