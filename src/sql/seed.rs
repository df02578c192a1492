//! Seed rows: upserted by key (idempotent), deleted by key.

use crate::model::{quote_ident as qi, Seed, Table};

/// Inserts or updates every seed row of a table.
pub fn upsert_all(t: &Table) -> Vec<String> {
    let seed = t.seed.as_ref().expect("seed node has a seed");
    upsert(t, seed, &seed.rows)
}

/// Inserts or updates `rows` (by the seed's key).
pub fn upsert(t: &Table, seed: &Seed, rows: &[Vec<String>]) -> Vec<String> {
    if rows.is_empty() {
        return Vec::new();
    }
    let cols: Vec<_> = seed.columns.iter().map(|c| qi(c)).collect();
    let values: Vec<String> = rows
        .iter()
        .map(|r| format!("    ({})", r.join(", ")))
        .collect();
    let key: Vec<_> = seed.key.iter().map(|c| qi(c)).collect();
    let updates: Vec<String> = seed
        .columns
        .iter()
        .filter(|c| !seed.key.contains(c))
        .map(|c| format!("{} = EXCLUDED.{}", qi(c), qi(c)))
        .collect();
    let action = if updates.is_empty() {
        "DO NOTHING".to_string()
    } else {
        format!("DO UPDATE SET {}", updates.join(", "))
    };
    vec![format!(
        "INSERT INTO {} ({}) VALUES\n{}\nON CONFLICT ({}) {action};",
        t.name.sql(),
        cols.join(", "),
        values.join(",\n"),
        key.join(", ")
    )]
}

/// The key values of a row, in key order.
pub fn key_of(seed: &Seed, row: &[String]) -> Vec<String> {
    seed.key
        .iter()
        .filter_map(|k| seed.columns.iter().position(|c| c == k))
        .map(|i| row.get(i).cloned().unwrap_or_default())
        .collect()
}

/// Deletes every seed row of a table.
pub fn delete_all(t: &Table) -> Vec<String> {
    let seed = t.seed.as_ref().expect("seed node has a seed");
    let keys: Vec<Vec<String>> = seed.rows.iter().map(|r| key_of(seed, r)).collect();
    delete(t, seed, &keys)
}

/// Deletes the rows with these keys.
pub fn delete(t: &Table, seed: &Seed, keys: &[Vec<String>]) -> Vec<String> {
    if keys.is_empty() {
        return Vec::new();
    }
    let key_cols: Vec<_> = seed.key.iter().map(|c| qi(c)).collect();
    let has_null = keys
        .iter()
        .flatten()
        .any(|v| v.eq_ignore_ascii_case("null"));
    if key_cols.len() > 1 || has_null {
        // Row comparison with IN never matches NULLs; IS NOT DISTINCT FROM does.
        let lhs = format!("({})", key_cols.join(", "));
        let conds: Vec<String> = keys
            .iter()
            .map(|k| format!("{lhs} IS NOT DISTINCT FROM ({})", k.join(", ")))
            .collect();
        return vec![format!(
            "DELETE FROM {} WHERE\n    {};",
            t.name.sql(),
            conds.join("\n    OR ")
        )];
    }
    let (lhs, tuples) = (
        key_cols[0].clone(),
        keys.iter().map(|k| k[0].clone()).collect::<Vec<_>>(),
    );
    vec![format!(
        "DELETE FROM {} WHERE {lhs} IN ({});",
        t.name.sql(),
        tuples.join(", ")
    )]
}
