//! Findings of every stage — plan, intake, consolidation, typesetting — as one type, and the run
//! report that prints them and decides the exit status once (ripgrep's `messages.rs` model).
//!
//! A [`Finding`] says how serious (`lỗi`/`cảnh báo`), a stable code, where ([`Place`]: file,
//! line and column, sheet and cell, or a YAML key), the value as typed, what is wrong and how to
//! fix it, all in Vietnamese.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// `lỗi`: what it is about is not used (a cell, a row, a file, the plan).
    Error,
    /// `cảnh báo`: used, with a note.
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

/// Where a finding is: a file, and inside it a line and column, a sheet and cell, or a key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The file as shown to users (relative to the data or submissions folder where possible);
    /// empty for a finding about the quarter's figures as a whole.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    /// The sheet, when the finding is about a sheet or a cell.
    pub sheet: Option<String>,
    /// The cell in A1 form (`F7`), when the finding is about a cell.
    pub cell: Option<String>,
    /// 1-based line, in text files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column (in characters), in text files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// A path inside a structured file (`tasks[12].lead`), or empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key: String,
}

impl Place {
    /// A whole file.
    pub fn file(file: impl Into<String>) -> Place {
        Place { file: file.into(), ..Place::default() }
    }

    /// A sheet, or a cell of a sheet, of a spreadsheet.
    pub fn sheet(file: impl Into<String>, sheet: Option<String>, cell: Option<String>) -> Place {
        Place { file: file.into(), sheet, cell, ..Place::default() }
    }

    /// A line (and column) of a text file, and the key found there.
    pub fn text(file: impl Into<String>, line: Option<usize>, column: Option<usize>, key: String) -> Place {
        Place { file: file.into(), line, column, key, ..Place::default() }
    }

    /// Where inside a spreadsheet: `Chỉ tiêu!F7`, `Chỉ tiêu`, or empty for the whole file.
    pub fn location(&self) -> String {
        match (&self.sheet, &self.cell) {
            (Some(s), Some(c)) => format!("{s}!{c}"),
            (Some(s), None) => s.clone(),
            _ => String::new(),
        }
    }
}

impl fmt::Display for Place {
    /// `file:12:3`, `file: Chỉ tiêu!F7`, or `file`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        let loc = self.location();
        if !loc.is_empty() {
            write!(f, ": {loc}")?;
        }
        Ok(())
    }
}

/// One problem found by any stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Error or warning.
    pub level: Level,
    /// A stable code, like Frictionless (`khong-phai-so`, `ma-khong-ton-tai`).
    pub code: &'static str,
    /// Where it is.
    #[serde(flatten)]
    pub place: Place,
    /// The value as typed, when there is one.
    pub value: Option<String>,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// How to fix it, in Vietnamese (may be empty).
    pub fix: String,
}

impl Finding {
    /// A finding with no value and no fix.
    pub fn new(level: Level, code: &'static str, place: Place, message: impl Into<String>) -> Finding {
        Finding { level, code, place, value: None, message: message.into(), fix: String::new() }
    }

    /// A warning with no value and no fix.
    pub fn warning(code: &'static str, place: Place, message: impl Into<String>) -> Finding {
        Finding::new(Level::Warning, code, place, message)
    }

    /// An error with no value and no fix.
    pub fn error(code: &'static str, place: Place, message: impl Into<String>) -> Finding {
        Finding::new(Level::Error, code, place, message)
    }

    /// Where inside a spreadsheet: `Chỉ tiêu!F7`, `Chỉ tiêu`, or empty.
    pub fn location(&self) -> String {
        self.place.location()
    }

    /// True for an error.
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

impl fmt::Display for Finding {
    /// `file:LINE: lỗi [code]: key: message (giá trị: `v`) — cách sửa: fix`; parts that are
    /// empty are left out. A finding with no file starts with its level.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.place.file.is_empty() {
            write!(f, "{}: ", self.place)?;
        }
        write!(f, "{} [{}]: ", self.level.label(), self.code)?;
        if !self.place.key.is_empty() {
            write!(f, "{}: ", self.place.key)?;
        }
        f.write_str(&self.message)?;
        if let Some(v) = &self.value {
            write!(f, " (giá trị: `{v}`)")?;
        }
        if !self.fix.is_empty() {
            write!(f, " — cách sửa: {}", self.fix)?;
        }
        Ok(())
    }
}

/// A [`Finding`] as read back from JSON (findings cross a process boundary when intake reads
/// files in worker processes), its code still owned.
#[derive(Deserialize)]
struct FindingRead {
    level: Level,
    code: String,
    #[serde(flatten)]
    place: Place,
    value: Option<String>,
    message: String,
    fix: String,
}

impl<'de> Deserialize<'de> for Finding {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Finding, D::Error> {
        FindingRead::deserialize(d).map(Finding::from)
    }
}

impl From<FindingRead> for Finding {
    fn from(f: FindingRead) -> Finding {
        Finding {
            level: f.level,
            code: static_code(f.code),
            place: f.place,
            value: f.value,
            message: f.message,
            fix: f.fix,
        }
    }
}

/// A finding code as a `&'static str`: each distinct code read back is allocated once and kept.
fn static_code(code: String) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static CODES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut codes = CODES.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(known) = codes.get(code.as_str()) {
        return known;
    }
    let leaked: &'static str = Box::leak(code.into_boxed_str());
    codes.insert(leaked);
    leaked
}

/// Counts of findings by level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
}

impl Counts {
    /// Counts `findings`.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            match f.level {
                Level::Error => c.errors += 1,
                Level::Warning => c.warnings += 1,
            }
        }
        c
    }
}

/// The findings of one command run, printed as they come (unless quiet) and counted, so the
/// command decides its exit status once at the end.
#[derive(Debug, Default)]
pub struct RunReport {
    quiet: bool,
    counts: Counts,
    printed: usize,
}

impl RunReport {
    /// A report that prints to stderr unless `quiet`.
    pub fn new(quiet: bool) -> RunReport {
        RunReport { quiet, ..RunReport::default() }
    }

    /// Prints (unless quiet) and counts one finding.
    pub fn add(&mut self, finding: &Finding) {
        self.count(finding);
        if !self.quiet {
            eprintln!("{finding}");
            self.printed += 1;
        }
    }

    /// Prints and counts every finding.
    pub fn add_all<'a>(&mut self, findings: impl IntoIterator<Item = &'a Finding>) {
        for f in findings {
            self.add(f);
        }
    }

    /// Counts a finding without printing it (it is shown elsewhere, e.g. grouped per file).
    pub fn count(&mut self, finding: &Finding) {
        match finding.level {
            Level::Error => self.counts.errors += 1,
            Level::Warning => self.counts.warnings += 1,
        }
    }

    /// Counts so far.
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// True when at least one error was found.
    pub fn has_errors(&self) -> bool {
        self.counts.errors > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_of_each_kind_of_place() {
        let mut cell = Finding::error(
            "khong-phai-so",
            Place::sheet("a/STC.xlsx", Some("Chỉ tiêu".into()), Some("F7".into())),
            "không phải số",
        );
        cell.value = Some("abc".into());
        cell.fix = "gõ số".into();
        assert_eq!(
            cell.to_string(),
            "a/STC.xlsx: Chỉ tiêu!F7: lỗi [khong-phai-so]: không phải số (giá trị: `abc`) — cách sửa: gõ số"
        );
        let line = Finding::warning(
            "ke-hoach",
            Place::text("plan/2024/tasks.yaml", Some(12), None, "tasks[0].lead".into()),
            "x",
        );
        assert_eq!(line.to_string(), "plan/2024/tasks.yaml:12: cảnh báo [ke-hoach]: tasks[0].lead: x");
        let typ =
            Finding::warning("dan-trang", Place::text("bao-cao.typ", Some(3), Some(7), String::new()), "y");
        assert_eq!(typ.to_string(), "bao-cao.typ:3:7: cảnh báo [dan-trang]: y");
        let bare = Finding::warning("so-lieu", Place::default(), "z");
        assert_eq!(bare.to_string(), "cảnh báo [so-lieu]: z");
    }

    #[test]
    fn serialises_flat_and_skips_absent_text_positions() {
        let f = Finding::error("x", Place::sheet("f.xlsx", None, None), "m");
        let json = serde_json::to_string(&f).expect("serialisable");
        assert_eq!(
            json,
            r#"{"level":"error","code":"x","file":"f.xlsx","sheet":null,"cell":null,"value":null,"message":"m","fix":""}"#
        );
    }

    #[test]
    fn report_counts_by_level() {
        let mut r = RunReport::new(true);
        r.add(&Finding::error("a", Place::default(), "m"));
        r.add(&Finding::warning("b", Place::default(), "m"));
        r.count(&Finding::warning("b", Place::default(), "m"));
        assert_eq!(r.counts(), Counts { errors: 1, warnings: 2 });
        assert!(r.has_errors());
    }
}
