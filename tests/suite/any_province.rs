//! A province and a year are configuration only: another province's data folder
//! (`tests/fixtures/province/`: tỉnh Quảng Trị after the 2025 reform, plan year 2031, Sở Tài chính
//! issuing, communes reporting directly) goes through every command, and nothing any command
//! writes or prints names the shipped sample (Bắc Giang, its plan, its agencies, 2023–2025).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use baocao::package::archive::read_zip;
use calamine::Data;

use baocao::contract::{SHEET_MEASURES, info};

use crate::support::form::{Form, W, t};
use crate::support::pdf::pdf_text;
use crate::support::sheets::{Book, text};
use crate::support::workspace::{Run, Workspace, baocao, files_under};

/// Strings of the shipped sample that have no place in another province's documents: the
/// province, its plan and report (number, symbols, the resolution, signer), the agencies of the
/// sample the fixture does not have (names and codes), and the years around 2024. Matched
/// ignoring case; a token of letters or digits only must stand alone (so `2024` inside a hash or
/// `SKHDT` inside a longer code do not count).
const FORBIDDEN: &[&str] = &[
    // The province and its plan.
    "Bắc Giang",
    "Bac Giang",
    "BACGIANG",
    "01/NQ-CP",
    "05/01/2024",
    "Lê Ánh Dương",
    "Nguyễn Văn An",
    "HĐND tỉnh khóa XIX",
    // The sample's report issuer (the fixture's is Sở Tài chính).
    "Sở Kế hoạch và Đầu tư",
    "Kế hoạch và Đầu tư",
    "KH&ĐT",
    "BC-SKHĐT",
    "SKHĐT",
    "SKHDT",
    "VT, TH.",
    // Agencies of the sample the fixture does not have.
    "Cục Thống kê",
    "Cục Thuế",
    "Kho bạc Nhà nước",
    "Bảo hiểm xã hội tỉnh",
    "Sở Tài nguyên và Môi trường",
    "Sở Lao động",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "NN&PTNT",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Thông tin và Truyền thông",
    "Sở Giao thông vận tải",
    "Ban Quản lý các khu công nghiệp",
    "Liên minh Hợp tác xã",
    "Lục Ngạn",
    "Lục Nam",
    "Yên Thế",
    "Yên Dũng",
    "Hiệp Hòa",
    "Việt Yên",
    "Lạng Giang",
    "Sơn Động",
    "Tân Yên",
    "CTK",
    "CTHUE",
    "STNMT",
    "SLDTBXH",
    "SVHTTDL",
    "STTTT",
    "SGTVT",
    "BQLKCN",
    "TP-BACGIANG",
    "TX-VIETYEN",
    "H-YENTHE",
    "H-LUCNGAN",
    "H-LUCNAM",
    "H-HIEPHOA",
    // The sample's years (2031 has no legitimate reason to name them).
    "2023",
    "2024",
    "2025",
];

/// The quarter the fixture's submissions are for.
const Q2: &str = "2031-Q2";
/// The year-end quarter, built as a draft (no issuance file).
const Q4: &str = "2031-Q4";

/// The fixture's agencies that send a report: six departments, the statistics office and four
/// commune-level units.
const DEPARTMENTS: &[&str] = &["STC", "SCT", "SNNMT", "SXD", "SYT", "SGDDT", "TKT"];
const COMMUNES: &[&str] = &["P-DONGHA", "X-GIOLINH", "X-KHESANH", "DK-CONCO"];
/// The commune that sends nothing (it gets a reminder) and the one that reports late.
const SILENT: &str = "DK-CONCO";
const LATE: &str = "X-KHESANH";

/// Writes a valid submission of `agency` for `quarter` dated `date`.
fn submit(
    ws: &Workspace,
    plan: &baocao::plan::Plan,
    agency: &str,
    quarter: &str,
    deadline: &str,
    date: (u16, u8, u8),
) {
    let mut form = Form::valid_in(plan, agency, quarter, deadline, date);
    form.set_info(info::PHONE, t("0233 3852 456"));
    ws.write(&format!("submissions/{quarter}/{agency}.xlsx"), &form.xlsx());
}

/// One text an output holds, named for the failure message.
struct Source {
    name: String,
    text: String,
}

/// Every text of the run: each command's stdout and stderr, each output file (Markdown, JSON,
/// plain text; PDF as its visible text and its XMP metadata; xlsx as its cells read with
/// calamine and as the raw XML of its parts; zip as its entry names and entries), and the
/// ejected templates.
fn collect(ws: &Workspace, runs: &[(String, Run)]) -> Vec<Source> {
    let mut out = Vec::new();
    for (what, run) in runs {
        out.push(Source { name: format!("`baocao {what}` stdout"), text: run.stdout.clone() });
        out.push(Source { name: format!("`baocao {what}` stderr"), text: run.stderr.clone() });
    }
    for root in [ws.out(), ws.root().join("mau")] {
        for rel in files_under(&root) {
            let bytes = fs::read(root.join(&rel)).expect("readable output");
            let name =
                format!("{}/{}", root.file_name().and_then(|n| n.to_str()).unwrap_or(""), rel.display());
            out.push(Source { name: format!("{name} (tên tệp)"), text: rel.display().to_string() });
            texts_of(&name, &bytes, &mut out);
        }
    }
    out
}

/// The texts of one file's bytes, by its extension.
fn texts_of(name: &str, bytes: &[u8], out: &mut Vec<Source>) {
    let ext = Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext {
        "pdf" => {
            out.push(Source { name: name.to_owned(), text: pdf_text(bytes) });
            out.push(Source { name: format!("{name} (XMP)"), text: xmp(bytes) });
        }
        "xlsx" | "docx" => {
            if ext == "xlsx" {
                out.push(Source { name: format!("{name} (ô)"), text: cells(bytes) });
            }
            for (part, data) in read_zip(bytes).expect("an xlsx or docx is a zip") {
                if part.ends_with(".xml") || part.ends_with(".rels") {
                    let text = String::from_utf8_lossy(&data).into_owned();
                    out.push(Source { name: format!("{name}:{part}"), text });
                }
            }
        }
        "zip" => {
            let files = read_zip(bytes).expect("a zip");
            out.push(Source {
                name: format!("{name} (mục lục)"),
                text: files.keys().cloned().collect::<Vec<_>>().join("\n"),
            });
            for (entry, data) in files {
                texts_of(&format!("{name}:{entry}"), &data, out);
            }
        }
        _ => out.push(Source { name: name.to_owned(), text: String::from_utf8_lossy(bytes).into_owned() }),
    }
}

/// Every cell of every sheet, as `Sheet!row,col: text`; dates as `YYYY-MM-DD`.
fn cells(bytes: &[u8]) -> String {
    let book = Book::from_bytes(bytes);
    let mut s = book.names.join("\n");
    for (name, range) in book.names.iter().zip(&book.sheets) {
        for (r, c, d) in range.used_cells() {
            let value = match d {
                Data::DateTime(dt) => excel_date(dt.as_f64()),
                other => text(other),
            };
            let _ = writeln!(s, "{name}!{r},{c}: {value}");
        }
    }
    s
}

/// An Excel serial date as `YYYY-MM-DD`.
fn excel_date(serial: f64) -> String {
    let epoch = time::Date::from_calendar_date(1899, time::Month::December, 30).expect("a date");
    (epoch + time::Duration::days(serial.floor() as i64)).to_string()
}

/// The XMP metadata packet of a PDF (title, author, keywords are stored uncompressed there).
fn xmp(bytes: &[u8]) -> String {
    let all = String::from_utf8_lossy(bytes);
    let mut found = String::new();
    let mut rest = all.as_ref();
    while let Some(start) = rest.find("<x:xmpmeta") {
        let end = rest[start..].find("</x:xmpmeta>").map_or(rest.len(), |e| start + e);
        found.push_str(&rest[start..end]);
        rest = &rest[end..];
    }
    found
}

/// Every occurrence of a forbidden string, as `source: «context»`.
fn leaks(sources: &[Source]) -> Vec<String> {
    let mut hits = Vec::new();
    for src in sources {
        let lower = src.text.to_lowercase();
        for word in FORBIDDEN {
            let w = word.to_lowercase();
            let alnum_token = w.chars().all(char::is_alphanumeric);
            for (at, _) in lower.match_indices(&w) {
                let before = lower[..at].chars().next_back();
                let after = lower[at + w.len()..].chars().next();
                if alnum_token
                    && (before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric))
                {
                    continue;
                }
                // The original text where lower-casing kept every byte offset.
                let shown = if lower.len() == src.text.len() { &src.text } else { &lower };
                hits.push(format!("{}: `{word}` trong «{}»", src.name, context(shown, at, w.len())));
            }
        }
    }
    hits
}

/// Up to 60 bytes either side of a match, on char boundaries, newlines shown as `⏎`.
fn context(text: &str, at: usize, len: usize) -> String {
    let mut start = at.saturating_sub(60);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + len + 60).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text[start..end].replace('\n', "⏎")
}

/// Runs a command, keeps its output under `label`, and asserts it exited 0.
fn run_ok(ws: &Workspace, runs: &mut Vec<(String, Run)>, label: &str, command: &str, args: &[&str]) {
    let run = ws.run(command, args);
    assert!(run.success(), "`baocao {label}` thoát với mã {}:\n{}\n{}", run.code, run.stdout, run.stderr);
    runs.push((label.to_owned(), run));
}

#[test]
fn another_province_and_year_leave_no_trace_of_the_sample() {
    let ws = Workspace::province();
    let plan = ws.plan_of(2031);
    let mut runs: Vec<(String, Run)> = Vec::new();
    // Before any submission: `build` has no quarter to pick.
    let early = ws.run("build", &[]);
    assert_eq!(early.code, 1, "{}", early.stderr);
    runs.push(("build (chưa có thư mục quý)".into(), early));
    // Quý II: every agency but one commune, one commune after the deadline (10/06) but before
    // the signing date (16/06); quý IV: every agency, built as a draft.
    for agency in DEPARTMENTS.iter().chain(COMMUNES).filter(|a| **a != SILENT) {
        let date = if *agency == LATE { (2031, 6, 13) } else { (2031, 6, 9) };
        submit(&ws, &plan, agency, Q2, "10/06/2031", date);
        submit(&ws, &plan, agency, Q4, "10/12/2031", (2031, 12, 9));
    }
    // Files the intake must name without using: a wrong cell, an unknown agency, Office's lock
    // file and a note.
    let mut wrong = Form::valid_in(&plan, "STC", Q2, "10/06/2031", (2031, 6, 9));
    wrong.sheet(SHEET_MEASURES).row("CT02").set("Thực hiện lũy kế đến hết quý", t("khoảng chín chục"));
    wrong.set_info(info::REPORT_DATE, W::Date(2031, 6, 10));
    ws.write(&format!("submissions/{Q2}/STC-sua.xlsx"), &wrong.xlsx());
    let stranger = Form::valid_in(&plan, "X-LAOBAO", Q2, "10/06/2031", (2031, 6, 9));
    ws.write(&format!("submissions/{Q2}/X-LAOBAO.xlsx"), &stranger.xlsx());
    ws.write(&format!("submissions/{Q2}/~$STC.xlsx"), b"lock");
    ws.write(&format!("submissions/{Q2}/ghi-chu.txt"), "Đã nhận đủ.".as_bytes());

    let plan_run = ws.plan_cmd(&[]);
    assert!(plan_run.success(), "{}", plan_run.stderr);
    assert!(plan_run.stdout.contains("0 điểm chưa khớp"), "{}", plan_run.stdout);
    runs.push(("plan".into(), plan_run));
    for q in ["2031-Q1", Q2, Q4] {
        run_ok(&ws, &mut runs, &format!("forms --quarter {q}"), "forms", &["--quarter", q]);
    }
    fs::create_dir_all(ws.data().join("submissions/2031-Q1")).expect("a folder");
    run_ok(&ws, &mut runs, "check --quarter 2031-Q1", "check", &["--quarter", "2031-Q1"]);
    run_ok(&ws, &mut runs, "check --quarter 2031-Q2", "check", &["--quarter", Q2]);
    run_ok(&ws, &mut runs, "package --quarter 2031-Q2", "package", &["--quarter", Q2]);
    // No quarter: the latest with submissions (quý IV), a draft; `--final` refuses it and names
    // what is missing.
    let refused = ws.run("build", &["--quarter", Q4, "--final"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    runs.push(("build --final".into(), refused));
    run_ok(&ws, &mut runs, "package", "package", &[]);
    for q in [Q2, Q4] {
        let zip = ws.quarter(q).join(format!("goi-bao-cao-{q}.zip"));
        let run = baocao(&["verify", zip.to_str().expect("UTF-8")]);
        assert!(run.success(), "verify {q}: {}{}", run.stdout, run.stderr);
        runs.push((format!("verify {q}"), run));
    }
    let eject = baocao(&["templates", "eject", ws.root().join("mau").to_str().expect("UTF-8")]);
    assert!(eject.success(), "{}", eject.stderr);
    runs.push(("templates eject".into(), eject));

    // The run did what the fixture sets up: the silent commune got a reminder, the late one is
    // late, the quý II report is final and numbered, the quý IV one a draft.
    let q2 = ws.read_text(Q2, "bao-cao.md");
    assert!(q2.contains("87/BC-STC"), "{q2}");
    assert!(q2.contains("Quảng Trị, ngày 16 tháng 6 năm 2031"), "{q2}");
    assert!(ws.read_text(Q4, "bao-cao.md").contains("DỰ THẢO"));
    let reminder = ws.read_text(Q2, &format!("phan-hoi/{SILENT}.md"));
    assert!(reminder.contains("UBND đặc khu Cồn Cỏ"), "{reminder}");
    let intake = ws.read_text(Q2, "tiep-nhan.json");
    for expected in [LATE, "X-LAOBAO", "~$STC.xlsx", "ghi-chu.txt", "khoảng chín chục"] {
        assert!(intake.contains(expected), "tiep-nhan.json names {expected}");
    }

    let sources = collect(&ws, &runs);
    let by_kind: BTreeMap<&str, usize> = sources.iter().fold(BTreeMap::new(), |mut m, s| {
        let ext = Path::new(s.name.split(' ').next().unwrap_or("")).extension().and_then(|e| e.to_str());
        *m.entry(ext.unwrap_or("lệnh")).or_default() += 1;
        m
    });
    for kind in ["md", "json", "pdf", "xlsx", "docx", "zip"] {
        assert!(by_kind.get(kind).is_some_and(|n| *n > 0), "no {kind} output was read: {by_kind:?}");
    }
    let hits = leaks(&sources);
    assert!(hits.is_empty(), "{} chỗ còn dấu vết của dữ liệu mẫu:\n{}", hits.len(), hits.join("\n"));
}

/// The communes the 120-commune variant adds to the fixture's four.
const GENERATED: usize = 116;

/// Appends `n` commune-level units (`X-001` …) to the fixture's `agencies.yaml`, before its
/// groups: with the four of the fixture the province then has `n + 4` communes, wards and special
/// zones, all members of the `XA-PHUONG` group (kind `cap-xa`).
fn add_communes(ws: &Workspace, n: usize) -> Vec<String> {
    let path = ws.data().join("plan/2031/agencies.yaml");
    let text = fs::read_to_string(&path).expect("agencies.yaml");
    let mut units = String::new();
    let codes: Vec<String> = (1..=n).map(|i| format!("X-{i:03}")).collect();
    for (i, code) in codes.iter().enumerate() {
        let word = if i % 5 == 4 { "phường" } else { "xã" };
        let _ = write!(
            units,
            "  - code: {code}\n    name: UBND {word} Thử Nghiệm {:03}\n    kind: cap-xa\n",
            i + 1
        );
    }
    let at = text.find("\ngroups:").expect("the groups");
    fs::write(&path, format!("{}\n{units}{}", &text[..at], &text[at..])).expect("written");
    codes
}

#[test]
fn a_province_of_120_communes_reports_its_counts() {
    let ws = Workspace::province();
    let generated = add_communes(&ws, GENERATED);
    let plan = ws.plan_of(2031);
    let communes: Vec<String> =
        COMMUNES.iter().map(|c| (*c).to_owned()).chain(generated.iter().cloned()).collect();
    assert_eq!(communes.len(), 120);
    // Every department and 100 of the 120 communes report.
    let sending: Vec<&str> = DEPARTMENTS
        .iter()
        .copied()
        .chain(communes.iter().map(String::as_str).filter(|c| *c != SILENT).take(100))
        .collect();
    for agency in &sending {
        submit(&ws, &plan, agency, Q2, "10/06/2031", (2031, 6, 9));
    }
    let run = ws.run("build", &["--quarter", Q2, "-q"]);
    assert!(run.success(), "{}", run.stderr);

    let agencies = DEPARTMENTS.len() + communes.len();
    let report = ws.read_text(Q2, "bao-cao.md");
    // Counted in all and per kind, the communes in the nouns of the units the province has.
    let discipline = format!(
        "{}/{agencies} cơ quan, đơn vị ({}/{} sở, ban, ngành; 1/1 cơ quan Trung ương; 100/120 xã, phường, đặc khu) đã gửi báo cáo quý II/2031",
        sending.len(),
        DEPARTMENTS.len() - 1,
        DEPARTMENTS.len() - 1
    );
    assert!(report.contains(&discipline), "`{discipline}` not in:\n{report}");
    // CT04 is the sum over the communes that reported, each 90 enterprises (Form::valid).
    let enterprises = format!("ước đạt {} doanh nghiệp", baocao::vn::number(90.0 * 100.0));
    assert!(report.contains(&enterprises), "`{enterprises}` not in:\n{report}");
    // 100 of 120 communes is not the province's figure, so it states its coverage; 9.000 already
    // exceeds the 900 target, which the 20 silent communes can only add to: judged "Vượt".
    assert!(report.contains("mới có 100/120 xã, phường, đặc khu báo cáo"), "{report}");
    assert!(
        report.contains(
            "| Số doanh nghiệp thành lập mới | doanh nghiệp | 900 | 9.000 | 1.000,00% | +12,50% | Vượt |"
        ),
        "{report}"
    );
    let tasks = ws.read_text(Q2, "phu-luc-3.md");
    assert!(tasks.contains("/120"), "task 2.2 of all 120 communes counts them:\n{tasks}");
    let intake = ws.read_text(Q2, "tiep-nhan.md");
    assert!(intake.contains(&format!("| Chưa gửi | {} |", agencies - sending.len())), "{intake}");
}

#[test]
fn the_plan_names_its_kinds_of_agency_in_its_own_words() {
    // By default the communes are named from the units the province has (a phường, two xã, an
    // đặc khu); `report.agency-kinds` replaces the phrase and the counting noun.
    let ws = Workspace::province();
    ws.ok("build", &["--quarter", Q2, "-q"]);
    let report = ws.read_text(Q2, "bao-cao.md");
    assert!(
        report.contains("trên cơ sở báo cáo của các sở, ban, ngành, các cơ quan Trung ương đóng trên địa bàn và UBND các xã, phường, đặc khu,"),
        "{report}"
    );
    ws.edit(
        "2031/document.yaml",
        "  upward-deadline-day: 20",
        "  upward-deadline-day: 20\n  agency-kinds:\n    cap-xa:\n      collective: UBND cấp xã\n      noun: đơn vị cấp xã",
    );
    let plan = ws.plan_of(2031);
    submit(&ws, &plan, "X-GIOLINH", Q2, "10/06/2031", (2031, 6, 9));
    ws.ok("build", &["--quarter", Q2, "-q"]);
    let report = ws.read_text(Q2, "bao-cao.md");
    assert!(report.contains("các cơ quan Trung ương đóng trên địa bàn và UBND cấp xã,"), "{report}");
    assert!(report.contains("1/4 đơn vị cấp xã)"), "{report}");
}
