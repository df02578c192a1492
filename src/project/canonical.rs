//! The canonical desired state of a project: what PostgreSQL makes of the declared
//! schema (its fingerprint and its model, read from a throwaway database), cached in
//! `<output>/canonical/pg<major>.json`. The key covers everything the declared schema
//! is built from (the sources, the preset, the recorded state that orders columns, and
//! the schemac binary itself), so a warm `diff --live` needs no throwaway database at all. The
//! cache may be committed (CI then diffs without creating databases) or ignored.

use super::config::Project;
use super::load::source_files;
use crate::model::Schema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// A cached canonical state.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Canonical {
    /// [`source_key`] of the project it was made from.
    pub key: String,
    /// PostgreSQL major version that made it.
    pub pg_major: u32,
    /// Schemas left out of comparisons (extern ones).
    pub skip_schemas: Vec<String>,
    /// The fingerprint (see [`crate::introspect::fingerprint`]).
    pub fingerprint: BTreeSet<String>,
    /// The model (see [`crate::introspect::model`]); kept in a file of its own and
    /// read only when asked for (`diff --format sql`).
    #[serde(skip)]
    pub model: Option<Schema>,
}

fn path(project: &Project, pg_major: u32) -> PathBuf {
    project
        .output
        .join("canonical")
        .join(format!("pg{pg_major}.json"))
}

fn model_path(project: &Project, pg_major: u32) -> PathBuf {
    path(project, pg_major).with_extension("model.json")
}

/// Writes `text` aside and renames it into place, so a concurrent reader never sees
/// half a file.
fn write_atomic(p: &std::path::Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = p.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = p.with_extension(format!("tmp.{}", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, p)
}

/// A digest of everything the declared schema is built from.
pub fn source_key(project: &Project) -> std::io::Result<String> {
    let mut h = Sha256::new();
    // The running binary (its version, size and build time): another schemac may read
    // the catalogs differently.
    h.update(env!("CARGO_PKG_VERSION"));
    if let Ok(meta) = std::env::current_exe().and_then(std::fs::metadata) {
        h.update(meta.len().to_le_bytes());
        let built = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        h.update(built.to_le_bytes());
    }
    h.update([0]);
    h.update(project.preset.as_deref().unwrap_or(""));
    h.update([0]);
    h.update(project.exclude_schemas.join(",").as_bytes());
    h.update([0]);
    for f in source_files(&project.source)? {
        let rel = f.strip_prefix(&project.source).unwrap_or(&f);
        h.update(rel.to_string_lossy().as_bytes());
        h.update([0]);
        h.update(std::fs::read(&f)?);
        h.update([0]);
    }
    if let Ok(state) = std::fs::read(project.output.join(super::history::STATE_FILE)) {
        h.update(state);
    }
    Ok(format!("{:x}", h.finalize()))
}

/// The cached state for this key and server version, if there is one; with
/// `with_model`, only if its model is cached too.
pub fn load(project: &Project, key: &str, pg_major: u32, with_model: bool) -> Option<Canonical> {
    let text = std::fs::read_to_string(path(project, pg_major)).ok()?;
    let mut c: Canonical = serde_json::from_str(&text).ok()?;
    if c.key != key || c.pg_major != pg_major {
        return None;
    }
    if with_model {
        let text = std::fs::read_to_string(model_path(project, pg_major)).ok()?;
        let (k, model): (String, Schema) = serde_json::from_str(&text).ok()?;
        if k != key {
            return None;
        }
        c.model = Some(model);
    }
    Some(c)
}

/// Caches a state (best effort: a read-only checkout simply stays cold).
pub fn save(project: &Project, c: &Canonical) -> std::io::Result<PathBuf> {
    if let Some(model) = &c.model {
        let text = serde_json::to_string(&(&c.key, model)).map_err(std::io::Error::other)?;
        write_atomic(&model_path(project, c.pg_major), &text)?;
    }
    let p = path(project, c.pg_major);
    let mut text = serde_json::to_string(c).map_err(std::io::Error::other)?;
    text.push('\n');
    write_atomic(&p, &text)?;
    Ok(p)
}
