//! Privileges: grants on tables and other objects, the built-in privileges a schema
//! takes away, and default privileges (`ALTER DEFAULT PRIVILEGES`).
//!
//! A grant list is a set: analysis and introspection sort and deduplicate it, so the
//! order PostgreSQL happens to keep an ACL in never matters. What PostgreSQL grants
//! every new object of a kind (EXECUTE on routines and USAGE on types, to PUBLIC) is
//! not listed; taking it away is ([`Schema::revoked`](super::Schema)).

use super::QName;
use serde::{Deserialize, Serialize};

/// What a grant other than a table's is on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "name")]
pub enum GrantObject {
    /// A schema.
    Schema(String),
    /// A sequence.
    Sequence(QName),
    /// A routine, by signature key; the second field is `name(args)` for SQL.
    Function(String, String),
    /// A view or materialized view.
    Relation(QName),
    /// A type: an enum, domain or composite type.
    Type(QName),
}

impl GrantObject {
    /// The privileges that can be granted on this kind of object, in upper case.
    pub fn privileges(&self) -> &'static [&'static str] {
        match self {
            GrantObject::Schema(_) => &["USAGE", "CREATE"],
            GrantObject::Sequence(_) => &["USAGE", "SELECT", "UPDATE"],
            GrantObject::Function(..) => &["EXECUTE"],
            GrantObject::Relation(_) => TABLE_PRIVILEGES,
            GrantObject::Type(_) => &["USAGE"],
        }
    }

    /// `table public.t`, `function public.f(integer)`, … for messages.
    pub fn describe(&self) -> String {
        match self {
            GrantObject::Schema(s) => format!("schema {s}"),
            GrantObject::Sequence(q) => format!("sequence {q}"),
            GrantObject::Function(k, _) => format!("routine {k}"),
            GrantObject::Relation(q) => format!("relation {q}"),
            GrantObject::Type(q) => format!("type {q}"),
        }
    }

    /// The privilege PostgreSQL gives PUBLIC on every new object of this kind.
    pub fn public_by_default(&self) -> Option<&'static str> {
        match self {
            GrantObject::Function(..) => Some("EXECUTE"),
            GrantObject::Type(_) => Some("USAGE"),
            _ => None,
        }
    }
}

/// Privileges on a table, view or materialized view (MAINTAIN is PostgreSQL 17's).
pub const TABLE_PRIVILEGES: &[&str] = &[
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "TRUNCATE",
    "REFERENCES",
    "TRIGGER",
    "MAINTAIN",
];

/// What `ALL` on a table, view or materialized view means in a schema: every table
/// privilege but MAINTAIN, so that a schema means the same on every supported major
/// (on PostgreSQL 17 and newer the server's ALL also includes MAINTAIN).
pub fn table_all() -> impl Iterator<Item = &'static str> + Clone {
    TABLE_PRIVILEGES
        .iter()
        .copied()
        .filter(|p| *p != "MAINTAIN")
}

/// Privileges that may name columns.
pub const COLUMN_PRIVILEGES: &[&str] = &["SELECT", "INSERT", "UPDATE", "REFERENCES"];

/// An object owned by another role than the one that runs the migrations
/// (`owner of … is role`, `ALTER … OWNER TO role`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ObjectOwner {
    /// The object (a table is a `Relation`).
    pub object: GrantObject,
    /// Its owner.
    pub role: String,
}

/// `GRANT privilege [(columns)] ON object TO role [WITH GRANT OPTION]`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ObjectGrant {
    /// The object.
    pub object: GrantObject,
    /// Privilege in upper case, such as `USAGE`.
    pub privilege: String,
    /// Grantee (`public` for PUBLIC).
    pub role: String,
    /// Columns of a view (empty: the whole object).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// `WITH GRANT OPTION`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub grantable: bool,
}

/// A privilege on a table or some of its columns.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TableGrant {
    /// Grantee (`public` for PUBLIC).
    pub role: String,
    /// Privilege in upper case.
    pub privilege: String,
    /// Columns (empty: the whole table).
    pub columns: Vec<String>,
    /// `WITH GRANT OPTION`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub grantable: bool,
}

/// The kinds of object `ALTER DEFAULT PRIVILEGES` applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DefaultObjects {
    /// Tables, views and materialized views.
    Tables,
    /// Sequences.
    Sequences,
    /// Functions and procedures.
    Functions,
    /// Types and domains.
    Types,
    /// Schemas (only database-wide).
    Schemas,
}

impl DefaultObjects {
    /// The SQL keyword (`TABLES`, …).
    pub fn sql(self) -> &'static str {
        match self {
            DefaultObjects::Tables => "TABLES",
            DefaultObjects::Sequences => "SEQUENCES",
            DefaultObjects::Functions => "FUNCTIONS",
            DefaultObjects::Types => "TYPES",
            DefaultObjects::Schemas => "SCHEMAS",
        }
    }

    /// The privileges that can be granted on this kind.
    pub fn privileges(self) -> &'static [&'static str] {
        match self {
            DefaultObjects::Tables => TABLE_PRIVILEGES,
            DefaultObjects::Sequences => &["USAGE", "SELECT", "UPDATE"],
            DefaultObjects::Functions => &["EXECUTE"],
            DefaultObjects::Types => &["USAGE"],
            DefaultObjects::Schemas => &["USAGE", "CREATE"],
        }
    }

    /// The privilege PostgreSQL gives PUBLIC on new objects of this kind.
    pub fn public_by_default(self) -> Option<&'static str> {
        match self {
            DefaultObjects::Functions => Some("EXECUTE"),
            DefaultObjects::Types => Some("USAGE"),
            _ => None,
        }
    }

    /// The kind of object a grant is on, if default privileges apply to it.
    pub fn of(object: &GrantObject) -> Option<DefaultObjects> {
        match object {
            GrantObject::Schema(_) => Some(DefaultObjects::Schemas),
            GrantObject::Sequence(_) => Some(DefaultObjects::Sequences),
            GrantObject::Function(..) => Some(DefaultObjects::Functions),
            GrantObject::Relation(_) => Some(DefaultObjects::Tables),
            GrantObject::Type(_) => Some(DefaultObjects::Types),
        }
    }
}

/// One entry of `ALTER DEFAULT PRIVILEGES [FOR ROLE owner] [IN SCHEMA schema]
/// GRANT privilege ON kind TO role` (or, database-wide, a `REVOKE` of what
/// PostgreSQL gives PUBLIC by default).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DefaultPrivilege {
    /// `FOR ROLE`; None: the role that runs the migrations. Only these apply to the
    /// objects the project creates.
    pub owner: Option<String>,
    /// `IN SCHEMA`; None: database-wide.
    pub schema: Option<String>,
    /// What kind of object.
    pub on: DefaultObjects,
    /// Privilege in upper case.
    pub privilege: String,
    /// Grantee (`public` for PUBLIC).
    pub role: String,
    /// `WITH GRANT OPTION`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub grantable: bool,
    /// A privilege PostgreSQL gives by default, taken away (database-wide only).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub revoked: bool,
}

/// The identity of one set of default privileges: `(owner, schema, kind)`.
pub type DefaultScope = (Option<String>, Option<String>, DefaultObjects);

impl DefaultPrivilege {
    /// Which `ALTER DEFAULT PRIVILEGES` scope this entry belongs to.
    pub fn scope(&self) -> DefaultScope {
        (self.owner.clone(), self.schema.clone(), self.on)
    }
}

/// The grants default privileges give a new object of kind `on` in `schema` created by
/// the project (entries without `FOR ROLE`), and whether they take PUBLIC's built-in
/// privilege away: `(role, privilege, grantable)` sorted, and the revoked flag.
pub fn implied_by_defaults(
    defaults: &[DefaultPrivilege],
    schema: &str,
    on: DefaultObjects,
) -> (Vec<(String, String, bool)>, bool) {
    let mut grants = Vec::new();
    let mut revoked = false;
    for d in defaults.iter().filter(|d| d.owner.is_none() && d.on == on) {
        if d.schema.as_deref().is_some_and(|s| s != schema) {
            continue;
        }
        if d.revoked {
            revoked = true;
        } else {
            grants.push((d.role.clone(), d.privilege.clone(), d.grantable));
        }
    }
    grants.sort();
    grants.dedup();
    (grants, revoked)
}
