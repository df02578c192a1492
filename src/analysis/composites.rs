//! Composite types: `type name as (attribute type, …)` lowered to
//! [`model::CompositeType`], attribute types resolved like column types.

use super::{qualify, types::resolve_type, Cx};
use crate::diagnostics::{Code, Diagnostic};
use crate::model;
use crate::syntax::ast::ItemKind;

/// Lowers every composite type of the project (after enums and domains, which its
/// attributes may use; duplicates of names were reported by `declare`).
pub(crate) fn run(cx: &mut Cx) {
    let items = cx.items.clone();
    for item in &items {
        let ItemKind::Composite { name, attributes } = &item.kind else {
            continue;
        };
        let q = qualify(name);
        super::objects::check_schema(cx, &q.schema, name.span);
        let mut attrs: Vec<(String, String)> = Vec::new();
        for (a, ty) in attributes {
            if attrs.iter().any(|(n, _)| *n == a.name) {
                cx.diags.push(
                    Diagnostic::error(
                        Code::DuplicateColumn,
                        a.span,
                        format!("type `{q}` has two attributes named `{}`", a.name),
                    )
                    .with_label("second attribute with this name"),
                );
                continue;
            }
            attrs.push((a.name.clone(), resolve_type(cx, ty)));
        }
        cx.origins.insert(format!("type {q}"), name.span);
        cx.schema.composites.insert(
            q.clone(),
            model::CompositeType {
                name: q,
                attributes: attrs,
                comment: item.docs.clone(),
            },
        );
    }
}
