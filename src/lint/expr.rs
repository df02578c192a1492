//! What the security lints need to know about a policy expression, read from its
//! tokens ([`crate::sqltext::tokens`]): which calls identify the caller, whether they
//! are evaluated once per query, which columns they are compared with, and which
//! relations the expression reads. Lexical, like the rest of `sqltext`: no SQL parser.

use crate::model::{QName, Schema};
use crate::sqltext::{name_refs, tokens, Token};
use std::collections::BTreeSet;

/// A call that asks who the caller is, as written in an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityCall {
    /// `auth.uid()`, `auth.jwt()`, `auth.role()` or `current_setting()`.
    pub name: String,
    /// Inside a `(select …)`, so PostgreSQL evaluates it once per statement.
    pub wrapped: bool,
}

/// Words of a token stream with the auth helper names joined: `auth.uid(` → `auth.uid`.
fn call_name(toks: &[Token], i: usize) -> Option<(String, usize)> {
    match (&toks[i], toks.get(i + 1), toks.get(i + 2), toks.get(i + 3)) {
        (
            Token::Word(s),
            Some(Token::Punct('.')),
            Some(Token::Word(f)),
            Some(Token::Punct('(')),
        ) if s == "auth" && matches!(f.as_str(), "uid" | "jwt" | "role" | "email") => {
            Some((format!("auth.{f}()"), 3))
        }
        (Token::Word(f), Some(Token::Punct('(')), ..) if f == "current_setting" => {
            Some(("current_setting()".to_string(), 1))
        }
        _ => None,
    }
}

/// True when the tokens from `i` on start an identity: an identity call, or
/// `current_user` / `session_user`.
fn identity_at(toks: &[Token], i: usize) -> bool {
    call_name(toks, i).is_some()
        || matches!(&toks[i], Token::Word(w) if w == "current_user" || w == "session_user")
}

/// The identity calls of an expression, in order.
pub fn identity_calls(expr: &str) -> Vec<IdentityCall> {
    let toks = tokens(expr);
    // One entry per open parenthesis: whether a `select` follows it.
    let mut parens: Vec<bool> = Vec::new();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Token::Punct('(') => {
                let select = matches!(toks.get(i + 1), Some(Token::Word(w)) if w == "select");
                parens.push(select);
            }
            Token::Punct(')') => {
                parens.pop();
            }
            _ => {
                if let Some((name, skip)) = call_name(&toks, i) {
                    out.push(IdentityCall {
                        name,
                        wrapped: parens.iter().any(|s| *s),
                    });
                    i += skip;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// True when the expression is the constant `true`, however parenthesized.
pub fn is_true(expr: &str) -> bool {
    let toks = tokens(expr);
    let words: Vec<&Token> = toks
        .iter()
        .filter(|t| !matches!(t, Token::Punct('(' | ')')))
        .collect();
    matches!(words.as_slice(), [Token::Word(w)] if w == "true")
}

/// True when the expression reads the user-editable metadata of a Supabase user.
pub fn reads_user_metadata(expr: &str) -> bool {
    tokens(expr).iter().any(|t| match t {
        Token::Word(w) => w == "raw_user_meta_data" || w == "user_metadata",
        Token::Str(s) => s.contains("user_metadata") || s.contains("raw_user_meta_data"),
        Token::Punct(_) => false,
    })
}

/// Words that end an operand of a comparison.
const BOUNDARY: &[&str] = &[
    "and", "or", "not", "where", "when", "then", "else", "end", "select", "on", "case", "order",
    "group", "limit", "having", "from",
];

fn is_boundary(t: &Token) -> bool {
    matches!(t, Token::Word(w) if BOUNDARY.contains(&w.as_str())) || matches!(t, Token::Punct(','))
}

/// The operand left of token `op`: back to a boundary or an unmatched `(`.
fn left_operand<'t, 'a>(toks: &'t [Token<'a>], op: usize) -> &'t [Token<'a>] {
    let mut depth = 0i32;
    let mut i = op;
    while i > 0 {
        let t = &toks[i - 1];
        match t {
            Token::Punct(')') => depth += 1,
            Token::Punct('(') if depth == 0 => break,
            Token::Punct('(') => depth -= 1,
            _ if depth == 0 && is_boundary(t) => break,
            _ => {}
        }
        i -= 1;
    }
    &toks[i..op]
}

/// The operand right of token `op`: on to a boundary or an unmatched `)`.
fn right_operand<'t, 'a>(toks: &'t [Token<'a>], op: usize) -> &'t [Token<'a>] {
    let mut depth = 0i32;
    let mut i = op + 1;
    while i < toks.len() {
        let t = &toks[i];
        match t {
            Token::Punct('(') => depth += 1,
            Token::Punct(')') if depth == 0 => break,
            Token::Punct(')') => depth -= 1,
            _ if depth == 0 && is_boundary(t) => break,
            _ => {}
        }
        i += 1;
    }
    &toks[op + 1..i]
}

/// The column an operand is, when it is nothing but a (possibly table-qualified,
/// possibly cast) column of `table`.
fn as_column(operand: &[Token], table: &QName, columns: &[String]) -> Option<String> {
    let cast = operand
        .windows(2)
        .position(|w| matches!(w, [Token::Punct(':'), Token::Punct(':')]))
        .unwrap_or(operand.len());
    let name = match &operand[..cast] {
        [Token::Word(c)] => c,
        [Token::Word(t), Token::Punct('.'), Token::Word(c)] if *t == table.name => c,
        _ => return None,
    };
    columns.contains(name).then(|| name.clone())
}

/// The columns of `table` an expression compares with the caller's identity
/// (`customer_id = (select auth.uid())`, `org_id in (select … auth.uid() …)`): what
/// makes rows belong to a tenant, and what an index should lead with.
pub fn owner_columns(expr: &str, table: &QName, columns: &[String]) -> BTreeSet<String> {
    let toks = tokens(expr);
    let mut out = BTreeSet::new();
    for op in 0..toks.len() {
        let is_eq = matches!(toks[op], Token::Punct('='))
            && !matches!(
                op.checked_sub(1).map(|p| &toks[p]),
                Some(Token::Punct('<' | '>' | '!' | '='))
            )
            && !matches!(toks.get(op + 1), Some(Token::Punct('>' | '=')));
        let is_in = matches!(&toks[op], Token::Word(w) if w == "in");
        if !is_eq && !is_in {
            continue;
        }
        let (left, right) = (left_operand(&toks, op), right_operand(&toks, op));
        let has_identity = |side: &[Token]| (0..side.len()).any(|i| identity_at(side, i));
        if has_identity(right) {
            out.extend(as_column(left, table, columns));
        }
        if is_eq && has_identity(left) {
            out.extend(as_column(right, table, columns));
        }
    }
    out
}

/// The tables and views an expression reads; `home` is the schema of the object it
/// belongs to, `local` the words that are its own columns.
pub fn relations_read(schema: &Schema, expr: &str, home: &str, local: &[String]) -> Vec<QName> {
    let mut out = Vec::new();
    for r in name_refs(expr) {
        if r.call || (r.schema.is_none() && local.contains(&r.name)) {
            continue;
        }
        let candidates = match &r.schema {
            Some(s) => vec![QName::new(s.clone(), r.name.clone())],
            None => vec![
                QName::new(home, r.name.clone()),
                QName::new("public", r.name.clone()),
            ],
        };
        if let Some(q) = candidates
            .into_iter()
            .find(|q| schema.tables.contains_key(q) || schema.views.contains_key(q))
        {
            if !out.contains(&q) {
                out.push(q);
            }
        }
    }
    out
}

/// The functions an expression calls, as qualified names.
pub fn functions_called(expr: &str, home: &str) -> Vec<QName> {
    let mut out = Vec::new();
    for r in name_refs(expr).into_iter().filter(|r| r.call) {
        let q = QName::new(r.schema.unwrap_or_else(|| home.to_string()), r.name);
        if !out.contains(&q) {
            out.push(q);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn wrapped_and_bare_identity_calls() {
        let calls = identity_calls("owner = (select auth.uid()) or owner = auth.uid()");
        assert_eq!(calls.len(), 2);
        assert!(calls[0].wrapped);
        assert!(!calls[1].wrapped);
        let setting = identity_calls("t = nullif(current_setting('app.t', true), '')::uuid");
        assert_eq!(setting[0].name, "current_setting()");
        assert!(!setting[0].wrapped);
        assert!(identity_calls("exists (select 1 from m where m.u = auth.uid())")[0].wrapped);
    }

    #[test]
    fn owner_columns_found_on_either_side_and_through_in() {
        let t = QName::new("public", "tasks");
        let c = cols(&["id", "customer_id", "org_id", "status"]);
        let found = |e: &str| owner_columns(e, &t, &c).into_iter().collect::<Vec<_>>();
        assert_eq!(found("customer_id = (select auth.uid())"), ["customer_id"]);
        assert_eq!(
            found("(select auth.uid()) = tasks.customer_id"),
            ["customer_id"]
        );
        assert_eq!(
            found("org_id in (select org_id from members m where m.user_id = auth.uid())"),
            ["org_id"]
        );
        assert_eq!(
            found("status = 'open' and customer_id::text = current_setting('x')"),
            ["customer_id"]
        );
        assert!(found("status <> 'done'").is_empty());
        assert!(found("status >= auth.uid()").is_empty());
    }

    #[test]
    fn constant_true_and_user_metadata() {
        assert!(is_true("true"));
        assert!(is_true("((true))"));
        assert!(!is_true("true and owner = auth.uid()"));
        assert!(reads_user_metadata(
            "(auth.jwt() -> 'user_metadata' ->> 'role') = 'admin'"
        ));
        assert!(!reads_user_metadata(
            "(auth.jwt() -> 'app_metadata' ->> 'role') = 'admin'"
        ));
    }
}
