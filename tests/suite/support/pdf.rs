//! Reading generated PDFs back in tests: page sizes and the visible text.
//!
//! Built on `hayro-interpret` (the PDF interpreter Typst itself depends on, so
//! it costs no extra compilation): every page is interpreted and each drawn
//! glyph's Unicode text (from the font's `ToUnicode` CMap) is collected with
//! its position. Glyphs are kept in content-stream order, which for Typst
//! output is reading order; a new line starts when the baseline moves and a
//! space is inserted where glyphs are visibly apart. The result is NFC.
#![allow(dead_code)] // each test crate uses only part of this module

use hayro_interpret::font::Glyph;
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache, InterpreterSettings, Paint,
    PathDrawMode, SoftMask, interpret_page,
};
use kurbo::{Affine, BezPath, Point, Rect};
use unicode_normalization::UnicodeNormalization;

/// All pages' text in reading order, NFC-normalised; pages are separated by a blank line.
pub fn pdf_text(bytes: &[u8]) -> String {
    page_texts(bytes).join("\n\n")
}

/// Each page's text in reading order, NFC-normalised.
pub fn page_texts(bytes: &[u8]) -> Vec<String> {
    let pdf = open(bytes);
    let cache = InterpreterCache::new();
    let mut pages = Vec::new();
    for page in pdf.pages().iter() {
        let mut collector = Collector::default();
        let settings = InterpreterSettings::default();
        let mut context =
            Context::new(Affine::IDENTITY, Rect::new(0.0, 0.0, 1.0, 1.0), &cache, pdf.xref(), settings);
        interpret_page(page, &mut context, &mut collector);
        pages.push(collector.text.nfc().collect());
    }
    pages
}

/// Width and height of each page in points (rounded to 0.01 pt), rotation applied.
pub fn page_sizes(bytes: &[u8]) -> Vec<(f64, f64)> {
    let round = |v: f32| (f64::from(v) * 100.0).round() / 100.0;
    open(bytes)
        .pages()
        .iter()
        .map(|page| {
            let (w, h) = page.render_dimensions();
            (round(w), round(h))
        })
        .collect()
}

/// Whitespace-insensitive search: true if `needle` occurs in the text once all
/// runs of whitespace (spaces, line breaks) are collapsed to one space.
pub fn contains_text(bytes: &[u8], needle: &str) -> bool {
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapse(&pdf_text(bytes)).contains(&collapse(&needle.nfc().collect::<String>()))
}

/// Parses a PDF, failing the test if it cannot be read.
fn open(bytes: &[u8]) -> Pdf {
    match Pdf::new(bytes.to_vec()) {
        Ok(pdf) => pdf,
        Err(err) => panic!("not a readable PDF: {err:?}"),
    }
}

/// Collects glyph text; remembers where the previous glyph ended.
#[derive(Default)]
struct Collector {
    text: String,
    /// Baseline y, end x and em size of the previous glyph.
    last: Option<(f64, f64, f64)>,
}

impl Collector {
    /// Appends a glyph's text, with a line break or space when it is far from the previous one.
    fn push(&mut self, text: &str, origin: Point, end_x: f64, em: f64) {
        if let Some((y, x, last_em)) = self.last {
            let em_ref = em.max(last_em);
            if (origin.y - y).abs() > 0.6 * em_ref || origin.x < x - 2.0 * em_ref {
                self.break_with('\n');
            } else if origin.x - x > 0.15 * em_ref {
                self.break_with(' ');
            }
        }
        if text.chars().all(char::is_whitespace) {
            self.break_with(' ');
        } else {
            self.text.push_str(text);
        }
        self.last = Some((origin.y, end_x, em));
    }

    /// Adds a separator unless the text already ends with one (a newline wins over a space).
    fn break_with(&mut self, sep: char) {
        match self.text.chars().last() {
            None => {}
            Some('\n') => {}
            Some(' ') if sep == '\n' => {
                self.text.pop();
                self.text.push('\n');
            }
            Some(' ') => {}
            Some(_) => self.text.push(sep),
        }
    }
}

impl Device<'_> for Collector {
    fn set_soft_mask(&mut self, _: Option<SoftMask<'_>>) {}
    fn set_blend_mode(&mut self, _: BlendMode) {}
    fn draw_path(&mut self, _: &BezPath, _: Affine, _: &Paint<'_>, _: &PathDrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'_>>, _: BlendMode) {}
    fn draw_image(&mut self, _: Image<'_, '_>, _: Affine) {}
    fn pop_clip_path(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_glyph(
        &mut self,
        glyph: &Glyph<'_>,
        transform: Affine,
        glyph_transform: Affine,
        _: &Paint<'_>,
        _: &GlyphDrawMode,
    ) {
        let Some(unicode) = glyph.as_unicode() else {
            return;
        };
        let text = match unicode {
            BfString::Char(c) => c.to_string(),
            BfString::String(s) => s,
        };
        // Glyph space is 1000 units per em.
        let full = transform * glyph_transform;
        let origin = full * Point::ORIGIN;
        let em = (full * Point::new(0.0, 1000.0) - origin).hypot();
        let advance = match glyph {
            Glyph::Outline(outline) => outline.advance_width().map_or(0.0, f64::from),
            Glyph::Type3(_) => 0.0,
        };
        let end_x = (full * Point::new(advance, 0.0)).x;
        self.push(&text, origin, end_x, em);
    }
}
