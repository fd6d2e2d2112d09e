//! What the font setup chose, for users and the run manifest.

use std::path::{Path, PathBuf};

use serde::Serialize;
use typst::text::{FontStretch, FontStyle, FontVariant, FontWeight};

/// How the source of a face embedded in the binary is shown to users.
pub const EMBEDDED_SOURCE: &str = "kèm chương trình";

/// One of the four faces a body family must provide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FaceStyle {
    /// Upright, normal weight.
    Regular,
    /// Upright, bold.
    Bold,
    /// Italic, normal weight.
    Italic,
    /// Italic, bold.
    BoldItalic,
}

impl FaceStyle {
    /// All four styles, regular first.
    pub const ALL: [FaceStyle; 4] = [Self::Regular, Self::Bold, Self::Italic, Self::BoldItalic];

    /// The Typst variant asked for when selecting this face.
    pub fn variant(self) -> FontVariant {
        let style = if self.is_italic() { FontStyle::Italic } else { FontStyle::Normal };
        let weight = if self.is_bold() { FontWeight::BOLD } else { FontWeight::REGULAR };
        FontVariant::new(style, weight, FontStretch::NORMAL)
    }

    /// The Vietnamese name of the style, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Regular => "thường",
            Self::Bold => "đậm",
            Self::Italic => "nghiêng",
            Self::BoldItalic => "đậm nghiêng",
        }
    }

    fn is_bold(self) -> bool {
        matches!(self, Self::Bold | Self::BoldItalic)
    }

    fn is_italic(self) -> bool {
        matches!(self, Self::Italic | Self::BoldItalic)
    }

    /// Whether a face with `variant` really is this style (not a substitute).
    pub(crate) fn matches(self, variant: FontVariant) -> bool {
        let italic = variant.style != FontStyle::Normal;
        let bold = variant.weight.to_number() >= 600;
        italic == self.is_italic() && bold == self.is_bold()
    }
}

/// Which fonts were chosen and why; built once per [`super::Typesetter`].
#[derive(Debug, Clone, Serialize)]
pub struct FontReport {
    /// The body family the templates must use.
    pub family: String,
    /// Why this family was chosen (Vietnamese, for users).
    pub reason: String,
    /// The four faces of the body family, regular first.
    pub faces: Vec<FaceReport>,
    /// How many faces were found in the font folders and on the machine.
    pub scanned_faces: usize,
}

impl FontReport {
    /// The font files of the body family read from disk (embedded faces have none), for hashing.
    pub fn paths(&self) -> Vec<&Path> {
        let mut paths: Vec<&Path> = self.faces.iter().filter_map(|f| f.path.as_deref()).collect();
        paths.sort();
        paths.dedup();
        paths
    }
}

/// One face of the body family.
#[derive(Debug, Clone, Serialize)]
pub struct FaceReport {
    /// Which of the four styles this face provides.
    pub style: FaceStyle,
    /// The face's PostScript name, if it has one.
    pub postscript_name: Option<String>,
    /// Where the face came from: its path, or [`EMBEDDED_SOURCE`].
    pub source: String,
    /// The font file, when read from disk.
    pub path: Option<PathBuf>,
    /// The face's index inside a font collection (0 for a single font file).
    pub index: u32,
    /// Vietnamese letters without a glyph in this face (empty for a usable face).
    pub missing: Vec<char>,
}

/// A font that a compiled document actually uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsedFont {
    /// The face's family.
    pub family: String,
    /// The face's PostScript name, if it has one.
    pub postscript_name: Option<String>,
    /// Where the face came from: its path, or [`EMBEDDED_SOURCE`].
    pub source: String,
    /// The font file, when read from disk.
    pub path: Option<PathBuf>,
}
