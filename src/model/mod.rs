//! The resolved, database-shaped schema: what analysis produces from the DSL, what the
//! differ compares and what the state file records. No pest, no postgres here.
//!
//! Every collection is ordered (`BTreeMap` or a sorted `Vec`), so iterating a model is
//! deterministic and so is everything rendered from it.

mod name;
mod objects;
mod renames;
mod table;
mod tests;

pub use name::{quote_ident, quote_literal, unquote_ident, QName};
pub use objects::*;
pub use renames::{Allowances, Renames};
pub use table::*;
pub use tests::{Expectation, PolicyTest, TestStep};

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
    /// Standalone sequences.
    pub sequences: BTreeMap<QName, Sequence>,
    /// Functions and procedures, by signature key (see [`Function::key`]).
    pub functions: BTreeMap<String, Function>,
    /// Tables, including partitions.
    pub tables: BTreeMap<QName, Table>,
    /// Views and materialized views.
    pub views: BTreeMap<QName, View>,
    /// Grants on schemas, sequences and functions.
    pub grants: Vec<ObjectGrant>,
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
}
