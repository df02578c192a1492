//! Recreating an enum whose values were removed or reordered. PostgreSQL cannot drop
//! an enum value, so the type is renamed, created again, and every column converted
//! through text. What would block the conversion or the final `DROP TYPE` is recreated
//! around it: views, policies, triggers, indexes and foreign keys over the affected
//! columns, and routines whose signature uses the type.

use super::step::Step;
use super::table::mentions;
use crate::graph::{DepGraph, ObjectKey};
use crate::model::{ConstraintKind, QName, Schema};

/// The recreate step for enum `key`, and the objects that must be dropped before it
/// and created after it.
pub(super) fn recreate(
    key: &ObjectKey,
    prev: &Schema,
    next: &Schema,
    gp: &DepGraph,
) -> (Step, Vec<ObjectKey>) {
    let ObjectKey::Enum(name) = key else {
        unreachable!("only enums are recreated");
    };
    let sql = name.sql();
    let mut columns = Vec::new();
    let mut checks = Vec::new();
    let mut replace = Vec::new();
    for (tq, t) in &prev.tables {
        let Some(nt) = next.tables.get(tq) else {
            continue;
        };
        let used: Vec<(String, bool)> = t
            .columns
            .iter()
            .filter(|c| nt.column(&c.name).is_some())
            .filter_map(|c| {
                let base = c.ty.trim_end_matches("[]");
                (base == sql).then(|| (c.name.clone(), c.ty.ends_with("[]")))
            })
            .collect();
        if used.is_empty() {
            continue;
        }
        let names: Vec<&str> = used.iter().map(|(c, _)| c.as_str()).collect();
        for (c, array) in &used {
            columns.push((tq.clone(), c.clone(), *array));
        }
        for c in &nt.constraints {
            if let ConstraintKind::Check { expr } = &c.kind {
                if mentions(expr, &names) && t.constraints.iter().any(|p| p.name == c.name) {
                    checks.push((tq.clone(), c.clone()));
                }
            }
        }
        for i in &t.indexes {
            let text: Vec<&str> = i
                .elements
                .iter()
                .map(String::as_str)
                .chain(i.predicate.as_deref())
                .collect();
            if text.iter().any(|e| mentions(e, &names)) {
                replace.push(ObjectKey::Index(tq.clone(), i.name.clone()));
            }
        }
        for tr in &t.triggers {
            if tr.when.as_deref().is_some_and(|w| mentions(w, &names)) {
                replace.push(ObjectKey::Trigger(tq.clone(), tr.name.clone()));
            }
        }
        for c in &t.constraints {
            if let ConstraintKind::ForeignKey(fk) = &c.kind {
                if fk.columns.iter().any(|x| names.contains(&x.as_str())) {
                    replace.push(ObjectKey::ForeignKey(tq.clone(), c.name.clone()));
                }
            }
        }
        // Views and policies reading the table may read the column.
        for dep in gp.direct_dependents(&ObjectKey::Table(tq.clone())) {
            if matches!(dep, ObjectKey::View(_) | ObjectKey::Policy(..)) {
                replace.push(dep);
            }
        }
    }
    // Routines, views and domains that name the type itself.
    for dep in gp.direct_dependents(key) {
        if !matches!(dep, ObjectKey::Table(_)) {
            replace.push(dep);
        }
    }
    replace.sort();
    replace.dedup();
    let step = Step::RecreateEnum {
        name: name.clone(),
        columns,
        checks,
    };
    (step, replace)
}

/// The temporary name of the old type while the new one is created.
pub fn old_name(name: &QName) -> String {
    let suffix = "__schemac_old";
    let mut base = name.name.clone();
    while base.len() + suffix.len() > 63 {
        base.pop();
    }
    format!("{base}{suffix}")
}
