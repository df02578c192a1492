//! `schemac pull --live URL --out DIR`: write a schema project from a live database,
//! so a team can adopt schemac on the database it already has.

use super::{ExitStatus, Format, Output};
use crate::introspect::inventory::{self, Unexpressible};
use crate::introspect::model;
use crate::migrate::connect::{redact, Target};
use crate::pull::{project_files, PullOptions, SUPABASE_SCHEMAS};
use std::path::{Path, PathBuf};

/// Arguments of `schemac pull`.
#[derive(Debug, clap::Args)]
pub struct PullArgs {
    /// Database URL (postgres://…); defaults to $DATABASE_URL.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub live: Option<String>,
    /// Directory to write the project into (created; must not hold a schemac.toml).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Project name (default: the database's name).
    #[arg(long)]
    pub name: Option<String>,
    /// `supabase` to leave Supabase's own schemas out and use its preset; `none` to
    /// pull every schema (default: `supabase` when the database has `auth` and the API roles).
    #[arg(long)]
    pub preset: Option<String>,
}

pub(super) fn run(dir: &Path, args: PullArgs, out: &mut Output) -> ExitStatus {
    let Some(url) = args.live.as_deref() else {
        out.error("no database: pass --live URL or set DATABASE_URL");
        return ExitStatus::Error;
    };
    let target_dir = dir.join(&args.out);
    if target_dir
        .join(crate::project::config::CONFIG_FILE)
        .exists()
    {
        out.error(&format!(
            "{} already holds a schemac.toml; pull writes a new project (choose another --out)",
            target_dir.display()
        ));
        return ExitStatus::Error;
    }
    let target = match Target::parse(url) {
        Ok(t) => t,
        Err(e) => {
            out.error(&e);
            return ExitStatus::Error;
        }
    };
    out.status(&format!("pull: reading {}", redact(url)));
    let mut client = match target.connect() {
        Ok(c) => c,
        Err(e) => {
            out.error(&e);
            return ExitStatus::Error;
        }
    };
    let supabase = match args.preset.as_deref() {
        Some("supabase") => true,
        Some("none") => false,
        Some(other) => {
            out.error(&format!("unknown preset `{other}` (known: supabase, none)"));
            return ExitStatus::Error;
        }
        None => model::looks_like_supabase(&mut client).unwrap_or(false),
    };
    let skip: Vec<&str> = if supabase {
        SUPABASE_SCHEMAS.to_vec()
    } else {
        Vec::new()
    };
    let skipped: Vec<String> = skip.iter().map(|s| s.to_string()).collect();
    let read = crate::introspect::server_major(&mut client).and_then(|major| {
        let present = model::schemas_present(&mut client, &skip)?;
        // Owners the model has are in `m` (pulled as `owner of … is …`); the others
        // (aggregates, …) are left out.
        let (m, unowned) = model::read_with_unowned(&mut client, &skipped)?;
        let mut left_out = inventory::read_qualified(&mut client, &skipped)?;
        left_out.extend(unowned.into_iter().map(|o| inventory::Unexpressible {
            kind: "owned by another role than the rest".into(),
            object: o.object,
            detail: o.owner,
        }));
        left_out.sort();
        Ok((major, present, m, left_out))
    });
    let (pg_major, present, schema, left_out) = match read {
        Ok(x) => x,
        Err(e) => {
            out.error(&format!(
                "cannot read {}: {}",
                redact(url),
                crate::migrate::connect::describe(&e)
            ));
            return ExitStatus::Error;
        }
    };
    let name = args
        .name
        .clone()
        .or_else(|| target.config.get_dbname().map(str::to_string))
        .unwrap_or_else(|| "pulled".to_string());
    let options = PullOptions {
        name,
        preset: supabase.then(|| "supabase".to_string()),
        extern_schemas: present,
        pg_major,
    };
    let files = project_files(&schema, &options);
    for (rel, text) in &files {
        let path = target_dir.join(rel);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| std::fs::write(&path, text));
        if let Err(e) = written {
            out.error(&format!("cannot write {}: {e}", path.display()));
            return ExitStatus::Error;
        }
    }
    let report = PullReport {
        directory: target_dir.display().to_string(),
        files: files.len(),
        tables: schema.tables.values().filter(|t| !t.external).count(),
        views: schema.views.len(),
        routines: schema.functions.len(),
        preset: supabase.then_some("supabase"),
        complete: left_out.is_empty(),
        left_out,
    };
    print_report(&report, out);
    if report.complete {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    }
}

/// What `pull` wrote, and what it could not express.
#[derive(Debug, serde::Serialize)]
struct PullReport {
    /// The project directory.
    directory: String,
    /// Files written.
    files: usize,
    /// Managed tables pulled.
    tables: usize,
    /// Views and materialized views pulled.
    views: usize,
    /// Functions and procedures pulled.
    routines: usize,
    /// The preset the project uses.
    preset: Option<&'static str>,
    /// True when every object and property of the database is in the project.
    complete: bool,
    /// What the project leaves out because schemac cannot express it yet.
    left_out: Vec<Unexpressible>,
}

fn print_report(r: &PullReport, out: &mut Output) {
    if out.format == Format::Json {
        out.report(r);
        return;
    }
    out.status(&format!(
        "pull: wrote {} file(s) to {} ({} tables, {} views, {} routines{})",
        r.files,
        r.directory,
        r.tables,
        r.views,
        r.routines,
        if r.preset.is_some() {
            ", supabase preset"
        } else {
            ""
        }
    ));
    if !r.complete {
        out.line(&format!(
            "pull: {} item(s) of the database cannot be expressed in schemac and were left out; `diff --live` reports them as drift until they are removed or schemac learns them:",
            r.left_out.len()
        ));
        for u in &r.left_out {
            out.line(&format!("  {}", u.describe()));
        }
    }
    out.status(&format!(
        "next: schemac -C {0} build, then schemac -C {0} baseline 0001 --live … to record that the database already has it",
        r.directory
    ));
}
