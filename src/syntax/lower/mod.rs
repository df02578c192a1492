//! Pairs → AST. One file per family of constructs; this one holds the file driver and
//! the small helpers every construct uses.

pub(crate) mod blocks;
mod routine;
mod table;
mod tests;
mod top;

use super::ast::*;
use super::error::syntax_diagnostic;
use super::parser::{Rule, SchemaParser};
use super::Parsed;
use crate::diagnostics::{Code, Diagnostics, FileId, Span};
use pest::iterators::Pair;
use pest::Parser;

/// Lowering context: the file being lowered and the diagnostics found so far.
pub(crate) struct Ctx<'a> {
    pub file: FileId,
    pub text: &'a str,
    pub diagnostics: Diagnostics,
}

impl Ctx<'_> {
    /// The span of a pair, without trailing white space (pest may include some).
    pub fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        let len = pair.as_str().trim_end().len();
        Span::new(self.file, s.start(), s.start() + len)
    }

    /// Reports a bad item or member, explaining it with a strict re-parse.
    fn report_bad(&mut self, pair: &Pair<Rule>, strict: Rule, code: Code, what: &str) {
        let start = pair.as_span().start();
        let text = pair.as_str();
        if let Some(d) = super::error::unbalanced(code, self.file, start, text) {
            self.diagnostics.push(d);
            return;
        }
        let detail = SchemaParser::parse(strict, text).err();
        let mut d = syntax_diagnostic(code, self.file, start, text, what, detail);
        if strict == Rule::item_strict {
            if let Some(hint) = super::error::keyword_hint(text) {
                d = d.with_note(hint);
            }
        }
        self.diagnostics.push(d);
    }
}

/// Parses and lowers one file. Never fails; problems become diagnostics.
pub(crate) fn parse_file(text: &str, file: FileId) -> Parsed {
    let mut ctx = Ctx {
        file,
        text,
        diagnostics: Diagnostics::new(),
    };
    let mut ast = File::default();
    match SchemaParser::parse(Rule::file, text) {
        Ok(mut pairs) => {
            let root = pairs.next().expect("file rule always yields one pair");
            for pair in root.into_inner() {
                match pair.as_rule() {
                    Rule::EOI => {}
                    Rule::bad_item => {
                        ctx.report_bad(&pair, Rule::item_strict, Code::SyntaxItem, "declaration")
                    }
                    _ => {
                        if let Some(item) = top::lower_item(&mut ctx, pair) {
                            ast.items.push(item);
                        }
                    }
                }
            }
        }
        Err(e) => {
            // The catch-all rules make this unreachable in practice; keep a diagnostic anyway.
            let d = syntax_diagnostic(Code::SyntaxItem, file, 0, text, "file", Some(e));
            ctx.diagnostics.push(d);
        }
    }
    Parsed {
        file: ast,
        diagnostics: ctx.diagnostics,
    }
}

/// Folds an identifier the PostgreSQL way.
pub(crate) fn ident(ctx: &Ctx, pair: Pair<Rule>) -> Ident {
    let span = ctx.span(&pair);
    // `ident` is atomic (no child pairs, which halves the pairs of a parse): a quoted
    // name is told by its first character.
    let s = pair.as_str();
    let name = match s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => fold_bare(s),
    };
    Ident { name, span }
}

/// Lower-cases ASCII letters, as PostgreSQL does for unquoted identifiers.
pub(crate) fn fold_bare(s: &str) -> String {
    s.to_ascii_lowercase()
}

pub(crate) fn qname(ctx: &Ctx, pair: Pair<Rule>) -> QName {
    let span = ctx.span(&pair);
    let mut parts: Vec<Ident> = pair.into_inner().map(|p| ident(ctx, p)).collect();
    let name = parts.pop().expect("qname has a name");
    QName {
        schema: parts.pop(),
        name,
        span,
    }
}

pub(crate) fn ident_list(ctx: &Ctx, pair: Pair<Rule>) -> Vec<Ident> {
    pair.into_inner().map(|p| ident(ctx, p)).collect()
}

/// Verbatim SQL of a pair, trimmed.
pub(crate) fn sql(ctx: &Ctx, pair: &Pair<Rule>) -> Sql {
    let raw = pair.as_str();
    let trimmed = raw.trim_end();
    let lead = raw.len() - raw.trim_start().len();
    let start = pair.as_span().start() + lead;
    Sql {
        text: trimmed.trim_start().to_string(),
        span: Span::new(ctx.file, start, start + trimmed.len() - lead),
    }
}

/// The inside of a `paren_expr`, verbatim and trimmed.
pub(crate) fn paren_inner(ctx: &Ctx, pair: Pair<Rule>) -> Sql {
    let inner = pair.into_inner().next().expect("paren_expr has balanced");
    sql(ctx, &inner)
}

pub(crate) fn docs(pair: Pair<Rule>) -> Option<String> {
    let lines: Vec<&str> = pair
        .into_inner()
        .map(|d| {
            let s = d.as_str().trim_start_matches("///");
            s.strip_prefix(' ').unwrap_or(s).trim_end()
        })
        .collect();
    if lines.is_empty() {
        None
    } else {
        Some(lines.join("\n"))
    }
}

pub(crate) fn type_ref(ctx: &Ctx, pair: Pair<Rule>) -> TypeRef {
    let span = ctx.span(&pair);
    let mut base = None;
    let mut words: Vec<String> = Vec::new();
    let mut modifiers = None;
    let mut array_dims = 0;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::type_core => {
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::qname => base = Some(qname(ctx, c)),
                        Rule::type_mods => {
                            let inner = c.into_inner().next().expect("balanced");
                            modifiers = Some(compact(inner.as_str()));
                        }
                        Rule::time_zone => {
                            for w in c.into_inner() {
                                words.push(w.as_str().to_ascii_lowercase());
                            }
                        }
                        _ => words.push(c.as_str().to_ascii_lowercase()),
                    }
                }
            }
            Rule::array_dim => array_dims += 1,
            _ => {}
        }
    }
    let (base, words) = match base {
        Some(b) => (b, None),
        None => {
            let first = words.first().cloned().unwrap_or_default();
            let ident = Ident { name: first, span };
            (
                QName {
                    schema: None,
                    name: ident,
                    span,
                },
                Some(words.join(" ")),
            )
        }
    };
    TypeRef {
        base,
        words,
        modifiers,
        array_dims,
        span,
    }
}

/// Removes white space in a type modifier: `( 10 , 2 )` → `10,2`.
fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

pub(crate) fn number(pair: &Pair<Rule>) -> i64 {
    pair.as_str().parse().unwrap_or(0)
}

/// The text of a string literal without its quotes (standard strings only).
pub(crate) fn string_value(pair: &Pair<Rule>) -> String {
    let s = pair.as_str();
    let body = s.trim_start_matches(['e', 'E']);
    body[1..body.len() - 1].replace("''", "'")
}
