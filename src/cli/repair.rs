//! `schemac repair`: after a schemac upgrade rewrote migration files that a database
//! already applied (their files match manifest.json, their recorded checksums do not),
//! shows each such migration and, with `--yes`, records the new checksums so that
//! `migrate` runs again. A file that differs from manifest.json (edited by hand) is
//! refused first, as `migrate` refuses it.

use super::migrate::{edited_files, failed, prepare, DbArgs};
use super::{ExitStatus, Format, Output};
use crate::migrate::repair::{candidates, record};
use crate::migrate::runner;
use std::path::Path;

/// Arguments of `schemac repair`.
#[derive(Debug, clap::Args)]
pub struct RepairArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Record the new checksums (without it, repair only shows them and exits 2).
    #[arg(long)]
    yes: bool,
}

pub(super) fn run(dir: &Path, args: RepairArgs, out: &mut Output) -> ExitStatus {
    let Some(mut r) = prepare(dir, &args.db, out) else {
        return ExitStatus::Error;
    };
    let name = r.project.name.clone();
    if let Some(e) = edited_files(&r) {
        return failed(out, &name, e);
    }
    let applied = match runner::applied(&mut r.client, &name) {
        Ok(a) => a,
        Err(e) => return failed(out, &name, e),
    };
    let repairs = candidates(&r.history.migrations, &applied);
    let recorded = !repairs.is_empty() && args.yes;
    if recorded {
        if let Err(e) = record(&mut r.client, &name, &repairs, &r.options) {
            return failed(out, &name, e);
        }
    }
    if out.format == Format::Json {
        out.json(&serde_json::json!({
            "project": name, "repairs": repairs, "recorded": recorded,
        }));
    } else if repairs.is_empty() {
        out.status(&format!(
            "{name}: every applied migration has its recorded checksum; nothing to repair"
        ));
    } else {
        for rep in &repairs {
            out.line(&format!(
                "{}_{}: recorded {}, file now {}",
                rep.version,
                rep.name,
                short(&rep.recorded),
                short(&rep.file)
            ));
        }
        if recorded {
            out.status(&format!(
                "{name}: recorded {} new checksum(s) (logged in schemac.repairs)",
                repairs.len()
            ));
        } else {
            out.error(&format!(
                "{name}: {} applied migration(s) changed since they ran (their files match manifest.json, so `build` wrote them). \
                 If the database already has what the new files do, pass --yes to record their checksums; nothing was changed",
                repairs.len()
            ));
        }
    }
    if repairs.is_empty() || recorded {
        ExitStatus::Success
    } else {
        ExitStatus::Error
    }
}

/// The first 12 characters of a checksum: enough to tell two apart on screen.
fn short(sum: &str) -> &str {
    &sum[..sum.len().min(12)]
}
