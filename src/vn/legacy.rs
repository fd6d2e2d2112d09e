//! Legacy Vietnamese encodings in spreadsheet cells: TCVN3 (ABC, `.VnTime`),
//! VNI-Windows (`VNI-Times`) and decomposed Unicode (NFD).
//!
//! Text typed with a legacy font reaches us as the Windows-1252 (or Latin-1)
//! characters of the font's bytes: TCVN3 `B¸o c¸o` is "Báo cáo", VNI
//! `Xin chaøo` is "Xin chào". [`decode_cell_text`] recognises such cells,
//! converts them and NFC-normalises everything else.
//!
//! Detection, per cell:
//! 1. ASCII, or text holding a character only Unicode Vietnamese has
//!    (U+1EA0–U+1EF9, ă đ ơ ư ĩ ũ, combining marks) or no Latin-1 letter at
//!    all, is Unicode: it is only NFC-normalised (`Nfd` if that changed it).
//! 2. Otherwise the cell is decoded both as TCVN3 and as VNI. A candidate
//!    counts only if some word mixing ASCII letters with converted characters
//!    changed, and if it has more valid Vietnamese syllables (onset + rhyme,
//!    one tone, stop codas only with sắc/nặng) than the cell as it stands,
//!    a majority of valid words and at least three letters of them.
//! 3. The better candidate wins; a tie, or no candidate, leaves the cell as is.
//!
//! Limitation: TCVN3 has no upper-case toned letters (all-caps fonts such as
//! `.VnTimeH` show the lower-case codes as capitals), so [`encode_tcvn3`]
//! writes them with the lower-case code and the decoder restores capitals
//! only where a word's other letters are all capitals and it has at least
//! two of them, or most words of the cell are in capitals. "Ấn Độ" therefore
//! comes back as "ấn Độ".

use serde::Serialize;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

mod syllable;
mod tables;

use syllable::tally;

use tables::{
    CP1252_HIGH, TCVN3_D_LOWER, TCVN3_DECODE, TCVN3_UPPER, TCVN3_VOWELS, VNI_D_LOWER, VNI_SPECIAL,
    VNI_VOWELS, VOWELS,
};

/// Letters a validated decoding must have in its valid words.
const MIN_EVIDENCE: usize = 3;

/// Which encoding a text cell turned out to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum TextEncoding {
    /// Precomposed (NFC) Unicode, or text with nothing to convert.
    Unicode,
    /// Unicode with combining marks (NFD, Windows-1258 style), now composed.
    Nfd,
    /// TCVN3 (ABC) bytes read as Windows-1252 or Latin-1 characters.
    Tcvn3,
    /// VNI-Windows bytes read as Windows-1252 or Latin-1 characters.
    Vni,
}

impl TextEncoding {
    /// Vietnamese label of the encoding, for reports.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Unicode => "Unicode",
            Self::Nfd => "Unicode tổ hợp (NFD)",
            Self::Tcvn3 => "TCVN3 (ABC)",
            Self::Vni => "VNI-Windows",
        }
    }
}

/// A cell's text converted to NFC Unicode, with the encoding it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, NFC Unicode.
    pub text: String,
    /// The encoding the text was found in.
    pub encoding: TextEncoding,
}

/// Detects legacy encodings and NFD, returning NFC Unicode text.
#[must_use]
pub fn decode_cell_text(raw: &str) -> Decoded {
    if raw.is_ascii() {
        return unchanged(raw);
    }
    if !may_be_legacy(raw) {
        return normalize(raw);
    }
    best_legacy(raw).unwrap_or_else(|| normalize(raw))
}

/// Like [`decode_cell_text`], but trusts the cell's font: text in a `.Vn*` font is decoded as
/// TCVN3 and text in a `VNI-*` font as VNI whenever it could be legacy text at all.
#[must_use]
pub fn decode_cell_text_with_font(raw: &str, font: Option<&str>) -> Decoded {
    let hint = font.and_then(font_encoding);
    if let Some(encoding) = hint.filter(|_| !raw.is_ascii() && may_be_legacy(raw)) {
        let (text, _) = match encoding {
            TextEncoding::Tcvn3 => decode_tcvn3(raw),
            _ => decode_vni(raw),
        };
        if text != raw {
            return Decoded { text: text.nfc().collect(), encoding };
        }
    }
    decode_cell_text(raw)
}

/// The legacy encoding a font name implies: `.VnTime`, `.VnArialH` → TCVN3; `VNI-Times` → VNI.
#[must_use]
pub fn font_encoding(font: &str) -> Option<TextEncoding> {
    let f = font.trim().to_ascii_lowercase();
    if f.starts_with(".vn") {
        Some(TextEncoding::Tcvn3)
    } else if f.starts_with("vni") {
        Some(TextEncoding::Vni)
    } else {
        None
    }
}

/// Encodes Unicode Vietnamese as the cp1252 characters a TCVN3 (.VnTime) spreadsheet would contain; None if a char has no TCVN3 form.
///
/// Upper-case toned letters get the lower-case code, as `.VnTimeH` files store them.
#[must_use]
pub fn encode_tcvn3(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.nfc() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(byte) = tcvn3_byte(c) {
            out.push(char::from(byte));
        } else if is_cp1252_high(c) || tcvn3_unused_latin1(c) {
            out.push(c);
        } else {
            return None;
        }
    }
    Some(out)
}

/// Encodes Unicode Vietnamese as VNI-Windows text (as cp1252 characters); None if a char has no VNI form.
#[must_use]
pub fn encode_vni(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for c in text.nfc() {
        let lower = to_lower(c);
        if c.is_ascii() {
            out.push(c);
        } else if lower == 'đ' {
            out.push(with_case(VNI_D_LOWER, c != lower));
        } else if let Some((v, t)) = vowel_of(lower) {
            out.extend(VNI_VOWELS[v][t].chars().map(|s| with_case(s, c != lower)));
        } else if is_cp1252_high(c) || (is_latin1_high(c) && !VNI_SPECIAL.contains(lower)) {
            out.push(c);
        } else {
            return None;
        }
    }
    Some(out)
}

/// Whether a non-ASCII cell could be legacy text: no Unicode-only Vietnamese
/// letter or combining mark, and at least one Latin-1 character.
fn may_be_legacy(raw: &str) -> bool {
    let mut latin1 = false;
    for c in raw.chars() {
        match u32::from(c) {
            0x0300..=0x036F | 0x1EA0..=0x1EF9 => return false,
            0x0102 | 0x0103 | 0x0110 | 0x0111 | 0x0128 | 0x0129 | 0x0168 | 0x0169 => return false,
            0x01A0 | 0x01A1 | 0x01AF | 0x01B0 => return false,
            0x00A1..=0x00FF => latin1 = true,
            _ => {}
        }
    }
    latin1
}

/// The text as it is, found to be Unicode.
fn unchanged(raw: &str) -> Decoded {
    let text = raw.to_owned();
    Decoded { text, encoding: TextEncoding::Unicode }
}

/// NFC-normalises Unicode text, reporting `Nfd` if that changed it.
fn normalize(raw: &str) -> Decoded {
    if is_nfc_quick(raw.chars()) == IsNormalized::Yes {
        return unchanged(raw);
    }
    let text: String = raw.nfc().collect();
    let encoding = if text == raw { TextEncoding::Unicode } else { TextEncoding::Nfd };
    Decoded { text, encoding }
}

/// How many words of a text look Vietnamese.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    /// Words holding a non-ASCII character and a letter.
    counted: usize,
    /// Those of them that are valid syllables.
    valid: usize,
    /// Characters in the valid ones.
    evidence: usize,
}

impl Tally {
    /// Whether valid minus invalid words is higher than in `other`.
    fn beats(&self, other: &Self) -> bool {
        let mine = self.valid.saturating_mul(2).saturating_add(other.counted);
        let theirs = other.valid.saturating_mul(2).saturating_add(self.counted);
        mine > theirs
    }

    /// Whether this decoding is clearly more Vietnamese than the raw cell.
    fn clearly_beats(&self, raw: &Self) -> bool {
        self.valid > raw.valid
            && self.beats(raw)
            && self.valid.saturating_mul(2) > self.counted
            && self.evidence >= MIN_EVIDENCE
    }
}

/// Decodes the cell as TCVN3 and as VNI and returns the clearly better one.
fn best_legacy(raw: &str) -> Option<Decoded> {
    let mut buf = String::new();
    let base = tally(raw, &mut buf);
    let candidates = [(TextEncoding::Tcvn3, decode_tcvn3(raw)), (TextEncoding::Vni, decode_vni(raw))];
    let mut best: Option<(String, TextEncoding, Tally)> = None;
    let mut tied = false;
    for (encoding, (text, smell)) in candidates {
        if smell == 0 {
            continue;
        }
        let score = tally(&text, &mut buf);
        if !score.clearly_beats(&base) {
            continue;
        }
        match &best {
            Some((_, _, other)) if other.beats(&score) => {}
            Some((_, _, other)) if !score.beats(other) => tied = true,
            _ => {
                best = Some((text, encoding, score));
                tied = false;
            }
        }
    }
    let (text, encoding, _) = best.filter(|_| !tied)?;
    let text = text.nfc().collect(); // converted letters are NFC; other characters may not be
    Some(Decoded { text, encoding })
}

/// Splits text into runs of word characters (`true`) and of separators (`false`).
fn segments(text: &str) -> impl Iterator<Item = (bool, &str)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let word = is_word_char(first);
        let end = rest.char_indices().find(|&(_, c)| is_word_char(c) != word).map_or(rest.len(), |(i, _)| i);
        let (segment, tail) = rest.split_at(end);
        rest = tail;
        Some((word, segment))
    })
}

/// Characters that may belong to a (possibly legacy-encoded) word.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{A1}'..='\u{FF}').contains(&c) || (c > '\u{FF}' && c.is_alphabetic())
}

/// Appends a separator run, turning C1 controls (Latin-1 reading) into their cp1252 characters.
fn push_separator(out: &mut String, segment: &str) {
    for c in segment.chars() {
        let index = usize::try_from(u32::from(c).wrapping_sub(0x80)).unwrap_or(usize::MAX);
        out.push(CP1252_HIGH.get(index).copied().flatten().unwrap_or(c));
    }
}

/// Letter counts of a TCVN3 word, for restoring capitals.
#[derive(Debug, Default)]
struct WordCase {
    /// Upper-case letters (ASCII or with their own TCVN3 code).
    upper: usize,
    /// Lower-case letters that do have an upper-case code.
    lower: usize,
    /// Toned letters, whose case TCVN3 cannot tell.
    toned: usize,
}

impl WordCase {
    /// Counts the letters of a raw TCVN3 word.
    fn of(word: &str) -> Self {
        let mut case = Self::default();
        for c in word.chars() {
            match (tcvn3_char(c), u8::try_from(c)) {
                (Some(d), _) if d.is_uppercase() => case.upper += 1,
                (Some(_), Ok(0xA8..=0xAE)) => case.lower += 1,
                (Some(_), _) => case.toned += 1,
                (None, _) if c.is_uppercase() => case.upper += 1,
                (None, _) if c.is_lowercase() => case.lower += 1,
                (None, _) => {}
            }
        }
        case
    }

    /// Whether the word is written in capitals.
    fn all_caps(&self) -> bool {
        self.upper >= 2 && self.lower == 0
    }
}

/// Decodes a cell as TCVN3; also returns how many words with ASCII letters changed.
fn decode_tcvn3(raw: &str) -> (String, usize) {
    let (mut caps, mut lower) = (0usize, 0usize);
    for case in segments(raw).filter(|s| s.0).map(|s| WordCase::of(s.1)) {
        caps += usize::from(case.all_caps());
        lower += usize::from(case.lower > 0);
    }
    let caps_cell = caps > lower;
    let mut out = String::with_capacity(raw.len() + raw.len() / 2);
    let mut smell = 0;
    for (is_word, word) in segments(raw) {
        if !is_word {
            push_separator(&mut out, word);
            continue;
        }
        let case = WordCase::of(word);
        let upper = case.toned > 0 && case.lower == 0 && (case.all_caps() || caps_cell);
        let mut changed = false;
        for c in word.chars() {
            let decoded = tcvn3_char(c);
            changed |= decoded.is_some();
            out.push(decoded.map_or(c, |d| with_case(d, upper)));
        }
        smell += usize::from(changed && has_ascii_letter(word));
    }
    (out, smell)
}

/// Decodes a cell as VNI; also returns how many words with ASCII letters changed.
fn decode_vni(raw: &str) -> (String, usize) {
    let mut out = String::with_capacity(raw.len());
    let mut smell = 0;
    for (is_word, word) in segments(raw) {
        if !is_word {
            push_separator(&mut out, word);
            continue;
        }
        let mut changed = false;
        let mut chars = word.chars().peekable();
        while let Some(c) = chars.next() {
            let decoded = match chars.peek().and_then(|&mark| vni_letter(c, Some(mark))) {
                Some(d) => {
                    chars.next();
                    changed = true;
                    d
                }
                None => vni_letter(c, None).unwrap_or(c),
            };
            changed |= decoded != c;
            out.push(decoded);
        }
        smell += usize::from(changed && has_ascii_letter(word));
    }
    (out, smell)
}

/// The Vietnamese letter for a TCVN3 character, if it is one outside ASCII.
fn tcvn3_char(c: char) -> Option<char> {
    let byte = u8::try_from(c).ok().filter(|b| *b >= 0x80)?;
    let decoded = TCVN3_DECODE[usize::from(byte)];
    (decoded != '\0').then_some(decoded)
}

/// The TCVN3 byte for a non-ASCII Vietnamese letter (upper-case toned ones share the lower-case code).
fn tcvn3_byte(c: char) -> Option<u8> {
    if let Some(&(_, byte)) = TCVN3_UPPER.iter().find(|(upper, _)| *upper == c) {
        return Some(byte);
    }
    if c == 'đ' {
        return Some(TCVN3_D_LOWER);
    }
    let (v, t) = vowel_of(to_lower(c))?;
    let byte = TCVN3_VOWELS[v][t];
    Some(if c.is_uppercase() { byte.to_ascii_uppercase() } else { byte })
}

/// Whether a Latin-1 character sits on a byte TCVN3 does not use (and so passes through).
fn tcvn3_unused_latin1(c: char) -> bool {
    is_latin1_high(c) && tcvn3_char(c).is_none()
}

/// The letter VNI spells as `first` (a one-character letter such as đ, ơ, ư)
/// or as `first` followed by the diacritic `mark`, in the case of `first`.
fn vni_letter(first: char, mark: Option<char>) -> Option<char> {
    if mark.map_or(first, |m| m).is_ascii() {
        return None;
    }
    let lower = to_lower(first);
    if mark.is_none() && lower == VNI_D_LOWER {
        return Some(with_case('đ', first != lower));
    }
    let wanted = [Some(lower), mark.map(to_lower), None];
    VNI_VOWELS
        .iter()
        .flatten()
        .zip(VOWELS.iter().flatten())
        .find(|(spelling, _)| {
            let mut s = spelling.chars();
            [s.next(), s.next(), s.next()] == wanted
        })
        .map(|(_, &letter)| with_case(letter, first != lower))
}

/// Vowel row and tone of a lower-case Vietnamese vowel.
fn vowel_of(c: char) -> Option<(usize, usize)> {
    VOWELS.iter().enumerate().find_map(|(v, row)| row.iter().position(|&x| x == c).map(|t| (v, t)))
}

/// Lower case of a character that lower-cases to one character, else the character itself.
fn to_lower(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// The character in upper case if `upper` (and it upper-cases to one character).
fn with_case(c: char, upper: bool) -> char {
    let mut up = c.to_uppercase();
    match (upper, up.next(), up.next()) {
        (true, Some(u), None) => u,
        _ => c,
    }
}

/// Characters U+00A0–U+00FF.
fn is_latin1_high(c: char) -> bool {
    ('\u{A0}'..='\u{FF}').contains(&c)
}

/// Windows-1252 characters of bytes 0x80–0x9F.
fn is_cp1252_high(c: char) -> bool {
    CP1252_HIGH.contains(&Some(c))
}

/// Whether a word has an ASCII letter.
fn has_ascii_letter(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests;
