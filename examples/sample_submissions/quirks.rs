//! What real clerks do to a form: numbers typed as text, statuses typed by hand, text in a
//! legacy TCVN3 font, a name in decomposed Unicode.

use baocao::forms::{CellValue, FormFill};
use baocao::vn;
use baocao::vn::legacy::encode_tcvn3;
use unicode_normalization::UnicodeNormalization;

/// How a number ended up typed as text.
#[derive(Clone, Copy)]
enum Typed {
    /// Vietnamese separators as text: `3.480,3`, `97,5`.
    Vietnamese,
    /// With a qualifier: `khoảng 12,6`.
    About,
    /// No number at all.
    NoData,
}

/// `(quarter, measure, how)`: cumulative cells typed as text by the quarter's typo agency.
const TYPED: &[(u8, &str, Typed)] = &[
    (1, "CT06", Typed::Vietnamese),
    (1, "7.1.b-1", Typed::Vietnamese),
    (1, "7.1.b-2", Typed::About),
    (1, "7.1.b-3", Typed::NoData),
    (2, "CT11", Typed::Vietnamese),
    (2, "CT08", Typed::Vietnamese),
    (2, "CT09", Typed::About),
    (2, "7.1.b-3", Typed::NoData),
];

/// `(quarter, task, status as typed, result)`: freehand variants of the plan's statuses, and one
/// (quarter I) that is not a status at all.
const STATUSES: &[(u8, &str, &str, &str)] = &[
    (1, "III.1", "đã hoàn thành", "Đã ban hành Kế hoạch số 12/KH-UBND ngày 16/01/2024."),
    (1, "3.12.a", "Đang hoàn thiện hồ sơ", "Đang lấy ý kiến các phòng, ban về dự thảo đề án."),
    (2, "2.6.b", "đã hoàn thành", "Đã đóng điện dự án 110KV Tân Hưng tháng 5/2024."),
    (2, "2.6.c", "Đã trình UBND tỉnh", "Đã trình UBND tỉnh hồ sơ khởi công Trạm biến áp 220KV Yên Dũng."),
];

/// Retypes some numbers as text and some statuses by hand.
pub fn typos(fill: &mut FormFill, quarter: u8) {
    for (q, code, how) in TYPED {
        let Some(row) = fill.measures.get_mut(*code).filter(|_| *q == quarter) else { continue };
        let value = match &row.cumulative {
            Some(CellValue::Number(v)) => *v,
            Some(CellValue::Percent(v)) => v * 100.0,
            _ => continue,
        };
        let text = match how {
            Typed::Vietnamese => vn::number(value),
            Typed::About => format!("khoảng {}", vn::number(value)),
            Typed::NoData => "chưa có số liệu".to_owned(),
        };
        row.cumulative = Some(CellValue::Text(text));
    }
    for (q, task, status, result) in STATUSES {
        if let Some(row) = fill.tasks.get_mut(*task).filter(|_| *q == quarter) {
            row.status = Some((*status).to_owned());
            row.result = Some((*result).to_owned());
        }
    }
}

/// Re-encodes every free-text cell (and the agency name) as TCVN3, as if pasted from a `.VnTime`
/// document; statuses stay Unicode because they come from the dropdown.
pub fn tcvn3(fill: &mut FormFill, agency_name: &str) {
    let enc = |t: &str| encode_tcvn3(t).unwrap_or_else(|| t.to_owned());
    let enc_opt = |t: &mut Option<String>| {
        if let Some(text) = t.as_mut() {
            *text = enc(text);
        }
    };
    fill.agency_name = Some(enc(agency_name));
    enc_opt(&mut fill.preparer);
    for row in fill.measures.values_mut() {
        enc_opt(&mut row.note);
    }
    for row in fill.growth.values_mut() {
        enc_opt(&mut row.note);
    }
    for row in fill.tasks.values_mut() {
        enc_opt(&mut row.result);
        enc_opt(&mut row.issues);
    }
}

/// Writes the agency name and the preparer in decomposed Unicode (NFD).
pub fn nfd(fill: &mut FormFill, agency_name: &str) {
    fill.agency_name = Some(agency_name.nfd().collect());
    fill.preparer = fill.preparer.as_ref().map(|p| p.nfd().collect());
}
