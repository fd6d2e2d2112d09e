//! Stage 5: rendering — Markdown via Tera, PDF via embedded Typst, with Vietnamese formatting.

pub mod documents;
pub mod escape;
pub mod filters;
pub mod markdown_typst;
mod narrative;
pub mod tables;
pub mod templates;
#[cfg(test)]
mod tests;
pub mod typeset;
pub mod typst_text;
pub mod views;
