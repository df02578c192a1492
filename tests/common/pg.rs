//! The live PostgreSQL harness. Tests talk to the server named by
//! `SCHEMAC_TEST_DATABASE_URL` (started by `scripts/pg-server start`, which `.ci/run`
//! calls). Without it a live test skips locally, and fails under `CI=true`.

use postgres::{Client, NoTls};
use std::process::Command;

/// A fresh database on the test server, dropped again when this value goes away.
pub struct TestDb {
    admin_url: String,
    /// Name of the database.
    pub name: String,
    /// URL of the database.
    pub url: String,
    /// A connection to it.
    pub client: Client,
}

/// The test server's URL, or None (after printing why) when live tests should skip.
#[allow(clippy::print_stderr)]
pub fn server_url() -> Option<String> {
    match std::env::var("SCHEMAC_TEST_DATABASE_URL") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("CI=true but SCHEMAC_TEST_DATABASE_URL is not set: live tests must not skip in CI (run scripts/pg-server start)");
            }
            eprintln!(
                "skipping live test: SCHEMAC_TEST_DATABASE_URL is not set (see scripts/pg-server)"
            );
            None
        }
    }
}

/// The test server's major version (15 for 15.4), asked once per test binary.
pub fn server_major(url: &str) -> u32 {
    static MAJOR: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *MAJOR.get_or_init(|| {
        let mut c = Client::connect(url, NoTls).expect("connect to the test server");
        let row = c
            .query_one(
                "SELECT current_setting('server_version_num')::int / 10000",
                &[],
            )
            .expect("server version");
        row.get::<_, i32>(0) as u32
    })
}

/// Whether a project targeting `target` runs on the test server; prints why not.
#[allow(clippy::print_stderr)]
pub fn targets_server(url: &str, name: &str, target: schemac::model::Target) -> bool {
    let major = server_major(url);
    let ok = target.contains(major);
    if !ok {
        eprintln!("skipping {name} on PostgreSQL {major}: it targets {target}");
    }
    ok
}

fn with_db(url: &str, db: &str) -> String {
    let (base, _) = url.rsplit_once('/').expect("URL has a database part");
    format!("{base}/{db}")
}

impl TestDb {
    /// Creates a fresh database named after `tag`.
    pub fn create(admin_url: &str, tag: &str) -> TestDb {
        let clean: String = tag
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        let name = format!("t_{clean}_{}", std::process::id());
        let mut admin = Client::connect(admin_url, NoTls).expect("connect to the test server");
        admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .expect("drop old test database");
        admin
            .batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .expect("create test database");
        let url = with_db(admin_url, &name);
        let client = Client::connect(&url, NoTls).expect("connect to the test database");
        TestDb {
            admin_url: admin_url.to_string(),
            name,
            url,
            client,
        }
    }

    /// Runs SQL text (several statements) as one simple query.
    pub fn exec(&mut self, sql: &str) {
        if let Err(e) = self.client.batch_execute(sql) {
            panic!(
                "SQL failed on {}: {}\n--- SQL ---\n{sql}",
                self.name,
                describe(&e)
            );
        }
    }

    /// The server's major version (15 for 15.4).
    pub fn major(&mut self) -> u32 {
        self.value("current_setting('server_version_num')::int / 10000")
            .parse()
            .expect("a major version")
    }

    /// The first column of the first row of a query, as text.
    pub fn value(&mut self, sql: &str) -> String {
        match self.client.query_one(&format!("SELECT ({sql})::text"), &[]) {
            Ok(row) => row.get::<_, Option<String>>(0).unwrap_or_default(),
            Err(e) => panic!(
                "query failed on {}: {}
{sql}",
                self.name,
                describe(&e)
            ),
        }
    }

    /// Applies a migration file: its transactional part in one transaction, each
    /// non-transactional statement on its own.
    pub fn apply(&mut self, file_text: &str, label: &str) {
        for seg in schemac::migrate::script::segments(file_text) {
            let result = if seg.transactional {
                let mut tx = self.client.transaction().expect("begin");
                tx.batch_execute(&seg.sql).and_then(|_| tx.commit())
            } else {
                self.client.batch_execute(&seg.sql)
            };
            if let Err(e) = result {
                panic!("{label} failed on {}: {}", self.name, describe(&e));
            }
        }
    }

    /// `pg_dump --schema-only` of this database.
    pub fn dump_schema(&self) -> String {
        pg_dump(&self.url, &["--schema-only"])
    }

    /// Every user object in the catalogs, as sorted text lines.
    pub fn catalog_objects(&mut self) -> Vec<String> {
        let q = include_str!("catalog_objects.sql");
        let mut out: Vec<String> = self
            .client
            .query(q, &[])
            .expect("catalog query")
            .iter()
            .map(|r| r.get::<_, String>(0))
            .collect();
        out.sort();
        out
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut admin) = Client::connect(&self.admin_url, NoTls) {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// A database error with its SQLSTATE, message and position.
pub fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!(
            "{}: {} ({:?})",
            db.code().code(),
            db.message(),
            db.position()
        ),
        None => e.to_string(),
    }
}

/// The pg_dump binary for the test server: `SCHEMAC_TEST_PG_BIN` (set by
/// `scripts/pg-server` to a client set as new as the server), else Debian's versioned
/// path.
pub fn pg_dump_bin() -> String {
    if let Ok(dir) = std::env::var("SCHEMAC_TEST_PG_BIN") {
        return format!("{dir}/pg_dump");
    }
    for major in ["15", "16", "17", "14", "13"] {
        let p = format!("/usr/lib/postgresql/{major}/bin/pg_dump");
        if std::path::Path::new(&p).exists() {
            return p;
        }
    }
    "pg_dump".to_string()
}

/// Runs pg_dump and returns its output with the lines that vary between runs removed.
pub fn pg_dump(url: &str, args: &[&str]) -> String {
    let out = Command::new(pg_dump_bin())
        .args(args)
        .arg(url)
        .output()
        .expect("pg_dump runs");
    assert!(
        out.status.success(),
        "pg_dump failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| {
            !l.starts_with("-- Dumped")
                && !l.starts_with("\\restrict")
                && !l.starts_with("\\unrestrict")
        })
        .map(str::to_owned)
        .collect();
    acl_sorted(lines).join("\n")
}

/// `lines` with each run of GRANT/REVOKE lines sorted: an ACL is a set, and pg_dump
/// prints it in the order its entries were granted.
fn acl_sorted(mut lines: Vec<String>) -> Vec<String> {
    let acl = |l: &str| l.starts_with("GRANT ") || l.starts_with("REVOKE ");
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        while i < lines.len() && acl(&lines[i]) {
            i += 1;
        }
        lines[start..i].sort_unstable();
        i = i.max(start + 1);
    }
    lines
}

/// The psql binary matching the server (Debian's versioned path first).
pub fn psql_bin() -> String {
    pg_dump_bin().replace("pg_dump", "psql")
}
