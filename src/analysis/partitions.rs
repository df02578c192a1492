//! Partitions declared inside their parent's block: `partition name for values …`,
//! optionally with a `{ … }` body holding what that one partition has of its own
//! (indexes, constraints, triggers, RLS, policies, replica identity and storage
//! parameters). Its columns are always its
//! parent's: a partition's members are lowered against them and the partition keeps
//! none of its own.

use super::declare::partition_name;
use super::defaults::implied_table_grants;
use super::tables::{
    explicit_names, lower_constraint, lower_policy, lower_storage, lower_trigger, sort_members,
    Names,
};
use super::Cx;
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::model;
use crate::syntax::ast::{self, MemberKind};

/// Adds the partitions `members` declare for the (already lowered) `parent`.
pub(super) fn lower(cx: &mut Cx, t: &ast::Table, parent: &model::Table, members: &[&ast::Member]) {
    for m in members {
        let MemberKind::PartitionOf {
            name,
            bound,
            members: own,
        } = &m.kind
        else {
            continue;
        };
        let pq = partition_name(&t.name, name);
        if parent.partition_by.is_none() {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadPartition,
                    name.span,
                    format!(
                        "table `{}` has a partition but no `partition by`",
                        parent.name
                    ),
                )
                .with_note(
                    "help: add `partition by range (…)`, `list (…)` or `hash (…)` to the table",
                ),
            );
        }
        cx.origins.insert(format!("table {pq}"), name.span);
        // Lowered against the parent's columns, which the partition then gives back.
        let mut part = model::Table::new(pq.clone());
        part.columns = parent.columns.clone();
        part.grants = implied_table_grants(&cx.schema.default_privileges, &pq.schema);
        let columns = lower_own(cx, &mut part, own);
        part.columns.clear();
        part.partition_of = Some(model::PartitionOf {
            parent: parent.name.clone(),
            // A `-- comment` after it would comment out the statement's `;`.
            bound: bound
                .as_ref()
                .map(|b| crate::sqltext::without_line_comment(&b.text).to_string()),
            columns,
        });
        part.comment = m.docs.clone();
        cx.schema.tables.insert(pq, part);
    }
}

/// The members of a partition's body, and what its columns hold to beyond the
/// parent's. Columns, keys of the partitioning and the rest of what a table block may
/// hold belong to the parent.
fn lower_own(
    cx: &mut Cx,
    part: &mut model::Table,
    members: &[ast::Member],
) -> Vec<model::PartitionColumn> {
    let mut columns: Vec<model::PartitionColumn> = Vec::new();
    let mut names = Names {
        taken: explicit_names(members.iter()),
    };
    let mut pk_span: Option<Span> = None;
    for m in members {
        match &m.kind {
            MemberKind::Constraint(c) => lower_constraint(
                cx,
                part,
                &mut names,
                c,
                m.docs.clone(),
                m.span,
                &mut pk_span,
            ),
            MemberKind::Index(i) => {
                super::indexes::lower_index(cx, part, &mut names, i, m.docs.clone(), m.span)
            }
            MemberKind::Trigger(tr) => lower_trigger(cx, part, tr, m.docs.clone()),
            MemberKind::Statistics {
                name,
                kinds,
                targets,
            } => super::statistics::lower(cx, part, name, kinds, targets, m.docs.clone(), m.span),
            MemberKind::Policy(p) => lower_policy(cx, part, p, m.docs.clone()),
            MemberKind::Rls { enabled, forced } => {
                part.rls |= *enabled;
                part.force_rls |= *forced;
            }
            MemberKind::ReplicaIdentity(full) => {
                part.replica_identity = Some(if *full { "FULL" } else { "NOTHING" }.into());
            }
            MemberKind::Storage(params) => lower_storage(cx, part, params),
            MemberKind::PartitionColumn {
                name,
                not_null,
                default,
            } => {
                let Some(c) = part.column(&name.name) else {
                    cx.diags
                        .push(super::tables::unknown_column(&part.name, &name.name, name.span));
                    continue;
                };
                // Only what the parent's column does not already say.
                let own = model::PartitionColumn {
                    name: name.name.clone(),
                    not_null: *not_null && !c.not_null,
                    default: default
                        .as_ref()
                        .map(|d| crate::sqltext::without_line_comment(&d.text).to_string())
                        .filter(|d| c.default.as_ref() != Some(d)),
                };
                if own.not_null || own.default.is_some() {
                    columns.retain(|o| o.name != own.name);
                    columns.push(own);
                }
            }
            _ => cx.diags.push(
                Diagnostic::error(
                    Code::BadPartition,
                    m.span,
                    format!("partition `{}` cannot declare this", part.name),
                )
                .with_label(
                    "not a `column … not null | default …`, index, constraint, trigger, policy, `rls`, `replica identity` or `with (…)`",
                )
                .with_note(
                    "help: a partition's columns, grants and other options are its parent's; declare them in the parent's block",
                ),
            ),
        }
    }
    sort_members(part);
    columns.sort_by(|a, b| a.name.cmp(&b.name));
    columns
}
