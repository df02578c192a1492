//! `schemac prelude --apply`: installs a project's prelude (the shim of what a platform
//! such as Supabase provides: `auth.uid()`, `auth.users`, the API roles) into a local or
//! test database, in one transaction. A real Supabase database has its own, locked
//! down; installing the shim there would shadow them, so it is detected and refused
//! before anything is written.

use super::connect::{connect, redact};
use super::runner::{exec_all, RunError};

/// True on a Supabase database: its admin role, or its webhook schema, exists. The
/// prelude's own guard checks the same, so piping it into psql refuses too.
pub const SUPABASE_PROBE: &str =
    "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'supabase_admin') \
     OR EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'supabase_functions')";

/// Installs `prelude` into the database at `url`; with `refuse_supabase`, stops first
/// when the database is a Supabase one. Every statement or none is applied.
pub fn install(url: &str, prelude: &str, refuse_supabase: bool) -> Result<(), RunError> {
    let mut client = connect(url).map_err(RunError::Db)?;
    if refuse_supabase {
        let row = client.query_one(SUPABASE_PROBE, &[])?;
        if row.get::<_, bool>(0) {
            return Err(RunError::Refused(format!(
                "{} is a Supabase database, which provides auth.*, the API roles and their grants itself; the prelude is for plain PostgreSQL (tests, local databases) and was not installed",
                redact(url)
            )));
        }
    }
    let mut tx = client.transaction()?;
    exec_all(&mut tx, prelude, "prelude")?;
    tx.commit()?;
    Ok(())
}
