//! `baocao plan` end to end and the plan library: the shipped plan is valid and matches its text,
//! one small broken plan per validation rule (`tests/fixtures/plan/invalid/<case>/`), the
//! cross-check catching edits of the real plan, and agency-name matching.

mod command;
mod crosscheck;
mod invalid;
mod names;
