//! Privileges, once every object exists: what default privileges give each object
//! (`defaults.rs`), then top-level `grant … on`, then `revoke … on`.
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
    self, GrantObject, ObjectGrant, QName, TableGrant, COLUMN_PRIVILEGES, TABLE_PRIVILEGES,
};
use crate::syntax::ast::{self, GrantTarget, ItemKind};

/// Privileges as written: each with its column list.
type Written = [(ast::Ident, Vec<ast::Ident>)];

/// Reports column lists where only whole-object privileges are allowed.
pub(super) fn no_columns(cx: &mut Cx, privileges: &Written, what: &str) {
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
    super::defaults::imply(cx);
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
    for item in &items {
        if let ItemKind::Owner { target, role } = &item.kind {
            lower_owner(cx, target, role);
        }
    }
    cx.schema.owners.sort();
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

/// `owner of <object> is role`: one owner per object, of the project's own objects.
fn lower_owner(cx: &mut Cx, t: &GrantTarget, role: &ast::Ident) {
    check_roles(cx, std::slice::from_ref(role));
    let Some(target) = target(cx, t) else {
        return;
    };
    let object = match target {
        Target::Table(q) => GrantObject::Relation(q),
        Target::Object(o) => o,
    };
    if let GrantObject::Function(key, _) = &object {
        if !cx.schema.functions.contains_key(key) {
            cx.diags.push(
                Diagnostic::error(
                    Code::UnknownFunction,
                    role.span,
                    format!("`{key}` is extern: its owner is not this project's to set"),
                )
                .with_label("an extern function"),
            );
            return;
        }
    }
    if cx.schema.owners.iter().any(|o| o.object == object) {
        let what = match &object {
            GrantObject::Relation(q) if cx.schema.tables.contains_key(q) => format!("table `{q}`"),
            o => describe(o),
        };
        cx.diags.push(
            Diagnostic::error(
                Code::Duplicate,
                role.span,
                format!("{what} already has an owner"),
            )
            .with_label("a second owner"),
        );
        return;
    }
    cx.schema.owners.push(model::ObjectOwner {
        object,
        role: role.name.clone(),
    });
}

fn function_object(key: &str, name: &QName, identity_args: &str) -> GrantObject {
    GrantObject::Function(key.to_string(), format!("{}({identity_args})", name.sql()))
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
