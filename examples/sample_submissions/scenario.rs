//! Who does what in each sample quarter: missing, late, typing mistakes, legacy encodings,
//! duplicates, other file formats, and where each file goes.

use baocao::period::Quarter;

/// How a file ends up on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Written by `write_form`.
    Xlsx,
    /// Converted from the xlsx by LibreOffice (`--convert`).
    Ods,
    /// Converted from the xlsx by LibreOffice to Excel 97–2003 (`--convert`).
    Xls,
}

/// The special cases of one sample quarter; everyone else reports on time, cleanly.
pub struct Scenario {
    /// The quarter.
    pub quarter: Quarter,
    /// Agencies that send nothing.
    pub missing: &'static [&'static str],
    /// The agency that reports after the deadline, and its report day (of the last month).
    pub late: (&'static str, u8),
    /// The agency whose clerk typed numbers as text and statuses by hand.
    pub typos: &'static str,
    /// The agency whose text cells are TCVN3 (.VnTime) bytes.
    pub tcvn3: &'static str,
    /// The agency whose name is typed in decomposed Unicode (NFD).
    pub nfd: &'static str,
    /// The agency that sends a first report and a later, corrected one: (code, first day, second day).
    pub duplicate: (&'static str, u8, u8),
    /// The agency whose file is converted to `.ods`.
    pub ods: &'static str,
    /// The agency whose file is converted to `.xls`.
    pub xls: &'static str,
    /// Files named by hand instead of `<MÃ>.xlsx`: (code, path relative to the quarter folder, no extension).
    pub names: &'static [(&'static str, &'static str)],
    /// A file intake must ignore because it is not a spreadsheet: (path, content).
    pub stray: (&'static str, &'static [u8]),
    /// The Office lock file left beside an open workbook (path).
    pub lock: &'static str,
}

/// The two sample quarters.
pub fn scenarios() -> [Scenario; 2] {
    [
        Scenario {
            quarter: Quarter { year: 2024, number: 1 },
            missing: &["SNGV", "BQLDA-GTNN", "H-SONDONG"],
            late: ("TTT", 18),
            typos: "TP-BACGIANG",
            tcvn3: "SYT",
            nfd: "H-TANYEN",
            duplicate: ("STC", 8, 13),
            ods: "H-YENDUNG",
            xls: "SNV",
            names: &[
                ("SYT", "BaoCao_SoYTe_Q1"),
                ("SKHDT", "SKHDT_quy I_2024"),
                ("SCT", "so-cong-thuong/BC quy I 2024 - So Cong Thuong"),
                ("H-TANYEN", "huyen/Tân Yên - báo cáo quý I"),
                ("H-YENDUNG", "huyen/YenDung_Q1_2024"),
                ("CTK", "Cuc Thong ke/CTK_2024-Q1"),
            ],
            stray: (
                "ghi-chu.txt",
                "Sở Y tế gửi bản có chữ ký qua hệ thống văn bản điện tử ngày 12/3/2024.\n".as_bytes(),
            ),
            lock: "~$BaoCao_SoYTe_Q1.xlsx",
        },
        Scenario {
            quarter: Quarter { year: 2024, number: 2 },
            missing: &["DPTTH", "H-YENTHE"],
            late: ("H-LUCNGAN", 19),
            typos: "SCT",
            tcvn3: "H-LUCNAM",
            nfd: "SGDDT",
            duplicate: ("SXD", 6, 12),
            ods: "STTTT",
            xls: "H-HIEPHOA",
            names: &[
                ("SYT", "BaoCao_SoYTe_Q2"),
                ("SCT", "so-cong-thuong/BC 6 thang 2024 - So Cong Thuong"),
                ("H-LUCNGAN", "huyen/BC_quy_II_LucNgan"),
                ("H-HIEPHOA", "huyen/HiepHoa_quy2"),
                ("SGDDT", "SGDĐT - báo cáo quý II"),
                ("CTK", "Cuc Thong ke/CTK_2024-Q2"),
            ],
            stray: ("CongVan_SoYTe_kem_theo.pdf", MINIMAL_PDF),
            lock: "huyen/~$BC_quy_II_LucNgan.xlsx",
        },
    ]
}

impl Scenario {
    /// The format an agency's file is in.
    pub fn format(&self, code: &str) -> Format {
        if code == self.ods {
            Format::Ods
        } else if code == self.xls {
            Format::Xls
        } else {
            Format::Xlsx
        }
    }

    /// The path of an agency's file, relative to the quarter folder, without extension.
    pub fn stem(&self, code: &str, district: bool) -> String {
        if let Some((_, name)) = self.names.iter().find(|(c, _)| *c == code) {
            return (*name).to_owned();
        }
        if district { format!("huyen/{code}") } else { code.to_owned() }
    }
}

/// A one-page PDF saying "Cong van kem theo bao cao quy II/2024" (a stray attachment).
const MINIMAL_PDF: &[u8] = b"%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 68 >> stream
BT /F1 14 Tf 72 770 Td (Cong van kem theo bao cao quy II/2024) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
";
