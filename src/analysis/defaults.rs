//! `default privileges`: lowered first of all (after `declare`), so that every table
//! starts with what they give it; every other object takes it in the `privileges`
//! pass ([`imply`]).

use super::objects::{check_roles, check_schema, expand_privileges};
use super::privileges::no_columns;
use super::Cx;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{
    implied_by_defaults, DefaultObjects, DefaultPrivilege, ObjectGrant, TableGrant,
};
use crate::syntax::ast::{self, ItemKind};

/// Lowers every `default privileges` declaration.
pub(crate) fn run(cx: &mut Cx) {
    let items = cx.items.clone();
    for item in items {
        if let ItemKind::DefaultPrivileges(d) = &item.kind {
            lower_defaults(cx, d);
        }
    }
    cx.schema.default_privileges.sort();
    cx.schema.default_privileges.dedup();
    cx.schema.platform_defaults.sort();
    cx.schema.platform_defaults.dedup();
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
            let entries = if d.platform {
                &mut cx.schema.platform_defaults
            } else {
                &mut cx.schema.default_privileges
            };
            entries.push(DefaultPrivilege {
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

/// Gives every object but the tables (which took it when lowered) what it declares
/// before its own grants: what the project's default privileges give it, and PUBLIC's
/// built-in privilege taken away (by default privileges, or for every routine when
/// routines are private).
pub(crate) fn imply(cx: &mut Cx) {
    if cx.schema.default_privileges.is_empty() && !cx.schema.routines_private {
        return;
    }
    for object in cx.schema.grantable_objects() {
        if cx.schema.baseline_revoked(&object) {
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
        for ((role, privilege, _), grantable) in cx.schema.baseline_acl(&object) {
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
