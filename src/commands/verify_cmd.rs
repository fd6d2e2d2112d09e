//! `baocao verify FILE.zip`: says whether a package is intact, or which files changed.

use std::fs::File;
use std::io::BufReader;

use anyhow::{Context, Result};

use super::Outcome;
use crate::cli::VerifyArgs;
use crate::package::verify::escaped;
use crate::package::verify_package;

/// Verifies a package, streaming it from the file; exit 0 when intact, 1 otherwise.
pub fn run_verify(args: &VerifyArgs) -> Result<Outcome> {
    let path = args.file.to_string_lossy();
    let path = escaped(&path);
    let file = File::open(&args.file).with_context(|| format!("không đọc được {path}"))?;
    let v = verify_package(BufReader::new(file)).with_context(|| format!("không kiểm tra được {path}"))?;
    print!("{path}: {v}");
    Ok(if v.is_intact() { Outcome::Success } else { Outcome::Failure })
}
