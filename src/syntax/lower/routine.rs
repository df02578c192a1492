//! Lowering of functions and procedures.

use super::top::{find, name_type};
use super::*;

pub(crate) fn lower_function(ctx: &Ctx, rest: Vec<Pair<Rule>>) -> Function {
    let procedure = rest.iter().any(|p| p.as_rule() == Rule::K_PROCEDURE);
    let options = rest
        .iter()
        .filter(|p| p.as_rule() == Rule::fn_option)
        .map(|p| (lower_option(ctx, p.clone()), ctx.span(p)))
        .collect();
    Function {
        procedure,
        name: qname(ctx, find(&rest, Rule::qname).expect("function name")),
        params: lower_params(ctx, find(&rest, Rule::fn_params).expect("params")),
        returns: find(&rest, Rule::fn_returns).map(|p| lower_returns(ctx, p)),
        options,
        body: match find(&rest, Rule::fn_body) {
            Some(b) => sql(ctx, &b),
            None => sql(ctx, &find(&rest, Rule::std_body).expect("body")),
        },
        standard_body: find(&rest, Rule::std_body).is_some(),
        renamed_from: super::top::renamed_from(ctx, &rest),
    }
}

pub(crate) fn lower_params(ctx: &Ctx, pair: Pair<Rule>) -> Vec<Param> {
    pair.into_inner()
        .map(|p| {
            let mut param = Param {
                mode: ParamMode::In,
                name: None,
                ty: TypeRef {
                    base: QName {
                        schema: None,
                        name: Ident {
                            name: String::new(),
                            span: ctx.span(&p),
                        },
                        span: ctx.span(&p),
                    },
                    words: None,
                    modifiers: None,
                    array_dims: 0,
                    span: ctx.span(&p),
                },
                default: None,
            };
            for part in p.into_inner() {
                match part.as_rule() {
                    Rule::fn_mode => {
                        param.mode = match part.as_str().to_ascii_lowercase().as_str() {
                            "out" => ParamMode::Out,
                            "inout" => ParamMode::InOut,
                            "variadic" => ParamMode::Variadic,
                            _ => ParamMode::In,
                        }
                    }
                    Rule::ident => param.name = Some(ident(ctx, part)),
                    Rule::type_expr => param.ty = type_ref(ctx, part),
                    Rule::arg_default => param.default = Some(sql(ctx, &part)),
                    _ => {}
                }
            }
            param
        })
        .collect()
}

pub(crate) fn lower_returns(ctx: &Ctx, pair: Pair<Rule>) -> Returns {
    let parts: Vec<Pair<Rule>> = pair.into_inner().collect();
    match parts[0].as_rule() {
        Rule::K_SETOF => Returns::SetOf(type_ref(ctx, parts[1].clone())),
        Rule::K_TABLE => Returns::Table(
            parts[1..]
                .iter()
                .map(|p| name_type(ctx, p.clone()))
                .collect(),
        ),
        _ => Returns::Type(type_ref(ctx, parts[0].clone())),
    }
}

fn lower_option(ctx: &Ctx, pair: Pair<Rule>) -> FnOption {
    let parts: Vec<Pair<Rule>> = pair.into_inner().collect();
    match parts[0].as_rule() {
        Rule::K_LANGUAGE => FnOption::Language(ident(ctx, parts[1].clone())),
        Rule::K_IMMUTABLE | Rule::K_STABLE | Rule::K_VOLATILE => {
            FnOption::Volatility(parts[0].as_str().to_ascii_lowercase())
        }
        Rule::K_SECURITY => FnOption::SecurityDefiner(parts[1].as_rule() == Rule::K_DEFINER),
        Rule::K_STRICT => FnOption::Strict,
        Rule::K_LEAKPROOF => FnOption::Leakproof,
        Rule::K_PARALLEL => FnOption::Parallel(ident(ctx, parts[1].clone())),
        _ => {
            let name = ident(ctx, parts[1].clone());
            let value = find(&parts, Rule::set_value).expect("set value");
            let atoms: Vec<String> = value
                .into_inner()
                .map(|a| a.as_str().trim().to_string())
                .collect();
            FnOption::Set(name, atoms.join(", "))
        }
    }
}
