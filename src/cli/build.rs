//! `schemac build`: compile each project and bring its generated/ up to date.

use super::{ExitStatus, Format, Output};
use crate::diagnostics::{render, SourceMap};
use crate::project::build::{plan_build, stale_files, write_files, BuildOptions};
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
}

pub(super) fn run(dir: &Path, args: BuildArgs, out: &mut Output) -> ExitStatus {
    let Some((config, projects)) = super::selected_projects(dir, args.project.as_deref(), out)
    else {
        return ExitStatus::Error;
    };
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
    let built = match plan_build(&p.name, &p.output, &compiled, &history, options) {
        Ok(b) => b,
        Err(errors) => return fail(out, &compiled.sources, &errors),
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
