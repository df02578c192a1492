//! `schemac migrate`, `status` and `rollback`: the project's migrations against a live
//! database named by `--live URL` or `$DATABASE_URL`.

use super::{load_config, ExitStatus, Format, Output};
use crate::migrate::connect::{connect, redact};
use crate::migrate::plan::State;
use crate::migrate::runner::{self, Options, Outcome, RunError, Target};
use crate::project::config::{Config, Project};
use crate::project::history::History;
use std::path::Path;

/// Options shared by the commands that talk to a database.
#[derive(Debug, clap::Args)]
pub struct DbArgs {
    /// The project (required when several are configured).
    #[arg(long)]
    pub project: Option<String>,
    /// Database URL (postgres://…); defaults to $DATABASE_URL.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub live: Option<String>,
    /// lock_timeout for every transaction: 10s, 500ms, 2min, or 0 for none.
    #[arg(long, default_value = "10s", value_parser = parse_duration_ms)]
    pub lock_timeout: u64,
    /// statement_timeout for every transaction (0: none).
    #[arg(long, default_value = "0", value_parser = parse_duration_ms)]
    pub statement_timeout: u64,
    /// How long to wait for another schemac run to finish with the database: 30s,
    /// 5min, or 0 (the default) for as long as it takes.
    #[arg(long, default_value = "0", value_parser = parse_duration_ms)]
    pub lock_wait: u64,
}

fn parse_duration_ms(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a duration such as 10s or 500ms"))?;
    Ok(match unit {
        "" | "ms" => n,
        "s" => n * 1000,
        "min" | "m" => n * 60_000,
        _ => return Err(format!("unknown unit in `{s}` (use ms, s or min)")),
    })
}

/// Arguments of `schemac migrate`.
#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Print what would run, and run nothing.
    #[arg(long)]
    dry_run: bool,
    /// Stop after this version.
    #[arg(long)]
    to: Option<String>,
}

/// Arguments of `schemac status`.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Also compare the database with what its applied migrations build (in a
    /// throwaway shadow database) and summarise the drift.
    #[arg(long)]
    drift: bool,
    /// Server (URL) for the shadow database (default: the target's server).
    #[arg(long)]
    shadow_url: Option<String>,
}

/// Arguments of `schemac rollback`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("how_far").required(true).args(["to", "steps"])))]
pub struct RollbackArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Roll back every migration after this version (0000: all of them).
    #[arg(long)]
    to: Option<String>,
    /// Roll back this many migrations.
    #[arg(long)]
    steps: Option<usize>,
    /// Confirm rolling back migrations whose down script deletes data or cannot restore it.
    #[arg(long)]
    allow_data_loss: bool,
    /// Print the down scripts that would run, newest first, and run nothing.
    #[arg(long)]
    dry_run: bool,
}

/// Arguments of `schemac baseline`.
#[derive(Debug, clap::Args)]
pub struct BaselineArgs {
    /// Record migrations up to and including this version as applied.
    version: String,
    #[command(flatten)]
    db: DbArgs,
    /// Server (URL) to build the shadow database on (default: the target's server).
    #[arg(long)]
    shadow_url: Option<String>,
}

pub(super) struct Ready {
    /// Directory holding `schemac.toml`.
    pub(super) root: std::path::PathBuf,
    pub(super) project: Project,
    pub(super) history: History,
    pub(super) client: postgres::Client,
    pub(super) options: Options,
    /// The server's major version, one the project targets.
    pub(super) major: u32,
}

/// Why a server of `major` is refused for `project`, if it is outside the project's
/// `postgres` target.
pub(super) fn outside_target(project: &Project, major: u32) -> Option<String> {
    (!project.target.contains(major)).then(|| {
        format!(
            "{}: the server is PostgreSQL {major}, and the project targets {} (`postgres` in schemac.toml); \
             what it declares is checked against that target, so nothing is run here",
            project.name, project.target
        )
    })
}

pub(super) fn prepare(dir: &Path, db: &DbArgs, out: &mut Output) -> Option<Ready> {
    let config: Config = load_config(dir, out)?;
    let project = match (db.project.as_deref(), config.projects.len()) {
        (None, 1) => config.projects[0].clone(),
        (None, _) => {
            let names: Vec<&str> = config.projects.iter().map(|p| p.name.as_str()).collect();
            out.error(&format!(
                "several projects are configured; name one with --project ({})",
                names.join(", ")
            ));
            return None;
        }
        (Some(n), _) => match config.select(Some(n)) {
            Ok(p) => p[0].clone(),
            Err(e) => {
                out.error(&e);
                return None;
            }
        },
    };
    let Some(url) = db.live.clone() else {
        out.error("no database: pass --live URL or set DATABASE_URL");
        return None;
    };
    let history = match History::read(&project.output) {
        Ok(h) => h,
        Err(e) => {
            out.error(&format!("cannot read {}: {e}", project.output.display()));
            return None;
        }
    };
    out.status(&format!("{}: connecting to {}", project.name, redact(&url)));
    let mut client = match connect(&url) {
        Ok(c) => c,
        Err(e) => {
            out.error(&e);
            return None;
        }
    };
    let major = match crate::introspect::server_major(&mut client) {
        Ok(m) => m,
        Err(e) => {
            out.error(&format!(
                "{}: cannot read the server version: {e}",
                project.name
            ));
            return None;
        }
    };
    if let Some(why) = outside_target(&project, major) {
        out.error(&why);
        return None;
    }
    Some(Ready {
        major,
        root: config.root.clone(),
        project,
        history,
        client,
        options: Options {
            lock_timeout_ms: db.lock_timeout,
            statement_timeout_ms: db.statement_timeout,
            lock_wait_ms: db.lock_wait,
        },
    })
}

pub(super) fn report(out: &mut Output, project: &str, outcomes: &[Outcome], verb: &str) {
    if out.format == Format::Json {
        out.json(&serde_json::json!({ "project": project, "migrations": outcomes }));
        return;
    }
    if outcomes.is_empty() {
        out.status(&format!("{project}: nothing to {verb}"));
    }
    for o in outcomes {
        for index in &o.repaired {
            out.status(&format!(
                "{project}: dropped the invalid index {index} an interrupted concurrent build left, to build it again"
            ));
        }
        let resumed = if o.resumed_after > 0 {
            format!(", resumed after its first {} parts", o.resumed_after)
        } else {
            String::new()
        };
        out.status(&format!(
            "{project}: {} {}_{} ({} ms{resumed})",
            o.status, o.version, o.name, o.ms
        ));
    }
}

/// Migration files that differ from what `build` wrote (manifest.json's checksums,
/// D003): `migrate` and `rollback` run none of them, so an edited file is never applied
/// and recorded (after which restoring it from git would make every later run refuse).
pub(super) fn edited_files(r: &Ready) -> Option<RunError> {
    let edited: Vec<String> = r
        .history
        .verify()
        .into_iter()
        .filter_map(|p| match p {
            crate::project::history::HistoryProblem::Edited(m) => Some(m),
            _ => None,
        })
        .collect();
    (!edited.is_empty()).then(|| {
        let mut lines: Vec<String> = edited.into_iter().map(|m| format!("{m} (D003)")).collect();
        lines.push(
            "restore the files from version control (git checkout -- generated/), and make changes in the schema: `schemac build` writes a new migration".to_string(),
        );
        RunError::Integrity(lines)
    })
}

/// Prints what a `--dry-run` would run: each file's SQL, or in JSON the list under
/// `key`, each with its SQL under `field`; `verb` is what the run would do.
fn dry_run(
    out: &mut Output,
    name: &str,
    (verb, key, field): (&str, &str, &str),
    todo: &[&crate::project::history::MigrationFiles],
    sql: impl Fn(&crate::project::history::MigrationFiles) -> &String,
) -> ExitStatus {
    if out.format == Format::Json {
        let list: Vec<_> = todo
            .iter()
            .map(|m| serde_json::json!({"version": m.version, "name": m.name, field: sql(m)}))
            .collect();
        out.json(&serde_json::json!({ "project": name, "dry_run": true, key: list }));
    } else if todo.is_empty() {
        out.status(&format!("{name}: nothing to {verb}"));
    } else {
        for m in todo {
            out.line(&format!("-- would {verb} {}_{}", m.version, m.name));
            out.raw(sql(m));
        }
    }
    ExitStatus::Success
}

/// Says so when another schemac run holds the migration lock, and who it is, before
/// this run waits for it.
pub(super) fn announce_wait(r: &mut Ready, out: &mut Output) {
    if let Ok(Some(holder)) = runner::lock_holder(&mut r.client) {
        let bound = if r.options.lock_wait_ms == 0 {
            "until it finishes (--lock-wait bounds the wait)".to_string()
        } else {
            format!("at most {} ms (--lock-wait)", r.options.lock_wait_ms)
        };
        out.status(&format!(
            "{}: another schemac run holds the migration lock ({holder}); waiting {bound}",
            r.project.name
        ));
    }
}

/// Reports why a run stopped. Every stop exits 2, as `build` does when it refuses: a
/// refusal (edited or missing migrations, a rollback that loses data) is an error to
/// fix, not a finding; exit 1 is for what `status` and `diff` find.
pub(super) fn failed(out: &mut Output, project: &str, e: RunError) -> ExitStatus {
    out.error(&format!("{project}: {e}"));
    ExitStatus::Error
}

pub(super) fn run_migrate(dir: &Path, args: MigrateArgs, out: &mut Output) -> ExitStatus {
    let Some(mut r) = prepare(dir, &args.db, out) else {
        return ExitStatus::Error;
    };
    let name = r.project.name.clone();
    if let Some(e) = edited_files(&r) {
        return failed(out, &name, e);
    }
    if args.dry_run {
        return match runner::pending(
            &mut r.client,
            &name,
            &r.history.migrations,
            args.to.as_deref(),
        ) {
            Ok(todo) => dry_run(out, &name, ("apply", "pending", "up"), &todo, |m| &m.up),
            Err(e) => failed(out, &name, e),
        };
    }
    announce_wait(&mut r, out);
    let mut starting = |m: &crate::project::history::MigrationFiles| {
        out.status(&format!("{name}: applying {}_{} …", m.version, m.name));
    };
    let result = runner::migrate(
        &mut r.client,
        &name,
        &r.history.migrations,
        args.to.as_deref(),
        &r.options,
        &mut starting,
    );
    match result {
        Ok(outcomes) => {
            report(out, &name, &outcomes, "apply");
            ExitStatus::Success
        }
        Err(e) => failed(out, &name, e),
    }
}

pub(super) fn run_status(dir: &Path, args: StatusArgs, out: &mut Output) -> ExitStatus {
    let Some(mut r) = prepare(dir, &args.db, out) else {
        return ExitStatus::Error;
    };
    let name = r.project.name.clone();
    let entries = match runner::status(&mut r.client, &name, &r.history.migrations) {
        Ok(e) => e,
        Err(e) => return failed(out, &name, e),
    };
    let drift = if args.drift {
        match drift(&args, &mut r, &entries, out) {
            Some(d) => Some(d),
            None => return ExitStatus::Error,
        }
    } else {
        None
    };
    let clean = entries.iter().all(|e| e.state == State::Applied)
        && drift
            .as_ref()
            .is_none_or(|(m, e)| m.is_empty() && e.is_empty());
    if out.format == Format::Json {
        let drift = drift
            .as_ref()
            .map(|(m, e)| serde_json::json!({ "missing": m, "extra": e }));
        out.json(&serde_json::json!({
            "project": name, "up_to_date": clean, "migrations": entries, "drift": drift,
        }));
        return if clean {
            ExitStatus::Success
        } else {
            ExitStatus::Failure
        };
    }
    out.line(&format!(
        "{:<8} {:<40} {:<9} applied at",
        "version", "name", "state"
    ));
    for e in &entries {
        let state = match e.parts_done {
            Some(n) => format!("{} ({n} parts done)", e.state.label()),
            None => e.state.label().to_string(),
        };
        out.line(&format!(
            "{:<8} {:<40} {:<9} {}",
            e.version,
            e.name,
            state,
            e.applied_at.as_deref().unwrap_or("-")
        ));
    }
    if let Some((missing, extra)) = &drift {
        if missing.is_empty() && extra.is_empty() {
            out.line("drift: none (the database is exactly what its applied migrations build)");
        } else {
            out.line(&format!(
                "drift: {} difference(s)",
                missing.len() + extra.len()
            ));
            for m in missing {
                out.line(&format!("  missing in the database: {m}"));
            }
            for e in extra {
                out.line(&format!("  only in the database:    {e}"));
            }
        }
    }
    if clean {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    }
}

/// Facts missing in the database, and facts only in it.
type Drift = (Vec<String>, Vec<String>);

fn drift(
    args: &StatusArgs,
    r: &mut Ready,
    entries: &[crate::migrate::plan::Entry],
    out: &mut Output,
) -> Option<Drift> {
    let (prelude, skip_schemas) = shadow_inputs(&r.root, &r.project, out)?;
    let prelude = format!("{}{prelude}", target_settings(&mut r.client, out));
    let target = args.db.live.clone().unwrap_or_default();
    let shadow = crate::migrate::baseline::Shadow {
        server_url: args.shadow_url.as_deref().unwrap_or(&target),
        prelude: &prelude,
        skip_schemas,
        major: r.major,
    };
    let applied: Vec<&crate::project::history::MigrationFiles> = r
        .history
        .migrations
        .iter()
        .filter(|m| {
            entries
                .iter()
                .any(|e| e.version == m.version && e.state == State::Applied)
        })
        .collect();
    match crate::migrate::baseline::drift(&mut r.client, &applied, &shadow) {
        Ok(d) => Some(d),
        Err(e) => {
            out.error(&format!("{}: {e}", r.project.name));
            None
        }
    }
}

pub(super) fn run_rollback(dir: &Path, args: RollbackArgs, out: &mut Output) -> ExitStatus {
    let Some(mut r) = prepare(dir, &args.db, out) else {
        return ExitStatus::Error;
    };
    let name = r.project.name.clone();
    if let Some(e) = edited_files(&r) {
        return failed(out, &name, e);
    }
    let target = match (args.to, args.steps) {
        (Some(v), _) => Target::To(v),
        (None, Some(n)) => Target::Steps(n),
        (None, None) => unreachable!("clap requires --to or --steps"),
    };
    if args.dry_run {
        return match runner::to_roll_back(
            &mut r.client,
            &name,
            &r.history.migrations,
            &target,
            args.allow_data_loss,
        ) {
            Ok(todo) => dry_run(
                out,
                &name,
                ("roll back", "to_roll_back", "down"),
                &todo,
                |m| &m.down,
            ),
            Err(e) => failed(out, &name, e),
        };
    }
    announce_wait(&mut r, out);
    let mut starting = |m: &crate::project::history::MigrationFiles| {
        out.status(&format!("{name}: rolling back {}_{} …", m.version, m.name));
    };
    let result = runner::rollback(
        &mut r.client,
        &name,
        &r.history.migrations,
        target,
        args.allow_data_loss,
        &r.options,
        &mut starting,
    );
    match result {
        Ok(outcomes) => {
            report(out, &name, &outcomes, "roll back");
            ExitStatus::Success
        }
        Err(e) => failed(out, &name, e),
    }
}

pub(super) fn run_baseline(dir: &Path, args: BaselineArgs, out: &mut Output) -> ExitStatus {
    let Some(mut r) = prepare(dir, &args.db, out) else {
        return ExitStatus::Error;
    };
    let name = r.project.name.clone();
    let Some((prelude, skip_schemas)) = shadow_inputs(&r.root, &r.project, out) else {
        return ExitStatus::Error;
    };
    let prelude = format!("{}{prelude}", target_settings(&mut r.client, out));
    let target = args.db.live.clone().unwrap_or_default();
    let shadow = crate::migrate::baseline::Shadow {
        server_url: args.shadow_url.as_deref().unwrap_or(&target),
        prelude: &prelude,
        skip_schemas,
        major: r.major,
    };
    out.status(&format!(
        "{name}: checking the database against migrations up to {}",
        args.version
    ));
    match crate::migrate::baseline::baseline(
        &mut r.client,
        &name,
        &r.history.migrations,
        &args.version,
        &shadow,
        &r.options,
    ) {
        Ok(outcomes) => {
            report(out, &name, &outcomes, "record");
            ExitStatus::Success
        }
        Err(e) => failed(out, &name, e),
    }
}

/// What a shadow database of this project needs: the prelude that creates its extern
/// objects, and the extern schemas to leave out of the comparison.
pub(super) fn shadow_inputs(
    root: &Path,
    project: &Project,
    out: &mut Output,
) -> Option<(String, Vec<String>)> {
    let compiled = crate::project::load::compile_project(project, root);
    if compiled.diagnostics.has_errors() {
        out.diagnostics(&compiled.sources, &compiled.diagnostics.sorted());
        return None;
    }
    Some(shadow_inputs_of(project, &compiled))
}

/// SQL giving a throwaway database's session the target database's own settings
/// (`ALTER DATABASE … SET search_path …`), to run before the prelude.
pub(super) fn target_settings(client: &mut postgres::Client, out: &mut Output) -> String {
    match crate::introspect::database_settings(client) {
        Ok(settings) => crate::sql::session_settings(&settings),
        Err(e) => {
            out.status(&format!(
                "could not read the database's own settings (the throwaway database runs without them): {}",
                crate::migrate::connect::describe(&e)
            ));
            String::new()
        }
    }
}

/// The prelude and the schemas to leave out, for a compiled project.
pub(super) fn shadow_inputs_of(
    project: &Project,
    compiled: &crate::project::load::Compiled,
) -> (String, Vec<String>) {
    let prelude = crate::project::prelude::render_throwaway(
        &compiled.externs,
        project.preset.as_deref() == Some("supabase"),
    );
    let mut skip: Vec<String> = compiled
        .externs
        .schemas
        .iter()
        .filter(|s| *s != "public")
        .cloned()
        .collect();
    skip.extend(project.exclude_schemas.iter().cloned());
    skip.sort();
    skip.dedup();
    (prelude, skip)
}
