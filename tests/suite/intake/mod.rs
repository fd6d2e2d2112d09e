//! `baocao check` end to end: the real binary on a temp data folder holding a copy of the plan
//! and submissions crafted with rust_xlsxwriter from the layout constants (one test per check).

mod discovery;
mod identify;
mod ods;
mod outputs;
mod sheets;
mod support;
mod values;
