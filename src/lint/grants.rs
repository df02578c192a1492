//! S017: a role granted a privilege on a table cannot evaluate an expression that
//! privilege runs as that role: a column default calling `nextval` on a sequence (a
//! `serial` column's own included) it has no USAGE on, or a default, CHECK, generated
//! column or policy calling a function it may not execute. Every such statement then
//! fails with 42501, which policy tests run as the table owner never see.

use super::rules::Ctx;
use super::Finding;
use crate::diagnostics::Code;
use crate::model::{GrantObject, QName, Table};
use crate::sqltext::name_refs;
use std::borrow::Cow;

/// The sequence a `serial` column creates: `<table>_<column>_seq` (PostgreSQL shortens
/// longer names; those are left alone here).
fn serial_sequence(t: &Table, column: &str) -> Option<QName> {
    let name = format!("{}_{column}_seq", t.name.name);
    (name.len() <= 63).then(|| QName::new(t.name.schema.clone(), name))
}

/// True when `role` (or PUBLIC) holds one of `privileges` on `object`.
fn holds(cx: &Ctx, object: &GrantObject, role: &str, privileges: &[&str]) -> bool {
    cx.schema.grants.iter().any(|g| {
        &g.object == object
            && (g.role == role || g.role == "public")
            && privileges.contains(&g.privilege.as_str())
    })
}

/// What a column's default needs that `role` lacks, as a phrase.
fn missing(cx: &Ctx, t: &Table, column: &crate::model::Column, role: &str) -> Option<String> {
    if matches!(column.ty.as_str(), "serial" | "bigserial" | "smallserial") {
        let seq = serial_sequence(t, &column.name)?;
        let object = GrantObject::Sequence(seq.clone());
        if !holds(cx, &object, role, &["USAGE", "UPDATE"]) {
            return Some(format!(
                "USAGE on sequence `{seq}` (the `{}` column's)",
                column.name
            ));
        }
        return None;
    }
    let default = column.default.as_deref()?;
    let refs = name_refs(default);
    for (i, r) in refs.iter().enumerate() {
        // `nextval('s')`: the literal after the call is reported as a name.
        if r.call && r.name.eq_ignore_ascii_case("nextval") {
            let Some(arg) = refs.get(i + 1) else { continue };
            let seq = QName::new(
                arg.schema.clone().unwrap_or_else(|| t.name.schema.clone()),
                arg.name.clone(),
            );
            if !cx.schema.sequences.contains_key(&seq) {
                continue;
            }
            if !holds(
                cx,
                &GrantObject::Sequence(seq.clone()),
                role,
                &["USAGE", "UPDATE"],
            ) {
                return Some(format!("USAGE on sequence `{seq}`"));
            }
        } else if r.call {
            if let Some(what) = function_lacking(cx, t, r, role) {
                return Some(what);
            }
        }
    }
    None
}

/// What calling `r` (a name reference in an expression on `t`) needs that `role`
/// lacks: EXECUTE on a routine PUBLIC may not execute and `role` is not granted.
fn function_lacking(
    cx: &Ctx,
    t: &Table,
    r: &crate::sqltext::NameRef,
    role: &str,
) -> Option<String> {
    let q = QName::new(
        r.schema.clone().unwrap_or_else(|| t.name.schema.clone()),
        r.name.clone(),
    );
    for f in cx.callees(&q) {
        let key = f.key();
        let revoked = cx
            .schema
            .revoked
            .iter()
            .any(|g| matches!(&g.object, GrantObject::Function(k, _) if *k == key));
        let object = GrantObject::Function(
            key.clone(),
            format!("{}({})", f.name.sql(), f.identity_args()),
        );
        if revoked && !holds(cx, &object, role, &["EXECUTE"]) {
            return Some(format!("EXECUTE on function `{key}`"));
        }
    }
    None
}

/// The first routine an expression calls that `role` may not execute.
fn expression_lacking(cx: &Ctx, t: &Table, expr: &str, role: &str) -> Option<String> {
    name_refs(expr)
        .iter()
        .filter(|r| r.call)
        .find_map(|r| function_lacking(cx, t, r, role))
}

/// The expressions `privilege` makes PostgreSQL evaluate as `role` on `t`, each with
/// what it is: CHECKs and generated columns on INSERT and UPDATE, the policies that
/// apply to the role and command, and the bodies of the trigger functions the command
/// fires that run as the caller (not SECURITY DEFINER): what they call, the role must
/// be able to execute.
fn evaluated<'a>(
    cx: &Ctx<'a>,
    t: &'a Table,
    privilege: &str,
    role: &str,
) -> Vec<(String, Cow<'a, str>)> {
    let mut out: Vec<(String, Cow<'a, str>)> = Vec::new();
    for tr in t
        .triggers
        .iter()
        .filter(|tr| tr.events.iter().any(|e| e.starts_with(privilege)))
    {
        if let Some(f) = cx.schema.functions.get(&tr.function) {
            if !f.security_definer {
                let body = crate::sqltext::routine_body(&f.body);
                out.push((format!("trigger `{}` (its function's body)", tr.name), body));
            }
        }
    }
    if matches!(privilege, "INSERT" | "UPDATE") {
        for c in &t.constraints {
            if let crate::model::ConstraintKind::Check { expr } = &c.kind {
                out.push((format!("CHECK `{}`", c.name), Cow::Borrowed(expr)));
            }
        }
        for c in &t.columns {
            if let Some(g) = &c.generated {
                out.push((format!("generated column `{}`", c.name), Cow::Borrowed(g)));
            }
        }
    }
    for p in &t.policies {
        let applies = p.roles.is_empty() || p.roles.iter().any(|r| r == role || r == "public");
        if !applies || (p.command != privilege && p.command != "ALL") {
            continue;
        }
        let exprs = match privilege {
            "INSERT" => vec![&p.with_check],
            "UPDATE" => vec![&p.using, &p.with_check],
            _ => vec![&p.using],
        };
        for e in exprs.into_iter().flatten() {
            out.push((format!("policy `{}`", p.name), Cow::Borrowed(e)));
        }
    }
    out
}

/// S017: see the module documentation.
pub(super) fn insert_without_default_privileges(cx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in cx.schema.tables.values().filter(|t| !t.external) {
        let mut held: Vec<(&str, &str)> = t
            .grants
            .iter()
            .filter(|g| {
                matches!(
                    g.privilege.as_str(),
                    "SELECT" | "INSERT" | "UPDATE" | "DELETE"
                )
            })
            .map(|g| (g.role.as_str(), g.privilege.as_str()))
            .collect();
        held.sort_unstable();
        held.dedup();
        let mut reported: Vec<&str> = Vec::new();
        for (role, privilege) in held {
            if reported.contains(&role) {
                continue;
            }
            let from_default = (privilege == "INSERT")
                .then(|| {
                    t.columns.iter().find_map(|c| {
                        missing(cx, t, c, role).map(|m| (format!("the default of `{}`", c.name), m))
                    })
                })
                .flatten();
            let lacking = from_default.or_else(|| {
                evaluated(cx, t, privilege, role)
                    .into_iter()
                    .find_map(|(what, e)| expression_lacking(cx, t, &e, role).map(|m| (what, m)))
            });
            let Some((what, needs)) = lacking else {
                continue;
            };
            reported.push(role);
            let verb = match privilege {
                "INSERT" => "insert into",
                "SELECT" => "read",
                "DELETE" => "delete from",
                _ => "update",
            };
            out.push(
                Finding::new(
                    Code::LintInsertWithoutDefault,
                    format!("table {}", t.name),
                    format!(
                        "`{role}` may {verb} `{}`, but {what} needs {needs}, which it lacks",
                        t.name
                    ),
                )
                .label(format!(
                    "every {} by this role fails with 42501",
                    privilege.to_lowercase()
                ))
                .note("help: grant it (`grant execute on function … to role`, `grant usage on sequence … to role`), or use an identity column (`generated by default as identity` needs no privilege)"),
            );
        }
    }
    out
}

/// S018: an extension installed in a schema the API serves: its functions (and
/// tables) become callable (readable) over HTTP, and it collides with the project's
/// own names.
pub(super) fn extension_in_exposed_schema(cx: &Ctx) -> Vec<Finding> {
    cx.schema
        .extensions
        .values()
        .filter(|e| cx.exposed(e.schema.as_deref().unwrap_or("public")))
        .map(|e| {
            let schema = e.schema.as_deref().unwrap_or("public");
            Finding::new(
                Code::LintExtensionExposed,
                format!("extension {}", e.name),
                format!("extension `{}` is installed in exposed schema `{schema}`", e.name),
            )
            .label("its functions are served by the API")
            .note(format!(
                "help: install it in a schema the API does not serve: `extension {} schema extensions`",
                e.name
            ))
        })
        .collect()
}

/// True when a storage policy expression binds the object's path to the caller: a
/// folder of `name` (or its prefix) compared with `auth.uid()`.
fn binds_path(expr: &str) -> bool {
    let s: String = expr
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let path = s.contains("foldername(name)")
        || s.contains("foldername(objects.name)")
        || s.contains("split_part(name")
        || s.contains("namelike")
        || s.contains("starts_with(name");
    path && s.contains("auth.uid()")
}

/// S019: a policy that lets users write `storage.objects` without tying the object's
/// path to them: one user takes the path another's client writes to (`<user id>/…`),
/// or fills a shared prefix.
pub(super) fn storage_path_unbound(cx: &Ctx) -> Vec<Finding> {
    let objects = QName::new("storage", "objects");
    let Some(t) = cx.schema.tables.get(&objects) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for p in t.policies.iter().filter(|p| !p.restrictive) {
        let check = match p.command.as_str() {
            "INSERT" => p.with_check.as_deref(),
            "UPDATE" | "ALL" => p.with_check.as_deref().or(p.using.as_deref()),
            _ => continue,
        };
        if check.is_some_and(binds_path) {
            continue;
        }
        out.push(
            Finding::new(
                Code::LintStoragePathUnbound,
                format!("policy {}.{}", t.name, p.name),
                format!("storage policy `{}` does not tie the object's path to the user", p.name),
            )
            .label("a user writes under any path of the bucket, another user's folder included")
            .note("help: add `and (storage.foldername(name))[1] = (select auth.uid())::text` to its WITH CHECK"),
        );
    }
    out
}
