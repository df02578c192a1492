//! Throwaway databases: created on a server, prepared with scripts, used, and always
//! dropped. The shadow database of `baseline`/`diff` and the database `schemac test`
//! runs in are both one of these. Where the server refuses to create one, a private
//! cluster of the same major version (`cluster.rs`) is started instead.

use super::connect::Target;
use super::runner::{exec_all, RunError};
use super::script::segments;
use postgres::Client;

/// Creates a database on the server of `server_url`, runs `prelude` (plain SQL) and
/// `scripts` (label, text in the migration-file format) in it, calls `use_it`, and
/// drops the database again, whatever happened.
pub fn with_scratch_database<T>(
    server_url: &str,
    purpose: &str,
    prelude: &str,
    scripts: &[(String, &str)],
    use_it: impl FnOnce(&mut Client) -> Result<T, RunError>,
) -> Result<T, RunError> {
    let target = Target::parse(server_url)
        .map_err(|e| RunError::Db(format!("the server URL for the {purpose}: {e}")))?;
    let name = format!(
        "schemac_scratch_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos())
    );
    let mut admin = target.connect().map_err(RunError::Db)?;
    if let Err(e) = admin.batch_execute(&format!("CREATE DATABASE \"{name}\"")) {
        // Not allowed here: a private cluster of the same major version will do.
        if e.code() != Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
            return Err(RunError::Db(format!(
                "cannot create a throwaway database for the {purpose}: {}",
                super::connect::describe(&e)
            )));
        }
        let major = crate::introspect::server_major(&mut admin)?;
        let cluster = super::cluster::LocalCluster::start(major).map_err(|why| {
            RunError::Db(format!(
                "cannot create a throwaway database for the {purpose} on {} (no CREATEDB), and {why}; grant CREATEDB or pass --dev-url",
                target.display
            ))
        })?;
        return with_scratch_database(&cluster.url(), purpose, prelude, scripts, use_it);
    }
    let result = (|| -> Result<T, RunError> {
        let mut db = target.with_dbname(&name).connect().map_err(RunError::Db)?;
        exec_all(&mut db, prelude, &format!("prelude ({purpose})"))?;
        for (label, text) in scripts {
            // As the runner runs them: a transactional part in a transaction (a
            // `LOCK TABLE` needs one), the rest on its own.
            for seg in segments(text) {
                let label = format!("{label} ({purpose})");
                if seg.transactional {
                    let mut tx = db.transaction()?;
                    exec_all(&mut tx, &seg.sql, &label)?;
                    tx.commit()?;
                } else {
                    exec_all(&mut db, &seg.sql, &label)?;
                }
            }
        }
        use_it(&mut db)
    })();
    let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
    result
}
