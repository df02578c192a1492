//! `cargo bench --bench build`: builds generated schemas of 1,000 and 5,000 tables
//! through the whole pipeline (parse, check, order, lint, diff, render, write) and prints
//! wall time and the process's peak resident memory. Not a test: it asserts nothing.

#![allow(clippy::print_stdout)]

use schemac::project::build::{plan_build, write_files, BuildOptions};
use schemac::project::config::Project;
use schemac::project::history::History;
use schemac::project::load::compile_project;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

/// A schema of `n` tables: ~9 columns, a primary key, one or two foreign keys, a
/// check, a plain and a partial index, RLS with two policies, an updated_at trigger;
/// plus enums and views. Laid out as a project would be: shared declarations in one
/// file, then one file per group of 100 tables.
fn schema(n: usize) -> Vec<(String, String)> {
    let mut files = vec![("common.pgs".to_string(), String::from(
        "extern role authenticated\n\
         enum status ('new', 'active', 'done')\n\
         enum priority ('low', 'high')\n\
         function touch() returns trigger language plpgsql as $$ begin new.updated_at = now(); return new; end $$\n\
         mixin stamped {\n  created_at timestamptz not null default now()\n  updated_at timestamptz not null default now()\n  \
         trigger ${table}_touch before update for each row execute function touch()\n}\n\
         mixin owned {\n  rls enabled\n  policy ${table}_read for select to authenticated using (owner = 1)\n  \
         policy ${table}_write for insert to authenticated with check (owner = 1)\n}\n",
    ))];
    for i in 0..n {
        if i % 100 == 0 {
            files.push((format!("tables_{:03}.pgs", i / 100), String::new()));
        }
        let s = &mut files.last_mut().expect("a file per 100 tables").1;
        let _ = write!(
            s,
            "table t{i} {{\n  id bigint primary key generated always as identity\n  owner integer not null\n  \
             name text not null check (length(name) < 200)\n  status status not null default 'new'\n  \
             prio priority\n  amount numeric(12, 2)\n  data jsonb not null default '{{}}'\n"
        );
        if i > 0 {
            let _ = writeln!(
                s,
                "  parent_id bigint references t{} on delete cascade",
                i - 1
            );
        }
        if i > 1 {
            let _ = writeln!(
                s,
                "  other_id bigint references t{} on delete set null",
                i / 2
            );
        }
        let _ = write!(
            s,
            "  use stamped\n  index (owner, created_at desc)\n  index (status) where status <> 'done'\n  use owned\n}}\n"
        );
        if i % 100 == 0 {
            let _ = writeln!(
                s,
                "view v{i} as select id, name from t{i} where status = 'active';"
            );
        }
    }
    files
}

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
    for (name, text) in schema(n) {
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
    };
    let start = Instant::now();
    let compiled = compile_project(&project, &dir);
    let parsed = start.elapsed();
    assert!(
        !compiled.diagnostics.has_errors(),
        "generated schema must compile"
    );
    let findings = schemac::lint::run(
        compiled.schema.as_ref().expect("schema"),
        &compiled.origins,
        &compiled.sources,
        &project.lint,
    );
    let linted = start.elapsed();
    let history = History::read(&project.output).expect("history");
    let built = plan_build(
        &project.name,
        &project.output,
        &compiled,
        &history,
        &BuildOptions::default(),
    )
    .expect("build");
    write_files(&built).expect("write");
    let total = start.elapsed();
    let bytes: usize = built.files.values().map(String::len).sum();
    println!(
        "{n:>5} tables: build {:>7.1} ms (parse+check+order {:>6.1} ms, lint {:>5.1} ms, {} findings), {:>5.1} MiB SQL written, peak RSS {:>6.1} MiB",
        total.as_secs_f64() * 1000.0,
        parsed.as_secs_f64() * 1000.0,
        (linted - parsed).as_secs_f64() * 1000.0,
        findings.len(),
        bytes as f64 / 1048576.0,
        peak_rss_kib() as f64 / 1024.0
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    let root = std::env::temp_dir().join(format!("schemac-bench-{}", std::process::id()));
    // Three runs per size: on a shared machine the best of them is the figure to quote.
    for n in [1000, 5000] {
        for _ in 0..3 {
            run(n, &root);
        }
    }
    let _ = std::fs::remove_dir_all(&root);
}
