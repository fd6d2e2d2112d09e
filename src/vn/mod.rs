//! Vietnamese text handling: normalisation, folding for matching, number and date formatting.
//!
//! Every number, date and period that reaches a document or a message is formatted here, so the
//! conventions (decimal comma, thousands dot, `ngày 05 tháng 01 năm 2024`, `quý II/2024`) live
//! in one place.

mod format;
pub mod legacy;
mod text;

pub use format::{
    date_long, date_short, growth_prose, number, number_fixed, percent, roman, signed_fixed, signed_number,
};
pub use text::{FoldedName, fold, lower_first, nfc, upper_first};
