//! Stage 2: each agency's pre-filled xlsx form, laid out by the form contract ([`crate::contract`]).
//!
//! [`write_form`] builds one agency's workbook (`Thông tin`, `Chỉ tiêu`, `Tăng trưởng` when the
//! agency reports a growth sector, `Nhiệm vụ`) from its [`Plan::obligations`]; [`write_forms`]
//! writes every reporting agency's form. The sheet names and header texts come from
//! [`crate::contract`], which the reader (`collect`) shares.
//!
//! Forms of quarters 2–4 given the previous quarter's figures ([`write_prefilled_form`]) also
//! show, locked, what the agency reported then ([`previous`]), so the clerk updates it.
//!
//! [`Plan::obligations`]: crate::plan::Plan::obligations

pub mod fill;
mod info;
mod layout;
mod previous;
mod style;
mod tables;
mod writer;

pub use fill::{CellValue, FormFill, GrowthFill, MeasureFill, TaskFill};
pub use style::{DATE_FORMAT, PERCENT_FORMAT};
pub use writer::{FormError, form_file_name, forms_dir, write_form, write_forms, write_prefilled_form};
