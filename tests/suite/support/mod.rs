//! Helpers of the suite: the [`workspace::Workspace`] harness, the intake form builder, and
//! readers for the spreadsheets and PDFs the binary writes.
#![allow(dead_code)] // not every test uses every helper

pub mod docx;
pub mod form;
pub mod ods;
pub mod pdf;
pub mod pki;
pub mod redact;
pub mod sheets;
pub mod workspace;
