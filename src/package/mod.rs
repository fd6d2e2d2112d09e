//! Stage 6: the package for upward submission — a reproducible, checksummed zip with provenance,
//! and its verification.

pub mod archive;
pub mod manifest;
pub mod verify;
pub mod xlsx;

pub use manifest::{FileEntry, Inputs, Manifest, SourceEntry, MANIFEST_NAME};
pub use verify::{verify_package, Verification, VerifyError};
