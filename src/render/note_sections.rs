//! The department's notes split into the report's sections: a heading that starts with a Roman
//! numeral (`## II. …`, `## II.3. …`) opens the part of the notes printed in that section.

use super::views::NotesView;

/// True when the department's notes give section `numeral` (`IV`) some text.
pub fn notes_fill(notes: Option<&str>, numeral: &str) -> bool {
    notes_view(notes).markdown.contains_key(numeral)
}

/// Splits department notes (already sanitised by [`super::notes::sanitize`]) into report sections by headings that start with a Roman numeral
/// (`# I.`, `## II. …`); text before the first such heading belongs to section I.
pub(crate) fn notes_view(notes: Option<&str>) -> NotesView {
    let mut view = NotesView::default();
    let Some(text) = notes else { return view };
    let mut current = "I".to_owned();
    let mut parts: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for line in text.lines() {
        if let Some(section) = section_heading(line) {
            current = section;
            continue;
        }
        let part = parts.entry(current.clone()).or_default();
        part.push_str(line);
        part.push('\n');
    }
    for (k, v) in parts {
        if v.trim().is_empty() {
            continue;
        }
        view.typst.insert(k.clone(), super::markdown_typst::markdown_to_typst(&v));
        view.word.insert(k.clone(), super::word::markdown_to_word(&v));
        view.markdown.insert(k, v.trim().to_owned());
    }
    view
}

/// Subsections of the report a department note may be placed in (`## II.3. …`): after the
/// subsection's own content. A heading naming any other subsection places the note at the end of
/// its section, so no note is ever dropped.
pub const NOTE_SLOTS: [&str; 7] = ["II.1", "II.2", "II.3", "II.4", "II.5", "III.1", "III.2"];

/// The section (`II`) or subsection (`II.3`) a note heading names.
fn section_heading(line: &str) -> Option<String> {
    let rest = line.trim_start().strip_prefix('#')?.trim_start_matches('#').trim();
    let numeral: String = rest.chars().take_while(|c| matches!(c, 'I' | 'V')).collect();
    let after = &rest[numeral.len()..];
    let ok = matches!(numeral.as_str(), "I" | "II" | "III" | "IV" | "V")
        && matches!(after.chars().next(), None | Some('.' | ' '));
    if !ok {
        return None;
    }
    let digits: String =
        after.strip_prefix('.').unwrap_or("").chars().take_while(char::is_ascii_digit).collect();
    let sub = format!("{numeral}.{digits}");
    Some(if !digits.is_empty() && NOTE_SLOTS.contains(&sub.as_str()) { sub } else { numeral })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_split_by_roman_headings() {
        let (text, _) = super::super::notes::sanitize(
            "<!-- nháp -->\nMở đầu.\n\n## II. Kết quả\n\nTăng *mạnh*.\n\n# V\n\n- Đề nghị A\n",
            "notes/x.md",
        );
        let v = notes_view(Some(&text));
        assert_eq!(v.markdown.get("I").map(String::as_str), Some("Mở đầu."));
        assert!(v.typst.get("II").is_some_and(|t| t.contains("#emph[mạnh]")));
        assert!(v.markdown.get("V").is_some_and(|t| t.contains("Đề nghị A")));
        assert_eq!(section_heading("## III. Tồn tại"), Some("III".to_owned()));
        assert_eq!(section_heading("## Ví dụ"), None);
        assert_eq!(section_heading("## IVa"), None);
        assert_eq!(section_heading("## II.3. Tăng trưởng"), Some("II.3".to_owned()));
        assert_eq!(section_heading("## II.9. Khác"), Some("II".to_owned()));
        assert_eq!(section_heading("## II. Kết quả"), Some("II".to_owned()));
    }
}
