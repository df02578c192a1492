//! What earlier builds committed: the migrations directory, the checksum manifest and
//! the recorded state (the schema as of the last migration).

use crate::model::Schema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// File names inside a project's output directory.
pub const STATE_FILE: &str = "state.json";
/// The manifest of migration checksums.
pub const MANIFEST_FILE: &str = "manifest.json";
/// The migrations directory.
pub const MIGRATIONS_DIR: &str = "migrations";
/// The state before the newest migration, which `build --amend` regenerates it from.
pub const PREVIOUS_FILE: &str = "previous.json";

/// The checksum manifest: one entry per migration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Migrations in version order.
    pub migrations: Vec<ManifestEntry>,
}

/// One migration's recorded checksums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// Version, such as `0002`.
    pub version: String,
    /// Name, such as `add_task_fields`.
    pub name: String,
    /// SHA-256 of up.sql, hex.
    pub up: String,
    /// SHA-256 of down.sql, hex.
    pub down: String,
}

impl ManifestEntry {
    /// The directory name `NNNN_name`.
    pub fn dir_name(&self) -> String {
        format!("{}_{}", self.version, self.name)
    }
}

/// SHA-256 of text, hex encoded.
pub fn checksum(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A migration as found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationFiles {
    /// Version.
    pub version: String,
    /// Name.
    pub name: String,
    /// Directory.
    pub dir: PathBuf,
    /// up.sql text.
    pub up: String,
    /// down.sql text.
    pub down: String,
}

/// The committed history of one project.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Migrations on disk, in version order.
    pub migrations: Vec<MigrationFiles>,
    /// The manifest, if present.
    pub manifest: Option<Manifest>,
    /// The recorded state, if present.
    pub state: Option<Schema>,
    /// The state before the newest migration ([`PREVIOUS_FILE`]), if recorded.
    pub previous: Option<Schema>,
}

/// Problems with the committed history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryProblem {
    /// A file does not match its recorded checksum.
    Edited(String),
    /// A migration is on disk but not in the manifest, or the other way round.
    Unrecorded(String),
    /// The state file is missing or unreadable.
    BadState(String),
}

impl History {
    /// Reads the history of an output directory (absent directories are empty).
    pub fn read(output: &Path) -> std::io::Result<History> {
        let mut h = History::default();
        let dir = output.join(MIGRATIONS_DIR);
        if dir.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)?
                .map(|e| e.map(|e| e.path()))
                .collect::<Result<_, _>>()?;
            entries.sort();
            for path in entries.into_iter().filter(|p| p.is_dir()) {
                let file = path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .to_string();
                let (version, name) = file.split_once('_').unwrap_or((file.as_str(), ""));
                h.migrations.push(MigrationFiles {
                    version: version.to_string(),
                    name: name.to_string(),
                    up: std::fs::read_to_string(path.join("up.sql")).unwrap_or_default(),
                    down: std::fs::read_to_string(path.join("down.sql")).unwrap_or_default(),
                    dir: path,
                });
            }
        }
        let manifest = output.join(MANIFEST_FILE);
        if manifest.is_file() {
            let text = std::fs::read_to_string(&manifest)?;
            h.manifest = serde_json::from_str(&text).ok();
        }
        let state = output.join(STATE_FILE);
        if state.is_file() {
            let text = std::fs::read_to_string(&state)?;
            h.state = serde_json::from_str(&text).ok();
        }
        let previous = output.join(PREVIOUS_FILE);
        if previous.is_file() {
            let text = std::fs::read_to_string(&previous)?;
            h.previous = serde_json::from_str(&text).ok();
        }
        Ok(h)
    }

    /// The history as it was before its newest migration, and that migration: what
    /// `build --amend` builds on. Refused when there is no migration, or no state
    /// recorded from before it (a migration built by a schemac without `previous.json`).
    pub fn without_newest(&self) -> Result<(History, MigrationFiles), String> {
        let newest = self
            .migrations
            .last()
            .ok_or("there is no migration to amend")?
            .clone();
        let previous = self.previous.clone().ok_or_else(|| {
            format!(
                "{PREVIOUS_FILE} (the state before {}_{}) is missing: only a migration built by this version of schemac can be amended",
                newest.version, newest.name
            )
        })?;
        let mut manifest = self.manifest.clone().unwrap_or_default();
        manifest.migrations.retain(|e| e.version != newest.version);
        let before = History {
            migrations: self.migrations[..self.migrations.len() - 1].to_vec(),
            manifest: Some(manifest),
            state: Some(previous),
            previous: None,
        };
        Ok((before, newest))
    }

    /// Checks migration files against the manifest, and that a state exists.
    pub fn verify(&self) -> Vec<HistoryProblem> {
        let mut problems = Vec::new();
        if self.migrations.is_empty() {
            return problems;
        }
        let Some(manifest) = &self.manifest else {
            problems.push(HistoryProblem::Unrecorded(format!(
                "{MANIFEST_FILE} is missing or unreadable, but {} migration(s) exist",
                self.migrations.len()
            )));
            return problems;
        };
        for m in &self.migrations {
            let Some(entry) = manifest.migrations.iter().find(|e| e.version == m.version) else {
                problems.push(HistoryProblem::Unrecorded(format!(
                    "migration {}_{} is not recorded in {MANIFEST_FILE}",
                    m.version, m.name
                )));
                continue;
            };
            for (file, text, sum) in [
                ("up.sql", &m.up, &entry.up),
                ("down.sql", &m.down, &entry.down),
            ] {
                if &checksum(text) != sum {
                    problems.push(HistoryProblem::Edited(format!(
                        "{}/{file} was edited after it was generated (checksum {} recorded, {} found)",
                        entry.dir_name(),
                        &sum[..12.min(sum.len())],
                        &checksum(text)[..12]
                    )));
                }
            }
        }
        for e in &manifest.migrations {
            if !self.migrations.iter().any(|m| m.version == e.version) {
                problems.push(HistoryProblem::Unrecorded(format!(
                    "migration {} is recorded in {MANIFEST_FILE} but its directory is missing",
                    e.dir_name()
                )));
            }
        }
        if self.state.is_none() {
            problems.push(HistoryProblem::BadState(format!(
                "{STATE_FILE} is missing or unreadable; it records the schema as of the last migration"
            )));
        }
        problems
    }

    /// The next version number, zero-padded.
    pub fn next_version(&self) -> String {
        let last = self
            .migrations
            .iter()
            .filter_map(|m| m.version.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        format!("{:04}", last + 1)
    }
}
