//! What a database holds that schemac's model has no place for yet: whole objects
//! (rules, aggregates, operators, publications, …) and properties of managed ones
//! (storage parameters, NOT VALID, column statistics targets, disabled triggers, …).
//!
//! This is the "never silent" half of introspection. [`super::model::read`] reads what
//! the model can express; this reads everything else, in one catalog query, so `pull`
//! can report what it leaves out, `diff --live` can show it as drift of its own
//! category, and `diff --format sql` can refuse to print a migration that would leave
//! part of the drift in place. When a kind becomes expressible, its branch leaves
//! `inventory.sql`.

use postgres::GenericClient;
use serde::Serialize;

/// The catalog query (`$1`: schemas to leave out).
const INVENTORY: &str = include_str!("inventory.sql");

/// Prefix of the fingerprint facts made from [`Unexpressible`] items.
pub const FACT_PREFIX: &str = "unexpressible ";

/// One object or property the model cannot express.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Unexpressible {
    /// What it is: `rule`, `storage parameters`, `NOT VALID constraint`, ….
    pub kind: String,
    /// The object, as PostgreSQL prints its name (`app.t`, `app.t.t_nodelete`).
    pub object: String,
    /// The value that is not expressed (`fillfactor=70`, a rule's definition), or empty.
    pub detail: String,
}

impl Unexpressible {
    /// The item as one fingerprint fact: `unexpressible <kind>: <object> = <detail>`.
    pub fn fact(&self) -> String {
        format!(
            "{FACT_PREFIX}{}: {} = {}",
            self.kind, self.object, self.detail
        )
    }

    /// The object part of a fact made by [`Unexpressible::fact`] (`rule: app.t.r`), or
    /// None for any other fact.
    pub fn object_of_fact(line: &str) -> Option<&str> {
        let rest = line.strip_prefix(FACT_PREFIX)?;
        Some(rest.split_once(" = ").map_or(rest, |(o, _)| o))
    }

    /// One line for a person: `rule app.t.t_nodelete (CREATE RULE …)`.
    pub fn describe(&self) -> String {
        if self.detail.is_empty() {
            format!("{} {}", self.kind, self.object)
        } else {
            format!("{} {} ({})", self.kind, self.object, self.detail)
        }
    }
}

/// [`read`] in a read-only transaction of its own with an empty `search_path`, so
/// names print qualified exactly as in the fingerprint (`public.t`, not `t`).
pub fn read_qualified(
    client: &mut postgres::Client,
    skip_schemas: &[String],
) -> Result<Vec<Unexpressible>, postgres::Error> {
    let mut tx = client.build_transaction().read_only(true).start()?;
    tx.batch_execute(super::NO_JIT_EMPTY_PATH)?;
    let items = read(&mut tx, skip_schemas)?;
    tx.commit()?;
    Ok(items)
}

/// Every unexpressible item of the database outside `skip_schemas`, sorted. Names are
/// qualified as the session's `search_path` makes them: call it with an empty one.
pub fn read(
    client: &mut impl GenericClient,
    skip_schemas: &[String],
) -> Result<Vec<Unexpressible>, postgres::Error> {
    Ok(client
        .query(INVENTORY, &[&skip_schemas])?
        .iter()
        .map(|r| Unexpressible {
            kind: r.get(0),
            object: r.get(1),
            detail: r.get(2),
        })
        .collect())
}
