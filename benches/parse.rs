//! `cargo bench --bench parse`: parses (and lowers to the AST) the files of the
//! generated schema on one core, to measure the grammar alone. `N` sets the number of
//! tables (default 5,000). Not a test: it asserts nothing. Under
//! `valgrind --tool=callgrind` its instruction count is a noise-free measure of a
//! grammar change.

#![allow(clippy::print_stdout)]

mod common;

use schemac::diagnostics::FileId;
use std::time::Instant;

fn main() {
    let n: usize = std::env::var("N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    let files = common::schema(n);
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let mut best = f64::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let mut items = 0;
        for (i, (_, text)) in files.iter().enumerate() {
            let parsed = schemac::syntax::parse(text, FileId(i as u32));
            items += parsed.file.items.len();
        }
        best = best.min(start.elapsed().as_secs_f64());
        assert!(items > n, "every table parses");
    }
    println!(
        "{n} tables ({:.1} MiB): parsed on one core in {:.1} ms (best of three), {:.1} MiB/s",
        bytes as f64 / 1048576.0,
        best * 1000.0,
        bytes as f64 / 1048576.0 / best
    );
}
