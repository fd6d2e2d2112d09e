//! Validation of measures: Phụ lục 1 indicators and task targets (unit, target, code, the
//! combinations of kind, behaviour and aggregation that can hold, reporters and their shares).

use std::collections::BTreeMap;

use super::{Ctx, INDICATORS, TASKS};
use crate::plan::codes::is_valid_code;
use crate::plan::measure_terms::{Aggregate, Behaviour, Direction, Kind, Target, Unit};
use crate::plan::model::Measure;
use crate::vn::number;

pub(super) fn measure(cx: &mut Ctx, file: usize, path: String, m: &Measure, needs_reporter: bool) {
    if m.unit.is_none() {
        cx.error(file, path.clone(), format!("chỉ tiêu `{}` không có đơn vị tính (unit)", m.name));
    }
    match m.target {
        None => {
            cx.error(file, path.clone(), format!("chỉ tiêu `{}` không có chỉ tiêu kế hoạch (target)", m.name))
        }
        Some(Target::Range(a, b)) if a > b => {
            cx.error(
                file,
                format!("{path}.target"),
                format!("khoảng chỉ tiêu {}-{} có cận dưới lớn hơn cận trên", number(a), number(b)),
            );
        }
        Some(t) if t.numbers().iter().any(|v| !v.is_finite()) => {
            cx.error(file, format!("{path}.target"), "chỉ tiêu không phải là số".into());
        }
        // A ceiling judged "higher is better" (the default) would call 3% against "dưới 2%"
        // 150% of the plan and on track; a floor judged "lower is better" the reverse.
        Some(t @ (Target::Below(_) | Target::AtMost(_))) if m.direction == Direction::Higher => {
            cx.error(
                file,
                format!("{path}.target"),
                format!("chỉ tiêu `{}` là mức trần ({}) nhưng được đánh giá theo hướng càng cao càng tốt; thêm `direction: lower`", m.name, t.bare_label()),
            );
        }
        Some(t @ (Target::Above(_) | Target::AtLeast(_))) if m.direction == Direction::Lower => {
            cx.error(
                file,
                format!("{path}.target"),
                format!("chỉ tiêu `{}` là mức sàn ({}) nhưng được đánh giá theo hướng càng thấp càng tốt; dùng `direction: higher`", m.name, t.bare_label()),
            );
        }
        _ => {}
    }
    if let Some(code) = &m.code {
        if !is_valid_code(code.as_str()) {
            cx.error(file, format!("{path}.code"), format!("mã chỉ tiêu `{code}` không hợp lệ"));
        }
    } else if file == INDICATORS {
        cx.error(file, path.clone(), format!("chỉ tiêu `{}` không có mã (code)", m.name));
    }
    kind_rules(cx, file, &path, m);
    if needs_reporter && m.reporters.is_empty() {
        cx.error(file, path.clone(), format!("chỉ tiêu `{}` không có cơ quan báo cáo (reporters)", m.name));
    }
    for (j, r) in m.reporters.iter().enumerate() {
        cx.known(file, format!("{path}.reporters[{j}]"), r);
    }
    unit_targets(cx, file, &path, m);
}

/// `unit-targets`: shares of a combined figure, each for one of the measure's reporters.
fn unit_targets(cx: &mut Ctx, file: usize, path: &str, m: &Measure) {
    if m.unit_targets.is_empty() {
        return;
    }
    let reporters = cx.plan.directory.expand_all(&m.reporters);
    for code in m.unit_targets.keys() {
        let at = format!("{path}.unit-targets.{code}");
        cx.known(file, at.clone(), code);
        if !m.reporters.is_empty() && cx.plan.agency(code).is_some() && !reporters.contains(code) {
            cx.error(
                file,
                at,
                format!("`{code}` có chỉ tiêu riêng nhưng không phải cơ quan báo cáo chỉ tiêu `{}`", m.name),
            );
        }
    }
    if let Some(a @ (Aggregate::List | Aggregate::Mean | Aggregate::Single)) = &m.aggregate {
        cx.error(
            file,
            format!("{path}.unit-targets"),
            format!("chỉ tiêu riêng từng cơ quan chỉ dùng cho số cộng dồn (sum) hoặc bình quân gia quyền, không dùng với `aggregate: {}`", a.name()),
        );
    }
}

/// The combinations of kind, unit, behaviour, pace and aggregation that can hold.
fn kind_rules(cx: &mut Ctx, file: usize, path: &str, m: &Measure) {
    let name = &m.name;
    let kind = m.kind();
    let unit = m.unit.as_ref();
    let bad_unit = match kind {
        Kind::Rate => unit.is_some_and(|u| *u != Unit::Percent),
        Kind::Quantity => false,
        Kind::Ranking | Kind::Count => unit.is_some_and(|u| matches!(u, Unit::Percent | Unit::Money(_))),
    };
    if bad_unit {
        let u = unit.map(|u| u.label().to_owned()).unwrap_or_default();
        let why = match kind {
            Kind::Rate => "một tỷ lệ phải có đơn vị `%`",
            Kind::Ranking => "một thứ hạng đếm theo bậc, không tính bằng tiền hay phần trăm",
            _ => "một số đơn vị (xã, trường…) đếm bằng số nguyên, không tính bằng tiền hay phần trăm",
        };
        cx.error(
            file,
            format!("{path}.unit"),
            format!("chỉ tiêu `{name}` loại `{}` có đơn vị `{u}`: {why}", kind.name()),
        );
    }
    if kind == Kind::Quantity && unit == Some(&Unit::Percent) && m.kind.is_some() {
        cx.error(file, format!("{path}.kind"), format!("chỉ tiêu `{name}` tính bằng `%` là một tỷ lệ (kind: rate), được so sánh bằng điểm %, không phải % kế hoạch"));
    }
    if matches!(kind, Kind::Rate | Kind::Ranking) && m.behaviour == Behaviour::Cumulative {
        cx.error(file, format!("{path}.behaviour"), format!("chỉ tiêu `{name}` là {} nên không cộng dồn theo tiến độ năm (behaviour: level); % kế hoạch theo tiến độ chỉ dùng cho chỉ tiêu lũy kế về lượng", if kind == Kind::Rate { "tỷ lệ" } else { "thứ hạng" }));
    }
    if kind == Kind::Ranking {
        if m.direction != Direction::Lower {
            cx.error(
                file,
                format!("{path}.direction"),
                format!("thứ hạng `{name}` càng nhỏ càng tốt: dùng `direction: lower`"),
            );
        }
        match m.out_of {
            None => cx.error(
                file,
                path.to_owned(),
                format!("thứ hạng `{name}` cần nêu xếp trong bao nhiêu (out-of: 63)"),
            ),
            Some(n)
                if m.target.is_some_and(|t| t.numbers().iter().any(|v| *v < 1.0 || *v > f64::from(n))) =>
            {
                cx.error(file, format!("{path}.target"), format!("thứ hạng `{name}` phải từ 1 đến {n}"));
            }
            _ => {}
        }
    } else if m.out_of.is_some() {
        cx.error(
            file,
            format!("{path}.out-of"),
            format!("`out-of` chỉ dùng cho thứ hạng (kind: ranking), không dùng cho `{name}`"),
        );
    }
    if let Some(p) = &m.pace {
        let ok = p.len() == 4
            && p.iter().all(|v| v.is_finite() && (0.0..=100.0).contains(v))
            && p.windows(2).all(|w| w[0] <= w[1])
            && (p[3] - 100.0).abs() < 1e-9;
        if !ok {
            cx.error(file, format!("{path}.pace"), format!("tiến độ theo quý của `{name}` phải gồm 4 tỷ lệ lũy kế tăng dần từ 0 đến 100, quý IV bằng 100 (ví dụ [20, 45, 72, 100])"));
        } else if m.behaviour != Behaviour::Cumulative {
            cx.error(file, format!("{path}.pace"), format!("tiến độ theo quý chỉ dùng cho chỉ tiêu lũy kế (behaviour: cumulative), không dùng cho `{name}`"));
        }
    }
    match &m.aggregate {
        Some(Aggregate::Mean) => cx.error(file, format!("{path}.aggregate"), format!("chỉ tiêu `{name}`: không dùng bình quân cộng giản đơn các số liệu của cơ quan (tỷ lệ chung của tỉnh không phải trung bình các tỷ lệ); dùng weighted-mean với quyền số, hoặc list để liệt kê theo từng cơ quan")),
        Some(Aggregate::Sum) if matches!(kind, Kind::Rate | Kind::Ranking) => cx.error(file, format!("{path}.aggregate"), format!("chỉ tiêu `{name}` là {} nên không cộng được giữa các cơ quan; dùng weighted-mean hoặc list", if kind == Kind::Rate { "tỷ lệ" } else { "thứ hạng" })),
        Some(Aggregate::WeightedMean(_)) if kind == Kind::Ranking => cx.error(file, format!("{path}.aggregate"), format!("thứ hạng `{name}` không tính bình quân; dùng single hoặc list")),
        Some(Aggregate::WeightedMean(w)) => {
            let weight = cx.plan.measures().find(|(_, x)| x.code.as_ref() == Some(w)).map(|(_, x)| x);
            match weight {
                None => cx.error(file, format!("{path}.aggregate"), format!("quyền số `{w}` của chỉ tiêu `{name}` không có trong kế hoạch")),
                Some(x) if x.kind() == Kind::Rate || x.kind() == Kind::Ranking => cx.error(file, format!("{path}.aggregate"), format!("quyền số `{w}` phải là một số lượng (dân số, số doanh nghiệp, số hồ sơ…), không phải tỷ lệ hay thứ hạng")),
                Some(x) if x.reporters != m.reporters => cx.error(file, format!("{path}.aggregate"), format!("quyền số `{w}` phải do chính các cơ quan báo cáo chỉ tiêu `{name}` báo cáo (reporters giống nhau)")),
                Some(_) => {}
            }
        }
        _ => {}
    }
    if let Some(same) = &m.same_as {
        match cx.plan.indicators.iter().find(|i| i.code.as_ref() == Some(same)) {
            None => cx.error(
                file,
                format!("{path}.same-as"),
                format!("`same-as: {same}` không trỏ tới chỉ tiêu nào của Phụ lục 1"),
            ),
            Some(i)
                if i.unit != m.unit
                    || i.target != m.target
                    || i.direction != m.direction
                    || i.kind() != kind =>
            {
                cx.error(file, format!("{path}.same-as"), format!("chỉ tiêu `{name}` là chỉ tiêu {same} của Phụ lục 1 nhưng khác đơn vị, mục tiêu, hướng hoặc loại; ghi giống hệt chỉ tiêu {same}"));
            }
            Some(_) if !m.reporters.is_empty() || m.aggregate.is_some() => {
                cx.error(
                    file,
                    format!("{path}.same-as"),
                    format!(
                        "chỉ tiêu `{name}` lấy số liệu của {same}; không ghi reporters hay aggregate riêng"
                    ),
                );
            }
            Some(_) => {}
        }
    }
}

pub(super) fn duplicate_measure_codes(cx: &mut Ctx) {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let p = cx.plan;
    let all =
        p.indicators.iter().enumerate().map(|(i, m)| (INDICATORS, format!("indicators[{i}].code"), m)).chain(
            p.tasks.iter().enumerate().flat_map(|(i, t)| {
                t.targets
                    .iter()
                    .enumerate()
                    .map(move |(j, m)| (TASKS, format!("tasks[{i}].targets[{j}].code"), m))
            }),
        );
    for (file, path, m) in all.collect::<Vec<_>>() {
        let Some(code) = &m.code else { continue };
        if let Some(first) = seen.insert(code.0.clone(), path.clone()) {
            cx.error(file, path, format!("mã chỉ tiêu `{code}` trùng với {first}"));
        }
    }
}
