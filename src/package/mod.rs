//! Stage 6: the package for upward submission — a reproducible, checksummed zip with provenance,
//! and its verification.

pub mod archive;
pub mod manifest;
pub mod verify;
pub mod xlsx;

pub use manifest::{FileEntry, Inputs, MANIFEST_NAME, Manifest, SourceEntry};
pub use verify::{Verification, VerifyError, verify_package};
