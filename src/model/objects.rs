//! Objects other than tables: schemas, extensions, types, sequences, routines, views.

use super::QName;
use serde::{Deserialize, Serialize};

/// A schema (namespace). <https://www.postgresql.org/docs/current/sql-createschema.html>
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Namespace {
    /// Name.
    pub name: String,
    /// `COMMENT ON SCHEMA`.
    pub comment: Option<String>,
}

/// An extension. <https://www.postgresql.org/docs/current/sql-createextension.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// Name.
    pub name: String,
    /// `SCHEMA`.
    pub schema: Option<String>,
    /// `VERSION`.
    pub version: Option<String>,
}

/// An enum type. <https://www.postgresql.org/docs/current/sql-createtype.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enum {
    /// Name.
    pub name: QName,
    /// Labels in order.
    pub values: Vec<String>,
    /// `COMMENT ON TYPE`.
    pub comment: Option<String>,
}

/// A domain. <https://www.postgresql.org/docs/current/sql-createdomain.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    /// Name.
    pub name: QName,
    /// Underlying type, canonical.
    pub ty: String,
    /// `NOT NULL`.
    pub not_null: bool,
    /// `DEFAULT`.
    pub default: Option<String>,
    /// Named `CHECK` constraints, sorted by name.
    pub checks: Vec<(String, String)>,
    /// `COMMENT ON DOMAIN`.
    pub comment: Option<String>,
}

/// A standalone sequence. <https://www.postgresql.org/docs/current/sql-createsequence.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sequence {
    /// Name.
    pub name: QName,
    /// `UNLOGGED` (not written to the WAL, emptied after a crash; an unlogged table's).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unlogged: bool,
    /// `AS type`.
    pub as_type: Option<String>,
    /// `INCREMENT BY`.
    pub increment: Option<i64>,
    /// `MINVALUE`.
    pub min_value: Option<i64>,
    /// `MAXVALUE`.
    pub max_value: Option<i64>,
    /// `START WITH`.
    pub start: Option<i64>,
    /// `CACHE`.
    pub cache: Option<i64>,
    /// `CYCLE`.
    pub cycle: bool,
    /// `OWNED BY table.column`.
    pub owned_by: Option<(QName, String)>,
    /// `COMMENT ON SEQUENCE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// Parameter mode of a routine argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArgMode {
    /// `IN`
    In,
    /// `OUT`
    Out,
    /// `INOUT`
    InOut,
    /// `VARIADIC`
    Variadic,
}

/// A routine argument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arg {
    /// Mode.
    pub mode: ArgMode,
    /// Name.
    pub name: Option<String>,
    /// Type, canonical.
    pub ty: String,
    /// `DEFAULT`.
    pub default: Option<String>,
}

/// A function or procedure. <https://www.postgresql.org/docs/current/sql-createfunction.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Function {
    /// Name.
    pub name: QName,
    /// True for a procedure.
    pub procedure: bool,
    /// Arguments.
    pub args: Vec<Arg>,
    /// `RETURNS` clause, canonical (`trigger`, `SETOF x`, `TABLE(a integer)`), None for procedures.
    pub returns: Option<String>,
    /// `LANGUAGE`.
    pub language: String,
    /// The body with its quotes, verbatim; for a SQL-standard body, its SQL
    /// (`RETURN (a + b)`, `BEGIN ATOMIC … END`) without quotes.
    pub body: String,
    /// The body is SQL-standard (LANGUAGE sql, parsed at creation, its dependencies
    /// recorded by PostgreSQL).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub standard_body: bool,
    /// `IMMUTABLE`, `STABLE` or `VOLATILE` (the default).
    pub volatility: String,
    /// `SECURITY DEFINER`.
    pub security_definer: bool,
    /// `STRICT`.
    pub strict: bool,
    /// `LEAKPROOF`.
    pub leakproof: bool,
    /// `PARALLEL` mode when given.
    pub parallel: Option<String>,
    /// `SET name = value` entries in order.
    pub config: Vec<(String, String)>,
    /// `COMMENT ON FUNCTION`.
    pub comment: Option<String>,
}

impl Function {
    /// The identity of a routine: name plus input argument types, as PostgreSQL sees it.
    pub fn key(&self) -> String {
        format!("{}({})", self.name, self.identity_args())
    }

    /// The input argument types, comma separated.
    pub fn identity_args(&self) -> String {
        identity_args(&self.args)
    }
}

/// The input argument types of a routine, comma separated: what identifies it among
/// overloads (`OUT` arguments do not count).
pub fn identity_args(args: &[Arg]) -> String {
    args.iter()
        .filter(|a| a.mode != ArgMode::Out)
        .map(|a| a.ty.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A collation. <https://www.postgresql.org/docs/current/sql-createcollation.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collation {
    /// Name.
    pub name: QName,
    /// CREATE COLLATION options in [`Collation::OPTIONS`] order: key, SQL value
    /// (`provider` = `icu`, `locale` = `'und-u-ks-level2'`, `deterministic` = `false`).
    pub options: Vec<(String, String)>,
    /// `COMMENT ON COLLATION`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Collation {
    /// The options CREATE COLLATION takes, in the order they are kept and printed.
    pub const OPTIONS: &'static [&'static str] = &[
        "provider",
        "locale",
        "lc_collate",
        "lc_ctype",
        "deterministic",
        "rules",
    ];
}

/// A range type (and the multirange type PostgreSQL makes with it).
/// <https://www.postgresql.org/docs/current/sql-createtype.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RangeType {
    /// Name.
    pub name: QName,
    /// CREATE TYPE … AS RANGE options in [`RangeType::OPTIONS`] order: key, SQL value
    /// (`subtype` = `integer`, `subtype_diff` = `float8mi`).
    pub options: Vec<(String, String)>,
    /// `COMMENT ON TYPE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl RangeType {
    /// The options CREATE TYPE … AS RANGE takes, in the order they are kept and printed.
    pub const OPTIONS: &'static [&'static str] = &[
        "subtype",
        "subtype_opclass",
        "collation",
        "canonical",
        "subtype_diff",
        "multirange_type_name",
    ];

    /// The name of its multirange type: as given, or PostgreSQL's default (`range` in
    /// the name replaced by `multirange`, else `_multirange` appended).
    pub fn multirange(&self) -> QName {
        let given = self
            .options
            .iter()
            .find(|(k, _)| k == "multirange_type_name")
            .map(|(_, v)| v.as_str());
        if let Some(v) = given {
            // `name`, `"Name"` or `schema.name`: split at a dot outside quotes.
            let mut quoted = false;
            let dot = v.char_indices().find(|&(_, c)| {
                quoted ^= c == '"';
                c == '.' && !quoted
            });
            let unquote = |s: &str| match s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
                Some(inner) => inner.replace("\"\"", "\""),
                None => s.to_ascii_lowercase(),
            };
            return match dot {
                Some((at, _)) => QName::new(unquote(&v[..at]), unquote(&v[at + 1..])),
                None => QName::new(self.name.schema.clone(), unquote(v)),
            };
        }
        let name = match self.name.name.find("range") {
            Some(at) => format!(
                "{}multirange{}",
                &self.name.name[..at],
                &self.name.name[at + "range".len()..]
            ),
            None => format!("{}_multirange", self.name.name),
        };
        QName::new(self.name.schema.clone(), name)
    }
}

/// A publication the project owns: what it publishes; its tables say themselves that
/// they are in it. <https://www.postgresql.org/docs/current/sql-createpublication.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    /// Name.
    pub name: String,
    /// The operations published, in PostgreSQL's order (`insert`, `update`, `delete`,
    /// `truncate`); all four by default.
    pub publish: Vec<String>,
    /// `publish_via_partition_root`: a partition's changes are published as its root's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub via_root: bool,
    /// `COMMENT ON PUBLICATION`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Publication {
    /// What a publication publishes when nothing else is said.
    pub const OPERATIONS: &'static [&'static str] = &["insert", "update", "delete", "truncate"];

    /// The `WITH (…)` options that differ from PostgreSQL's defaults, or None.
    pub fn with_options(&self) -> Option<String> {
        let mut options = Vec::new();
        if self.publish != Self::OPERATIONS {
            options.push(format!("publish = '{}'", self.publish.join(", ")));
        }
        if self.via_root {
            options.push("publish_via_partition_root = true".to_string());
        }
        (!options.is_empty()).then(|| options.join(", "))
    }
}

/// A composite type. <https://www.postgresql.org/docs/current/sql-createtype.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompositeType {
    /// Name.
    pub name: QName,
    /// Attributes in order: name and canonical type.
    pub attributes: Vec<(String, String)>,
    /// `COMMENT ON TYPE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// An aggregate function. <https://www.postgresql.org/docs/current/sql-createaggregate.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aggregate {
    /// Name.
    pub name: QName,
    /// Argument types, canonical; empty for an aggregate over rows (`(*)`).
    pub args: Vec<String>,
    /// CREATE AGGREGATE options in a stable order: lower-case key, SQL value
    /// (`sfunc` = `public._group_concat`, `stype` = `text`, `initcond` = `'0'`).
    pub options: Vec<(String, String)>,
    /// `COMMENT ON AGGREGATE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Aggregate {
    /// The options CREATE AGGREGATE takes (normal aggregates), in the order they are
    /// kept and printed.
    pub const OPTIONS: &'static [&'static str] = &[
        "sfunc",
        "stype",
        "sspace",
        "finalfunc",
        "finalfunc_extra",
        "finalfunc_modify",
        "combinefunc",
        "serialfunc",
        "deserialfunc",
        "initcond",
        "msfunc",
        "minvfunc",
        "mstype",
        "msspace",
        "mfinalfunc",
        "mfinalfunc_extra",
        "mfinalfunc_modify",
        "minitcond",
        "sortop",
        "parallel",
    ];

    /// The identity of an aggregate: name plus argument types (`*` for none), as
    /// PostgreSQL names it in `DROP AGGREGATE`.
    pub fn key(&self) -> String {
        format!("{}({})", self.name, self.signature())
    }

    /// The argument list: types comma separated, or `*`.
    pub fn signature(&self) -> String {
        if self.args.is_empty() {
            "*".to_string()
        } else {
            self.args.join(", ")
        }
    }

    /// The value of an option, if set.
    pub fn option(&self, key: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A view or materialized view. <https://www.postgresql.org/docs/current/sql-createview.html>
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    /// Name.
    pub name: QName,
    /// Materialized.
    pub materialized: bool,
    /// `WITH (…)` options, sorted by name.
    pub options: Vec<(String, Option<String>)>,
    /// The query, verbatim.
    pub query: String,
    /// `COMMENT ON VIEW`.
    pub comment: Option<String>,
    /// `COMMENT ON COLUMN` of its columns: column and text, sorted by column.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub column_comments: Vec<(String, String)>,
    /// Indexes of a materialized view (`index … on view (…)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<super::Index>,
    /// Triggers of a view (`trigger … instead of insert on view …`), sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<super::Trigger>,
}

/// A rewrite rule (`CREATE RULE`): what an INSERT, UPDATE or DELETE on a table or view
/// does instead or as well.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// The table or view.
    pub relation: QName,
    /// Name.
    pub name: String,
    /// `INSERT`, `UPDATE` or `DELETE`.
    pub event: String,
    /// `WHERE (…)`, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// `DO INSTEAD` (else `DO ALSO`).
    pub instead: bool,
    /// The statements, verbatim (one or more, separated by `;`); None for `NOTHING`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<String>,
    /// `COMMENT ON RULE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// Objects the schema references but does not manage: nothing is ever created or
/// dropped for them by a migration. `schemac prelude` can create them for tests.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Externs {
    /// Schemas.
    pub schemas: std::collections::BTreeSet<String>,
    /// Roles.
    pub roles: std::collections::BTreeSet<String>,
    /// Publications (`extern publication`): the platform's; tables join them.
    pub publications: std::collections::BTreeSet<String>,
    /// Tables with the columns that may be referenced.
    pub tables: std::collections::BTreeMap<QName, Vec<(String, String)>>,
    /// Functions by signature key.
    pub functions: std::collections::BTreeMap<String, ExternFunction>,
    /// Types.
    pub types: std::collections::BTreeSet<QName>,
    /// Default privileges the platform sets (`extern default privileges`).
    pub default_privileges: Vec<super::DefaultPrivilege>,
}

/// A function provided by the environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternFunction {
    /// Name.
    pub name: QName,
    /// Arguments.
    pub args: Vec<Arg>,
    /// Return type, canonical.
    pub returns: String,
    /// A body (SQL language) for the prelude; without one the prelude creates a stub.
    pub body: Option<String>,
}
