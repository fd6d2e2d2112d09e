//! The `Thông tin` sheet: which agency sent the file, for which quarter, on which date, on which
//! version of the form.
//!
//! Labels are found by folded text anywhere on the sheet (the form puts them in column A); the
//! value is the cell to the right of the label.

use std::collections::HashMap;

use time::Date;

use super::header::header_key;
use super::intake::Ctx;
use super::issues::{Issues, Loc, code};
use super::values::{date_from_serial, display_number, parse_date_text};
use super::workbook::{Cell, CellPos, Sheet, Value};
use crate::contract::{FORM_VERSION, SHEET_INFO, info};
use crate::period::Quarter;
use crate::plan::AgencyCode;
use crate::vn::{date_short, fold};

/// What `Thông tin` says, once the agency is known.
#[derive(Debug, Clone)]
pub struct Info {
    /// The agency.
    pub agency: AgencyCode,
    /// The report date as typed, when it is a date.
    pub typed_date: Option<Date>,
    /// The report date when it is inside the quarter's window.
    pub valid_date: Option<Date>,
    /// `Người lập`.
    pub preparer: Option<String>,
    /// `Điện thoại`.
    pub phone: Option<String>,
}

/// Why a file cannot be used, after its findings were recorded.
#[derive(Debug, Clone)]
pub struct Refused {
    /// The agency, when it was identified before the refusal.
    pub agency: Option<AgencyCode>,
}

/// The labels of `Thông tin` and the cell to the right of each.
struct Labels<'s> {
    sheet: &'s Sheet,
    at: HashMap<String, CellPos>,
}

impl<'s> Labels<'s> {
    fn new(sheet: &'s Sheet) -> Self {
        let mut at = HashMap::new();
        for (pos, cell) in sheet.cells() {
            if let Value::Text(t) = &cell.value
                && t.len() <= 120
            {
                at.entry(header_key(t)).or_insert(CellPos { row: pos.row, col: pos.col.saturating_add(1) });
            }
        }
        Labels { sheet, at }
    }

    /// The value cell of a label, and the cell when it is not empty.
    fn get(&self, label: &str) -> Option<(CellPos, Option<&'s Cell>)> {
        let pos = *self.at.get(&header_key(label))?;
        Some((pos, self.sheet.get(pos)))
    }

    /// The value of a label as text, when present and not blank.
    fn text(&self, label: &str) -> Option<(CellPos, String)> {
        let (pos, cell) = self.get(label)?;
        cell.and_then(cell_text).map(|t| (pos, t))
    }
}

/// A cell as text (numbers as typed, `1` not `1,0`); `None` when blank.
pub fn cell_text(cell: &Cell) -> Option<String> {
    let t = match &cell.value {
        Value::Text(t) => t.trim().to_owned(),
        Value::Number(n) => display_number(*n),
        Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Value::Date { shown, .. } => shown.clone(),
        Value::Error(e) => e.clone(),
        Value::Uncomputed => String::new(),
    };
    (!t.is_empty()).then_some(t)
}

/// Reads `Thông tin`: identifies the agency and checks quarter, version and report date.
pub fn read_info(
    ctx: &Ctx<'_>,
    sheet: &Sheet,
    file_name: &str,
    issues: &mut Issues,
) -> Result<Info, Refused> {
    let labels = Labels::new(sheet);
    let agency = identify_agency(ctx, &labels, issues)?;
    check_quarter(ctx.quarter, &labels, issues).map_err(|()| Refused { agency: Some(agency.clone()) })?;
    if !fold(file_name).contains(&fold(agency.as_str())) {
        issues.warn(
            code::FILE_NAME,
            Loc::File,
            Some(file_name),
            format!("tên tệp không chứa mã cơ quan {agency}"),
            format!("đặt tên tệp có mã cơ quan, ví dụ {agency}-{}.xlsx", ctx.quarter),
        );
    }
    check_version(ctx, &labels, issues);
    let (typed_date, valid_date) = report_date(ctx, &labels, issues);
    Ok(Info {
        agency,
        typed_date,
        valid_date,
        preparer: labels.text(info::PREPARER).map(|(_, t)| t),
        phone: labels.text(info::PHONE).map(|(_, t)| t),
    })
}

fn identify_agency(ctx: &Ctx<'_>, labels: &Labels<'_>, issues: &mut Issues) -> Result<AgencyCode, Refused> {
    let plan = ctx.plan;
    let code_cell = labels.text(info::AGENCY_CODE);
    let name_cell = labels.text(info::AGENCY_NAME);
    let by_code = code_cell.as_ref().and_then(|(_, c)| {
        let typed = c.trim();
        plan.agencies.iter().find(|a| a.code.as_str().eq_ignore_ascii_case(typed)).map(|a| a.code.clone())
    });
    let by_name = name_cell.as_ref().and_then(|(_, n)| plan.directory.find(n).cloned());
    let Some((pos, typed)) = code_cell.clone().or(name_cell.clone()) else {
        issues.error(
            code::NO_AGENCY,
            Loc::Sheet(SHEET_INFO),
            None,
            format!("trang {SHEET_INFO} không có mã cơ quan và tên cơ quan"),
            format!("ghi mã cơ quan vào ô bên phải ô \"{}\" (dùng biểu mẫu do Sở gửi)", info::AGENCY_CODE),
        );
        return Err(Refused { agency: None });
    };
    let Some(agency) = by_code.clone().or(by_name.clone()) else {
        issues.error(
            code::UNKNOWN_AGENCY,
            Loc::Cell(SHEET_INFO, pos),
            Some(&typed),
            format!("không tìm thấy cơ quan \"{typed}\" trong kế hoạch"),
            "ghi đúng mã cơ quan như trong biểu mẫu do Sở gửi".to_owned(),
        );
        return Err(Refused { agency: None });
    };
    match plan.agency(&agency) {
        Some(a) if a.reports => {}
        found => {
            let why = if found.is_some() {
                "không thuộc diện gửi báo cáo quý"
            } else {
                "là một nhóm cơ quan, không phải một cơ quan"
            };
            issues.error(
                code::UNKNOWN_AGENCY,
                Loc::Cell(SHEET_INFO, pos),
                Some(&typed),
                format!("\"{typed}\" {why} theo kế hoạch"),
                "ghi mã của cơ quan gửi báo cáo; liên hệ Sở nếu cơ quan cần được bổ sung vào kế hoạch"
                    .to_owned(),
            );
            return Err(Refused { agency: None });
        }
    }
    if let (Some((pos, typed)), Some(named)) = (&code_cell, &by_name)
        && by_code.as_ref() != Some(named)
    {
        warn_mismatch(ctx, *pos, typed, named, &agency, issues);
    }
    Ok(agency)
}

fn warn_mismatch(
    ctx: &Ctx<'_>,
    pos: CellPos,
    typed: &str,
    named: &AgencyCode,
    agency: &AgencyCode,
    issues: &mut Issues,
) {
    let plan = ctx.plan;
    issues.warn(
        code::AGENCY_MISMATCH,
        Loc::Cell(SHEET_INFO, pos),
        Some(typed),
        format!(
            "mã cơ quan \"{typed}\" không khớp với tên cơ quan ({}); nhận là {}",
            plan.assignee_name(named),
            plan.assignee_name(agency)
        ),
        "ghi mã và tên của cùng một cơ quan".to_owned(),
    );
}

fn check_quarter(quarter: Quarter, labels: &Labels<'_>, issues: &mut Issues) -> Result<(), ()> {
    let Some((pos, typed)) = labels.text(info::QUARTER) else {
        issues.warn(
            code::NO_QUARTER,
            Loc::Sheet(SHEET_INFO),
            None,
            format!("biểu không ghi kỳ báo cáo; hiểu là {} theo thư mục nhận", quarter.label()),
            format!("ghi kỳ báo cáo {quarter} vào ô bên phải ô \"{}\"", info::QUARTER),
        );
        return Ok(());
    };
    match parse_quarter_text(&typed) {
        Some(q) if q == quarter => Ok(()),
        Some(q) => {
            issues.error(
                code::WRONG_QUARTER,
                Loc::Cell(SHEET_INFO, pos),
                Some(&typed),
                format!("biểu là của {}, không phải {}", q.label(), quarter.label()),
                format!("gửi biểu của {} (kỳ báo cáo {quarter})", quarter.label()),
            );
            Err(())
        }
        None => {
            issues.warn(
                code::NO_QUARTER,
                Loc::Cell(SHEET_INFO, pos),
                Some(&typed),
                format!("không đọc được kỳ báo cáo; hiểu là {} theo thư mục nhận", quarter.label()),
                format!("ghi kỳ báo cáo theo dạng {quarter}"),
            );
            Ok(())
        }
    }
}

/// Reads a quarter as typed: `2024-Q2`, `Quý II/2024`, `quý 2 năm 2024`, `Q2/2024`.
pub fn parse_quarter_text(text: &str) -> Option<Quarter> {
    if let Ok(q) = text.parse::<Quarter>() {
        return Some(q);
    }
    let folded = fold(text).replace("quý", " ").replace("quy", " ").replace("năm", " ");
    let tokens: Vec<&str> = folded.split(['/', '-', ' ', '.', ',']).filter(|t| !t.is_empty()).collect();
    let [number, year] = tokens.as_slice() else { return None };
    let number = number.trim_start_matches('q');
    let n = match number {
        "1" | "i" => 1,
        "2" | "ii" => 2,
        "3" | "iii" => 3,
        "4" | "iv" => 4,
        _ => return None,
    };
    Quarter::new(year.parse().ok()?, n)
}

fn check_version(ctx: &Ctx<'_>, labels: &Labels<'_>, issues: &mut Issues) {
    let version = labels.text(info::FORM_VERSION);
    let print = labels.text(info::PLAN_FINGERPRINT);
    let mut problems = Vec::new();
    // The finding points at the first cell that differs.
    let mut at = None;
    match &version {
        Some((_, v)) if v == FORM_VERSION => {}
        Some(cell @ (_, v)) => {
            problems.push(format!("phiên bản biểu mẫu {v} (hiện hành: {FORM_VERSION})"));
            at = at.or(Some(cell));
        }
        None => problems.push("không có phiên bản biểu mẫu".to_owned()),
    }
    match &print {
        Some((_, p)) if p.trim().eq_ignore_ascii_case(&ctx.plan.fingerprint) => {}
        Some(cell @ (_, p)) => {
            problems.push(format!("dấu vân tay kế hoạch {p} (hiện hành: {})", ctx.plan.fingerprint));
            at = at.or(Some(cell));
        }
        None => problems.push("không có dấu vân tay kế hoạch".to_owned()),
    }
    if problems.is_empty() {
        return;
    }
    let at = at.or(version.as_ref()).or(print.as_ref());
    let loc = at.map_or(Loc::Sheet(SHEET_INFO), |(p, _)| Loc::Cell(SHEET_INFO, *p));
    issues.warn(
        code::FORM_VERSION,
        loc,
        at.map(|(_, v)| v.as_str()),
        format!("biểu không phải bản hiện hành: {}; các dòng vẫn được đọc theo mã", problems.join("; ")),
        "lần sau dùng biểu mẫu mới nhất do Sở gửi".to_owned(),
    );
}

/// The report date as typed and, when inside the quarter's window, as valid.
fn report_date(ctx: &Ctx<'_>, labels: &Labels<'_>, issues: &mut Issues) -> (Option<Date>, Option<Date>) {
    let fix = "ghi ngày thực tế ký báo cáo, dạng ngày/tháng/năm (hai chữ số ngày, hai chữ số tháng, bốn chữ số năm)"
        .to_owned();
    let (pos, cell) = match labels.get(info::REPORT_DATE) {
        Some((pos, Some(cell))) if cell_text(cell).is_some() => (pos, cell),
        found => {
            let loc = found.map_or(Loc::Sheet(SHEET_INFO), |(p, _)| Loc::Cell(SHEET_INFO, p));
            let msg = "biểu không có ngày báo cáo; báo cáo được tính là trễ hạn".to_owned();
            issues.error(code::NO_DATE, loc, None, msg, fix);
            return (None, None);
        }
    };
    let typed = cell_text(cell).unwrap_or_default();
    let date = match &cell.value {
        Value::Date { date, .. } => *date,
        Value::Number(n) => date_from_serial(*n),
        Value::Text(t) => parse_date_text(t),
        Value::Bool(_) | Value::Error(_) | Value::Uncomputed => None,
    };
    let Some(date) = date else {
        let msg = format!("không đọc được ngày báo cáo \"{typed}\"; báo cáo được tính là trễ hạn");
        issues.error(code::BAD_DATE, Loc::Cell(SHEET_INFO, pos), Some(&typed), msg, fix);
        return (None, None);
    };
    let (from, to) = (ctx.quarter.window_start(), ctx.quarter.last_day());
    if date < from || date > to {
        let msg = format!(
            "ngày báo cáo {} nằm ngoài kỳ báo cáo {} ({} - {}); báo cáo được tính là trễ hạn",
            date_short(date),
            ctx.quarter.label(),
            date_short(from),
            date_short(to)
        );
        issues.error(code::DATE_OUT_OF_PERIOD, Loc::Cell(SHEET_INFO, pos), Some(&typed), msg, fix);
        return (Some(date), None);
    }
    if date > ctx.cutoff {
        issues.warn(
            code::DATE_AFTER_CUTOFF,
            Loc::Cell(SHEET_INFO, pos),
            Some(&typed),
            format!("ngày báo cáo {} sau ngày chốt tiếp nhận {}", date_short(date), date_short(ctx.cutoff)),
            format!(
                "ngày báo cáo là ngày thực tế ký báo cáo: nếu ghi nhầm thì sửa lại, không ghi lùi ngày; báo cáo ký sau hạn gửi {} được tính là trễ hạn",
                date_short(ctx.deadline)
            ),
        );
    }
    (Some(date), Some(date))
}

#[cfg(test)]
mod tests {
    use super::parse_quarter_text;

    #[test]
    fn quarters_as_typed() {
        for t in ["2024-Q2", "Quý II/2024", "quý 2 năm 2024", "Q2/2024", "QUÝ II - 2024"] {
            assert_eq!(parse_quarter_text(t).map(|q| q.to_string()), Some("2024-Q2".to_owned()), "{t}");
        }
        assert_eq!(parse_quarter_text("quý V/2024"), None);
        assert_eq!(parse_quarter_text("6 tháng"), None);
    }
}
