//! Pass 5, policy tests: checks each `test` block against the model (roles, tables,
//! columns) and expands `isolation of …` into the battery of steps it stands for.

use super::{objects::check_roles, qualify, Cx};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::model::{quote_ident, quote_literal, Expectation, PolicyTest, TestStep};
use crate::syntax::ast;
use std::collections::BTreeMap;

/// The checked tests with where each was declared.
pub(crate) fn run(cx: &mut Cx) -> Vec<(Span, PolicyTest)> {
    let mut seen: BTreeMap<String, Span> = BTreeMap::new();
    let mut out = Vec::new();
    let items = cx.items.clone();
    for item in items {
        let ast::ItemKind::Test(test) = &item.kind else {
            continue;
        };
        if let Some(first) = seen.insert(test.name.name.clone(), test.name.span) {
            cx.diags.push(
                Diagnostic::error(
                    Code::Duplicate,
                    test.name.span,
                    format!("test `{}` is declared twice", test.name.name),
                )
                .with_label("second declaration")
                .with_secondary(first, "first declared here"),
            );
            continue;
        }
        let mut steps = Vec::new();
        for step in &test.steps {
            match step {
                ast::TestStep::Setup(sql) => steps.push(TestStep::Setup {
                    label: "setup".into(),
                    sql: sql.text.clone(),
                }),
                ast::TestStep::As(who) => {
                    check_roles(cx, std::slice::from_ref(&who.role));
                    steps.push(identity(who, None));
                }
                ast::TestStep::Expect { expect, sql } => steps.push(TestStep::Expect {
                    label: format!("expect {}: {}", expectation(expect), first_line(&sql.text)),
                    expect: expectation(expect),
                    sql: sql.text.clone(),
                }),
                ast::TestStep::Isolation {
                    table,
                    column,
                    tenants,
                    identity: who,
                    row,
                    read_only,
                    span,
                } => {
                    check_roles(cx, std::slice::from_ref(&who.role));
                    if check_target(cx, table, column, *span) {
                        let battery = Battery {
                            tenants,
                            who,
                            row: &row.text,
                            read_only: *read_only,
                        };
                        steps.extend(isolation(cx, table, column, &battery));
                    }
                }
            }
        }
        out.push((
            item.span,
            PolicyTest {
                name: test.name.name.clone(),
                location: String::new(),
                steps,
            },
        ));
    }
    out
}

fn check_target(cx: &mut Cx, table: &ast::QName, column: &ast::Ident, span: Span) -> bool {
    let name = qualify(table);
    let Some(t) = cx.schema.tables.get(&name) else {
        cx.diags.push(
            Diagnostic::error(
                Code::UnknownTable,
                table.span,
                format!("unknown table `{name}`"),
            )
            .with_label("the isolation battery needs a declared table")
            .with_secondary(span, "in this isolation step"),
        );
        return false;
    };
    if t.column(&column.name).is_none() {
        cx.diags.push(
            Diagnostic::error(
                Code::UnknownColumn,
                column.span,
                format!("table `{name}` has no column `{}`", column.name),
            )
            .with_label("not a column of the table"),
        );
        return false;
    }
    true
}

/// What an `isolation of` step says beyond its table and column.
struct Battery<'a> {
    tenants: &'a [String; 2],
    who: &'a ast::Identity,
    row: &'a str,
    read_only: bool,
}

/// Tenant A inserts its row (or, for a `read only` table, is refused and the row is
/// inserted for it) and sees it; B cannot read, change, delete or forge it; a caller
/// without identity sees none of it.
fn isolation(cx: &Cx, table: &ast::QName, column: &ast::Ident, battery: &Battery) -> Vec<TestStep> {
    let ([a, b], who, row) = (battery.tenants, battery.who, battery.row);
    let t = qualify(table).sql();
    let c = quote_ident(&column.name);
    let owned_by_a = format!("{c} = {}", quote_literal(a));
    let for_tenant = |s: &str, tenant: &str| s.replace("${tenant}", tenant);
    // A caller without identity: `anon` where the project has it, else the role
    // without claims or settings.
    let (anon_role, anon_label) = if cx.externs.roles.contains("anon") {
        (
            "anon".to_string(),
            format!("anon sees none of tenant A's rows of {t}"),
        )
    } else {
        (
            who.role.name.clone(),
            format!("a caller without identity sees none of tenant A's rows of {t}"),
        )
    };
    let expect = |label: String, expect, sql: String| TestStep::Expect { label, expect, sql };
    // Tenant A's row is inserted as tenant A: a role that cannot insert at all (no
    // grant, no USAGE on a sequence its defaults call) fails this step, on its own.
    let first = if battery.read_only {
        vec![
            identity(who, Some(a)),
            expect(
                format!("tenant A cannot insert rows of {t} (read only)"),
                Expectation::Error("42501".into()),
                for_tenant(row, a),
            ),
            TestStep::Setup {
                label: format!("a row of tenant {a} in {t}"),
                sql: for_tenant(row, a),
            },
        ]
    } else {
        vec![
            identity(who, Some(a)),
            expect(
                format!("tenant A can insert its own row of {t}"),
                Expectation::Ok,
                for_tenant(row, a),
            ),
        ]
    };
    let mut steps = first;
    steps.extend([
        identity(who, Some(a)),
        expect(
            format!("tenant A sees its own rows of {t}"),
            Expectation::SomeRows,
            format!("select 1 from {t} where {owned_by_a}"),
        ),
        identity(who, Some(b)),
        expect(
            format!("tenant B cannot read tenant A's rows of {t}"),
            Expectation::Rows(0),
            format!("select 1 from {t} where {owned_by_a}"),
        ),
        expect(
            format!("tenant B's UPDATE touches none of tenant A's rows of {t}"),
            Expectation::Nothing,
            format!("update {t} set {c} = {c} where {owned_by_a}"),
        ),
        expect(
            format!("tenant B's DELETE touches none of tenant A's rows of {t}"),
            Expectation::Nothing,
            format!("delete from {t} where {owned_by_a}"),
        ),
        expect(
            format!("tenant B cannot insert a row of {t} owned by tenant A"),
            Expectation::Error("42501".into()),
            for_tenant(row, a),
        ),
        TestStep::As {
            role: anon_role,
            claims: None,
            settings: Vec::new(),
        },
        expect(
            anon_label,
            Expectation::Nothing,
            format!("select 1 from {t} where {owned_by_a}"),
        ),
    ]);
    steps
}

fn identity(who: &ast::Identity, tenant: Option<&str>) -> TestStep {
    let sub = |s: &str| match tenant {
        Some(t) => s.replace("${tenant}", t),
        None => s.to_string(),
    };
    TestStep::As {
        role: who.role.name.clone(),
        claims: who.claims.as_deref().map(sub),
        settings: who
            .settings
            .iter()
            .map(|(k, v)| (k.clone(), sub(v)))
            .collect(),
    }
}

fn expectation(e: &ast::Expect) -> Expectation {
    match e {
        ast::Expect::Rows(n) => Expectation::Rows(*n),
        ast::Expect::Error(code) => Expectation::Error(code.clone()),
        ast::Expect::Ok => Expectation::Ok,
        ast::Expect::Value(v) => Expectation::Value(v.clone()),
    }
}

fn first_line(sql: &str) -> String {
    let line = sql.lines().next().unwrap_or("").trim();
    if line.len() < sql.trim().len() {
        format!("{line} …")
    } else {
        line.to_string()
    }
}
