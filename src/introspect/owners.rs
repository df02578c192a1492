//! Owners. The model has no owner of its own: every object belongs to the role that
//! runs the migrations, which owns most of the database. An object owned by another
//! role (a SECURITY DEFINER function handed to a superuser runs with its rights, a
//! table given away lets its new owner drop it or switch RLS off) is drift: `diff
//! --live` reports it, `diff --format sql` hands it back, `pull` lists it.

use crate::model::{GrantObject, ObjectOwner, Schema};
use postgres::GenericClient;
use serde::Serialize;
use std::collections::BTreeMap;

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

/// Every object of `schema` an owner can be declared for, by the words `ALTER … OWNER
/// TO` uses and the name PostgreSQL prints for it (with an empty `search_path`).
fn by_printed_name(schema: &Schema) -> BTreeMap<(String, String), GrantObject> {
    schema
        .ownable_objects()
        .into_iter()
        .map(|o| {
            let (kw, name) = schema.owner_kind(&o);
            ((kw.to_string(), name), o)
        })
        .collect()
}

/// The strays that are objects of `schema`, as the model's owners; the rest (kinds
/// the model has no owner for, such as aggregates) are returned apart.
pub fn split(schema: &Schema, strays: Vec<StrayOwner>) -> (Vec<ObjectOwner>, Vec<StrayOwner>) {
    let names = by_printed_name(schema);
    let mut owners = Vec::new();
    let mut rest = Vec::new();
    for s in strays {
        match names.get(&(s.keyword.clone(), s.object.clone())).cloned() {
            Some(object) => owners.push(ObjectOwner {
                object,
                role: s.owner,
            }),
            None => rest.push(s),
        }
    }
    owners.sort();
    (owners, rest)
}
