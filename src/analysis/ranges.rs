//! Range types: `type name as range (subtype = integer, …)` lowered to
//! [`model::RangeType`], options checked against what CREATE TYPE … AS RANGE takes and
//! kept verbatim in a stable order. PostgreSQL makes the multirange type and the
//! constructor functions with it; they are never declared apart.

use super::aggregates::verbatim_options;
use super::{qualify, Cx};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{self, RangeType};
use crate::syntax::ast::ItemKind;

/// Lowers every range type of the project (before composite types and tables, which
/// may use them; duplicate names were reported by `declare`).
pub(crate) fn run(cx: &mut Cx) {
    let items = cx.items.clone();
    for item in &items {
        let ItemKind::Range { name, options } = &item.kind else {
            continue;
        };
        let q = qualify(name);
        super::objects::check_schema(cx, &q.schema, name.span);
        let mut options = verbatim_options(cx, options, RangeType::OPTIONS, "a range type");
        options.sort_by_key(|(k, _)| RangeType::OPTIONS.iter().position(|o| o == k));
        if !options.iter().any(|(k, _)| k == "subtype") {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadOption,
                    name.span,
                    format!("range type `{q}` has no `subtype`"),
                )
                .with_label("`subtype` missing")
                .with_note("help: `type name as range (subtype = integer)`"),
            );
        }
        cx.origins.insert(format!("type {q}"), name.span);
        cx.schema.ranges.insert(
            q.clone(),
            model::RangeType {
                name: q,
                options,
                comment: item.docs.clone(),
            },
        );
    }
}
