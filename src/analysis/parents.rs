//! `check parents`: a foreign key check ignores row level security, so a policy that
//! checks only a row's own owner lets a user attach rows to another tenant's parent
//! row. For a table that says `check parents`, every permissive policy that admits new
//! rows (INSERT, UPDATE, ALL) also requires each row its foreign keys point at, in a
//! table with row level security, to be visible to the user: `(fk is null or exists
//! (select 1 from parent where parent.key = t.fk))`, read under the parent's own
//! policies. Runs after every table is lowered (a parent may be declared anywhere).

use super::Cx;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{quote_ident, ConstraintKind, Table};

/// Extends the write policies of every table that says `check parents`.
pub(crate) fn run(cx: &mut Cx) {
    let asked = std::mem::take(&mut cx.parents);
    for (q, span) in asked {
        let Some(t) = cx.schema.tables.get(&q) else {
            continue;
        };
        let conditions = parent_conditions(cx, t);
        if conditions.is_empty() {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadOption,
                    span,
                    format!("`check parents` on `{q}`, which references no table with row level security"),
                )
                .with_label("nothing to check")
                .with_note("help: it guards foreign keys to tables whose rows belong to someone; remove it"),
            );
            continue;
        }
        let condition = conditions.join(" and ");
        let t = cx.schema.tables.get_mut(&q).expect("table exists");
        for p in t.policies.iter_mut().filter(|p| !p.restrictive) {
            let admits = match p.command.as_str() {
                "INSERT" => p.with_check.clone(),
                "UPDATE" | "ALL" => p.with_check.clone().or_else(|| p.using.clone()),
                _ => continue,
            };
            p.with_check = Some(match admits {
                Some(e) => format!("({e}) and {condition}"),
                None => condition.clone(),
            });
        }
    }
}

/// One condition per foreign key to another table with row level security.
fn parent_conditions(cx: &Cx, t: &Table) -> Vec<String> {
    let me = quote_ident(&t.name.name);
    let mut out = Vec::new();
    for c in &t.constraints {
        let ConstraintKind::ForeignKey(fk) = &c.kind else {
            continue;
        };
        let Some(parent) = cx.schema.tables.get(&fk.ref_table) else {
            continue;
        };
        if fk.ref_table == t.name || !parent.rls || parent.external {
            continue;
        }
        // `references t` without columns means t's primary key.
        let keys: Vec<String> = if fk.ref_columns.is_empty() {
            match parent.primary_key().map(|c| &c.kind) {
                Some(ConstraintKind::PrimaryKey { columns }) => columns.clone(),
                _ => continue,
            }
        } else {
            fk.ref_columns.clone()
        };
        let nulls: Vec<String> = fk
            .columns
            .iter()
            .map(|col| format!("{me}.{} is null", quote_ident(col)))
            .collect();
        let matches: Vec<String> = fk
            .columns
            .iter()
            .zip(&keys)
            .map(|(col, key)| format!("parent.{} = {me}.{}", quote_ident(key), quote_ident(col)))
            .collect();
        out.push(format!(
            "({} or exists (select 1 from {} parent where {}))",
            nulls.join(" or "),
            fk.ref_table.sql(),
            matches.join(" and ")
        ));
    }
    out
}
