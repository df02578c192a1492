//! `schemac prelude`: print the extern objects' SQL for plain PostgreSQL.

use super::{load_config, ExitStatus, Output};
use crate::project::load::compile_project;
use std::path::Path;

/// Arguments of `schemac prelude`.
#[derive(Debug, clap::Args)]
pub struct PreludeArgs {
    /// The project (required when several are configured).
    #[arg(long)]
    pub project: Option<String>,
    /// Install it into this database (one transaction) instead of printing it; refused
    /// on a real Supabase database.
    #[arg(long, value_name = "URL")]
    pub apply: Option<String>,
}

pub(super) fn run(dir: &Path, args: PreludeArgs, out: &mut Output) -> ExitStatus {
    let Some(config) = load_config(dir, out) else {
        return ExitStatus::Error;
    };
    let project = match (args.project.as_deref(), config.projects.len()) {
        (None, 1) => &config.projects[0],
        (None, _) => {
            let names: Vec<&str> = config.projects.iter().map(|p| p.name.as_str()).collect();
            out.error(&format!(
                "several projects are configured; name one with --project ({})",
                names.join(", ")
            ));
            return ExitStatus::Error;
        }
        (Some(n), _) => match config.select(Some(n)) {
            Ok(p) => p[0],
            Err(e) => {
                out.error(&e);
                return ExitStatus::Error;
            }
        },
    };
    let compiled = compile_project(project, &config.root);
    if compiled.diagnostics.has_errors() {
        out.diagnostics(&compiled.sources, &compiled.diagnostics.sorted());
        return ExitStatus::Error;
    }
    let sql = crate::project::prelude::render(
        &compiled.externs,
        project.preset.as_deref() == Some("supabase"),
    );
    let Some(url) = args.apply.as_deref() else {
        out.raw(&sql);
        return ExitStatus::Success;
    };
    let supabase = project.preset.as_deref() == Some("supabase");
    match crate::migrate::shim::install(url, &sql, supabase) {
        Ok(()) => {
            out.status(&format!(
                "{}: prelude installed into {}",
                project.name,
                crate::migrate::connect::redact(url)
            ));
            ExitStatus::Success
        }
        Err(e) => {
            out.error(&format!("{}: {e}", project.name));
            ExitStatus::Error
        }
    }
}
