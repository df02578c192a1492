//! The security lints about tables and their policies (S001–S006, S009, S010), and
//! the context every rule shares. Each rule reads the compiled model and returns
//! [`Finding`]s keyed by the origin of the object they are about; `mod.rs` turns them
//! into diagnostics. What bypasses RLS (S007, S008, S011) is in `bypass.rs`.

use super::expr::{identity_calls, is_true, owner_columns, reads_user_metadata};
use super::{Finding, Settings};
use crate::diagnostics::Code;
use crate::model::{ConstraintKind, Function, Policy, QName, Schema, Table};
use std::collections::{BTreeMap, BTreeSet};

/// Everything the rules share: the model and lookups built once.
pub(super) struct Ctx<'a> {
    pub schema: &'a Schema,
    pub settings: &'a Settings,
    /// Functions by qualified name (all overloads).
    functions: BTreeMap<&'a QName, Vec<&'a Function>>,
    /// Each table's owner columns ([`owner_columns_of`]), computed once: several
    /// rules ask, some once per foreign key.
    owners: BTreeMap<&'a QName, BTreeSet<String>>,
}

impl<'a> Ctx<'a> {
    pub fn new(schema: &'a Schema, settings: &'a Settings) -> Self {
        let mut functions: BTreeMap<&QName, Vec<&Function>> = BTreeMap::new();
        for f in schema.functions.values() {
            functions.entry(&f.name).or_default().push(f);
        }
        let owners = schema
            .tables
            .iter()
            .map(|(q, t)| (q, owner_columns_of(t)))
            .collect();
        Ctx {
            schema,
            settings,
            functions,
            owners,
        }
    }

    /// The columns that make `t`'s rows belong to someone (empty for none).
    pub(super) fn owners(&self, t: &Table) -> &BTreeSet<String> {
        static NONE: BTreeSet<String> = BTreeSet::new();
        self.owners.get(&t.name).unwrap_or(&NONE)
    }

    pub(super) fn exposed(&self, schema: &str) -> bool {
        self.settings.exposed_schemas.iter().any(|s| s == schema)
    }

    /// The functions an unqualified or qualified call may mean.
    pub(super) fn callees(&self, q: &QName) -> Vec<&'a Function> {
        let mut out: Vec<&Function> = self.functions.get(q).cloned().unwrap_or_default();
        if q.schema != "public" {
            if let Some(public) = self.functions.get(&QName::new("public", q.name.clone())) {
                out.extend(public.iter().copied());
            }
        }
        out
    }
}

fn table_key(t: &QName) -> String {
    format!("table {t}")
}

pub(super) fn policy_key(t: &QName, p: &Policy) -> String {
    format!("policy {t}.{}", p.name)
}

pub(super) fn column_names(t: &Table) -> Vec<String> {
    t.columns.iter().map(|c| c.name.clone()).collect()
}

pub(super) fn expressions(p: &Policy) -> impl Iterator<Item = &String> {
    p.using.iter().chain(p.with_check.iter())
}

/// The columns that make a table's rows belong to someone, from all its policies.
fn owner_columns_of(t: &Table) -> BTreeSet<String> {
    let cols = column_names(t);
    t.policies
        .iter()
        .flat_map(expressions)
        .flat_map(|e| owner_columns(e, &t.name, &cols))
        .collect()
}

/// S001: a table an API can reach without row level security.
pub(super) fn exposed_without_rls(cx: &Ctx) -> Vec<Finding> {
    cx.schema
        .tables
        .values()
        .filter(|t| !t.rls && cx.exposed(&t.name.schema))
        .map(|t| {
            Finding::new(
                Code::LintNoRls,
                table_key(&t.name),
                format!(
                    "table `{}` is in the exposed schema `{}` without row level security",
                    t.name, t.name.schema
                ),
            )
            .label("every role with a grant on it reads and writes every row")
            .note("help: add `rls enabled` and policies; a catalogue anyone may read takes `rls enabled` and `public read`")
        })
        .collect()
}

/// S002: RLS on, no policy: every non-owner sees nothing, which is rarely the intent.
pub(super) fn rls_without_policy(cx: &Ctx) -> Vec<Finding> {
    cx.schema
        .tables
        .values()
        .filter(|t| t.rls && t.policies.is_empty())
        .map(|t| {
            Finding::new(
                Code::LintRlsNoPolicy,
                table_key(&t.name),
                format!("table `{}` has row level security but no policy", t.name),
            )
            .label("every role but the owner (and BYPASSRLS roles) sees no rows here")
            .note("help: add policies, or mark a table only the service role uses with `-- schemac:allow S002`")
        })
        .collect()
}

/// S003: a write policy that leaves its check on new rows implicit.
pub(super) fn write_without_check(cx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in cx.schema.tables.values() {
        for p in t.policies.iter().filter(|p| p.with_check.is_none()) {
            let why = match p.command.as_str() {
                "INSERT" => "PostgreSQL then admits no new row through it",
                "UPDATE" | "ALL" if p.using.is_some() => {
                    "PostgreSQL then reuses USING for the new row, a rule nobody wrote down"
                }
                _ => continue,
            };
            out.push(
                Finding::new(
                    Code::LintNoWithCheck,
                    policy_key(&t.name, p),
                    format!(
                        "{} policy `{}` on `{}` has no WITH CHECK",
                        p.command, p.name, t.name
                    ),
                )
                .label(why)
                .note("help: state which rows may be written: `with check (owner_id = (select auth.uid()))`"),
            );
        }
    }
    out
}

/// S004: `USING (true)` / `WITH CHECK (true)` on a write or on a tenant's rows.
pub(super) fn constant_true(cx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in cx.schema.tables.values() {
        let tenant = !cx.owners(t).is_empty();
        for p in t.policies.iter().filter(|p| !p.restrictive) {
            let write = p.command != "SELECT";
            for (clause, expr) in [("USING", &p.using), ("WITH CHECK", &p.with_check)] {
                if !expr.as_deref().is_some_and(is_true) || !(write || tenant) {
                    continue;
                }
                let label = if write {
                    format!("{} is allowed on every row", p.command)
                } else {
                    "every tenant's rows are readable".to_string()
                };
                out.push(
                    Finding::new(
                        Code::LintUsingTrue,
                        policy_key(&t.name, p),
                        format!("policy `{}` on `{}` has {clause} (true)", p.name, t.name),
                    )
                    .label(label)
                    .note("help: restrict it to the caller's rows, or to a role that may see everything"),
                );
            }
        }
    }
    out
}

/// S005: an auth helper evaluated once per row instead of once per statement.
pub(super) fn per_row_identity(cx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in cx.schema.tables.values() {
        for p in &t.policies {
            let bare: BTreeSet<String> = expressions(p)
                .flat_map(|e| identity_calls(e))
                .filter(|c| !c.wrapped)
                .map(|c| c.name)
                .collect();
            let Some(first) = bare.iter().next() else {
                continue;
            };
            let list: Vec<&str> = bare.iter().map(String::as_str).collect();
            out.push(
                Finding::new(
                    Code::LintPerRowCall,
                    policy_key(&t.name, p),
                    format!(
                        "policy `{}` on `{}` calls {} for every row",
                        p.name,
                        t.name,
                        list.join(", ")
                    ),
                )
                .label("evaluated once per row scanned")
                .note(format!(
                    "help: write `(select {first})`: PostgreSQL then evaluates it once per statement"
                )),
            );
        }
    }
    out
}

/// The columns some index, primary key or unique constraint of `t` leads with.
fn leading_columns(t: &Table) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for i in &t.indexes {
        if let Some(first) = i.elements.first() {
            let word = first.trim_start_matches('(').split_whitespace().next();
            out.extend(word.map(|w| w.trim_matches('"').to_string()));
        }
    }
    for c in &t.constraints {
        match &c.kind {
            ConstraintKind::PrimaryKey { columns } | ConstraintKind::Unique { columns, .. } => {
                out.extend(columns.first().cloned());
            }
            ConstraintKind::Exclude {
                elements,
                predicate: None,
                ..
            } => {
                let first = elements.trim_start_matches('(').split_whitespace().next();
                out.extend(first.map(|w| w.trim_matches('"').to_string()));
            }
            _ => {}
        }
    }
    out
}

/// S006: a policy filters by a column no index leads with: every query scans the table.
pub(super) fn unindexed_owner_column(cx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    // An extern table's indexes are not declared, so they cannot be checked.
    for t in cx.schema.tables.values().filter(|t| !t.external) {
        let indexed = leading_columns(t);
        let cols = column_names(t);
        let mut reported = BTreeSet::new();
        for p in &t.policies {
            for col in expressions(p).flat_map(|e| owner_columns(e, &t.name, &cols)) {
                if indexed.contains(&col) || !reported.insert(col.clone()) {
                    continue;
                }
                out.push(
                    Finding::new(
                        Code::LintUnindexedPolicyColumn,
                        policy_key(&t.name, p),
                        format!(
                            "policy `{}` filters `{}` by `{col}`, which no index leads with",
                            p.name, t.name
                        ),
                    )
                    .label("every query through this policy scans the whole table")
                    .note(format!("help: add `index ({col})` to `{}`", t.name)),
                );
            }
        }
    }
    out
}

/// S009: a policy trusts metadata users can edit themselves.
pub(super) fn user_metadata(cx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in cx.schema.tables.values() {
        for p in t
            .policies
            .iter()
            .filter(|p| expressions(p).any(|e| reads_user_metadata(e)))
        {
            out.push(
                Finding::new(
                    Code::LintUserMetadata,
                    policy_key(&t.name, p),
                    format!("policy `{}` on `{}` reads user_metadata", p.name, t.name),
                )
                .label("any signed-in user can write their own user_metadata")
                .note("help: read roles from app_metadata (only the service role writes it) or from a table"),
            );
        }
    }
    out
}

/// S010: the anonymous role is granted a tenant's table.
pub(super) fn anon_on_tenant_table(cx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in cx.schema.tables.values() {
        let privileges: Vec<&str> = t
            .grants
            .iter()
            .filter(|g| g.role == "anon")
            .map(|g| g.privilege.as_str())
            .collect();
        let owners = cx.owners(t);
        if privileges.is_empty() || owners.is_empty() {
            continue;
        }
        let owners: Vec<&str> = owners.iter().map(String::as_str).collect();
        out.push(
            Finding::new(
                Code::LintAnonTenantGrant,
                table_key(&t.name),
                format!(
                    "`anon` is granted {} on `{}`, whose rows belong to tenants",
                    privileges.join(", "),
                    t.name
                ),
            )
            .label(format!("rows are owned by {}", owners.join(", ")))
            .note("help: grant tenant tables to `authenticated` only; one policy mistake would otherwise open them to the internet"),
        );
    }
    out
}
