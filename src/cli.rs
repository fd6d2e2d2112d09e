//! Command-line arguments (clap derive); each doc comment is the Vietnamese help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueHint};

use time::Date;

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

    /// Tiếp nhận và kiểm tra báo cáo các cơ quan đã gửi cho một quý; lập phiếu phản hồi.
    ///
    /// Đọc mọi tệp trong THƯ_MỤC/submissions/<quý>/, kiểm tra từng trang, từng ô, rồi ghi
    /// tiep-nhan.md, tiep-nhan.json và phan-hoi/<MÃ>.md vào KẾT_QUẢ/<quý>/.
    #[command(help_template = TEMPLATE, after_help = EXIT_CODES)]
    Check(CheckArgs),
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

/// Arguments of `baocao check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The data folder.
    #[command(flatten)]
    pub data: DataArgs,

    /// Quý báo cáo, dạng 2024-Q2.
    #[arg(long, value_name = "QUÝ", value_parser = parse_quarter)]
    pub quarter: Quarter,

    /// Thư mục kết quả; các tệp được ghi vào KẾT_QUẢ/<quý>/.
    #[arg(long, value_name = "KẾT_QUẢ", default_value = "out", env = "BAOCAO_OUT", value_hint = ValueHint::DirPath)]
    pub out: PathBuf,

    /// Ngày chốt tiếp nhận, dạng 2024-06-14 (mặc định: hạn gửi báo cáo của quý).
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub cutoff: Option<Date>,

    /// Thoát với mã 1 nếu có bất kỳ lỗi nào trong các tệp đã nhận.
    #[arg(long)]
    pub strict: bool,

    /// Không in tiến trình và từng phát hiện (vẫn in dòng tổng kết).
    #[arg(short, long)]
    pub quiet: bool,
}

/// Parses a date argument written `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<Date, String> {
    crate::plan::parse_iso_date(s).ok_or_else(|| format!("ngày không hợp lệ `{s}` (viết theo dạng 2024-06-14)"))
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
