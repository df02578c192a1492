//! S013: a row may point at a parent row its author does not own. A foreign key check
//! ignores row level security, so a policy that only checks the row's own owner column
//! lets a user attach rows to another tenant's parent (a message into someone else's
//! conversation, a tool call against someone else's session). S014: a user who may
//! update its own row may update every column of it, its plan and role included.

use super::expr::{functions_called, relations_read};
use super::rules::{column_names, policy_key, Ctx};
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
fn is_tenant_table(cx: &Ctx, t: &Table) -> bool {
    !t.external && t.rls && !cx.owners(t).is_empty()
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
    for t in cx.schema.tables.values().filter(|t| is_tenant_table(cx, t)) {
        let owners = cx.owners(t);
        for c in &t.constraints {
            let ConstraintKind::ForeignKey(fk) = &c.kind else {
                continue;
            };
            let Some(parent) = cx.schema.tables.get(&fk.ref_table) else {
                continue;
            };
            if parent.name == t.name
                || !is_tenant_table(cx, parent)
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
            let owners = cx.owners(t);
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

/// Columns that name a row's owner or tenant by convention.
const TENANT_COLUMNS: &[&str] = &[
    "user_id",
    "owner_id",
    "tenant_id",
    "org_id",
    "organization_id",
    "account_id",
    "customer_id",
    "team_id",
    "workspace_id",
    "created_by",
];

/// An expression without white space, in lower case, its outer brackets removed.
fn squeezed(expr: &str) -> String {
    let mut s: String = expr
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    while s.starts_with('(') && s.ends_with(')') && balanced(&s[1..s.len() - 1]) {
        s = s[1..s.len() - 1].to_string();
    }
    s
}

fn balanced(s: &str) -> bool {
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

/// What is wrong with a policy expression that only asks whether the caller is
/// signed in, or lets a caller without identity through.
fn identity_only(expr: &str) -> Option<&'static str> {
    let s = squeezed(expr)
        .replace("(selectauth.uid())", "auth.uid()")
        .replace("(selectauth.role())", "auth.role()")
        .replace("(selectauth.jwt())", "auth.jwt()");
    let every_user = [
        "auth.role()='authenticated'",
        "auth.uid()isnotnull",
        "auth.jwt()isnotnull",
        "(auth.jwt()->>'role')='authenticated'",
        "auth.jwt()->>'role'='authenticated'",
    ];
    if every_user.contains(&s.as_str()) {
        return Some("is true for every signed-in user, whoever owns the row");
    }
    if s.starts_with("auth.uid()isnullor") || s.contains("orauth.uid()isnull") {
        return Some("admits requests without identity (auth.uid() is null)");
    }
    None
}

/// S016: a policy on a tenant's table that only asks whether the caller is signed in
/// (`auth.role() = 'authenticated'`, `auth.uid() is not null`), or lets a caller without
/// identity through (`auth.uid() is null or …`).
pub(super) fn signed_in_is_enough(cx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in cx.schema.tables.values().filter(|t| t.rls && !t.external) {
        let tenant = !cx.owners(t).is_empty()
            || t.columns
                .iter()
                .any(|c| TENANT_COLUMNS.contains(&c.name.as_str()));
        if !tenant {
            continue;
        }
        for p in t.policies.iter().filter(|p| !p.restrictive) {
            let found = [("USING", &p.using), ("WITH CHECK", &p.with_check)]
                .into_iter()
                .find_map(|(clause, e)| e.as_deref().and_then(identity_only).map(|w| (clause, w)));
            let Some((clause, what)) = found else {
                continue;
            };
            out.push(
                Finding::new(
                    Code::LintSignedInIsEnough,
                    policy_key(&t.name, p),
                    format!("policy `{}` on `{}`: its {clause} {what}", p.name, t.name),
                )
                .label("rows of one tenant are open to every other")
                .note("help: compare the row's owner or tenant column with the caller: `user_id = (select auth.uid())` (`isolate by user_id`)"),
            );
        }
    }
    out
}
