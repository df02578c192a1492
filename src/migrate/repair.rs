//! `schemac repair`: re-records the checksum of applied migrations whose up.sql changed
//! since they ran, when the change is one `build` made (the file matches manifest.json,
//! as after a schemac upgrade rewrote a project's history). The caller checks the
//! manifest first, so a file edited by hand is never blessed. Each re-recorded checksum
//! is logged in `schemac.repairs` (who, when, old and new), in the transaction that
//! changes it, under the advisory lock every run takes.

use super::outcome::{Options, RunError};
use super::plan::Applied;
use super::runner::{ensure_tracking, take_lock};
use crate::project::history::{checksum, MigrationFiles};
use postgres::Client;
use serde::Serialize;

/// An applied migration whose file no longer has the recorded checksum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repair {
    /// Version.
    pub version: String,
    /// Name.
    pub name: String,
    /// The checksum `schemac.migrations` has.
    pub recorded: String,
    /// The checksum of the file now.
    pub file: String,
}

/// The applied migrations whose up.sql differs from what was recorded (pure).
pub fn candidates(files: &[MigrationFiles], applied: &[Applied]) -> Vec<Repair> {
    files
        .iter()
        .filter_map(|f| {
            let row = applied.iter().find(|a| a.version == f.version)?;
            let now = checksum(&f.up);
            (row.checksum != now).then(|| Repair {
                version: f.version.clone(),
                name: f.name.clone(),
                recorded: row.checksum.clone(),
                file: now,
            })
        })
        .collect()
}

/// Records the new checksums, each only if the row still has the old one (a concurrent
/// repair or migrate changes nothing twice): all or nothing.
pub fn record(
    client: &mut Client,
    project: &str,
    repairs: &[Repair],
    o: &Options,
) -> Result<(), RunError> {
    ensure_tracking(client, o)?;
    let mut tx = client.transaction()?;
    take_lock(&mut tx, o, true)?;
    for r in repairs {
        let n = tx.execute(
            "UPDATE schemac.migrations SET checksum = $4 WHERE project = $1 AND version = $2 AND checksum = $3",
            &[&project, &r.version, &r.recorded, &r.file],
        )?;
        if n != 1 {
            return Err(RunError::Integrity(vec![format!(
                "migration {}_{}: its recorded checksum changed while repairing; nothing was recorded, run repair again",
                r.version, r.name
            )]));
        }
        tx.execute(
            "INSERT INTO schemac.repairs (project, version, old_checksum, new_checksum) VALUES ($1, $2, $3, $4)",
            &[&project, &r.version, &r.recorded, &r.file],
        )?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(version: &str, up: &str) -> MigrationFiles {
        MigrationFiles {
            version: version.into(),
            name: "m".into(),
            dir: std::path::PathBuf::new(),
            up: up.into(),
            down: String::new(),
        }
    }

    fn row(version: &str, up: &str) -> Applied {
        Applied {
            version: version.into(),
            name: "m".into(),
            checksum: checksum(up),
            applied_at: String::new(),
            execution_ms: 0,
            applied_by: String::new(),
        }
    }

    #[test]
    fn only_applied_migrations_whose_file_changed_are_candidates() {
        let files = [
            file("0001", "new"),
            file("0002", "same"),
            file("0003", "pending"),
        ];
        let applied = [row("0001", "old"), row("0002", "same")];
        let c = candidates(&files, &applied);
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].version.as_str(), &c[0].recorded, &c[0].file),
            ("0001", &checksum("old"), &checksum("new"))
        );
    }
}
