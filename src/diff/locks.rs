//! The order in which a migration's transaction locks its tables. PostgreSQL takes each
//! statement's lock when the statement runs, so a transaction that alters a referenced
//! table and then the table referencing it holds the first while it waits for the
//! second, as the application's INSERT into the referencing table holds it while its
//! foreign-key check waits for the referenced one: a deadlock, which PostgreSQL breaks
//! after `deadlock_timeout` by failing one side (often the application's statement).
//! Locking every such table first, referencing tables before referenced ones, takes
//! them in the application's order.

use super::{Plan, Step};
use crate::graph::ObjectKey;
use crate::model::{ConstraintKind, QName, Schema};
use std::collections::{BTreeMap, BTreeSet};

/// `plan` with a [`Step::LockTables`] first in its transaction when that transaction
/// locks two or more existing tables against writes (none when it renames anything:
/// the names would change under it).
pub(super) fn ordered(mut plan: Plan, prev: &Schema, next: &Schema) -> Plan {
    if plan.steps.iter().any(|s| matches!(s, Step::Rename(_))) {
        return plan;
    }
    // Tables locked ACCESS EXCLUSIVE, and those locked SHARE ROW EXCLUSIVE (a new
    // foreign key, on both of its tables; a new trigger).
    let mut exclusive: BTreeSet<QName> = BTreeSet::new();
    let mut shared: BTreeSet<QName> = BTreeSet::new();
    for step in &plan.steps {
        match step {
            Step::AlterTable { table, .. }
                if step.hazards().contains(&super::Hazard::LocksTable) =>
            {
                exclusive.insert(table.clone());
            }
            Step::Create(ObjectKey::Policy(t, _))
            | Step::Drop(ObjectKey::Policy(t, _) | ObjectKey::Index(t, _))
            | Step::AlterPolicy(t, _) => {
                exclusive.insert(t.clone());
            }
            Step::RecreateEnum { columns, .. } => {
                exclusive.extend(columns.iter().map(|(t, _, _)| t.clone()));
            }
            Step::Create(ObjectKey::ForeignKey(t, n))
            | Step::AddForeignKeyValidated(t, n)
            | Step::AddForeignKeyNotValid(t, n) => {
                shared.insert(t.clone());
                shared.extend(super::fk_target(next, t, n).cloned());
            }
            Step::Create(ObjectKey::Trigger(t, _)) => {
                shared.insert(t.clone());
            }
            // Dropping a foreign key locks its table, and the referenced one against
            // writes while its triggers go.
            Step::Drop(ObjectKey::ForeignKey(t, n)) => {
                exclusive.insert(t.clone());
                shared.extend(super::fk_target(prev, t, n).cloned());
            }
            _ => {}
        }
    }
    // Only tables that exist before and after, and that the project owns (not the
    // platform's).
    let kept =
        |t: &QName| prev.tables.get(t).is_some_and(|x| !x.external) && next.tables.contains_key(t);
    exclusive.retain(kept);
    shared.retain(|t| kept(t) && !exclusive.contains(t));
    if exclusive.len() + shared.len() < 2 {
        return plan;
    }
    let all: BTreeSet<QName> = exclusive.iter().chain(&shared).cloned().collect();
    let order = referencing_first(&all, prev)
        .into_iter()
        .map(|t| {
            let x = exclusive.contains(&t);
            (t, x)
        })
        .collect();
    plan.steps.insert(0, Step::LockTables(order));
    plan
}

/// `tables` ordered so that a table comes before every table it references (by name
/// where foreign keys form a cycle).
fn referencing_first(tables: &BTreeSet<QName>, prev: &Schema) -> Vec<QName> {
    // waiting[r]: how many tables of the set that reference r are not placed yet.
    let mut waiting: BTreeMap<&QName, usize> = tables.iter().map(|t| (t, 0)).collect();
    let mut referenced_by: BTreeMap<&QName, Vec<&QName>> = BTreeMap::new();
    for t in tables {
        let refs: BTreeSet<&QName> = prev.tables[t]
            .constraints
            .iter()
            .filter_map(|c| match &c.kind {
                ConstraintKind::ForeignKey(fk) if fk.ref_table != *t => tables.get(&fk.ref_table),
                _ => None,
            })
            .collect();
        for r in refs {
            // r waits until t is placed.
            *waiting.get_mut(r).expect("in the set") += 1;
            referenced_by.entry(t).or_default().push(r);
        }
    }
    let mut out = Vec::with_capacity(tables.len());
    let mut placed: BTreeSet<&QName> = BTreeSet::new();
    while out.len() < tables.len() {
        // The first ready table by name; in a cycle, the first unplaced one.
        let next = waiting
            .iter()
            .find(|(t, n)| **n == 0 && !placed.contains(*t))
            .or_else(|| waiting.iter().find(|(t, _)| !placed.contains(*t)))
            .map(|(t, _)| *t)
            .expect("a table is left");
        placed.insert(next);
        out.push(next.clone());
        for r in referenced_by.get(next).into_iter().flatten() {
            if let Some(n) = waiting.get_mut(r) {
                *n = n.saturating_sub(1);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(text: &str) -> Schema {
        let c = crate::project::load::compile_sources(
            vec![("x.pgs".into(), "x.pgs".into(), text.to_string())],
            None,
        );
        c.schema.expect("compiles")
    }

    #[test]
    fn referencing_tables_are_locked_before_the_tables_they_reference() {
        let prev = schema(
            "table a {\n  id int primary key\n}\ntable b {\n  id int primary key\n  a_id int references a\n}\ntable c {\n  id int primary key\n  b_id int references b\n}\n",
        );
        let all: BTreeSet<QName> = prev.tables.keys().cloned().collect();
        let names: Vec<String> = referencing_first(&all, &prev)
            .iter()
            .map(|q| q.name.clone())
            .collect();
        assert_eq!(names, ["c", "b", "a"]);
    }
}
