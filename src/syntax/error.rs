//! Turns pest errors into our diagnostics, with grammar rule names put into words.

use super::parser::Rule;
use crate::diagnostics::{Code, Diagnostic, FileId, Span};
use pest::error::{ErrorVariant, InputLocation};

/// A diagnostic for text at `base..base+len` that failed to parse as `what`.
/// `detail` is the strict re-parse error, whose positions are relative to `base`.
pub fn syntax_diagnostic(
    code: Code,
    file: FileId,
    base: usize,
    text: &str,
    what: &str,
    detail: Option<pest::error::Error<Rule>>,
) -> Diagnostic {
    let trimmed_len = text.trim_end().len();
    let whole = Span::new(file, base, base + trimmed_len.max(1));
    let Some(error) = detail else {
        return Diagnostic::error(code, whole, format!("cannot parse this {what}"));
    };
    let pos = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let pos = pos.min(trimmed_len);
    let end = next_token_end(text, pos);
    let span = Span::new(
        file,
        base + pos,
        base + end.max(pos + 1).min(text.len().max(pos + 1)),
    );
    let expected = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => describe(positives),
        ErrorVariant::CustomError { message } => message.clone(),
    };
    let found = text[pos..end].trim();
    let found = if found.is_empty() {
        "the end of the declaration".to_string()
    } else {
        format!("`{found}`")
    };
    let mut d = Diagnostic::error(
        code,
        span,
        format!("cannot parse this {what}: unexpected {found}"),
    )
    .with_label(if expected.is_empty() {
        "unexpected here".to_string()
    } else {
        format!("expected {expected}")
    });
    if pos > 0 {
        d = d.with_secondary(Span::new(file, base, base + pos), format!("this {what}"));
    }
    d
}

fn next_token_end(text: &str, pos: usize) -> usize {
    let rest = &text[pos..];
    let len = rest
        .char_indices()
        .find(|(i, c)| *i > 0 && (c.is_whitespace() || "(),{}".contains(*c)))
        .map_or(rest.len(), |(i, _)| i);
    let len = if len == 0 {
        rest.chars().next().map_or(0, char::len_utf8)
    } else {
        len
    };
    pos + len
}

/// Grammar rules in words; unlisted rules are not worth mentioning.
fn rule_words(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        ident | bare_ident | quoted_ident => "a name",
        qname => "a name",
        type_expr | type_core => "a type",
        paren_expr => "`(`",
        line_expr => "an expression",
        query_text => "a query",
        string_lit => "a string",
        number => "a number",
        fn_body | dollar_quoted => "a body in dollar quotes",
        ident_list => "a parenthesised list of names",
        role_list => "a role",
        index_elem => "an index column or expression",
        policy_cmd => "a command (all, select, insert, update, delete)",
        trigger_timing => "`before`, `after` or `instead of`",
        trigger_event => "an event (insert, update, delete, truncate)",
        trigger_level => "`row` or `statement`",
        fk_kind => "cascade, restrict, no action, set null or set default",
        column_constraint => "a column option",
        fn_option => "a function option",
        seq_option => "a sequence option",
        privilege_list | privilege => "a privilege",
        grant_target => "schema, sequence, function or table",
        enum_value => "an enum label",
        K_AS => "`as`",
        K_TO => "`to`",
        K_ON => "`on`",
        K_KEY => "`key`",
        K_FOR => "`for`",
        K_RETURNS => "`returns`",
        K_EXECUTE => "`execute`",
        K_REFERENCES => "`references`",
        K_NULL => "`null`",
        K_ENABLED => "`enabled`",
        K_FORCED => "`forced`",
        K_STORED => "`stored`",
        K_IDENTITY => "`identity`",
        K_CHECK => "`check`",
        K_VALUES => "`values`",
        K_BY => "`by`",
        K_EACH => "`each`",
        K_TABLE => "`table`",
        K_SCHEMA => "`schema`",
        K_ROLE => "`role`",
        K_FUNCTION => "`function`",
        K_TYPE => "`type`",
        _ => return None,
    })
}

fn describe(rules: &[Rule]) -> String {
    let mut words: Vec<&str> = rules.iter().filter_map(|r| rule_words(*r)).collect();
    words.sort_unstable();
    words.dedup();
    match words.len() {
        0 => String::new(),
        1 => words[0].to_string(),
        n => format!("{} or {}", words[..n - 1].join(", "), words[n - 1]),
    }
}

/// An unclosed `(`, `[`, quote or `/*` comment in bad text, reported where it opens.
pub fn unbalanced(code: Code, file: FileId, base: usize, text: &str) -> Option<Diagnostic> {
    let bytes = text.as_bytes();
    let mut stack: Vec<(u8, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' | b'"' => {
                let q = bytes[i];
                match text[i + 1..].find(q as char) {
                    Some(n) => i += n + 2,
                    None => {
                        let what = if q == b'\'' { "string" } else { "quoted name" };
                        return Some(
                            Diagnostic::error(
                                code,
                                Span::new(file, base + i, base + i + 1),
                                format!("this {what} is never closed"),
                            )
                            .with_label(format!("unclosed {}", q as char)),
                        );
                    }
                }
                continue;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => break,
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                match text[i + 2..].find("*/") {
                    Some(n) => i += n + 4,
                    None => {
                        return Some(
                            Diagnostic::error(
                                code,
                                Span::new(file, base + i, base + i + 2),
                                "this comment is never closed",
                            )
                            .with_label("unclosed /*"),
                        );
                    }
                }
                continue;
            }
            b'(' | b'[' => stack.push((bytes[i], i)),
            b')' | b']' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    let (open, at) = stack.pop()?;
    let close = if open == b'(' { ')' } else { ']' };
    Some(
        Diagnostic::error(
            code,
            Span::new(file, base + at, base + at + 1),
            format!("this `{}` is never closed", open as char),
        )
        .with_label(format!(
            "unclosed; expected a matching `{close}` on this line"
        )),
    )
}

/// "did you mean `table`?" for a misspelt leading keyword.
pub fn keyword_hint(text: &str) -> Option<String> {
    const KEYWORDS: &[&str] = &[
        "schema",
        "extension",
        "extern",
        "enum",
        "domain",
        "sequence",
        "function",
        "procedure",
        "view",
        "materialized",
        "table",
        "mixin",
        "grant",
        "unlogged",
    ];
    let word: String = text
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect::<String>()
        .to_ascii_lowercase();
    if word.is_empty() || KEYWORDS.contains(&word.as_str()) {
        return None;
    }
    crate::diagnostics::closest(&word, KEYWORDS.iter().copied(), 2)
        .map(|k| format!("help: did you mean `{k}`?"))
}
