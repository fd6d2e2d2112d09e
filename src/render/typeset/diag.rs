//! Errors of the typesetting stage and Typst diagnostics turned into
//! `<file>:LINE:COL: lỗi: message` lines (1-based, as editors count).

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

pub use crate::findings::Level;
use crate::findings::{Finding, Place};
use typst::World;
use typst::diag::{Severity, SourceDiagnostic, Tracepoint};
use typst::syntax::{DiagSpan, DiagSpanKind, FileId, Lines};

/// Everything that can go wrong while setting up fonts or typesetting a document.
#[derive(Debug, thiserror::Error)]
pub enum TypesetError {
    /// A font folder given on the command line does not exist.
    #[error("không tìm thấy thư mục phông chữ \"{}\"", .path.display())]
    FontDir {
        /// The folder as given.
        path: PathBuf,
    },
    /// A font embedded in the binary could not be parsed (a broken build).
    #[error("không đọc được phông chữ kèm chương trình \"{file}\"")]
    EmbeddedFont {
        /// The embedded file's name.
        file: &'static str,
    },
    /// Neither Times New Roman nor the embedded Liberation Serif is usable.
    #[error("không có phông chữ thân văn bản dùng được: {reason}")]
    NoBodyFont {
        /// Why the last candidate was rejected.
        reason: String,
    },
    /// A virtual file name of the document is not a valid Typst path.
    #[error("đường dẫn tệp \"{path}\" trong tài liệu \"{name}.typ\" không hợp lệ: {reason}")]
    InvalidPath {
        /// The document's name.
        name: String,
        /// The offending path.
        path: String,
        /// Typst's explanation.
        reason: String,
    },
    /// Typst reported errors while compiling the document.
    #[error("không biên dịch được tài liệu \"{name}.typ\":\n{}", list(.diagnostics))]
    Compile {
        /// The document's name.
        name: String,
        /// The errors, in Typst's order (warnings excluded).
        diagnostics: Vec<Diagnostic>,
    },
    /// The document compiled but could not be written as PDF/A-2b.
    #[error("không xuất được PDF/A-2b cho tài liệu \"{name}.typ\":\n{}", list(.diagnostics))]
    Pdf {
        /// The document's name.
        name: String,
        /// The export errors.
        diagnostics: Vec<Diagnostic>,
    },
}

fn list(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

/// One Typst error or warning, located in a document file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub level: Level,
    /// The file as shown to users: `<name>.typ` for the main file, else the virtual path without its leading `/`.
    pub file: String,
    /// 1-based line and column (in characters), when the problem has a location.
    pub position: Option<(usize, usize)>,
    /// Typst's message.
    pub message: String,
    /// Typst's hints, each possibly followed by its own location.
    pub hints: Vec<String>,
    /// Where the problem was reached from (calls, includes), innermost first.
    pub trace: Vec<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = self.level.label();
        match self.position {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {level}: {}", self.file, self.message)?,
            None => write!(f, "{}: {level}: {}", self.file, self.message)?,
        }
        for hint in &self.hints {
            write!(f, "\n  gợi ý: {hint}")?;
        }
        for point in &self.trace {
            write!(f, "\n  {point}")?;
        }
        Ok(())
    }
}

impl Diagnostic {
    /// The diagnostic as a run finding (code `dan-trang`), hints and trace folded into the fix.
    pub fn to_finding(&self) -> Finding {
        let (line, column) = self.position.unzip();
        let mut f = Finding::new(
            self.level,
            "dan-trang",
            Place::text(self.file.clone(), line, column, String::new()),
            self.message.clone(),
        );
        f.fix = self.hints.join("; ");
        f
    }
}

/// Converts Typst diagnostics; spans are resolved through `world`.
pub(crate) fn convert(
    world: &dyn World,
    main_name: &str,
    diagnostics: &[SourceDiagnostic],
) -> Vec<Diagnostic> {
    diagnostics.iter().map(|d| convert_one(world, main_name, d)).collect()
}

fn convert_one(world: &dyn World, main_name: &str, diagnostic: &SourceDiagnostic) -> Diagnostic {
    let locate = |span: DiagSpan| locate(world, main_name, span);
    let (file, position) = locate(diagnostic.span).unwrap_or_else(|| (main_name.to_owned(), None));
    let hints = diagnostic
        .hints
        .iter()
        // The typst CLI's advice; this program has no such option.
        .filter(|hint| !hint.v.contains("`--root`"))
        .map(|hint| match locate(hint.span) {
            Some((file, Some((line, col)))) => format!("{} ({file}:{line}:{col})", hint.v),
            _ => hint.v.to_string(),
        })
        .collect();
    let trace = diagnostic
        .trace
        .iter()
        .map(|point| {
            let what = describe_tracepoint(&point.v);
            match locate(point.span.into()) {
                Some((file, Some((line, col)))) => format!("tại {file}:{line}:{col}: {what}"),
                _ => what,
            }
        })
        .collect();
    Diagnostic {
        level: match diagnostic.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        },
        file,
        position,
        message: translate(&diagnostic.message),
        hints,
        trace,
    }
}

/// An error no source position can be given for (the PDF standard, a combined document).
pub(crate) fn unplaced(file: String, message: &str, hints: Vec<String>) -> Diagnostic {
    Diagnostic {
        level: Level::Error,
        file,
        position: None,
        message: translate(message),
        hints,
        trace: Vec::new(),
    }
}

/// The file name and 1-based position a span points at, or `None` when detached.
fn locate(world: &dyn World, main_name: &str, span: DiagSpan) -> Option<(String, Option<(usize, usize)>)> {
    let id = span.id()?;
    let file = file_name(world, main_name, id);
    let position = match span.get() {
        DiagSpanKind::Detached => None,
        DiagSpanKind::Number { id, num, sub_range } => world.source(id).ok().and_then(|source| {
            let start = source.range(num, sub_range)?.start;
            one_based(source.lines(), start)
        }),
        DiagSpanKind::Range { id, range } => world
            .file(id)
            .ok()
            .and_then(|bytes| bytes.lines().ok())
            .and_then(|lines| one_based(&lines, range.start)),
    };
    Some((file, position))
}

fn one_based(lines: &Lines<String>, byte: usize) -> Option<(usize, usize)> {
    lines.byte_to_line_column(byte).map(|(line, col)| (line + 1, col + 1))
}

/// `<name>.typ` for the main file, the virtual path without `/` otherwise.
fn file_name(world: &dyn World, main_name: &str, id: FileId) -> String {
    if id == world.main() {
        return main_name.to_owned();
    }
    let path = id.vpath().get_without_slash();
    match id.root() {
        typst::syntax::VirtualRoot::Project => path.to_owned(),
        typst::syntax::VirtualRoot::Package(spec) => format!("{spec}/{path}"),
    }
}

fn describe_tracepoint(point: &Tracepoint) -> String {
    match point {
        Tracepoint::Call(Some(name)) => format!("khi gọi `{name}`"),
        Tracepoint::Call(None) => "khi gọi hàm".to_owned(),
        Tracepoint::Show(name) => format!("khi hiển thị phần tử {name}"),
        Tracepoint::Import(name) => format!("khi nhập `{name}`"),
        Tracepoint::Include(name) => format!("khi chèn `{name}`"),
    }
}

/// Translates the one Typst message users of generated documents meet most: a
/// missing virtual file. Everything else is Typst's own (English) wording.
fn translate(message: &str) -> String {
    match message.strip_prefix("file not found (searched at ").and_then(|rest| rest.strip_suffix(')')) {
        Some(path) => format!("không tìm thấy tệp \"{path}\" trong tài liệu được sinh"),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_message_is_translated() {
        assert_eq!(
            translate("file not found (searched at /etc/passwd)"),
            "không tìm thấy tệp \"/etc/passwd\" trong tài liệu được sinh"
        );
        assert_eq!(translate("unclosed delimiter"), "unclosed delimiter");
    }

    #[test]
    fn diagnostic_display_has_location_and_hints() {
        let diagnostic = Diagnostic {
            level: Level::Error,
            file: "bao-cao.typ".into(),
            position: Some((3, 7)),
            message: "unknown variable: x".into(),
            hints: vec!["if you meant to display multiple letters as is, try adding spaces".into()],
            trace: vec![],
        };
        let text = diagnostic.to_string();
        assert!(text.starts_with("bao-cao.typ:3:7: lỗi: unknown variable: x\n  gợi ý: "), "{text}");
    }
}
