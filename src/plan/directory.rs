//! The agency directory: finds agencies and groups by any spelling and expands groups.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::codes::AgencyCode;
use super::model::{Agency, Group};
use crate::vn::fold;

/// Looks agencies and groups up by code or any spelling, and expands groups to agencies.
#[derive(Debug, Clone, Default)]
pub struct AgencyDirectory {
    by_name: HashMap<String, AgencyCode>,
    names_longest_first: Vec<(String, AgencyCode)>,
    members: BTreeMap<AgencyCode, Vec<AgencyCode>>,
    groups: BTreeSet<AgencyCode>,
    /// Each agency's position in the plan's agency list.
    positions: HashMap<AgencyCode, usize>,
}

/// The spellings an agency or group answers to: code, name, short name and aliases.
pub fn spellings<'a>(
    code: &'a AgencyCode,
    name: &'a str,
    short: Option<&'a str>,
    aliases: &'a [String],
) -> impl Iterator<Item = &'a str> {
    std::iter::once(code.as_str())
        .chain(std::iter::once(name))
        .chain(short)
        .chain(aliases.iter().map(String::as_str))
}

impl AgencyDirectory {
    /// Builds the directory. Conflicting spellings keep the first owner (validation reports them).
    pub fn new(agencies: &[Agency], groups: &[Group]) -> Self {
        let mut dir = AgencyDirectory::default();
        for (i, a) in agencies.iter().enumerate() {
            dir.positions.entry(a.code.clone()).or_insert(i);
            for s in spellings(&a.code, &a.name, a.short.as_deref(), &a.aliases) {
                dir.by_name.entry(fold(s)).or_insert_with(|| a.code.clone());
            }
            dir.members.insert(a.code.clone(), vec![a.code.clone()]);
        }
        for g in groups {
            for s in spellings(&g.code, &g.name, None, &g.aliases) {
                dir.by_name.entry(fold(s)).or_insert_with(|| g.code.clone());
            }
            dir.groups.insert(g.code.clone());
        }
        for g in groups {
            let expanded = expand_group(g, agencies, groups, &mut Vec::new());
            dir.members.insert(g.code.clone(), expanded);
        }
        dir.names_longest_first = dir.by_name.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        dir.names_longest_first
            .sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.0.cmp(&b.0)));
        dir
    }

    /// Finds an agency or group by code or by any spelling (case, NFD, spaces and dashes ignored).
    pub fn find(&self, name: &str) -> Option<&AgencyCode> {
        self.by_name.get(&fold(name))
    }

    /// The position of an agency in the list the directory was built from.
    pub fn position(&self, code: &AgencyCode) -> Option<usize> {
        self.positions.get(code).copied()
    }

    /// How many agencies (distinct codes) the directory was built from.
    pub fn agency_count(&self) -> usize {
        self.positions.len()
    }

    /// True when the code names a group.
    pub fn is_group(&self, code: &AgencyCode) -> bool {
        self.groups.contains(code)
    }

    /// True when the code names an agency or a group.
    pub fn contains(&self, code: &AgencyCode) -> bool {
        self.members.contains_key(code)
    }

    /// The agencies a code stands for: itself for an agency, the members for a group.
    pub fn expand(&self, code: &AgencyCode) -> &[AgencyCode] {
        self.members.get(code).map(Vec::as_slice).unwrap_or(&[])
    }

    /// True when `agency` is `code` itself or a member of the group `code` (a binary search:
    /// member lists are sorted).
    pub fn is_member(&self, agency: &AgencyCode, code: &AgencyCode) -> bool {
        self.expand(code).binary_search(agency).is_ok()
    }

    /// The agencies several codes stand for, sorted and without repeats.
    pub fn expand_all<'a>(&self, codes: impl IntoIterator<Item = &'a AgencyCode>) -> Vec<AgencyCode> {
        let set: BTreeSet<AgencyCode> =
            codes.into_iter().flat_map(|c| self.expand(c).iter().cloned()).collect();
        set.into_iter().collect()
    }

    /// Splits a list of assignees as the plan writes it ("Sở Kế hoạch và Đầu tư, Ban Quản lý các
    /// KCN tỉnh") into codes, by longest known spelling; returns the codes and what was not
    /// recognised.
    pub fn segment(&self, text: &str) -> (Vec<AgencyCode>, Vec<String>) {
        let folded = fold(text);
        let mut rest = folded.as_str();
        let (mut codes, mut unknown) = (Vec::new(), Vec::new());
        loop {
            rest = skip_separators(rest);
            if rest.is_empty() {
                break;
            }
            let hit = self.names_longest_first.iter().find(|(name, _)| {
                rest.starts_with(name.as_str())
                    && rest[name.len()..].chars().next().is_none_or(|c| matches!(c, ' ' | ',' | ';' | '.'))
            });
            match hit {
                Some((name, code)) => {
                    if !codes.contains(code) {
                        codes.push(code.clone());
                    }
                    rest = &rest[name.len()..];
                }
                None => {
                    let end = rest.find([',', ';']).unwrap_or(rest.len());
                    unknown.push(rest[..end].trim().to_owned());
                    rest = &rest[end..];
                }
            }
        }
        (codes, unknown)
    }
}

fn skip_separators(mut s: &str) -> &str {
    loop {
        let t = s.trim_start_matches([' ', ',', ';', '.']);
        let t = t.strip_prefix("và ").unwrap_or(t);
        if t.len() == s.len() {
            return s;
        }
        s = t;
    }
}

fn expand_group(
    group: &Group,
    agencies: &[Agency],
    groups: &[Group],
    visiting: &mut Vec<AgencyCode>,
) -> Vec<AgencyCode> {
    if visiting.contains(&group.code) {
        return Vec::new(); // a cycle; validation reports it
    }
    visiting.push(group.code.clone());
    let mut set: BTreeSet<AgencyCode> = agencies
        .iter()
        .filter(|a| group.kinds.contains(&a.kind) && a.reports)
        .map(|a| a.code.clone())
        .collect();
    for m in &group.members {
        if let Some(sub) = groups.iter().find(|g| &g.code == m) {
            set.extend(expand_group(sub, agencies, groups, visiting));
        } else if agencies.iter().any(|a| &a.code == m) {
            set.insert(m.clone());
        }
    }
    for e in &group.except {
        set.remove(e);
    }
    visiting.pop();
    set.into_iter().collect()
}

/// Finds a cycle among group memberships, returning the codes on it.
pub fn group_cycle(groups: &[Group]) -> Option<Vec<AgencyCode>> {
    fn visit(g: &Group, groups: &[Group], path: &mut Vec<AgencyCode>) -> Option<Vec<AgencyCode>> {
        if let Some(pos) = path.iter().position(|c| c == &g.code) {
            return Some(path[pos..].to_vec());
        }
        path.push(g.code.clone());
        for m in &g.members {
            if let Some(sub) = groups.iter().find(|x| &x.code == m)
                && let Some(cycle) = visit(sub, groups, path)
            {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    groups.iter().find_map(|g| visit(g, groups, &mut Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::model::AgencyKind;
    use unicode_normalization::UnicodeNormalization;

    fn agency(code: &str, name: &str, aliases: &[&str], kind: AgencyKind) -> Agency {
        Agency {
            code: code.into(),
            name: name.into(),
            short: None,
            kind,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            reports: true,
            replaces: Vec::new(),
        }
    }

    fn sample() -> AgencyDirectory {
        let agencies = vec![
            agency("SKHDT", "Sở Kế hoạch và Đầu tư", &["Sở KH&ĐT"], AgencyKind::SoNganh),
            agency(
                "BQLKCN",
                "Ban Quản lý các khu công nghiệp tỉnh",
                &["Ban Quản lý các KCN tỉnh"],
                AgencyKind::SoNganh,
            ),
            agency("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", &[], AgencyKind::SoNganh),
            agency("H-YENTHE", "UBND huyện Yên Thế", &[], AgencyKind::CapHuyen),
        ];
        let groups = vec![Group {
            code: "UBND-HUYEN".into(),
            name: "UBND các huyện, thành phố".into(),
            aliases: vec![],
            kinds: vec![AgencyKind::CapHuyen],
            members: vec![],
            except: vec![],
        }];
        AgencyDirectory::new(&agencies, &groups)
    }

    #[test]
    fn finds_by_any_spelling() {
        let dir = sample();
        let nfd: String = "Sở Lao động – Thương  binh và xã hội".nfd().collect();
        assert_eq!(dir.find(&nfd).map(|c| c.as_str()), Some("SLDTBXH"));
        assert_eq!(dir.find("sở kh&đt").map(|c| c.as_str()), Some("SKHDT"));
        assert_eq!(dir.find("Sở Ngoại vụ"), None);
    }

    #[test]
    fn segments_lead_lists_and_expands_groups() {
        let dir = sample();
        let (codes, unknown) = dir.segment("Sở Kế hoạch và Đầu tư, Ban Quản lý các KCN tỉnh");
        assert_eq!(codes, vec![AgencyCode::from("SKHDT"), AgencyCode::from("BQLKCN")]);
        assert!(unknown.is_empty());
        let (codes, unknown) = dir.segment("UBND các huyện, thành phố; Sở Ngoại vụ");
        assert_eq!(codes, vec![AgencyCode::from("UBND-HUYEN")]);
        assert_eq!(unknown, vec!["sở ngoại vụ".to_owned()]);
        assert_eq!(dir.expand(&"UBND-HUYEN".into()), &[AgencyCode::from("H-YENTHE")]);
        assert!(dir.is_group(&"UBND-HUYEN".into()));
    }
}
