//! The `schemac` binary: parse the command line, run, exit with its status.

use clap::Parser;
use schemac::cli::{run, Cli, Output};
use std::process::ExitCode;

/// A build allocates millions of small strings and vectors (names, SQL fragments);
/// mimalloc serves them markedly faster than the system allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = Output::stdio();
    ExitCode::from(run(cli, &mut out) as u8)
}
