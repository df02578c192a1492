//! Differences between two versions of one table, as `ALTER TABLE` changes.

use super::step::TableChange;
use crate::model::{ConstraintKind, Table};

/// The result of comparing two versions of a table.
pub(crate) struct TableDiff {
    /// Changes in the order they must run.
    pub changes: Vec<TableChange>,
    /// A column changed type: views and policies over the table must be recreated.
    pub type_changed: bool,
    /// Changes that cannot be expressed exactly yet.
    pub unsupported: Vec<String>,
}

pub(crate) fn diff_table(prev: &Table, next: &Table) -> TableDiff {
    let mut d = TableDiff {
        changes: Vec::new(),
        type_changed: false,
        unsupported: Vec::new(),
    };
    if prev.partition_by != next.partition_by {
        d.unsupported.push(format!(
            "changing the partitioning of table `{}`",
            next.name
        ));
    }
    if prev.partition_of != next.partition_of {
        d.unsupported.push(format!(
            "changing the parent or bounds of partition `{}`",
            next.name
        ));
    }
    let is_fk = |k: &ConstraintKind| matches!(k, ConstraintKind::ForeignKey(_));
    // Constraints that changed or went away are dropped before columns change.
    for c in prev.constraints.iter().filter(|c| !is_fk(&c.kind)) {
        match next.constraints.iter().find(|n| n.name == c.name) {
            Some(n) if n.kind == c.kind => {}
            _ => d.changes.push(TableChange::DropConstraint(c.name.clone())),
        }
    }
    for c in &prev.columns {
        if next.column(&c.name).is_none() {
            d.changes.push(TableChange::DropColumn(c.name.clone()));
        }
    }
    for c in &next.columns {
        let Some(p) = prev.column(&c.name) else {
            d.changes.push(TableChange::AddColumn(c.clone()));
            continue;
        };
        if p.generated != c.generated {
            d.unsupported.push(format!(
                "changing the generation expression of column `{}.{}`",
                next.name, c.name
            ));
        }
        if p.ty != c.ty || p.collation != c.collation {
            d.type_changed = true;
            d.changes.push(TableChange::AlterType {
                column: c.name.clone(),
                ty: c.ty.clone(),
                collation: c.collation.clone(),
            });
        }
        let identity_changed = p.identity != c.identity;
        if identity_changed && p.identity.is_some() {
            d.changes.push(TableChange::DropIdentity(c.name.clone()));
        }
        if p.default != c.default {
            d.changes.push(TableChange::SetDefault {
                column: c.name.clone(),
                default: c.default.clone(),
            });
        }
        // Identity columns are NOT NULL in the model, so this runs before ADD IDENTITY
        // (which needs NOT NULL) and after DROP IDENTITY (which keeps it).
        if p.not_null != c.not_null {
            d.changes.push(TableChange::SetNotNull {
                column: c.name.clone(),
                not_null: c.not_null,
            });
        }
        if let (true, Some(kind)) = (identity_changed, &c.identity) {
            d.changes.push(TableChange::AddIdentity {
                column: c.name.clone(),
                kind: kind.clone(),
            });
        }
        if p.comment != c.comment {
            d.changes.push(TableChange::ColumnComment(
                c.name.clone(),
                c.comment.clone(),
            ));
        }
    }
    for c in next.constraints.iter().filter(|c| !is_fk(&c.kind)) {
        match prev.constraints.iter().find(|p| p.name == c.name) {
            Some(p) if p.kind == c.kind => {
                if p.comment != c.comment {
                    d.changes.push(TableChange::ConstraintComment(
                        c.name.clone(),
                        c.comment.clone(),
                    ));
                }
            }
            _ => d.changes.push(TableChange::AddConstraint(c.clone())),
        }
    }
    if prev.unlogged != next.unlogged {
        d.changes.push(TableChange::Logged(!next.unlogged));
    }
    if prev.rls != next.rls {
        d.changes.push(TableChange::Rls(next.rls));
    }
    if prev.force_rls != next.force_rls {
        d.changes.push(TableChange::ForceRls(next.force_rls));
    }
    for g in &prev.grants {
        if !next.grants.contains(g) {
            d.changes.push(TableChange::Revoke(g.clone()));
        }
    }
    for g in &next.grants {
        if !prev.grants.contains(g) {
            d.changes.push(TableChange::Grant(g.clone()));
        }
    }
    if prev.comment != next.comment {
        d.changes.push(TableChange::Comment(next.comment.clone()));
    }
    d
}
