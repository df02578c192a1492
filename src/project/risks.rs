//! Build-time warnings for steps that are valid but fail or block on a table that
//! already holds rows: the migration is written, and the warning says what to do
//! before deploying it (a default, a backfill, a duplicate check). D001 refuses what
//! loses data; these only fail.

use crate::diagnostics::{Code, Diagnostic};
use crate::diff::{Plan, Step, TableChange};
use crate::graph::ObjectKey;
use crate::model::{ConstraintKind, Schema};

/// One warning per risky step of `plan` on tables that exist in `prev`.
pub(crate) fn deploy_warnings(plan: &Plan, prev: &Schema, next: &Schema) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let warn = |what: String, fix: &str| {
        Diagnostic::global(Code::DeployRisk, what)
            .warning()
            .with_note(format!("help: {fix}"))
    };
    for step in plan.all() {
        match step {
            Step::AlterTable { table, changes } if prev.tables.contains_key(table) => {
                for c in changes {
                    match c {
                        TableChange::AddColumn(col)
                            if col.not_null
                                && col.default.is_none()
                                && col.identity.is_none()
                                && col.generated.is_none() =>
                        {
                            out.push(warn(
                                format!("adding NOT NULL column `{table}.{}` without a default fails on a table with rows (23502)", col.name),
                                "give it a default, or add it nullable, backfill it, and set NOT NULL in a later migration",
                            ));
                        }
                        TableChange::SetNotNull {
                            column,
                            not_null: true,
                        }
                        | TableChange::SetNotNullChecked { column, .. } => out.push(warn(
                            format!(
                                "SET NOT NULL on `{table}.{column}` fails on the first NULL{}",
                                if matches!(c, TableChange::SetNotNullChecked { .. }) {
                                    " (a CHECK validated first finds it while reads and writes go on)"
                                } else {
                                    " and scans the table under an ACCESS EXCLUSIVE lock"
                                }
                            ),
                            &format!("backfill first (`update {table} set {column} = … where {column} is null`) and check that no NULL is left"),
                        )),
                        TableChange::AddConstraint(con)
                            if matches!(
                                con.kind,
                                ConstraintKind::Unique { .. } | ConstraintKind::PrimaryKey { .. }
                            ) =>
                        {
                            out.push(warn(
                                format!("constraint `{}` on `{table}` fails if existing rows repeat a value, and builds its index while writes wait", con.name),
                                "look for duplicates first (`select …, count(*) from … group by … having count(*) > 1`)",
                            ));
                        }
                        _ => {}
                    }
                }
            }
            Step::BuildConstraintIndex(table, name) => out.push(warn(
                format!("constraint `{name}` on `{table}` fails if existing rows repeat a value (its index is built CONCURRENTLY; a failed build leaves an invalid index, which the next `schemac migrate` drops before it tries again)"),
                "look for duplicates first (`select …, count(*) from … group by … having count(*) > 1`)",
            )),
            Step::Create(ObjectKey::Index(table, name))
            | Step::CreateIndexConcurrently(table, name)
                if prev.tables.contains_key(table) =>
            {
                let unique = next
                    .tables
                    .get(table)
                    .and_then(|t| t.indexes.iter().find(|i| &i.name == name))
                    .is_some_and(|i| i.unique);
                if unique {
                    out.push(warn(
                        format!("unique index `{name}` on `{table}` fails if existing rows repeat a value"),
                        "look for duplicates first (`select …, count(*) from … group by … having count(*) > 1`)",
                    ));
                }
            }
            Step::RecreateEnum { name, columns, .. } if !columns.is_empty() => {
                out.push(warn(
                    format!("type `{name}` loses values: a row that still holds one makes the migration fail"),
                    "update those rows to a value that stays before deploying (a data migration or a manual UPDATE)",
                ));
            }
            _ => {}
        }
    }
    out
}
