//! What `migrate`, `rollback` and `status` compare: the migration files of a project
//! and the rows of the tracking table. Pure logic, no database.

use crate::project::history::{checksum, MigrationFiles};
use serde::Serialize;

/// One row of `schemac.migrations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Applied {
    /// Version.
    pub version: String,
    /// Name.
    pub name: String,
    /// Checksum of up.sql when it was applied.
    pub checksum: String,
    /// When, as text.
    pub applied_at: String,
    /// How long it took.
    pub execution_ms: i64,
    /// Who applied it.
    pub applied_by: String,
}

/// The state of one migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Applied, and the file is unchanged.
    Applied,
    /// In the files, not applied.
    Pending,
    /// Applied, but the file changed since.
    Modified,
    /// Applied, but no longer in the files.
    Missing,
}

/// A migration with its state.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Version.
    pub version: String,
    /// Name.
    pub name: String,
    /// State.
    pub state: State,
    /// When it was applied.
    pub applied_at: Option<String>,
}

/// Files and applied rows side by side, in version order.
pub fn compare(files: &[MigrationFiles], applied: &[Applied]) -> Vec<Entry> {
    let mut out = Vec::new();
    for f in files {
        let row = applied.iter().find(|a| a.version == f.version);
        let state = match row {
            None => State::Pending,
            Some(a) if a.checksum != checksum(&f.up) => State::Modified,
            Some(_) => State::Applied,
        };
        out.push(Entry {
            version: f.version.clone(),
            name: f.name.clone(),
            state,
            applied_at: row.map(|a| a.applied_at.clone()),
        });
    }
    for a in applied {
        if !files.iter().any(|f| f.version == a.version) {
            out.push(Entry {
                version: a.version.clone(),
                name: a.name.clone(),
                state: State::Missing,
                applied_at: Some(a.applied_at.clone()),
            });
        }
    }
    out.sort_by(|a, b| a.version.cmp(&b.version));
    out
}

/// Why migrations cannot be applied as they are.
pub fn integrity_problems(entries: &[Entry]) -> Vec<String> {
    let mut problems = Vec::new();
    let last_applied = entries
        .iter()
        .filter(|e| matches!(e.state, State::Applied | State::Modified | State::Missing))
        .map(|e| e.version.as_str())
        .max();
    for e in entries {
        match e.state {
            State::Modified => problems.push(format!(
                "migration {}_{} was applied, but its up.sql has changed since: applied migrations are immutable. \
                 Restore the file from version control (git log -- generated/) and make the change in a new migration.",
                e.version, e.name
            )),
            State::Missing => problems.push(format!(
                "migration {}_{} is recorded as applied, but its files are gone. Restore them from version control; \
                 if it was undone by hand, delete its row from schemac.migrations.",
                e.version, e.name
            )),
            State::Pending if last_applied.is_some_and(|l| e.version.as_str() < l) => problems.push(format!(
                "migration {}_{} is pending but comes before the last applied migration ({}): it was inserted out of order. \
                 Renumber it after the last applied one (or roll back to before it first).",
                e.version,
                e.name,
                last_applied.unwrap_or_default()
            )),
            _ => {}
        }
    }
    problems
}

/// True when a down script says it deletes data or cannot restore it.
pub fn down_loses_data(down: &str) -> bool {
    down.lines().take_while(|l| l.starts_with("--")).any(|l| {
        l.starts_with("-- Hazards:") && (l.contains("deletes-data") || l.contains("irreversible"))
    }) || down.contains("is not restored")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(v: &str, up: &str) -> MigrationFiles {
        MigrationFiles {
            version: v.into(),
            name: format!("m{v}"),
            dir: PathBuf::new(),
            up: up.into(),
            down: String::new(),
        }
    }

    fn row(v: &str, up: &str) -> Applied {
        Applied {
            version: v.into(),
            name: format!("m{v}"),
            checksum: checksum(up),
            applied_at: "t".into(),
            execution_ms: 1,
            applied_by: "me".into(),
        }
    }

    #[test]
    fn detects_modified_missing_and_out_of_order_migrations() {
        let files = [
            file("0001", "a"),
            file("0002", "b-edited"),
            file("0003", "c"),
            file("0005", "e"),
        ];
        let applied = [row("0001", "a"), row("0002", "b"), row("0004", "d")];
        let e = compare(&files, &applied);
        let states: Vec<(&str, State)> = e.iter().map(|e| (e.version.as_str(), e.state)).collect();
        assert_eq!(
            states,
            vec![
                ("0001", State::Applied),
                ("0002", State::Modified),
                ("0003", State::Pending),
                ("0004", State::Missing),
                ("0005", State::Pending)
            ]
        );
        let p = integrity_problems(&e);
        assert_eq!(p.len(), 3, "{p:#?}");
        assert!(
            p[0].contains("0002")
                && p[1].contains("0003")
                && p[1].contains("out of order")
                && p[2].contains("0004")
        );
    }
}
