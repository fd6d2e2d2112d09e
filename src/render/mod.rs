//! Stage 5: rendering — every document of a run, from one view: Markdown via Tera, PDF via
//! embedded Typst, the xlsx appendix, the intake overview and the receipts.
//!
//! Two entry points: [`render_intake`] (what `check` writes) and [`render`] (what `build`
//! writes: the intake documents too). Both write each output into a [`Staging`] folder as soon
//! as it is made; the caller commits it.

pub mod documents;
pub mod escape;
pub mod filters;
pub mod intake;
pub mod markdown_typst;
mod narrative;
mod note_sections;
pub mod notes;
pub mod receipt;
pub mod reminder;
pub mod tables;
pub mod templates;
#[cfg(test)]
mod tests;
pub mod trend;
pub mod typeset;
pub mod typst_text;
pub mod views;
pub mod word;
pub mod xlsx;

use std::time::{Duration, Instant};

pub use intake::{RECEIPTS, render_intake};
pub use note_sections::notes_fill;
pub use templates::Templates;
pub use typeset::Typesetter;

use crate::collect::Intake;
use crate::consolidate::Consolidated;
use crate::findings::Finding;
use crate::output::{Output, OutputKind, Staging};
use crate::plan::Plan;
use documents::{render_documents, typeset_documents};
use typeset::TypesetError;
use views::{ViewSettings, build_view};

/// What the report's documents are rendered from, besides the templates and fonts.
pub struct RenderInput<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// The quarter's intake.
    pub intake: &'a Intake,
    /// The consolidated figures.
    pub consolidated: &'a Consolidated,
    /// The report's number, signing date and signer, and whether it is still a draft; the
    /// signing date is the date on the report and in the PDFs' metadata.
    pub issuance: &'a crate::issuance::Issuance,
    /// The department's notes (Markdown), when present.
    pub notes: Option<&'a str>,
    /// Also write the generated Typst sources.
    pub keep_typ: bool,
    /// Also render the appendices as one workbook (`phu-luc.xlsx`, for the package).
    pub workbook: bool,
}

/// What rendering reports besides the files it wrote: warnings and timings.
pub struct Documents {
    /// Warnings (templates, typesetting).
    pub findings: Vec<Finding>,
    /// Wall-clock time of each step, in order (the steps run one after another).
    pub steps: Vec<(&'static str, Duration)>,
    /// Each document's layout and PDF-export time, measured on its own thread; the documents
    /// are typeset in parallel, so these overlap and do not add up to the wall clock.
    pub documents: Vec<DocumentTime>,
}

/// How long one document took to typeset.
#[derive(Debug, Clone, Copy)]
pub struct DocumentTime {
    /// The document (`bao-cao`, …).
    pub id: &'static str,
    /// Compiling and laying out.
    pub layout: Duration,
    /// Writing the PDF.
    pub export: Duration,
}

/// Rendering failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template could not be rendered.
    #[error(transparent)]
    Template(#[from] templates::TemplateError),
    /// A document could not be typeset; `sources` holds the generated Typst of every document,
    /// so the `<tài liệu>.typ:LINE:COL` of the error can be opened.
    #[error("không dàn trang được tài liệu")]
    Typeset {
        /// Typst's error.
        #[source]
        error: TypesetError,
        /// The generated sources (`*.typ`).
        sources: Vec<Output>,
    },
    /// An output could not be written into the staging folder.
    #[error("không ghi được tệp kết quả")]
    Write(#[source] std::io::Error),
    /// A JSON output could not be serialised.
    #[error("không tạo được tệp JSON")]
    Json(#[source] serde_json::Error),
    /// A Word document could not be made.
    #[error(transparent)]
    Word(#[from] word::WordError),
    /// The xlsx appendix could not be built.
    #[error("không tạo được phu-luc.xlsx")]
    Workbook(#[source] rust_xlsxwriter::XlsxError),
}

/// Renders every output of a build into `out` as each is made: the intake documents,
/// `tong-hop.json`, the build record, the report and its appendices in Markdown, PDF and Word,
/// and (when asked) the generated Typst and the xlsx appendix.
///
/// The documents' sources are rendered first; then, while Typst lays them out on its threads,
/// this thread writes every other output (for a large province: thousands of receipts and tens
/// of MB of JSON, written straight to disk rather than held).
pub fn render(
    input: &RenderInput<'_>,
    templates: &Templates,
    typesetter: &Typesetter,
    out: &Staging,
) -> Result<Documents, RenderError> {
    let mut steps = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, steps: &mut Vec<(&'static str, Duration)>| {
        steps.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let notes_file = format!("notes/{}.md", input.intake.quarter);
    let (notes, mut findings) = match input.notes {
        Some(n) => {
            let (text, f) = notes::sanitize(n, &notes_file);
            (Some(text), f)
        }
        None => (None, Vec::new()),
    };
    let settings =
        ViewSettings { font: typesetter.body_family().to_owned(), issuance: input.issuance.clone(), notes };
    let view = build_view(input.plan, input.consolidated, &settings);
    let docs = render_documents(templates, &view)?;
    lap("dựng mẫu", &mut steps);

    // The charts for Word are drawn on the typesetting threads, on the core the shorter
    // documents leave idle while the longest finishes; the other outputs are written meanwhile.
    let date = input.issuance.signing_date;
    let ((compiled, charts), rest) = std::thread::scope(|scope| {
        let rest = scope.spawn(|| write_other_outputs(input, templates, typesetter, &docs, &view, out));
        let typeset = typeset_documents(typesetter, templates, &docs, date, || {
            word::chart_source(templates, &view, date)
                .map_err(word::charts::ChartError::from)
                .and_then(|source| word::draw_charts(typesetter, &source, &word::chart_ids(&view)))
        });
        (typeset, rest.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    rest?;
    let compiled = compiled.map_err(|error| RenderError::Typeset { error, sources: typst_sources(&docs) })?;
    findings.extend(templates.findings().iter().cloned());
    let mut documents = Vec::with_capacity(compiled.len());
    for (id, c) in compiled {
        findings.extend(c.warnings.iter().map(|w| w.to_finding()));
        documents.push(DocumentTime { id, layout: c.layout_time, export: c.export_time });
        out.put(&Output::new(format!("{id}.pdf"), kind_of(id), c.pdf)).map_err(RenderError::Write)?;
    }
    lap(TYPESET_STEP, &mut steps);

    let charts = charts.unwrap_or_else(|e| {
        findings.push(Finding::warning(
            "bieu-do-word",
            crate::findings::Place::file(word::charts::CHART_TEMPLATE),
            format!("các tệp Word không có biểu đồ: {e}"),
        ));
        Vec::new()
    });
    for (id, bytes) in word::word_documents(templates, &view, &charts, date)? {
        out.put(&Output::new(format!("{id}.docx"), kind_of(id), bytes)).map_err(RenderError::Write)?;
    }
    lap("xuất Word", &mut steps);
    Ok(Documents { findings, steps, documents })
}

/// The name of the typesetting step in the build's timings.
const TYPESET_STEP: &str = "dàn trang và xuất PDF (song song: vẽ biểu đồ và ghi các tệp khác)";

/// Everything but the PDFs and Word documents: the intake documents, `tong-hop.json`, the build
/// record, the Markdown documents, the kept Typst sources and the xlsx appendix.
fn write_other_outputs(
    input: &RenderInput<'_>,
    templates: &Templates,
    typesetter: &Typesetter,
    docs: &[documents::RenderedDoc],
    view: &views::DocumentsView,
    out: &Staging,
) -> Result<(), RenderError> {
    let put = |o: Output| out.put(&o).map_err(RenderError::Write);
    render_intake(templates, input.plan, input.intake, out)?;
    out.put_with(crate::consolidate::SUMMARY_FILE, OutputKind::Figures, |w| {
        crate::consolidate::write_summary(input.consolidated, w)
    })
    .map_err(RenderError::Write)?;
    let record = BuildRecord {
        program: concat!("baocao ", env!("CARGO_PKG_VERSION")),
        quarter: input.intake.quarter.to_string(),
        cutoff: input.intake.cutoff.to_string(),
        signing_date: input.issuance.signing_date.to_string(),
        draft: input.issuance.is_draft(),
        font: typesetter.font_report(),
        templates: templates.sources(),
    };
    let record = serde_json::to_vec_pretty(&record).map_err(RenderError::Json)?;
    put(Output::new(BUILD_RECORD, OutputKind::BuildRecord, record))?;
    for d in docs {
        if let Some(md) = &d.markdown {
            out.put_bytes(format!("{}.md", d.id), kind_of(d.id), md.as_bytes())
                .map_err(RenderError::Write)?;
        }
        if input.keep_typ {
            out.put_bytes(format!("{}.typ", d.id), OutputKind::TypstSource, d.typst.as_bytes())
                .map_err(RenderError::Write)?;
        }
    }
    if input.workbook {
        let bytes = xlsx::appendix_workbook(view, input.consolidated, input.issuance.signing_date)
            .map_err(RenderError::Workbook)?;
        put(Output::new("phu-luc.xlsx", OutputKind::Workbook, bytes))?;
    }
    Ok(())
}

/// The generated Typst source of each document (`--keep-typ`, and beside a typesetting error).
fn typst_sources(docs: &[documents::RenderedDoc]) -> Vec<Output> {
    docs.iter()
        .map(|d| Output::new(format!("{}.typ", d.id), OutputKind::TypstSource, d.typst.clone().into_bytes()))
        .collect()
}

/// The file recording how the documents were made: font actually used and templates.
pub const BUILD_RECORD: &str = "ban-dung.json";

/// What `ban-dung.json` holds (no timings, so it stays reproducible).
#[derive(serde::Serialize)]
struct BuildRecord<'a> {
    program: &'static str,
    quarter: String,
    cutoff: String,
    signing_date: String,
    draft: bool,
    font: &'a typeset::FontReport,
    templates: &'a [templates::TemplateSource],
}

/// The kind of a report document by its id.
fn kind_of(id: &str) -> OutputKind {
    match id {
        "bao-cao" => OutputKind::Report,
        "bao-cao-day-du" => OutputKind::Combined,
        _ => OutputKind::Appendix,
    }
}
