//! `schemac diff --live URL --format sql`: the migration that brings the database to the
//! declared schema, with its rollback. Both sides are models read by the same
//! introspector (the live database, and the throwaway database built from the
//! declaration), so the plan holds exactly the drift and nothing PostgreSQL merely
//! re-printed. Dropping tables or columns of the live database needs
//! `--allow-data-loss`.

use super::{ExitStatus, Output};
use crate::diff::Hazard;
use crate::diff::{diff, DiffError, Plan};
use crate::model::Schema;
use crate::project::summary::{describe, hazard_list, step_lines};
use crate::sql::render;

/// What `diff --format sql` needs besides the two models.
pub(super) struct Reconcile<'a> {
    /// Project name.
    pub project: &'a str,
    /// The target, redacted.
    pub target: &'a str,
    /// `--allow-data-loss`.
    pub allow_data_loss: bool,
    /// `--rollback FILE`.
    pub rollback_file: Option<&'a std::path::Path>,
    /// The drifted objects the fingerprints found.
    pub drifted: Vec<String>,
    /// The drifted items no migration can express (objects and properties the model
    /// has no place for), one line each.
    pub unexpressible: Vec<String>,
    /// `--partial`: print the migration for the rest, listing these in its header.
    pub partial: bool,
    /// `lock_timeout` written into the migration and its rollback.
    pub lock_timeout: Option<&'a str>,
    /// The project's `online` setting ([`crate::diff::online`]).
    pub online: bool,
    /// Objects owned by another role than the rest that the model has no owner for
    /// (aggregates, …): handed back to it. The model's own are in the plan.
    pub owners: Vec<crate::introspect::owners::StrayOwner>,
}

fn explain(errors: Vec<DiffError>) -> String {
    errors
        .into_iter()
        .map(|e| match e {
            DiffError::Cycle(c) => format!("dependency cycle: {:?}", c.members),
            DiffError::Unsupported { key, message } => format!("{key}: {message}"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A file header: the title, the hazards, one line per step and per owner change.
fn header(title: String, plan: &Plan, owners: &[String]) -> Vec<String> {
    let mut hazards = plan.hazards();
    if !owners.is_empty() && !hazards.contains(&Hazard::ChangesAuthorization) {
        hazards.push(Hazard::ChangesAuthorization);
        hazards.sort();
    }
    let mut h = vec![title, format!("Hazards: {}", hazard_list(&hazards))];
    h.extend(step_lines(plan).map(|l| format!("  - {l}")));
    h.extend(owners.iter().map(|o| format!("  - {o}")));
    h
}

/// Prints the reconciling migration; `live` is the database, `desired` the declaration.
pub(super) fn print(
    r: &Reconcile,
    live: &Schema,
    desired: &Schema,
    out: &mut Output,
) -> ExitStatus {
    let (up, down) = match (diff(live, desired), diff(desired, live)) {
        (Ok(u), Ok(d)) if r.online => (
            crate::diff::online(u, live, desired),
            crate::diff::online(d, desired, live),
        ),
        (Ok(u), Ok(d)) => (u, d),
        (Err(e), _) | (_, Err(e)) => {
            out.error(&format!(
                "{}: the drift cannot be reconciled by a migration yet: {}",
                r.project,
                explain(e)
            ));
            return ExitStatus::Error;
        }
    };
    if up.is_empty() && r.drifted.is_empty() {
        out.raw(&format!(
            "-- schemac: {} already matches the declared schema of `{}`; nothing to run.\n",
            r.target, r.project
        ));
        return ExitStatus::Success;
    }
    if !r.unexpressible.is_empty() && !r.partial {
        out.error(&format!(
            "{}: part of the drift cannot be expressed by a schemac migration, so the migration would leave the database different from the declaration:\n{}\nfix these by hand, or pass --partial to print the migration for the rest (its header lists what it leaves out)",
            r.project,
            r.unexpressible
                .iter()
                .map(|u| format!("  {u}"))
                .collect::<Vec<_>>()
                .join("\n")
        ));
        return ExitStatus::Error;
    }
    // Owners of kinds the model has none for (aggregates): statements of their own.
    let owners_up: Vec<String> = r
        .owners
        .iter()
        .map(|o| {
            format!(
                "hand {} {} back to {}",
                o.keyword.to_lowercase(),
                o.object,
                o.usual
            )
        })
        .collect();
    let owners_down: Vec<String> = r
        .owners
        .iter()
        .map(|o| {
            format!(
                "give {} {} to {} again",
                o.keyword.to_lowercase(),
                o.object,
                o.owner
            )
        })
        .collect();
    let nothing = up.is_empty() && r.owners.is_empty();
    if nothing && !r.unexpressible.is_empty() {
        // --partial, and nothing else to do: say so in the SQL's own words.
        let mut text = format!(
            "-- schemac diff --format sql --partial: nothing that schemac can express differs between {} and `{}`.\n-- Left out (--partial): drift schemac cannot express; fix it by hand:\n",
            r.target, r.project
        );
        for u in &r.unexpressible {
            text.push_str(&format!("--   - {}\n", crate::sql::comment_safe(u)));
        }
        out.raw(&text);
        return ExitStatus::Failure;
    }
    if nothing {
        out.error(&format!(
            "{}: drift that no migration of schemac's model expresses: {}",
            r.project,
            r.drifted.join(", ")
        ));
        return ExitStatus::Error;
    }
    let destructive: Vec<String> = up
        .all()
        .filter(|s| s.hazards().contains(&Hazard::DeletesData))
        .map(describe)
        .collect();
    if !destructive.is_empty() && !r.allow_data_loss {
        out.error(&format!(
            "{}: reconciling would delete data the declaration does not have: {}; check that the declaration is right, then pass --allow-data-loss",
            r.project,
            destructive.join(", ")
        ));
        return ExitStatus::Error;
    }
    let mut up_header = header(
        format!(
            "schemac diff --format sql: brings {} to the declared schema of `{}`",
            r.target, r.project
        ),
        &up,
        &owners_up,
    );
    if !r.unexpressible.is_empty() {
        up_header
            .push("Left out (--partial): drift schemac cannot express; fix it by hand:".into());
        up_header.extend(r.unexpressible.iter().map(|u| format!("  - {u}")));
    }
    // Owners change first going up and last going down: ALTER … OWNER TO moves the old
    // owner's privileges to the new one, so grants to a role that owned the object are
    // made once it no longer does, and revoked while it does not yet.
    let mut up_script = render(&up, live, desired, false);
    let handed_back = r
        .owners
        .iter()
        .map(|o| crate::sql::owner_to(&o.keyword, &o.object, &o.usual));
    up_script.main.splice(0..0, handed_back);
    let up_sql = up_script.to_file_with(&up_header, r.lock_timeout);
    let mut down_script = render(&down, desired, live, true);
    down_script.main.extend(
        r.owners
            .iter()
            .map(|o| crate::sql::owner_to(&o.keyword, &o.object, &o.owner)),
    );
    let down_sql = down_script.to_file_with(
        &header(
            format!("Rollback: returns {} to the state it had before", r.target),
            &down,
            &owners_down,
        ),
        r.lock_timeout,
    );
    out.raw(&up_sql);
    match r.rollback_file {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &down_sql) {
                out.error(&format!("cannot write {}: {e}", path.display()));
                return ExitStatus::Error;
            }
            out.status(&format!(
                "{}: rollback written to {}",
                r.project,
                path.display()
            ));
        }
        None => {
            out.raw("\n-- The rollback, commented out so that piping this output runs only the\n-- migration (write it to a file with --rollback FILE):\n--\n");
            for line in down_sql.lines() {
                out.raw(&format!("-- {line}\n").replace("-- \n", "--\n"));
            }
        }
    }
    ExitStatus::Failure
}
