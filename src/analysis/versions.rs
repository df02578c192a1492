//! The last pass: features the project's target cannot run (C030).
//!
//! Each use of a feature that the oldest targeted major lacks is an error at the object
//! that uses it, naming the version that brought the feature, so a project for
//! PostgreSQL 14 learns at build time, not at `migrate`, that `nulls not distinct` is
//! PostgreSQL 15's. Expressions and routine bodies are read with the SQL lexer: a call
//! to `uuidv7(…)`, a `MERGE INTO`, an `IS JSON`.

use super::Cx;
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::model::{ConstraintKind, Feature, QName, Target};
use crate::sqltext::{tokens, Token};

/// Reports every feature of the schema that `target` lacks.
pub(crate) fn run(cx: &mut Cx, target: Target) {
    let mut uses = Uses {
        found: Vec::new(),
        own_functions: cx
            .schema
            .functions
            .values()
            .map(|f| f.name.name.clone())
            .collect(),
    };
    for t in cx.schema.tables.values() {
        let table_span = origin(cx, &format!("table {}", t.name));
        for c in &t.columns {
            let what = format!("column `{}.{}`", t.name, c.name);
            for e in [&c.default, &c.generated].into_iter().flatten() {
                uses.scan(e, &what, table_span);
            }
        }
        for c in &t.constraints {
            let span = origin_or(cx, &format!("constraint {}.{}", t.name, c.name), table_span);
            let what = format!("constraint `{}`", c.name);
            match &c.kind {
                ConstraintKind::Unique {
                    nulls_not_distinct: true,
                    ..
                } => uses.found.push((Feature::NullsNotDistinct, what, span)),
                ConstraintKind::Check { expr } => uses.scan(expr, &what, span),
                ConstraintKind::ForeignKey(fk) if !fk.on_delete_columns.is_empty() => {
                    uses.found.push((Feature::FkSetColumns, what, span))
                }
                _ => {}
            }
        }
        for i in &t.indexes {
            let span = origin_or(
                cx,
                &format!("index {}.{}", t.name.schema, i.name),
                table_span,
            );
            let what = format!("index `{}`", i.name);
            if i.nulls_not_distinct {
                uses.found
                    .push((Feature::NullsNotDistinct, what.clone(), span));
            }
            for e in i.elements.iter().chain(&i.predicate) {
                uses.scan(e, &what, span);
            }
        }
        for p in &t.policies {
            let span = origin_or(cx, &format!("policy {}.{}", t.name, p.name), table_span);
            let what = format!("policy `{}`", p.name);
            for e in [&p.using, &p.with_check].into_iter().flatten() {
                uses.scan(e, &what, span);
            }
        }
        for g in &t.grants {
            if g.privilege == "MAINTAIN" {
                let what = format!("the grant to `{}` on `{}`", g.role, t.name);
                uses.found.push((Feature::Maintain, what, table_span));
            }
        }
    }
    for v in cx.schema.views.values() {
        let span = origin(cx, &format!("view {}", v.name));
        let what = format!("view `{}`", v.name);
        if v.options.iter().any(|(k, _)| k == "security_invoker") {
            uses.found
                .push((Feature::SecurityInvoker, what.clone(), span));
        }
        uses.scan(&v.query, &what, span);
    }
    for s in cx.schema.sequences.values().filter(|s| s.unlogged) {
        let span = origin(cx, &format!("sequence {}", s.name));
        uses.found.push((
            Feature::UnloggedSequence,
            format!("sequence `{}`", s.name),
            span,
        ));
    }
    for (key, f) in &cx.schema.functions {
        let span = origin(cx, &format!("function {key}"));
        let body = crate::sqltext::routine_body(&f.body);
        uses.scan(&body, &format!("function `{}`", f.name), span);
    }
    for c in cx.schema.collations.values() {
        let span = origin(cx, &format!("collation {}", c.name));
        let what = format!("collation `{}`", c.name);
        for (k, v) in &c.options {
            if k == "rules" {
                uses.found
                    .push((Feature::CollationRules, what.clone(), span));
            } else if k == "provider" && v.trim_matches('\'').eq_ignore_ascii_case("builtin") {
                uses.found
                    .push((Feature::BuiltinCollations, what.clone(), span));
            }
        }
    }
    let maintain_elsewhere = cx
        .schema
        .grants
        .iter()
        .map(|g| (&g.privilege, relation_of(&g.object)))
        .chain(
            cx.schema
                .default_privileges
                .iter()
                .map(|d| (&d.privilege, None)),
        );
    for (privilege, on) in maintain_elsewhere {
        if privilege == "MAINTAIN" {
            let span = on.map_or_else(Span::default, |q| origin(cx, &format!("view {q}")));
            uses.found
                .push((Feature::Maintain, "a grant".to_string(), span));
        }
    }
    let mut found = uses.found;
    found.sort_by_key(|(f, what, span)| (span.file, span.start, *f, what.clone()));
    found.dedup();
    for (feature, what, span) in found {
        if target.has(feature) {
            continue;
        }
        cx.diags.push(
            Diagnostic::error(
                Code::TargetLacksFeature,
                span,
                format!(
                    "{what} uses {}, which PostgreSQL {} introduced; the project targets {target}",
                    feature.describe(),
                    feature.since()
                ),
            )
            .with_note(format!(
                "help: set `postgres = \"{}\"` in schemac.toml if every database it runs on is PostgreSQL {} or newer, or do without it",
                feature.since(),
                feature.since()
            )),
        );
    }
}

/// The features found so far, each with what uses it and where.
struct Uses {
    found: Vec<(Feature, String, Span)>,
    /// Names of the project's functions (a call of one is not PostgreSQL's built-in).
    own_functions: Vec<String>,
}

impl Uses {
    fn scan(&mut self, sql: &str, what: &str, span: Span) {
        for f in in_sql(sql, &self.own_functions) {
            self.found.push((f, what.to_string(), span));
        }
    }
}

fn origin(cx: &Cx, key: &str) -> Span {
    cx.origins.get(key).copied().unwrap_or_default()
}

fn origin_or(cx: &Cx, key: &str, fallback: Span) -> Span {
    cx.origins.get(key).copied().unwrap_or(fallback)
}

fn relation_of(object: &crate::model::GrantObject) -> Option<&QName> {
    match object {
        crate::model::GrantObject::Relation(q) => Some(q),
        _ => None,
    }
}

/// The version-bound features SQL text uses: calls of functions PostgreSQL added
/// (unless the project defines a function of that name), `MERGE INTO`, `IS [NOT] JSON`.
fn in_sql(sql: &str, own_functions: &[String]) -> Vec<Feature> {
    let toks = tokens(sql);
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let Token::Word(w) = t else { continue };
        let next = toks.get(i + 1);
        // PostgreSQL's own function: unqualified (and not the project's) or pg_catalog's.
        let builtin = match i.checked_sub(2).map(|p| (&toks[p], &toks[p + 1])) {
            Some((q, Token::Punct('.'))) => *q == Token::Word("pg_catalog".to_string()),
            _ => !own_functions.contains(w),
        };
        let called = next == Some(&Token::Punct('(')) && builtin;
        let feature = match w.as_str() {
            "uuidv7" | "uuidv4" if called => Some(Feature::Uuidv7),
            "regexp_like" | "regexp_count" | "regexp_instr" | "regexp_substr" if called => {
                Some(Feature::RegexpFunctions)
            }
            "any_value" if called => Some(Feature::AnyValue),
            "json_table" | "json_query" | "json_value" | "json_exists" if called => {
                Some(Feature::JsonQueryFunctions)
            }
            "merge" if matches!(next, Some(Token::Word(n)) if n == "into") => Some(Feature::Merge),
            "json" if is_json_predicate(&toks[..i]) => Some(Feature::IsJson),
            _ => None,
        };
        out.extend(feature);
    }
    out
}

/// Whether the tokens before a word `json` end in `IS` or `IS NOT`.
fn is_json_predicate(before: &[Token]) -> bool {
    let word = |t: Option<&Token>, w: &str| matches!(t, Some(Token::Word(x)) if x == w);
    let n = before.len();
    word(before.last(), "is")
        || (word(before.last(), "not") && n >= 2 && word(before.get(n - 2), "is"))
}

#[cfg(test)]
mod test {
    use super::*;

    #[test]
    fn features_are_found_in_sql_as_calls_and_statements() {
        let none: Vec<String> = Vec::new();
        assert_eq!(in_sql("uuidv7()", &none), vec![Feature::Uuidv7]);
        assert_eq!(in_sql("pg_catalog.uuidv7()", &none), vec![Feature::Uuidv7]);
        assert!(
            in_sql("app.uuidv7()", &none).is_empty(),
            "a schema's own function"
        );
        assert!(in_sql("uuidv7()", &["uuidv7".to_string()]).is_empty());
        assert!(in_sql("'uuidv7()' || uuidv7", &none).is_empty());
        assert_eq!(
            in_sql(
                "begin merge into t using s on true when matched then delete; end",
                &none
            ),
            vec![Feature::Merge]
        );
        assert!(in_sql("select merge from t", &none).is_empty());
        assert_eq!(
            in_sql("doc is not json object", &none),
            vec![Feature::IsJson]
        );
        assert!(in_sql("doc::json", &none).is_empty());
    }
}
