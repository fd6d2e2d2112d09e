//! Character tables for TCVN3 (ABC) and VNI-Windows, and the Vietnamese
//! syllable inventory used to validate a decoding.
//!
//! Every per-vowel table has the same shape: twelve vowel bases
//! (a ă â e ê i o ô ơ u ư y) by six tones in the order none, sắc (acute),
//! huyền (grave), hỏi (hook), ngã (tilde), nặng (dot below).
//!
//! Checked against the TCVN 5712:1993 chart (GNU libiconv `tcvn.h`, upper half
//! = VN3) and the VNI table of xvnkb (`vni.h`); written out independently.

/// Tone index of sắc (acute).
pub(super) const TONE_ACUTE: usize = 1;
/// Tone index of nặng (dot below).
pub(super) const TONE_DOT: usize = 5;

/// The twelve lower-case vowel bases with their six tones (NFC).
pub(super) const VOWELS: [[char; 6]; 12] = [
    ['a', 'á', 'à', 'ả', 'ã', 'ạ'],
    ['ă', 'ắ', 'ằ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ấ', 'ầ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'é', 'è', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ế', 'ề', 'ể', 'ễ', 'ệ'],
    ['i', 'í', 'ì', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ó', 'ò', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ố', 'ồ', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ớ', 'ờ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ú', 'ù', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ứ', 'ừ', 'ử', 'ữ', 'ự'],
    ['y', 'ý', 'ỳ', 'ỷ', 'ỹ', 'ỵ'],
];

/// TCVN3 byte of each lower-case entry of [`VOWELS`].
pub(super) const TCVN3_VOWELS: [[u8; 6]; 12] = [
    [b'a', 0xB8, 0xB5, 0xB6, 0xB7, 0xB9],
    [0xA8, 0xBE, 0xBB, 0xBC, 0xBD, 0xC6],
    [0xA9, 0xCA, 0xC7, 0xC8, 0xC9, 0xCB],
    [b'e', 0xD0, 0xCC, 0xCE, 0xCF, 0xD1],
    [0xAA, 0xD5, 0xD2, 0xD3, 0xD4, 0xD6],
    [b'i', 0xDD, 0xD7, 0xD8, 0xDC, 0xDE],
    [b'o', 0xE3, 0xDF, 0xE1, 0xE2, 0xE4],
    [0xAB, 0xE8, 0xE5, 0xE6, 0xE7, 0xE9],
    [0xAC, 0xED, 0xEA, 0xEB, 0xEC, 0xEE],
    [b'u', 0xF3, 0xEF, 0xF1, 0xF2, 0xF4],
    [0xAD, 0xF8, 0xF5, 0xF6, 0xF7, 0xF9],
    [b'y', 0xFD, 0xFA, 0xFB, 0xFC, 0xFE],
];

/// The only TCVN3 letters outside ASCII that have an upper-case code.
pub(super) const TCVN3_UPPER: [(char, u8); 7] =
    [('Ă', 0xA1), ('Â', 0xA2), ('Ê', 0xA3), ('Ô', 0xA4), ('Ơ', 0xA5), ('Ư', 0xA6), ('Đ', 0xA7)];

/// TCVN3 byte of đ.
pub(super) const TCVN3_D_LOWER: u8 = 0xAE;

/// Byte → Unicode for TCVN3 (VN3); `'\0'` where the byte is not a Vietnamese letter.
pub(super) const TCVN3_DECODE: [char; 256] = build_tcvn3_decode();

/// Fills [`TCVN3_DECODE`] from the encoding tables at compile time.
const fn build_tcvn3_decode() -> [char; 256] {
    let mut table = ['\0'; 256];
    let mut v = 0;
    while v < 12 {
        let mut t = 0;
        while t < 6 {
            let byte = TCVN3_VOWELS[v][t] as usize;
            if byte >= 0x80 {
                table[byte] = VOWELS[v][t];
            }
            t += 1;
        }
        v += 1;
    }
    let mut u = 0;
    while u < TCVN3_UPPER.len() {
        table[TCVN3_UPPER[u].1 as usize] = TCVN3_UPPER[u].0;
        u += 1;
    }
    table[TCVN3_D_LOWER as usize] = 'đ';
    table
}

/// VNI-Windows spelling (as cp1252 characters) of each lower-case entry of [`VOWELS`];
/// an upper-case letter upper-cases every character of its spelling.
pub(super) const VNI_VOWELS: [[&str; 6]; 12] = [
    ["a", "aù", "aø", "aû", "aõ", "aï"],
    ["aê", "aé", "aè", "aú", "aü", "aë"],
    ["aâ", "aá", "aà", "aå", "aã", "aä"],
    ["e", "eù", "eø", "eû", "eõ", "eï"],
    ["eâ", "eá", "eà", "eå", "eã", "eä"],
    ["i", "í", "ì", "æ", "ó", "ò"],
    ["o", "où", "oø", "oû", "oõ", "oï"],
    ["oâ", "oá", "oà", "oå", "oã", "oä"],
    ["ô", "ôù", "ôø", "ôû", "ôõ", "ôï"],
    ["u", "uù", "uø", "uû", "uõ", "uï"],
    ["ö", "öù", "öø", "öû", "öõ", "öï"],
    ["y", "yù", "yø", "yû", "yõ", "î"],
];

/// VNI spelling of đ.
pub(super) const VNI_D_LOWER: char = 'ñ';

/// Lower-case cp1252 characters that carry meaning in VNI (marks and one-byte letters).
pub(super) const VNI_SPECIAL: &str = "ùøûõïâáàåãäêéèúüëíìæóòîôöñ";

/// Windows-1252 characters of bytes 0x80..=0x9F (`None` where undefined).
#[rustfmt::skip]
pub(super) const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'), None, Some('‚'), Some('ƒ'), Some('„'), Some('…'), Some('†'), Some('‡'),
    Some('ˆ'), Some('‰'), Some('Š'), Some('‹'), Some('Œ'), None, Some('Ž'), None,
    None, Some('‘'), Some('’'), Some('“'), Some('”'), Some('•'), Some('–'), Some('—'),
    Some('˜'), Some('™'), Some('š'), Some('›'), Some('œ'), None, Some('ž'), Some('Ÿ'),
];

/// Initial consonants, longest first so that every split gets tried.
pub(super) const ONSETS: [&str; 29] = [
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k",
    "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", "",
];

/// Vietnamese rhymes (vần) without tone marks.
#[rustfmt::skip]
pub(super) const RHYMES: &[&str] = &[
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay",
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt",
    "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây",
    "e", "ec", "em", "en", "eng", "eo", "ep", "et",
    "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu",
    "i", "ia", "ich", "im", "in", "inh", "ip", "it", "iu",
    "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu",
    "o", "oc", "oi", "om", "on", "ong", "op", "ot", "ooc", "oong",
    "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay",
    "oăc", "oăm", "oăn", "oăng", "oăt",
    "oe", "oem", "oen", "oeo", "oet",
    "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt",
    "ơ", "ơi", "ơm", "ơn", "ơp", "ơt",
    "u", "uc", "ui", "um", "un", "ung", "up", "ut",
    "ua", "uân", "uâng", "uât", "uây",
    "uê", "uêch", "uên", "uênh", "uêt",
    "uy", "uya", "uych", "uyn", "uynh", "uyp", "uyt", "uyu", "uyên", "uyêt",
    "uôc", "uôi", "uôm", "uôn", "uông", "uôt", "uơ",
    "ư", "ưa", "ưc", "ưi", "ưm", "ưn", "ưng", "ưt", "ưu",
    "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu",
    "y", "yêm", "yên", "yêng", "yêt", "yêu",
];
