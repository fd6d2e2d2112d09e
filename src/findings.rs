//! Findings about submitted files: severity, stable code, file, sheet and cell, and how to fix it.

use std::fmt;

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// `lỗi`: the row or the file is not used.
    Error,
    /// `cảnh báo`: accepted, with a note.
    Warning,
}

impl Level {
    /// The Vietnamese word used in messages and documents.
    pub fn label(self) -> &'static str {
        match self {
            Level::Error => "lỗi",
            Level::Warning => "cảnh báo",
        }
    }
}

/// One problem found in a submitted file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Error or warning.
    pub level: Level,
    /// A stable code, like Frictionless (`khong-phai-so`, `ma-khong-ton-tai`).
    pub code: &'static str,
    /// The file, relative to the quarter's submissions folder.
    pub file: String,
    /// The sheet, when the finding is about a sheet or a cell.
    pub sheet: Option<String>,
    /// The cell in A1 form (`F7`), when the finding is about a cell.
    pub cell: Option<String>,
    /// The value as typed, when there is one.
    pub value: Option<String>,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// How to fix it, in Vietnamese.
    pub fix: String,
}

impl Finding {
    /// Where the finding is: `Chỉ tiêu!F7`, `Chỉ tiêu`, or empty for the whole file.
    pub fn location(&self) -> String {
        match (&self.sheet, &self.cell) {
            (Some(s), Some(c)) => format!("{s}!{c}"),
            (Some(s), None) => s.clone(),
            _ => String::new(),
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        let loc = self.location();
        if !loc.is_empty() {
            write!(f, ": {loc}")?;
        }
        write!(f, ": {} [{}]: {}", self.level.label(), self.code, self.message)?;
        if let Some(v) = &self.value {
            write!(f, " (giá trị: `{v}`)")?;
        }
        if !self.fix.is_empty() {
            write!(f, " — cách sửa: {}", self.fix)?;
        }
        Ok(())
    }
}
