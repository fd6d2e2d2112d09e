//! The report's charts as PNG images for Word, drawn from the same chart functions as the PDF
//! (`nd30.typ`): the template `bieu-do.typ.tera` sets one chart per page, Typst lays it out, and
//! each page goes to SVG (typst-svg) and then to pixels (resvg). Text is drawn as glyph outlines,
//! so no font is looked up while drawing.

use std::collections::BTreeMap;

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg;
use serde::Serialize;
use time::Date;

use crate::render::templates::{TYPST_LIBRARY, Templates};
use crate::render::typeset::{TypesetError, Typesetter, TypstDoc};
use crate::render::views::DocumentsView;

/// The chart template (one chart per page, in the order of [`chart_ids`]).
pub const CHART_TEMPLATE: &str = "bieu-do.typ.tera";

/// Pixels per point of the images: 200 dpi, sharp in print at the size Word shows them.
const SCALE: f32 = 200.0 / 72.0;

/// English Metric Units per point (Word's drawing unit).
const EMU_PER_PT: f64 = 12_700.0;

/// One chart as an image in the Word documents.
#[derive(Debug, Clone, Serialize)]
pub struct ChartImage {
    /// `trend`, `growth`, `status`: its name in the templates and in `word/media/`.
    pub id: &'static str,
    /// Relationship id in `document.xml.rels`.
    pub rid: String,
    /// Drawing number (`wp:docPr id`), unique in a document.
    pub number: usize,
    /// Width and height shown, in EMU.
    pub cx: i64,
    /// Height shown, in EMU.
    pub cy: i64,
    /// The PNG bytes (not serialised into templates).
    #[serde(skip)]
    pub png: Vec<u8>,
}

/// The charts the view has, in page order: the trend only when it has rows.
pub fn chart_ids(view: &DocumentsView) -> Vec<&'static str> {
    let mut ids = Vec::with_capacity(3);
    if !view.trend.rows.is_empty() {
        ids.push("trend");
    }
    ids.extend(["growth", "status"]);
    ids
}

/// The chart source: `bieu-do.typ.tera` rendered from the view.
pub fn chart_source(
    templates: &Templates,
    view: &DocumentsView,
    date: Date,
) -> Result<TypstDoc, crate::render::templates::TemplateError> {
    let main = crate::vn::nfc(&templates.render_typst(CHART_TEMPLATE, view)?);
    let mut files = BTreeMap::new();
    files.insert(format!("/{TYPST_LIBRARY}"), templates.typst_library().as_bytes().to_vec());
    Ok(TypstDoc { name: "bieu-do".to_owned(), main, files, date })
}

/// Why the charts could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The chart template failed.
    #[error(transparent)]
    Template(#[from] crate::render::templates::TemplateError),
    /// Typst refused the chart source.
    #[error(transparent)]
    Typeset(#[from] TypesetError),
    /// The template set another number of pages than there are charts.
    #[error("mẫu {CHART_TEMPLATE} cho {pages} trang, cần {charts} (mỗi biểu đồ một trang)")]
    Pages {
        /// Pages laid out.
        pages: usize,
        /// Charts expected.
        charts: usize,
    },
    /// A page could not be drawn or encoded.
    #[error("không vẽ được biểu đồ {0} thành ảnh PNG")]
    Draw(&'static str),
}

/// Lays out the chart source and draws each page as a PNG, named by `ids` in page order.
pub fn draw_charts(
    typesetter: &Typesetter,
    doc: &TypstDoc,
    ids: &[&'static str],
) -> Result<Vec<ChartImage>, ChartError> {
    let laid = typesetter.layout(doc)?;
    let pages = laid.document.pages();
    if pages.len() != ids.len() {
        return Err(ChartError::Pages { pages: pages.len(), charts: ids.len() });
    }
    pages
        .iter()
        .zip(ids)
        .enumerate()
        .map(|(i, (page, &id))| {
            let svg = typst_svg::svg(page, &typst_svg::SvgOptions::default());
            let png = rasterize(&svg).ok_or(ChartError::Draw(id))?;
            let size = page.frame.size();
            Ok(ChartImage {
                id,
                rid: format!("rIdBieuDo{}", i + 1),
                number: i + 1,
                cx: (size.x.to_pt() * EMU_PER_PT).round() as i64,
                cy: (size.y.to_pt() * EMU_PER_PT).round() as i64,
                png,
            })
        })
        .collect()
}

/// Draws an SVG on white at [`SCALE`] and encodes it as PNG.
fn rasterize(svg: &str) -> Option<Vec<u8>> {
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).ok()?;
    let size = tree.size();
    let width = (size.width() * SCALE).ceil() as u32;
    let height = (size.height() * SCALE).ceil() as u32;
    let mut pixmap = Pixmap::new(width, height)?;
    pixmap.fill(Color::WHITE);
    resvg::render(&tree, Transform::from_scale(SCALE, SCALE), &mut pixmap.as_mut());
    // Opaque on white: the colour channels alone are the image.
    let rgb: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let per_metre = (f64::from(SCALE) * 72.0 / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&rgb).ok()?;
    writer.finish().ok()?;
    Some(png)
}
