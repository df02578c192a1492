//! The `schemac` binary: parse the command line, run, exit with its status.

use clap::Parser;
use schemac::cli::{run, Cli, Output};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = Output::stdio();
    ExitCode::from(run(cli, &mut out) as u8)
}
