//! Lowering of top-level declarations other than tables and routines.

use super::*;

pub(crate) fn lower_item(ctx: &mut Ctx, pair: Pair<Rule>) -> Option<Item> {
    let span = ctx.span(&pair);
    let rule = pair.as_rule();
    let mut inner = pair.into_inner().peekable();
    let docs = match inner.peek().map(|p| p.as_rule()) {
        Some(Rule::docs) => docs(inner.next().expect("peeked")),
        _ => None,
    };
    let rest: Vec<Pair<Rule>> = inner.collect();
    let kind = match rule {
        Rule::schema_def => ItemKind::Schema(ident(ctx, find(&rest, Rule::ident)?)),
        Rule::extension_def => lower_extension(ctx, rest),
        Rule::extern_def => ItemKind::Extern(lower_extern(ctx, rest)?),
        Rule::enum_def => lower_enum(ctx, rest),
        Rule::domain_def => ItemKind::Domain(lower_domain(ctx, rest)),
        Rule::sequence_def => lower_sequence(ctx, rest),
        Rule::aggregate_def => ItemKind::Aggregate(lower_aggregate(ctx, rest)),
        Rule::range_def => ItemKind::Range {
            name: qname(ctx, find(&rest, Rule::qname)?),
            options: options(ctx, &rest),
        },
        Rule::collation_def => ItemKind::Collation {
            name: qname(ctx, find(&rest, Rule::qname)?),
            options: options(ctx, &rest),
        },
        Rule::publication_def => ItemKind::Publication {
            name: ident(ctx, find(&rest, Rule::ident)?),
            options: find(&rest, Rule::storage_def)
                .map(|w| {
                    let parts: Vec<Pair<Rule>> = w.into_inner().collect();
                    super::table::storage_params(ctx, &parts)
                })
                .unwrap_or_default(),
        },
        Rule::composite_def => ItemKind::Composite {
            name: qname(ctx, find(&rest, Rule::qname)?),
            attributes: rest
                .iter()
                .filter(|p| p.as_rule() == Rule::extern_column)
                .filter_map(|c| {
                    let parts: Vec<Pair<Rule>> = c.clone().into_inner().collect();
                    Some((
                        ident(ctx, find(&parts, Rule::ident)?),
                        type_ref(ctx, find(&parts, Rule::type_expr)?),
                    ))
                })
                .collect(),
        },
        Rule::function_def => ItemKind::Function(routine::lower_function(ctx, rest)),
        Rule::view_def => ItemKind::View(lower_view(ctx, rest)),
        Rule::view_index_def => ItemKind::ViewIndex {
            view: qname(ctx, find(&rest, Rule::qname)?),
            index: table::lower_index(ctx, rest),
        },
        Rule::view_trigger_def => ItemKind::ViewTrigger {
            view: qname(
                ctx,
                find(&rest, Rule::trigger_on)?
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::qname)?,
            ),
            trigger: table::lower_trigger(ctx, rest),
        },
        Rule::rule_def => ItemKind::Rule(lower_rule(ctx, rest)?),
        Rule::table_def | Rule::extend_def => ItemKind::Table(table::lower_table(ctx, rest)),
        Rule::mixin_def => ItemKind::Mixin(table::lower_mixin(ctx, rest)),
        Rule::grant_def => ItemKind::Grant(lower_grant(ctx, rest, false)),
        Rule::revoke_def => ItemKind::Grant(lower_grant(ctx, rest, true)),
        Rule::owner_def => ItemKind::Owner {
            target: lower_target(ctx, find(&rest, Rule::grant_target).expect("owner target")),
            role: ident(ctx, find(&rest, Rule::ident).expect("owner role")),
        },
        Rule::default_privileges_def => ItemKind::DefaultPrivileges(lower_defaults(ctx, rest)?),
        Rule::allow_def => lower_allow(ctx, &rest)?,
        Rule::test_def => ItemKind::Test(super::tests::lower_test(ctx, rest)),
        _ => return None,
    };
    Some(Item { docs, kind, span })
}

/// The old name of a `renamed from` clause among `pairs`.
pub(crate) fn renamed_from(ctx: &Ctx, pairs: &[Pair<Rule>]) -> Option<QName> {
    let r = find(pairs, Rule::renamed_from)?;
    r.into_inner()
        .find(|p| p.as_rule() == Rule::qname)
        .map(|p| qname(ctx, p))
}

/// The old name of a `renamed from` clause on a member.
pub(crate) fn renamed_ident(ctx: &Ctx, pairs: &[Pair<Rule>]) -> Option<Ident> {
    let r = find(pairs, Rule::renamed_ident)?;
    r.into_inner()
        .find(|p| p.as_rule() == Rule::ident)
        .map(|p| ident(ctx, p))
}

pub(crate) fn find<'i>(pairs: &[Pair<'i, Rule>], rule: Rule) -> Option<Pair<'i, Rule>> {
    pairs.iter().find(|p| p.as_rule() == rule).cloned()
}

fn lower_extension(ctx: &Ctx, rest: Vec<Pair<Rule>>) -> ItemKind {
    let mut idents = rest.iter().filter(|p| p.as_rule() == Rule::ident);
    let name = ident(ctx, idents.next().cloned().expect("extension name"));
    let schema = idents.next().cloned().map(|p| ident(ctx, p));
    let version = find(&rest, Rule::string_lit).map(|p| string_value(&p));
    ItemKind::Extension {
        name,
        schema,
        version,
    }
}

fn lower_extern(ctx: &mut Ctx, rest: Vec<Pair<Rule>>) -> Option<Extern> {
    let body = rest.into_iter().find(|p| p.as_rule() != Rule::K_EXTERN)?;
    let rule = body.as_rule();
    let parts: Vec<Pair<Rule>> = body.into_inner().collect();
    Some(match rule {
        Rule::extern_schema => Extern::Schema(ident(ctx, find(&parts, Rule::ident)?)),
        Rule::extern_role => Extern::Roles(
            find(&parts, Rule::role_list)?
                .into_inner()
                .map(|p| ident(ctx, p))
                .collect(),
        ),
        Rule::extern_publication => Extern::Publications(
            parts
                .iter()
                .filter(|p| p.as_rule() == Rule::ident)
                .map(|p| ident(ctx, p.clone()))
                .collect(),
        ),
        Rule::extern_table => Extern::Table {
            name: qname(ctx, find(&parts, Rule::qname)?),
            columns: parts
                .iter()
                .filter(|p| p.as_rule() == Rule::extern_column)
                .map(|p| name_type(ctx, p.clone()))
                .collect(),
        },
        Rule::extern_function => Extern::Function {
            name: qname(ctx, find(&parts, Rule::qname)?),
            params: routine::lower_params(ctx, find(&parts, Rule::fn_params)?),
            returns: Box::new(routine::lower_returns(ctx, find(&parts, Rule::fn_returns)?)),
            body: find(&parts, Rule::fn_body).map(|p| sql(ctx, &p)),
        },
        Rule::extern_type => Extern::Type(qname(ctx, find(&parts, Rule::qname)?)),
        _ => return None,
    })
}

pub(crate) fn name_type(ctx: &Ctx, pair: Pair<Rule>) -> (Ident, TypeRef) {
    let mut it = pair.into_inner();
    let name = ident(ctx, it.next().expect("column name"));
    let ty = type_ref(ctx, it.next().expect("column type"));
    (name, ty)
}

fn lower_enum(ctx: &Ctx, rest: Vec<Pair<Rule>>) -> ItemKind {
    let name = qname(ctx, find(&rest, Rule::qname).expect("enum name"));
    let values = rest
        .iter()
        .filter(|p| p.as_rule() == Rule::enum_value)
        .map(|p| {
            let mut lits = p
                .clone()
                .into_inner()
                .filter(|x| x.as_rule() == Rule::string_lit);
            let lit = lits.next().expect("enum label");
            let old = lits.next().map(|o| string_value(&o));
            (string_value(&lit), ctx.span(&lit), old)
        })
        .collect();
    ItemKind::Enum { name, values }
}

/// `key = value` options (of an aggregate or a collation), values verbatim.
fn options(ctx: &Ctx, rest: &[Pair<Rule>]) -> Vec<(Ident, Sql)> {
    rest.iter()
        .filter(|p| p.as_rule() == Rule::agg_option)
        .map(|o| {
            let parts: Vec<Pair<Rule>> = o.clone().into_inner().collect();
            let key = ident(ctx, find(&parts, Rule::ident).expect("option key"));
            let value = sql(ctx, &find(&parts, Rule::agg_value).expect("option value"));
            (key, value)
        })
        .collect()
}

fn lower_aggregate(ctx: &Ctx, rest: Vec<Pair<Rule>>) -> Aggregate {
    let options = options(ctx, &rest);
    Aggregate {
        name: qname(ctx, find(&rest, Rule::qname).expect("aggregate name")),
        args: rest
            .iter()
            .filter(|p| p.as_rule() == Rule::type_expr)
            .map(|p| type_ref(ctx, p.clone()))
            .collect(),
        star: find(&rest, Rule::agg_star).is_some(),
        options,
    }
}

fn lower_domain(ctx: &Ctx, rest: Vec<Pair<Rule>>) -> Domain {
    let mut domain = Domain {
        name: qname(ctx, find(&rest, Rule::qname).expect("domain name")),
        ty: type_ref(ctx, find(&rest, Rule::type_expr).expect("domain type")),
        not_null: false,
        default: None,
        checks: Vec::new(),
    };
    for part in rest
        .into_iter()
        .filter(|p| p.as_rule() == Rule::domain_part)
    {
        let parts: Vec<Pair<Rule>> = part.into_inner().collect();
        match parts.first().map(|p| p.as_rule()) {
            Some(Rule::K_NOT) => domain.not_null = true,
            Some(Rule::K_DEFAULT) => {
                domain.default = find(&parts, Rule::line_expr).map(|p| sql(ctx, &p))
            }
            _ => {
                let name = find(&parts, Rule::ident).map(|p| ident(ctx, p));
                if let Some(e) = find(&parts, Rule::paren_expr) {
                    domain.checks.push((name, paren_inner(ctx, e)));
                }
            }
        }
    }
    domain
}

fn lower_sequence(ctx: &Ctx, rest: Vec<Pair<Rule>>) -> ItemKind {
    let name = qname(ctx, find(&rest, Rule::qname).expect("sequence name"));
    ItemKind::Sequence {
        name,
        unlogged: rest.iter().any(|p| p.as_rule() == Rule::K_UNLOGGED),
        options: seq_options(ctx, rest),
    }
}

/// The `seq_option`s among `pairs` (of a sequence, or an identity column).
pub(crate) fn seq_options(ctx: &Ctx, pairs: Vec<Pair<Rule>>) -> Vec<SequenceOption> {
    let mut options = Vec::new();
    for opt in pairs
        .into_iter()
        .filter(|p| p.as_rule() == Rule::seq_option)
    {
        let span = ctx.span(&opt);
        let parts: Vec<Pair<Rule>> = opt.into_inner().collect();
        let n = find(&parts, Rule::number).map(|p| number(&p)).unwrap_or(0);
        let o = match parts[0].as_rule() {
            Rule::K_AS => SequenceOption::As(type_ref(ctx, parts[1].clone())),
            Rule::K_INCREMENT => SequenceOption::Increment(n),
            Rule::K_MINVALUE => SequenceOption::MinValue(n),
            Rule::K_MAXVALUE => SequenceOption::MaxValue(n),
            Rule::K_START => SequenceOption::Start(n),
            Rule::K_CACHE => SequenceOption::Cache(n),
            Rule::K_NO => SequenceOption::Cycle(false),
            Rule::K_CYCLE => SequenceOption::Cycle(true),
            _ => {
                let col = find(&parts, Rule::qname_col).expect("owned by");
                SequenceOption::OwnedBy(col.into_inner().map(|p| ident(ctx, p)).collect(), span)
            }
        };
        options.push(o);
    }
    options
}

fn lower_view(ctx: &Ctx, rest: Vec<Pair<Rule>>) -> View {
    View {
        materialized: rest.iter().any(|p| p.as_rule() == Rule::K_MATERIALIZED),
        name: qname(ctx, find(&rest, Rule::qname).expect("view name")),
        options: rest
            .iter()
            .filter(|p| p.as_rule() == Rule::view_option)
            .map(|p| {
                let mut it = p.clone().into_inner();
                let name = ident(ctx, it.next().expect("option name"));
                let value = it.next().map(|v| match v.as_rule() {
                    Rule::string_lit => string_value(&v),
                    _ => ident(ctx, v).name,
                });
                (name, value)
            })
            .collect(),
        columns: rest
            .iter()
            .filter(|p| p.as_rule() == Rule::view_column)
            .map(|p| {
                let parts: Vec<Pair<Rule>> = p.clone().into_inner().collect();
                let doc = super::docs(parts[0].clone());
                let name = find(&parts, Rule::ident).expect("column name");
                (ident(ctx, name), doc)
            })
            .collect(),
        query: sql(ctx, &find(&rest, Rule::query_text).expect("view query")),
    }
}

pub(crate) fn privileges(ctx: &Ctx, pair: Pair<Rule>) -> Vec<(Ident, Vec<Ident>)> {
    pair.into_inner()
        .map(|p| {
            let mut it = p.into_inner();
            let name = ident(ctx, it.next().expect("privilege"));
            let cols = it.next().map(|l| ident_list(ctx, l)).unwrap_or_default();
            (name, cols)
        })
        .collect()
}

pub(crate) fn roles(ctx: &Ctx, pair: Pair<Rule>) -> Vec<Ident> {
    pair.into_inner().map(|p| ident(ctx, p)).collect()
}

/// The object a grant, revoke or owner declaration is about.
fn lower_target(ctx: &Ctx, target: Pair<Rule>) -> GrantTarget {
    let parts: Vec<Pair<Rule>> = target.into_inner().collect();
    let name = || qname(ctx, find(&parts, Rule::qname).expect("object name"));
    match parts[0].as_rule() {
        Rule::K_SCHEMA => GrantTarget::Schema(ident(ctx, parts[1].clone())),
        Rule::K_SEQUENCE => GrantTarget::Sequence(name()),
        Rule::K_TABLE => GrantTarget::Table(name()),
        Rule::K_MATERIALIZED | Rule::K_VIEW => GrantTarget::View(name()),
        Rule::K_TYPE | Rule::K_DOMAIN => GrantTarget::Type(name()),
        _ => GrantTarget::Function(name(), routine::lower_params(ctx, parts[2].clone())),
    }
}

fn lower_grant(ctx: &Ctx, rest: Vec<Pair<Rule>>, revoke: bool) -> Grant {
    let target = lower_target(ctx, find(&rest, Rule::grant_target).expect("grant target"));
    Grant {
        privileges: privileges(ctx, find(&rest, Rule::privilege_list).expect("privileges")),
        target,
        roles: roles(ctx, find(&rest, Rule::role_list).expect("roles")),
        grantable: find(&rest, Rule::with_grant_option).is_some(),
        revoke,
    }
}

fn lower_defaults(ctx: &Ctx, rest: Vec<Pair<Rule>>) -> Option<DefaultPrivileges> {
    // `for role r` and `in schema s` are told apart by the keyword before the name.
    let mut owner = None;
    let mut schema = None;
    for (i, p) in rest.iter().enumerate() {
        if p.as_rule() == Rule::ident {
            match rest[i - 1].as_rule() {
                Rule::K_ROLE => owner = Some(ident(ctx, p.clone())),
                _ => schema = Some(ident(ctx, p.clone())),
            }
        }
    }
    let body = rest
        .iter()
        .find(|p| matches!(p.as_rule(), Rule::default_grant | Rule::default_revoke))?;
    let revoke = body.as_rule() == Rule::default_revoke;
    let parts: Vec<Pair<Rule>> = body.clone().into_inner().collect();
    Some(DefaultPrivileges {
        platform: rest.iter().any(|p| p.as_rule() == Rule::K_EXTERN),
        owner,
        schema,
        revoke,
        privileges: privileges(ctx, find(&parts, Rule::privilege_list)?),
        on: ident(ctx, find(&parts, Rule::ident)?),
        roles: roles(ctx, find(&parts, Rule::role_list)?),
        grantable: find(&parts, Rule::with_grant_option).is_some(),
    })
}

fn lower_allow(ctx: &Ctx, rest: &[Pair<Rule>]) -> Option<ItemKind> {
    if let Some(q) = find(rest, Rule::qname) {
        return Some(ItemKind::AllowDataLoss {
            table: qname(ctx, q),
            column: None,
        });
    }
    let col = find(rest, Rule::qname_col)?;
    let span = ctx.span(&col);
    let mut parts: Vec<Ident> = col.into_inner().map(|p| ident(ctx, p)).collect();
    let column = parts.pop()?;
    let name = parts.pop()?;
    Some(ItemKind::AllowDataLoss {
        table: QName {
            schema: parts.pop(),
            name,
            span,
        },
        column: Some(column),
    })
}

fn lower_rule(ctx: &Ctx, parts: Vec<Pair<Rule>>) -> Option<RewriteRule> {
    let event = find(&parts, Rule::rule_event)?;
    Some(RewriteRule {
        name: ident(ctx, find(&parts, Rule::ident)?),
        event: event.as_str().to_ascii_lowercase(),
        relation: qname(ctx, find(&parts, Rule::qname)?),
        condition: find(&parts, Rule::paren_expr).map(|p| paren_inner(ctx, p)),
        instead: find(&parts, Rule::rule_kind)
            .is_some_and(|k| k.as_str().eq_ignore_ascii_case("instead")),
        actions: find(&parts, Rule::rule_actions)
            .and_then(|a| a.into_inner().next())
            .map(|p| paren_inner(ctx, p)),
    })
}
