//! Stage 3: intake — walk the quarter's submissions folder, read every spreadsheet, validate it
//! against the plan, and account for every file.

pub mod model;

pub use model::*;
