//! A bound on nesting, checked before a file is parsed.
//!
//! The grammar nests by recursion (parentheses and brackets in verbatim SQL, `/* */`
//! comments, `{ }` blocks), so a file that nests deeply enough would overflow the
//! parser's stack and abort the process. pest can probe the stack before every rule,
//! but with its `std` feature that probe ran on every combinator and was a fifth of all
//! parsing work. schemac builds pest without it and bounds nesting here instead, once
//! per file, and parses on threads with a known stack ([`PARSE_STACK`]).
//!
//! The count is deliberately coarse: every opening bracket, brace and `/*` counts,
//! even inside quotes and comments, so it can only overestimate what the parser will
//! recurse through. Real schemas nest a few levels; the bound is far above that.

use crate::diagnostics::{Code, Diagnostic, FileId, Span};

/// The deepest nesting of brackets, braces and block comments a file may have.
pub const MAX_NESTING: usize = 256;

/// The stack size of the threads that parse. At [`MAX_NESTING`] the parser's recursion
/// needs well under a tenth of it, in debug builds too (measured: a release build
/// overflows 2 MiB only beyond 8,000 levels).
pub const PARSE_STACK: usize = 16 << 20;

/// The offset where nesting first goes deeper than [`MAX_NESTING`], if it does.
pub fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' | b'{' => depth += 1,
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'*' if bytes.get(i + 1) == Some(&b'/') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => {}
        }
        if depth > MAX_NESTING {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// P004 for a file that nests deeper than [`MAX_NESTING`] at `offset`.
pub fn diagnostic(file: FileId, offset: usize) -> Diagnostic {
    Diagnostic::error(
        Code::NestingTooDeep,
        Span::new(file, offset, offset + 1),
        format!("brackets, braces and comments nest more than {MAX_NESTING} levels deep here"),
    )
    .with_label(format!("level {}", MAX_NESTING + 1))
    .with_note("the file is not parsed: nesting this deep would exhaust the parser's stack. Brackets inside quotes and comments count too; a schema nests a few levels")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bound_is_exact_and_counts_every_kind_of_nesting() {
        let at = |n: usize| format!("{}{}", "(".repeat(n), ")".repeat(n));
        assert_eq!(too_deep(&at(MAX_NESTING)), None);
        assert_eq!(too_deep(&at(MAX_NESTING + 1)), Some(MAX_NESTING));
        let mixed = "[{/*".repeat(MAX_NESTING / 3) + "((((";
        assert!(too_deep(&mixed).is_some());
        // Closing brings the count down; unmatched closers never make it negative.
        let flat = ")".repeat(5000) + &"()".repeat(5000);
        assert_eq!(too_deep(&flat), None);
    }

    #[test]
    fn nesting_at_the_bound_parses_on_a_parse_thread() {
        let depth = MAX_NESTING - 2;
        let text = format!(
            "table t {{\n  c int check ({}1{})\n}}\n",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        assert_eq!(too_deep(&text), None);
        let parsed = std::thread::Builder::new()
            .stack_size(PARSE_STACK)
            .spawn(move || crate::syntax::parse(&text, FileId(0)))
            .expect("spawn")
            .join()
            .expect("parsing at the bound must not overflow the stack");
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        assert_eq!(parsed.file.items.len(), 1);
    }
}
