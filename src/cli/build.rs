//! `schemac build`: compile each project and bring its generated/ up to date.

use super::{ExitStatus, Format, Output};
use crate::diagnostics::{render, SourceMap};
use crate::project::build::{amend_build, plan_build, stale_files, write_files, BuildOptions};
use crate::project::config::Project;
use crate::project::history::History;
use crate::project::load::compile_and_lint;
use std::path::Path;

/// Arguments of `schemac build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Build only this project (default: all).
    #[arg(long)]
    pub project: Option<String>,
    /// Write nothing; exit 1 when generated/ is not up to date.
    #[arg(long)]
    pub check: bool,
    /// Name of the new migration (default: derived from its changes).
    #[arg(long)]
    pub name: Option<String>,
    /// Allow a migration that drops tables or columns (their data is lost).
    #[arg(long)]
    pub allow_data_loss: bool,
    /// Online forms in the new migration (indexes built CONCURRENTLY, constraints
    /// validated apart): overrides the project's `online` setting for this migration.
    #[arg(long, value_name = "BOOL")]
    pub online: Option<bool>,
    /// Build the newest migration again from the sources as they are now (it must be
    /// applied nowhere: a migration that failed, or one still in review).
    #[arg(long, conflicts_with = "check")]
    pub amend: bool,
    /// With --amend: refuse if this database has applied the newest migration, even in
    /// part (defaults to $DATABASE_URL).
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub live: Option<String>,
}

pub(super) fn run(dir: &Path, args: BuildArgs, out: &mut Output) -> ExitStatus {
    let Some((config, projects)) = super::selected_projects(dir, args.project.as_deref(), out)
    else {
        return ExitStatus::Error;
    };
    if args.amend && projects.len() > 1 {
        out.error("--amend rebuilds one project's newest migration: name it with --project");
        return ExitStatus::Error;
    }
    let options = BuildOptions {
        name: args.name.clone(),
        allow_data_loss: args.allow_data_loss,
        lock_timeout: None,
        online: true,
        target: crate::model::Target::default(),
    };
    let mut status = ExitStatus::Success;
    let mut report = Vec::new();
    for p in &projects {
        let options = BuildOptions {
            lock_timeout: p.lock_timeout.clone(),
            online: args.online.unwrap_or(p.online),
            target: p.target,
            ..options.clone()
        };
        let (s, json) = build_one(p, &config.root, &args, &options, out);
        status = status.max(s);
        report.push(json);
    }
    if out.format == Format::Json {
        out.json(&serde_json::json!({ "projects": report }));
    }
    status
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}

fn build_one(
    p: &Project,
    root: &Path,
    args: &BuildArgs,
    options: &BuildOptions,
    out: &mut Output,
) -> (ExitStatus, serde_json::Value) {
    let (mut compiled, findings) = compile_and_lint(p, root);
    compiled.diagnostics.extend(findings);
    let fail = |out: &mut Output, sources: &SourceMap, diags: &[crate::diagnostics::Diagnostic]| {
        if out.format == Format::Human {
            out.diagnostics_summarised(sources, diags);
        }
        let json = serde_json::json!({
            "project": p.name, "status": "error",
            "diagnostics": render::to_json(sources, diags),
        });
        (ExitStatus::Error, json)
    };
    let diags = compiled.diagnostics.sorted();
    if compiled.diagnostics.has_errors() {
        return fail(out, &compiled.sources, &diags);
    }
    if out.format == Format::Human {
        out.diagnostics_summarised(&compiled.sources, &diags);
    }
    let history = match History::read(&p.output) {
        Ok(h) => h,
        Err(e) => {
            out.error(&format!(
                "{}: cannot read {}: {e}",
                p.name,
                rel(root, &p.output)
            ));
            return (
                ExitStatus::Error,
                serde_json::json!({ "project": p.name, "status": "error", "error": e.to_string() }),
            );
        }
    };
    let built = if args.amend {
        if let Some(why) = applied_newest(args, p, &history) {
            out.error(&format!("{}: {why}", p.name));
            return (
                ExitStatus::Error,
                serde_json::json!({ "project": p.name, "status": "error", "error": why }),
            );
        }
        match amend_build(&p.name, &p.output, &compiled, &history, options) {
            Ok((b, old)) => {
                out.status(&format!(
                    "{}: amending {}_{}{}",
                    p.name,
                    old.version,
                    old.name,
                    if args.live.is_none() {
                        " (make sure no database has applied it; --live URL checks one)"
                    } else {
                        ""
                    }
                ));
                if b.migration.is_none() {
                    out.status(&format!(
                        "{}: the schema is back where it was before {}_{}: the migration goes",
                        p.name, old.version, old.name
                    ));
                }
                b
            }
            Err(errors) => return fail(out, &compiled.sources, &errors),
        }
    } else {
        match plan_build(&p.name, &p.output, &compiled, &history, options) {
            Ok(b) => b,
            Err(errors) => return fail(out, &compiled.sources, &errors),
        }
    };
    let migration = built
        .migration
        .as_ref()
        .map(|m| serde_json::to_value(m).unwrap_or_default());
    if let Some(m) = &built.migration {
        let verb = if args.check {
            "would create"
        } else {
            "created"
        };
        out.status(&format!(
            "{}: {verb} migration {}_{}",
            p.name, m.version, m.name
        ));
        if !m.steps.is_empty() {
            let steps: Vec<String> = m.steps.iter().map(|s| format!("    {s}")).collect();
            out.status(&steps.join("\n"));
        }
        if !m.hazards.is_empty() {
            let h: Vec<&str> = m.hazards.iter().map(|h| h.as_str()).collect();
            out.status(&format!("    hazards: {}", h.join(", ")));
        }
        if !built.warnings.is_empty() {
            out.diagnostics(&compiled.sources, &built.warnings);
        }
    }
    if args.check {
        let stale: Vec<String> = stale_files(&built).iter().map(|f| rel(root, f)).collect();
        if stale.is_empty() {
            out.status(&format!("{}: generated output is up to date", p.name));
            return (
                ExitStatus::Success,
                serde_json::json!({ "project": p.name, "status": "ok", "migration": null }),
            );
        }
        for f in &stale {
            out.status(&format!("{}: stale {f}", p.name));
        }
        out.status(&format!(
            "{}: run `schemac build` and commit generated/",
            p.name
        ));
        let json = serde_json::json!({ "project": p.name, "status": "stale", "stale_files": stale, "migration": migration });
        return (ExitStatus::Failure, json);
    }
    match write_files(&built) {
        Ok(written) => {
            let files: Vec<String> = written.iter().map(|f| rel(root, f)).collect();
            if files.is_empty() {
                out.status(&format!("{}: up to date", p.name));
            } else {
                out.status(&format!(
                    "{}: wrote {} file(s) to {}",
                    p.name,
                    files.len(),
                    rel(root, &p.output)
                ));
            }
            let json = serde_json::json!({ "project": p.name, "status": "ok", "written": files, "migration": migration });
            (ExitStatus::Success, json)
        }
        Err(e) => {
            out.error(&format!(
                "{}: cannot write {}: {e}",
                p.name,
                rel(root, &p.output)
            ));
            (
                ExitStatus::Error,
                serde_json::json!({ "project": p.name, "status": "error", "error": e.to_string() }),
            )
        }
    }
}

/// Why the newest migration cannot be amended on `--live`'s database: it is applied
/// there, wholly or in part. None when it is pending there (or no database is named).
fn applied_newest(args: &BuildArgs, p: &Project, history: &History) -> Option<String> {
    let url = args.live.as_deref()?;
    let newest = history.migrations.last()?;
    let mut client = match crate::migrate::connect::connect(url) {
        Ok(c) => c,
        Err(e) => return Some(e),
    };
    let entries = match crate::migrate::runner::status(&mut client, &p.name, &history.migrations) {
        Ok(e) => e,
        Err(e) => return Some(e.to_string()),
    };
    let state = entries
        .iter()
        .find(|e| e.version == newest.version)
        .map(|e| e.state)?;
    (state != crate::migrate::plan::State::Pending).then(|| {
        format!(
            "{}_{} is {} in {}: an applied migration is immutable; make the change in a new migration (or roll it back first)",
            newest.version,
            newest.name,
            state.label(),
            crate::migrate::connect::redact(url)
        )
    })
}
