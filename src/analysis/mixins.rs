//! Mixin expansion: `use name(args)` pastes the mixin's members into a table, with
//! `${param}` placeholders replaced. `${table}` and `${schema}` name the table using it.

use super::{qualify, Cx};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::syntax::ast::{self, MemberKind};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The members of a table with every `use` expanded. Members without placeholders are
/// the declarations themselves, borrowed; the others are copies with values filled in.
pub(crate) fn expand<'a>(cx: &mut Cx<'a>, table: &'a ast::Table) -> Vec<Cow<'a, ast::Member>> {
    let name = qualify(&table.name);
    let mut vars = BTreeMap::new();
    vars.insert("table".to_string(), name.name.clone());
    vars.insert("schema".to_string(), name.schema.clone());
    let mut out = Vec::new();
    let mut stack = Vec::new();
    expand_into(cx, &table.members, &vars, &mut stack, &mut out);
    out
}

fn expand_into<'a>(
    cx: &mut Cx<'a>,
    members: &'a [ast::Member],
    vars: &BTreeMap<String, String>,
    stack: &mut Vec<String>,
    out: &mut Vec<Cow<'a, ast::Member>>,
) {
    for member in members {
        let MemberKind::Use { name, args } = &member.kind else {
            if !member.placeholders {
                out.push(Cow::Borrowed(member));
                continue;
            }
            let mut m = member.clone();
            if substitute(cx, &mut m, vars) {
                out.push(Cow::Owned(m));
            }
            continue;
        };
        let Some(mixin) = cx.mixins.get(&name.name).copied() else {
            let mut d = Diagnostic::error(
                Code::UnknownMixin,
                name.span,
                format!("unknown mixin `{}`", name.name),
            )
            .with_label("no mixin has this name");
            let known: Vec<&String> = cx.mixins.keys().collect();
            if !known.is_empty() {
                d = d.with_note(format!(
                    "known mixins: {}",
                    known
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            cx.diags.push(d);
            continue;
        };
        if stack.contains(&name.name) {
            cx.diags.push(
                Diagnostic::error(
                    Code::MixinCycle,
                    name.span,
                    format!(
                        "mixin `{}` uses itself: {} → {}",
                        name.name,
                        stack.join(" → "),
                        name.name
                    ),
                )
                .with_secondary(mixin.name.span, "mixin declared here"),
            );
            continue;
        }
        let Some(mut inner_vars) = bind_args(cx, mixin, args, name.span) else {
            continue;
        };
        // Argument values may themselves use the caller's placeholders.
        for value in inner_vars.values_mut() {
            let _ = replace(value, vars, false);
        }
        for (k, v) in vars {
            if k == "table" || k == "schema" {
                inner_vars.insert(k.clone(), v.clone());
            }
        }
        stack.push(name.name.clone());
        expand_into(cx, &mixin.members, &inner_vars, stack, out);
        stack.pop();
    }
}

fn bind_args(
    cx: &mut Cx,
    mixin: &ast::Mixin,
    args: &[(Option<ast::Ident>, ast::Sql)],
    use_span: Span,
) -> Option<BTreeMap<String, String>> {
    let mut vars = BTreeMap::new();
    let mut ok = true;
    let mut positional = 0;
    for (name, value) in args {
        let param = match name {
            Some(n) => {
                if !mixin.params.iter().any(|(p, _)| p.name == n.name) {
                    cx.diags.push(
                        Diagnostic::error(
                            Code::MixinArgs,
                            n.span,
                            format!("mixin `{}` has no parameter `{}`", mixin.name.name, n.name),
                        )
                        .with_secondary(mixin.name.span, "mixin declared here")
                        .with_note(params_note(mixin)),
                    );
                    ok = false;
                    continue;
                }
                n.name.clone()
            }
            None => {
                let Some((p, _)) = mixin.params.get(positional) else {
                    cx.diags.push(
                        Diagnostic::error(
                            Code::MixinArgs,
                            value.span,
                            format!(
                                "mixin `{}` takes {} argument{}, but more were given",
                                mixin.name.name,
                                mixin.params.len(),
                                if mixin.params.len() == 1 { "" } else { "s" }
                            ),
                        )
                        .with_label("extra argument")
                        .with_secondary(mixin.name.span, "mixin declared here"),
                    );
                    ok = false;
                    continue;
                };
                positional += 1;
                p.name.clone()
            }
        };
        if vars.insert(param.clone(), value.text.clone()).is_some() {
            cx.diags.push(Diagnostic::error(
                Code::MixinArgs,
                value.span,
                format!(
                    "parameter `{param}` of mixin `{}` is given twice",
                    mixin.name.name
                ),
            ));
            ok = false;
        }
    }
    for (p, default) in &mixin.params {
        if vars.contains_key(&p.name) {
            continue;
        }
        match default {
            Some(d) => {
                vars.insert(p.name.clone(), d.clone());
            }
            None => {
                cx.diags.push(
                    Diagnostic::error(
                        Code::MixinArgs,
                        use_span,
                        format!(
                            "mixin `{}` needs a value for parameter `{}`",
                            mixin.name.name, p.name
                        ),
                    )
                    .with_label("used here")
                    .with_secondary(p.span, "parameter declared here without a default"),
                );
                ok = false;
            }
        }
    }
    ok.then_some(vars)
}

fn params_note(mixin: &ast::Mixin) -> String {
    if mixin.params.is_empty() {
        format!("mixin `{}` takes no parameters", mixin.name.name)
    } else {
        let names: Vec<&str> = mixin.params.iter().map(|(p, _)| p.name.as_str()).collect();
        format!("its parameters are: {}", names.join(", "))
    }
}

/// Replaces `${x}` in `text`; in identifier position the value is folded like a name.
/// Returns the first unknown placeholder.
fn replace(text: &mut String, vars: &BTreeMap<String, String>, ident: bool) -> Result<(), String> {
    if !text.contains("${") {
        return Ok(());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let name = &rest[start + 2..start + len];
        let Some(value) = vars.get(&name.to_ascii_lowercase()) else {
            return Err(name.to_string());
        };
        if ident {
            if value.starts_with('"') && value.ends_with('"') && value.len() >= 2 {
                out.push_str(&value[1..value.len() - 1].replace("\"\"", "\""));
            } else {
                out.push_str(&value.to_ascii_lowercase());
            }
        } else {
            out.push_str(value);
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    *text = out;
    Ok(())
}

/// Substitutes placeholders; false (after reporting) when one has no value.
fn substitute(cx: &mut Cx, member: &mut ast::Member, vars: &BTreeMap<String, String>) -> bool {
    let mut unknown: Vec<(String, Span)> = Vec::new();
    let mut f = |text: &mut String, span: Span, ident: bool| {
        if let Err(name) = replace(text, vars, ident) {
            unknown.push((name, span));
        }
    };
    visit_member(member, &mut f);
    let ok = unknown.is_empty();
    for (name, span) in unknown {
        cx.diags.push(
            Diagnostic::error(Code::UnknownPlaceholder, span, format!("placeholder `${{{name}}}` has no value"))
                .with_note("help: placeholders name a parameter of the enclosing mixin, or `${table}` / `${schema}`"),
        );
    }
    ok
}

type Visitor<'a> = dyn FnMut(&mut String, Span, bool) + 'a;

fn id(i: &mut ast::Ident, f: &mut Visitor) {
    f(&mut i.name, i.span, true);
}

fn qn(q: &mut ast::QName, f: &mut Visitor) {
    if let Some(s) = &mut q.schema {
        id(s, f);
    }
    id(&mut q.name, f);
}

fn sql(s: &mut ast::Sql, f: &mut Visitor) {
    f(&mut s.text, s.span, false);
}

fn ty(t: &mut ast::TypeRef, f: &mut Visitor) {
    qn(&mut t.base, f);
}

fn fk(t: &mut ast::ForeignKeyTarget, f: &mut Visitor) {
    qn(&mut t.table, f);
    t.columns.iter_mut().for_each(|c| id(c, f));
}

fn visit_member(m: &mut ast::Member, f: &mut Visitor) {
    let span = m.span;
    if let Some(d) = &mut m.docs {
        f(d, span, false);
    }
    match &mut m.kind {
        MemberKind::Use { .. }
        | MemberKind::Rls { .. }
        | MemberKind::Storage(_)
        | MemberKind::ReplicaIdentity(_)
        | MemberKind::CheckParents => {}
        MemberKind::Column(c) => {
            id(&mut c.name, f);
            ty(&mut c.ty, f);
            for cc in &mut c.constraints {
                if let Some(n) = &mut cc.name {
                    id(n, f);
                }
                match &mut cc.kind {
                    ast::ColumnConstraintKind::Default(s)
                    | ast::ColumnConstraintKind::Generated(s)
                    | ast::ColumnConstraintKind::Check(s) => sql(s, f),
                    ast::ColumnConstraintKind::References(t) => fk(t, f),
                    ast::ColumnConstraintKind::Collate(q) => qn(q, f),
                    _ => {}
                }
            }
        }
        MemberKind::Constraint(c) => {
            if let Some(n) = &mut c.name {
                id(n, f);
            }
            match &mut c.kind {
                ast::ConstraintKind::PrimaryKey(cols) | ast::ConstraintKind::Unique(cols, _) => {
                    cols.iter_mut().for_each(|c| id(c, f))
                }
                ast::ConstraintKind::ForeignKey(cols, t) => {
                    cols.iter_mut().for_each(|c| id(c, f));
                    fk(t, f);
                }
                ast::ConstraintKind::Check(s) => sql(s, f),
                ast::ConstraintKind::Exclude {
                    elements,
                    predicate,
                    ..
                } => {
                    sql(elements, f);
                    if let Some(p) = predicate {
                        sql(p, f);
                    }
                }
            }
        }
        MemberKind::Index(i) => {
            if let Some(n) = &mut i.name {
                id(n, f);
            }
            for e in &mut i.elements {
                match &mut e.target {
                    ast::IndexTarget::Column(c) => id(c, f),
                    ast::IndexTarget::Expr(s) => sql(s, f),
                }
            }
            i.include.iter_mut().for_each(|c| id(c, f));
            if let Some(p) = &mut i.predicate {
                sql(p, f);
            }
        }
        MemberKind::Policy(p) => {
            id(&mut p.name, f);
            p.roles.iter_mut().for_each(|r| id(r, f));
            for s in [&mut p.using, &mut p.with_check].into_iter().flatten() {
                sql(s, f);
            }
        }
        MemberKind::Trigger(t) => {
            id(&mut t.name, f);
            for (_, cols) in &mut t.events {
                cols.iter_mut().for_each(|c| id(c, f));
            }
            if let Some(w) = &mut t.when {
                sql(w, f);
            }
            qn(&mut t.function, f);
            if let Some(from) = t.constraint.as_mut().and_then(|c| c.from.as_mut()) {
                qn(from, f);
            }
            t.args.iter_mut().for_each(|a| f(a, span, false));
        }
        MemberKind::Statistics {
            name,
            kinds,
            targets,
        } => {
            id(name, f);
            kinds.iter_mut().for_each(|k| id(k, f));
            for t in targets {
                match t {
                    ast::StatTarget::Column(c) => id(c, f),
                    ast::StatTarget::Expr(e) => sql(e, f),
                }
            }
        }
        MemberKind::Grant {
            privileges, roles, ..
        }
        | MemberKind::Revoke { privileges, roles } => {
            for (_, cols) in privileges {
                cols.iter_mut().for_each(|c| id(c, f));
            }
            roles.iter_mut().for_each(|r| id(r, f));
        }
        MemberKind::Seed { columns, key, rows } => {
            columns.iter_mut().for_each(|c| id(c, f));
            key.iter_mut().for_each(|c| id(c, f));
            rows.iter_mut().for_each(|r| sql(r, f));
        }
        MemberKind::PartitionBy { key, .. } => sql(key, f),
        MemberKind::Publications(names) => names.iter_mut().for_each(|n| id(n, f)),
        MemberKind::PartitionColumn { name, default, .. } => {
            id(name, f);
            if let Some(d) = default {
                sql(d, f);
            }
        }
        MemberKind::PartitionOf {
            name,
            bound,
            members,
        } => {
            qn(name, f);
            if let Some(b) = bound {
                sql(b, f);
            }
            for m in members {
                visit_member(m, f);
            }
        }
    }
}
