//! Pass 1: externs, mixins and every declared name. Reports duplicates.

use super::{qualify, types::resolve_type, Cx};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::model::{identity_args, Arg, ArgMode, ExternFunction, QName};
use crate::syntax::ast::{self, Extern, ItemKind};
use std::collections::BTreeMap;

pub(crate) fn run(cx: &mut Cx) {
    cx.externs.schemas.insert("public".to_string());
    let items = cx.items.clone();
    // Names first (types and schemas can then be resolved in any order).
    for item in &items {
        match &item.kind {
            ItemKind::Extern(Extern::Schema(s)) => {
                cx.externs.schemas.insert(s.name.clone());
            }
            ItemKind::Extern(Extern::Roles(roles)) => {
                for r in roles {
                    cx.externs.roles.insert(r.name.clone());
                }
            }
            ItemKind::Extern(Extern::Publications(ps)) => {
                for p in ps {
                    cx.externs.publications.insert(p.name.clone());
                }
            }
            ItemKind::Extern(Extern::Type(t)) => {
                cx.externs.types.insert(qualify(t));
            }
            ItemKind::Domain(d) => {
                cx.type_names.insert(qualify(&d.name));
            }
            ItemKind::Enum { name, .. } | ItemKind::Composite { name, .. } => {
                cx.type_names.insert(qualify(name));
            }
            // A range type and its multirange type.
            ItemKind::Range { name, options } => {
                let range = crate::model::RangeType {
                    name: qualify(name),
                    options: options
                        .iter()
                        .map(|(k, v)| (k.name.to_ascii_lowercase(), v.text.clone()))
                        .collect(),
                    comment: None,
                };
                cx.type_names.insert(range.multirange());
                cx.type_names.insert(range.name);
            }
            // A table's or view's row type (`returns setof t`, `declare r t`).
            ItemKind::Table(t) => {
                cx.type_names.insert(qualify(&t.name));
            }
            ItemKind::View(v) => {
                cx.type_names.insert(qualify(&v.name));
            }
            _ => {}
        }
    }
    let mut relations: BTreeMap<QName, (&'static str, Span)> = BTreeMap::new();
    let mut types: BTreeMap<QName, (&'static str, Span)> = BTreeMap::new();
    let mut schemas: BTreeMap<String, Span> = BTreeMap::new();
    for item in &items {
        match &item.kind {
            ItemKind::Schema(s) => {
                if let Some(first) = schemas.insert(s.name.clone(), s.span) {
                    cx.diags.push(duplicate("schema", &s.name, s.span, first));
                }
                cx.origins.insert(format!("schema {}", s.name), s.span);
                cx.schema.schemas.insert(
                    s.name.clone(),
                    crate::model::Namespace {
                        name: s.name.clone(),
                        comment: item.docs.clone(),
                    },
                );
                if cx.externs.schemas.contains(&s.name) {
                    cx.diags.push(
                        Diagnostic::error(
                            Code::ExternConflict,
                            s.span,
                            format!(
                                "schema `{}` is declared both as extern and as managed",
                                s.name
                            ),
                        )
                        .with_note("help: remove one of the two declarations"),
                    );
                }
            }
            ItemKind::Table(t) => {
                let q = qualify(&t.name);
                declare(cx, &mut relations, &q, "table", t.name.span);
                declare(cx, &mut types, &q, "table", t.name.span);
                for m in &t.members {
                    if let ast::MemberKind::PartitionOf { name, .. } = &m.kind {
                        let pq = partition_name(&t.name, name);
                        declare(cx, &mut relations, &pq, "table", name.span);
                    }
                }
            }
            ItemKind::View(v) => {
                declare(cx, &mut relations, &qualify(&v.name), "view", v.name.span)
            }
            ItemKind::Sequence { name, .. } => {
                declare(cx, &mut relations, &qualify(name), "sequence", name.span)
            }
            ItemKind::Enum { name, .. } => {
                declare(cx, &mut types, &qualify(name), "type", name.span)
            }
            // A composite type is a relation too (pg_class relkind 'c').
            ItemKind::Composite { name, .. } => {
                declare(cx, &mut types, &qualify(name), "type", name.span);
                declare(cx, &mut relations, &qualify(name), "type", name.span);
            }
            ItemKind::Domain(d) => declare(cx, &mut types, &qualify(&d.name), "type", d.name.span),
            ItemKind::Range { name, .. } => {
                declare(cx, &mut types, &qualify(name), "type", name.span)
            }
            ItemKind::Mixin(m) => {
                if let Some(first) = cx.mixins.get(&m.name.name) {
                    let first = first.name.span;
                    cx.diags
                        .push(duplicate("mixin", &m.name.name, m.name.span, first));
                } else {
                    cx.mixins.insert(m.name.name.clone(), m);
                }
            }
            _ => {}
        }
    }
    for item in &items {
        match &item.kind {
            ItemKind::Extern(Extern::Table { name, columns }) => {
                let cols = columns
                    .iter()
                    .map(|(n, t)| (n.name.clone(), resolve_type(cx, t)))
                    .collect();
                cx.externs.tables.insert(qualify(name), cols);
            }
            ItemKind::Extern(Extern::Function {
                name,
                params,
                returns,
                body,
            }) => {
                let f = ExternFunction {
                    name: qualify(name),
                    args: lower_args(cx, params),
                    returns: super::objects::lower_returns(cx, returns),
                    body: body.as_ref().map(|b| b.text.clone()),
                };
                let key = format!("{}({})", f.name, identity_args(&f.args));
                cx.externs.functions.insert(key, f);
            }
            _ => {}
        }
    }
    // Only now are all extern tables known, whatever the order of the files.
    for item in &items {
        if let ItemKind::Table(t) = &item.kind {
            let q = qualify(&t.name);
            if !t.extend && cx.externs.tables.contains_key(&q) {
                cx.diags.push(
                    Diagnostic::error(
                        Code::ExternConflict,
                        t.name.span,
                        format!("table `{q}` is declared both as extern and as managed"),
                    )
                    .with_note("help: remove one of the two declarations, or use `extend table` to add policies and triggers to the extern table"),
                );
            }
        }
    }
}

/// A partition's qualified name: unqualified partitions live in their parent's schema.
pub(crate) fn partition_name(parent: &ast::QName, name: &ast::QName) -> QName {
    let parent = qualify(parent);
    QName::new(
        name.schema
            .as_ref()
            .map_or(parent.schema, |s| s.name.clone()),
        name.name.name.clone(),
    )
}

fn declare(
    cx: &mut Cx,
    seen: &mut BTreeMap<QName, (&'static str, Span)>,
    name: &QName,
    kind: &'static str,
    span: Span,
) {
    match seen.get(name) {
        Some((first_kind, first)) => {
            let what = if *first_kind == kind {
                kind.to_string()
            } else {
                format!("{kind} (a {first_kind} has the same name)")
            };
            cx.diags
                .push(duplicate(&what, &name.to_string(), span, *first));
        }
        None => {
            seen.insert(name.clone(), (kind, span));
        }
    }
}

pub(crate) fn duplicate(kind: &str, name: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::error(
        Code::Duplicate,
        span,
        format!("{kind} `{name}` is declared twice"),
    )
    .with_label("declared again here")
    .with_secondary(first, "first declared here")
}

pub(crate) fn lower_args(cx: &mut Cx, params: &[ast::Param]) -> Vec<Arg> {
    params
        .iter()
        .map(|p| Arg {
            mode: match p.mode {
                ast::ParamMode::In => ArgMode::In,
                ast::ParamMode::Out => ArgMode::Out,
                ast::ParamMode::InOut => ArgMode::InOut,
                ast::ParamMode::Variadic => ArgMode::Variadic,
            },
            name: p.name.as_ref().map(|n| n.name.clone()),
            ty: resolve_type(cx, &p.ty),
            default: p.default.as_ref().map(|d| d.text.clone()),
        })
        .collect()
}
