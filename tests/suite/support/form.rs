//! An agency's form built with rust_xlsxwriter (or as `.ods`) from the layout constants of
//! `baocao::contract`, for the intake tests to edit cell by cell and submit.

use baocao::contract::{
    FORM_VERSION, GROWTH_HEADERS, MEASURE_HEADERS, SHEET_GROWTH, SHEET_INFO, SHEET_MEASURES, SHEET_TASKS,
    TASK_HEADERS, form_headers, info,
};
use baocao::plan::{Plan, Unit};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};

use super::workspace::QUARTER;

/// A cell value to write.
#[derive(Debug, Clone)]
pub enum W {
    Blank,
    Num(f64),
    Text(String),
    /// A number with a percent number format (0,377 shown as 37,7%).
    Pct(f64),
    /// A formula with its cached result.
    Formula(String, String),
    Date(u16, u8, u8),
    /// Text in a given font (`.VnTime`).
    Font(String, String),
}

/// A text cell.
pub fn t(s: &str) -> W {
    W::Text(s.to_owned())
}

/// A sheet's name and its cells as (row, column, value).
pub type SheetCells = (String, Vec<(u32, u32, W)>);

/// One data row: the code and the cells by header text.
#[derive(Debug, Clone)]
pub struct Row {
    pub code: W,
    pub cells: Vec<(String, W)>,
}

impl Row {
    /// Sets the cell under `header`, replacing any value it had.
    pub fn set(&mut self, header: &str, value: W) {
        self.cells.retain(|(h, _)| h != header);
        self.cells.push((header.to_owned(), value));
    }
}

/// One data sheet: its headers in column order and its rows.
#[derive(Debug, Clone)]
pub struct SheetForm {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

impl SheetForm {
    /// The row whose code is `code`.
    #[track_caller]
    pub fn row(&mut self, code: &str) -> &mut Row {
        self.rows
            .iter_mut()
            .find(|r| matches!(&r.code, W::Text(c) if c == code))
            .unwrap_or_else(|| panic!("no row {code}"))
    }
}

/// An agency's form: `Thông tin` labels and values, then the data sheets.
#[derive(Debug, Clone)]
pub struct Form {
    pub info: Vec<(String, W)>,
    pub sheets: Vec<SheetForm>,
}

impl Form {
    /// A complete, valid form for `agency`, every expected row filled in.
    pub fn valid(plan: &Plan, agency: &str) -> Form {
        Form::valid_in(plan, agency, QUARTER, "14/06/2024", (2024, 6, 10))
    }

    /// A complete, valid form for `agency` in `quarter` (`2031-Q2`), with the deadline as the
    /// form prints it and the report date (year, month, day).
    pub fn valid_in(plan: &Plan, agency: &str, quarter: &str, deadline: &str, date: (u16, u8, u8)) -> Form {
        let code = baocao::plan::AgencyCode::from(agency);
        let o = plan.obligations(&code);
        let name = plan.assignee_name(&code);
        let info = vec![
            (info::AGENCY_CODE.to_owned(), t(agency)),
            (info::AGENCY_NAME.to_owned(), t(&name)),
            (info::QUARTER.to_owned(), t(quarter)),
            (info::DEADLINE.to_owned(), t(deadline)),
            (info::REPORT_DATE.to_owned(), W::Date(date.0, date.1, date.2)),
            (info::PREPARER.to_owned(), t("Nguyễn Văn A")),
            (info::PHONE.to_owned(), t("0204 3854 123")),
            (info::FORM_VERSION.to_owned(), t(FORM_VERSION)),
            (info::PLAN_FINGERPRINT.to_owned(), t(&plan.fingerprint)),
        ];
        let measures = o
            .measures
            .iter()
            .map(|(_, m)| {
                let pct = matches!(m.unit, Some(Unit::Percent));
                let v = |x: f64| if pct { W::Num(x / 2.0) } else { W::Num(x) };
                Row {
                    code: t(m.code.as_ref().map_or("", |c| c.as_str())),
                    cells: vec![
                        ("Thực hiện cùng kỳ năm trước".into(), v(80.0)),
                        ("Thực hiện lũy kế đến hết quý".into(), v(90.0)),
                        ("Ước thực hiện cả năm".into(), v(180.0)),
                    ],
                }
            })
            .collect();
        let growth = o
            .sectors
            .iter()
            .map(|s| Row {
                code: t(s.code.as_str()),
                cells: vec![
                    ("Ước thực hiện quý (%)".into(), W::Num(6.5)),
                    ("Ước thực hiện lũy kế (%)".into(), W::Num(6.1)),
                    ("Kịch bản cập nhật cả năm (%)".into(), W::Num(7.0)),
                ],
            })
            .collect();
        let tasks = o
            .tasks
            .iter()
            .map(|task| Row {
                code: t(task.id.as_str()),
                cells: vec![
                    ("Tình trạng".into(), t("Đang thực hiện")),
                    ("Kết quả thực hiện".into(), t("Đang triển khai theo kế hoạch")),
                ],
            })
            .collect();
        let sheets = vec![
            SheetForm {
                name: SHEET_MEASURES.into(),
                headers: form_headers(&MEASURE_HEADERS, false).iter().map(|(_, h)| (*h).to_owned()).collect(),
                rows: measures,
            },
            SheetForm {
                name: SHEET_GROWTH.into(),
                headers: form_headers(&GROWTH_HEADERS, false).iter().map(|(_, h)| (*h).to_owned()).collect(),
                rows: growth,
            },
            SheetForm {
                name: SHEET_TASKS.into(),
                headers: form_headers(&TASK_HEADERS, false).iter().map(|(_, h)| (*h).to_owned()).collect(),
                rows: tasks,
            },
        ];
        Form { info, sheets }
    }

    /// Sets the `Thông tin` value of `label`, adding the label when absent.
    pub fn set_info(&mut self, label: &str, value: W) {
        if let Some(slot) = self.info.iter_mut().find(|(l, _)| l == label) {
            slot.1 = value;
        } else {
            self.info.push((label.to_owned(), value));
        }
    }

    /// Removes the `Thông tin` label and its value.
    pub fn remove_info(&mut self, label: &str) {
        self.info.retain(|(l, _)| l != label);
    }

    /// The data sheet named `name`.
    #[track_caller]
    pub fn sheet(&mut self, name: &str) -> &mut SheetForm {
        self.sheets.iter_mut().find(|s| s.name == name).unwrap_or_else(|| panic!("no sheet {name}"))
    }

    /// Every sheet's cells: `Thông tin` (title in A1, labels from A3, values in B), then each
    /// data sheet with a title row, a blank row and the header in row 3.
    pub fn cells(&self) -> Vec<SheetCells> {
        let mut info = vec![(0, 0, t("THÔNG TIN BÁO CÁO"))];
        for (i, (label, value)) in self.info.iter().enumerate() {
            info.push((2 + i as u32, 0, t(label)));
            info.push((2 + i as u32, 1, value.clone()));
        }
        let mut out = vec![(SHEET_INFO.to_owned(), info)];
        for sheet in &self.sheets {
            let mut cells = vec![(0, 0, W::Text(format!("BIỂU {}", sheet.name.to_uppercase())))];
            for (c, h) in sheet.headers.iter().enumerate() {
                cells.push((2, c as u32, t(h)));
            }
            let code_col = sheet.headers.iter().position(|h| h == "Mã").unwrap_or(0) as u32;
            for (i, r) in sheet.rows.iter().enumerate() {
                let row = 3 + i as u32;
                cells.push((row, code_col, r.code.clone()));
                for (h, v) in &r.cells {
                    if let Some(c) = sheet.headers.iter().position(|x| x == h) {
                        cells.push((row, c as u32, v.clone()));
                    }
                }
            }
            out.push((sheet.name.clone(), cells));
        }
        out
    }

    /// The form as xlsx bytes.
    pub fn xlsx(&self) -> Vec<u8> {
        let mut wb = Workbook::new();
        for (name, cells) in self.cells() {
            let ws = wb.add_worksheet();
            ws.set_name(&name).expect("name");
            for (r, c, v) in &cells {
                put(ws, *r, *c as u16, v);
            }
        }
        wb.save_to_buffer().expect("xlsx")
    }

    /// The form as OpenDocument bytes, every cell moved down `rows` and right `cols` (so the
    /// used range does not start at A1); percent cells become plain fractions (no styles).
    pub fn ods(&self, rows: u32, cols: u32) -> Vec<u8> {
        super::ods::write(&self.cells(), rows, cols)
    }
}

/// Writes one cell.
pub fn put(ws: &mut Worksheet, row: u32, col: u16, value: &W) {
    let r = match value {
        W::Blank => Ok(ws),
        W::Num(v) => ws.write_number(row, col, *v),
        W::Text(s) => ws.write_string(row, col, s),
        W::Pct(v) => ws.write_number_with_format(row, col, *v, &Format::new().set_num_format("0.0%")),
        W::Formula(f, result) => ws.write_formula(row, col, Formula::new(f).set_result(result)),
        W::Date(y, m, d) => {
            let date = ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
            ws.write_datetime_with_format(row, col, &date, &Format::new().set_num_format("dd/mm/yyyy"))
        }
        W::Font(s, font) => ws.write_string_with_format(row, col, s, &Format::new().set_font_name(font)),
    };
    r.expect("cell written");
}
