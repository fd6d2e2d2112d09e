//! Tests of font loading and the body-family choice.

use super::*;

#[test]
fn embedded_liberation_serif_covers_vietnamese() {
    for (file, data) in LIBERATION_FACES {
        let font = Font::new(Bytes::new(data), 0).expect("embedded font parses");
        assert_eq!(font.info().family, LIBERATION_SERIF, "{file}");
        assert_eq!(vietnamese_coverage(&font), Vec::<char>::new(), "{file}");
    }
}

#[test]
fn libertinus_bold_italic_is_detected_as_incomplete() {
    let missing: Vec<char> = typst_kit::fonts::embedded()
        .filter(|(_, info)| info.family == "Libertinus Serif")
        .flat_map(|(font, _)| vietnamese_coverage(&font))
        .collect();
    assert!(missing.contains(&'ơ') || missing.contains(&'ư'), "{missing:?}");
}

#[test]
fn without_times_new_roman_liberation_serif_is_chosen() {
    let loaded = load(&[], false).expect("fonts load");
    let report = &loaded.report;
    assert_eq!(report.family, LIBERATION_SERIF);
    assert_eq!(report.scanned_faces, 0);
    assert_eq!(report.faces.len(), 4);
    assert!(report.faces.iter().all(|f| f.source == EMBEDDED_SOURCE && f.missing.is_empty()));
    assert!(report.paths().is_empty());
    assert!(report.reason.contains(TIMES_NEW_ROMAN), "{}", report.reason);
}

#[test]
fn missing_font_dir_is_an_error() {
    let err = load(&[PathBuf::from("/khong/co/thu-muc")], false).err().expect("error");
    assert!(err.to_string().contains("/khong/co/thu-muc"), "{err}");
}

/// A copy of a font whose family (name IDs 1 and 16) is renamed to `family`.
/// The new `name` table is appended and the table directory points at it.
fn renamed(data: &[u8], family: &str) -> Vec<u8> {
    let u16_at = |at: usize| u16::from_be_bytes([data[at], data[at + 1]]) as usize;
    let tables = u16_at(4);
    let record = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|&r| &data[r..r + 4] == b"name")
        .expect("font has a name table");
    let at = u32::from_be_bytes(data[record + 8..record + 12].try_into().expect("4 bytes")) as usize;
    let (count, storage) = (u16_at(at + 2), at + u16_at(at + 4));
    let (mut records, mut strings) = (Vec::new(), Vec::new());
    for i in 0..count {
        let r = at + 6 + 12 * i;
        let (platform, name_id) = (u16_at(r), u16_at(r + 6));
        let old = &data[storage + u16_at(r + 10)..][..u16_at(r + 8)];
        let new: Vec<u8> = match (name_id, platform) {
            (1 | 16, 0 | 3) => family.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            (1 | 16, _) => family.as_bytes().to_vec(),
            _ => old.to_vec(),
        };
        records.extend_from_slice(&data[r..r + 8]);
        records.extend_from_slice(&(new.len() as u16).to_be_bytes());
        records.extend_from_slice(&(strings.len() as u16).to_be_bytes());
        strings.extend(new);
    }
    let mut table = data[at..at + 4].to_vec();
    table.extend_from_slice(&(6 + records.len() as u16).to_be_bytes());
    table.extend(records);
    table.extend(strings);
    let mut out = data.to_vec();
    out.resize(out.len().next_multiple_of(4), 0);
    let offset = out.len() as u32;
    out[record + 8..record + 12].copy_from_slice(&offset.to_be_bytes());
    out[record + 12..record + 16].copy_from_slice(&(table.len() as u32).to_be_bytes());
    out.extend(table);
    out
}

/// Writes Liberation Serif faces renamed to Times New Roman into a temporary folder.
fn fake_times(faces: &[usize], extra: Option<&[u8]>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for &i in faces {
        let (file, data) = LIBERATION_FACES[i];
        std::fs::write(dir.path().join(file), renamed(data, TIMES_NEW_ROMAN)).expect("write");
    }
    if let Some(data) = extra {
        std::fs::write(dir.path().join("extra.otf"), renamed(data, TIMES_NEW_ROMAN)).expect("write");
    }
    dir
}

#[test]
fn complete_times_new_roman_is_chosen() {
    let dir = fake_times(&[0, 1, 2, 3], None);
    let report = load(&[dir.path().to_path_buf()], false).expect("fonts load").report;
    assert_eq!(report.family, TIMES_NEW_ROMAN, "{}", report.reason);
    assert_eq!(report.scanned_faces, 4);
    let styles: Vec<FaceStyle> = report.faces.iter().map(|f| f.style).collect();
    assert_eq!(styles, FaceStyle::ALL);
    assert_eq!(report.paths().len(), 4);
    assert!(report.paths().iter().all(|p| p.starts_with(dir.path())), "{report:?}");
}

#[test]
fn times_new_roman_without_bold_italic_is_rejected() {
    let dir = fake_times(&[0, 1, 2], None);
    let report = load(&[dir.path().to_path_buf()], false).expect("fonts load").report;
    assert_eq!(report.family, LIBERATION_SERIF);
    assert!(report.reason.contains("kiểu đậm nghiêng"), "{}", report.reason);
}

#[test]
fn times_new_roman_lacking_vietnamese_is_rejected() {
    let libertinus_bold_italic = typst_kit::fonts::embedded()
        .find(|(_, info)| info.family == "Libertinus Serif" && FaceStyle::BoldItalic.matches(info.variant))
        .map(|(font, _)| font.data().as_slice().to_vec())
        .expect("typst-kit embeds Libertinus Serif Bold Italic");
    let dir = fake_times(&[0, 1, 2], Some(&libertinus_bold_italic));
    let report = load(&[dir.path().to_path_buf()], false).expect("fonts load").report;
    assert_eq!(report.family, LIBERATION_SERIF);
    assert!(report.reason.contains("thiếu"), "{}", report.reason);
    assert!(report.reason.contains("extra.otf"), "{}", report.reason);
}
