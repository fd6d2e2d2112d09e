//! A resolved run: the folders, the quarter, the dates and the switches every stage reads.

use std::path::PathBuf;

use time::Date;

use crate::period::Quarter;

/// A resolved build: every path absolute or relative to the working folder, every default applied.
#[derive(Debug, Clone)]
pub struct Job {
    /// The data folder.
    pub data: PathBuf,
    /// The output folder (the quarter's files go to `out/<quarter>/`).
    pub out: PathBuf,
    /// The quarter.
    pub quarter: Quarter,
    /// The cut-off date: decides on-time and late.
    pub cutoff: Date,
    /// The signing date given on the command line (`--signing-date`).
    pub signing_date: Option<Date>,
    /// `--final`: refuse to finish while the report is a draft.
    pub final_build: bool,
    /// The user templates folder, when one is used.
    pub templates: Option<PathBuf>,
    /// Extra font folders (e.g. `DATA/fonts`).
    pub font_dirs: Vec<PathBuf>,
    /// Also look for Times New Roman among the machine's fonts.
    pub system_fonts: bool,
    /// Keep the generated `.typ` sources beside the PDFs.
    pub keep_typ: bool,
    /// Also write the package zip.
    pub package: bool,
    /// Also copy the package into `DATA/archive/` (`package --archive`).
    pub archive: bool,
    /// The office's signed PDF and the signing key, for an authoritative package.
    pub upward: crate::package::Upward,
}

impl Job {
    /// `OUT/<quarter>/`.
    pub fn quarter_dir(&self) -> PathBuf {
        self.out.join(self.quarter.to_string())
    }
}
