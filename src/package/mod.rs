//! Stage 6: the package for upward submission — a reproducible, checksummed zip with provenance
//! (which outputs go in, by their [`OutputKind`]; the manifest of what they were computed
//! from), and its verification.

pub mod archive;
pub mod certs;
pub mod manifest;
pub mod sign;
pub mod signature;
pub mod token;
pub mod verify;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

pub use manifest::{FileEntry, Inputs, MANIFEST_NAME, Manifest, SourceEntry};
pub use verify::{Verification, VerifyError, verify_package};

use crate::collect::{FileStatus, Intake};
use crate::job::Job;
use crate::output::{Output, OutputKind};
use crate::plan::Plan;
use crate::render::templates::TemplateSource;
use crate::render::typeset::FontReport;

/// What the manifest records besides the packaged files.
pub struct Provenance<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// The run.
    pub job: &'a Job,
    /// The quarter's intake (its accepted files are listed with their hashes).
    pub intake: &'a Intake,
    /// The templates used.
    pub templates: &'a [TemplateSource],
    /// The fonts used.
    pub fonts: &'a FontReport,
    /// The department's notes, when present.
    pub notes: Option<&'a str>,
    /// The report's signing date (the signature's signingTime).
    pub signing_date: time::Date,
}

/// What makes a package the department's authoritative one: the PDF the office signed, and the
/// key that signs `manifest.json`.
#[derive(Debug, Clone, Default)]
pub struct Upward {
    /// The bytes of the PDF the office signed (`--signed-pdf`), packaged as `bao-cao.pdf`.
    pub signed_pdf: Option<std::sync::Arc<Vec<u8>>>,
    /// The key and certificate that sign `manifest.json` (`--sign`).
    pub signer: Option<std::sync::Arc<sign::Signer>>,
}

/// The unsigned report's name in a package that carries the office's signed PDF.
pub const UNSIGNED_REPORT: &str = "bao-cao-chua-ky.pdf";

/// Packaging failed.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    /// An input listed in the manifest could not be read.
    #[error("không đọc được {path}")]
    Read {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The manifest could not be serialised.
    #[error("không tạo được manifest.json")]
    Manifest(#[from] serde_json::Error),
    /// The zip could not be written.
    #[error("không tạo được tệp zip")]
    Zip(#[from] zip::result::ZipError),
    /// The manifest could not be signed.
    #[error(transparent)]
    Sign(#[from] sign::SignError),
}

/// The package's file name: `goi-bao-cao-2024-Q2.zip`.
pub fn package_name(quarter: crate::period::Quarter) -> String {
    format!("goi-bao-cao-{quarter}.zip")
}

/// Whether an output of this kind goes into the package: the documents (PDF, Markdown), the
/// xlsx appendix, the figures, the build record and the intake overview; not the receipts
/// and reminders (each goes to its agency), the intake record or generated Typst.
pub fn is_packaged(kind: OutputKind) -> bool {
    matches!(
        kind,
        OutputKind::Report
            | OutputKind::Appendix
            | OutputKind::Combined
            | OutputKind::Workbook
            | OutputKind::Figures
            | OutputKind::BuildRecord
            | OutputKind::IntakeOverview
    )
}

/// Builds the package from the run's packaged outputs (by name, as [`is_packaged`] picks them)
/// plus `manifest.json`, as deterministic zip bytes.
pub fn build_package(
    mut files: BTreeMap<String, Vec<u8>>,
    provenance: &Provenance<'_>,
) -> Result<Output, PackageError> {
    let upward = &provenance.job.upward;
    // The office's signed PDF is the report; the one baocao typeset stays beside it, unsigned.
    if let Some(signed) = &upward.signed_pdf
        && let Some(unsigned) = files.remove("bao-cao.pdf")
    {
        files.insert(UNSIGNED_REPORT.to_owned(), unsigned);
        files.insert("bao-cao.pdf".to_owned(), signed.as_ref().clone());
    }
    let mut manifest = manifest(provenance, &files)?;
    if upward.signed_pdf.is_some() {
        manifest.settings.insert(
            "signed-pdf".to_owned(),
            format!("bao-cao.pdf là bản văn phòng đã ký số; bản chưa ký: {UNSIGNED_REPORT}"),
        );
    }
    let manifest = serde_json::to_vec_pretty(&manifest)?;
    if let Some(signer) = &upward.signer {
        files.insert(sign::SIGNATURE_NAME.to_owned(), signer.sign(&manifest, provenance.signing_date)?);
    }
    files.insert(MANIFEST_NAME.to_owned(), manifest);
    let zip = archive::write_zip(&files, provenance.job.cutoff)?;
    Ok(Output::new(package_name(provenance.job.quarter), OutputKind::Package, zip))
}

fn manifest(p: &Provenance<'_>, files: &BTreeMap<String, Vec<u8>>) -> Result<Manifest, PackageError> {
    let job = p.job;
    let relative =
        |path: &Path| path.strip_prefix(&job.data).unwrap_or(path).to_string_lossy().replace('\\', "/");
    let mut plan_files: Vec<FileEntry> = p
        .plan
        .sources
        .iter()
        .map(|s| FileEntry { path: relative(&s.path), sha256: s.sha256.clone(), size: s.size })
        .collect();
    let md_path = job.data.join("plan").join(&p.plan.info.text);
    let md = crate::confine::read(&job.data, &md_path)
        .map_err(|source| PackageError::Read { path: md_path.display().to_string(), source })?;
    plan_files.push(FileEntry::of(relative(&md_path), &md));
    let submissions = p
        .intake
        .files
        .iter()
        .filter(|f| f.status == FileStatus::Accepted)
        .map(|f| FileEntry {
            path: format!("submissions/{}/{}", p.intake.quarter, f.path),
            sha256: f.sha256.clone().unwrap_or_default(),
            size: f.size,
        })
        .collect();
    let fonts = p
        .fonts
        .faces
        .iter()
        .map(|f| SourceEntry {
            name: f.postscript_name.clone().unwrap_or_else(|| format!("{} ({:?})", p.fonts.family, f.style)),
            origin: f.path.as_ref().map_or_else(|| f.source.clone(), |path| path.display().to_string()),
            sha256: f.path.as_ref().and_then(|path| fs::read(path).ok()).map(|b| crate::hash::sha256_hex(&b)),
        })
        .collect();
    let templates = p
        .templates
        .iter()
        .map(|t| SourceEntry {
            name: t.name.clone(),
            origin: t.origin.clone(),
            sha256: Some(t.sha256.clone()),
        })
        .collect();
    let notes = p
        .notes
        .map(|n| vec![FileEntry::of(format!("notes/{}.md", job.quarter), n.as_bytes())])
        .unwrap_or_default();
    let mut settings = BTreeMap::new();
    settings.insert("quarter".to_owned(), job.quarter.to_string());
    settings.insert("cutoff".to_owned(), job.cutoff.to_string());
    settings.insert("font".to_owned(), p.fonts.family.clone());
    settings.insert(
        "templates".to_owned(),
        job.templates.as_ref().map_or_else(|| "kèm chương trình".to_owned(), |t| relative(t)),
    );
    settings.insert("system-fonts".to_owned(), job.system_fonts.to_string());
    settings.insert("plan-fingerprint".to_owned(), p.plan.fingerprint.clone());
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
