//! CREATE statements for every kind of object, and the matching DROP statements.

use super::privileges::grantee;
use crate::graph::ObjectKey;
use crate::model::{
    quote_ident as qi, quote_literal as ql, ArgMode, Column, Constraint, ConstraintKind, Function,
    Index, Policy, QName, Schema, Table, Trigger,
};
use std::fmt::Write as _;

/// The statements that create `key` as it is in `schema`.
pub fn create(schema: &Schema, key: &ObjectKey) -> Vec<String> {
    match key {
        ObjectKey::Schema(s) => {
            let mut out = vec![format!("CREATE SCHEMA {};", qi(s))];
            if let Some(c) = schema.schemas.get(s).and_then(|n| n.comment.as_ref()) {
                out.push(format!("COMMENT ON SCHEMA {} IS {};", qi(s), ql(c)));
            }
            out
        }
        ObjectKey::Extension(e) => {
            let ext = &schema.extensions[e];
            let mut sql = format!("CREATE EXTENSION {}", qi(e));
            if let Some(s) = &ext.schema {
                let _ = write!(sql, " SCHEMA {}", qi(s));
            }
            if let Some(v) = &ext.version {
                let _ = write!(sql, " VERSION {}", ql(v));
            }
            sql.push(';');
            vec![sql]
        }
        ObjectKey::Enum(q) => {
            let e = &schema.enums[q];
            let values: Vec<String> = e.values.iter().map(|v| ql(v)).collect();
            let mut out = vec![format!(
                "CREATE TYPE {} AS ENUM ({});",
                q.sql(),
                values.join(", ")
            )];
            out.extend(comment("TYPE", || q.sql(), &e.comment));
            out
        }
        ObjectKey::Publication(name) => {
            let p = &schema.publications[name];
            let with = p
                .with_options()
                .map_or(String::new(), |o| format!(" WITH ({o})"));
            let mut out = vec![format!("CREATE PUBLICATION {}{with};", qi(name))];
            out.extend(comment("PUBLICATION", || qi(name).into_owned(), &p.comment));
            out
        }
        ObjectKey::Collation(q) => {
            let c = &schema.collations[q];
            let options: Vec<String> = c
                .options
                .iter()
                .map(|(k, v)| format!("{k} = {v}"))
                .collect();
            let mut out = vec![format!(
                "CREATE COLLATION {} ({});",
                q.sql(),
                options.join(", ")
            )];
            out.extend(comment("COLLATION", || q.sql(), &c.comment));
            out
        }
        ObjectKey::Range(q) => {
            let r = &schema.ranges[q];
            let options: Vec<String> = r
                .options
                .iter()
                .map(|(k, v)| format!("{k} = {v}"))
                .collect();
            let mut out = vec![format!(
                "CREATE TYPE {} AS RANGE ({});",
                q.sql(),
                options.join(", ")
            )];
            out.extend(comment("TYPE", || q.sql(), &r.comment));
            out
        }
        ObjectKey::Composite(q) => {
            let c = &schema.composites[q];
            let attrs: Vec<String> = c
                .attributes
                .iter()
                .map(|(n, ty)| format!("{} {ty}", qi(n)))
                .collect();
            let mut out = vec![format!(
                "CREATE TYPE {} AS ({});",
                q.sql(),
                attrs.join(", ")
            )];
            out.extend(comment("TYPE", || q.sql(), &c.comment));
            out
        }
        ObjectKey::Domain(q) => {
            let d = &schema.domains[q];
            let mut sql = format!("CREATE DOMAIN {} AS {}", q.sql(), d.ty);
            if let Some(def) = &d.default {
                let _ = write!(sql, " DEFAULT {def}");
            }
            if d.not_null {
                sql.push_str(" NOT NULL");
            }
            for (name, expr) in &d.checks {
                let _ = write!(sql, " CONSTRAINT {} CHECK ({expr})", qi(name));
            }
            sql.push(';');
            let mut out = vec![sql];
            out.extend(comment("DOMAIN", || q.sql(), &d.comment));
            out
        }
        ObjectKey::Sequence(q) => {
            let s = &schema.sequences[q];
            let unlogged = if s.unlogged { "UNLOGGED " } else { "" };
            let mut sql = format!("CREATE {unlogged}SEQUENCE {}", q.sql());
            sql.push_str(&sequence_options(s));
            sql.push(';');
            let mut out = vec![sql];
            out.extend(comment("SEQUENCE", || q.sql(), &s.comment));
            out
        }
        ObjectKey::SequenceOwner(q) => {
            let (t, c) = schema.sequences[q]
                .owned_by
                .clone()
                .expect("owner node has an owner");
            vec![format!(
                "ALTER SEQUENCE {} OWNED BY {}.{};",
                q.sql(),
                t.sql(),
                qi(&c)
            )]
        }
        ObjectKey::Function(k) => {
            let f = &schema.functions[k];
            let mut out = vec![function(f, false)];
            out.extend(comment(routine_kind(f), || signature(f), &f.comment));
            out
        }
        ObjectKey::Aggregate(k) => super::aggregate::create(&schema.aggregates[k]),
        // `extend table`: the table is someone else's; its triggers and policies are
        // objects of their own.
        ObjectKey::Table(q) if schema.tables[q].external => Vec::new(),
        ObjectKey::Table(q) => {
            let mut out = table(&schema.tables[q]);
            out.extend(super::privileges::new_table_privileges(
                schema,
                &schema.tables[q],
            ));
            out
        }
        ObjectKey::View(q) => {
            let v = &schema.views[q];
            let kind = if v.materialized {
                "MATERIALIZED VIEW"
            } else {
                "VIEW"
            };
            let opts = if v.options.is_empty() {
                String::new()
            } else {
                let o: Vec<String> = v
                    .options
                    .iter()
                    .map(|(n, val)| match val {
                        Some(val) => format!("{n} = {val}"),
                        None => format!("{n} = true"),
                    })
                    .collect();
                format!(" WITH ({})", o.join(", "))
            };
            let mut out = vec![format!("CREATE {kind} {}{opts} AS\n{};", q.sql(), v.query)];
            out.extend(comment(kind, || q.sql(), &v.comment));
            for (c, text) in &v.column_comments {
                out.push(format!(
                    "COMMENT ON COLUMN {}.{} IS {};",
                    q.sql(),
                    qi(c),
                    ql(text)
                ));
            }
            out
        }
        ObjectKey::ForeignKey(t, n) => foreign_key(schema, t, n, false, false),
        ObjectKey::Index(t, n) | ObjectKey::ViewIndex(t, n) => {
            let i = schema.index_of(t, n).expect("index exists");
            let mut out = vec![index(t, i, false)];
            out.extend(comment(
                "INDEX",
                || QName::new(t.schema.clone(), n.clone()).sql(),
                &i.comment,
            ));
            out
        }
        ObjectKey::Trigger(t, n) | ObjectKey::ViewTrigger(t, n) => {
            let tr = schema.trigger_of(t, n).expect("trigger exists");
            let mut out = vec![trigger(t, tr)];
            if tr.state.is_some() {
                out.push(trigger_state(t, n, tr.state.as_deref()));
            }
            out.extend(comment(
                "TRIGGER",
                || format!("{} ON {}", qi(n), t.sql()),
                &tr.comment,
            ));
            out
        }
        ObjectKey::Statistics(t, n) => {
            let s = schema.statistics_of(t, n).expect("statistics exist");
            let name = QName::new(t.schema.clone(), n.clone()).sql();
            let kinds = if s.kinds.is_empty() {
                String::new()
            } else {
                format!(" ({})", s.kinds.join(", "))
            };
            let mut out = vec![format!(
                "CREATE STATISTICS {name}{kinds} ON {} FROM {};",
                s.targets.join(", "),
                t.sql()
            )];
            out.extend(comment("STATISTICS", || name.clone(), &s.comment));
            out
        }
        ObjectKey::Rule(t, n) => {
            let r = schema.rule_of(t, n).expect("rule exists");
            let mut out = vec![rule(r)];
            out.extend(comment(
                "RULE",
                || format!("{} ON {}", qi(n), t.sql()),
                &r.comment,
            ));
            out
        }
        ObjectKey::Policy(t, n) => {
            let p = schema.tables[t]
                .policies
                .iter()
                .find(|x| &x.name == n)
                .expect("policy exists");
            let mut out = vec![policy(t, p)];
            out.extend(comment(
                "POLICY",
                || format!("{} ON {}", qi(n), t.sql()),
                &p.comment,
            ));
            out
        }
        ObjectKey::Seed(t) => super::seed::upsert_all(&schema.tables[t]),
        ObjectKey::Grants(o) => super::privileges::create_grants(schema, o),
        ObjectKey::DefaultPrivileges(scope) => super::privileges::create_defaults(schema, scope),
    }
}

/// The statements that drop `key` as it is in `schema`.
pub fn drop(schema: &Schema, key: &ObjectKey) -> Vec<String> {
    let stmt = match key {
        ObjectKey::Table(q) if schema.tables[q].external => return Vec::new(),
        ObjectKey::Schema(s) => format!("DROP SCHEMA {};", qi(s)),
        ObjectKey::Extension(e) => format!("DROP EXTENSION {};", qi(e)),
        ObjectKey::Enum(q) | ObjectKey::Composite(q) | ObjectKey::Range(q) => {
            format!("DROP TYPE {};", q.sql())
        }
        ObjectKey::Collation(q) => format!("DROP COLLATION {};", q.sql()),
        ObjectKey::Publication(p) => format!("DROP PUBLICATION {};", qi(p)),
        ObjectKey::Domain(q) => format!("DROP DOMAIN {};", q.sql()),
        ObjectKey::Sequence(q) => format!("DROP SEQUENCE {};", q.sql()),
        ObjectKey::SequenceOwner(q) => format!("ALTER SEQUENCE {} OWNED BY NONE;", q.sql()),
        ObjectKey::Function(k) => {
            let f = &schema.functions[k];
            format!("DROP {} {};", routine_kind(f), signature(f))
        }
        ObjectKey::Aggregate(k) => super::aggregate::drop(&schema.aggregates[k]),
        ObjectKey::Table(q) => format!("DROP TABLE {};", q.sql()),
        ObjectKey::View(q) => {
            let kind = if schema.views[q].materialized {
                "MATERIALIZED VIEW"
            } else {
                "VIEW"
            };
            format!("DROP {kind} {};", q.sql())
        }
        ObjectKey::ForeignKey(t, n) => {
            format!("ALTER TABLE {} DROP CONSTRAINT {};", t.sql(), qi(n))
        }
        ObjectKey::Index(t, n) | ObjectKey::ViewIndex(t, n) => format!(
            "DROP INDEX {};",
            QName::new(t.schema.clone(), n.clone()).sql()
        ),
        ObjectKey::Trigger(t, n) | ObjectKey::ViewTrigger(t, n) => {
            format!("DROP TRIGGER {} ON {};", qi(n), t.sql())
        }
        ObjectKey::Rule(t, n) => format!("DROP RULE {} ON {};", qi(n), t.sql()),
        ObjectKey::Statistics(t, n) => format!(
            "DROP STATISTICS {};",
            QName::new(t.schema.clone(), n.clone()).sql()
        ),
        ObjectKey::Policy(t, n) => format!("DROP POLICY {} ON {};", qi(n), t.sql()),
        ObjectKey::Seed(t) => return super::seed::delete_all(&schema.tables[t]),
        ObjectKey::Grants(o) => return super::privileges::drop_grants(schema, o),
        ObjectKey::DefaultPrivileges(scope) => {
            return super::privileges::drop_defaults(schema, scope)
        }
    };
    vec![stmt]
}

/// `ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY`; with `not_valid`, added `NOT VALID`
/// (for a table that already has rows), and with `validate` too, validated by a second
/// statement in the same transaction (else by a step of its own).
pub(crate) fn foreign_key(
    schema: &Schema,
    t: &QName,
    n: &str,
    not_valid: bool,
    validate: bool,
) -> Vec<String> {
    let c = constraint_of(schema, t, n);
    // Declared `not valid`: added so, and never validated here.
    let (not_valid, validate) = (not_valid || c.not_valid, validate && !c.not_valid);
    let suffix = if not_valid { " NOT VALID" } else { "" };
    let mut out = vec![format!(
        "ALTER TABLE {} ADD CONSTRAINT {} {}{suffix};",
        t.sql(),
        qi(n),
        constraint_body(&c.kind)
    )];
    if validate {
        out.push(format!(
            "ALTER TABLE {} VALIDATE CONSTRAINT {};",
            t.sql(),
            qi(n)
        ));
    }
    out.extend(constraint_comment(t, n, &c.comment));
    out
}

/// `COMMENT ON CONSTRAINT n ON t`, when there is a comment.
fn constraint_comment(t: &QName, n: &str, text: &Option<String>) -> Option<String> {
    comment("CONSTRAINT", || format!("{} ON {}", qi(n), t.sql()), text)
}

/// `CREATE UNIQUE INDEX CONCURRENTLY` of the index a new UNIQUE or PRIMARY KEY
/// constraint takes over, under the constraint's name.
pub(crate) fn constraint_index(schema: &Schema, t: &QName, n: &str) -> String {
    let c = constraint_of(schema, t, n);
    let (columns, nulls_not_distinct) = match &c.kind {
        ConstraintKind::PrimaryKey { columns } => (columns, false),
        ConstraintKind::Unique {
            columns,
            nulls_not_distinct,
        } => (columns, *nulls_not_distinct),
        _ => unreachable!("only keys are built apart"),
    };
    let cols: Vec<_> = columns.iter().map(|c| qi(c)).collect();
    format!(
        "CREATE UNIQUE INDEX CONCURRENTLY {} ON {} ({}){};",
        qi(n),
        t.sql(),
        cols.join(", "),
        if nulls_not_distinct {
            " NULLS NOT DISTINCT"
        } else {
            ""
        }
    )
}

/// `ALTER TABLE … ADD CONSTRAINT … UNIQUE | PRIMARY KEY USING INDEX`, and its comment.
pub(crate) fn attach_constraint_index(schema: &Schema, t: &QName, n: &str) -> Vec<String> {
    let c = constraint_of(schema, t, n);
    let kind = match c.kind {
        ConstraintKind::PrimaryKey { .. } => "PRIMARY KEY",
        _ => "UNIQUE",
    };
    let mut out = vec![format!(
        "ALTER TABLE {} ADD CONSTRAINT {} {kind} USING INDEX {};",
        t.sql(),
        qi(n),
        qi(n)
    )];
    out.extend(constraint_comment(t, n, &c.comment));
    out
}

fn constraint_of<'a>(schema: &'a Schema, t: &QName, n: &str) -> &'a Constraint {
    schema.tables[t]
        .constraints
        .iter()
        .find(|c| c.name == n)
        .expect("constraint exists")
}

/// `COMMENT ON kind target IS '…'` when there is a comment.
/// The target's name is rendered only when there is a comment.
pub fn comment(
    kind: &str,
    target: impl FnOnce() -> String,
    text: &Option<String>,
) -> Option<String> {
    text.as_ref()
        .map(|c| format!("COMMENT ON {kind} {} IS {};", target(), ql(c)))
}

pub(crate) fn sequence_options(s: &crate::model::Sequence) -> String {
    let mut sql = String::new();
    if let Some(t) = &s.as_type {
        let _ = write!(sql, " AS {t}");
    }
    if let Some(n) = s.increment {
        let _ = write!(sql, " INCREMENT BY {n}");
    }
    if let Some(n) = s.min_value {
        let _ = write!(sql, " MINVALUE {n}");
    }
    if let Some(n) = s.max_value {
        let _ = write!(sql, " MAXVALUE {n}");
    }
    if let Some(n) = s.start {
        let _ = write!(sql, " START WITH {n}");
    }
    if let Some(n) = s.cache {
        let _ = write!(sql, " CACHE {n}");
    }
    if s.cycle {
        sql.push_str(" CYCLE");
    }
    sql
}

pub(crate) fn routine_kind(f: &Function) -> &'static str {
    if f.procedure {
        "PROCEDURE"
    } else {
        "FUNCTION"
    }
}

/// `public.f(uuid, text)`: what DROP and COMMENT need.
pub(crate) fn signature(f: &Function) -> String {
    format!("{}({})", f.name.sql(), f.identity_args())
}

/// `CREATE [OR REPLACE] FUNCTION …`.
pub(crate) fn function(f: &Function, or_replace: bool) -> String {
    let args: Vec<String> = f
        .args
        .iter()
        .map(|a| {
            let mut s = String::new();
            match a.mode {
                ArgMode::In => {}
                ArgMode::Out => s.push_str("OUT "),
                ArgMode::InOut => s.push_str("INOUT "),
                ArgMode::Variadic => s.push_str("VARIADIC "),
            }
            if let Some(n) = &a.name {
                s.push_str(&qi(n));
                s.push(' ');
            }
            s.push_str(&a.ty);
            if let Some(d) = &a.default {
                let _ = write!(s, " DEFAULT {d}");
            }
            s
        })
        .collect();
    let mut sql = format!(
        "CREATE {}{} {}({})",
        if or_replace { "OR REPLACE " } else { "" },
        routine_kind(f),
        f.name.sql(),
        args.join(", ")
    );
    if let Some(r) = &f.returns {
        let _ = write!(sql, "\n    RETURNS {r}");
    }
    let _ = write!(sql, "\n    LANGUAGE {}", qi(&f.language));
    if !f.procedure && f.volatility != "VOLATILE" {
        let _ = write!(sql, "\n    {}", f.volatility);
    }
    if f.strict {
        sql.push_str("\n    STRICT");
    }
    if f.leakproof {
        sql.push_str("\n    LEAKPROOF");
    }
    if f.security_definer {
        sql.push_str("\n    SECURITY DEFINER");
    }
    if let Some(p) = &f.parallel {
        let _ = write!(sql, "\n    PARALLEL {p}");
    }
    for (k, v) in &f.config {
        let _ = write!(sql, "\n    SET {} = {v}", qi(k));
    }
    if f.standard_body {
        let _ = write!(sql, "\n{};", f.body);
    } else {
        let _ = write!(sql, "\nAS {};", f.body);
    }
    sql
}

/// A column definition as it appears in CREATE TABLE and ADD COLUMN.
pub(crate) fn column(c: &Column) -> String {
    let mut s = format!("{} {}", qi(&c.name), c.ty);
    if let Some(col) = &c.collation {
        let _ = write!(s, " COLLATE {col}");
    }
    if let Some(g) = &c.generated {
        let _ = write!(s, " GENERATED ALWAYS AS ({g}) STORED");
    }
    if let Some(i) = &c.identity {
        let _ = write!(s, " GENERATED {} AS IDENTITY", i.to_ascii_uppercase());
        if !c.identity_options.is_default() {
            let _ = write!(s, " ({})", c.identity_options.sql());
        }
    } else if c.not_null {
        s.push_str(" NOT NULL");
    }
    if let Some(d) = &c.default {
        let _ = write!(s, " DEFAULT {d}");
    }
    s
}

/// A constraint's body with its attributes (`UNIQUE (a) DEFERRABLE INITIALLY DEFERRED`,
/// `CHECK (…) NO INHERIT`); `NOT VALID` is the caller's, as it depends on the statement.
pub(crate) fn constraint_sql(c: &Constraint) -> String {
    let mut s = constraint_body(&c.kind);
    if c.no_inherit {
        s.push_str(" NO INHERIT");
    }
    if c.deferrable {
        s.push_str(" DEFERRABLE");
        if c.initially_deferred {
            s.push_str(" INITIALLY DEFERRED");
        }
    }
    s
}

/// The body of a constraint after its name.
pub(crate) fn constraint_body(kind: &ConstraintKind) -> String {
    let cols = |v: &[String]| v.iter().map(|c| qi(c)).collect::<Vec<_>>().join(", ");
    match kind {
        ConstraintKind::PrimaryKey { columns } => format!("PRIMARY KEY ({})", cols(columns)),
        ConstraintKind::Unique {
            columns,
            nulls_not_distinct,
        } => format!(
            "UNIQUE {}({})",
            if *nulls_not_distinct {
                "NULLS NOT DISTINCT "
            } else {
                ""
            },
            cols(columns)
        ),
        ConstraintKind::Check { expr } => format!("CHECK ({expr})"),
        ConstraintKind::Exclude {
            using,
            elements,
            predicate,
        } => {
            let mut s = format!("EXCLUDE USING {} ({elements})", qi(using));
            if let Some(p) = predicate {
                let _ = write!(s, " WHERE ({p})");
            }
            s
        }
        ConstraintKind::ForeignKey(fk) => {
            let mut s = format!(
                "FOREIGN KEY ({}) REFERENCES {}",
                cols(&fk.columns),
                fk.ref_table.sql()
            );
            if !fk.ref_columns.is_empty() {
                let _ = write!(s, " ({})", cols(&fk.ref_columns));
            }
            if fk.match_full {
                s.push_str(" MATCH FULL");
            }
            if fk.on_update != "NO ACTION" {
                let _ = write!(s, " ON UPDATE {}", fk.on_update);
            }
            if fk.on_delete != "NO ACTION" {
                let _ = write!(s, " ON DELETE {}", fk.on_delete);
                if !fk.on_delete_columns.is_empty() {
                    let _ = write!(s, " ({})", cols(&fk.on_delete_columns));
                }
            }
            if fk.deferrable {
                s.push_str(" DEFERRABLE");
                if fk.initially_deferred {
                    s.push_str(" INITIALLY DEFERRED");
                }
            }
            s
        }
    }
}

/// CREATE TABLE with columns and non-FK constraints, then RLS, comments and grants.
pub(crate) fn table(t: &Table) -> Vec<String> {
    let unlogged = if t.unlogged { "UNLOGGED " } else { "" };
    let head = if let Some(p) = &t.partition_of {
        let bound = p
            .bound
            .as_ref()
            .map_or("DEFAULT".to_string(), |b| format!("FOR VALUES {b}"));
        // What its columns hold to beyond the parent's.
        let columns: Vec<String> = p
            .columns
            .iter()
            .map(|c| {
                let mut s = format!("    {}", qi(&c.name));
                if c.not_null {
                    s.push_str(" NOT NULL");
                }
                if let Some(d) = &c.default {
                    let _ = write!(s, " DEFAULT {d}");
                }
                s
            })
            .collect();
        let columns = if columns.is_empty() {
            String::new()
        } else {
            format!(" (\n{}\n)", columns.join(",\n"))
        };
        format!(
            "CREATE {unlogged}TABLE {} PARTITION OF {}{columns} {bound}",
            t.name.sql(),
            p.parent.sql()
        )
    } else {
        let mut lines: Vec<String> = t
            .columns
            .iter()
            .map(|c| format!("    {}", column(c)))
            .collect();
        for c in &t.constraints {
            if !matches!(c.kind, ConstraintKind::ForeignKey(_)) && !added_after_create(t, c) {
                lines.push(format!(
                    "    CONSTRAINT {} {}",
                    qi(&c.name),
                    constraint_sql(c)
                ));
            }
        }
        let body = if lines.is_empty() {
            "()".to_string()
        } else {
            format!("(\n{}\n)", lines.join(",\n"))
        };
        let inherits = if t.inherits.is_empty() {
            String::new()
        } else {
            let parents: Vec<String> = t.inherits.iter().map(|p| p.sql()).collect();
            format!(" INHERITS ({})", parents.join(", "))
        };
        format!("CREATE {unlogged}TABLE {} {body}{inherits}", t.name.sql())
    };
    let mut sql = head;
    if let Some(p) = &t.partition_by {
        let _ = write!(sql, " PARTITION BY {} ({})", p.strategy, p.key);
    }
    if !t.storage.is_empty() {
        let _ = write!(sql, " WITH ({})", crate::model::storage_params(&t.storage));
    }
    sql.push(';');
    let mut out = vec![sql];
    for c in t.constraints.iter().filter(|c| added_after_create(t, c)) {
        out.push(format!(
            "ALTER TABLE {} ADD CONSTRAINT {} {}{};",
            t.name.sql(),
            qi(&c.name),
            constraint_sql(c),
            if c.not_valid { " NOT VALID" } else { "" }
        ));
    }
    out.extend(table_extras(t));
    out
}

/// `ALTER TABLE … DISABLE TRIGGER …` (or `ENABLE [REPLICA | ALWAYS]`): when a trigger
/// fires; None is PostgreSQL's default, in origin sessions.
pub(crate) fn trigger_state(t: &QName, name: &str, state: Option<&str>) -> String {
    let action = match state {
        Some("disabled") => "DISABLE",
        Some("enabled replica") => "ENABLE REPLICA",
        Some("enabled always") => "ENABLE ALWAYS",
        _ => "ENABLE",
    };
    format!("ALTER TABLE {} {action} TRIGGER {};", t.sql(), qi(name))
}

/// `ALTER TABLE … ALTER COLUMN … SET STATISTICS n` and `SET STORAGE …`, for what is
/// given (a statistics target of -1 is the default).
pub(crate) fn column_tuning(
    t: &QName,
    column: &str,
    statistics: Option<i64>,
    storage: Option<&str>,
) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(n) = statistics {
        out.push(format!(
            "ALTER TABLE {} ALTER COLUMN {} SET STATISTICS {n};",
            t.sql(),
            qi(column)
        ));
    }
    if let Some(s) = storage {
        out.push(format!(
            "ALTER TABLE {} ALTER COLUMN {} SET STORAGE {s};",
            t.sql(),
            qi(column)
        ));
    }
    out
}

/// Constraints CREATE TABLE cannot state as they are, added by ALTER TABLE after it: a
/// `NOT VALID` CHECK (CREATE TABLE marks every CHECK valid) and a UNIQUE constraint
/// twin of the primary key or of an earlier UNIQUE one (CREATE TABLE silently keeps
/// only one of such twins).
fn added_after_create(t: &Table, c: &Constraint) -> bool {
    // `CREATE TABLE … PARTITION OF` has no column list to hold a partition's own.
    if t.partition_of.is_some() && !matches!(c.kind, ConstraintKind::ForeignKey(_)) {
        return true;
    }
    if c.not_valid && matches!(c.kind, ConstraintKind::Check { .. }) {
        return true;
    }
    let ConstraintKind::Unique {
        columns,
        nulls_not_distinct,
    } = &c.kind
    else {
        return false;
    };
    t.constraints
        .iter()
        .take_while(|o| !std::ptr::eq(*o, c))
        .chain(t.primary_key())
        .any(|o| match &o.kind {
            ConstraintKind::PrimaryKey { columns: pk } => pk == columns,
            ConstraintKind::Unique {
                columns: other,
                nulls_not_distinct: n,
            } => other == columns && n == nulls_not_distinct,
            _ => false,
        })
}

/// What CREATE TABLE does not say: RLS flags, comments, grants.
pub(crate) fn table_extras(t: &Table) -> Vec<String> {
    let mut out = Vec::new();
    for c in &t.columns {
        out.extend(column_tuning(
            &t.name,
            &c.name,
            c.statistics,
            c.storage.as_deref(),
        ));
    }
    if let Some(r) = &t.replica_identity {
        out.push(format!(
            "ALTER TABLE {} REPLICA IDENTITY {r};",
            t.name.sql()
        ));
    }
    out.extend(publication_changes(&t.name, &t.publications, "ADD"));
    if t.rls {
        out.push(format!(
            "ALTER TABLE {} ENABLE ROW LEVEL SECURITY;",
            t.name.sql()
        ));
    }
    if t.force_rls {
        out.push(format!(
            "ALTER TABLE {} FORCE ROW LEVEL SECURITY;",
            t.name.sql()
        ));
    }
    out.extend(comment("TABLE", || t.name.sql(), &t.comment));
    for c in &t.columns {
        out.extend(comment(
            "COLUMN",
            || format!("{}.{}", t.name.sql(), qi(&c.name)),
            &c.comment,
        ));
    }
    for c in &t.constraints {
        if !matches!(c.kind, ConstraintKind::ForeignKey(_)) {
            out.extend(comment(
                "CONSTRAINT",
                || format!("{} ON {}", qi(&c.name), t.name.sql()),
                &c.comment,
            ));
        }
    }
    out
}

/// `CREATE INDEX …`.
pub(crate) fn index(table: &QName, i: &Index, concurrently: bool) -> String {
    let mut sql = format!(
        "CREATE {}INDEX {}{} ON {}",
        if i.unique { "UNIQUE " } else { "" },
        if concurrently { "CONCURRENTLY " } else { "" },
        qi(&i.name),
        table.sql()
    );
    if i.using != "btree" {
        let _ = write!(sql, " USING {}", qi(&i.using));
    }
    let _ = write!(sql, " ({})", i.elements.join(", "));
    if !i.include.is_empty() {
        let cols: Vec<_> = i.include.iter().map(|c| qi(c)).collect();
        let _ = write!(sql, " INCLUDE ({})", cols.join(", "));
    }
    if i.nulls_not_distinct {
        sql.push_str(" NULLS NOT DISTINCT");
    }
    if !i.storage.is_empty() {
        let _ = write!(sql, " WITH ({})", crate::model::storage_params(&i.storage));
    }
    if let Some(p) = &i.predicate {
        let _ = write!(sql, " WHERE ({p})");
    }
    sql.push(';');
    sql
}

/// `CREATE TRIGGER …`.
pub(crate) fn trigger(table: &QName, t: &Trigger) -> String {
    let mut referencing = String::new();
    if let Some(o) = &t.old_table {
        let _ = write!(referencing, " OLD TABLE AS {}", qi(o));
    }
    if let Some(n) = &t.new_table {
        let _ = write!(referencing, " NEW TABLE AS {}", qi(n));
    }
    if !referencing.is_empty() {
        referencing.insert_str(0, " REFERENCING");
    }
    let mut constraint = String::new();
    if let Some(c) = &t.constraint {
        if let Some(from) = &c.from {
            let _ = write!(constraint, " FROM {}", from.sql());
        }
        constraint.push_str(match (c.deferrable, c.initially_deferred) {
            (false, _) => " NOT DEFERRABLE",
            (true, false) => " DEFERRABLE INITIALLY IMMEDIATE",
            (true, true) => " DEFERRABLE INITIALLY DEFERRED",
        });
    }
    let mut sql = format!(
        "CREATE {}TRIGGER {} {} {} ON {}{constraint}{referencing} FOR EACH {}",
        if t.constraint.is_some() {
            "CONSTRAINT "
        } else {
            ""
        },
        qi(&t.name),
        t.timing,
        t.events.join(" OR "),
        table.sql(),
        if t.for_each_row { "ROW" } else { "STATEMENT" }
    );
    if let Some(w) = &t.when {
        let _ = write!(sql, " WHEN ({w})");
    }
    let _ = write!(
        sql,
        " EXECUTE FUNCTION {}({});",
        t.function_name.sql(),
        t.args.join(", ")
    );
    sql
}

/// `CREATE RULE …`: the statements in brackets, which PostgreSQL takes for one or more.
pub(crate) fn rule(r: &crate::model::Rule) -> String {
    let mut sql = format!(
        "CREATE RULE {} AS ON {} TO {}",
        qi(&r.name),
        r.event,
        r.relation.sql()
    );
    if let Some(c) = &r.condition {
        let _ = write!(sql, " WHERE ({c})");
    }
    let _ = write!(
        sql,
        " DO {} {};",
        if r.instead { "INSTEAD" } else { "ALSO" },
        match &r.actions {
            Some(a) => format!("({a})"),
            None => "NOTHING".to_string(),
        }
    );
    sql
}

/// `CREATE POLICY …`.
pub(crate) fn policy(table: &QName, p: &Policy) -> String {
    let roles: Vec<String> = p.roles.iter().map(|r| grantee(r)).collect();
    let mut sql = format!(
        "CREATE POLICY {} ON {} AS {} FOR {} TO {}",
        qi(&p.name),
        table.sql(),
        if p.restrictive {
            "RESTRICTIVE"
        } else {
            "PERMISSIVE"
        },
        p.command,
        roles.join(", ")
    );
    if let Some(u) = &p.using {
        let _ = write!(sql, "\n    USING ({u})");
    }
    if let Some(c) = &p.with_check {
        let _ = write!(sql, "\n    WITH CHECK ({c})");
    }
    sql.push(';');
    sql
}

/// `ALTER PUBLICATION p ADD|DROP TABLE t;` for each publication.
pub(crate) fn publication_changes(
    table: &QName,
    publications: &[String],
    verb: &str,
) -> Vec<String> {
    publications
        .iter()
        .map(|p| format!("ALTER PUBLICATION {} {verb} TABLE {};", qi(p), table.sql()))
        .collect()
}
