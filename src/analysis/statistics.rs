//! Extended statistics: a table's (or a partition's) `statistics name [(kinds)] on a,
//! b, (expr)` members, lowered to [`model::Statistics`] with what PostgreSQL refuses
//! found here: unknown kinds and columns, fewer than two targets, kinds on a single
//! expression.

use super::tables::{check_name_len, unknown_column};
use super::Cx;
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::model::{self, quote_ident};
use crate::syntax::ast;

/// The kinds PostgreSQL builds when none are named: named all together, they are
/// stored as none, as the catalog reads them back.
const KINDS: [&str; 3] = ["dependencies", "mcv", "ndistinct"];

/// Lowers one `statistics` member of `table`.
pub(super) fn lower(
    cx: &mut Cx,
    table: &mut model::Table,
    name: &ast::Ident,
    kinds: &[ast::Ident],
    targets: &[ast::StatTarget],
    docs: Option<String>,
    span: Span,
) {
    if table.statistics.iter().any(|s| s.name == name.name) {
        cx.diags.push(Diagnostic::error(
            Code::DuplicateMember,
            name.span,
            format!(
                "table `{}` has two statistics named `{}`",
                table.name, name.name
            ),
        ));
        return;
    }
    check_name_len(cx, &name.name, name.span);
    let mut kind_names: Vec<String> = Vec::new();
    for k in kinds {
        if KINDS.contains(&k.name.as_str()) {
            kind_names.push(k.name.clone());
        } else {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadOption,
                    k.span,
                    format!("unknown kind of statistics `{}`", k.name),
                )
                .with_label("not a kind of extended statistics")
                .with_note("help: the kinds are ndistinct, dependencies and mcv"),
            );
        }
    }
    kind_names.sort();
    kind_names.dedup();
    if kind_names.len() == KINDS.len() {
        kind_names.clear();
    }
    let mut texts = Vec::new();
    for t in targets {
        match t {
            ast::StatTarget::Column(c) => {
                if table.column(&c.name).is_none() {
                    cx.diags.push(unknown_column(&table.name, &c.name, c.span));
                }
                texts.push(quote_ident(&c.name).into_owned());
            }
            ast::StatTarget::Expr(e) => texts.push(e.text.clone()),
        }
    }
    let single_expression = matches!(targets, [ast::StatTarget::Expr(_)]);
    let problem = if targets.len() < 2 && !single_expression {
        Some("extended statistics need two columns or expressions, or one expression")
    } else if single_expression && !kinds.is_empty() {
        Some("statistics of a single expression take no kinds")
    } else {
        None
    };
    if let Some(problem) = problem {
        cx.diags.push(
            Diagnostic::error(
                Code::BadOption,
                span,
                format!("statistics `{}` are not valid", name.name),
            )
            .with_label(problem),
        );
    }
    cx.origins.insert(
        format!(
            "statistics {}.{} on {}",
            table.name.schema, name.name, table.name
        ),
        name.span,
    );
    table.statistics.push(model::Statistics {
        name: name.name.clone(),
        kinds: kind_names,
        targets: texts,
        comment: docs,
    });
}

/// Extended statistics are named per schema, not per table: two tables of a schema
/// cannot both have statistics `s`.
pub(super) fn check_unique(cx: &mut Cx) {
    let mut seen: std::collections::BTreeMap<(&str, &str), &model::QName> =
        std::collections::BTreeMap::new();
    let mut diags = Vec::new();
    for t in cx.schema.tables.values() {
        for s in &t.statistics {
            if let Some(first) = seen.insert((&t.name.schema, &s.name), &t.name) {
                let key = format!("statistics {}.{} on {}", t.name.schema, s.name, t.name);
                let span = cx.origins.get(&key).copied().unwrap_or_default();
                diags.push(
                    Diagnostic::error(
                        Code::DuplicateMember,
                        span,
                        format!(
                            "statistics `{}` of `{}` are named like those of `{first}`",
                            s.name, t.name
                        ),
                    )
                    .with_label("statistics names are unique in their schema"),
                );
            }
        }
    }
    for d in diags {
        cx.diags.push(d);
    }
}
