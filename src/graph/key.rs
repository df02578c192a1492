//! Identities of the nodes of the dependency graph.

use crate::model::{DefaultScope, GrantObject, QName};
use std::fmt;

/// One node of the dependency graph: an object that is created, altered or dropped as
/// a unit. The variant order is the tie-break order of the topological sort, so output
/// reads schemas, extensions, types, sequences, functions, aggregates, tables, views, foreign keys,
/// indexes, triggers, policies, seeds, grants.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjectKey {
    /// A schema.
    Schema(String),
    /// An extension.
    Extension(String),
    /// The default privileges of one `(for role, in schema, kind)` scope.
    DefaultPrivileges(DefaultScope),
    /// A publication the project owns.
    Publication(String),
    /// A collation.
    Collation(QName),
    /// An enum type.
    Enum(QName),
    /// A domain.
    Domain(QName),
    /// A range type.
    Range(QName),
    /// A composite type.
    Composite(QName),
    /// A sequence.
    Sequence(QName),
    /// A function or procedure, by signature key.
    Function(String),
    /// An aggregate, by signature key ([`crate::model::Aggregate::key`]).
    Aggregate(String),
    /// A table with its columns, non-FK constraints, RLS flags, grants and comments.
    Table(QName),
    /// A view or materialized view.
    View(QName),
    /// A foreign key constraint (table, name).
    ForeignKey(QName, String),
    /// An index (table, name).
    Index(QName, String),
    /// An index of a materialized view (view, name).
    ViewIndex(QName, String),
    /// A trigger (table, name).
    Trigger(QName, String),
    /// A trigger of a view (view, name).
    ViewTrigger(QName, String),
    /// A policy (table, name).
    Policy(QName, String),
    /// Extended statistics (table, name; in the table's schema).
    Statistics(QName, String),
    /// A rewrite rule (table or view, name).
    Rule(QName, String),
    /// `ALTER SEQUENCE … OWNED BY`.
    SequenceOwner(QName),
    /// Seed rows of a table.
    Seed(QName),
    /// Grants on a schema, sequence or function.
    Grants(GrantObject),
}

impl fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ObjectKey::Schema(s) => write!(f, "schema {s}"),
            ObjectKey::Extension(e) => write!(f, "extension {e}"),
            ObjectKey::Publication(p) => write!(f, "publication {p}"),
            ObjectKey::Collation(q) => write!(f, "collation {q}"),
            ObjectKey::Enum(q)
            | ObjectKey::Domain(q)
            | ObjectKey::Range(q)
            | ObjectKey::Composite(q) => {
                write!(f, "type {q}")
            }
            ObjectKey::Sequence(q) => write!(f, "sequence {q}"),
            ObjectKey::Function(k) => write!(f, "function {k}"),
            ObjectKey::Aggregate(k) => write!(f, "aggregate {k}"),
            ObjectKey::Table(q) => write!(f, "table {q}"),
            ObjectKey::View(q) => write!(f, "view {q}"),
            ObjectKey::ForeignKey(t, n) => write!(f, "constraint {t}.{n}"),
            ObjectKey::Index(t, n) | ObjectKey::ViewIndex(t, n) => {
                write!(f, "index {}.{n} on {t}", t.schema)
            }
            ObjectKey::Trigger(t, n) | ObjectKey::ViewTrigger(t, n) => {
                write!(f, "trigger {t}.{n}")
            }
            ObjectKey::Policy(t, n) => write!(f, "policy {t}.{n}"),
            ObjectKey::Rule(t, n) => write!(f, "rule {t}.{n}"),
            ObjectKey::Statistics(t, n) => write!(f, "statistics {}.{n} on {t}", t.schema),
            ObjectKey::SequenceOwner(q) => write!(f, "sequence owner {q}"),
            ObjectKey::Seed(q) => write!(f, "seed {q}"),
            ObjectKey::Grants(o) => match o {
                GrantObject::Schema(s) => write!(f, "grants on schema {s}"),
                GrantObject::Sequence(q) => write!(f, "grants on sequence {q}"),
                GrantObject::Function(k, _) => write!(f, "grants on function {k}"),
                GrantObject::Relation(q) => write!(f, "grants on view {q}"),
                GrantObject::Type(q) => write!(f, "grants on type {q}"),
            },
            ObjectKey::DefaultPrivileges((owner, schema, on)) => {
                write!(f, "default privileges")?;
                if let Some(o) = owner {
                    write!(f, " for role {o}")?;
                }
                if let Some(s) = schema {
                    write!(f, " in schema {s}")?;
                }
                write!(f, " on {}", on.sql().to_ascii_lowercase())
            }
        }
    }
}

impl ObjectKey {
    /// The key under which analysis recorded where this object was declared.
    pub fn origin_key(&self) -> String {
        match self {
            ObjectKey::Index(t, n) | ObjectKey::ViewIndex(t, n) => {
                format!("index {}.{n}", t.schema)
            }
            other => other.to_string(),
        }
    }
}
