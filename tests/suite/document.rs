//! The document an official signs: the period named as officials name it in each quarter, the
//! DỰ THẢO mark while issuance fields are missing, the signing date, no sentence stating a zero,
//! and lettering that starts at a).

use crate::support::pdf::{page_sizes, pdf_text};
use crate::support::workspace::Workspace;

/// The lines of a report that show how it is named and structured: the date line, the title,
/// the opening paragraph, every heading and lettered heading, captions and the appendix titles.
fn outline(md: &str) -> String {
    let mut out = Vec::new();
    for l in md.lines() {
        let keep = l.starts_with('#')
            || l.starts_with("**")
            || (l.starts_with('*') && l.ends_with('*'))
            || l.starts_with("Thực hiện Kế hoạch");
        if keep {
            out.push(l.to_owned());
        }
    }
    out.join("\n")
}

/// A plan-only workspace (no submission, so every count is zero or missing) built for `quarter`.
fn built(quarter: &str) -> (Workspace, String) {
    let ws = Workspace::plan_only();
    ws.ok("build", &["-q", "--quarter", quarter]);
    let md = ws.read_text(quarter, "bao-cao.md");
    (ws, md)
}

#[test]
fn each_quarter_is_named_as_officials_name_it() {
    for q in ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"] {
        let (ws, md) = built(q);
        let appendix = outline(&ws.read_text(q, "phu-luc-1.md"));
        let name = format!("outline_{}", q.replace('-', "_").to_lowercase());
        insta::assert_snapshot!(name, format!("{}\n--- Phụ lục 1 ---\n{appendix}", outline(&md)));
    }
}

#[test]
fn the_six_month_report_is_titled_and_sectioned_as_such() {
    let ws = Workspace::sample();
    ws.ok("build", &["-q"]);
    // No-break spaces keep the period phrases whole in the title; compare as plain spaces.
    let md = ws.read_text("2024-Q2", "bao-cao.md").replace('\u{a0}', " ");
    assert!(md.contains("6 tháng đầu năm 2024; nhiệm vụ, giải pháp 6 tháng cuối năm 2024**"), "{md}");
    assert!(md.contains("## IV. NHIỆM VỤ, GIẢI PHÁP 6 THÁNG CUỐI NĂM 2024"));
    assert!(md.contains("## III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"));
    assert!(md.contains("### 1. Đánh giá chung"));
    assert!(!md.contains("NHIỆM VỤ, GIẢI PHÁP QUÝ III"), "the look-ahead is the second half-year");
    // The report says when it must go on upward (report.upward-deadline-day of the last month).
    assert!(
        md.contains("kính báo cáo UBND tỉnh để tổng hợp, báo cáo cấp trên trước ngày 25/06/2024."),
        "{md}"
    );
    // The sample's signer is blank: a draft, marked in the Markdown and on every PDF page.
    assert!(md.starts_with("**DỰ THẢO**"), "{}", &md[..200]);
    let bytes = ws.read("2024-Q2", "bao-cao.pdf");
    let pdf = pdf_text(&bytes);
    let pages = page_sizes(&bytes).len();
    assert!(pages > 3, "{pages} pages");
    assert_eq!(pdf.matches("DỰ THẢO").count(), pages, "one mark per page:\n{pdf}");
    for appendix in ["phu-luc-1.pdf", "phu-luc-2.pdf", "phu-luc-3.pdf"] {
        assert!(pdf_text(&ws.read("2024-Q2", appendix)).contains("DỰ THẢO"), "{appendix}");
    }
    // In Word the mark is in the page headers (first page and the following ones), so it is on
    // every page of every section, and the properties say the document is a draft.
    for docx in ["bao-cao.docx", "phu-luc-2.docx", "bao-cao-day-du.docx"] {
        let d = crate::support::docx::Docx::open(&ws.read("2024-Q2", docx));
        for part in ["word/header1.xml", "word/header2.xml", "word/header3.xml"] {
            assert!(d.text(part).contains("DỰ THẢO"), "{docx} {part}");
        }
        assert!(
            d.text("docProps/core.xml").contains("<cp:contentStatus>Dự thảo</cp:contentStatus>"),
            "{docx}"
        );
    }
    // Dated the latest report date among the files used (Lục Ngạn's file of 19/6), not the
    // cut-off of 14/6: the report is never dated before its data.
    assert!(md.contains("*Bắc Giang, ngày 19 tháng 6 năm 2024*"), "{}", &md[..600]);
}

#[test]
fn an_explicit_signing_date_dates_the_report_and_holds_back_later_files() {
    let ws = Workspace::sample();
    ws.ok("build", &["-q", "--signing-date", "2024-06-20"]);
    let md = ws.read_text("2024-Q2", "bao-cao.md");
    assert!(md.contains("*Bắc Giang, ngày 20 tháng 6 năm 2024*"));
    // Signed on 18/6, Lục Ngạn's report of 19/6 cannot be in it: the file is not used, and the
    // overview says why.
    ws.ok("build", &["-q", "--signing-date", "2024-06-18"]);
    let md = ws.read_text("2024-Q2", "bao-cao.md");
    assert!(md.contains("*Bắc Giang, ngày 18 tháng 6 năm 2024*"));
    let overview = ws.read_text("2024-Q2", "tiep-nhan.md");
    assert!(overview.contains("sau ngày ký báo cáo tổng hợp 18/06/2024"), "{overview}");
    let json = ws.json();
    let files = json["files"].as_array().expect("files");
    let held: Vec<&serde_json::Value> = files
        .iter()
        .filter(|f| f["status"]["kind"] == "ignored" && f["report_date"] == "2024-06-19")
        .collect();
    assert_eq!(held.len(), 1, "{files:#?}");
}

#[test]
fn final_refuses_a_draft_and_lists_what_is_missing() {
    let ws = Workspace::sample();
    let run = ws.run("build", &["-q", "--final"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for missing in
        ["số báo cáo", "ngày ký báo cáo", "họ và tên người ký", "số của Kế hoạch", "ngày ban hành Kế hoạch"]
    {
        assert!(run.stderr.contains(missing), "{missing}: {}", run.stderr);
    }
    assert!(!ws.quarter("2024-Q2").join("bao-cao.pdf").exists(), "nothing is written");
}

#[test]
fn with_every_field_given_there_is_no_draft_mark() {
    let ws = Workspace::final_sample();
    let run = ws.ok("build", &["-q", "--final"]);
    assert!(!run.stderr.contains("DỰ THẢO"), "{}", run.stderr);
    let md = ws.read_text("2024-Q2", "bao-cao.md");
    assert!(!md.contains("DỰ THẢO"));
    assert!(md.contains("Số: 125/BC-SKHĐT"));
    assert!(md.contains("Kế hoạch số 15/KH-UBND ngày 12/01/2024"));
    assert!(md.contains("**Nguyễn Văn An**"));
    assert!(md.contains("ngày 20 tháng 6 năm 2024"));
    for pdf in ["bao-cao.pdf", "phu-luc-1.pdf", "bao-cao-day-du.pdf"] {
        assert!(!pdf_text(&ws.read("2024-Q2", pdf)).contains("DỰ THẢO"), "{pdf}");
    }
    for docx in ["bao-cao.docx", "phu-luc-3.docx", "bao-cao-day-du.docx"] {
        let d = crate::support::docx::Docx::open(&ws.read("2024-Q2", docx));
        for part in ["word/header1.xml", "word/header2.xml", "word/header3.xml", "word/document.xml"] {
            assert!(!d.text(part).contains("DỰ THẢO"), "{docx} {part}");
        }
        assert!(!d.text("docProps/core.xml").contains("Dự thảo"), "{docx}");
    }
    let word = crate::support::docx::Docx::open(&ws.read("2024-Q2", "bao-cao.docx")).all_text();
    assert!(word.contains("Số: 125/BC-SKHĐT") && word.contains("Nguyễn Văn An"), "{word}");
    assert!(ws.read_text("2024-Q2", "phu-luc-1.md").contains("Báo cáo số 125/BC-SKHĐT ngày 20/06/2024"));
}

/// Sentences (outside tables) that state a zero: `0 cơ quan`, `: 0`, `(0/20`.
fn zero_clauses(md: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in md.lines().filter(|l| !l.trim_start().starts_with('|')) {
        let chars: Vec<char> = line.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if *c != '0' {
                continue;
            }
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            let next = chars.get(i + 2).copied();
            let starts = before.is_none_or(|b| b.is_whitespace() || "(:;/".contains(b));
            let decimal = matches!(after, Some(',' | '.')) && next.is_some_and(|n| n.is_ascii_digit());
            let ends = after.is_none_or(|a| a.is_whitespace() || ",;.)/%".contains(a));
            if starts && ends && !decimal {
                found.push(line.to_owned());
                break;
            }
        }
    }
    found
}

#[test]
fn no_sentence_states_a_zero() {
    assert_eq!(
        zero_clauses("có 0 cơ quan; đạt 0,21 điểm; (0/20 cơ quan); 10 cơ quan; ngày 20/01"),
        ["có 0 cơ quan; đạt 0,21 điểm; (0/20 cơ quan); 10 cơ quan; ngày 20/01"]
    );
    assert!(zero_clauses("đạt 0,21 điểm; 10 cơ quan; 2.050 tỷ; ngày 20/01/2024").is_empty());
    let sample = Workspace::sample();
    sample.ok("build", &["-q"]);
    let mut docs = vec![("sample 2024-Q2".to_owned(), sample.read_text("2024-Q2", "bao-cao.md"))];
    for q in ["2024-Q1", "2024-Q3", "2024-Q4"] {
        docs.push((format!("plan only {q}"), built(q).1));
    }
    for (name, md) in docs {
        let zeros = zero_clauses(&md);
        assert!(zeros.is_empty(), "{name}: {zeros:#?}");
    }
}

/// The lettered headings of each numbered part, in order: every run of letters starts at a)
/// and follows a), b), c), d), đ), e), … without a gap.
#[test]
fn lettering_starts_at_a_in_every_part() {
    const ORDER: [&str; 10] = ["a)", "b)", "c)", "d)", "đ)", "e)", "g)", "h)", "i)", "k)"];
    let sample = Workspace::sample();
    sample.ok("build", &["-q"]);
    let mut docs = vec![sample.read_text("2024-Q2", "bao-cao.md")];
    docs.push(built("2024-Q1").1);
    for md in docs {
        let mut expected = 0;
        let mut seen = 0;
        for l in md.lines() {
            if l.starts_with('#') {
                expected = 0; // a new numbered part restarts the letters
                continue;
            }
            let Some(rest) = l.strip_prefix("**") else { continue };
            let Some(letter) = ORDER.iter().find(|x| rest.starts_with(&format!("{x} "))) else { continue };
            assert_eq!(*letter, ORDER[expected], "out of order at: {l}");
            expected += 1;
            seen += 1;
        }
        assert!(seen > 0, "no lettered heading at all");
    }
}

#[test]
fn a_malformed_issuance_file_is_named_with_its_line() {
    let ws = Workspace::sample();
    ws.write("issuance/2024-Q2.yaml", "number: \"125\"\nsigner: Nguyễn Văn An\n".as_bytes());
    let run = ws.run("build", &["-q"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("issuance/2024-Q2.yaml:2"), "{}", run.stderr);
    assert!(!ws.quarter("2024-Q2").join("bao-cao.md").exists(), "nothing is written");
}
