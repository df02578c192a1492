//! Detaching a kept table from a routine that must be dropped and created again: the
//! defaults and CHECK constraints that call it are removed before the drop and put
//! back (as the new schema has them) after the routine exists again.

use super::step::{Step, TableChange};
use crate::model::{ConstraintKind, QName, Schema};
use crate::sqltext::name_refs;

/// What to run before the routine is dropped, and after it is created again.
pub(super) struct Detach {
    /// Changes before the drop.
    pub before: Step,
    /// Changes after the creation (applied where the table's own changes go).
    pub after: Vec<TableChange>,
    /// CHECK constraints already dropped by `before`.
    pub dropped_checks: Vec<String>,
}

fn calls(expr: &str, f: &QName) -> bool {
    name_refs(expr)
        .iter()
        .any(|r| r.call && r.name == f.name && r.schema.as_deref().is_none_or(|s| s == f.schema))
}

/// The detach plan for table `table` and routine `f`, or None when a generated column
/// uses the routine (its expression cannot be removed without dropping the column).
pub(super) fn plan(prev: &Schema, next: &Schema, table: &QName, f: &QName) -> Option<Detach> {
    let p = &prev.tables[table];
    let n = &next.tables[table];
    if p.columns
        .iter()
        .any(|c| c.generated.as_deref().is_some_and(|g| calls(g, f)))
    {
        return None;
    }
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut dropped_checks = Vec::new();
    for c in &p.columns {
        if c.default.as_deref().is_some_and(|d| calls(d, f)) {
            before.push(TableChange::SetDefault {
                column: c.name.clone(),
                default: None,
            });
            if let Some(nc) = n.column(&c.name) {
                if nc.default.is_some() {
                    after.push(TableChange::SetDefault {
                        column: c.name.clone(),
                        default: nc.default.clone(),
                    });
                }
            }
        }
    }
    for c in &p.constraints {
        if let ConstraintKind::Check { expr } = &c.kind {
            if calls(expr, f) {
                before.push(TableChange::DropConstraint(c.name.clone()));
                dropped_checks.push(c.name.clone());
                if let Some(nc) = n.constraints.iter().find(|x| x.name == c.name) {
                    after.push(TableChange::AddConstraint(nc.clone()));
                }
            }
        }
    }
    Some(Detach {
        before: Step::AlterTable {
            table: table.clone(),
            changes: before,
        },
        after,
        dropped_checks,
    })
}
