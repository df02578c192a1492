//! The development-database marker behind `schemac dev`. `dev` rolls back and rewrites
//! migrations, so it runs only on a database someone marked with `schemac dev --mark`
//! (the table `schemac.development` exists). The table also remembers, per project, the
//! migration `dev` built there and may still rewrite (its work in progress): a
//! migration that came from elsewhere (a pull of the repository) is never rewritten.

use super::outcome::RunError;
use postgres::Client;

/// Marks the database as one for development.
pub fn mark(client: &mut Client) -> Result<(), RunError> {
    client.batch_execute(
        "CREATE SCHEMA IF NOT EXISTS schemac;
         CREATE TABLE IF NOT EXISTS schemac.development (
             project     text PRIMARY KEY,
             wip_version text,
             marked_by   text NOT NULL DEFAULT current_user,
             updated_at  timestamptz NOT NULL DEFAULT now()
         );",
    )?;
    Ok(())
}

/// Whether the database was marked for development.
pub fn is_marked(client: &mut Client) -> Result<bool, RunError> {
    Ok(client
        .query_one("SELECT to_regclass('schemac.development') IS NOT NULL", &[])?
        .get(0))
}

/// The migration `dev` built for `project` on this database and may rewrite.
pub fn wip(client: &mut Client, project: &str) -> Result<Option<String>, RunError> {
    Ok(client
        .query_opt(
            "SELECT wip_version FROM schemac.development WHERE project = $1",
            &[&project],
        )?
        .and_then(|r| r.get(0)))
}

/// Records `version` (None: nothing) as `project`'s work in progress.
pub fn set_wip(client: &mut Client, project: &str, version: Option<&str>) -> Result<(), RunError> {
    client.execute(
        "INSERT INTO schemac.development (project, wip_version) VALUES ($1, $2)
         ON CONFLICT (project) DO UPDATE SET wip_version = $2, updated_at = now()",
        &[&project, &version],
    )?;
    Ok(())
}
