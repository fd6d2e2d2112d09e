//! Escaping text into Markdown, so data from spreadsheets prints literally.
//!
//! A backslash before every character CommonMark or GFM could read as markup (emphasis, links,
//! HTML, table pipes, headings, lists, code) keeps text literal; line breaks inside a table cell
//! become `<br>`, the only line break a GFM table cell can hold.

/// Escapes `text` for a GFM table cell or a paragraph of generated Markdown.
pub fn markdown_cell(text: &str) -> String {
    let text = crate::vn::nfc(text);
    let mut out = String::with_capacity(text.len() + 8);
    let mut line_start = true;
    for c in text.chars() {
        match c {
            '\r' => continue,
            '\n' => {
                out.push_str("<br>");
                line_start = true;
                continue;
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~' | '&' | '$' | '@' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if line_start => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
        line_start = c == ' ' && line_start;
    }
    // "1. text" at the start of a paragraph would become a list item.
    if let Some(pos) = out.find(|c: char| !c.is_ascii_digit()) {
        if pos > 0 && matches!(out[pos..].chars().next(), Some('.' | ')')) {
            out.insert(pos, '\\');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::markdown_cell;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(markdown_cell("*a* _b_ | <b>"), "\\*a\\* \\_b\\_ \\| \\<b\\>");
        assert_eq!(markdown_cell("#read(\"/etc/passwd\")"), "\\#read(\"/etc/passwd\")");
        assert_eq!(markdown_cell("$x$ @ref // c"), "\\$x\\$ \\@ref // c");
        assert_eq!(markdown_cell("- không phải danh sách"), "\\- không phải danh sách");
        assert_eq!(markdown_cell("1. không phải"), "1\\. không phải");
        assert_eq!(markdown_cell("dòng 1\ndòng 2"), "dòng 1<br>dòng 2");
        assert_eq!(markdown_cell("37,7% và 1.234,5 - tăng"), "37,7% và 1.234,5 - tăng");
        assert_eq!(markdown_cell("[a](http://x)"), "\\[a\\](http://x)");
    }
}
