//! The `schemac` binary end to end, in temporary project directories: exit codes
//! (0 ok, 1 stale, 2 error), `--check` writing nothing, incremental migrations, the
//! data-loss gate, edited-migration detection and machine-readable output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Project {
    dir: PathBuf,
}

impl Project {
    fn new(tag: &str, schema: &str) -> Project {
        let dir = std::env::temp_dir().join(format!("schemac-cli-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src")).expect("mkdir");
        std::fs::write(
            dir.join("schemac.toml"),
            "[[project]]\nname = \"app\"\nsource = \"src\"\noutput = \"generated/app\"\npreset = \"supabase\"\n",
        )
        .expect("config");
        let p = Project { dir };
        p.write(schema);
        p
    }

    fn write(&self, schema: &str) {
        std::fs::write(self.dir.join("src/schema.pgs"), schema).expect("schema");
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_schemac"))
            .arg("-C")
            .arg(&self.dir)
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .expect("schemac runs")
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts that the run exited 2 (an error) and that its stderr holds every one of
/// `expected`; returns the stderr.
fn refused(o: &Output, expected: &[&str]) -> String {
    let err = stderr(o);
    assert_eq!(code(o), 2, "{err}");
    for e in expected {
        assert!(err.contains(e), "expected {e:?} in:\n{err}");
    }
    err
}

fn migrations(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir.join("generated/app/migrations"))
        .map(|r| {
            r.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

const V1: &str = "table notes {\n  id uuid primary key default gen_random_uuid()\n  owner uuid not null references auth.users(id)\n  body text not null\n}\n";
const V2: &str = "table notes {\n  id uuid primary key default gen_random_uuid()\n  owner uuid not null references auth.users(id)\n  body text not null\n  pinned boolean not null default false\n  index (owner) where pinned\n}\n";

#[test]
fn build_check_and_incremental_migrations() {
    let p = Project::new("incr", V1);
    let o = p.run(&["build", "--check"]);
    assert_eq!(
        code(&o),
        1,
        "a never-built project is stale: {}",
        stderr(&o)
    );
    assert!(!p.path("generated").exists(), "--check must write nothing");

    let o = p.run(&["build"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(migrations(&p.dir), vec!["0001_initial"]);
    assert!(
        p.path("generated/app/schema.sql").is_file() && p.path("generated/app/rls.sql").is_file()
    );
    assert_eq!(code(&p.run(&["build", "--check"])), 0);
    assert_eq!(
        code(&p.run(&["build"])),
        0,
        "an unchanged schema builds to no new migration"
    );
    assert_eq!(migrations(&p.dir), vec!["0001_initial"]);

    p.write(V2);
    let o = p.run(&["build", "--check"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("would create migration 0002_alter_notes"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        migrations(&p.dir).len(),
        1,
        "--check must not write the migration"
    );
    let o = p.run(&["build", "--name", "pin notes"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(migrations(&p.dir), vec!["0001_initial", "0002_pin_notes"]);
    let up = std::fs::read_to_string(p.path("generated/app/migrations/0002_pin_notes/up.sql"))
        .expect("up");
    assert!(
        up.contains("ALTER TABLE public.notes ADD COLUMN pinned boolean NOT NULL DEFAULT false;"),
        "{up}"
    );
    assert!(
        up.contains(
            "-- schemac:no-transaction\nSET lock_timeout = 0;\n\n-- schemac:no-transaction\nCREATE INDEX CONCURRENTLY notes_owner_idx ON public.notes (owner) WHERE (pinned);"
        ),
        "{up}"
    );
    let down = std::fs::read_to_string(p.path("generated/app/migrations/0002_pin_notes/down.sql"))
        .expect("down");
    assert!(
        down.contains("DROP INDEX public.notes_owner_idx;")
            && down.contains("ALTER TABLE public.notes DROP COLUMN pinned;"),
        "{down}"
    );
}

#[test]
fn dropping_a_column_needs_an_explicit_allowance() {
    let p = Project::new("loss", V2);
    assert_eq!(code(&p.run(&["build"])), 0);
    p.write(V1);
    let o = p.run(&["build"]);
    let err = refused(
        &o,
        &[
            "error[D001]",
            "drop column `public.notes.pinned`",
            "--allow-data-loss",
        ],
    );
    assert_eq!(
        migrations(&p.dir).len(),
        1,
        "a refused build writes nothing"
    );
    assert!(
        err.contains("allow data loss on column public.notes.pinned"),
        "{err}"
    );
    // `check` refuses what `build` refuses, with the same diagnostic.
    let o = p.run(&["check"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("error[D001]"), "{}", stderr(&o));
    // The allowance in the schema names the object; no flag needed.
    p.write(&format!("{V1}allow data loss on column notes.pinned\n"));
    let o = p.run(&["build"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let dir = &migrations(&p.dir)[1];
    let up = std::fs::read_to_string(p.path(&format!("generated/app/migrations/{dir}/up.sql")))
        .expect("up");
    assert!(up.contains("-- Hazards: deletes-data"), "{up}");
    let down = std::fs::read_to_string(p.path(&format!("generated/app/migrations/{dir}/down.sql")))
        .expect("down");
    assert!(
        down.contains("data up.sql dropped is not restored"),
        "{down}"
    );
}

/// A change no migration can express exactly (D002) and an unreadable state file (D004)
/// stop the build before it writes anything.
#[test]
fn inexpressible_changes_and_a_broken_state_are_refused() {
    let p = Project::new("refused", &format!("extension citext version '1.6'\n{V1}"));
    assert_eq!(code(&p.run(&["build"])), 0);
    p.write(&format!("extension citext version '1.5'\n{V1}"));
    let o = p.run(&["build"]);
    refused(&o, &["error[D002]", "extension `citext`"]);
    assert_eq!(
        migrations(&p.dir).len(),
        1,
        "a refused build writes nothing"
    );

    std::fs::write(p.path("generated/app/state.json"), "{ not json").expect("write");
    let o = p.run(&["build", "--check"]);
    refused(&o, &["error[D004]"]);
}

#[test]
fn an_edited_migration_is_detected() {
    let p = Project::new("edited", V1);
    assert_eq!(code(&p.run(&["build"])), 0);
    let up = p.path("generated/app/migrations/0001_initial/up.sql");
    let text = std::fs::read_to_string(&up).expect("up");
    std::fs::write(&up, text.replace("body text NOT NULL", "body text")).expect("edit");
    let o = p.run(&["build"]);
    refused(&o, &["error[D003]", "0001_initial/up.sql was edited"]);
    assert_eq!(code(&p.run(&["build", "--check"])), 2);
}

#[test]
fn errors_exit_2_with_locations_in_human_and_json_output() {
    let p = Project::new(
        "errors",
        "table t {\n  id int primary key\n  x missing_type\n}\n",
    );
    let o = p.run(&["build"]);
    refused(&o, &["src/schema.pgs:3:5"]);
    let o = p.run(&["check", "--format", "json"]);
    assert_eq!(code(&o), 2);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let d = &v["projects"][0]["diagnostics"][0];
    assert_eq!(d["code"], "C005");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(5))
    );
    assert_eq!(d["file"], "src/schema.pgs");

    // A file that is not UTF-8 is P003, reported with the other file's errors.
    std::fs::write(
        p.path("src/latin1.pgs"),
        b"/// caf\xe9\ntable c { id int }\n",
    )
    .expect("write");
    let o = p.run(&["check"]);
    refused(&o, &["error[P003]", "src/latin1.pgs", "error[C005]"]);
    // So is a source directory that is missing.
    std::fs::remove_dir_all(p.path("src")).expect("rm src");
    let o = p.run(&["check"]);
    refused(&o, &["error[P003]: cannot read source directory src"]);
}

#[test]
fn configuration_problems_and_other_commands() {
    let empty = std::env::temp_dir().join(format!("schemac-cli-noconf-{}", std::process::id()));
    std::fs::create_dir_all(&empty).expect("mkdir");
    let o = Command::new(env!("CARGO_BIN_EXE_schemac"))
        .arg("-C")
        .arg(&empty)
        .arg("build")
        .output()
        .expect("runs");
    refused(&o, &["no schemac.toml"]);
    let _ = std::fs::remove_dir_all(&empty);

    let p = Project::new("misc", V1);
    let o = p.run(&["build", "--project", "nope"]);
    refused(&o, &["no project named `nope`"]);
    let o = p.run(&["prelude"]);
    assert_eq!(code(&o), 0);
    let sql = String::from_utf8_lossy(&o.stdout);
    assert!(
        sql.contains("CREATE OR REPLACE FUNCTION auth.uid()")
            && sql.contains("CREATE TABLE IF NOT EXISTS auth.users"),
        "{sql}"
    );
    let o = p.run(&["explain", "C012"]);
    assert_eq!(code(&o), 0);
    assert!(String::from_utf8_lossy(&o.stdout)
        .contains("C012: a policy is declared on a table without `rls enabled`"));
    assert_eq!(code(&p.run(&["explain", "Z999"])), 2);
    let o = p.run(&["build", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["projects"][0]["migration"]["version"], "0001");
}

/// Lints warn in `build` and `check` without failing them; `lint` exits 1 on a finding;
/// a level of `error` in schemac.toml fails `build` before it writes anything.
#[test]
fn lints_warn_in_build_and_fail_it_at_error_level() {
    let p = Project::new("lint", V1);
    let o = p.run(&["build"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("warning[S001]"), "{}", stderr(&o));
    assert!(stderr(&o).contains("src/schema.pgs:1:7"), "{}", stderr(&o));
    let o = p.run(&["lint"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("1 finding(s), 0 at error level"),
        "{}",
        stderr(&o)
    );
    let o = p.run(&["--format", "json", "lint"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["projects"][0]["diagnostics"][0]["code"], "S001");

    let q = Project::new("lint-error", V1);
    std::fs::write(
        q.path("schemac.toml"),
        "[lint]\nS001 = \"error\"\n[[project]]\nname = \"app\"\nsource = \"src\"\noutput = \"generated/app\"\npreset = \"supabase\"\n",
    )
    .expect("config");
    let o = q.run(&["build"]);
    refused(&o, &["error[S001]"]);
    assert!(!q.path("generated").exists(), "nothing written");
    assert_eq!(code(&q.run(&["check"])), 2);

    // Fixed: RLS on and the owner's policy; the lint is clean.
    p.write("table notes {\n  id uuid primary key default gen_random_uuid()\n  owner uuid not null references auth.users(id)\n  body text not null\n  index (owner)\n  rls enabled\n  isolate by owner\n}\n");
    let o = p.run(&["lint"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

/// Steps that fail or block on a table with rows are written, flagged in the header
/// (`may-fail`, `builds-index`) and warned about at build (D005) with what to do.
#[test]
fn risky_steps_on_existing_tables_are_warned_at_build() {
    let p = Project::new("risks", "table t {\n  id int primary key\n  y text\n}\n");
    assert_eq!(code(&p.run(&["build"])), 0);
    p.write(
        "table t {\n  id int primary key\n  y text not null\n  x text not null\n  unique (y)\n}\n",
    );
    let o = p.run(&["build"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    for warning in [
        "SET NOT NULL on `public.t.y` fails on the first NULL",
        "adding NOT NULL column `public.t.x` without a default",
        "constraint `t_y_key` on `public.t` fails if existing rows repeat a value",
    ] {
        assert!(err.contains(warning), "{err}");
    }
    assert!(err.contains("warning[D005]"), "{err}");
    let dir = std::fs::read_dir(p.path("generated/app/migrations"))
        .expect("migrations")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|d| d.to_string_lossy().contains("0002"))
        .expect("second migration");
    let up = std::fs::read_to_string(dir.join("up.sql")).expect("up.sql");
    assert!(
        up.contains("may-fail") && up.contains("builds-index"),
        "{up}"
    );
}

/// On a table with rows, new migrations build indexes and key indexes CONCURRENTLY and
/// validate constraints in transactions of their own; `build --online false` (or
/// `online = false` in schemac.toml) keeps a migration in one transaction.
#[test]
fn online_forms_by_default_and_one_transaction_on_request() {
    const BEFORE: &str = "table t {\n  id int primary key\n  a text\n  b int\n}\n";
    const AFTER: &str = "table t {\n  id int primary key\n  a text not null\n  b int check (b > 0)\n  unique (a)\n  index (b)\n}\n";
    let up_of = |p: &Project| {
        let dir = std::fs::read_dir(p.path("generated/app/migrations"))
            .expect("migrations")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|d| d.to_string_lossy().contains("0002"))
            .expect("second migration");
        std::fs::read_to_string(dir.join("up.sql")).expect("up.sql")
    };
    let p = Project::new("online", BEFORE);
    assert_eq!(code(&p.run(&["build"])), 0);
    p.write(AFTER);
    assert_eq!(code(&p.run(&["build"])), 0);
    let up = up_of(&p);
    let segments = schemac::migrate::script::segments(&up);
    let standalone = segments
        .iter()
        .filter(|s| !s.transactional && s.sql.contains("CONCURRENTLY"))
        .count();
    assert_eq!(
        standalone, 2,
        "the index and the key's index stand alone:\n{up}"
    );
    for expected in [
        "CREATE INDEX CONCURRENTLY t_b_idx ON public.t (b);",
        "CREATE UNIQUE INDEX CONCURRENTLY t_a_key ON public.t (a);",
        "ALTER TABLE public.t ADD CONSTRAINT t_a_key UNIQUE USING INDEX t_a_key;",
        "ALTER TABLE public.t VALIDATE CONSTRAINT t_b_check;",
        "ALTER TABLE public.t VALIDATE CONSTRAINT schemac_a_not_null;",
        "(may-fail, builds-index, non-transactional)",
    ] {
        assert!(up.contains(expected), "{expected}:\n{up}");
    }
    // Each VALIDATE is a transaction of its own, after the one that adds NOT VALID.
    let validating: Vec<_> = segments
        .iter()
        .filter(|s| s.sql.contains("VALIDATE CONSTRAINT"))
        .collect();
    assert_eq!(validating.len(), 2, "{up}");
    assert!(validating
        .iter()
        .all(|s| s.transactional && !s.sql.contains("NOT VALID")));

    let q = Project::new("offline", BEFORE);
    assert_eq!(code(&q.run(&["build"])), 0);
    q.write(AFTER);
    assert_eq!(code(&q.run(&["build", "--online", "false"])), 0);
    let up = up_of(&q);
    let segments = schemac::migrate::script::segments(&up);
    assert_eq!(segments.len(), 1, "one transaction:\n{up}");
    assert!(!up.contains("CONCURRENTLY"), "{up}");

    let r = Project::new("offline-config", BEFORE);
    let config = std::fs::read_to_string(r.path("schemac.toml")).expect("config");
    std::fs::write(r.path("schemac.toml"), format!("{config}online = false\n")).expect("write");
    assert_eq!(code(&r.run(&["build"])), 0);
    r.write(AFTER);
    assert_eq!(code(&r.run(&["build"])), 0);
    assert_eq!(schemac::migrate::script::segments(&up_of(&r)).len(), 1);
}

/// A server that takes the connection and never answers does not hang a command: the
/// whole start-up is bounded by `connect_timeout`, as libpq bounds it (the driver's own
/// bounds only the TCP connect).
#[test]
fn a_server_that_never_answers_does_not_hang_a_command() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listen");
    let port = listener.local_addr().expect("addr").port();
    // Accept and hold every connection without a byte in reply.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for c in listener.incoming() {
            held.push(c);
        }
    });
    let p = Project::new("silent", "table t {\n  id int primary key\n}\n");
    let url = format!("postgresql://u@127.0.0.1:{port}/db?sslmode=disable&connect_timeout=1");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_schemac"))
        .arg("-C")
        .arg(&p.dir)
        .args(["status", "--live", &url])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // A generous guard: the property is that it ends, not how fast.
    let mut waited = 0;
    while child.try_wait().expect("wait").is_none() {
        if waited >= 600 {
            let _ = child.kill();
            panic!("schemac status hung on a server that never answers");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        waited += 1;
    }
    let o = child.wait_with_output().expect("output");
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no answer within 1 s"),
        "{}",
        stderr(&o)
    );
}

/// `init` starts a project that builds, checks and lints clean at once (both presets),
/// changes nothing when run again, and writes nothing over a file that holds something
/// else.
#[test]
fn init_starts_a_project_that_builds_and_never_overwrites() {
    for preset in ["supabase", "none"] {
        let dir =
            std::env::temp_dir().join(format!("schemac-init-{preset}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("mkdir");
        let run = |args: &[&str]| {
            Command::new(env!("CARGO_BIN_EXE_schemac"))
                .arg("-C")
                .arg(&dir)
                .args(args)
                .env("NO_COLOR", "1")
                .output()
                .expect("schemac runs")
        };
        let o = run(&["init", "--name", "notes", "--preset", preset]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        for file in ["schemac.toml", "schema/notes.pgs", ".gitignore"] {
            assert!(dir.join(file).exists(), "{preset}: {file}");
        }
        for command in ["build", "check", "lint"] {
            let o = run(&[command]);
            assert_eq!(code(&o), 0, "{preset}: {command}: {}", stderr(&o));
        }
        assert!(dir.join("generated/notes/migrations").exists());
        let o = run(&["init", "--name", "notes", "--preset", preset]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(stderr(&o).contains("already initialised"), "{}", stderr(&o));
        let gitignore = std::fs::read_to_string(dir.join(".gitignore")).expect("gitignore");
        assert_eq!(gitignore.matches("generated/*/canonical/").count(), 1);
        std::fs::write(
            dir.join("schema/notes.pgs"),
            "table mine {\n  id int primary key\n}\n",
        )
        .expect("edit");
        std::fs::remove_file(dir.join("schemac.toml")).expect("remove");
        let o = run(&["init", "--name", "notes", "--preset", preset]);
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        assert!(stderr(&o).contains("schema/notes.pgs"), "{}", stderr(&o));
        assert!(
            !dir.join("schemac.toml").exists(),
            "a refused init writes nothing at all"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// `explain CODE` prints what the code means, an example and the fix (a lint's fixed
/// example too); an unknown code is an error.
#[test]
fn explain_gives_a_paragraph_an_example_and_the_fix() {
    let run = |code: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_schemac"))
            .args(["explain", code])
            .output()
            .expect("schemac runs")
    };
    let o = run("c004");
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success());
    assert!(
        text.starts_with("C004: a referenced column does not exist")
            && text.contains("Example:\n\n    table orders {")
            && text.contains("Fix: "),
        "{text}"
    );
    let text = String::from_utf8_lossy(&run("S003").stdout).to_string();
    assert!(
        text.contains("Fixed:\n\n") && text.contains("with check"),
        "{text}"
    );
    assert_eq!(run("X999").status.code(), Some(2));
}

/// `build --amend` on a schema that went back to where it was before the newest
/// migration removes that migration (and the state it was built from); a project whose
/// newest migration predates `previous.json` cannot be amended.
#[test]
fn amending_back_to_the_previous_schema_removes_the_newest_migration() {
    let p = Project::new("amend-back", "table a {\n  id int primary key\n}\n");
    assert_eq!(code(&p.run(&["build"])), 0);
    p.write("table a {\n  id int primary key\n  b int\n}\n");
    assert_eq!(code(&p.run(&["build"])), 0);
    let count = std::fs::read_dir(p.path("generated/app/migrations"))
        .expect("dir")
        .count();
    assert_eq!(count, 2);
    p.write("table a {\n  id int primary key\n}\n");
    let o = p.run(&["build", "--amend"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let left: Vec<String> = std::fs::read_dir(p.path("generated/app/migrations"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(left, ["0001_initial"]);
    assert!(!p.path("generated/app/previous.json").exists());
    assert_eq!(code(&p.run(&["build", "--check"])), 0);
    // Nothing recorded from before 0001 now: amending again is refused.
    let o = p.run(&["build", "--amend"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("previous.json"), "{}", stderr(&o));
}
