//! `schemac baseline VERSION`: adopt a database that schemac never migrated but whose
//! schema already equals migrations 1..VERSION, by recording them as applied. It is
//! checked first: the migrations are applied to a throwaway shadow database (on the
//! target's server, or `--shadow-url`), and the two schema fingerprints must be equal.

use super::runner::{ensure_tracking, take_lock, Options, Outcome, RunError};
use super::scratch::with_scratch_database;
use crate::introspect::{compare, fingerprint};
use crate::project::history::{checksum, MigrationFiles};
use postgres::Client;

/// What the baseline is checked against, and how to prepare it.
pub struct Shadow<'a> {
    /// URL of the server (or database) to create the shadow database on.
    pub server_url: &'a str,
    /// SQL that creates the project's extern objects (`schemac prelude`).
    pub prelude: &'a str,
    /// Schemas left out of the comparison (extern ones).
    pub skip_schemas: Vec<String>,
    /// The compared database's major version: the shadow server must have it, since
    /// what PostgreSQL makes of the same DDL differs between majors (18's named NOT
    /// NULL constraints, 17's MAINTAIN in ALL).
    pub major: u32,
}

/// Refuses a shadow database on another major than the compared database's.
fn same_major(db: &mut Client, shadow: &Shadow) -> Result<(), RunError> {
    let major = crate::introspect::server_major(db)?;
    if major == shadow.major {
        Ok(())
    } else {
        Err(RunError::Refused(format!(
            "the shadow server is PostgreSQL {major} and the database PostgreSQL {}: \
             what PostgreSQL makes of the same schema differs between majors, so they would \
             differ where nothing drifted; pass a --shadow-url of PostgreSQL {}",
            shadow.major, shadow.major
        )))
    }
}

/// Checks the target against migrations up to `version`, then records them.
pub fn baseline(
    client: &mut Client,
    project: &str,
    files: &[MigrationFiles],
    version: &str,
    shadow: &Shadow,
    o: &Options,
) -> Result<Vec<Outcome>, RunError> {
    if !files.iter().any(|f| f.version == version) {
        return Err(RunError::Refused(format!(
            "there is no migration {version}"
        )));
    }
    ensure_tracking(client, o)?;
    let recorded: i64 = client
        .query_one(
            "SELECT count(*) FROM schemac.migrations WHERE project = $1",
            &[&project],
        )?
        .get(0);
    if recorded > 0 {
        return Err(RunError::Refused(format!(
            "the database already has {recorded} migration(s) of {project} recorded; baseline is for a database schemac never migrated (use migrate or rollback)"
        )));
    }
    let chosen: Vec<&MigrationFiles> = files
        .iter()
        .filter(|f| f.version.as_str() <= version)
        .collect();
    let expected = shadow_fingerprint(shadow, &chosen)?;
    let actual = fingerprint(client, &shadow.skip_schemas)?;
    let (missing, extra) = compare(&expected, &actual);
    if !missing.is_empty() || !extra.is_empty() {
        let mut lines = vec![format!(
            "the database does not match migrations up to {version}: {} difference(s)",
            missing.len() + extra.len()
        )];
        lines.extend(
            missing
                .iter()
                .take(40)
                .map(|m| format!("  missing in the database: {m}")),
        );
        lines.extend(
            extra
                .iter()
                .take(40)
                .map(|m| format!("  only in the database:    {m}")),
        );
        lines.push(
            "fix the database (or choose the version it matches) and run baseline again"
                .to_string(),
        );
        return Err(RunError::Integrity(lines));
    }
    let mut tx = client.transaction()?;
    take_lock(&mut tx, o, true)?;
    let mut out = Vec::new();
    for m in chosen {
        tx.execute(
            "INSERT INTO schemac.migrations (project, version, name, checksum, execution_ms, applied_by) \
             VALUES ($1, $2, $3, $4, 0, current_user || ' (baseline)')",
            &[&project, &m.version, &m.name, &checksum(&m.up)],
        )?;
        out.push(Outcome {
            version: m.version.clone(),
            name: m.name.clone(),
            status: "recorded",
            ms: 0,
            resumed_after: 0,
            repaired: Vec::new(),
        });
    }
    tx.commit()?;
    Ok(out)
}

/// Differences between the database and the migrations it has applied: what the
/// applied migrations would have built but the database lacks, and the reverse.
pub fn drift(
    client: &mut Client,
    applied: &[&MigrationFiles],
    shadow: &Shadow,
) -> Result<(Vec<String>, Vec<String>), RunError> {
    let expected = shadow_fingerprint(shadow, applied)?;
    let actual = fingerprint(client, &shadow.skip_schemas)?;
    Ok(compare(&expected, &actual))
}

/// The fingerprint of a shadow database built by running `scripts` (label, text in
/// the migration-file format) after the prelude.
pub fn fingerprint_of_scripts(
    shadow: &Shadow,
    scripts: &[(String, String)],
) -> Result<std::collections::BTreeSet<String>, RunError> {
    let files: Vec<MigrationFiles> = scripts
        .iter()
        .map(|(label, text)| MigrationFiles {
            version: String::new(),
            name: label.clone(),
            dir: std::path::PathBuf::new(),
            up: text.clone(),
            down: String::new(),
        })
        .collect();
    let refs: Vec<&MigrationFiles> = files.iter().collect();
    shadow_fingerprint(shadow, &refs)
}

/// Builds a shadow database from scripts, reads its fingerprint and its model (see
/// [`crate::introspect::model`]), and drops it.
pub fn shadow_state(
    shadow: &Shadow,
    scripts: &[(String, String)],
) -> Result<(std::collections::BTreeSet<String>, crate::model::Schema), RunError> {
    let scripts: Vec<(String, &str)> = scripts
        .iter()
        .map(|(label, text)| (label.clone(), text.as_str()))
        .collect();
    with_scratch_database(
        shadow.server_url,
        "shadow database",
        shadow.prelude,
        &scripts,
        |db| {
            same_major(db, shadow)?;
            let facts = fingerprint(db, &shadow.skip_schemas)?;
            let model = crate::introspect::model::read(db, &shadow.skip_schemas)?;
            Ok((facts, model))
        },
    )
}

/// Builds a shadow database from the migrations, fingerprints it, and drops it.
fn shadow_fingerprint(
    shadow: &Shadow,
    chosen: &[&MigrationFiles],
) -> Result<std::collections::BTreeSet<String>, RunError> {
    let scripts: Vec<(String, &str)> = chosen
        .iter()
        .map(|m| (format!("{}_{}", m.version, m.name), m.up.as_str()))
        .collect();
    let purpose = "shadow database";
    with_scratch_database(shadow.server_url, purpose, shadow.prelude, &scripts, |db| {
        same_major(db, shadow)?;
        Ok(fingerprint(db, &shadow.skip_schemas)?)
    })
}
