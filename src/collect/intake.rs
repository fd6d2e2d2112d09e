//! One file from disk to outcome: read (bounded), hash, open, identify, read the sheets.
//!
//! Nothing here may panic on input; calamine is additionally fenced with `catch_unwind` (and a
//! panic hook that keeps its message off the terminal, `quiet_panic`), so a parser bug on a
//! hostile file becomes a rejected file, not a crashed run. What `catch_unwind` cannot stop (a
//! failed allocation aborts the process, a loop never ends) is the job of the worker processes
//! (`pool`), or, when a file is read in this process, of the pre-scan (`prescan`).

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;

use serde::{Deserialize, Serialize};
use time::Date;

use super::discover::{Candidate, outcome, too_large};
use super::index::{Duties, PlanIndex};
use super::info::read_info;
use super::issues::{Issues, Loc, code};
use super::model::{AgencySubmission, FileOutcome, FileStatus};
use super::ods_size::ods_grid_cells;
use super::prescan::{self, Unprovable};
use super::quiet_panic::catch_quietly;
use super::rows::find_sheet;
use super::sheets::{SheetCtx, is_known_sheet, read_growth, read_measures, read_tasks};
use super::workbook::{CellPos, Workbook, read_workbook};
use crate::contract::SHEET_INFO;
use crate::hash::sha256_hex;
use crate::period::Quarter;
use crate::plan::Plan;
use crate::vn::legacy::TextEncoding;

/// The run's fixed inputs, shared by every reader thread.
#[derive(Debug)]
pub struct Ctx<'p> {
    /// The plan.
    pub plan: &'p Plan,
    /// Codes and duties from the plan.
    pub index: PlanIndex<'p>,
    /// The quarter.
    pub quarter: Quarter,
    /// The submission deadline.
    pub deadline: Date,
    /// The run's cut-off date.
    pub cutoff: Date,
    /// The size limit in bytes.
    pub max_bytes: u64,
}

impl<'p> Ctx<'p> {
    /// Builds the context (and the plan index) for one run.
    pub fn new(plan: &'p Plan, quarter: Quarter, cutoff: Date) -> Self {
        Ctx {
            plan,
            index: PlanIndex::new(plan),
            quarter,
            deadline: quarter.deadline(plan.info.submission_day),
            cutoff,
            max_bytes: plan.report.max_file_size_mb.saturating_mul(1_048_576),
        }
    }
}

/// One file after reading: its outcome and, when accepted, what it reports.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileRead {
    /// The outcome (status, findings).
    pub outcome: FileOutcome,
    /// The content, when accepted.
    pub submission: Option<AgencySubmission>,
}

/// Reads one candidate file; never panics and never fails: problems become findings.
///
/// With `prescan_limit` (reading in this process, not isolated), the file is opened only when the
/// pre-scan proves that reading it takes at most that many bytes; otherwise it is rejected.
pub fn read_submission(ctx: &Ctx<'_>, c: &Candidate, prescan_limit: Option<u64>) -> FileRead {
    let bytes = match read_bounded(c, ctx.max_bytes) {
        Ok(b) if b.len() as u64 > ctx.max_bytes => {
            return FileRead { outcome: too_large(&c.rel, b.len() as u64, ctx.max_bytes), submission: None };
        }
        Ok(b) => b,
        Err(e) => {
            let mut issues = Issues::new(&c.rel);
            let msg = format!("không đọc được tệp ({})", super::discover::io_reason(&e));
            issues.error(
                code::UNREADABLE,
                Loc::File,
                None,
                msg,
                "kiểm tra quyền đọc của tệp rồi chạy lại".to_owned(),
            );
            return FileRead {
                outcome: outcome(&c.rel, c.size, FileStatus::Rejected, issues.list),
                submission: None,
            };
        }
    };
    let sha = sha256_hex(&bytes);
    let mut read = match prescan_limit.map(|limit| (limit, prescan::estimate(&bytes, limit))) {
        Some((limit, Err(unprovable))) => not_prescanned(&c.rel, limit, &unprovable),
        _ => catch_quietly(|| analyse(ctx, &c.rel, &bytes)).unwrap_or_else(|panic| {
            let mut issues = Issues::new(&c.rel);
            let panic: String = panic.chars().take(200).collect();
            corrupt(&mut issues, format!("lỗi không mong đợi khi phân tích tệp: {panic}"));
            FileRead { outcome: outcome(&c.rel, 0, FileStatus::Rejected, issues.list), submission: None }
        }),
    };
    read.outcome.size = bytes.len() as u64;
    read.outcome.sha256 = Some(sha);
    read
}

/// Reads at most `max + 1` bytes, so a file that grew after listing is never read whole.
fn read_bounded(c: &Candidate, max: u64) -> std::io::Result<Vec<u8>> {
    let file = File::open(&c.abs)?;
    let mut bytes = Vec::with_capacity(usize::try_from(c.size.min(max)).unwrap_or(0));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The rejection of a file the pre-scan could not prove cheap enough to read in this process.
fn not_prescanned(rel: &str, limit: u64, unprovable: &Unprovable) -> FileRead {
    let mut issues = Issues::new(rel);
    let mb = |b: u64| crate::vn::number((b as f64 / 1_048_576.0).round());
    match unprovable {
        Unprovable::OverLimit(bytes) => issues.error(
            code::TOO_LARGE,
            Loc::File,
            None,
            format!(
                "đọc tệp cần ít nhất {} MB bộ nhớ, vượt giới hạn {} MB; tệp không được đọc",
                mb(*bytes),
                mb(limit)
            ),
            "xóa các dòng, cột, trang thừa ở xa vùng số liệu, lưu lại bằng Excel dưới dạng .xlsx rồi gửi lại"
                .to_owned(),
        ),
        Unprovable::Unknown(reason) => issues.error(
            code::READER_FAILED,
            Loc::File,
            None,
            format!("không kiểm tra trước được bộ nhớ cần để đọc tệp ({reason}); tệp không được đọc"),
            "lưu lại tệp bằng Excel dưới dạng .xlsx rồi gửi lại".to_owned(),
        ),
    }
    rejected(rel, issues, None)
}

fn corrupt(issues: &mut Issues, detail: String) {
    issues.error(
        code::CORRUPT,
        Loc::File,
        None,
        format!("tệp không mở được như một bảng tính ({detail})"),
        "mở tệp bằng Excel, lưu lại dạng .xlsx rồi gửi lại".to_owned(),
    );
}

fn rejected(rel: &str, issues: Issues, agency: Option<crate::plan::AgencyCode>) -> FileRead {
    let mut o = outcome(rel, 0, FileStatus::Rejected, issues.list);
    o.agency = agency;
    FileRead { outcome: o, submission: None }
}

/// How many times its size a zip-based workbook (xlsx, ods) may unpack to: a guard against zip
/// bombs, checked on the archive's directory before calamine inflates anything.
pub const MAX_UNPACK_RATIO: u64 = 20;

/// The declared unpacked size of a zip-based workbook; `None` when the bytes are not a zip.
fn unpacked_size(bytes: &[u8]) -> Option<u128> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?.decompressed_size()
}

/// Records `tep-qua-lon` and returns false when a zip-based file unpacks beyond the limit.
fn unpacks_within_limit(ctx: &Ctx<'_>, bytes: &[u8], issues: &mut Issues) -> bool {
    let limit = ctx.max_bytes.saturating_mul(MAX_UNPACK_RATIO);
    let Some(unpacked) = unpacked_size(bytes).filter(|u| *u > u128::from(limit)) else {
        return true;
    };
    let mb = |b: f64| crate::vn::number(b / 1_048_576.0);
    issues.error(
        code::TOO_LARGE,
        Loc::File,
        None,
        format!(
            "tệp giải nén ra {} MB, vượt giới hạn {} MB; tệp không được đọc",
            mb(unpacked as f64),
            mb(limit as f64)
        ),
        "xóa ảnh, trang thừa và định dạng thừa rồi gửi lại biểu mẫu".to_owned(),
    );
    false
}

/// The most cells an ODS may make calamine allocate (the rectangles of its sheets' non-empty
/// cells, repeats expanded); a form fills a few thousand.
pub const MAX_ODS_GRID_CELLS: u64 = 2_000_000;

/// Records `tep-qua-lon` and returns false when an ODS's repeated rows and cells would expand
/// beyond [`MAX_ODS_GRID_CELLS`] (checked before calamine expands them; see `ods_size`).
fn ods_grid_within_limit(ctx: &Ctx<'_>, bytes: &[u8], issues: &mut Issues) -> bool {
    let limit = ctx.max_bytes.saturating_mul(MAX_UNPACK_RATIO);
    let Some(cells) = ods_grid_cells(bytes, limit).filter(|c| *c > MAX_ODS_GRID_CELLS) else {
        return true;
    };
    issues.error(
        code::TOO_LARGE,
        Loc::File,
        None,
        format!(
            "bảng tính khai báo {} ô (các dòng, ô lặp lại), vượt giới hạn {} ô; tệp không được đọc",
            crate::vn::number(cells as f64),
            crate::vn::number(MAX_ODS_GRID_CELLS as f64)
        ),
        "xóa các dòng, cột thừa ở xa vùng số liệu (hoặc dùng biểu mẫu .xlsx do Sở gửi) rồi gửi lại"
            .to_owned(),
    );
    false
}

fn analyse(ctx: &Ctx<'_>, rel: &str, bytes: &[u8]) -> FileRead {
    let mut issues = Issues::new(rel);
    if !unpacks_within_limit(ctx, bytes, &mut issues) || !ods_grid_within_limit(ctx, bytes, &mut issues) {
        return rejected(rel, issues, None);
    }
    let extension = rel.rsplit_once('.').map_or("", |(_, e)| e);
    let book = match read_workbook(bytes, extension) {
        Ok(b) => b,
        Err(e) => {
            corrupt(&mut issues, e);
            return rejected(rel, issues, None);
        }
    };
    let unreadable = report_unreadable(&book, &mut issues);
    if book.sheets.iter().all(|s| s.is_empty()) && unreadable.is_empty() {
        let msg = "bảng tính không có dữ liệu".to_owned();
        issues.error(code::EMPTY_WORKBOOK, Loc::File, None, msg, "gửi biểu mẫu đã điền số liệu".to_owned());
        return rejected(rel, issues, None);
    }
    let Some(info_sheet) = find_sheet(&book.sheets, SHEET_INFO) else {
        issues.error(
            code::NO_INFO_SHEET,
            Loc::File,
            None,
            format!("không có trang \"{SHEET_INFO}\", không xác định được cơ quan gửi"),
            format!("dùng biểu mẫu do Sở gửi, giữ nguyên trang \"{SHEET_INFO}\""),
        );
        return rejected(rel, issues, None);
    };
    let file_name = rel.rsplit('/').next().unwrap_or(rel);
    let info = match read_info(ctx, info_sheet, file_name, &mut issues) {
        Ok(i) => i,
        Err(refused) => return rejected(rel, issues, refused.agency),
    };
    let no_duties = Duties::default();
    let duties = ctx.index.duties.get(&info.agency).unwrap_or(&no_duties);
    let sc = SheetCtx {
        ctx,
        agency: &info.agency,
        duties,
        styles_known: book.styles_known,
        unreadable: &unreadable,
    };
    let measures = read_measures(&sc, &book.sheets, &mut issues);
    let growth = read_growth(&sc, &book.sheets, &mut issues);
    let tasks = read_tasks(&sc, &book.sheets, &mut issues);
    let encoding = report_encoding(&book, &mut issues);
    let submission = AgencySubmission {
        agency: info.agency.clone(),
        file: rel.to_owned(),
        report_date: info.valid_date,
        preparer: info.preparer,
        phone: info.phone,
        measures,
        growth,
        tasks,
    };
    let mut o = outcome(rel, 0, FileStatus::Accepted, issues.list);
    o.agency = Some(info.agency);
    o.report_date = info.typed_date;
    o.encoding = encoding;
    FileRead { outcome: o, submission: Some(submission) }
}

/// Records sheets calamine could not read; returns their names.
fn report_unreadable(book: &Workbook, issues: &mut Issues) -> Vec<String> {
    for (name, detail) in &book.unreadable {
        let msg = format!("không đọc được trang \"{name}\" ({detail})");
        let fix = "mở tệp bằng Excel, lưu lại dạng .xlsx rồi gửi lại".to_owned();
        if is_known_sheet(name) {
            issues.error(code::SHEET_UNREADABLE, Loc::Sheet(name), None, msg, fix);
        } else {
            issues.warn(code::SHEET_UNREADABLE, Loc::Sheet(name), None, msg, fix);
        }
    }
    for (name, detail) in &book.unknown_styles {
        issues.warn(
            code::STYLES_UNKNOWN,
            Loc::Sheet(name),
            None,
            format!("không đọc được định dạng ô của trang \"{name}\" ({detail}); ô phần trăm được suy đoán"),
            "mở tệp bằng Excel, lưu lại dạng .xlsx rồi gửi lại".to_owned(),
        );
    }
    book.unreadable.iter().map(|(n, _)| n.clone()).collect()
}

/// Counts converted text cells; warns about TCVN3/VNI and returns the label for `FileOutcome`.
fn report_encoding(book: &Workbook, issues: &mut Issues) -> Option<String> {
    let mut seen: HashMap<TextEncoding, (usize, String, CellPos)> = HashMap::new();
    for sheet in &book.sheets {
        for (pos, cell) in sheet.cells() {
            if cell.encoding != TextEncoding::Unicode {
                seen.entry(cell.encoding).or_insert((0, sheet.name.clone(), pos)).0 += 1;
            }
        }
    }
    let mut found: Vec<(TextEncoding, (usize, String, CellPos))> = seen.into_iter().collect();
    found.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.label().cmp(b.0.label())));
    for (enc, (count, sheet, pos)) in found.iter().filter(|(e, _)| *e != TextEncoding::Nfd) {
        issues.warn(
            code::LEGACY_ENCODING,
            Loc::Cell(sheet, *pos),
            None,
            format!("{count} ô chữ gõ theo bảng mã {} đã được chuyển sang Unicode; kiểm tra lại chữ trong biên nhận", enc.label()),
            "lần sau gõ bằng bảng mã Unicode với phông Times New Roman (không dùng .VnTime, VNI-Times)".to_owned(),
        );
    }
    let labels: Vec<&str> = found.iter().map(|(e, _)| e.label()).collect();
    (!labels.is_empty()).then(|| labels.join(", "))
}
