//! Builds each agency's `FormFill` for a quarter and writes the quarter's folder.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use baocao::forms::{CellValue, FormFill, GrowthFill, MeasureFill, write_form};
use baocao::output::write_atomic;
use baocao::plan::{Agency, AgencyKind, Plan, Unit, measure_code};

use crate::figures::{self, Vals};
use crate::scenario::{Format, Scenario};
use crate::{quirks, tasks, unit_hash};

/// Cells computed by formula: `(quarter, agency, measure, column 0–2, formula, cached result)`.
const FORMULAS: &[(u8, &str, &str, usize, &str, f64)] = &[
    (1, "SXD", "6.5-1", 1, "=ROUND(412/1180*100,1)", 34.9),
    (2, "SXD", "6.5-1", 1, "=ROUND(802/1180*100,1)", 68.0),
    (1, "H-LANGGIANG", "CT06", 2, "=ROUND(103580*10%,1)", 10358.0),
    (2, "H-LANGGIANG", "CT06", 2, "=ROUND(103580*10%,1)", 10358.0),
];

/// Who fills the forms.
const PREPARERS: [&str; 12] = [
    "Nguyễn Thị Hằng",
    "Trần Văn Dũng",
    "Lê Thị Thu Trang",
    "Phạm Minh Tuấn",
    "Hoàng Thị Lan",
    "Ngô Quang Huy",
    "Đỗ Thị Mai",
    "Vũ Đức Thắng",
    "Dương Thị Hương",
    "Thân Văn Hùng",
    "Giáp Thị Ngọc Ánh",
    "Nguyễn Văn Quyết",
];

/// Which version of a duplicated report is being built.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Version {
    Only,
    First,
    Second,
}

/// Writes every file of one quarter into `dir`; returns how many files the folder holds.
pub fn quarter(plan: &Plan, sc: &Scenario, dir: &Path, convert: bool) -> Result<usize> {
    let mut expected = BTreeSet::new();
    for agency in plan.reporting_agencies() {
        let code = agency.code.as_str();
        if sc.missing.contains(&code) {
            continue;
        }
        let stem = sc.stem(code, agency.kind == AgencyKind::CapHuyen);
        let versions = if code == sc.duplicate.0 {
            vec![(Version::First, format!("{stem}_ban_dau")), (Version::Second, format!("{stem}_bo_sung"))]
        } else {
            vec![(Version::Only, stem)]
        };
        for (version, stem) in versions {
            let fill = build_fill(plan, agency, sc, version);
            let bytes = write_form(plan, &agency.code, sc.quarter, Some(&fill))?;
            let path = match sc.format(code) {
                Format::Xlsx => write_file(dir, &format!("{stem}.xlsx"), &bytes)?,
                Format::Ods => converted(dir, &stem, "ods", &bytes, convert, &plan.fingerprint)?,
                Format::Xls => converted(dir, &stem, "xls", &bytes, convert, &plan.fingerprint)?,
            };
            expected.insert(path);
        }
    }
    expected.insert(write_file(dir, sc.stray.0, sc.stray.1)?);
    expected.insert(write_file(dir, sc.lock, &lock_file("nguyenvh"))?);
    remove_others(dir, &expected)?;
    Ok(expected.len())
}

fn build_fill(plan: &Plan, agency: &Agency, sc: &Scenario, version: Version) -> FormFill {
    let code = agency.code.as_str();
    let q = sc.quarter.number;
    let day = match version {
        Version::First => sc.duplicate.1,
        Version::Second => sc.duplicate.2,
        Version::Only if code == sc.late.0 => sc.late.1,
        Version::Only => 5 + (unit_hash(&[code, &sc.quarter.to_string()]) * 10.0) as u8,
    };
    let person = PREPARERS[(unit_hash(&[code, "nguoi-lap"]) * 12.0) as usize % 12];
    let mut fill = FormFill {
        report_date: Some(sc.quarter.deadline(day)),
        preparer: Some(person.to_owned()),
        phone: Some(phone(code)),
        ..FormFill::default()
    };
    let obligations = plan.obligations(&agency.code);
    for (_, m) in &obligations.measures {
        let mcode = measure_code(m);
        let Some(mut vals) = values(plan, code, mcode, q) else { continue };
        if version == Version::First {
            vals = figures::duplicate_first(mcode, q).unwrap_or([vals[0], vals[1], None]);
        }
        let percent_style = m.unit == Some(Unit::Percent) && unit_hash(&[code, "kieu-phan-tram"]) < 0.15;
        let cell = |i: usize| -> Option<CellValue> {
            let v = vals[i]?;
            if let Some(f) = FORMULAS.iter().find(|f| (f.0, f.1, f.2, f.3) == (q, code, mcode, i)) {
                return Some(CellValue::Formula(f.4.to_owned(), f.5));
            }
            Some(if percent_style { CellValue::Percent(v / 100.0) } else { CellValue::Number(v) })
        };
        let note = figures::NOTES.iter().find(|n| n.0 == mcode && n.1 == q).map(|n| n.2.to_owned());
        let row =
            MeasureFill { same_period_last_year: cell(0), cumulative: cell(1), year_estimate: cell(2), note };
        fill.measures.insert(mcode.to_owned(), row);
    }
    for sector in &obligations.sectors {
        if let Some(g) = growth(plan, sector.code.as_str(), q) {
            fill.growth.insert(sector.code.to_string(), g);
        }
    }
    for task in &obligations.tasks {
        let mut row = tasks::task_fill(plan, code, task, sc.quarter);
        if version == Version::First {
            row.issues = None;
        }
        fill.tasks.insert(task.id.to_string(), row);
    }
    apply_quirks(&mut fill, agency, sc);
    fill
}

fn apply_quirks(fill: &mut FormFill, agency: &Agency, sc: &Scenario) {
    let code = agency.code.as_str();
    if code == sc.typos {
        quirks::typos(fill, sc.quarter.number);
    }
    if code == sc.tcvn3 {
        quirks::tcvn3(fill, &agency.name);
    }
    if code == sc.nfd {
        quirks::nfd(fill, &agency.name);
    }
}

/// The three values of a measure for an agency and quarter, from the tables of `figures`.
fn values(plan: &Plan, agency: &str, measure: &str, quarter: u8) -> Option<Vals> {
    if measure == "CT06" {
        return figures::district_investment(agency, quarter, figures::target_of(plan, "CT06")?);
    }
    if let Some(k) = measure.strip_prefix("7.1.b-").and_then(|k| k.parse::<usize>().ok()) {
        return figures::online_rates(agency, quarter).get(k.checked_sub(1)?).copied();
    }
    let (_, q1, q2) = figures::MEASURES.iter().find(|(c, _, _)| *c == measure)?;
    Some(if quarter == 1 { *q1 } else { *q2 })
}

fn growth(plan: &Plan, sector: &str, quarter: u8) -> Option<GrowthFill> {
    let (_, cumulative, year) = figures::GROWTH.iter().find(|(c, _, _)| *c == sector)?;
    let (alone, note) = if quarter == 1 {
        (cumulative[0], (sector == "CN").then_some("Ước theo chỉ số sản xuất công nghiệp quý I"))
    } else {
        let q2 = figures::second_quarter_alone(&plan.growth, sector, cumulative[0], cumulative[1])?;
        (q2, (sector == "NLTS").then_some("Sản lượng vải thiều giảm mạnh do thời tiết"))
    };
    let i = usize::from(quarter - 1);
    Some(GrowthFill {
        quarter: Some(CellValue::Number(alone)),
        cumulative: Some(CellValue::Number(cumulative[i])),
        year_update: Some(CellValue::Number(year[i])),
        note: note.map(str::to_owned),
    })
}

/// A landline of the provincial exchange or a mobile number, depending on the agency.
fn phone(code: &str) -> String {
    let n = (unit_hash(&[code, "dien-thoai"]) * 1_000_000.0) as u32;
    if n.is_multiple_of(3) {
        format!("09{:02} {:03} {:03}", n % 100, n / 100 % 1000, n / 1000 % 1000)
    } else {
        format!("0204.38{:02}.{:03}", n % 100, n / 100 % 1000)
    }
}

/// The owner file Excel leaves beside an open workbook (`~$name.xlsx`): the user name twice.
fn lock_file(user: &str) -> Vec<u8> {
    let mut bytes = vec![u8::try_from(user.len()).unwrap_or(0)];
    bytes.extend(user.bytes());
    bytes.resize(54, b' ');
    bytes.extend([u8::try_from(user.len()).unwrap_or(0), 0]);
    bytes.extend(user.encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(165, 0);
    bytes
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let path = dir.join(name);
    write_atomic(&path, bytes).with_context(|| format!("không ghi được {}", path.display()))?;
    Ok(path)
}

/// The `.ods`/`.xls` version of a generated form: converted by LibreOffice with `--convert`,
/// otherwise the committed file is kept with only its plan fingerprint brought up to date.
fn converted(
    dir: &Path,
    stem: &str,
    ext: &str,
    xlsx: &[u8],
    convert: bool,
    fingerprint: &str,
) -> Result<PathBuf> {
    let target = dir.join(format!("{stem}.{ext}"));
    if !convert {
        if target.is_file() {
            refresh_fingerprint(&target, fingerprint)?;
        } else {
            eprintln!("cảnh báo: thiếu {} (chạy lại với --convert)", target.display());
        }
        return Ok(target);
    }
    let tmp = std::env::temp_dir().join(format!("baocao-mau-{}", std::process::id()));
    let name = Path::new(stem).file_name().context("tên tệp rỗng")?.to_string_lossy().into_owned();
    let source = tmp.join(format!("{name}.xlsx"));
    write_atomic(&source, xlsx)?;
    let filter = if ext == "xls" { "xls:MS Excel 97" } else { "ods" };
    let status = Command::new("soffice")
        .arg("--headless")
        .arg(format!("-env:UserInstallation=file://{}", tmp.join("profile").display()))
        .args(["--convert-to", filter, "--outdir"])
        .arg(&tmp)
        .arg(&source)
        .status()
        .context("không chạy được soffice (cài libreoffice-calc-nogui)")?;
    let produced = tmp.join(format!("{name}.{ext}"));
    if !status.success() || !produced.is_file() {
        bail!("soffice không chuyển được {} sang {ext}", source.display());
    }
    write_atomic(&target, &fs::read(&produced)?)?;
    fs::remove_dir_all(&tmp).ok();
    Ok(target)
}

/// Replaces the plan fingerprint a converted form carries (`Thông tin`, read back with calamine)
/// by the current plan's, so that a plan edit does not need LibreOffice: in an `.ods` the text of
/// `content.xml` and `meta.xml` (other entries copied raw, order, methods and times kept); in an
/// `.xls` the shared string in place (same length: 12 hex digits).
fn refresh_fingerprint(path: &Path, fingerprint: &str) -> Result<()> {
    use calamine::Reader;
    use std::io::{Cursor, Read, Write};
    let bytes = fs::read(path)?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.clone()))
        .with_context(|| format!("không đọc được {}", path.display()))?;
    let sheet = book.worksheet_range(baocao::contract::SHEET_INFO)?;
    let old = sheet.get_value((11, 1)).map(|v| v.to_string()).unwrap_or_default();
    if old == fingerprint || old.len() != fingerprint.len() || !old.chars().all(|c| c.is_ascii_hexdigit()) {
        return Ok(());
    }
    let patched = if ext == "xls" {
        let (from, to) = (old.as_bytes(), fingerprint.as_bytes());
        let mut out = bytes;
        let mut i = 0;
        while let Some(at) = out[i..].windows(from.len()).position(|w| w == from) {
            out[i + at..i + at + from.len()].copy_from_slice(to);
            i += at + from.len();
        }
        out
    } else {
        let mut src = zip::ZipArchive::new(Cursor::new(bytes))?;
        let mut dst = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..src.len() {
            let mut file = src.by_index(i)?;
            let name = file.name()?.into_owned();
            if matches!(name.as_str(), "content.xml" | "meta.xml") {
                let mut text = String::new();
                file.read_to_string(&mut text)?;
                let text = text.replace(&format!(">{old}<"), &format!(">{fingerprint}<"));
                let mut options =
                    zip::write::SimpleFileOptions::default().compression_method(file.compression());
                if let Some(t) = file.last_modified() {
                    options = options.last_modified_time(t);
                }
                drop(file);
                dst.start_file(name, options)?;
                dst.write_all(text.as_bytes())?;
            } else {
                dst.raw_copy_file(file)?;
            }
        }
        dst.finish()?.into_inner()
    };
    write_atomic(path, &patched)?;
    Ok(())
}

/// Removes files from earlier runs that this run did not write, then empty folders.
fn remove_others(dir: &Path, expected: &BTreeSet<PathBuf>) -> Result<()> {
    let entries: Vec<_> =
        walkdir::WalkDir::new(dir).contents_first(true).into_iter().collect::<Result<_, _>>()?;
    for entry in entries {
        let path = entry.path();
        if entry.file_type().is_file() && !expected.contains(path) {
            fs::remove_file(path)?;
        } else if entry.file_type().is_dir() && path != dir && fs::read_dir(path)?.next().is_none() {
            fs::remove_dir(path)?;
        }
    }
    Ok(())
}
