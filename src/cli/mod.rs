//! The command line: argument parsing (clap), one file per subcommand, and the only
//! module that prints. Exit codes: 0 ok, 1 found something, 2 error.

mod build;
mod check;
mod dev;
mod diff;
mod init;
mod lint;
mod migrate;
mod output;
mod prelude;
mod pull;
mod reconcile;
mod repair;
mod test;

pub use output::{ExitStatus, Format, Output};

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// schemac: a schema-as-code compiler and drift detector for PostgreSQL.
#[derive(Debug, Parser)]
#[command(name = "schemac", version, about, long_about = None)]
pub struct Cli {
    /// Run as if started in DIR (schemac.toml is looked up there and in its parents).
    #[arg(short = 'C', global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a project here: schemac.toml, a first schema file, .gitignore entries.
    Init(init::InitArgs),
    /// Compile the schema and update generated/: schema.sql, rls.sql, migrations.
    Build(build::BuildArgs),
    /// Check the schema for errors without writing anything.
    Check(check::CheckArgs),
    /// Run the security lints (S001…S019; exit 1 on any finding).
    Lint(lint::LintArgs),
    /// Print the SQL a plain PostgreSQL needs before the project's migrations apply.
    Prelude(prelude::PreludeArgs),
    /// Report how a live database differs from the declared schema and the migration
    /// history (exit 1 on drift).
    Diff(diff::DiffArgs),
    /// Write a schema project from a live database (to adopt schemac on it).
    Pull(pull::PullArgs),
    /// Apply the pending migrations to a database, each once, in order, atomically.
    Migrate(migrate::MigrateArgs),
    /// Show which migrations a database has applied, and which are pending.
    Status(migrate::StatusArgs),
    /// Run down scripts of applied migrations, newest first.
    Rollback(migrate::RollbackArgs),
    /// The inner loop on a local database marked with `dev --mark`: build the migration
    /// being developed again from the sources (rolled back first) and apply it.
    Dev(dev::DevArgs),
    /// Re-record the checksums of applied migrations whose files `build` rewrote (shows
    /// them; records with --yes, logged in schemac.repairs).
    Repair(repair::RepairArgs),
    /// Adopt a database whose schema already equals migrations up to VERSION: check it,
    /// then record them as applied without running them.
    Baseline(migrate::BaselineArgs),
    /// Run the policy tests declared with the schema (exit 1 when one fails).
    Test(test::TestArgs),
    /// Explain a diagnostic code, or list them all.
    Explain {
        /// A code such as C004 (omit to list every code).
        code: Option<String>,
    },
}

/// Runs a parsed command line.
pub fn run(cli: Cli, out: &mut Output) -> ExitStatus {
    let dir = cli.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    out.format = cli.format;
    if cli.format == Format::Sql && !matches!(cli.command, Command::Diff(_)) {
        out.format = Format::Human;
        out.error("--format sql is only for `diff` (the SQL that reconciles a live database)");
        return ExitStatus::Error;
    }
    match cli.command {
        Command::Init(args) => init::run(&dir, args, out),
        Command::Build(args) => build::run(&dir, args, out),
        Command::Check(args) => check::run(&dir, args, out),
        Command::Lint(args) => lint::run(&dir, args, out),
        Command::Prelude(args) => prelude::run(&dir, args, out),
        Command::Diff(args) => diff::run(&dir, args, out),
        Command::Pull(args) => pull::run(&dir, args, out),
        Command::Migrate(args) => migrate::run_migrate(&dir, args, out),
        Command::Status(args) => migrate::run_status(&dir, args, out),
        Command::Rollback(args) => migrate::run_rollback(&dir, args, out),
        Command::Baseline(args) => migrate::run_baseline(&dir, args, out),
        Command::Repair(args) => repair::run(&dir, args, out),
        Command::Dev(args) => dev::run(&dir, args, out),
        Command::Test(args) => test::run(&dir, args, out),
        Command::Explain { code } => explain(code.as_deref(), out),
    }
}

fn explain(code: Option<&str>, out: &mut Output) -> ExitStatus {
    use crate::diagnostics::Code;
    match code {
        None => {
            for c in Code::ALL {
                out.line(&format!("{}  {}", c.as_str(), c.summary()));
            }
            ExitStatus::Success
        }
        Some(wanted) => match Code::ALL
            .iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(wanted))
        {
            Some(c) => {
                let e = crate::diagnostics::explain::explain(*c);
                let indent = |text: &str| -> String {
                    text.lines()
                        .map(|l| format!("    {l}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                if out.format == Format::Json {
                    out.json(&serde_json::json!({
                        "code": c.as_str(), "summary": c.summary(), "explanation": e.text,
                        "example": e.example, "fix": e.fix, "fixed": e.fixed,
                    }));
                    return ExitStatus::Success;
                }
                out.line(&format!("{}: {}\n\n{}\n", c.as_str(), c.summary(), e.text));
                if let Some(example) = e.example {
                    out.line(&format!("Example:\n\n{}\n", indent(example.trim_end())));
                }
                out.line(&format!("Fix: {}", e.fix));
                if let Some(fixed) = e.fixed {
                    out.line(&format!("\nFixed:\n\n{}", indent(fixed.trim_end())));
                }
                ExitStatus::Success
            }
            None => {
                out.error(&format!(
                    "unknown diagnostic code `{wanted}` (see `schemac explain`)"
                ));
                ExitStatus::Error
            }
        },
    }
}

/// The configuration and the projects `--project` selects (all when `None`), printing
/// what went wrong otherwise.
fn selected_projects(
    dir: &std::path::Path,
    project: Option<&str>,
    out: &mut Output,
) -> Option<(
    crate::project::config::Config,
    Vec<crate::project::config::Project>,
)> {
    let config = load_config(dir, out)?;
    match config.select(project) {
        Ok(p) => {
            let projects = p.into_iter().cloned().collect();
            Some((config, projects))
        }
        Err(e) => {
            out.error(&e);
            None
        }
    }
}

/// Loads the configuration, printing the error when there is none.
fn load_config(dir: &std::path::Path, out: &mut Output) -> Option<crate::project::config::Config> {
    match crate::project::config::Config::discover(dir) {
        Ok(c) => Some(c),
        Err(e) => {
            out.error(&e.to_string());
            None
        }
    }
}
