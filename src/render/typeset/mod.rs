//! Typst embedded as a library: generated markup in, PDF/A-2b bytes out.
//!
//! A [`Typesetter`] is built once per run (font scan, standard library) and
//! shared by all documents, possibly from several threads. Each
//! [`TypstDoc`] is compiled in its own in-memory world (see `world.rs`): no
//! file system, no network, no packages, and "today" is the document's
//! cut-off date, so the same input always gives the same bytes.

mod coverage;
mod diag;
mod fonts;
mod report;
mod world;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::PathBuf;

use typst::Library;
use typst::LibraryExt;
use typst::diag::Warned;
use typst::foundations::{Datetime, Smart};
use typst::model::Document;
use typst::utils::LazyHash;
use typst_layout::{Page, PagedDocument};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

pub use coverage::{vietnamese_coverage, vietnamese_letters};
pub use diag::{Diagnostic, Level, TypesetError};
pub use fonts::{LIBERATION_SERIF, TIMES_NEW_ROMAN};
pub use report::{EMBEDDED_SOURCE, FaceReport, FaceStyle, FontReport, UsedFont};

use world::{DocWorld, Shared};

/// How many `comemo::evict` generations memoized results survive. Each
/// document compiled is one generation, so results unused by the last few
/// documents are dropped and memory stays bounded however many documents a
/// run makes. 4 keeps the caches of roughly as many documents as rayon
/// compiles at once on a small machine (plus margin), so documents typeset
/// in parallel rarely evict each other's hot entries (shaped text, layouts of
/// shared template parts) mid-compilation.
const CACHE_GENERATIONS: usize = 4;

/// One document to typeset: generated Typst source plus in-memory files.
#[derive(Debug, Clone)]
pub struct TypstDoc {
    /// The document's name, e.g. `bao-cao`; the main file is shown to users as `<name>.typ`.
    pub name: String,
    /// Typst markup of the main file (already NFC).
    pub main: String,
    /// Virtual files by absolute path, e.g. `/data.json`, `/charts/growth.svg`.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Fixed "today" and PDF creation date (the report cut-off).
    pub date: time::Date,
}

/// The result of a successful compilation.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The PDF/A-2b file.
    pub pdf: Vec<u8>,
    /// Typst's compilation warnings, in Typst's order (errors are in [`TypesetError`]).
    pub warnings: Vec<Diagnostic>,
    /// Width and height of each page, in points.
    pub page_sizes: Vec<(f64, f64)>,
    /// The fonts the document's text uses, with where each came from.
    pub fonts: Vec<UsedFont>,
    /// Time spent compiling and laying out (Typst), for benchmarks.
    pub layout_time: std::time::Duration,
    /// Time spent writing the PDF, for benchmarks.
    pub export_time: std::time::Duration,
    /// The laid-out pages, so that [`Typesetter::combine`] can put documents together without
    /// laying them out again.
    pub document: PagedDocument,
}

/// A document laid out by [`Typesetter::layout`], ready for [`Typesetter::export`].
pub struct Laid {
    /// The pages.
    pub document: PagedDocument,
    /// Typst's compilation warnings.
    pub warnings: Vec<Diagnostic>,
    /// Time spent compiling and laying out.
    pub layout_time: std::time::Duration,
}

/// Fonts and the standard library, built once per run and shared by all documents.
pub struct Typesetter {
    shared: Shared,
    report: FontReport,
}

impl Typesetter {
    /// `font_dirs`: extra folders to scan first (e.g. DATA/fonts); `system_fonts`: also scan the machine's fonts.
    pub fn new(font_dirs: &[PathBuf], system_fonts: bool) -> Result<Typesetter, TypesetError> {
        let loaded = fonts::load(font_dirs, system_fonts)?;
        let library = LazyHash::new(Library::builder().build());
        Ok(Typesetter { shared: Shared { library, fonts: loaded.store }, report: loaded.report })
    }

    /// The serif family the templates must use (Times New Roman or Liberation Serif).
    pub fn body_family(&self) -> &str {
        &self.report.family
    }

    /// What was chosen and why: family, where each face came from, coverage result.
    pub fn font_report(&self) -> &FontReport {
        &self.report
    }

    /// Compiles one document to PDF/A-2b bytes, deterministic for the same input.
    pub fn compile_pdf(&self, doc: &TypstDoc) -> Result<Vec<u8>, TypesetError> {
        self.compile(doc).map(|compiled| compiled.pdf)
    }

    /// Like [`Self::compile_pdf`], also returning warnings, page sizes and the fonts used.
    pub fn compile(&self, doc: &TypstDoc) -> Result<Compiled, TypesetError> {
        self.layout(doc).and_then(|laid| self.export(doc, laid))
    }

    /// Compiles and lays out one document (no PDF yet).
    pub fn layout(&self, doc: &TypstDoc) -> Result<Laid, TypesetError> {
        let result = DocWorld::new(&self.shared, doc).and_then(|world| {
            let main_name = format!("{}.typ", doc.name);
            let started = std::time::Instant::now();
            let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
            let layout_time = started.elapsed();
            let warnings = diag::convert(&world, &main_name, &warnings);
            let document = output.map_err(|errors| TypesetError::Compile {
                name: doc.name.clone(),
                diagnostics: diag::convert(&world, &main_name, &errors),
            })?;
            Ok(Laid { document, warnings, layout_time })
        });
        typst::comemo::evict(CACHE_GENERATIONS);
        result
    }

    /// Writes a laid-out document as PDF/A-2b, deterministic for the same input.
    pub fn export(&self, doc: &TypstDoc, laid: Laid) -> Result<Compiled, TypesetError> {
        let main_name = format!("{}.typ", doc.name);
        let pdf_error = |diagnostics| TypesetError::Pdf { name: doc.name.clone(), diagnostics };
        let standards = pdf_a2b().map_err(|(message, hints)| {
            pdf_error(vec![diag::unplaced(main_name.clone(), &message, hints)])
        })?;
        let options = pdf_options(&doc.name, doc.date, standards);
        let started = std::time::Instant::now();
        let pdf = typst_pdf::pdf(&laid.document, &options).map_err(|errors| {
            // The world again (cheap: the document's own files), to place the errors in the source.
            match DocWorld::new(&self.shared, doc) {
                Ok(world) => pdf_error(diag::convert(&world, &main_name, &errors)),
                Err(e) => e,
            }
        })?;
        let export_time = started.elapsed();
        Ok(self.finish(laid.document, pdf, laid.warnings, laid.layout_time, export_time))
    }

    /// Puts finished documents together into one PDF named `name`: their pages as laid out (each
    /// part keeps its own page numbers), nothing laid out again; title and language are the
    /// first part's.
    pub fn combine(
        &self,
        name: &str,
        parts: &[PagedDocument],
        date: time::Date,
    ) -> Result<Compiled, TypesetError> {
        let pages: typst::diag::EcoVec<Page> =
            parts.iter().flat_map(|part| part.pages().iter().cloned()).collect();
        let info = parts.first().map(|p| p.info().clone()).unwrap_or_default();
        let document = PagedDocument::new(pages, info);
        let pdf_error = |message: String, hints: Vec<String>| TypesetError::Pdf {
            name: name.to_owned(),
            diagnostics: vec![diag::unplaced(format!("{name}.pdf"), &message, hints)],
        };
        let standards = pdf_a2b().map_err(|(message, hints)| pdf_error(message, hints))?;
        let started = std::time::Instant::now();
        let pdf = typst_pdf::pdf(&document, &pdf_options(name, date, standards)).map_err(|errors| {
            let first = errors.first();
            pdf_error(
                first.map(|e| e.message.to_string()).unwrap_or_default(),
                first.map(|e| e.hints.iter().map(|h| h.v.to_string()).collect()).unwrap_or_default(),
            )
        })?;
        let export_time = started.elapsed();
        Ok(self.finish(document, pdf, Vec::new(), std::time::Duration::ZERO, export_time))
    }

    fn finish(
        &self,
        document: PagedDocument,
        pdf: Vec<u8>,
        warnings: Vec<Diagnostic>,
        layout_time: std::time::Duration,
        export_time: std::time::Duration,
    ) -> Compiled {
        let page_sizes = document
            .pages()
            .iter()
            .map(|page| (page.frame.width().to_pt(), page.frame.height().to_pt()))
            .collect();
        let fonts = fonts::used_fonts(&self.shared.fonts, &document);
        Compiled { layout_time, export_time, pdf, warnings, page_sizes, fonts, document }
    }
}

/// The PDF/A-2b standard, or Typst's message and hints when it cannot be enabled.
fn pdf_a2b() -> Result<PdfStandards, (String, Vec<String>)> {
    PdfStandards::new(&[PdfStandard::A_2b])
        .map_err(|e| (e.message().to_string(), e.hints().iter().map(ToString::to_string).collect()))
}

/// The PDF options of every document: PDF/A-2b, a fixed identifier and the cut-off date as
/// creation date, so the same input gives the same bytes.
fn pdf_options(name: &str, date: time::Date, standards: PdfStandards) -> PdfOptions {
    let midnight = time::PrimitiveDateTime::new(date, time::Time::MIDNIGHT);
    PdfOptions {
        ident: Smart::Custom(format!("baocao/{name}")),
        timestamp: Some(Timestamp::new_utc(Datetime::Datetime(midnight))),
        standards,
        ..PdfOptions::default()
    }
}
