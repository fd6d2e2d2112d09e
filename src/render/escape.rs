//! Escaping untrusted text (agency names, typed values, notes) into generated Markdown.
//!
//! Everything a clerk typed goes through [`markdown_text`] or [`markdown_cell`] before it reaches
//! a Markdown file, so `*a*`, `<b>`, `[x](y)`, `#` or `|` stay literal characters and cannot
//! change the document's structure; the JSON outputs keep the text as typed.

use crate::contract::MAX_TEXT_CHARS;

/// Escapes text for running Markdown (a paragraph, a list item, a heading), cut at
/// [`MAX_TEXT_CHARS`] characters with `…`: inline markup
/// characters are backslash-escaped everywhere, block markers (`#`, `-`, `+`, `=`, `1.`) at the
/// start, line breaks become spaces (so no later line can start a block), leading spaces and
/// control characters are dropped.
pub fn markdown_text(text: &str) -> String {
    let cut = text.chars().count() > MAX_TEXT_CHARS;
    let chars: Vec<char> = text.chars().take(MAX_TEXT_CHARS).chain(cut.then_some('…')).collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut pending_space = false;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\r' | '\n' | '\u{2028}' | '\u{2029}' => pending_space = true,
            c if c.is_control() && c != '\t' => {}
            // Leading spaces would indent a marker after them (`  # x`) or make a code block;
            // Markdown drops them anyway.
            ' ' | '\t' if out.is_empty() => {}
            c => {
                if pending_space && !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                pending_space = false;
                if is_inline_markup(c) || starts_block(&out, c, next_written(&chars[i + 1..])) {
                    out.push('\\');
                }
                out.push(if c == '\t' { ' ' } else { c });
            }
        }
    }
    out
}

/// The character written next after `rest` is read: a space for a line break (when text
/// follows it) or a tab, nothing for dropped control characters.
fn next_written(rest: &[char]) -> Option<char> {
    let mut pending_space = false;
    for &c in rest {
        match c {
            '\r' | '\n' | '\u{2028}' | '\u{2029}' => pending_space = true,
            c if c.is_control() && c != '\t' => {}
            _ if pending_space => return Some(' '),
            '\t' => return Some(' '),
            c => return Some(c),
        }
    }
    None
}

/// Whether `c`, written after `out`, would start a block: a heading, list or rule marker at the
/// start, or the `.`/`)` of an ordered list marker (`12. `) after leading digits.
fn starts_block(out: &str, c: char, next: Option<char>) -> bool {
    if out.is_empty() {
        // `-0,36` is a number, `- x`, `--` (a rule in the making) and `=` lines are markup.
        let marker_end = next.is_none_or(|n| n == ' ' || n == '\t' || n == c);
        return c == '#' || (matches!(c, '-' | '+' | '=') && marker_end);
    }
    matches!(c, '.' | ')')
        && out.chars().all(|d| d.is_ascii_digit())
        && next.is_none_or(|n| n == ' ' || n == '\t')
}

/// Escapes text for a GFM table cell: as [`markdown_text`] (which also escapes `|`), trimmed; an
/// empty value becomes a single space so the cell still exists.
pub fn markdown_cell(text: &str) -> String {
    let escaped = markdown_text(text.trim());
    if escaped.is_empty() { " ".to_owned() } else { escaped }
}

/// Characters with an inline meaning in CommonMark, GFM (tables, strikethrough, autolinks),
/// math (`$`) or HTML (`<`, `&`), wherever they appear.
fn is_inline_markup(c: char) -> bool {
    matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '$' | '&')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_stays_literal() {
        assert_eq!(markdown_text("*a*"), "\\*a\\*");
        assert_eq!(markdown_text("_x_"), "\\_x\\_");
        assert_eq!(markdown_text("<b>"), "\\<b\\>");
        assert_eq!(markdown_text("`code`"), "\\`code\\`");
        assert_eq!(markdown_text("[x](http://e)"), "\\[x\\](http://e)");
        assert_eq!(markdown_text("# tiêu đề"), "\\# tiêu đề");
        assert_eq!(markdown_text("$x$"), "\\$x\\$");
        assert_eq!(markdown_text("#read(\"/etc/passwd\")"), "\\#read(\"/etc/passwd\")");
        assert_eq!(markdown_text("a #b"), "a #b");
        assert_eq!(markdown_text("12) x"), "12\\) x");
        assert_eq!(markdown_text("12.500"), "12.500");
        assert_eq!(markdown_text("12."), "12\\.");
        assert_eq!(markdown_text("CT-01.x"), "CT-01.x");
        assert_eq!(markdown_text("a\\b"), "a\\\\b");
        assert_eq!(markdown_text("1. mục"), "1\\. mục");
        assert_eq!(markdown_text("- gạch"), "\\- gạch");
        assert_eq!(markdown_text("---"), "\\---");
        assert_eq!(markdown_text("-0,36"), "-0,36");
        assert_eq!(markdown_text("+2,5"), "+2,5");
        assert_eq!(markdown_text("=="), "\\==");
        assert_eq!(markdown_text("&amp;"), "\\&amp;");
    }

    #[test]
    fn line_breaks_and_controls() {
        assert_eq!(markdown_text("dòng 1\r\ndòng 2\n\n# x"), "dòng 1 dòng 2 # x");
        assert_eq!(markdown_text("a\u{0}b\tc"), "ab c");
        assert_eq!(markdown_text("Sở Tài chính"), "Sở Tài chính");
        // A marker is judged by what is written after it, and leading spaces are not written.
        assert_eq!(markdown_text("-\nx"), "\\- x");
        assert_eq!(markdown_text("1.\nx"), "1\\. x");
        assert_eq!(markdown_text("-\u{0}"), "\\-");
        assert_eq!(markdown_text("\u{0} - x"), "\\- x");
        assert_eq!(markdown_text("  # x"), "\\# x");
        assert_eq!(markdown_text("    x"), "x");
    }

    #[test]
    fn table_cells() {
        assert_eq!(markdown_cell("a | b"), "a \\| b");
        assert_eq!(markdown_cell(""), " ");
        assert_eq!(markdown_cell("  37,7% "), "37,7%");
        assert_eq!(markdown_cell("x\ny|z"), "x y\\|z");
    }
}
