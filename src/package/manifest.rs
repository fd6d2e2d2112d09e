//! `manifest.json`: what the package holds and what it was computed from.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A file with its hash and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path (inside the package, or relative to the data folder for inputs).
    pub path: String,
    /// Hex SHA-256.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

impl FileEntry {
    /// Hashes `bytes` under `path`.
    pub fn of(path: impl Into<String>, bytes: &[u8]) -> FileEntry {
        FileEntry { path: path.into(), sha256: crate::hash::sha256_hex(bytes), size: bytes.len() as u64 }
    }
}

/// A template or font that went into the documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceEntry {
    /// Its name.
    pub name: String,
    /// Built in (`kèm chương trình`) or the file it was read from.
    pub origin: String,
    /// Hex SHA-256 of its content, when known.
    pub sha256: Option<String>,
}

/// Everything the package was computed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inputs {
    /// The plan files and the plan text.
    pub plan: Vec<FileEntry>,
    /// The templates used.
    pub templates: Vec<SourceEntry>,
    /// The fonts used.
    pub fonts: Vec<SourceEntry>,
    /// Every accepted submission.
    pub submissions: Vec<FileEntry>,
    /// Department notes, when present.
    pub notes: Vec<FileEntry>,
}

/// The manifest of a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// `baocao`.
    pub program: String,
    /// The program version.
    pub version: String,
    /// `2024-Q2`.
    pub quarter: String,
    /// The cut-off date, `2024-06-14`.
    pub cutoff: String,
    /// The settings of the build.
    pub settings: BTreeMap<String, String>,
    /// Every other file of the package, sorted by path.
    pub files: Vec<FileEntry>,
    /// What the package was computed from.
    pub inputs: Inputs,
}

/// The manifest's name inside the package.
pub const MANIFEST_NAME: &str = "manifest.json";
