//! The convergence corpus: `schemas/cases/diff/<case>/{before,after}.pgs`. For each
//! pair, the migration before → after and its rollback are snapshotted under
//! `snapshots/diff/`, and on a real PostgreSQL:
//!
//! 1. a database built from `before` and migrated to `after` has the same
//!    `pg_dump --schema-only` (and seed data) as one built straight from `after`;
//! 2. `after` diffed with itself needs no steps;
//! 3. the rollback gives the `pg_dump` of a database built from `before`.
//!
//! Optional files: `data.sql` runs after `before` is built (rows that must survive),
//! `check.sql` must return true after the migration.
//!
//! Each pair (and each step of the marketplace history) is a test of its own
//! (libtest-mimic): `cargo test --test convergence -- add_column` runs one.

mod common;

use common::pg::{pg_dump, server_url, TestDb};
use common::{cases, compile, root, settings};
use libtest_mimic::{Arguments, Failed, Trial};
use schemac::diff::{align_columns, diff, diff_renamed, Ordered};
use schemac::model::Schema;
use schemac::project::prelude;
use schemac::sql::render;
use std::path::Path;

struct Case {
    name: String,
    before: Schema,
    after: Schema,
    up: String,
    down: String,
    prelude: String,
}

fn load(dir: &Path) -> Case {
    let name = dir.file_name().expect("name").to_string_lossy().to_string();
    load_pair(name, &dir.join("before.pgs"), &dir.join("after.pgs"))
}

/// A pair from two sources (files or directories of `.pgs` files).
fn load_pair(name: String, before: &Path, after: &Path) -> Case {
    let b = compile(&[before.to_path_buf()], Some("supabase"));
    let a = compile(&[after.to_path_buf()], Some("supabase"));
    for (c, which) in [(&b, "before"), (&a, "after")] {
        assert!(
            !c.diagnostics.has_errors(),
            "{name}/{which}.pgs:\n{}",
            common::rendered(c)
        );
    }
    let before = b.schema.expect("before");
    let mut after = a.schema.expect("after");
    align_columns(&before, &mut after);
    let (ob, oa) = (
        Ordered::new(&before).expect("order"),
        Ordered::new(&after).expect("order"),
    );
    let up_plan = diff_renamed(&ob, &oa, &a.renames)
        .unwrap_or_else(|e| panic!("{name}: no plan before → after: {e:?}"));
    assert!(
        !up_plan.is_empty(),
        "{name}: before and after are the same schema"
    );
    let down_plan = diff_renamed(&oa, &ob, &a.renames.inverted())
        .unwrap_or_else(|e| panic!("{name}: no plan after → before: {e:?}"));
    // As `build` writes them by default: online forms on tables that have rows.
    let (up_plan, down_plan) = (
        schemac::diff::online(up_plan, &before, &after),
        schemac::diff::online(down_plan, &after, &before),
    );
    Case {
        up: render(&up_plan, &before, &after, false).to_file(&[format!("{name} (up)")]),
        down: render(&down_plan, &after, &before, true).to_file(&[format!("{name} (down)")]),
        prelude: prelude::render(&a.externs, true),
        name,
        before,
        after,
    }
}

fn full(schema: &Schema) -> String {
    let plan = diff(&Schema::empty(), schema).expect("full plan");
    render(&plan, &Schema::empty(), schema, false).to_file(&[])
}

fn main() {
    let args = Arguments::from_args();
    let mut trials: Vec<Trial> = cases("schemas/cases/diff", None)
        .into_iter()
        .map(|dir| {
            let name = dir.file_name().expect("name").to_string_lossy().to_string();
            Trial::test(name, move || run_pair(&dir))
        })
        .collect();
    let mut steps = cases("schemas/history/marketplace", None);
    steps.push(root().join("schemas/marketplace"));
    assert_eq!(steps.len(), 11, "the marketplace history has eleven steps");
    for pair in steps.windows(2) {
        let (before, after) = (pair[0].clone(), pair[1].clone());
        let name = format!(
            "history_{}",
            after.file_name().expect("name").to_string_lossy()
        );
        trials.push(Trial::test(name.clone(), move || {
            caught(|| {
                let Some(url) = server_url() else { return };
                converge(&url, &after, &load_pair(name, &before, &after));
            })
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}

/// One pair: its plans are snapshotted, `after` diffed with itself is empty, and on
/// PostgreSQL it converges up and down.
fn run_pair(dir: &Path) -> Result<(), Failed> {
    caught(|| {
        let c = load(dir);
        assert!(
            diff(&c.after, &c.after).expect("plan").is_empty(),
            "{}: after vs after is not empty",
            c.name
        );
        let text = format!("{}\n{}", c.up, c.down);
        settings("diff", &dir.join("after.pgs"))
            .bind(|| insta::assert_snapshot!(c.name.clone(), text));
        if let Some(url) = server_url() {
            // Each side is a schema of its own: either may need a newer server.
            let runs = ["before.pgs", "after.pgs"].iter().all(|side| {
                common::newer_than_server(&[dir.join(side)], Some("supabase"), &url).is_none()
            });
            if runs {
                converge(&url, dir, &c);
            }
        }
    })
}

/// Runs `f`, turning a panic (a failed assertion) into the trial's failure message.
fn caught(f: impl FnOnce() + std::panic::UnwindSafe) -> Result<(), Failed> {
    std::panic::catch_unwind(f).map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
            .into()
    })
}

fn converge(url: &str, dir: &Path, c: &Case) {
    let mut migrated = TestDb::create(url, &format!("m_{}", c.name));
    migrated.exec(&c.prelude);
    migrated.apply(&full(&c.before), "before");
    let dump_before = migrated.dump_schema();
    let data_before = data(&migrated.url);
    if let Ok(data) = std::fs::read_to_string(dir.join("data.sql")) {
        migrated.exec(&data);
    }
    migrated.apply(&c.up, "up");
    if let Ok(check) = std::fs::read_to_string(dir.join("check.sql")) {
        let ok: bool = migrated
            .client
            .query_one(check.as_str(), &[])
            .expect("check.sql")
            .get(0);
        assert!(ok, "check.sql is false after the migration");
    }

    let mut fresh = TestDb::create(url, &format!("f_{}", c.name));
    fresh.exec(&c.prelude);
    fresh.apply(&full(&c.after), "after");
    eq(
        &migrated.dump_schema(),
        &fresh.dump_schema(),
        "schema after up vs fresh after",
    );
    if !dir.join("data.sql").exists() {
        let a = data(&migrated.url);
        let b = data(&fresh.url);
        eq(&a, &b, "seed data after up vs fresh after");
    }

    if dir.join("data.sql").exists() {
        // Rows added after `before` may not fit the rolled-back schema; start over.
        migrated = TestDb::create(url, &format!("m2_{}", c.name));
        migrated.exec(&c.prelude);
        migrated.apply(&full(&c.before), "before (again)");
        migrated.apply(&c.up, "up (again)");
    }
    migrated.apply(&c.down, "down");
    eq(
        &migrated.dump_schema(),
        &dump_before,
        "schema after down vs before",
    );
    let data_after_down = data(&migrated.url);
    eq(
        &data_after_down,
        &data_before,
        "seed data after down vs before",
    );
}

/// `pg_dump --data-only` with the rows of each COPY block sorted: row order is
/// physical (an UPDATE moves a row), which is not part of the schema's meaning.
fn data(url: &str) -> String {
    let dump = pg_dump(url, &["--data-only", "--schema=public", "--schema=app"]);
    let mut out = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    let mut in_copy = false;
    for line in dump.lines() {
        if in_copy {
            if line == "\\." {
                block.sort_unstable();
                out.append(&mut block);
                out.push(line);
                in_copy = false;
            } else {
                block.push(line);
            }
        } else if !line.starts_with("SELECT pg_catalog.setval(") {
            // Sequence positions are runtime state, not part of the declared schema.
            in_copy = line.starts_with("COPY ");
            out.push(line);
        }
    }
    out.join("\n")
}

fn eq(a: &str, b: &str, what: &str) {
    if a != b {
        let d = similar::TextDiff::from_lines(b, a)
            .unified_diff()
            .header("expected", "actual")
            .to_string();
        panic!("{what} differ:\n{d}");
    }
}
