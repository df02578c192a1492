//! The lints about what bypasses row level security: SECURITY DEFINER routines
//! without a fixed search_path (S007), views that read RLS tables with their owner's
//! rights (S008), policies that read each other's tables (S011), and SECURITY DEFINER
//! routines the API roles can call (S012).

use super::expr::{functions_called, relations_read};
use super::rules::{column_names, expressions, policy_key, Ctx};
use super::Finding;
use crate::diagnostics::Code;
use crate::model::{GrantObject, Policy, QName, Table, View};
use std::collections::{BTreeMap, BTreeSet};

/// S007: a SECURITY DEFINER routine that resolves names through the caller's path.
pub(super) fn definer_without_search_path(cx: &Ctx) -> Vec<Finding> {
    cx.schema
        .functions
        .iter()
        .filter(|(_, f)| {
            f.security_definer
                && !f
                    .config
                    .iter()
                    .any(|(k, _)| k.eq_ignore_ascii_case("search_path"))
        })
        .map(|(key, f)| {
            Finding::new(
                Code::LintDefinerSearchPath,
                format!("function {key}"),
                format!(
                    "SECURITY DEFINER function `{}` has no fixed search_path",
                    f.name
                ),
            )
            .label(
                "runs with its owner's rights, but resolves names through the caller's search_path",
            )
            .note("help: add `set search_path = ''` and qualify every name in the body")
        })
        .collect()
}

/// The API roles that may call a function: `anon` and `authenticated`, through PUBLIC
/// (unless EXECUTE is taken from it) or their own grant.
fn api_callers(cx: &Ctx, key: &str) -> Vec<&'static str> {
    let public = !cx.schema.revoked.iter().any(|g| {
        matches!(&g.object, GrantObject::Function(k, _) if k == key) && g.role == "public"
    });
    let granted = |role: &str| {
        cx.schema.grants.iter().any(|g| {
            matches!(&g.object, GrantObject::Function(k, _) if k == key)
                && (g.role == role || g.role == "public")
        })
    };
    ["anon", "authenticated"]
        .into_iter()
        .filter(|r| public || granted(r))
        .collect()
}

/// S012: a SECURITY DEFINER routine in a schema the API serves that `anon` or
/// `authenticated` may execute: anyone can call it over HTTP (`/rpc/name`) and it runs
/// with its owner's rights, past every policy. Trigger functions cannot be called so.
pub(super) fn definer_callable_by_api(cx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (key, f) in &cx.schema.functions {
        let trigger = matches!(f.returns.as_deref(), Some("trigger" | "event_trigger"));
        if !f.security_definer || trigger || !cx.exposed(&f.name.schema) {
            continue;
        }
        let callers = api_callers(cx, key);
        if callers.is_empty() {
            continue;
        }
        // Routines start private: it is callable because a grant says so.
        let fix = format!(
            "take back its grant to {} and grant it only to the roles that must call it (`service_role`)",
            callers.join(" and ")
        );
        out.push(
            Finding::new(
                Code::LintDefinerCallable,
                format!("function {key}"),
                format!(
                    "SECURITY DEFINER function `{}` in exposed schema `{}` can be executed by {}",
                    f.name,
                    f.name.schema,
                    callers.join(" and ")
                ),
            )
            .label("callable through the API, with its owner's rights and past every policy")
            .note(format!(
                "help: move it to a schema the API does not serve (`schema private`, with `grant usage on schema private to authenticated` when policies call it), or {fix}"
            )),
        );
    }
    out
}

/// Tables with row level security that a view reads, directly or through other views.
fn rls_tables_under(cx: &Ctx, v: &View) -> Vec<QName> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mut stack = vec![(v.name.schema.clone(), v.query.clone())];
    while let Some((home, query)) = stack.pop() {
        for q in relations_read(cx.schema, &query, &home, &[]) {
            if !seen.insert(q.clone()) {
                continue;
            }
            match (cx.schema.tables.get(&q), cx.schema.views.get(&q)) {
                (Some(t), _) if t.rls => out.push(q),
                (_, Some(inner)) => stack.push((inner.name.schema.clone(), inner.query.clone())),
                _ => {}
            }
        }
    }
    out.sort();
    out
}

fn security_invoker(v: &View) -> bool {
    v.options.iter().any(|(k, val)| {
        k == "security_invoker"
            && val.as_deref().is_none_or(|s| {
                matches!(
                    s.trim_matches('\'').to_ascii_lowercase().as_str(),
                    "true" | "on" | "yes" | "1"
                )
            })
    })
}

/// S008: a view that reads RLS tables with its owner's rights, so RLS never applies.
pub(super) fn view_bypasses_rls(cx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for v in cx.schema.views.values() {
        if (!v.materialized && security_invoker(v))
            || (v.materialized && !cx.exposed(&v.name.schema))
        {
            continue;
        }
        let under = rls_tables_under(cx, v);
        let Some(first) = under.first() else {
            continue;
        };
        let (message, help) = if v.materialized {
            (
                format!("materialized view `{}` stores rows of `{first}` without its row level security", v.name),
                "help: keep materialized views over RLS tables out of exposed schemas",
            )
        } else {
            (
                format!("view `{}` reads `{first}`, which has row level security, with its owner's rights", v.name),
                "help: add `with (security_invoker)` so the caller's policies apply (PostgreSQL 15+)",
            )
        };
        let names: Vec<String> = under.iter().map(|q| q.to_string()).collect();
        out.push(
            Finding::new(
                Code::LintViewBypassesRls,
                format!("view {}", v.name),
                message,
            )
            .label(format!(
                "every caller sees all rows of {}",
                names.join(", ")
            ))
            .note(help),
        );
    }
    out
}

/// The RLS tables the policies of `t` read: directly, through views that run as the
/// caller, and through functions that are not SECURITY DEFINER, with the policy.
fn policy_reads<'a>(cx: &Ctx<'a>, t: &'a Table) -> Vec<(QName, &'a Policy)> {
    let mut out: Vec<(QName, &Policy)> = Vec::new();
    let cols = column_names(t);
    for p in &t.policies {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<(String, String, Vec<String>)> = expressions(p)
            .map(|e| (t.name.schema.clone(), e.clone(), cols.clone()))
            .collect();
        while let Some((home, text, local)) = stack.pop() {
            for q in relations_read(cx.schema, &text, &home, &local) {
                if !seen.insert(format!("r {q}")) {
                    continue;
                }
                if let Some(u) = cx.schema.tables.get(&q) {
                    if u.rls && !out.iter().any(|(o, op)| *o == q && op.name == p.name) {
                        out.push((q, p));
                    }
                } else if let Some(v) = cx.schema.views.get(&q) {
                    if security_invoker(v) {
                        stack.push((v.name.schema.clone(), v.query.clone(), Vec::new()));
                    }
                }
            }
            for f in functions_called(&text, &home) {
                for callee in cx.callees(&f) {
                    if !callee.security_definer && seen.insert(format!("f {}", callee.key())) {
                        let args = callee.args.iter().filter_map(|a| a.name.clone()).collect();
                        stack.push((
                            callee.name.schema.clone(),
                            crate::sqltext::routine_body(&callee.body).into_owned(),
                            args,
                        ));
                    }
                }
            }
        }
    }
    out
}

/// S011: policies that read each other's tables: PostgreSQL stops every query on them
/// with "infinite recursion detected in policy".
pub(super) fn policy_recursion(cx: &Ctx) -> Vec<Finding> {
    use petgraph::algo::tarjan_scc;
    use petgraph::graph::DiGraph;
    let mut graph: DiGraph<&QName, ()> = DiGraph::new();
    let mut nodes = BTreeMap::new();
    for q in cx.schema.tables.keys() {
        nodes.insert(q, graph.add_node(q));
    }
    let mut reads: BTreeMap<&QName, Vec<(QName, &Policy)>> = BTreeMap::new();
    for (q, t) in &cx.schema.tables {
        let r = policy_reads(cx, t);
        for (u, _) in &r {
            graph.add_edge(nodes[q], nodes[u], ());
        }
        reads.insert(q, r);
    }
    let mut out = Vec::new();
    for component in tarjan_scc(&graph) {
        let mut members: Vec<&QName> = component.iter().map(|n| graph[*n]).collect();
        members.sort();
        let first = members[0];
        let self_loop = graph.contains_edge(nodes[first], nodes[first]);
        if members.len() == 1 && !self_loop {
            continue;
        }
        // The policy of `first` that reads the next table of the cycle.
        let next = members.get(1).copied().unwrap_or(first);
        let Some((_, policy)) = reads[first].iter().find(|(u, _)| u == next) else {
            continue;
        };
        let names: Vec<String> = members.iter().map(|q| format!("`{q}`")).collect();
        let message = if members.len() == 1 {
            format!(
                "policy `{}` on `{first}` reads `{first}` itself",
                policy.name
            )
        } else {
            format!(
                "the policies of {} read each other's tables",
                names.join(" and ")
            )
        };
        let mut finding = Finding::new(Code::LintPolicyRecursion, policy_key(first, policy), message)
            .label("PostgreSQL stops every query here with \"infinite recursion detected in policy\"")
            .note("help: look the rows up in a SECURITY DEFINER function with `set search_path = ''`; it reads without RLS, which ends the loop");
        for (i, q) in members.iter().enumerate().skip(1) {
            let back = members[(i + 1) % members.len()];
            if let Some((_, p)) = reads[q].iter().find(|(u, _)| u == back) {
                finding = finding.related(policy_key(q, p), format!("reads `{back}`"));
            }
        }
        out.push(finding);
    }
    out
}

/// The `auth` tables a query names (qualified: `auth.users`; calls such as `auth.uid()`
/// are not tables).
fn auth_tables_read(query: &str) -> Vec<String> {
    let mut out: Vec<String> = crate::sqltext::name_refs(query)
        .into_iter()
        .filter(|r| !r.call && r.schema.as_deref() == Some("auth"))
        .map(|r| format!("auth.{}", r.name))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// S015: a view (or materialized view) in an exposed schema that reads Supabase's
/// `auth` tables with its owner's rights: every user's email, phone and metadata
/// become readable through the API.
pub(super) fn view_exposes_auth(cx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for v in cx.schema.views.values() {
        if !cx.exposed(&v.name.schema) || (!v.materialized && security_invoker(v)) {
            continue;
        }
        let read = auth_tables_read(&v.query);
        let Some(first) = read.first() else {
            continue;
        };
        out.push(
            Finding::new(
                Code::LintViewExposesAuth,
                format!("view {}", v.name),
                format!(
                    "{} `{}` in exposed schema `{}` reads `{first}` with its owner's rights",
                    if v.materialized { "materialized view" } else { "view" },
                    v.name,
                    v.name.schema
                ),
            )
            .label("the API serves every user's account data through it")
            .note("help: keep it out of the exposed schemas, or select only the caller's row through a `with (security_invoker)` view over a table of your own (a profiles table filled by a signup trigger)"),
        );
    }
    out
}
