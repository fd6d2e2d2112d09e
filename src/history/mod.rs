//! The department's record of what it sent: packages archived in `DATA/archive/`, and the
//! figures later quarters read back from them.
//!
//! `baocao package --archive` copies the package into `DATA/archive/goi-bao-cao-<quý>.zip`. A
//! quarter archived again with different content keeps the earlier package and adds
//! `goi-bao-cao-<quý>.2.zip`, `.3.zip`, …; the highest number is the latest, the one used. A
//! package is read only after [`crate::package::verify_package`] finds it intact, and only the
//! part of its `tong-hop.json` that [`schema`] documents.

pub mod schema;

use std::io::{self, Cursor};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::consolidate::{Earlier, EarlierValue, SUMMARY_FILE};
use crate::findings::{Finding, Place};
use crate::package::{archive::read_zip, package_name, verify_package};
use crate::period::Quarter;
use crate::plan::{MeasureCode, SectorCode, TaskId};
use schema::{ArchivedSummary, SUMMARY_SCHEMA};

/// The archive folder inside the data folder.
pub const ARCHIVE_DIR: &str = "archive";

/// An archived package a build used, as `tong-hop.json` names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArchivedRef {
    /// The quarter it reports.
    pub quarter: String,
    /// Its file, relative to the data folder (`archive/goi-bao-cao-2024-Q1.zip`).
    pub file: String,
    /// Its SHA-256.
    pub sha256: String,
    /// The package is of a draft (its `ban-dung.json` says so): figures compared with it are
    /// marked as coming from a draft.
    pub draft: bool,
}

impl ArchivedRef {
    /// Its file as documents name it, followed by `, bản dự thảo chưa ban hành` when it is a
    /// draft's.
    pub fn shown(&self) -> String {
        if self.draft {
            format!("{}, bản dự thảo chưa ban hành", self.file)
        } else {
            self.file.clone()
        }
    }
}

/// Whether a package's build record marks it a draft.
fn is_draft(files: &std::collections::BTreeMap<String, Vec<u8>>) -> bool {
    #[derive(serde::Deserialize)]
    struct Record {
        #[serde(default)]
        draft: bool,
    }
    files
        .get(crate::render::BUILD_RECORD)
        .and_then(|b| serde_json::from_slice::<Record>(b).ok())
        .is_some_and(|r| r.draft)
}

/// What archiving did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Archived {
    /// Written as this new file.
    New(PathBuf),
    /// The latest archived package of the quarter already has these bytes.
    Unchanged(PathBuf),
}

/// `archive/goi-bao-cao-2024-Q1.zip`, or `.<n>.zip` for the n-th version (n ≥ 2).
fn version_path(data: &Path, quarter: Quarter, n: u32) -> PathBuf {
    let name = package_name(quarter);
    let name = if n <= 1 { name } else { name.replacen(".zip", &format!(".{n}.zip"), 1) };
    data.join(ARCHIVE_DIR).join(name)
}

/// The versions of a quarter's archived package that exist, oldest first, with their number.
fn versions(data: &Path, quarter: Quarter) -> Vec<(u32, PathBuf)> {
    // Versions are numbered without gaps: stop at the first missing one.
    (1..).map(|n| (n, version_path(data, quarter, n))).take_while(|(_, p)| p.is_file()).collect()
}

/// The latest archived package of a quarter, if any.
pub fn latest(data: &Path, quarter: Quarter) -> Option<PathBuf> {
    versions(data, quarter).pop().map(|(_, p)| p)
}

/// Copies a quarter's package into the archive: never over an earlier one.
pub fn archive_package(data: &Path, quarter: Quarter, bytes: &[u8]) -> io::Result<Archived> {
    let existing = versions(data, quarter);
    if let Some((_, last)) = existing.last()
        && crate::confine::read(data, last)? == bytes
    {
        return Ok(Archived::Unchanged(last.clone()));
    }
    let next = version_path(data, quarter, existing.last().map_or(1, |(n, _)| n + 1));
    crate::output::write_atomic(&next, bytes)?;
    Ok(Archived::New(next))
}

/// The figures of `quarter` read back from its latest archived package, with the package they
/// came from; `Ok(None)` when the quarter has no archived package, and a warning naming the
/// file when it has one that cannot be used (altered, unreadable, an unknown schema).
pub fn read_earlier(data: &Path, quarter: Quarter) -> Result<Option<(Earlier, ArchivedRef)>, Box<Finding>> {
    let Some(path) = latest(data, quarter) else { return Ok(None) };
    let shown = path.strip_prefix(data).unwrap_or(&path).to_string_lossy().replace('\\', "/");
    let refuse = |why: String| {
        Box::new(Finding::warning(
            "goi-luu-khong-dung-duoc",
            Place { file: shown.clone(), ..Place::default() },
            format!("Không dùng gói đã lưu {shown}: {why}; bỏ qua so sánh với {}.", quarter.label()),
        ))
    };
    let bytes = crate::confine::read(data, &path).map_err(|e| refuse(format!("không đọc được ({e})")))?;
    match verify_package(Cursor::new(&bytes)) {
        Ok(v) if v.is_intact() => {}
        Ok(v) => {
            return Err(refuse(format!(
                "gói đã bị thay đổi sau khi lưu ({} chỗ khác manifest)",
                v.problems()
            )));
        }
        Err(e) => return Err(refuse(format!("không phải gói báo cáo hợp lệ ({e})"))),
    }
    let files = read_zip(&bytes).map_err(|e| refuse(format!("không giải nén được ({e})")))?;
    let json = files.get(SUMMARY_FILE).ok_or_else(|| refuse(format!("gói không có {SUMMARY_FILE}")))?;
    let summary = parse_summary(json, quarter).map_err(refuse)?;
    let reference = ArchivedRef {
        quarter: quarter.to_string(),
        file: shown,
        sha256: crate::hash::sha256_hex(&bytes),
        draft: is_draft(&files),
    };
    let mut earlier = earlier_of(quarter, &summary);
    earlier.archived = Some(reference.clone());
    Ok(Some((earlier, reference)))
}

/// An archived `tong-hop.json` of `quarter`, refused (with the reason) when it cannot be read,
/// is of an unknown schema or of another quarter.
fn parse_summary(json: &[u8], quarter: Quarter) -> Result<ArchivedSummary, String> {
    let summary: ArchivedSummary =
        serde_json::from_slice(json).map_err(|e| format!("{SUMMARY_FILE} không đọc được ({e})"))?;
    match summary.schema {
        Some(SUMMARY_SCHEMA) => {}
        Some(v) => {
            return Err(format!(
                "{SUMMARY_FILE} theo lược đồ phiên bản {v}, phiên bản này của baocao chỉ đọc phiên bản {SUMMARY_SCHEMA}"
            ));
        }
        None => return Err(format!("{SUMMARY_FILE} không ghi phiên bản lược đồ (schema)")),
    }
    if summary.quarter != quarter.to_string() {
        return Err(format!("gói là của {}, không phải {quarter}", summary.quarter));
    }
    Ok(summary)
}

/// The agency values of an archived summary as [`Earlier`] figures.
fn earlier_of(quarter: Quarter, s: &ArchivedSummary) -> Earlier {
    let mut e = Earlier { quarter: Some(quarter), archived: None, ..Earlier::default() };
    for m in &s.indicators {
        if let Some(p) = m.percent_of_target.filter(|p| p.is_finite()) {
            e.percents.entry(MeasureCode::from(m.code.as_str())).or_insert(p);
        }
    }
    for m in s.indicators.iter().chain(&s.task_targets) {
        if let Some(v) = m.quarter_value.filter(|v| v.is_finite()) {
            e.quarter_values.entry(MeasureCode::from(m.code.as_str())).or_insert(v);
        }
        for v in &m.sources {
            let value = EarlierValue { value: v.value, cell: v.cell.clone() };
            e.measures.entry((v.agency.clone(), MeasureCode::from(m.code.as_str()))).or_insert(value);
        }
        for v in &m.estimate_sources {
            let value = EarlierValue { value: v.value, cell: v.cell.clone() };
            e.estimates.entry((v.agency.clone(), MeasureCode::from(m.code.as_str()))).or_insert(value);
        }
    }
    for t in &s.tasks {
        for a in &t.assignees {
            if let (Some(status), Some(cell)) = (a.reported, a.source.clone()) {
                e.tasks.entry((a.agency.clone(), TaskId::from(t.id.as_str()))).or_insert((status, cell));
            }
        }
    }
    for row in s.growth.iter().flat_map(|g| &g.rows).filter(|r| !r.is_group && !r.is_total) {
        for v in &row.sources {
            let value = EarlierValue { value: v.value, cell: v.cell.clone() };
            e.growth.entry((v.agency.clone(), SectorCode::from(row.code.as_str()))).or_insert(value);
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    const Q1: Quarter = Quarter { year: 2024, number: 1 };

    #[test]
    fn a_summary_is_read_only_in_a_known_schema_and_of_its_quarter() {
        let json = |schema: &str, quarter: &str| {
            format!(
                r#"{{{schema}"quarter": "{quarter}", "indicators": [{{"code": "CT05", "sources": [{{"agency": "STC", "value": 5000.0, "cell": {{"file": "STC.xlsx", "sheet": "Chỉ tiêu", "cell": "F3"}}}}], "estimate_sources": [{{"agency": "STC", "value": 17500.0, "cell": {{"file": "STC.xlsx", "sheet": "Chỉ tiêu", "cell": "G3"}}}}]}}], "growth": {{"rows": [{{"code": "CN", "is_group": false, "is_total": false, "sources": [{{"agency": "SCT", "value": 19.0, "cell": {{"file": "SCT.xlsx", "sheet": "Tăng trưởng", "cell": "E2"}}}}]}}]}}, "tasks": [{{"id": "1.7.a", "assignees": [{{"agency": "SVHTTDL", "reported": "done", "source": {{"file": "SVHTTDL.xlsx", "sheet": "Nhiệm vụ", "cell": "D9"}}}}, {{"agency": "STC", "reported": null, "source": null}}]}}]}}"#
            )
        };
        let s = parse_summary(json(r#""schema": 1, "#, "2024-Q1").as_bytes(), Q1).expect("schema 1 reads");
        let e = earlier_of(Q1, &s);
        let v = e.measure(&"STC".into(), &"CT05".into()).expect("CT05 of STC");
        assert_eq!((v.value, v.cell.a1().as_str()), (5000.0, "Chỉ tiêu!F3"));
        let v = e.estimate(&"STC".into(), &"CT05".into()).expect("CT05 estimate of STC");
        assert_eq!((v.value, v.cell.a1().as_str()), (17500.0, "Chỉ tiêu!G3"));
        assert_eq!(e.sector(&"SCT".into(), &"CN".into()).map(|v| v.value), Some(19.0));
        let (status, cell) = e.task(&"SVHTTDL".into(), &"1.7.a".into()).expect("1.7.a of SVHTTDL");
        assert_eq!(
            (*status, cell.a1().as_str()),
            (crate::contract::ReportedStatus::DoneOnTime, "Nhiệm vụ!D9")
        );
        assert!(e.task(&"STC".into(), &"1.7.a".into()).is_none(), "nothing reported, nothing kept");
        let err =
            parse_summary(json(r#""schema": 2, "#, "2024-Q1").as_bytes(), Q1).expect_err("unknown schema");
        assert!(err.contains("phiên bản 2") && err.contains("chỉ đọc phiên bản 1"), "{err}");
        let err = parse_summary(json("", "2024-Q1").as_bytes(), Q1).expect_err("no schema");
        assert!(err.contains("không ghi phiên bản"), "{err}");
        let err =
            parse_summary(json(r#""schema": 1, "#, "2023-Q1").as_bytes(), Q1).expect_err("another quarter");
        assert!(err.contains("2023-Q1"), "{err}");
    }
}
