//! Stage 2: each agency's pre-filled xlsx form, and the layout the reader shares with it.
//!
//! [`write_form`] builds one agency's workbook (`Thông tin`, `Chỉ tiêu`, `Tăng trưởng` when the
//! agency reports a growth sector, `Nhiệm vụ`) from its [`Plan::obligations`]; [`write_forms`]
//! writes every reporting agency's form. The sheet names and header texts come from [`layout`].
//!
//! [`Plan::obligations`]: crate::plan::Plan::obligations

pub mod fill;
mod info;
pub mod layout;
mod style;
mod tables;
mod writer;

pub use fill::{CellValue, FormFill, GrowthFill, MeasureFill, TaskFill};
pub use style::{DATE_FORMAT, PERCENT_FORMAT};
pub use writer::{FormError, form_file_name, forms_dir, write_form, write_forms};
