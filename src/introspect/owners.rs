//! Owners. The model has no owner of its own: every object belongs to the role that
//! runs the migrations, which owns most of the database. An object owned by another
//! role (a SECURITY DEFINER function handed to a superuser runs with its rights, a
//! table given away lets its new owner drop it or switch RLS off) is drift: `diff
//! --live` reports it, `diff --format sql` hands it back, `pull` lists it.

use postgres::GenericClient;
use serde::Serialize;

/// The catalog query (`$1`: schemas to leave out).
const OWNERS: &str = include_str!("owners.sql");

/// Prefix of the fingerprint facts made from [`StrayOwner`]s.
pub const FACT_PREFIX: &str = "owner ";

/// An object owned by another role than the rest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct StrayOwner {
    /// What `ALTER … OWNER TO` calls it: `TABLE`, `VIEW`, `FUNCTION`, `DOMAIN`, ….
    pub keyword: String,
    /// The object, as PostgreSQL prints its name (`public.t`, `public.f(integer)`).
    pub object: String,
    /// Who owns it.
    pub owner: String,
    /// Who owns the rest (the role that runs the migrations).
    pub usual: String,
}

impl StrayOwner {
    /// The item as one fingerprint fact: `owner <object> = <owner>`.
    pub fn fact(&self) -> String {
        format!("{FACT_PREFIX}{} = {}", self.object, self.owner)
    }

    /// One line for a person.
    pub fn describe(&self) -> String {
        format!(
            "{} {} is owned by {}, the rest by {}",
            self.keyword.to_lowercase(),
            self.object,
            self.owner,
            self.usual
        )
    }
}

/// Every object of the database outside `skip_schemas` owned by another role than the
/// rest. Names are qualified as the session's `search_path` makes them: call it with
/// an empty one.
pub fn read(
    client: &mut impl GenericClient,
    skip_schemas: &[String],
) -> Result<Vec<StrayOwner>, postgres::Error> {
    Ok(client
        .query(OWNERS, &[&skip_schemas])?
        .iter()
        .map(|r| StrayOwner {
            keyword: r.get(0),
            object: r.get(1),
            owner: r.get(2),
            usual: r.get(3),
        })
        .collect())
}

/// [`read`] in a read-only transaction of its own with an empty `search_path`.
pub fn read_qualified(
    client: &mut postgres::Client,
    skip_schemas: &[String],
) -> Result<Vec<StrayOwner>, postgres::Error> {
    let mut tx = client.build_transaction().read_only(true).start()?;
    tx.batch_execute(super::NO_JIT_EMPTY_PATH)?;
    let items = read(&mut tx, skip_schemas)?;
    tx.commit()?;
    Ok(items)
}
