//! `baocao verify`: recomputes every hash of a package against its manifest.

use std::collections::BTreeSet;
use std::fmt;

use super::archive::read_zip;
use super::manifest::{MANIFEST_NAME, Manifest};

/// What verification found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Files whose content differs from the manifest.
    pub changed: Vec<String>,
    /// Files the manifest lists that the package lacks.
    pub missing: Vec<String>,
    /// Files in the package the manifest does not list.
    pub extra: Vec<String>,
}

impl Verification {
    /// True when nothing changed, nothing is missing and nothing was added.
    pub fn is_intact(&self) -> bool {
        self.changed.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }
}

impl fmt::Display for Verification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_intact() {
            return writeln!(f, "gói báo cáo nguyên vẹn: mọi tệp khớp với manifest.json");
        }
        for p in &self.changed {
            writeln!(f, "tệp bị thay đổi: {p} (mã băm SHA-256 không khớp manifest.json)")?;
        }
        for p in &self.missing {
            writeln!(f, "thiếu tệp: {p} (có trong manifest.json nhưng không có trong gói)")?;
        }
        for p in &self.extra {
            writeln!(f, "tệp lạ: {p} (có trong gói nhưng không có trong manifest.json)")?;
        }
        Ok(())
    }
}

/// Why a package could not be verified at all.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// Not a zip, or a damaged one.
    #[error("tệp không phải gói zip hợp lệ")]
    Zip(#[from] zip::result::ZipError),
    /// No manifest inside.
    #[error("gói không có manifest.json")]
    NoManifest,
    /// The manifest is not valid JSON of the expected shape.
    #[error("manifest.json không đọc được")]
    Manifest(#[from] serde_json::Error),
}

/// Verifies the bytes of a package.
pub fn verify_package(bytes: &[u8]) -> Result<Verification, VerifyError> {
    let files = read_zip(bytes)?;
    let manifest: Manifest =
        serde_json::from_slice(files.get(MANIFEST_NAME).ok_or(VerifyError::NoManifest)?)?;
    let mut v = Verification::default();
    let listed: BTreeSet<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    for entry in &manifest.files {
        match files.get(&entry.path) {
            None => v.missing.push(entry.path.clone()),
            Some(bytes) => {
                if crate::hash::sha256_hex(bytes) != entry.sha256 || bytes.len() as u64 != entry.size {
                    v.changed.push(entry.path.clone());
                }
            }
        }
    }
    for name in files.keys() {
        if name != MANIFEST_NAME && !listed.contains(name.as_str()) {
            v.extra.push(name.clone());
        }
    }
    Ok(v)
}
