//! Publications: `publication name [with (publish = 'insert, update',
//! publish_via_partition_root = true)]` lowered to [`model::Publication`], before the
//! tables, whose `in publication` names one of them or an `extern publication`.

use super::Cx;
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::model::Publication;
use crate::syntax::ast::{Ident, ItemKind};

/// Lowers every publication of the project.
pub(crate) fn run(cx: &mut Cx) {
    let items = cx.items.clone();
    for item in &items {
        let ItemKind::Publication { name, options } = &item.kind else {
            continue;
        };
        let key = format!("publication {}", name.name);
        if let Some(first) = cx.origins.get(&key).copied() {
            cx.diags.push(super::declare::duplicate(
                "publication",
                &name.name,
                name.span,
                first,
            ));
            continue;
        }
        if cx.externs.publications.contains(&name.name) {
            cx.diags.push(
                Diagnostic::error(
                    Code::ExternConflict,
                    name.span,
                    format!(
                        "publication `{}` is declared both extern and managed",
                        name.name
                    ),
                )
                .with_label("managed here")
                .with_note("help: keep one: `extern publication` if the platform owns it"),
            );
            continue;
        }
        cx.origins.insert(key, name.span);
        let mut p = Publication {
            name: name.name.clone(),
            publish: Publication::OPERATIONS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            via_root: false,
            comment: item.docs.clone(),
        };
        for (k, v) in options {
            option(cx, &mut p, k, v);
        }
        cx.schema.publications.insert(name.name.clone(), p);
    }
}

/// One `with (…)` option: `publish` lists operations, `publish_via_partition_root` is
/// a boolean; anything else is refused.
fn option(cx: &mut Cx, p: &mut Publication, key: &Ident, value: &str) {
    match key.name.as_str() {
        "publish" => {
            let wanted: Vec<String> = value
                .split(',')
                .map(|op| op.trim().to_ascii_lowercase())
                .filter(|op| !op.is_empty())
                .collect();
            if let Some(bad) = wanted
                .iter()
                .find(|op| !Publication::OPERATIONS.contains(&op.as_str()))
            {
                bad_option(
                    cx,
                    key.span,
                    format!("`{bad}` is not an operation a publication publishes"),
                    "`publish` lists insert, update, delete and truncate",
                );
            }
            p.publish = Publication::OPERATIONS
                .iter()
                .filter(|op| wanted.iter().any(|w| w == *op))
                .map(|op| op.to_string())
                .collect();
        }
        "publish_via_partition_root" => match value.to_ascii_lowercase().as_str() {
            "true" | "on" | "1" => p.via_root = true,
            "false" | "off" | "0" => p.via_root = false,
            _ => bad_option(
                cx,
                key.span,
                format!("`publish_via_partition_root = {value}` is not a boolean"),
                "write `true` or `false`",
            ),
        },
        other => bad_option(
            cx,
            key.span,
            format!("a publication has no option `{other}`"),
            "a publication takes `publish` and `publish_via_partition_root`",
        ),
    }
}

fn bad_option(cx: &mut Cx, span: Span, message: String, help: &str) {
    cx.diags
        .push(Diagnostic::error(Code::BadOption, span, message).with_note(format!("help: {help}")));
}
