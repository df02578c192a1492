//! Applying declared renames to the old schema before it is diffed with the new one,
//! so a renamed object is renamed (`ALTER … RENAME`) instead of dropped and created.
//! Names derived from a renamed table or column (`tasks_pkey`, `tasks_owner_idx`,
//! identity sequences, mixin-made trigger and policy names) follow when the new schema
//! has the derived name.

use super::step::{Rename, Step};
use crate::model::{ConstraintKind, GrantObject, QName, Renames, Schema, Table};
use crate::sqltext::rename_word;

/// The old schema with the renames applied, and the rename steps.
pub(super) fn apply(prev: &Schema, next: &Schema, r: &Renames) -> (Schema, Vec<Step>) {
    let mut s = prev.clone();
    let mut steps = Vec::new();
    for (from, to) in &r.tables {
        if !s.tables.contains_key(from)
            || s.tables.contains_key(to)
            || !next.tables.contains_key(to)
        {
            continue;
        }
        let mut t = s.tables.remove(from).expect("checked");
        t.name = to.clone();
        s.tables.insert(to.clone(), t);
        for other in s.tables.values_mut() {
            for c in &mut other.constraints {
                if let ConstraintKind::ForeignKey(fk) = &mut c.kind {
                    if &fk.ref_table == from {
                        fk.ref_table = to.clone();
                    }
                }
            }
            if let Some(p) = &mut other.partition_of {
                if &p.parent == from {
                    p.parent = to.clone();
                }
            }
        }
        for seq in s.sequences.values_mut() {
            if let Some((t, _)) = &mut seq.owned_by {
                if t == from {
                    *t = to.clone();
                }
            }
        }
        steps.push(Step::Rename(Rename::Table(from.clone(), to.clone())));
        let cols: Vec<String> = sequence_columns(&s.tables[to]);
        for c in cols {
            let (a, b) = (
                format!("{}_{c}_seq", from.name),
                format!("{}_{c}_seq", to.name),
            );
            steps.push(Step::Rename(Rename::Sequence(to.schema.clone(), a, b)));
        }
        let names: Vec<(String, String)> = not_null_columns(&s.tables[to])
            .iter()
            .map(|c| {
                (
                    crate::model::not_null_name(&from.name, c),
                    crate::model::not_null_name(&to.name, c),
                )
            })
            .collect();
        if !names.is_empty() {
            steps.push(Step::Rename(Rename::NotNull {
                table: to.clone(),
                names,
                guard: true,
            }));
        }
        follow(&mut s, next, to, &from.name, &to.name, &mut steps, false);
    }
    for (table, from, to) in &r.columns {
        let ok = s
            .tables
            .get(table)
            .is_some_and(|t| t.column(from).is_some() && t.column(to).is_none())
            && next
                .tables
                .get(table)
                .is_some_and(|t| t.column(to).is_some());
        if !ok {
            continue;
        }
        rename_column(&mut s, table, from, to);
        steps.push(Step::Rename(Rename::Column(
            table.clone(),
            from.clone(),
            to.clone(),
        )));
        if not_null_columns(&s.tables[table]).contains(to) {
            steps.push(Step::Rename(Rename::NotNull {
                table: table.clone(),
                names: vec![(
                    crate::model::not_null_name(&table.name, from),
                    crate::model::not_null_name(&table.name, to),
                )],
                guard: true,
            }));
        }
        if sequence_columns(&s.tables[table]).contains(to) {
            let (a, b) = (
                format!("{}_{from}_seq", table.name),
                format!("{}_{to}_seq", table.name),
            );
            steps.push(Step::Rename(Rename::Sequence(table.schema.clone(), a, b)));
        }
        follow(
            &mut s,
            next,
            table,
            &format!("_{from}"),
            &format!("_{to}"),
            &mut steps,
            true,
        );
    }
    for (from, to) in &r.functions {
        if !s.functions.contains_key(from) || s.functions.contains_key(to) {
            continue;
        }
        let Some(new) = next.functions.get(to) else {
            continue;
        };
        let mut f = s.functions.remove(from).expect("checked");
        let signature = super::super::sql::create::signature(&f);
        let procedure = f.procedure;
        f.name = new.name.clone();
        for t in s.tables.values_mut() {
            for tr in &mut t.triggers {
                if &tr.function == from {
                    tr.function = to.clone();
                    tr.function_name = new.name.clone();
                }
            }
        }
        for g in &mut s.grants {
            if let GrantObject::Function(k, _) = &g.object {
                if k == from {
                    let sql = format!("{}({})", new.name.sql(), f.identity_args());
                    g.object = GrantObject::Function(to.clone(), sql);
                }
            }
        }
        s.functions.insert(to.clone(), f);
        steps.push(Step::Rename(Rename::Function {
            signature,
            procedure,
            to: new.name.name.clone(),
        }));
    }
    for (e, from, to) in &r.enum_values {
        let Some(en) = s.enums.get_mut(e) else {
            continue;
        };
        if en.values.contains(to) || !en.values.contains(from) {
            continue;
        }
        for v in &mut en.values {
            if v == from {
                *v = to.clone();
            }
        }
        steps.push(Step::Rename(Rename::EnumValue(
            e.clone(),
            from.clone(),
            to.clone(),
        )));
    }
    for (t, from, to) in &r.indexes {
        if rename_in(&mut s, t, from, to, |t| {
            t.indexes.iter_mut().map(|i| &mut i.name).collect()
        }) {
            steps.push(Step::Rename(Rename::Index(
                t.schema.clone(),
                from.clone(),
                to.clone(),
            )));
        }
    }
    for (t, from, to) in &r.constraints {
        if rename_in(&mut s, t, from, to, |t| {
            t.constraints.iter_mut().map(|c| &mut c.name).collect()
        }) {
            steps.push(Step::Rename(Rename::Constraint(
                t.clone(),
                from.clone(),
                to.clone(),
            )));
        }
    }
    for (t, from, to) in &r.policies {
        if rename_in(&mut s, t, from, to, |t| {
            t.policies.iter_mut().map(|p| &mut p.name).collect()
        }) {
            steps.push(Step::Rename(Rename::Policy(
                t.clone(),
                from.clone(),
                to.clone(),
            )));
        }
    }
    for t in s.tables.values_mut() {
        t.constraints.sort_by(|a, b| a.name.cmp(&b.name));
        t.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        t.policies.sort_by(|a, b| a.name.cmp(&b.name));
        t.triggers.sort_by(|a, b| a.name.cmp(&b.name));
    }
    (s, steps)
}

/// Columns that have a NOT NULL constraint on PostgreSQL 18: declared `not null`,
/// identity and serial columns, and primary key columns (a partition's are its
/// parent's, so it has none of its own to rename).
fn not_null_columns(t: &Table) -> Vec<String> {
    if t.partition_of.is_some() || t.external {
        return Vec::new();
    }
    let key: Vec<&String> = t
        .constraints
        .iter()
        .filter_map(|c| match &c.kind {
            ConstraintKind::PrimaryKey { columns } => Some(columns),
            _ => None,
        })
        .flatten()
        .collect();
    t.columns
        .iter()
        .filter(|c| {
            c.not_null || c.identity.is_some() || c.ty.ends_with("serial") || key.contains(&&c.name)
        })
        .map(|c| c.name.clone())
        .collect()
}

/// Columns backed by an implicit sequence named `{table}_{column}_seq`.
fn sequence_columns(t: &Table) -> Vec<String> {
    t.columns
        .iter()
        .filter(|c| c.identity.is_some() || c.ty.ends_with("serial"))
        .map(|c| c.name.clone())
        .collect()
}

/// Renames one named member of table `t` when the new schema has it under the new name.
fn rename_in(
    s: &mut Schema,
    t: &QName,
    from: &str,
    to: &str,
    names: impl Fn(&mut Table) -> Vec<&mut String>,
) -> bool {
    let Some(table) = s.tables.get_mut(t) else {
        return false;
    };
    let mut list = names(table);
    if list.iter().any(|n| n.as_str() == to) {
        return false;
    }
    match list.iter_mut().find(|n| n.as_str() == from) {
        Some(n) => {
            **n = to.to_string();
            true
        }
        None => false,
    }
}

/// Follows a renamed table or column into the names derived from it: a constraint,
/// index, trigger or policy whose name contains `from` is renamed when the new schema
/// has the name with `to` instead and the old schema does not.
fn follow(
    s: &mut Schema,
    next: &Schema,
    table: &QName,
    from: &str,
    to: &str,
    steps: &mut Vec<Step>,
    once: bool,
) {
    let Some(n) = next.tables.get(table) else {
        return;
    };
    let swap = |name: &str| -> Option<String> {
        if !name.contains(from) {
            return None;
        }
        Some(if once {
            name.replacen(from, to, 1)
        } else {
            name.replace(from, to)
        })
    };
    let t = s.tables.get_mut(table).expect("renamed table exists");
    let mut renames = Vec::new();
    for c in &mut t.constraints {
        if let Some(new) = swap(&c.name).filter(|x| n.constraints.iter().any(|y| &y.name == x)) {
            renames.push(Step::Rename(Rename::Constraint(
                table.clone(),
                c.name.clone(),
                new.clone(),
            )));
            c.name = new;
        }
    }
    for i in &mut t.indexes {
        if let Some(new) = swap(&i.name).filter(|x| n.indexes.iter().any(|y| &y.name == x)) {
            renames.push(Step::Rename(Rename::Index(
                table.schema.clone(),
                i.name.clone(),
                new.clone(),
            )));
            i.name = new;
        }
    }
    for tr in &mut t.triggers {
        if let Some(new) = swap(&tr.name).filter(|x| n.triggers.iter().any(|y| &y.name == x)) {
            renames.push(Step::Rename(Rename::Trigger(
                table.clone(),
                tr.name.clone(),
                new.clone(),
            )));
            tr.name = new;
        }
    }
    for p in &mut t.policies {
        if let Some(new) = swap(&p.name).filter(|x| n.policies.iter().any(|y| &y.name == x)) {
            renames.push(Step::Rename(Rename::Policy(
                table.clone(),
                p.name.clone(),
                new.clone(),
            )));
            p.name = new;
        }
    }
    steps.extend(renames);
}

/// Renames a column and every reference to it that the model holds as names or text.
fn rename_column(s: &mut Schema, table: &QName, from: &str, to: &str) {
    let rw = |text: &mut String| *text = rename_word(text, from, to);
    let rn = |names: &mut Vec<String>| {
        for n in names.iter_mut() {
            if n == from {
                *n = to.to_string();
            }
        }
    };
    let t = s.tables.get_mut(table).expect("table exists");
    for c in &mut t.columns {
        if c.name == from {
            c.name = to.to_string();
        }
        if let Some(d) = &mut c.default {
            rw(d);
        }
        if let Some(g) = &mut c.generated {
            rw(g);
        }
    }
    for c in &mut t.constraints {
        match &mut c.kind {
            ConstraintKind::PrimaryKey { columns } | ConstraintKind::Unique { columns, .. } => {
                rn(columns)
            }
            ConstraintKind::Check { expr } => rw(expr),
            ConstraintKind::Exclude {
                elements,
                predicate,
                ..
            } => {
                rw(elements);
                if let Some(p) = predicate {
                    rw(p);
                }
            }
            ConstraintKind::ForeignKey(fk) => {
                rn(&mut fk.columns);
                if &fk.ref_table == table {
                    rn(&mut fk.ref_columns);
                }
            }
        }
    }
    for i in &mut t.indexes {
        i.elements.iter_mut().for_each(rw);
        rn(&mut i.include);
        if let Some(p) = &mut i.predicate {
            rw(p);
        }
    }
    for p in &mut t.policies {
        for e in [&mut p.using, &mut p.with_check].into_iter().flatten() {
            rw(e);
        }
    }
    for tr in &mut t.triggers {
        tr.events.iter_mut().for_each(rw);
        if let Some(w) = &mut tr.when {
            rw(w);
        }
    }
    for g in &mut t.grants {
        rn(&mut g.columns);
    }
    t.grants.sort();
    if let Some(seed) = &mut t.seed {
        rn(&mut seed.columns);
        rn(&mut seed.key);
    }
    if let Some(p) = &mut t.partition_by {
        rw(&mut p.key);
    }
    for other in s.tables.values_mut() {
        if &other.name == table {
            continue;
        }
        for c in &mut other.constraints {
            if let ConstraintKind::ForeignKey(fk) = &mut c.kind {
                if &fk.ref_table == table {
                    rn(&mut fk.ref_columns);
                }
            }
        }
    }
    for seq in s.sequences.values_mut() {
        if let Some((t, c)) = &mut seq.owned_by {
            if t == table && c == from {
                *c = to.to_string();
            }
        }
    }
}
