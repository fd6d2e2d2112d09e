//! Validation rules over a loaded plan; every problem is collected, none stops the others.

use std::collections::HashMap;

mod agencies;
mod measures;

use super::Plan;
use super::check_settings::{Band, CHECK_RULES, CheckParams, CheckSettings, check_rule};
use super::codes::{AgencyCode, Deadline};
use super::finding_codes::INVALID;
use super::load::PLAN_FILES;
use super::statuses::{MAX_DROPDOWN_CHARS, MAX_STATUS_CHARS, dropdown_length, dropdown_problem, status_key};
use super::yaml_lines::YamlLines;
use crate::contract::ReportedStatus;
use crate::findings::{Finding, Level, Place};
use crate::vn::number;
use agencies::{agencies, groups, successors};
use measures::{duplicate_measure_codes, measure};

const DOCUMENT: usize = 0;
const AGENCIES: usize = 1;
const INDICATORS: usize = 2;
const GROWTH: usize = 3;
const TASKS: usize = 4;

struct Ctx<'a> {
    plan: &'a Plan,
    lines: &'a [YamlLines],
    issues: Vec<Finding>,
}

impl Ctx<'_> {
    fn push(&mut self, level: Level, file: usize, path: String, message: String) {
        let line = self.lines.get(file).and_then(|l| l.line(&path));
        let file = self.plan.dir.join(PLAN_FILES[file]).display().to_string();
        self.issues.push(Finding::new(level, INVALID, Place::text(file, line, None, path), message));
    }

    fn error(&mut self, file: usize, path: String, message: String) {
        self.push(Level::Error, file, path, message);
    }

    fn warn(&mut self, file: usize, path: String, message: String) {
        self.push(Level::Warning, file, path, message);
    }

    fn known(&mut self, file: usize, path: String, code: &AgencyCode) {
        if !self.plan.directory.contains(code) {
            self.error(file, path, format!("không có cơ quan hoặc nhóm cơ quan mã `{code}`"));
        }
    }
}

/// Checks every rule and returns the findings, errors first, each in file order.
pub fn validate(plan: &Plan, lines: &[YamlLines]) -> Vec<Finding> {
    let mut cx = Ctx { plan, lines, issues: Vec::new() };
    document(&mut cx);
    agencies(&mut cx);
    successors(&mut cx);
    groups(&mut cx);
    for (i, m) in plan.indicators.iter().enumerate() {
        measure(&mut cx, INDICATORS, format!("indicators[{i}]"), m, true);
    }
    duplicate_measure_codes(&mut cx);
    growth(&mut cx);
    tasks(&mut cx);
    statuses(&mut cx);
    check_settings(&mut cx);
    cx.issues.sort_by_key(|i| i.level);
    cx.issues
}

fn document(cx: &mut Ctx) {
    let p = cx.plan;
    if p.agency(&p.report.issuer_code).is_none() {
        let code = p.report.issuer_code.clone();
        cx.error(DOCUMENT, "report.issuer-code".into(), format!("không có cơ quan mã `{code}`"));
    }
    if !(1..=28).contains(&p.info.submission_day) {
        cx.error(DOCUMENT, "plan.submission-day".into(), "ngày hạn gửi báo cáo phải từ 1 đến 28".into());
    }
    if p.report.upward_deadline_day <= p.info.submission_day || p.report.upward_deadline_day > 28 {
        cx.error(
            DOCUMENT,
            "report.upward-deadline-day".into(),
            "hạn gửi báo cáo lên cấp trên phải sau hạn các cơ quan gửi và không quá ngày 28".into(),
        );
    }
    super::validate_calendar::check(p, &mut |path, msg| cx.error(DOCUMENT, path, msg));
    if p.info.action_programme_deadline.0.year() != p.info.year {
        cx.error(
            DOCUMENT,
            "plan.action-programme-deadline".into(),
            "hạn ban hành chương trình hành động nằm ngoài năm kế hoạch".into(),
        );
    }
}

fn growth(cx: &mut Ctx) {
    super::validate_growth::check(cx.plan, &mut |sev, path, msg| match sev {
        Level::Error => cx.error(GROWTH, path, msg),
        Level::Warning => cx.warn(GROWTH, path, msg),
    });
}

fn tasks(cx: &mut Ctx) {
    let p = cx.plan;
    let year = p.info.year;
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut items: HashMap<&str, (bool, bool)> = HashMap::new();
    for (i, t) in p.tasks.iter().enumerate() {
        let path = format!("tasks[{i}]");
        if let Some(first) = ids.insert(t.id.as_str(), i) {
            cx.error(TASKS, format!("{path}.id"), format!("mã nhiệm vụ `{}` trùng với tasks[{first}]", t.id));
        }
        if !valid_task_id(t.id.as_str()) {
            cx.error(
                TASKS,
                format!("{path}.id"),
                format!("mã nhiệm vụ `{}` không đúng dạng 2.2, 2.2.b hoặc III.1", t.id),
            );
        }
        let entry = items.entry(t.id.item()).or_default();
        if t.id.as_str() == t.id.item() {
            entry.0 = true
        } else {
            entry.1 = true
        }
        if entry.0 && entry.1 {
            cx.error(
                TASKS,
                format!("{path}.id"),
                format!("mục {} vừa có nhiệm vụ `{}` vừa có nhiệm vụ tách nhỏ", t.id.item(), t.id.item()),
            );
        }
        if p.task_group_title(t.id.group()).is_none() {
            cx.error(
                TASKS,
                format!("{path}.id"),
                format!("không có nhóm nhiệm vụ số `{}` trong groups", t.id.group()),
            );
        }
        if t.lead.is_empty() {
            cx.error(TASKS, format!("{path}.lead"), format!("nhiệm vụ `{}` không có cơ quan chủ trì", t.id));
        }
        for (j, c) in t.lead.iter().enumerate() {
            cx.known(TASKS, format!("{path}.lead[{j}]"), c);
        }
        for (j, c) in t.coordinate.iter().enumerate() {
            cx.known(TASKS, format!("{path}.coordinate[{j}]"), c);
        }
        match t.deadline.and_then(|d| d.due_date().map(|due| (d, due))) {
            _ if t.deadline.is_none() => {
                cx.error(TASKS, path.clone(), format!("nhiệm vụ `{}` không có thời hạn (deadline)", t.id));
            }
            Some((d, due)) if due.year() != year => {
                cx.error(
                    TASKS,
                    format!("{path}.deadline"),
                    format!("thời hạn {} nằm ngoài năm kế hoạch {year}", d.label()),
                );
            }
            _ => {}
        }
        if let (true, Some(d @ (Deadline::Date(_) | Deadline::Quarter(_)))) = (t.whole_year, t.deadline)
            && d.due_date().is_some_and(|due| (due.month(), due.day()) != (time::Month::December, 31))
        {
            cx.error(
                TASKS,
                format!("{path}.whole-year"),
                format!(
                    "nhiệm vụ `{}` được đánh dấu là kết quả cả năm (whole-year) nhưng có thời hạn {}; kết quả cả năm có thời hạn là năm {year}",
                    t.id,
                    d.label()
                ),
            );
        }
        for (j, m) in t.targets.iter().enumerate() {
            measure(cx, TASKS, format!("{path}.targets[{j}]"), m, false);
            if m.aggregate.is_none()
                && m.same_as.is_none()
                && p.measure_reporters(super::MeasureScope::Task(t), m).len() > 1
            {
                cx.error(TASKS, format!("{path}.targets[{j}]"), format!("chỉ tiêu `{}` do nhiều cơ quan báo cáo nhưng chưa nêu cách tổng hợp (aggregate: sum, weighted-mean hoặc list)", m.name));
            }
        }
    }
    for (i, m) in p.indicators.iter().enumerate() {
        if p.directory.expand_all(&m.reporters).len() > 1 && m.aggregate.is_none() {
            cx.error(INDICATORS, format!("indicators[{i}]"), format!("chỉ tiêu `{}` do nhiều cơ quan báo cáo nhưng chưa nêu cách tổng hợp (aggregate: sum, weighted-mean hoặc list)", m.name));
        }
    }
}

/// The plan's task-status vocabulary (`statuses:` in `tasks.yaml`; nothing to check when the
/// built-in one applies): every required kind has a label; labels and other spellings are
/// non-empty, at most [`MAX_STATUS_CHARS`] characters and distinct after [`status_key`]; labels
/// fit Excel's dropdown (no comma, quote or control character; [`MAX_DROPDOWN_CHARS`] in all).
fn statuses(cx: &mut Ctx) {
    let Some(entries) = cx.plan.statuses.entries() else { return };
    let mut seen: HashMap<String, (String, &str)> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let label = (format!("statuses[{i}].label"), e.label.as_str(), true);
        let aliases = e
            .aliases
            .iter()
            .enumerate()
            .map(|(j, a)| (format!("statuses[{i}].aliases[{j}]"), a.as_str(), false));
        for (path, text, is_label) in std::iter::once(label).chain(aliases) {
            let what = if is_label { "nhãn tình trạng" } else { "tên gọi khác của tình trạng" };
            let key = status_key(text);
            if key.is_empty() {
                cx.error(TASKS, path, format!("{what} để trống"));
                continue;
            }
            let chars = text.chars().count();
            if chars > MAX_STATUS_CHARS {
                cx.error(
                    TASKS,
                    path.clone(),
                    format!("{what} dài {chars} ký tự (tối đa {MAX_STATUS_CHARS})"),
                );
            }
            if let Some(problem) = dropdown_problem(text).filter(|_| is_label) {
                cx.error(
                    TASKS,
                    path.clone(),
                    format!(
                        "nhãn tình trạng `{text}` {problem}; đổi nhãn, cách viết này có thể để trong aliases"
                    ),
                );
            }
            match seen.get(&key) {
                Some((first, other)) => {
                    let msg = format!(
                        "`{text}` trùng với `{other}` ({first}) khi không phân biệt chữ hoa, chữ thường, dấu cách và dấu chấm cuối"
                    );
                    cx.error(TASKS, path, msg);
                }
                None => {
                    seen.insert(key, (path, text));
                }
            }
        }
    }
    for kind in ReportedStatus::ALL.into_iter().filter(|k| k.required()) {
        if !entries.iter().any(|e| e.kind == kind) {
            cx.error(
                TASKS,
                "statuses".into(),
                format!("danh mục tình trạng không có nhãn nào loại `{}` ({})", kind.key(), kind.meaning()),
            );
        }
    }
    let length = dropdown_length(entries.iter().map(|e| e.label.as_str()));
    if length > MAX_DROPDOWN_CHARS {
        cx.error(
            TASKS,
            "statuses".into(),
            format!(
                "các nhãn tình trạng nối bằng dấu phẩy dài {length} ký tự, vượt giới hạn {MAX_DROPDOWN_CHARS} ký tự của danh sách chọn trong Excel; rút gọn nhãn hoặc chuyển bớt thành tên gọi khác (aliases)"
            ),
        );
    }
}

/// The data-quality check settings: `report.checks` and each measure's `checks`.
fn check_settings(cx: &mut Ctx) {
    let p = cx.plan;
    check_map(cx, DOCUMENT, "report.checks", &p.report.checks, None, false);
    for (i, m) in p.indicators.iter().enumerate() {
        check_map(
            cx,
            INDICATORS,
            &format!("indicators[{i}].checks"),
            &m.checks,
            Some(&p.report.checks),
            true,
        );
    }
    for (i, t) in p.tasks.iter().enumerate() {
        for (j, m) in t.targets.iter().enumerate() {
            let path = format!("tasks[{i}].targets[{j}].checks");
            check_map(cx, TASKS, &path, &m.checks, Some(&p.report.checks), true);
        }
    }
}

/// One `checks` map: known rule codes, rules a measure may override, bands the rule has, and
/// bands that make sense once combined with the plan's (`plan`, for a measure's map).
fn check_map(
    cx: &mut Ctx,
    file: usize,
    at: &str,
    map: &CheckSettings,
    plan: Option<&CheckSettings>,
    measure: bool,
) {
    for (code, setting) in map {
        let path = format!("{at}.{code}");
        let Some(rule) = check_rule(code) else {
            let known: Vec<&str> = CHECK_RULES.iter().map(|r| r.code).collect();
            cx.error(
                file,
                path,
                format!(
                    "không có quy tắc kiểm tra `{code}` (các quy tắc: {}); các giới hạn cứng của khâu tiếp nhận như so-vo-ly, cong-thuc-chua-tinh không cấu hình được",
                    known.join(", ")
                ),
            );
            continue;
        };
        if measure && !rule.per_measure {
            cx.error(
                file,
                path,
                format!("quy tắc `{code}` chỉ đặt chung cho cả kế hoạch (report.checks trong document.yaml), không đặt riêng cho từng chỉ tiêu"),
            );
            continue;
        }
        for (band, value) in setting.bands() {
            let band_path = format!("{path}.{}", band.key());
            if !rule.bands.contains(&band) {
                let allowed: Vec<&str> = rule.bands.iter().map(|b| b.key()).collect();
                let allowed = if allowed.is_empty() { "không có".to_owned() } else { allowed.join(", ") };
                cx.error(
                    file,
                    band_path,
                    format!(
                        "quy tắc `{code}` không có ngưỡng `{}` (ngưỡng được phép: {allowed})",
                        band.key()
                    ),
                );
                continue;
            }
            let fine = match band {
                Band::Percent | Band::Points => value.is_finite() && value > 0.0,
                Band::Min | Band::Max => value.is_finite(),
                Band::Digits => value.fract() == 0.0 && (1.0..=15.0).contains(&value),
            };
            if !fine {
                let need = match band {
                    Band::Percent | Band::Points => "một số dương",
                    Band::Min | Band::Max => "một số",
                    Band::Digits => "một số nguyên từ 1 đến 15",
                };
                cx.error(
                    file,
                    band_path,
                    format!(
                        "ngưỡng `{}` của quy tắc `{code}` là {}, phải là {need}",
                        band.key(),
                        number(value)
                    ),
                );
            }
        }
        if rule.bands.contains(&Band::Min) {
            let p = CheckParams::resolve(code, plan.unwrap_or(map), plan.map(|_| map));
            if p.min.is_finite() && p.max.is_finite() && p.min >= p.max {
                cx.error(
                    file,
                    path,
                    format!(
                        "khoảng hợp lý của quy tắc `{code}` có cận dưới {} không nhỏ hơn cận trên {}",
                        number(p.min),
                        number(p.max)
                    ),
                );
            }
        }
    }
}

fn valid_task_id(id: &str) -> bool {
    let parts: Vec<&str> = id.split('.').collect();
    let numeric = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let roman = |s: &str| !s.is_empty() && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let letter = |s: &str| s.len() == 1 && s.chars().all(|c| c.is_ascii_lowercase());
    match parts.as_slice() {
        [g, n] => (numeric(g) || roman(g)) && numeric(n),
        [g, n, l] => (numeric(g) || roman(g)) && numeric(n) && letter(l),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn task_ids() {
        assert!(super::valid_task_id("2.2"));
        assert!(super::valid_task_id("2.2.b"));
        assert!(super::valid_task_id("III.1"));
        assert!(!super::valid_task_id("2"));
        assert!(!super::valid_task_id("2.2.B"));
        assert!(!super::valid_task_id("2.x"));
    }
}
