//! Reads the plan's YAML files, reporting syntax and type errors with file, path and line.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::directory::AgencyDirectory;
use super::finding_codes::{SYNTAX, UNREADABLE};
use super::model::{AgenciesFile, DocumentFile, GrowthFile, IndicatorsFile, TasksFile};
use super::yaml_lines::YamlLines;
use super::{MeasureCode, Plan, SourceFile, StatusVocabulary};
use crate::findings::{Finding, Level, Place};
use crate::hash::sha256_hex;

/// The plan files, in the order they are read.
pub const PLAN_FILES: [&str; 5] =
    ["document.yaml", "agencies.yaml", "indicators.yaml", "growth.yaml", "tasks.yaml"];

/// A loaded plan with the validation findings (errors make it unusable).
#[derive(Debug)]
pub struct LoadedPlan {
    /// The plan.
    pub plan: Plan,
    /// Every validation finding, errors first.
    pub issues: Vec<Finding>,
}

impl LoadedPlan {
    /// True when validation found at least one error.
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.level == Level::Error)
    }
}

/// The plan years present under `DATA/plan/` (folders named by a year holding `document.yaml`).
pub fn find_plan_years(data: &Path) -> Vec<i32> {
    let mut years: Vec<i32> = fs::read_dir(data.join("plan"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join("document.yaml").is_file())
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect();
    years.sort_unstable();
    years
}

/// Loads and validates the plan of `year` from `DATA/plan/<year>/`.
///
/// Returns `Err` with every syntax or type error when a file cannot be read at all; otherwise
/// the plan and its validation findings.
pub fn load_plan(data: &Path, year: i32) -> Result<LoadedPlan, Vec<Finding>> {
    let dir = data.join("plan").join(year.to_string());
    let mut errors = Vec::new();
    let mut sources = Vec::new();
    let mut texts = Vec::new();
    for name in PLAN_FILES {
        let path = dir.join(name);
        match crate::confine::read(data, &path) {
            Ok(bytes) => {
                sources.push(SourceFile {
                    path: path.clone(),
                    sha256: sha256_hex(&bytes),
                    size: bytes.len() as u64,
                });
                match String::from_utf8(bytes) {
                    Ok(text) => texts.push((path, text)),
                    Err(_) => errors.push(file_issue(&path, "tệp không phải văn bản UTF-8".into())),
                }
            }
            Err(e) => errors.push(file_issue(
                &path,
                match crate::confine::outside(&e) {
                    Some(o) => o.to_string(),
                    None => format!("không đọc được tệp ({e})"),
                },
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let [document, agencies, indicators, growth, tasks] = match <[_; 5]>::try_from(texts) {
        Ok(t) => t,
        Err(_) => return Err(vec![file_issue(&dir, "thiếu tệp kế hoạch".into())]),
    };
    let document: Option<DocumentFile> = parse(&document, &mut errors);
    let agencies: Option<AgenciesFile> = parse(&agencies, &mut errors);
    let indicators: Option<IndicatorsFile> = parse(&indicators, &mut errors);
    let growth: Option<GrowthFile> = parse(&growth, &mut errors);
    let tasks_file: Option<TasksFile> = parse(&tasks, &mut errors);
    let (Some(document), Some(agencies), Some(indicators), Some(growth), Some(mut tasks_file)) =
        (document, agencies, indicators, growth, tasks_file)
    else {
        return Err(errors);
    };
    assign_target_codes(&mut tasks_file);
    let directory = AgencyDirectory::new(&agencies.agencies, &agencies.groups);
    let fingerprint = fingerprint(&sources);
    let plan = Plan {
        dir,
        sources,
        info: document.plan,
        report: document.report,
        agencies: agencies.agencies,
        groups: agencies.groups,
        indicators: indicators.indicators,
        growth: growth.growth,
        task_groups: tasks_file.groups,
        tasks: tasks_file.tasks,
        statuses: StatusVocabulary::for_plan(tasks_file.statuses.as_deref()),
        directory,
        fingerprint,
    };
    let lines: Vec<YamlLines> = PLAN_FILES
        .iter()
        .map(|n| fs::read_to_string(plan.dir.join(n)).map(|t| YamlLines::new(&t)).unwrap_or_default())
        .collect();
    let issues = super::validate::validate(&plan, &lines);
    Ok(LoadedPlan { plan, issues })
}

fn parse<T: DeserializeOwned>((path, text): &(PathBuf, String), errors: &mut Vec<Finding>) -> Option<T> {
    // NFC first: names typed as decomposed Unicode must match their precomposed spellings.
    match serde_yaml::from_str(&crate::vn::nfc(text)) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(yaml_issue(path, &e));
            None
        }
    }
}

fn file_issue(path: &Path, message: String) -> Finding {
    Finding::error(UNREADABLE, Place::file(path.display().to_string()), message)
}

/// Turns a serde_yaml error into a Vietnamese finding with the YAML path and line.
pub(crate) fn yaml_issue(path: &Path, e: &serde_yaml::Error) -> Finding {
    let mut text = e.to_string();
    if let Some(cut) = text.find(" at line ") {
        text.truncate(cut);
    }
    let (yaml_path, detail) = match text.split_once(": ") {
        Some((p, rest)) if !p.contains(' ') && !p.is_empty() => (p.to_owned(), rest.to_owned()),
        _ => (String::new(), text),
    };
    let place = Place::text(path.display().to_string(), e.location().map(|l| l.line()), None, yaml_path);
    Finding::error(SYNTAX, place, translate_serde(&detail))
}

/// Says serde's English messages in Vietnamese, keeping the original detail in parentheses.
fn translate_serde(detail: &str) -> String {
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or("").to_owned();
    // serde lists the allowed names as "`a`", "`a` or `b`" or "one of `a`, `b`, `c`".
    let allowed = || {
        let list = detail.split_once("expected ").map_or("", |x| x.1);
        list.trim_start_matches("one of ").replace("` or `", "`, `")
    };
    if detail.starts_with("unknown field") {
        let allowed = allowed();
        format!("khóa không hợp lệ `{}` (khóa được phép: {allowed})", quoted(detail))
    } else if detail.starts_with("missing field") {
        format!("thiếu khóa bắt buộc `{}`", quoted(detail))
    } else if detail.starts_with("duplicate field") {
        format!("khóa `{}` xuất hiện hai lần", quoted(detail))
    } else if detail.starts_with("unknown variant") {
        let allowed = allowed();
        format!("giá trị không hợp lệ `{}` (giá trị được phép: {allowed})", quoted(detail))
    } else if detail.starts_with("invalid type") || detail.starts_with("invalid length") {
        format!("sai kiểu dữ liệu ({detail})")
    } else if detail.is_ascii() {
        format!("YAML không hợp lệ ({detail})")
    } else {
        detail.to_owned() // our own Vietnamese messages from TryFrom conversions
    }
}

fn assign_target_codes(tasks: &mut TasksFile) {
    for task in &mut tasks.tasks {
        for (n, target) in task.targets.iter_mut().enumerate() {
            if target.code.is_none() {
                target.code = Some(MeasureCode(format!("{}-{}", task.id, n + 1)));
            }
        }
    }
}

fn fingerprint(sources: &[SourceFile]) -> String {
    let joined: String = sources.iter().map(|s| s.sha256.as_str()).collect::<Vec<_>>().join(":");
    sha256_hex(joined.as_bytes())[..12].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_in_vietnamese() {
        assert_eq!(translate_serde("missing field `lead`"), "thiếu khóa bắt buộc `lead`");
        assert_eq!(
            translate_serde("unknown field `leads`, expected one of `id`, `lead`, `text`"),
            "khóa không hợp lệ `leads` (khóa được phép: `id`, `lead`, `text`)"
        );
        assert_eq!(
            translate_serde("unknown field `nam`, expected `number` or `title`"),
            "khóa không hợp lệ `nam` (khóa được phép: `number`, `title`)"
        );
        assert_eq!(
            translate_serde("unknown variant `so`, expected one of `so-nganh`, `khac`"),
            "giá trị không hợp lệ `so` (giá trị được phép: `so-nganh`, `khac`)"
        );
    }
}
