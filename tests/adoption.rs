//! Adoption of databases schemac did not build, one test per fixture in
//! `tests/adoption/*.sql` (each a minimal lesson from a real-world schema). For each:
//! load the SQL into a fresh database, `pull` it, `build` the pulled project, and then
//! - when the fixture expects nothing left out: `pull` exits 0, `baseline 0001` is
//!   accepted, `diff --live` finds no drift, and a database migrated from the pulled
//!   project has the same (sorted) `pg_dump --schema-only` as the original;
//! - when it declares `-- expect-left-out: <kind> <object>` lines: `pull` exits 1 and
//!   reports exactly those items, `diff --live` shows each as "not expressible in
//!   schemac", and `diff --format sql` refuses (exit 2) unless `--partial`, whose header
//!   lists them.
//!
//! `-- expect-left-out from 18: <kind> <object>` expects an item on that major and newer
//! only. Other header lines: `-- pull: ARGS` (default `--preset none`),
//! `-- prelude: supabase` (install the supabase prelude before loading) and
//! `-- expect-file: PATH` (a file the pulled project must have).
//!
//! Runs with libtest-mimic, so each fixture is a test of its own: a failure names it,
//! and `cargo test --test adoption -- NAME` runs one.

mod common;

use common::pg::{pg_dump, server_url, TestDb};
use common::root;
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};
use std::process::Output;

fn main() {
    let args = Arguments::from_args();
    let trials = common::cases("tests/adoption", Some("sql"))
        .into_iter()
        .map(|path| {
            let name = common::stem(&path);
            Trial::test(name, move || adopt(&path))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

/// What a fixture's header asks for.
struct Header {
    pull_args: Vec<String>,
    supabase_prelude: bool,
    left_out: Vec<String>,
    /// `-- expect-left-out from 18: <kind> <object>`: left out on that major and newer
    /// only (what a newer catalog holds that older ones do not).
    left_out_from: Vec<(u32, String)>,
    /// Files the pulled project must have (relative to its directory).
    files: Vec<String>,
    /// `-- postgres: 15`: the oldest major whose server runs the fixture's SQL.
    min_major: u32,
}

fn header(sql: &str) -> Header {
    let mut h = Header {
        pull_args: vec!["--preset".into(), "none".into()],
        supabase_prelude: false,
        left_out: Vec::new(),
        left_out_from: Vec::new(),
        files: Vec::new(),
        min_major: 0,
    };
    for line in sql.lines().take_while(|l| l.starts_with("--")) {
        if let Some(a) = line.strip_prefix("-- pull:") {
            h.pull_args = a.split_whitespace().map(str::to_string).collect();
        } else if let Some(p) = line.strip_prefix("-- prelude:") {
            h.supabase_prelude = p.trim() == "supabase";
        } else if let Some(item) = line.strip_prefix("-- expect-left-out:") {
            h.left_out.push(item.trim().to_string());
        } else if let Some(rest) = line.strip_prefix("-- expect-left-out from ") {
            let (major, item) = rest
                .split_once(':')
                .expect("-- expect-left-out from N: item");
            let major = major
                .trim()
                .parse()
                .expect("-- expect-left-out from <major>:");
            h.left_out_from.push((major, item.trim().to_string()));
        } else if let Some(m) = line.strip_prefix("-- postgres:") {
            h.min_major = m.trim().parse().expect("-- postgres: <major>");
        } else if let Some(file) = line.strip_prefix("-- expect-file:") {
            h.files.push(file.trim().to_string());
        }
    }
    h.left_out.sort();
    h
}

fn schemac(dir: &Path, args: &[&str]) -> Output {
    common::schemac_in(dir, args)
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn expect_code(o: &Output, code: i32, what: &str) -> Result<String, Failed> {
    let t = text(o);
    if o.status.code() == Some(code) {
        Ok(t)
    } else {
        Err(format!("{what}: exit {:?}, expected {code}:\n{t}", o.status.code()).into())
    }
}

/// The dump's statements as sorted lines: the same objects in another order (OIDs
/// differ between the two databases) compare equal; any other difference does not.
fn sorted_dump(url: &str) -> Vec<String> {
    let mut lines: Vec<String> = pg_dump(url, &["--schema-only", "--exclude-schema=schemac"])
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("--"))
        .map(sorted_storage_parameters)
        .collect();
    lines.sort();
    lines
}

/// `line` with the items of its `WITH (…)` list sorted: storage parameters are a set,
/// which pg_dump prints in the order they were written in, and schemac writes sorted.
fn sorted_storage_parameters(line: &str) -> String {
    let Some(open) = line.find("WITH (") else {
        return line.to_string();
    };
    let start = open + "WITH (".len();
    let Some(len) = line[start..].find(')') else {
        return line.to_string();
    };
    let mut items: Vec<&str> = line[start..start + len].split(", ").collect();
    items.sort_unstable();
    format!(
        "{}{}{}",
        &line[..start],
        items.join(", "),
        &line[start + len..]
    )
}

/// `name=value` settings of the database at `url` (`ALTER DATABASE … SET`).
fn db_settings(url: &str) -> Vec<String> {
    let mut c = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    c.query(
        "SELECT unnest(setconfig) FROM pg_db_role_setting
          WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND setrole = 0",
        &[],
    )
    .expect("settings")
    .iter()
    .map(|r| r.get(0))
    .collect()
}

fn supabase_prelude() -> String {
    let c = common::compile(&[], Some("supabase"));
    schemac::project::prelude::render(&c.externs, true)
}

#[allow(clippy::print_stderr)]
fn adopt(fixture: &Path) -> Result<(), Failed> {
    let Some(url) = server_url() else {
        return Ok(());
    };
    let sql = std::fs::read_to_string(fixture).map_err(|e| e.to_string())?;
    let h = header(&sql);
    let major = common::pg::server_major(&url);
    if major < h.min_major {
        eprintln!(
            "skipping {} on PostgreSQL {major}: it needs {}",
            fixture.display(),
            h.min_major
        );
        return Ok(());
    }
    let mut h = h;
    let newer = h.left_out_from.iter().filter(|(m, _)| major >= *m);
    h.left_out.extend(newer.map(|(_, item)| item.clone()));
    h.left_out.sort();
    let tag = format!("adopt_{}", common::stem(fixture));
    let mut db = TestDb::create(&url, &tag);
    if h.supabase_prelude {
        db.exec(&supabase_prelude());
    }
    db.exec(&sql);
    let dir: PathBuf = std::env::temp_dir().join(format!("schemac-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = dir.display().to_string();
    let mut args = vec!["pull", "--live", &db.url, "--out", &out];
    args.extend(h.pull_args.iter().map(String::as_str));
    let pulled = schemac(&root(), &args);
    if let Some(missing) = h.files.iter().find(|f| !dir.join(f).is_file()) {
        return Err(format!("pull wrote no {missing}:\n{}", text(&pulled)).into());
    }
    let result = if h.left_out.is_empty() {
        adopt_completely(&db, &url, &dir, &tag, &pulled)
    } else {
        report_left_out(&db, &dir, &h, &pulled)
    };
    if result.is_ok() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

fn adopt_completely(
    db: &TestDb,
    server: &str,
    dir: &Path,
    tag: &str,
    pulled: &Output,
) -> Result<(), Failed> {
    expect_code(pulled, 0, "pull (nothing should be left out)")?;
    expect_code(&schemac(dir, &["build"]), 0, "build of the pulled project")?;
    expect_code(
        &schemac(dir, &["baseline", "0001", "--live", &db.url]),
        0,
        "baseline",
    )?;
    let diff = expect_code(
        &schemac(dir, &["diff", "--live", &db.url]),
        0,
        "diff --live after baseline",
    )?;
    if !diff.contains("no schema drift") {
        return Err(format!("diff --live: {diff}").into());
    }
    // A database built from the pulled project is the same database. Database-level
    // settings are the environment's, not the schema's: the copy gets them as the
    // original has them.
    let mut copy = TestDb::create(server, &format!("{tag}_copy"));
    let settings: Vec<String> = db_settings(&db.url);
    for s in settings {
        let (k, v) = s.split_once('=').unwrap_or((&s, ""));
        copy.exec(&format!("ALTER DATABASE \"{}\" SET {k} = {v}", copy.name));
    }
    let externs = std::fs::read_to_string(dir.join("schema/_project.pgs"))
        .is_ok_and(|p| p.contains("extern role") || p.contains("extern schema"));
    let preset =
        std::fs::read_to_string(dir.join("schemac.toml")).is_ok_and(|t| t.contains("preset = "));
    if externs || preset {
        expect_code(
            &schemac(dir, &["prelude", "--apply", &copy.url]),
            0,
            "prelude of the copy",
        )?;
    }
    expect_code(
        &schemac(dir, &["migrate", "--live", &copy.url]),
        0,
        "migrate a fresh database from the pulled project",
    )?;
    let (a, b) = (sorted_dump(&db.url), sorted_dump(&copy.url));
    if a != b {
        let only_a: Vec<&String> = a.iter().filter(|l| !b.contains(l)).collect();
        let only_b: Vec<&String> = b.iter().filter(|l| !a.contains(l)).collect();
        return Err(format!(
            "pg_dump differs:\nonly in the original: {only_a:#?}\nonly in the copy: {only_b:#?}"
        )
        .into());
    }
    Ok(())
}

fn report_left_out(db: &TestDb, dir: &Path, h: &Header, pulled: &Output) -> Result<(), Failed> {
    let report = expect_code(pulled, 1, "pull (something is left out)")?;
    let json = schemac(
        &root(),
        &[
            "--format",
            "json",
            "pull",
            "--live",
            &db.url,
            "--out",
            &format!("{}-json", dir.display()),
            "--preset",
            "none",
        ],
    );
    let _ = std::fs::remove_dir_all(format!("{}-json", dir.display()));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout)
        .map_err(|e| format!("pull --format json: {e}: {}", text(&json)))?;
    let mut reported: Vec<String> = v["left_out"]
        .as_array()
        .ok_or("pull --format json: no left_out array")?
        .iter()
        .map(|u| {
            format!(
                "{} {}",
                u["kind"].as_str().unwrap_or(""),
                u["object"].as_str().unwrap_or("")
            )
        })
        .collect();
    reported.sort();
    if reported != h.left_out || v["complete"] != serde_json::Value::Bool(false) {
        return Err(format!(
            "pull reported {reported:#?}, the fixture expects {:#?}\n{report}",
            h.left_out
        )
        .into());
    }
    for item in &h.left_out {
        if !report.contains(item.as_str()) {
            return Err(format!("pull's human report does not name {item}:\n{report}").into());
        }
    }
    expect_code(&schemac(dir, &["build"]), 0, "build of the pulled project")?;
    let diff = expect_code(
        &schemac(dir, &["diff", "--live", &db.url]),
        1,
        "diff --live (what was left out is drift)",
    )?;
    for item in &h.left_out {
        // `not expressible in schemac <kind>: <object>`; kinds and objects may hold spaces.
        let shown = diff.lines().any(|l| {
            l.split_once("not expressible in schemac ")
                .map(|(_, rest)| rest.trim().replacen(": ", " ", 1))
                .is_some_and(|r| r == *item)
        });
        if !shown {
            return Err(
                format!("diff --live does not show {item} as not expressible:\n{diff}").into(),
            );
        }
    }
    let sql = expect_code(
        &schemac(dir, &["diff", "--live", &db.url, "--format", "sql"]),
        2,
        "diff --format sql (refuses a partial migration)",
    )?;
    if !sql.contains("--partial") {
        return Err(format!("diff --format sql does not say how to go on:\n{sql}").into());
    }
    let partial = schemac(
        dir,
        &["diff", "--live", &db.url, "--format", "sql", "--partial"],
    );
    if partial.status.code() == Some(2) {
        return Err(format!("diff --format sql --partial failed:\n{}", text(&partial)).into());
    }
    let partial = text(&partial);
    // `--   - database: <kind>: <object> = <detail>`.
    let listed = |i: &String| {
        partial.lines().any(|l| {
            l.split_once("database: ")
                .map(|(_, rest)| {
                    rest.split(" = ")
                        .next()
                        .unwrap_or(rest)
                        .replacen(": ", " ", 1)
                })
                .is_some_and(|r| l.starts_with("--") && r == *i)
        })
    };
    if !partial.contains("Left out (--partial)") || !h.left_out.iter().all(listed) {
        return Err(format!("--partial's header does not list every item:\n{partial}").into());
    }
    Ok(())
}
