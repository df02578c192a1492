//! Applying and rolling back migration files on a live database, exactly once and in
//! order. Every transactional segment takes `pg_advisory_xact_lock` and re-checks the
//! tracking table inside the lock, so concurrent runs (also through a transaction-mode
//! pooler) apply each migration once: the second waits, then sees it applied and skips
//! it. A migration is recorded in the same transaction as its last statement.
//!
//! A migration with several parts (statements outside its main transaction, such as
//! `CREATE INDEX CONCURRENTLY`, or transactions of their own, such as `VALIDATE`)
//! holds a session-level advisory lock for the whole run and records in
//! `schemac.progress` how many parts have committed, so a run that stopped part way is
//! resumed at the part that failed. An index a failed concurrent build left behind
//! (INVALID) is dropped before the build runs again.

use super::outcome::db_error;
pub use super::outcome::{Options, Outcome, RunError};
use super::plan::{compare, down_loses_data, integrity_problems, Applied, Entry, State};
use super::progress::{drop_invalid_indexes, is_concurrent, progress, ProgressKey};
use super::script::{segments, Segment};
use crate::project::history::{checksum, MigrationFiles};
use crate::sqltext::split_statements;
use postgres::{Client, GenericClient};
use std::time::Instant;

/// The advisory lock every schemac run takes (`hashtext('schemac')`-like constant).
pub const LOCK_KEY: i64 = 0x5c4e_6d69_6772_6174;

/// How often a transaction that timed out waiting for a lock, or lost a deadlock, is
/// tried again (after 0.5 s, 1 s, 2 s).
const LOCK_RETRIES: u32 = 3;

/// How [`db_error`] ends for the errors after which a transaction is tried again:
/// SQLSTATE 55P03 (a lock timeout) and 40P01 (a deadlock with the workload, which
/// PostgreSQL resolves by rolling back one side). Either way nothing was committed.
const RETRIED: [&str; 2] = ["(55P03)", "(40P01)"];

/// Takes the migration lock (`xact`: for the transaction `c` is in, else for the
/// session), waiting at most `--lock-wait` for another run to release it.
pub(crate) fn take_lock(
    c: &mut impl GenericClient,
    o: &Options,
    xact: bool,
) -> Result<(), RunError> {
    let (set, lock) = if xact {
        ("SET LOCAL", "pg_advisory_xact_lock")
    } else {
        ("SET", "pg_advisory_lock")
    };
    c.batch_execute(&format!("{set} lock_timeout = '{}ms'", o.lock_wait_ms))?;
    match c.query(&format!("SELECT {lock}($1)"), &[&LOCK_KEY]) {
        Ok(_) => Ok(()),
        Err(e) if e.code() == Some(&postgres::error::SqlState::LOCK_NOT_AVAILABLE) => {
            Err(RunError::Refused(format!(
                "another schemac run held the migration lock for more than {} ms (--lock-wait); nothing more was run",
                o.lock_wait_ms
            )))
        }
        Err(e) => Err(e.into()),
    }
}

/// Who holds the migration lock, if another session does: `pid 123, user deploy,
/// application schemac, for 00:02:10`. For telling the user why a run waits.
pub fn lock_holder(client: &mut Client) -> Result<Option<String>, RunError> {
    let row = client.query_opt(
        "SELECT format('pid %s, user %s, application %s, for %s', a.pid, a.usename,
                       coalesce(nullif(a.application_name, ''), '?'),
                       to_char(now() - coalesce(a.xact_start, a.backend_start), 'HH24:MI:SS'))
           FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()
            AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
            AND l.classid = ($1::int8 >> 32)::oid AND l.objid = ($1::int8 & 4294967295)::oid
            AND l.objsubid = 1
          LIMIT 1",
        &[&LOCK_KEY],
    )?;
    Ok(row.map(|r| r.get(0)))
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
    Ok(compare(
        files,
        &applied(client, project)?,
        &progress(client, project)?,
    ))
}

pub(crate) fn ensure_tracking(client: &mut Client, o: &Options) -> Result<(), RunError> {
    let mut tx = client.transaction()?;
    // Another run's lock is waited for as long as that run takes (or --lock-wait): the
    // lock timeout is for the application's tables, set once this run holds it.
    take_lock(&mut tx, o, true)?;
    tx.batch_execute(&settings(o))?;
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
    let mut problems = integrity_problems(&entries);
    problems.extend(
        entries
            .iter()
            .filter(|e| e.state == State::PartlyRolledBack)
            .map(|e| {
                format!(
                    "the rollback of migration {}_{} stopped part way ({} parts done): run `schemac rollback` again to finish it first",
                    e.version,
                    e.name,
                    e.parts_done.unwrap_or_default()
                )
            }),
    );
    if !problems.is_empty() {
        return Err(RunError::Integrity(problems));
    }
    Ok(files
        .iter()
        .filter(|f| {
            entries.iter().any(|e| {
                e.version == f.version && matches!(e.state, State::Pending | State::Partial)
            })
        })
        .filter(|f| to.is_none_or(|t| f.version.as_str() <= t))
        .collect())
}

/// Applies the pending migrations (up to `to`), each atomically; `starting` is told of
/// each before it runs (the CLI says what it is doing).
pub fn migrate(
    client: &mut Client,
    project: &str,
    files: &[MigrationFiles],
    to: Option<&str>,
    o: &Options,
    starting: &mut dyn FnMut(&MigrationFiles),
) -> Result<Vec<Outcome>, RunError> {
    ensure_tracking(client, o)?;
    let todo = pending(client, project, files, to)?;
    let mut out = Vec::new();
    for m in todo {
        starting(m);
        let start = Instant::now();
        let label = format!("{}_{} (up)", m.version, m.name);
        let gate = |c: &mut postgres::Transaction| {
            Ok(if is_recorded(c, project, &m.version)? {
                Gate::Skip
            } else {
                Gate::Go
            })
        };
        let key = ProgressKey {
            project,
            version: &m.version,
            down: false,
            checksum: checksum(&m.up),
        };
        let run = run(client, &segments(&m.up), &label, o, &key, gate, |c, ms| {
            c.execute(
                "INSERT INTO schemac.migrations (project, version, name, checksum, execution_ms) VALUES ($1, $2, $3, $4, $5)",
                &[&project, &m.version, &m.name, &key.checksum, &(ms as i64)],
            )
            .map(|_| ())
        })?;
        out.push(Outcome {
            version: m.version.clone(),
            name: m.name.clone(),
            status: if run.done { "applied" } else { "skipped" },
            ms: start.elapsed().as_millis() as u64,
            resumed_after: run.resumed_after,
            repaired: run.repaired,
        });
    }
    Ok(out)
}

/// The migrations `rollback` would run, newest first, after the integrity checks and
/// the data-loss refusal (read only).
pub fn to_roll_back<'f>(
    client: &mut Client,
    project: &str,
    files: &'f [MigrationFiles],
    target: &Target,
    allow_data_loss: bool,
) -> Result<Vec<&'f MigrationFiles>, RunError> {
    let entries = status(client, project, files)?;
    let mut problems: Vec<String> = integrity_problems(&entries)
        .into_iter()
        .filter(|p| !p.contains("out of order"))
        .collect();
    problems.extend(entries.iter().filter(|e| e.state == State::Partial).map(|e| {
        format!(
            "migration {}_{} stopped part way ({} parts committed): fix what made it fail and run `schemac migrate` to finish it before rolling back",
            e.version,
            e.name,
            e.parts_done.unwrap_or_default()
        )
    }));
    if !problems.is_empty() {
        return Err(RunError::Integrity(problems));
    }
    let mut applied: Vec<&Entry> = entries
        .iter()
        .filter(|e| matches!(e.state, State::Applied | State::PartlyRolledBack))
        .collect();
    applied.reverse();
    let chosen: Vec<&Entry> = match target {
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
    Ok(chosen.into_iter().map(files_of).collect())
}

/// Rolls back applied migrations, newest first: `steps` of them, or all after `to`;
/// `starting` is told of each before it runs.
pub fn rollback(
    client: &mut Client,
    project: &str,
    files: &[MigrationFiles],
    target: Target,
    allow_data_loss: bool,
    o: &Options,
    starting: &mut dyn FnMut(&MigrationFiles),
) -> Result<Vec<Outcome>, RunError> {
    let chosen = to_roll_back(client, project, files, &target, allow_data_loss)?;
    let mut out = Vec::new();
    for m in chosen {
        starting(m);
        let start = Instant::now();
        let label = format!("{}_{} (down)", m.version, m.name);
        let gate = |c: &mut postgres::Transaction| {
            Ok(if is_recorded(c, project, &m.version)? {
                Gate::Go
            } else {
                Gate::Skip
            })
        };
        let key = ProgressKey {
            project,
            version: &m.version,
            down: true,
            checksum: checksum(&m.down),
        };
        let run = run(client, &segments(&m.down), &label, o, &key, gate, |c, _| {
            c.execute(
                "DELETE FROM schemac.migrations WHERE project = $1 AND version = $2",
                &[&project, &m.version],
            )
            .map(|_| ())
        })?;
        out.push(Outcome {
            version: m.version.clone(),
            name: m.name.clone(),
            status: if run.done { "rolled back" } else { "skipped" },
            ms: start.elapsed().as_millis() as u64,
            resumed_after: run.resumed_after,
            repaired: run.repaired,
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

/// What one run of a script did.
struct Ran {
    /// False when another run had done it first.
    done: bool,
    /// Parts an earlier run had committed.
    resumed_after: usize,
    /// Invalid indexes dropped before their build ran again.
    repaired: Vec<String>,
}

/// Runs the segments of one script. `gate` decides, under the advisory lock, whether
/// the script still has to run (another run may have done it); `record` updates the
/// tracking table in the transaction of the last statement.
fn run(
    client: &mut Client,
    segs: &[Segment],
    label: &str,
    o: &Options,
    key: &ProgressKey,
    mut gate: impl FnMut(&mut postgres::Transaction) -> Result<Gate, postgres::Error>,
    mut record: impl FnMut(&mut postgres::Transaction, u64) -> Result<(), postgres::Error>,
) -> Result<Ran, RunError> {
    let parts = segs.len() > 1;
    if parts {
        // A script of several parts is serialised by a session lock held for the whole
        // run (it conflicts with other runs' transaction-level locks).
        take_lock(client, o, false)?;
        client.batch_execute(&format!("SET lock_timeout = '{}ms'", o.lock_timeout_ms))?;
    }
    let result = run_segments(client, segs, label, o, key, &mut gate, &mut record);
    let result = result.map_err(|e| match e {
        RunError::Statement {
            migration,
            statement,
            error,
            parts: (committed, _),
        } => RunError::Statement {
            migration,
            statement,
            error,
            parts: (committed, segs.len()),
        },
        other => other,
    });
    if parts {
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
    key: &ProgressKey,
    gate: &mut Gatekeeper,
    record: &mut Recorder,
) -> Result<Ran, RunError> {
    let start = Instant::now();
    // Read under the session lock: a run that stopped before this one took it counts.
    let skip = if segs.len() > 1 { key.done(client)? } else { 0 };
    let mut ran = Ran {
        done: true,
        resumed_after: skip,
        repaired: Vec::new(),
    };
    let skipped = |mut ran: Ran| {
        ran.done = false;
        Ok(ran)
    };
    if segs.get(skip).is_some_and(|s| !s.transactional) {
        let mut tx = client.transaction()?;
        if let Gate::Skip = gate(&mut tx)? {
            return skipped(ran);
        }
        tx.commit()?;
    }
    let last = segs.len().saturating_sub(1);
    // A failure in part `i`: how many parts stay committed, and which invalid indexes
    // this run dropped before it (the rebuilt index is then part of what stays).
    let at = |i: usize, repaired: &[String]| {
        let note = if repaired.is_empty() {
            String::new()
        } else {
            format!(
                "\n  before it, this run dropped the invalid index {} that an interrupted concurrent build left",
                repaired.join(", ")
            )
        };
        move |e: RunError| match e {
            RunError::Statement {
                migration,
                statement,
                error,
                ..
            } => RunError::Statement {
                migration,
                statement,
                error: format!("{error}{note}"),
                parts: (i, 0),
            },
            other => other,
        }
    };
    for (i, seg) in segs.iter().enumerate().skip(skip) {
        if seg.transactional {
            // A lock timeout or a deadlock rolls the transaction back: wait, and try it again.
            let mut attempt = 0;
            loop {
                let mut tx = client.transaction()?;
                take_lock(&mut tx, o, true)?;
                tx.batch_execute(&settings(o))?;
                if let Gate::Skip = gate(&mut tx)? {
                    return skipped(ran);
                }
                match exec_all(&mut tx, &seg.sql, label) {
                    Err(RunError::Statement { error, .. })
                        if RETRIED.iter().any(|c| error.ends_with(c)) && attempt < LOCK_RETRIES =>
                    {
                        drop(tx);
                        attempt += 1;
                        std::thread::sleep(std::time::Duration::from_millis(250 << attempt));
                        continue;
                    }
                    other => other.map_err(at(i, &ran.repaired))?,
                }
                if i == last {
                    record(&mut tx, start.elapsed().as_millis() as u64)?;
                    key.clear(&mut tx)?;
                } else {
                    key.save(&mut tx, i + 1)?;
                }
                tx.commit()?;
                break;
            }
        } else {
            ran.repaired
                .extend(drop_invalid_indexes(client, &seg.sql, label)?);
            // A concurrent build or drop waits for older transactions while blocking
            // no reads or writes; a lock timeout there would only leave an invalid
            // index behind.
            let concurrent = split_statements(&seg.sql).iter().any(|s| is_concurrent(s));
            if concurrent {
                client.batch_execute("SET lock_timeout = 0")?;
            }
            let result = exec_all(client, &seg.sql, label).map_err(at(i, &ran.repaired));
            if concurrent {
                client.batch_execute(&format!("SET lock_timeout = '{}ms'", o.lock_timeout_ms))?;
            }
            result?;
            if i != last {
                key.save(client, i + 1)?;
            }
        }
    }
    if segs.last().is_none_or(|s| !s.transactional) {
        let mut tx = client.transaction()?;
        take_lock(&mut tx, o, true)?;
        record(&mut tx, start.elapsed().as_millis() as u64)?;
        key.clear(&mut tx)?;
        tx.commit()?;
    }
    Ok(ran)
}

/// Runs statements one by one, so an error names the statement that failed.
pub(crate) fn exec_all(c: &mut impl GenericClient, sql: &str, label: &str) -> Result<(), RunError> {
    for statement in split_statements(sql) {
        if let Err(e) = c.batch_execute(&statement) {
            return Err(RunError::Statement {
                migration: label.to_string(),
                statement,
                error: db_error(&e),
                parts: (0, 1),
            });
        }
    }
    Ok(())
}
