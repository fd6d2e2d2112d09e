//! Word output: the report and Phụ lục 1–3 as `.docx`, from the same view as the Markdown and
//! the PDF, so the office can finish the report in Word or LibreOffice Writer.
//!
//! Made by hand from templates rather than with a crate such as docx-rs: the body is a Tera
//! template of WordprocessingML (`*.docx.tera`, XML-escaped by [`escape_xml`]) and the styles a
//! plain XML part (`word-styles.xml`, or a user's `tham-chieu.docx`), so a department's
//! overrides reach Word as they reach the PDF; docx-rs 0.4 lacks repeating header rows
//! (`w:tblHeader`), which every appendix needs. The parts are zipped by the package's
//! deterministic zip writer, with fixed dates, so two builds give the same bytes.

pub mod charts;
pub mod markdown;
mod parts;
pub mod xml;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use time::Date;

pub use charts::{ChartImage, chart_ids, chart_source, draw_charts};
pub use markdown::markdown_to_word;
pub use xml::escape_xml;

use super::templates::{TemplateError, Templates};
use super::views::DocumentsView;

/// The Word documents: id (file stem) and template. Each template wraps the bodies of
/// [`WORD_BODIES`] (given as `word.body`, or all as `word.bodies`; the view is not given again);
/// the combined one has each part in its own section.
pub const WORD_DOCUMENTS: [(&str, &str); 5] = [
    ("bao-cao", "bao-cao.docx.tera"),
    ("phu-luc-1", "phu-luc-1.docx.tera"),
    ("phu-luc-2", "phu-luc-2.docx.tera"),
    ("phu-luc-3", "phu-luc-3.docx.tera"),
    ("bao-cao-day-du", "bao-cao-day-du.docx.tera"),
];

/// The body of each part, rendered once and shared by its own document and the combined one.
pub const WORD_BODIES: [(&str, &str); 4] = [
    ("bao-cao", "_bao-cao.docx.tera"),
    ("phu-luc-1", "_phu-luc-1.docx.tera"),
    ("phu-luc-2", "_phu-luc-2.docx.tera"),
    ("phu-luc-3", "_phu-luc-3.docx.tera"),
];

/// What the Word templates see besides the view.
#[derive(Serialize)]
struct WordValues<'a> {
    /// The chart images by id (`trend`, `growth`, `status`); absent when not drawn.
    charts: BTreeMap<&'static str, &'a ChartImage>,
    /// The rendered bodies by part (WordprocessingML, escaped already).
    bodies: BTreeMap<&'static str, String>,
    /// The document's own body, when it has one part.
    body: Option<&'a str>,
}

/// Why a Word document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum WordError {
    /// A template failed.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// The zip could not be written.
    #[error("không đóng gói được tệp Word {0}.docx")]
    Zip(&'static str, #[source] zip::result::ZipError),
}

/// Renders every Word document of the view: `(id, .docx bytes)` in [`WORD_DOCUMENTS`] order.
/// `date` is the signing date (the documents' created and modified dates).
pub fn word_documents(
    templates: &Templates,
    view: &DocumentsView,
    charts: &[ChartImage],
    date: Date,
) -> Result<Vec<(&'static str, Vec<u8>)>, WordError> {
    let charts_by_id: BTreeMap<&'static str, &ChartImage> = charts.iter().map(|c| (c.id, c)).collect();
    let parts = WordValues { charts: charts_by_id.clone(), bodies: BTreeMap::new(), body: None };
    let bodies = WORD_BODIES
        .par_iter()
        .map(|&(id, template)| Ok((id, crate::vn::nfc(&templates.render_word(template, view, &parts)?))))
        .collect::<Result<BTreeMap<_, _>, TemplateError>>()?;
    WORD_DOCUMENTS
        .par_iter()
        .map(|&(id, template)| {
            let values = WordValues {
                charts: charts_by_id.clone(),
                body: bodies.get(id).map(String::as_str),
                bodies: if bodies.contains_key(id) { BTreeMap::new() } else { bodies.clone() },
            };
            // The wrappers see only `word` (the bodies and charts), not the whole view again.
            let document = templates.render_word(template, &serde_json::json!({}), &values)?;
            let meta =
                parts::Meta { title: title(id, view), author: &view.header.agency, date, draft: view.draft };
            let bytes = parts::docx(&document, templates.word_styles(), charts, &meta)
                .map_err(|e| WordError::Zip(id, e))?;
            Ok((id, bytes))
        })
        .collect()
}

/// The title in a document's properties, as in its PDF.
fn title(id: &str, view: &DocumentsView) -> String {
    let a = &view.appendices;
    let appendix = |n: &super::views::AppendixView| format!("{} {}: {}", a.word, n.number, n.title);
    match id {
        "phu-luc-1" => appendix(&a.indicators),
        "phu-luc-2" => appendix(&a.growth),
        "phu-luc-3" => appendix(&a.tasks),
        _ => view.title.clone(),
    }
}
