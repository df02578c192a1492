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
    let cols: Vec<String> = seed.columns.iter().map(|c| qi(c)).collect();
    let values: Vec<String> = rows
        .iter()
        .map(|r| format!("    ({})", r.join(", ")))
        .collect();
    let key: Vec<String> = seed.key.iter().map(|c| qi(c)).collect();
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
    let key_cols: Vec<String> = seed.key.iter().map(|c| qi(c)).collect();
    let (lhs, tuples): (String, Vec<String>) = if key_cols.len() == 1 {
        (
            key_cols[0].clone(),
            keys.iter().map(|k| k[0].clone()).collect(),
        )
    } else {
        (
            format!("({})", key_cols.join(", ")),
            keys.iter().map(|k| format!("({})", k.join(", "))).collect(),
        )
    };
    vec![format!(
        "DELETE FROM {} WHERE {lhs} IN ({});",
        t.name.sql(),
        tuples.join(", ")
    )]
}
