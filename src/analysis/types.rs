//! Type names: built-in aliases folded to PostgreSQL's canonical spelling (as
//! `format_type` prints them), user types resolved to their qualified name.

use super::Cx;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{quote_ident, QName};
use crate::syntax::ast::TypeRef;

/// Built-in types: (spelling, canonical name, takes modifiers).
const BUILTINS: &[(&str, &str, bool)] = &[
    ("int", "integer", false),
    ("int4", "integer", false),
    ("integer", "integer", false),
    ("int8", "bigint", false),
    ("bigint", "bigint", false),
    ("int2", "smallint", false),
    ("smallint", "smallint", false),
    ("serial", "serial", false),
    ("serial4", "serial", false),
    ("bigserial", "bigserial", false),
    ("serial8", "bigserial", false),
    ("smallserial", "smallserial", false),
    ("bool", "boolean", false),
    ("boolean", "boolean", false),
    ("float8", "double precision", false),
    ("double precision", "double precision", false),
    ("float", "double precision", false),
    ("float4", "real", false),
    ("real", "real", false),
    ("numeric", "numeric", true),
    ("decimal", "numeric", true),
    ("varchar", "character varying", true),
    ("character varying", "character varying", true),
    ("char", "character", true),
    ("character", "character", true),
    ("bpchar", "character", true),
    ("text", "text", false),
    ("citext", "citext", false),
    ("uuid", "uuid", false),
    ("json", "json", false),
    ("jsonb", "jsonb", false),
    ("bytea", "bytea", false),
    ("inet", "inet", false),
    ("cidr", "cidr", false),
    ("macaddr", "macaddr", false),
    ("date", "date", false),
    ("interval", "interval", true),
    ("money", "money", false),
    ("xml", "xml", false),
    ("oid", "oid", false),
    ("tsvector", "tsvector", false),
    ("tsquery", "tsquery", false),
    ("point", "point", false),
    ("line", "line", false),
    ("box", "box", false),
    ("polygon", "polygon", false),
    ("circle", "circle", false),
    ("bit", "bit", true),
    ("bit varying", "bit varying", true),
    ("varbit", "bit varying", true),
    ("int4range", "int4range", false),
    ("int8range", "int8range", false),
    ("numrange", "numrange", false),
    ("tsrange", "tsrange", false),
    ("tstzrange", "tstzrange", false),
    ("daterange", "daterange", false),
    ("regclass", "regclass", false),
    ("name", "name", false),
    ("record", "record", false),
    ("trigger", "trigger", false),
    ("void", "void", false),
    ("anyelement", "anyelement", false),
    ("anyarray", "anyarray", false),
    ("event_trigger", "event_trigger", false),
    ("timestamp", "timestamp without time zone", true),
    (
        "timestamp without time zone",
        "timestamp without time zone",
        true,
    ),
    ("timestamptz", "timestamp with time zone", true),
    ("timestamp with time zone", "timestamp with time zone", true),
    ("time", "time without time zone", true),
    ("time without time zone", "time without time zone", true),
    ("timetz", "time with time zone", true),
    ("time with time zone", "time with time zone", true),
];

/// True when `name` (unqualified, folded) is a built-in type spelling.
pub fn is_builtin(name: &str) -> bool {
    BUILTINS.iter().any(|(s, _, _)| *s == name)
}

/// Canonical text of a resolved type, or a diagnostic-worthy failure (already reported).
pub(crate) fn resolve_type(cx: &mut Cx, ty: &TypeRef) -> String {
    let spelled = ty
        .words
        .clone()
        .unwrap_or_else(|| ty.base.name.name.clone());
    let arrays = "[]".repeat(ty.array_dims);
    let builtin = if ty.base.schema.is_none()
        || ty
            .base
            .schema
            .as_ref()
            .is_some_and(|s| s.name == "pg_catalog")
    {
        BUILTINS.iter().find(|(s, _, _)| *s == spelled)
    } else {
        None
    };
    if let Some((_, canonical, takes_mods)) = builtin {
        let mods = match (&ty.modifiers, takes_mods) {
            (Some(m), true) => format!("({m})"),
            (Some(m), false) => {
                cx.diags.push(
                    Diagnostic::error(
                        Code::BadTypeModifier,
                        ty.span,
                        format!("type `{canonical}` does not take a modifier `({m})`"),
                    )
                    .with_label("no modifier allowed here"),
                );
                String::new()
            }
            (None, _) if *canonical == "character" => "(1)".to_string(),
            (None, _) => String::new(),
        };
        // `timestamp(3) with time zone`: the modifier goes after the first word.
        return match canonical.split_once(' ') {
            Some((first, rest)) if !mods.is_empty() && first.starts_with("time") => {
                format!("{first}{mods} {rest}{arrays}")
            }
            _ => format!("{canonical}{mods}{arrays}"),
        };
    }
    let schema = ty
        .base
        .schema
        .as_ref()
        .map_or("public".to_string(), |s| s.name.clone());
    let qname = QName::new(schema, ty.base.name.name.clone());
    let known = cx.schema.enums.contains_key(&qname)
        || cx.type_names.contains(&qname)
        || cx.externs.types.contains(&qname)
        || cx.externs.tables.contains_key(&qname);
    if !known {
        let mut d = Diagnostic::error(
            Code::UnknownType,
            ty.span,
            format!("unknown type `{}`", display_type(ty)),
        )
        .with_label("not a built-in type, and no enum, domain or extern type has this name");
        if let Some(hint) = suggest(&spelled) {
            d = d.with_note(format!("help: did you mean `{hint}`?"));
        } else {
            d = d.with_note(format!(
                "help: declare it (`enum {qname} (…)`, `domain {qname} as …`) or, if an extension provides it, `extern type {qname}`"
            ));
        }
        cx.diags.push(d);
    }
    let mods = ty
        .modifiers
        .as_ref()
        .map_or(String::new(), |m| format!("({m})"));
    format!(
        "{}.{}{mods}{arrays}",
        quote_ident(&qname.schema),
        quote_ident(&qname.name)
    )
}

fn display_type(ty: &TypeRef) -> String {
    match &ty.base.schema {
        Some(s) => format!("{}.{}", s.name, ty.base.name.name),
        None => ty
            .words
            .clone()
            .unwrap_or_else(|| ty.base.name.name.clone()),
    }
}

/// A close built-in spelling, for typos such as `intger` or `timestamptx`.
fn suggest(name: &str) -> Option<&'static str> {
    crate::diagnostics::closest(name, BUILTINS.iter().map(|(s, _, _)| *s), 2)
}

/// The type without modifiers or array suffix, for comparing FK column types.
pub fn base_of(ty: &str) -> String {
    let no_array = ty.trim_end_matches("[]");
    let base = match no_array.find('(') {
        Some(i) => {
            let close = no_array[i..]
                .find(')')
                .map_or(no_array.len(), |j| i + j + 1);
            format!("{}{}", &no_array[..i], &no_array[close..])
        }
        None => no_array.to_string(),
    };
    match base.as_str() {
        "serial" => "integer".into(),
        "bigserial" => "bigint".into(),
        "smallserial" => "smallint".into(),
        _ => base,
    }
}
