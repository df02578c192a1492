//! Tables and what belongs to them.

use super::{QName, TableGrant};
use serde::{Deserialize, Serialize};

/// A table. <https://www.postgresql.org/docs/current/sql-createtable.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Name.
    pub name: QName,
    /// `UNLOGGED`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unlogged: bool,
    /// Storage parameters (`WITH (fillfactor = 70)`), sorted by name; values as
    /// PostgreSQL stores them (unquoted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub storage: Vec<(String, String)>,
    /// `REPLICA IDENTITY FULL` or `NOTHING`; None is PostgreSQL's default (the
    /// primary key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replica_identity: Option<String>,
    /// Publications that carry the table's changes (`in publication`), sorted; each
    /// an `extern publication`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publications: Vec<String>,
    /// Not managed (`extend table` of an extern table): only its triggers and policies
    /// belong to the project; the table itself is never created, altered or dropped.
    #[serde(default, skip_serializing_if = "is_false")]
    pub external: bool,
    /// Columns in physical order.
    pub columns: Vec<Column>,
    /// Constraints (primary key, unique, check, exclude, foreign key), sorted by name.
    pub constraints: Vec<Constraint>,
    /// Indexes, sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<Index>,
    /// `ENABLE ROW LEVEL SECURITY`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub rls: bool,
    /// `FORCE ROW LEVEL SECURITY`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub force_rls: bool,
    /// Policies, sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<Policy>,
    /// Triggers, sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<Trigger>,
    /// Extended statistics, sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statistics: Vec<Statistics>,
    /// Grants, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grants: Vec<TableGrant>,
    /// `INHERITS (parent, …)`: the tables it inherits columns and CHECKs from, in
    /// order; [`Table::columns`] then holds only its own (local) columns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inherits: Vec<QName>,
    /// `PARTITION BY strategy (key)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_by: Option<PartitionBy>,
    /// `PARTITION OF parent FOR VALUES …`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_of: Option<PartitionOf>,
    /// Seed rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<Seed>,
    /// `COMMENT ON TABLE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Table {
    /// A table with nothing in it.
    pub fn new(name: QName) -> Self {
        Table {
            name,
            unlogged: false,
            storage: Vec::new(),
            replica_identity: None,
            publications: Vec::new(),
            inherits: Vec::new(),
            external: false,
            columns: Vec::new(),
            constraints: Vec::new(),
            indexes: Vec::new(),
            rls: false,
            force_rls: false,
            policies: Vec::new(),
            triggers: Vec::new(),
            statistics: Vec::new(),
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
    #[serde(default, skip_serializing_if = "is_false")]
    pub not_null: bool,
    /// `DEFAULT`, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// `GENERATED … AS IDENTITY`: `always` or `by default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    /// The identity sequence's options that are not PostgreSQL's defaults.
    #[serde(default, skip_serializing_if = "IdentityOptions::is_default")]
    pub identity_options: IdentityOptions,
    /// `GENERATED ALWAYS AS (expr) STORED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    /// `COLLATE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// `SET STATISTICS n`: the statistics target, when not the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statistics: Option<i64>,
    /// `SET STORAGE …` (`PLAIN`, `EXTERNAL`, `EXTENDED`, `MAIN`), when not the type's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<String>,
    /// `COMMENT ON COLUMN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// The options of an identity column's sequence that differ from PostgreSQL's
/// defaults (all `None` and `false`: `GENERATED … AS IDENTITY` with no options).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityOptions {
    /// `START WITH`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<i64>,
    /// `INCREMENT BY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub increment: Option<i64>,
    /// `MINVALUE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// `MAXVALUE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// `CACHE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<i64>,
    /// `CYCLE`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub cycle: bool,
}

impl IdentityOptions {
    /// True when every option is PostgreSQL's default.
    pub fn is_default(&self) -> bool {
        *self == IdentityOptions::default()
    }

    /// The options as SQL (`START WITH 100 INCREMENT BY 5`), only those set.
    pub fn sql(&self) -> String {
        let mut parts = Vec::new();
        if let Some(v) = self.start {
            parts.push(format!("START WITH {v}"));
        }
        if let Some(v) = self.increment {
            parts.push(format!("INCREMENT BY {v}"));
        }
        if let Some(v) = self.min {
            parts.push(format!("MINVALUE {v}"));
        }
        if let Some(v) = self.max {
            parts.push(format!("MAXVALUE {v}"));
        }
        if let Some(v) = self.cache {
            parts.push(format!("CACHE {v}"));
        }
        if self.cycle {
            parts.push("CYCLE".to_string());
        }
        parts.join(" ")
    }
}

/// A table constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraint {
    /// Name (explicit, or PostgreSQL's default name).
    pub name: String,
    /// What it is.
    pub kind: ConstraintKind,
    /// `NOT VALID`: a CHECK or foreign key that existing rows have not been checked
    /// against (it holds for rows written since). Kept as it is, in both directions.
    #[serde(default, skip_serializing_if = "is_false")]
    pub not_valid: bool,
    /// `DEFERRABLE` (a key, unique or exclusion constraint; a foreign key says it in
    /// [`ForeignKey`]).
    #[serde(default, skip_serializing_if = "is_false")]
    pub deferrable: bool,
    /// `INITIALLY DEFERRED`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub initially_deferred: bool,
    /// `NO INHERIT` (a CHECK that inheriting tables do not get).
    #[serde(default, skip_serializing_if = "is_false")]
    pub no_inherit: bool,
    /// `COMMENT ON CONSTRAINT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    /// `ON DELETE SET NULL | SET DEFAULT (cols)`: the columns it sets (PostgreSQL 15).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on_delete_columns: Vec<String>,
    /// `MATCH FULL` (else MATCH SIMPLE).
    #[serde(default, skip_serializing_if = "is_false")]
    pub match_full: bool,
    /// `ON UPDATE` action in upper case.
    pub on_update: String,
    /// `DEFERRABLE`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deferrable: bool,
    /// `INITIALLY DEFERRED`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub initially_deferred: bool,
}

/// An index. <https://www.postgresql.org/docs/current/sql-createindex.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    /// Name.
    pub name: String,
    /// `UNIQUE`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unique: bool,
    /// Build with `CONCURRENTLY` (outside a transaction).
    #[serde(default, skip_serializing_if = "is_false")]
    pub concurrently: bool,
    /// Method (`btree` when omitted).
    pub using: String,
    /// Key elements, each rendered: `lower(email)`, `created_at DESC`, `title gin_trgm_ops`.
    pub elements: Vec<String>,
    /// `INCLUDE (cols)`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// `NULLS NOT DISTINCT`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nulls_not_distinct: bool,
    /// `WITH (…)` storage parameters, by name, as PostgreSQL stores them (unquoted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub storage: Vec<(String, String)>,
    /// `WHERE predicate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// `COMMENT ON INDEX`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A policy. <https://www.postgresql.org/docs/current/sql-createpolicy.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Name.
    pub name: String,
    /// `AS RESTRICTIVE`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub restrictive: bool,
    /// `ALL`, `SELECT`, `INSERT`, `UPDATE` or `DELETE`.
    pub command: String,
    /// Roles, sorted (`public` when none were given).
    pub roles: Vec<String>,
    /// `USING (…)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub using: Option<String>,
    /// `WITH CHECK (…)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_check: Option<String>,
    /// `COMMENT ON POLICY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    /// `REFERENCING OLD TABLE AS …`: the old rows' transition table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_table: Option<String>,
    /// `REFERENCING NEW TABLE AS …`: the new rows' transition table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_table: Option<String>,
    /// `WHEN (…)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// The function's signature key.
    pub function: String,
    /// The function's name.
    pub function_name: QName,
    /// Arguments, verbatim.
    pub args: Vec<String>,
    /// `disabled`, `enabled replica` or `enabled always`; None fires in origin sessions
    /// (PostgreSQL's default). A disabled guard is a hole: kept and compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// `COMMENT ON TRIGGER`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `CREATE CONSTRAINT TRIGGER`: deferrable, and with a constraint row of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraint: Option<ConstraintTrigger>,
}

/// What a constraint trigger has beyond an ordinary (AFTER … FOR EACH ROW) trigger.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConstraintTrigger {
    /// `DEFERRABLE`.
    pub deferrable: bool,
    /// `INITIALLY DEFERRED`.
    pub initially_deferred: bool,
    /// `FROM other_table`: the table the constraint refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<QName>,
}

/// Extended statistics (`CREATE STATISTICS`) of a table, in the table's schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statistics {
    /// Name.
    pub name: String,
    /// `ndistinct`, `dependencies`, `mcv`, sorted; empty: every kind (PostgreSQL's default).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<String>,
    /// Columns (quoted as needed) and expressions, in order.
    pub targets: Vec<String>,
    /// `COMMENT ON STATISTICS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<String>,
    /// Columns the partition holds to more than its parent does, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<PartitionColumn>,
}

/// What one partition's column has of its own: NOT NULL where the parent's column is
/// nullable, or a default other than the parent's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionColumn {
    /// Column.
    pub name: String,
    /// NOT NULL (the parent's column is nullable).
    #[serde(default, skip_serializing_if = "is_false")]
    pub not_null: bool,
    /// A default of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
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

fn is_false(b: &bool) -> bool {
    !*b
}

/// The storage a column of canonical type `ty` has unless set otherwise (its type's
/// `typstorage`), for resetting `SET STORAGE` on servers without `SET STORAGE DEFAULT`.
pub fn default_storage(ty: &str) -> &'static str {
    if ty.ends_with("[]") {
        return "EXTENDED";
    }
    let base = ty.split('(').next().unwrap_or(ty).trim();
    match base {
        "numeric" | "inet" | "cidr" => "MAIN",
        "smallint" | "integer" | "bigint" | "boolean" | "real" | "double precision" | "date"
        | "uuid" | "oid" | "money" | "interval" | "point" | "\"char\"" => "PLAIN",
        b if b.starts_with("timestamp") || b.starts_with("time ") || b == "time" => "PLAIN",
        _ => "EXTENDED",
    }
}

impl super::Schema {
    /// Every column table `q` has, in PostgreSQL's order: a partition's are its
    /// parent's; an inheritance child's are its parents' (merged by name, in the order
    /// of `inherits`) and then its own. Empty for a table the schema does not have.
    pub fn all_columns(&self, q: &QName) -> Vec<&Column> {
        let mut out: Vec<&Column> = Vec::new();
        self.collect_columns(q, &mut out, 0);
        out
    }

    fn collect_columns<'s>(&'s self, q: &QName, out: &mut Vec<&'s Column>, depth: usize) {
        // A cycle of `inherits` is an error the checker reports; stop here regardless.
        let Some(t) = self.tables.get(q).filter(|_| depth < 64) else {
            return;
        };
        if let Some(p) = &t.partition_of {
            return self.collect_columns(&p.parent, out, depth + 1);
        }
        for parent in &t.inherits {
            self.collect_columns(parent, out, depth + 1);
        }
        for c in &t.columns {
            if !out.iter().any(|o| o.name == c.name) {
                out.push(c);
            }
        }
    }
}
