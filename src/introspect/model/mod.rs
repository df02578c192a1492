//! A live database read into the same [`Schema`] the DSL compiles to, from pg_catalog
//! in one bulk query per object kind, inside one read-only REPEATABLE READ snapshot
//! with an empty `search_path` (so PostgreSQL prints every name qualified).
//!
//! Expressions (defaults, checks, policies, view queries) are PostgreSQL's own
//! deparsed text. Two databases read this way compare exactly, which is what
//! `diff --live --format sql` and `pull` need; a declared schema is compared by reading
//! the throwaway database built from it, never by comparing its text with a live one.

mod objects;
mod tables;
mod text;

use crate::model::Schema;
use postgres::Client;

/// Reads every managed object of the database. `skip_schemas` are left out (extern and
/// tool schemas), except the project's triggers and policies on their tables, which
/// come back as `external` tables holding only those.
pub fn read(client: &mut Client, skip_schemas: &[String]) -> Result<Schema, postgres::Error> {
    let mut tx = client
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    tx.batch_execute("SELECT pg_catalog.set_config('search_path', '', true)")?;
    let mut schema = Schema::empty();
    let skip: Vec<String> = skip_schemas.to_vec();
    objects::read(&mut tx, &skip, &mut schema)?;
    tables::read(&mut tx, &skip, &mut schema)?;
    tx.commit()?;
    Ok(schema)
}
