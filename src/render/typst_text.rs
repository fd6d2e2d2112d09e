//! Escaping text into Typst markup — the only way text from data reaches a Typst document.
//!
//! Every character Typst markup could interpret (`#`, `$`, `*`, `_`, `` ` ``, `<`, `@`, `=`, `-`,
//! `+`, `/`, `[`, `]`, `\`, `~`, quotes, …) is preceded by a backslash, so spreadsheet text such
//! as `#read("/etc/passwd")`, `$x$` or `*a*` prints literally and can never become code, math,
//! a heading, a list, a link or a comment. Line breaks become forced line breaks, so a cell can't
//! start a new paragraph; control characters are dropped; the result is NFC.

use unicode_normalization::UnicodeNormalization;

use crate::contract::MAX_TEXT_CHARS;

/// Characters of one unbroken word after which a line may break (a zero-width space is
/// inserted): a cell holding one 30.000-character "word" must not overflow the page nor make
/// one PDF text string longer than PDF/A allows.
const WORD_BREAK_EVERY: usize = 40;

/// Escapes `text` for use inside Typst markup (a paragraph, a table cell, a `[...]` block);
/// text longer than [`MAX_TEXT_CHARS`] is cut there with `…`, and long words may break.
pub fn escape_typst(text: &str) -> String {
    let mut out =
        String::with_capacity(text.len().min(4 * MAX_TEXT_CHARS) + text.len().min(MAX_TEXT_CHARS) / 4);
    let mut pending_break = false;
    let mut word = 0;
    for (i, c) in text.nfc().enumerate() {
        if i == MAX_TEXT_CHARS {
            out.push('…');
            break;
        }
        if c.is_whitespace() {
            word = 0;
        } else {
            word += 1;
            if word > WORD_BREAK_EVERY {
                out.push('\u{200B}');
                word = 1;
            }
        }
        if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
            pending_break = true;
            continue;
        }
        if pending_break {
            // A forced line break (backslash + space), never a paragraph break.
            if !out.is_empty() {
                out.push_str("\\ ");
            }
            pending_break = false;
        }
        match c {
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_words_break_and_long_text_is_cut() {
        let word = "a".repeat(100);
        let out = escape_typst(&word);
        assert_eq!(out.matches('\u{200B}').count(), 2, "{out}");
        assert_eq!(out.replace('\u{200B}', ""), word);
        assert!(!escape_typst("một hai ba").contains('\u{200B}'));
        let long = "x ".repeat(MAX_TEXT_CHARS);
        let cut = escape_typst(&long);
        assert!(cut.ends_with('…') && cut.chars().count() <= MAX_TEXT_CHARS + 1, "{}", cut.len());
    }

    use super::*;

    #[test]
    fn punctuation_is_escaped() {
        assert_eq!(escape_typst("#read(\"/etc/passwd\")"), "\\#read\\(\\\"\\/etc\\/passwd\\\"\\)");
        assert_eq!(escape_typst("$x$ *a* _b_"), "\\$x\\$ \\*a\\* \\_b\\_");
        assert_eq!(escape_typst("// c"), "\\/\\/ c");
        assert_eq!(escape_typst("<b> @ref |"), "\\<b\\> \\@ref \\|");
        assert_eq!(escape_typst("= Heading"), "\\= Heading");
        assert_eq!(escape_typst("37,7%"), "37\\,7\\%");
    }

    #[test]
    fn vietnamese_text_and_breaks() {
        assert_eq!(escape_typst("Bắc Giang"), "Bắc Giang");
        let nfd: String = "Bắc Giang".nfd().collect();
        assert_eq!(escape_typst(&nfd), "Bắc Giang");
        assert_eq!(escape_typst("dòng một\n\ndòng hai"), "dòng một\\ dòng hai");
        assert_eq!(escape_typst("a\u{0007}b\tc"), "ab c");
    }
}
