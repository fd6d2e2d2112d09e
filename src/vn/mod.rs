//! Vietnamese text handling: normalisation, folding, number and date formatting.

pub mod legacy;
