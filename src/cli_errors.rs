//! Prints clap's usage errors in Vietnamese (exit code 2); help and version go to stdout (0).

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Reports a clap error and returns the exit code for it.
pub fn report(e: clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        _ => {}
    }
    let arg = context(&e, ContextKind::InvalidArg);
    let value = context(&e, ContextKind::InvalidValue);
    let message = match e.kind() {
        ErrorKind::UnknownArgument => format!("tham số không hợp lệ `{arg}`"),
        ErrorKind::InvalidSubcommand => {
            format!("không có lệnh `{}`", context(&e, ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!("giá trị `{value}` không hợp lệ cho {arg}")
        }
        ErrorKind::MissingRequiredArgument => format!("thiếu tham số bắt buộc {arg}"),
        ErrorKind::ArgumentConflict => format!("tham số {arg} không dùng cùng được với tham số khác"),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("số giá trị không đúng cho {arg}")
        }
        _ => "tham số dòng lệnh không hợp lệ".to_owned(),
    };
    eprintln!("lỗi: {message}");
    if let Some(source) = std::error::Error::source(&e) {
        eprintln!("  do: {source}");
    }
    eprintln!("gợi ý: chạy `baocao --help` để xem cách dùng");
    ExitCode::from(2)
}

fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}
