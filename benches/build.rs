//! `cargo bench --bench build`: builds generated schemas of 1,000 and 5,000 tables
//! through the whole pipeline (parse, check, order, lint, diff, render, write), as
//! `schemac build` does, and prints wall time and the process's peak resident memory.
//! Not a test: it asserts nothing.

#![allow(clippy::print_stdout)]

use schemac::project::build::{plan_build, write_files, BuildOptions};
use schemac::project::config::Project;
use schemac::project::history::History;
use schemac::project::load::compile_and_lint;
use std::path::Path;
use std::time::Instant;

/// The allocator of the `schemac` binary, so the figures are the CLI's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn run(n: usize, root: &Path) {
    let dir = root.join(format!("n{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    for (name, text) in common::schema(n) {
        std::fs::write(dir.join("src").join(name), text).expect("write schema");
    }
    let project = Project {
        name: format!("bench{n}"),
        source: dir.join("src"),
        output: dir.join("out"),
        source_display: "src".into(),
        preset: None,
        lint: schemac::lint::Settings::for_preset(None),
        exclude_schemas: Vec::new(),
        api_default_grants: false,
        lock_timeout: Some("5s".to_string()),
        online: true,
        target: schemac::model::Target::default(),
    };
    // What `schemac build` does: compile and lint (the lints run while the dependency
    // graph is built), plan, write.
    let start = Instant::now();
    let (compiled, findings) = compile_and_lint(&project, &dir);
    let compiled_at = start.elapsed();
    assert!(
        !compiled.diagnostics.has_errors(),
        "generated schema must compile"
    );
    let history = History::read(&project.output).expect("history");
    let built = plan_build(
        &project.name,
        &project.output,
        &compiled,
        &history,
        &BuildOptions::default(),
    )
    .expect("build");
    let planned = start.elapsed();
    write_files(&built).expect("write");
    let total = start.elapsed();
    let bytes: usize = built.files.values().map(String::len).sum();
    println!(
        "{n:>5} tables: build {:>7.1} ms (compile+lint {:>6.1} ms, plan {:>6.1} ms, {} findings), {:>5.1} MiB SQL written, peak RSS {:>6.1} MiB",
        total.as_secs_f64() * 1000.0,
        compiled_at.as_secs_f64() * 1000.0,
        (planned - compiled_at).as_secs_f64() * 1000.0,
        findings.len(),
        bytes as f64 / 1048576.0,
        peak_rss_kib() as f64 / 1024.0
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Writes the schema of `n` tables as a project in `dir` (`schemac.toml` and `src/`),
/// to time the `schemac` binary itself on it.
fn write_project(n: usize, dir: &Path) {
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    for (name, text) in common::schema(n) {
        std::fs::write(dir.join("src").join(name), text).expect("write schema");
    }
    let toml = format!("[[project]]\nname = \"bench{n}\"\nsource = \"src\"\noutput = \"out\"\n");
    std::fs::write(dir.join("schemac.toml"), toml).expect("write schemac.toml");
    println!("wrote a {n}-table project to {}", dir.display());
}

/// Sizes from `$BENCH_SIZES` (comma-separated table counts, default `1000,5000`) and
/// runs per size from `$BENCH_RUNS` (default 3). With `$BENCH_PROJECT_DIR`, writes the
/// first size as a project there instead (see `benches/README.md`).
fn main() {
    let root = std::env::temp_dir().join(format!("schemac-bench-{}", std::process::id()));
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .unwrap_or_else(|_| "1000,5000".into())
        .split(',')
        .map(|x| {
            x.trim()
                .parse()
                .expect("BENCH_SIZES: comma-separated table counts")
        })
        .collect();
    // On a shared machine the best of several runs is the figure to quote.
    let runs: usize = std::env::var("BENCH_RUNS")
        .map(|v| v.parse().expect("BENCH_RUNS: a number"))
        .unwrap_or(3);
    if let Ok(dir) = std::env::var("BENCH_PROJECT_DIR") {
        return write_project(sizes[0], Path::new(&dir));
    }
    for n in sizes {
        for _ in 0..runs {
            run(n, &root);
        }
    }
    let _ = std::fs::remove_dir_all(&root);
}
