//! Lexical helpers over verbatim SQL text: splitting at top-level commas and scanning
//! for the names an expression mentions. Not a parser; it only needs to know where
//! quotes, dollar quotes, comments and parentheses begin and end.

mod lex;
pub mod plpgsql;

pub use lex::{quoted_ranges, tokens, without_line_comment, Token};

/// Splits at commas that are not inside parentheses, brackets, quotes or comments.
/// Each part is trimmed.
pub fn split_top_level(sql: &str) -> Vec<String> {
    let bytes = sql.as_bytes();
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => {
                i = lex::quote_end(sql, i);
                continue;
            }
            b'"' => {
                i = sql[i + 1..].find('"').map_or(bytes.len(), |n| i + n + 2);
                continue;
            }
            b'$' => {
                if let Some(end) = lex::dollar_quote_end(sql, i) {
                    i = end;
                    continue;
                }
            }
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth -= 1,
            b',' if depth == 0 => {
                parts.push(sql[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let last = sql[start..].trim();
    if !last.is_empty() || !parts.is_empty() {
        parts.push(last.to_string());
    }
    parts
}

/// Splits SQL text into statements at top-level semicolons (outside quotes, dollar
/// quotes, comments and parentheses). Each statement keeps its `;`; blank and
/// comment-only pieces are dropped.
pub fn split_statements(sql: &str) -> Vec<String> {
    let bytes = sql.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0i32;
    // As psql: inside a statement, `begin` (of BEGIN ATOMIC) and `case` open a block
    // that `end` closes, and a `;` inside a block ends nothing.
    let mut blocks = 0i32;
    let mut words_in_statement = 0usize;
    let mut start = 0;
    let mut i = 0;
    let push = |piece: &str, out: &mut Vec<String>| {
        let has_code = tokens(piece)
            .iter()
            .any(|t| !matches!(t, Token::Punct(';')));
        if has_code {
            // Leading comment lines belong to no statement; error messages omit them.
            let text: Vec<&str> = piece
                .trim()
                .lines()
                .skip_while(|l| l.trim_start().starts_with("--") || l.trim().is_empty())
                .collect();
            out.push(text.join("\n").trim().to_string());
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => {
                i = lex::quote_end(sql, i);
                continue;
            }
            b'"' => {
                i = sql[i + 1..].find('"').map_or(bytes.len(), |n| i + n + 2);
                continue;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                i = sql[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = sql[i + 2..].find("*/").map_or(bytes.len(), |n| i + n + 4);
                continue;
            }
            b'$' => {
                if let Some(end) = lex::dollar_quote_end(sql, i) {
                    i = end;
                    continue;
                }
            }
            b'(' => depth += 1,
            b')' => depth -= 1,
            b';' if depth == 0 && blocks == 0 => {
                push(&sql[start..=i], &mut out);
                start = i + 1;
                words_in_statement = 0;
            }
            c if lex::word_start(c) => {
                let end = lex::word_end(bytes, i);
                let word = &sql[i..end];
                words_in_statement += 1;
                if (word.eq_ignore_ascii_case("begin") || word.eq_ignore_ascii_case("case"))
                    && words_in_statement > 1
                {
                    blocks += 1;
                } else if word.eq_ignore_ascii_case("end") && blocks > 0 {
                    blocks -= 1;
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    push(&sql[start..], &mut out);
    out
}

/// The text of a routine body without its quotes: `$$…$$` and `$tag$…$tag$` give
/// their inside as is, `'…'` its inside with `''` unescaped.
pub fn routine_body(body: &str) -> std::borrow::Cow<'_, str> {
    if let Some(rest) = body.strip_prefix('$') {
        if let Some(tag_len) = rest.find('$') {
            let tag = &body[..tag_len + 2];
            let inner = &body[tag.len()..];
            return std::borrow::Cow::Borrowed(inner.strip_suffix(tag).unwrap_or(inner));
        }
    }
    let inner = body
        .strip_prefix('\'')
        .and_then(|b| b.strip_suffix('\''))
        .unwrap_or(body);
    if inner.contains("''") {
        std::borrow::Cow::Owned(inner.replace("''", "'"))
    } else {
        std::borrow::Cow::Borrowed(inner)
    }
}

/// A name an expression mentions: `a`, `s.a`, and whether a `(` follows (a call).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameRef {
    /// Schema, when qualified.
    pub schema: Option<String>,
    /// Name.
    pub name: String,
    /// Followed by `(`.
    pub call: bool,
}

/// The (possibly qualified) names an expression mentions, in order. String literals
/// passed to `nextval`/`regclass` casts are reported too, as names.
pub fn name_refs(sql: &str) -> Vec<NameRef> {
    let toks = tokens(sql);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Token::Word(w) = &toks[i] {
            // Skip the member part of `x.y` when x was already consumed as schema.
            let (schema, name, next) = match (toks.get(i + 1), toks.get(i + 2)) {
                (Some(Token::Punct('.')), Some(Token::Word(n))) => {
                    (Some(w.clone()), n.clone(), i + 3)
                }
                _ => (None, w.clone(), i + 1),
            };
            // `insert into t (a, b)`: a relation with a column list, not a call.
            let into = i > 0 && matches!(&toks[i - 1], Token::Word(p) if p == "into");
            let call = !into && matches!(toks.get(next), Some(Token::Punct('(')));
            out.push(NameRef { schema, name, call });
            i = next;
            continue;
        }
        if let Token::Str(s) = &toks[i] {
            if s.starts_with('\'') && is_regclass_literal(&toks, i) {
                let inner = s[1..s.len() - 1].replace("''", "'");
                let (schema, name) = match inner.split_once('.') {
                    Some((a, b)) => (Some(fold(a)), fold(b)),
                    None => (None, fold(&inner)),
                };
                out.push(NameRef {
                    schema,
                    name,
                    call: false,
                });
            }
        }
        i += 1;
    }
    out
}

fn fold(s: &str) -> String {
    if s.starts_with('"') && s.ends_with('"') && s.len() >= 2 {
        s[1..s.len() - 1].to_string()
    } else {
        s.to_ascii_lowercase()
    }
}

/// True for `nextval('x')`, `currval('x')`, `setval('x', …)` and `'x'::regclass`.
fn is_regclass_literal(toks: &[Token], i: usize) -> bool {
    let after_call = i >= 2
        && matches!(toks[i - 1], Token::Punct('('))
        && matches!(&toks[i - 2], Token::Word(w) if w == "nextval" || w == "currval" || w == "setval");
    let cast = matches!(
        (toks.get(i + 1), toks.get(i + 2), toks.get(i + 3)),
        (Some(Token::Punct(':')), Some(Token::Punct(':')), Some(Token::Word(w))) if w == "regclass"
    );
    after_call || cast
}

/// True when `body` is one SQL-standard routine body and nothing more: `RETURN expr`
/// or `BEGIN ATOMIC … END`, ending where PostgreSQL (and psql) would end the CREATE
/// statement it is emitted into. A body with a statement after it
/// (`RETURN 1; DROP TABLE t`), an unclosed block, or a trailing `--` comment that would
/// swallow the statement's `;` is not.
pub fn is_one_standard_body(body: &str) -> bool {
    let words: Vec<String> = tokens(body)
        .into_iter()
        .take(2)
        .filter_map(|t| match t {
            Token::Word(w) => Some(w),
            _ => None,
        })
        .collect();
    let starts = match words.as_slice() {
        [first, ..] if first == "return" => true,
        [first, second] => first == "begin" && second == "atomic",
        _ => false,
    };
    // Emitted as `CREATE FUNCTION … <body>;`: with a statement after it, that must be
    // exactly two statements.
    let probe = format!("CREATE FUNCTION f() {body};\nSELECT 1;");
    starts && split_statements(&probe).len() == 2
}

/// Rewrites the identifier `from` (as a whole word, outside strings and comments) to
/// `to` in SQL text; `to` is quoted when it needs quotes.
pub fn rename_word(sql: &str, from: &str, to: &str) -> String {
    let bytes = sql.as_bytes();
    let mut out = String::with_capacity(sql.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        if sql[i..].starts_with("--") {
            i = sql[i..].find('\n').map_or(bytes.len(), |n| i + n);
        } else if c == b'\'' {
            i = lex::quote_end(sql, i);
        } else if c == b'$' && lex::dollar_quote_end(sql, i).is_some() {
            i = lex::dollar_quote_end(sql, i).unwrap_or(bytes.len());
        } else if c == b'"' {
            let end = sql[i + 1..].find('"').map_or(bytes.len(), |n| i + n + 2);
            if &sql[(i + 1).min(end)..end.saturating_sub(1).max(i + 1)] == from {
                out.push_str(&crate::model::quote_ident(to));
                i = end;
                continue;
            }
            i = end;
        } else if lex::word_start(c) {
            i = lex::word_end(bytes, i);
            let prev_dot = start > 0 && bytes[start - 1] == b'.';
            if !prev_dot && sql[start..i].eq_ignore_ascii_case(from) {
                out.push_str(&crate::model::quote_ident(to));
                continue;
            }
        } else {
            i += sql[i..].chars().next().map_or(1, char::len_utf8);
        }
        out.push_str(&sql[start..i]);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_standard_body_hides_no_statement() {
        use super::is_one_standard_body as one;
        assert!(one("RETURN a + b"));
        assert!(one(
            "BEGIN ATOMIC\n  SELECT CASE WHEN true THEN 1 END;\n  SELECT 2;\nEND"
        ));
        assert!(!one("RETURN 1; DROP TABLE important"));
        assert!(!one("BEGIN ATOMIC SELECT 1; END; DROP TABLE important"));
        assert!(!one("BEGIN ATOMIC SELECT 1;"));
        assert!(!one("RETURN 1 -- the ; is swallowed"));
        assert!(!one("SELECT 1"));
    }

    #[test]
    fn a_begin_atomic_body_is_one_statement_as_psql_reads_it() {
        let sql = "BEGIN;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN true THEN 1 END;\n  SELECT 2;\nEND;\nCOMMIT;\n";
        let s = super::split_statements(sql);
        assert_eq!(s.len(), 3, "{s:?}");
        assert!(
            s[1].starts_with("CREATE FUNCTION") && s[1].ends_with("END;"),
            "{s:?}"
        );
        // A word is a word whatever letter it starts with: `ébegin` opens no block.
        assert_eq!(
            super::split_statements("SELECT ébegin;\nSELECT 2;").len(),
            2
        );
    }

    #[test]
    fn splits_statements_outside_quotes_and_bodies() {
        let sql = "CREATE FUNCTION f() RETURNS int AS $$ select 1; $$;\n-- c;\nINSERT INTO t VALUES ('a;b');\n";
        let s = super::split_statements(sql);
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(s[0].ends_with("$$;") && s[1].starts_with("INSERT"));
    }

    #[test]
    fn renames_whole_words_only() {
        let s = super::rename_word(
            "old = 'old' and old_x = t.old and \"old\" > 1 -- old",
            "old",
            "new",
        );
        assert_eq!(s, "new = 'old' and old_x = t.old and new > 1 -- old");
    }

    use super::*;

    #[test]
    fn splits_only_at_top_level_commas() {
        let parts = split_top_level("'a,b', f(1, 2), $$x,y$$, \"c,d\", 3");
        assert_eq!(parts, vec!["'a,b'", "f(1, 2)", "$$x,y$$", "\"c,d\"", "3"]);
    }

    #[test]
    fn finds_calls_qualified_names_and_sequences() {
        let refs = name_refs("auth.uid() = owner_id and nextval('public.seq') > 'x'");
        assert!(refs.contains(&NameRef {
            schema: Some("auth".into()),
            name: "uid".into(),
            call: true
        }));
        assert!(refs.contains(&NameRef {
            schema: Some("public".into()),
            name: "seq".into(),
            call: false
        }));
        assert!(!refs.iter().any(|r| r.name == "x"));
    }
}
