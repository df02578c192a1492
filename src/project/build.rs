//! `schemac build` for one project: the files generated/ should hold, computed in
//! memory, so that `--check` can compare them with disk and a build can write them.

use super::history::{
    checksum, History, HistoryProblem, Manifest, ManifestEntry, MANIFEST_FILE, MIGRATIONS_DIR,
    PREVIOUS_FILE, STATE_FILE,
};
use super::load::{cycle_diagnostic, Compiled};
use super::summary::{auto_name, describe, hazard_list, sanitize, step_lines};
use crate::diagnostics::{Code, Diagnostic};
use crate::diff::{
    aligned_columns, diff_ordered, diff_renamed, DiffError, Hazard, Ordered, Plan, Step,
    TableChange,
};
use crate::graph::ObjectKey;
use crate::model::Schema;
use crate::sql::{render, render_rls};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Options of a build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Name for a new migration (default: derived from its changes).
    pub name: Option<String>,
    /// Allow steps that delete data (dropped tables and columns).
    pub allow_data_loss: bool,
    /// `lock_timeout` written into each new migration (`5s`), or none.
    pub lock_timeout: Option<String>,
    /// Use online forms in the new migration and its rollback ([`crate::diff::online`]).
    pub online: bool,
    /// The PostgreSQL majors the migration must run on: steps only some of them need
    /// are left out or guarded ([`crate::diff::Plan::for_target`]).
    pub target: crate::model::Target,
}

impl Default for BuildOptions {
    /// A derived name, no data loss, no lock timeout, online forms (as a project
    /// without settings).
    fn default() -> Self {
        BuildOptions {
            name: None,
            allow_data_loss: false,
            lock_timeout: None,
            online: true,
            target: crate::model::Target::default(),
        }
    }
}

/// A new migration a build creates.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewMigration {
    /// Version, such as `0003`.
    pub version: String,
    /// Name.
    pub name: String,
    /// Hazards of its up script.
    pub hazards: Vec<Hazard>,
    /// One line per step of its up script.
    pub steps: Vec<String>,
}

/// Everything a build of one project produces.
#[derive(Debug, Clone)]
pub struct BuildOutput {
    /// Project name.
    pub project: String,
    /// Output files by path (absolute), with their contents.
    pub files: BTreeMap<PathBuf, String>,
    /// The migration this build adds, if the schema changed.
    pub migration: Option<NewMigration>,
    /// Steps of that migration that fail or block on tables with rows (D005).
    pub warnings: Vec<Diagnostic>,
    /// Files and directories to delete (an amended migration's old directory).
    pub removed: Vec<PathBuf>,
}

/// Computes a build. Errors are diagnostics (codes D00x, G001).
pub fn plan_build(
    project: &str,
    output: &Path,
    compiled: &Compiled,
    history: &History,
    options: &BuildOptions,
) -> Result<BuildOutput, Vec<Diagnostic>> {
    let declared = compiled
        .schema
        .as_ref()
        .expect("build runs on a checked schema");
    let problems = history.verify();
    if !problems.is_empty() {
        return Err(problems.into_iter().map(history_diagnostic).collect());
    }
    let prev = history.state.clone().unwrap_or_default();
    let next = aligned_columns(&prev, declared);
    let next: &Schema = &next;
    let to_diag = |errors| diff_diagnostics(errors, compiled);
    let empty = Schema::empty();
    let (o_prev, o_next, o_empty) = (
        Ordered::new(&prev).map_err(to_diag)?,
        match &compiled.graph {
            // Aligning columns changes no dependency, so compiling's graph still holds.
            Some(g) => Ordered::with_graph(next, g, &compiled.order),
            None => Ordered::new(next).map_err(to_diag)?,
        },
        Ordered::new(&empty).map_err(to_diag)?,
    );
    // state.json and rls.sql need only the final schema: a second core writes them
    // while this one diffs and renders the SQL.
    let (side, sql) = std::thread::scope(|scope| {
        let side = scope.spawn(|| {
            let mut state = serde_json::to_string_pretty(next).expect("the model serializes");
            state.push('\n');
            (state, rls_file(project, next, &compiled.order))
        });
        let sql = sql_files(
            (project, output, options),
            compiled,
            history,
            (&prev, next),
            (&o_prev, &o_next, &o_empty),
        );
        let side = side.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        (side, sql)
    });
    let SqlFiles {
        mut files,
        manifest,
        migration,
        warnings,
    } = sql?;
    let (state, rls) = side;
    files.insert(output.join("rls.sql"), rls);
    files.insert(output.join(STATE_FILE), state);
    let mut m = serde_json::to_string_pretty(&manifest).expect("the manifest serializes");
    m.push('\n');
    files.insert(output.join(MANIFEST_FILE), m);
    if migration.is_some() {
        // What `build --amend` regenerates the new migration from.
        let mut before = serde_json::to_string_pretty(&prev).expect("the model serializes");
        before.push('\n');
        files.insert(output.join(PREVIOUS_FILE), before);
    }
    Ok(BuildOutput {
        project: project.to_string(),
        files,
        migration,
        warnings,
        removed: Vec::new(),
    })
}

/// The SQL a build writes: the new migration (if any) and schema.sql.
struct SqlFiles {
    files: BTreeMap<PathBuf, String>,
    manifest: Manifest,
    migration: Option<NewMigration>,
    warnings: Vec<Diagnostic>,
}

fn sql_files(
    (project, output, options): (&str, &Path, &BuildOptions),
    compiled: &Compiled,
    history: &History,
    (prev, next): (&Schema, &Schema),
    (o_prev, o_next, o_empty): (&Ordered, &Ordered, &Ordered),
) -> Result<SqlFiles, Vec<Diagnostic>> {
    let to_diag = |errors| diff_diagnostics(errors, compiled);
    let up = diff_renamed(o_prev, o_next, &compiled.renames).map_err(to_diag)?;
    let mut files = BTreeMap::new();
    let mut manifest = history.manifest.clone().unwrap_or_default();
    let mut migration = None;
    let mut warnings = Vec::new();
    // From the empty state, the first migration is the whole schema: render it once.
    let mut first_script = None;
    if !up.is_empty() {
        if !options.allow_data_loss {
            let loss = data_loss(&up, &compiled.allowances);
            if !loss.is_empty() {
                return Err(loss);
            }
        }
        let mut down =
            diff_renamed(o_next, o_prev, &compiled.renames.inverted()).map_err(to_diag)?;
        let up = if options.online {
            down = crate::diff::online(down, next, prev);
            crate::diff::online(up, prev, next)
        } else {
            up
        };
        let (up, down) = (
            up.for_target(options.target),
            down.for_target(options.target),
        );
        warnings = super::risks::deploy_warnings(&up, prev, next);
        let version = history.next_version();
        let name = sanitize(options.name.as_deref().unwrap_or(&if prev.is_empty() {
            "initial".to_string()
        } else {
            auto_name(&up)
        }));
        let steps: Vec<String> = up.all().map(describe).collect();
        let hazards = up.hazards();
        let id = format!("{version}_{name}");
        let mut up_header = vec![
            format!("schemac migration {id} (up)"),
            "Generated by `schemac build`; do not edit: manifest.json records its checksum."
                .to_string(),
            format!("Hazards: {}", hazard_list(&hazards)),
        ];
        up_header.extend(step_lines(&up).map(|l| format!("  - {l}")));
        let down_header = vec![
            format!("schemac migration {id} (down)"),
            format!("Reverts {id}: returns the database to the schema before it."),
            format!("Hazards: {}", hazard_list(&down.hazards())),
        ];
        let up_script = render(&up, prev, next, false);
        let timeout = options.lock_timeout.as_deref();
        let up_sql = up_script.to_file_with(&up_header, timeout);
        let down_sql = render(&down, next, prev, true).to_file_with(&down_header, timeout);
        let dir = output.join(MIGRATIONS_DIR).join(&id);
        manifest.migrations.push(ManifestEntry {
            version: version.clone(),
            name: name.clone(),
            up: checksum(&up_sql),
            down: checksum(&down_sql),
        });
        files.insert(dir.join("up.sql"), up_sql);
        files.insert(dir.join("down.sql"), down_sql);
        if prev.is_empty() {
            first_script = Some(up_script);
        }
        migration = Some(NewMigration {
            version,
            name,
            hazards,
            steps,
        });
    }
    let full = match first_script {
        Some(script) => script,
        None => render(
            &diff_ordered(o_empty, o_next).map_err(to_diag)?,
            &Schema::empty(),
            next,
            false,
        ),
    };
    let header = vec![
        format!("schemac: the whole schema of project `{project}`, in dependency order."),
        "Runs on an empty database (after `schemac prelude`). Generated; do not edit.".to_string(),
    ];
    files.insert(output.join("schema.sql"), full.to_file(&header));
    Ok(SqlFiles {
        files,
        manifest,
        migration,
        warnings,
    })
}

/// Diff errors as diagnostics: a cycle, or a change no migration can express exactly.
fn diff_diagnostics(errors: Vec<DiffError>, compiled: &Compiled) -> Vec<Diagnostic> {
    errors
        .into_iter()
        .map(|e| match e {
            DiffError::Cycle(c) => cycle_diagnostic(&c.members, &compiled.origins),
            DiffError::Unsupported { key, message } => {
                let mut d = Diagnostic::global(Code::Unsupported, format!("cannot generate a migration: {message}"))
                    .with_note("schemac never emits a migration it cannot express exactly; split the change into steps it supports, or write this one by hand");
                if let Some(span) = compiled.origins.get(&key.origin_key()) {
                    d.labels.push(crate::diagnostics::Label { span: *span, message: "changed here".into(), primary: true });
                }
                d
            }
        })
        .collect()
}

fn rls_file(project: &str, schema: &Schema, order: &[ObjectKey]) -> String {
    let mut out = format!(
        "-- schemac: the access-control surface of project `{project}`: RLS flags, policies, grants.\n-- For review; schema.sql and the migrations already contain these statements.\n"
    );
    for s in render_rls(schema, order) {
        out.push('\n');
        out.push_str(&s);
        out.push('\n');
    }
    out
}

fn history_diagnostic(p: HistoryProblem) -> Diagnostic {
    match p {
        HistoryProblem::Edited(m) => Diagnostic::global(Code::EditedMigration, m).with_note(
            "help: generated migrations are immutable; restore the file from version control (git checkout), and change the schema instead",
        ),
        HistoryProblem::Unrecorded(m) => Diagnostic::global(Code::EditedMigration, m)
            .with_note("help: restore generated/ from version control; build only appends migrations"),
        HistoryProblem::BadState(m) => Diagnostic::global(Code::BadState, m)
            .with_note("help: restore it from version control; without it schemac cannot know what the migrations built"),
    }
}

/// D001 for every step that deletes data and is not allowed by `allow data loss`.
fn data_loss(plan: &Plan, allowed: &crate::model::Allowances) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for step in plan.all() {
        match step {
            Step::Drop(ObjectKey::Table(q)) if !allowed.tables.contains(q) => out.push((
                format!("drop table `{q}` and all its rows"),
                format!("allow data loss on table {q}"),
            )),
            Step::AlterTable { table, changes } => {
                for c in changes {
                    let allowed_col =
                        |col: &str| allowed.columns.iter().any(|(t, c)| t == table && c == col);
                    match c {
                        TableChange::DropColumn(col) if !allowed_col(col) => out.push((
                            format!("drop column `{table}.{col}` and its values"),
                            format!("allow data loss on column {table}.{col}"),
                        )),
                        TableChange::AlterType {
                            column, from, ty, ..
                        } if !allowed_col(column) => {
                            use crate::diff::casts::{effect, CastEffect};
                            let what = match effect(from, ty) {
                                CastEffect::Lossy => "rounds, truncates or reinterprets its values without an error",
                                CastEffect::MayFail => "fails on the first value that does not fit (nothing is lost, but the migration stops)",
                                CastEffect::Same | CastEffect::Lossless => continue,
                            };
                            out.push((
                                format!(
                                    "change `{table}.{column}` from {from} to {ty}, which {what}"
                                ),
                                format!("allow data loss on column {table}.{column}"),
                            ))
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    out.into_iter()
        .map(|(what, allowance)| {
            Diagnostic::global(Code::DataLoss, format!("the migration would {what}")).with_note(format!(
                "help: if this is intended, declare `{allowance}` in the schema (or run `schemac build --allow-data-loss` once); the rollback restores the structure, not the data"
            ))
        })
        .collect()
}

/// Builds again the newest migration of `history`, which must be applied nowhere: from
/// the state before it, with the sources as they are now. Its directory goes when the
/// new one is named otherwise or the schema is back where it was.
pub fn amend_build(
    project: &str,
    output: &Path,
    compiled: &Compiled,
    history: &History,
    options: &BuildOptions,
) -> Result<(BuildOutput, crate::project::history::MigrationFiles), Vec<Diagnostic>> {
    let (before, newest) = history
        .without_newest()
        .map_err(|e| vec![Diagnostic::global(Code::BadState, e)])?;
    let mut built = plan_build(project, output, compiled, &before, options)?;
    let replaced = built
        .migration
        .as_ref()
        .map(|m| format!("{}_{}", m.version, m.name));
    if replaced.as_deref() != newest.dir.file_name().and_then(|n| n.to_str()) {
        built.removed.push(newest.dir.clone());
    }
    if built.migration.is_none() {
        built.removed.push(output.join(PREVIOUS_FILE));
    }
    Ok((built, newest))
}

/// Output files whose disk contents differ from `output` (missing files included), and
/// files it removes that are still there.
pub fn stale_files(output: &BuildOutput) -> Vec<PathBuf> {
    let mut stale: Vec<PathBuf> = output
        .files
        .iter()
        .filter(|(path, text)| std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()))
        .map(|(p, _)| p.clone())
        .collect();
    stale.extend(output.removed.iter().filter(|p| p.exists()).cloned());
    stale
}

/// Writes the files that differ; returns them.
pub fn write_files(output: &BuildOutput) -> std::io::Result<Vec<PathBuf>> {
    let stale = stale_files(output);
    for path in &stale {
        match output.files.get(path) {
            Some(text) => {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                std::fs::write(path, text)?;
            }
            None if path.is_dir() => std::fs::remove_dir_all(path)?,
            None => std::fs::remove_file(path)?,
        }
    }
    Ok(stale)
}
