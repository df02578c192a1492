//! Pass 3: tables, with mixins expanded, inline constraints lifted to table
//! constraints, and PostgreSQL-style default names chosen.

use super::defaults::implied_table_grants;
use super::objects::{check_roles, check_schema};
use super::{mixins, naming, qualify, types::resolve_type, Cx};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::model::{self, quote_ident, ConstraintKind, QName};
use crate::sqltext::split_top_level;
use crate::syntax::ast::{self, ColumnConstraintKind, ItemKind, MemberKind};
use std::collections::BTreeSet;

pub(crate) fn run(cx: &mut Cx) {
    let items = cx.items.clone();
    let tables: Vec<(&ast::Table, &Option<String>)> = items
        .iter()
        .filter_map(|item| match &item.kind {
            ItemKind::Table(t) => Some((t, &item.docs)),
            _ => None,
        })
        .collect();
    // Children after the tables they inherit from.
    let (roots, children) = super::inheritance::order(cx, &tables);
    lower_tables(cx, &roots);
    for (t, docs) in children {
        lower_table(cx, t, (*docs).clone());
    }
    close_rls_partitions(cx);
}

/// A partition of a table with row level security starts with no grants (see
/// [`model::Schema::baseline_acl`]): what default privileges gave it is revoked when it is
/// created, so the API roles reach its rows only through the parent's policies.
fn close_rls_partitions(cx: &mut Cx) {
    let closed: Vec<QName> = cx
        .schema
        .tables
        .keys()
        .filter(|q| cx.schema.is_rls_partition(q))
        .cloned()
        .collect();
    for q in closed {
        if let Some(t) = cx.schema.tables.get_mut(&q) {
            t.grants.clear();
        }
    }
}

/// Tables at least this many to a core are lowered in parallel.
const TABLES_PER_CORE: usize = 256;

/// Lowers the tables. Each is lowered from its own declaration and what the earlier
/// passes found, never from another table, so large projects spread them over the
/// cores: each core lowers a contiguous share into a forked context, and the shares are
/// absorbed in declaration order, so the result (diagnostics included) is the same as
/// lowering them one by one.
fn lower_tables<'a>(cx: &mut Cx<'a>, tables: &[(&'a ast::Table, &'a Option<String>)]) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = cores.min(tables.len() / TABLES_PER_CORE).max(1);
    let share = tables.len().div_ceil(workers).max(1);
    let mut shares = tables.chunks(share);
    let first = shares.next().unwrap_or_default();
    let rest: Vec<Cx> = std::thread::scope(|scope| {
        let handles: Vec<_> = shares
            .map(|mine| {
                let mut fork = cx.fork();
                scope.spawn(move || {
                    for (t, docs) in mine {
                        lower_table(&mut fork, t, (*docs).clone());
                    }
                    fork
                })
            })
            .collect();
        for (t, docs) in first {
            lower_table(cx, t, (*docs).clone());
        }
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    for fork in rest {
        cx.absorb(fork);
    }
}

/// The constraint and index names `members` give explicitly (a column's constraints'
/// too).
pub(super) fn explicit_names<'m>(
    members: impl Iterator<Item = &'m ast::Member>,
) -> BTreeSet<String> {
    let mut taken = BTreeSet::new();
    for m in members {
        match &m.kind {
            MemberKind::Constraint(ast::Constraint { name: Some(n), .. })
            | MemberKind::Index(ast::Index { name: Some(n), .. }) => {
                taken.insert(n.name.clone());
            }
            MemberKind::Column(c) => {
                taken.extend(
                    c.constraints
                        .iter()
                        .filter_map(|cc| cc.name.as_ref())
                        .map(|n| n.name.clone()),
                );
            }
            _ => {}
        }
    }
    taken
}

/// A table's constraints, indexes, policies and triggers in name order, as the model
/// keeps them.
pub(super) fn sort_members(table: &mut model::Table) {
    table.constraints.sort_by(|a, b| a.name.cmp(&b.name));
    table.indexes.sort_by(|a, b| a.name.cmp(&b.name));
    table.policies.sort_by(|a, b| a.name.cmp(&b.name));
    table.triggers.sort_by(|a, b| a.name.cmp(&b.name));
    table.statistics.sort_by(|a, b| a.name.cmp(&b.name));
}

pub(crate) fn unknown_table(name: &QName, span: Span) -> Diagnostic {
    Diagnostic::error(Code::UnknownTable, span, format!("unknown table `{name}`"))
        .with_label("no table or extern table has this name")
}

/// Names already used for constraints in this table (and the table name itself).
/// The constraint and index names a table has taken, for PostgreSQL's default names.
pub(crate) struct Names {
    pub(crate) taken: BTreeSet<String>,
}

fn lower_table<'a>(cx: &mut Cx<'a>, t: &'a ast::Table, docs: Option<String>) {
    if t.extend {
        return lower_extension(cx, t, docs);
    }
    let q = qualify(&t.name);
    check_schema(cx, &q.schema, t.name.span);
    cx.origins.insert(format!("table {q}"), t.name.span);
    if let Some(old) = &t.renamed_from {
        let old = QName::new(
            old.schema
                .as_ref()
                .map_or(q.schema.clone(), |s| s.name.clone()),
            old.name.name.clone(),
        );
        cx.renames.tables.push((old, q.clone()));
    }
    let members = mixins::expand(cx, t);
    let mut table = model::Table::new(q.clone());
    let (parents, inherited) = super::inheritance::parents(cx, t);
    table.inherits = parents;
    table.grants = implied_table_grants(&cx.schema.default_privileges, &q.schema);
    table.unlogged = t.unlogged;
    table.comment = docs;
    // Explicit names first, so generated ones avoid them.
    let mut names = Names {
        taken: explicit_names(members.iter().map(|m| m.as_ref())),
    };
    let mut pk_span: Option<Span> = None;
    for m in &members {
        if let MemberKind::Column(c) = &m.kind {
            lower_column(cx, &mut table, &mut names, c, m.docs.clone(), &mut pk_span);
        }
    }
    let borrowed = super::inheritance::borrow(cx, &mut table, t, inherited);
    for m in &members {
        match &m.kind {
            MemberKind::Column(_) | MemberKind::Use { .. } => {}
            MemberKind::Constraint(c) => lower_constraint(
                cx,
                &mut table,
                &mut names,
                c,
                m.docs.clone(),
                m.span,
                &mut pk_span,
            ),
            MemberKind::Index(i) => {
                super::indexes::lower_index(cx, &mut table, &mut names, i, m.docs.clone(), m.span)
            }
            MemberKind::Rls { enabled, forced } => {
                table.rls |= *enabled;
                table.force_rls |= *forced;
            }
            MemberKind::Storage(params) => lower_storage(cx, &mut table, params),
            MemberKind::CheckParents => {
                cx.parents.insert(q.clone(), m.span);
            }
            MemberKind::ReplicaIdentity(full) => {
                table.replica_identity = Some(if *full { "FULL" } else { "NOTHING" }.into());
            }
            MemberKind::Policy(p) => lower_policy(cx, &mut table, p, m.docs.clone()),
            MemberKind::Trigger(tr) => lower_trigger(cx, &mut table, tr, m.docs.clone()),
            MemberKind::Statistics {
                name,
                kinds,
                targets,
            } => super::statistics::lower(
                cx,
                &mut table,
                name,
                kinds,
                targets,
                m.docs.clone(),
                m.span,
            ),
            MemberKind::Grant {
                privileges,
                roles,
                grantable,
            } => super::privileges::grant_table(cx, &mut table, privileges, roles, *grantable),
            // After every grant, below.
            MemberKind::Revoke { .. } => {}
            MemberKind::Seed {
                columns: cols,
                key,
                rows,
            } => lower_seed(cx, &mut table, cols, key, rows, m.span),
            MemberKind::PartitionBy { strategy, key } => {
                table.partition_by = Some(model::PartitionBy {
                    strategy: strategy.to_ascii_uppercase(),
                    key: key.text.clone(),
                });
            }
            MemberKind::PartitionOf { .. } => {}
            MemberKind::Publications(names) => lower_publications(cx, &mut table, names),
            MemberKind::PartitionColumn { name, .. } => cx.diags.push(
                Diagnostic::error(
                    Code::BadPartition,
                    name.span,
                    format!("`column {}` is not a partition's", name.name),
                )
                .with_label("only a partition's body adds to its parent's columns")
                .with_note("help: declare the column's NOT NULL and default on the column itself"),
            ),
        }
    }
    for m in &members {
        if let MemberKind::Revoke { privileges, roles } = &m.kind {
            super::privileges::revoke_table(cx, &mut table, privileges, roles);
        }
    }
    sort_members(&mut table);
    let members: Vec<&ast::Member> = members.iter().map(|m| m.as_ref()).collect();
    super::partitions::lower(cx, t, &table, &members);
    table.columns.retain(|c| !borrowed.contains(&c.name));
    check_name_len(cx, &q.name, t.name.span);
    cx.schema.tables.insert(q, table);
}

/// `extend table`: this project's triggers and policies on an extern table. Nothing
/// else may be declared there: the table belongs to someone else.
fn lower_extension<'a>(cx: &mut Cx<'a>, t: &'a ast::Table, docs: Option<String>) {
    let q = qualify(&t.name);
    let Some(columns) = cx.externs.tables.get(&q).cloned() else {
        cx.diags.push(
            unknown_table(&q, t.name.span)
                .with_label("not an extern table")
                .with_note(format!(
                    "help: `extend table` adds triggers and policies to a table the project does not manage; declare it with `extern table {q} (…)`, or make it a `table`"
                )),
        );
        return;
    };
    cx.origins.insert(format!("table {q}"), t.name.span);
    if docs.is_some() {
        cx.diags.push(
            Diagnostic::error(
                Code::BadOption,
                t.name.span,
                "a `///` comment on `extend table` would change the comment of a table the project does not manage",
            )
            .with_note("help: document the triggers and policies instead"),
        );
    }
    let mut table = model::Table::new(q.clone());
    table.external = true;
    table.columns = columns
        .into_iter()
        .map(|(name, ty)| model::Column {
            name,
            ty,
            not_null: false,
            default: None,
            identity: None,
            identity_options: Default::default(),
            generated: None,
            collation: None,
            statistics: None,
            storage: None,
            comment: None,
        })
        .collect();
    for m in mixins::expand(cx, t) {
        match &m.kind {
            MemberKind::Policy(p) => lower_policy(cx, &mut table, p, m.docs.clone()),
            MemberKind::Trigger(tr) => lower_trigger(cx, &mut table, tr, m.docs.clone()),
            MemberKind::Use { .. } => {}
            _ => cx.diags.push(
                Diagnostic::error(
                    Code::BadOption,
                    m.span,
                    format!("`extend table {q}` can only add triggers and policies"),
                )
                .with_label("not a trigger or policy")
                .with_note("help: columns, constraints, indexes, RLS and grants of an extern table belong to whoever manages it"),
            ),
        }
    }
    table.policies.sort_by(|a, b| a.name.cmp(&b.name));
    table.triggers.sort_by(|a, b| a.name.cmp(&b.name));
    cx.schema.tables.insert(q, table);
}

pub(crate) fn check_name_len(cx: &mut Cx, name: &str, span: Span) {
    if name.len() > naming::MAX_IDENT {
        cx.diags.push(
            Diagnostic::error(
                Code::NameTooLong,
                span,
                format!(
                    "`{name}` is {} bytes long; PostgreSQL truncates names to 63 bytes",
                    name.len()
                ),
            )
            .with_note(
                "help: choose a shorter name (for constraints and indexes, give one explicitly)",
            ),
        );
    }
}

fn lower_column(
    cx: &mut Cx,
    table: &mut model::Table,
    names: &mut Names,
    c: &ast::Column,
    docs: Option<String>,
    pk_span: &mut Option<Span>,
) {
    if table.column(&c.name.name).is_some() {
        cx.diags.push(
            Diagnostic::error(
                Code::DuplicateColumn,
                c.name.span,
                format!(
                    "column `{}` is declared twice in table `{}`",
                    c.name.name, table.name
                ),
            )
            .with_label("declared again here"),
        );
        return;
    }
    check_name_len(cx, &c.name.name, c.name.span);
    let mut col = model::Column {
        name: c.name.name.clone(),
        ty: resolve_type(cx, &c.ty),
        not_null: false,
        default: None,
        identity: None,
        identity_options: Default::default(),
        generated: None,
        collation: None,
        statistics: None,
        storage: None,
        comment: docs,
    };
    let tname = table.name.name.clone();
    let mut default_span = None;
    for cc in &c.constraints {
        let explicit = cc.name.as_ref().map(|n| n.name.clone());
        match &cc.kind {
            ColumnConstraintKind::NotNull => col.not_null = true,
            ColumnConstraintKind::Null => col.not_null = false,
            ColumnConstraintKind::Default(e) => {
                // A `-- comment` after it on the line is the author's, not the default's.
                col.default = Some(crate::sqltext::without_line_comment(&e.text).to_string());
                default_span = Some(cc.span);
            }
            ColumnConstraintKind::Identity(always, options) => {
                col.identity = Some(if *always { "always" } else { "by default" }.to_string());
                col.identity_options = identity_options(cx, options);
                col.not_null = true;
                if !["integer", "bigint", "smallint"].contains(&col.ty.as_str()) {
                    cx.diags.push(Diagnostic::error(
                        Code::ConflictingColumn,
                        cc.span,
                        format!(
                            "identity column `{}` must be smallint, integer or bigint, not `{}`",
                            col.name, col.ty
                        ),
                    ));
                }
            }
            ColumnConstraintKind::Generated(e) => col.generated = Some(e.text.clone()),
            ColumnConstraintKind::PrimaryKey => {
                col.not_null = true;
                let name = explicit.unwrap_or_else(|| format!("{tname}_pkey"));
                push_pk(
                    cx,
                    table,
                    names,
                    name,
                    vec![col.name.clone()],
                    cc.span,
                    pk_span,
                );
            }
            ColumnConstraintKind::Unique(nnd) => {
                let name = explicit.unwrap_or_else(|| {
                    naming::choose(&tname, &[col.name.clone()], "key", &names.taken)
                });
                push_constraint(
                    cx,
                    table,
                    names,
                    name,
                    cc.span,
                    None,
                    ConstraintKind::Unique {
                        columns: vec![col.name.clone()],
                        nulls_not_distinct: *nnd,
                    },
                );
            }
            ColumnConstraintKind::References(target) => {
                let name = explicit.unwrap_or_else(|| {
                    naming::choose(&tname, &[col.name.clone()], "fkey", &names.taken)
                });
                let fk = lower_fk(vec![col.name.clone()], target);
                cx.origins
                    .insert(format!("constraint {}.{name}", table.name), cc.span);
                push_constraint(
                    cx,
                    table,
                    names,
                    name,
                    cc.span,
                    None,
                    ConstraintKind::ForeignKey(fk),
                );
            }
            ColumnConstraintKind::Check(e) => {
                let name = explicit.unwrap_or_else(|| {
                    naming::choose(&tname, &[col.name.clone()], "check", &names.taken)
                });
                push_constraint(
                    cx,
                    table,
                    names,
                    name,
                    cc.span,
                    None,
                    ConstraintKind::Check {
                        expr: e.text.clone(),
                    },
                );
            }
            ColumnConstraintKind::Statistics(n) => col.statistics = Some(*n).filter(|n| *n >= 0),
            ColumnConstraintKind::Storage(s) => col.storage = Some(s.clone()),
            ColumnConstraintKind::Collate(q) => {
                col.collation = Some(super::indexes::render_qname_loose(q));
            }
            ColumnConstraintKind::RenamedFrom(old) => {
                cx.renames
                    .columns
                    .push((table.name.clone(), old.name.clone(), col.name.clone()));
            }
        }
    }
    if let (Some(span), true) = (
        default_span,
        col.identity.is_some() || col.generated.is_some(),
    ) {
        cx.diags.push(
            Diagnostic::error(
                Code::ConflictingColumn,
                span,
                format!(
                    "column `{}` cannot have a default and be an identity or generated column",
                    col.name
                ),
            )
            .with_label("remove this default"),
        );
    }
    table.columns.push(col);
}

fn push_pk(
    cx: &mut Cx,
    table: &mut model::Table,
    names: &mut Names,
    name: String,
    columns: Vec<String>,
    span: Span,
    pk_span: &mut Option<Span>,
) {
    if let Some(first) = *pk_span {
        cx.diags.push(
            Diagnostic::error(
                Code::MultiplePrimaryKeys,
                span,
                format!("table `{}` has more than one primary key", table.name),
            )
            .with_label("second primary key")
            .with_secondary(first, "first primary key"),
        );
        return;
    }
    *pk_span = Some(span);
    for c in &columns {
        if let Some(col) = table.columns.iter_mut().find(|x| &x.name == c) {
            col.not_null = true;
        }
    }
    push_constraint(
        cx,
        table,
        names,
        name,
        span,
        None,
        ConstraintKind::PrimaryKey { columns },
    );
}

#[allow(clippy::too_many_arguments)]
fn push_constraint(
    cx: &mut Cx,
    table: &mut model::Table,
    names: &mut Names,
    name: String,
    span: Span,
    comment: Option<String>,
    kind: ConstraintKind,
) {
    check_name_len(cx, &name, span);
    if table.constraints.iter().any(|c| c.name == name) {
        cx.diags.push(
            Diagnostic::error(
                Code::DuplicateMember,
                span,
                format!("table `{}` has two constraints named `{name}`", table.name),
            )
            .with_label("second constraint with this name"),
        );
        return;
    }
    names.taken.insert(name.clone());
    cx.origins
        .insert(format!("constraint {}.{name}", table.name), span);
    table.constraints.push(model::Constraint {
        name,
        kind,
        not_valid: false,
        deferrable: false,
        initially_deferred: false,
        no_inherit: false,
        comment,
    });
}

fn lower_fk(columns: Vec<String>, t: &ast::ForeignKeyTarget) -> model::ForeignKey {
    let action = |a: &Option<String>| {
        a.as_ref()
            .map_or("NO ACTION".to_string(), |s| s.to_ascii_uppercase())
    };
    model::ForeignKey {
        columns,
        ref_table: qualify(&t.table),
        ref_columns: t.columns.iter().map(|c| c.name.clone()).collect(),
        on_delete: action(&t.on_delete),
        on_delete_columns: t.on_delete_columns.iter().map(|c| c.name.clone()).collect(),
        match_full: t.match_full,
        on_update: action(&t.on_update),
        deferrable: t.deferrable,
        initially_deferred: t.initially_deferred,
    }
}

pub(super) fn lower_constraint(
    cx: &mut Cx,
    table: &mut model::Table,
    names: &mut Names,
    c: &ast::Constraint,
    docs: Option<String>,
    span: Span,
    pk_span: &mut Option<Span>,
) {
    let tname = table.name.name.clone();
    let explicit = c.name.as_ref().map(|n| n.name.clone());
    let validated_by_index = !matches!(
        c.kind,
        ast::ConstraintKind::Check(_) | ast::ConstraintKind::ForeignKey(..)
    );
    if let (Some(at), true) = (c.not_valid, validated_by_index) {
        cx.diags.push(
            Diagnostic::error(
                Code::BadOption,
                at,
                "only a CHECK or a foreign key can be `not valid`",
            )
            .with_label(
                "PostgreSQL checks keys, unique and exclusion constraints while it builds their index",
            ),
        );
    }
    if let (Some(old), Some(new)) = (&c.renamed_from, &explicit) {
        cx.renames
            .constraints
            .push((table.name.clone(), old.name.clone(), new.clone()));
    }
    let cols = |v: &[ast::Ident]| v.iter().map(|i| i.name.clone()).collect::<Vec<_>>();
    let column_names: Vec<String> = table.columns.iter().map(|c| c.name.clone()).collect();
    let (name, kind) = match &c.kind {
        ast::ConstraintKind::PrimaryKey(v) => {
            let name = explicit.unwrap_or_else(|| format!("{tname}_pkey"));
            let mut constraint_cols = cols(v);
            check_columns(cx, table, v);
            constraint_cols.dedup();
            push_pk(
                cx,
                table,
                names,
                name.clone(),
                constraint_cols,
                span,
                pk_span,
            );
            if let Some(d) = docs {
                if let Some(last) = table.constraints.last_mut() {
                    last.comment = Some(d);
                }
            }
            set_attributes(cx, table, &name, c, true);
            return;
        }
        ast::ConstraintKind::Unique(v, nnd) => {
            check_columns(cx, table, v);
            (
                explicit.unwrap_or_else(|| naming::choose(&tname, &cols(v), "key", &names.taken)),
                ConstraintKind::Unique {
                    columns: cols(v),
                    nulls_not_distinct: *nnd,
                },
            )
        }
        ast::ConstraintKind::ForeignKey(v, target) => {
            check_columns(cx, table, v);
            (
                explicit.unwrap_or_else(|| naming::choose(&tname, &cols(v), "fkey", &names.taken)),
                ConstraintKind::ForeignKey(lower_fk(cols(v), target)),
            )
        }
        ast::ConstraintKind::Check(e) => {
            let mentioned = naming::mentioned_columns(&e.text, &column_names);
            let parts = if mentioned.len() == 1 {
                mentioned
            } else {
                Vec::new()
            };
            (
                explicit.unwrap_or_else(|| naming::choose(&tname, &parts, "check", &names.taken)),
                ConstraintKind::Check {
                    expr: e.text.clone(),
                },
            )
        }
        ast::ConstraintKind::Exclude {
            using,
            elements,
            predicate,
        } => {
            let first = naming::expr_word(&elements.text);
            (
                explicit.unwrap_or_else(|| naming::choose(&tname, &[first], "excl", &names.taken)),
                ConstraintKind::Exclude {
                    using: using
                        .as_ref()
                        .map_or("gist".to_string(), |u| u.name.clone()),
                    elements: elements.text.clone(),
                    predicate: predicate.as_ref().map(|p| p.text.clone()),
                },
            )
        }
    };
    let pushed = name.clone();
    let keyed = matches!(
        kind,
        ConstraintKind::Unique { .. } | ConstraintKind::Exclude { .. }
    );
    push_constraint(cx, table, names, name, span, docs, kind);
    set_attributes(cx, table, &pushed, c, keyed);
}

/// `not valid` and `deferrable` of constraint `name`, once pushed; `keyed` for the
/// kinds that can be deferrable (a primary key, unique or exclusion constraint).
fn set_attributes(
    cx: &mut Cx,
    table: &mut model::Table,
    name: &str,
    c: &ast::Constraint,
    keyed: bool,
) {
    if let Some((_, _, at)) = c.deferral.filter(|_| !keyed) {
        cx.diags.push(
            Diagnostic::error(
                Code::BadOption,
                at,
                "only a primary key, unique or exclusion constraint can be deferrable here",
            )
            .with_label("a CHECK is never deferrable"),
        );
    }
    if let (Some(at), false) = (
        c.no_inherit,
        matches!(c.kind, ast::ConstraintKind::Check(_)),
    ) {
        cx.diags.push(
            Diagnostic::error(Code::BadOption, at, "only a CHECK can be `no inherit`")
                .with_label("keys and foreign keys are never inherited"),
        );
    }
    if let Some(last) = table.constraints.iter_mut().find(|k| k.name == name) {
        last.not_valid |= c.not_valid.is_some();
        last.no_inherit |=
            c.no_inherit.is_some() && matches!(c.kind, ast::ConstraintKind::Check(_));
        if let Some((deferrable, initially_deferred, _)) = c.deferral.filter(|_| keyed) {
            last.deferrable = deferrable;
            last.initially_deferred = initially_deferred;
        }
    }
}

/// Reports listed columns that the table does not have.
pub(crate) fn check_columns(cx: &mut Cx, table: &model::Table, cols: &[ast::Ident]) {
    for c in cols {
        if table.column(&c.name).is_none() {
            cx.diags.push(unknown_column(&table.name, &c.name, c.span));
        }
    }
}

pub(crate) fn unknown_column(table: &QName, column: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::UnknownColumn,
        span,
        format!("table `{table}` has no column `{column}`"),
    )
    .with_label("unknown column")
}

/// An identity column's sequence options, keeping only those that are not
/// PostgreSQL's defaults (so `(increment by 1)` is the same column as none at all).
fn identity_options(cx: &mut Cx, options: &[ast::SequenceOption]) -> model::IdentityOptions {
    let mut o = model::IdentityOptions::default();
    for opt in options {
        match opt {
            ast::SequenceOption::Start(n) => o.start = Some(*n),
            ast::SequenceOption::Increment(n) => o.increment = Some(*n),
            ast::SequenceOption::MinValue(n) => o.min = Some(*n),
            ast::SequenceOption::MaxValue(n) => o.max = Some(*n),
            ast::SequenceOption::Cache(n) => o.cache = Some(*n),
            ast::SequenceOption::Cycle(c) => o.cycle = *c,
            ast::SequenceOption::As(t) => cx.diags.push(
                Diagnostic::error(
                    Code::BadOption,
                    t.span,
                    "an identity column's sequence takes the column's type",
                )
                .with_label("remove `as …`"),
            ),
            ast::SequenceOption::OwnedBy(_, span) => cx.diags.push(
                Diagnostic::error(
                    Code::BadOption,
                    *span,
                    "an identity column owns its sequence already",
                )
                .with_label("remove `owned by …`"),
            ),
        }
    }
    let ascending = o.increment.unwrap_or(1) > 0;
    if o.increment == Some(1) {
        o.increment = None;
    }
    if o.cache == Some(1) {
        o.cache = None;
    }
    if ascending && o.min == Some(1) || !ascending && o.max == Some(-1) {
        if ascending {
            o.min = None;
        } else {
            o.max = None;
        }
    }
    let default_start = if ascending {
        o.min.unwrap_or(1)
    } else {
        o.max.unwrap_or(-1)
    };
    if o.start == Some(default_start) {
        o.start = None;
    }
    o
}

/// `with (…)`: storage parameters, by name (a later one wins), sorted. A partitioned
/// table holds no data and so takes none.
pub(super) fn lower_storage(
    cx: &mut Cx,
    table: &mut model::Table,
    params: &[(ast::Ident, String)],
) {
    if table.partition_by.is_some() {
        for (name, _) in params {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadOption,
                    name.span,
                    format!(
                        "partitioned table `{}` holds no rows, so it takes no storage parameters",
                        table.name
                    ),
                )
                .with_label("set it on each partition instead"),
            );
        }
        return;
    }
    set_storage(&mut table.storage, params);
}

/// Puts `with (…)` parameters into `storage`: by name, a later one wins, sorted.
pub(super) fn set_storage(storage: &mut Vec<(String, String)>, params: &[(ast::Ident, String)]) {
    for (name, value) in params {
        storage.retain(|(k, _)| *k != name.name);
        storage.push((name.name.clone(), value.clone()));
    }
    storage.sort();
}

pub(super) fn lower_policy(
    cx: &mut Cx,
    table: &mut model::Table,
    p: &ast::Policy,
    docs: Option<String>,
) {
    check_roles(cx, &p.roles);
    if table.policies.iter().any(|x| x.name == p.name.name) {
        cx.diags.push(
            Diagnostic::error(
                Code::DuplicateMember,
                p.name.span,
                format!(
                    "table `{}` has two policies named `{}`",
                    table.name, p.name.name
                ),
            )
            .with_label("second policy with this name"),
        );
        return;
    }
    let command = p.command.to_ascii_uppercase();
    if command == "INSERT" && p.using.is_some() {
        cx.diags.push(
            Diagnostic::error(
                Code::BadOption,
                p.name.span,
                "an INSERT policy cannot have `using`; use `with check`",
            )
            .with_label("this policy"),
        );
    }
    if (command == "SELECT" || command == "DELETE") && p.with_check.is_some() {
        cx.diags.push(Diagnostic::error(
            Code::BadOption,
            p.name.span,
            format!("a {command} policy cannot have `with check`; use `using`"),
        ));
    }
    check_name_len(cx, &p.name.name, p.name.span);
    if let Some(old) = &p.renamed_from {
        cx.renames
            .policies
            .push((table.name.clone(), old.name.clone(), p.name.name.clone()));
    }
    cx.origins.insert(
        format!("policy {}.{}", table.name, p.name.name),
        p.name.span,
    );
    let mut roles: Vec<String> = p.roles.iter().map(|r| r.name.clone()).collect();
    if roles.is_empty() {
        roles.push("public".to_string());
    }
    roles.sort();
    roles.dedup();
    table.policies.push(model::Policy {
        name: p.name.name.clone(),
        restrictive: p.restrictive,
        command,
        roles,
        using: p.using.as_ref().map(|s| s.text.clone()),
        with_check: p.with_check.as_ref().map(|s| s.text.clone()),
        comment: docs,
    });
}

pub(super) fn lower_trigger(
    cx: &mut Cx,
    table: &mut model::Table,
    t: &ast::Trigger,
    docs: Option<String>,
) {
    let has_column = |c: &str| table.column(c).is_some();
    if let Some(tr) = model_trigger(cx, &table.name, &table.triggers, t, docs, &has_column) {
        table.triggers.push(tr);
    }
}

/// The model of trigger `t` of the table or view `owner`, whose triggers so far are
/// `existing`, or None (with a diagnostic) when the name is taken. `has_column` says
/// whether an `update of` column exists.
pub(super) fn model_trigger(
    cx: &mut Cx,
    owner: &QName,
    existing: &[model::Trigger],
    t: &ast::Trigger,
    docs: Option<String>,
    has_column: &dyn Fn(&str) -> bool,
) -> Option<model::Trigger> {
    if existing.iter().any(|x| x.name == t.name.name) {
        cx.diags.push(Diagnostic::error(
            Code::DuplicateMember,
            t.name.span,
            format!("`{owner}` has two triggers named `{}`", t.name.name),
        ));
        return None;
    }
    let events = t
        .events
        .iter()
        .map(|(e, cols)| {
            for c in cols {
                if !has_column(&c.name) {
                    cx.diags.push(unknown_column(owner, &c.name, c.span));
                }
            }
            if cols.is_empty() {
                e.to_ascii_uppercase()
            } else {
                let cols: Vec<_> = cols.iter().map(|c| quote_ident(&c.name)).collect();
                format!("UPDATE OF {}", cols.join(", "))
            }
        })
        .collect();
    if (t.old_table.is_some() || t.new_table.is_some()) && !t.timing.eq_ignore_ascii_case("after") {
        cx.diags.push(
            Diagnostic::error(
                Code::BadOption,
                t.name.span,
                format!(
                    "trigger `{}` has transition tables but is not an AFTER trigger",
                    t.name.name
                ),
            )
            .with_label("`referencing … table as …` needs `after`")
            .with_note("help: only AFTER triggers see the transition tables of a statement"),
        );
    }
    check_constraint_trigger(cx, t);
    let mut function_name = qualify(&t.function);
    let declared = cx
        .schema
        .functions
        .contains_key(&format!("{function_name}()"))
        || cx
            .externs
            .functions
            .contains_key(&format!("{function_name}()"));
    if !declared {
        if let Some(q) = model::provided_trigger_fn::resolve(&cx.schema, &function_name) {
            function_name = q;
        }
    }
    cx.origins
        .insert(format!("trigger {owner}.{}", t.name.name), t.name.span);
    cx.origins.insert(
        format!("trigger-function {owner}.{}", t.name.name),
        t.function.span,
    );
    if let Some(from) = t.constraint.as_ref().and_then(|c| c.from.as_ref()) {
        cx.origins
            .insert(format!("trigger-from {owner}.{}", t.name.name), from.span);
    }
    Some(model::Trigger {
        name: t.name.name.clone(),
        timing: t.timing.to_ascii_uppercase(),
        events,
        for_each_row: t.for_each_row,
        old_table: t.old_table.as_ref().map(|i| i.name.clone()),
        new_table: t.new_table.as_ref().map(|i| i.name.clone()),
        when: t.when.as_ref().map(|w| w.text.clone()),
        function: format!("{function_name}()"),
        function_name,
        args: t.args.clone(),
        state: t.state.clone(),
        comment: docs,
        constraint: t.constraint.as_ref().map(|c| model::ConstraintTrigger {
            deferrable: c.deferrable,
            initially_deferred: c.initially_deferred,
            from: c.from.as_ref().map(qualify),
        }),
    })
}

/// What PostgreSQL refuses of a constraint trigger (an AFTER … FOR EACH ROW trigger
/// without transition tables), and `from` or `deferrable` on an ordinary trigger.
fn check_constraint_trigger(cx: &mut Cx, t: &ast::Trigger) {
    if let Some(span) = t.stray_constraint_option {
        cx.diags.push(
            Diagnostic::error(
                Code::BadOption,
                span,
                format!("trigger `{}` is not a constraint trigger", t.name.name),
            )
            .with_label("only a constraint trigger takes `from` and `deferrable`")
            .with_note("help: write `constraint trigger …`"),
        );
    }
    if t.constraint.is_none() {
        return;
    }
    let after_row = t.timing.eq_ignore_ascii_case("after") && t.for_each_row;
    let problem = if !after_row {
        Some("a constraint trigger must be `after … for each row`")
    } else if t.old_table.is_some() || t.new_table.is_some() {
        Some("a constraint trigger cannot have transition tables")
    } else {
        None
    };
    if let Some(problem) = problem {
        cx.diags.push(
            Diagnostic::error(
                Code::BadOption,
                t.name.span,
                format!("constraint trigger `{}` is not valid", t.name.name),
            )
            .with_label(problem),
        );
    }
}

fn lower_seed(
    cx: &mut Cx,
    table: &mut model::Table,
    cols: &[ast::Ident],
    key: &[ast::Ident],
    rows: &[ast::Sql],
    span: Span,
) {
    check_columns(cx, table, cols);
    for k in key {
        if !cols.iter().any(|c| c.name == k.name) {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadSeed,
                    k.span,
                    format!(
                        "seed key column `{}` is not in the seed's column list",
                        k.name
                    ),
                )
                .with_label("not seeded"),
            );
        }
    }
    let mut out_rows = Vec::new();
    for r in rows {
        let values = split_top_level(&r.text);
        if values.len() != cols.len() {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadSeed,
                    r.span,
                    format!(
                        "seed row has {} values, but the seed lists {} columns",
                        values.len(),
                        cols.len()
                    ),
                )
                .with_label("this row"),
            );
        }
        out_rows.push(values);
    }
    if table.seed.is_some() {
        cx.diags.push(Diagnostic::error(
            Code::BadSeed,
            span,
            format!("table `{}` has more than one `seed` block", table.name),
        ));
        return;
    }
    cx.origins.insert(format!("seed {}", table.name), span);
    table.seed = Some(model::Seed {
        columns: cols.iter().map(|c| c.name.clone()).collect(),
        key: key.iter().map(|c| c.name.clone()).collect(),
        rows: out_rows,
    });
}

/// `in publication p, q`: each must be a publication of the project or an `extern
/// publication`.
fn lower_publications(cx: &mut Cx, table: &mut model::Table, names: &[ast::Ident]) {
    for p in names {
        if !cx.externs.publications.contains(&p.name)
            && !cx.schema.publications.contains_key(&p.name)
        {
            cx.diags.push(
                Diagnostic::error(
                    Code::UnknownPublication,
                    p.span,
                    format!("unknown publication `{}`", p.name),
                )
                .with_label("no `publication` or `extern publication` declares it")
                .with_note(format!(
                    "help: declare `publication {0}`, or `extern publication {0}` if the platform owns it (the supabase preset declares `supabase_realtime`)",
                    p.name
                )),
            );
        }
        table.publications.push(p.name.clone());
    }
    table.publications.sort();
    table.publications.dedup();
}
