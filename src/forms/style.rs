//! Cell formats of the forms: grey locked cells the plan fills, white unlocked input cells.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// The font of every cell (the font of Vietnamese administrative documents).
const FONT: &str = "Times New Roman";
/// The font size of table cells.
const SIZE: f64 = 12.0;
/// The shade of locked cells.
const GREY: u32 = 0xE7E6E6;
/// The shade of header cells.
const HEADER: u32 = 0xD9E1F2;
/// The date format of `Ngày báo cáo`.
pub const DATE_FORMAT: &str = "dd/mm/yyyy";
/// The format of a percent-formatted input.
pub const PERCENT_FORMAT: &str = "0.0%";

/// Every format a form uses, built once per workbook.
#[derive(Debug, Clone)]
pub struct Styles {
    /// The title line of `Thông tin`.
    pub title: Format,
    /// The italic line under the title.
    pub subtitle: Format,
    /// A label in column A of `Thông tin`.
    pub label: Format,
    /// A value the form fills (locked, grey).
    pub fixed: Format,
    /// A plain text note beside a value.
    pub aside: Format,
    /// A header cell of a table.
    pub header: Format,
    /// A locked text cell of a table.
    pub locked: Format,
    /// A locked, centred cell of a table (codes, units, deadlines).
    pub locked_center: Format,
    /// A locked number with two decimals (scenario).
    pub locked_number: Format,
    /// A locked figure as reported (the previous quarter's), right-aligned in General format.
    pub locked_figure: Format,
    /// An input cell (unlocked, wrapped).
    pub input: Format,
    /// A percent-formatted input cell.
    pub input_percent: Format,
    /// A date input cell.
    pub input_date: Format,
    /// An instruction line.
    pub instruction: Format,
    /// The heading of the instructions.
    pub instruction_heading: Format,
}

impl Styles {
    /// Builds the formats.
    pub fn new() -> Styles {
        let base = Format::new().set_font_name(FONT).set_font_size(SIZE);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        let locked = cell.clone().set_background_color(Color::RGB(GREY));
        let input = cell.clone().set_unlocked();
        Styles {
            title: base.clone().set_bold().set_font_size(14).set_align(FormatAlign::Center).set_text_wrap(),
            subtitle: base
                .clone()
                .set_italic()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            label: cell.clone().set_bold(),
            fixed: locked.clone(),
            aside: base.clone().set_italic().set_align(FormatAlign::VerticalCenter),
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(HEADER)),
            locked_center: locked.clone().set_align(FormatAlign::Center),
            locked_number: locked.clone().set_num_format("0.00").set_align(FormatAlign::Right),
            locked_figure: locked.clone().set_align(FormatAlign::Right),
            locked,
            input_percent: input.clone().set_num_format(PERCENT_FORMAT),
            input_date: input.clone().set_num_format(DATE_FORMAT).set_align(FormatAlign::Left),
            input,
            instruction: base.clone().set_text_wrap().set_align(FormatAlign::Top),
            instruction_heading: base.set_bold(),
        }
    }
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}
