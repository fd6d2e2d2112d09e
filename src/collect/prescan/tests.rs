use super::*;
use crate::collect::test_files::{amplifying_ods, amplifying_xlsx, dimensions, number, xls, xlsx, zip};
use crate::collect::workbook::{CellPos, Value, read_workbook};

const GIB: u64 = 1 << 30;

#[test]
fn the_sample_submissions_are_cheap() {
    for quarter in ["2024-Q1", "2024-Q2"] {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/submissions").join(quarter);
        for e in walkdir::WalkDir::new(root).into_iter().flatten().filter(|e| e.file_type().is_file()) {
            let bytes = std::fs::read(e.path()).expect("sample");
            let bytes_needed =
                estimate(&bytes, GIB).unwrap_or_else(|u| panic!("{}: {u:?}", e.path().display()));
            assert!(bytes_needed < 64 << 20, "{}: {bytes_needed}", e.path().display());
        }
    }
}

#[test]
fn the_generated_files_are_what_calamine_reads() {
    let book = read_workbook(&amplifying_xlsx(150, 5), "xlsx").expect("xlsx opens");
    let sheet = &book.sheets[0];
    assert_eq!(sheet.cells().count(), 150);
    assert_eq!(sheet.get(CellPos { row: 1, col: 49 }).map(|c| &c.value), Some(&Value::Text("xxxxx".into())));
    let book = read_workbook(&amplifying_ods(2, 3, 4), "ods").expect("ods opens");
    assert_eq!(book.sheets[0].cells().count(), 6);
    let book = read_workbook(&xls(&[vec![number(0, 0, 1.5), number(99, 9, 2.0)]]), "xls").expect("xls opens");
    let sheet = &book.sheets[0];
    assert_eq!(sheet.get(CellPos { row: 99, col: 9 }).map(|c| &c.value), Some(&Value::Number(2.0)));
    assert_eq!(sheet.cells().count(), 2);
}

#[test]
fn a_small_xls_estimates_its_grid() {
    let small = xls(&[vec![number(0, 0, 1.5), number(99, 9, 2.0)]]);
    let bytes_needed = estimate(&small, GIB).expect("bounded");
    // The 100 × 10 grid twice (32 bytes a cell), plus the file and two cells.
    assert!((64_000..1_000_000).contains(&bytes_needed), "{bytes_needed}");
}

#[test]
fn hostile_files_are_over_the_limit() {
    let over = |bytes: &[u8]| matches!(estimate(bytes, GIB), Err(Unprovable::OverLimit(b)) if b > GIB);
    // One 32 KB shared string in 100.000 cells: 3,2 GB of copies.
    assert!(over(&amplifying_xlsx(100_000, 32 * 1024)));
    // 10 KB of text repeated over 1.000 × 1.000 cells (under the 2-million-cell guard).
    let ods = amplifying_ods(1000, 1000, 10 * 1024);
    assert!(ods.len() < 30_000);
    assert!(over(&ods));
    // A DIMENSIONS record declaring 5 million rows × 256 columns (51 GB reserved up front).
    assert!(over(&xls(&[vec![dimensions(0, 5_000_000, 0, 256)]])));
    // One stray cell at IV65536 on each of three sheets: three 16-million-cell grids.
    let stray = vec![number(0, 0, 1.0), number(65_535, 255, 1.0)];
    assert!(over(&xls(&[stray.clone(), stray.clone(), stray])));
    // An unknown format inside a zip is not measured.
    let xlsb = zip(&[("xl/workbook.bin", b"\0\0".as_slice())]);
    assert!(matches!(estimate(&xlsb, GIB), Err(Unprovable::Unknown(_))));
    // A declared count of shared strings calamine reserves room for.
    let declared = xlsx("<worksheet><sheetData/></worksheet>", "<sst uniqueCount=\"4000000000\"></sst>");
    assert!(over(&declared));
}

#[test]
fn anything_else_costs_its_size() {
    assert_eq!(estimate(b"not a spreadsheet", GIB), Ok(34));
}
