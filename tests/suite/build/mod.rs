//! `baocao build`, `package` and `verify` on the shipped sample data, end to end.

#[path = "../common/mod.rs"]
mod common;

mod documents;
mod package;
mod safety;
mod support;
