//! End-to-end tests of the typesetter: Typst source in, PDF out. The PDFs' text and page boxes
//! are read back in the integration suite (`tests/suite/typeset_smoke.rs`), which has the PDF
//! reader.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::*;

/// One typesetter for all tests, as in a real run (also proves it is `Sync`).
static TYPESETTER: LazyLock<Typesetter> =
    LazyLock::new(|| Typesetter::new(&[], false).expect("the embedded fonts load"));

const HEADER: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
const PLACE_DATE: &str = "Bắc Giang, ngày 14 tháng 6 năm 2024";
const BOLD_ITALIC: &str = "Ước tính tăng trưởng quý II đạt 7,15%";

fn doc(main: &str) -> TypstDoc {
    TypstDoc {
        name: "bao-cao".into(),
        main: main.into(),
        files: BTreeMap::new(),
        date: time::Date::from_calendar_date(2024, time::Month::June, 14).expect("valid date"),
    }
}

/// A4 page, body family, `body` appended.
fn source(page: &str, body: &str) -> String {
    let family = TYPESETTER.body_family();
    format!("#set page({page}, margin: 2cm)\n#set text(font: \"{family}\", lang: \"vi\", size: 13pt)\n{body}")
}

fn vietnamese_doc() -> TypstDoc {
    doc(&source(
        "paper: \"a4\"",
        &format!(
            "#align(center)[*{HEADER}* \\ _{MOTTO}_]\n\n{PLACE_DATE}\n\n#text(weight: \"bold\", style: \"italic\")[{BOLD_ITALIC}]\n"
        ),
    ))
}

fn compile_err(main: &str) -> String {
    TYPESETTER.compile_pdf(&doc(main)).expect_err("must fail").to_string()
}

#[test]
fn vietnamese_text_survives_in_all_four_styles() {
    let compiled = TYPESETTER.compile(&vietnamese_doc()).expect("compiles");
    assert!(compiled.pdf.starts_with(b"%PDF"));
    assert!(compiled.warnings.is_empty(), "{:?}", compiled.warnings);
    // No fallback font was needed: every glyph comes from the body family.
    let family = TYPESETTER.body_family();
    assert_eq!(compiled.fonts.len(), 4, "{:?}", compiled.fonts);
    assert!(compiled.fonts.iter().all(|f| f.family == family), "{:?}", compiled.fonts);
}

#[test]
fn same_input_gives_identical_bytes() {
    let first = TYPESETTER.compile_pdf(&vietnamese_doc()).expect("compiles");
    let other = TYPESETTER.compile_pdf(&doc(&source("paper: \"a5\"", "Khác"))).expect("compiles");
    let second = TYPESETTER.compile_pdf(&vietnamese_doc()).expect("compiles");
    assert_ne!(first, other);
    assert!(first == second, "two compilations of the same document differ");
}

#[test]
fn portrait_and_landscape_page_sizes() {
    let portrait = TYPESETTER.compile(&vietnamese_doc()).expect("compiles");
    let (w, h) = portrait.page_sizes[0];
    assert!((w - 595.28).abs() < 0.01 && (h - 841.89).abs() < 0.01, "{w}×{h}");
    let landscape = TYPESETTER
        .compile(&doc(&source("paper: \"a4\", flipped: true", "Phụ lục\n#pagebreak()\nTrang 2")))
        .expect("compiles");
    assert_eq!(landscape.page_sizes.len(), 2);
    let (w, h) = landscape.page_sizes[0];
    assert!((w - 841.89).abs() < 0.01 && (h - 595.28).abs() < 0.01, "{w}×{h}");
}

#[test]
fn output_is_pdf_a_2b() {
    let pdf = TYPESETTER.compile_pdf(&vietnamese_doc()).expect("compiles");
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("<pdfaid:part>2</pdfaid:part>"), "no PDF/A part marker");
    assert!(raw.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "no PDF/A conformance marker");
    assert!(raw.contains("2024-06-14"), "creation date is not the cut-off date");
}

#[test]
fn machine_files_are_not_readable() {
    let err = compile_err("#read(\"/etc/passwd\")");
    assert!(err.contains("bao-cao.typ:1:7: lỗi: không tìm thấy tệp \"/etc/passwd\""), "{err}");
    let err = compile_err("#image(\"../../../../etc/hostname\")");
    assert!(err.contains("bao-cao.typ:1:8: lỗi: "), "{err}");
    assert!(!err.contains("--root"), "CLI advice leaked: {err}");
}

#[test]
fn syntax_error_names_file_line_and_column() {
    let err = compile_err("= Báo cáo\n#let x = (");
    assert!(err.starts_with("không biên dịch được tài liệu \"bao-cao.typ\":\n"), "{err}");
    assert!(err.contains("bao-cao.typ:2:"), "{err}");
}

#[test]
fn hints_and_included_files_are_located() {
    let err = compile_err("$ab$");
    assert!(err.contains("bao-cao.typ:1:2: lỗi: unknown variable: ab"), "{err}");
    assert!(err.contains("\n  gợi ý: "), "{err}");

    let mut document = doc("Mở đầu\n#include \"/phan/loi.typ\"");
    document.files.insert("/phan/loi.typ".into(), "\n#let x = (".into());
    let err = TYPESETTER.compile_pdf(&document).expect_err("must fail").to_string();
    assert!(err.contains("phan/loi.typ:2:"), "{err}");
}

#[test]
fn packages_are_refused() {
    let err = compile_err("#import \"@preview/example:0.1.0\": *");
    assert!(err.contains("bao-cao.typ:1:") && err.contains("ngoại tuyến"), "{err}");
}

#[test]
fn warnings_are_returned_not_raised() {
    let compiled = TYPESETTER
        .compile(&doc(&source("paper: \"a4\"", "#text(font: \"Khong Co Phong\")[chữ]")))
        .expect("a warning does not fail the document");
    let warnings: Vec<String> = compiled.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings.iter().any(|w| w.starts_with("bao-cao.typ:3:") && w.contains(": cảnh báo: ")),
        "{warnings:?}"
    );
}

#[test]
fn body_family_faces_cover_vietnamese() {
    let report = TYPESETTER.font_report();
    assert_eq!(report.faces.len(), 4);
    assert!(report.faces.iter().all(|face| face.missing.is_empty()), "{report:?}");
    assert_eq!(report.family, TYPESETTER.body_family());
}

#[test]
fn parallel_compiles_match_sequential() {
    let docs: Vec<TypstDoc> =
        (1..=4).map(|i| doc(&source("paper: \"a4\"", &format!("Biểu {i}: *tăng {i},5%*")))).collect();
    let sequential: Vec<Vec<u8>> =
        docs.iter().map(|d| TYPESETTER.compile_pdf(d).expect("compiles")).collect();
    let parallel: Vec<Vec<u8>> = std::thread::scope(|scope| {
        let handles: Vec<_> =
            docs.iter().map(|d| scope.spawn(|| TYPESETTER.compile_pdf(d).expect("compiles"))).collect();
        handles.into_iter().map(|h| h.join().expect("no panic")).collect()
    });
    assert!(sequential == parallel, "parallel output differs");
}
