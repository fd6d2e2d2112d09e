//! `document.yaml`: the plan document itself (Kế hoạch: number, date, signer, the resolutions it
//! implements) and the settings of the quarterly report on it (issuer, recipients, appendices,
//! judgement thresholds, checks, calendar).

use serde::{Deserialize, Serialize};

use crate::period::{PeriodNames, PeriodNaming, Quarter};
use crate::plan::check_settings::CheckSettings;
use crate::plan::codes::{AgencyCode, PlanDate};

/// `document.yaml`: the plan document and the settings of the quarterly report.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DocumentFile {
    /// The plan document.
    pub plan: PlanInfo,
    /// Who issues the quarterly report and how it is laid out.
    pub report: ReportSettings,
}

/// The plan document (Kế hoạch) itself.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlanInfo {
    /// The province (`Bắc Giang`).
    pub province: String,
    /// The plan year.
    pub year: i32,
    /// The issuing body in full (`Ủy ban nhân dân tỉnh Bắc Giang`).
    pub issuer: String,
    /// The issuing body as running text abbreviates it (`UBND tỉnh`).
    pub issuer_short: String,
    /// The document number, when known (the seed leaves it blank).
    #[serde(default)]
    pub number: Option<String>,
    /// The document symbol (`KH-UBND`).
    pub symbol: String,
    /// The signing date, when known.
    #[serde(default)]
    pub date: Option<PlanDate>,
    /// The date line as the document writes it when the day is blank (`tháng 01 năm 2024`).
    #[serde(default)]
    pub date_text: Option<String>,
    /// The trích yếu.
    pub title: String,
    /// The resolutions the plan implements.
    #[serde(default)]
    pub implements: Vec<Resolution>,
    /// Who signed the plan.
    pub signer: Signer,
    /// The day every agency must have issued its action programme (section III).
    pub action_programme_deadline: PlanDate,
    /// Agencies report before the 15th of the quarter's last month: this is the last allowed day.
    pub submission_day: u8,
    /// The plan's text as Markdown, relative to `DATA/plan/` (`2024.md`).
    pub text: String,
}

/// A resolution the plan implements.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Resolution {
    /// Its number and symbol (`01/NQ-CP`).
    pub number: String,
    /// Its date, when stated.
    #[serde(default)]
    pub date: Option<PlanDate>,
    /// Who issued it (`Chính phủ`).
    pub issuer: String,
    /// What it is about.
    pub title: String,
}

/// A signature block: authority line, position, name.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Signer {
    /// The authority line (`TM. ỦY BAN NHÂN DÂN`, `KT. GIÁM ĐỐC`).
    pub authority: String,
    /// The position (`CHỦ TỊCH`, `PHÓ GIÁM ĐỐC`).
    pub title: String,
    /// The signer's name; empty leaves the line for a handwritten name.
    #[serde(default)]
    pub name: String,
}

/// The quarterly report's issuer, numbering, recipients and appendix titles (domain §6.3).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReportSettings {
    /// The governing body line of the header (`UBND TỈNH BẮC GIANG`).
    pub parent_agency: String,
    /// The issuing agency line of the header (`SỞ KẾ HOẠCH VÀ ĐẦU TƯ`).
    pub issuing_agency: String,
    /// The issuing agency's code among the plan's agencies.
    pub issuer_code: AgencyCode,
    /// The place written before the date (`Bắc Giang`).
    pub place: String,
    /// The report symbol after the number (`BC-SKHĐT`).
    pub symbol: String,
    /// Who signs the report (the name may also be given per quarter in `DATA/issuance/`).
    pub signer: Signer,
    /// The body the report is addressed to (`UBND tỉnh`); by default the plan's issuer.
    #[serde(default)]
    pub reports_to: Option<String>,
    /// How the reports of each quarter name their period (defaults: `quý I năm …`, `6 tháng đầu
    /// năm …`, `9 tháng năm …`, `năm …` and the look-ahead periods).
    #[serde(default, skip_serializing_if = "PeriodNaming::is_empty")]
    pub period_names: PeriodNaming,
    /// The plan's own collective phrase and counting noun for a kind of agency (by default
    /// built from the kind and, for local government, from the units' names).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub agency_kinds: std::collections::BTreeMap<super::AgencyKind, crate::plan::KindNaming>,
    /// The recipients, in order, without the archive line.
    pub recipients: Vec<String>,
    /// The archive line's content (`VT, TH`).
    pub archive: String,
    /// The report goes upward by this day of the quarter's last month (25 under Nghị định 09).
    pub upward_deadline_day: u8,
    /// The word before an appendix number (`Phụ lục`).
    pub appendix_word: String,
    /// The three appendices.
    pub appendices: Appendices,
    /// Submissions larger than this many megabytes are rejected unread.
    #[serde(default = "default_max_file_mb")]
    pub max_file_size_mb: u64,
    /// The thresholds figures are judged by.
    #[serde(default)]
    pub judgement: Judgement,
    /// The data-quality checks of consolidation (rule code → `off`/`warning`/`error` or a
    /// mapping with bands); a rule left out keeps its default (see
    /// [`CheckParams::DEFAULT`](super::check_settings::CheckParams::DEFAULT)). Validation refuses
    /// an unknown rule code or a band the rule does not have.
    #[serde(default, skip_serializing_if = "CheckSettings::is_empty")]
    pub checks: CheckSettings,
    /// Public holidays (besides Saturdays and Sundays) skipped when counting working days.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<PlanDate>,
    /// Working days an agency has, from the receipt's date, to resend a corrected report.
    #[serde(default = "default_correction_days")]
    pub correction_working_days: u32,
}

fn default_correction_days() -> u32 {
    2
}

impl ReportSettings {
    /// How documents name quarter `q`'s period and the period after it.
    pub fn period(&self, q: Quarter) -> PeriodNames {
        self.period_names.names(q)
    }
}

/// The thresholds by which consolidation judges figures (domain §7); each has a default.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Judgement {
    /// A flow may lag the expected share of the year by this many points of % of plan before it
    /// is "chậm so với tiến độ".
    pub pace_slack: f64,
    /// A full-year estimate that needs the rest of the year to run at more than this many times
    /// the pace so far is "ước tính cần thận trọng".
    pub estimate_stretch: f64,
    /// A level quantity with no estimate within this % of its target is "có khả năng đạt".
    pub level_slack_percent: f64,
    /// A rate with no estimate within this many điểm % of its target is "có khả năng đạt".
    pub level_slack_points: f64,
    /// Sector contributions may differ from the authoritative GRDP growth by this many điểm %.
    pub growth_tolerance: f64,
}

impl Default for Judgement {
    fn default() -> Self {
        Judgement {
            pace_slack: 5.0,
            estimate_stretch: 1.5,
            level_slack_percent: 5.0,
            level_slack_points: 1.0,
            growth_tolerance: 0.05,
        }
    }
}

fn default_max_file_mb() -> u64 {
    20
}

/// Numbers and titles of Phụ lục 1–3.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Appendices {
    /// Phụ lục 1: main indicators.
    pub indicators: Appendix,
    /// Phụ lục 2: growth scenario.
    pub growth: Appendix,
    /// Phụ lục 3: tasks and their targets.
    pub tasks: Appendix,
}

/// One appendix's number and title.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Appendix {
    /// Its number as printed (`1`, or `I` under the decree's Roman numbering).
    pub number: String,
    /// Its title (upper case in print).
    pub title: String,
}
