//! NFC normalisation and the folding used to match names typed by different people.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Returns `text` in Unicode NFC (Typst and matching both need it; Typst does not normalise).
pub fn nfc(text: &str) -> String {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_owned(),
        _ => text.nfc().collect(),
    }
}

/// Lower-cases the first letter (a name placed mid-sentence), unless the first word is an
/// acronym (`GRDP bình quân đầu người` stays as it is).
pub fn lower_first(s: &str) -> String {
    let first_word = s.split_whitespace().next().unwrap_or("");
    let acronym = first_word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && first_word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let mut c = s.chars();
    match c.next() {
        Some(f) if !acronym => f.to_lowercase().chain(c).collect(),
        Some(_) => s.to_owned(),
        None => String::new(),
    }
}

/// Upper-cases the first letter (a phrase placed at the start of a sentence).
pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Folds a name for matching: NFC, lower case, dash variants as `-`, one space between words.
///
/// "Sở Lao động – Thương binh  và Xã hội" and "sở lao động - thương binh và xã hội" fold to the
/// same string; so do precomposed and decomposed (NFD) spellings.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfc() {
        let c = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// A name together with its folded form, compared by the folded form.
#[derive(Debug, Clone)]
pub struct FoldedName {
    /// The name as written (NFC).
    pub text: String,
    /// The folded form used for comparison.
    pub key: String,
}

impl FoldedName {
    /// Builds the folded form of `text`.
    pub fn new(text: &str) -> Self {
        FoldedName { text: nfc(text), key: fold(text) }
    }
}

impl PartialEq for FoldedName {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_dashes_spaces_and_nfd() {
        let a = fold("Sở Lao động – Thương binh  và Xã hội");
        let b = fold("sở lao động - thương binh và xã hội");
        let nfd: String = "Sở Lao động - Thương binh và Xã hội".nfd().collect();
        assert_eq!(a, b);
        assert_eq!(fold(&nfd), b);
        assert_eq!(fold("  Sở   Y tế\u{a0}"), "sở y tế");
    }

    #[test]
    fn nfc_composes() {
        let nfd: String = "Bắc Giang".nfd().collect();
        assert_ne!(nfd, "Bắc Giang");
        assert_eq!(nfc(&nfd), "Bắc Giang");
    }
}
