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

Cách dùng: {usage}

{all-args}{after-help}";

const SUB_TEMPLATE: &str = "\
{before-help}{about-with-newline}
Cách dùng: {usage}

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
    #[command(override_usage = "baocao plan [TÙY_CHỌN]", help_template = SUB_TEMPLATE, next_help_heading = "Tùy chọn", after_help = EXIT_CODES)]
    Plan(PlanArgs),
    /// Tạo biểu mẫu báo cáo quý (xlsx) cho từng cơ quan phải báo cáo.
    #[command(override_usage = "baocao forms --quarter <QUÝ> [TÙY_CHỌN]", help_template = SUB_TEMPLATE, next_help_heading = "Tùy chọn", after_help = EXIT_CODES)]
    Forms(FormsArgs),

    /// Tiếp nhận và kiểm tra báo cáo các cơ quan đã gửi cho một quý; lập phiếu phản hồi, giấy nhắc.
    ///
    /// Đọc mọi tệp trong THƯ_MỤC/submissions/<quý>/, kiểm tra từng trang, từng ô, rồi ghi
    /// tiep-nhan.md, tiep-nhan.json và phan-hoi/<MÃ>.md (phiếu phản hồi cho cơ quan đã gửi, giấy
    /// nhắc cho cơ quan chưa gửi) vào KẾT_QUẢ/<quý>/.
    #[command(override_usage = "baocao check --quarter <QUÝ> [TÙY_CHỌN]", help_template = SUB_TEMPLATE, next_help_heading = "Tùy chọn", after_help = EXIT_CODES)]
    Check(CheckArgs),

    /// Tiếp nhận, tổng hợp và xuất báo cáo quý cùng Phụ lục 1–3 (Markdown, PDF).
    ///
    /// Ghi vào KẾT_QUẢ/<quý>/: bao-cao.md/.pdf, phu-luc-1..3.md/.pdf, bao-cao-day-du.pdf,
    /// tong-hop.json, tiep-nhan.md/.json và phan-hoi/<MÃ>.md.
    #[command(override_usage = "baocao build [TÙY_CHỌN]", help_template = SUB_TEMPLATE, next_help_heading = "Tùy chọn", after_help = EXIT_CODES)]
    Build(BuildArgs),

    /// Chạy `build` rồi đóng gói bộ báo cáo gửi cấp trên (goi-bao-cao-<quý>.zip có manifest.json).
    #[command(override_usage = "baocao package [TÙY_CHỌN]", help_template = SUB_TEMPLATE, next_help_heading = "Tùy chọn", after_help = EXIT_CODES)]
    Package(BuildArgs),

    /// Kiểm tra gói báo cáo: mọi tệp còn nguyên vẹn, hay tệp nào bị sửa, thiếu, thừa.
    #[command(override_usage = "baocao verify <TỆP_ZIP>", help_template = SUB_TEMPLATE, next_help_heading = "Tùy chọn", after_help = EXIT_CODES)]
    Verify(VerifyArgs),

    /// Mẫu trình bày của báo cáo và phụ lục.
    #[command(subcommand, help_template = SUB_TEMPLATE, subcommand_value_name = "LỆNH", subcommand_help_heading = "Lệnh", override_usage = "baocao templates eject <THƯ_MỤC>")]
    Templates(TemplatesCommand),

    /// (Nội bộ) tiến trình đọc tệp do `check`, `build` khởi động; không dùng trực tiếp.
    #[command(name = crate::collect::WORKER_COMMAND, hide = true)]
    Worker(WorkerArgs),
}

/// Arguments of the hidden worker subcommand, written by the parent process (see
/// `collect::WorkerSetup::args`).
#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// Thư mục kế hoạch (THƯ_MỤC/plan/<năm>).
    #[arg(long, value_name = "THƯ_MỤC")]
    pub plan_dir: PathBuf,
    /// Dấu vân tay của kế hoạch mà tiến trình cha đã nạp.
    #[arg(long, value_name = "MÃ")]
    pub fingerprint: String,
    /// Quý báo cáo.
    #[arg(long, value_name = "QUÝ", value_parser = parse_quarter)]
    pub quarter: Quarter,
    /// Ngày chốt.
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub cutoff: Date,
    /// Giới hạn bộ nhớ (MiB).
    #[arg(long, value_name = "MIB")]
    pub memory_mb: u64,
    /// Giới hạn thời gian CPU cho mỗi tệp (giây).
    #[arg(long, value_name = "GIÂY")]
    pub cpu_seconds: u64,
}

/// Where the data folder is.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Thư mục dữ liệu: kế hoạch, báo cáo của các cơ quan, mẫu, phông chữ (mặc định `data`, hoặc
    /// biến môi trường BAOCAO_DATA).
    #[arg(long, value_name = "THƯ_MỤC", default_value = "data", env = "BAOCAO_DATA", hide_default_value = true, hide_env = true, value_hint = ValueHint::DirPath)]
    pub data: PathBuf,
}

/// Arguments of `baocao plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The data folder.
    #[command(flatten)]
    pub data: DataArgs,

    /// Năm kế hoạch (mặc định: năm mới nhất có trong THƯ_MỤC/plan).
    #[arg(long, value_name = "NĂM", value_parser = parse_year)]
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
    #[arg(long, value_name = "THƯ_MỤC", default_value = "out", hide_default_value = true, value_hint = ValueHint::DirPath)]
    pub out: PathBuf,
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

    /// Thư mục kết quả; các tệp được ghi vào KẾT_QUẢ/<quý>/ (mặc định `out`, hoặc biến môi
    /// trường BAOCAO_OUT).
    #[arg(long, value_name = "KẾT_QUẢ", default_value = "out", env = "BAOCAO_OUT", hide_default_value = true, hide_env = true, value_hint = ValueHint::DirPath)]
    pub out: PathBuf,

    /// Thư mục mẫu của người dùng (mặc định: THƯ_MỤC/templates nếu có); `tiep-nhan.md.tera`,
    /// `phan-hoi.md.tera` có trong đó thay cho mẫu cùng tên kèm chương trình.
    #[arg(long, value_name = "THƯ_MỤC_MẪU", value_hint = ValueHint::DirPath)]
    pub templates: Option<PathBuf>,

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

/// Arguments of `baocao build` and `baocao package`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The data folder.
    #[command(flatten)]
    pub data: DataArgs,

    /// Quý báo cáo, dạng 2024-Q2 (mặc định: quý mới nhất có thư mục trong THƯ_MỤC/submissions).
    #[arg(long, value_name = "QUÝ", value_parser = parse_quarter)]
    pub quarter: Option<Quarter>,

    /// Thư mục kết quả; các tệp được ghi vào KẾT_QUẢ/<quý>/ (mặc định `out`, hoặc biến môi
    /// trường BAOCAO_OUT).
    #[arg(long, value_name = "KẾT_QUẢ", default_value = "out", env = "BAOCAO_OUT", hide_default_value = true, hide_env = true, value_hint = ValueHint::DirPath)]
    pub out: PathBuf,

    /// Ngày chốt số liệu, dạng 2024-06-14 (mặc định: hạn gửi báo cáo của quý theo kế hoạch,
    /// `submission-day`); quyết định báo cáo nào đúng hạn, báo cáo nào muộn.
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub cutoff: Option<Date>,

    /// Ngày ký báo cáo, dạng 2024-06-20: ngày ghi trên báo cáo và ngày tạo các tệp PDF; tệp có
    /// ngày báo cáo sau ngày này không được dùng. Mặc định: `signing-date` trong
    /// THƯ_MỤC/issuance/<quý>.yaml, nếu không có thì ngày chốt hoặc ngày báo cáo muộn nhất của
    /// các tệp được dùng (báo cáo khi đó là dự thảo).
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub signing_date: Option<Date>,

    /// Bản chính thức: dừng, không ghi gì, nếu còn thiếu số báo cáo, ngày ký, người ký, số hoặc
    /// ngày của Kế hoạch (khi thiếu, tài liệu được đánh dấu DỰ THẢO).
    #[arg(long = "final")]
    pub final_build: bool,

    /// Thư mục mẫu của người dùng (mặc định: THƯ_MỤC/templates nếu có); tệp nào có trong đó
    /// thay cho mẫu cùng tên kèm chương trình.
    #[arg(long, value_name = "THƯ_MỤC_MẪU", value_hint = ValueHint::DirPath)]
    pub templates: Option<PathBuf>,

    /// Giữ mã nguồn Typst đã sinh (<tài liệu>.typ) bên cạnh PDF, để tra dòng báo lỗi.
    #[arg(long)]
    pub keep_typ: bool,

    /// Tìm phông Times New Roman cả trong phông chữ của máy (mặc định chỉ dùng THƯ_MỤC/fonts và
    /// phông kèm chương trình).
    #[arg(long)]
    pub system_fonts: bool,

    /// Đóng gói sau khi xuất (như lệnh `package`).
    #[arg(long)]
    pub package: bool,

    /// Đóng gói và lưu gói vào THƯ_MỤC/archive/ làm hồ sơ đã gửi (không ghi đè gói đã lưu: lưu
    /// lại một quý có nội dung khác thì thêm bản đánh số .2, .3…); các quý sau so sánh với gói này.
    #[arg(long)]
    pub archive: bool,

    /// Đưa tệp PDF văn phòng đã ký số (làm từ bản Word đã hoàn thiện) vào gói, nguyên vẹn từng
    /// byte, thành bao-cao.pdf; bản do chương trình dàn trang giữ tên bao-cao-chua-ky.pdf. Chỉ
    /// dùng cho bản chính thức; tệp phải là PDF có chữ ký số.
    #[arg(long, value_name = "TỆP_PDF", value_hint = ValueHint::FilePath)]
    pub signed_pdf: Option<PathBuf>,

    /// Ký số manifest.json của gói (thêm manifest.json.p7s) bằng tệp khóa PKCS#12 (.p12, .pfx).
    /// Mật khẩu lấy từ biến môi trường BAOCAO_SIGN_PASSWORD hoặc hỏi trên màn hình, không bao
    /// giờ nhận trên dòng lệnh. Chỉ ký bản chính thức; chứng thư phải còn hiệu lực vào ngày ký.
    #[arg(long, value_name = "TỆP_P12", value_hint = ValueHint::FilePath, conflicts_with = "sign_pkcs11")]
    pub sign: Option<PathBuf>,

    /// Ký số manifest.json bằng khóa trên USB token qua mô-đun PKCS#11 của nhà cung cấp (tệp
    /// .so), cùng --token-label; mã PIN lấy từ biến môi trường BAOCAO_SIGN_PIN hoặc hỏi trên màn
    /// hình. Chứng thư số đọc từ token.
    #[arg(long, value_name = "MÔ_ĐUN.so", value_hint = ValueHint::FilePath, requires = "token_label")]
    pub sign_pkcs11: Option<PathBuf>,

    /// Nhãn của token dùng để ký (xem bằng phần mềm của token).
    #[arg(long, value_name = "NHÃN", requires = "sign_pkcs11")]
    pub token_label: Option<String>,

    /// Thoát với mã 1 nếu báo cáo của các cơ quan có lỗi (vẫn ghi đủ kết quả).
    #[arg(long)]
    pub strict: bool,

    /// Không in tiến trình.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `baocao verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Gói báo cáo cần kiểm tra (goi-bao-cao-<quý>.zip).
    #[arg(value_name = "TỆP_ZIP", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,

    /// Chứng thư số tin cậy (PEM hoặc DER; tổ chức chứng thực gốc hoặc trung gian), lặp lại được:
    /// khi có, gói chỉ đạt nếu mang chữ ký số hợp lệ của người có chứng thư lần được tới một
    /// chứng thư này, còn hiệu lực và được phép ký vào ngày ký.
    #[arg(long, value_name = "CA.pem", value_hint = ValueHint::FilePath)]
    pub trust: Vec<PathBuf>,
}

/// Subcommands of `baocao templates`.
#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Chép các mẫu mặc định ra THƯ_MỤC để sửa (không ghi đè tệp đã có).
    #[command(help_template = SUB_TEMPLATE, next_help_heading = "Tùy chọn")]
    Eject {
        /// Thư mục nhận các mẫu.
        #[arg(value_name = "THƯ_MỤC", value_hint = ValueHint::DirPath)]
        dir: PathBuf,
    },
}

/// Parses a date argument written `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<Date, String> {
    crate::plan::parse_iso_date(s)
        .ok_or_else(|| format!("ngày không hợp lệ `{s}` (viết theo dạng YYYY-MM-DD: năm, tháng, ngày)"))
}

/// Parses a plan year argument such as `2024`.
pub fn parse_year(s: &str) -> Result<i32, String> {
    s.trim()
        .parse()
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .ok_or_else(|| format!("năm không hợp lệ `{s}` (viết năm bằng bốn chữ số)"))
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
