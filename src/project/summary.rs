//! How a migration is described in words: one line per step for its header and the
//! build summary, the hazard list, and the name a migration gets when none is given.

use crate::diff::{Hazard, Plan, Rename, Step, TableChange};
use crate::graph::ObjectKey;

/// The hazards as a comma-separated list, or `none`.
pub(crate) fn hazard_list(h: &[Hazard]) -> String {
    if h.is_empty() {
        "none".to_string()
    } else {
        h.iter().map(|h| h.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// The header lines of a plan's steps: what each does, and its hazards when it has
/// any.
pub fn step_lines(plan: &Plan) -> impl Iterator<Item = String> + '_ {
    plan.steps_with_hazards().map(|(step, hazards)| {
        if hazards.is_empty() {
            describe(step)
        } else {
            format!("{} ({})", describe(step), hazard_list(&hazards))
        }
    })
}

/// One line describing a step, for headers and plan summaries.
pub fn describe(step: &Step) -> String {
    match step {
        Step::Rename(r) => match r {
            Rename::Table(a, b) => format!("rename table {a} to {b}"),
            Rename::Column(t, a, b) => format!("rename column {t}.{a} to {b}"),
            Rename::Constraint(t, a, b) => format!("rename constraint {t}.{a} to {b}"),
            Rename::NotNull { table, names, .. } => {
                let list: Vec<String> = names.iter().map(|(a, b)| format!("{a} to {b}")).collect();
                format!(
                    "rename NOT NULL constraints of {table} (PostgreSQL 18): {}",
                    list.join(", ")
                )
            }
            Rename::Index(s, a, b) => format!("rename index {s}.{a} to {b}"),
            Rename::Policy(t, a, b) => format!("rename policy {t}.{a} to {b}"),
            Rename::Trigger(t, a, b) => format!("rename trigger {t}.{a} to {b}"),
            Rename::Sequence(s, a, b) => format!("rename sequence {s}.{a} to {b}"),
            Rename::EnumValue(e, a, b) => format!("rename value '{a}' of type {e} to '{b}'"),
            Rename::Function { signature, to, .. } => {
                format!("rename function {signature} to {to}")
            }
        },
        Step::Create(k) => format!("create {k}"),
        Step::SetOwner { object, role } => format!(
            "owner of {} to {}",
            object.describe(),
            role.as_deref().unwrap_or("the migration's role")
        ),
        Step::Drop(k) => format!("drop {k}"),
        Step::ReplaceFunction(k) => format!("replace function {k}"),
        Step::AlterTable { table, changes } => {
            let mut parts: Vec<String> = changes
                .iter()
                .filter(|c| !matches!(c, TableChange::Grant(_) | TableChange::Revoke(_)))
                .map(|c| match c {
                    TableChange::AddColumn(c) => format!("add column {}", c.name),
                    TableChange::DropColumn(c) => format!("drop column {c}"),
                    TableChange::RecreateColumn(c) => {
                        format!("recreate generated column {}", c.name)
                    }
                    TableChange::AlterType { column, ty, .. } => {
                        format!("column {column} type {ty}")
                    }
                    TableChange::SetDefault {
                        column,
                        default: Some(_),
                    } => format!("column {column} set default"),
                    TableChange::SetDefault {
                        column,
                        default: None,
                    } => format!("column {column} drop default"),
                    TableChange::SetNotNull {
                        column,
                        not_null: true,
                    } => format!("column {column} set not null"),
                    TableChange::SetNotNull {
                        column,
                        not_null: false,
                    } => format!("column {column} drop not null"),
                    TableChange::SetNotNullChecked { column, check } => {
                        format!("column {column} set not null (proved by {check}, then dropped)")
                    }
                    TableChange::AddIdentity { column, .. } => {
                        format!("column {column} add identity")
                    }
                    TableChange::DropIdentity(column) => format!("column {column} drop identity"),
                    TableChange::IdentityOptions { column, .. } => {
                        format!("column {column} set identity options")
                    }
                    TableChange::AddConstraint(c) => format!("add constraint {}", c.name),
                    TableChange::DropConstraint(c) => format!("drop constraint {c}"),
                    TableChange::ValidateConstraint(c) => format!("validate constraint {c}"),
                    TableChange::Storage { .. } => "set storage parameters".to_string(),
                    TableChange::ColumnTuning { column, .. } => {
                        format!("column {column} statistics/storage")
                    }
                    TableChange::ReplicaIdentity(r) => format!(
                        "replica identity {}",
                        r.as_deref().unwrap_or("default").to_ascii_lowercase()
                    ),
                    TableChange::Publications { add, drop } => {
                        let mut parts: Vec<String> =
                            add.iter().map(|p| format!("join publication {p}")).collect();
                        parts.extend(drop.iter().map(|p| format!("leave publication {p}")));
                        parts.join(", ")
                    }
                    TableChange::TriggerState { trigger, state } => format!(
                        "trigger {trigger} {}",
                        state.as_deref().unwrap_or("enabled")
                    ),
                    TableChange::Rls(on) => format!(
                        "{} row level security",
                        if *on { "enable" } else { "disable" }
                    ),
                    TableChange::ForceRls(on) => format!(
                        "{} row level security",
                        if *on { "force" } else { "unforce" }
                    ),
                    TableChange::Logged(on) => {
                        format!("set {}", if *on { "logged" } else { "unlogged" })
                    }
                    TableChange::Grant(_) | TableChange::Revoke(_) => unreachable!("filtered"),
                    TableChange::Comment(_) => "comment".to_string(),
                    TableChange::ColumnComment(c, _) => format!("comment on column {c}"),
                    TableChange::ConstraintComment(c, _) => format!("comment on constraint {c}"),
                })
                .collect();
            for grant in [false, true] {
                let gs: Vec<crate::model::TableGrant> = changes
                    .iter()
                    .filter_map(|c| match (c, grant) {
                        (TableChange::Grant(g), true) | (TableChange::Revoke(g), false) => {
                            Some(g.clone())
                        }
                        _ => None,
                    })
                    .collect();
                parts.extend(privilege_phrases(&gs, grant));
            }
            format!("alter table {table}: {}", parts.join(", "))
        }
        Step::AlterSequence(q) => format!("alter sequence {q}"),
        Step::AlterPublication(p) => format!("alter publication {p}"),
        Step::AlterViewStorage(q) => format!("set storage parameters of materialized view {q}"),
        Step::AlterIndexStorage(t, i) => format!("set storage parameters of index {i} on {t}"),
        Step::AlterDomain(q) => format!("alter domain {q}"),
        Step::AddEnumValue { name, value, .. } => format!("add value '{value}' to type {name}"),
        Step::Comment(k) => format!("comment on {k}"),
        Step::RecreateEnum { name, columns, .. } => {
            format!(
                "recreate type {name} (converting {} column(s))",
                columns.len()
            )
        }
        Step::SeedRows {
            table,
            upsert,
            delete,
        } => {
            format!(
                "seed {table}: upsert {} row(s), delete {} row(s)",
                upsert.len(),
                delete.len()
            )
        }
        Step::RevokeDefaultAll { relation, roles } => format!(
            "revoke all on {relation} from {} and grant back what it declares (takes PostgreSQL 17's MAINTAIN that default privileges gave)",
            roles.join(", ")
        ),
        Step::Grants {
            object,
            grant,
            revoke,
        } => {
            let k = ObjectKey::Grants(object.clone());
            format!("{k}: grant {}, revoke {}", grant.len(), revoke.len())
        }
        Step::DefaultPrivileges {
            scope,
            grant,
            revoke,
        } => {
            let k = ObjectKey::DefaultPrivileges(scope.clone());
            format!("{k}: grant {}, revoke {}", grant.len(), revoke.len())
        }
        Step::CreateIndexConcurrently(t, n) => {
            format!("create index {}.{n} on {t} concurrently", t.schema)
        }
        Step::DropIndexConcurrently(t, n) => {
            format!("drop index {}.{n} on {t} concurrently", t.schema)
        }
        Step::BuildConstraintIndex(t, n) => {
            format!("build the unique index of constraint {t}.{n} concurrently")
        }
        Step::AttachConstraintIndex(t, n) => {
            format!("add constraint {t}.{n} using its index")
        }
        Step::AddForeignKeyValidated(t, n) => {
            format!("add constraint {t}.{n} (not valid, then validate)")
        }
        Step::AddForeignKeyNotValid(t, n) => {
            format!("add constraint {t}.{n} not valid (validated by a later step)")
        }
        Step::AlterPolicy(t, n) => format!("alter policy {t}.{n}"),
        Step::LockTables(tables) => format!(
            "lock {} first, referencing tables before referenced ones (no deadlock with the application)",
            tables
                .iter()
                .map(|(t, exclusive)| if *exclusive {
                    t.to_string()
                } else {
                    format!("{t} (against writes)")
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A migration name from the tables it touches: `create_tasks`, `alter_tasks_and_messages`,
/// `alter_tasks_etc`; `update` when no table is touched.
pub(crate) fn auto_name(plan: &Plan) -> String {
    let mut touched: Vec<(&str, String)> = Vec::new();
    for step in plan.all() {
        let (verb, table) = match step {
            Step::Create(ObjectKey::Table(q)) => ("create", &q.name),
            Step::Drop(ObjectKey::Table(q)) => ("drop", &q.name),
            Step::AlterTable { table, .. } => ("alter", &table.name),
            Step::Create(
                ObjectKey::Index(t, _) | ObjectKey::Policy(t, _) | ObjectKey::Trigger(t, _),
            )
            | Step::Drop(
                ObjectKey::Index(t, _) | ObjectKey::Policy(t, _) | ObjectKey::Trigger(t, _),
            )
            | Step::CreateIndexConcurrently(t, _)
            | Step::DropIndexConcurrently(t, _)
            | Step::BuildConstraintIndex(t, _)
            | Step::AlterPolicy(t, _)
            | Step::AddForeignKeyValidated(t, _)
            | Step::AddForeignKeyNotValid(t, _) => ("alter", &t.name),
            _ => continue,
        };
        if !touched.iter().any(|(_, t)| t == table) {
            touched.push((verb, table.clone()));
        }
    }
    match touched.as_slice() {
        [] => other_objects_name(plan),
        [(v, t)] => format!("{v}_{t}"),
        [(v, a), (_, b)] => format!("{v}_{a}_and_{b}"),
        [(v, a), ..] => format!("{v}_{a}_etc"),
    }
}

/// A name from what a plan that touches no table does: `replace_function_touch`,
/// `create_view_report_etc`, `grants`; `update` when nothing says more.
fn other_objects_name(plan: &Plan) -> String {
    let named: Vec<(&str, &str, String)> = plan
        .all()
        .filter_map(|step| {
            let (verb, key) = match step {
                Step::Create(k) => ("create", k),
                Step::Drop(k) => ("drop", k),
                Step::ReplaceFunction(k) => return Some(("replace", "function", base(k))),
                Step::AddEnumValue { name, .. } | Step::RecreateEnum { name, .. } => {
                    return Some(("alter", "type", name.name.clone()))
                }
                Step::AlterSequence(q) => return Some(("alter", "sequence", q.name.clone())),
                Step::AlterPublication(p) => return Some(("alter", "publication", p.clone())),
                Step::AlterDomain(q) => return Some(("alter", "domain", q.name.clone())),
                Step::Grants { .. } | Step::RevokeDefaultAll { .. } => {
                    return Some(("change", "grants", String::new()))
                }
                Step::DefaultPrivileges { .. } => {
                    return Some(("change", "default_privileges", String::new()))
                }
                Step::SetOwner { .. } => return Some(("change", "owners", String::new())),
                _ => return None,
            };
            let (kind, name) = match key {
                ObjectKey::Function(k) => ("function", base(k)),
                ObjectKey::Aggregate(k) => ("aggregate", base(k)),
                ObjectKey::View(q) => ("view", q.name.clone()),
                ObjectKey::Enum(q)
                | ObjectKey::Domain(q)
                | ObjectKey::Range(q)
                | ObjectKey::Composite(q) => ("type", q.name.clone()),
                ObjectKey::Sequence(q) => ("sequence", q.name.clone()),
                ObjectKey::Schema(n) => ("schema", n.clone()),
                ObjectKey::Extension(n) => ("extension", n.clone()),
                ObjectKey::Collation(q) => ("collation", q.name.clone()),
                ObjectKey::Publication(p) => ("publication", p.clone()),
                ObjectKey::Grants(_) => ("grants", String::new()),
                _ => return None,
            };
            Some((verb, kind, name))
        })
        .collect();
    let Some((verb, kind, name)) = named.first() else {
        return "update".to_string();
    };
    let more = named.iter().any(|(_, k, n)| (k, n) != (kind, name));
    let mut out = if name.is_empty() {
        kind.to_string()
    } else {
        format!("{verb}_{kind}_{name}")
    };
    if more {
        out.push_str("_etc");
    }
    out
}

/// A routine's name from its signature key (`public.touch()` → `touch`).
fn base(key: &str) -> String {
    let name = key.split('(').next().unwrap_or(key);
    name.rsplit('.').next().unwrap_or(name).to_string()
}

/// A migration name made safe for a directory name: lower case, `_` separated, at most
/// 48 characters.
pub(crate) fn sanitize(name: &str) -> String {
    let s: String = name
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let s = s.trim_matches('_').to_string();
    let s: String = s.chars().take(48).collect();
    if s.is_empty() {
        "migration".to_string()
    } else {
        s
    }
}

/// `revoke all from anon, service_role`, `grant select, update (a) to r`: grantees with
/// the same privileges in one phrase.
fn privilege_phrases(gs: &[crate::model::TableGrant], grant: bool) -> Vec<String> {
    crate::model::group_grants(gs)
        .into_iter()
        .map(|g| {
            let what: Vec<String> = g
                .privileges
                .iter()
                .map(|(p, c)| {
                    let p = p.to_lowercase();
                    if c.is_empty() {
                        p
                    } else {
                        format!("{p} ({})", c.join(", "))
                    }
                })
                .collect();
            let (verb, to) = if grant {
                ("grant", "to")
            } else {
                ("revoke", "from")
            };
            let option = match (g.grantable, grant) {
                (true, false) => "grant option for ",
                _ => "",
            };
            let with = if g.grantable && grant {
                " with grant option"
            } else {
                ""
            };
            format!(
                "{verb} {option}{} {to} {}{with}",
                what.join(", "),
                g.roles.join(", ")
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QName;

    fn plan(steps: Vec<Step>) -> Plan {
        Plan {
            steps,
            ..Plan::default()
        }
    }

    #[test]
    fn migrations_that_touch_no_table_are_named_after_what_they_change() {
        let f = |k: &str| Step::ReplaceFunction(k.to_string());
        assert_eq!(
            auto_name(&plan(vec![f("public.touch_updated_at()")])),
            "replace_function_touch_updated_at"
        );
        let v = |n: &str| Step::Create(ObjectKey::View(QName::new("public", n)));
        assert_eq!(
            auto_name(&plan(vec![v("report"), v("summary")])),
            "create_view_report_etc"
        );
        assert_eq!(auto_name(&plan(vec![])), "update");
        let t = QName::new("public", "tasks");
        assert_eq!(
            auto_name(&plan(vec![Step::CreateIndexConcurrently(t, "i".into())])),
            "alter_tasks"
        );
    }
}
