//! Lowering of policy tests (`test name { … }`).

use super::*;

pub(crate) fn lower_test(ctx: &Ctx, rest: Vec<Pair<Rule>>) -> TestDef {
    let mut name = None;
    let mut steps = Vec::new();
    for part in rest {
        match part.as_rule() {
            Rule::ident if name.is_none() => name = Some(ident(ctx, part)),
            Rule::setup_step => {
                let sql = part.into_inner().nth(1).expect("setup statement");
                steps.push(TestStep::Setup(test_sql(ctx, sql)));
            }
            Rule::as_step => steps.push(TestStep::As(identity(ctx, part))),
            Rule::expect_step => {
                let mut it = part.into_inner().skip(1);
                let kind = it.next().expect("expectation");
                let sql = test_sql(ctx, it.next().expect("statement"));
                steps.push(TestStep::Expect {
                    expect: expectation(kind),
                    sql,
                });
            }
            Rule::isolation_step => steps.push(isolation(ctx, part)),
            _ => {}
        }
    }
    TestDef {
        name: name.expect("test name"),
        steps,
    }
}

fn isolation(ctx: &Ctx, pair: Pair<Rule>) -> TestStep {
    let span = ctx.span(&pair);
    let parts: Vec<Pair<Rule>> = pair.into_inner().collect();
    let mut strings = parts
        .iter()
        .filter(|p| p.as_rule() == Rule::string_lit)
        .map(string_value);
    let tenants = [
        strings.next().expect("tenant A"),
        strings.next().expect("tenant B"),
    ];
    let get = |rule| {
        parts
            .iter()
            .find(|p| p.as_rule() == rule)
            .cloned()
            .expect("isolation part")
    };
    TestStep::Isolation {
        table: qname(ctx, get(Rule::qname)),
        column: ident(ctx, get(Rule::ident)),
        tenants,
        identity: identity(ctx, get(Rule::as_step)),
        row: test_sql(ctx, get(Rule::test_sql)),
        read_only: parts.iter().any(|p| p.as_rule() == Rule::read_only),
        span,
    }
}

fn identity(ctx: &Ctx, pair: Pair<Rule>) -> Identity {
    let span = ctx.span(&pair);
    let mut role = None;
    let mut claims = None;
    let mut settings = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ident => role = Some(ident(ctx, part)),
            Rule::string_lit => claims = Some(string_value(&part)),
            Rule::guc_setting => {
                let mut it = part.into_inner().skip(1);
                let name = it
                    .next()
                    .expect("setting name")
                    .as_str()
                    .to_ascii_lowercase();
                let value = string_value(&it.next().expect("setting value"));
                settings.push((name, value));
            }
            _ => {}
        }
    }
    Identity {
        role: role.expect("role"),
        claims,
        settings,
        span,
    }
}

fn expectation(pair: Pair<Rule>) -> Expect {
    let mut it = pair.into_inner();
    let word = it.next().expect("keyword").as_rule();
    let arg = it.next();
    match word {
        Rule::K_ROWS => Expect::Rows(arg.map_or(0, |a| a.as_str().parse().unwrap_or(0))),
        Rule::K_ERROR => Expect::Error(
            arg.map(|a| a.as_str().to_ascii_uppercase())
                .unwrap_or_default(),
        ),
        Rule::K_VALUE => Expect::Value(arg.map(|a| string_value(&a)).unwrap_or_default()),
        _ => Expect::Ok,
    }
}

/// A test statement: the inside of its dollar quotes, or its string's value.
fn test_sql(ctx: &Ctx, pair: Pair<Rule>) -> Sql {
    let span = ctx.span(&pair);
    let inner = pair.into_inner().next().expect("quoted text");
    let text = match inner.as_rule() {
        Rule::dollar_quoted => {
            let s = inner.as_str();
            let open = s[1..].find('$').map_or(1, |n| n + 2);
            s[open..s.len() - open].to_string()
        }
        _ => string_value(&inner),
    };
    Sql {
        text: text.trim().to_string(),
        span,
    }
}
