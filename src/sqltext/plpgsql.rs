//! What a PL/pgSQL body's `DECLARE` section names as types. PostgreSQL resolves these
//! when it validates the function at `CREATE FUNCTION` (`declare r t;` fails with
//! 42704 while `t` does not exist), unlike the SQL statements inside the body, which
//! are only parsed. So a routine must be created after the types, tables and views its
//! variables are declared with.

use super::{tokens, NameRef, Token};

/// The types the top-level `DECLARE` section of a PL/pgSQL body declares variables
/// with: `r t;`, `v app.t%rowtype;`, `n t.col%type;` (as `t`), `x constant my_enum := …;`.
/// Cursors and aliases name no type. Built-in types come back too; the caller looks the
/// names up among the schema's own objects.
pub fn declared_types(body: &str) -> Vec<NameRef> {
    let toks = tokens(body);
    let Some(start) = toks.iter().position(|t| is_word(t, "declare")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut i = start + 1;
    while i < toks.len() && !is_word(&toks[i], "begin") {
        // One declaration: everything up to its `;`.
        let end = (i..toks.len())
            .find(|&j| toks[j] == Token::Punct(';') || is_word(&toks[j], "begin"))
            .unwrap_or(toks.len());
        if let Some(r) = declaration_type(&toks[i..end]) {
            out.push(r);
        }
        i = if end < toks.len() && toks[end] == Token::Punct(';') {
            end + 1
        } else {
            end
        };
    }
    out
}

/// The type of `name [constant] type …`, or None for cursors, aliases and anything
/// not of that shape.
fn declaration_type(decl: &[Token]) -> Option<NameRef> {
    let mut i = 1; // after the variable's name
    if decl.get(i).is_some_and(|t| is_word(t, "constant")) {
        i += 1;
    }
    let Some(Token::Word(first)) = decl.get(i) else {
        return None;
    };
    if matches!(
        first.as_str(),
        "cursor" | "alias" | "refcursor" | "no" | "scroll"
    ) {
        return None;
    }
    let qualified = match (decl.get(i + 1), decl.get(i + 2)) {
        (Some(Token::Punct('.')), Some(Token::Word(second))) => Some(second.clone()),
        _ => None,
    };
    let after = if qualified.is_some() { i + 3 } else { i + 1 };
    // `t.col%type` names table `t` (column `col`); `s.t.col%type` names `s.t`.
    let percent_type = decl.get(after) == Some(&Token::Punct('%'))
        && decl.get(after + 1).is_some_and(|t| is_word(t, "type"));
    let three_part = match (decl.get(after), decl.get(after + 1)) {
        (Some(Token::Punct('.')), Some(Token::Word(_))) => {
            decl.get(after + 2) == Some(&Token::Punct('%'))
        }
        _ => false,
    };
    let (schema, name) = match qualified {
        Some(second) if three_part => (Some(first.clone()), second),
        Some(_) if percent_type => (None, first.clone()),
        Some(second) => (Some(first.clone()), second),
        None => (None, first.clone()),
    };
    Some(NameRef {
        schema,
        name,
        call: false,
    })
}

fn is_word(t: &Token, w: &str) -> bool {
    matches!(t, Token::Word(x) if x == w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(body: &str) -> Vec<String> {
        declared_types(body)
            .into_iter()
            .map(|r| match r.schema {
                Some(s) => format!("{s}.{}", r.name),
                None => r.name,
            })
            .collect()
    }

    #[test]
    fn finds_row_types_and_ignores_cursors() {
        assert_eq!(
            names("declare r t; v app.items%rowtype; n t.id%type; m app.t.c%type; c cursor for select 1; k constant my_enum := 'a'; begin return; end"),
            vec!["t", "app.items", "t", "app.t", "my_enum"]
        );
        assert!(names("begin declare_me(); end").is_empty());
        assert_eq!(names("DECLARE x integer; BEGIN END"), vec!["integer"]);
    }
}
