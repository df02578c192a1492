//! `schemac diff --live` on a real PostgreSQL: a database migrated by schemac shows no
//! drift, and each change made by hand is reported as exactly the object it touched.

mod common;

use common::pg::{server_url, TestDb};
use common::root;
use schemac::project::config::Config;
use schemac::project::load::compile_project;
use schemac::project::prelude;
use std::collections::BTreeSet;
use std::path::Path;
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

fn migrated_marketplace(url: &str, tag: &str) -> TestDb {
    let (config, p) = common::example("marketplace");
    let mut db = TestDb::create(url, tag);
    db.exec(&prelude::render(
        &compile_project(&p, &config.root).externs,
        true,
    ));
    let o = schemac(&root(), &db.url, &["migrate", "--project", "marketplace"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    db
}

/// The (kind, object) pairs `diff --live --format json` reports.
fn drift(dir: &Path, url: &str, project: &[&str]) -> (i32, BTreeSet<(String, String)>) {
    let mut args = vec!["diff", "--format", "json"];
    args.extend_from_slice(project);
    let o = schemac(dir, url, &args);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|_| panic!("json: {}", String::from_utf8_lossy(&o.stderr)));
    let set = v["drift"]
        .as_array()
        .expect("drift list")
        .iter()
        .map(|d| {
            (
                d["kind"].as_str().unwrap_or("").to_string(),
                d["object"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    (o.status.code().unwrap_or(-1), set)
}

/// `diff --format sql`: the SQL that reconciles the database (it may drop what only
/// the database has).
fn reconcile(dir: &Path, url: &str, project: &[&str]) -> String {
    let mut args = vec!["diff", "--format", "sql", "--allow-data-loss"];
    args.extend_from_slice(project);
    let o = schemac(dir, url, &args);
    assert_eq!(
        o.status.code(),
        Some(1),
        "drift exits 1 with its SQL: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("utf-8")
}

/// A hand-made change: name, SQL, and the (kind, object) drift it must cause.
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

fn set(items: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn no_false_drift_and_each_manual_change_is_reported_exactly() {
    let Some(url) = server_url() else { return };
    let repo = root();
    let mp = ["--project", "marketplace"];
    let db = migrated_marketplace(&url, "drift_clean");
    let o = schemac(&repo, &db.url, &["diff", "--project", "marketplace"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("no schema drift") && text.contains("migrations: 11 of 11 applied"),
        "{text}"
    );

    let cases: &[Case] = &[
        ("column_added", "ALTER TABLE public.tasks ADD COLUMN estimate int", &[("extra", "column public.tasks.estimate")]),
        ("default_changed", "ALTER TABLE public.tasks ALTER COLUMN priority SET DEFAULT 'low'", &[("different", "column public.tasks.priority")]),
        ("policy_dropped", "DROP POLICY tasks_select_own ON public.tasks", &[("missing", "policy public.tasks.tasks_select_own")]),
        ("policy_using_changed", "ALTER POLICY tasks_select_own ON public.tasks USING (true)", &[("different", "policy public.tasks.tasks_select_own")]),
        ("rls_disabled", "ALTER TABLE public.tasks DISABLE ROW LEVEL SECURITY", &[("different", "relation public.tasks")]),
        (
            "function_body_changed",
            "CREATE OR REPLACE FUNCTION public.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ begin return new; end $$",
            &[("different", "routine public.touch_updated_at")],
        ),
        ("index_added", "CREATE INDEX tasks_title_idx ON public.tasks (title)", &[("extra", "index tasks_title_idx")]),
        ("extra_table", "CREATE TABLE public.scratch (id int)", &[("extra", "relation public.scratch"), ("extra", "column public.scratch.id")]),
        ("grant_revoked", "REVOKE SELECT ON public.virtual_employees FROM anon", &[("different", "relation public.virtual_employees")]),
        ("grant_option_added", "GRANT SELECT ON public.virtual_employees TO anon WITH GRANT OPTION", &[("different", "relation public.virtual_employees")]),
        ("execute_granted_to_public", "GRANT EXECUTE ON FUNCTION public.touch_updated_at() TO PUBLIC", &[("different", "routine public.touch_updated_at")]),
        (
            "default_privileges_added",
            "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO anon",
            &[("extra", "default privileges for current on r")],
        ),
        // The platform's API default grants (set up by the prelude), changed.
        (
            "platform_default_privileges_changed",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM anon",
            &[("different", "default privileges for current in public on r")],
        ),
        ("comment_changed", "COMMENT ON TABLE public.tasks IS 'edited in the dashboard'", &[("different", "comment on table public.tasks")]),
        ("trigger_disabled", "ALTER TABLE public.tasks DISABLE TRIGGER tasks_touch_updated_at", &[("different", "trigger public.tasks.tasks_touch_updated_at")]),
    ];
    for (tag, sql, expected) in cases {
        let mut db = migrated_marketplace(&url, &format!("drift_{tag}"));
        db.exec(sql);
        let (code, got) = drift(&repo, &db.url, &mp);
        assert_eq!(code, 1, "{tag}: drift must exit 1");
        assert_eq!(got, set(expected), "{tag}: reported {got:?}");
        // The reconciling migration brings the database back to the declaration.
        let fix = reconcile(&repo, &db.url, &mp);
        db.apply(&fix, &format!("{tag}: reconcile"));
        let (code, got) = drift(&repo, &db.url, &mp);
        assert_eq!(
            (code, got),
            (0, BTreeSet::new()),
            "{tag}: after reconciling\n{fix}"
        );
    }
}

/// An object handed to another owner (a SECURITY DEFINER function given to a more
/// powerful role runs with its rights; a table's new owner can switch its RLS off) is
/// drift of exactly that object, and `--format sql` hands it back, with a rollback
/// that gives it away again.
#[test]
fn an_owner_change_is_reported_and_repaired() {
    let Some(url) = server_url() else { return };
    let repo = common::root();
    let mp = ["--project", "marketplace"];
    let mut db = migrated_marketplace(&url, "drift_owner");
    db.exec("ALTER FUNCTION public.touch_updated_at() OWNER TO service_role");
    db.exec("ALTER TABLE public.tasks OWNER TO authenticated");
    let (code, got) = drift(&repo, &db.url, &mp);
    assert_eq!(code, 1, "an owner change is drift");
    assert_eq!(
        got,
        set(&[
            ("different", "owner public.tasks"),
            ("different", "owner public.touch_updated_at()"),
            // The new owner's grants became its owner's privileges.
            ("different", "relation public.tasks"),
        ]),
        "reported {got:?}"
    );
    // Read by a person: which side each line is.
    let human = schemac(&repo, &db.url, &["diff", "--project", "marketplace"]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("- are as the project declares, lines with + as the database has")
            && text.contains("+owner public.tasks = authenticated"),
        "{text}"
    );
    let rollback = std::env::temp_dir().join(format!("schemac-owner-{}.sql", std::process::id()));
    let o = schemac(
        &repo,
        &db.url,
        &[
            "diff",
            "--format",
            "sql",
            "--project",
            "marketplace",
            "--rollback",
            rollback.to_str().expect("utf-8 path"),
        ],
    );
    let fix = String::from_utf8_lossy(&o.stdout).to_string();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        fix.contains("ALTER TABLE public.tasks OWNER TO CURRENT_USER;"),
        "{fix}"
    );
    db.apply(&fix, "owner: reconcile");
    assert_eq!(drift(&repo, &db.url, &mp), (0, BTreeSet::new()), "{fix}");
    let undo = std::fs::read_to_string(&rollback).expect("rollback written");
    let _ = std::fs::remove_file(&rollback);
    db.apply(&undo, "owner: rollback");
    assert_eq!(
        drift(&repo, &db.url, &mp).1,
        got,
        "the rollback gives them away again"
    );
}

/// Routines start private: a function is executable by the roles the project grants
/// it to, not by PUBLIC (and so not by every role); one handed to PUBLIC afterwards is
/// drift of that routine, which `--format sql` takes back.
#[test]
fn a_routine_is_not_executable_by_public_unless_declared() {
    let Some(url) = server_url() else { return };
    let dir = common::temp_project(
        "drift-routines",
        "",
        "extern role schemac_probe_app\nfunction public.internal() returns int language sql as $$ select 1 $$\nfunction public.api() returns int language sql as $$ select 2 $$\ngrant execute on function public.api() to schemac_probe_app\n",
    );
    let built = common::schemac_in(&dir, &["build"]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let mut db = TestDb::create(&url, "drift_routines");
    db.exec("DO $$ BEGIN CREATE ROLE schemac_probe_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    let o = schemac(&dir, &db.url, &["migrate"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let can = |db: &mut TestDb, f: &str| {
        db.value(&format!(
            "has_function_privilege('schemac_probe_app', 'public.{f}()', 'EXECUTE')"
        ))
    };
    assert_eq!(
        can(&mut db, "internal"),
        "false",
        "not declared: not executable"
    );
    assert_eq!(can(&mut db, "api"), "true", "granted");
    assert_eq!(
        drift(&dir, &db.url, &[]).0,
        0,
        "no drift right after migrate"
    );
    db.exec("GRANT EXECUTE ON FUNCTION public.internal() TO PUBLIC");
    assert_eq!(can(&mut db, "internal"), "true");
    let (code, got) = drift(&dir, &db.url, &[]);
    assert_eq!(
        (code, got),
        (1, set(&[("different", "routine public.internal")]))
    );
    let fix = reconcile(&dir, &db.url, &[]);
    db.apply(&fix, "take it back");
    assert_eq!(
        can(&mut db, "internal"),
        "false",
        "after reconciling:\n{fix}"
    );
    assert_eq!(drift(&dir, &db.url, &[]).0, 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_view_losing_security_invoker_is_drift() {
    let Some(url) = server_url() else { return };
    // security_invoker is PostgreSQL 15's.
    if common::pg::server_major(&url) < 15 {
        return;
    }
    let dir = common::temp_project(
        "drift-view",
        "postgres = \"15\"\n",
        "table t {\n  id int primary key\n  secret text\n}\nview v with (security_invoker) as select id from t;\n",
    );
    assert!(Command::new(env!("CARGO_BIN_EXE_schemac"))
        .arg("-C")
        .arg(&dir)
        .arg("build")
        .status()
        .expect("build")
        .success());
    let mut db = TestDb::create(&url, "drift_view");
    let o = schemac(&dir, &db.url, &["migrate"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        drift(&dir, &db.url, &[]).0,
        0,
        "no drift right after migrate"
    );
    db.exec("ALTER VIEW public.v RESET (security_invoker)");
    let (code, got) = drift(&dir, &db.url, &[]);
    assert_eq!((code, got), (1, set(&[("different", "relation public.v")])));
    let fix = reconcile(&dir, &db.url, &[]);
    assert!(fix.contains("security_invoker"), "{fix}");
    db.apply(&fix, "reconcile the view");
    assert_eq!(drift(&dir, &db.url, &[]).0, 0, "after reconciling:\n{fix}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The project's own objects on Supabase's tables (the signup trigger on auth.users, the
/// avatar policies on storage.objects) are compared like any other: no drift after
/// migrate, and each one dropped or added by hand is reported, while the rest of the
/// auth and storage schemas stays out of the comparison.
#[test]
fn triggers_and_policies_on_supabase_tables_are_compared() {
    let Some(url) = server_url() else { return };
    let (config, p) = common::example("mr-promth");
    let externs = compile_project(&p, &config.root).externs;
    let project = ["--project", "mr-promth"];
    let cases: &[Case] = &[
        (
            "auth_trigger_dropped",
            "DROP TRIGGER on_auth_user_created ON auth.users",
            &[
                ("missing", "trigger auth.users.on_auth_user_created"),
                (
                    "missing",
                    "comment on trigger on_auth_user_created on table auth.users",
                ),
            ],
        ),
        (
            "storage_policy_dropped",
            "DROP POLICY \"Users upload their own avatar\" ON storage.objects",
            &[
                (
                    "missing",
                    "policy storage.objects.\"Users upload their own avatar\"",
                ),
                (
                    "missing",
                    "comment on policy Users upload their own avatar on table storage.objects",
                ),
            ],
        ),
        (
            "storage_policy_added",
            "CREATE POLICY everyone ON storage.objects FOR SELECT USING (true)",
            &[("extra", "policy storage.objects.everyone")],
        ),
        (
            "unrelated_auth_table",
            "CREATE TABLE auth.identities (id uuid)",
            &[],
        ),
    ];
    for (tag, sql, expected) in cases {
        let mut db = TestDb::create(&url, &format!("drift_supa_{tag}"));
        db.exec(&prelude::render(&externs, true));
        let o = schemac(&root(), &db.url, &["migrate", "--project", "mr-promth"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(
            drift(&root(), &db.url, &project).0,
            0,
            "{tag}: no drift after migrate"
        );
        db.exec(sql);
        let (code, got) = drift(&root(), &db.url, &project);
        assert_eq!(got, set(expected), "{tag}: reported {got:?}");
        assert_eq!(code, if expected.is_empty() { 0 } else { 1 }, "{tag}");
        if !expected.is_empty() {
            let fix = reconcile(&root(), &db.url, &project);
            db.apply(&fix, &format!("{tag}: reconcile"));
            assert_eq!(
                drift(&root(), &db.url, &project).0,
                0,
                "{tag}: after reconciling\n{fix}"
            );
        }
    }
}

/// A warm `diff --live` reuses the canonical state cached by the first one and needs no
/// throwaway database (an unreachable shadow server is never contacted); changing a
/// source file makes it build one again.
#[test]
fn a_warm_diff_needs_no_throwaway_database() {
    let Some(url) = server_url() else { return };
    let dir = common::temp_project("drift-warm", "", "table t {\n  id int primary key\n}\n");
    let mut db = TestDb::create(&url, "drift_warm");
    let major = db.major();
    let o = schemac(&dir, &db.url, &["build"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = schemac(&dir, &db.url, &["migrate"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let cold = schemac(&dir, &db.url, &["diff"]);
    assert_eq!(
        cold.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&cold.stderr)
    );
    assert!(
        dir.join(format!("gen/canonical/pg{major}.json")).is_file(),
        "the canonical state is cached"
    );
    let nowhere = "postgres://nobody@127.0.0.1:1/none";
    let warm = schemac(&dir, &db.url, &["diff", "--shadow-url", nowhere]);
    assert_eq!(
        warm.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&warm.stderr)
    );
    assert!(String::from_utf8_lossy(&warm.stderr).contains("cached canonical state"));
    // A changed declaration is built again (and here the shadow server is unreachable).
    std::fs::write(
        dir.join("src/schema.pgs"),
        "table t {\n  id int primary key\n  note text\n}\n",
    )
    .expect("schema");
    let changed = schemac(&dir, &db.url, &["diff", "--shadow-url", nowhere]);
    assert_eq!(
        changed.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&changed.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every example project shows no drift right after `migrate`.
#[test]
fn every_example_project_has_no_drift_after_migrate() {
    let Some(url) = server_url() else { return };
    let config = Config::load(&root().join("schemac.toml")).expect("config");
    for p in &config.projects {
        if !common::pg::targets_server(&url, &p.name, p.target) {
            continue;
        }
        let c = compile_project(p, &config.root);
        let mut db = TestDb::create(&url, &format!("drift_all_{}", p.name));
        db.exec(&prelude::render(
            &c.externs,
            p.preset.as_deref() == Some("supabase"),
        ));
        let o = schemac(&root(), &db.url, &["migrate", "--project", &p.name]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let (code, got) = drift(&root(), &db.url, &["--project", &p.name]);
        assert_eq!((code, got), (0, BTreeSet::new()), "{}", p.name);
    }
}

/// Schemas another tool manages (`exclude-schemas`) stay out of the comparison.
#[test]
fn excluded_schemas_are_not_drift() {
    let Some(url) = server_url() else { return };
    let dir = common::temp_project(
        "drift-exclude",
        "exclude-schemas = [\"legacy\"]\n",
        "table t {\n  id int primary key\n}\n",
    );
    let config = |exclude: &str| {
        std::fs::write(
            dir.join("schemac.toml"),
            format!("[[project]]\nname = \"app\"\nsource = \"src\"\noutput = \"gen\"\n{exclude}"),
        )
        .expect("config");
    };
    let mut db = TestDb::create(&url, "drift_exclude");
    for args in [&["build"][..], &["migrate"][..]] {
        let o = schemac(&dir, &db.url, args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    db.exec("CREATE SCHEMA legacy; CREATE TABLE legacy.old_orders (id int)");
    assert_eq!(drift(&dir, &db.url, &[]), (0, BTreeSet::new()), "excluded");
    config("");
    let (code, got) = drift(&dir, &db.url, &[]);
    assert_eq!(code, 1, "without the exclusion it is drift");
    assert!(
        got.contains(&(
            "extra".to_string(),
            "relation legacy.old_orders".to_string()
        )),
        "{got:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A user who may not create databases still gets an exact diff: the declared schema is
/// built in a private cluster of the same major version instead.
#[test]
fn without_createdb_the_declared_schema_is_built_in_a_local_cluster() {
    let Some(url) = server_url() else { return };
    let dir = common::temp_project(
        "drift-nocreatedb",
        "",
        "table t {\n  id int primary key\n  note text default 'x'\n}\n",
    );
    let mut admin = TestDb::create(&url, "drift_nocreatedb_admin");
    admin.exec(
        "DO $$ BEGIN CREATE ROLE schemac_nocreatedb LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
    );
    let name = format!("drift_nocreatedb_{}", std::process::id());
    admin.exec(&format!("DROP DATABASE IF EXISTS {name}"));
    admin.exec(&format!("CREATE DATABASE {name} OWNER schemac_nocreatedb"));
    let (base, _) = url.rsplit_once('/').expect("url");
    let user_url = format!(
        "{}/{name}",
        base.replace("postgres@", "schemac_nocreatedb@")
    );
    for args in [&["build"][..], &["migrate"][..]] {
        let o = schemac(&dir, &user_url, args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let o = schemac(&dir, &user_url, &["diff"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("no schema drift"));
    admin.exec(&format!("DROP DATABASE {name} WITH (FORCE)"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A table and a column renamed with `renamed from` leave no drift on every major. On
/// PostgreSQL 18, whose NOT NULL constraints are named after their table and column and
/// keep that name through a rename, the migration renames them too; the fresh
/// database `diff --live` compares with names them after the new names.
#[test]
fn renamed_tables_and_columns_leave_no_drift() {
    let Some(url) = server_url() else { return };
    let dir = common::temp_project(
        "drift-renames",
        "",
        "table tasks {\n  id bigint primary key generated always as identity\n  title text not null\n  done boolean not null default false\n}\n",
    );
    let db = TestDb::create(&url, "drift_renames");
    for step in ["first", "renamed"] {
        if step == "renamed" {
            std::fs::write(
                dir.join("src/schema.pgs"),
                "table todos renamed from tasks {\n  id bigint primary key generated always as identity\n  name text not null renamed from title\n  done boolean not null default false\n}\n",
            )
            .expect("write");
        }
        let o = schemac(&dir, &db.url, &["build"]);
        assert!(
            o.status.success(),
            "{step}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let o = schemac(&dir, &db.url, &["migrate"]);
        assert!(
            o.status.success(),
            "{step}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let (code, drifted) = drift(&dir, &db.url, &[]);
        assert_eq!((code, drifted), (0, BTreeSet::new()), "{step}: no drift");
    }
    let o = schemac(&dir, &db.url, &["rollback", "--to", "0001"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::write(
        dir.join("src/schema.pgs"),
        "table tasks {\n  id bigint primary key generated always as identity\n  title text not null\n  done boolean not null default false\n}\n",
    )
    .expect("write");
    // Exit 1 only for the migration now pending; the schema matches.
    let (_, drifted) = drift(&dir, &db.url, &[]);
    assert_eq!(drifted, BTreeSet::new(), "rolled back: no drift");
    let _ = std::fs::remove_dir_all(&dir);
}
