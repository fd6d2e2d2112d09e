//! The Word documents (`*.docx`): the Nghị định 30 layout in Word terms, the same text and
//! figures as the Markdown and the PDF, charts as images, and text from spreadsheets kept as text.

use crate::support::docx::{Docx, Page, W, child, is, text_of};
use unicode_normalization::UnicodeNormalization;

use crate::support::pdf::page_texts;
use crate::support::workspace::Workspace;

/// Portrait and landscape A4 with the decree's margins (top, right, bottom, left: 20, 15, 20,
/// 30 mm), each section numbered from 1 with no number on its first page.
const PORTRAIT: Page =
    Page { size: (11906, 16838), landscape: false, margins: (1134, 850, 1134, 1701), restarts: true };
const LANDSCAPE: Page =
    Page { size: (16838, 11906), landscape: true, margins: (1134, 850, 1134, 1701), restarts: true };

/// The figures and words of a Markdown text, its escapes and emphasis marks removed, spaces
/// collapsed.
fn plain_markdown(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut chars = md.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '*' => {}
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn word_documents_have_the_decree_layout() {
    let ws = Workspace::sample();
    ws.ok("build", &["--quarter", "2024-Q2", "-q"]);
    let open = |name: &str| Docx::open(&ws.read("2024-Q2", name));
    let expected: [(&str, Vec<Page>); 5] = [
        ("bao-cao.docx", vec![PORTRAIT]),
        ("phu-luc-1.docx", vec![LANDSCAPE]),
        ("phu-luc-2.docx", vec![LANDSCAPE]),
        ("phu-luc-3.docx", vec![LANDSCAPE]),
        ("bao-cao-day-du.docx", vec![PORTRAIT, LANDSCAPE, LANDSCAPE, LANDSCAPE]),
    ];
    for (name, pages) in expected {
        let d = open(name);
        assert_eq!(d.pages(), pages, "{name}: sections");
        // Times New Roman 14 pt in the document defaults, and Word's own heading styles.
        d.with_xml("word/styles.xml", |s| {
            let fonts = s
                .descendants()
                .find(|n| is(n, "rPrDefault"))
                .and_then(|n| n.descendants().find(|f| is(f, "rFonts")));
            assert_eq!(fonts.and_then(|f| f.attribute((W, "ascii"))), Some("Times New Roman"), "{name}");
            let size = s
                .descendants()
                .find(|n| is(n, "rPrDefault"))
                .and_then(|n| n.descendants().find(|f| is(f, "sz")));
            assert_eq!(size.and_then(|f| f.attribute((W, "val"))), Some("28"), "{name}: 14 pt");
            for heading in ["Heading1", "Heading2", "Heading3", "Normal", "BangSo"] {
                assert!(
                    s.descendants().any(|n| is(&n, "style") && n.attribute((W, "styleId")) == Some(heading)),
                    "{name}: style {heading}"
                );
            }
        });
        // The page number from page 2 is a PAGE field in the header of the following pages.
        assert!(d.text("word/header2.xml").contains("w:instr=\" PAGE \""), "{name}");
        assert!(!d.text("word/header1.xml").contains("PAGE"), "{name}: none on a first page");
        // Every data table repeats its header row and right-aligns its figures.
        let tables = d.tables();
        assert!(tables.iter().any(|t| t.style == "BangSoLieu"), "{name}: a data table");
        for t in tables.iter().filter(|t| t.style == "BangSoLieu") {
            assert!(t.rows[0].0, "{name}: the header row repeats on every page: {:?}", t.rows[0].1);
            assert!(t.rows[1..].iter().all(|(head, _)| !head), "{name}: only the header repeats");
        }
        d.with_xml("word/document.xml", |doc| {
            let cells = doc.descendants().filter(|n| is(n, "tc"));
            let mut figures = 0;
            for cell in cells {
                let text = text_of(&cell);
                let figure = !text.is_empty()
                    && text.chars().all(|c| c.is_ascii_digit() || ".,%+-−".contains(c))
                    && text.chars().any(|c| c.is_ascii_digit())
                    && text.contains(',');
                if figure {
                    figures += 1;
                    let style =
                        cell.descendants().find(|n| is(n, "pStyle")).and_then(|s| s.attribute((W, "val")));
                    assert_eq!(style, Some("BangSo"), "{name}: {text} is right-aligned");
                }
            }
            assert!(figures > 5 || name == "phu-luc-3.docx", "{name}: {figures} figures checked");
        });
    }

    // Page 1: the two-column header as a borderless table, the title, the signature.
    let report = open("bao-cao.docx");
    let header = &report.tables()[0];
    assert_eq!(header.style, "KhongKe", "borderless");
    let (left, right) = (&header.rows[0].1[0], &header.rows[0].1[1]);
    assert!(left.contains("UBND TỈNH BẮC GIANG") && left.contains("SỞ KẾ HOẠCH VÀ ĐẦU TƯ"), "{left}");
    assert!(left.contains("Số:") && left.contains("/BC-SKHĐT"), "{left}");
    assert!(right.starts_with("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"), "{right}");
    assert!(right.contains("Bắc Giang, ngày 19 tháng 6 năm 2024"), "{right}");
    let paragraphs = report.paragraphs();
    assert!(paragraphs.iter().any(|p| p == "BÁO CÁO"), "the document type");
    assert!(paragraphs.iter().any(|p| p == "II. KẾT QUẢ THỰC HIỆN"), "section headings");
    report.with_xml("word/document.xml", |doc| {
        let heading = doc
            .descendants()
            .find(|n| is(n, "p") && text_of(n) == "II. KẾT QUẢ THỰC HIỆN")
            .and_then(|p| p.descendants().find(|s| is(s, "pStyle")))
            .and_then(|s| s.attribute((W, "val")));
        assert_eq!(heading, Some("Heading1"), "a real Word heading");
        // The place and date line is italic.
        let date = doc
            .descendants()
            .find(|n| is(n, "p") && text_of(n).starts_with("Bắc Giang, ngày"))
            .expect("date");
        assert!(date.descendants().any(|n| is(&n, "i")), "italic");
    });
    let signature = report.tables().pop().expect("signature block");
    let cells = &signature.rows[0].1;
    assert!(cells[0].starts_with("Nơi nhận:") && cells[0].contains("- Lưu: VT, TH."), "{cells:?}");
    assert!(cells[1].contains("GIÁM ĐỐC"), "{cells:?}");

    // The charts are PNG images with their alt text, referenced from the body.
    let rels = report.text("word/_rels/document.xml.rels");
    for chart in ["trend", "growth", "status"] {
        let png = &report.parts[&format!("word/media/{chart}.png")];
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{chart}.png is a PNG");
        assert!(rels.contains(&format!("Target=\"media/{chart}.png\"")), "{chart}");
    }
    report.with_xml("word/document.xml", |doc| {
        let alts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "docPr")
            .filter_map(|n| n.attribute("descr"))
            .collect();
        assert_eq!(alts.len(), 3, "{alts:?}");
        assert!(alts.contains(&"Tình trạng thực hiện nhiệm vụ theo nhóm"), "{alts:?}");
    });
    assert!(!open("phu-luc-1.docx").parts.keys().any(|k| k.starts_with("word/media/")), "no unused images");
    let core = report.text("docProps/core.xml");
    assert!(core.contains("<dc:creator>SỞ KẾ HOẠCH VÀ ĐẦU TƯ</dc:creator>"), "{core}");
    assert!(core.contains("2024-06-19T00:00:00Z"), "dated the signing date, not the clock: {core}");
}

#[test]
fn word_says_what_the_markdown_and_the_pdf_say() {
    let ws = Workspace::sample();
    ws.ok("build", &["--quarter", "2024-Q2", "-q"]);
    // The report: every paragraph and cell of the Word file is in the Markdown (charts' captions
    // aside, which Word numbers), and in the PDF.
    let report = Docx::open(&ws.read("2024-Q2", "bao-cao.docx"));
    let md = plain_markdown(&ws.read_text("2024-Q2", "bao-cao.md"));
    // Line breaks in the PDF fall after hyphens ("PT-" / "TH"), which its text drops: compare
    // without spaces and hyphens, and without the page furniture (number, DỰ THẢO) a paragraph
    // running over a page break is interrupted by.
    let bare = |s: &str| -> String { s.nfc().filter(|c| !c.is_whitespace() && *c != '-').collect() };
    let pages = page_texts(&ws.read("2024-Q2", "bao-cao.pdf"));
    let body: Vec<&str> = pages
        .iter()
        .flat_map(|p| p.lines())
        .filter(|l| l.trim() != "DỰ THẢO" && !l.trim().chars().all(|c| c.is_ascii_digit()))
        .collect();
    let pdf = bare(&body.join(" "));
    let mut checked = 0;
    for p in report.all_text().lines().map(squeeze).filter(|p| !p.is_empty()) {
        // Charts' captions ("Biểu đồ 2: …", numbered as in the PDF) are not in the Markdown,
        // which shows each chart's figures as a table instead.
        let caption = p
            .strip_prefix("Biểu đồ ")
            .is_some_and(|r| r.split_once(": ").is_some_and(|(n, _)| n.parse::<u32>().is_ok()));
        assert!(caption || md.contains(&p), "not in bao-cao.md: {p}");
        assert!(pdf.contains(&bare(&p)), "not in bao-cao.pdf: {p}");
        checked += 1;
    }
    assert!(checked > 150, "{checked} paragraphs");
    // The appendices: each table row of the Word file is the Markdown table's row, cell by cell.
    for n in 1..=3 {
        let md = ws.read_text("2024-Q2", &format!("phu-luc-{n}.md"));
        let md_rows: Vec<Vec<String>> = md
            .lines()
            .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
            .map(|l| split_row(l).into_iter().map(|c| plain_markdown(&c)).collect())
            .collect();
        let word = Docx::open(&ws.read("2024-Q2", &format!("phu-luc-{n}.docx")));
        let word_rows: Vec<Vec<String>> = word
            .tables()
            .into_iter()
            .flat_map(|t| t.rows)
            .map(|(_, cells)| cells.iter().map(|c| squeeze(c)).collect())
            .collect();
        assert_eq!(word_rows.len(), md_rows.len(), "phu-luc-{n}: rows");
        for w in &word_rows {
            let w: Vec<&str> = w.iter().map(String::as_str).filter(|c| !c.is_empty()).collect();
            let w = w.join(" | ");
            assert!(md_rows_text(&md_rows, &w), "phu-luc-{n}: a Word row not in the Markdown: {w}");
        }
    }
}

/// True when some Markdown row holds the same non-empty cells as `word_row` (a Word group row is
/// one spanning cell `N. Title`, its Markdown row two cells `N` and `Title`).
fn md_rows_text(md_rows: &[Vec<String>], word_row: &str) -> bool {
    md_rows.iter().any(|m| {
        let cells: Vec<&str> = m.iter().map(String::as_str).filter(|c| !c.is_empty()).collect();
        let joined = cells.join(" | ");
        joined == word_row || (cells.len() == 2 && format!("{}. {}", cells[0], cells[1]) == word_row)
    })
}

/// The cells of a Markdown table row, split at unescaped `|`.
fn split_row(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in line.trim().trim_matches('|').chars() {
        match (c, escaped) {
            ('\\', false) => {
                escaped = true;
                cells.last_mut().expect("a cell").push(c);
            }
            ('|', false) => cells.push(String::new()),
            _ => {
                escaped = false;
                cells.last_mut().expect("a cell").push(c);
            }
        }
    }
    cells.into_iter().map(|c| c.trim().to_owned()).collect()
}

#[test]
fn spreadsheet_markup_stays_text_in_word() {
    // A task result typed as WordprocessingML: printed as text in Phụ lục 3, the part still
    // well-formed, no element added.
    let ws = Workspace::sample();
    let nasty = "</w:t></w:r></w:p><w:p><w:r><w:t>CHÈN</w:t></w:r></w:p> & \u{1} ]]> \"x\"";
    crate::build::safety::plant_result(&ws, nasty);
    ws.ok("build", &["--quarter", "2024-Q2", "-q"]);
    for name in ["phu-luc-3.docx", "bao-cao-day-du.docx"] {
        let d = Docx::open(&ws.read("2024-Q2", name));
        let text = d.all_text();
        assert!(
            text.contains("</w:t></w:r></w:p><w:p><w:r><w:t>CHÈN</w:t></w:r></w:p> & "),
            "{name}: literal"
        );
        assert!(!text.lines().any(|l| l == "CHÈN"), "{name}: no paragraph was injected");
        assert!(!text.contains('\u{1}'), "{name}: a control character cannot reach the XML");
    }
}

#[test]
fn notes_reach_word_formatted_and_escaped() {
    let ws = Workspace::sample();
    ws.write(
        "notes/2024-Q2.md",
        "## II.3. Tăng trưởng\n\nSở nhận định *tích cực*: **tăng trưởng** khá.\n\n- ý một <w:br/>\n- ý hai\n\n| Ngành | % |\n|---|--:|\n| Dịch vụ | 6,42 |\n"
            .as_bytes(),
    );
    ws.ok("build", &["--quarter", "2024-Q2", "-q"]);
    let d = Docx::open(&ws.read("2024-Q2", "bao-cao.docx"));
    d.with_xml("word/document.xml", |doc| {
        let p = doc
            .descendants()
            .find(|n| is(n, "p") && text_of(n).starts_with("Sở nhận định"))
            .expect("the note");
        let italic = p.descendants().find(|r| is(r, "r") && text_of(r) == "tích cực").expect("a run");
        assert!(child(&child(&italic, "rPr").expect("props"), "i").is_some(), "emphasis is italic");
        assert!(
            doc.descendants().any(|n| is(&n, "p") && text_of(&n) == "- ý một <w:br/>"),
            "a list item, markup as text"
        );
        assert!(!doc.descendants().any(|n| is(&n, "br")), "no break was injected");
    });
    let table = d
        .tables()
        .into_iter()
        .find(|t| t.rows.iter().any(|(_, c)| c == &["Dịch vụ", "6,42"]))
        .expect("the notes' table");
    assert!(table.rows[0].0, "its header repeats");
}

#[test]
fn a_reference_docx_restyles_the_word_documents() {
    // As pandoc's --reference-doc: a bao-cao.docx whose styles the office changed in Word, saved
    // as templates/tham-chieu.docx, gives its styles to every Word document of the next build.
    let ws = Workspace::sample();
    ws.ok("build", &["--quarter", "2024-Q2", "-q"]);
    let mut parts = Docx::open(&ws.read("2024-Q2", "bao-cao.docx")).parts;
    let styles = String::from_utf8(parts["word/styles.xml"].clone()).expect("UTF-8");
    let restyled = styles.replace("w:ascii=\"Times New Roman\"", "w:ascii=\"Cambria\"");
    assert_ne!(restyled, styles);
    parts.insert("word/styles.xml".to_owned(), restyled.into_bytes());
    let date = time::Date::from_calendar_date(2024, time::Month::June, 20).expect("a date");
    let reference = baocao::package::archive::write_zip(&parts, date).expect("a zip");
    ws.write("templates/tham-chieu.docx", &reference);
    let run = ws.ok("build", &["--quarter", "2024-Q2"]);
    assert!(!run.stderr.contains("mau-khong-dung"), "a known template name: {}", run.stderr);
    for name in ["bao-cao.docx", "phu-luc-3.docx", "bao-cao-day-du.docx"] {
        let d = Docx::open(&ws.read("2024-Q2", name));
        assert!(d.text("word/styles.xml").contains("w:ascii=\"Cambria\""), "{name}");
    }
    let record = ws.read_text("2024-Q2", "ban-dung.json");
    assert!(record.contains("tham-chieu.docx"), "the build record names it");
    // A file that is not a Word document: a warning, and the built-in styles.
    ws.write("templates/tham-chieu.docx", b"not a zip");
    let run = ws.ok("build", &["--quarter", "2024-Q2"]);
    assert!(run.stderr.contains("mau-word-khong-doc-duoc"), "{}", run.stderr);
    let d = Docx::open(&ws.read("2024-Q2", "bao-cao.docx"));
    assert!(d.text("word/styles.xml").contains("w:ascii=\"Times New Roman\""));
}
