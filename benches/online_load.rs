//! `cargo bench --bench online_load`: every migration of the convergence suite, of the
//! marketplace history and of the example projects' committed histories, applied to
//! tables holding rows while a concurrent workload runs single-row SELECT, INSERT and
//! UPDATE statements on the same tables. For each part of a migration (its main
//! transaction, each statement outside it, each transaction of its own) it records
//! the longest wait of the workload, and reports the worst per hazard class.
//!
//! Needs a PostgreSQL server: `BENCH_DATABASE_URL` or `SCHEMAC_TEST_DATABASE_URL`
//! (`scripts/pg-server start`). `BENCH_ROWS` rows per table (default 100000),
//! `BENCH_CASES=a,b` to run only cases whose name contains one of those,
//! `BENCH_WORKERS` workload connections (default 2), `BENCH_VERBOSE=1` for every part,
//! `BENCH_OFFLINE=1` to measure the one-transaction forms (`online = false`) instead.
//! A measurement, not a test: nothing is asserted.

#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "online_load/fill.rs"]
mod fill;
#[path = "online_load/parts.rs"]
mod parts;
#[path = "online_load/report.rs"]
mod report;
#[path = "online_load/workload.rs"]
mod workload;

use parts::{run_steps, steps_of, steps_of_file, Measured, Step};
use postgres::{Client, NoTls};
use report::{ms, report};
use schemac::diff::{align_columns, diff, diff_renamed, online, Hazard, Ordered};
use schemac::model::Schema;
use schemac::sql::render;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() {
    let Some(url) = std::env::var("BENCH_DATABASE_URL")
        .ok()
        .or_else(|| std::env::var("SCHEMAC_TEST_DATABASE_URL").ok())
        .filter(|u| !u.is_empty())
    else {
        eprintln!("online_load: set BENCH_DATABASE_URL or SCHEMAC_TEST_DATABASE_URL (scripts/pg-server start)");
        return;
    };
    let env_num = |k: &str, d: i64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let rows = env_num("BENCH_ROWS", 100_000);
    let workers = env_num("BENCH_WORKERS", 2) as usize;
    let verbose = std::env::var("BENCH_VERBOSE").is_ok_and(|v| v == "1");
    let only: Vec<String> = std::env::var("BENCH_CASES")
        .map(|v| v.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| name.contains(o.as_str()));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));

    let mut pairs: Vec<(String, PathBuf, PathBuf)> = Vec::new();
    let mut dirs: Vec<PathBuf> = read_dir(&root.join("schemas/cases/diff"));
    dirs.sort();
    for d in dirs {
        let name = file_name(&d);
        pairs.push((name, d.join("before.pgs"), d.join("after.pgs")));
    }
    let mut history = read_dir(&root.join("schemas/history/marketplace"));
    history.sort();
    history.push(root.join("schemas/marketplace"));
    for w in history.windows(2) {
        pairs.push((
            format!("history_{}", file_name(&w[1])),
            w[0].clone(),
            w[1].clone(),
        ));
    }

    let started = Instant::now();
    let mut all: Vec<Measured> = Vec::new();
    let mut empty_tables = 0usize;
    let mut filled_tables = 0usize;
    {
        // Counts what a case filled and left empty, and keeps its parts.
        let mut take = |name: &str, result: CaseResult| match result {
            Ok((measured, filled, skipped)) => {
                filled_tables += filled;
                empty_tables += skipped.len();
                if verbose {
                    for s in skipped {
                        println!("{name}: {} left empty: {}", s.table, s.why);
                    }
                }
                all.extend(measured);
            }
            Err(e) => eprintln!("{name}: skipped: {e}"),
        };
        for (i, (name, before, after)) in pairs.iter().enumerate() {
            if !wanted(name) {
                continue;
            }
            take(name, run_pair(&url, i, name, before, after, rows, workers));
        }
        for project in read_dir(&root.join("generated")) {
            let name = format!("committed_{}", file_name(&project));
            if !wanted(&name) {
                continue;
            }
            take(
                &name,
                run_history(&url, &root, &project, &name, rows, workers),
            );
        }
    }
    if verbose {
        for m in &all {
            println!(
                "{}\t{}\t{}\t{:.0} ms\twait {:.0} ms{}",
                m.case,
                m.label,
                hazard_names(&m.hazards),
                ms(m.took),
                ms(m.wait),
                m.error
                    .as_deref()
                    .map(|e| format!("\tFAILED: {e}"))
                    .unwrap_or_default()
            );
        }
    }
    report(&all, rows, filled_tables, empty_tables, started.elapsed());
}

/// A database error in words, with its SQLSTATE.
fn err(e: postgres::Error) -> String {
    match e.as_db_error() {
        Some(d) => format!("{} ({})", d.message(), d.code().code()),
        None => e.to_string(),
    }
}

fn read_dir(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default()
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

fn hazard_names(h: &[Hazard]) -> String {
    if h.is_empty() {
        "none".into()
    } else {
        h.iter().map(|h| h.as_str()).collect::<Vec<_>>().join(",")
    }
}

/// Compiles a `.pgs` file or directory with the supabase preset.
fn compile(path: &Path) -> Result<schemac::project::load::Compiled, String> {
    let files = if path.is_dir() {
        schemac::project::load::source_files(path).map_err(|e| e.to_string())?
    } else {
        vec![path.to_path_buf()]
    };
    let sources = files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            (f.display().to_string(), f, text)
        })
        .collect();
    let c = schemac::project::load::compile_sources(sources, Some("supabase"));
    if c.diagnostics.has_errors() {
        return Err(format!("{} does not compile", path.display()));
    }
    Ok(c)
}

/// A fresh database for one case.
fn database(admin_url: &str, i: usize) -> Result<(String, Client), String> {
    let name = format!("bench_load_{i}");
    let mut admin = Client::connect(admin_url, NoTls).map_err(err)?;
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .map_err(err)?;
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .map_err(err)?;
    let (base, _) = admin_url.rsplit_once('/').ok_or("URL without a database")?;
    let url = format!("{base}/{name}");
    let client = Client::connect(&url, NoTls).map_err(err)?;
    Ok((url, client))
}

fn drop_database(admin_url: &str, i: usize) {
    if let Ok(mut admin) = Client::connect(admin_url, NoTls) {
        let _ = admin.batch_execute(&format!(
            "DROP DATABASE IF EXISTS bench_load_{i} WITH (FORCE)"
        ));
    }
}

/// Runs a migration file as `migrate` would, without recording it.
fn apply_file(client: &mut Client, text: &str) -> Result<(), String> {
    for seg in schemac::migrate::script::segments(text) {
        let statements = schemac::sqltext::split_statements(&seg.sql);
        let run = |c: &mut Client| -> Result<(), postgres::Error> {
            if seg.transactional {
                let mut tx = c.transaction()?;
                for s in &statements {
                    tx.batch_execute(s)?;
                }
                tx.commit()
            } else {
                statements.iter().try_for_each(|s| c.batch_execute(s))
            }
        };
        run(client).map_err(|e| {
            e.as_db_error()
                .map_or(e.to_string(), |d| d.message().to_string())
        })?;
    }
    Ok(())
}

type CaseResult = Result<(Vec<Measured>, usize, Vec<fill::Skipped>), String>;

/// One before → after pair: built, filled, migrated up and down under the workload.
fn run_pair(
    url: &str,
    i: usize,
    name: &str,
    before: &Path,
    after: &Path,
    rows: i64,
    workers: usize,
) -> CaseResult {
    let b = compile(before)?;
    let a = compile(after)?;
    let prev = b.schema.ok_or("no schema")?;
    let mut next = a.schema.ok_or("no schema")?;
    align_columns(&prev, &mut next);
    let (op, on) = (
        Ordered::new(&prev).map_err(|e| format!("{e:?}"))?,
        Ordered::new(&next).map_err(|e| format!("{e:?}"))?,
    );
    let up = diff_renamed(&op, &on, &a.renames).map_err(|e| format!("{e:?}"))?;
    let down = diff_renamed(&on, &op, &a.renames.inverted()).map_err(|e| format!("{e:?}"))?;
    let (up, down) = if std::env::var("BENCH_OFFLINE").is_ok_and(|v| v == "1") {
        (up, down)
    } else {
        (online(up, &prev, &next), online(down, &next, &prev))
    };
    let (db_url, mut client) = database(url, i)?;
    let result = (|| {
        client
            .batch_execute(&schemac::project::prelude::render(&a.externs, true))
            .map_err(err)?;
        let full = diff(&Schema::empty(), &prev).map_err(|e| format!("{e:?}"))?;
        apply_file(
            &mut client,
            &render(&full, &Schema::empty(), &prev, false).to_file(&[]),
        )?;
        let live = schemac::introspect::model::read(&mut client, &skip()).map_err(err)?;
        let (filled, skipped) = fill::fill(&mut client, &live, rows);
        let mut measured = Vec::new();
        for (dir, steps) in [
            ("up", steps_of(&up, &prev, &next, false)),
            ("down", steps_of(&down, &next, &prev, true)),
        ] {
            measured.extend(under_load(
                &db_url,
                &mut client,
                &format!("{name} ({dir})"),
                &steps,
                &filled,
                workers,
            ));
        }
        Ok((measured, filled.len(), skipped))
    })();
    drop(client);
    drop_database(url, i);
    result
}

/// A committed example history: its first migration, rows, then every later one.
fn run_history(
    url: &str,
    root: &Path,
    project: &Path,
    name: &str,
    rows: i64,
    workers: usize,
) -> CaseResult {
    let history = schemac::project::history::History::read(project).map_err(|e| e.to_string())?;
    let config = schemac::project::config::Config::load(&root.join("schemac.toml"))
        .map_err(|e| format!("{e:?}"))?;
    let p = config
        .projects
        .iter()
        .find(|p| p.output == project)
        .ok_or("not a project of schemac.toml")?;
    let compiled = schemac::project::load::compile_project(p, root);
    let (db_url, mut client) = database(url, 10_000 + name.len())?;
    let result = (|| {
        client
            .batch_execute(&schemac::project::prelude::render(
                &compiled.externs,
                p.preset.as_deref() == Some("supabase"),
            ))
            .map_err(err)?;
        let mut migrations = history.migrations.iter();
        let first = migrations.next().ok_or("no migrations")?;
        apply_file(&mut client, &first.up)?;
        let live = schemac::introspect::model::read(&mut client, &skip()).map_err(err)?;
        let (filled, skipped) = fill::fill(&mut client, &live, rows);
        let mut measured = Vec::new();
        for m in migrations {
            let case = format!("{name} {}_{}", m.version, m.name);
            measured.extend(under_load(
                &db_url,
                &mut client,
                &case,
                &steps_of_file(&m.up),
                &filled,
                workers,
            ));
        }
        Ok((measured, filled.len(), skipped))
    })();
    drop(client);
    drop_database(url, 10_000 + name.len());
    result
}

fn skip() -> Vec<String> {
    ["auth", "storage", "extensions", "schemac"]
        .map(String::from)
        .to_vec()
}

/// Runs `steps` while the workload runs, and gives each the longest workload wait
/// that overlapped it.
fn under_load(
    url: &str,
    client: &mut Client,
    case: &str,
    steps: &[Step],
    filled: &[fill::Filled],
    workers: usize,
) -> Vec<Measured> {
    let load = workload::Workload::start(url, filled, workers);
    std::thread::sleep(Duration::from_millis(200));
    let mut windows = Vec::new();
    let mut measured = run_steps(client, case, steps, &mut windows);
    std::thread::sleep(Duration::from_millis(100));
    let samples = load.stop();
    for (m, (from, to)) in measured.iter_mut().zip(windows) {
        m.wait = workload::worst_wait(&samples, from, to);
    }
    measured
}
