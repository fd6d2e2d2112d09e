//! Rendering: Markdown (Tera), PDF (embedded Typst) and xlsx outputs.

pub mod markdown_typst;
pub mod typeset;
pub mod typst_text;
