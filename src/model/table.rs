//! Tables and what belongs to them.

use super::QName;
use serde::{Deserialize, Serialize};

/// A table. <https://www.postgresql.org/docs/current/sql-createtable.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Name.
    pub name: QName,
    /// `UNLOGGED`.
    pub unlogged: bool,
    /// Columns in physical order.
    pub columns: Vec<Column>,
    /// Constraints (primary key, unique, check, exclude, foreign key), sorted by name.
    pub constraints: Vec<Constraint>,
    /// Indexes, sorted by name.
    pub indexes: Vec<Index>,
    /// `ENABLE ROW LEVEL SECURITY`.
    pub rls: bool,
    /// `FORCE ROW LEVEL SECURITY`.
    pub force_rls: bool,
    /// Policies, sorted by name.
    pub policies: Vec<Policy>,
    /// Triggers, sorted by name.
    pub triggers: Vec<Trigger>,
    /// Grants, sorted.
    pub grants: Vec<TableGrant>,
    /// `PARTITION BY strategy (key)`.
    pub partition_by: Option<PartitionBy>,
    /// `PARTITION OF parent FOR VALUES …`.
    pub partition_of: Option<PartitionOf>,
    /// Seed rows.
    pub seed: Option<Seed>,
    /// `COMMENT ON TABLE`.
    pub comment: Option<String>,
}

impl Table {
    /// A table with nothing in it.
    pub fn new(name: QName) -> Self {
        Table {
            name,
            unlogged: false,
            columns: Vec::new(),
            constraints: Vec::new(),
            indexes: Vec::new(),
            rls: false,
            force_rls: false,
            policies: Vec::new(),
            triggers: Vec::new(),
            grants: Vec::new(),
            partition_by: None,
            partition_of: None,
            seed: None,
            comment: None,
        }
    }

    /// A column by name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The primary key constraint.
    pub fn primary_key(&self) -> Option<&Constraint> {
        self.constraints
            .iter()
            .find(|c| matches!(c.kind, ConstraintKind::PrimaryKey { .. }))
    }
}

/// A column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// Name.
    pub name: String,
    /// Type, canonical (`integer`, `character varying(20)`, `public.status[]`).
    pub ty: String,
    /// `NOT NULL`.
    pub not_null: bool,
    /// `DEFAULT`, verbatim.
    pub default: Option<String>,
    /// `GENERATED … AS IDENTITY`: `always` or `by default`.
    pub identity: Option<String>,
    /// `GENERATED ALWAYS AS (expr) STORED`.
    pub generated: Option<String>,
    /// `COLLATE`.
    pub collation: Option<String>,
    /// `COMMENT ON COLUMN`.
    pub comment: Option<String>,
}

/// A table constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraint {
    /// Name (explicit, or PostgreSQL's default name).
    pub name: String,
    /// What it is.
    pub kind: ConstraintKind,
    /// `COMMENT ON CONSTRAINT`.
    pub comment: Option<String>,
}

/// The kinds of table constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConstraintKind {
    /// `PRIMARY KEY (cols)`
    PrimaryKey {
        /// Columns.
        columns: Vec<String>,
    },
    /// `UNIQUE [NULLS NOT DISTINCT] (cols)`
    Unique {
        /// Columns.
        columns: Vec<String>,
        /// `NULLS NOT DISTINCT`.
        nulls_not_distinct: bool,
    },
    /// `CHECK (expr)`
    Check {
        /// Expression.
        expr: String,
    },
    /// `EXCLUDE USING method (…) [WHERE (…)]`
    Exclude {
        /// Index method.
        using: String,
        /// Elements, verbatim.
        elements: String,
        /// Predicate.
        predicate: Option<String>,
    },
    /// `FOREIGN KEY (cols) REFERENCES table (cols) …`
    ForeignKey(ForeignKey),
}

/// A foreign key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignKey {
    /// Referencing columns.
    pub columns: Vec<String>,
    /// Referenced table.
    pub ref_table: QName,
    /// Referenced columns.
    pub ref_columns: Vec<String>,
    /// `ON DELETE` action in upper case (`NO ACTION` when omitted).
    pub on_delete: String,
    /// `ON UPDATE` action in upper case.
    pub on_update: String,
    /// `DEFERRABLE`.
    pub deferrable: bool,
    /// `INITIALLY DEFERRED`.
    pub initially_deferred: bool,
}

/// An index. <https://www.postgresql.org/docs/current/sql-createindex.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    /// Name.
    pub name: String,
    /// `UNIQUE`.
    pub unique: bool,
    /// Build with `CONCURRENTLY` (outside a transaction).
    pub concurrently: bool,
    /// Method (`btree` when omitted).
    pub using: String,
    /// Key elements, each rendered: `lower(email)`, `created_at DESC`, `title gin_trgm_ops`.
    pub elements: Vec<String>,
    /// `INCLUDE (cols)`.
    pub include: Vec<String>,
    /// `NULLS NOT DISTINCT`.
    pub nulls_not_distinct: bool,
    /// `WHERE predicate`.
    pub predicate: Option<String>,
    /// `COMMENT ON INDEX`.
    pub comment: Option<String>,
}

/// A policy. <https://www.postgresql.org/docs/current/sql-createpolicy.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Name.
    pub name: String,
    /// `AS RESTRICTIVE`.
    pub restrictive: bool,
    /// `ALL`, `SELECT`, `INSERT`, `UPDATE` or `DELETE`.
    pub command: String,
    /// Roles, sorted (`public` when none were given).
    pub roles: Vec<String>,
    /// `USING (…)`.
    pub using: Option<String>,
    /// `WITH CHECK (…)`.
    pub with_check: Option<String>,
    /// `COMMENT ON POLICY`.
    pub comment: Option<String>,
}

/// A trigger. <https://www.postgresql.org/docs/current/sql-createtrigger.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    /// Name.
    pub name: String,
    /// `BEFORE`, `AFTER` or `INSTEAD OF`.
    pub timing: String,
    /// Events, rendered: `INSERT`, `UPDATE OF a, b`, `DELETE`, `TRUNCATE`.
    pub events: Vec<String>,
    /// `FOR EACH ROW` (else statement).
    pub for_each_row: bool,
    /// `WHEN (…)`.
    pub when: Option<String>,
    /// The function's signature key.
    pub function: String,
    /// The function's name.
    pub function_name: QName,
    /// Arguments, verbatim.
    pub args: Vec<String>,
    /// `COMMENT ON TRIGGER`.
    pub comment: Option<String>,
}

/// A privilege on a table or some of its columns.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TableGrant {
    /// Grantee.
    pub role: String,
    /// Privilege in upper case.
    pub privilege: String,
    /// Columns (empty: the whole table).
    pub columns: Vec<String>,
}

/// `PARTITION BY`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionBy {
    /// `RANGE`, `LIST` or `HASH`.
    pub strategy: String,
    /// Key, verbatim.
    pub key: String,
}

/// `PARTITION OF`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionOf {
    /// Parent table.
    pub parent: QName,
    /// `FOR VALUES …` bound, or None for `DEFAULT`.
    pub bound: Option<String>,
}

/// Seed rows, inserted idempotently and keyed by a unique key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seed {
    /// Columns.
    pub columns: Vec<String>,
    /// Key columns (a primary key or unique constraint).
    pub key: Vec<String>,
    /// Rows: each a list of verbatim SQL values, one per column.
    pub rows: Vec<Vec<String>>,
}
