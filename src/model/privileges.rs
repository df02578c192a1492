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

/// Privileges that may name columns.
pub const COLUMN_PRIVILEGES: &[&str] = &["SELECT", "INSERT", "UPDATE", "REFERENCES"];

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

/// A grant list as a set: one entry per `(role, privilege, column)` (column None for
/// the whole object), valued whether it carries the grant option.
pub type Acl = std::collections::BTreeMap<(String, String, Option<String>), bool>;

/// A table's (or any) grant list as an [`Acl`].
pub fn acl_of<'a>(grants: impl IntoIterator<Item = &'a TableGrant>) -> Acl {
    let mut acl = Acl::new();
    for g in grants {
        let columns: Vec<Option<String>> = if g.columns.is_empty() {
            vec![None]
        } else {
            g.columns.iter().cloned().map(Some).collect()
        };
        for c in columns {
            let e = acl
                .entry((g.role.clone(), g.privilege.clone(), c))
                .or_insert(false);
            *e |= g.grantable;
        }
    }
    acl
}

impl ObjectGrant {
    /// The grant without its object, as a table grant is written.
    pub fn as_table_grant(&self) -> TableGrant {
        TableGrant {
            role: self.role.clone(),
            privilege: self.privilege.clone(),
            columns: self.columns.clone(),
            grantable: self.grantable,
        }
    }

    /// `g` on `object`.
    pub fn on(object: &GrantObject, g: TableGrant) -> ObjectGrant {
        ObjectGrant {
            object: object.clone(),
            privilege: g.privilege,
            role: g.role,
            columns: g.columns,
            grantable: g.grantable,
        }
    }
}

/// What turns the privileges `from` into `to`, touching nothing that stays: the
/// revokes, then the grants, each with the columns of one role's privilege gathered.
/// A revoke with `grantable` set takes away only the grant option (`REVOKE GRANT
/// OPTION FOR`); a grant with it is `WITH GRANT OPTION`.
pub fn acl_delta(from: &Acl, to: &Acl) -> (Vec<TableGrant>, Vec<TableGrant>) {
    let mut revokes: Vec<(String, String, bool, Option<String>)> = Vec::new();
    let mut grants: Vec<(String, String, bool, Option<String>)> = Vec::new();
    for ((role, privilege, column), had) in from {
        let key = (role.clone(), privilege.clone(), column.clone());
        match to.get(&key) {
            None => revokes.push((role.clone(), privilege.clone(), false, column.clone())),
            Some(false) if *had => {
                revokes.push((role.clone(), privilege.clone(), true, column.clone()))
            }
            _ => {}
        }
    }
    for ((role, privilege, column), option) in to {
        let key = (role.clone(), privilege.clone(), column.clone());
        match from.get(&key) {
            Some(had) if *had || !option => {}
            _ => grants.push((role.clone(), privilege.clone(), *option, column.clone())),
        }
    }
    (gather(revokes), gather(grants))
}

/// Gathers the columns of entries that differ only in their column.
fn gather(mut entries: Vec<(String, String, bool, Option<String>)>) -> Vec<TableGrant> {
    entries.sort();
    let mut out: Vec<TableGrant> = Vec::new();
    for (role, privilege, grantable, column) in entries {
        if let (Some(c), Some(last)) = (&column, out.last_mut()) {
            if last.role == role
                && last.privilege == privilege
                && last.grantable == grantable
                && !last.columns.is_empty()
            {
                last.columns.push(c.clone());
                continue;
            }
        }
        out.push(TableGrant {
            role,
            privilege,
            columns: column.into_iter().collect(),
            grantable,
        });
    }
    out
}

impl super::Schema {
    /// The schema `object` lives in (empty for a schema itself), if it is declared.
    fn home_of<'a>(&'a self, object: &'a GrantObject) -> Option<&'a str> {
        match object {
            GrantObject::Schema(_) => Some(""),
            GrantObject::Sequence(q) | GrantObject::Relation(q) | GrantObject::Type(q) => {
                Some(&q.schema)
            }
            GrantObject::Function(k, _) => self.functions.get(k).map(|f| f.name.schema.as_str()),
        }
    }

    /// What default privileges give `object` when it is created.
    pub fn implied_acl(&self, object: &GrantObject) -> Acl {
        let (Some(home), Some(on)) = (self.home_of(object), DefaultObjects::of(object)) else {
            return Acl::new();
        };
        let (grants, _) = implied_by_defaults(&self.default_privileges, home, on);
        grants
            .into_iter()
            .map(|(role, privilege, grantable)| ((role, privilege, None), grantable))
            .collect()
    }

    /// The grants of `object`.
    pub fn object_acl(&self, object: &GrantObject) -> Acl {
        let grants: Vec<TableGrant> = self
            .grants
            .iter()
            .filter(|g| &g.object == object)
            .map(ObjectGrant::as_table_grant)
            .collect();
        acl_of(&grants)
    }

    /// True when default privileges take PUBLIC's built-in privilege away from `object`.
    pub fn implied_revoked(&self, object: &GrantObject) -> bool {
        match (self.home_of(object), DefaultObjects::of(object)) {
            (Some(home), Some(on)) => implied_by_defaults(&self.default_privileges, home, on).1,
            _ => false,
        }
    }

    /// PUBLIC's built-in privileges taken away from `object`.
    pub fn revoked_of(&self, object: &GrantObject) -> Vec<&ObjectGrant> {
        self.revoked
            .iter()
            .filter(|g| &g.object == object)
            .collect()
    }

    /// Every object other than a table whose privileges need statements once it is
    /// created: it has grants, PUBLIC's built-in privilege taken away, or something
    /// default privileges give it taken away.
    pub fn grant_objects(&self) -> std::collections::BTreeSet<GrantObject> {
        let mut out: std::collections::BTreeSet<GrantObject> = self
            .grants
            .iter()
            .chain(&self.revoked)
            .map(|g| g.object.clone())
            .collect();
        if !self.default_privileges.is_empty() {
            let candidates = self
                .schemas
                .keys()
                .map(|s| GrantObject::Schema(s.clone()))
                .chain(
                    self.sequences
                        .keys()
                        .map(|q| GrantObject::Sequence(q.clone())),
                )
                .chain(self.views.keys().map(|q| GrantObject::Relation(q.clone())))
                .chain(self.functions.iter().map(|(k, f)| {
                    GrantObject::Function(
                        k.clone(),
                        format!("{}({})", f.name.sql(), f.identity_args()),
                    )
                }))
                .chain(
                    self.enums
                        .keys()
                        .chain(self.domains.keys())
                        .chain(self.composites.keys())
                        .map(|q| GrantObject::Type(q.clone())),
                );
            for o in candidates {
                if out.contains(&o) {
                    continue;
                }
                // Granted something by the defaults (to be revoked), or PUBLIC's built-in
                // privilege taken by the defaults (to be given back: nothing revoked).
                if !self.implied_acl(&o).is_empty() || self.implied_revoked(&o) {
                    out.insert(o);
                }
            }
        }
        out
    }
}
