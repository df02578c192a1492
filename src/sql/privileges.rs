//! GRANT, REVOKE and ALTER DEFAULT PRIVILEGES.
//!
//! A new object first gets what default privileges give it (PostgreSQL applies them on
//! CREATE when the migration runs as the role they are for), so after creating it
//! schemac grants everything the model lists (a privilege already held is a no-op) and
//! revokes what the defaults gave but the model does not list: the result is exact
//! whichever role runs the migration.

use crate::model::{
    acl_delta, acl_of, group_grants, quote_ident as qi, Acl, DefaultPrivilege, DefaultScope,
    GrantObject, ObjectGrant, QName, Schema, Table, TableGrant,
};

/// The grantee as SQL: `PUBLIC` or a quoted role.
pub(crate) fn grantee(role: &str) -> String {
    if role == "public" {
        "PUBLIC".to_string()
    } else {
        qi(role).into_owned()
    }
}

/// `privilege [(columns)]`.
fn privilege(privilege: &str, columns: &[String]) -> String {
    if columns.is_empty() {
        privilege.to_string()
    } else {
        let cols: Vec<String> = columns.iter().map(|c| qi(c).into_owned()).collect();
        format!("{privilege} ({})", cols.join(", "))
    }
}

/// `GRANT what ON target TO roles` (or `REVOKE … FROM …`). A grant with `grantable` is
/// `WITH GRANT OPTION`; a revoke with it takes away only the grant option.
fn phrase(target: &str, what: &str, roles: &str, grant: bool, grantable: bool) -> String {
    match (grant, grantable) {
        (true, false) => format!("GRANT {what} ON {target} TO {roles};"),
        (true, true) => format!("GRANT {what} ON {target} TO {roles} WITH GRANT OPTION;"),
        (false, false) => format!("REVOKE {what} ON {target} FROM {roles};"),
        (false, true) => format!("REVOKE GRANT OPTION FOR {what} ON {target} FROM {roles};"),
    }
}

/// Grants (or revokes) of `gs` on `target`, one statement per group of grantees with
/// the same privileges.
fn statements(target: &str, gs: &[TableGrant], grant: bool) -> Vec<String> {
    group_grants(gs)
        .into_iter()
        .map(|g| {
            let what: Vec<String> = g.privileges.iter().map(|(p, c)| privilege(p, c)).collect();
            let roles: Vec<String> = g.roles.iter().map(|r| grantee(r)).collect();
            phrase(
                target,
                &what.join(", "),
                &roles.join(", "),
                grant,
                g.grantable,
            )
        })
        .collect()
}

/// Grants (or revokes) of table privileges, grouped (see [`statements`]).
pub(crate) fn table_grants(table: &QName, gs: &[TableGrant], grant: bool) -> Vec<String> {
    statements(&format!("TABLE {}", table.sql()), gs, grant)
}

/// What an object is called in GRANT (`schema` tells a procedure from a function).
fn target(schema: &Schema, o: &GrantObject) -> String {
    match o {
        GrantObject::Schema(s) => format!("SCHEMA {}", qi(s)),
        GrantObject::Sequence(q) => format!("SEQUENCE {}", q.sql()),
        GrantObject::Function(k, sql) if schema.functions.get(k).is_some_and(|f| f.procedure) => {
            format!("PROCEDURE {sql}")
        }
        GrantObject::Function(_, sql) => format!("FUNCTION {sql}"),
        GrantObject::Relation(q) => format!("TABLE {}", q.sql()),
        GrantObject::Type(q) => format!("TYPE {}", q.sql()),
    }
}

/// Grants (or revokes) on a schema, sequence, routine, view or type, grouped per
/// object (see [`statements`]), objects in order of first appearance.
pub(crate) fn object_grants(schema: &Schema, gs: &[ObjectGrant], grant: bool) -> Vec<String> {
    let mut objects: Vec<&GrantObject> = Vec::new();
    for g in gs {
        if !objects.contains(&&g.object) {
            objects.push(&g.object);
        }
    }
    objects
        .into_iter()
        .flat_map(|o| {
            let of: Vec<TableGrant> = gs
                .iter()
                .filter(|g| &g.object == o)
                .map(ObjectGrant::as_table_grant)
                .collect();
            statements(&target(schema, o), &of, grant)
        })
        .collect()
}

/// After CREATE TABLE: first revokes what default privileges gave the table but it
/// does not keep, then its grants. In that order, because revoking a table-wide
/// privilege also takes it from every column: `UPDATE (a)` granted first would be lost.
pub(crate) fn new_table_privileges(schema: &Schema, t: &Table) -> Vec<String> {
    let mut out = Vec::new();
    if schema.has_defaults() {
        let implied = schema.implied_acl(&GrantObject::Relation(t.name.clone()));
        let (revokes, _) = acl_delta(&implied, &acl_of(&t.grants));
        let target = format!("TABLE {}", t.name.sql());
        out.extend(revoke_default_all(&target, &implied, revokes));
    }
    out.extend(table_grants(&t.name, &t.grants, true));
    out
}

/// The revokes after creating a relation: `REVOKE ALL` from the roles default
/// privileges gave ALL (their kept privileges are granted again right after), the
/// listed privileges from the others.
fn revoke_default_all(target: &str, implied: &Acl, mut revokes: Vec<TableGrant>) -> Vec<String> {
    let all = crate::model::given_all(implied);
    let mut out = Vec::new();
    if !all.is_empty() {
        let roles: Vec<String> = all.iter().map(|r| grantee(r)).collect();
        out.push(format!("REVOKE ALL ON {target} FROM {};", roles.join(", ")));
        revokes.retain(|g| !all.contains(&g.role));
    }
    out.extend(statements(target, &revokes, false));
    out
}

/// After creating an object: what default privileges gave it that it does not keep
/// and PUBLIC's built-in privilege if it is taken away (revoked first), then its
/// grants.
pub(crate) fn create_grants(schema: &Schema, o: &GrantObject) -> Vec<String> {
    let grants: Vec<TableGrant> = schema
        .grants
        .iter()
        .filter(|g| &g.object == o)
        .map(ObjectGrant::as_table_grant)
        .collect();
    let implied = schema.implied_acl(o);
    let (mut revokes, _) = acl_delta(&implied, &schema.object_acl(o));
    let revoked = schema.revoked_of(o);
    revokes.extend(revoked.iter().map(|g| g.as_table_grant()));
    let mut out = match o {
        GrantObject::Relation(_) => revoke_default_all(&target(schema, o), &implied, revokes),
        _ => statements(&target(schema, o), &revokes, false),
    };
    out.extend(statements(&target(schema, o), &grants, true));
    // Default privileges took PUBLIC's built-in privilege, and the object keeps it.
    if let (true, true, Some(p)) = (
        revoked.is_empty(),
        schema.implied_revoked(o),
        o.public_by_default(),
    ) {
        out.push(format!("GRANT {p} ON {} TO PUBLIC;", target(schema, o)));
    }
    out
}

/// Back to what PostgreSQL gives a new object by itself: its grants revoked and
/// PUBLIC's built-in privilege given back.
pub(crate) fn drop_grants(schema: &Schema, o: &GrantObject) -> Vec<String> {
    // The whole privilege, not only its grant option.
    let revokes: Vec<TableGrant> = schema
        .grants
        .iter()
        .filter(|g| &g.object == o)
        .map(|g| TableGrant {
            grantable: false,
            ..g.as_table_grant()
        })
        .collect();
    let mut out = statements(&target(schema, o), &revokes, false);
    let back: Vec<TableGrant> = schema
        .revoked_of(o)
        .iter()
        .map(|g| g.as_table_grant())
        .collect();
    out.extend(statements(&target(schema, o), &back, true));
    out
}

/// `ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s] GRANT|REVOKE …` of `entries`;
/// `add` true puts them in place, false takes them out. Entries of one scope, kind
/// and direction share statements, one per group of grantees with the same
/// privileges.
pub(crate) fn default_statements<'a>(
    entries: impl IntoIterator<Item = &'a DefaultPrivilege>,
    add: bool,
) -> Vec<String> {
    // (head, kind, grant) → grants, in order of first appearance.
    type Run = ((String, &'static str, bool), Vec<TableGrant>);
    let mut runs: Vec<Run> = Vec::new();
    for d in entries {
        let mut head = "ALTER DEFAULT PRIVILEGES".to_string();
        if let Some(o) = &d.owner {
            head.push_str(&format!(" FOR ROLE {}", qi(o)));
        }
        if let Some(s) = &d.schema {
            head.push_str(&format!(" IN SCHEMA {}", qi(s)));
        }
        // A revoked built-in privilege is in place when it is revoked.
        let grant = add != d.revoked;
        let g = TableGrant {
            role: d.role.clone(),
            privilege: d.privilege.clone(),
            columns: Vec::new(),
            // Taking a grantable entry out takes the whole privilege, not only its option.
            grantable: grant && d.grantable,
        };
        let key = (head, d.on.sql(), grant);
        match runs.iter_mut().find(|(k, _)| *k == key) {
            Some((_, gs)) => gs.push(g),
            None => runs.push((key, vec![g])),
        }
    }
    runs.into_iter()
        .flat_map(|((head, kind, grant), gs)| {
            statements(kind, &gs, grant)
                .into_iter()
                .map(move |body| format!("{head} {body}"))
        })
        .collect()
}

fn of_scope<'a>(
    schema: &'a Schema,
    scope: &'a DefaultScope,
) -> impl Iterator<Item = &'a DefaultPrivilege> {
    schema
        .default_privileges
        .iter()
        .filter(move |d| &d.scope() == scope)
}

/// Every entry of one scope put in place.
pub(crate) fn create_defaults(schema: &Schema, scope: &DefaultScope) -> Vec<String> {
    default_statements(of_scope(schema, scope), true)
}

/// Every entry of one scope taken out.
pub(crate) fn drop_defaults(schema: &Schema, scope: &DefaultScope) -> Vec<String> {
    default_statements(of_scope(schema, scope), false)
}

/// `ALTER <kind> <object> OWNER TO <role>`; `None` hands it back to the role that runs
/// the migration (`CURRENT_USER`).
pub(crate) fn set_owner(schema: &Schema, o: &GrantObject, role: Option<&str>) -> String {
    let (kind, name) = schema.owner_kind(o);
    let to = role.map_or_else(|| "CURRENT_USER".to_string(), |r| qi(r).into_owned());
    format!("ALTER {kind} {name} OWNER TO {to};")
}

/// [`crate::diff::Step::RevokeDefaultAll`]: `REVOKE ALL` from `roles` on a kept
/// relation, then what it declares for them granted again.
pub(crate) fn revoke_all_regrant(schema: &Schema, q: &QName, roles: &[String]) -> Vec<String> {
    let o = GrantObject::Relation(q.clone());
    let names: Vec<String> = roles.iter().map(|r| grantee(r)).collect();
    let mut out = vec![format!(
        "REVOKE ALL ON {} FROM {};",
        target(schema, &o),
        names.join(", ")
    )];
    match schema.tables.get(q) {
        Some(t) => {
            let back: Vec<TableGrant> = t
                .grants
                .iter()
                .filter(|g| roles.contains(&g.role))
                .cloned()
                .collect();
            out.extend(table_grants(q, &back, true));
        }
        None => {
            let back: Vec<ObjectGrant> = schema
                .grants
                .iter()
                .filter(|g| g.object == o && roles.contains(&g.role))
                .cloned()
                .collect();
            out.extend(object_grants(schema, &back, true));
        }
    }
    out
}
