//! Reading a live database. This session provides the schema fingerprint: every fact
//! of the user's schema as one line of PostgreSQL's own deparsed text, read in a
//! single catalog query inside one read-only snapshot. Comparing the fingerprints of
//! two databases built from the same DDL on the same server version is exact: both
//! sides are printed by PostgreSQL itself, so there is nothing to normalise.

pub mod drift;
pub mod inventory;
pub mod model;
pub mod owners;

use postgres::Client;
use std::collections::BTreeSet;

/// Session settings for every catalog read: an empty `search_path` (names print
/// qualified) and no JIT. The catalog queries are large unions whose estimated cost
/// passes `jit_above_cost`, so PostgreSQL would spend seconds compiling expressions that
/// run once (3.6 s of a 4.4 s inventory at 5,000 tables).
pub(crate) const NO_JIT_EMPTY_PATH: &str =
    "SELECT pg_catalog.set_config('search_path', '', true), pg_catalog.set_config('jit', 'off', true)";

/// The catalog CTEs both fact queries share (`$1`: schemas to leave out).
const FACTS_WITH: &str = include_str!("fingerprint.sql");
/// Schemas, relations, columns, constraints, types, sequences, comments.
const TABLE_FACTS: &str = include_str!("fingerprint_tables.sql");
/// Indexes, views, triggers, policies, routines: the deparsers' expensive half.
const MEMBER_FACTS: &str = include_str!("fingerprint_members.sql");

fn facts_query(branches: &str) -> String {
    format!("{FACTS_WITH}SELECT line FROM (\n{branches}) facts(line)")
}

/// Starts the read-only REPEATABLE READ transaction the facts are read in; `import`
/// joins the snapshot another transaction exported.
fn snapshot<'c>(
    client: &'c mut Client,
    import: Option<&str>,
) -> Result<postgres::Transaction<'c>, postgres::Error> {
    let mut tx = client
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    if let Some(id) = import {
        tx.batch_execute(&format!(
            "SET TRANSACTION SNAPSHOT '{}'",
            id.replace('\'', "")
        ))?;
    }
    tx.batch_execute(NO_JIT_EMPTY_PATH)?;
    Ok(tx)
}

/// The schema facts of a database, leaving out `skip_schemas` (extern and tool schemas).
pub fn fingerprint(
    client: &mut Client,
    skip_schemas: &[String],
) -> Result<BTreeSet<String>, postgres::Error> {
    fingerprint_with(client, None, skip_schemas)
}

/// [`fingerprint`], with the expensive half of the facts read on `helper` (a second
/// connection to the same database) at the same time, in the same snapshot (exported
/// by the first transaction, as `pg_dump -j` does).
pub fn fingerprint_with(
    client: &mut Client,
    helper: Option<&mut Client>,
    skip_schemas: &[String],
) -> Result<BTreeSet<String>, postgres::Error> {
    let mut tx = snapshot(client, None)?;
    let (tables, members) = (facts_query(TABLE_FACTS), facts_query(MEMBER_FACTS));
    let mut out = BTreeSet::new();
    match helper {
        None => {
            for q in [&tables, &members] {
                out.extend(
                    tx.query(q.as_str(), &[&skip_schemas])?
                        .iter()
                        .map(|r| r.get(0)),
                );
            }
        }
        Some(helper) => {
            let id: String = tx
                .query_one("SELECT pg_catalog.pg_export_snapshot()", &[])?
                .get(0);
            let mut htx = snapshot(helper, Some(&id))?;
            let (mine, theirs) = std::thread::scope(|scope| {
                let theirs = scope.spawn(|| htx.query(members.as_str(), &[&skip_schemas]));
                let mine = tx.query(tables.as_str(), &[&skip_schemas]);
                (
                    mine,
                    theirs
                        .join()
                        .unwrap_or_else(|e| std::panic::resume_unwind(e)),
                )
            });
            out.extend(mine?.iter().map(|r| r.get::<_, String>(0)));
            out.extend(theirs?.iter().map(|r| r.get::<_, String>(0)));
            htx.commit()?;
        }
    }
    // What the model cannot express is compared too, so it is never "no drift".
    out.extend(
        inventory::read(&mut tx, skip_schemas)?
            .iter()
            .map(inventory::Unexpressible::fact),
    );
    out.extend(
        owners::read(&mut tx, skip_schemas)?
            .iter()
            .map(owners::StrayOwner::fact),
    );
    tx.commit()?;
    Ok(out)
}

/// The server's major version (15 for 15.4): what a canonical state is made for.
pub fn server_major(client: &mut Client) -> Result<u32, postgres::Error> {
    let row = client.query_one(
        "SELECT current_setting('server_version_num')::int / 10000",
        &[],
    )?;
    Ok(row.get::<_, i32>(0).unsigned_abs())
}

/// The database-level settings (`ALTER DATABASE … SET`) of the connected database that
/// change how DDL is checked or what bodies resolve to: `search_path` (SQL functions
/// calling Supabase's `extensions` functions unqualified), date and time styles, and
/// custom `x.y` settings. A throwaway database built to compare with this one is given
/// the same, or it fails where the real one does not.
pub fn database_settings(client: &mut Client) -> Result<Vec<(String, String)>, postgres::Error> {
    let rows = client.query(
        "SELECT split_part(c, '=', 1), substr(c, strpos(c, '=') + 1)
           FROM pg_catalog.pg_db_role_setting s, unnest(s.setconfig) c
          WHERE s.setdatabase = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
            AND s.setrole = 0
          ORDER BY 1",
        &[],
    )?;
    Ok(rows
        .iter()
        .map(|r| (r.get::<_, String>(0), r.get::<_, String>(1)))
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            k.contains('.')
                || ["search_path", "timezone", "datestyle", "intervalstyle"].contains(&k.as_str())
        })
        .collect())
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
