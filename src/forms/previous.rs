//! The previous quarter's figures a form of quarters 2–4 shows, locked, beside the inputs they
//! update: the agency's own cumulative figure, full-year estimate, growth estimate and task status.
//!
//! They come from [`Earlier`] (the archived package of the previous quarter, else its
//! submissions); the columns are display only and the reader never takes them as inputs.

use rust_xlsxwriter::{ColNum, Note, RowNum, Worksheet, XlsxError};

use super::writer::FormContext;
use crate::consolidate::{Earlier, EarlierValue};
use crate::contract::ReportedStatus;
use crate::period::Quarter;
use crate::plan::StatusVocabulary;

/// The figures to prefill, of the quarter before the form's.
#[derive(Debug, Clone, Copy)]
pub(super) struct Previous<'a> {
    /// The previous quarter's figures.
    pub figures: &'a Earlier,
    /// That quarter.
    pub quarter: Quarter,
}

impl<'a> Previous<'a> {
    /// The figures to show on a form of `quarter`: only those of the same year's previous
    /// quarter (a Q1 form, or figures of another quarter, show none).
    pub fn for_form(quarter: Quarter, figures: Option<&'a Earlier>) -> Option<Previous<'a>> {
        let previous = quarter.previous_in_year()?;
        let figures = figures.filter(|e| e.quarter == Some(previous))?;
        Some(Previous { figures, quarter: previous })
    }

    /// Where the figures came from, for notes: the archived package or the quarter's reports.
    pub fn source(&self) -> String {
        match &self.figures.archived {
            Some(a) => format!("gói báo cáo đã lưu {}", a.file),
            None => format!("các báo cáo {} Sở đã nhận", self.quarter.label()),
        }
    }
}

/// The label a status is shown with: the plan's dropdown label of its kind, as the clerk chose
/// it (the same label the revision checks quote), else the kind's meaning.
pub(super) fn status_label(statuses: &StatusVocabulary, kind: ReportedStatus) -> String {
    statuses.label_of(kind).map_or_else(|| crate::vn::upper_first(kind.meaning()), str::to_owned)
}

/// Writes a previous figure into a locked cell, or a locked blank when the agency sent none.
pub(super) fn write_figure(
    ws: &mut Worksheet,
    ctx: &FormContext<'_>,
    (row, col): (RowNum, ColNum),
    value: Option<&EarlierValue>,
) -> Result<(), XlsxError> {
    let format = &ctx.styles.locked_figure;
    match value {
        Some(v) => ws.write_number_with_format(row, col, v.value, format)?,
        None => ws.write_blank(row, col, format)?,
    };
    Ok(())
}

/// Puts a note on a previous-quarter column's header naming the quarter and the source.
pub(super) fn header_note(
    ws: &mut Worksheet,
    col: ColNum,
    what: &str,
    previous: &Previous<'_>,
) -> Result<(), XlsxError> {
    let text = format!(
        "{what} cơ quan đã báo cáo {} (theo {}). Chỉ để đối chiếu, không sửa; ô trống: quý trước chưa báo cáo.",
        previous.quarter.label(),
        previous.source()
    );
    let note = Note::new(text).add_author_prefix(false).set_width(320).set_height(100);
    ws.insert_note(0, col, &note)?;
    Ok(())
}

/// The instruction line of a prefilled form.
pub(super) fn instruction(previous: &Previous<'_>, quarter: Quarter) -> String {
    format!(
        "Các cột nền xám «… quý trước (đã báo cáo)» ghi sẵn số liệu và tình trạng cơ quan đã báo cáo {} \
         (theo {}) để đối chiếu, không sửa; ghi số liệu {} vào các ô nền trắng bên cạnh.",
        previous.quarter.label(),
        previous.source(),
        quarter.label()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const Q1: Quarter = Quarter { year: 2024, number: 1 };
    const Q2: Quarter = Quarter { year: 2024, number: 2 };
    const Q3: Quarter = Quarter { year: 2024, number: 3 };

    #[test]
    fn only_the_same_years_previous_quarter_is_shown() {
        let q1 = Earlier { quarter: Some(Q1), ..Earlier::default() };
        assert_eq!(Previous::for_form(Q2, Some(&q1)).map(|p| p.quarter), Some(Q1));
        assert!(Previous::for_form(Q3, Some(&q1)).is_none(), "figures of another quarter");
        assert!(Previous::for_form(Q1, Some(&q1)).is_none(), "no quarter before Q1 in the year");
        assert!(Previous::for_form(Q2, None).is_none());
        let p = Previous::for_form(Q2, Some(&q1)).expect("prefilled");
        assert_eq!(p.source(), "các báo cáo quý I/2024 Sở đã nhận");
    }

    #[test]
    fn a_status_shows_as_the_plans_dropdown_label() {
        let statuses = StatusVocabulary::builtin();
        for kind in ReportedStatus::ALL {
            let label = status_label(&statuses, kind);
            assert_eq!(statuses.parse(&label), Some(kind), "{label}");
        }
        assert_eq!(status_label(&statuses, ReportedStatus::DoneOnTime), "Hoàn thành đúng hạn");
        assert_eq!(status_label(&statuses, ReportedStatus::Submitted), "Đã trình, chờ phê duyệt");
    }
}
