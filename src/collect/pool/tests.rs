//! The pool with the real `baocao` executable (built by `cargo test` beside the test binary);
//! skipped, with a message, when it is not there (`cargo test --lib` alone).

use std::path::PathBuf;

use crate::collect::test_files::{
    amplifying_ods, amplifying_xlsx, data_folder, dimensions, number, sample, xls, xls_at,
};
use crate::collect::{Intake, IntakeOptions, Isolation, ReaderLimits, run_intake_with};
use crate::findings::Level;
use crate::period::Quarter;
use crate::plan::load_plan;

/// `target/<profile>/baocao`, beside `target/<profile>/deps/<this test binary>`.
fn worker_executable() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let path = exe.parent()?.parent()?.join(format!("baocao{}", std::env::consts::EXE_SUFFIX));
    path.is_file().then_some(path)
}

fn intake(files: &[(&str, Vec<u8>)], options: &IntakeOptions) -> Intake {
    let (_dir, data) = data_folder(files);
    let plan = load_plan(&data, 2024).expect("plan").plan;
    let quarter = Quarter { year: 2024, number: 2 };
    run_intake_with(&plan, &data, quarter, quarter.deadline(plan.info.submission_day), options)
        .expect("intake")
}

/// Status and finding codes of each file, in path order.
fn summary(intake: &Intake) -> Vec<(String, String, Vec<&'static str>)> {
    intake
        .files
        .iter()
        .map(|f| {
            let status =
                serde_json::to_value(&f.status).expect("json")["kind"].as_str().unwrap_or("").to_owned();
            let errors = f.findings.iter().filter(|x| x.level == Level::Error).map(|x| x.code).collect();
            (f.path.clone(), status, errors)
        })
        .collect()
}

fn hostile_and_good() -> Vec<(&'static str, Vec<u8>)> {
    let stray = vec![number(0, 0, 1.0), number(65_535, 255, 1.0)];
    vec![
        ("01-BAOBG.xlsx", sample("BAOBG.xlsx")),
        // A DIMENSIONS record asking calamine for 51 GB up front.
        ("02-hong.xls", xls(&[vec![dimensions(0, 5_000_000, 0, 256)]])),
        ("03-BCHQS.xlsx", sample("BCHQS.xlsx")),
        // One 32 KB shared string in 100.000 cells.
        ("04-chuoi-lap.xlsx", amplifying_xlsx(100_000, 32 * 1024)),
        ("05-BDT.xlsx", sample("BDT.xlsx")),
        // 10 KB of text over 1.000 × 1.000 cells, under the 2-million-cell guard.
        ("06-lap.ods", amplifying_ods(1000, 1000, 10 * 1024)),
        // A stray cell at IV65536 on each of three sheets.
        ("07-o-xa.xls", xls(&[stray.clone(), stray.clone(), stray])),
        ("08-BHXH.xlsx", sample("BHXH.xlsx")),
    ]
}

fn expected(hostile_code: &'static str) -> Vec<(String, String, Vec<&'static str>)> {
    hostile_and_good()
        .iter()
        .map(|(rel, _)| {
            if rel.ends_with("BAOBG.xlsx")
                || rel.ends_with("BCHQS.xlsx")
                || rel.ends_with("BDT.xlsx")
                || rel.ends_with("BHXH.xlsx")
            {
                ((*rel).to_owned(), "accepted".to_owned(), vec![])
            } else {
                ((*rel).to_owned(), "rejected".to_owned(), vec![hostile_code])
            }
        })
        .collect()
}

#[test]
fn hostile_files_are_rejected_alone_by_their_workers() {
    let Some(exe) = worker_executable() else {
        eprintln!("skipped: no baocao executable beside the test binary (run `cargo test --release`)");
        return;
    };
    // One worker, every file in one batch: each hostile file kills the worker mid-batch.
    let options = IntakeOptions {
        isolation: Isolation::Workers(exe),
        limits: ReaderLimits { memory_mb: 512, cpu_seconds: 20, silence_seconds: 120 },
        workers: 1,
        batch: 16,
    };
    let result = intake(&hostile_and_good(), &options);
    assert_eq!(summary(&result), expected("loi-doc-tep"));
    let failed = &result.files[1].findings[0];
    assert_eq!(
        failed.message,
        "tệp làm chương trình đọc bảng tính bị lỗi (vượt giới hạn bộ nhớ hoặc thời gian), không đọc được"
    );
    assert_eq!(failed.fix, "lưu lại tệp bằng Excel dưới dạng .xlsx rồi gửi lại");
    // The receipt still names the exact file.
    assert!(result.files[1].sha256.is_some());
    // The good files read in workers are the same as read in-process.
    let direct = intake(&hostile_and_good(), &IntakeOptions::new(Isolation::InProcess));
    let json = |i: &Intake| serde_json::to_string(&i.agencies).expect("json");
    assert_eq!(json(&result), json(&direct));
}

#[test]
fn in_process_the_prescan_rejects_them_unread() {
    let result = intake(&hostile_and_good(), &IntakeOptions::new(Isolation::InProcess));
    assert_eq!(summary(&result), expected("tep-qua-lon"));
    let message = &result.files[1].findings[0].message;
    assert!(
        message.starts_with("đọc tệp cần ít nhất ")
            && message.ends_with("vượt giới hạn 1.024 MB; tệp không được đọc"),
        "{message}"
    );
}

#[test]
fn without_a_worker_executable_files_are_read_in_process() {
    let options = IntakeOptions::new(Isolation::Workers(PathBuf::from("/khong/co/baocao")));
    let files = vec![
        ("01-BAOBG.xlsx", sample("BAOBG.xlsx")),
        ("02-hong.xls", xls(&[vec![dimensions(0, 5_000_000, 0, 256)]])),
    ];
    let result = intake(&files, &options);
    let expected: Vec<(String, String, Vec<&str>)> = vec![
        ("01-BAOBG.xlsx".into(), "accepted".into(), vec![]),
        ("02-hong.xls".into(), "rejected".into(), vec!["tep-qua-lon"]),
    ];
    assert_eq!(summary(&result), expected);
}

#[test]
fn a_panic_in_the_reader_is_a_rejected_file() {
    // A sheet said to start past the end of the workbook stream: calamine slices out of range.
    let broken = xls_at(&[vec![number(0, 0, 1.0)]], Some(1_000_000));
    let mut runs = vec![intake(&[("hong.xls", broken.clone())], &IntakeOptions::new(Isolation::InProcess))];
    if let Some(exe) = worker_executable() {
        runs.push(intake(&[("hong.xls", broken)], &IntakeOptions::new(Isolation::Workers(exe))));
    }
    for result in runs {
        let finding = &result.files[0].findings[0];
        assert_eq!(finding.code, "tep-hong");
        assert!(finding.message.contains("lỗi không mong đợi khi phân tích tệp: "), "{}", finding.message);
    }
}
