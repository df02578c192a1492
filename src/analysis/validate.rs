//! Pass 4: references between objects and cross-object rules.

use super::tables::{unknown_column, unknown_table};
use super::{types::base_of, Cx};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::model::{ConstraintKind, QName};
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
fn table_columns(cx: &Cx, name: &QName) -> Option<Vec<(String, String)>> {
    if let Some(t) = cx.schema.tables.get(name) {
        let t = match &t.partition_of {
            Some(p) => cx.schema.tables.get(&p.parent).unwrap_or(t),
            None => t,
        };
        return Some(
            t.columns
                .iter()
                .map(|c| (c.name.clone(), c.ty.clone()))
                .collect(),
        );
    }
    cx.externs.tables.get(name).cloned()
}

fn check_foreign_keys(cx: &mut Cx) {
    let mut found = Vec::new();
    for t in cx.schema.tables.values() {
        for c in &t.constraints {
            if let ConstraintKind::ForeignKey(fk) = &c.kind {
                found.push((t.name.clone(), c.name.clone(), fk.clone()));
            }
        }
    }
    for (table, name, fk) in found {
        let span = origin(cx, &format!("constraint {table}.{name}"));
        let Some(target_cols) = table_columns(cx, &fk.ref_table) else {
            cx.diags
                .push(unknown_table(&fk.ref_table, span).with_note(format!(
                "help: declare `table {}` or, if it is managed elsewhere, `extern table {} (…)`",
                fk.ref_table, fk.ref_table
            )));
            continue;
        };
        // An extended extern table is not managed: its keys are not declared here.
        let managed = cx.schema.tables.get(&fk.ref_table).filter(|t| !t.external);
        let ref_columns = if fk.ref_columns.is_empty() {
            match managed {
                Some(t) => match t.primary_key().map(|c| &c.kind) {
                    Some(ConstraintKind::PrimaryKey { columns }) => columns.clone(),
                    _ => {
                        cx.diags.push(
                            Diagnostic::error(
                                Code::FkTargetNotUnique,
                                span,
                                format!("foreign key `{name}` references `{}`, which has no primary key", fk.ref_table),
                            )
                            .with_note("help: name the referenced columns, and give them a unique constraint"),
                        );
                        continue;
                    }
                },
                None => target_cols
                    .first()
                    .map(|c| vec![c.0.clone()])
                    .unwrap_or_default(),
            }
        } else {
            fk.ref_columns.clone()
        };
        if ref_columns.len() != fk.columns.len() {
            cx.diags.push(
                Diagnostic::error(
                    Code::FkArity,
                    span,
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
            continue;
        }
        let own = table_columns(cx, &table).unwrap_or_default();
        for (local, remote) in fk.columns.iter().zip(&ref_columns) {
            let Some((_, rty)) = target_cols.iter().find(|(n, _)| n == remote) else {
                cx.diags.push(unknown_column(&fk.ref_table, remote, span));
                continue;
            };
            let Some((_, lty)) = own.iter().find(|(n, _)| n == local) else {
                continue;
            };
            if base_of(lty) != base_of(rty) {
                cx.diags.push(
                    Diagnostic::error(
                        Code::FkTypeMismatch,
                        span,
                        format!(
                            "foreign key `{name}`: column `{local}` is `{lty}` but `{}.{remote}` is `{rty}`",
                            fk.ref_table
                        ),
                    )
                    .with_label("types differ")
                    .with_note("help: give both columns the same type"),
                );
            }
        }
        if let Some(t) = managed {
            let mut wanted = ref_columns.clone();
            wanted.sort();
            let unique = t.constraints.iter().any(|c| match &c.kind {
                ConstraintKind::PrimaryKey { columns } | ConstraintKind::Unique { columns, .. } => {
                    let mut cols = columns.clone();
                    cols.sort();
                    cols == wanted
                }
                _ => false,
            }) || t.indexes.iter().any(|i| {
                let mut cols: Vec<String> = i
                    .elements
                    .iter()
                    .map(|e| e.trim_matches('"').to_string())
                    .collect();
                cols.sort();
                i.unique && i.predicate.is_none() && cols == wanted
            });
            if !unique {
                cx.diags.push(
                    Diagnostic::error(
                        Code::FkTargetNotUnique,
                        span,
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
}

fn check_rls_and_triggers(cx: &mut Cx) {
    let mut diags = Vec::new();
    for t in cx.schema.tables.values() {
        // Whether an extern table has RLS is its owner's business.
        if !t.rls && !t.external {
            for p in &t.policies {
                let span = origin(cx, &format!("policy {}.{}", t.name, p.name));
                diags.push(
                    Diagnostic::error(
                        Code::PolicyWithoutRls,
                        span,
                        format!("policy `{}` is on table `{}`, which does not enable row level security", p.name, t.name),
                    )
                    .with_label("this policy would never be applied")
                    .with_note("help: add `rls enabled` (or `rls forced`) to the table"),
                );
            }
        }
        for tr in &t.triggers {
            let span = origin(cx, &format!("trigger-function {}.{}", t.name, tr.name));
            let returns = cx
                .schema
                .functions
                .get(&tr.function)
                .and_then(|f| f.returns.clone())
                .or_else(|| {
                    cx.externs
                        .functions
                        .get(&tr.function)
                        .map(|f| f.returns.clone())
                });
            match returns {
                None => {
                    let mut d = Diagnostic::error(
                        Code::UnknownFunction,
                        span,
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
                            same_name.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                        ));
                    }
                    diags.push(d);
                }
                Some(r) if r != "trigger" => diags.push(
                    Diagnostic::error(
                        Code::TriggerFunction,
                        span,
                        format!("function `{}` returns `{r}`, but a trigger needs one that returns `trigger`", tr.function),
                    )
                    .with_label("not a trigger function"),
                ),
                Some(_) => {}
            }
        }
    }
    for d in diags {
        cx.diags.push(d);
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
    let mut seen: BTreeMap<QName, String> = BTreeMap::new();
    for name in cx
        .schema
        .tables
        .keys()
        .chain(cx.schema.views.keys())
        .chain(cx.schema.sequences.keys())
    {
        seen.insert(name.clone(), format!("relation {name}"));
    }
    let mut diags = Vec::new();
    for t in cx.schema.tables.values() {
        let index_names = t
            .indexes
            .iter()
            .map(|i| {
                (
                    i.name.clone(),
                    format!("index {}.{}", t.name.schema, i.name),
                )
            })
            .chain(
                t.constraints
                    .iter()
                    .filter(|c| {
                        !matches!(
                            c.kind,
                            ConstraintKind::Check { .. } | ConstraintKind::ForeignKey(_)
                        )
                    })
                    .map(|c| (c.name.clone(), format!("constraint {}.{}", t.name, c.name))),
            );
        for (name, key) in index_names {
            let q = QName::new(t.name.schema.clone(), name.clone());
            if let Some(first) = seen.get(&q) {
                let span = origin(cx, &key);
                diags.push(
                    Diagnostic::error(
                        Code::Duplicate,
                        span,
                        format!("`{q}` names two relations: an index and {}", first.split(' ').next().unwrap_or("another")),
                    )
                    .with_note("help: indexes share a namespace with tables, views and sequences in their schema; rename one"),
                );
            } else {
                seen.insert(q, key);
            }
        }
    }
    for d in diags {
        cx.diags.push(d);
    }
}
