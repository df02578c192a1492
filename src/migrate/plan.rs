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
    /// A run stopped after some of its parts committed (a migration with parts outside
    /// its main transaction: a concurrent index build, a VALIDATE): `migrate` resumes
    /// it at the part that failed. Not applied yet.
    Partial,
    /// Applied, and a rollback stopped after some of its parts committed: `rollback`
    /// resumes it.
    #[serde(rename = "partly-rolled-back")]
    PartlyRolledBack,
}

impl State {
    /// The state in words, as `status` prints it.
    pub fn label(self) -> &'static str {
        match self {
            State::Applied => "applied",
            State::Pending => "pending",
            State::Modified => "modified",
            State::Missing => "missing",
            State::Partial => "partial",
            State::PartlyRolledBack => "partly rolled back",
        }
    }
}

/// A migration whose run stopped part way (a row of `schemac.progress`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Version.
    pub version: String,
    /// Whether it was the rollback (down.sql) that stopped.
    pub down: bool,
    /// Checksum of the file that ran.
    pub checksum: String,
    /// How many of its parts committed.
    pub parts: i32,
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
    /// Parts committed by a run that stopped part way (see [`State::Partial`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parts_done: Option<i32>,
}

/// Files, applied rows and runs that stopped part way, side by side, in version order.
pub fn compare(files: &[MigrationFiles], applied: &[Applied], progress: &[Progress]) -> Vec<Entry> {
    let mut out = Vec::new();
    for f in files {
        let row = applied.iter().find(|a| a.version == f.version);
        let partial = progress.iter().find(|p| p.version == f.version);
        let state = match (row, partial) {
            (None, Some(p)) if !p.down && p.checksum == checksum(&f.up) => State::Partial,
            (None, Some(_)) => State::Modified,
            (None, None) => State::Pending,
            (Some(a), _) if a.checksum != checksum(&f.up) => State::Modified,
            (Some(_), Some(p)) if p.down => State::PartlyRolledBack,
            (Some(_), _) => State::Applied,
        };
        out.push(Entry {
            version: f.version.clone(),
            name: f.name.clone(),
            state,
            applied_at: row.map(|a| a.applied_at.clone()),
            parts_done: partial.map(|p| p.parts),
        });
    }
    for a in applied {
        if !files.iter().any(|f| f.version == a.version) {
            out.push(Entry {
                version: a.version.clone(),
                name: a.name.clone(),
                state: State::Missing,
                applied_at: Some(a.applied_at.clone()),
                parts_done: None,
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
        .filter(|e| {
            matches!(
                e.state,
                State::Applied | State::Modified | State::Missing | State::PartlyRolledBack
            )
        })
        .map(|e| e.version.as_str())
        .max();
    for e in entries {
        match e.state {
            State::Modified if e.applied_at.is_none() => problems.push(format!(
                "migration {}_{} was partly applied ({} parts committed), but its up.sql has changed since: \
                 restore the file from version control so that `migrate` can finish it.",
                e.version,
                e.name,
                e.parts_done.unwrap_or_default()
            )),
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
    fn runs_that_stopped_part_way_are_partial_until_finished() {
        let files = [file("0001", "a"), file("0002", "b"), file("0003", "c")];
        let applied = [row("0001", "a"), row("0002", "b")];
        let stopped = |v: &str, up: &str, down| Progress {
            version: v.into(),
            down,
            checksum: checksum(up),
            parts: 2,
        };
        let e = compare(&files, &applied, &[stopped("0003", "c", false)]);
        assert_eq!(e[2].state, State::Partial);
        assert_eq!(e[2].parts_done, Some(2));
        assert!(integrity_problems(&e).is_empty());
        let e = compare(&files, &applied, &[stopped("0003", "c-edited", false)]);
        assert_eq!(e[2].state, State::Modified);
        assert!(integrity_problems(&e)[0].contains("partly applied"));
        let e = compare(&files, &applied, &[stopped("0002", "b", true)]);
        assert_eq!(e[1].state, State::PartlyRolledBack);
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
        let e = compare(&files, &applied, &[]);
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
