//! `schemac check`: parse and validate, report every diagnostic, write nothing.

use super::{ExitStatus, Format, Output};
use crate::diagnostics::render;
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
