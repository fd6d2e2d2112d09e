//! Font discovery and the choice of the body family.
//!
//! The store is filled in a fixed order, because Typst resolves ties between
//! equally good faces in favour of the one registered first:
//!
//! 1. the four Liberation Serif faces embedded in this binary (so the fallback
//!    family never depends on what the machine has installed);
//! 2. typst-kit's embedded fonts (Libertinus Serif, New Computer Modern,
//!    DejaVu Sans Mono, math);
//! 3. the extra font folders, in the order given;
//! 4. the machine's fonts, if asked for.
//!
//! The body family is "Times New Roman" when a regular, bold, italic and bold
//! italic face of it are found and each one covers every Vietnamese letter,
//! otherwise "Liberation Serif". Libertinus Serif is never a candidate: its
//! bold italic face lacks ơ and ư.

use std::any::Any;
use std::path::PathBuf;

use typst::foundations::Bytes;
use typst::text::Font;
use typst_kit::fonts::{FontPath, FontStore};

use super::TypesetError;
use super::coverage::vietnamese_coverage;
use super::report::{EMBEDDED_SOURCE, FaceReport, FaceStyle, FontReport, UsedFont};

/// The preferred body family.
pub const TIMES_NEW_ROMAN: &str = "Times New Roman";
/// The body family shipped with the program, used when Times New Roman is unusable.
pub const LIBERATION_SERIF: &str = "Liberation Serif";

/// Embeds one Liberation Serif face shipped in `templates/fonts/`.
macro_rules! liberation {
    ($file:literal) => {
        ($file, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/fonts/", $file)))
    };
}

/// Liberation Serif (SIL OFL 1.1, see `templates/fonts/LICENSE-LiberationSerif.txt`).
const LIBERATION_FACES: [(&str, &[u8]); 4] = [
    liberation!("LiberationSerif-Regular.ttf"),
    liberation!("LiberationSerif-Bold.ttf"),
    liberation!("LiberationSerif-Italic.ttf"),
    liberation!("LiberationSerif-BoldItalic.ttf"),
];

/// The filled store and what was chosen from it.
pub(crate) struct LoadedFonts {
    pub store: FontStore,
    pub report: FontReport,
}

/// Builds the font store (see the module docs for the order) and picks the body family.
pub(crate) fn load(font_dirs: &[PathBuf], system_fonts: bool) -> Result<LoadedFonts, TypesetError> {
    let mut store = FontStore::new();
    for (file, data) in LIBERATION_FACES {
        let font = Font::new(Bytes::new(data), 0).ok_or(TypesetError::EmbeddedFont { file })?;
        let info = font.info().clone();
        store.push((font, info));
    }
    store.extend(typst_kit::fonts::embedded());
    let builtin = store.book().families().flat_map(|(_, ids)| ids).count();
    for dir in font_dirs {
        if !dir.is_dir() {
            return Err(TypesetError::FontDir { path: dir.clone() });
        }
        store.extend(typst_kit::fonts::scan(dir));
    }
    if system_fonts {
        store.extend(typst_kit::fonts::system());
    }
    let total = store.book().families().flat_map(|(_, ids)| ids).count();
    let report = choose(&store, total - builtin)?;
    Ok(LoadedFonts { store, report })
}

/// Picks Times New Roman when usable, else Liberation Serif.
fn choose(store: &FontStore, scanned_faces: usize) -> Result<FontReport, TypesetError> {
    let (family, faces, reason) = match family_faces(store, TIMES_NEW_ROMAN) {
        Ok(faces) => {
            let reason = format!("có đủ 4 kiểu chữ {TIMES_NEW_ROMAN}, kiểu nào cũng đủ chữ tiếng Việt");
            (TIMES_NEW_ROMAN, faces, reason)
        }
        Err(why) => match family_faces(store, LIBERATION_SERIF) {
            Ok(faces) => {
                (LIBERATION_SERIF, faces, format!("dùng {LIBERATION_SERIF} kèm chương trình vì {why}"))
            }
            Err(broken) => return Err(TypesetError::NoBodyFont { reason: broken }),
        },
    };
    Ok(FontReport { family: family.to_owned(), reason, faces, scanned_faces })
}

/// The four faces Typst would select for `family`, or why the family is unusable.
fn family_faces(store: &FontStore, family: &str) -> Result<Vec<FaceReport>, String> {
    let book = store.book();
    let key = family.to_lowercase();
    let mut faces = Vec::with_capacity(4);
    for style in FaceStyle::ALL {
        let found = book
            .select(&key, style.variant())
            .filter(|&i| book.info(i).is_some_and(|info| style.matches(info.variant)));
        let Some(index) = found else {
            return Err(format!("không tìm thấy {family} kiểu {}", style.label()));
        };
        let (source, path) = describe_source(store, index);
        let Some(font) = store.font(index) else {
            return Err(format!("không đọc được {family} kiểu {} ({source})", style.label()));
        };
        let missing = vietnamese_coverage(&font);
        if !missing.is_empty() {
            let sample: String = missing.iter().take(12).collect();
            return Err(format!(
                "{family} kiểu {} ({source}) thiếu {} chữ tiếng Việt, ví dụ \"{sample}\"",
                style.label(),
                missing.len()
            ));
        }
        let index_in_file = font.index();
        faces.push(FaceReport {
            style,
            postscript_name: font.post_script_name(),
            source,
            path,
            index: index_in_file,
            missing,
        });
    }
    Ok(faces)
}

/// Where the face at `index` in the store comes from: a display string and the path if any.
fn describe_source(store: &FontStore, index: usize) -> (String, Option<PathBuf>) {
    let found = store.source(index).and_then(|source| {
        let any: &dyn Any = source;
        any.downcast_ref::<FontPath>()
    });
    match found {
        Some(font_path) => (font_path.path.display().to_string(), Some(font_path.path.clone())),
        None => (EMBEDDED_SOURCE.to_owned(), None),
    }
}

/// The distinct fonts used by text in `document`, sorted by family and name.
pub(crate) fn used_fonts(store: &FontStore, document: &typst_layout::PagedDocument) -> Vec<UsedFont> {
    let mut fonts = Vec::new();
    for page in document.pages() {
        collect_fonts(&page.frame, &mut fonts);
    }
    let book = store.book();
    let mut used: Vec<UsedFont> = fonts
        .iter()
        .map(|font| {
            let slot = (0..)
                .map_while(|i| book.info(i).map(|info| (i, info)))
                .find(|(i, info)| *info == font.info() && store.font(*i).as_ref() == Some(font));
            let (source, path) = match slot {
                Some((i, _)) => describe_source(store, i),
                None => (EMBEDDED_SOURCE.to_owned(), None),
            };
            UsedFont {
                family: font.info().family.clone(),
                postscript_name: font.post_script_name(),
                source,
                path,
            }
        })
        .collect();
    used.sort_by(|a, b| {
        (&a.family, &a.postscript_name, &a.source).cmp(&(&b.family, &b.postscript_name, &b.source))
    });
    used.dedup();
    used
}

/// Pushes every font of `frame` and its groups not yet in `out`.
fn collect_fonts(frame: &typst::layout::Frame, out: &mut Vec<Font>) {
    use typst::layout::FrameItem;
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => collect_fonts(&group.frame, out),
            FrameItem::Text(text) => {
                let font = text.font.font();
                if !out.contains(font) {
                    out.push(font.clone());
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
