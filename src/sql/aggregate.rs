//! CREATE and DROP AGGREGATE. An aggregate is never altered in place: a changed one
//! is dropped and created again, with whatever uses it (see `diff`).

use super::create::comment;
use crate::model::Aggregate;

/// `public.group_concat(text)`: how DROP and COMMENT name the aggregate.
pub(crate) fn signature(a: &Aggregate) -> String {
    format!("{}({})", a.name.sql(), a.signature())
}

/// `CREATE AGGREGATE …` with one option per line, and its comment.
pub(crate) fn create(a: &Aggregate) -> Vec<String> {
    let options: Vec<String> = a
        .options
        .iter()
        .map(|(k, v)| format!("    {} = {v}", k.to_ascii_uppercase()))
        .collect();
    let mut out = vec![format!(
        "CREATE AGGREGATE {} (\n{}\n);",
        signature(a),
        options.join(",\n")
    )];
    out.extend(comment("AGGREGATE", || signature(a), &a.comment));
    out
}

/// `DROP AGGREGATE …`.
pub(crate) fn drop(a: &Aggregate) -> String {
    format!("DROP AGGREGATE {};", signature(a))
}
