//! Default names for constraints and indexes, following PostgreSQL's conventions
//! (`tasks_pkey`, `tasks_customer_id_fkey`, `tasks_status_idx`). schemac always writes
//! the chosen name into the SQL, so the database holds exactly the modelled name.

use crate::sqltext::{tokens, Token};
use std::collections::BTreeSet;

/// PostgreSQL's identifier limit in bytes.
pub const MAX_IDENT: usize = 63;

/// `{table}_{cols}_{suffix}`, made unique against `taken` with a number suffix.
pub fn choose(table: &str, parts: &[String], suffix: &str, taken: &BTreeSet<String>) -> String {
    let mut base = table.to_string();
    for p in parts {
        base.push('_');
        base.push_str(p);
    }
    let name = format!("{base}_{suffix}");
    if !taken.contains(&name) {
        return name;
    }
    (1..)
        .map(|n| format!("{base}_{suffix}{n}"))
        .find(|n| !taken.contains(n))
        .expect("an unused suffix exists")
}

/// The column-ish words of an index expression: the first identifier, or `expr`.
pub fn expr_word(expr: &str) -> String {
    tokens(expr)
        .into_iter()
        .find_map(|t| match t {
            Token::Word(w) => Some(w),
            _ => None,
        })
        .unwrap_or_else(|| "expr".to_string())
}

/// The columns of `columns` that an expression mentions, in table order.
pub fn mentioned_columns(expr: &str, columns: &[String]) -> Vec<String> {
    let words: BTreeSet<String> = tokens(expr)
        .into_iter()
        .filter_map(|t| match t {
            Token::Word(w) => Some(w),
            _ => None,
        })
        .collect();
    columns
        .iter()
        .filter(|c| words.contains(c.as_str()))
        .cloned()
        .collect()
}
