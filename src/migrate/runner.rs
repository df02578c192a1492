//! Applying and rolling back migration files on a live database, exactly once and in
//! order. Every transactional segment takes `pg_advisory_xact_lock` and re-checks the
//! tracking table inside the lock, so concurrent runs (also through a transaction-mode
//! pooler) apply each migration once: the second waits, then sees it applied and skips
//! it. A migration is recorded in the same transaction as its last statement.

use super::plan::{compare, down_loses_data, integrity_problems, Applied, Entry, State};
use super::script::{segments, Segment};
use crate::project::history::{checksum, MigrationFiles};
use crate::sqltext::split_statements;
use postgres::{Client, GenericClient};
use std::time::Instant;

/// The advisory lock every schemac run takes (`hashtext('schemac')`-like constant).
pub const LOCK_KEY: i64 = 0x5c4e_6d69_6772_6174;

/// How often a transaction that timed out waiting for a lock is tried again (after
/// 0.5 s, 1 s, 2 s).
const LOCK_RETRIES: u32 = 3;

/// How [`db_error`] ends for SQLSTATE 55P03 (a lock timeout).
const LOCK_NOT_AVAILABLE: &str = "(55P03)";

/// Timeouts and limits of a run.
#[derive(Debug, Clone)]
pub struct Options {
    /// `lock_timeout` for every transaction, in milliseconds (0: none).
    pub lock_timeout_ms: u64,
    /// `statement_timeout` for every transaction, in milliseconds (0: none).
    pub statement_timeout_ms: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lock_timeout_ms: 10_000,
            statement_timeout_ms: 0,
        }
    }
}

/// What happened to one migration.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Outcome {
    /// Version.
    pub version: String,
    /// Name.
    pub name: String,
    /// `applied`, `rolled back`, or `skipped` (another run did it first).
    pub status: &'static str,
    /// Wall time.
    pub ms: u64,
}

/// Why a run stopped.
#[derive(Debug)]
pub enum RunError {
    /// The files and the database disagree in a way that must be fixed first.
    Integrity(Vec<String>),
    /// A statement failed; its transaction was rolled back.
    Statement {
        /// `NNNN_name (up|down)`.
        migration: String,
        /// The statement.
        statement: String,
        /// SQLSTATE and message.
        error: String,
    },
    /// A rollback would lose data and was not confirmed.
    Refused(String),
    /// Any other database error.
    Db(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Integrity(p) => write!(f, "{}", p.join("\n")),
            RunError::Statement {
                migration,
                statement,
                error,
            } => write!(
                f,
                "{migration} failed and was rolled back: {error}\n  in statement: {}",
                statement
                    .lines()
                    .take(6)
                    .collect::<Vec<_>>()
                    .join("\n                ")
            ),
            RunError::Refused(m) | RunError::Db(m) => f.write_str(m),
        }
    }
}

fn db_error(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(d) => format!("{} ({})", d.message(), d.code().code()),
        None => e.to_string(),
    }
}

impl From<postgres::Error> for RunError {
    fn from(e: postgres::Error) -> Self {
        RunError::Db(db_error(&e))
    }
}

fn settings(o: &Options) -> String {
    format!(
        "SET LOCAL lock_timeout = '{}ms'; SET LOCAL statement_timeout = '{}ms'",
        o.lock_timeout_ms, o.statement_timeout_ms
    )
}

/// Reads the tracking table (empty when it does not exist yet). Never writes.
pub fn applied(client: &mut Client, project: &str) -> Result<Vec<Applied>, RunError> {
    let exists: bool = client
        .query_one("SELECT to_regclass('schemac.migrations') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        return Ok(Vec::new());
    }
    let rows = client.query(
        "SELECT version, name, checksum, to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC', \
         execution_ms, applied_by FROM schemac.migrations WHERE project = $1 ORDER BY version",
        &[&project],
    )?;
    Ok(rows
        .iter()
        .map(|r| Applied {
            version: r.get(0),
            name: r.get(1),
            checksum: r.get(2),
            applied_at: r.get(3),
            execution_ms: r.get(4),
            applied_by: r.get(5),
        })
        .collect())
}

/// The state of every migration (read only).
pub fn status(
    client: &mut Client,
    project: &str,
    files: &[MigrationFiles],
) -> Result<Vec<Entry>, RunError> {
    Ok(compare(files, &applied(client, project)?))
}

pub(crate) fn ensure_tracking(client: &mut Client, o: &Options) -> Result<(), RunError> {
    let mut tx = client.transaction()?;
    tx.batch_execute(&settings(o))?;
    tx.query("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY])?;
    tx.batch_execute(include_str!("tracking.sql"))?;
    tx.commit()?;
    Ok(())
}

fn is_recorded(
    c: &mut impl GenericClient,
    project: &str,
    version: &str,
) -> Result<bool, postgres::Error> {
    Ok(c.query_opt(
        "SELECT 1 FROM schemac.migrations WHERE project = $1 AND version = $2",
        &[&project, &version],
    )?
    .is_some())
}

/// The migrations `migrate` would apply, after the integrity checks.
pub fn pending<'f>(
    client: &mut Client,
    project: &str,
    files: &'f [MigrationFiles],
    to: Option<&str>,
) -> Result<Vec<&'f MigrationFiles>, RunError> {
    let entries = status(client, project, files)?;
    let problems = integrity_problems(&entries);
    if !problems.is_empty() {
        return Err(RunError::Integrity(problems));
    }
    Ok(files
        .iter()
        .filter(|f| {
            entries
                .iter()
                .any(|e| e.version == f.version && e.state == State::Pending)
        })
        .filter(|f| to.is_none_or(|t| f.version.as_str() <= t))
        .collect())
}

/// Applies the pending migrations (up to `to`), each atomically.
pub fn migrate(
    client: &mut Client,
    project: &str,
    files: &[MigrationFiles],
    to: Option<&str>,
    o: &Options,
) -> Result<Vec<Outcome>, RunError> {
    ensure_tracking(client, o)?;
    let todo = pending(client, project, files, to)?;
    let mut out = Vec::new();
    for m in todo {
        let start = Instant::now();
        let label = format!("{}_{} (up)", m.version, m.name);
        let gate = |c: &mut postgres::Transaction| {
            Ok(if is_recorded(c, project, &m.version)? {
                Gate::Skip
            } else {
                Gate::Go
            })
        };
        let done = run(client, &segments(&m.up), &label, o, gate, |c, ms| {
            c.execute(
                "INSERT INTO schemac.migrations (project, version, name, checksum, execution_ms) VALUES ($1, $2, $3, $4, $5)",
                &[&project, &m.version, &m.name, &checksum(&m.up), &(ms as i64)],
            )
            .map(|_| ())
        })?;
        out.push(Outcome {
            version: m.version.clone(),
            name: m.name.clone(),
            status: if done { "applied" } else { "skipped" },
            ms: start.elapsed().as_millis() as u64,
        });
    }
    Ok(out)
}

/// Rolls back applied migrations, newest first: `steps` of them, or all after `to`.
pub fn rollback(
    client: &mut Client,
    project: &str,
    files: &[MigrationFiles],
    target: Target,
    allow_data_loss: bool,
    o: &Options,
) -> Result<Vec<Outcome>, RunError> {
    let entries = status(client, project, files)?;
    let problems: Vec<String> = integrity_problems(&entries)
        .into_iter()
        .filter(|p| !p.contains("out of order"))
        .collect();
    if !problems.is_empty() {
        return Err(RunError::Integrity(problems));
    }
    let mut applied: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.state == State::Applied)
        .collect();
    applied.reverse();
    let chosen: Vec<&Entry> = match &target {
        Target::Steps(n) => applied.into_iter().take(*n).collect(),
        Target::To(v) => applied
            .into_iter()
            .filter(|e| e.version.as_str() > v.as_str())
            .collect(),
    };
    let files_of = |e: &Entry| {
        files
            .iter()
            .find(|f| f.version == e.version)
            .expect("applied has files")
    };
    if !allow_data_loss {
        let lossy: Vec<String> = chosen
            .iter()
            .filter(|e| down_loses_data(&files_of(e).down))
            .map(|e| format!("{}_{}", e.version, e.name))
            .collect();
        if !lossy.is_empty() {
            return Err(RunError::Refused(format!(
                "rolling back {} would delete data or cannot restore it (see the Hazards line of its down.sql); \
                 run again with --allow-data-loss to confirm",
                lossy.join(", ")
            )));
        }
    }
    let mut out = Vec::new();
    for e in chosen {
        let m = files_of(e);
        let start = Instant::now();
        let label = format!("{}_{} (down)", m.version, m.name);
        let gate = |c: &mut postgres::Transaction| {
            Ok(if is_recorded(c, project, &m.version)? {
                Gate::Go
            } else {
                Gate::Skip
            })
        };
        let done = run(client, &segments(&m.down), &label, o, gate, |c, _| {
            c.execute(
                "DELETE FROM schemac.migrations WHERE project = $1 AND version = $2",
                &[&project, &m.version],
            )
            .map(|_| ())
        })?;
        out.push(Outcome {
            version: m.version.clone(),
            name: m.name.clone(),
            status: if done { "rolled back" } else { "skipped" },
            ms: start.elapsed().as_millis() as u64,
        });
    }
    Ok(out)
}

/// How far `rollback` goes.
#[derive(Debug, Clone)]
pub enum Target {
    /// This many migrations.
    Steps(usize),
    /// Every migration after this version (`0000`: all).
    To(String),
}

enum Gate {
    Go,
    Skip,
}

type Gatekeeper<'a> = dyn FnMut(&mut postgres::Transaction) -> Result<Gate, postgres::Error> + 'a;
type Recorder<'a> = dyn FnMut(&mut postgres::Transaction, u64) -> Result<(), postgres::Error> + 'a;

/// Runs the segments of one script. `gate` decides, under the advisory lock, whether
/// the script still has to run (another run may have done it); `record` updates the
/// tracking table in the transaction of the last statement. Returns false when skipped.
fn run(
    client: &mut Client,
    segs: &[Segment],
    label: &str,
    o: &Options,
    mut gate: impl FnMut(&mut postgres::Transaction) -> Result<Gate, postgres::Error>,
    mut record: impl FnMut(&mut postgres::Transaction, u64) -> Result<(), postgres::Error>,
) -> Result<bool, RunError> {
    let standalone = segs.iter().any(|s| !s.transactional);
    if standalone {
        // Statements that cannot run in a transaction are serialised by a session lock
        // held for the whole script (it conflicts with the transaction-level lock).
        client.batch_execute(&format!("SET lock_timeout = '{}ms'", o.lock_timeout_ms))?;
        client.query("SELECT pg_advisory_lock($1)", &[&LOCK_KEY])?;
    }
    let result = run_segments(client, segs, label, o, &mut gate, &mut record);
    if standalone {
        let _ = client.query("SELECT pg_advisory_unlock($1)", &[&LOCK_KEY]);
        let _ = client.batch_execute("RESET lock_timeout");
    }
    result
}

fn run_segments(
    client: &mut Client,
    segs: &[Segment],
    label: &str,
    o: &Options,
    gate: &mut Gatekeeper,
    record: &mut Recorder,
) -> Result<bool, RunError> {
    let start = Instant::now();
    if segs.first().is_some_and(|s| !s.transactional) {
        let mut tx = client.transaction()?;
        if let Gate::Skip = gate(&mut tx)? {
            return Ok(false);
        }
        tx.commit()?;
    }
    let last = segs.len().saturating_sub(1);
    for (i, seg) in segs.iter().enumerate() {
        if seg.transactional {
            // A lock timeout rolls the transaction back: wait, and try it again.
            let mut attempt = 0;
            loop {
                let mut tx = client.transaction()?;
                tx.batch_execute(&settings(o))?;
                tx.query("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY])?;
                if let Gate::Skip = gate(&mut tx)? {
                    return Ok(false);
                }
                match exec_all(&mut tx, &seg.sql, label) {
                    Err(RunError::Statement { error, .. })
                        if error.ends_with(LOCK_NOT_AVAILABLE) && attempt < LOCK_RETRIES =>
                    {
                        drop(tx);
                        attempt += 1;
                        std::thread::sleep(std::time::Duration::from_millis(250 << attempt));
                        continue;
                    }
                    other => other?,
                }
                if i == last {
                    record(&mut tx, start.elapsed().as_millis() as u64)?;
                }
                tx.commit()?;
                break;
            }
        } else {
            exec_all(client, &seg.sql, label)?;
        }
    }
    if segs.last().is_none_or(|s| !s.transactional) {
        let mut tx = client.transaction()?;
        tx.query("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY])?;
        record(&mut tx, start.elapsed().as_millis() as u64)?;
        tx.commit()?;
    }
    Ok(true)
}

/// Runs statements one by one, so an error names the statement that failed.
pub(crate) fn exec_all(c: &mut impl GenericClient, sql: &str, label: &str) -> Result<(), RunError> {
    for statement in split_statements(sql) {
        if let Err(e) = c.batch_execute(&statement) {
            return Err(RunError::Statement {
                migration: label.to_string(),
                statement,
                error: db_error(&e),
            });
        }
    }
    Ok(())
}
