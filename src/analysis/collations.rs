//! Collations: `collation name (provider = icu, locale = '…', deterministic = false)`
//! lowered to [`model::Collation`], options checked against what CREATE COLLATION
//! takes and kept verbatim in a stable order.

use super::aggregates::verbatim_options;
use super::{qualify, Cx};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{self, Collation};
use crate::syntax::ast::ItemKind;

/// Lowers every collation of the project (before tables, whose columns use them).
pub(crate) fn run(cx: &mut Cx) {
    let items = cx.items.clone();
    for item in &items {
        let ItemKind::Collation { name, options } = &item.kind else {
            continue;
        };
        let q = qualify(name);
        super::objects::check_schema(cx, &q.schema, name.span);
        let mut options = verbatim_options(cx, options, Collation::OPTIONS, "a collation");
        options.sort_by_key(|(k, _)| Collation::OPTIONS.iter().position(|o| o == k));
        if let Some(first) = cx.origins.get(&format!("collation {q}")).copied() {
            cx.diags.push(super::declare::duplicate(
                "collation",
                &q.to_string(),
                name.span,
                first,
            ));
            continue;
        }
        if !options
            .iter()
            .any(|(k, _)| ["locale", "lc_collate"].contains(&k.as_str()))
        {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadOption,
                    name.span,
                    format!("collation `{q}` has no `locale`"),
                )
                .with_label("`locale` missing")
                .with_note("help: `collation name (provider = icu, locale = 'und-u-ks-level2')`"),
            );
        }
        cx.origins.insert(format!("collation {q}"), name.span);
        cx.schema.collations.insert(
            q.clone(),
            model::Collation {
                name: q,
                options,
                comment: item.docs.clone(),
            },
        );
    }
}
