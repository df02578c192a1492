//! GRANT, REVOKE and ALTER DEFAULT PRIVILEGES.
//!
//! A new object first gets what default privileges give it (PostgreSQL applies them on
//! CREATE when the migration runs as the role they are for), so after creating it
//! schemac grants everything the model lists (a privilege already held is a no-op) and
//! revokes what the defaults gave but the model does not list: the result is exact
//! whichever role runs the migration.

use crate::model::{
    acl_delta, acl_of, quote_ident as qi, DefaultPrivilege, DefaultScope, GrantObject, ObjectGrant,
    QName, Schema, Table, TableGrant,
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

/// `GRANT …` or `REVOKE …` of one privilege of one grantee on `target` (`TABLE t`,
/// `FUNCTION f(int)`, …). A grant with `grantable` is `WITH GRANT OPTION`; a revoke
/// with it takes away only the grant option.
fn statement(target: &str, g: &TableGrant, grant: bool) -> String {
    let what = privilege(&g.privilege, &g.columns);
    let role = grantee(&g.role);
    match (grant, g.grantable) {
        (true, false) => format!("GRANT {what} ON {target} TO {role};"),
        (true, true) => format!("GRANT {what} ON {target} TO {role} WITH GRANT OPTION;"),
        (false, false) => format!("REVOKE {what} ON {target} FROM {role};"),
        (false, true) => format!("REVOKE GRANT OPTION FOR {what} ON {target} FROM {role};"),
    }
}

/// `GRANT …` (or `REVOKE …`) of one table privilege.
pub(crate) fn table_grant(table: &QName, g: &TableGrant, grant: bool) -> String {
    statement(&format!("TABLE {}", table.sql()), g, grant)
}

/// What an object is called in GRANT.
fn target(o: &GrantObject) -> String {
    match o {
        GrantObject::Schema(s) => format!("SCHEMA {}", qi(s)),
        GrantObject::Sequence(q) => format!("SEQUENCE {}", q.sql()),
        GrantObject::Function(_, sql) => format!("FUNCTION {sql}"),
        GrantObject::Relation(q) => format!("TABLE {}", q.sql()),
        GrantObject::Type(q) => format!("TYPE {}", q.sql()),
    }
}

/// `GRANT …` (or `REVOKE …`) on a schema, sequence, routine, view or type.
pub(crate) fn object_grant(g: &ObjectGrant, grant: bool) -> String {
    statement(&target(&g.object), &g.as_table_grant(), grant)
}

/// After CREATE TABLE: revokes what default privileges gave the table but it does not
/// keep (its grants follow from `create::table_extras`).
pub(crate) fn implied_table_revokes(schema: &Schema, t: &Table) -> Vec<String> {
    if schema.default_privileges.is_empty() {
        return Vec::new();
    }
    let implied = schema.implied_acl(&GrantObject::Relation(t.name.clone()));
    let (revokes, _) = acl_delta(&implied, &acl_of(&t.grants));
    revokes
        .iter()
        .map(|g| table_grant(&t.name, g, false))
        .collect()
}

/// After creating an object: its grants, what default privileges gave it that it
/// does not keep, and PUBLIC's built-in privilege if it is taken away.
pub(crate) fn create_grants(schema: &Schema, o: &GrantObject) -> Vec<String> {
    let mut out: Vec<String> = schema
        .grants
        .iter()
        .filter(|g| &g.object == o)
        .map(|g| object_grant(g, true))
        .collect();
    let (revokes, _) = acl_delta(&schema.implied_acl(o), &schema.object_acl(o));
    out.extend(revokes.iter().map(|g| statement(&target(o), g, false)));
    let revoked = schema.revoked_of(o);
    out.extend(revoked.iter().map(|g| object_grant(g, false)));
    // Default privileges took PUBLIC's built-in privilege, and the object keeps it.
    if let (true, true, Some(p)) = (
        revoked.is_empty(),
        schema.implied_revoked(o),
        o.public_by_default(),
    ) {
        out.push(format!("GRANT {p} ON {} TO PUBLIC;", target(o)));
    }
    out
}

/// Back to what PostgreSQL gives a new object by itself: its grants revoked and
/// PUBLIC's built-in privilege given back.
pub(crate) fn drop_grants(schema: &Schema, o: &GrantObject) -> Vec<String> {
    let mut out: Vec<String> = schema
        .grants
        .iter()
        .filter(|g| &g.object == o)
        .map(|g| {
            // The whole privilege, not only its grant option.
            let whole = ObjectGrant {
                grantable: false,
                ..g.clone()
            };
            object_grant(&whole, false)
        })
        .collect();
    out.extend(schema.revoked_of(o).iter().map(|g| object_grant(g, true)));
    out
}

/// `ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s] GRANT|REVOKE …` of one entry;
/// `add` true puts it in place, false takes it out.
pub(crate) fn default_privilege(d: &DefaultPrivilege, add: bool) -> String {
    let mut head = "ALTER DEFAULT PRIVILEGES".to_string();
    if let Some(o) = &d.owner {
        head.push_str(&format!(" FOR ROLE {}", qi(o)));
    }
    if let Some(s) = &d.schema {
        head.push_str(&format!(" IN SCHEMA {}", qi(s)));
    }
    let g = TableGrant {
        role: d.role.clone(),
        privilege: d.privilege.clone(),
        columns: Vec::new(),
        grantable: d.grantable,
    };
    // A revoked built-in privilege is in place when it is revoked.
    let grant = add != d.revoked;
    let body = statement(d.on.sql(), &g, grant);
    // Taking a grantable entry out takes the whole privilege, not only its option.
    let body = if !grant && d.grantable {
        body.replacen("REVOKE GRANT OPTION FOR ", "REVOKE ", 1)
    } else {
        body
    };
    format!("{head} {body}")
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
    of_scope(schema, scope)
        .map(|d| default_privilege(d, true))
        .collect()
}

/// Every entry of one scope taken out.
pub(crate) fn drop_defaults(schema: &Schema, scope: &DefaultScope) -> Vec<String> {
    of_scope(schema, scope)
        .map(|d| default_privilege(d, false))
        .collect()
}
