//! The typesetter as the rest of the program sees it: through the public API,
//! with the shared PDF helpers of `tests/common` compiled as an integration
//! test module.

mod common;

use std::collections::BTreeMap;

use baocao::render::typeset::{Typesetter, TypstDoc};
use common::pdf;

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
