//! `schemac migrate`, `status` and `rollback` through the real binary against a real
//! PostgreSQL: step-by-step equals all-at-once, re-running is a no-op, a failing
//! migration leaves no trace, concurrent runs apply each migration exactly once,
//! integrity problems are refused, and rollback to 0 then migrate reproduces the schema.

mod common;

use common::pg::{server_url, TestDb};
use common::root;
use schemac::project::config::Config;
use schemac::project::load::compile_project;
use schemac::project::prelude;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn schemac(dir: &Path, url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_schemac"))
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("DATABASE_URL", url)
        .env("NO_COLOR", "1")
        .output()
        .expect("schemac runs")
}

fn ok(o: &Output) -> String {
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(
        o.status.success(),
        "schemac failed ({:?}):\n{err}",
        o.status.code()
    );
    err
}

fn marketplace_db(url: &str, tag: &str) -> TestDb {
    let config = Config::load(&root().join("schemac.toml")).expect("config");
    let p = config
        .projects
        .iter()
        .find(|p| p.name == "marketplace")
        .expect("marketplace");
    let c = compile_project(p, &config.root);
    let mut db = TestDb::create(url, tag);
    db.exec(&prelude::render(&c.externs, true));
    db
}

fn versions(db: &mut TestDb) -> Vec<String> {
    db.client
        .query(
            "SELECT version FROM schemac.migrations ORDER BY version",
            &[],
        )
        .expect("tracking rows")
        .iter()
        .map(|r| r.get(0))
        .collect()
}

#[test]
fn step_by_step_equals_all_at_once_and_rerun_is_a_no_op() {
    let Some(url) = server_url() else { return };
    let repo = root();
    let mut stepwise = marketplace_db(&url, "mig_steps");
    for v in ["0001", "0003", "0004", "0007", "0009", "0010", "0011"] {
        ok(&schemac(
            &repo,
            &stepwise.url,
            &["migrate", "--project", "marketplace", "--to", v],
        ));
    }
    let mut all = marketplace_db(&url, "mig_all");
    let err = ok(&schemac(
        &repo,
        &all.url,
        &["migrate", "--project", "marketplace"],
    ));
    assert!(
        err.contains("applied 0011_close_cross_tenant_writes"),
        "{err}"
    );
    assert_eq!(stepwise.dump_schema(), all.dump_schema());
    assert_eq!(versions(&mut stepwise).len(), 11);
    let before = all.catalog_objects();
    let err = ok(&schemac(
        &repo,
        &all.url,
        &["migrate", "--project", "marketplace"],
    ));
    assert!(err.contains("nothing to apply"), "{err}");
    assert_eq!(before, all.catalog_objects());
    let o = schemac(
        &repo,
        &all.url,
        &["status", "--project", "marketplace", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["up_to_date"], true);
    assert_eq!(v["migrations"].as_array().map(Vec::len), Some(11));
}

#[test]
fn rollback_to_zero_then_migrate_reproduces_the_schema() {
    let Some(url) = server_url() else { return };
    let repo = root();
    let mut db = marketplace_db(&url, "mig_rollback");
    ok(&schemac(
        &repo,
        &db.url,
        &["migrate", "--project", "marketplace"],
    ));
    let dump = db.dump_schema();
    let o = schemac(
        &repo,
        &db.url,
        &["rollback", "--project", "marketplace", "--to", "0000"],
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "dropping tables needs confirmation"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("--allow-data-loss"));
    assert_eq!(
        versions(&mut db).len(),
        11,
        "a refused rollback changes nothing"
    );
    ok(&schemac(
        &repo,
        &db.url,
        &["rollback", "--project", "marketplace", "--steps", "1"],
    ));
    assert_eq!(versions(&mut db).len(), 10);
    ok(&schemac(
        &repo,
        &db.url,
        &[
            "rollback",
            "--project",
            "marketplace",
            "--to",
            "0000",
            "--allow-data-loss",
        ],
    ));
    assert!(versions(&mut db).is_empty());
    let o = schemac(&repo, &db.url, &["status", "--project", "marketplace"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "pending migrations make status exit 1"
    );
    ok(&schemac(
        &repo,
        &db.url,
        &["migrate", "--project", "marketplace"],
    ));
    assert_eq!(dump, db.dump_schema());
}

/// A scratch project built once per schema, so it has one migration per schema.
fn scratch_with(tag: &str, schemas: &[&str]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("schemac-mig-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    std::fs::write(
        dir.join("schemac.toml"),
        "[[project]]\nname = \"app\"\nsource = \"src\"\noutput = \"gen\"\n",
    )
    .expect("config");
    for schema in schemas {
        std::fs::write(dir.join("src/schema.pgs"), schema).expect("schema");
        let o = Command::new(env!("CARGO_BIN_EXE_schemac"))
            .arg("-C")
            .arg(&dir)
            .arg("build")
            .output()
            .expect("build");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    dir
}

/// A scratch project with two migrations.
fn scratch(tag: &str) -> PathBuf {
    scratch_with(
        tag,
        &[
            "table a {\n  id int primary key\n}\n",
            "table a {\n  id int primary key\n  note text\n}\ntable b {\n  id int primary key\n  a_id int references a\n}\n",
        ],
    )
}

/// Records `up` as the checksum of migration `version`'s up.sql in manifest.json, as if
/// `build` had written that text.
fn record_checksum(dir: &Path, version: &str, up: &str) {
    let path = dir.join("gen/manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("manifest")).expect("json");
    for m in manifest["migrations"].as_array_mut().expect("migrations") {
        if m["version"] == version {
            m["up"] = schemac::project::history::checksum(up).into();
        }
    }
    std::fs::write(
        &path,
        serde_json::to_string_pretty(&manifest).expect("json"),
    )
    .expect("write");
}

fn up_path(dir: &Path, version: &str) -> PathBuf {
    let m = std::fs::read_dir(dir.join("gen/migrations"))
        .expect("migrations")
        .map(|e| e.expect("entry").path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(version))
        })
        .expect("migration dir");
    m.join("up.sql")
}

#[test]
fn a_failing_migration_leaves_no_trace_and_can_continue_after_the_fix() {
    let Some(url) = server_url() else { return };
    let dir = scratch("fail");
    let mut db = TestDb::create(&url, "mig_fail");
    let up = up_path(&dir, "0002");
    let good = std::fs::read_to_string(&up).expect("up");
    // Third statement of the transaction is broken.
    let bad = good.replacen("\nCREATE TABLE public.b", "\nCREATE TABLE public.b_ok (id int);\n\nSELECT no_such_function();\n\nCREATE TABLE public.b", 1);
    assert_ne!(bad, good);
    std::fs::write(&up, &bad).expect("write");
    // An edited file is refused before anything runs (D003) …
    let o = schemac(&dir, &db.url, &["migrate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("(D003)"));
    assert_eq!(
        db.value("SELECT count(*) FROM pg_class WHERE relname IN ('a', 'b')"),
        "0",
        "nothing applied"
    );
    // … so record it as build would have written it, to test a failing statement.
    record_checksum(&dir, "0002", &bad);
    let o = schemac(&dir, &db.url, &["migrate"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("0002_")
            && err.contains("rolled back")
            && err.contains("SELECT no_such_function()")
            && err.contains("42883"),
        "{err}"
    );
    assert_eq!(versions(&mut db), vec!["0001"]);
    let leftovers: i64 = db
        .client
        .query_one("SELECT count(*) FROM pg_class WHERE relname IN ('b', 'b_ok') OR (relname = 'a' AND false)", &[])
        .expect("count")
        .get(0);
    assert_eq!(leftovers, 0, "no partial objects");
    let note: i64 = db
        .client
        .query_one("SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.a'::regclass AND attname = 'note'", &[])
        .expect("count")
        .get(0);
    assert_eq!(
        note, 0,
        "the first statement of the failed migration is rolled back too"
    );
    std::fs::write(&up, &good).expect("restore");
    record_checksum(&dir, "0002", &good);
    ok(&schemac(&dir, &db.url, &["migrate"]));
    assert_eq!(versions(&mut db), vec!["0001", "0002"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn concurrent_runs_apply_each_migration_exactly_once() {
    let Some(url) = server_url() else { return };
    let dir = scratch("race");
    for round in 0..10 {
        let mut db = TestDb::create(&url, &format!("mig_race_{round}"));
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_schemac"))
                .arg("-C")
                .arg(&dir)
                .args(["migrate", "--format", "json"])
                .env("DATABASE_URL", &db.url)
                .output()
        };
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(spawn);
            let b = s.spawn(spawn);
            (
                a.join().expect("thread").expect("run"),
                b.join().expect("thread").expect("run"),
            )
        });
        for o in [&a, &b] {
            assert!(
                o.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        let applied = |o: &Output| -> usize {
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
            v["migrations"]
                .as_array()
                .expect("list")
                .iter()
                .filter(|m| m["status"] == "applied")
                .count()
        };
        assert_eq!(
            applied(&a) + applied(&b),
            2,
            "round {round}: each migration applied once in total"
        );
        assert_eq!(versions(&mut db), vec!["0001", "0002"]);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn edited_missing_and_out_of_order_migrations_are_refused() {
    let Some(url) = server_url() else { return };
    let dir = scratch("integrity");
    let db = TestDb::create(&url, "mig_integrity");
    ok(&schemac(&dir, &db.url, &["migrate"]));
    let up1 = up_path(&dir, "0001");
    let original = std::fs::read_to_string(&up1).expect("up");
    std::fs::write(&up1, format!("{original}\n-- edited\n")).expect("edit");
    let o = schemac(&dir, &db.url, &["migrate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("0001_initial/up.sql was edited after it was generated"));
    std::fs::write(&up1, &original).expect("restore");

    let m2 = up_path(&dir, "0002").parent().expect("dir").to_path_buf();
    let moved = dir.join("moved-0002");
    std::fs::rename(&m2, &moved).expect("hide");
    let o = schemac(&dir, &db.url, &["migrate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("is recorded as applied, but its files are gone"));
    std::fs::rename(&moved, &m2).expect("restore");

    let early = dir.join("gen/migrations/0000_inserted_early");
    std::fs::create_dir_all(&early).expect("mkdir");
    std::fs::write(
        early.join("up.sql"),
        "BEGIN;\nCREATE TABLE sneaky (id int);\nCOMMIT;\n",
    )
    .expect("up");
    std::fs::write(
        early.join("down.sql"),
        "BEGIN;\nDROP TABLE sneaky;\nCOMMIT;\n",
    )
    .expect("down");
    let o = schemac(&dir, &db.url, &["migrate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("inserted out of order"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn baseline_accepts_a_matching_database_and_refuses_one_that_differs() {
    let Some(url) = server_url() else { return };
    let repo = root();
    let history = schemac::project::history::History::read(&repo.join("generated/marketplace"))
        .expect("history");

    // Built from schema.sql of the latest version: accepted.
    let mut full = marketplace_db(&url, "base_full");
    let schema_sql =
        std::fs::read_to_string(repo.join("generated/marketplace/schema.sql")).expect("schema.sql");
    full.apply(&schema_sql, "schema.sql");
    let err = ok(&schemac(
        &repo,
        &full.url,
        &["baseline", "0011", "--project", "marketplace"],
    ));
    assert!(
        err.contains("recorded 0011_close_cross_tenant_writes"),
        "{err}"
    );
    assert_eq!(versions(&mut full).len(), 11);
    assert!(String::from_utf8_lossy(
        &schemac(&repo, &full.url, &["migrate", "--project", "marketplace"]).stderr
    )
    .contains("nothing to apply"));

    // Migrated by hand to version 5: accepted, then migrate applies 6..8.
    let mut partial = marketplace_db(&url, "base_partial");
    for m in history.migrations.iter().take(5) {
        partial.apply(&m.up, &m.name);
    }
    ok(&schemac(
        &repo,
        &partial.url,
        &["baseline", "0005", "--project", "marketplace"],
    ));
    assert_eq!(versions(&mut partial).len(), 5);
    let o = schemac(&repo, &partial.url, &["status", "--project", "marketplace"]);
    assert_eq!(o.status.code(), Some(1), "three migrations are pending");
    ok(&schemac(
        &repo,
        &partial.url,
        &["migrate", "--project", "marketplace"],
    ));
    assert_eq!(partial.dump_schema(), full.dump_schema());

    // status --drift: none on a database migrated by schemac, and the exact change
    // once someone alters it by hand.
    let o = schemac(
        &repo,
        &partial.url,
        &["status", "--project", "marketplace", "--drift"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("drift: none"));
    partial.exec("ALTER TABLE public.tasks ALTER COLUMN priority SET DEFAULT 'low'");
    let o = schemac(
        &repo,
        &partial.url,
        &[
            "status",
            "--project",
            "marketplace",
            "--drift",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let extra = v["drift"]["extra"].as_array().cloned().unwrap_or_default();
    let missing = v["drift"]["missing"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!((extra.len(), missing.len()), (1, 1), "{v}");
    assert!(
        extra[0]
            .as_str()
            .unwrap_or("")
            .contains("column public.tasks.priority text not null default 'low'::text"),
        "{v}"
    );

    // Drifted (a column added by hand): refused, naming the difference; nothing recorded.
    let mut drifted = marketplace_db(&url, "base_drift");
    for m in history.migrations.iter().take(5) {
        drifted.apply(&m.up, &m.name);
    }
    drifted.exec("ALTER TABLE public.tasks ADD COLUMN estimate integer; DROP INDEX public.messages_thread_id_idx;");
    let o = schemac(
        &repo,
        &drifted.url,
        &["baseline", "0005", "--project", "marketplace"],
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "a refusal exits 2, as build's does"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("does not match migrations up to 0005: 2 difference(s)"),
        "{err}"
    );
    assert!(
        err.contains("only in the database:    column public.tasks.estimate integer"),
        "{err}"
    );
    assert!(
        err.contains("missing in the database: index CREATE INDEX messages_thread_id_idx"),
        "{err}"
    );
    assert!(versions(&mut drifted).is_empty());
    let leftovers: i64 = drifted
        .client
        .query_one(
            "SELECT count(*) FROM pg_database WHERE datname LIKE 'schemac_shadow_%'",
            &[],
        )
        .expect("count")
        .get(0);
    assert_eq!(leftovers, 0, "the shadow database is always dropped");
}

#[test]
fn statements_outside_a_transaction_run_on_their_own_and_dry_run_changes_nothing() {
    let Some(url) = server_url() else { return };
    let dir = scratch_with(
        "standalone",
        &[
            "enum st ('a', 'b')\ntable t {\n  id int primary key\n  s st not null default 'a'\n  v text\n}\n",
            "enum st ('a', 'b', 'c')\ntable t {\n  id int primary key\n  s st not null default 'c'\n  v text\n  index concurrently t_v (v)\n}\n",
        ],
    );
    let up = std::fs::read_to_string(up_path(&dir, "0002")).expect("up");
    assert!(
        up.contains("-- schemac:no-transaction\nALTER TYPE public.st ADD VALUE IF NOT EXISTS 'c';"),
        "{up}"
    );
    assert!(
        up.contains("-- schemac:no-transaction\nCREATE INDEX CONCURRENTLY t_v"),
        "{up}"
    );

    let mut db = TestDb::create(&url, "mig_standalone");
    let o = schemac(&dir, &db.url, &["migrate", "--dry-run"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("-- would apply 0002_alter_t"));
    let tables: i64 = db
        .client
        .query_one("SELECT count(*) FROM pg_class WHERE relname = 't'", &[])
        .expect("q")
        .get(0);
    assert_eq!(tables, 0, "--dry-run runs nothing");

    ok(&schemac(&dir, &db.url, &["migrate"]));
    assert_eq!(versions(&mut db), vec!["0001", "0002"]);
    let valid: bool = db
        .client
        .query_one(
            "SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.t_v'::regclass",
            &[],
        )
        .expect("index")
        .get(0);
    assert!(valid);
    db.exec("INSERT INTO t (id) VALUES (1)");
    let s: String = db
        .client
        .query_one("SELECT s::text FROM t", &[])
        .expect("row")
        .get(0);
    assert_eq!(s, "c", "the new value is usable as the new default");
    db.exec("DELETE FROM t");
    let o = schemac(&dir, &db.url, &["rollback", "--steps", "1"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "removing an enum value is irreversible: it needs confirmation"
    );
    // --dry-run prints the down script and runs nothing.
    let dry = schemac(
        &dir,
        &db.url,
        &["rollback", "--steps", "1", "--allow-data-loss", "--dry-run"],
    );
    assert!(dry.status.success());
    let printed = String::from_utf8_lossy(&dry.stdout);
    assert!(
        printed.contains("-- would roll back 0002_") && printed.contains("(down)"),
        "{printed}"
    );
    assert_eq!(versions(&mut db), vec!["0001", "0002"]);
    ok(&schemac(
        &dir,
        &db.url,
        &["rollback", "--steps", "1", "--allow-data-loss"],
    ));
    assert_eq!(versions(&mut db), vec!["0001"]);
    let labels: i64 = db
        .client
        .query_one(
            "SELECT count(*) FROM pg_enum WHERE enumtypid = 'public.st'::regtype",
            &[],
        )
        .expect("labels")
        .get(0);
    assert_eq!(labels, 2, "the rollback removed the value again");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `prelude --apply` installs the shim (twice is harmless) and then works for
/// `migrate`; on a Supabase database it, and the printed prelude piped into it,
/// refuse before writing anything.
#[test]
fn prelude_installs_the_shim_and_refuses_a_supabase_database() {
    let Some(url) = server_url() else { return };
    let mut db = TestDb::create(&url, "prelude_apply");
    let target = db.url.clone();
    for _ in 0..2 {
        ok(&schemac(
            &root(),
            &url,
            &["prelude", "--project", "marketplace", "--apply", &target],
        ));
    }
    let row = db
        .client
        .query_one(
            "select count(*) from pg_proc where oid in ('auth.uid()'::regprocedure, 'auth.jwt()'::regprocedure)",
            &[],
        )
        .expect("auth helpers exist");
    assert_eq!(row.get::<_, i64>(0), 2);
    ok(&schemac(
        &root(),
        &target,
        &["migrate", "--project", "marketplace"],
    ));

    let mut supa = TestDb::create(&url, "prelude_supabase");
    supa.exec("create schema supabase_functions");
    let with_password = supa
        .url
        .replace("postgres://postgres@", "postgres://postgres:hunter2@");
    let refused = schemac(
        &root(),
        &url,
        &[
            "prelude",
            "--project",
            "marketplace",
            "--apply",
            &with_password,
        ],
    );
    let err = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{err}");
    assert!(err.contains("is a Supabase database"), "{err}");
    assert!(!err.contains("hunter2"), "password printed: {err}");
    let printed = schemac(&root(), &url, &["prelude", "--project", "marketplace"]);
    let sql = String::from_utf8_lossy(&printed.stdout).to_string();
    let piped = supa
        .client
        .batch_execute(&sql)
        .expect_err("the printed prelude refuses too");
    assert!(common::pg::describe(&piped).contains("Supabase database"));
    let auth = supa
        .client
        .query_one(
            "select count(*) from pg_namespace where nspname = 'auth'",
            &[],
        )
        .expect("query");
    assert_eq!(auth.get::<_, i64>(0), 0, "nothing was installed");
}

/// A type change that may lose or fail on values is refused at build until the column
/// says `allow data loss`; a shorter varchar then fails on a long value (22001) instead
/// of truncating it, and the migration leaves the row as it was.
#[test]
fn narrowing_a_column_is_refused_then_raises_instead_of_truncating() {
    let Some(url) = server_url() else { return };
    let table = |code: &str, amount: &str, allow: &str| {
        format!("table t {{\n  id int primary key\n  code {code}\n  amount {amount}\n}}\n{allow}")
    };
    let dir = common::temp_project("narrow", "", &table("varchar(40)", "numeric(10,2)", ""));
    let build = |dir: &Path| common::schemac_in(dir, &["build"]);
    assert!(build(&dir).status.success());
    let mut db = TestDb::create(&url, "mig_narrow");
    ok(&schemac(&dir, &db.url, &["migrate"]));
    db.exec("INSERT INTO t VALUES (1, 'a code far longer than ten', 12.34)");
    let schema = dir.join("src/schema.pgs");

    std::fs::write(&schema, table("varchar(10)", "numeric(10,2)", "")).expect("write");
    let refused = build(&dir);
    let err = String::from_utf8_lossy(&refused.stderr).to_string();
    assert!(!refused.status.success(), "narrowing is refused:\n{err}");
    assert!(
        err.contains("allow data loss on column public.t.code"),
        "{err}"
    );

    std::fs::write(&schema, table("varchar(40)", "numeric(10,0)", "")).expect("write");
    let refused = build(&dir);
    let err = String::from_utf8_lossy(&refused.stderr).to_string();
    assert!(!refused.status.success() && err.contains("rounds"), "{err}");

    std::fs::write(
        &schema,
        table(
            "varchar(10)",
            "numeric(10,2)",
            "allow data loss on column t.code\n",
        ),
    )
    .expect("write");
    let built = build(&dir);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let up = std::fs::read_dir(dir.join("gen/migrations"))
        .expect("migrations")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("0001"))
        })
        .map(|p| std::fs::read_to_string(p.join("up.sql")).expect("up.sql"))
        .collect::<String>();
    assert!(
        up.contains("may-fail") && !up.contains("USING code"),
        "{up}"
    );
    let failed = schemac(&dir, &db.url, &["migrate"]);
    assert!(!failed.status.success());
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(err.contains("22001") || err.contains("too long"), "{err}");
    assert_eq!(db.value("SELECT code FROM t"), "a code far longer than ten");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every new migration waits at most `lock-timeout` for a lock (so `psql -f` never
/// queues the table's queries behind a long transaction), and the runner tries a
/// transaction that timed out again: here the lock is released after a second, and
/// the migration still applies.
#[test]
fn a_lock_timeout_is_written_and_retried() {
    let Some(url) = server_url() else { return };
    let dir = common::temp_project(
        "locks",
        "lock-timeout = \"200ms\"\n",
        "table t {\n  id int primary key\n}\n",
    );
    assert!(common::schemac_in(&dir, &["build"]).status.success());
    let mut db = TestDb::create(&url, "mig_locks");
    ok(&schemac(&dir, &db.url, &["migrate"]));
    std::fs::write(
        dir.join("src/schema.pgs"),
        "table t {\n  id int primary key\n  note text\n}\n",
    )
    .expect("write");
    assert!(common::schemac_in(&dir, &["build"]).status.success());
    let up = std::fs::read_to_string(up_path(&dir, "0002")).expect("up.sql");
    assert!(up.contains("SET LOCAL lock_timeout = '200ms';"), "{up}");
    let holder_url = db.url.clone();
    let (ready, locked) = std::sync::mpsc::channel();
    let holder = std::thread::spawn(move || {
        let mut c = postgres::Client::connect(&holder_url, postgres::NoTls).expect("connect");
        let mut tx = c.transaction().expect("begin");
        tx.batch_execute("LOCK TABLE t IN ACCESS SHARE MODE")
            .expect("lock");
        ready.send(()).expect("signal");
        std::thread::sleep(std::time::Duration::from_millis(1200));
        tx.commit().expect("commit");
    });
    locked.recv().expect("locked");
    let o = schemac(&dir, &db.url, &["migrate"]);
    holder.join().expect("holder");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'note'"),
        "1"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// An online migration on a table with rows that break it: the key's index is built
/// CONCURRENTLY (a duplicate leaves it INVALID, which only a concurrent build does),
/// the CHECK is added NOT VALID in a transaction that commits before VALIDATE runs
/// (the constraint is there after VALIDATE fails). Each run resumes at the part that
/// failed, the next one dropping the invalid index first; a partial migration cannot
/// be rolled back, a finished one can.
#[test]
fn an_online_migration_resumes_at_the_part_that_failed() {
    let Some(url) = server_url() else { return };
    let dir = common::temp_project(
        "online",
        "",
        "table t {\n  id int primary key\n  a text\n  b int\n}\n",
    );
    assert!(common::schemac_in(&dir, &["build"]).status.success());
    let mut db = TestDb::create(&url, "mig_online");
    ok(&schemac(&dir, &db.url, &["migrate"]));
    db.exec("INSERT INTO t VALUES (1, 'x', 5), (2, 'x', -1), (3, NULL, 7)");
    std::fs::write(
        dir.join("src/schema.pgs"),
        "table t {\n  id int primary key\n  a text unique\n  b int check (b > 0)\n  index (b)\n}\n",
    )
    .expect("write");
    assert!(common::schemac_in(&dir, &["build"]).status.success());

    let first = schemac(&dir, &db.url, &["migrate"]);
    assert!(!first.status.success());
    assert!(String::from_utf8_lossy(&first.stderr).contains("23505"));
    let invalid = "SELECT count(*) FROM pg_index WHERE indexrelid = 'public.t_a_key'::regclass AND NOT indisvalid";
    assert_eq!(db.value(invalid), "1", "a concurrent build left its index");
    assert_eq!(
        db.value("SELECT convalidated::text FROM pg_constraint WHERE conname = 't_b_check'"),
        "false",
        "the NOT VALID CHECK committed on its own"
    );
    let status = schemac(&dir, &db.url, &["status"]);
    assert!(String::from_utf8_lossy(&status.stdout).contains("partial ("));
    let refused = schemac(&dir, &db.url, &["rollback", "--steps", "1"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("stopped part way"));

    db.exec("UPDATE t SET a = 'z' WHERE id = 1");
    let second = schemac(&dir, &db.url, &["migrate"]);
    assert!(!second.status.success());
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(
        err.contains("23514")
            && err.contains("VALIDATE CONSTRAINT t_b_check")
            && err.contains("stay committed")
            && err.contains("dropped the invalid index public.t_a_key"),
        "{err}"
    );
    assert_eq!(
        db.value("SELECT contype::text FROM pg_constraint WHERE conname = 't_a_key'"),
        "u",
        "the key took over its rebuilt index"
    );

    db.exec("UPDATE t SET b = 1 WHERE id = 2");
    let third = schemac(&dir, &db.url, &["migrate"]);
    let out = ok(&third);
    assert!(
        out.contains("resumed after its first") && out.contains("applying 0002_"),
        "{out}"
    );
    assert_eq!(versions(&mut db).len(), 2);
    assert_eq!(
        db.value("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname = 't' AND NOT i.indisvalid"),
        "0"
    );
    assert_eq!(
        db.value("SELECT bool_and(convalidated)::text FROM pg_constraint WHERE conrelid = 'public.t'::regclass"),
        "true"
    );
    assert_eq!(db.value("SELECT count(*) FROM schemac.progress"), "0");

    ok(&schemac(&dir, &db.url, &["rollback", "--steps", "1"]));
    assert_eq!(versions(&mut db).len(), 1);
    ok(&schemac(&dir, &db.url, &["migrate"]));
    assert_eq!(versions(&mut db).len(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A migration that PostgreSQL rolls back to break a deadlock with the application
/// (it holds `a` and waits for `b`, while a session holding `b` reads `a`) is tried
/// again and applies once the application's transaction is done.
#[test]
fn a_migration_that_loses_a_deadlock_is_tried_again() {
    let Some(url) = server_url() else { return };
    let tables = |extra: &str| {
        format!("table a {{\n  id int primary key\n{extra}}}\ntable b {{\n  id int primary key\n{extra}}}\n")
    };
    let dir = common::temp_project("deadlock", "lock-timeout = \"0\"\n", &tables(""));
    assert!(common::schemac_in(&dir, &["build"]).status.success());
    let mut db = TestDb::create(&url, "mig_deadlock");
    ok(&schemac(&dir, &db.url, &["migrate"]));
    std::fs::write(dir.join("src/schema.pgs"), tables("  note text\n")).expect("write");
    assert!(common::schemac_in(&dir, &["build"]).status.success());
    let up = std::fs::read_to_string(up_path(&dir, "0002")).expect("up.sql");
    let (first, second) = if up.find("public.a ADD") < up.find("public.b ADD") {
        ("a", "b")
    } else {
        ("b", "a")
    };
    let holder_url = db.url.clone();
    let (ready, locked) = std::sync::mpsc::channel();
    let holder = std::thread::spawn(move || {
        let mut c = postgres::Client::connect(&holder_url, postgres::NoTls).expect("connect");
        let mut tx = c.transaction().expect("begin");
        tx.batch_execute(&format!("LOCK TABLE {second} IN ROW EXCLUSIVE MODE"))
            .expect("lock");
        ready.send(()).expect("signal");
        // The migration now holds the first table and waits for the second; reading
        // the first closes the cycle.
        std::thread::sleep(std::time::Duration::from_millis(400));
        let read = tx.batch_execute(&format!("SELECT count(*) FROM {first}"));
        let _ = tx.commit();
        read.is_ok()
    });
    locked.recv().expect("locked");
    let o = schemac(&dir, &db.url, &["migrate"]);
    let holder_read = holder.join().expect("holder");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        holder_read,
        "PostgreSQL rolled back the migration, not the application"
    );
    assert_eq!(
        db.value("SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'"),
        "2"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A run waits for another run however long that one takes (a concurrent index build
/// can take hours): the lock timeout bounds waits for the application's tables, not
/// for schemac's own lock. Here another session holds that lock for 3 s while the run's
/// lock timeout is 200 ms.
#[test]
fn a_run_waits_for_another_run_beyond_the_lock_timeout() {
    let Some(url) = server_url() else { return };
    let dir = scratch("wait");
    let db = TestDb::create(&url, "mig_wait");
    let holder_url = db.url.clone();
    let (ready, locked) = std::sync::mpsc::channel();
    let holder = std::thread::spawn(move || {
        let mut c = postgres::Client::connect(&holder_url, postgres::NoTls).expect("connect");
        c.query(
            "SELECT pg_advisory_lock($1)",
            &[&schemac::migrate::runner::LOCK_KEY],
        )
        .expect("lock");
        ready.send(()).expect("signal");
        std::thread::sleep(std::time::Duration::from_secs(3));
    });
    locked.recv().expect("locked");
    let o = schemac(&dir, &db.url, &["migrate", "--lock-timeout", "200ms"]);
    holder.join().expect("holder");
    ok(&o);
    let mut db = db;
    assert_eq!(versions(&mut db), vec!["0001", "0002"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A pending migration whose file was edited after `build` wrote it is not applied (and
/// so never recorded with the edited checksum, which would make every later run refuse
/// once the file is restored from git); restored, it applies.
#[test]
fn an_edited_pending_migration_is_not_applied() {
    let Some(url) = server_url() else { return };
    let dir = scratch("edited_pending");
    let mut db = TestDb::create(&url, "mig_edited_pending");
    ok(&schemac(&dir, &db.url, &["migrate", "--to", "0001"]));
    let up = up_path(&dir, "0002");
    let original = std::fs::read_to_string(&up).expect("up");
    std::fs::write(&up, format!("{original}\n-- tweaked by hand\n")).expect("edit");
    let o = schemac(&dir, &db.url, &["migrate"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("0002_") && err.contains("(D003)") && err.contains("git checkout"),
        "{err}"
    );
    assert_eq!(versions(&mut db), vec!["0001"]);
    std::fs::write(&up, &original).expect("restore");
    ok(&schemac(&dir, &db.url, &["migrate"]));
    assert_eq!(versions(&mut db), vec!["0001", "0002"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A project declares the PostgreSQL majors it runs on. Targeting 14, `unique nulls not
/// distinct` is refused at build, naming PostgreSQL 15; targeting 15 it builds and,
/// on a server of 15 or newer, applies and keeps a second row with the same email and
/// no tenant out. On an older server `migrate` refuses before running anything.
#[test]
fn the_declared_target_decides_what_builds_and_where_it_runs() {
    let Some(url) = server_url() else { return };
    let dir = common::temp_project(
        "mig-target",
        "postgres = \"14\"\n",
        "table memberships {\n  tenant_id uuid\n  email text not null\n  unique nulls not distinct (tenant_id, email)\n}\n",
    );
    let o = schemac(&dir, &url, &["build"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "refused for 14: {err}");
    assert!(
        err.contains("error[C030]") && err.contains("which PostgreSQL 15 introduced"),
        "{err}"
    );
    assert!(!dir.join("gen").exists(), "nothing written: {err}");

    let config = std::fs::read_to_string(dir.join("schemac.toml")).expect("config");
    std::fs::write(dir.join("schemac.toml"), config.replace("\"14\"", "\"15\"")).expect("write");
    ok(&schemac(&dir, &url, &["build"]));
    let mut db = TestDb::create(&url, "mig_target");
    let o = schemac(&dir, &db.url, &["migrate"]);
    if db.major() < 15 {
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "{err}");
        assert!(err.contains("targets PostgreSQL 15 and newer"), "{err}");
        assert_eq!(db.value("to_regclass('public.memberships')::text"), "");
    } else {
        ok(&o);
        db.exec("INSERT INTO memberships (email) VALUES ('a@example.com')");
        let second = db.client.execute(
            "INSERT INTO memberships (email) VALUES ('a@example.com')",
            &[],
        );
        let code = second.expect_err("nulls are not distinct").code().cloned();
        assert_eq!(code, Some(postgres::error::SqlState::UNIQUE_VIOLATION));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `repair` round trip: a migration file `build` rewrote after a database applied it
/// (manifest.json has the new checksum, schemac.migrations the old) blocks `migrate`;
/// `repair` shows it and changes nothing without `--yes`; with it, the new checksum is
/// recorded and logged in schemac.repairs, and `migrate` runs again. A file edited by
/// hand (not matching manifest.json) is never repaired.
#[test]
fn repair_records_checksums_of_rewritten_files_and_only_those() {
    let Some(url) = server_url() else { return };
    let dir = scratch("repair");
    let mut db = TestDb::create(&url, "repair");
    ok(&schemac(&dir, &db.url, &["migrate"]));
    let path = up_path(&dir, "0001");
    let old = std::fs::read_to_string(&path).expect("up.sql");
    let old_sum = schemac::project::history::checksum(&old);

    // Edited by hand: refused as by migrate, nothing recorded.
    let edited = format!("{old}\n-- a hand edit\n");
    std::fs::write(&path, &edited).expect("write");
    let o = schemac(&dir, &db.url, &["repair", "--yes"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("D003"));

    // Rewritten by build: the manifest agrees with the file.
    record_checksum(&dir, "0001", &edited);
    let o = schemac(&dir, &db.url, &["migrate"]);
    assert!(
        !o.status.success(),
        "migrate refuses the changed applied migration"
    );
    let o = schemac(&dir, &db.url, &["repair"]);
    let text = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{text}");
    assert!(
        text.contains(&old_sum[..12]) && text.contains("--yes"),
        "{text}"
    );
    let recorded = "(SELECT checksum FROM schemac.migrations WHERE version = '0001')";
    assert_eq!(db.value(recorded), old_sum, "nothing changed without --yes");

    ok(&schemac(&dir, &db.url, &["repair", "--yes"]));
    let new_sum = schemac::project::history::checksum(&edited);
    assert_eq!(db.value(recorded), new_sum);
    assert_eq!(
        db.value("(SELECT old_checksum || ' ' || new_checksum || ' ' || (repaired_by = current_user)::text FROM schemac.repairs)"),
        format!("{old_sum} {new_sum} true")
    );
    ok(&schemac(&dir, &db.url, &["migrate"]));
    let o = schemac(&dir, &db.url, &["repair"]);
    assert!(o.status.success(), "nothing left to repair");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The dev loop's way out of a generated migration that fails on real data: `build
/// --amend` builds the newest migration again from the state before it, so the fixed
/// schema replaces it (same version, no tracking row touched) and `migrate` applies it.
/// An applied migration is never amended.
#[test]
fn a_failing_migration_is_amended_and_applied() {
    let Some(url) = server_url() else { return };
    let dir = common::temp_project("mig-amend", "", "table a {\n  id int primary key\n}\n");
    let mut db = TestDb::create(&url, "amend");
    ok(&schemac(&dir, &db.url, &["build"]));
    ok(&schemac(&dir, &db.url, &["migrate"]));
    db.exec("INSERT INTO a VALUES (1), (2)");

    let schema = dir.join("src/schema.pgs");
    std::fs::write(
        &schema,
        "table a {\n  id int primary key\n  note text not null\n}\n",
    )
    .expect("write");
    ok(&schemac(&dir, &db.url, &["build"]));
    let o = schemac(&dir, &db.url, &["migrate"]);
    assert!(
        !o.status.success(),
        "NOT NULL without a default fails on rows"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("23502"));

    std::fs::write(
        &schema,
        "table a {\n  id int primary key\n  note text not null default ''\n}\n",
    )
    .expect("write");
    let o = schemac(&dir, &db.url, &["build", "--amend", "--name", "add_note"]);
    let err = ok(&o);
    assert!(err.contains("amending 0002_"), "{err}");
    let dirs: Vec<String> = std::fs::read_dir(dir.join("gen/migrations"))
        .expect("migrations")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(dirs, ["0001_initial", "0002_add_note"]);
    ok(&schemac(&dir, &db.url, &["build", "--check"]));
    ok(&schemac(&dir, &db.url, &["migrate"]));
    assert_eq!(db.value("(SELECT count(*) FROM a WHERE note = '')"), "2");
    assert_eq!(db.value("(SELECT count(*) FROM schemac.migrations)"), "2");

    // Applied now: amending it is refused, and nothing is written.
    std::fs::write(
        &schema,
        "table a {\n  id int primary key\n  note text not null default 'x'\n}\n",
    )
    .expect("write");
    let o = schemac(&dir, &db.url, &["build", "--amend"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is applied"));
    assert!(dir.join("gen/migrations/0002_add_note").is_dir());
    let _ = std::fs::remove_dir_all(&dir);
}

/// `schemac dev`: refused on an unmarked database; on a marked one each run brings the
/// database to the sources, the first change as a new migration, later ones by rolling
/// that migration back, building it again and applying it, so the feature ends as one
/// migration. A migration `dev` did not build (0001, from `build`) is never rewritten.
#[test]
fn dev_rebuilds_the_migration_in_progress_on_a_marked_database() {
    let Some(url) = server_url() else { return };
    let dir = common::temp_project("mig-dev", "", "table a {\n  id int primary key\n}\n");
    let mut db = TestDb::create(&url, "dev");
    ok(&schemac(&dir, &db.url, &["build"]));
    ok(&schemac(&dir, &db.url, &["migrate"]));
    let first = std::fs::read_to_string(up_path(&dir, "0001")).expect("0001");

    let schema = dir.join("src/schema.pgs");
    std::fs::write(&schema, "table a {\n  id int primary key\n  b int\n}\n").expect("write");
    let o = schemac(&dir, &db.url, &["dev"]);
    assert_eq!(o.status.code(), Some(2), "unmarked: refused");
    assert!(String::from_utf8_lossy(&o.stderr).contains("dev --mark"));
    assert_eq!(db.value("(SELECT count(*) FROM schemac.migrations)"), "1");

    ok(&schemac(&dir, &db.url, &["dev", "--mark"]));
    ok(&schemac(&dir, &db.url, &["dev"]));
    assert_eq!(
        db.value("(SELECT count(*) FROM information_schema.columns WHERE table_name = 'a')"),
        "2"
    );

    std::fs::write(
        &schema,
        "table a {\n  id int primary key\n  b int\n  c text\n}\n",
    )
    .expect("write");
    let err = ok(&schemac(&dir, &db.url, &["dev"]));
    assert!(err.contains("rolling back 0002_"), "{err}");
    let names: std::collections::BTreeSet<String> = std::fs::read_dir(dir.join("gen/migrations"))
        .expect("migrations")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(
        db.value("(SELECT count(*) FROM information_schema.columns WHERE table_name = 'a')"),
        "3"
    );
    assert_eq!(db.value("(SELECT count(*) FROM schemac.migrations)"), "2");
    assert_eq!(
        std::fs::read_to_string(up_path(&dir, "0001")).expect("0001"),
        first
    );
    let err = ok(&schemac(&dir, &db.url, &["dev"]));
    assert!(err.contains("matches the sources"), "{err}");
    ok(&schemac(&dir, &db.url, &["build", "--check"]));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A run that meets another run's migration lock says so, and who holds it, then waits:
/// as long as `--lock-wait` allows, after which it stops with nothing applied.
#[test]
fn a_waiting_run_says_who_holds_the_lock_and_waits_at_most_lock_wait() {
    let Some(url) = server_url() else { return };
    let dir = scratch("lockwait");
    let mut db = TestDb::create(&url, "mig_lockwait");
    let mut holder = postgres::Client::connect(&db.url, postgres::NoTls).expect("connect");
    holder
        .batch_execute("SET application_name = 'other_deploy'")
        .expect("name");
    holder
        .query(
            "SELECT pg_advisory_lock($1)",
            &[&schemac::migrate::runner::LOCK_KEY],
        )
        .expect("lock");
    let o = schemac(&dir, &db.url, &["migrate", "--lock-wait", "1s"]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("another schemac run holds the migration lock (pid")
            && err.contains("application other_deploy")
            && err.contains("--lock-wait"),
        "{err}"
    );
    assert_eq!(db.value("to_regclass('public.a')::text"), "");
    holder
        .query(
            "SELECT pg_advisory_unlock($1)",
            &[&schemac::migrate::runner::LOCK_KEY],
        )
        .expect("unlock");
    ok(&schemac(&dir, &db.url, &["migrate", "--lock-wait", "1s"]));
    assert_eq!(versions(&mut db), vec!["0001", "0002"]);
    let _ = std::fs::remove_dir_all(&dir);
}
