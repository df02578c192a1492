//! S013: a row may point at a parent row its author does not own. A foreign key check
//! ignores row level security, so a policy that only checks the row's own owner column
//! lets a user attach rows to another tenant's parent (a message into someone else's
//! conversation, a tool call against someone else's session). S014: a user who may
//! update its own row may update every column of it, its plan and role included.

use super::expr::{functions_called, relations_read};
use super::rules::{column_names, owner_columns_of, policy_key, Ctx};
use super::Finding;
use crate::diagnostics::Code;
use crate::model::{ConstraintKind, Policy, QName, Table};

/// The expression that decides which new rows a policy admits, for the commands that
/// write rows: WITH CHECK, or USING where an UPDATE or ALL policy has none.
fn admits(p: &Policy) -> Option<&str> {
    if p.restrictive {
        return None;
    }
    match p.command.as_str() {
        "INSERT" => p.with_check.as_deref(),
        "UPDATE" | "ALL" => p.with_check.as_deref().or(p.using.as_deref()),
        _ => None,
    }
}

/// A tenant's table: row level security and a column its policies tie to a user.
fn is_tenant_table(t: &Table) -> bool {
    !t.external && t.rls && !owner_columns_of(t).is_empty()
}

/// True when `expr` reads `parent`, directly or through a project function whose body
/// does.
fn checks_parent(cx: &Ctx, expr: &str, home: &str, parent: &QName, t: &Table) -> bool {
    let cols = column_names(t);
    if relations_read(cx.schema, expr, home, &cols).contains(parent) {
        return true;
    }
    functions_called(expr, home).iter().any(|q| {
        cx.callees(q)
            .iter()
            .any(|f| relations_read(cx.schema, &f.body, &f.name.schema, &[]).contains(parent))
    })
}

/// S013: for each foreign key of a tenant's table to another tenant's table, every
/// policy that admits new rows must check the parent's owner too (or the key must
/// carry the owner column, so the parent is the same tenant's by construction).
pub(super) fn parent_not_owned(cx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in cx.schema.tables.values().filter(|t| is_tenant_table(t)) {
        let owners = owner_columns_of(t);
        for c in &t.constraints {
            let ConstraintKind::ForeignKey(fk) = &c.kind else {
                continue;
            };
            let Some(parent) = cx.schema.tables.get(&fk.ref_table) else {
                continue;
            };
            if parent.name == t.name
                || !is_tenant_table(parent)
                || fk.columns.iter().any(|col| owners.contains(col))
            {
                continue;
            }
            let open = t.policies.iter().find(|p| {
                admits(p).is_some_and(|e| !checks_parent(cx, e, &t.name.schema, &parent.name, t))
            });
            let Some(p) = open else {
                continue;
            };
            let col = fk.columns.join(", ");
            let owner = owners.iter().next().cloned().unwrap_or_default();
            out.push(
                Finding::new(
                    Code::LintParentNotOwned,
                    policy_key(&t.name, p),
                    format!(
                        "policy `{}` on `{}` admits rows whose `{col}` points at another tenant's `{}`",
                        p.name, t.name, parent.name
                    ),
                )
                .label("checks the row's owner, not the owner of the row it references; foreign keys ignore RLS")
                .note(format!(
                    "help: add `check parents` to `{}` (its write policies then also require the `{}` row to be visible to the user), or make the key carry the owner: `foreign key ({col}, {owner}) references {} (…, {owner})`",
                    t.name, parent.name, parent.name
                )),
            );
        }
    }
    out
}

/// Column names that decide what a user may do or pays for: a user who may UPDATE them
/// grants itself a plan, a role or credit.
fn privilege_like(column: &str) -> bool {
    let c = column.to_ascii_lowercase();
    const EXACT: &[&str] = &[
        "role",
        "roles",
        "admin",
        "is_admin",
        "is_superadmin",
        "superadmin",
        "plan",
        "tier",
        "credits",
        "balance",
        "quota",
        "permissions",
        "is_verified",
        "verified",
        "is_staff",
    ];
    const PREFIX: &[&str] = &["subscription_", "stripe_", "billing_", "plan_", "quota_"];
    const SUFFIX: &[&str] = &["_role", "_tier", "_plan", "_credits", "_balance", "_quota"];
    EXACT.contains(&c.as_str())
        || PREFIX.iter().any(|p| c.starts_with(p))
        || SUFFIX.iter().any(|s| c.ends_with(s))
}

/// S014: an API role may UPDATE every column of a table whose policy lets a user
/// update its own row, and some columns decide privileges or billing: the user
/// rewrites them (its plan, its role) through the API.
pub(super) fn table_wide_update(cx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in cx.schema.tables.values().filter(|t| t.rls && !t.external) {
        let risky: Vec<&str> = t
            .columns
            .iter()
            .map(|c| c.name.as_str())
            .filter(|c| privilege_like(c))
            .collect();
        if risky.is_empty() {
            continue;
        }
        for role in ["anon", "authenticated"] {
            let table_wide = t.grants.iter().any(|g| {
                g.privilege == "UPDATE"
                    && g.columns.is_empty()
                    && (g.role == role || g.role == "public")
            });
            let policy = t.policies.iter().find(|p| {
                !p.restrictive
                    && matches!(p.command.as_str(), "UPDATE" | "ALL")
                    && p.roles.iter().any(|r| r == role || r == "public")
            });
            let (true, Some(p)) = (table_wide, policy) else {
                continue;
            };
            // Suggested: neither privilege-like, nor a key, nor generated.
            let key: Vec<&str> = match t.primary_key().map(|c| &c.kind) {
                Some(crate::model::ConstraintKind::PrimaryKey { columns }) => {
                    columns.iter().map(String::as_str).collect()
                }
                _ => Vec::new(),
            };
            let owners = owner_columns_of(t);
            let editable: Vec<&str> = t
                .columns
                .iter()
                .filter(|c| c.generated.is_none() && c.identity.is_none())
                .map(|c| c.name.as_str())
                .filter(|c| !risky.contains(c) && !key.contains(c) && !owners.contains(*c))
                .collect();
            out.push(
                Finding::new(
                    Code::LintTableWideUpdate,
                    policy_key(&t.name, p),
                    format!(
                        "`{role}` may UPDATE every column of `{}`, including {}",
                        t.name,
                        risky.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
                    ),
                )
                .label("a user edits its own row through this policy, and every column of it")
                .note(format!(
                    "help: grant only the columns a user may change: `grant update ({}) to {role}` (or keep the table-wide grant with `-- schemac:allow S014`)",
                    editable.join(", ")
                )),
            );
        }
    }
    out
}
