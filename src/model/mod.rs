//! The resolved, database-shaped schema: what analysis produces from the DSL, what the
//! differ compares and what the state file records. No pest, no postgres here.
//!
//! Every collection is ordered (`BTreeMap` or a sorted `Vec`), so iterating a model is
//! deterministic and so is everything rendered from it.

mod acl;
mod name;
mod objects;
mod privileges;
mod renames;
mod table;
mod tests;
pub mod version;

pub use acl::{acl_delta, acl_of, column_regrants, given_all, group_grants, Acl, GrantGroup};
pub use name::{
    comment_safe, not_null_name, quote_ident, quote_literal, storage_delta, storage_params,
    unquote_ident, QName,
};
pub use objects::*;
pub use privileges::*;
pub use renames::{Allowances, Renames};
pub use table::*;
pub use tests::{Expectation, PolicyTest, TestStep};
pub use version::{Feature, Target};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The functions behind the trigger building blocks (`src/presets/blocks.pgs`): the
/// syntax stage calls them, the loader adds the used ones, `rls.sql` lists the guards.
pub mod block_fn {
    /// `append only`.
    pub const APPEND_ONLY: &str = "schemac_append_only";
    /// `immutable (cols)`.
    pub const IMMUTABLE: &str = "schemac_immutable";
    /// `touch col`.
    pub const TOUCH: &str = "schemac_touch";
    /// `hash chain (…)`.
    pub const HASH_CHAIN: &str = "schemac_hash_chain";
    /// The verifier that comes with `hash chain`.
    pub const HASH_CHAIN_VERIFY: &str = "schemac_hash_chain_verify";
    /// The blocks that guard rows (access control, unlike `touch`).
    pub const GUARDS: [&str; 3] = [APPEND_ONLY, IMMUTABLE, HASH_CHAIN];
}

/// Trigger functions a project may call without declaring them: PostgreSQL's own
/// (`tsvector_update_trigger`, in `pg_catalog`) and those of contrib extensions, which
/// exist once the extension is declared (`moddatetime(updated_at)`, as Supabase's docs
/// use it).
pub mod provided_trigger_fn {
    use super::{QName, Schema};

    /// Built-in trigger functions, in `pg_catalog`.
    pub const BUILTIN: &[&str] = &[
        "suppress_redundant_updates_trigger",
        "tsvector_update_trigger",
        "tsvector_update_trigger_column",
    ];

    /// (extension, trigger function) pairs of contrib extensions.
    pub const FROM_EXTENSIONS: &[(&str, &str)] = &[
        ("autoinc", "autoinc"),
        ("insert_username", "insert_username"),
        ("lo", "lo_manage"),
        ("moddatetime", "moddatetime"),
        ("refint", "check_foreign_key"),
        ("refint", "check_primary_key"),
        ("tcn", "triggered_change_notification"),
    ];

    /// Where a trigger's function `q` (as written, qualified to `public` when it was
    /// not) lives when PostgreSQL or a declared extension provides it, or None.
    pub fn resolve(schema: &Schema, q: &QName) -> Option<QName> {
        if BUILTIN.contains(&q.name.as_str()) && (q.schema == "public" || q.schema == "pg_catalog")
        {
            return Some(QName::new("pg_catalog", q.name.clone()));
        }
        FROM_EXTENSIONS
            .iter()
            .filter(|(_, f)| *f == q.name)
            .find_map(|(ext, _)| {
                let e = schema.extensions.get(*ext)?;
                let home = e.schema.as_deref().unwrap_or("public");
                (q.schema == "public" || q.schema == home).then(|| QName::new(home, q.name.clone()))
            })
    }
}

/// A whole managed schema.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Schema {
    /// Managed schemas (namespaces), by name.
    pub schemas: BTreeMap<String, Namespace>,
    /// Extensions, by name.
    pub extensions: BTreeMap<String, Extension>,
    /// Enum types.
    pub enums: BTreeMap<QName, Enum>,
    /// Domains.
    pub domains: BTreeMap<QName, Domain>,
    /// Publications the project owns, by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub publications: BTreeMap<String, Publication>,
    /// Collations.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub collations: BTreeMap<QName, Collation>,
    /// Range types.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ranges: BTreeMap<QName, RangeType>,
    /// Composite types.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub composites: BTreeMap<QName, CompositeType>,
    /// Standalone sequences.
    pub sequences: BTreeMap<QName, Sequence>,
    /// Functions and procedures, by signature key (see [`Function::key`]).
    pub functions: BTreeMap<String, Function>,
    /// Aggregates, by signature key (see [`Aggregate::key`]).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub aggregates: BTreeMap<String, Aggregate>,
    /// Tables, including partitions.
    pub tables: BTreeMap<QName, Table>,
    /// Views and materialized views.
    pub views: BTreeMap<QName, View>,
    /// Rewrite rules of tables and views, sorted by relation and name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    /// Grants on schemas, sequences, routines, views and types, sorted.
    pub grants: Vec<ObjectGrant>,
    /// What PostgreSQL gives PUBLIC on a new routine (EXECUTE) or type (USAGE), taken
    /// away (`revoke execute on function f() from public`), sorted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub revoked: Vec<ObjectGrant>,
    /// `ALTER DEFAULT PRIVILEGES` entries, sorted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub default_privileges: Vec<DefaultPrivilege>,
    /// Default privileges the platform sets and the project does not manage (`extern
    /// default privileges`, the supabase preset's API grants): a new object gets them
    /// when it is created, and schemac takes back what the object does not declare.
    /// Never created, altered or dropped by a migration.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub platform_defaults: Vec<DefaultPrivilege>,
    /// Objects owned by another role than the one that runs the migrations, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<ObjectOwner>,
    /// Routines start without PUBLIC's built-in EXECUTE (every compiled schema; a
    /// database read back has them as its ACLs say): each is executable only by the
    /// roles it is granted to.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub routines_private: bool,
    /// A new table or view takes back what default privileges gave a role as ALL with
    /// `REVOKE ALL`, so also PostgreSQL 17's MAINTAIN, which the model does not count
    /// in ALL (every compiled schema and every database read back). A recorded state
    /// without it was made by an earlier schemac, whose listed revokes left MAINTAIN:
    /// the next migration takes it back from the relations it keeps
    /// ([`crate::diff`]'s privilege upgrade).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub relations_revoke_all: bool,
}

impl Schema {
    /// An empty schema: the state before the first migration.
    pub fn empty() -> Self {
        Self::default()
    }

    /// True when the schema declares nothing.
    pub fn is_empty(&self) -> bool {
        *self == Schema::default()
    }

    /// The index `name` of the table or materialized view `owner`.
    pub fn index_of(&self, owner: &QName, name: &str) -> Option<&Index> {
        let of_table = self.tables.get(owner).map(|t| &t.indexes);
        let of_view = self.views.get(owner).map(|v| &v.indexes);
        of_table.or(of_view)?.iter().find(|i| i.name == name)
    }

    /// The extended statistics `name` of table `table`.
    pub fn statistics_of(&self, table: &QName, name: &str) -> Option<&Statistics> {
        self.tables
            .get(table)?
            .statistics
            .iter()
            .find(|s| s.name == name)
    }

    /// The rule `name` of the table or view `relation`.
    pub fn rule_of(&self, relation: &QName, name: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|r| &r.relation == relation && r.name == name)
    }

    /// The trigger `name` of the table or view `owner`.
    pub fn trigger_of(&self, owner: &QName, name: &str) -> Option<&Trigger> {
        let of_table = self.tables.get(owner).map(|t| &t.triggers);
        let of_view = self.views.get(owner).map(|v| &v.triggers);
        of_table.or(of_view)?.iter().find(|t| t.name == name)
    }
}
