//! Which names of a package's entries and manifest can be trusted as paths inside the folder it
//! is extracted to, and how any name is printed safely.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use super::SIGNATURE_NAME;
use crate::package::manifest::MANIFEST_NAME;

/// Why a name cannot be trusted as a path inside the folder a package is extracted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    /// The name is empty.
    Empty,
    /// The name is not UTF-8, so extractors decode it differently.
    NotUtf8,
    /// A control character (C0, DEL, C1) or an invisible formatting one (bidi, zero-width).
    Control,
    /// A backslash, a folder separator on Windows.
    Backslash,
    /// Starts with `/` or a drive letter (`C:`).
    Absolute,
    /// A `..` component, which leaves the folder.
    ParentDir,
    /// An empty or `.` component (`a//b`, `./a`): another spelling of some other name.
    NotCanonical,
    /// `manifest.json` or its signature, which the manifest cannot list.
    Reserved,
}

impl fmt::Display for NameProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NameProblem::Empty => "tên rỗng",
            NameProblem::NotUtf8 => "tên không phải UTF-8",
            NameProblem::Control => "tên có ký tự điều khiển hoặc ký tự vô hình",
            NameProblem::Backslash => "tên có dấu gạch chéo ngược",
            NameProblem::Absolute => "đường dẫn tuyệt đối",
            NameProblem::ParentDir => "có thành phần `..`, trỏ ra ngoài thư mục giải nén",
            NameProblem::NotCanonical => "có thành phần rỗng hoặc `.`",
            NameProblem::Reserved => "tên dành riêng cho manifest.json và chữ ký của nó",
        })
    }
}

/// Whether `c` must not appear in a name and is escaped when printed: a control character
/// (C0, DEL, C1) or an invisible one that can reorder or hide text (bidi, zero-width, BOM).
pub(super) fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{AD}' | '\u{61C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// `text` safe to print on a terminal: backslashes doubled, `\n`, `\r`, `\t` spelled out and
/// other hidden characters as `\u{1b}`. Every name verification prints goes through it.
pub fn escaped(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\\' || is_hidden(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Why `name` (an entry's name, a directory's without its final `/`) is not a safe path.
pub(super) fn entry_name_problem(name: &str) -> Option<NameProblem> {
    let bytes = name.as_bytes();
    if name.is_empty() {
        Some(NameProblem::Empty)
    } else if name.chars().any(is_hidden) {
        Some(NameProblem::Control)
    } else if name.contains('\\') {
        Some(NameProblem::Backslash)
    } else if name.starts_with('/')
        || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
    {
        Some(NameProblem::Absolute)
    } else if name.split('/').any(|c| c == "..") {
        Some(NameProblem::ParentDir)
    } else if name.split('/').any(|c| c.is_empty() || c == ".") {
        Some(NameProblem::NotCanonical)
    } else {
        None
    }
}

/// Why a path the manifest lists cannot be one of the package's files.
pub(super) fn listed_name_problem(path: &str) -> Option<NameProblem> {
    if path == MANIFEST_NAME || path == SIGNATURE_NAME {
        Some(NameProblem::Reserved)
    } else {
        entry_name_problem(path)
    }
}
