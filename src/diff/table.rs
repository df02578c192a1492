//! Differences between two versions of one table, as `ALTER TABLE` changes.

use super::step::TableChange;
use crate::model::{ConstraintKind, Table};
use crate::sqltext::{tokens, Token};

/// The result of comparing two versions of a table.
pub(crate) struct TableDiff {
    /// Changes in the order they must run.
    pub changes: Vec<TableChange>,
    /// A column changed type: views and policies over the table must be recreated.
    pub type_changed: bool,
    /// Changes that cannot be expressed exactly yet.
    pub unsupported: Vec<String>,
    /// Generated columns dropped and added again.
    pub recreated: Vec<String>,
    /// Columns whose type or collation changes in place.
    pub retyped: Vec<String>,
}

pub(crate) fn diff_table(prev: &Table, next: &Table) -> TableDiff {
    let mut d = TableDiff {
        changes: Vec::new(),
        type_changed: false,
        unsupported: Vec::new(),
        recreated: Vec::new(),
        retyped: Vec::new(),
    };
    if prev.partition_by != next.partition_by {
        d.unsupported.push(format!(
            "changing the partitioning of table `{}`",
            next.name
        ));
    }
    let parent_and_bound = |t: &Table| {
        t.partition_of
            .as_ref()
            .map(|p| (p.parent.clone(), p.bound.clone()))
    };
    if parent_and_bound(prev) != parent_and_bound(next) {
        d.unsupported.push(format!(
            "changing the parent or bounds of partition `{}`",
            next.name
        ));
    }
    if prev.inherits != next.inherits {
        d.unsupported
            .push(format!("changing the tables `{}` inherits from", next.name));
    }
    let is_fk = |k: &ConstraintKind| matches!(k, ConstraintKind::ForeignKey(_));
    // Generated columns whose expression changes are dropped and added again; the
    // constraints over them go and come back with them.
    let recreated: Vec<&str> = next
        .columns
        .iter()
        .filter(|c| {
            prev.column(&c.name).is_some_and(|p| {
                p.generated.is_some() && c.generated.is_some() && p.generated != c.generated
            })
        })
        .map(|c| c.name.as_str())
        .collect();
    let touches = |k: &ConstraintKind| match k {
        ConstraintKind::PrimaryKey { columns } | ConstraintKind::Unique { columns, .. } => {
            columns.iter().any(|c| recreated.contains(&c.as_str()))
        }
        ConstraintKind::Check { expr } => mentions(expr, &recreated),
        ConstraintKind::Exclude {
            elements,
            predicate,
            ..
        } => {
            mentions(elements, &recreated)
                || predicate
                    .as_deref()
                    .is_some_and(|p| mentions(p, &recreated))
        }
        ConstraintKind::ForeignKey(_) => false,
    };
    // Constraints that changed or went away are dropped before columns change.
    // A valid constraint cannot become NOT VALID again: it is dropped and added so.
    for c in prev.constraints.iter().filter(|c| !is_fk(&c.kind)) {
        match next.constraints.iter().find(|n| n.name == c.name) {
            Some(n) if same_key(c, n) && !touches(&c.kind) && (c.not_valid || !n.not_valid) => {}
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
            // PostgreSQL 15 cannot change a generation expression in place; the values
            // are derived, so dropping and adding the column loses nothing.
            if p.generated.is_none() || c.generated.is_none() {
                d.unsupported.push(format!(
                    "turning column `{}.{}` into or out of a generated column",
                    next.name, c.name
                ));
            } else {
                d.type_changed = true;
                d.recreated.push(c.name.clone());
                d.changes.push(TableChange::RecreateColumn(c.clone()));
            }
            continue;
        }
        let type_changed = p.ty != c.ty || p.collation != c.collation;
        // The old default may not cast to the new type (`'low'` to integer, 42804; a
        // label of one enum to another): it goes first, and the new one (even when
        // spelled the same) is set after the type change. Built-in types whose default
        // stays the same cast it themselves (`0` from integer to bigint).
        let user_type = p.ty.contains('.');
        let default_first =
            type_changed && p.default.is_some() && (p.default != c.default || user_type);
        if default_first {
            d.changes.push(TableChange::SetDefault {
                column: c.name.clone(),
                default: None,
            });
        }
        if type_changed {
            d.type_changed = true;
            d.retyped.push(c.name.clone());
            d.changes.push(TableChange::AlterType {
                column: c.name.clone(),
                from: p.ty.clone(),
                ty: c.ty.clone(),
                collation: c.collation.clone(),
                via: None,
            });
        }
        let identity_changed = p.identity != c.identity;
        if identity_changed && p.identity.is_some() {
            d.changes.push(TableChange::DropIdentity(c.name.clone()));
        }
        // After the type change: the new default, when the old one was dropped first;
        // otherwise a changed one.
        let set_after = if default_first {
            c.default.is_some()
        } else {
            p.default != c.default
        };
        if set_after {
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
                options: c.identity_options.clone(),
            });
        } else if c.identity.is_some() && p.identity_options != c.identity_options {
            d.changes.push(TableChange::IdentityOptions {
                column: c.name.clone(),
                options: c.identity_options.clone(),
            });
        }
        if p.statistics != c.statistics || p.storage != c.storage {
            d.changes.push(TableChange::ColumnTuning {
                column: c.name.clone(),
                statistics: (p.statistics != c.statistics).then(|| c.statistics.unwrap_or(-1)),
                storage: (p.storage != c.storage).then(|| {
                    c.storage
                        .clone()
                        .unwrap_or_else(|| crate::model::default_storage(&c.ty).to_string())
                }),
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
            Some(p) if same_key(p, c) && !touches(&c.kind) && (p.not_valid || !c.not_valid) => {
                if p.not_valid && !c.not_valid {
                    d.changes
                        .push(TableChange::ValidateConstraint(c.name.clone()));
                }
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
    if prev.storage != next.storage {
        let (set, reset) = crate::model::storage_delta(&prev.storage, &next.storage);
        d.changes.push(TableChange::Storage { set, reset });
    }
    if prev.replica_identity != next.replica_identity {
        d.changes
            .push(TableChange::ReplicaIdentity(next.replica_identity.clone()));
    }
    if prev.publications != next.publications {
        let not_in = |a: &[String], b: &[String]| -> Vec<String> {
            a.iter().filter(|p| !b.contains(p)).cloned().collect()
        };
        d.changes.push(TableChange::Publications {
            add: not_in(&next.publications, &prev.publications),
            drop: not_in(&prev.publications, &next.publications),
        });
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
    // Only what changes: a privilege that stays is never revoked and granted again.
    if prev.grants != next.grants {
        let (revokes, grants) = crate::model::acl_delta(
            &crate::model::acl_of(&prev.grants),
            &crate::model::acl_of(&next.grants),
        );
        d.changes
            .extend(revokes.into_iter().map(TableChange::Revoke));
        d.changes.extend(grants.into_iter().map(TableChange::Grant));
    }
    if prev.comment != next.comment {
        d.changes.push(TableChange::Comment(next.comment.clone()));
    }
    d
}

/// The same constraint but for its validation state and comment (which change in
/// place): kind, columns, expression and deferral.
fn same_key(a: &crate::model::Constraint, b: &crate::model::Constraint) -> bool {
    a.kind == b.kind
        && a.deferrable == b.deferrable
        && a.initially_deferred == b.initially_deferred
        && a.no_inherit == b.no_inherit
}

/// True when the expression mentions one of the names as a word.
pub(crate) fn mentions(expr: &str, names: &[&str]) -> bool {
    tokens(expr)
        .iter()
        .any(|t| matches!(t, Token::Word(w) if names.contains(&w.as_str())))
}

/// Whether `dep` (a dependent of table `t`) uses one of `columns`, whose type changes:
/// a view, a policy or a foreign key that does must be dropped around the change
/// (PostgreSQL refuses to alter the type under it); anything else stays.
pub(crate) fn uses_columns(
    prev: &crate::model::Schema,
    dep: &crate::graph::ObjectKey,
    t: &crate::model::QName,
    columns: &[String],
) -> bool {
    let names: Vec<&str> = columns.iter().map(String::as_str).collect();
    let named = |cols: &[String]| cols.iter().any(|c| names.contains(&c.as_str()));
    match dep {
        // `*` depends on every column.
        crate::graph::ObjectKey::View(v) => prev
            .views
            .get(v)
            .is_some_and(|v| mentions(&v.query, &names) || v.query.contains('*')),
        crate::graph::ObjectKey::Policy(pt, pn) => prev.tables[pt]
            .policies
            .iter()
            .filter(|p| &p.name == pn)
            .flat_map(|p| p.using.iter().chain(&p.with_check))
            .any(|e| mentions(e, &names)),
        crate::graph::ObjectKey::ForeignKey(ft, n) => {
            let Some(crate::model::ConstraintKind::ForeignKey(fk)) = prev.tables[ft]
                .constraints
                .iter()
                .find(|c| &c.name == n)
                .map(|c| &c.kind)
            else {
                return true;
            };
            let referenced = if fk.ref_columns.is_empty() {
                prev.tables[t]
                    .primary_key()
                    .map(|pk| match &pk.kind {
                        crate::model::ConstraintKind::PrimaryKey { columns } => columns.clone(),
                        _ => Vec::new(),
                    })
                    .unwrap_or_default()
            } else {
                fk.ref_columns.clone()
            };
            (ft == t && named(&fk.columns)) || (&fk.ref_table == t && named(&referenced))
        }
        // PostgreSQL refuses to change the type of a column a rule uses.
        crate::graph::ObjectKey::Rule(rt, rn) => prev.rule_of(rt, rn).is_some_and(|r| {
            r.condition
                .iter()
                .chain(&r.actions)
                .any(|e| mentions(e, &names) || e.contains('*'))
        }),
        _ => false,
    }
}
