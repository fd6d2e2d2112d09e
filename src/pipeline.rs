//! The whole quarterly run, as the list of its stages: intake → consolidation → rendering →
//! (package) → writing, each timed on the wall clock.
//!
//! `baocao build`, `baocao package`, the tests and the benchmark all call [`run_build`], so they
//! measure and check exactly what a user runs.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::collect::{self, Intake};
use crate::consolidate::{self, Consolidated};
use crate::findings::{Finding, Place};
use crate::issuance::Issuance;
pub use crate::job::Job;
use crate::output::{Staging, write_atomic};
use crate::package::{self, Provenance};
use crate::period::Quarter;
use crate::plan::Plan;
use crate::render::{self, DocumentTime, RenderError, RenderInput, Templates, Typesetter};

/// What a build produced, with the time each stage took.
pub struct BuildOutput {
    /// Intake of the quarter.
    pub intake: Intake,
    /// The consolidated figures.
    pub consolidated: Consolidated,
    /// The report's number, date and signer; what is missing while it is a draft.
    pub issuance: Issuance,
    /// Files written, in order.
    pub written: Vec<PathBuf>,
    /// Where the time went.
    pub timings: Timings,
    /// The font family used and why.
    pub font: String,
    /// Warnings of consolidation, templates and typesetting (intake findings are in `intake`).
    pub findings: Vec<Finding>,
}

/// Where the time of a build went.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Wall-clock time of each stage, in order; the stages run one after another, so these add
    /// up to the run.
    pub stages: Vec<(&'static str, Duration)>,
    /// Each document's own layout and export time; documents are typeset in parallel, so these
    /// overlap and do not add up to the wall clock.
    pub documents: Vec<DocumentTime>,
}

/// Runs the whole build for a loaded, valid plan, reporting each stage through `progress`.
///
/// Every output goes into a staging folder as it is made, which becomes the quarter's folder in
/// one step only when all stages have succeeded: a failed run leaves the previous outputs as
/// they were.
pub fn run_build(plan: &Plan, job: &Job, progress: &mut dyn FnMut(&str)) -> Result<BuildOutput> {
    let mut timings = Timings::default();
    let mut clock = Instant::now();
    let lap = |name: &'static str, timings: &mut Timings, clock: &mut Instant| {
        timings.stages.push((name, clock.elapsed()));
        *clock = Instant::now();
    };

    // Templates and fonts load on a thread of their own while the submissions are read: intake
    // waits on its reader processes, so this costs the build nothing.
    let loader = {
        let (templates, font_dirs, system_fonts) =
            (job.templates.clone(), job.font_dirs.clone(), job.system_fonts);
        std::thread::spawn(move || {
            (Templates::load(templates.as_deref()), Typesetter::new(&font_dirs, system_fonts))
        })
    };
    let issuance_file = crate::issuance::read_issuance(&job.data, job.quarter).map_err(IssuanceError)?;
    let explicit = job.signing_date.or(issuance_file.signing_date.map(|d| d.0));
    let intake = collect::run_intake_until(plan, &job.data, job.quarter, job.cutoff, explicit)?;
    let mut issuance = Issuance::resolve(
        plan,
        &issuance_file,
        &crate::issuance::issuance_path(&job.data, job.quarter),
        explicit,
        &intake,
    );
    let (notes, notes_finding) = read_notes(&job.data, job.quarter)?;
    // The year's report is not final without next year's directions, which only the
    // department writes (section IV of its notes).
    if job.quarter.number == 4 && !crate::render::notes_fill(notes.as_deref(), "IV") {
        issuance.missing.push(format!(
            "phương hướng, mục tiêu năm {} (mục `## IV.` trong notes/{}.md)",
            job.quarter.year + 1,
            job.quarter
        ));
    }
    if job.final_build && issuance.is_draft() {
        return Err(NotFinal(issuance.missing).into());
    }
    let mut intake = intake;
    intake.issued = Some(issuance.signing_date);
    let past = past_figures(plan, &job.data, job.quarter)?;
    progress(&format!(
        "tiếp nhận: {} tệp, {} cơ quan đã gửi",
        intake.files.len(),
        intake.submissions().count()
    ));
    lap("tiếp nhận", &mut timings, &mut clock);

    let mut consolidated = consolidate::consolidate_with(plan, &intake, past.history());
    consolidated.reconcile.extend(past.orphans.iter().cloned());
    for point in &past.year_so_far {
        if let Some(a) = point.archived.as_ref().filter(|a| !consolidated.archived.contains(a)) {
            consolidated.archived.push(a.clone());
        }
    }
    consolidated.year_so_far = past.year_so_far.clone();
    intake.attach(consolidated.review());
    progress(&format!(
        "tổng hợp: {} chỉ tiêu, {} nhiệm vụ",
        consolidated.indicators.len(),
        consolidated.tasks.len()
    ));
    lap("tổng hợp", &mut timings, &mut clock);

    let (templates, typesetter) = loader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    let (templates, typesetter) = (templates?, typesetter?);
    lap("nạp mẫu và phông chữ", &mut timings, &mut clock);
    let input = RenderInput {
        plan,
        intake: &intake,
        consolidated: &consolidated,
        issuance: &issuance,
        notes: notes.as_deref(),
        keep_typ: job.keep_typ,
        workbook: job.package,
    };
    let dir = job.quarter_dir();
    let staging = Staging::begin(&dir)
        .with_context(|| format!("không tạo được thư mục tạm để ghi kết quả cạnh {}", dir.display()))?;
    let documents =
        render::render(&input, &templates, &typesetter, &staging).or_else(|e| keep_sources(e, job))?;
    progress(&format!(
        "dàn trang: {} tài liệu PDF, phông chữ {}",
        documents.documents.len(),
        typesetter.body_family()
    ));
    timings.stages.extend(documents.steps);
    timings.documents = documents.documents;
    clock = Instant::now();

    let mut zip = None;
    if job.package {
        let provenance = Provenance {
            plan,
            job,
            intake: &intake,
            templates: templates.sources(),
            fonts: typesetter.font_report(),
            notes: notes.as_deref(),
            signing_date: issuance.signing_date,
        };
        let files = staging.read_back(package::is_packaged).context("không đọc lại được tệp để đóng gói")?;
        let package = package::build_package(files, &provenance)?;
        staging.put(&package).context("không ghi được gói báo cáo")?;
        progress(&format!("đóng gói: {}", dir.join(&package.path).display()));
        zip = Some(package);
        lap("đóng gói", &mut timings, &mut clock);
    }

    let mut written =
        staging.commit().with_context(|| format!("không ghi được kết quả vào {}", dir.display()))?;
    if job.archive
        && let Some(zip) = &zip
    {
        match crate::history::archive_package(&job.data, job.quarter, &zip.bytes)
            .context("không lưu được gói vào thư mục lưu trữ")?
        {
            crate::history::Archived::New(path) => {
                let draft = if issuance.is_draft() {
                    " (bản DỰ THẢO: ban-dung.json trong gói ghi là dự thảo, và mọi so sánh với gói này ghi rõ là số liệu dự thảo)"
                } else {
                    ""
                };
                progress(&format!("lưu trữ: {}{draft}", path.display()));
                written.push(path);
            }
            crate::history::Archived::Unchanged(path) => {
                progress(&format!("lưu trữ: {} đã có gói giống hệt, không lưu thêm", path.display()));
            }
        }
    }
    lap("ghi tệp", &mut timings, &mut clock);

    let mut findings = consolidated.warnings.clone();
    findings.extend(past.warnings);
    findings.extend(notes_finding);
    findings.extend(documents.findings);
    let font = format!("{} ({})", typesetter.body_family(), typesetter.font_report().reason);
    Ok(BuildOutput { intake, consolidated, issuance, written, timings, font, findings })
}

/// `build --final` of a report that still lacks some of its issuance fields.
#[derive(Debug)]
pub struct NotFinal(pub Vec<String>);

impl std::fmt::Display for NotFinal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "chưa thể xuất bản chính thức (--final): báo cáo còn thiếu")?;
        for m in &self.0 {
            writeln!(f, "  - {m}")?;
        }
        write!(f, "không tệp nào được ghi; điền đủ các mục trên rồi chạy lại")
    }
}

impl std::error::Error for NotFinal {}

/// A malformed issuance file (`DATA/issuance/<quarter>.yaml`).
#[derive(Debug)]
pub struct IssuanceError(pub Box<Finding>);

impl std::fmt::Display for IssuanceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for IssuanceError {}

/// The earlier figures a quarter is compared with, read once for `build` and `check` alike.
#[derive(Debug, Default)]
pub struct Past {
    /// The same year's previous quarter.
    pub previous: Option<consolidate::Earlier>,
    /// The same quarter of last year (archived package only).
    pub last_year: Option<consolidate::Earlier>,
    /// The same year's earlier quarters read from their archived packages, oldest first (the
    /// trend chart's points).
    pub year_so_far: Vec<consolidate::YearPoint>,
    /// Archived packages that could not be used (altered on disk, unknown schema): warnings.
    pub warnings: Vec<Finding>,
    /// Earlier figures of agencies no longer in the plan and replaced by none: listed for the
    /// department (`cần thống nhất số liệu`), not compared.
    pub orphans: Vec<Finding>,
}

impl Past {
    /// The history consolidation compares with.
    pub fn history(&self) -> consolidate::History<'_> {
        consolidate::History { previous: self.previous.as_ref(), last_year: self.last_year.as_ref() }
    }

    /// Keeps `earlier` under this plan's agency codes, listing the figures nobody succeeds.
    fn keep(&mut self, plan: &Plan, earlier: consolidate::Earlier) -> consolidate::Earlier {
        let (earlier, orphans) = earlier.follow_successors(plan);
        let source = earlier.archived.as_ref().map(|a| a.file.clone());
        let label = earlier.quarter.map(Quarter::label).unwrap_or_default();
        self.orphans.extend(orphans.iter().map(|o| orphan_finding(o, &label, source.as_deref())));
        earlier
    }
}

/// The figures of the previous quarter and of the same quarter last year. The previous quarter
/// comes from its latest archived package when there is one (the record of what was sent), else
/// from its submissions when present; last year's only from its archived package. An archived
/// package that cannot be used (altered on disk, unknown schema) is not replaced by
/// submissions: its comparison is left out and a warning says why.
pub fn past_figures(plan: &Plan, data: &Path, quarter: Quarter) -> Result<Past> {
    let mut past = Past::default();
    if let Some(previous) = quarter.previous_in_year() {
        // The quarters before the previous one are read only for the year's trend chart.
        for number in 1..previous.number {
            match crate::history::read_earlier(data, Quarter { year: quarter.year, number }) {
                Ok(Some((earlier, _))) => past.year_so_far.extend(year_point(&earlier)),
                Ok(None) => {}
                Err(warning) => past.warnings.push(*warning),
            }
        }
        let earlier = match crate::history::read_earlier(data, previous) {
            Ok(Some((earlier, _))) => {
                past.year_so_far.extend(year_point(&earlier));
                Some(earlier)
            }
            Ok(None) if collect::submissions_dir(data, previous).is_dir() => {
                let deadline = previous.deadline(plan.info.submission_day);
                let intake = collect::run_intake(plan, data, previous, deadline)?;
                Some(consolidate::Earlier::from_intake(&intake))
            }
            Ok(None) => None,
            Err(warning) => {
                past.warnings.push(*warning);
                None
            }
        };
        past.previous = earlier.map(|e| past.keep(plan, e));
    }
    match crate::history::read_earlier(data, quarter.a_year_before()) {
        Ok(Some((earlier, _))) => past.last_year = Some(past.keep(plan, earlier)),
        Ok(None) => {}
        Err(warning) => past.warnings.push(*warning),
    }
    Ok(past)
}

/// An archived quarter's point of the year's trend chart.
fn year_point(earlier: &consolidate::Earlier) -> Option<consolidate::YearPoint> {
    Some(consolidate::YearPoint {
        quarter: earlier.quarter?,
        percents: earlier.percents.clone(),
        archived: earlier.archived.clone(),
    })
}

/// The finding that lists an earlier agency's figures nobody in the plan succeeds.
fn orphan_finding(o: &consolidate::Orphan, quarter: &str, source: Option<&str>) -> Finding {
    let figures: Vec<String> = o
        .measures
        .iter()
        .map(|(code, v)| {
            format!("{code} = {} (tệp {}, ô {})", crate::vn::number(v.value), v.cell.file, v.cell.a1())
        })
        .collect();
    let mut listed = if figures.is_empty() { String::new() } else { format!(": {}", figures.join("; ")) };
    if o.others > 0 {
        listed.push_str(&format!(
            "{}{} số liệu tăng trưởng, nhiệm vụ",
            if figures.is_empty() { ": " } else { "; " },
            o.others
        ));
    }
    let from = source.map(|f| format!(" (gói {f})")).unwrap_or_default();
    let mut f = Finding::warning(
        "so-lieu-khong-co-don-vi-ke-thua",
        Place::default(),
        format!(
            "Số liệu {quarter}{from} của mã {} không thuộc cơ quan nào trong kế hoạch và không có cơ quan kế thừa{listed}; không dùng để so sánh.",
            o.agency
        ),
    );
    f.fix = format!(
        "nếu đơn vị mã {} đã sáp nhập hoặc đổi tên, ghi replaces: [{}] ở cơ quan kế thừa trong danh mục cơ quan của kế hoạch",
        o.agency, o.agency
    );
    f
}

/// On a typesetting error, writes the generated sources into `OUT/<quý>-loi-dan-trang/` (beside
/// the quarter's folder, which stays as it was) so the `<tài liệu>.typ:LINE:COL` of the error
/// can be opened, and returns the error with that said.
fn keep_sources<T>(e: RenderError, job: &Job) -> Result<T> {
    let RenderError::Typeset { error, sources } = e else { return Err(e.into()) };
    let dir = job.out.join(format!("{}-loi-dan-trang", job.quarter));
    for s in &sources {
        let _ = write_atomic(&dir.join(&s.path), &s.bytes);
    }
    Err(anyhow::Error::new(error).context(format!(
        "không dàn trang được tài liệu; mã nguồn Typst đã sinh được ghi vào {} để tra dòng báo lỗi",
        dir.display()
    )))
}

/// The department's notes for the quarter, `DATA/notes/<quarter>.md`, when present; a link
/// leading out of the data folder is not read (a warning says so).
fn read_notes(data: &Path, quarter: Quarter) -> Result<(Option<String>, Option<Finding>)> {
    let path = data.join("notes").join(format!("{quarter}.md"));
    if path.symlink_metadata().is_err() {
        return Ok((None, None));
    }
    match crate::confine::read_to_string(data, &path) {
        Ok(text) => Ok((Some(crate::vn::nfc(&text)), None)),
        Err(e) if crate::confine::outside(&e).is_some() => {
            let place = Place::file(path.display().to_string());
            Ok((None, Some(Finding::warning("ngoai-thu-muc-du-lieu", place, e.to_string()))))
        }
        Err(e) => Err(anyhow::Error::new(e).context(format!("không đọc được ghi chú {}", path.display()))),
    }
}
