//! Regenerates the sample submissions in `data/submissions/2024-Q1/` and `data/submissions/2024-Q2/`.
//!
//! ```text
//! cargo run --release --example sample_submissions                # xlsx, lock file, stray file
//! cargo run --release --example sample_submissions -- --convert   # also the .ods and .xls files
//! ```
//!
//! Every file comes from `baocao::forms::write_form` with a `FormFill`, so the output is
//! deterministic: no randomness, only a hash of the agency code (and task id) where a choice must
//! look arbitrary. The special cases of each quarter (missing, late, typing mistakes, TCVN3, NFD,
//! duplicate, other formats, odd file names) are listed in `scenario.rs`; the figures and where
//! they come from in `figures.rs`; task statuses in `tasks.rs`.
//!
//! The `.ods` and `.xls` files are converted from the generated xlsx by LibreOffice, which is not
//! byte-reproducible, so they are committed and only rebuilt with `--convert`:
//!
//! ```text
//! apt-get install -y libreoffice-calc-nogui
//! soffice --headless -env:UserInstallation=file:///tmp/baocao-lo --convert-to ods --outdir OUT FILE.xlsx
//! soffice --headless -env:UserInstallation=file:///tmp/baocao-lo --convert-to 'xls:MS Excel 97' --outdir OUT FILE.xlsx
//! ```
//! Without `--convert` the committed `.ods`/`.xls` files are kept, with only the plan fingerprint
//! they carry brought up to date (`write::refresh_fingerprint`), so a plan edit needs no LibreOffice.

mod figures;
mod quirks;
mod scenario;
mod tasks;
mod write;

use std::path::PathBuf;
use std::process::ExitCode;

use baocao::plan::load_plan;

/// A number in [0, 1) from a stable hash (FNV-1a) of `parts`: the generator's only "randomness".
pub fn unit_hash(parts: &[&str]) -> f64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h = (h ^ 0x1f).wrapping_mul(0x0100_0000_01b3);
        }
        for b in part.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    // Mix the high bits down so that similar inputs spread over [0, 1).
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    (h >> 11) as f64 / (1u64 << 53) as f64
}

fn main() -> ExitCode {
    let mut convert = false;
    let mut data = PathBuf::from("data");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--convert" => convert = true,
            "--data" => data = args.next().map(PathBuf::from).unwrap_or(data),
            other => {
                eprintln!("lỗi: tham số không hợp lệ `{other}` (dùng --convert, --data THƯ_MỤC)");
                return ExitCode::from(2);
            }
        }
    }
    let plan = match load_plan(&data, 2024) {
        Ok(loaded) if !loaded.has_errors() => loaded.plan,
        _ => {
            eprintln!("lỗi: kế hoạch năm 2024 trong {} không dùng được (chạy `baocao plan`)", data.display());
            return ExitCode::from(1);
        }
    };
    for sc in scenario::scenarios() {
        let dir = data.join("submissions").join(sc.quarter.to_string());
        match write::quarter(&plan, &sc, &dir, convert) {
            Ok(n) => println!("{}: {n} tệp trong {}", sc.quarter.label(), dir.display()),
            Err(e) => {
                eprintln!("lỗi: {e:#}");
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}
