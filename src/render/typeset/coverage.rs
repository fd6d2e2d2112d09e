//! The Vietnamese alphabet and checking that a font face can draw all of it.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use typst::text::Font;
use unicode_normalization::UnicodeNormalization;

/// Every letter of the Vietnamese alphabet, lower and upper case, precomposed (NFC),
/// plus the plain Latin letters: 186 characters, sorted.
pub fn vietnamese_letters() -> &'static [char] {
    static LETTERS: LazyLock<Vec<char>> = LazyLock::new(|| {
        const VOWELS: &str = "aăâeêioôơuưy";
        // huyền, hỏi, ngã, sắc, nặng
        const TONES: [char; 5] = ['\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}'];
        let mut lower: BTreeSet<char> = ('a'..='z').chain(['đ']).chain(VOWELS.chars()).collect();
        for vowel in VOWELS.chars() {
            for tone in TONES {
                let composed: Vec<char> = [vowel, tone].into_iter().nfc().collect();
                if let [single] = composed[..] {
                    lower.insert(single);
                }
            }
        }
        let upper: Vec<char> = lower.iter().flat_map(|c| c.to_uppercase()).collect();
        lower.extend(upper);
        lower.into_iter().collect()
    });
    &LETTERS
}

/// The Vietnamese letters (see [`vietnamese_letters`]) that `font` has no glyph for
/// (all of them if the face cannot be parsed).
pub fn vietnamese_coverage(font: &Font) -> Vec<char> {
    // typst 0.15 only exposes the ttf-parser face on a `FontInstance`, so the
    // face's cmap is read directly (parsing only the table directory is cheap).
    let face = ttf_parser::Face::parse(font.data().as_slice(), font.index()).ok();
    vietnamese_letters()
        .iter()
        .copied()
        .filter(|&c| {
            let glyph = face.as_ref().and_then(|face| face.glyph_index(c));
            glyph.is_none_or(|glyph| glyph.0 == 0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_letter_list_is_complete() {
        let letters = vietnamese_letters();
        assert_eq!(letters.len(), 186, "{letters:?}");
        for c in "ạảãàáặẳẵằắậẩẫầấẹẻẽèéệểễềếịỉĩìíọỏõòóộổỗồốợởỡờớụủũùúựửữừứỵỷỹỳýđĐƠƯỮỸ".chars()
        {
            assert!(letters.contains(&c), "missing {c}");
        }
    }
}
