//! `schemac check`: parse, validate, lint and plan the next migration; report every
//! diagnostic `build` would (its refusals and warnings included), write nothing.

use super::{ExitStatus, Format, Output};
use crate::diagnostics::{render, Code, Diagnostic};
use crate::project::build::{plan_build, BuildOptions};
use crate::project::history::History;
use crate::project::load::compile_and_lint;
use std::path::Path;

/// Arguments of `schemac check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Check only this project.
    #[arg(long)]
    pub project: Option<String>,
}

pub(super) fn run(dir: &Path, args: CheckArgs, out: &mut Output) -> ExitStatus {
    let Some((config, projects)) = super::selected_projects(dir, args.project.as_deref(), out)
    else {
        return ExitStatus::Error;
    };
    let mut status = ExitStatus::Success;
    let mut report = Vec::new();
    for p in &projects {
        let (mut compiled, findings) = compile_and_lint(p, &config.root);
        compiled.diagnostics.extend(findings);
        // What `build` would refuse or warn about (data loss, edited migrations,
        // steps that fail on rows) is `check`'s to say too: it plans the next
        // migration against the recorded history, writing nothing.
        if !compiled.diagnostics.has_errors() {
            match History::read(&p.output) {
                Err(e) => compiled.diagnostics.push(Diagnostic::global(
                    Code::BadState,
                    format!("cannot read {}: {e}", p.output.display()),
                )),
                Ok(history) => {
                    let options = BuildOptions {
                        lock_timeout: p.lock_timeout.clone(),
                        online: p.online,
                        target: p.target,
                        ..BuildOptions::default()
                    };
                    match plan_build(&p.name, &p.output, &compiled, &history, &options) {
                        Ok(built) => built
                            .warnings
                            .into_iter()
                            .for_each(|d| compiled.diagnostics.push(d)),
                        Err(errors) => errors
                            .into_iter()
                            .for_each(|d| compiled.diagnostics.push(d)),
                    }
                }
            }
        }
        let diags = compiled.diagnostics.sorted();
        if compiled.diagnostics.has_errors() {
            status = ExitStatus::Error;
        }
        match out.format {
            Format::Human | Format::Sql => {
                out.diagnostics_summarised(&compiled.sources, &diags);
                if !compiled.diagnostics.has_errors() {
                    out.status(&format!(
                        "{}: ok ({} objects)",
                        p.name,
                        compiled.order.len()
                    ));
                }
            }
            Format::Json => report.push(serde_json::json!({
                "project": p.name,
                "ok": !compiled.diagnostics.has_errors(),
                "diagnostics": render::to_json(&compiled.sources, &diags),
            })),
        }
    }
    if out.format == Format::Json {
        out.json(&serde_json::json!({ "projects": report }));
    }
    status
}
