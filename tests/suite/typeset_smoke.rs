//! The typesetter as the rest of the program sees it: through the public API, its PDFs read
//! back with the suite's PDF helpers (`support::pdf`). The unit tests of `render::typeset` check
//! the rest (fonts, warnings, errors, determinism) without reading PDFs.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::support::pdf;
use baocao::render::typeset::{Typesetter, TypstDoc};

#[test]
fn report_with_data_file_renders_searchable_vietnamese() {
    let typesetter = Typesetter::new(&[], false).expect("fonts load");
    let family = typesetter.body_family();
    let main = format!(
        "#set page(paper: \"a4\")\n#set text(font: \"{family}\", lang: \"vi\")\n\
         #let d = json(\"/data.json\")\n= Báo cáo quý II\n\
         Tỉnh #d.tinh: GRDP tăng #d.grdp%, vượt kế hoạch.\n\
         #pagebreak()\n#set page(flipped: true)\nPhụ lục: biểu tổng hợp"
    );
    let doc = TypstDoc {
        name: "bao-cao".into(),
        main,
        files: BTreeMap::from([(
            "/data.json".to_owned(),
            r#"{"tinh": "Bắc Giang", "grdp": "7,15"}"#.as_bytes().to_vec(),
        )]),
        date: time::Date::from_calendar_date(2024, time::Month::June, 30).expect("date"),
    };
    let bytes = typesetter.compile_pdf(&doc).expect("compiles");
    assert!(pdf::contains_text(&bytes, "Tỉnh Bắc Giang: GRDP tăng 7,15%, vượt kế hoạch."));
    assert!(pdf::contains_text(&bytes, "Phụ lục: biểu tổng hợp"));
    assert_eq!(pdf::page_sizes(&bytes), vec![(595.28, 841.89), (841.89, 595.28)]);
}

/// One typesetter for these tests, as in a real run.
static TYPESETTER: LazyLock<Typesetter> =
    LazyLock::new(|| Typesetter::new(&[], false).expect("the embedded fonts load"));

const HEADER: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
const PLACE_DATE: &str = "Bắc Giang, ngày 14 tháng 6 năm 2024";
const BOLD_ITALIC: &str = "Ước tính tăng trưởng quý II đạt 7,15%";

/// A document named `bao-cao` dated 14/06/2024 with `main` as its source.
fn doc(main: &str) -> TypstDoc {
    TypstDoc {
        name: "bao-cao".into(),
        main: main.into(),
        files: BTreeMap::new(),
        date: time::Date::from_calendar_date(2024, time::Month::June, 14).expect("valid date"),
    }
}

/// Page settings, the body family, then `body`.
fn source(page: &str, body: &str) -> String {
    let family = TYPESETTER.body_family();
    format!("#set page({page}, margin: 2cm)\n#set text(font: \"{family}\", lang: \"vi\", size: 13pt)\n{body}")
}

/// The national header, a date line and a bold italic line: the four styles of the body family.
fn vietnamese_doc() -> TypstDoc {
    doc(&source(
        "paper: \"a4\"",
        &format!(
            "#align(center)[*{HEADER}* \\ _{MOTTO}_]\n\n{PLACE_DATE}\n\n#text(weight: \"bold\", style: \"italic\")[{BOLD_ITALIC}]\n"
        ),
    ))
}

#[test]
fn vietnamese_text_survives_in_all_four_styles() {
    let pdf = TYPESETTER.compile_pdf(&vietnamese_doc()).expect("compiles");
    let text = pdf::pdf_text(&pdf);
    for expected in [HEADER, MOTTO, PLACE_DATE, BOLD_ITALIC] {
        assert!(text.contains(expected), "{expected:?} not in {text:?}");
    }
}

#[test]
fn portrait_and_landscape_page_boxes() {
    let portrait = TYPESETTER.compile_pdf(&vietnamese_doc()).expect("compiles");
    assert_eq!(pdf::page_sizes(&portrait), vec![(595.28, 841.89)]);
    let landscape = TYPESETTER
        .compile_pdf(&doc(&source("paper: \"a4\", flipped: true", "Phụ lục\n#pagebreak()\nTrang 2")))
        .expect("compiles");
    assert_eq!(pdf::page_sizes(&landscape), vec![(841.89, 595.28); 2]);
}

#[test]
fn decomposed_input_is_extracted_as_nfc() {
    let pdf =
        TYPESETTER.compile_pdf(&doc(&source("paper: \"a4\"", "Vie\u{302}\u{323}t Nam"))).expect("compiles");
    assert!(pdf::pdf_text(&pdf).contains("Việt Nam"), "{:?}", pdf::pdf_text(&pdf));
}

#[test]
fn virtual_files_and_today_are_served() {
    let mut document = doc(&source(
        "paper: \"a4\"",
        "#let d = json(\"/data.json\")\nTỉnh #d.tinh, #datetime.today().display(\"[day]/[month]/[year]\")\n#include \"/phan/muc.typ\"",
    ));
    document.files.insert("/data.json".into(), "{\"tinh\": \"Bắc Giang\"}".into());
    document.files.insert("/phan/muc.typ".into(), "Mục lục".into());
    let pdf = TYPESETTER.compile_pdf(&document).expect("compiles");
    let text = pdf::pdf_text(&pdf);
    for expected in ["Tỉnh Bắc Giang, 14/06/2024", "Mục lục"] {
        assert!(text.contains(expected), "{expected:?} not in {text:?}");
    }
}
