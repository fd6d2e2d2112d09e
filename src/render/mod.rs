//! Rendering: Markdown (Tera), PDF (embedded Typst) and xlsx outputs.

pub mod escape;
pub mod typeset;
