//! Generated SQL hides no statement: names and labels holding a line break (legal in
//! PostgreSQL when quoted) cannot end the `--` comments they appear in and run the rest
//! as SQL. Every generated file is run with `psql -f`, as a reviewer's colleague would,
//! against a database with a canary table that must survive.

mod common;

use common::pg::{psql_bin, server_url, TestDb};
use std::process::Command;

const BREAKOUT: &str = "x\ndrop table canary; --";

#[test]
fn names_with_line_breaks_cannot_break_out_of_comments() {
    let Some(url) = server_url() else { return };
    // A table without RLS and a SECURITY DEFINER function, both named to break out of
    // the comments rls.sql writes about them; an enum label and a column likewise.
    let schema = format!(
        "enum mood ('ok', '{b}')\n\
         table \"{b}\" {{\n  id int primary key\n  \"{b} col\" mood\n}}\n\
         function \"{b}\"() returns int language sql security definer set search_path = '' as $$ select 1 $$\n",
        b = BREAKOUT
    );
    let dir = common::temp_project("review-safety", "", &schema);
    let built = Command::new(env!("CARGO_BIN_EXE_schemac"))
        .arg("-C")
        .arg(&dir)
        .arg("build")
        .env("NO_COLOR", "1")
        .output()
        .expect("schemac runs");
    assert!(
        built.status.success(),
        "build: {}",
        String::from_utf8_lossy(&built.stderr)
    );
    let generated = dir.join("gen");
    let files = [
        generated.join("schema.sql"),
        generated.join("rls.sql"),
        generated.join("migrations/0001_initial/up.sql"),
        generated.join("migrations/0001_initial/down.sql"),
    ];
    // schema.sql, then rls.sql, on one database; up.sql then down.sql on another.
    for (tag, run) in [("schema", &files[..2]), ("migration", &files[2..])] {
        let mut db = TestDb::create(&url, &format!("review_{tag}"));
        db.exec("CREATE TABLE canary (id int)");
        for file in run {
            let out = Command::new(psql_bin())
                .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", &db.url, "-f"])
                .arg(file)
                .output()
                .expect("psql runs");
            assert!(
                out.status.success(),
                "psql -f {}: {}",
                file.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let alive: bool = db
            .client
            .query_one("SELECT to_regclass('public.canary') IS NOT NULL", &[])
            .expect("query")
            .get(0);
        assert!(alive, "{tag}: the canary table was dropped");
    }
    let _ = std::fs::remove_dir_all(dir);
}
