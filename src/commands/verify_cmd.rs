//! `baocao verify FILE.zip`: says whether a package is intact, or which files changed.

use anyhow::{Context, Result};

use super::Outcome;
use crate::cli::VerifyArgs;
use crate::package::verify_package;

/// Verifies a package; exit 0 when intact, 1 otherwise.
pub fn run_verify(args: &VerifyArgs) -> Result<Outcome> {
    let bytes =
        std::fs::read(&args.file).with_context(|| format!("không đọc được {}", args.file.display()))?;
    let v = verify_package(&bytes).with_context(|| format!("không kiểm tra được {}", args.file.display()))?;
    print!("{}: {v}", args.file.display());
    Ok(if v.is_intact() { Outcome::Success } else { Outcome::Failure })
}
