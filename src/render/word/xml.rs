//! The one XML escape of Word output: every value a `.docx.tera` template prints goes through
//! [`escape_xml`] (Tera autoescape), as Typst and Markdown values go through theirs.

/// Escapes text for WordprocessingML element content and attribute values: `& < > " '` become
/// entities, and characters XML 1.0 forbids (control characters other than tab, line feed and
/// carriage return; U+FFFE, U+FFFF) become U+FFFD, so no spreadsheet cell can make `document.xml`
/// malformed or add markup.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters_cannot_pass() {
        assert_eq!(escape_xml("</w:t></w:r><w:r><w:t>x"), "&lt;/w:t&gt;&lt;/w:r&gt;&lt;w:r&gt;&lt;w:t&gt;x");
        assert_eq!(escape_xml("a & \"b\" 'c'"), "a &amp; &quot;b&quot; &apos;c&apos;");
        assert_eq!(escape_xml("x\u{1}y\u{FFFF}\u{0}"), "x\u{FFFD}y\u{FFFD}\u{FFFD}");
        assert_eq!(escape_xml("Tăng 6,5%\tđạt\n"), "Tăng 6,5%\tđạt\n");
        assert_eq!(escape_xml("]]>&#x41;"), "]]&gt;&amp;#x41;");
    }
}
