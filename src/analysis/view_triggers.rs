//! Triggers of views: `trigger name instead of insert on <view> for each row …` (an
//! updatable view's writes, done by a function) and statement-level BEFORE/AFTER
//! triggers, lowered into [`model::View::triggers`]. A view has no block, so its
//! triggers are declarations of their own, like a materialized view's indexes.

use super::tables::model_trigger;
use super::Cx;
use crate::diagnostics::{Code, Diagnostic};
use crate::syntax::ast;

/// What PostgreSQL refuses of a trigger on a view, or None.
fn refused(t: &ast::Trigger) -> Option<&'static str> {
    let instead = t.timing.eq_ignore_ascii_case("instead of");
    if instead && !t.for_each_row {
        Some("an INSTEAD OF trigger is `for each row`")
    } else if !instead && t.for_each_row {
        Some("a BEFORE or AFTER trigger of a view is `for each statement`; write `instead of` for each row")
    } else if instead && t.when.is_some() {
        Some("an INSTEAD OF trigger has no `when` condition")
    } else if instead && t.events.iter().any(|(_, cols)| !cols.is_empty()) {
        Some("an INSTEAD OF trigger has no `update of` column list")
    } else if t
        .events
        .iter()
        .any(|(e, _)| e.eq_ignore_ascii_case("truncate"))
    {
        Some("a view cannot be truncated")
    } else {
        None
    }
}

/// Lowers every `trigger … on <view>` declaration into its view.
pub(crate) fn run(cx: &mut Cx) {
    let items = cx.items.clone();
    for item in &items {
        let ast::ItemKind::ViewTrigger { view, trigger } = &item.kind else {
            continue;
        };
        let q = super::qualify(view);
        let Some(v) = cx.schema.views.get(&q) else {
            // Tables are lowered after views: look for the declaration.
            let is_table = cx.items.iter().any(
                |i| matches!(&i.kind, ast::ItemKind::Table(t) if super::qualify(&t.name) == q),
            );
            let what = if is_table {
                "is a table: its triggers go in its block"
            } else {
                "is not a declared view"
            };
            cx.diags.push(
                Diagnostic::error(Code::UnknownTable, view.name.span, format!("`{q}` {what}"))
                    .with_label("`trigger … on` names a view"),
            );
            continue;
        };
        if v.materialized {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadOption,
                    view.name.span,
                    format!("`{q}` is a materialized view, which cannot have triggers"),
                )
                .with_label("PostgreSQL refuses triggers on a materialized view"),
            );
            continue;
        }
        if let Some(problem) = refused(trigger) {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadOption,
                    trigger.name.span,
                    format!("trigger `{}` of view `{q}` is not valid", trigger.name.name),
                )
                .with_label(problem),
            );
            continue;
        }
        let existing = v.triggers.clone();
        let built = model_trigger(cx, &q, &existing, trigger, item.docs.clone(), &|_| true);
        if let (Some(t), Some(v)) = (built, cx.schema.views.get_mut(&q)) {
            v.triggers.push(t);
            v.triggers.sort_by(|a, b| a.name.cmp(&b.name));
        }
    }
}
