//! The nine documents: present, Vietnamese intact, A4 portrait report, landscape appendices,
//! reproducible.

use crate::support::pdf::{contains_text, page_sizes, page_texts, pdf_text};
use crate::support::workspace::{Workspace, baocao, files_under};

const DOCUMENTS: [&str; 9] = [
    "bao-cao.md",
    "bao-cao.pdf",
    "phu-luc-1.md",
    "phu-luc-1.pdf",
    "phu-luc-2.md",
    "phu-luc-2.pdf",
    "phu-luc-3.md",
    "phu-luc-3.pdf",
    "bao-cao-day-du.pdf",
];

/// True for an A4 portrait page box (to 1 pt).
fn is_a4_portrait((w, h): (f64, f64)) -> bool {
    (w - 595.28).abs() < 1.0 && (h - 841.89).abs() < 1.0
}

/// True for an A4 landscape page box (to 1 pt).
fn is_a4_landscape((w, h): (f64, f64)) -> bool {
    is_a4_portrait((h, w))
}

#[test]
fn build_writes_every_document_with_vietnamese_intact() {
    let ws = Workspace::sample();
    let out = ws.ok("build", &[]);
    let stderr = &out.stderr;
    assert!(stderr.contains("quý II/2024"), "the default quarter is the latest one: {stderr}");
    assert!(stderr.contains("phông chữ: Liberation Serif"), "the font used is reported: {stderr}");
    for name in DOCUMENTS {
        assert!(ws.quarter("2024-Q2").join(name).is_file(), "{name} is written");
    }
    let report = ws.read("2024-Q2", "bao-cao.pdf");
    for line in [
        "UBND TỈNH BẮC GIANG",
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Bắc Giang, ngày 19 tháng 6 năm 2024",
        "BÁO CÁO",
        "/BC-SKHĐT",
        "DỰ THẢO",
        "KT. GIÁM ĐỐC",
        "Nơi nhận:",
    ] {
        assert!(contains_text(&report, line), "bao-cao.pdf has `{line}`:\n{}", pdf_text(&report));
    }
    assert!(contains_text(&report, "6 tháng đầu năm 2024"), "the title names the period");
    assert!(page_sizes(&report).into_iter().all(is_a4_portrait), "the report is A4 portrait");
    for (n, title) in [
        (1, "CÁC CHỈ TIÊU CHỦ YẾU KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2024"),
        (2, "KỊCH BẢN TĂNG TRƯỞNG GRDP NĂM 2024 THEO QUÝ VÀ THEO NGÀNH, LĨNH VỰC"),
        (3, "CHỈ TIÊU, NHIỆM VỤ GIAO CÁC SỞ, NGÀNH, ĐỊA PHƯƠNG"),
    ] {
        let pdf = ws.read("2024-Q2", &format!("phu-luc-{n}.pdf"));
        assert!(contains_text(&pdf, &format!("Phụ lục {n}")), "phụ lục {n} is numbered");
        assert!(contains_text(&pdf, title), "phụ lục {n} has its title:\n{}", pdf_text(&pdf));
        assert!(contains_text(&pdf, "/BC-SKHĐT ngày 19/06/2024 của Sở Kế hoạch và Đầu tư)"));
        assert!(page_sizes(&pdf).into_iter().all(is_a4_landscape), "phụ lục {n} is A4 landscape");
        // The document title (XMP dc:title, what a PDF reader shows instead of the file name).
        let xmp_title = format!("<rdf:li xml:lang=\"x-default\">Phụ lục {n}: {title}");
        assert!(String::from_utf8_lossy(&pdf).contains(&xmp_title), "phụ lục {n} is titled in its metadata");
        let md = ws.read_text("2024-Q2", &format!("phu-luc-{n}.md"));
        assert!(md.contains(title), "phu-luc-{n}.md has its title");
    }
    let full = ws.read("2024-Q2", "bao-cao-day-du.pdf");
    let sizes = page_sizes(&full);
    assert!(is_a4_portrait(sizes[0]) && sizes.iter().any(|s| is_a4_landscape(*s)), "report then appendices");
}

#[test]
fn the_combined_pdf_is_the_parts_page_for_page_with_their_page_numbers() {
    // bao-cao-day-du.pdf is put together from the laid-out pages of the four documents: every
    // page reads exactly as in its own document, and each part numbers its pages from its second
    // page on (the first page of an appendix carries no number, as in the separate file).
    let ws = Workspace::sample();
    ws.ok("build", &["--quarter", "2024-Q2", "-q"]);
    let number_on = |page: &str| -> Option<u32> { page.lines().take(3).find_map(|l| l.trim().parse().ok()) };
    let mut parts = Vec::new();
    for name in ["bao-cao.pdf", "phu-luc-1.pdf", "phu-luc-2.pdf", "phu-luc-3.pdf"] {
        let pages = page_texts(&ws.read("2024-Q2", name));
        assert!(pages.len() >= 2, "{name} has several pages");
        for (i, page) in pages.iter().enumerate() {
            let expected = (i > 0).then_some(i as u32 + 1);
            assert_eq!(number_on(page), expected, "{name}, page {}:\n{page}", i + 1);
        }
        parts.extend(pages);
    }
    let full = page_texts(&ws.read("2024-Q2", "bao-cao-day-du.pdf"));
    assert_eq!(full.len(), parts.len(), "as many pages as the four documents");
    for (i, (a, b)) in full.iter().zip(&parts).enumerate() {
        assert_eq!(a, b, "page {} of bao-cao-day-du.pdf", i + 1);
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let ws = Workspace::sample();
    ws.ok("build", &["--quarter", "2024-Q2", "-q"]);
    let first = ws.out().join("first");
    std::fs::rename(ws.quarter("2024-Q2"), &first).expect("moved aside");
    ws.ok("build", &["--quarter", "2024-Q2", "-q"]);
    let files = files_under(&first);
    assert_eq!(files, files_under(&ws.quarter("2024-Q2")), "the same files");
    assert!(files.len() > 50, "every output is compared ({} files)", files.len());
    for f in files {
        let a = std::fs::read(first.join(&f)).expect("first");
        let b = std::fs::read(ws.quarter("2024-Q2").join(&f)).expect("second");
        assert!(a == b, "{} differs between two builds", f.display());
    }
}

#[test]
fn keep_typ_and_cutoff_and_first_quarter() {
    let ws = Workspace::sample();
    ws.ok("build", &["--quarter", "2024-Q1", "--cutoff", "2024-03-20", "--keep-typ", "-q"]);
    let typ = ws.read_text("2024-Q1", "bao-cao.typ");
    assert!(typ.contains("#import \"/nd30.typ\""), "the generated source is kept");
    let report = ws.read("2024-Q1", "bao-cao.pdf");
    assert!(contains_text(&report, "Bắc Giang, ngày 20 tháng 3 năm 2024"), "the cut-off dates the report");
    assert!(contains_text(&report, "quý I/2024"));
}

#[test]
fn build_progress_writes_seconds_with_a_decimal_comma() {
    // "trong 0,9 giây", "tiếp nhận 0,07s", "[  0,1s]": Vietnamese numbers, as `check` writes them.
    let ws = Workspace::sample();
    let out = ws.ok("build", &["--quarter", "2024-Q1"]);
    let stderr = &out.stderr;
    let timings: Vec<&str> = stderr
        .lines()
        .filter(|l| {
            l.starts_with('[')
                || l.starts_with("thời gian theo bước")
                || l.starts_with("từng tài liệu")
                || l.starts_with("đã ghi ")
        })
        .collect();
    assert_eq!(timings.len(), 7, "{stderr}");
    for line in timings {
        let dotted = line
            .as_bytes()
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit());
        assert!(!dotted, "a decimal point instead of a comma: {line}");
    }
    assert!(stderr.lines().any(|l| l.starts_with("đã ghi ") && l.contains(" giây (")), "{stderr}");
}

#[test]
fn bad_arguments_exit_2_in_vietnamese() {
    let ws = Workspace::sample();
    for args in [&["--quarter", "2024-Q9"][..], &["--cutoff", "14/06/2024"][..], &["--khong-co"][..]] {
        let out = ws.run("build", args);
        assert_eq!(out.code, 2, "{args:?}");
        let stderr = &out.stderr;
        assert!(stderr.starts_with("lỗi: "), "{stderr}");
    }
}

#[test]
fn a_user_template_replaces_the_builtin_one() {
    let ws = Workspace::sample();
    let dir = ws.data().join("templates");
    let out = baocao(&["templates", "eject", dir.to_str().expect("UTF-8")]);
    assert!(out.success());
    let p1 = dir.join("phu-luc-1.md.tera");
    let original = std::fs::read_to_string(&p1).expect("ejected");
    std::fs::write(&p1, format!("Bản riêng của Sở.\n\n{original}")).expect("edited");
    ws.ok("build", &["-q"]);
    let md = ws.read_text("2024-Q2", "phu-luc-1.md");
    assert!(md.starts_with("Bản riêng của Sở."), "{md}");
    std::fs::write(dir.join("bao-cao.md.tera"), "{% if %}").expect("broken");
    let out = ws.run("build", &["-q"]);
    assert_eq!(out.code, 1);
    let stderr = &out.stderr;
    assert!(
        stderr.contains("bao-cao.md.tera") && stderr.contains("1:"),
        "names the template and line: {stderr}"
    );
}

#[test]
fn a_typst_error_names_the_generated_line_and_leaves_previous_outputs_intact() {
    let ws = Workspace::sample();
    ws.ok("build", &["-q"]);
    let before: Vec<(std::path::PathBuf, Vec<u8>)> = files_under(&ws.quarter("2024-Q2"))
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(ws.quarter("2024-Q2").join(&f)).expect("an output");
            (f, bytes)
        })
        .collect();
    let files_under_count = before.len();
    let dir = ws.data().join("templates");
    std::fs::create_dir_all(&dir).expect("a folder");
    std::fs::write(dir.join("phu-luc-2.typ.tera"), "#import \"/nd30.typ\": *\nXin chào\n#let x = (\n")
        .expect("written");
    let out = ws.run("build", &["-q"]);
    assert_eq!(out.code, 1);
    let stderr = &out.stderr;
    assert!(stderr.contains("phu-luc-2.typ:3:"), "names the generated file and line: {stderr}");
    let source = std::fs::read_to_string(ws.out().join("2024-Q2-loi-dan-trang/phu-luc-2.typ"))
        .expect("the source is kept");
    assert!(source.contains("#let x = ("));
    for (f, bytes) in before {
        let now = std::fs::read(ws.quarter("2024-Q2").join(&f)).expect("still there");
        assert!(now == bytes, "{} was changed by a failed run", f.display());
    }
    assert_eq!(files_under(&ws.quarter("2024-Q2")).len(), files_under_count, "no file added to the outputs");
    // Receipts and JSON had already been streamed into the staging folder when Typst failed:
    // the folder is gone with them.
    let mut left: Vec<String> = std::fs::read_dir(ws.out())
        .expect("out")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["2024-Q2", "2024-Q2-loi-dan-trang"], "no staging folder left");
}

#[test]
fn the_build_record_names_the_font_actually_used() {
    let ws = Workspace::sample();
    ws.ok("build", &["-q"]);
    let record: serde_json::Value =
        serde_json::from_slice(&ws.read("2024-Q2", "ban-dung.json")).expect("JSON");
    assert_eq!(record["font"]["family"], "Liberation Serif");
    assert_eq!(record["font"]["faces"].as_array().map(Vec::len), Some(4));
    assert_eq!(record["cutoff"], "2024-06-14");
}
