//! `schemac diff --live URL`: how the database differs from the declared schema, and
//! from the migration history. The declared schema is built in a throwaway shadow
//! database and both are fingerprinted by PostgreSQL itself, so an unchanged object
//! never shows as drift, however PostgreSQL re-prints it. Never writes to the target.
//! `--format sql` prints the migration that reconciles it (see `reconcile.rs`).

use super::migrate::{prepare, shadow_inputs_of, DbArgs};
use super::{ExitStatus, Format, Output};
use crate::diff::align_columns;
use crate::introspect::drift::group;
use crate::introspect::{compare, fingerprint_with};
use crate::migrate::baseline::{shadow_state, Shadow};
use crate::migrate::plan::State;
use crate::migrate::runner;
use crate::project::canonical;
use crate::sql::create_all;
use std::path::Path;

/// Arguments of `schemac diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Server (URL) for the throwaway database the declared schema is built in
    /// (default: the target's server).
    #[arg(
        long,
        visible_alias = "dev-url",
        env = "SCHEMAC_DEV_URL",
        hide_env_values = true
    )]
    shadow_url: Option<String>,
    /// With `--format sql`: let the reconciling migration drop tables and columns that
    /// only the database has (their data is lost).
    #[arg(long)]
    allow_data_loss: bool,
    /// With `--format sql`: write the rollback of the reconciling migration here.
    #[arg(long, value_name = "FILE")]
    rollback: Option<std::path::PathBuf>,
    /// With `--format sql`: print the migration even when part of the drift cannot be
    /// expressed by one (its header lists what it leaves out); without it, such drift
    /// is refused (exit 2).
    #[arg(long)]
    partial: bool,
}

pub(super) fn run(dir: &Path, args: DiffArgs, out: &mut Output) -> ExitStatus {
    let Some(mut r) = prepare(dir, &args.db, out) else {
        return ExitStatus::Error;
    };
    let name = r.project.name.clone();
    let target = args.db.live.clone().unwrap_or_default();
    let pg_major = r.major;
    let key = canonical::source_key(&r.project).ok();
    let cached = key
        .as_deref()
        .and_then(|k| canonical::load(&r.project, k, pg_major, out.format == Format::Sql));
    let canon = match cached {
        Some(c) => {
            out.status(&format!(
                "{name}: declared schema unchanged; using its cached canonical state (PostgreSQL {pg_major})"
            ));
            c
        }
        None => {
            let Some(mut c) = build_canonical(&mut r, &args, &target, pg_major, out) else {
                return ExitStatus::Error;
            };
            if let Some(k) = key {
                c.key = k;
                if let Err(e) = canonical::save(&r.project, &c) {
                    out.status(&format!("{name}: could not cache the canonical state: {e}"));
                }
            }
            c
        }
    };
    let expected = &canon.fingerprint;
    // A second connection reads half the facts at the same time (best effort).
    let mut helper = crate::migrate::connect::connect(&target).ok();
    let actual = match fingerprint_with(&mut r.client, helper.as_mut(), &canon.skip_schemas) {
        Ok(f) => f,
        Err(e) => {
            out.error(&format!(
                "{name}: cannot read the database: {}",
                crate::migrate::connect::describe(&e)
            ));
            return ExitStatus::Error;
        }
    };
    let (missing, extra) = compare(expected, &actual);
    let drift = group(&missing, &extra);
    if out.format == Format::Sql {
        let Some(desired) = &canon.model else {
            out.error(&format!("{name}: the canonical model is missing"));
            return ExitStatus::Error;
        };
        // Owners the model has are in `live`; the rest are handed back apart.
        let read = crate::introspect::model::read_with_unowned(&mut r.client, &canon.skip_schemas);
        let (live, owners) = match read {
            Ok(m) => m,
            Err(e) => {
                out.error(&format!(
                    "{name}: cannot read the database: {}",
                    crate::migrate::connect::describe(&e)
                ));
                return ExitStatus::Error;
            }
        };
        let reconcile = super::reconcile::Reconcile {
            lock_timeout: r.project.lock_timeout.as_deref(),
            online: r.project.online,
            owners,
            project: &name,
            target: &crate::migrate::connect::redact(&target),
            allow_data_loss: args.allow_data_loss,
            rollback_file: args.rollback.as_deref(),
            drifted: drift.iter().map(|d| d.object.clone()).collect(),
            unexpressible: unexpressible_lines(&drift),
            partial: args.partial,
        };
        return super::reconcile::print(&reconcile, &live, desired, out);
    }
    let tracked = r
        .client
        .query_one("SELECT to_regclass('schemac.migrations') IS NOT NULL", &[])
        .map(|row| row.get::<_, bool>(0))
        .unwrap_or(false);
    let history = if tracked {
        match runner::status(&mut r.client, &name, &r.history.migrations) {
            Ok(e) => Some(e),
            Err(e) => {
                out.error(&format!("{name}: {e}"));
                return ExitStatus::Error;
            }
        }
    } else {
        None
    };
    let history_drift = history
        .as_ref()
        .is_some_and(|h| h.iter().any(|e| e.state != State::Applied));
    let clean = drift.is_empty() && !history_drift;
    if out.format == Format::Json {
        out.json(&serde_json::json!({
            "project": name,
            "drift": drift,
            "migrations": history,
            "note": if tracked { serde_json::Value::Null } else {
                serde_json::json!("the database has no schemac tracking table; migration history was not compared")
            },
        }));
    } else {
        if drift.is_empty() {
            out.line(&format!("{name}: no schema drift"));
        } else {
            out.line(&format!(
                "{name}: schema drift in {} object(s)",
                drift.len()
            ));
            if drift
                .iter()
                .any(|d| d.kind == "different" || d.kind == "unexpressible")
            {
                out.line("  (lines with - are as the project declares, lines with + as the database has)");
            }
            for d in &drift {
                let what = match d.kind {
                    "missing" => "missing in the database  ",
                    "extra" => "extra in the database    ",
                    "unexpressible" => "not expressible in schemac",
                    _ => "different                ",
                };
                out.line(&format!("  {what} {}", d.object));
                if d.kind == "different" || d.kind == "unexpressible" {
                    for l in d.diff.lines().filter(|l| {
                        l.starts_with(['-', '+']) && !l.starts_with("---") && !l.starts_with("+++")
                    }) {
                        out.line(&format!("      {l}"));
                    }
                }
            }
        }
        match &history {
            None => out.line(
                "migrations: the database has no schemac tracking table; history not compared",
            ),
            Some(h) => {
                for e in h.iter().filter(|e| e.state != State::Applied) {
                    let state = format!("{:?}", e.state).to_lowercase();
                    out.line(&format!("  migration {}_{}: {state}", e.version, e.name));
                }
                let applied = h.iter().filter(|e| e.state == State::Applied).count();
                out.line(&format!("migrations: {applied} of {} applied", h.len()));
            }
        }
    }
    if clean {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    }
}

/// The unexpressible drift items, one line each: the object and each side's value.
fn unexpressible_lines(drift: &[crate::introspect::drift::ObjectDrift]) -> Vec<String> {
    drift
        .iter()
        .filter(|d| d.kind == "unexpressible")
        .flat_map(|d| {
            d.diff
                .lines()
                .filter(|l| {
                    l.starts_with(['-', '+']) && !l.starts_with("---") && !l.starts_with("+++")
                })
                .map(|l| {
                    let side = if l.starts_with('-') {
                        "declared"
                    } else {
                        "database"
                    };
                    let fact = &l[1..];
                    let text = fact
                        .strip_prefix(crate::introspect::inventory::FACT_PREFIX)
                        .unwrap_or(fact);
                    format!("{side}: {text}")
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Builds the declared schema in a throwaway database and reads what PostgreSQL made of
/// it (the cold path of `diff --live`).
fn build_canonical(
    r: &mut super::migrate::Ready,
    args: &DiffArgs,
    target: &str,
    pg_major: u32,
    out: &mut Output,
) -> Option<canonical::Canonical> {
    let name = &r.project.name;
    let compiled = crate::project::load::compile_project(&r.project, &r.root);
    let Some(mut next) = compiled.schema.clone() else {
        out.diagnostics(&compiled.sources, &compiled.diagnostics.sorted());
        return None;
    };
    if let Some(state) = &r.history.state {
        align_columns(state, &mut next);
    }
    let declared = match create_all(&next) {
        Ok(script) => script,
        Err(e) => {
            out.error(&format!("{name}: cannot render the declared schema: {e:?}"));
            return None;
        }
    };
    let (prelude, skip_schemas) = shadow_inputs_of(&r.project, &compiled);
    let prelude = format!(
        "{}{prelude}",
        super::migrate::target_settings(&mut r.client, out)
    );
    let shadow = Shadow {
        server_url: args.shadow_url.as_deref().unwrap_or(target),
        prelude: &prelude,
        skip_schemas: skip_schemas.clone(),
        major: pg_major,
    };
    out.status(&format!(
        "{name}: building the declared schema in a throwaway database"
    ));
    match shadow_state(&shadow, &[("declared schema".to_string(), declared)]) {
        Ok((fingerprint, model)) => Some(canonical::Canonical {
            key: String::new(),
            pg_major,
            skip_schemas,
            fingerprint,
            model: Some(model),
        }),
        Err(e) => {
            out.error(&format!("{name}: {e}"));
            None
        }
    }
}
