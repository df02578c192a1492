//! Privileges as the DSL states them: default privileges once, then on each object only
//! what differs from what they (and PostgreSQL) give it: `grant` for more, `revoke`
//! for less.

use super::print::{ident, qname};
use crate::model::{
    acl_delta, acl_of, DefaultObjects, DefaultPrivilege, GrantObject, Schema, Table, TableGrant,
    TABLE_PRIVILEGES,
};
use std::collections::BTreeMap;

/// Every `default privileges …` line, in model order; grantees with the same
/// privileges in one scope share a line.
pub(super) fn defaults(schema: &Schema) -> String {
    let mut by: BTreeMap<(String, bool), BTreeMap<&str, Vec<String>>> = BTreeMap::new();
    for d in &schema.default_privileges {
        by.entry((default_head(d), d.grantable))
            .or_default()
            .entry(&d.role)
            .or_default()
            .push(d.privilege.to_ascii_lowercase());
    }
    let mut out = String::new();
    for ((head, grantable), roles) in by {
        let kind = head.rsplit(" on ").next().unwrap_or("");
        let option = if grantable { " with grant option" } else { "" };
        for (privs, roles) in shared(roles, privileges_of(kind)) {
            let line = head
                .replace("{privileges}", &privs.join(", "))
                .replace("{roles}", &roles.join(", "));
            out.push_str(&format!("{line}{option}\n"));
        }
    }
    out
}

/// Grantees grouped by the privileges they hold (with `all` where they hold every
/// one), in the order of their first grantee.
fn shared(by_role: BTreeMap<&str, Vec<String>>, kind: &[&str]) -> Vec<(Vec<String>, Vec<String>)> {
    let mut groups: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for (role, privs) in by_role {
        let privs = all(privs, kind);
        match groups.iter_mut().find(|(p, _)| *p == privs) {
            Some((_, roles)) => roles.push(ident(role)),
            None => groups.push((privs, vec![ident(role)])),
        }
    }
    groups
}

/// `default privileges [for role r] [in schema s] grant {privileges} on kind to
/// {roles}`, the placeholders filled in later.
fn default_head(d: &DefaultPrivilege) -> String {
    let mut s = "default privileges".to_string();
    if let Some(o) = &d.owner {
        s.push_str(&format!(" for role {}", ident(o)));
    }
    if let Some(n) = &d.schema {
        s.push_str(&format!(" in schema {}", ident(n)));
    }
    let kind = d.on.sql().to_ascii_lowercase();
    if d.revoked {
        s.push_str(&format!(" revoke {{privileges}} on {kind} from {{roles}}"));
    } else {
        s.push_str(&format!(" grant {{privileges}} on {kind} to {{roles}}"));
    }
    s
}

/// The privileges of default privileges' kind `kind` (`tables to role`, …).
fn privileges_of(kind: &str) -> &'static [&'static str] {
    match kind.split(' ').next().unwrap_or("") {
        "tables" => TABLE_PRIVILEGES,
        "sequences" => DefaultObjects::Sequences.privileges(),
        "functions" => DefaultObjects::Functions.privileges(),
        "types" => DefaultObjects::Types.privileges(),
        _ => DefaultObjects::Schemas.privileges(),
    }
}

/// `privs` as written, with `all` for every privilege of the kind (but MAINTAIN, which
/// `all` leaves to servers that have it) when there is more than one.
fn all(privs: Vec<String>, kind: &[&str]) -> Vec<String> {
    let every: Vec<String> = kind
        .iter()
        .filter(|p| **p != "MAINTAIN")
        .map(|p| p.to_ascii_lowercase())
        .collect();
    if every.len() > 1 && every.iter().all(|p| privs.contains(p)) {
        let mut out = vec!["all".to_string()];
        out.extend(privs.into_iter().filter(|p| !every.contains(p)));
        out
    } else {
        privs
    }
}

/// `privilege [(columns)]`, lower case.
fn privilege(g: &TableGrant) -> String {
    let p = g.privilege.to_ascii_lowercase();
    if g.columns.is_empty() {
        p
    } else {
        let cols: Vec<String> = g.columns.iter().map(|c| ident(c)).collect();
        format!("{p} ({})", cols.join(", "))
    }
}

/// Lines `{verb} privileges … role`, one per grantee and grant option: `grant` lines
/// for `grants` (with `on` after the privileges, if given), `revoke` lines for
/// `revokes` (taking back only a grant option cannot be said; such entries are left
/// to `diff`).
fn lines(
    on: Option<&str>,
    grants: &[TableGrant],
    revokes: &[TableGrant],
    indent: &str,
    kind: &[&str],
) -> String {
    let on = on.map(|o| format!(" on {o}")).unwrap_or_default();
    let mut out = String::new();
    let mut by: BTreeMap<bool, BTreeMap<&str, Vec<String>>> = BTreeMap::new();
    for g in grants {
        by.entry(g.grantable)
            .or_default()
            .entry(&g.role)
            .or_default()
            .push(privilege(g));
    }
    for (grantable, roles) in by {
        let option = if grantable { " with grant option" } else { "" };
        for (privs, roles) in shared(roles, kind) {
            out.push_str(&format!(
                "{indent}grant {}{on} to {}{option}\n",
                privs.join(", "),
                roles.join(", ")
            ));
        }
    }
    let mut by: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for g in revokes.iter().filter(|g| !g.grantable) {
        by.entry(&g.role).or_default().push(privilege(g));
    }
    for (privs, roles) in shared(by, kind) {
        out.push_str(&format!(
            "{indent}revoke {}{on} from {}\n",
            privs.join(", "),
            roles.join(", ")
        ));
    }
    out
}

/// What a table's grants add to and take from what default privileges give it.
fn table_delta(schema: &Schema, t: &Table) -> (Vec<TableGrant>, Vec<TableGrant>) {
    let baseline = schema.baseline_acl(&GrantObject::Relation(t.name.clone()));
    let (revokes, mut grants) = acl_delta(&baseline, &acl_of(&t.grants));
    // Columns in table order, as the table lists them.
    let at = |c: &String| t.columns.iter().position(|x| &x.name == c);
    for g in &mut grants {
        g.columns.sort_by_key(at);
    }
    (grants, revokes)
}

/// `grant …` and `revoke …` members of a table block.
pub(super) fn table_members(schema: &Schema, t: &Table) -> String {
    let (grants, revokes) = table_delta(schema, t);
    lines(None, &grants, &revokes, "  ", TABLE_PRIVILEGES)
}

/// `grant … on table p …` lines of a partition (declared inside its parent's block,
/// where its own grants have no place).
pub(super) fn partition_lines(schema: &Schema, t: &Table) -> String {
    let (grants, revokes) = table_delta(schema, t);
    lines(
        Some(&format!("table {}", qname(&t.name))),
        &grants,
        &revokes,
        "",
        TABLE_PRIVILEGES,
    )
}

/// The name of an object as a grant names it.
fn target(o: &GrantObject) -> String {
    match o {
        GrantObject::Schema(s) => format!("schema {}", ident(s)),
        GrantObject::Sequence(q) => format!("sequence {}", qname(q)),
        GrantObject::Function(_, sql) => format!("function {sql}"),
        GrantObject::Relation(q) => format!("view {}", qname(q)),
        GrantObject::Type(q) => format!("type {}", qname(q)),
    }
}

/// The grant and revoke lines of an object other than a table, or None when it has
/// exactly what default privileges and PostgreSQL give it.
pub(super) fn object_lines(schema: &Schema, o: &GrantObject) -> Option<String> {
    let (revokes, grants) = acl_delta(&schema.baseline_acl(o), &schema.object_acl(o));
    let mut revokes = revokes;
    let mut grants = grants;
    let (revoked, implied) = (!schema.revoked_of(o).is_empty(), schema.baseline_revoked(o));
    if let (Some(p), true) = (o.public_by_default(), revoked != implied) {
        let g = TableGrant {
            role: "public".into(),
            privilege: p.into(),
            columns: Vec::new(),
            grantable: false,
        };
        if revoked {
            revokes.push(g);
        } else {
            grants.push(g);
        }
    }
    let text = lines(Some(&target(o)), &grants, &revokes, "", o.privileges());
    (!text.is_empty()).then_some(text)
}

/// `owner of <object> is role`.
pub(super) fn owner_line(schema: &Schema, o: &crate::model::ObjectOwner) -> String {
    let what = match &o.object {
        GrantObject::Relation(q) if schema.tables.contains_key(q) => format!("table {}", qname(q)),
        other => target(other),
    };
    format!("owner of {what} is {}\n", ident(&o.role))
}

/// The schema an object's grant lines are pulled into.
pub(super) fn home(schema: &Schema, o: &GrantObject) -> String {
    match o {
        GrantObject::Schema(s) => s.clone(),
        GrantObject::Sequence(q) | GrantObject::Relation(q) | GrantObject::Type(q) => {
            q.schema.clone()
        }
        GrantObject::Function(k, _) => schema.functions[k].name.schema.clone(),
    }
}
