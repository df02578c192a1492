//! Security building blocks → ordinary members. `isolate by`, `tier`, `public read`,
//! `append only`, `immutable`, `touch` and `hash chain` are shorthand: each becomes the
//! policies, grants and triggers a reviewer would otherwise write by hand, named after
//! the table through the `${table}` placeholder, so they read plainly in rls.sql.

use super::top::{find, roles};
use super::*;
use crate::model::block_fn::{APPEND_ONLY, HASH_CHAIN, IMMUTABLE, TOUCH};
use crate::model::{quote_ident, quote_literal};

/// True when `rule` is a building block.
pub(crate) fn is_block(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::isolate_def
            | Rule::tier_def
            | Rule::public_read_def
            | Rule::append_only_def
            | Rule::immutable_def
            | Rule::touch_def
            | Rule::hash_chain_def
    )
}

/// The members a building block stands for.
pub(crate) fn lower_block(ctx: &Ctx, pair: Pair<Rule>) -> Vec<MemberKind> {
    let span = ctx.span(&pair);
    let rule = pair.as_rule();
    let parts: Vec<Pair<Rule>> = pair.into_inner().collect();
    let named = |name: String| Ident { name, span };
    let cmds = || {
        find(&parts, Rule::policy_cmd_list).map(|l| {
            l.into_inner()
                .map(|c| c.as_str().to_ascii_lowercase())
                .collect::<Vec<_>>()
        })
    };
    let role_list = |default: &[&str]| {
        find(&parts, Rule::role_list).map_or_else(
            || default.iter().map(|r| named(r.to_string())).collect(),
            |p| roles(ctx, p),
        )
    };
    match rule {
        Rule::isolate_def => {
            let column = ident(ctx, parts[2].clone());
            let key = find(&parts, Rule::paren_expr)
                .map_or_else(|| "auth.uid()".to_string(), |p| paren_inner(ctx, p).text);
            let test = format!("{} = (select {key})", quote_ident(&column.name));
            let cmds = cmds().unwrap_or_else(|| {
                ["select", "insert", "update", "delete"]
                    .map(String::from)
                    .to_vec()
            });
            let roles = role_list(&["authenticated"]);
            let mut out: Vec<MemberKind> = cmds
                .iter()
                .map(|cmd| {
                    let name = format!("${{table}}_isolate_{cmd}");
                    policy(span, name, cmd, &roles, &test)
                })
                .collect();
            out.push(grant(span, &cmds, roles));
            out
        }
        Rule::tier_def => {
            let tier = ident(ctx, parts[1].clone());
            let cond = paren_inner(ctx, find(&parts, Rule::paren_expr).expect("tier condition"));
            let test = format!("(select {})", cond.text);
            let roles = role_list(&["authenticated"]);
            let cmds = cmds();
            let mut out = match &cmds {
                None => {
                    let name = format!("${{table}}_{}", tier.name);
                    vec![policy(span, name, "all", &roles, &test)]
                }
                Some(cmds) => cmds
                    .iter()
                    .map(|cmd| {
                        let name = format!("${{table}}_{}_{cmd}", tier.name);
                        policy(span, name, cmd, &roles, &test)
                    })
                    .collect(),
            };
            let cmds = cmds.unwrap_or_else(|| vec!["all".to_string()]);
            out.push(grant(span, &cmds, roles));
            out
        }
        Rule::public_read_def => {
            let roles = role_list(&["anon", "authenticated"]);
            vec![
                policy(
                    span,
                    "${table}_public_read".into(),
                    "select",
                    &roles,
                    "true",
                ),
                MemberKind::Grant {
                    privileges: vec![(named("select".into()), Vec::new())],
                    roles,
                    grantable: false,
                },
            ]
        }
        Rule::append_only_def => vec![
            trigger(
                span,
                "${table}_append_only",
                on(&["update", "delete"]),
                true,
                APPEND_ONLY,
                Vec::new(),
            ),
            trigger(
                span,
                "${table}_no_truncate",
                on(&["truncate"]),
                false,
                APPEND_ONLY,
                Vec::new(),
            ),
        ],
        Rule::immutable_def => {
            let cols: Vec<Ident> = parts[1]
                .clone()
                .into_inner()
                .map(|p| ident(ctx, p))
                .collect();
            let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
            let args = names.iter().map(|c| quote_literal(c)).collect();
            let name = format!("${{table}}_immutable_{}", names.join("_"));
            let events = vec![("update".to_string(), cols)];
            vec![trigger(span, &name, events, true, IMMUTABLE, args)]
        }
        Rule::touch_def => {
            let col = ident(ctx, parts[1].clone());
            let name = format!("${{table}}_touch_{}", col.name);
            let args = vec![quote_literal(&col.name)];
            vec![trigger(span, &name, on(&["update"]), true, TOUCH, args)]
        }
        Rule::hash_chain_def => {
            let idents: Vec<Ident> = parts
                .iter()
                .filter(|p| p.as_rule() == Rule::ident)
                .map(|p| ident(ctx, p.clone()))
                .collect();
            let per = parts.iter().any(|p| p.as_rule() == Rule::K_PER);
            // hash, previous, [partition], order: passed as hash, previous, order[, partition].
            let mut cols = vec![&idents[0], &idents[1], idents.last().expect("order column")];
            if per {
                cols.push(&idents[2]);
            }
            let args = cols.iter().map(|c| quote_literal(&c.name)).collect();
            vec![trigger(
                span,
                "${table}_hash_chain",
                on(&["insert"]),
                true,
                HASH_CHAIN,
                args,
            )]
        }
        _ => Vec::new(),
    }
}

/// The table privileges the policies' commands need: a policy without its grant is
/// refused with 42501 before it is ever evaluated.
fn grant(span: Span, cmds: &[String], roles: Vec<Ident>) -> MemberKind {
    let mut privs: Vec<&str> = Vec::new();
    for cmd in cmds {
        match cmd.as_str() {
            "all" => privs.extend(["select", "insert", "update", "delete"]),
            c => privs.push(c),
        }
    }
    privs.sort_unstable();
    privs.dedup();
    MemberKind::Grant {
        privileges: privs
            .into_iter()
            .map(|p| {
                (
                    Ident {
                        name: p.to_string(),
                        span,
                    },
                    Vec::new(),
                )
            })
            .collect(),
        roles,
        grantable: false,
    }
}

/// A policy for one command: reads get USING, writes WITH CHECK, updates and `all` both.
fn policy(span: Span, name: String, cmd: &str, roles: &[Ident], test: &str) -> MemberKind {
    let expr = Some(Sql {
        text: test.to_string(),
        span,
    });
    MemberKind::Policy(Policy {
        name: Ident { name, span },
        renamed_from: None,
        restrictive: false,
        command: cmd.to_string(),
        roles: roles.to_vec(),
        using: (cmd != "insert").then(|| expr.clone()).flatten(),
        with_check: matches!(cmd, "insert" | "update" | "all")
            .then_some(expr)
            .flatten(),
    })
}

/// Trigger events without column lists.
fn on(events: &[&str]) -> Vec<(String, Vec<Ident>)> {
    events.iter().map(|e| (e.to_string(), Vec::new())).collect()
}

fn trigger(
    span: Span,
    name: &str,
    events: Vec<(String, Vec<Ident>)>,
    row: bool,
    function: &str,
    args: Vec<String>,
) -> MemberKind {
    MemberKind::Trigger(Trigger {
        name: Ident {
            name: name.to_string(),
            span,
        },
        timing: "before".into(),
        events,
        for_each_row: row,
        old_table: None,
        new_table: None,
        when: None,
        function: QName {
            schema: None,
            name: Ident {
                name: function.to_string(),
                span,
            },
            span,
        },
        args,
        state: None,
        constraint: None,
        stray_constraint_option: None,
    })
}
