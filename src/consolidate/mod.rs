//! Stage 4: consolidation — pure computation from the plan and the accepted submissions.

pub mod model;

pub use model::*;
