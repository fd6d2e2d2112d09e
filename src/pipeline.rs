//! The whole quarterly run: intake → consolidation → rendering → (package), with timings.
//!
//! `baocao build`, `baocao package`, the tests and the benchmark all call [`run_build`], so they
//! measure and check exactly what a user runs.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::collect::{self, FileStatus, Intake};
use crate::consolidate::{self, Consolidated};
pub use crate::job::Job;
use crate::output::write_atomic;
use crate::package::{self, FileEntry, Inputs, Manifest, SourceEntry};
use crate::period::Quarter;
use crate::plan::Plan;
use crate::render::documents::{render_documents, typeset_documents};
use crate::render::templates::Templates;
use crate::render::typeset::Typesetter;
use crate::render::views::{ViewSettings, build_view};

/// What a build produced, with the time each stage took.
pub struct BuildOutput {
    /// Intake of the quarter.
    pub intake: Intake,
    /// The consolidated figures.
    pub consolidated: Consolidated,
    /// Files written, in order.
    pub written: Vec<PathBuf>,
    /// Stage name and duration, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// The font family used and why.
    pub font: String,
    /// Typst warnings, as text.
    pub warnings: Vec<String>,
}

/// Runs the whole build for a loaded, valid plan, reporting each stage through `progress`.
///
/// Every output is prepared in memory and written only when all stages have succeeded, each file
/// atomically: a failed run leaves the previous outputs as they were.
pub fn run_build(plan: &Plan, job: &Job, progress: &mut dyn FnMut(&str)) -> Result<BuildOutput> {
    let mut timings = Vec::new();
    let dir = job.quarter_dir();
    let mut outputs: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };

    let intake = collect::run_intake(plan, &job.data, job.quarter, job.cutoff)?;
    outputs.extend(collect::report::intake_outputs(plan, &intake)?);
    progress(&format!(
        "tiếp nhận: {} tệp, {} cơ quan đã gửi",
        intake.files.len(),
        intake.submissions().count()
    ));
    let previous = match job.quarter.previous_in_year() {
        Some(q) if job.data.join("submissions").join(q.to_string()).is_dir() => {
            Some(collect::run_intake(plan, &job.data, q, q.deadline(plan.info.submission_day))?)
        }
        _ => None,
    };
    lap("tiếp nhận", &mut timings);

    let consolidated = consolidate::consolidate(plan, &intake, previous.as_ref());
    outputs.insert(consolidate::SUMMARY_FILE.into(), consolidate::summary_json(&consolidated)?);
    progress(&format!(
        "tổng hợp: {} chỉ tiêu, {} nhiệm vụ",
        consolidated.indicators.len(),
        consolidated.tasks.len()
    ));
    lap("tổng hợp", &mut timings);

    let templates = Templates::load(job.templates.as_deref())?;
    let typesetter = Typesetter::new(&job.font_dirs, job.system_fonts)?;
    let notes = read_notes(&job.data, job.quarter)?;
    let settings = ViewSettings {
        font: typesetter.body_family().to_owned(),
        report_date: job.cutoff,
        notes: notes.clone(),
    };
    let view = build_view(plan, &intake, &consolidated, &settings);
    let docs = render_documents(&templates, &view)?;
    for d in &docs {
        if let Some(md) = &d.markdown {
            outputs.insert(format!("{}.md", d.id).into(), md.clone().into_bytes());
        }
        if job.keep_typ {
            outputs.insert(format!("{}.typ", d.id).into(), d.typst.clone().into_bytes());
        }
    }
    lap("dựng mẫu", &mut timings);

    let compiled = match typeset_documents(&typesetter, &templates, &docs, job.cutoff) {
        Ok(c) => c,
        Err(e) => {
            // Keep the generated sources so the `<tài liệu>.typ:LINE:COL` of the error can be opened.
            for d in &docs {
                let _ = write_atomic(&dir.join(format!("{}.typ", d.id)), d.typst.as_bytes());
            }
            return Err(anyhow::Error::new(e).context(format!(
                "không dàn trang được tài liệu; mã nguồn Typst đã sinh được ghi vào {} để tra dòng báo lỗi",
                dir.display()
            )));
        }
    };
    let mut warnings = Vec::new();
    for (id, c) in &compiled {
        outputs.insert(format!("{id}.pdf").into(), c.pdf.clone());
        warnings.extend(c.warnings.iter().map(|w| w.to_string()));
    }
    progress(&format!("dàn trang: {} tệp PDF, phông chữ {}", compiled.len(), typesetter.body_family()));
    lap("dàn trang và xuất PDF", &mut timings);
    // The documents are typeset in parallel; these are the summed per-document times.
    timings.push((
        "dàn trang từng tài liệu (cộng dồn, song song)",
        compiled.iter().map(|(_, c)| c.layout_time).sum(),
    ));
    timings.push((
        "xuất PDF từng tài liệu (cộng dồn, song song)",
        compiled.iter().map(|(_, c)| c.export_time).sum(),
    ));

    let record = BuildRecord {
        program: concat!("baocao ", env!("CARGO_PKG_VERSION")),
        quarter: job.quarter.to_string(),
        cutoff: job.cutoff.to_string(),
        font: typesetter.font_report(),
        templates: templates.sources(),
    };
    outputs.insert(BUILD_RECORD.into(), serde_json::to_vec_pretty(&record)?);

    if job.package {
        let sources = PackageSources {
            view: &view,
            templates: &templates,
            typesetter: &typesetter,
            notes: notes.as_deref(),
        };
        let zip = package_bytes(plan, job, &intake, &consolidated, &sources, &outputs)?;
        outputs.insert(package_name(job.quarter).into(), zip);
        progress(&format!("đóng gói: {}", dir.join(package_name(job.quarter)).display()));
        lap("đóng gói", &mut timings);
    }
    let mut written = Vec::with_capacity(outputs.len());
    for (rel, bytes) in &outputs {
        written.push(write(&dir.join(rel), bytes)?);
    }
    collect::report::remove_stale_receipts(&dir.join(collect::report::RECEIPTS), &written)?;
    lap("ghi tệp", &mut timings);
    let font = format!("{} ({})", typesetter.body_family(), typesetter.font_report().reason);
    Ok(BuildOutput { intake, consolidated, written, timings, font, warnings })
}

/// The file recording how the documents were made: font actually used and templates.
pub const BUILD_RECORD: &str = "ban-dung.json";

/// What `ban-dung.json` holds (no timings, so it stays reproducible).
#[derive(serde::Serialize)]
struct BuildRecord<'a> {
    program: &'static str,
    quarter: String,
    cutoff: String,
    font: &'a crate::render::typeset::FontReport,
    templates: &'a [crate::render::templates::TemplateSource],
}

fn write(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    write_atomic(path, bytes).with_context(|| format!("không ghi được {}", path.display()))?;
    Ok(path.to_path_buf())
}

/// The department's notes for the quarter, `DATA/notes/<quarter>.md`, when present.
fn read_notes(data: &Path, quarter: Quarter) -> Result<Option<String>> {
    let path = data.join("notes").join(format!("{quarter}.md"));
    if !path.is_file() {
        return Ok(None);
    }
    let text =
        fs::read_to_string(&path).with_context(|| format!("không đọc được ghi chú {}", path.display()))?;
    Ok(Some(crate::vn::nfc(&text)))
}

/// The package's file name: `goi-bao-cao-2024-Q2.zip`.
pub fn package_name(quarter: Quarter) -> String {
    format!("goi-bao-cao-{quarter}.zip")
}

/// What the package needs from the rendering stage.
struct PackageSources<'a> {
    view: &'a crate::render::views::DocumentsView,
    templates: &'a Templates,
    typesetter: &'a Typesetter,
    notes: Option<&'a str>,
}

/// The package: the PDFs, the report's Markdown, `tiep-nhan.md`, `tong-hop.json`, the build
/// record, `phu-luc.xlsx` and `manifest.json`, as deterministic zip bytes.
fn package_bytes(
    plan: &Plan,
    job: &Job,
    intake: &Intake,
    c: &Consolidated,
    src: &PackageSources<'_>,
    outputs: &BTreeMap<PathBuf, Vec<u8>>,
) -> Result<Vec<u8>> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (rel, bytes) in outputs {
        let name = rel.to_string_lossy().into_owned();
        let top_level = rel.parent().is_none_or(|p| p.as_os_str().is_empty());
        let keep = top_level
            && (name.ends_with(".pdf")
                || name.ends_with(".md")
                || name == consolidate::SUMMARY_FILE
                || name == BUILD_RECORD);
        if keep {
            files.insert(name, bytes.clone());
        }
    }
    files.insert("phu-luc.xlsx".to_owned(), package::xlsx::appendix_workbook(src.view, c, job.cutoff)?);
    let manifest = manifest(plan, job, intake, src.templates, src.typesetter, src.notes, &files)?;
    files.insert(package::MANIFEST_NAME.to_owned(), serde_json::to_vec_pretty(&manifest)?);
    Ok(package::archive::write_zip(&files, job.cutoff)?)
}

fn manifest(
    plan: &Plan,
    job: &Job,
    intake: &Intake,
    templates: &Templates,
    typesetter: &Typesetter,
    notes: Option<&str>,
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<Manifest> {
    let relative = |p: &Path| p.strip_prefix(&job.data).unwrap_or(p).to_string_lossy().replace('\\', "/");
    let mut plan_files: Vec<FileEntry> = plan
        .sources
        .iter()
        .map(|s| FileEntry { path: relative(&s.path), sha256: s.sha256.clone(), size: s.size })
        .collect();
    let md_path = job.data.join("plan").join(&plan.info.text);
    let md = fs::read(&md_path).with_context(|| format!("không đọc được {}", md_path.display()))?;
    plan_files.push(FileEntry::of(relative(&md_path), &md));
    let submissions = intake
        .files
        .iter()
        .filter(|f| f.status == FileStatus::Accepted)
        .map(|f| FileEntry {
            path: format!("submissions/{}/{}", intake.quarter, f.path),
            sha256: f.sha256.clone().unwrap_or_default(),
            size: f.size,
        })
        .collect();
    let fonts = typesetter
        .font_report()
        .faces
        .iter()
        .map(|f| SourceEntry {
            name: f
                .postscript_name
                .clone()
                .unwrap_or_else(|| format!("{} ({:?})", typesetter.body_family(), f.style)),
            origin: f.path.as_ref().map_or_else(|| f.source.clone(), |p| p.display().to_string()),
            sha256: f.path.as_ref().and_then(|p| fs::read(p).ok()).map(|b| crate::hash::sha256_hex(&b)),
        })
        .collect();
    let templates = templates
        .sources()
        .iter()
        .map(|t| SourceEntry {
            name: t.name.clone(),
            origin: t.origin.clone(),
            sha256: Some(t.sha256.clone()),
        })
        .collect();
    let notes = notes
        .map(|n| vec![FileEntry::of(format!("notes/{}.md", job.quarter), n.as_bytes())])
        .unwrap_or_default();
    let mut settings = BTreeMap::new();
    settings.insert("quarter".to_owned(), job.quarter.to_string());
    settings.insert("cutoff".to_owned(), job.cutoff.to_string());
    settings.insert("font".to_owned(), typesetter.body_family().to_owned());
    settings.insert(
        "templates".to_owned(),
        job.templates.as_ref().map_or_else(|| "kèm chương trình".to_owned(), |p| relative(p)),
    );
    settings.insert("system-fonts".to_owned(), job.system_fonts.to_string());
    settings.insert("plan-fingerprint".to_owned(), plan.fingerprint.clone());
    Ok(Manifest {
        program: "baocao".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        quarter: job.quarter.to_string(),
        cutoff: job.cutoff.to_string(),
        settings,
        files: files.iter().map(|(n, b)| FileEntry::of(n.clone(), b)).collect(),
        inputs: Inputs { plan: plan_files, templates, fonts, submissions, notes },
    })
}
