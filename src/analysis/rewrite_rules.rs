//! Rewrite rules: `rule name as on insert|update|delete to <relation> [where (…)] do
//! [also|instead] nothing | (…)`, lowered into [`model::Schema::rules`] once the tables
//! are, since a rule may be on a table or a view.

use super::Cx;
use crate::diagnostics::{Code, Diagnostic};
use crate::model;
use crate::syntax::ast;

/// Lowers every `rule` declaration.
pub(crate) fn run(cx: &mut Cx) {
    let items = cx.items.clone();
    for item in &items {
        let ast::ItemKind::Rule(r) = &item.kind else {
            continue;
        };
        let q = super::qualify(&r.relation);
        let managed = cx.schema.tables.get(&q).is_some_and(|t| !t.external)
            || cx.schema.views.contains_key(&q);
        if !managed {
            cx.diags.push(
                Diagnostic::error(
                    Code::UnknownTable,
                    r.relation.name.span,
                    format!("unknown table or view `{q}`"),
                )
                .with_label("a rule belongs to a table or view of this project"),
            );
            continue;
        }
        if r.name.name == "_RETURN" {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadOption,
                    r.name.span,
                    "`_RETURN` is the name of a view's own rule",
                )
                .with_label("choose another name"),
            );
            continue;
        }
        if cx.schema.rule_of(&q, &r.name.name).is_some() {
            cx.diags.push(Diagnostic::error(
                Code::DuplicateMember,
                r.name.span,
                format!("`{q}` has two rules named `{}`", r.name.name),
            ));
            continue;
        }
        cx.origins
            .insert(format!("rule {q}.{}", r.name.name), r.name.span);
        cx.schema.rules.push(model::Rule {
            relation: q,
            name: r.name.name.clone(),
            event: r.event.to_ascii_uppercase(),
            condition: r.condition.as_ref().map(|c| c.text.clone()),
            instead: r.instead,
            actions: r.actions.as_ref().map(|a| a.text.clone()),
            comment: item.docs.clone(),
        });
    }
    cx.schema
        .rules
        .sort_by(|a, b| (&a.relation, &a.name).cmp(&(&b.relation, &b.name)));
}
