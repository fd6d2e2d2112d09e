//! Command-line arguments (clap derive); each doc comment is the Vietnamese help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueHint};

use crate::period::Quarter;

const EXIT_CODES: &str = "\
Mã thoát:
  0  chạy xong (báo cáo bị từ chối hay thiếu là phát hiện, không phải lỗi chạy)
  1  không tạo được kết quả dùng được (kế hoạch sai, lỗi mẫu, lỗi dàn trang, lỗi ghi tệp),
     hoặc có lỗi khi dùng --strict
  2  tham số dòng lệnh không hợp lệ";

const TEMPLATE: &str = "\
{before-help}{name} {version} — {about}

{usage-heading} {usage}

{all-args}{after-help}";

/// baocao — tổng hợp báo cáo quý thực hiện Kế hoạch phát triển kinh tế - xã hội.
#[derive(Debug, Parser)]
#[command(
    name = "baocao",
    version,
    about = "tổng hợp báo cáo quý thực hiện Kế hoạch phát triển kinh tế - xã hội",
    help_template = TEMPLATE,
    after_help = EXIT_CODES,
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true,
    next_help_heading = "Tùy chọn chung",
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "LỆNH"
)]
pub struct Cli {
    /// Lệnh cần chạy.
    #[command(subcommand)]
    pub command: Command,

    /// In trợ giúp.
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true)]
    pub help: Option<bool>,

    /// In phiên bản.
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    pub version: Option<bool>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kiểm tra kế hoạch (YAML) và đối chiếu với văn bản kế hoạch.
    #[command(help_template = TEMPLATE, after_help = EXIT_CODES)]
    Plan(PlanArgs),
    /// Tạo biểu mẫu báo cáo quý (xlsx) cho từng cơ quan phải báo cáo.
    #[command(help_template = TEMPLATE, after_help = EXIT_CODES)]
    Forms(FormsArgs),
}

/// Where the data folder is.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Thư mục dữ liệu (kế hoạch, báo cáo của các cơ quan, mẫu, phông chữ).
    #[arg(long, value_name = "THƯ_MỤC", default_value = "data", env = "BAOCAO_DATA", value_hint = ValueHint::DirPath)]
    pub data: PathBuf,
}

/// Arguments of `baocao plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The data folder.
    #[command(flatten)]
    pub data: DataArgs,

    /// Năm kế hoạch (mặc định: năm mới nhất có trong THƯ_MỤC/plan).
    #[arg(long, value_name = "NĂM")]
    pub year: Option<i32>,
}

/// Arguments of `baocao forms`.
#[derive(Debug, Args)]
pub struct FormsArgs {
    /// The data folder.
    #[command(flatten)]
    pub data: DataArgs,

    /// Quý báo cáo, dạng 2024-Q2 (kế hoạch của năm đó được dùng).
    #[arg(long, value_name = "QUÝ", value_parser = parse_quarter)]
    pub quarter: Quarter,

    /// Thư mục kết quả; biểu mẫu được ghi vào THƯ_MỤC/<quý>/bieu-mau/<MÃ>.xlsx.
    #[arg(long, value_name = "THƯ_MỤC", default_value = "out", value_hint = ValueHint::DirPath)]
    pub out: PathBuf,
}

/// Parses a quarter argument such as `2024-Q2`.
pub fn parse_quarter(s: &str) -> Result<Quarter, String> {
    s.parse()
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        super::Cli::command().debug_assert();
    }
}
