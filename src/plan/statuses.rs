//! The task-status vocabulary: what the form's `Tình trạng` dropdown offers and what intake
//! accepts there.
//!
//! A plan lists its statuses in `tasks.yaml` (`statuses:`): each entry is a dropdown label of one
//! kind ([`ReportedStatus`]) with the other spellings clerks type for it (`aliases`). A typed
//! status matches a label or an alias after [`status_key`] (case, NFD/NFC, spacing, spaces around
//! commas, a final dot). A plan without `statuses:` gets [`StatusVocabulary::builtin`]: the five
//! labels forms have always offered, the variants intake has always accepted, and "đã trình …"
//! variants of `submitted` as other spellings only, so the dropdown of older plans is unchanged.
//!
//! The rules a plan's vocabulary must follow are checked in `validate` (with the YAML line).

use std::collections::HashMap;

use super::model::StatusEntry;
use crate::contract::ReportedStatus;
use crate::vn::fold;

/// The longest label or other spelling, in characters.
pub const MAX_STATUS_CHARS: usize = 255;

/// Excel's limit on a literal dropdown list: the labels joined by commas, in UTF-16 units.
pub const MAX_DROPDOWN_CHARS: usize = 255;

/// The built-in vocabulary: (label or `None` for other spellings only, kind, other spellings).
const BUILTIN: &[(Option<&str>, ReportedStatus, &[&str])] = &[
    (
        Some("Hoàn thành đúng hạn"),
        ReportedStatus::DoneOnTime,
        &["Đã hoàn thành", "Hoàn thành", "Xong", "Đã xong"],
    ),
    (Some("Hoàn thành quá hạn"), ReportedStatus::DoneLate, &["Hoàn thành chậm", "Đã hoàn thành quá hạn"]),
    (
        None,
        ReportedStatus::Submitted,
        &[
            "Đã trình",
            "Đã trình UBND tỉnh",
            "Đã trình cấp có thẩm quyền",
            "Đã trình, chờ phê duyệt",
            "Đã hoàn thành, đang chờ phê duyệt",
            "Đang chờ phê duyệt",
            "Chờ phê duyệt",
        ],
    ),
    (
        Some("Đang thực hiện"),
        ReportedStatus::InProgress,
        &["Đang triển khai", "Đang thực hiện (trong hạn)", "Đang làm"],
    ),
    (Some("Chưa thực hiện"), ReportedStatus::NotStarted, &["Chưa triển khai", "Chưa làm"]),
    (Some("Thường xuyên"), ReportedStatus::Continuous, &["Thực hiện thường xuyên", "Thường xuyên thực hiện"]),
];

/// The folded form a typed status is matched by: [`fold`] (NFC, lower case, one space between
/// words), no space around commas, no final dots. `"Đã trình ,chờ phê duyệt ."` and
/// `"đã trình, chờ phê duyệt"` give the same key.
pub fn status_key(text: &str) -> String {
    let folded = fold(text).replace(" ,", ",").replace(", ", ",");
    folded.trim_end_matches(['.', ' ']).to_owned()
}

/// Why a label cannot go into an Excel dropdown list, if it cannot.
pub fn dropdown_problem(label: &str) -> Option<&'static str> {
    if label.contains(',') {
        Some("có dấu phẩy (dấu phẩy ngăn cách các giá trị trong danh sách chọn của Excel)")
    } else if label.contains('"') {
        Some("có dấu ngoặc kép (Excel không hiển thị đúng trong danh sách chọn)")
    } else if label.chars().any(char::is_control) {
        Some("có ký tự điều khiển hoặc xuống dòng")
    } else {
        None
    }
}

/// The length Excel counts for a dropdown of `labels`: joined by commas, in UTF-16 units
/// (as `rust_xlsxwriter::DataValidation::allow_list_strings` checks it; quotes count twice).
pub fn dropdown_length<'a>(labels: impl IntoIterator<Item = &'a str>) -> usize {
    let mut total = 0;
    for (i, label) in labels.into_iter().enumerate() {
        total += usize::from(i > 0) + label.encode_utf16().count() + label.matches('"').count();
    }
    total
}

/// The statuses of a plan: the dropdown labels in order and every accepted spelling.
#[derive(Debug, Clone)]
pub struct StatusVocabulary {
    /// The dropdown labels with their kinds, in plan order.
    labels: Vec<(String, ReportedStatus)>,
    /// Every label and other spelling by [`status_key`]; a repeated key keeps its first kind.
    by_key: HashMap<String, ReportedStatus>,
    /// The plan's own list, as written (`None` for the built-in vocabulary).
    entries: Option<Vec<StatusEntry>>,
}

impl Default for StatusVocabulary {
    fn default() -> Self {
        StatusVocabulary::builtin()
    }
}

impl StatusVocabulary {
    /// The vocabulary of a plan file: its own list, or the built-in one when it has none.
    pub fn for_plan(entries: Option<&[StatusEntry]>) -> Self {
        entries.map_or_else(StatusVocabulary::builtin, StatusVocabulary::from_entries)
    }

    /// A plan's own list (validation reports duplicates; here the first spelling wins).
    pub fn from_entries(entries: &[StatusEntry]) -> Self {
        let mut v =
            StatusVocabulary { labels: Vec::new(), by_key: HashMap::new(), entries: Some(entries.to_vec()) };
        for e in entries {
            v.labels.push((e.label.clone(), e.kind));
            for spelling in std::iter::once(&e.label).chain(&e.aliases) {
                v.by_key.entry(status_key(spelling)).or_insert(e.kind);
            }
        }
        v
    }

    /// The vocabulary of a plan without `statuses:` (see the module doc).
    pub fn builtin() -> Self {
        let mut v = StatusVocabulary { labels: Vec::new(), by_key: HashMap::new(), entries: None };
        for (label, kind, aliases) in BUILTIN {
            if let Some(label) = label {
                v.labels.push(((*label).to_owned(), *kind));
            }
            for spelling in label.iter().chain(aliases.iter()) {
                v.by_key.entry(status_key(spelling)).or_insert(*kind);
            }
        }
        v
    }

    /// The plan's own list as written, or `None` when the built-in vocabulary applies.
    pub fn entries(&self) -> Option<&[StatusEntry]> {
        self.entries.as_deref()
    }

    /// The dropdown labels, in order.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.labels.iter().map(|(l, _)| l.as_str())
    }

    /// The dropdown labels with their kinds, in order.
    pub fn labelled(&self) -> &[(String, ReportedStatus)] {
        &self.labels
    }

    /// The first dropdown label of a kind, if the vocabulary offers one.
    pub fn label_of(&self, kind: ReportedStatus) -> Option<&str> {
        self.labels.iter().find(|(_, k)| *k == kind).map(|(l, _)| l.as_str())
    }

    /// How many other spellings (beyond the labels) are accepted.
    pub fn other_spellings(&self) -> usize {
        self.by_key.len().saturating_sub(self.labels.len())
    }

    /// The dropdown labels for messages: `Hoàn thành đúng hạn; …; Thường xuyên`.
    pub fn listing(&self) -> String {
        self.labels().collect::<Vec<_>>().join("; ")
    }

    /// Reads a status as typed: a label or another spelling, folded; `None` when it is not one.
    pub fn parse(&self, text: &str) -> Option<ReportedStatus> {
        // The dropdown's exact labels first: cheaper than folding, and the usual case.
        if let Some((_, kind)) = self.labels.iter().find(|(l, _)| l == text) {
            return Some(*kind);
        }
        let key = status_key(text);
        if key.is_empty() {
            return None;
        }
        self.by_key.get(&key).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReportedStatus as R;

    fn entry(label: &str, kind: R, aliases: &[&str]) -> StatusEntry {
        StatusEntry {
            label: label.to_owned(),
            kind,
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        }
    }

    #[test]
    fn builtin_keeps_the_five_labels_and_the_old_variants() {
        let v = StatusVocabulary::builtin();
        assert_eq!(
            v.labels().collect::<Vec<_>>(),
            ["Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện", "Chưa thực hiện", "Thường xuyên"]
        );
        assert_eq!(v.parse("Hoàn thành đúng hạn"), Some(R::DoneOnTime));
        assert_eq!(v.parse("  đang THỰC HIỆN "), Some(R::InProgress));
        assert_eq!(v.parse("Đã hoàn thành."), Some(R::DoneOnTime));
        assert_eq!(v.parse("đang triển khai"), Some(R::InProgress));
        assert_eq!(v.parse("Chưa làm"), Some(R::NotStarted));
        assert_eq!(v.parse("thực hiện thường xuyên"), Some(R::Continuous));
        // Submitted is understood without being offered in the dropdown.
        assert_eq!(v.parse("Đã trình UBND tỉnh"), Some(R::Submitted));
        assert_eq!(v.parse("Đã hoàn thành, đang chờ phê duyệt"), Some(R::Submitted));
        assert_eq!(v.label_of(R::Submitted), None);
        assert_eq!(v.label_of(R::Continuous), Some("Thường xuyên"));
        assert_eq!(v.other_spellings(), 20);
        assert_eq!(v.parse("Quá hạn"), None);
        assert_eq!(v.parse(""), None);
        assert_eq!(v.parse(" . "), None);
    }

    #[test]
    fn a_plan_vocabulary_replaces_the_builtin_one() {
        let v = StatusVocabulary::from_entries(&[
            entry("Xong", R::DoneOnTime, &["Đã hoàn thành"]),
            entry(
                "Đã trình cấp có thẩm quyền",
                R::Submitted,
                &["Đã trình UBND tỉnh", "Đã trình, chờ phê duyệt"],
            ),
            entry("Đang làm", R::InProgress, &[]),
        ]);
        assert_eq!(v.labels().collect::<Vec<_>>(), ["Xong", "Đã trình cấp có thẩm quyền", "Đang làm"]);
        assert_eq!(v.listing(), "Xong; Đã trình cấp có thẩm quyền; Đang làm");
        assert_eq!(v.parse("Đã trình UBND tỉnh"), Some(R::Submitted));
        assert_eq!(v.parse("đã trình ubnd TỈNH."), Some(R::Submitted));
        // NFD (decomposed accents), spaces around the comma, several spaces, a final dot.
        let nfd = "Đa\u{303} tri\u{300}nh ,  chờ phê duyệt .";
        assert_eq!(v.parse(nfd), Some(R::Submitted));
        assert_eq!(v.parse("Đã trình,chờ phê duyệt"), Some(R::Submitted));
        assert_eq!(v.parse("đang làm"), Some(R::InProgress));
        // The built-in spellings are gone with the built-in vocabulary.
        assert_eq!(v.parse("Hoàn thành đúng hạn"), None);
        assert_eq!(v.parse("Thường xuyên"), None);
        assert_eq!(v.parse("Đã trình"), None);
        assert_eq!(v.label_of(R::Submitted), Some("Đã trình cấp có thẩm quyền"));
        assert_eq!(v.label_of(R::NotStarted), None);
    }

    #[test]
    fn keys_fold_case_accents_spacing_commas_and_dots() {
        assert_eq!(status_key("  Đã  trình ,chờ  phê duyệt... "), "đã trình,chờ phê duyệt");
        assert_eq!(status_key("ĐÃ TRÌNH, CHỜ PHÊ DUYỆT"), "đã trình,chờ phê duyệt");
        assert_eq!(status_key("..."), "");
    }

    #[test]
    fn dropdown_rules() {
        assert!(dropdown_problem("Đã trình, chờ phê duyệt").is_some());
        assert!(dropdown_problem("Đã trình \"UBND\"").is_some());
        assert!(dropdown_problem("Đã trình\nUBND").is_some());
        assert_eq!(dropdown_problem("Đã trình cấp có thẩm quyền"), None);
        assert_eq!(dropdown_length(["ab", "cd"]), 5);
        assert_eq!(dropdown_length(["a\"b"]), 4);
        assert_eq!(dropdown_length(Vec::<&str>::new()), 0);
        let v = StatusVocabulary::builtin();
        assert!(dropdown_length(v.labels()) <= MAX_DROPDOWN_CHARS);
    }
}
