//! Reading a live database. This session provides the schema fingerprint: every fact
//! of the user's schema as one line of PostgreSQL's own deparsed text, read in a
//! single catalog query inside one read-only snapshot. Comparing the fingerprints of
//! two databases built from the same DDL on the same server version is exact: both
//! sides are printed by PostgreSQL itself, so there is nothing to normalise.

pub mod drift;
pub mod model;

use postgres::Client;
use std::collections::BTreeSet;

/// The schema facts of a database, leaving out `skip_schemas` (extern and tool schemas).
pub fn fingerprint(
    client: &mut Client,
    skip_schemas: &[String],
) -> Result<BTreeSet<String>, postgres::Error> {
    let mut tx = client
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    tx.batch_execute("SELECT pg_catalog.set_config('search_path', '', true)")?;
    let rows = tx.query(include_str!("fingerprint.sql"), &[&skip_schemas])?;
    tx.commit()?;
    Ok(rows.iter().map(|r| r.get::<_, String>(0)).collect())
}

/// Facts in `expected` but not in `actual`, and the other way round.
pub fn compare(
    expected: &BTreeSet<String>,
    actual: &BTreeSet<String>,
) -> (Vec<String>, Vec<String>) {
    (
        expected.difference(actual).cloned().collect(),
        actual.difference(expected).cloned().collect(),
    )
}
