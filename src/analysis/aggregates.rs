//! Aggregates: `aggregate name(types) (sfunc = f, stype = t, …)` lowered to
//! [`model::Aggregate`]. Argument types resolve like any type; option keys must be ones
//! CREATE AGGREGATE takes for a normal aggregate; values stay verbatim (PostgreSQL
//! checks that the functions and types they name fit).

use super::declare::duplicate;
use super::{qualify, types::resolve_type, Cx};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{self, Aggregate};
use crate::syntax::ast::{self, ItemKind};

/// Lowers every aggregate of the project (after functions, which share their names).
pub(crate) fn run(cx: &mut Cx) {
    let items = cx.items.clone();
    for item in &items {
        if let ItemKind::Aggregate(a) = &item.kind {
            lower(cx, a, item.docs.clone());
        }
    }
}

fn lower(cx: &mut Cx, a: &ast::Aggregate, docs: Option<String>) {
    let q = qualify(&a.name);
    super::objects::check_schema(cx, &q.schema, a.name.span);
    let args: Vec<String> = a.args.iter().map(|t| resolve_type(cx, t)).collect();
    let mut options = verbatim_options(cx, &a.options, Aggregate::OPTIONS, "an aggregate");
    for required in ["sfunc", "stype"] {
        if !options.iter().any(|(k, _)| k == required) {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadOption,
                    a.name.span,
                    format!("aggregate `{q}` has no `{required}`"),
                )
                .with_label(format!("`{required}` missing"))
                .with_note(
                    "help: an aggregate needs `sfunc = <state function>, stype = <state type>`",
                ),
            );
        }
    }
    // Stable order, so that two spellings of one aggregate compare equal.
    options.sort_by_key(|(k, _)| Aggregate::OPTIONS.iter().position(|o| o == k));
    let agg = model::Aggregate {
        name: q,
        args,
        options,
        comment: docs,
    };
    let key = agg.key();
    let function_key = format!("{}({})", agg.name, agg.args.join(", "));
    let first = cx
        .origins
        .get(&format!("aggregate {key}"))
        .or_else(|| cx.origins.get(&format!("function {function_key}")))
        .copied();
    if let Some(first) = first {
        cx.diags
            .push(duplicate("aggregate", &key, a.name.span, first));
        return;
    }
    cx.origins.insert(format!("aggregate {key}"), a.name.span);
    cx.schema.aggregates.insert(key, agg);
}

/// `key = value` options checked against `known` (unknown keys and repeated ones are
/// errors, with the closest known key suggested); keys lower-cased, values verbatim.
pub(crate) fn verbatim_options(
    cx: &mut Cx,
    given: &[(ast::Ident, ast::Sql)],
    known: &[&str],
    what: &str,
) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = Vec::new();
    for (key, value) in given {
        let k = key.name.to_ascii_lowercase();
        if !known.contains(&k.as_str()) {
            let mut d = Diagnostic::error(
                Code::BadOption,
                key.span,
                format!("`{}` is not an option of {what}", key.name),
            )
            .with_label("unknown option");
            if let Some(hint) = crate::diagnostics::closest(&k, known.iter().copied(), 3) {
                d = d.with_note(format!("help: did you mean `{hint}`?"));
            }
            cx.diags.push(d);
            continue;
        }
        if options.iter().any(|(o, _)| *o == k) {
            cx.diags.push(Diagnostic::error(
                Code::BadOption,
                key.span,
                format!("option `{k}` is given twice"),
            ));
            continue;
        }
        options.push((k, value.text.clone()));
    }
    options
}
