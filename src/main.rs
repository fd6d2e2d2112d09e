//! The `baocao` command line: parses arguments, runs one command, maps the outcome to an exit code.

use std::process::ExitCode;

use baocao::cli::{Cli, Command};
use baocao::commands::{self, Outcome};
use clap::Parser;

fn main() -> ExitCode {
    // Intake reads spreadsheets in worker processes of this same executable.
    if let Ok(exe) = std::env::current_exe() {
        baocao::collect::set_worker_executable(exe);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return baocao::cli_errors::report(e),
    };
    let result = match &cli.command {
        Command::Plan(args) => commands::run_plan(args),
        Command::Forms(args) => commands::run_forms(args),
        Command::Check(args) => commands::run_check(args),
        Command::Build(args) => commands::run_build(args, false),
        Command::Package(args) => commands::run_build(args, true),
        Command::Verify(args) => commands::run_verify(args),
        Command::Templates(cmd) => commands::run_templates(cmd),
        Command::Worker(args) => commands::run_worker(args),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failure) => ExitCode::from(1),
        Err(e) => {
            eprintln!("lỗi: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  do: {cause}");
            }
            ExitCode::from(1)
        }
    }
}
