//! `schemac pull` on PostgreSQL: a project pulled from a database builds, is adopted
//! with `baseline 0001`, and shows no drift against that database, for every example project, the one-of-each-construct
//! fixture and a hand-written dump (several schemas, partitions, overloads, quoted
//! mixed-case names, reserved words); and its `diff --format sql` converges another
//! database (an older version of the same schema) to it.

mod common;

use common::pg::{server_url, TestDb};
use common::root;
use schemac::project::config::Config;
use schemac::project::load::compile_project;
use schemac::project::prelude;
use std::path::{Path, PathBuf};
use std::process::Output;

fn schemac(dir: &Path, args: &[&str]) -> Output {
    common::schemac_in(dir, args)
}

fn ok(o: &Output, what: &str) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        o.status.success(),
        "{what} failed ({:?}):\n{text}",
        o.status.code()
    );
    text
}

/// Pulls `db` into a fresh directory, builds it, and checks `diff --live` finds nothing.
fn pull_build_diff(db: &TestDb, tag: &str, extra: &[&str]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("schemac-pull-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut args = vec!["pull", "--live", &db.url, "--out"];
    let out = dir.display().to_string();
    args.push(&out);
    args.extend_from_slice(extra);
    ok(&schemac(&root(), &args), &format!("{tag}: pull"));
    ok(
        &schemac(&dir, &["build"]),
        &format!("{tag}: build of the pulled project"),
    );
    // Adopting: the database already has what the first migration creates.
    ok(
        &schemac(&dir, &["baseline", "0001", "--live", &db.url]),
        &format!("{tag}: baseline"),
    );
    let diff = schemac(&dir, &["diff", "--live", &db.url]);
    let text = String::from_utf8_lossy(&diff.stdout).to_string();
    assert_eq!(
        diff.status.code(),
        Some(0),
        "{tag}: the pulled project differs from its database:\n{text}{}",
        String::from_utf8_lossy(&diff.stderr)
    );
    assert!(text.contains("no schema drift"), "{tag}: {text}");
    dir
}

#[test]
fn pulled_example_projects_build_and_match_their_database() {
    let Some(url) = server_url() else { return };
    let config = Config::load(&root().join("schemac.toml")).expect("config");
    for p in &config.projects {
        if !common::pg::targets_server(&url, &p.name, p.target) {
            continue;
        }
        let c = compile_project(p, &config.root);
        let mut db = TestDb::create(&url, &format!("pull_{}", p.name));
        db.exec(&prelude::render(
            &c.externs,
            p.preset.as_deref() == Some("supabase"),
        ));
        ok(
            &schemac(
                &root(),
                &["migrate", "--project", &p.name, "--live", &db.url],
            ),
            &format!("{}: migrate", p.name),
        );
        let dir = pull_build_diff(&db, &p.name, &[]);
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[test]
fn a_hand_written_dump_and_every_construct_pull_cleanly() {
    let Some(url) = server_url() else { return };
    // The dump has a security_invoker view: PostgreSQL 15's.
    if common::pg::server_major(&url) >= 15 {
        hand_written_dump(&url);
    }

    // DSL → build → apply → pull → build → diff = 0: every construct, and every
    // privilege form (default privileges, grant options, column grants, revokes of
    // built-in privileges, owners).
    for (fixture, tag) in [("every_construct", "every"), ("privileges", "privileges")] {
        let f = root().join(format!("schemas/cases/check/ok/{fixture}.pgs"));
        if common::newer_than_server(std::slice::from_ref(&f), Some("supabase"), &url).is_some() {
            continue;
        }
        let c = common::compile(&[f], Some("supabase"));
        let mut db = TestDb::create(&url, &format!("pull_{tag}"));
        db.exec(&prelude::render(&c.externs, true));
        db.apply(
            &schemac::sql::create_all(&c.schema.expect("compiles")).expect("render"),
            fixture,
        );
        let dir = pull_build_diff(&db, tag, &[]);
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[test]
fn a_pulled_project_converges_an_older_database() {
    let Some(url) = server_url() else { return };
    let (config, p) = common::example("marketplace");
    let c = compile_project(&p, &config.root);
    let new = {
        let mut db = TestDb::create(&url, "pull_new");
        db.exec(&prelude::render(&c.externs, true));
        ok(
            &schemac(
                &root(),
                &["migrate", "--project", "marketplace", "--live", &db.url],
            ),
            "migrate",
        );
        db
    };
    let dir = pull_build_diff(&new, "converge", &[]);
    // An older database: the marketplace as of migration 0004.
    let mut old = TestDb::create(&url, "pull_old");
    old.exec(&prelude::render(&c.externs, true));
    ok(
        &schemac(
            &root(),
            &[
                "migrate",
                "--project",
                "marketplace",
                "--live",
                &old.url,
                "--to",
                "0004",
            ],
        ),
        "migrate to 0004",
    );
    let o = schemac(
        &dir,
        &[
            "diff",
            "--live",
            &old.url,
            "--format",
            "sql",
            "--allow-data-loss",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let sql = String::from_utf8(o.stdout).expect("utf-8");
    old.apply(&sql, "the pulled project's reconciling migration");
    let o = schemac(&dir, &["diff", "--live", &old.url]);
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(text.contains("no schema drift"), "converged:\n{text}{sql}");
    let _ = std::fs::remove_dir_all(dir);
}

/// The hand-written dump pulls, builds, baselines and shows no drift; its quoted,
/// overloaded and reserved names come out as written.
fn hand_written_dump(url: &str) {
    let mut db = TestDb::create(url, "pull_dump");
    db.exec(&std::fs::read_to_string(root().join("tests/data/pull_dump.sql")).expect("dump"));
    let dir = pull_build_diff(&db, "dump", &["--preset", "none"]);

    let billing = std::fs::read_to_string(dir.join("schema/billing.pgs")).expect("billing.pgs");
    assert!(
        billing.contains("function billing.fmt(amount numeric, currency text)"),
        "{billing}"
    );
    assert!(
        billing.contains("trigger \"Stamp issue date\" before update of state"),
        "{billing}"
    );
    let _ = std::fs::remove_dir_all(dir);
}
