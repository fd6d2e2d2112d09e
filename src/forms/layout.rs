//! The columns a table sheet carries: the contract's headers with their widths, less the
//! previous-quarter columns on a form that is not prefilled.

use rust_xlsxwriter::{ColNum, RowNum, Worksheet, XlsxError};

use super::writer::{FormContext, page_setup, protect};
use crate::contract::FormColumn;

/// Height of the header row, in points (two or three wrapped lines).
const HEADER_HEIGHT: f64 = 48.0;
/// Height of one line of 12 pt text, in points.
const LINE_HEIGHT: f64 = 16.0;

/// A sheet's columns in order, each with its header text and width in characters.
#[derive(Debug, Clone)]
pub(super) struct Layout<C: 'static> {
    columns: Vec<(C, &'static str, f64)>,
}

impl<C: FormColumn> Layout<C> {
    /// The columns of `headers` (widths aligned with them), with the previous-quarter ones only
    /// when `previous`.
    pub fn new(headers: &[(C, &'static str)], widths: &[f64], previous: bool) -> Layout<C> {
        let columns = headers
            .iter()
            .zip(widths)
            .filter(|((c, _), _)| previous || !c.is_previous())
            .map(|((c, h), w)| (*c, *h, *w))
            .collect();
        Layout { columns }
    }

    /// The column of `which`, when the sheet has it.
    pub fn find(&self, which: C) -> Option<ColNum> {
        let index = self.columns.iter().position(|(c, _, _)| *c == which)?;
        ColNum::try_from(index).ok()
    }

    /// The column of `which` (always present: not a previous-quarter column).
    pub fn col(&self, which: C) -> ColNum {
        self.find(which).unwrap_or(0)
    }

    /// The runs of adjacent columns among `inputs`, as (first, last): the ranges a validation
    /// covers without reaching a locked column.
    pub fn runs(&self, inputs: &[C]) -> Vec<(ColNum, ColNum)> {
        let mut cols: Vec<ColNum> = inputs.iter().filter_map(|c| self.find(*c)).collect();
        cols.sort_unstable();
        let mut runs: Vec<(ColNum, ColNum)> = Vec::new();
        for c in cols {
            match runs.last_mut() {
                Some((_, last)) if *last + 1 == c => *last = c,
                _ => runs.push((c, c)),
            }
        }
        runs
    }

    /// Names the sheet, writes the header row and sets the column widths.
    pub fn start_sheet(
        &self,
        ws: &mut Worksheet,
        ctx: &FormContext<'_>,
        name: &str,
    ) -> Result<(), XlsxError> {
        ws.set_name(name)?;
        for (i, (_, text, width)) in (0u16..).zip(&self.columns) {
            ws.write_string_with_format(0, i, *text, &ctx.styles.header)?;
            ws.set_column_width(i, *width)?;
        }
        ws.set_row_height(0, HEADER_HEIGHT)?;
        ws.set_freeze_panes(1, 0)?;
        Ok(())
    }

    /// Sets a row's height to fit its wrapped texts (LibreOffice does not refit rows on opening).
    pub fn fit_row(
        &self,
        ws: &mut Worksheet,
        row: RowNum,
        texts: &[(ColNum, &str)],
    ) -> Result<(), XlsxError> {
        let lines = texts
            .iter()
            .map(|(col, text)| {
                let width = self.columns.get(usize::from(*col)).map_or(10.0, |c| c.2).max(4.0);
                let per_line = width * 1.1;
                text.split('\n').map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0)).sum::<f64>()
            })
            .fold(1.0, f64::max);
        ws.set_row_height(row, LINE_HEIGHT * lines + 3.0)?;
        Ok(())
    }
}

/// Protects, sets up printing and selects the first input cell.
pub(super) fn finish_sheet(ws: &mut Worksheet, first_input: ColNum) -> Result<(), XlsxError> {
    protect(ws);
    page_setup(ws, true)?;
    ws.set_selection(1, first_input, 1, first_input)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{MEASURE_HEADERS, MeasureColumn as M};

    const WIDTHS: [f64; 10] = [1.0; 10];

    #[test]
    fn previous_columns_only_on_prefilled_forms_and_validations_skip_them() {
        let inputs = [M::SamePeriodLastYear, M::Cumulative, M::YearEstimate];
        let plain = Layout::new(&MEASURE_HEADERS, &WIDTHS, false);
        assert_eq!(plain.find(M::PreviousCumulative), None);
        assert_eq!((plain.col(M::Cumulative), plain.col(M::Note)), (5, 7));
        assert_eq!(plain.runs(&inputs), [(4, 6)]);
        let prefilled = Layout::new(&MEASURE_HEADERS, &WIDTHS, true);
        assert_eq!(prefilled.find(M::PreviousCumulative), Some(5));
        assert_eq!((prefilled.col(M::Cumulative), prefilled.col(M::PreviousEstimate)), (6, 7));
        assert_eq!(prefilled.runs(&inputs), [(4, 4), (6, 6), (8, 8)]);
    }
}
