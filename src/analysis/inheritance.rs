//! Table inheritance (`table child inherits parent { … }`): a child has its parents'
//! columns and CHECKs and declares only its own. Children are lowered after the
//! tables they inherit from, so their members can name inherited columns; the model
//! keeps only the child's own (local) columns, as `CREATE TABLE … INHERITS` takes them.

use super::tables::unknown_table;
use super::{qualify, Cx};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{self, QName};
use crate::syntax::ast;
use std::collections::BTreeSet;

/// Table declarations with something carried along (their doc comments).
type Decls<'a, T> = Vec<(&'a ast::Table, T)>;

/// The tables in the order they can be lowered: those that inherit nothing first
/// (lowered in parallel), then each child after its parents. Children in a cycle are
/// reported and left out.
pub(super) fn order<'a, T: Copy>(
    cx: &mut Cx,
    tables: &[(&'a ast::Table, T)],
) -> (Decls<'a, T>, Decls<'a, T>) {
    let (roots, mut waiting): (Vec<_>, Vec<_>) =
        tables.iter().partition(|(t, _)| t.inherits.is_empty());
    let children: BTreeSet<QName> = waiting.iter().map(|(t, _)| qualify(&t.name)).collect();
    let mut done: BTreeSet<QName> = BTreeSet::new();
    let mut ordered = Vec::new();
    loop {
        let (ready, rest): (Vec<_>, Vec<_>) = waiting.into_iter().partition(|(t, _)| {
            t.inherits.iter().all(|p| {
                let p = qualify(p);
                !children.contains(&p) || done.contains(&p)
            })
        });
        waiting = rest;
        if ready.is_empty() {
            break;
        }
        for (t, d) in ready {
            done.insert(qualify(&t.name));
            ordered.push((t, d));
        }
    }
    for (t, _) in waiting {
        cx.diags.push(
            Diagnostic::error(
                Code::DependencyCycle,
                t.name.span,
                format!("table `{}` inherits from itself", qualify(&t.name)),
            )
            .with_label("its `inherits` lead back to it"),
        );
    }
    (roots, ordered)
}

/// The parents `t` inherits from, qualified, and every column it gets from them (in
/// PostgreSQL's order, merged by name). Unknown parents are reported.
pub(super) fn parents(cx: &mut Cx, t: &ast::Table) -> (Vec<QName>, Vec<model::Column>) {
    let mut parents = Vec::new();
    let mut columns: Vec<model::Column> = Vec::new();
    for p in &t.inherits {
        let q = qualify(p);
        let Some(parent) = cx.schema.tables.get(&q) else {
            cx.diags.push(unknown_table(&q, p.name.span).with_note(
                "help: a table inherits from another table of the project, declared with `table`",
            ));
            continue;
        };
        if parent.partition_by.is_some() || parent.partition_of.is_some() {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadPartition,
                    p.name.span,
                    format!("table `{q}` is partitioned or a partition: it cannot be inherited from"),
                )
                .with_note("help: declare a partition with `partition name for values …` in the parent's block"),
            );
            continue;
        }
        for c in cx.schema.all_columns(&q) {
            if !columns.iter().any(|o| o.name == c.name) {
                columns.push(c.clone());
            }
        }
        parents.push(q);
    }
    (parents, columns)
}

/// Puts the inherited columns in front of the child's own (a column of both keeps the
/// child's declaration, which must have the parent's type), so its members can name
/// them. Returns the names of those to take out again once its members are lowered.
pub(super) fn borrow(
    cx: &mut Cx,
    table: &mut model::Table,
    t: &ast::Table,
    inherited: Vec<model::Column>,
) -> Vec<String> {
    let mut borrowed = Vec::new();
    let mut front = Vec::new();
    for c in inherited {
        match table.column(&c.name) {
            Some(own) if own.ty != c.ty => {
                let span = t
                    .members
                    .iter()
                    .find_map(|m| match &m.kind {
                        ast::MemberKind::Column(col) if col.name.name == c.name => {
                            Some(col.name.span)
                        }
                        _ => None,
                    })
                    .unwrap_or(t.name.span);
                cx.diags.push(
                    Diagnostic::error(
                        Code::ConflictingColumn,
                        span,
                        format!(
                            "column `{}` is `{}` here but `{}` in the table `{}` inherits from",
                            c.name, own.ty, c.ty, table.name
                        ),
                    )
                    .with_note("help: a column of both must have the parent's type"),
                );
            }
            Some(_) => {}
            None => {
                borrowed.push(c.name.clone());
                front.push(c);
            }
        }
    }
    front.append(&mut table.columns);
    table.columns = front;
    borrowed
}
