//! `baocao build`, `package` and `verify` on the shipped sample data, end to end.

mod documents;
pub(crate) mod package;
mod renovation;
pub(crate) mod safety;
mod signing;
mod word;
