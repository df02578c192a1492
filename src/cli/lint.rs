//! `schemac lint`: the security lints (`S001`…`S012`) of each project. `build` and
//! `check` run them too; here they are the whole report, and any finding exits 1.

use super::{ExitStatus, Format, Output};
use crate::diagnostics::{render, Severity};
use crate::project::load::compile_and_lint;
use std::path::Path;

/// Arguments of `schemac lint`.
#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Lint only this project.
    #[arg(long)]
    pub project: Option<String>,
}

pub(super) fn run(dir: &Path, args: LintArgs, out: &mut Output) -> ExitStatus {
    let Some((config, projects)) = super::selected_projects(dir, args.project.as_deref(), out)
    else {
        return ExitStatus::Error;
    };
    let mut status = ExitStatus::Success;
    let mut report = Vec::new();
    for p in &projects {
        let (compiled, findings) = compile_and_lint(p, &config.root);
        if compiled.diagnostics.has_errors() {
            status = ExitStatus::Error;
            let diags = compiled.diagnostics.sorted();
            match out.format {
                Format::Human | Format::Sql => out.diagnostics(&compiled.sources, &diags),
                Format::Json => report.push(serde_json::json!({
                    "project": p.name, "ok": false, "compiled": false,
                    "diagnostics": render::to_json(&compiled.sources, &diags),
                })),
            }
            continue;
        }
        let diags = findings.sorted();
        let errors = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        if !diags.is_empty() {
            status = status.max(ExitStatus::Failure);
        }
        match out.format {
            Format::Human | Format::Sql => {
                out.diagnostics(&compiled.sources, &diags);
                out.status(&if diags.is_empty() {
                    format!("{}: no findings", p.name)
                } else {
                    format!(
                        "{}: {} finding(s), {errors} at error level",
                        p.name,
                        diags.len()
                    )
                });
            }
            Format::Json => report.push(serde_json::json!({
                "project": p.name, "ok": diags.is_empty(), "compiled": true,
                "diagnostics": render::to_json(&compiled.sources, &diags),
            })),
        }
    }
    if out.format == Format::Json {
        out.json(&serde_json::json!({ "projects": report }));
    }
    status
}
