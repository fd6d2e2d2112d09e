//! What turns a draft into the report the office signs: the report's number, the plan's number
//! and date, the signer's name and the signing date.
//!
//! The per-quarter values sit in `DATA/issuance/<quarter>.yaml` (`number`, `signing-date`,
//! `signer-name`); the plan's number and date in `document.yaml`. While any is missing the
//! documents are a DỰ THẢO and [`Issuance::missing`] says what to fill in; `build --final`
//! refuses to finish until nothing is missing.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use time::Date;

use crate::collect::Intake;
use crate::findings::Finding;
use crate::period::Quarter;
use crate::plan::{Plan, PlanDate};

/// `DATA/issuance/<quarter>.yaml`, as written by the văn thư and the leader's secretary.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct IssuanceFile {
    /// The report's number (`125`), assigned when it is issued.
    #[serde(default)]
    pub number: Option<String>,
    /// The date on the report.
    #[serde(default)]
    pub signing_date: Option<PlanDate>,
    /// Who signs (overrides `report.signer.name` of the plan for this quarter).
    #[serde(default)]
    pub signer_name: Option<String>,
}

/// The issuance file of a quarter: `DATA/issuance/<quarter>.yaml`.
pub fn issuance_path(data: &Path, quarter: Quarter) -> PathBuf {
    data.join("issuance").join(format!("{quarter}.yaml"))
}

/// Reads a quarter's issuance file; an absent file is empty, a malformed one an error naming the
/// file and line. A file that leads out of the data folder is not read.
pub fn read_issuance(data: &Path, quarter: Quarter) -> Result<IssuanceFile, Box<Finding>> {
    let path = issuance_path(data, quarter);
    if path.symlink_metadata().is_err() {
        return Ok(IssuanceFile::default());
    }
    let text = crate::confine::read_to_string(data, &path).map_err(|e| {
        let place = crate::findings::Place::file(path.display().to_string());
        Box::new(Finding::error("khong-doc-duoc", place, e.to_string()))
    })?;
    serde_yaml::from_str::<Option<IssuanceFile>>(&crate::vn::nfc(&text))
        .map(Option::unwrap_or_default)
        .map_err(|e| Box::new(crate::plan::yaml_issue(&path, &e)))
}

/// The resolved issuance of one build.
#[derive(Debug, Clone)]
pub struct Issuance {
    /// The report's number, when assigned.
    pub number: Option<String>,
    /// The date on the report.
    pub signing_date: Date,
    /// True when the signing date was given (`--signing-date` or the issuance file), false when
    /// it defaults to the cut-off or the latest report date used.
    pub signing_date_given: bool,
    /// The signer's name, when known.
    pub signer_name: Option<String>,
    /// What is still missing, each as a Vietnamese line naming where to fill it in.
    pub missing: Vec<String>,
}

impl Issuance {
    /// Resolves the issuance: `explicit` is the signing date given on the command line or in the
    /// file; without one the report is dated the cut-off or, if later, the latest report date
    /// among the files used, so it is never dated before its data.
    pub fn resolve(
        plan: &Plan,
        file: &IssuanceFile,
        file_path: &Path,
        explicit: Option<Date>,
        intake: &Intake,
    ) -> Issuance {
        let signing_date = explicit.unwrap_or_else(|| intake.issue_date());
        let given =
            |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        let number = given(&file.number);
        let signer_name = given(&file.signer_name).or_else(|| given(&Some(plan.report.signer.name.clone())));
        let issuance_file = file_path.display();
        let document = plan.dir.join("document.yaml");
        let document = document.display();
        let mut missing = Vec::new();
        if number.is_none() {
            missing.push(format!("số báo cáo (`number` trong {issuance_file})"));
        }
        if explicit.is_none() {
            missing.push(format!(
                "ngày ký báo cáo (`--signing-date` hoặc `signing-date` trong {issuance_file})"
            ));
        }
        if signer_name.is_none() {
            missing.push(format!(
                "họ và tên người ký (`signer-name` trong {issuance_file} hoặc `report.signer.name` trong {document})"
            ));
        }
        if given(&plan.info.number).is_none() {
            missing.push(format!("số của Kế hoạch (`plan.number` trong {document})"));
        }
        if plan.info.date.is_none() {
            missing.push(format!("ngày ban hành Kế hoạch (`plan.date` trong {document})"));
        }
        Issuance { number, signing_date, signing_date_given: explicit.is_some(), signer_name, missing }
    }

    /// A draft dated `signing_date` with nothing else given (tests, previews).
    pub fn draft(signing_date: Date) -> Issuance {
        Issuance {
            number: None,
            signing_date,
            signing_date_given: false,
            signer_name: None,
            missing: vec!["số báo cáo, ngày ký, người ký".to_owned()],
        }
    }

    /// True while anything is missing: every document is marked DỰ THẢO.
    pub fn is_draft(&self) -> bool {
        !self.missing.is_empty()
    }
}
