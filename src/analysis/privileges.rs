//! Privileges: `default privileges` first (they run before `objects`, so every object
//! the project creates takes what they give it), then, once every object exists,
//! top-level `grant … on` and `revoke … on`.
//!
//! A model object's grants are what the database will hold: what default privileges
//! (without `for role`) give an object of its kind in its schema, plus its grants, less
//! its revokes. PUBLIC's built-in EXECUTE on routines and USAGE on types is implied and
//! only its removal is recorded (`Schema::revoked`).

use super::declare::lower_args;
use super::objects::{check_roles, check_schema, expand_privileges};
use super::tables::unknown_table;
use super::{qualify, Cx};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{
    self, implied_by_defaults, DefaultObjects, DefaultPrivilege, GrantObject, ObjectGrant, QName,
    TableGrant, COLUMN_PRIVILEGES, TABLE_PRIVILEGES,
};
use crate::syntax::ast::{self, GrantTarget, ItemKind};

/// Privileges as written: each with its column list.
type Written = [(ast::Ident, Vec<ast::Ident>)];

/// Lowers every `default privileges` declaration.
pub(crate) fn defaults(cx: &mut Cx) {
    let items = cx.items.clone();
    for item in items {
        if let ItemKind::DefaultPrivileges(d) = &item.kind {
            lower_defaults(cx, d);
        }
    }
    cx.schema.default_privileges.sort();
    cx.schema.default_privileges.dedup();
}

fn lower_defaults(cx: &mut Cx, d: &ast::DefaultPrivileges) {
    if let Some(owner) = &d.owner {
        check_roles(cx, std::slice::from_ref(owner));
    }
    check_roles(cx, &d.roles);
    let on = match d.on.name.to_ascii_lowercase().as_str() {
        "tables" => DefaultObjects::Tables,
        "sequences" => DefaultObjects::Sequences,
        "functions" | "routines" => DefaultObjects::Functions,
        "types" => DefaultObjects::Types,
        "schemas" => DefaultObjects::Schemas,
        other => {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadOption,
                    d.on.span,
                    format!("default privileges do not apply to `{other}`"),
                )
                .with_note("help: write tables, sequences, functions, routines, types or schemas"),
            );
            return;
        }
    };
    if let Some(s) = &d.schema {
        check_schema(cx, &s.name, s.span);
        if on == DefaultObjects::Schemas {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadOption,
                    d.on.span,
                    "default privileges on schemas cannot be limited to a schema",
                )
                .with_note("help: leave out `in schema …`"),
            );
            return;
        }
    }
    let kind = format!("default privilege on {}", d.on.name.to_ascii_lowercase());
    let privileges = expand_privileges(cx, &d.privileges, on.privileges(), &kind);
    no_columns(cx, &d.privileges, "a default privilege");
    for (privilege, _) in privileges {
        for role in &d.roles {
            let builtin = d.schema.is_none()
                && role.name == "public"
                && on.public_by_default() == Some(privilege.as_str());
            if d.revoke && !builtin {
                cx.diags.push(
                    Diagnostic::error(
                        Code::NothingToRevoke,
                        role.span,
                        format!("no default privilege gives `{}` {privilege} to take away", role.name),
                    )
                    .with_label("nothing to revoke")
                    .with_note("help: database-wide, `revoke` takes away what PostgreSQL gives PUBLIC (EXECUTE on functions, USAGE on types); otherwise leave the grant out"),
                );
                continue;
            }
            cx.schema.default_privileges.push(DefaultPrivilege {
                owner: d.owner.as_ref().map(|o| o.name.clone()),
                schema: d.schema.as_ref().map(|s| s.name.clone()),
                on,
                privilege: privilege.clone(),
                role: role.name.clone(),
                grantable: d.grantable,
                revoked: d.revoke,
            });
        }
    }
}

/// What default privileges give a new table in `schema`.
pub(crate) fn implied_table_grants(defaults: &[DefaultPrivilege], schema: &str) -> Vec<TableGrant> {
    implied_by_defaults(defaults, schema, DefaultObjects::Tables)
        .0
        .into_iter()
        .map(|(role, privilege, grantable)| TableGrant {
            role,
            privilege,
            columns: Vec::new(),
            grantable,
        })
        .collect()
}

/// Reports column lists where only whole-object privileges are allowed.
fn no_columns(cx: &mut Cx, privileges: &Written, what: &str) {
    for (p, cols) in privileges {
        if let Some(c) = cols.first() {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadPrivilege,
                    c.span,
                    format!("{what} cannot name columns (`{}`)", p.name),
                )
                .with_note("help: column privileges are granted on a table or view"),
            );
        }
    }
}

/// Reports column lists on privileges that cannot have them.
fn column_privileges_only(cx: &mut Cx, privileges: &Written) {
    for (p, cols) in privileges {
        let upper = p.name.to_ascii_uppercase();
        if !cols.is_empty() && upper != "ALL" && !COLUMN_PRIVILEGES.contains(&upper.as_str()) {
            cx.diags.push(
                Diagnostic::error(
                    Code::BadPrivilege,
                    p.span,
                    format!("privilege `{}` cannot name columns", p.name),
                )
                .with_note(format!(
                    "help: columns take {}",
                    COLUMN_PRIVILEGES.join(", ")
                )),
            );
        }
    }
}

/// Adds `grant … to roles` (inside a table block or on it) to a table's grants.
pub(crate) fn grant_table(
    cx: &mut Cx,
    table: &mut model::Table,
    privileges: &Written,
    roles: &[ast::Ident],
    grantable: bool,
) {
    check_roles(cx, roles);
    column_privileges_only(cx, privileges);
    for (privilege, columns) in expand_privileges(cx, privileges, TABLE_PRIVILEGES, "table") {
        let columns = if privilege_takes_columns(&privilege) {
            columns
        } else {
            Vec::new()
        };
        for role in roles {
            table.grants.push(TableGrant {
                role: role.name.clone(),
                privilege: privilege.clone(),
                columns: columns.clone(),
                grantable,
            });
        }
    }
    table.grants.sort();
    table.grants.dedup();
}

fn privilege_takes_columns(p: &str) -> bool {
    COLUMN_PRIVILEGES.contains(&p)
}

/// Takes `revoke … from roles` away from a table's grants (whole-table privileges).
pub(crate) fn revoke_table(
    cx: &mut Cx,
    table: &mut model::Table,
    privileges: &Written,
    roles: &[ast::Ident],
) {
    check_roles(cx, roles);
    no_columns(cx, privileges, "a revoke");
    let privileges = expand_privileges(cx, privileges, TABLE_PRIVILEGES, "table");
    for role in roles {
        let before = table.grants.len();
        table.grants.retain(|g| {
            !(g.role == role.name
                && g.columns.is_empty()
                && privileges.iter().any(|(p, _)| p == &g.privilege))
        });
        if table.grants.len() == before && !privileges.is_empty() {
            cx.diags
                .push(nothing_to_revoke(role, &format!("table `{}`", table.name)));
        }
    }
}

fn nothing_to_revoke(role: &ast::Ident, object: &str) -> Diagnostic {
    Diagnostic::error(
        Code::NothingToRevoke,
        role.span,
        format!("`{}` has none of these privileges on {object} to take away", role.name),
    )
    .with_label("nothing to revoke")
    .with_note("help: `revoke` takes away what PostgreSQL or `default privileges` give an object; a privilege granted here is removed by deleting its grant")
}

/// Gives every non-table object what default privileges imply, then applies the
/// top-level grants and revokes (revokes last, so they win).
pub(crate) fn run(cx: &mut Cx) {
    imply_defaults(cx);
    let items = cx.items.clone();
    for revoke in [false, true] {
        for item in &items {
            if let ItemKind::Grant(g) = &item.kind {
                if g.revoke == revoke {
                    lower_grant(cx, g);
                }
            }
        }
    }
    // PUBLIC's built-in privilege granted back is no grant at all.
    let builtin = |g: &ObjectGrant| {
        g.role == "public"
            && !g.grantable
            && g.columns.is_empty()
            && g.object.public_by_default() == Some(g.privilege.as_str())
    };
    let back: Vec<ObjectGrant> = cx
        .schema
        .grants
        .iter()
        .filter(|g| builtin(g))
        .cloned()
        .collect();
    cx.schema.grants.retain(|g| !builtin(g));
    cx.schema.revoked.retain(|r| !back.contains(r));
    cx.schema.grants.sort();
    cx.schema.grants.dedup();
    cx.schema.revoked.sort();
    cx.schema.revoked.dedup();
}

/// Every object of the schema that takes default privileges, with its kind's schema.
fn grantable_objects(schema: &model::Schema) -> Vec<(GrantObject, String)> {
    let mut out: Vec<(GrantObject, String)> = Vec::new();
    let q = |q: &QName| q.schema.clone();
    out.extend(
        schema
            .schemas
            .keys()
            .map(|s| (GrantObject::Schema(s.clone()), String::new())),
    );
    out.extend(
        schema
            .sequences
            .keys()
            .map(|s| (GrantObject::Sequence(s.clone()), q(s))),
    );
    for (k, f) in &schema.functions {
        out.push((
            function_object(k, &f.name, &model::identity_args(&f.args)),
            q(&f.name),
        ));
    }
    out.extend(
        schema
            .views
            .keys()
            .map(|v| (GrantObject::Relation(v.clone()), q(v))),
    );
    let types = schema
        .enums
        .keys()
        .chain(schema.domains.keys())
        .chain(schema.composites.keys());
    out.extend(types.map(|t| (GrantObject::Type(t.clone()), q(t))));
    out
}

fn function_object(key: &str, name: &QName, identity_args: &str) -> GrantObject {
    GrantObject::Function(key.to_string(), format!("{}({identity_args})", name.sql()))
}

fn imply_defaults(cx: &mut Cx) {
    if cx.schema.default_privileges.is_empty() {
        return;
    }
    for (object, schema) in grantable_objects(&cx.schema) {
        let Some(on) = DefaultObjects::of(&object) else {
            continue;
        };
        let (grants, revoked) = implied_by_defaults(&cx.schema.default_privileges, &schema, on);
        if revoked {
            if let Some(p) = object.public_by_default() {
                cx.schema.revoked.push(ObjectGrant {
                    object: object.clone(),
                    privilege: p.to_string(),
                    role: "public".into(),
                    columns: Vec::new(),
                    grantable: false,
                });
            }
        }
        for (role, privilege, grantable) in grants {
            cx.schema.grants.push(ObjectGrant {
                object: object.clone(),
                privilege,
                role,
                columns: Vec::new(),
                grantable,
            });
        }
    }
}

/// Resolves what a top-level grant is on; None after reporting an unknown object.
fn target(cx: &mut Cx, t: &GrantTarget) -> Option<Target> {
    Some(match t {
        GrantTarget::Schema(s) => {
            check_schema(cx, &s.name, s.span);
            Target::Object(GrantObject::Schema(s.name.clone()))
        }
        GrantTarget::Sequence(q) => Target::Object(GrantObject::Sequence(qualify(q))),
        GrantTarget::Function(q, params) => {
            let name = qualify(q);
            let args = lower_args(cx, params);
            let tys = model::identity_args(&args);
            let key = format!("{name}({tys})");
            if !cx.schema.functions.contains_key(&key) && !cx.externs.functions.contains_key(&key) {
                cx.diags.push(
                    Diagnostic::error(
                        Code::UnknownFunction,
                        q.span,
                        format!("unknown function `{key}`"),
                    )
                    .with_label("no function with this name and argument types"),
                );
                return None;
            }
            Target::Object(function_object(&key, &name, &tys))
        }
        GrantTarget::Table(q) | GrantTarget::View(q) => {
            let name = qualify(q);
            if cx.schema.views.contains_key(&name) {
                Target::Object(GrantObject::Relation(name))
            } else if cx.schema.tables.get(&name).is_some_and(|t| !t.external) {
                Target::Table(name)
            } else {
                cx.diags.push(
                    unknown_table(&name, q.span).with_label("no table or view has this name"),
                );
                return None;
            }
        }
        GrantTarget::Type(q) => {
            let name = qualify(q);
            let known = cx.schema.enums.contains_key(&name)
                || cx.schema.domains.contains_key(&name)
                || cx.schema.composites.contains_key(&name);
            if !known {
                cx.diags.push(
                    Diagnostic::error(Code::UnknownType, q.span, format!("unknown type `{name}`"))
                        .with_label("no enum, domain or composite type has this name"),
                );
                return None;
            }
            Target::Object(GrantObject::Type(name))
        }
    })
}

enum Target {
    Table(QName),
    Object(GrantObject),
}

fn lower_grant(cx: &mut Cx, g: &ast::Grant) {
    check_roles(cx, &g.roles);
    let Some(target) = target(cx, &g.target) else {
        return;
    };
    let object = match target {
        Target::Table(name) => {
            let mut table = cx.schema.tables.remove(&name).expect("table exists");
            if g.revoke {
                revoke_table(cx, &mut table, &g.privileges, &g.roles);
            } else {
                grant_table(cx, &mut table, &g.privileges, &g.roles, g.grantable);
            }
            cx.schema.tables.insert(name, table);
            return;
        }
        Target::Object(o) => o,
    };
    let kind = match &object {
        GrantObject::Schema(_) => "schema",
        GrantObject::Sequence(_) => "sequence",
        GrantObject::Function(..) => "function",
        GrantObject::Relation(_) => "view",
        GrantObject::Type(_) => "type",
    };
    if matches!(object, GrantObject::Relation(_)) && !g.revoke {
        column_privileges_only(cx, &g.privileges);
    } else {
        no_columns(cx, &g.privileges, &format!("a privilege on a {kind}"));
    }
    let privileges = expand_privileges(cx, &g.privileges, object.privileges(), kind);
    for role in &g.roles {
        if g.revoke {
            revoke_object(cx, &object, &privileges, role);
            continue;
        }
        for (privilege, columns) in &privileges {
            let columns = match &object {
                GrantObject::Relation(_) if privilege_takes_columns(privilege) => columns.clone(),
                _ => Vec::new(),
            };
            cx.schema.grants.push(ObjectGrant {
                object: object.clone(),
                privilege: privilege.clone(),
                role: role.name.clone(),
                columns,
                grantable: g.grantable,
            });
        }
    }
}

/// Takes privileges away from an object: its grants (given by default privileges or
/// granted above), or PUBLIC's built-in one.
fn revoke_object(
    cx: &mut Cx,
    object: &GrantObject,
    privileges: &[(String, Vec<String>)],
    role: &ast::Ident,
) {
    let mut took = false;
    for (privilege, _) in privileges {
        let before = cx.schema.grants.len();
        cx.schema
            .grants
            .retain(|g| !(&g.object == object && &g.privilege == privilege && g.role == role.name));
        took |= cx.schema.grants.len() != before;
        if role.name == "public" && object.public_by_default() == Some(privilege.as_str()) {
            cx.schema.revoked.push(ObjectGrant {
                object: object.clone(),
                privilege: privilege.clone(),
                role: "public".into(),
                columns: Vec::new(),
                grantable: false,
            });
            took = true;
        }
    }
    if !took && !privileges.is_empty() {
        cx.diags.push(nothing_to_revoke(role, &describe(object)));
    }
}

fn describe(o: &GrantObject) -> String {
    match o {
        GrantObject::Schema(s) => format!("schema `{s}`"),
        GrantObject::Sequence(q) => format!("sequence `{q}`"),
        GrantObject::Function(k, _) => format!("function `{k}`"),
        GrantObject::Relation(q) => format!("view `{q}`"),
        GrantObject::Type(q) => format!("type `{q}`"),
    }
}
