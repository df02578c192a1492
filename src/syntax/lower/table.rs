//! Lowering of tables, mixins and their members.

use super::top::{find, privileges, renamed_from, renamed_ident, roles};
use super::*;

pub(crate) fn lower_table(ctx: &mut Ctx, rest: Vec<Pair<Rule>>) -> Table {
    let name = qname(ctx, find(&rest, Rule::qname).expect("table name"));
    Table {
        name,
        unlogged: rest.iter().any(|p| p.as_rule() == Rule::K_UNLOGGED),
        inherits: rest
            .iter()
            .filter(|p| p.as_rule() == Rule::qname)
            .skip(1)
            .map(|p| qname(ctx, p.clone()))
            .collect(),
        renamed_from: renamed_from(ctx, &rest),
        extend: rest.iter().any(|p| p.as_rule() == Rule::K_EXTEND),
        members: lower_members(ctx, rest),
    }
}

pub(crate) fn lower_mixin(ctx: &mut Ctx, rest: Vec<Pair<Rule>>) -> Mixin {
    let name = ident(ctx, find(&rest, Rule::ident).expect("mixin name"));
    let params = find(&rest, Rule::mixin_params)
        .map(|p| {
            p.into_inner()
                .map(|param| {
                    let mut it = param.into_inner();
                    let name = ident(ctx, it.next().expect("param name"));
                    let default = it.next().map(|d| d.as_str().trim().to_string());
                    (name, default)
                })
                .collect()
        })
        .unwrap_or_default();
    Mixin {
        name,
        params,
        members: lower_members(ctx, rest),
    }
}

fn lower_members(ctx: &mut Ctx, rest: Vec<Pair<Rule>>) -> Vec<Member> {
    let mut members = Vec::new();
    // Members end at the end of their line (or a comma). Pest's grammar cannot see line
    // ends, so a member that starts on the line where the previous one ended is a
    // misspelt option: report it once and skip the rest of that line.
    let mut prev_end: Option<usize> = None;
    let mut skipped_line: Option<usize> = None;
    for pair in rest {
        let start = pair.as_span().start();
        if matches!(pair.as_rule(), Rule::docs_member | Rule::bad_member) {
            let line_start = ctx.text[..start].rfind('\n').map_or(0, |n| n + 1);
            if skipped_line == Some(line_start) {
                continue;
            }
            let same_line = prev_end.is_some_and(|end| {
                let between = &ctx.text[end..start];
                !between.contains('\n') && !between.contains(',')
            });
            if same_line {
                let line_end = ctx.text[start..]
                    .find('\n')
                    .map_or(ctx.text.len(), |n| start + n);
                let rest_of_line = &ctx.text[start..line_end];
                let word_end = rest_of_line
                    .find(char::is_whitespace)
                    .map_or(line_end, |n| start + n);
                let d = super::super::error::unbalanced(
                    Code::SyntaxMember,
                    ctx.file,
                    start,
                    rest_of_line,
                )
                .unwrap_or_else(|| {
                    crate::diagnostics::Diagnostic::error(
                        Code::SyntaxMember,
                        Span::new(ctx.file, start, word_end),
                        format!(
                            "cannot parse this member: unexpected `{}`",
                            &ctx.text[start..word_end]
                        ),
                    )
                    .with_label(
                        "expected an option of the member before it, or the end of the line",
                    )
                });
                ctx.diagnostics.push(d);
                skipped_line = Some(line_start);
                continue;
            }
            prev_end = Some(start + pair.as_str().trim_end().len());
        }
        match pair.as_rule() {
            Rule::bad_member => {
                ctx.report_bad(&pair, Rule::member_strict, Code::SyntaxMember, "member")
            }
            Rule::docs_member => {
                let span = ctx.span(&pair);
                let placeholders = pair.as_str().contains("${");
                let mut it = pair.into_inner();
                let docs = docs(it.next().expect("docs"));
                let body = it.next().expect("member body");
                if super::blocks::is_block(body.as_rule()) {
                    // What a building block expands into names its table with `${table}`.
                    for kind in super::blocks::lower_block(ctx, body) {
                        members.push(Member {
                            docs: docs.clone(),
                            kind,
                            span,
                            placeholders: true,
                        });
                    }
                } else if let Some(kind) = lower_member(ctx, body) {
                    members.push(Member {
                        docs,
                        kind,
                        span,
                        placeholders,
                    });
                }
            }
            _ => {}
        }
    }
    members
}

fn lower_member(ctx: &mut Ctx, pair: Pair<Rule>) -> Option<MemberKind> {
    let rule = pair.as_rule();
    let parts: Vec<Pair<Rule>> = pair.into_inner().collect();
    Some(match rule {
        Rule::use_mixin => MemberKind::Use {
            name: ident(ctx, parts[1].clone()),
            args: parts
                .iter()
                .filter(|p| p.as_rule() == Rule::use_arg)
                .map(|a| {
                    let mut name = None;
                    let mut value = None;
                    for part in a.clone().into_inner() {
                        match part.as_rule() {
                            Rule::ident => name = Some(ident(ctx, part)),
                            _ => value = Some(sql(ctx, &part)),
                        }
                    }
                    (name, value.expect("argument value"))
                })
                .collect(),
        },
        Rule::check_parents => MemberKind::CheckParents,
        Rule::replica_def => {
            MemberKind::ReplicaIdentity(parts.iter().any(|p| p.as_rule() == Rule::K_FULL))
        }
        Rule::storage_def => MemberKind::Storage(storage_params(ctx, &parts)),
        Rule::rls_def => MemberKind::Rls {
            enabled: parts[1].as_rule() != Rule::K_DISABLED,
            forced: parts.iter().any(|p| p.as_rule() == Rule::K_FORCED),
        },
        Rule::column_def => MemberKind::Column(lower_column(ctx, parts)),
        Rule::table_constraint => MemberKind::Constraint(lower_constraint(ctx, parts)),
        Rule::index_def => MemberKind::Index(lower_index(ctx, parts)),
        Rule::policy_def => MemberKind::Policy(lower_policy(ctx, parts)),
        Rule::trigger_def => MemberKind::Trigger(lower_trigger(ctx, parts)),
        Rule::statistics_def => lower_statistics(ctx, parts),
        Rule::grant_member => MemberKind::Grant {
            privileges: privileges(ctx, find(&parts, Rule::privilege_list)?),
            roles: roles(ctx, find(&parts, Rule::role_list)?),
            grantable: find(&parts, Rule::with_grant_option).is_some(),
        },
        Rule::revoke_member => MemberKind::Revoke {
            privileges: privileges(ctx, find(&parts, Rule::privilege_list)?),
            roles: roles(ctx, find(&parts, Rule::role_list)?),
        },
        Rule::seed_def => {
            let mut lists = parts.iter().filter(|p| p.as_rule() == Rule::ident_list);
            MemberKind::Seed {
                columns: ident_list(ctx, lists.next()?.clone()),
                key: ident_list(ctx, lists.next()?.clone()),
                rows: parts
                    .iter()
                    .filter(|p| p.as_rule() == Rule::paren_expr)
                    .map(|p| paren_inner(ctx, p.clone()))
                    .collect(),
            }
        }
        Rule::partition_by => MemberKind::PartitionBy {
            strategy: parts[2].as_str().to_ascii_lowercase(),
            key: paren_inner(ctx, find(&parts, Rule::paren_expr)?),
        },
        Rule::partition_column => MemberKind::PartitionColumn {
            name: ident(ctx, find(&parts, Rule::ident)?),
            not_null: parts.iter().any(|p| p.as_rule() == Rule::not_null),
            default: find(&parts, Rule::default_c).and_then(|d| {
                let inner: Vec<Pair<Rule>> = d.into_inner().collect();
                find(&inner, Rule::line_expr).map(|e| sql(ctx, &e))
            }),
        },
        Rule::in_publication => MemberKind::Publications(
            parts
                .iter()
                .filter(|p| p.as_rule() == Rule::ident)
                .map(|p| ident(ctx, p.clone()))
                .collect(),
        ),
        Rule::partition_of => MemberKind::PartitionOf {
            name: qname(ctx, find(&parts, Rule::qname)?),
            bound: find(&parts, Rule::pred_expr).map(|p| sql(ctx, &p)),
            members: match find(&parts, Rule::partition_body) {
                Some(body) => lower_members(ctx, body.into_inner().collect()),
                None => Vec::new(),
            },
        },
        _ => return None,
    })
}

fn lower_column(ctx: &Ctx, parts: Vec<Pair<Rule>>) -> Column {
    let mut it = parts.into_iter();
    let name = ident(ctx, it.next().expect("column name"));
    let ty = type_ref(ctx, it.next().expect("column type"));
    let constraints = it
        .filter(|p| p.as_rule() == Rule::column_constraint)
        .map(|c| {
            let span = ctx.span(&c);
            let mut name = None;
            let mut kind = None;
            for part in c.into_inner() {
                match part.as_rule() {
                    Rule::K_CONSTRAINT => {}
                    Rule::ident => name = Some(ident(ctx, part)),
                    _ => kind = Some(lower_column_constraint(ctx, part)),
                }
            }
            ColumnConstraint {
                name,
                kind: kind.expect("constraint kind"),
                span,
            }
        })
        .collect();
    Column {
        name,
        ty,
        constraints,
    }
}

fn lower_column_constraint(ctx: &Ctx, pair: Pair<Rule>) -> ColumnConstraintKind {
    let rule = pair.as_rule();
    let parts: Vec<Pair<Rule>> = pair.into_inner().collect();
    match rule {
        Rule::not_null => ColumnConstraintKind::NotNull,
        Rule::null_c => ColumnConstraintKind::Null,
        Rule::default_c => ColumnConstraintKind::Default(sql(ctx, &parts[1])),
        Rule::identity_c => ColumnConstraintKind::Identity(
            parts.iter().any(|p| p.as_rule() == Rule::K_ALWAYS),
            find(&parts, Rule::identity_opts)
                .map(|o| super::top::seq_options(ctx, o.into_inner().collect()))
                .unwrap_or_default(),
        ),
        Rule::generated_c => ColumnConstraintKind::Generated(paren_inner(
            ctx,
            find(&parts, Rule::paren_expr).expect("expr"),
        )),
        Rule::primary_key_c => ColumnConstraintKind::PrimaryKey,
        Rule::unique_c => ColumnConstraintKind::Unique(parts.len() > 1),
        Rule::references_c => ColumnConstraintKind::References(lower_fk_target(ctx, &parts)),
        Rule::check_c => ColumnConstraintKind::Check(paren_inner(ctx, parts[1].clone())),
        Rule::collate_c => ColumnConstraintKind::Collate(qname(ctx, parts[1].clone())),
        Rule::statistics_c => ColumnConstraintKind::Statistics(
            find(&parts, Rule::number).map(|n| number(&n)).unwrap_or(-1),
        ),
        Rule::storage_c => ColumnConstraintKind::Storage(parts[1].as_str().to_ascii_uppercase()),
        _ => ColumnConstraintKind::RenamedFrom(ident(
            ctx,
            find(&parts, Rule::ident).expect("old name"),
        )),
    }
}

fn lower_fk_target(ctx: &Ctx, parts: &[Pair<Rule>]) -> ForeignKeyTarget {
    let mut target = ForeignKeyTarget {
        table: qname(ctx, find(parts, Rule::qname).expect("fk table")),
        columns: parts
            .iter()
            .skip_while(|p| p.as_rule() != Rule::qname)
            .find(|p| p.as_rule() == Rule::ident_list)
            .map(|l| ident_list(ctx, l.clone()))
            .unwrap_or_default(),
        on_delete: None,
        on_delete_columns: Vec::new(),
        match_full: false,
        on_update: None,
        deferrable: false,
        initially_deferred: false,
    };
    let clauses = parts.iter().flat_map(|p| match p.as_rule() {
        Rule::fk_tail | Rule::fk_clause => p.clone().into_inner().collect::<Vec<_>>(),
        _ => Vec::new(),
    });
    for part in clauses {
        match part.as_rule() {
            Rule::fk_action => {
                let p: Vec<Pair<Rule>> = part.into_inner().collect();
                // `set null (cols)`: the keywords, then the columns of `fk_set`.
                let kind_parts: Vec<Pair<Rule>> = p[2]
                    .clone()
                    .into_inner()
                    .flat_map(|k| match k.as_rule() {
                        Rule::fk_set => k.into_inner().collect::<Vec<_>>(),
                        _ => vec![k],
                    })
                    .collect();
                let kind = kind_parts
                    .iter()
                    .filter(|k| k.as_rule() != Rule::ident_list)
                    .map(|k| k.as_str().to_ascii_lowercase())
                    .collect::<Vec<_>>()
                    .join(" ");
                let columns = find(&kind_parts, Rule::ident_list).map(|l| ident_list(ctx, l));
                if p[1].as_rule() == Rule::K_DELETE {
                    target.on_delete = Some(kind);
                    target.on_delete_columns = columns.unwrap_or_default();
                } else {
                    target.on_update = Some(kind);
                }
            }
            Rule::fk_match => {
                target.match_full = part.into_inner().any(|k| k.as_rule() == Rule::K_FULL);
            }
            Rule::deferrable => {
                let p: Vec<Pair<Rule>> = part.into_inner().collect();
                target.deferrable = p[0].as_rule() != Rule::K_NOT;
                target.initially_deferred = p.iter().any(|x| x.as_rule() == Rule::K_DEFERRED);
            }
            _ => {}
        }
    }
    target
}

/// Normalised keyword text: lower case, single spaces.
fn words(pair: &Pair<Rule>) -> String {
    pair.as_str()
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn lower_constraint(ctx: &Ctx, parts: Vec<Pair<Rule>>) -> Constraint {
    let name = find(&parts, Rule::ident).map(|p| ident(ctx, p));
    let renamed = renamed_ident(ctx, &parts);
    let not_valid = find(&parts, Rule::not_valid).map(|p| ctx.span(&p));
    let no_inherit = find(&parts, Rule::no_inherit).map(|p| ctx.span(&p));
    let deferral = find(&parts, Rule::deferrable).map(|d| {
        let span = ctx.span(&d);
        let p: Vec<Pair<Rule>> = d.into_inner().collect();
        (
            p[0].as_rule() != Rule::K_NOT,
            p.iter().any(|x| x.as_rule() == Rule::K_DEFERRED),
            span,
        )
    });
    let body = parts
        .into_iter()
        .find(|p| {
            !matches!(
                p.as_rule(),
                Rule::K_CONSTRAINT
                    | Rule::ident
                    | Rule::renamed_ident
                    | Rule::not_valid
                    | Rule::no_inherit
                    | Rule::deferrable
            )
        })
        .expect("constraint body");
    let rule = body.as_rule();
    let p: Vec<Pair<Rule>> = body.into_inner().collect();
    let kind = match rule {
        Rule::pk_tc => {
            ConstraintKind::PrimaryKey(ident_list(ctx, find(&p, Rule::ident_list).expect("cols")))
        }
        Rule::unique_tc => ConstraintKind::Unique(
            ident_list(ctx, find(&p, Rule::ident_list).expect("cols")),
            find(&p, Rule::nulls_not_distinct).is_some(),
        ),
        Rule::fk_tc => ConstraintKind::ForeignKey(
            ident_list(ctx, find(&p, Rule::ident_list).expect("cols")),
            lower_fk_target(ctx, &p),
        ),
        Rule::check_tc => ConstraintKind::Check(paren_inner(ctx, p[1].clone())),
        _ => {
            let mut exprs = p.iter().filter(|x| x.as_rule() == Rule::paren_expr);
            ConstraintKind::Exclude {
                using: find(&p, Rule::ident).map(|x| ident(ctx, x)),
                elements: paren_inner(ctx, exprs.next().expect("elements").clone()),
                predicate: exprs.next().map(|x| paren_inner(ctx, x.clone())),
            }
        }
    };
    Constraint {
        name,
        renamed_from: renamed,
        kind,
        not_valid,
        no_inherit,
        deferral,
    }
}

pub(crate) fn lower_index(ctx: &Ctx, parts: Vec<Pair<Rule>>) -> Index {
    let mut index = Index {
        name: None,
        renamed_from: None,
        unique: false,
        concurrently: false,
        using: None,
        elements: Vec::new(),
        include: Vec::new(),
        nulls_not_distinct: false,
        storage: Vec::new(),
        predicate: None,
    };
    let mut after_using = false;
    for part in parts {
        match part.as_rule() {
            Rule::unique_kw => index.unique = true,
            Rule::concurrently_kw => index.concurrently = true,
            Rule::K_USING => after_using = true,
            Rule::ident if after_using => {
                index.using = Some(ident(ctx, part));
                after_using = false;
            }
            Rule::ident => index.name = Some(ident(ctx, part)),
            Rule::renamed_ident => {
                index.renamed_from = part
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::ident)
                    .map(|p| ident(ctx, p))
            }
            Rule::index_elem => index.elements.push(lower_index_elem(ctx, part)),
            Rule::ident_list => index.include = ident_list(ctx, part),
            Rule::nulls_not_distinct => index.nulls_not_distinct = true,
            Rule::storage_def => {
                let params: Vec<Pair<Rule>> = part.into_inner().collect();
                index.storage = storage_params(ctx, &params);
            }
            Rule::pred_expr => index.predicate = Some(sql(ctx, &part)),
            _ => {}
        }
    }
    index
}

fn lower_index_elem(ctx: &Ctx, pair: Pair<Rule>) -> IndexElem {
    let mut elem = IndexElem {
        target: IndexTarget::Expr(Sql {
            text: String::new(),
            span: ctx.span(&pair),
        }),
        collation: None,
        opclass: None,
        opclass_params: None,
        descending: false,
        nulls: None,
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::paren_expr => elem.target = IndexTarget::Expr(paren_inner(ctx, part)),
            Rule::func_call => elem.target = IndexTarget::Expr(sql(ctx, &part)),
            Rule::ident => elem.target = IndexTarget::Column(ident(ctx, part)),
            Rule::qname => elem.collation = Some(qname(ctx, part)),
            Rule::opclass => {
                for p in part.into_inner() {
                    match p.as_rule() {
                        Rule::qname => elem.opclass = Some(qname(ctx, p)),
                        Rule::opclass_params => {
                            elem.opclass_params = p
                                .into_inner()
                                .find(|b| b.as_rule() == Rule::balanced)
                                .map(|b| sql(ctx, &b))
                        }
                        _ => {}
                    }
                }
            }
            Rule::sort_dir => elem.descending = part.as_str().eq_ignore_ascii_case("desc"),
            Rule::nulls_order => {
                elem.nulls = Some(words(&part.into_inner().nth(1).expect("first|last")))
            }
            _ => {}
        }
    }
    elem
}

fn lower_policy(ctx: &Ctx, parts: Vec<Pair<Rule>>) -> Policy {
    let mut policy = Policy {
        name: ident(ctx, parts[1].clone()),
        renamed_from: renamed_ident(ctx, &parts),
        restrictive: parts.iter().any(|p| p.as_rule() == Rule::K_RESTRICTIVE),
        command: find(&parts, Rule::policy_cmd)
            .map(|p| words(&p))
            .unwrap_or_else(|| "all".to_string()),
        roles: find(&parts, Rule::role_list)
            .map(|p| roles(ctx, p))
            .unwrap_or_default(),
        using: None,
        with_check: None,
    };
    let mut seen_with = false;
    for part in parts {
        match part.as_rule() {
            Rule::K_WITH => seen_with = true,
            Rule::paren_expr if seen_with => policy.with_check = Some(paren_inner(ctx, part)),
            Rule::paren_expr => policy.using = Some(paren_inner(ctx, part)),
            _ => {}
        }
    }
    policy
}

pub(crate) fn lower_trigger(ctx: &Ctx, parts: Vec<Pair<Rule>>) -> Trigger {
    let is_constraint = parts[0].as_rule() == Rule::constraint_kw;
    let name = find(&parts, Rule::ident).expect("trigger name");
    let mut constraint = ConstraintTrigger {
        deferrable: false,
        initially_deferred: false,
        from: None,
    };
    let mut stray = None;
    let mut trigger = Trigger {
        name: ident(ctx, name),
        timing: String::new(),
        events: Vec::new(),
        for_each_row: false,
        old_table: None,
        new_table: None,
        when: None,
        function: qname(ctx, find(&parts, Rule::qname).expect("trigger function")),
        args: Vec::new(),
        state: None,
        constraint: None,
        stray_constraint_option: None,
    };
    for part in parts {
        match part.as_rule() {
            Rule::trigger_from | Rule::deferrable if !is_constraint => {
                stray = stray.or(Some(ctx.span(&part)));
            }
            Rule::trigger_from => {
                let q = part.into_inner().find(|p| p.as_rule() == Rule::qname);
                constraint.from = q.map(|q| qname(ctx, q));
            }
            Rule::deferrable => {
                let p: Vec<Pair<Rule>> = part.into_inner().collect();
                constraint.deferrable = p[0].as_rule() != Rule::K_NOT;
                constraint.initially_deferred = p.iter().any(|x| x.as_rule() == Rule::K_DEFERRED);
            }
            Rule::trigger_timing => trigger.timing = words(&part),
            Rule::trigger_event => {
                let mut it = part.into_inner();
                let event = it.next().expect("event").as_str().to_ascii_lowercase();
                let cols = it
                    .filter(|p| p.as_rule() == Rule::ident)
                    .map(|p| ident(ctx, p))
                    .collect();
                trigger.events.push((event, cols));
            }
            Rule::trigger_level => trigger.for_each_row = part.as_str().eq_ignore_ascii_case("row"),
            Rule::trigger_referencing => {
                for t in part.into_inner() {
                    let inner: Vec<Pair<Rule>> = t.into_inner().collect();
                    let name = find(&inner, Rule::ident).map(|i| ident(ctx, i));
                    if inner.first().is_some_and(|k| k.as_rule() == Rule::K_OLD) {
                        trigger.old_table = name;
                    } else {
                        trigger.new_table = name;
                    }
                }
            }
            Rule::paren_expr => trigger.when = Some(paren_inner(ctx, part)),
            Rule::trigger_arg => trigger.args.push(part.as_str().to_string()),
            Rule::trigger_state => trigger.state = Some(words(&part)),
            _ => {}
        }
    }
    trigger.constraint = is_constraint.then_some(constraint);
    trigger.stray_constraint_option = stray;
    trigger
}

/// The `key = value` pairs of a `with (…)` (`storage_param`s among `parts`): keys in
/// lower case, string values unquoted.
pub(crate) fn storage_params(ctx: &Ctx, parts: &[Pair<Rule>]) -> Vec<(Ident, String)> {
    parts
        .iter()
        .filter(|p| p.as_rule() == Rule::storage_param)
        .filter_map(|p| {
            let mut kv = p.clone().into_inner();
            let k = kv.next()?;
            let v = kv.next()?;
            let value = match v.as_rule() {
                Rule::string_lit => string_value(&v),
                _ => v.as_str().to_string(),
            };
            let name = Ident {
                name: k.as_str().to_ascii_lowercase(),
                span: ctx.span(&k),
            };
            Some((name, value))
        })
        .collect()
}

fn lower_statistics(ctx: &Ctx, parts: Vec<Pair<Rule>>) -> MemberKind {
    let kinds = find(&parts, Rule::stat_kinds)
        .map(|k| k.into_inner().map(|i| ident(ctx, i)).collect())
        .unwrap_or_default();
    let targets = parts
        .iter()
        .filter(|p| p.as_rule() == Rule::stat_target)
        .filter_map(|t| {
            let inner = t.clone().into_inner().next()?;
            Some(match inner.as_rule() {
                Rule::ident => StatTarget::Column(ident(ctx, inner)),
                _ => StatTarget::Expr(sql(ctx, &inner)),
            })
        })
        .collect();
    MemberKind::Statistics {
        name: ident(ctx, find(&parts, Rule::ident).expect("statistics name")),
        kinds,
        targets,
    }
}
