//! The documents of a run: Markdown and Typst rendered from one view, then typeset to PDF.

use std::collections::BTreeMap;

use time::Date;

use super::templates::{TYPST_LIBRARY, TemplateError, Templates};
use super::typeset::{Compiled, TypesetError, Typesetter, TypstDoc};
use super::views::DocumentsView;

/// One document: its id (the output file stem), Markdown (when it has one) and Typst source.
#[derive(Debug, Clone)]
pub struct RenderedDoc {
    /// `bao-cao`, `phu-luc-1`, …, `phu-luc-3`.
    pub id: &'static str,
    /// The Markdown version, when the document has one.
    pub markdown: Option<String>,
    /// The generated Typst source.
    pub typst: String,
}

/// The documents of a report: id, Markdown template, Typst template. The combined PDF
/// ([`COMBINED`]) is put together from their pages.
pub const DOCUMENTS: [(&str, Option<&str>, &str); 4] = [
    ("bao-cao", Some("bao-cao.md.tera"), "bao-cao.typ.tera"),
    ("phu-luc-1", Some("phu-luc-1.md.tera"), "phu-luc-1.typ.tera"),
    ("phu-luc-2", Some("phu-luc-2.md.tera"), "phu-luc-2.typ.tera"),
    ("phu-luc-3", Some("phu-luc-3.md.tera"), "phu-luc-3.typ.tera"),
];

/// The report with its appendices in one PDF, made of the pages of [`DOCUMENTS`] in order.
pub const COMBINED: &str = "bao-cao-day-du";

/// Renders every document's Markdown and Typst source from the view.
pub fn render_documents(
    templates: &Templates,
    view: &DocumentsView,
) -> Result<Vec<RenderedDoc>, TemplateError> {
    DOCUMENTS
        .iter()
        .map(|(id, md, typ)| {
            let markdown = md.map(|name| templates.render_markdown(name, view)).transpose()?;
            let typst = crate::vn::nfc(&templates.render_typst(typ, view)?);
            Ok(RenderedDoc { id, markdown: markdown.map(|m| tidy_markdown(&m)), typst })
        })
        .collect()
}

/// Typesets every document to PDF, in parallel, each on a thread of its own (the typesetter is
/// shared), then puts their pages together into [`COMBINED`] without laying anything out again.
/// Not on rayon's pool: a document waiting inside Typst would there run other documents'
/// compiles on its thread, and its own times would count theirs.
pub fn typeset_documents(
    typesetter: &Typesetter,
    templates: &Templates,
    docs: &[RenderedDoc],
    date: Date,
) -> Result<Vec<(&'static str, Compiled)>, TypesetError> {
    let mut files = BTreeMap::new();
    files.insert(format!("/{TYPST_LIBRARY}"), templates.typst_library().as_bytes().to_vec());
    let files = &files;
    std::thread::scope(|scope| {
        let handles: Vec<_> = docs
            .iter()
            .map(|d| {
                scope.spawn(move || {
                    let doc =
                        TypstDoc { name: d.id.to_owned(), main: d.typst.clone(), files: files.clone(), date };
                    typesetter.compile(&doc).map(|c| (d.id, c))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect::<Result<Vec<_>, _>>()
    })
    .and_then(|mut compiled| {
        let parts: Vec<&Compiled> = compiled.iter().map(|(_, c)| c).collect();
        let combined = typesetter.combine(COMBINED, &parts, date)?;
        compiled.push((COMBINED, combined));
        Ok(compiled)
    })
}

/// Collapses runs of blank lines left by template control flow, and ends with one newline.
fn tidy_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
            out.push('\n');
        } else {
            blank = 0;
            out.push_str(line.trim_end_matches(' ').trim_end());
            if line.ends_with("  ") {
                out.push_str("  ");
            }
            out.push('\n');
        }
    }
    out.trim().to_owned() + "\n"
}
