//! `schemac test`: runs the policy tests declared next to the schema. By default each
//! project gets a throwaway database (prelude + the declared schema) on a server named
//! by `--dev-url`, `$SCHEMAC_DEV_URL` or `$DATABASE_URL`, dropped afterwards; with
//! `--live URL` the tests run in that (already migrated) database instead. Either way
//! every test runs in a transaction that is rolled back.

use super::{ExitStatus, Format, Output};
use crate::migrate::connect::{connect, redact};
use crate::migrate::policytests::{run_tests, TestResult};
use crate::migrate::scratch::with_scratch_database;
use crate::project::load::compile_project;
use crate::sql::create_all;
use std::path::Path;

/// Arguments of `schemac test`.
#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// Test only this project (default: every project).
    #[arg(long)]
    pub project: Option<String>,
    /// Run in this database, already migrated, instead of a throwaway one.
    #[arg(long)]
    pub live: Option<String>,
    /// Server on which to create the throwaway database (default: $DATABASE_URL).
    #[arg(long, env = "SCHEMAC_DEV_URL", hide_env_values = true)]
    pub dev_url: Option<String>,
    /// Run only the tests whose name contains this text.
    pub filter: Option<String>,
}

pub(super) fn run(dir: &Path, args: TestArgs, out: &mut Output) -> ExitStatus {
    let Some((config, projects)) = super::selected_projects(dir, args.project.as_deref(), out)
    else {
        return ExitStatus::Error;
    };
    let server = args
        .dev_url
        .clone()
        .or_else(|| std::env::var("DATABASE_URL").ok());
    let mut status = ExitStatus::Success;
    let mut report = Vec::new();
    for p in &projects {
        let compiled = compile_project(p, &config.root);
        if compiled.diagnostics.has_errors() {
            out.diagnostics(&compiled.sources, &compiled.diagnostics.sorted());
            status = ExitStatus::Error;
            continue;
        }
        let mut tests = compiled.tests.clone();
        if let Some(f) = &args.filter {
            tests.retain(|t| t.name.contains(f.as_str()));
        }
        if tests.is_empty() {
            if out.format == Format::Human {
                out.status(&format!("{}: no policy tests", p.name));
            }
            continue;
        }
        // The server the tests would run on must be one the project targets.
        let on = args.live.as_ref().or(server.as_ref());
        if let Some(why) = on.and_then(|url| {
            let major = connect(url)
                .ok()
                .and_then(|mut c| crate::introspect::server_major(&mut c).ok())?;
            super::migrate::outside_target(p, major)
        }) {
            out.error(&why);
            status = ExitStatus::Error;
            continue;
        }
        let results = if let Some(url) = &args.live {
            connect(url)
                .map(|mut c| run_tests(&mut c, &tests))
                .map_err(|e| format!("cannot connect to {}: {e}", redact(url)))
        } else if let Some(url) = &server {
            let schema = compiled.schema.as_ref().expect("compiled without errors");
            let declared = match create_all(schema) {
                Ok(script) => script,
                Err(e) => {
                    out.error(&format!("{}: cannot render the schema: {e:?}", p.name));
                    status = ExitStatus::Error;
                    continue;
                }
            };
            let prelude = crate::project::prelude::render_throwaway(
                &compiled.externs,
                p.preset.as_deref() == Some("supabase"),
            );
            let scripts = [(format!("{} schema", p.name), declared.as_str())];
            with_scratch_database(url, "policy tests", &prelude, &scripts, |db| {
                Ok(run_tests(db, &tests))
            })
            .map_err(|e| e.to_string())
        } else {
            Err("schemac test needs a PostgreSQL server: pass --dev-url URL (or set SCHEMAC_DEV_URL or DATABASE_URL) for a throwaway database, or --live URL to test a migrated database".to_string())
        };
        match results {
            Ok(results) => {
                if results.iter().any(|r| !r.passed) {
                    status = status.max(ExitStatus::Failure);
                }
                if out.format == Format::Human {
                    human(out, &p.name, &results);
                }
                report.push(serde_json::json!({
                    "project": p.name,
                    "passed": results.iter().filter(|r| r.passed).count(),
                    "failed": results.iter().filter(|r| !r.passed).count(),
                    "tests": results,
                }));
            }
            Err(e) => {
                out.error(&format!("{}: {e}", p.name));
                status = ExitStatus::Error;
            }
        }
    }
    if out.format == Format::Json {
        out.json(&serde_json::json!({ "projects": report }));
    }
    status
}

fn human(out: &mut Output, project: &str, results: &[TestResult]) {
    let failed = results.iter().filter(|r| !r.passed).count();
    out.line(&format!("{project}: {} policy test(s)", results.len()));
    for r in results {
        let checks = r.steps.len();
        if r.passed {
            out.line(&format!("  ok    {} ({checks} checks)", r.name));
            continue;
        }
        out.line(&format!("  FAIL  {} ({})", r.name, r.location));
        for s in r.steps.iter().filter(|s| !s.passed) {
            out.line(&format!("        ✗ {} [as {}]", s.label, s.as_role));
            if let Some(why) = &s.failure {
                out.line(&format!("          {why}"));
            }
        }
    }
    out.line(&format!(
        "{project}: {}. {} passed; {failed} failed",
        if failed == 0 { "ok" } else { "FAILED" },
        results.len() - failed
    ));
}
