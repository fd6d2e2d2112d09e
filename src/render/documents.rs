//! The documents of a run: Markdown and Typst rendered from one view, then typeset to PDF.

use std::collections::BTreeMap;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

use time::Date;
use typst_layout::PagedDocument;

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

/// Typesets every document to PDF, then puts their pages together into [`COMBINED`] without
/// laying anything out again.
///
/// As many threads as cores take jobs in turn: the documents, longest source first (so the
/// longest, Phụ lục 3 of a province with many tasks, starts at once), each laid out then written
/// as PDF; then `side` (work that may use the core the shorter documents leave idle while the
/// longest finishes: the charts for Word); and last the combined PDF, which waits for every
/// layout and is then written while the longest document writes its own. Own threads, not
/// rayon's pool: a document waiting inside Typst would there run other documents' compiles on its
/// thread, and its times would count theirs.
pub fn typeset_documents<T: Send>(
    typesetter: &Typesetter,
    templates: &Templates,
    docs: &[RenderedDoc],
    date: Date,
    side: impl FnOnce() -> T + Send,
) -> (Typeset, T) {
    let mut files = BTreeMap::new();
    files.insert(format!("/{TYPST_LIBRARY}"), templates.typst_library().as_bytes().to_vec());
    let sources: Vec<TypstDoc> = docs
        .iter()
        .map(|d| TypstDoc { name: d.id.to_owned(), main: d.typst.clone(), files: files.clone(), date })
        .collect();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(docs[i].typst.len()));
    let jobs: Vec<Job> = order.into_iter().map(Job::Document).chain([Job::Side, Job::Combined]).collect();
    let side = Mutex::new(Some(side));
    let side_result = Mutex::new(None);
    let layouts = Layouts::new(docs.len());
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(2, usize::from).clamp(1, jobs.len());
    let mut results: Vec<Option<Result<Compiled, TypesetError>>> = (0..=docs.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(&job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                        match job {
                            Job::Document(i) => {
                                // A panic inside Typst must not leave the combined job waiting.
                                let laid = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                    typesetter.layout(&sources[i])
                                }))
                                .unwrap_or_else(|panic| {
                                    layouts.publish(i, None);
                                    std::panic::resume_unwind(panic)
                                });
                                layouts.publish(i, laid.as_ref().ok().map(|l| l.document.clone()));
                                done.push((i, laid.and_then(|l| typesetter.export(&sources[i], l))));
                            }
                            Job::Side => {
                                let work = side.lock().unwrap_or_else(|p| p.into_inner()).take();
                                if let Some(work) = work {
                                    let result = work();
                                    *side_result.lock().unwrap_or_else(|p| p.into_inner()) = Some(result);
                                }
                            }
                            Job::Combined => {
                                if let Some(parts) = layouts.all() {
                                    done.push((docs.len(), typesetter.combine(COMBINED, &parts, date)));
                                }
                            }
                        }
                    }
                    done
                })
            })
            .collect();
        for h in handles {
            for (i, r) in h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)) {
                results[i] = Some(r);
            }
        }
    });
    let ids = docs.iter().map(|d| d.id).chain([COMBINED]);
    // A failed layout leaves no combined PDF; the document's own error is returned.
    let compiled = ids.zip(results).filter_map(|(id, r)| r.map(|r| r.map(|c| (id, c)))).collect();
    let side = side_result.into_inner().unwrap_or_else(|p| p.into_inner());
    // Every job is taken by some thread, so the side work has run (or its panic was re-raised).
    (compiled, side.unwrap_or_else(|| unreachable!("the side job runs before the threads end")))
}

/// A job of the typesetting threads.
#[derive(Clone, Copy)]
enum Job {
    /// Lay out and export document `i`.
    Document(usize),
    /// The caller's side work.
    Side,
    /// Put the laid-out documents together into [`COMBINED`].
    Combined,
}

/// Each document's PDF by id (the combined one last), or the first error.
pub type Typeset = Result<Vec<(&'static str, Compiled)>, TypesetError>;

/// The laid-out pages of each document, published as each layout ends; the combined PDF waits
/// for all of them.
struct Layouts {
    slots: Mutex<Vec<Option<Option<PagedDocument>>>>,
    ready: Condvar,
}

impl Layouts {
    fn new(n: usize) -> Layouts {
        Layouts { slots: Mutex::new(vec![None; n]), ready: Condvar::new() }
    }

    /// Records document `i`'s pages (`None`: its layout failed).
    fn publish(&self, i: usize, document: Option<PagedDocument>) {
        let mut slots = self.slots.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        slots[i] = Some(document);
        self.ready.notify_all();
    }

    /// Waits for every layout; every document's pages in order, or `None` when one failed.
    fn all(&self) -> Option<Vec<PagedDocument>> {
        let mut slots = self.slots.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        while slots.iter().any(Option::is_none) {
            slots = self.ready.wait(slots).unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        slots.iter().map(|s| s.clone().flatten()).collect()
    }
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
