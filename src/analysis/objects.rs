//! Pass 2: schemas, extensions, enums, domains, sequences, routines, views and grants
//! on schemas, sequences and functions.

use super::declare::{duplicate, lower_args};
use super::{qualify, types::resolve_type, Cx};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::model::{self, QName};
use crate::syntax::ast::{self, FnOption, ItemKind, Returns, SequenceOption};

pub(crate) fn run(cx: &mut Cx) {
    let items = cx.items.clone();
    for item in &items {
        let docs = item.docs.clone();
        match &item.kind {
            ItemKind::Extension {
                name,
                schema,
                version,
            } => {
                if cx.schema.extensions.contains_key(&name.name) {
                    let first = cx.origins[&format!("extension {}", name.name)];
                    cx.diags
                        .push(duplicate("extension", &name.name, name.span, first));
                    continue;
                }
                if let Some(s) = schema {
                    check_schema(cx, &s.name, s.span);
                }
                cx.origins
                    .insert(format!("extension {}", name.name), name.span);
                cx.schema.extensions.insert(
                    name.name.clone(),
                    model::Extension {
                        name: name.name.clone(),
                        schema: schema.as_ref().map(|s| s.name.clone()),
                        version: version.clone(),
                    },
                );
            }
            ItemKind::Enum { name, values } => lower_enum(cx, name, values, docs),
            ItemKind::Domain(d) => lower_domain(cx, d, docs),
            ItemKind::Sequence {
                name,
                options,
                unlogged,
            } => lower_sequence(cx, name, options, *unlogged, docs),
            ItemKind::Function(f) => lower_function(cx, f, docs),
            ItemKind::View(v) => lower_view(cx, v, docs),
            _ => {}
        }
    }
    for item in &items {
        if let ItemKind::AllowDataLoss { table, column } = &item.kind {
            let t = qualify(table);
            match column {
                Some(c) => cx.allowances.columns.push((t, c.name.clone())),
                None => cx.allowances.tables.push(t),
            }
        }
    }
}

/// Reports an object placed in a schema that is neither managed nor extern.
pub(crate) fn check_schema(cx: &mut Cx, schema: &str, span: Span) {
    if !cx.schema.schemas.contains_key(schema) && !cx.externs.schemas.contains(schema) {
        cx.diags.push(
            Diagnostic::error(Code::UnknownSchema, span, format!("schema `{schema}` is not declared"))
                .with_label("in this schema")
                .with_note(format!(
                    "help: add `schema {schema}`, or `extern schema {schema}` if something else manages it"
                )),
        );
    }
}

fn lower_enum(
    cx: &mut Cx,
    name: &ast::QName,
    values: &[(String, Span, Option<String>)],
    docs: Option<String>,
) {
    let q = qualify(name);
    check_schema(cx, &q.schema, name.span);
    cx.origins.insert(format!("type {q}"), name.span);
    let mut seen: Vec<&str> = Vec::new();
    for (v, span, old) in values {
        if let Some(old) = old {
            cx.renames
                .enum_values
                .push((q.clone(), old.clone(), v.clone()));
        }
        if seen.contains(&v.as_str()) {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadEnum,
                    *span,
                    format!("enum `{q}` lists `{v}` twice"),
                )
                .with_label("repeated label"),
            );
        }
        seen.push(v);
    }
    cx.schema.enums.insert(
        q.clone(),
        model::Enum {
            name: q,
            values: values.iter().map(|(v, _, _)| v.clone()).collect(),
            comment: docs,
        },
    );
}

fn lower_domain(cx: &mut Cx, d: &ast::Domain, docs: Option<String>) {
    let q = qualify(&d.name);
    check_schema(cx, &q.schema, d.name.span);
    cx.origins.insert(format!("type {q}"), d.name.span);
    let mut checks: Vec<(String, String)> = d
        .checks
        .iter()
        .enumerate()
        .map(|(i, (n, e))| {
            let name = n.as_ref().map_or_else(
                || match i {
                    0 => format!("{}_check", q.name),
                    _ => format!("{}_check{i}", q.name),
                },
                |n| n.name.clone(),
            );
            (name, e.text.clone())
        })
        .collect();
    checks.sort();
    let ty = resolve_type(cx, &d.ty);
    cx.schema.domains.insert(
        q.clone(),
        model::Domain {
            name: q,
            ty,
            not_null: d.not_null,
            default: d
                .default
                .as_ref()
                .map(|s| crate::sqltext::without_line_comment(&s.text).to_string()),
            checks,
            comment: docs,
        },
    );
}

fn lower_sequence(
    cx: &mut Cx,
    name: &ast::QName,
    options: &[SequenceOption],
    unlogged: bool,
    docs: Option<String>,
) {
    let q = qualify(name);
    check_schema(cx, &q.schema, name.span);
    cx.origins.insert(format!("sequence {q}"), name.span);
    let mut s = model::Sequence {
        name: q.clone(),
        unlogged,
        comment: docs,
        as_type: None,
        increment: None,
        min_value: None,
        max_value: None,
        start: None,
        cache: None,
        cycle: false,
        owned_by: None,
    };
    for o in options {
        match o {
            SequenceOption::As(t) => s.as_type = Some(resolve_type(cx, t)),
            SequenceOption::Increment(n) => s.increment = Some(*n),
            SequenceOption::MinValue(n) => s.min_value = Some(*n),
            SequenceOption::MaxValue(n) => s.max_value = Some(*n),
            SequenceOption::Start(n) => s.start = Some(*n),
            SequenceOption::Cache(n) => s.cache = Some(*n),
            SequenceOption::Cycle(c) => s.cycle = *c,
            SequenceOption::OwnedBy(parts, span) => {
                let (table, column) = match parts.as_slice() {
                    [t, c] => (QName::new("public", t.name.clone()), c.name.clone()),
                    [sc, t, c] => (QName::new(sc.name.clone(), t.name.clone()), c.name.clone()),
                    _ => unreachable!("grammar allows two or three parts"),
                };
                cx.origins.insert(format!("sequence owner {q}"), *span);
                s.owned_by = Some((table, column));
            }
        }
    }
    cx.schema.sequences.insert(q, s);
}

pub(crate) fn lower_returns(cx: &mut Cx, r: &Returns) -> String {
    match r {
        Returns::Type(t) => resolve_type(cx, t),
        Returns::SetOf(t) => format!("SETOF {}", resolve_type(cx, t)),
        Returns::Table(cols) => {
            let cols: Vec<String> = cols
                .iter()
                .map(|(n, t)| format!("{} {}", model::quote_ident(&n.name), resolve_type(cx, t)))
                .collect();
            format!("TABLE({})", cols.join(", "))
        }
    }
}

fn lower_function(cx: &mut Cx, f: &ast::Function, docs: Option<String>) {
    let q = qualify(&f.name);
    check_schema(cx, &q.schema, f.name.span);
    let mut func = model::Function {
        name: q,
        procedure: f.procedure,
        args: lower_args(cx, &f.params),
        returns: f.returns.as_ref().map(|r| lower_returns(cx, r)),
        language: String::new(),
        body: if f.standard_body {
            crate::sqltext::routine_body(&f.body.text)
                .trim()
                .to_string()
        } else {
            f.body.text.clone()
        },
        standard_body: f.standard_body,
        volatility: "VOLATILE".to_string(),
        security_definer: false,
        strict: false,
        leakproof: false,
        parallel: None,
        config: Vec::new(),
        comment: docs,
    };
    for (o, span) in &f.options {
        match o {
            FnOption::Language(l) => func.language = l.name.clone(),
            FnOption::Volatility(v) => func.volatility = v.to_ascii_uppercase(),
            FnOption::SecurityDefiner(d) => func.security_definer = *d,
            FnOption::Strict => func.strict = true,
            FnOption::Leakproof => func.leakproof = true,
            FnOption::Parallel(p) => {
                let mode = p.name.to_ascii_uppercase();
                if !["SAFE", "RESTRICTED", "UNSAFE"].contains(&mode.as_str()) {
                    cx.diags.push(
                        Diagnostic::error(
                            Code::BadOption,
                            *span,
                            format!("unknown parallel mode `{}`", p.name),
                        )
                        .with_note(
                            "help: use `parallel safe`, `parallel restricted` or `parallel unsafe`",
                        ),
                    );
                }
                func.parallel = Some(mode);
            }
            FnOption::Set(n, v) => func.config.push((n.name.clone(), v.clone())),
        }
    }
    if f.standard_body && func.language.is_empty() {
        func.language = "sql".to_string();
    }
    if f.standard_body && func.language != "sql" {
        cx.diags.push(
            Diagnostic::error(
                Code::BadOption,
                f.name.span,
                format!(
                    "`{}` has a SQL-standard `body`, which only `language sql` takes",
                    func.name
                ),
            )
            .with_label("use `as $$…$$` for another language"),
        );
    }
    if f.standard_body && !crate::sqltext::is_one_standard_body(&func.body) {
        cx.diags.push(
            Diagnostic::error(
                Code::BadOption,
                f.body.span,
                "a SQL-standard `body` is one `RETURN …` or one `BEGIN ATOMIC … END`, and nothing after it",
            )
            .with_label("emitted as it is written, so anything after it would run as statements of its own"),
        );
    }
    if func.language.is_empty() {
        cx.diags.push(
            Diagnostic::error(
                Code::BadOption,
                f.name.span,
                format!(
                    "{} `{}` has no `language`",
                    if f.procedure { "procedure" } else { "function" },
                    func.name
                ),
            )
            .with_label("add `language sql` or `language plpgsql`"),
        );
    }
    if f.procedure && f.returns.is_some() {
        cx.diags.push(Diagnostic::error(
            Code::BadOption,
            f.name.span,
            format!("procedure `{}` cannot have `returns`", func.name),
        ));
    }
    if !f.procedure && f.returns.is_none() {
        cx.diags.push(
            Diagnostic::error(
                Code::BadOption,
                f.name.span,
                format!("function `{}` has no `returns`", func.name),
            )
            .with_note("help: add `returns <type>` (or `returns void`), or declare a `procedure`"),
        );
    }
    let key = func.key();
    if let Some(old) = &f.renamed_from {
        let old_name = QName::new(
            old.schema
                .as_ref()
                .map_or(func.name.schema.clone(), |s| s.name.clone()),
            old.name.name.clone(),
        );
        cx.renames
            .functions
            .push((format!("{old_name}({})", func.identity_args()), key.clone()));
    }
    if let Some(first) = cx.origins.get(&format!("function {key}")).copied() {
        cx.diags
            .push(duplicate("function", &key, f.name.span, first));
        return;
    }
    cx.origins.insert(format!("function {key}"), f.name.span);
    cx.schema.functions.insert(key, func);
}

fn lower_view(cx: &mut Cx, v: &ast::View, docs: Option<String>) {
    let q = qualify(&v.name);
    check_schema(cx, &q.schema, v.name.span);
    cx.origins.insert(format!("view {q}"), v.name.span);
    let mut options: Vec<(String, Option<String>)> = Vec::new();
    for (name, value) in &v.options {
        const KNOWN: &[&str] = &["security_invoker", "security_barrier", "check_option"];
        if v.materialized && KNOWN.contains(&name.name.as_str()) {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadOption,
                    name.span,
                    format!("`{}` is an option of a view, not of a materialized view", name.name),
                )
                .with_note(
                    "help: a materialized view takes storage parameters (`fillfactor = 70`, autovacuum settings)",
                ),
            );
        } else if !v.materialized && !KNOWN.contains(&name.name.as_str()) {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadOption,
                    name.span,
                    format!("unknown view option `{}`", name.name),
                )
                .with_note(
                    "help: views accept security_invoker, security_barrier and check_option",
                ),
            );
        }
        options.push((
            name.name.clone(),
            value.as_ref().map(|s| s.to_ascii_lowercase()),
        ));
    }
    options.sort();
    let mut column_comments: Vec<(String, String)> = Vec::new();
    for (name, doc) in &v.columns {
        if column_comments.iter().any(|(c, _)| *c == name.name) {
            cx.diags.push(
                Diagnostic::error(
                    Code::DuplicateColumn,
                    name.span,
                    format!("column `{}` of view `{q}` is documented twice", name.name),
                )
                .with_label("documented again here"),
            );
            continue;
        }
        match doc {
            Some(d) => column_comments.push((name.name.clone(), d.clone())),
            None => cx.diags.push(
                Diagnostic::error(
                    Code::BadOption,
                    name.span,
                    format!("`column {}` of view `{q}` has no `///` comment", name.name),
                )
                .with_label("a view's `column` line only documents the column")
                .with_note("help: put `/// what it holds` on the line before it"),
            ),
        }
    }
    column_comments.sort();
    cx.schema.views.insert(
        q.clone(),
        model::View {
            name: q,
            materialized: v.materialized,
            options,
            query: v.query.text.clone(),
            comment: docs,
            column_comments,
            triggers: Vec::new(),
            indexes: Vec::new(),
        },
    );
}

/// Privileges valid on each kind of object; `ALL` expands to the whole list.
pub(crate) fn expand_privileges(
    cx: &mut Cx,
    privileges: &[(ast::Ident, Vec<ast::Ident>)],
    valid: &[&str],
    kind: &str,
) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for (p, cols) in privileges {
        let upper = p.name.to_ascii_uppercase();
        let cols: Vec<String> = cols.iter().map(|c| c.name.clone()).collect();
        if upper == "ALL" {
            // MAINTAIN (PostgreSQL 17) is granted by name only: ALL means what every
            // supported server has.
            let all = valid.iter().filter(|v| **v != "MAINTAIN");
            out.extend(all.map(|v| (v.to_string(), cols.clone())));
        } else if valid.contains(&upper.as_str()) {
            out.push((upper, cols));
        } else {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadPrivilege,
                    p.span,
                    format!("privilege `{}` does not apply to a {kind}", p.name),
                )
                .with_note(format!("help: a {kind} accepts {}", valid.join(", "))),
            );
        }
    }
    out
}

/// Reports roles that are not declared.
pub(crate) fn check_roles(cx: &mut Cx, roles: &[ast::Ident]) {
    for r in roles {
        if r.name != "public" && !cx.externs.roles.contains(&r.name) {
            cx.diags.push(
                Diagnostic::error(Code::UnknownRole, r.span, format!("unknown role `{}`", r.name))
                    .with_label("not declared")
                    .with_note(format!(
                        "help: declare it with `extern role {}` (roles are cluster-wide; schemac never creates or drops them in migrations)",
                        r.name
                    )),
            );
        }
    }
}
