//! `baocao verify FILE.zip`: says whether a package is intact, or which files changed.

use std::fs::File;
use std::io::BufReader;

use anyhow::{Context, Result};

use super::Outcome;
use crate::cli::VerifyArgs;
use crate::package::certs::load_certificates;
use crate::package::verify::escaped;
use crate::package::verify::verify_trusting;
use crate::package::verify_package;

/// Verifies a package, streaming it from the file; exit 0 when intact (and, with `--trust`,
/// signed by a trusted signer), 1 otherwise.
pub fn run_verify(args: &VerifyArgs) -> Result<Outcome> {
    let path = args.file.to_string_lossy();
    let path = escaped(&path);
    let mut trusted = Vec::new();
    for t in &args.trust {
        let bytes =
            std::fs::read(t).with_context(|| format!("không đọc được chứng thư tin cậy {}", t.display()))?;
        let certs = load_certificates(&bytes)
            .map_err(|e| anyhow::anyhow!("chứng thư tin cậy {}: {e}", t.display()))?;
        trusted.extend(certs);
    }
    let file = File::open(&args.file).with_context(|| format!("không đọc được {path}"))?;
    let reader = BufReader::new(file);
    let v = if args.trust.is_empty() { verify_package(reader) } else { verify_trusting(reader, &trusted) }
        .with_context(|| format!("không kiểm tra được {path}"))?;
    // The signature first, the verdict last.
    print!("{path}: ");
    if let Some(line) = v.signature_line() {
        println!("{line}");
    }
    print!("{v}");
    let ok = if args.trust.is_empty() { v.is_intact() } else { v.is_authentic() };
    Ok(if ok { Outcome::Success } else { Outcome::Failure })
}
