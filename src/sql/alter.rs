//! Rendering of steps that change objects in place.

use super::create::{
    column, comment, constraint_sql, function, routine_kind, sequence_options, signature,
};
use super::privileges::{default_statements, object_grants, table_grants};
use crate::diff::{Step, TableChange};
use crate::graph::ObjectKey;
use crate::model::{quote_ident as qi, quote_literal as ql, QName, Schema};
use std::fmt::Write as _;

/// Statements for a step that is not a plain create or drop.
pub(crate) fn render_change(prev: &Schema, next: &Schema, step: &Step, down: bool) -> Vec<String> {
    match step {
        Step::ReplaceFunction(k) => vec![function(&next.functions[k], true)],
        Step::AlterTable { table, changes } => table_changes(table, changes, down),
        Step::AlterDomain(q) => alter_domain(prev, next, q),
        Step::AlterIndexStorage(t, name) => {
            let storage = |s: &Schema| s.index_of(t, name).map(|i| i.storage.clone());
            let (set, reset) = crate::model::storage_delta(
                &storage(prev).unwrap_or_default(),
                &storage(next).unwrap_or_default(),
            );
            let index = QName::new(t.schema.clone(), name.clone()).sql();
            storage_clauses(&set, &reset)
                .into_iter()
                .map(|c| format!("ALTER INDEX {index} {c};"))
                .collect()
        }
        Step::AlterViewStorage(q) => {
            let storage = |s: &Schema| -> Vec<(String, String)> {
                s.views[q]
                    .options
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone().unwrap_or_default()))
                    .collect()
            };
            let (set, reset) = crate::model::storage_delta(&storage(prev), &storage(next));
            storage_clauses(&set, &reset)
                .into_iter()
                .map(|c| format!("ALTER MATERIALIZED VIEW {} {c};", q.sql()))
                .collect()
        }
        Step::AlterPublication(name) => {
            let p = &next.publications[name];
            vec![format!(
                "ALTER PUBLICATION {} SET (publish = '{}', publish_via_partition_root = {});",
                qi(name),
                p.publish.join(", "),
                p.via_root
            )]
        }
        Step::AlterSequence(q) => {
            let (p, n) = (&prev.sequences[q], &next.sequences[q]);
            let mut out = Vec::new();
            if p.unlogged != n.unlogged {
                out.push(format!(
                    "ALTER SEQUENCE {} SET {};",
                    q.sql(),
                    if n.unlogged { "UNLOGGED" } else { "LOGGED" }
                ));
            }
            let options_only = |s: &crate::model::Sequence| crate::model::Sequence {
                unlogged: false,
                comment: None,
                ..s.clone()
            };
            if options_only(p) != options_only(n) {
                out.push(alter_sequence(p, n));
            }
            if p.comment != n.comment {
                out.push(comment_sql("SEQUENCE", &q.sql(), &n.comment));
            }
            out
        }
        Step::AddEnumValue {
            name,
            value,
            before,
        } => {
            let position = before
                .as_ref()
                .map_or(String::new(), |b| format!(" BEFORE {}", ql(b)));
            vec![format!(
                "ALTER TYPE {} ADD VALUE IF NOT EXISTS {}{position};",
                name.sql(),
                ql(value)
            )]
        }
        Step::Comment(ObjectKey::View(q)) => {
            let mut out = Vec::new();
            if prev.views[q].comment != next.views[q].comment {
                out.extend(comment_only(next, &ObjectKey::View(q.clone())));
            }
            out.extend(view_column_comments(prev, next, q));
            out
        }
        Step::Comment(key) => comment_only(next, key),
        Step::RecreateEnum {
            name,
            columns,
            checks,
        } => recreate_enum(next, name, columns, checks),
        Step::SeedRows {
            table,
            upsert,
            delete,
        } => {
            let t = &next.tables[table];
            let seed = t.seed.as_ref().expect("seed step has a seed");
            let mut out = super::seed::delete(t, seed, delete);
            out.extend(super::seed::upsert(t, seed, upsert));
            out
        }
        Step::SetOwner { object, role } => {
            vec![super::privileges::set_owner(next, object, role.as_deref())]
        }
        Step::Grants { grant, revoke, .. } => {
            // Revokes name the object as it was, grants as it is.
            let mut out = object_grants(prev, revoke, false);
            out.extend(object_grants(next, grant, true));
            out
        }
        Step::RevokeDefaultAll { relation, roles } => {
            super::privileges::revoke_all_regrant(next, relation, roles)
        }
        Step::DefaultPrivileges { grant, revoke, .. } => {
            let mut out = default_statements(revoke, false);
            out.extend(default_statements(grant, true));
            out
        }
        Step::CreateIndexConcurrently(t, n) => {
            let i = next.tables[t]
                .indexes
                .iter()
                .find(|i| &i.name == n)
                .expect("index");
            let mut out = vec![super::create::index(t, i, true)];
            out.extend(super::create::comment(
                "INDEX",
                || QName::new(t.schema.clone(), n.clone()).sql(),
                &i.comment,
            ));
            out
        }
        Step::DropIndexConcurrently(t, n) => vec![format!(
            "DROP INDEX CONCURRENTLY IF EXISTS {};",
            QName::new(t.schema.clone(), n.clone()).sql()
        )],
        Step::BuildConstraintIndex(t, n) => vec![super::create::constraint_index(next, t, n)],
        Step::AttachConstraintIndex(t, n) => super::create::attach_constraint_index(next, t, n),
        Step::AddForeignKeyValidated(t, n) => super::create::foreign_key(next, t, n, true, true),
        Step::AddForeignKeyNotValid(t, n) => super::create::foreign_key(next, t, n, true, false),
        Step::AlterPolicy(t, n) => {
            let p = next.tables[t]
                .policies
                .iter()
                .find(|p| &p.name == n)
                .expect("policy");
            let roles: Vec<String> = p
                .roles
                .iter()
                .map(|r| {
                    if r == "public" {
                        "PUBLIC".to_string()
                    } else {
                        qi(r).into_owned()
                    }
                })
                .collect();
            let mut sql = format!(
                "ALTER POLICY {} ON {} TO {}",
                qi(n),
                t.sql(),
                roles.join(", ")
            );
            if let Some(u) = &p.using {
                let _ = write!(sql, "\n    USING ({u})");
            }
            if let Some(c) = &p.with_check {
                let _ = write!(sql, "\n    WITH CHECK ({c})");
            }
            sql.push(';');
            vec![sql]
        }
        Step::Rename(r) => vec![rename(r)],
        Step::LockTables(tables) => {
            // Consecutive tables of one mode share a statement; the order is kept.
            let mut out: Vec<String> = Vec::new();
            for run in tables.chunk_by(|a, b| a.1 == b.1) {
                let names: Vec<String> = run.iter().map(|(t, _)| t.sql()).collect();
                out.push(format!(
                    "LOCK TABLE {} IN {} MODE;",
                    names.join(", "),
                    if run[0].1 {
                        "ACCESS EXCLUSIVE"
                    } else {
                        "SHARE ROW EXCLUSIVE"
                    }
                ));
            }
            out
        }
        Step::Create(_) | Step::Drop(_) => unreachable!("handled by the caller"),
    }
}

/// The statements of a table's changes; consecutive grants (or revokes) share
/// statements, one per group of grantees with the same privileges.
fn table_changes(table: &QName, changes: &[TableChange], down: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = changes;
    while let Some((first, tail)) = rest.split_first() {
        let grant = match first {
            TableChange::Grant(_) => true,
            TableChange::Revoke(_) => false,
            c => {
                out.extend(table_change(table, c, down));
                rest = tail;
                continue;
            }
        };
        let mut run = Vec::new();
        while let Some((c, tail)) = rest.split_first() {
            match (c, grant) {
                (TableChange::Grant(g), true) | (TableChange::Revoke(g), false) => {
                    run.push(g.clone());
                    rest = tail;
                }
                _ => break,
            }
        }
        out.extend(table_grants(table, &run, grant));
    }
    out
}

fn table_change(table: &QName, c: &TableChange, down: bool) -> Vec<String> {
    let t = table.sql();
    let alter = |action: String| format!("ALTER TABLE {t} {action};");
    match c {
        TableChange::AddColumn(col) => {
            let mut out = Vec::new();
            if down {
                out.push(
                    crate::model::comment_safe(&format!(
                        "-- Restores the structure of column {}; the data up.sql dropped is not restored.",
                        qi(&col.name)
                    ))
                    .into_owned(),
                );
            }
            out.push(alter(format!("ADD COLUMN {}", column(col))));
            out.extend(super::create::column_tuning(
                table,
                &col.name,
                col.statistics,
                col.storage.as_deref(),
            ));
            out.extend(comment(
                "COLUMN",
                || format!("{t}.{}", qi(&col.name)),
                &col.comment,
            ));
            out
        }
        TableChange::DropColumn(c) => vec![alter(format!("DROP COLUMN {}", qi(c)))],
        TableChange::RecreateColumn(col) => {
            let mut out = vec![
                alter(format!("DROP COLUMN {}", qi(&col.name))),
                alter(format!("ADD COLUMN {}", column(col))),
            ];
            out.extend(comment(
                "COLUMN",
                || format!("{t}.{}", qi(&col.name)),
                &col.comment,
            ));
            out
        }
        TableChange::AlterType {
            column,
            from,
            ty,
            collation,
            via,
        } => {
            let coll = collation
                .as_ref()
                .map_or(String::new(), |c| format!(" COLLATE {c}"));
            // Between character types or between numbers, PostgreSQL's assignment cast
            // raises on a value that does not fit, where an explicit `::` cast would
            // truncate it: no USING there.
            if via.is_none() && crate::diff::casts::assignment_cast(from, ty) {
                return vec![alter(format!(
                    "ALTER COLUMN {} TYPE {ty}{coll}",
                    qi(column)
                ))];
            }
            let through = via.as_ref().map_or(String::new(), |v| format!("::{v}"));
            vec![alter(format!(
                "ALTER COLUMN {} TYPE {ty}{coll} USING {}{through}::{ty}",
                qi(column),
                qi(column)
            ))]
        }
        TableChange::SetDefault { column, default } => vec![alter(match default {
            Some(d) => format!("ALTER COLUMN {} SET DEFAULT {d}", qi(column)),
            None => format!("ALTER COLUMN {} DROP DEFAULT", qi(column)),
        })],
        TableChange::SetNotNullChecked { column, check } => vec![
            alter(format!("ALTER COLUMN {} SET NOT NULL", qi(column))),
            alter(format!("DROP CONSTRAINT {}", qi(check))),
        ],
        TableChange::SetNotNull { column, not_null } => vec![alter(format!(
            "ALTER COLUMN {} {} NOT NULL",
            qi(column),
            if *not_null { "SET" } else { "DROP" }
        ))],
        TableChange::AddIdentity {
            column,
            kind,
            options,
        } => {
            let opts = if options.is_default() {
                String::new()
            } else {
                format!(" ({})", options.sql())
            };
            vec![alter(format!(
                "ALTER COLUMN {} ADD GENERATED {} AS IDENTITY{opts}",
                qi(column),
                kind.to_ascii_uppercase()
            ))]
        }
        TableChange::IdentityOptions { column, options } => {
            // Every option, so that one going back to its default is reset too.
            let increment = options.increment.unwrap_or(1);
            let start = options.start.unwrap_or(if increment > 0 {
                options.min.unwrap_or(1)
            } else {
                options.max.unwrap_or(-1)
            });
            let min = options.min.map_or("SET NO MINVALUE".to_string(), |v| {
                format!("SET MINVALUE {v}")
            });
            let max = options.max.map_or("SET NO MAXVALUE".to_string(), |v| {
                format!("SET MAXVALUE {v}")
            });
            vec![alter(format!(
                "ALTER COLUMN {} SET INCREMENT BY {increment} {min} {max} SET START WITH {start} SET CACHE {} SET {}CYCLE",
                qi(column),
                options.cache.unwrap_or(1),
                if options.cycle { "" } else { "NO " }
            ))]
        }
        TableChange::DropIdentity(column) => {
            vec![alter(format!("ALTER COLUMN {} DROP IDENTITY", qi(column)))]
        }
        TableChange::AddConstraint(c) => {
            // On a table with rows, a CHECK is added NOT VALID and validated apart, which
            // holds the ACCESS EXCLUSIVE lock only for the catalog change; one declared
            // `not valid` stays so.
            let body = constraint_sql(c);
            let mut out = if c.not_valid {
                vec![alter(format!(
                    "ADD CONSTRAINT {} {body} NOT VALID",
                    qi(&c.name)
                ))]
            } else if matches!(c.kind, crate::model::ConstraintKind::Check { .. }) {
                vec![
                    alter(format!("ADD CONSTRAINT {} {body} NOT VALID", qi(&c.name))),
                    alter(format!("VALIDATE CONSTRAINT {}", qi(&c.name))),
                ]
            } else {
                vec![alter(format!("ADD CONSTRAINT {} {body}", qi(&c.name)))]
            };
            out.extend(comment(
                "CONSTRAINT",
                || format!("{} ON {t}", qi(&c.name)),
                &c.comment,
            ));
            out
        }
        TableChange::DropConstraint(n) => vec![alter(format!("DROP CONSTRAINT {}", qi(n)))],
        TableChange::ColumnTuning {
            column,
            statistics,
            storage,
        } => super::create::column_tuning(table, column, *statistics, storage.as_deref()),
        TableChange::ReplicaIdentity(r) => vec![alter(format!(
            "REPLICA IDENTITY {}",
            r.as_deref().unwrap_or("DEFAULT")
        ))],
        TableChange::Publications { add, drop } => {
            let mut out = super::create::publication_changes(table, drop, "DROP");
            out.extend(super::create::publication_changes(table, add, "ADD"));
            out
        }
        TableChange::TriggerState { trigger, state } => {
            vec![super::create::trigger_state(
                table,
                trigger,
                state.as_deref(),
            )]
        }
        TableChange::Storage { set, reset } => {
            storage_clauses(set, reset).into_iter().map(alter).collect()
        }
        TableChange::ValidateConstraint(n) => {
            vec![alter(format!("VALIDATE CONSTRAINT {}", qi(n)))]
        }
        TableChange::Rls(on) => vec![alter(format!(
            "{} ROW LEVEL SECURITY",
            if *on { "ENABLE" } else { "DISABLE" }
        ))],
        TableChange::ForceRls(on) => vec![alter(format!(
            "{} ROW LEVEL SECURITY",
            if *on { "FORCE" } else { "NO FORCE" }
        ))],
        TableChange::Logged(on) => vec![alter(format!(
            "SET {}",
            if *on { "LOGGED" } else { "UNLOGGED" }
        ))],
        TableChange::Grant(g) => table_grants(table, std::slice::from_ref(g), true),
        TableChange::Revoke(g) => table_grants(table, std::slice::from_ref(g), false),
        TableChange::Comment(c) => vec![comment_sql("TABLE", &t, c)],
        TableChange::ColumnComment(col, c) => {
            vec![comment_sql("COLUMN", &format!("{t}.{}", qi(col)), c)]
        }
        TableChange::ConstraintComment(n, c) => {
            vec![comment_sql("CONSTRAINT", &format!("{} ON {t}", qi(n)), c)]
        }
    }
}

fn comment_sql(kind: &str, target: &str, text: &Option<String>) -> String {
    match text {
        Some(c) => format!("COMMENT ON {kind} {target} IS {};", ql(c)),
        None => format!("COMMENT ON {kind} {target} IS NULL;"),
    }
}

fn comment_only(next: &Schema, key: &ObjectKey) -> Vec<String> {
    let (kind, target, text): (&str, String, Option<String>) = match key {
        ObjectKey::Schema(s) => (
            "SCHEMA",
            qi(s).into_owned(),
            next.schemas[s].comment.clone(),
        ),
        ObjectKey::Enum(q) => ("TYPE", q.sql(), next.enums[q].comment.clone()),
        ObjectKey::Composite(q) => ("TYPE", q.sql(), next.composites[q].comment.clone()),
        ObjectKey::Range(q) => ("TYPE", q.sql(), next.ranges[q].comment.clone()),
        ObjectKey::Collation(q) => ("COLLATION", q.sql(), next.collations[q].comment.clone()),
        ObjectKey::Publication(p) => (
            "PUBLICATION",
            qi(p).into_owned(),
            next.publications[p].comment.clone(),
        ),
        ObjectKey::Domain(q) => ("DOMAIN", q.sql(), next.domains[q].comment.clone()),
        ObjectKey::Function(k) => {
            let f = &next.functions[k];
            (routine_kind(f), signature(f), f.comment.clone())
        }
        ObjectKey::Aggregate(k) => {
            let a = &next.aggregates[k];
            (
                "AGGREGATE",
                super::aggregate::signature(a),
                a.comment.clone(),
            )
        }
        ObjectKey::View(q) => {
            let v = &next.views[q];
            let kind = if v.materialized {
                "MATERIALIZED VIEW"
            } else {
                "VIEW"
            };
            (kind, q.sql(), v.comment.clone())
        }
        ObjectKey::Index(t, n) | ObjectKey::ViewIndex(t, n) => (
            "INDEX",
            QName::new(t.schema.clone(), n.clone()).sql(),
            next.index_of(t, n).and_then(|i| i.comment.clone()),
        ),
        ObjectKey::Statistics(t, n) => (
            "STATISTICS",
            QName::new(t.schema.clone(), n.clone()).sql(),
            next.statistics_of(t, n).and_then(|s| s.comment.clone()),
        ),
        ObjectKey::Rule(t, n) => (
            "RULE",
            format!("{} ON {}", qi(n), t.sql()),
            next.rule_of(t, n).and_then(|r| r.comment.clone()),
        ),
        ObjectKey::Trigger(t, n) | ObjectKey::ViewTrigger(t, n) => (
            "TRIGGER",
            format!("{} ON {}", qi(n), t.sql()),
            next.trigger_of(t, n).and_then(|i| i.comment.clone()),
        ),
        ObjectKey::Policy(t, n) => (
            "POLICY",
            format!("{} ON {}", qi(n), t.sql()),
            next.tables[t]
                .policies
                .iter()
                .find(|i| &i.name == n)
                .and_then(|i| i.comment.clone()),
        ),
        ObjectKey::ForeignKey(t, n) => (
            "CONSTRAINT",
            format!("{} ON {}", qi(n), t.sql()),
            next.tables[t]
                .constraints
                .iter()
                .find(|i| &i.name == n)
                .and_then(|i| i.comment.clone()),
        ),
        _ => return Vec::new(),
    };
    vec![comment_sql(kind, &target, &text)]
}

fn recreate_enum(
    next: &Schema,
    name: &QName,
    columns: &[(QName, String, bool)],
    checks: &[(QName, crate::model::Constraint)],
) -> Vec<String> {
    let e = &next.enums[name];
    let old = QName::new(name.schema.clone(), crate::diff::enum_old_name(name));
    let values: Vec<String> = e.values.iter().map(|v| ql(v)).collect();
    let mut out = vec![
        format!("ALTER TYPE {} RENAME TO {};", name.sql(), qi(&old.name)),
        format!(
            "CREATE TYPE {} AS ENUM ({});",
            name.sql(),
            values.join(", ")
        ),
    ];
    out.extend(comment("TYPE", || name.sql(), &e.comment));
    for (t, c) in checks {
        out.push(format!(
            "ALTER TABLE {} DROP CONSTRAINT {};",
            t.sql(),
            qi(&c.name)
        ));
    }
    for (t, col, array) in columns {
        let column = next.tables[t].column(col).expect("kept column");
        let (via, ty) = if *array {
            ("text[]", format!("{}[]", name.sql()))
        } else {
            ("text", name.sql())
        };
        if column.default.is_some() {
            out.push(format!(
                "ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;",
                t.sql(),
                qi(col)
            ));
        }
        out.push(format!(
            "ALTER TABLE {} ALTER COLUMN {} TYPE {ty} USING {}::{via}::{ty};",
            t.sql(),
            qi(col),
            qi(col)
        ));
        if let Some(d) = &column.default {
            out.push(format!(
                "ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {d};",
                t.sql(),
                qi(col)
            ));
        }
    }
    for (t, c) in checks {
        out.push(format!(
            "ALTER TABLE {} ADD CONSTRAINT {} {};",
            t.sql(),
            qi(&c.name),
            constraint_sql(c)
        ));
    }
    out.push(format!("DROP TYPE {};", old.sql()));
    out
}

fn rename(r: &crate::diff::Rename) -> String {
    use crate::diff::Rename;
    match r {
        Rename::Table(from, to) if from.schema != to.schema => format!(
            "ALTER TABLE {} SET SCHEMA {};\nALTER TABLE {} RENAME TO {};",
            from.sql(),
            qi(&to.schema),
            QName::new(to.schema.clone(), from.name.clone()).sql(),
            qi(&to.name)
        ),
        Rename::Table(from, to) => {
            format!("ALTER TABLE {} RENAME TO {};", from.sql(), qi(&to.name))
        }
        Rename::Column(t, a, b) => format!(
            "ALTER TABLE {} RENAME COLUMN {} TO {};",
            t.sql(),
            qi(a),
            qi(b)
        ),
        Rename::Constraint(t, a, b) => format!(
            "ALTER TABLE {} RENAME CONSTRAINT {} TO {};",
            t.sql(),
            qi(a),
            qi(b)
        ),
        Rename::NotNull {
            table,
            names,
            guard,
        } => {
            let alter = names
                .iter()
                .map(|(from, to)| {
                    format!(
                        "ALTER TABLE {} RENAME CONSTRAINT {} TO {};",
                        table.sql(),
                        qi(from),
                        qi(to)
                    )
                })
                .collect::<Vec<_>>()
                .join(if *guard { "\n  " } else { "\n" });
            if *guard {
                // A dollar-quote tag the statement does not contain, so no name (a
                // quoted identifier may hold `$$`) can end the block early.
                let tag = (0..)
                    .map(|n| {
                        if n == 0 {
                            "$nn$".to_string()
                        } else {
                            format!("$nn{n}$")
                        }
                    })
                    .find(|t| !alter.contains(t.as_str()))
                    .expect("an unused tag");
                let since = crate::model::version::NAMED_NOT_NULL;
                format!(
                    "-- PostgreSQL {since} names NOT NULL constraints after their table and column; older servers have none.\n\
                     DO {tag} BEGIN IF current_setting('server_version_num')::int >= {since}0000 THEN\n  {alter}\nEND IF; END {tag};"
                )
            } else {
                alter
            }
        }
        Rename::Index(schema, a, b) => {
            format!(
                "ALTER INDEX {} RENAME TO {};",
                QName::new(schema.clone(), a.clone()).sql(),
                qi(b)
            )
        }
        Rename::Policy(t, a, b) => {
            format!("ALTER POLICY {} ON {} RENAME TO {};", qi(a), t.sql(), qi(b))
        }
        Rename::Trigger(t, a, b) => format!(
            "ALTER TRIGGER {} ON {} RENAME TO {};",
            qi(a),
            t.sql(),
            qi(b)
        ),
        Rename::Sequence(schema, a, b) => {
            format!(
                "ALTER SEQUENCE {} RENAME TO {};",
                QName::new(schema.clone(), a.clone()).sql(),
                qi(b)
            )
        }
        Rename::EnumValue(e, a, b) => format!(
            "ALTER TYPE {} RENAME VALUE {} TO {};",
            e.sql(),
            ql(a),
            ql(b)
        ),
        Rename::Function {
            signature,
            procedure,
            to,
        } => format!(
            "ALTER {} {signature} RENAME TO {};",
            if *procedure { "PROCEDURE" } else { "FUNCTION" },
            qi(to)
        ),
    }
}

fn alter_domain(prev: &Schema, next: &Schema, q: &QName) -> Vec<String> {
    let (p, n) = (&prev.domains[q], &next.domains[q]);
    let d = q.sql();
    let mut out = Vec::new();
    for (name, expr) in &p.checks {
        if !n.checks.iter().any(|(x, e)| x == name && e == expr) {
            out.push(format!("ALTER DOMAIN {d} DROP CONSTRAINT {};", qi(name)));
        }
    }
    if p.default != n.default {
        out.push(match &n.default {
            Some(v) => format!("ALTER DOMAIN {d} SET DEFAULT {v};"),
            None => format!("ALTER DOMAIN {d} DROP DEFAULT;"),
        });
    }
    if p.not_null != n.not_null {
        let verb = if n.not_null { "SET" } else { "DROP" };
        out.push(format!("ALTER DOMAIN {d} {verb} NOT NULL;"));
    }
    for (name, expr) in &n.checks {
        if !p.checks.iter().any(|(x, e)| x == name && e == expr) {
            out.push(format!(
                "ALTER DOMAIN {d} ADD CONSTRAINT {} CHECK ({expr});",
                qi(name)
            ));
        }
    }
    if p.comment != n.comment {
        out.push(comment_sql("DOMAIN", &d, &n.comment));
    }
    out
}

/// `ALTER SEQUENCE` to the new options; options that went away return to PostgreSQL's
/// defaults (for an ascending sequence: AS bigint, INCREMENT BY 1, NO MINVALUE,
/// NO MAXVALUE, START WITH its minimum, CACHE 1, NO CYCLE).
fn alter_sequence(p: &crate::model::Sequence, n: &crate::model::Sequence) -> String {
    let mut sql = format!("ALTER SEQUENCE {}{}", n.name.sql(), sequence_options(n));
    if p.as_type.is_some() && n.as_type.is_none() {
        sql.push_str(" AS bigint");
    }
    if p.increment.is_some() && n.increment.is_none() {
        sql.push_str(" INCREMENT BY 1");
    }
    if p.min_value.is_some() && n.min_value.is_none() {
        sql.push_str(" NO MINVALUE");
    }
    if p.max_value.is_some() && n.max_value.is_none() {
        sql.push_str(" NO MAXVALUE");
    }
    if p.start.is_some() && n.start.is_none() {
        let descending = n.increment.is_some_and(|i| i < 0);
        let start = match (descending, n.min_value, n.max_value) {
            (false, Some(min), _) => min,
            (false, None, _) => 1,
            (true, _, Some(max)) => max,
            (true, _, None) => -1,
        };
        let _ = write!(sql, " START WITH {start}");
    }
    if p.cache.is_some() && n.cache.is_none() {
        sql.push_str(" CACHE 1");
    }
    if p.cycle && !n.cycle {
        sql.push_str(" NO CYCLE");
    }
    format!("{sql};")
}

/// `COMMENT ON COLUMN` for the view columns whose comment changes (`IS NULL` for
/// one that loses it).
fn view_column_comments(prev: &Schema, next: &Schema, q: &QName) -> Vec<String> {
    let (p, n) = (
        &prev.views[q].column_comments,
        &next.views[q].column_comments,
    );
    let mut out = Vec::new();
    for (c, _) in p.iter().filter(|(c, _)| !n.iter().any(|(o, _)| o == c)) {
        out.push(comment_sql(
            "COLUMN",
            &format!("{}.{}", q.sql(), qi(c)),
            &None,
        ));
    }
    for (c, text) in n.iter().filter(|kv| !p.contains(kv)) {
        out.push(comment_sql(
            "COLUMN",
            &format!("{}.{}", q.sql(), qi(c)),
            &Some(text.clone()),
        ));
    }
    out
}

/// `RESET (…)` then `SET (…)`: the clauses that put storage parameters in place, for
/// `ALTER TABLE` and `ALTER INDEX` alike.
fn storage_clauses(set: &[(String, String)], reset: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    if !reset.is_empty() {
        out.push(format!("RESET ({})", reset.join(", ")));
    }
    if !set.is_empty() {
        out.push(format!("SET ({})", crate::model::storage_params(set)));
    }
    out
}
