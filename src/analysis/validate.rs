//! Pass 4: references between objects and cross-object rules.

use super::tables::{unknown_column, unknown_table};
use super::{types::base_of, Cx};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::model::{ConstraintKind, ForeignKey, QName, Trigger};
use std::collections::BTreeMap;

pub(crate) fn run(cx: &mut Cx) {
    check_foreign_keys(cx);
    check_rls_and_triggers(cx);
    check_seeds(cx);
    check_sequences(cx);
    check_relation_names(cx);
}

fn origin(cx: &Cx, key: &str) -> Span {
    cx.origins.get(key).copied().unwrap_or_default()
}

/// Columns of a managed or extern table, with types.
fn table_columns<'c>(cx: &'c Cx, name: &QName) -> Option<Vec<(&'c str, &'c str)>> {
    if cx.schema.tables.contains_key(name) {
        return Some(
            cx.schema
                .all_columns(name)
                .into_iter()
                .map(|c| (c.name.as_str(), c.ty.as_str()))
                .collect(),
        );
    }
    cx.externs
        .tables
        .get(name)
        .map(|cols| cols.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect())
}

fn check_foreign_keys(cx: &mut Cx) {
    let mut diags = Vec::new();
    for t in cx.schema.tables.values() {
        for c in &t.constraints {
            if let ConstraintKind::ForeignKey(fk) = &c.kind {
                check_foreign_key(cx, &t.name, &c.name, fk, &mut diags);
            }
        }
    }
    for d in diags {
        cx.diags.push(d);
    }
}

fn check_foreign_key(
    cx: &Cx,
    table: &QName,
    name: &str,
    fk: &ForeignKey,
    diags: &mut Vec<Diagnostic>,
) {
    // Where the key was declared; looked up only when there is something to report.
    let span = || origin(cx, &format!("constraint {table}.{name}"));
    let Some(target_cols) = table_columns(cx, &fk.ref_table) else {
        diags.push(unknown_table(&fk.ref_table, span()).with_note(format!(
            "help: declare `table {}` or, if it is managed elsewhere, `extern table {} (…)`",
            fk.ref_table, fk.ref_table
        )));
        return;
    };
    // An extended extern table is not managed: its keys are not declared here.
    let managed = cx.schema.tables.get(&fk.ref_table).filter(|t| !t.external);
    let implicit;
    let ref_columns: &[String] = if fk.ref_columns.is_empty() {
        match managed {
            Some(t) => {
                match t.primary_key().map(|c| &c.kind) {
                    Some(ConstraintKind::PrimaryKey { columns }) => columns,
                    _ => {
                        diags.push(
                        Diagnostic::error(
                            Code::FkTargetNotUnique,
                            span(),
                            format!("foreign key `{name}` references `{}`, which has no primary key", fk.ref_table),
                        )
                        .with_note("help: name the referenced columns, and give them a unique constraint"),
                    );
                        return;
                    }
                }
            }
            None => {
                implicit = target_cols
                    .first()
                    .map(|c| vec![c.0.to_string()])
                    .unwrap_or_default();
                &implicit
            }
        }
    } else {
        &fk.ref_columns
    };
    if ref_columns.len() != fk.columns.len() {
        diags.push(
            Diagnostic::error(
                Code::FkArity,
                span(),
                format!(
                    "foreign key `{name}` has {} column{} but references {} column{} of `{}`",
                    fk.columns.len(),
                    if fk.columns.len() == 1 { "" } else { "s" },
                    ref_columns.len(),
                    if ref_columns.len() == 1 { "" } else { "s" },
                    fk.ref_table
                ),
            )
            .with_label("column counts differ"),
        );
        return;
    }
    let own = table_columns(cx, table).unwrap_or_default();
    for (local, remote) in fk.columns.iter().zip(ref_columns) {
        let Some((_, rty)) = target_cols.iter().find(|(n, _)| n == remote) else {
            diags.push(unknown_column(&fk.ref_table, remote, span()));
            continue;
        };
        let Some((_, lty)) = own.iter().find(|(n, _)| n == local) else {
            continue;
        };
        let (lbase, rbase) = (base_of(lty), base_of(rty));
        if lbase != rbase {
            let d = Diagnostic::error(
                Code::FkTypeMismatch,
                span(),
                format!(
                    "foreign key `{name}`: column `{local}` is `{lty}` but `{}.{remote}` is `{rty}`",
                    fk.ref_table
                ),
            );
            // PostgreSQL accepts types it can compare (integer → bigint): a warning.
            diags.push(if fk_types_comparable(&lbase, &rbase) {
                d.warning()
                    .with_label("types differ; PostgreSQL compares them, but values may not fit and joins cast")
                    .with_note("help: give both columns the same type")
            } else {
                d.with_label("types differ, and PostgreSQL cannot compare them")
                    .with_note("help: give both columns the same type")
            });
        }
    }
    if let Some(t) = managed {
        let wanted = sorted(ref_columns.iter().map(String::as_str));
        let unique = t.constraints.iter().any(|c| match &c.kind {
            ConstraintKind::PrimaryKey { columns } | ConstraintKind::Unique { columns, .. } => {
                sorted(columns.iter().map(String::as_str)) == wanted
            }
            _ => false,
        }) || t.indexes.iter().any(|i| {
            i.unique
                && i.predicate.is_none()
                && sorted(i.elements.iter().map(|e| e.trim_matches('"'))) == wanted
        });
        if !unique {
            diags.push(
                Diagnostic::error(
                    Code::FkTargetNotUnique,
                    span(),
                    format!(
                        "foreign key `{name}` references `{}` ({}), which is neither its primary key nor unique",
                        fk.ref_table,
                        ref_columns.join(", ")
                    ),
                )
                .with_note("help: reference the primary key, or add a unique constraint on those columns"),
            );
        }
    }
}

/// True when PostgreSQL accepts a foreign key from a `local` column to a `remote` one
/// of another type: both in one btree operator family with cross-type equality
/// (integers; text and varchar; dates and timestamps), or `local` implicitly cast to a
/// numeric `remote`.
fn fk_types_comparable(local: &str, remote: &str) -> bool {
    const FAMILIES: &[&[&str]] = &[
        &["smallint", "integer", "bigint"],
        &["text", "character varying", "character", "name"],
        &[
            "date",
            "timestamp without time zone",
            "timestamp with time zone",
        ],
        &["real", "double precision"],
    ];
    let same_family = FAMILIES
        .iter()
        .any(|f| f.contains(&local) && f.contains(&remote));
    let to_numeric = remote == "numeric" && ["smallint", "integer", "bigint"].contains(&local);
    same_family || to_numeric
}

fn sorted<'s>(names: impl Iterator<Item = &'s str>) -> Vec<&'s str> {
    let mut v: Vec<&str> = names.collect();
    v.sort_unstable();
    v
}

fn check_rls_and_triggers(cx: &mut Cx) {
    let mut diags = Vec::new();
    for t in cx.schema.tables.values() {
        // Whether an extern table has RLS is its owner's business.
        if !t.rls && !t.external {
            for p in &t.policies {
                let span = origin(cx, &format!("policy {}.{}", t.name, p.name));
                // Valid PostgreSQL (databases hold it while RLS is switched off), so a
                // warning: pulling such a database must give a project that builds.
                diags.push(
                    Diagnostic::error(
                        Code::PolicyWithoutRls,
                        span,
                        format!("policy `{}` is on table `{}`, which does not enable row level security", p.name, t.name),
                    )
                    .warning()
                    .with_label("this policy is not applied while row level security is off")
                    .with_note("help: add `rls enabled` (or `rls forced`) to the table"),
                );
            }
        }
        for tr in &t.triggers {
            if let Some(from) = tr.constraint.as_ref().and_then(|c| c.from.as_ref()) {
                if table_columns(cx, from).is_none() {
                    let span = origin(cx, &format!("trigger-from {}.{}", t.name, tr.name));
                    diags.push(unknown_table(from, span));
                }
            }
            check_trigger_function(cx, &t.name, tr, &mut diags);
        }
    }
    for v in cx.schema.views.values() {
        for tr in &v.triggers {
            check_trigger_function(cx, &v.name, tr, &mut diags);
        }
    }
    for d in diags {
        cx.diags.push(d);
    }
}

/// C006/C022: the function trigger `tr` of `owner` runs must exist and return `trigger`.
fn check_trigger_function(cx: &Cx, owner: &QName, tr: &Trigger, diags: &mut Vec<Diagnostic>) {
    let span = || origin(cx, &format!("trigger-function {}.{}", owner, tr.name));
    let returns = cx
        .schema
        .functions
        .get(&tr.function)
        .and_then(|f| f.returns.as_deref())
        .or_else(|| {
            cx.externs
                .functions
                .get(&tr.function)
                .map(|f| f.returns.as_str())
        })
        .or_else(|| {
            crate::model::provided_trigger_fn::resolve(&cx.schema, &tr.function_name)
                .filter(|q| *q == tr.function_name)
                .map(|_| "trigger")
        });
    match returns {
        None => {
            let mut d = Diagnostic::error(
                Code::UnknownFunction,
                span(),
                format!("unknown trigger function `{}`", tr.function),
            )
            .with_label("no function with this name and no arguments");
            let same_name: Vec<&String> = cx
                .schema
                .functions
                .iter()
                .filter(|(_, f)| f.name == tr.function_name)
                .map(|(k, _)| k)
                .collect();
            if !same_name.is_empty() {
                d = d.with_note(format!(
                    "trigger functions take no declared arguments; found {}",
                    same_name
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            diags.push(d);
        }
        Some(r) if r != "trigger" => diags.push(
            Diagnostic::error(
                Code::TriggerFunction,
                span(),
                format!(
                    "function `{}` returns `{r}`, but a trigger needs one that returns `trigger`",
                    tr.function
                ),
            )
            .with_label("not a trigger function"),
        ),
        Some(_) => {}
    }
}

fn check_seeds(cx: &mut Cx) {
    let mut diags = Vec::new();
    for t in cx.schema.tables.values() {
        let Some(seed) = &t.seed else { continue };
        let span = origin(cx, &format!("seed {}", t.name));
        let mut key = seed.key.clone();
        key.sort();
        let unique = t.constraints.iter().any(|c| match &c.kind {
            ConstraintKind::PrimaryKey { columns } | ConstraintKind::Unique { columns, .. } => {
                let mut cols = columns.clone();
                cols.sort();
                cols == key
            }
            _ => false,
        });
        if !unique {
            diags.push(
                Diagnostic::error(
                    Code::BadSeed,
                    span,
                    format!(
                        "seed key ({}) of `{}` is not a primary key or unique constraint",
                        seed.key.join(", "),
                        t.name
                    ),
                )
                .with_note(
                    "help: seed rows are upserted by their key, which needs a unique constraint",
                ),
            );
            continue;
        }
        let positions: Vec<usize> = seed
            .key
            .iter()
            .filter_map(|k| seed.columns.iter().position(|c| c == k))
            .collect();
        let mut seen: BTreeMap<Vec<String>, usize> = BTreeMap::new();
        for (i, row) in seed.rows.iter().enumerate() {
            let k: Vec<String> = positions
                .iter()
                .filter_map(|p| row.get(*p).cloned())
                .collect();
            if let Some(first) = seen.insert(k.clone(), i) {
                diags.push(Diagnostic::error(
                    Code::BadSeed,
                    span,
                    format!(
                        "seed rows {} and {} of `{}` have the same key ({})",
                        first + 1,
                        i + 1,
                        t.name,
                        k.join(", ")
                    ),
                ));
            }
        }
    }
    for d in diags {
        cx.diags.push(d);
    }
}

fn check_sequences(cx: &mut Cx) {
    let mut diags = Vec::new();
    for s in cx.schema.sequences.values() {
        if let Some((table, column)) = &s.owned_by {
            let span = origin(cx, &format!("sequence owner {}", s.name));
            match cx.schema.tables.get(table) {
                None => diags.push(unknown_table(table, span)),
                Some(t) if t.column(column).is_none() => {
                    diags.push(unknown_column(table, column, span))
                }
                Some(_) => {}
            }
        }
    }
    for d in diags {
        cx.diags.push(d);
    }
}

/// Tables, views, sequences and indexes (including those behind primary key, unique
/// and exclusion constraints) share one namespace per schema.
fn check_relation_names(cx: &mut Cx) {
    /// What a relation name belongs to: a table, view or sequence, or an index or a
    /// constraint of a table.
    #[derive(Clone, Copy)]
    enum Owner<'s> {
        Relation,
        Index(&'s QName, &'s str),
        Constraint(&'s QName, &'s str),
    }
    let mut seen: BTreeMap<(&str, &str), Owner> = BTreeMap::new();
    for name in cx
        .schema
        .tables
        .keys()
        .chain(cx.schema.views.keys())
        .chain(cx.schema.sequences.keys())
    {
        seen.insert((&name.schema, &name.name), Owner::Relation);
    }
    let mut diags = Vec::new();
    for t in cx.schema.tables.values() {
        let index_names = t
            .indexes
            .iter()
            .map(|i| Owner::Index(&t.name, &i.name))
            .chain(
                t.constraints
                    .iter()
                    .filter(|c| {
                        !matches!(
                            c.kind,
                            ConstraintKind::Check { .. } | ConstraintKind::ForeignKey(_)
                        )
                    })
                    .map(|c| Owner::Constraint(&t.name, &c.name)),
            );
        for owner in index_names {
            let (Owner::Index(_, name) | Owner::Constraint(_, name)) = owner else {
                continue;
            };
            if let Some(first) = seen.get(&(t.name.schema.as_str(), name)) {
                let q = QName::new(t.name.schema.clone(), name.to_string());
                let span = match owner {
                    Owner::Index(table, name) => {
                        origin(cx, &format!("index {}.{name}", table.schema))
                    }
                    Owner::Constraint(table, name) => {
                        origin(cx, &format!("constraint {table}.{name}"))
                    }
                    Owner::Relation => Span::default(),
                };
                let first = match first {
                    Owner::Relation => "relation",
                    Owner::Index(..) => "index",
                    Owner::Constraint(..) => "constraint",
                };
                diags.push(
                    Diagnostic::error(
                        Code::Duplicate,
                        span,
                        format!("`{q}` names two relations: an index and {first}"),
                    )
                    .with_note("help: indexes share a namespace with tables, views and sequences in their schema; rename one"),
                );
            } else {
                seen.insert((&t.name.schema, name), owner);
            }
        }
    }
    for d in diags {
        cx.diags.push(d);
    }
}
