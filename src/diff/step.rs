//! Typed migration steps. The differ produces them; only `sql` turns them into text.

use crate::graph::ObjectKey;
use crate::model::{
    Column, Constraint, DefaultPrivilege, DefaultScope, GrantObject, ObjectGrant, QName, TableGrant,
};
use serde::Serialize;

/// `ALTER … RENAME` of one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rename {
    /// Table (old, new; the schema may change too).
    Table(QName, QName),
    /// Column of a table.
    Column(QName, String, String),
    /// Constraint of a table.
    Constraint(QName, String, String),
    /// A column's NOT NULL constraint, which PostgreSQL 18 names after its table and
    /// column (`todos_id_not_null`) and keeps through renames of either; older servers
    /// have none. `guard`: run it only on a server that has them (a target spanning 18).
    NotNull {
        /// The table (its new name).
        table: QName,
        /// Old and new names, one pair per column.
        names: Vec<(String, String)>,
        /// Whether the statements check the server's version first.
        guard: bool,
    },
    /// Index (schema, old, new).
    Index(String, String, String),
    /// Policy of a table.
    Policy(QName, String, String),
    /// Trigger of a table.
    Trigger(QName, String, String),
    /// Sequence (schema, old, new).
    Sequence(String, String, String),
    /// Enum label.
    EnumValue(QName, String, String),
    /// Routine.
    Function {
        /// Old signature, as SQL.
        signature: String,
        /// Procedure rather than function.
        procedure: bool,
        /// New name.
        to: String,
    },
}

/// One change to the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Rename an object in place (its rows, grants and dependents stay).
    Rename(Rename),
    /// Create an object as the new schema has it.
    Create(ObjectKey),
    /// Drop an object as the old schema had it.
    Drop(ObjectKey),
    /// `CREATE OR REPLACE FUNCTION` with the new definition.
    ReplaceFunction(String),
    /// `ALTER TABLE` changes, in order.
    AlterTable {
        /// Table.
        table: QName,
        /// Changes.
        changes: Vec<TableChange>,
    },
    /// `ALTER SEQUENCE` to the new options.
    AlterSequence(QName),
    /// `ALTER PUBLICATION … SET (…)` to the new options (its tables stay in it).
    AlterPublication(String),
    /// `ALTER INDEX … SET (…) / RESET (…)`: an index's storage parameters (table, index).
    AlterIndexStorage(QName, String),
    /// `ALTER MATERIALIZED VIEW … SET (…) / RESET (…)`: its storage parameters.
    AlterViewStorage(QName),
    /// `ALTER DOMAIN`: default, NOT NULL, checks and comment (same base type).
    AlterDomain(QName),
    /// `ALTER TYPE … ADD VALUE` (cannot be used before commit: runs on its own).
    AddEnumValue {
        /// Enum.
        name: QName,
        /// New label.
        value: String,
        /// Existing label it goes before (None: at the end).
        before: Option<String>,
    },
    /// Recreate an enum whose values were removed or reordered: rename the old type,
    /// create the new one, convert every column that uses it, drop the old type.
    RecreateEnum {
        /// Enum.
        name: QName,
        /// Columns of kept tables that use the type: (table, column, is array).
        columns: Vec<(QName, String, bool)>,
        /// CHECK constraints that mention those columns, dropped and re-added.
        checks: Vec<(QName, Constraint)>,
    },
    /// A comment changed, nothing else.
    Comment(ObjectKey),
    /// Seed rows to upsert and keys to delete.
    SeedRows {
        /// Table.
        table: QName,
        /// Rows to insert or update.
        upsert: Vec<Vec<String>>,
        /// Keys of rows to delete.
        delete: Vec<Vec<String>>,
    },
    /// Grants on a schema, sequence, routine, view or type: only what changes.
    Grants {
        /// Object.
        object: GrantObject,
        /// To grant (`grantable`: `WITH GRANT OPTION`).
        grant: Vec<ObjectGrant>,
        /// To revoke, first (`grantable`: only the grant option).
        revoke: Vec<ObjectGrant>,
    },
    /// `REVOKE ALL` on a kept table or view from the roles default privileges give
    /// ALL, then its grants to them again: takes back the MAINTAIN (PostgreSQL 17) that
    /// an earlier schemac's listed revokes left (`diff::upgrade`).
    RevokeDefaultAll {
        /// The table or view.
        relation: QName,
        /// Roles default privileges give ALL.
        roles: Vec<String>,
    },
    /// `ALTER DEFAULT PRIVILEGES` of one scope: only what changes.
    DefaultPrivileges {
        /// `(for role, in schema, kind)`.
        scope: DefaultScope,
        /// Entries added.
        grant: Vec<DefaultPrivilege>,
        /// Entries removed.
        revoke: Vec<DefaultPrivilege>,
    },
    /// `CREATE INDEX CONCURRENTLY` (outside a transaction).
    CreateIndexConcurrently(QName, String),
    /// `DROP INDEX CONCURRENTLY IF EXISTS` of an index of a kept table (outside a
    /// transaction; `IF EXISTS` because dropping a column may already have taken it).
    DropIndexConcurrently(QName, String),
    /// The unique index of a new UNIQUE or PRIMARY KEY constraint of a table with rows,
    /// built `CONCURRENTLY` under the constraint's name (outside a transaction).
    BuildConstraintIndex(QName, String),
    /// `ADD CONSTRAINT … USING INDEX`: the constraint takes over the index
    /// [`Step::BuildConstraintIndex`] built (a brief ACCESS EXCLUSIVE lock, no scan).
    AttachConstraintIndex(QName, String),
    /// A foreign key added to a table that already has rows: `NOT VALID`, then
    /// `VALIDATE CONSTRAINT` in the same transaction (the offline form).
    AddForeignKeyValidated(QName, String),
    /// A foreign key added `NOT VALID` only; an `ALTER TABLE … VALIDATE CONSTRAINT`
    /// step of its own follows after this transaction commits (the online form).
    AddForeignKeyNotValid(QName, String),
    /// `LOCK TABLE …` first thing in the transaction: the tables its later steps lock
    /// against writes, each in the mode they take (true: ACCESS EXCLUSIVE, false: SHARE
    /// ROW EXCLUSIVE), referencing tables before the tables they reference, the order
    /// in which the application's foreign-key checks lock them, so the migration
    /// cannot deadlock with an INSERT halfway through.
    LockTables(Vec<(QName, bool)>),
    /// `ALTER POLICY`: same command and kind, new roles or expressions.
    AlterPolicy(QName, String),
    /// `ALTER … OWNER TO`: the declared owner, or back to the role that runs the
    /// migration (`None`: `CURRENT_USER`).
    SetOwner {
        /// The object (a table is a `Relation`).
        object: GrantObject,
        /// Its new owner.
        role: Option<String>,
    },
}

/// One `ALTER TABLE` action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableChange {
    /// Add a column.
    AddColumn(Column),
    /// Drop a column (its data is lost).
    DropColumn(String),
    /// Drop and add a generated column again with a new expression (its values are
    /// derived, so nothing is lost; it moves to the end of the table).
    RecreateColumn(Column),
    /// Change a column's type (and collation).
    AlterType {
        /// Column.
        column: String,
        /// Old type.
        from: String,
        /// New type.
        ty: String,
        /// New collation.
        collation: Option<String>,
        /// A type to cast through (`text` between two enum types, which have no cast
        /// of their own), or None for a direct cast.
        via: Option<String>,
    },
    /// Set or drop a default.
    SetDefault {
        /// Column.
        column: String,
        /// New default.
        default: Option<String>,
    },
    /// Set or drop NOT NULL.
    SetNotNull {
        /// Column.
        column: String,
        /// Whether NOT NULL.
        not_null: bool,
    },
    /// `SET NOT NULL` once a validated `CHECK (column IS NOT NULL)` proves it, then drop
    /// that CHECK (the online form: no scan, a brief ACCESS EXCLUSIVE lock).
    SetNotNullChecked {
        /// Column.
        column: String,
        /// The CHECK constraint.
        check: String,
    },
    /// Make a column an identity column (`always` or `by default`).
    AddIdentity {
        /// Column.
        column: String,
        /// Kind.
        kind: String,
        /// The sequence's options.
        options: crate::model::IdentityOptions,
    },
    /// Set every option of an identity column's sequence (those not given to their
    /// defaults).
    IdentityOptions {
        /// Column.
        column: String,
        /// The options.
        options: crate::model::IdentityOptions,
    },
    /// Stop a column being an identity column.
    DropIdentity(String),
    /// Add a (non-FK) constraint.
    AddConstraint(Constraint),
    /// A column's statistics target (None: the default) and storage (None: its
    /// type's), set after the column exists.
    ColumnTuning {
        /// Column.
        column: String,
        /// `SET STATISTICS` (-1 for the default) when it changes.
        statistics: Option<i64>,
        /// `SET STORAGE` when it changes.
        storage: Option<String>,
    },
    /// `REPLICA IDENTITY FULL | NOTHING | DEFAULT` (None).
    ReplicaIdentity(Option<String>),
    /// Join and leave publications (`ALTER PUBLICATION … ADD | DROP TABLE`).
    Publications {
        /// Publications the table joins.
        add: Vec<String>,
        /// Publications the table leaves.
        drop: Vec<String>,
    },
    /// When a trigger fires (`DISABLE TRIGGER`, `ENABLE [REPLICA | ALWAYS] TRIGGER`).
    TriggerState {
        /// Trigger.
        trigger: String,
        /// `disabled`, `enabled replica`, `enabled always`, or None (origin sessions).
        state: Option<String>,
    },
    /// Storage parameters: set (`ALTER TABLE … SET (…)`) and reset to their defaults.
    Storage {
        /// Parameters set, with their values.
        set: Vec<(String, String)>,
        /// Parameters reset.
        reset: Vec<String>,
    },
    /// Check existing rows against a `NOT VALID` constraint, which then becomes valid
    /// (SHARE UPDATE EXCLUSIVE: reads and writes go on).
    ValidateConstraint(String),
    /// Drop a (non-FK) constraint.
    DropConstraint(String),
    /// Enable or disable RLS.
    Rls(bool),
    /// Force or unforce RLS.
    ForceRls(bool),
    /// `SET LOGGED` (true) or `SET UNLOGGED`.
    Logged(bool),
    /// Grant a privilege (`grantable`: `WITH GRANT OPTION`).
    Grant(TableGrant),
    /// Revoke a privilege (`grantable`: only its grant option).
    Revoke(TableGrant),
    /// Set the table comment.
    Comment(Option<String>),
    /// Set a column comment.
    ColumnComment(String, Option<String>),
    /// Set a constraint comment.
    ConstraintComment(String, Option<String>),
}

/// What can go wrong when a step runs on a live database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hazard {
    /// Rows or values are destroyed.
    DeletesData,
    /// A value that does not fit makes the step fail (nothing is lost).
    MayFail,
    /// The table is rewritten.
    RewritesTable,
    /// An index is built: the step lasts a scan and sort of the table. Inside a
    /// transaction writes wait meanwhile (SHARE lock); with `CONCURRENTLY` (flagged
    /// `non-transactional` too) reads and writes go on.
    BuildsIndex,
    /// Who may do what changes.
    ChangesAuthorization,
    /// Runs outside the migration's transaction.
    NonTransactional,
    /// Takes an ACCESS EXCLUSIVE lock: reads and writes of the table wait.
    LocksTable,
    /// The rollback cannot restore the state before exactly (data, or values that
    /// may no longer fit).
    Irreversible,
}

impl Hazard {
    /// Every hazard, in header order.
    pub const ALL: [Hazard; 8] = [
        Hazard::DeletesData,
        Hazard::MayFail,
        Hazard::RewritesTable,
        Hazard::BuildsIndex,
        Hazard::ChangesAuthorization,
        Hazard::NonTransactional,
        Hazard::LocksTable,
        Hazard::Irreversible,
    ];

    /// Short name used in migration headers.
    pub fn as_str(self) -> &'static str {
        match self {
            Hazard::DeletesData => "deletes-data",
            Hazard::MayFail => "may-fail",
            Hazard::RewritesTable => "rewrites-table",
            Hazard::BuildsIndex => "builds-index",
            Hazard::ChangesAuthorization => "changes-authorization",
            Hazard::NonTransactional => "non-transactional",
            Hazard::LocksTable => "locks-table",
            Hazard::Irreversible => "irreversible",
        }
    }
}

impl Step {
    /// Whether PostgreSQL runs the step's (first) statement only outside a
    /// transaction block.
    pub fn is_standalone(&self) -> bool {
        matches!(
            self,
            Step::AddEnumValue { .. }
                | Step::CreateIndexConcurrently(..)
                | Step::DropIndexConcurrently(..)
                | Step::BuildConstraintIndex(..)
        )
    }

    /// The hazards of this step when run against an existing database.
    pub fn hazards(&self) -> Vec<Hazard> {
        use Hazard::*;
        let mut out = Vec::new();
        match self {
            Step::Drop(ObjectKey::Table(_)) => out.extend([DeletesData, LocksTable, Irreversible]),
            Step::Drop(ObjectKey::Seed(_)) => out.push(DeletesData),
            Step::Drop(ObjectKey::Index(..))
            | Step::Drop(ObjectKey::ViewIndex(..))
            | Step::Drop(ObjectKey::ForeignKey(..)) => out.push(LocksTable),
            // CREATE and DROP RULE take an ACCESS EXCLUSIVE lock on the relation.
            Step::Create(ObjectKey::Rule(..)) | Step::Drop(ObjectKey::Rule(..)) => {
                out.push(LocksTable)
            }
            // CREATE, ALTER and DROP POLICY take an ACCESS EXCLUSIVE lock on the table.
            Step::Drop(ObjectKey::Policy(..))
            | Step::Create(ObjectKey::Policy(..))
            | Step::AlterPolicy(..) => out.extend([ChangesAuthorization, LocksTable]),
            Step::Create(ObjectKey::Index(..)) | Step::Create(ObjectKey::ViewIndex(..)) => {
                out.push(BuildsIndex)
            }
            Step::Grants { .. }
            | Step::RevokeDefaultAll { .. }
            | Step::SetOwner { .. }
            | Step::DefaultPrivileges { .. }
            | Step::Create(ObjectKey::Grants(_) | ObjectKey::DefaultPrivileges(_))
            | Step::Drop(ObjectKey::Grants(_) | ObjectKey::DefaultPrivileges(_)) => {
                out.push(ChangesAuthorization)
            }
            Step::AddEnumValue { .. } => out.push(NonTransactional),
            Step::LockTables(_) => out.push(LocksTable),
            Step::RecreateEnum { .. } => out.extend([RewritesTable, LocksTable, Irreversible]),
            Step::CreateIndexConcurrently(..) => out.extend([NonTransactional, BuildsIndex]),
            Step::BuildConstraintIndex(..) => out.extend([NonTransactional, BuildsIndex, MayFail]),
            Step::DropIndexConcurrently(..) => out.push(NonTransactional),
            Step::AttachConstraintIndex(..) | Step::AddForeignKeyNotValid(..) => {
                out.push(LocksTable)
            }
            Step::AddForeignKeyValidated(..) => out.extend([LocksTable, MayFail]),
            Step::SeedRows { delete, .. } if !delete.is_empty() => out.push(DeletesData),
            Step::Rename(_) => out.push(LocksTable),
            Step::AlterTable { changes, .. } => {
                for c in changes {
                    match c {
                        TableChange::DropColumn(_) => {
                            out.extend([DeletesData, LocksTable, Irreversible])
                        }
                        TableChange::AlterType { from, ty, .. } => {
                            use super::casts::CastEffect;
                            out.push(LocksTable);
                            match super::casts::effect(from, ty) {
                                CastEffect::Same => {}
                                CastEffect::Lossless => out.push(RewritesTable),
                                CastEffect::MayFail => {
                                    out.extend([RewritesTable, MayFail, Irreversible])
                                }
                                CastEffect::Lossy => {
                                    out.extend([RewritesTable, DeletesData, Irreversible])
                                }
                            }
                        }
                        TableChange::RecreateColumn(_) | TableChange::Logged(_) => {
                            out.extend([RewritesTable, LocksTable])
                        }
                        TableChange::Rls(_) | TableChange::ForceRls(_) => {
                            out.extend([ChangesAuthorization, LocksTable])
                        }
                        TableChange::Grant(_) | TableChange::Revoke(_) => {
                            out.push(ChangesAuthorization)
                        }
                        // Fails on the first NULL (a table with rows and no default).
                        TableChange::SetNotNullChecked { .. } => out.push(LocksTable),
                        TableChange::SetNotNull { not_null: true, .. } => {
                            out.extend([MayFail, LocksTable])
                        }
                        TableChange::AddColumn(c)
                            if c.not_null
                                && c.default.is_none()
                                && c.identity.is_none()
                                && c.generated.is_none() =>
                        {
                            out.extend([MayFail, LocksTable])
                        }
                        TableChange::AddConstraint(c)
                            if matches!(
                                c.kind,
                                crate::model::ConstraintKind::Unique { .. }
                                    | crate::model::ConstraintKind::PrimaryKey { .. }
                            ) =>
                        {
                            out.extend([BuildsIndex, MayFail, LocksTable])
                        }
                        TableChange::Comment(_)
                        | TableChange::ColumnComment(..)
                        | TableChange::ConstraintComment(..)
                        | TableChange::Storage { .. }
                        // SHARE UPDATE EXCLUSIVE: reads and writes go on.
                        | TableChange::Publications { .. } => {}
                        // Fails on the first row that breaks it; reads and writes go on.
                        TableChange::ValidateConstraint(_) => out.push(MayFail),
                        _ => out.push(LocksTable),
                    }
                }
            }
            _ => {}
        }
        out.sort();
        out.dedup();
        out
    }
}
