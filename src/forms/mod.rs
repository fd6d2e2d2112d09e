//! Stage 2: each agency's pre-filled xlsx form, and the layout the reader shares with it.

pub mod layout;
