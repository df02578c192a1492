//! `schemac dev`: the inner loop on a local database. Each run brings the database to
//! the sources: the first change builds a new migration and applies it; later changes
//! roll that migration back, build it again (`build --amend`) and apply it, so a feature
//! ends as one migration however many edits it took. Only on a database marked with
//! `schemac dev --mark`, and only the migration `dev` itself built there is rewritten.

use super::migrate::{edited_files, failed, prepare, DbArgs};
use super::{ExitStatus, Output};
use crate::migrate::{dev, runner};
use crate::project::build::{amend_build, plan_build, write_files, BuildOptions};
use crate::project::history::History;
use crate::project::load::compile_and_lint;
use std::path::Path;

/// Arguments of `schemac dev`.
#[derive(Debug, clap::Args)]
pub struct DevArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Mark the database as a development database (run once, on a local database).
    #[arg(long)]
    mark: bool,
    /// Name of the migration being developed (default: derived from its changes).
    #[arg(long)]
    name: Option<String>,
}

pub(super) fn run(dir: &Path, args: DevArgs, out: &mut Output) -> ExitStatus {
    let Some(mut r) = prepare(dir, &args.db, out) else {
        return ExitStatus::Error;
    };
    let name = r.project.name.clone();
    if args.mark {
        return match dev::mark(&mut r.client) {
            Ok(()) => {
                out.status(&format!("{name}: marked as a development database"));
                ExitStatus::Success
            }
            Err(e) => failed(out, &name, e),
        };
    }
    match dev::is_marked(&mut r.client) {
        Ok(true) => {}
        Ok(false) => {
            out.error(&format!(
                "{name}: this database is not marked as a development database; `schemac dev` rolls back and rewrites migrations, \
                 so it runs only where `schemac dev --mark` was run (never on a shared or production database)"
            ));
            return ExitStatus::Error;
        }
        Err(e) => return failed(out, &name, e),
    }
    if let Some(e) = edited_files(&r) {
        return failed(out, &name, e);
    }
    let (mut compiled, findings) = compile_and_lint(&r.project, &r.root);
    compiled.diagnostics.extend(findings);
    if compiled.diagnostics.has_errors() {
        out.diagnostics(&compiled.sources, &compiled.diagnostics.sorted());
        return ExitStatus::Error;
    }
    let options = BuildOptions {
        name: args.name.clone(),
        allow_data_loss: false,
        lock_timeout: r.project.lock_timeout.clone(),
        online: r.project.online,
        target: r.project.target,
    };
    let wip = match dev::wip(&mut r.client, &name) {
        Ok(w) => w,
        Err(e) => return failed(out, &name, e),
    };
    let fresh = match plan_build(&name, &r.project.output, &compiled, &r.history, &options) {
        Ok(b) => b,
        Err(d) => {
            out.diagnostics(&compiled.sources, &d);
            return ExitStatus::Error;
        }
    };
    // Sources changed since the last build, and the newest migration is the one `dev`
    // built here: it is rewritten rather than followed by another.
    let newest = r.history.migrations.last().cloned();
    let rewrite = newest.as_ref().filter(|m| {
        fresh.migration.is_some()
            && Some(&m.version) == wip.as_ref()
            && r.history.previous.is_some()
    });
    let built = if let Some(m) = rewrite {
        // Take the work in progress out of the database, then build it again.
        let before = r
            .history
            .migrations
            .iter()
            .rev()
            .nth(1)
            .map_or("0000".to_string(), |p| p.version.clone());
        let mut starting = |m: &crate::project::history::MigrationFiles| {
            out.status(&format!("{name}: rolling back {}_{} …", m.version, m.name));
        };
        let target = runner::Target::To(before);
        if let Err(e) = runner::rollback(
            &mut r.client,
            &name,
            &r.history.migrations,
            target,
            true,
            &r.options,
            &mut starting,
        ) {
            return failed(out, &name, e);
        }
        match amend_build(&name, &r.project.output, &compiled, &r.history, &options) {
            Ok((b, _)) => {
                out.status(&format!("{name}: rebuilt {}_{}", m.version, m.name));
                b
            }
            Err(d) => {
                out.diagnostics(&compiled.sources, &d);
                return ExitStatus::Error;
            }
        }
    } else {
        fresh
    };
    if let Some(m) = &built.migration {
        out.status(&format!("{name}: migration {}_{}", m.version, m.name));
        out.status(
            &m.steps
                .iter()
                .map(|s| format!("    {s}"))
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    if let Err(e) = write_files(&built) {
        out.error(&format!(
            "{name}: cannot write {}: {e}",
            r.project.output.display()
        ));
        return ExitStatus::Error;
    }
    let next_wip = match (&built.migration, rewrite) {
        (Some(m), _) => Some(m.version.clone()),
        (None, Some(_)) => None,
        (None, None) => wip,
    };
    if let Err(e) = dev::set_wip(&mut r.client, &name, next_wip.as_deref()) {
        return failed(out, &name, e);
    }
    let history = match History::read(&r.project.output) {
        Ok(h) => h,
        Err(e) => {
            out.error(&format!(
                "{name}: cannot read {}: {e}",
                r.project.output.display()
            ));
            return ExitStatus::Error;
        }
    };
    let mut starting = |m: &crate::project::history::MigrationFiles| {
        out.status(&format!("{name}: applying {}_{} …", m.version, m.name));
    };
    match runner::migrate(
        &mut r.client,
        &name,
        &history.migrations,
        None,
        &r.options,
        &mut starting,
    ) {
        Ok(done) if done.is_empty() => {
            out.status(&format!("{name}: the database matches the sources"));
            ExitStatus::Success
        }
        Ok(done) => {
            super::migrate::report(out, &name, &done, "apply");
            ExitStatus::Success
        }
        Err(e) => failed(out, &name, e),
    }
}
