//! The optional `Tiến độ (%)` cell of a task row: a number from 0 to 100 (`75`, `75%`, `75,5`).
//!
//! A bad value is dropped with one warning at its cell (a warning, since the row is still used:
//! its status and texts count). Progress typed inside the result text is never parsed.

use super::cells::{NumberRule, read_number};
use super::issues::{Issues, Loc, code};
use super::model::Number;
use super::workbook::{CellPos, Sheet};
use crate::findings::Level;

/// Reads the progress cell; `None` when absent, blank or invalid (then with its finding).
pub fn read_progress(
    sheet: &Sheet,
    pos: Option<CellPos>,
    styles_known: bool,
    issues: &mut Issues,
) -> Option<Number> {
    let rule = NumberRule { percent: true, unit: "%", signed: false, reference: Some(100.0), styles_known };
    let mut scratch = Issues::new(issues.file());
    let read = read_number(sheet, pos, &rule, &mut scratch);
    // Warnings (an estimate `khoảng 75`, a fraction read as percent) pass through as they are.
    issues.list.extend(scratch.list.iter().filter(|f| f.level != Level::Error).cloned());
    match read {
        Ok(n) => n,
        Err(_) => {
            let pos = pos?;
            let typed = scratch.list.iter().find(|f| f.level == Level::Error).and_then(|f| f.value.clone());
            let shown = typed.as_deref().unwrap_or("");
            issues.warn(
                code::BAD_PROGRESS,
                Loc::Cell(&sheet.name, pos),
                typed.as_deref(),
                format!(
                    "tiến độ \"{shown}\" không hợp lệ: phải là một số từ 0 đến 100; tiến độ của nhiệm vụ này không được ghi nhận, các cột khác của dòng vẫn được dùng"
                ),
                "nhập tiến độ là số phần trăm từ 0 đến 100, ví dụ 75 hoặc 75,5; để trống nếu chưa ước được".to_owned(),
            );
            None
        }
    }
}
