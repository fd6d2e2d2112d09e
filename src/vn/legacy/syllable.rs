//! The plausibility check of a decoding: how many words are well-formed Vietnamese syllables.

use super::tables::{ONSETS, RHYMES, TONE_ACUTE, TONE_DOT, VOWELS};
use super::{Tally, segments, to_lower, vowel_of};

/// Longest Vietnamese syllable, in characters ("nghiêng").
const MAX_SYLLABLE_CHARS: usize = 7;

/// Counts the words of `text` that hold non-ASCII letters and are valid syllables.
pub(super) fn tally(text: &str, buf: &mut String) -> Tally {
    let mut result = Tally::default();
    for (is_word, word) in segments(text) {
        if !is_word || word.is_ascii() || !word.chars().any(char::is_alphabetic) {
            continue;
        }
        result.counted += 1;
        if is_syllable(word, buf) {
            result.valid += 1;
            result.evidence += word.chars().count();
        }
    }
    result
}

/// Whether `word` is one well-formed Vietnamese syllable (any case).
fn is_syllable(word: &str, buf: &mut String) -> bool {
    buf.clear();
    let mut tone = 0;
    for (n, c) in word.chars().enumerate() {
        if n >= MAX_SYLLABLE_CHARS {
            return false;
        }
        let lower = to_lower(c);
        match vowel_of(lower) {
            Some((v, t)) => {
                if t != 0 {
                    if tone != 0 {
                        return false;
                    }
                    tone = t;
                }
                buf.push(VOWELS[v][0]);
            }
            None => buf.push(lower),
        }
    }
    ONSETS.iter().any(|onset| {
        buf.strip_prefix(onset).is_some_and(|rhyme| {
            (*onset != "q" || rhyme.starts_with('u'))
                && RHYMES.contains(&rhyme)
                && (!ends_in_stop(rhyme) || tone == TONE_ACUTE || tone == TONE_DOT)
        })
    })
}

/// Whether a rhyme ends in -c, -ch, -p or -t (which only take sắc or nặng).
fn ends_in_stop(rhyme: &str) -> bool {
    rhyme.ends_with(['c', 'p', 't']) || rhyme.ends_with("ch")
}
