use std::io::Cursor;

use super::*;
use crate::collect::discover::Candidate;
use crate::collect::model::{CellRef, Number};
use crate::collect::test_files::data_folder;

fn plan() -> Plan {
    load_plan(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), 2024).expect("plan").plan
}

fn reply(line: &str) -> Reply {
    serde_json::from_str(line).expect("a reply")
}

#[test]
fn a_worker_answers_each_request_as_in_process_reading_would() {
    let (_dir, data) = data_folder(&[
        ("BAOBG.xlsx", crate::collect::test_files::sample("BAOBG.xlsx")),
        ("hong.xlsx", b"not a spreadsheet".to_vec()),
    ]);
    let plan = plan();
    let quarter = Quarter { year: 2024, number: 2 };
    let ctx = Ctx::new(&plan, quarter, quarter.deadline(plan.info.submission_day));
    let subs = data.join("submissions/2024-Q2");
    let candidates: Vec<Candidate> = ["BAOBG.xlsx", "hong.xlsx"]
        .iter()
        .map(|rel| Candidate {
            rel: (*rel).to_owned(),
            abs: subs.join(rel),
            size: std::fs::metadata(subs.join(rel)).expect("file").len(),
        })
        .collect();
    let mut input = String::new();
    for c in &candidates {
        input.push_str(&serde_json::to_string(&Request::of(c)).expect("json"));
        input.push_str("\n\n");
    }
    let mut output = Vec::new();
    let mut files = 0;
    serve(&ctx, Cursor::new(input), &mut output, || files += 1).expect("served");
    assert_eq!(files, 2);
    let text = String::from_utf8(output).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(matches!(reply(lines[0]), Reply::Ready));
    for (line, c) in lines[1..].iter().zip(&candidates) {
        let Reply::Read(read) = reply(line) else { panic!("a file read: {line}") };
        let direct = read_submission(&ctx, c, None);
        // Same content, byte for byte, in the JSON outputs.
        assert_eq!(serde_json::to_string(&read.outcome).ok(), serde_json::to_string(&direct.outcome).ok());
        assert_eq!(
            serde_json::to_string(&read.submission).ok(),
            serde_json::to_string(&direct.submission).ok()
        );
    }
    let Reply::Read(accepted) = reply(lines[1]) else { unreachable!() };
    assert!(accepted.submission.is_some());
    let Reply::Read(rejected) = reply(lines[2]) else { unreachable!() };
    assert_eq!(rejected.outcome.findings[0].code, "tep-hong");
}

#[test]
fn numbers_cross_the_pipe_exactly() {
    let source = CellRef { file: "a.xlsx".into(), sheet: "Chỉ tiêu".into(), cell: "F7".into() };
    for value in [0.1 + 0.2, 1.0 / 3.0, 37.7, -0.0, 1e300, f64::MIN_POSITIVE, f64::NAN, f64::INFINITY] {
        let n = Number { value, raw: String::new(), qualifier: None, source: source.clone() };
        let mut line = Vec::new();
        exact_f64::as_text(|| serde_json::to_writer(&mut line, &n)).expect("json");
        let back: Number = serde_json::from_slice(&line).expect("number");
        assert_eq!(back.value.to_bits(), value.to_bits(), "{value}");
    }
    // Outside a worker, a value is a plain JSON number, as in tiep-nhan.json.
    let n = Number { value: 37.7, raw: "37,7".into(), qualifier: None, source };
    assert!(serde_json::to_string(&n).expect("json").contains("\"value\":37.7"));
}

#[test]
fn paths_that_are_not_utf8_cross_the_pipe() {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let path = PathBuf::from(std::ffi::OsStr::from_bytes(b"/tmp/b\xE1o-c\xE1o.xls"));
        let request = Request::of(&Candidate { rel: "báo-cáo.xls".into(), abs: path.clone(), size: 3 });
        let line = serde_json::to_string(&request).expect("json");
        let back: Request = serde_json::from_str(&line).expect("request");
        assert_eq!(back.candidate().abs, path);
    }
}

#[test]
fn the_command_line_round_trips_through_clap() {
    use clap::Parser;
    let setup = WorkerSetup {
        plan_dir: PathBuf::from("data/plan/2024"),
        fingerprint: "abc123".into(),
        quarter: Quarter { year: 2024, number: 2 },
        cutoff: Date::from_calendar_date(2024, time::Month::June, 14).expect("a date"),
        limits: ReaderLimits { memory_mb: 512, cpu_seconds: 7, silence_seconds: 120 },
    };
    let mut argv = vec![std::ffi::OsString::from("baocao")];
    argv.extend(setup.args());
    let cli = crate::cli::Cli::try_parse_from(argv).expect("parses");
    let crate::cli::Command::Worker(args) = cli.command else { panic!("the worker subcommand") };
    assert_eq!(args.plan_dir, setup.plan_dir);
    assert_eq!((args.quarter, args.cutoff), (setup.quarter, setup.cutoff));
    assert_eq!((args.memory_mb, args.cpu_seconds), (512, 7));
    // Hidden from the help.
    use clap::CommandFactory;
    let help = crate::cli::Cli::command().render_help().to_string();
    assert!(!help.contains(WORKER_COMMAND), "{help}");
}
