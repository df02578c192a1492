//! Taking apart the few definitions PostgreSQL only gives as text
//! (`pg_get_constraintdef`, `pg_get_indexdef`, `pg_get_triggerdef`): balanced
//! parentheses outside quotes, and nothing more.

/// The text inside the parenthesis that opens at byte `open`, and the byte after its
/// closing one.
pub(super) fn parens_at(s: &str, open: usize) -> Option<(&str, usize)> {
    let bytes = s.as_bytes();
    if bytes.get(open) != Some(&b'(') {
        return None;
    }
    let (mut depth, mut i) = (0usize, open);
    let (mut single, mut double) = (false, false);
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\'' if !double => single = !single,
            b'"' if !single => double = !double,
            b'(' if !single && !double => depth += 1,
            b')' if !single && !double => {
                depth -= 1;
                if depth == 0 {
                    return Some((&s[open + 1..i], i + 1));
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The parenthesized text right after the first `marker` outside quotes and parens.
pub(super) fn after(s: &str, marker: &str) -> Option<(String, usize)> {
    let at = find_top(s, marker)?;
    let open = at + marker.len();
    parens_at(s, open).map(|(inner, end)| (inner.to_string(), end))
}

/// The first occurrence of `needle` at parenthesis depth 0, outside quotes.
pub(super) fn find_top(s: &str, needle: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let (mut depth, mut single, mut double) = (0i32, false, false);
    for i in 0..bytes.len() {
        // Bytes, not `&s[i..]`: `i` may be inside a multi-byte character.
        if depth == 0 && !single && !double && bytes[i..].starts_with(needle.as_bytes()) {
            return Some(i);
        }
        match bytes[i] {
            b'\'' if !double => single = !single,
            b'"' if !single => double = !double,
            b'(' if !single && !double => depth += 1,
            b')' if !single && !double => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The predicate of a definition's trailing `WHERE`: `WHERE (a > 0)` → `a > 0`, and
/// `WHERE is_active` (PostgreSQL leaves a lone column bare) → `is_active`.
pub(super) fn where_clause(def: &str) -> Option<String> {
    let at = find_top(def, " WHERE ")?;
    let rest = def[at + " WHERE ".len()..].trim();
    match parens_at(rest, 0) {
        Some((inner, end)) if end == rest.len() => Some(inner.to_string()),
        _ => Some(rest.to_string()),
    }
}

/// `CHECK ((a > 0)) [NOT VALID]` → `(a > 0)`.
pub(super) fn check_expr(def: &str) -> String {
    after(def, "CHECK ").map_or_else(|| def.to_string(), |(e, _)| e)
}

/// A routine body in dollar quotes that do not occur inside it.
pub(super) fn dollar_quote(body: &str) -> String {
    let mut tag = String::new();
    let mut n = 0;
    while body.contains(&format!("${tag}$")) {
        n += 1;
        tag = format!("body{n}");
    }
    format!("${tag}${body}${tag}$")
}

/// A `proconfig` value as SQL: `search_path=""` means the empty string.
pub(super) fn config_value(v: &str) -> String {
    if v.is_empty() || v == "\"\"" {
        return "''".to_string();
    }
    // Unquoted words are folded to lower case (`UTC` would become `utc`), so only
    // lower-case lists (`public, extensions`) stay unquoted.
    let plain = v
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || " _.,$\"".contains(c));
    if plain {
        v.to_string()
    } else {
        crate::model::quote_literal(v)
    }
}

/// A foreign key action code of pg_constraint.
pub(super) fn fk_action(code: &str) -> String {
    match code {
        "r" => "RESTRICT",
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        _ => "NO ACTION",
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balanced_parts_of_definitions() {
        assert_eq!(
            check_expr("CHECK ((length(title) > 0))"),
            "(length(title) > 0)"
        );
        assert_eq!(
            check_expr("CHECK ((x = ')'::text)) NOT VALID"),
            "(x = ')'::text)"
        );
        let def =
            "CREATE INDEX i ON public.t USING btree (lower(a), b DESC) INCLUDE (c) WHERE (b > 0)";
        assert_eq!(
            after(def, "USING btree ").map(|x| x.0).as_deref(),
            Some("lower(a), b DESC")
        );
        assert_eq!(after(def, " INCLUDE ").map(|x| x.0).as_deref(), Some("c"));
        assert_eq!(where_clause(def).as_deref(), Some("b > 0"));
        assert_eq!(
            where_clause("CREATE INDEX i ON t USING btree (c) WHERE is_active").as_deref(),
            Some("is_active")
        );
        assert_eq!(
            where_clause("X (a) WHERE (a > 0) AND (b > 0)").as_deref(),
            Some("(a > 0) AND (b > 0)")
        );
        assert_eq!(dollar_quote("select 1"), "$$select 1$$");
        assert_eq!(dollar_quote("x $$ y"), "$body1$x $$ y$body1$");
        assert_eq!(config_value("\"\""), "''");
        assert_eq!(config_value("\"$user\", public"), "\"$user\", public");
        assert_eq!(config_value("Europe/Paris"), "'Europe/Paris'");
    }
}
