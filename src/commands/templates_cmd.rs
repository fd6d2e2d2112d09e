//! `baocao templates eject DIR`: copies the built-in templates out for editing.

use anyhow::{Context, Result};

use super::Outcome;
use crate::cli::TemplatesCommand;
use crate::render::templates::{BUILTIN, eject};

/// Runs a `templates` subcommand.
pub fn run_templates(cmd: &TemplatesCommand) -> Result<Outcome> {
    match cmd {
        TemplatesCommand::Eject { dir } => {
            let written = eject(dir).with_context(|| format!("không ghi được mẫu vào {}", dir.display()))?;
            println!(
                "đã chép {} mẫu vào {} ({} mẫu đã có sẵn, giữ nguyên)",
                written.len(),
                dir.display(),
                BUILTIN.len() - written.len()
            );
            println!(
                "sửa mẫu tại đó rồi chạy `baocao build --templates {}` (hoặc đặt chúng trong THƯ_MỤC_DỮ_LIỆU/templates)",
                dir.display()
            );
            Ok(Outcome::Success)
        }
    }
}
