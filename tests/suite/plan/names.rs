//! Agency-name matching over the shipped plan's agencies (`plan.directory`): case, NFC/NFD,
//! runs of spaces and the dash variants a typist or a converter produces all name the same agency.

use baocao::plan::{AgencyCode, AgencyDirectory};
use unicode_normalization::UnicodeNormalization;

use crate::support::workspace::Workspace;

/// The agency directory of the shipped plan.
fn directory() -> AgencyDirectory {
    Workspace::plan_only().plan().directory
}

/// Agency codes from strings.
fn codes(list: &[&str]) -> Vec<AgencyCode> {
    list.iter().map(|c| AgencyCode::from(*c)).collect()
}

/// `s` in NFD, which must differ from `s`.
fn nfd(s: &str) -> String {
    let d: String = s.nfd().collect();
    assert_ne!(d, s, "the NFD form must differ, or the test proves nothing");
    d
}

#[test]
fn every_dash_names_the_same_agency() {
    let dir = directory();
    for dash in ['-', '–', '—', '−'] {
        let name = format!("Sở Lao động {dash} Thương binh và Xã hội");
        assert_eq!(dir.find(&name).map(AgencyCode::as_str), Some("SLDTBXH"), "{name}");
    }
}

#[test]
fn nfd_case_and_spaces_are_ignored() {
    let dir = directory();
    let typed = nfd("  SỞ  lao ĐỘNG –\tThương  binh   và Xã hội ");
    assert_eq!(dir.find(&typed).map(AgencyCode::as_str), Some("SLDTBXH"));
    let typed = nfd("sở   kế hoạch VÀ đầu tư");
    assert_eq!(dir.find(&typed).map(AgencyCode::as_str), Some("SKHDT"));
    assert_eq!(dir.find(&nfd("Sở KH&ĐT")).map(AgencyCode::as_str), Some("SKHDT"), "short name");
    assert_eq!(dir.find("sldtbxh").map(AgencyCode::as_str), Some("SLDTBXH"), "code");
    assert_eq!(
        dir.find(&nfd("ủy ban nhân dân các huyện,  thành phố")).map(AgencyCode::as_str),
        Some("UBND-HUYEN")
    );
}

#[test]
fn near_misses_are_not_matched() {
    let dir = directory();
    for name in ["Sở Lao động Thương binh và Xã hội", "Sở Kế hoạch Đầu tư", "Sở Ngoại giao", "Sở Y", ""]
    {
        assert_eq!(dir.find(name), None, "`{name}`");
    }
}

#[test]
fn segment_splits_lead_lists_written_any_way() {
    let dir = directory();
    let text = nfd("Sở Lao động — Thương  binh và Xã hội, UBND các huyện,  thành phố và Sở Y tế");
    let (found, unknown) = dir.segment(&text);
    assert_eq!(found, codes(&["SLDTBXH", "UBND-HUYEN", "SYT"]));
    assert!(unknown.is_empty(), "{unknown:?}");

    let (found, unknown) = dir.segment("SỞ KẾ HOẠCH VÀ ĐẦU TƯ; Sở Ngoại giao, Sở Y tế.");
    assert_eq!(found, codes(&["SKHDT", "SYT"]));
    assert_eq!(unknown, ["sở ngoại giao"]);
}

#[test]
fn segment_prefers_the_longest_name() {
    // "Các sở, ngành, UBND các huyện, thành phố" is one group, not "Các sở, ngành" + "UBND …".
    let dir = directory();
    let (found, unknown) = dir.segment(&nfd("Các sở,  ngành, UBND các huyện, thành phố"));
    assert_eq!(found, codes(&["SO-NGANH-HUYEN"]));
    assert!(unknown.is_empty(), "{unknown:?}");
    // Item 4.2 names two leads; the second contains a comma-free abbreviation.
    let (found, unknown) = dir.segment("Sở Kế hoạch và Đầu tư, Ban Quản lý các KCN tỉnh");
    assert_eq!(found, codes(&["SKHDT", "BQLKCN"]));
    assert!(unknown.is_empty(), "{unknown:?}");
}
