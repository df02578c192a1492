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

/// The kinds an owner can be declared for, as `ALTER … OWNER TO` names them.
const KEYWORDS: &[&str] = &[
    "TABLE",
    "VIEW",
    "MATERIALIZED VIEW",
    "SCHEMA",
    "SEQUENCE",
    "FUNCTION",
    "PROCEDURE",
    "DOMAIN",
    "TYPE",
];

/// Every object of `schema` an owner can be declared for, by the name PostgreSQL
/// prints for it (with an empty `search_path`) and the words `ALTER … OWNER TO` uses.
fn by_printed_name(schema: &Schema) -> BTreeMap<(&'static str, String), GrantObject> {
    let mut out = BTreeMap::new();
    for q in schema.tables.keys() {
        out.insert(("TABLE", q.sql()), GrantObject::Relation(q.clone()));
    }
    for (q, v) in &schema.views {
        let kw = if v.materialized {
            "MATERIALIZED VIEW"
        } else {
            "VIEW"
        };
        out.insert((kw, q.sql()), GrantObject::Relation(q.clone()));
    }
    for o in schema.grantable_objects() {
        let key = match &o {
            GrantObject::Schema(s) => ("SCHEMA", crate::model::quote_ident(s).into_owned()),
            GrantObject::Sequence(q) => ("SEQUENCE", q.sql()),
            GrantObject::Function(k, sql) => {
                let procedure = schema.functions.get(k).is_some_and(|f| f.procedure);
                (
                    if procedure { "PROCEDURE" } else { "FUNCTION" },
                    sql.clone(),
                )
            }
            GrantObject::Type(q) if schema.domains.contains_key(q) => ("DOMAIN", q.sql()),
            GrantObject::Type(q) => ("TYPE", q.sql()),
            GrantObject::Relation(_) => continue,
        };
        out.insert(key, o);
    }
    out
}

/// The strays that are objects of `schema`, as the model's owners; the rest (kinds
/// the model has no owner for, such as aggregates) are returned apart.
pub fn split(schema: &Schema, strays: Vec<StrayOwner>) -> (Vec<ObjectOwner>, Vec<StrayOwner>) {
    let names = by_printed_name(schema);
    let mut owners = Vec::new();
    let mut rest = Vec::new();
    for s in strays {
        let kw = KEYWORDS.iter().find(|k| **k == s.keyword).copied();
        let found = kw.and_then(|kw| names.get(&(kw, s.object.clone())).cloned());
        match found {
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
