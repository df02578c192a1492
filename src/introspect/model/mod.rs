//! A live database read into the same [`Schema`] the DSL compiles to, from pg_catalog
//! in one bulk query per object kind, inside one read-only REPEATABLE READ snapshot
//! with an empty `search_path` (so PostgreSQL prints every name qualified).
//!
//! Expressions (defaults, checks, policies, view queries) are PostgreSQL's own
//! deparsed text. Two databases read this way compare exactly, which is what
//! `diff --live --format sql` and `pull` need; a declared schema is compared by reading
//! the throwaway database built from it, never by comparing its text with a live one.

mod aggregates;
mod collations;
mod composites;
mod indexes;
mod members;
mod objects;
mod partitions;
mod privileges;
mod ranges;
mod rules;
mod statistics;
mod tables;
mod text;

use crate::model::Schema;
use postgres::Client;

/// Reads every managed object of the database. `skip_schemas` are left out (extern and
/// tool schemas), except the project's triggers and policies on their tables, which
/// come back as `external` tables holding only those.
pub fn read(client: &mut Client, skip_schemas: &[String]) -> Result<Schema, postgres::Error> {
    read_with_unowned(client, skip_schemas).map(|(schema, _)| schema)
}

/// [`read`], and the objects owned by another role than the rest whose owner the model
/// has no place for (aggregates, …): from the same query that fills its owners.
pub fn read_with_unowned(
    client: &mut Client,
    skip_schemas: &[String],
) -> Result<(Schema, Vec<crate::introspect::owners::StrayOwner>), postgres::Error> {
    let mut tx = client
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    tx.batch_execute(crate::introspect::NO_JIT_EMPTY_PATH)?;
    let mut schema = Schema::empty();
    // ACLs are read as they are: no earlier revoke form to upgrade from.
    schema.relations_revoke_all = true;
    let skip: Vec<String> = skip_schemas.to_vec();
    objects::read(&mut tx, &skip, &mut schema)?;
    aggregates::read(&mut tx, &skip, &mut schema)?;
    collations::read(&mut tx, &skip, &mut schema)?;
    composites::read(&mut tx, &skip, &mut schema)?;
    ranges::read(&mut tx, &skip, &mut schema)?;
    tables::read(&mut tx, &skip, &mut schema)?;
    rules::read(&mut tx, &skip, &mut schema)?;
    statistics::read(&mut tx, &skip, &mut schema)?;
    privileges::read(&mut tx, &skip, &mut schema)?;
    let strays = crate::introspect::owners::read(&mut tx, &skip)?;
    let (owners, unowned) = crate::introspect::owners::split(&schema, strays);
    schema.owners = owners;
    tx.commit()?;
    Ok((schema, unowned))
}

/// Which of `names` are schemas of the database.
pub fn schemas_present(
    client: &mut Client,
    names: &[&str],
) -> Result<Vec<String>, postgres::Error> {
    let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    let rows = client.query(
        "SELECT nspname::text FROM pg_catalog.pg_namespace WHERE nspname = ANY ($1::text[]) ORDER BY 1",
        &[&names],
    )?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// True when the database looks like Supabase's: its `auth` schema and API roles.
pub fn looks_like_supabase(client: &mut Client) -> Result<bool, postgres::Error> {
    let row = client.query_one(
        "SELECT to_regnamespace('auth') IS NOT NULL
            AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'authenticated')
            AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'anon')",
        &[],
    )?;
    Ok(row.get(0))
}
