//! Online forms of a plan: the steps that would hold a lock for the length of a scan or
//! an index build on a table that already has rows are rewritten so that reads and
//! writes go on while they run (`online = true`, the default).
//!
//! - an index of an existing table is built `CONCURRENTLY` after the transaction, and
//!   one the new schema drops is dropped `CONCURRENTLY`;
//! - a UNIQUE or PRIMARY KEY constraint gets its unique index built `CONCURRENTLY`,
//!   then takes it over with `ADD CONSTRAINT … USING INDEX`;
//! - a CHECK or foreign key is added `NOT VALID` in the transaction and validated in
//!   a transaction of its own after it commits (VALIDATE takes SHARE UPDATE EXCLUSIVE);
//! - `SET NOT NULL` goes through a validated `CHECK (c IS NOT NULL)`, which lets
//!   PostgreSQL skip its scan under ACCESS EXCLUSIVE; the CHECK is dropped after.
//!
//! - the transaction locks the tables it alters first, referencing tables before the
//!   tables they reference ([`super::locks`]), so it cannot deadlock with the
//!   application's foreign-key checks.
//!
//! Each rewritten part lands in [`Plan::post`], where every step runs on its own. A
//! step stays in the transaction where moving it would break the plan or a guarantee:
//! a new object of the same transaction needs it (a foreign key needs the unique key
//! it references), it replaces an object of the same name (a unique index would be
//! missing for a moment), or PostgreSQL has no online form for the table (partitioned
//! tables and partitions, exclusion constraints).

use super::{Plan, Step, TableChange};
use crate::graph::ObjectKey;
use crate::model::{Constraint, ConstraintKind, QName, Schema, Table};
use std::collections::BTreeSet;

/// The online form of `plan`, which turns `prev` into `next`.
pub fn online(plan: Plan, prev: &Schema, next: &Schema) -> Plan {
    let mut facts = Facts::of(&plan, prev, next);
    facts.settled_drops = settled_drops(&plan, prev, &facts);
    let mut main = Vec::with_capacity(plan.steps.len());
    let (mut builds, mut validations, mut drops) = (Vec::new(), Vec::new(), Vec::new());
    for step in plan.steps {
        match step {
            Step::Create(ObjectKey::Index(t, n)) if facts.concurrent_build(&t, &n) => {
                builds.push(Step::CreateIndexConcurrently(t, n))
            }
            Step::Drop(ObjectKey::Index(t, n)) if facts.concurrent_drop(&t, &n) => {
                drops.push(Step::DropIndexConcurrently(t, n))
            }
            Step::AddForeignKeyValidated(t, n) if facts.online_table(&t) => {
                // One declared `not valid` stays so.
                if next.tables[&t]
                    .constraints
                    .iter()
                    .any(|c| c.name == n && !c.not_valid)
                {
                    validations.push(validate(&t, n.clone()));
                }
                main.push(Step::AddForeignKeyNotValid(t, n));
            }
            Step::AlterTable { table, changes } if facts.online_table(&table) => {
                let kept = facts.split(&table, changes, &mut builds, &mut validations);
                if !kept.is_empty() {
                    main.push(Step::AlterTable {
                        table,
                        changes: kept,
                    });
                }
            }
            other => main.push(other),
        }
    }
    let mut post = builds;
    post.extend(validations);
    post.extend(plan.post);
    post.extend(drops);
    let plan = Plan {
        pre: plan.pre,
        steps: main,
        post,
    };
    super::locks::ordered(plan, prev, next)
}

/// The index drops of `plan` that may wait until after its transaction: on an online
/// table, with no index or constraint of the same name created, and none of what the
/// index depends on (besides its table) dropped or recreated by the plan.
fn settled_drops(plan: &Plan, prev: &Schema, facts: &Facts) -> BTreeSet<ObjectKey> {
    let candidates: Vec<&ObjectKey> = plan
        .steps
        .iter()
        .filter_map(|s| match s {
            Step::Drop(k @ ObjectKey::Index(t, n))
                if facts.online_table(t)
                    && !facts.created_names.contains(&(t.schema.clone(), n.clone())) =>
            {
                Some(k)
            }
            _ => None,
        })
        .collect();
    if candidates.is_empty() {
        return BTreeSet::new();
    }
    let mut touched: BTreeSet<ObjectKey> = BTreeSet::new();
    // Tables whose columns change type or go: an index there is dropped first, before
    // it would be rebuilt or stand in the way of a type conversion.
    let mut rewritten: BTreeSet<&QName> = BTreeSet::new();
    for step in plan.all() {
        match step {
            Step::Drop(k) => {
                touched.insert(k.clone());
            }
            Step::RecreateEnum { name, columns, .. } => {
                touched.insert(ObjectKey::Enum(name.clone()));
                rewritten.extend(columns.iter().map(|(t, _, _)| t));
            }
            Step::AlterTable { table, changes }
                if changes.iter().any(|c| {
                    matches!(
                        c,
                        TableChange::AlterType { .. }
                            | TableChange::DropColumn(_)
                            | TableChange::RecreateColumn(_)
                    )
                }) =>
            {
                rewritten.insert(table);
            }
            _ => {}
        }
    }
    let graph = crate::graph::DepGraph::build(prev);
    candidates
        .into_iter()
        .filter(|k| {
            !matches!(k, ObjectKey::Index(t, _) if rewritten.contains(t))
                && graph
                    .dependencies_of(k)
                    .all(|d| matches!(d, ObjectKey::Table(_)) || !touched.contains(d))
        })
        .cloned()
        .collect()
}

/// `ALTER TABLE t VALIDATE CONSTRAINT n` as a step of its own.
fn validate(t: &QName, n: String) -> Step {
    Step::AlterTable {
        table: t.clone(),
        changes: vec![TableChange::ValidateConstraint(n)],
    }
}

/// What the rewrite asks of the whole plan.
struct Facts<'a> {
    prev: &'a Schema,
    next: &'a Schema,
    /// Tables the plan creates or drops (nothing of theirs is online).
    replaced_tables: BTreeSet<QName>,
    /// Tables that a foreign key created in this plan references.
    referenced: BTreeSet<QName>,
    /// Index and constraint names the plan creates, by schema.
    created_names: BTreeSet<(String, String)>,
    /// Index names the plan drops, by schema.
    dropped_names: BTreeSet<(String, String)>,
    /// Indexes the plan drops that nothing else of the plan waits for: none of what
    /// they depend on (an extension's operator class, an enum, a function) is dropped
    /// or recreated, so they can go after the transaction.
    settled_drops: BTreeSet<ObjectKey>,
}

impl<'a> Facts<'a> {
    fn of(plan: &Plan, prev: &'a Schema, next: &'a Schema) -> Self {
        let mut f = Facts {
            prev,
            next,
            replaced_tables: BTreeSet::new(),
            referenced: BTreeSet::new(),
            created_names: BTreeSet::new(),
            dropped_names: BTreeSet::new(),
            settled_drops: BTreeSet::new(),
        };
        for step in plan.all() {
            match step {
                Step::Create(ObjectKey::Table(q)) | Step::Drop(ObjectKey::Table(q)) => {
                    f.replaced_tables.insert(q.clone());
                }
                Step::Create(ObjectKey::ForeignKey(t, n))
                | Step::AddForeignKeyValidated(t, n)
                | Step::AddForeignKeyNotValid(t, n) => {
                    f.referenced.extend(super::fk_target(next, t, n).cloned());
                }
                Step::Create(ObjectKey::Index(t, n)) => {
                    f.created_names.insert((t.schema.clone(), n.clone()));
                }
                Step::Drop(ObjectKey::Index(t, n)) => {
                    f.dropped_names.insert((t.schema.clone(), n.clone()));
                }
                Step::AlterTable { table, changes } => {
                    for c in changes {
                        if let TableChange::AddConstraint(c) = c {
                            f.created_names
                                .insert((table.schema.clone(), c.name.clone()));
                        }
                    }
                }
                _ => {}
            }
        }
        f
    }

    /// A table that exists before and after, is not created or dropped by the plan,
    /// and has online forms (not partitioned, not a partition).
    fn online_table(&self, t: &QName) -> bool {
        let plain = |s: &Schema| {
            s.tables
                .get(t)
                .is_some_and(|t| t.partition_by.is_none() && t.partition_of.is_none())
        };
        plain(self.prev) && plain(self.next) && !self.replaced_tables.contains(t)
    }

    fn concurrent_build(&self, t: &QName, n: &str) -> bool {
        let Some(i) = self.next.index_of(t, n) else {
            return false;
        };
        let replaces = self
            .dropped_names
            .contains(&(t.schema.clone(), n.to_string()));
        self.online_table(t) && !(i.unique && (replaces || self.referenced.contains(t)))
    }

    fn concurrent_drop(&self, t: &QName, n: &str) -> bool {
        self.settled_drops
            .contains(&ObjectKey::Index(t.clone(), n.to_string()))
    }

    /// Splits one table's changes: what stays in the transaction is returned, the
    /// online parts go to `builds` and `validations`.
    fn split(
        &self,
        table: &QName,
        changes: Vec<TableChange>,
        builds: &mut Vec<Step>,
        validations: &mut Vec<Step>,
    ) -> Vec<TableChange> {
        let (before, after) = (&self.prev.tables[table], &self.next.tables[table]);
        let dropped: BTreeSet<&str> = changes
            .iter()
            .filter_map(|c| match c {
                TableChange::DropConstraint(n) => Some(n.as_str()),
                _ => None,
            })
            .collect();
        let identity: BTreeSet<&str> = changes
            .iter()
            .filter_map(|c| match c {
                TableChange::AddIdentity { column, .. } => Some(column.as_str()),
                _ => None,
            })
            .collect();
        let mut kept = Vec::with_capacity(changes.len());
        let mut finish = Vec::new();
        for change in changes.iter().cloned() {
            match change {
                TableChange::AddConstraint(c)
                    if !c.not_valid && matches!(c.kind, ConstraintKind::Check { .. }) =>
                {
                    validations.push(validate(table, c.name.clone()));
                    kept.push(TableChange::AddConstraint(Constraint {
                        not_valid: true,
                        ..c
                    }));
                }
                TableChange::AddConstraint(c)
                    if !dropped.contains(c.name.as_str())
                        && !self.referenced.contains(table)
                        && key_online(before, &c) =>
                {
                    builds.push(Step::BuildConstraintIndex(table.clone(), c.name.clone()));
                    builds.push(Step::AttachConstraintIndex(table.clone(), c.name));
                }
                TableChange::ValidateConstraint(n) => validations.push(validate(table, n)),
                TableChange::SetNotNull {
                    column,
                    not_null: true,
                } if !identity.contains(column.as_str()) && !new_key_covers(&changes, &column) => {
                    let check = not_null_check(after, &column);
                    validations.push(validate(table, check.name.clone()));
                    finish.push(Step::AlterTable {
                        table: table.clone(),
                        changes: vec![TableChange::SetNotNullChecked {
                            column,
                            check: check.name.clone(),
                        }],
                    });
                    kept.push(TableChange::AddConstraint(check));
                }
                other => kept.push(other),
            }
        }
        validations.extend(finish);
        kept
    }
}

/// A UNIQUE or PRIMARY KEY constraint that can take over a concurrently built index
/// (not a deferrable one, whose index PostgreSQL builds apart); a primary key only over columns that are already NOT NULL (else adding it scans for
/// NULLs under ACCESS EXCLUSIVE all the same).
fn key_online(before: &Table, c: &Constraint) -> bool {
    if c.deferrable {
        return false;
    }
    match &c.kind {
        ConstraintKind::Unique { .. } => true,
        ConstraintKind::PrimaryKey { columns } => columns
            .iter()
            .all(|col| before.columns.iter().any(|x| &x.name == col && x.not_null)),
        _ => false,
    }
}

/// Whether a primary key added in the same changes covers `column` (it sets NOT NULL
/// itself).
fn new_key_covers(changes: &[TableChange], column: &str) -> bool {
    changes.iter().any(|c| {
        matches!(c, TableChange::AddConstraint(Constraint {
            kind: ConstraintKind::PrimaryKey { columns }, ..
        }) if columns.iter().any(|x| x == column))
    })
}

/// The `CHECK (column IS NOT NULL) NOT VALID` that lets `SET NOT NULL` skip its scan,
/// named so that it meets none of the table's own constraints.
fn not_null_check(t: &Table, column: &str) -> Constraint {
    let mut base: String = column.chars().take(40).collect();
    base = format!("schemac_{base}_not_null");
    let mut name = base.clone();
    let mut n = 1;
    while t.constraints.iter().any(|c| c.name == name) {
        n += 1;
        name = format!("{base}{n}");
    }
    Constraint {
        name,
        kind: ConstraintKind::Check {
            expr: format!("{} IS NOT NULL", crate::model::quote_ident(column)),
        },
        not_valid: true,
        deferrable: false,
        initially_deferred: false,
        no_inherit: false,
        comment: None,
    }
}
