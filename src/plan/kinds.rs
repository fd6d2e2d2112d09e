//! How documents name agencies by kind: the collective phrase (`các sở, ban, ngành`, `UBND các
//! xã, phường`) and the counting noun (`18/20 sở, ban, ngành`, `93/99 xã, phường`).
//!
//! Local government units are named from the units the plan has: a province whose district
//! level holds huyện and one thị xã gets `UBND các huyện, thị xã`, one whose communes include an
//! đặc khu gets `UBND các xã, phường, đặc khu`. `report.agency-kinds` in `document.yaml`
//! overrides either phrase per kind.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{AgencyCode, AgencyKind, Plan};
use crate::vn::fold;

/// A plan's own words for one kind of agency (`report.agency-kinds.<kind>`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct KindNaming {
    /// The collective phrase (`các sở, ban, ngành`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collective: Option<String>,
    /// The counting noun (`sở, ban, ngành` in `18/20 sở, ban, ngành`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noun: Option<String>,
}

/// The words a document uses for one kind of agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindWords {
    /// The collective phrase (`UBND các xã, phường`).
    pub collective: String,
    /// The counting noun (`xã, phường`).
    pub noun: String,
}

/// The counting noun for agencies of several kinds.
pub const MIXED_NOUN: &str = "cơ quan, đơn vị";

/// The unit types of each local level, in the order documents list them.
fn unit_types(kind: AgencyKind) -> &'static [&'static str] {
    match kind {
        AgencyKind::CapHuyen => &["huyện", "thị xã", "thành phố"],
        AgencyKind::CapXa => &["xã", "phường", "thị trấn", "đặc khu"],
        _ => &[],
    }
}

/// The unit type a local government's name states (`UBND thị xã Việt Yên` → `thị xã`).
fn unit_type_of(name: &str, kind: AgencyKind) -> Option<&'static str> {
    let folded = fold(name);
    let rest = ["ủy ban nhân dân ", "uỷ ban nhân dân ", "ubnd "]
        .iter()
        .find_map(|p| folded.strip_prefix(p))
        .unwrap_or(&folded);
    // Longest first: `thị xã` before `xã`.
    let mut types: Vec<&'static str> = unit_types(kind).to_vec();
    types.sort_by_key(|t| std::cmp::Reverse(t.len()));
    types.into_iter().find(|t| rest.starts_with(&format!("{} ", fold(t))))
}

impl Plan {
    /// The words documents use for agencies of `kind`.
    pub fn kind_words(&self, kind: AgencyKind) -> KindWords {
        let own = self.report.agency_kinds.get(&kind).cloned().unwrap_or_default();
        let (collective, noun) = match kind {
            AgencyKind::SoNganh => ("các sở, ban, ngành".to_owned(), "sở, ban, ngành".to_owned()),
            AgencyKind::TrungUong => {
                ("các cơ quan Trung ương đóng trên địa bàn".to_owned(), "cơ quan Trung ương".to_owned())
            }
            AgencyKind::CapHuyen | AgencyKind::CapXa => self.local_words(kind),
            AgencyKind::DoanhNghiep => ("các doanh nghiệp nhà nước".to_owned(), "doanh nghiệp".to_owned()),
            AgencyKind::Khac => ("các cơ quan, đơn vị khác".to_owned(), MIXED_NOUN.to_owned()),
        };
        KindWords { collective: own.collective.unwrap_or(collective), noun: own.noun.unwrap_or(noun) }
    }

    /// `UBND các huyện, thị xã, thành phố` and `huyện, thị xã, thành phố` from the units present.
    fn local_words(&self, kind: AgencyKind) -> (String, String) {
        let noun =
            self.local_noun(kind, self.agencies.iter().filter(|a| a.kind == kind).map(|a| a.name.as_str()));
        (format!("UBND các {noun}"), noun)
    }

    /// The unit types these local governments' names state, in document order (`huyện, thị
    /// xã`), or `đơn vị cấp huyện`/`đơn vị cấp xã` when no name states one.
    fn local_noun<'a>(&self, kind: AgencyKind, names: impl Iterator<Item = &'a str>) -> String {
        let present: BTreeSet<usize> = names
            .filter_map(|n| unit_type_of(n, kind))
            .filter_map(|t| unit_types(kind).iter().position(|x| *x == t))
            .collect();
        if present.is_empty() {
            return match kind {
                AgencyKind::CapHuyen => "đơn vị cấp huyện".to_owned(),
                _ => "đơn vị cấp xã".to_owned(),
            };
        }
        present.iter().map(|i| unit_types(kind)[*i]).collect::<Vec<_>>().join(", ")
    }

    /// The kinds of these agencies (groups count through their members), in kind order.
    pub fn kinds_of<'a>(&self, codes: impl IntoIterator<Item = &'a AgencyCode>) -> Vec<AgencyKind> {
        let mut kinds = BTreeSet::new();
        for code in codes {
            if let Some(a) = self.agency(code) {
                kinds.insert(a.kind);
            } else {
                kinds.extend(
                    self.directory.expand(code).iter().filter_map(|m| self.agency(m)).map(|a| a.kind),
                );
            }
        }
        kinds.into_iter().collect()
    }

    /// The counting noun for these agencies: their kind's noun when they share one, else
    /// `cơ quan, đơn vị`.
    /// Local governments are counted in their own unit types (`1 huyện`, `3 xã, phường`) unless
    /// the plan names the kind's noun itself.
    pub fn noun_for<'a>(&self, codes: impl IntoIterator<Item = &'a AgencyCode>) -> String {
        let codes: Vec<&AgencyCode> = codes.into_iter().collect();
        match self.kinds_of(codes.iter().copied()).as_slice() {
            [kind @ (AgencyKind::CapHuyen | AgencyKind::CapXa)]
                if self.report.agency_kinds.get(kind).is_none_or(|k| k.noun.is_none()) =>
            {
                let agencies = self.directory.expand_all(codes.iter().copied());
                self.local_noun(
                    *kind,
                    agencies.iter().filter_map(|c| self.agency(c)).map(|a| a.name.as_str()),
                )
            }
            [one] => self.kind_words(*one).noun,
            _ => MIXED_NOUN.to_owned(),
        }
    }

    /// The collective phrase for these agencies' kinds (`các sở, ban, ngành và UBND các huyện,
    /// thành phố`), or `các cơ quan, đơn vị` when there are none.
    pub fn collective_for<'a>(&self, codes: impl IntoIterator<Item = &'a AgencyCode>) -> String {
        let phrases: Vec<String> =
            self.kinds_of(codes).into_iter().map(|k| self.kind_words(k).collective).collect();
        match phrases.split_last() {
            None => format!("các {MIXED_NOUN}"),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} và {last}", rest.join(", ")),
        }
    }

    /// The collective phrase for every agency that reports.
    pub fn reporters_collective(&self) -> String {
        let codes: Vec<AgencyCode> = self.reporting_agencies().map(|a| a.code.clone()).collect();
        self.collective_for(&codes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_type_is_read_from_the_name_longest_first() {
        assert_eq!(unit_type_of("Ủy ban nhân dân thị xã Việt Yên", AgencyKind::CapHuyen), Some("thị xã"));
        assert_eq!(unit_type_of("UBND huyện Lục Nam", AgencyKind::CapHuyen), Some("huyện"));
        assert_eq!(unit_type_of("UBND phường Ba Đình", AgencyKind::CapXa), Some("phường"));
        assert_eq!(unit_type_of("UBND xã An Lạc", AgencyKind::CapXa), Some("xã"));
        assert_eq!(unit_type_of("UBND đặc khu Phú Quốc", AgencyKind::CapXa), Some("đặc khu"));
        assert_eq!(unit_type_of("Sở Tài chính", AgencyKind::CapXa), None);
    }
}
