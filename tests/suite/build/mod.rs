//! `baocao build`, `package` and `verify` on the shipped sample data, end to end.

mod documents;
mod package;
mod safety;
