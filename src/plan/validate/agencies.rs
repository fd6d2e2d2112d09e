//! Validation of the agency list and the groups: codes usable as file names and unique, names
//! unambiguous, successors (`replaces:`) well formed, groups with members and without cycles.

use std::collections::HashMap;

use super::{AGENCIES, Ctx};
use crate::plan::codes::{AgencyCode, is_valid_code};
use crate::plan::directory::{group_cycle, spellings};
use crate::vn::fold;

/// The longest agency or group code: codes are file names (`<MÃ>.xlsx`, `phan-hoi/<MÃ>.md`).
const MAX_AGENCY_CODE: usize = 32;

/// `replaces:` names earlier codes: not an agency or group of this plan, not itself, and each
/// replaced by one agency only (its figures go to one successor).
pub(super) fn successors(cx: &mut Ctx) {
    let p = cx.plan;
    let mut taken: HashMap<&AgencyCode, &AgencyCode> = HashMap::new();
    for (i, a) in p.agencies.iter().enumerate() {
        for (j, old) in a.replaces.iter().enumerate() {
            let path = format!("agencies[{i}].replaces[{j}]");
            if !is_valid_code(old.as_str()) {
                cx.error(AGENCIES, path, format!("mã cũ `{old}` không hợp lệ"));
            } else if p.directory.contains(old) {
                cx.error(
                    AGENCIES,
                    path,
                    format!("`{old}` vẫn là mã của một cơ quan hoặc nhóm trong kế hoạch này, không thể là mã cũ được thay thế"),
                );
            } else if let Some(first) = taken.insert(old, &a.code) {
                cx.error(
                    AGENCIES,
                    path,
                    format!("mã cũ `{old}` đã được cơ quan `{first}` kế thừa; mỗi mã cũ chỉ có một cơ quan kế thừa"),
                );
            }
        }
    }
}

pub(super) fn agencies(cx: &mut Ctx) {
    let p = cx.plan;
    // Codes become file names (forms, receipts): unique ignoring case, short, not hidden.
    let mut codes: HashMap<String, (String, &AgencyCode)> = HashMap::new();
    let mut names: HashMap<String, (String, &AgencyCode)> = HashMap::new();
    let entries = p.agencies.iter().enumerate().map(|(i, a)| {
        (
            format!("agencies[{i}]"),
            &a.code,
            spellings(&a.code, &a.name, a.short.as_deref(), &a.aliases).collect::<Vec<_>>(),
        )
    });
    let group_entries = p.groups.iter().enumerate().map(|(i, g)| {
        (format!("groups[{i}]"), &g.code, spellings(&g.code, &g.name, None, &g.aliases).collect::<Vec<_>>())
    });
    for (path, code, spelled) in entries.chain(group_entries).collect::<Vec<_>>() {
        if !is_valid_code(code.as_str()) || !code.as_str().starts_with(|c: char| c.is_ascii_alphanumeric()) {
            cx.error(
                AGENCIES,
                format!("{path}.code"),
                format!("mã `{code}` phải bắt đầu bằng chữ cái hoặc chữ số và chỉ gồm chữ cái không dấu, chữ số và dấu `-`"),
            );
        }
        if code.as_str().chars().count() > MAX_AGENCY_CODE {
            cx.error(
                AGENCIES,
                format!("{path}.code"),
                format!("mã `{code}` dài quá {MAX_AGENCY_CODE} ký tự (mã dùng làm tên tệp biểu mẫu và phiếu phản hồi)"),
            );
        }
        match codes.get(&code.as_str().to_ascii_lowercase()) {
            Some((first, other)) if *other == code => {
                cx.error(AGENCIES, format!("{path}.code"), format!("mã `{code}` trùng với {first}"));
            }
            Some((first, other)) => cx.error(
                AGENCIES,
                format!("{path}.code"),
                format!(
                    "mã `{code}` trùng với mã `{other}` ({first}) nếu không phân biệt chữ hoa, chữ thường"
                ),
            ),
            None => {
                codes.insert(code.as_str().to_ascii_lowercase(), (path.clone(), code));
            }
        }
        for s in spelled.into_iter().skip(1) {
            match names.get(&fold(s)) {
                Some((other, owner)) if *owner != code => {
                    let msg = format!(
                        "tên gọi `{s}` đã dùng cho `{owner}` ({other}); hai cơ quan không được chung một tên gọi"
                    );
                    cx.error(AGENCIES, path.clone(), msg);
                }
                Some(_) => {}
                None => {
                    names.insert(fold(s), (path.clone(), code));
                }
            }
        }
    }
}

pub(super) fn groups(cx: &mut Ctx) {
    let p = cx.plan;
    for (i, g) in p.groups.iter().enumerate() {
        for (j, m) in g.members.iter().enumerate() {
            cx.known(AGENCIES, format!("groups[{i}].members[{j}]"), m);
        }
        for (j, m) in g.except.iter().enumerate() {
            cx.known(AGENCIES, format!("groups[{i}].except[{j}]"), m);
        }
        if p.directory.expand(&g.code).is_empty() {
            cx.error(AGENCIES, format!("groups[{i}]"), format!("nhóm `{}` không có thành viên nào", g.code));
        }
    }
    if let Some(cycle) = group_cycle(&p.groups) {
        let names: Vec<String> = cycle.iter().map(|c| c.to_string()).collect();
        cx.error(
            AGENCIES,
            "groups".into(),
            format!("các nhóm chứa lẫn nhau thành vòng: {}", names.join(" → ")),
        );
    }
}
