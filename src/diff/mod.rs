//! Stage 4, diff: two schemas → a [`Plan`] of typed [`Step`]s. No SQL text here.
//!
//! Compiling a schema is `diff(empty, next)`; its rollback is `diff(next, empty)`; an
//! incremental migration is `diff(previous, next)` and its rollback `diff(next,
//! previous)`. One engine, run in both directions.
//!
//! Order: drops in reverse dependency order of the old schema, then creations and
//! alterations in dependency order of the new one, then drops that had to wait until a
//! kept table stopped using the object (a sequence or function a default used).
//! Replacing an object (drop and create) also replaces what depends on it.

pub mod casts;
mod changed;
mod detach;
mod enums;
mod locks;
mod online;
mod renames;
mod step;
mod table;
mod upgrade;

pub use enums::old_name as enum_old_name;
pub use online::online;
pub use step::{Hazard, Rename, Step, TableChange};

use crate::graph::{Cycle, DepGraph, ObjectKey};
use crate::model::{Column, QName, Rule, Schema, Statistics, Table, Trigger};
use crate::sql::seed::key_of;
use changed::Changed;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// An ordered set of steps that turns one schema into another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Steps that must run before the transaction, each on its own (`ADD VALUE`).
    pub pre: Vec<Step>,
    /// Steps that run in one transaction.
    pub steps: Vec<Step>,
    /// Steps that run after the transaction, each on its own: a statement outside any
    /// transaction (`CONCURRENTLY`) or a transaction of its own (`VALIDATE`; see
    /// [`online`]).
    pub post: Vec<Step>,
}

impl Plan {
    /// True when nothing changes.
    pub fn is_empty(&self) -> bool {
        self.pre.is_empty() && self.steps.is_empty() && self.post.is_empty()
    }

    /// The plan for servers of `target`: a step only some majors need (PostgreSQL 18's
    /// NOT NULL constraint renames) is left out when no targeted major needs it, plain
    /// when every one does, and guarded by a version check otherwise.
    pub fn for_target(mut self, target: crate::model::Target) -> Plan {
        use crate::model::version::NAMED_NOT_NULL;
        let has_nn = |s: &Step| {
            !matches!(s, Step::Rename(Rename::NotNull { .. })) || target.max >= NAMED_NOT_NULL
        };
        for steps in [&mut self.pre, &mut self.steps, &mut self.post] {
            steps.retain(has_nn);
            for s in steps.iter_mut() {
                if let Step::Rename(Rename::NotNull { guard, .. }) = s {
                    *guard = target.min < NAMED_NOT_NULL;
                }
            }
        }
        self
    }

    /// Every step, in run order.
    pub fn all(&self) -> impl Iterator<Item = &Step> {
        self.pre.iter().chain(&self.steps).chain(&self.post)
    }

    /// The hazards of the whole plan, sorted.
    pub fn hazards(&self) -> Vec<Hazard> {
        let created = self.created_tables();
        let mut h: Vec<Hazard> = self.all().flat_map(|s| hazards_in(s, &created)).collect();
        h.sort();
        h.dedup();
        h
    }

    /// Every step in run order with its hazards in this plan: on a table the plan
    /// itself creates, an index or policy locks nothing anyone waits for (no one uses
    /// the table yet).
    pub fn steps_with_hazards(&self) -> impl Iterator<Item = (&Step, Vec<Hazard>)> {
        let created = self.created_tables();
        self.all().map(move |s| (s, hazards_in(s, &created)))
    }

    fn created_tables(&self) -> BTreeSet<&QName> {
        self.all()
            .filter_map(|s| match s {
                Step::Create(ObjectKey::Table(q)) => Some(q),
                _ => None,
            })
            .collect()
    }
}

/// [`Step::hazards`], less the lock and index-build hazards of a step on a table in
/// `created` (new in the same plan, so empty and unused).
fn hazards_in(step: &Step, created: &BTreeSet<&QName>) -> Vec<Hazard> {
    let mut h = step.hazards();
    let table = match step {
        Step::Create(
            ObjectKey::Index(t, _)
            | ObjectKey::Policy(t, _)
            | ObjectKey::Trigger(t, _)
            | ObjectKey::Rule(t, _)
            | ObjectKey::ForeignKey(t, _),
        )
        | Step::AlterPolicy(t, _)
        | Step::AlterTable { table: t, .. } => Some(t),
        _ => None,
    };
    if table.is_some_and(|t| created.contains(t)) {
        h.retain(|x| !matches!(x, Hazard::LocksTable | Hazard::BuildsIndex));
    }
    h
}

/// Why a plan could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffError {
    /// A schema has a dependency cycle.
    Cycle(Cycle),
    /// A change that cannot be expressed exactly yet.
    Unsupported {
        /// The object concerned.
        key: ObjectKey,
        /// What would be needed.
        message: String,
    },
}

/// Puts the columns of `next`'s tables in the physical order the database has after
/// the migrations so far: existing columns keep `prev`'s order, new ones are appended.
pub fn align_columns(prev: &Schema, next: &mut Schema) {
    for (name, t) in next.tables.iter_mut() {
        if let Some(p) = prev.tables.get(name) {
            let order = aligned_order(p, &t.columns);
            let mut slots: Vec<Option<Column>> = t.columns.drain(..).map(Some).collect();
            t.columns = order.into_iter().filter_map(|i| slots[i].take()).collect();
        }
    }
}

/// `next` with its columns aligned to `prev` ([`align_columns`]), borrowed when that
/// changes nothing: always for a first build, nearly always later.
pub fn aligned_columns<'a>(prev: &Schema, next: &'a Schema) -> Cow<'a, Schema> {
    let moves = |(name, t): (&QName, &Table)| {
        prev.tables.get(name).is_some_and(|p| {
            aligned_order(p, &t.columns)
                .into_iter()
                .enumerate()
                .any(|(at, i)| at != i)
        })
    };
    if next.tables.iter().any(moves) {
        let mut owned = next.clone();
        align_columns(prev, &mut owned);
        Cow::Owned(owned)
    } else {
        Cow::Borrowed(next)
    }
}

/// The positions of `columns` in the order they take: `prev`'s columns in `prev`'s
/// order, then the new ones. A generated column whose expression changes is recreated,
/// so it moves to the end like a new column.
fn aligned_order(prev: &Table, columns: &[Column]) -> Vec<usize> {
    let mut taken = vec![false; columns.len()];
    let mut order = Vec::with_capacity(columns.len());
    for pc in &prev.columns {
        if let Some(i) = columns.iter().position(|c| c.name == pc.name) {
            if columns[i].generated == pc.generated {
                order.push(i);
                taken[i] = true;
            }
        }
    }
    order.extend((0..columns.len()).filter(|&i| !taken[i]));
    order
}

/// A schema with its dependency graph and order, built once and diffed many times.
#[derive(Debug)]
pub struct Ordered<'a> {
    /// The schema.
    pub schema: &'a Schema,
    graph: Cow<'a, DepGraph>,
    order: Cow<'a, [ObjectKey]>,
}

impl<'a> Ordered<'a> {
    /// Builds the graph and order of a schema.
    pub fn new(schema: &'a Schema) -> Result<Self, Vec<DiffError>> {
        let graph = DepGraph::build(schema);
        let order = graph.order().map_err(|c| vec![DiffError::Cycle(c)])?;
        Ok(Ordered {
            schema,
            graph: Cow::Owned(graph),
            order: Cow::Owned(order),
        })
    }

    /// A schema with a graph and order already built for it (or for a schema that
    /// differs only in column order, which no dependency depends on).
    pub fn with_graph(schema: &'a Schema, graph: &'a DepGraph, order: &'a [ObjectKey]) -> Self {
        Ordered {
            schema,
            graph: Cow::Borrowed(graph),
            order: Cow::Borrowed(order),
        }
    }

    /// The objects in dependency order.
    pub fn order(&self) -> &[ObjectKey] {
        &self.order
    }
}

/// The plan that turns `prev` into `next`.
pub fn diff(prev: &Schema, next: &Schema) -> Result<Plan, Vec<DiffError>> {
    diff_ordered(&Ordered::new(prev)?, &Ordered::new(next)?)
}

/// [`diff_ordered`] after applying declared renames to the old schema: renamed
/// objects are renamed in place, first, and the rest of the plan follows.
pub fn diff_renamed(
    p: &Ordered,
    n: &Ordered,
    r: &crate::model::Renames,
) -> Result<Plan, Vec<DiffError>> {
    if r.is_empty() {
        return diff_ordered(p, n);
    }
    let (renamed, steps) = renames::apply(p.schema, n.schema, r);
    if steps.is_empty() {
        return diff_ordered(p, n);
    }
    let o = Ordered::new(&renamed)?;
    let mut plan = diff_ordered(&o, n)?;
    plan.steps.splice(0..0, steps);
    Ok(plan)
}

/// [`diff`] over schemas whose graphs are already built.
pub fn diff_ordered(p: &Ordered, n: &Ordered) -> Result<Plan, Vec<DiffError>> {
    let (prev, next) = (p.schema, n.schema);
    let (gp, gn) = (&p.graph, &n.graph);
    let (op, on) = (&p.order, &n.order);
    let mut errors = Vec::new();
    let mut dropped = Changed::new(op, gn);
    let mut created = Changed::new(on, gp);
    let mut altered: BTreeMap<ObjectKey, Vec<Step>> = BTreeMap::new();
    let mut pre = Vec::new();
    // Replaced objects whose dependents are replaced too; with the columns of a table
    // whose type changes, only the dependents that use one of them.
    let mut roots: Vec<(ObjectKey, Option<Vec<String>>)> = Vec::new();
    let mut changed_tables: BTreeSet<QName> = BTreeSet::new();
    for key in on.iter().filter(|k| gp.contains(k)) {
        match compare(prev, next, key) {
            Change::Same => {}
            Change::Steps(s) => {
                if let ObjectKey::Table(q) = key {
                    changed_tables.insert(q.clone());
                }
                altered.insert(key.clone(), s);
            }
            Change::TableTypeChanged(s, recreated, columns) => {
                if let ObjectKey::Table(q) = key {
                    changed_tables.insert(q.clone());
                    // DROP COLUMN takes the column's indexes with it, and refuses while a
                    // trigger names it: both are recreated around the column.
                    let names: Vec<&str> = recreated.iter().map(String::as_str).collect();
                    let t = &prev.tables[q];
                    let mut deps: Vec<ObjectKey> = Vec::new();
                    for i in &t.indexes {
                        let exprs = i
                            .elements
                            .iter()
                            .map(String::as_str)
                            .chain(i.predicate.as_deref());
                        if exprs.into_iter().any(|e| table::mentions(e, &names))
                            || i.include.iter().any(|c| names.contains(&c.as_str()))
                        {
                            deps.push(ObjectKey::Index(q.clone(), i.name.clone()));
                        }
                    }
                    for s in &t.statistics {
                        if s.targets.iter().any(|e| table::mentions(e, &names)) {
                            deps.push(ObjectKey::Statistics(q.clone(), s.name.clone()));
                        }
                    }
                    for tr in &t.triggers {
                        let text = tr
                            .events
                            .iter()
                            .map(String::as_str)
                            .chain(tr.when.as_deref());
                        if text.into_iter().any(|e| table::mentions(e, &names)) {
                            deps.push(ObjectKey::Trigger(q.clone(), tr.name.clone()));
                        }
                    }
                    for dep in deps {
                        if gn.contains(&dep) && !dropped.contains(&dep) {
                            dropped.insert(dep.clone());
                            created.insert(dep.clone());
                            roots.push((dep, None));
                        }
                    }
                }
                roots.push((key.clone(), Some(columns)));
                altered.insert(key.clone(), s);
            }
            Change::Pre(s) => pre.extend(s),
            Change::RecreateEnum => {
                let (step, replace) = enums::recreate(key, prev, next, gp);
                for dep in replace {
                    if gn.contains(&dep) && !dropped.contains(&dep) {
                        altered.remove(&dep);
                        dropped.insert(dep.clone());
                        created.insert(dep.clone());
                        roots.push((dep, None));
                    }
                }
                altered.insert(key.clone(), vec![step]);
            }
            Change::Replace => {
                dropped.insert(key.clone());
                created.insert(key.clone());
                roots.push((key.clone(), None));
            }
            Change::Unsupported(messages) => {
                for message in messages {
                    errors.push(DiffError::Unsupported {
                        key: key.clone(),
                        message,
                    });
                }
            }
        }
    }
    // A table or view that goes (even when a relation of another kind takes its name)
    // takes with it whatever depends on it, so what is kept of that is recreated.
    for key in op.iter().filter(|k| !gn.contains(k)) {
        if matches!(key, ObjectKey::View(_))
            || matches!(key, ObjectKey::Table(q) if !prev.tables[q].external)
        {
            roots.push((key.clone(), None));
        }
    }
    // Whatever depends on a replaced object is replaced with it; a kept table that
    // calls a replaced routine is detached from it around the replacement.
    let mut detaches: Vec<(QName, detach::Detach)> = Vec::new();
    while let Some((root, retyped)) = roots.pop() {
        for dep in gp.direct_dependents(&root) {
            if dropped.contains(&dep) || !gn.contains(&dep) || matches!(dep, ObjectKey::Seed(_)) {
                continue;
            }
            if let (Some(columns), ObjectKey::Table(t)) = (&retyped, &root) {
                if !table::uses_columns(prev, &dep, t, columns) {
                    continue;
                }
            }
            if let ObjectKey::Table(tq) = &dep {
                let detached = match &root {
                    ObjectKey::Function(k) => detach::plan(prev, next, tq, &prev.functions[k].name),
                    _ => None,
                };
                match detached {
                    Some(d) => detaches.push((tq.clone(), d)),
                    None => errors.push(DiffError::Unsupported {
                        key: root.clone(),
                        message: format!(
                            "changing {root} requires recreating {dep}, which uses it"
                        ),
                    }),
                }
                continue;
            }
            altered.remove(&dep);
            dropped.insert(dep.clone());
            created.insert(dep.clone());
            roots.push((dep, None));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let deferred = deferred_drops(gp, op, &dropped, &changed_tables, &altered);
    // Tables whose DROP takes their members along (not extended extern tables, which
    // are never dropped).
    let gone_tables: BTreeSet<&QName> = dropped
        .iter()
        .filter_map(|k| match k {
            ObjectKey::Table(q) if !gn.contains(k) && !prev.tables[q].external => Some(q),
            _ => None,
        })
        .collect();
    let external =
        |s: &Schema, k: &ObjectKey| matches!(k, ObjectKey::Table(q) if s.tables[q].external);
    let implied = |k: &ObjectKey| match k {
        ObjectKey::Index(t, _)
        | ObjectKey::Trigger(t, _)
        | ObjectKey::Policy(t, _)
        | ObjectKey::Statistics(t, _)
        | ObjectKey::Seed(t) => gone_tables.contains(t),
        // A foreign key between two tables must go before either table does.
        ObjectKey::ForeignKey(t, n) => {
            gone_tables.contains(t) && fk_target(prev, t, n).is_some_and(|r| r == t)
        }
        // Privileges go with their object: nothing to give back first.
        ObjectKey::Grants(o) => dropped.contains(&crate::graph::grant_target(prev, o)),
        _ => false,
    };
    let mut plan = Plan {
        pre,
        ..Plan::default()
    };
    merge_detaches(&mut plan, &mut altered, detaches);
    for key in op.iter().rev() {
        if dropped.contains(key) && !deferred.contains(key) && !implied(key) && !external(prev, key)
        {
            plan.steps.push(Step::Drop(key.clone()));
        }
    }
    for key in on.iter() {
        if created.contains(key) && external(next, key) {
            continue;
        }
        if created.contains(key) {
            match key {
                ObjectKey::Index(t, n)
                    if gp.contains(&ObjectKey::Table(t.clone()))
                        && next.tables[t]
                            .indexes
                            .iter()
                            .any(|i| &i.name == n && i.concurrently) =>
                {
                    plan.post
                        .push(Step::CreateIndexConcurrently(t.clone(), n.clone()))
                }
                ObjectKey::ForeignKey(t, n) if gp.contains(&ObjectKey::Table(t.clone())) => plan
                    .steps
                    .push(Step::AddForeignKeyValidated(t.clone(), n.clone())),
                _ => plan.steps.push(Step::Create(key.clone())),
            }
        } else if let Some(steps) = altered.remove(key) {
            plan.steps.extend(steps);
        }
    }
    // ALTER … OWNER TO moves the old owner's privileges to the new one: an object
    // handed back to the migration's role is handed back first (grants to its former
    // owner follow), one given away last (revokes from its new owner come before).
    let (back, away) = owner_steps(prev, next, |k| gn.contains(k), |k| created.contains(k));
    plan.steps.splice(0..0, back);
    plan.steps.extend(away);
    plan.steps.extend(upgrade::privileges(prev, next, |q| {
        created.contains(&if next.tables.contains_key(q) {
            ObjectKey::Table(q.clone())
        } else {
            ObjectKey::View(q.clone())
        })
    }));
    for key in op.iter().rev() {
        if deferred.contains(key) && !external(prev, key) {
            plan.steps.push(Step::Drop(key.clone()));
        }
    }
    Ok(plan)
}

/// The graph node of an object an owner is declared for.
fn owned_key(schema: &Schema, o: &crate::model::GrantObject) -> ObjectKey {
    match o {
        crate::model::GrantObject::Relation(q) if schema.tables.contains_key(q) => {
            ObjectKey::Table(q.clone())
        }
        other => crate::graph::grant_target(schema, other),
    }
}

/// Owner changes of the objects `next` has whose declared owner differs from what
/// they have now (a new or re-created object belongs to the role that runs the
/// migration): those handed back to that role, and those given away. After each, the
/// former owner gets back what `next` grants it, since its privileges went to the new
/// owner with the object.
fn owner_steps(
    prev: &Schema,
    next: &Schema,
    exists: impl Fn(&ObjectKey) -> bool,
    created: impl Fn(&ObjectKey) -> bool,
) -> (Vec<Step>, Vec<Step>) {
    let owner_in = |s: &Schema, o: &crate::model::GrantObject| {
        s.owners
            .iter()
            .find(|x| &x.object == o)
            .map(|x| x.role.clone())
    };
    let mut objects: Vec<&crate::model::GrantObject> = prev
        .owners
        .iter()
        .chain(&next.owners)
        .map(|o| &o.object)
        .collect();
    objects.sort();
    objects.dedup();
    let (mut back, mut away) = (Vec::new(), Vec::new());
    for o in objects {
        let key = owned_key(next, o);
        if !exists(&key) {
            continue;
        }
        let now = if created(&key) {
            None
        } else {
            owner_in(prev, o)
        };
        let wanted = owner_in(next, o);
        if now == wanted {
            continue;
        }
        let out = if wanted.is_none() {
            &mut back
        } else {
            &mut away
        };
        out.push(Step::SetOwner {
            object: o.clone(),
            role: wanted,
        });
        if let Some(former) = &now {
            out.extend(regrant(next, o, former));
        }
    }
    (back, away)
}

/// What `next` grants `role` on `o`, as a step.
fn regrant(next: &Schema, o: &crate::model::GrantObject, role: &str) -> Option<Step> {
    use crate::model::GrantObject;
    match o {
        GrantObject::Relation(q) if next.tables.contains_key(q) => {
            let changes: Vec<TableChange> = next.tables[q]
                .grants
                .iter()
                .filter(|g| g.role == role)
                .map(|g| TableChange::Grant(g.clone()))
                .collect();
            (!changes.is_empty()).then(|| Step::AlterTable {
                table: q.clone(),
                changes,
            })
        }
        _ => {
            let grant: Vec<crate::model::ObjectGrant> = next
                .grants
                .iter()
                .filter(|g| &g.object == o && g.role == role)
                .cloned()
                .collect();
            (!grant.is_empty()).then(|| Step::Grants {
                object: o.clone(),
                grant,
                revoke: Vec::new(),
            })
        }
    }
}

/// Puts each detach's "before" changes first in the plan and its "after" changes with
/// the table's own alterations (which must not drop or re-add what is detached).
fn merge_detaches(
    plan: &mut Plan,
    altered: &mut BTreeMap<ObjectKey, Vec<Step>>,
    detaches: Vec<(QName, detach::Detach)>,
) {
    // A CHECK that a detach drops and re-adds is not also recreated by an enum change.
    for steps in altered.values_mut() {
        for step in steps.iter_mut() {
            if let Step::RecreateEnum { checks, .. } = step {
                checks.retain(|(t, c)| {
                    !detaches
                        .iter()
                        .any(|(dt, d)| dt == t && d.dropped_checks.contains(&c.name))
                });
            }
        }
    }
    let mut by_table: BTreeMap<QName, Vec<detach::Detach>> = BTreeMap::new();
    for (t, d) in detaches {
        by_table.entry(t).or_default().push(d);
    }
    for (table, ds) in by_table {
        let key = ObjectKey::Table(table.clone());
        let mut own: Vec<TableChange> = match altered.remove(&key) {
            Some(steps) => steps
                .into_iter()
                .flat_map(|s| match s {
                    Step::AlterTable { changes, .. } => changes,
                    _ => Vec::new(),
                })
                .collect(),
            None => Vec::new(),
        };
        let mut after: Vec<TableChange> = Vec::new();
        for d in ds {
            own.retain(|c| match c {
                TableChange::DropConstraint(n) => !d.dropped_checks.contains(n),
                _ => true,
            });
            for a in d.after {
                let dup = own.contains(&a) || after.contains(&a);
                let own_default = matches!(&a, TableChange::SetDefault { column, .. }
                    if own.iter().any(|c| matches!(c, TableChange::SetDefault { column: x, .. } if x == column)));
                if !dup && !own_default {
                    after.push(a);
                }
            }
            if let Step::AlterTable { changes, .. } = &d.before {
                if !changes.is_empty() {
                    plan.steps.push(d.before);
                }
            }
        }
        own.extend(after);
        if !own.is_empty() {
            altered.insert(
                key,
                vec![Step::AlterTable {
                    table,
                    changes: own,
                }],
            );
        }
    }
}

pub(crate) fn fk_target<'a>(schema: &'a Schema, table: &QName, name: &str) -> Option<&'a QName> {
    schema
        .tables
        .get(table)?
        .constraints
        .iter()
        .find_map(|c| match &c.kind {
            crate::model::ConstraintKind::ForeignKey(fk) if c.name == name => Some(&fk.ref_table),
            _ => None,
        })
}

/// Drops that must wait until after the alterations: objects a kept, altered table (or
/// another deferred drop) still uses when the transaction starts.
fn deferred_drops(
    gp: &DepGraph,
    op: &[ObjectKey],
    dropped: &Changed,
    changed_tables: &BTreeSet<QName>,
    altered: &BTreeMap<ObjectKey, Vec<Step>>,
) -> BTreeSet<ObjectKey> {
    let mut deferred = BTreeSet::new();
    // Only a kept, altered object can make a drop wait (the rest follows from it).
    if changed_tables.is_empty() && altered.is_empty() {
        return deferred;
    }
    for key in op.iter().rev() {
        if !dropped.contains(key) {
            continue;
        }
        let wait = gp.dependents_of(key).any(|d| {
            deferred.contains(d)
                || matches!(d, ObjectKey::Table(q) if changed_tables.contains(q) && !dropped.contains(d))
                || (altered.contains_key(d) && !dropped.contains(d))
        });
        if wait {
            deferred.insert(key.clone());
        }
    }
    deferred
}

enum Change {
    Same,
    RecreateEnum,
    Steps(Vec<Step>),
    /// Steps, the generated columns recreated, and every column whose type changes
    /// (those recreated included).
    TableTypeChanged(Vec<Step>, Vec<String>, Vec<String>),
    Pre(Vec<Step>),
    Replace,
    Unsupported(Vec<String>),
}

/// An object that is created again whenever its `definition` changes; a change of its
/// comment alone is `COMMENT ON`.
fn replaced_unless_comment<T: PartialEq, D: PartialEq>(
    p: &T,
    n: &T,
    definition: impl Fn(&T) -> D,
    key: &ObjectKey,
) -> Change {
    if p == n {
        Change::Same
    } else if definition(p) == definition(n) {
        Change::Steps(vec![Step::Comment(key.clone())])
    } else {
        Change::Replace
    }
}

/// A `NOT VALID` foreign key that is otherwise unchanged and becomes valid: checked
/// in place (VALIDATE CONSTRAINT), not dropped and added again.
fn validated_foreign_key(prev: &Schema, next: &Schema, key: &ObjectKey) -> Option<Change> {
    let ObjectKey::ForeignKey(t, n) = key else {
        return None;
    };
    fn find<'s>(s: &'s Schema, t: &QName, n: &str) -> Option<&'s crate::model::Constraint> {
        s.tables.get(t)?.constraints.iter().find(|c| c.name == n)
    }
    let (p, c) = (find(prev, t, n)?, find(next, t, n)?);
    let same_otherwise = p.kind == c.kind && p.comment == c.comment;
    (p.not_valid && !c.not_valid && same_otherwise).then(|| {
        Change::Steps(vec![Step::AlterTable {
            table: t.clone(),
            changes: vec![TableChange::ValidateConstraint(n.clone())],
        }])
    })
}

/// A trigger that changes only in when it fires (enabled, disabled): switched in place.
fn trigger_state_only(prev: &Schema, next: &Schema, key: &ObjectKey) -> Option<Change> {
    let ObjectKey::Trigger(t, n) = key else {
        return None;
    };
    fn find<'s>(s: &'s Schema, t: &QName, n: &str) -> Option<&'s crate::model::Trigger> {
        s.tables.get(t)?.triggers.iter().find(|x| x.name == n)
    }
    let (p, c) = (find(prev, t, n)?, find(next, t, n)?);
    let same_otherwise = crate::model::Trigger {
        state: c.state.clone(),
        ..p.clone()
    } == *c;
    (p.state != c.state && same_otherwise).then(|| {
        Change::Steps(vec![Step::AlterTable {
            table: t.clone(),
            changes: vec![TableChange::TriggerState {
                trigger: n.clone(),
                state: c.state.clone(),
            }],
        }])
    })
}

/// A column going from one enum type to another has no cast between them: it goes
/// through `text` (`USING c::text::e2`), which keeps every label both types share.
fn cast_enums_through_text(prev: &Schema, next: &Schema, old: &Table, changes: &mut [TableChange]) {
    let is_enum = |s: &Schema, ty: &str| {
        let base = ty.trim_end_matches("[]");
        s.enums.keys().any(|q| q.sql() == base)
    };
    for change in changes {
        if let TableChange::AlterType {
            column, ty, via, ..
        } = change
        {
            let from = old
                .column(column)
                .map(|c| c.ty.as_str())
                .unwrap_or_default();
            let arrays = from.ends_with("[]") == ty.ends_with("[]");
            if arrays && is_enum(prev, from) && is_enum(next, ty) {
                *via = Some(if ty.ends_with("[]") { "text[]" } else { "text" }.to_string());
            }
        }
    }
}

fn compare(prev: &Schema, next: &Schema, key: &ObjectKey) -> Change {
    if let Some(change) = validated_foreign_key(prev, next, key) {
        return change;
    }
    if let Some(change) = trigger_state_only(prev, next, key) {
        return change;
    }
    match key {
        // An extended extern table is never altered; its triggers and policies are
        // compared as objects of their own.
        ObjectKey::Table(q) if prev.tables[q].external || next.tables[q].external => Change::Same,
        ObjectKey::Table(q) => {
            let mut d = table::diff_table(&prev.tables[q], &next.tables[q]);
            cast_enums_through_text(prev, next, &prev.tables[q], &mut d.changes);
            leave_dropped_publications(prev, next, &mut d.changes);
            d.changes.extend(partition_columns(
                prev,
                next,
                &prev.tables[q],
                &next.tables[q],
            ));
            let o = crate::model::GrantObject::Relation(q.clone());
            let acl = |s: &Schema| crate::model::acl_of(&s.tables[q].grants);
            let closed = newly_closed(prev, next, &o, &acl(prev), &acl(next));
            // Revokes before any grant: a table-wide revoke takes the columns with it.
            let at = d
                .changes
                .iter()
                .position(|c| matches!(c, TableChange::Grant(_)))
                .unwrap_or(d.changes.len());
            let fresh: Vec<TableChange> = closed
                .iter()
                .map(|g| TableChange::Revoke(g.clone()))
                .filter(|c| !d.changes.contains(c))
                .collect();
            d.changes.splice(at..at, fresh);
            for g in crate::model::column_regrants(&closed, &acl(next)) {
                if !d.changes.contains(&TableChange::Grant(g.clone())) {
                    d.changes.push(TableChange::Grant(g));
                }
            }
            if !d.unsupported.is_empty() {
                return Change::Unsupported(d.unsupported);
            }
            if d.changes.is_empty() {
                return Change::Same;
            }
            let steps = vec![Step::AlterTable {
                table: q.clone(),
                changes: d.changes,
            }];
            if d.type_changed {
                let mut columns = d.retyped;
                columns.extend(d.recreated.iter().cloned());
                Change::TableTypeChanged(steps, d.recreated, columns)
            } else {
                Change::Steps(steps)
            }
        }
        ObjectKey::Enum(q) => compare_enum(&prev.enums[q], &next.enums[q], key),
        ObjectKey::Domain(q) => {
            let (p, n) = (&prev.domains[q], &next.domains[q]);
            if p == n {
                Change::Same
            } else if p.ty == n.ty {
                Change::Steps(vec![Step::AlterDomain(q.clone())])
            } else {
                Change::Replace
            }
        }
        ObjectKey::Function(k) => {
            let (p, n) = (&prev.functions[k], &next.functions[k]);
            if p == n {
                Change::Same
            } else if p.returns == n.returns && p.args == n.args && p.procedure == n.procedure {
                let mut steps = vec![Step::ReplaceFunction(k.clone())];
                if p.comment != n.comment {
                    steps.push(Step::Comment(key.clone()));
                }
                Change::Steps(steps)
            } else {
                Change::Replace
            }
        }
        ObjectKey::Aggregate(k) => replaced_unless_comment(
            &prev.aggregates[k],
            &next.aggregates[k],
            |a| a.options.clone(),
            key,
        ),
        ObjectKey::Collation(q) => replaced_unless_comment(
            &prev.collations[q],
            &next.collations[q],
            |c| c.options.clone(),
            key,
        ),
        ObjectKey::Range(q) => {
            replaced_unless_comment(&prev.ranges[q], &next.ranges[q], |r| r.options.clone(), key)
        }
        ObjectKey::Composite(q) => replaced_unless_comment(
            &prev.composites[q],
            &next.composites[q],
            |c| c.attributes.clone(),
            key,
        ),
        // Members of a table or view compared whole: the comment alone is altered.
        ObjectKey::Rule(r, n) => replaced_unless_comment(
            &prev.rule_of(r, n),
            &next.rule_of(r, n),
            |x| {
                x.map(|x| Rule {
                    comment: None,
                    ..x.clone()
                })
            },
            key,
        ),
        ObjectKey::ViewTrigger(v, n) => replaced_unless_comment(
            &prev.trigger_of(v, n),
            &next.trigger_of(v, n),
            |x| {
                x.map(|x| Trigger {
                    comment: None,
                    ..x.clone()
                })
            },
            key,
        ),
        ObjectKey::Statistics(t, n) => replaced_unless_comment(
            &prev.statistics_of(t, n),
            &next.statistics_of(t, n),
            |x| {
                x.map(|x| Statistics {
                    comment: None,
                    ..x.clone()
                })
            },
            key,
        ),
        ObjectKey::ViewIndex(v, n) => replaced_unless_comment(
            &prev.index_of(v, n),
            &next.index_of(v, n),
            |x| {
                x.map(|x| crate::model::Index {
                    comment: None,
                    ..x.clone()
                })
            },
            key,
        ),
        ObjectKey::Sequence(q) => {
            if prev.sequences[q] == next.sequences[q] {
                Change::Same
            } else {
                Change::Steps(vec![Step::AlterSequence(q.clone())])
            }
        }
        ObjectKey::Seed(q) => compare_seed(prev, next, q),
        ObjectKey::Grants(o) => compare_grants(prev, next, o),
        ObjectKey::DefaultPrivileges(scope) => {
            let of = |s: &Schema| -> Vec<crate::model::DefaultPrivilege> {
                let d = s.default_privileges.iter();
                d.filter(|d| &d.scope() == scope).cloned().collect()
            };
            let (p, n) = (of(prev), of(next));
            if p == n {
                Change::Same
            } else {
                let grant = n.iter().filter(|d| !p.contains(d)).cloned().collect();
                let revoke = p.iter().filter(|d| !n.contains(d)).cloned().collect();
                Change::Steps(vec![Step::DefaultPrivileges {
                    scope: scope.clone(),
                    grant,
                    revoke,
                }])
            }
        }
        ObjectKey::Publication(name) => {
            let (p, n) = (&prev.publications[name], &next.publications[name]);
            let mut steps = Vec::new();
            if (&p.publish, p.via_root) != (&n.publish, n.via_root) {
                steps.push(Step::AlterPublication(name.clone()));
            }
            if p.comment != n.comment {
                steps.push(Step::Comment(key.clone()));
            }
            if steps.is_empty() {
                Change::Same
            } else {
                Change::Steps(steps)
            }
        }
        ObjectKey::Extension(e) => {
            if prev.extensions[e] == next.extensions[e] {
                Change::Same
            } else {
                Change::Unsupported(vec![format!(
                    "changing the schema or version of extension `{e}`"
                )])
            }
        }
        // Compared by their definitions: equal, different in the comment only, or (for a
        // policy) alterable in place; otherwise replaced. No fallback arm: a new kind of
        // object must say here how it is compared.
        ObjectKey::Schema(_)
        | ObjectKey::View(_)
        | ObjectKey::SequenceOwner(_)
        | ObjectKey::ForeignKey(..)
        | ObjectKey::Index(..)
        | ObjectKey::Trigger(..)
        | ObjectKey::Policy(..) => {
            let (p, n) = (definition(prev, key), definition(next, key));
            if p == n {
                Change::Same
            } else if strip_comment(p.clone()) == strip_comment(n.clone()) {
                Change::Steps(vec![Step::Comment(key.clone())])
            } else if let (ObjectKey::Index(t, name), true) =
                (key, strip_storage(p.clone()) == strip_storage(n.clone()))
            {
                // Storage parameters alone: set in place, no rebuild (the index takes
                // them as it is written to, or at its next REINDEX).
                let mut steps = vec![Step::AlterIndexStorage(t.clone(), name.clone())];
                if p.get("comment") != n.get("comment") {
                    steps.push(Step::Comment(key.clone()));
                }
                Change::Steps(steps)
            } else if let Some(q) = match key {
                ObjectKey::View(q)
                    if prev.views[q].materialized
                        && next.views[q].materialized
                        && strip_options(p.clone()) == strip_options(n.clone()) =>
                {
                    Some(q)
                }
                _ => None,
            } {
                // A materialized view's storage parameters alone: set in place, its rows
                // kept (recreating it would compute them again).
                let mut steps = vec![Step::AlterViewStorage(q.clone())];
                if p.get("comment") != n.get("comment")
                    || p.get("column_comments") != n.get("column_comments")
                {
                    steps.push(Step::Comment(key.clone()));
                }
                Change::Steps(steps)
            } else if let ObjectKey::Policy(t, name) = key {
                // ALTER POLICY can change roles and expressions, not command or kind.
                let same_kind = p.get("command") == n.get("command")
                    && p.get("restrictive") == n.get("restrictive");
                // ALTER POLICY can set USING / WITH CHECK but not remove them.
                let can_clear = (p.get("using").is_none() || n.get("using").is_some())
                    && (p.get("with_check").is_none() || n.get("with_check").is_some());
                if same_kind && can_clear {
                    let mut steps = vec![Step::AlterPolicy(t.clone(), name.clone())];
                    if p.get("comment") != n.get("comment") {
                        steps.push(Step::Comment(key.clone()));
                    }
                    Change::Steps(steps)
                } else {
                    Change::Replace
                }
            } else {
                Change::Replace
            }
        }
    }
}

fn compare_enum(p: &crate::model::Enum, n: &crate::model::Enum, key: &ObjectKey) -> Change {
    if p.values == n.values {
        return if p.comment == n.comment {
            Change::Same
        } else {
            Change::Steps(vec![Step::Comment(key.clone())])
        };
    }
    // Only additions keep the old labels in their order.
    let kept: Vec<&String> = n.values.iter().filter(|v| p.values.contains(v)).collect();
    if kept.len() != p.values.len() || kept.iter().zip(&p.values).any(|(a, b)| *a != b) {
        return Change::RecreateEnum;
    }
    let mut steps = Vec::new();
    for (i, v) in n.values.iter().enumerate() {
        if p.values.contains(v) {
            continue;
        }
        let before = n.values[i + 1..]
            .iter()
            .find(|x| p.values.contains(x))
            .cloned();
        steps.push(Step::AddEnumValue {
            name: n.name.clone(),
            value: v.clone(),
            before,
        });
    }
    if p.comment != n.comment {
        return Change::Unsupported(vec![format!(
            "changing the comment of enum `{}` together with its values",
            n.name
        )]);
    }
    Change::Pre(steps)
}

fn compare_seed(prev: &Schema, next: &Schema, q: &QName) -> Change {
    let (Some(p), Some(n)) = (&prev.tables[q].seed, &next.tables[q].seed) else {
        return Change::Same;
    };
    if p == n {
        return Change::Same;
    }
    if p.key != n.key || p.columns != n.columns {
        return Change::Replace;
    }
    let old: BTreeMap<Vec<String>, &Vec<String>> =
        p.rows.iter().map(|r| (key_of(p, r), r)).collect();
    let new_keys: BTreeSet<Vec<String>> = n.rows.iter().map(|r| key_of(n, r)).collect();
    let upsert: Vec<Vec<String>> = n
        .rows
        .iter()
        .filter(|r| old.get(&key_of(n, r)) != Some(r))
        .cloned()
        .collect();
    let delete: Vec<Vec<String>> = old
        .keys()
        .filter(|k| !new_keys.contains(*k))
        .cloned()
        .collect();
    Change::Steps(vec![Step::SeedRows {
        table: q.clone(),
        upsert,
        delete,
    }])
}

/// A comparable form of any object (JSON of its model value).
fn definition(schema: &Schema, key: &ObjectKey) -> serde_json::Value {
    let v = match key {
        ObjectKey::Schema(s) => serde_json::to_value(&schema.schemas[s]),
        ObjectKey::Domain(q) => serde_json::to_value(&schema.domains[q]),
        // A view's indexes and triggers are objects of their own.
        ObjectKey::View(q) => serde_json::to_value(crate::model::View {
            indexes: Vec::new(),
            triggers: Vec::new(),
            ..schema.views[q].clone()
        }),
        ObjectKey::SequenceOwner(q) => serde_json::to_value(&schema.sequences[q].owned_by),
        ObjectKey::ForeignKey(t, n)
        | ObjectKey::Index(t, n)
        | ObjectKey::Trigger(t, n)
        | ObjectKey::Policy(t, n) => {
            let t = &schema.tables[t];
            match key {
                ObjectKey::ForeignKey(..) => {
                    serde_json::to_value(t.constraints.iter().find(|c| &c.name == n))
                }
                ObjectKey::Index(..) => {
                    serde_json::to_value(t.indexes.iter().find(|c| &c.name == n))
                }
                ObjectKey::Trigger(..) => {
                    serde_json::to_value(t.triggers.iter().find(|c| &c.name == n))
                }
                _ => serde_json::to_value(t.policies.iter().find(|c| &c.name == n)),
            }
        }
        ObjectKey::Extension(_)
        | ObjectKey::Publication(_)
        | ObjectKey::Collation(_)
        | ObjectKey::Enum(_)
        | ObjectKey::Composite(_)
        | ObjectKey::Range(_)
        | ObjectKey::Sequence(_)
        | ObjectKey::Function(_)
        | ObjectKey::Aggregate(_)
        | ObjectKey::Table(_)
        | ObjectKey::ViewIndex(..)
        | ObjectKey::ViewTrigger(..)
        | ObjectKey::Rule(..)
        | ObjectKey::Statistics(..)
        | ObjectKey::Seed(_)
        | ObjectKey::Grants(_)
        | ObjectKey::DefaultPrivileges(_) => {
            unreachable!("{key} is compared by its own arm of `compare`, not by definition")
        }
    };
    v.unwrap_or(serde_json::Value::Null)
}

/// What default privileges (the platform's or the project's) gave `o` when it was
/// created that `next` takes back and `prev` did not: an object created before schemac
/// knew of those defaults (an older migration, `api-default-grants` turned on) still
/// holds them, so they are revoked now. The reverse diff finds nothing here, so a
/// rollback never gives them back.
fn newly_closed(
    prev: &Schema,
    next: &Schema,
    o: &crate::model::GrantObject,
    prev_acl: &crate::model::Acl,
    next_acl: &crate::model::Acl,
) -> Vec<crate::model::TableGrant> {
    use crate::model::acl_delta;
    let (was, _) = acl_delta(&prev.implied_acl(o), prev_acl);
    let (now, _) = acl_delta(&next.implied_acl(o), next_acl);
    now.into_iter().filter(|g| !was.contains(g)).collect()
}

/// The fewest grants and revokes that turn `prev`'s privileges on `o` into `next`'s:
/// nothing that stays is revoked and granted again.
fn compare_grants(prev: &Schema, next: &Schema, o: &crate::model::GrantObject) -> Change {
    use crate::model::{acl_delta, ObjectGrant};
    let (revokes, grants) = acl_delta(&prev.object_acl(o), &next.object_acl(o));
    let mut revoke: Vec<ObjectGrant> = revokes.into_iter().map(|g| ObjectGrant::on(o, g)).collect();
    let mut grant: Vec<ObjectGrant> = grants.into_iter().map(|g| ObjectGrant::on(o, g)).collect();
    let (p, n) = (prev.revoked_of(o), next.revoked_of(o));
    revoke.extend(n.iter().filter(|r| !p.contains(r)).map(|r| (*r).clone()));
    grant.extend(p.iter().filter(|r| !n.contains(r)).map(|r| (*r).clone()));
    for g in newly_closed(prev, next, o, &prev.object_acl(o), &next.object_acl(o)) {
        let g = ObjectGrant::on(o, g);
        if !revoke.contains(&g) {
            revoke.push(g);
        }
    }
    if grant.is_empty() && revoke.is_empty() {
        return Change::Same;
    }
    Change::Steps(vec![Step::Grants {
        object: o.clone(),
        grant,
        revoke,
    }])
}

/// An index's definition without its storage parameters and comment.
fn strip_storage(v: serde_json::Value) -> serde_json::Value {
    let mut v = strip_comment(v);
    if let Some(o) = v.as_object_mut() {
        o.remove("storage");
    }
    v
}

/// A view's definition without its options and comments.
fn strip_options(v: serde_json::Value) -> serde_json::Value {
    let mut v = strip_comment(v);
    if let Some(o) = v.as_object_mut() {
        o.remove("options");
    }
    v
}

/// A definition without its comments (a view's columns' too): what a change of
/// comments alone leaves equal.
fn strip_comment(mut v: serde_json::Value) -> serde_json::Value {
    if let Some(o) = v.as_object_mut() {
        o.remove("comment");
        o.remove("column_comments");
    }
    v
}

/// A table does not leave a publication that is dropped: `DROP PUBLICATION` takes its
/// tables out, and `ALTER PUBLICATION … DROP TABLE` after it would fail.
fn leave_dropped_publications(prev: &Schema, next: &Schema, changes: &mut Vec<TableChange>) {
    for c in changes.iter_mut() {
        if let TableChange::Publications { drop, .. } = c {
            drop.retain(|p| {
                !prev.publications.contains_key(p) || next.publications.contains_key(p)
            });
        }
    }
    changes.retain(|c| {
        !matches!(c, TableChange::Publications { add, drop } if add.is_empty() && drop.is_empty())
    });
}

/// What a partition's columns hold to beyond its parent's, changed: NOT NULL set or
/// dropped, a default of its own set or given back (the parent's again). The parent's
/// own `ALTER COLUMN` runs first and reaches every partition, so a partition that
/// keeps a default or NOT NULL of its own while the parent's changes sets it again.
fn partition_columns(
    prev: &Schema,
    next: &Schema,
    prev_t: &Table,
    next_t: &Table,
) -> Vec<TableChange> {
    let (Some(p), Some(n)) = (&prev_t.partition_of, &next_t.partition_of) else {
        return Vec::new();
    };
    let Some(parent) = next.tables.get(&n.parent) else {
        return Vec::new();
    };
    let old_parent = prev.tables.get(&p.parent);
    let own = |list: &[crate::model::PartitionColumn], name: &str| {
        list.iter().find(|c| c.name == name).cloned()
    };
    let mut out = Vec::new();
    for c in &parent.columns {
        let (before, after) = (own(&p.columns, &c.name), own(&n.columns, &c.name));
        let old = old_parent.and_then(|t| t.column(&c.name));
        let parent_default_changed = old.is_some_and(|o| o.default != c.default);
        let parent_null_changed = old.is_some_and(|o| o.not_null != c.not_null);
        let keeps_default = after.as_ref().is_some_and(|o| o.default.is_some());
        let keeps_not_null = after.as_ref().is_some_and(|o| o.not_null);
        let not_null = |o: &Option<crate::model::PartitionColumn>| {
            o.as_ref().is_some_and(|o| o.not_null) || c.not_null
        };
        let default = |o: &Option<crate::model::PartitionColumn>| {
            o.as_ref()
                .and_then(|o| o.default.clone())
                .or_else(|| c.default.clone())
        };
        if default(&before) != default(&after) || (parent_default_changed && keeps_default) {
            out.push(TableChange::SetDefault {
                column: c.name.clone(),
                default: default(&after),
            });
        }
        if not_null(&before) != not_null(&after) || (parent_null_changed && keeps_not_null) {
            out.push(TableChange::SetNotNull {
                column: c.name.clone(),
                not_null: not_null(&after),
            });
        }
    }
    out
}
