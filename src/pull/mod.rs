//! Stage: pull. A model read from a live database ([`crate::introspect::model`]) →
//! a schema project in the DSL: one file per schema, a `_project.pgs` with what the
//! project uses but does not manage, and a `schemac.toml`, so that `build` and
//! `diff --live` work at once. Expressions are PostgreSQL's deparsed text, kept
//! verbatim; only names are quoted where the DSL needs it.

mod print;
mod privileges;
mod table;

use crate::model::{QName, Schema};
use std::collections::{BTreeMap, BTreeSet};

/// Schemas a Supabase database manages itself; `pull --preset supabase` leaves them out
/// (and declares the ones present `extern schema`).
pub const SUPABASE_SCHEMAS: &[&str] = &[
    "_analytics",
    "_realtime",
    "auth",
    "cron",
    "extensions",
    "graphql",
    "graphql_public",
    "net",
    "pgbouncer",
    "pgsodium",
    "pgsodium_masks",
    "pgtle",
    "realtime",
    "repack",
    "storage",
    "supabase_functions",
    "supabase_migrations",
    "vault",
];

/// Roles the supabase preset declares.
const SUPABASE_ROLES: &[&str] = &[
    "anon",
    "authenticated",
    "service_role",
    "supabase_auth_admin",
];
/// Schemas the supabase preset declares.
const SUPABASE_PRESET_SCHEMAS: &[&str] = &["auth", "extensions", "storage"];

/// The database as the supabase preset reads it: Supabase's API default grants, when
/// the database has every one of them, belong to the platform (`api-default-grants =
/// true`) rather than to the project. Returns the schema and whether the grants were
/// found.
fn as_supabase_preset(schema: &Schema) -> (Schema, bool) {
    let mut s = schema.clone();
    let platform = crate::project::load::supabase_api_grants();
    let found = !platform.is_empty() && platform.iter().all(|d| s.default_privileges.contains(d));
    if found {
        s.default_privileges.retain(|d| !platform.contains(d));
        s.platform_defaults = platform;
    }
    (s, found)
}

/// What to write.
#[derive(Debug, Clone)]
pub struct PullOptions {
    /// Project name (in `schemac.toml`).
    pub name: String,
    /// `supabase` or none.
    pub preset: Option<String>,
    /// Skipped schemas that exist in the database (declared `extern schema`).
    pub extern_schemas: Vec<String>,
    /// The server's major version: the project's `postgres` target (that major and
    /// newer), so what the database already uses compiles.
    pub pg_major: u32,
}

/// The files of a pulled project, by path relative to its directory.
pub fn project_files(schema: &Schema, options: &PullOptions) -> BTreeMap<String, String> {
    let supabase = options.preset.as_deref() == Some("supabase");
    let mut api_default_grants = None;
    // As the DSL reads it: routines start private, so one PUBLIC may execute says so.
    let mut adopted = schema.clone();
    adopted.routines_private = true;
    if supabase {
        let (s, grants) = as_supabase_preset(&adopted);
        adopted = s;
        api_default_grants = Some(grants);
    }
    let schema = &adopted;
    let mut files = BTreeMap::new();
    let mut toml = format!(
        "# Pulled from a live database by `schemac pull`.\n[[project]]\nname = {}\nsource = \"schema\"\noutput = \"generated\"\npostgres = \"{}\"\n",
        toml_string(&options.name),
        options.pg_major
    );
    if let Some(p) = &options.preset {
        toml.push_str(&format!("preset = {}\n", toml_string(p)));
    }
    if let Some(on) = api_default_grants {
        toml.push_str(&format!("api-default-grants = {on}\n"));
    }
    files.insert("schemac.toml".to_string(), toml);

    // What the project uses but does not manage.
    let mut head =
        String::from("-- What this project uses but does not manage, and its schemas.\n");
    let externs: Vec<&String> = options
        .extern_schemas
        .iter()
        .filter(|s| !(supabase && SUPABASE_PRESET_SCHEMAS.contains(&s.as_str())))
        .collect();
    for s in externs {
        head.push_str(&format!("extern schema {}\n", print::ident(s)));
    }
    let roles: Vec<String> = roles_used(schema)
        .into_iter()
        .filter(|r| !(supabase && SUPABASE_ROLES.contains(&r.as_str())))
        .map(|r| print::ident(&r))
        .collect();
    if !roles.is_empty() {
        head.push_str(&format!("extern role {}\n", roles.join(", ")));
    }
    // The publications tables are in (the supabase preset declares Supabase Realtime's).
    let publications: std::collections::BTreeSet<&String> = schema
        .tables
        .values()
        .flat_map(|t| &t.publications)
        .filter(|p| !(supabase && p.as_str() == "supabase_realtime"))
        .filter(|p| !schema.publications.contains_key(*p))
        .collect();
    for p in publications {
        head.push_str(&format!("extern publication {}\n", print::ident(p)));
    }
    for t in extern_types(schema) {
        head.push_str(&format!("extern type {}\n", print::qname(&t)));
    }
    // Schemas before extensions: `extension pg_trgm` followed by `schema app` on the
    // next line would read as `extension pg_trgm schema app`.
    for ns in schema.schemas.values() {
        head.push_str(&print::docs(&ns.comment, ""));
        head.push_str(&format!("schema {}\n", print::ident(&ns.name)));
    }
    for e in schema.extensions.values() {
        head.push_str(&print::extension(e));
    }
    for p in schema.publications.values() {
        head.push_str(&print::docs(&p.comment, ""));
        head.push_str(&format!("publication {}", print::ident(&p.name)));
        if let Some(with) = p.with_options() {
            head.push_str(&format!(" with ({with})"));
        }
        head.push('\n');
    }
    head.push_str(&privileges::defaults(schema));
    files.insert("schema/_project.pgs".to_string(), head);

    // Per schema: one file, objects in a stable order; a schema with many tables keeps
    // its tables in files of TABLES_PER_FILE next to it, which a person can read and
    // `build` parses in parallel.
    let mut per: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut tables_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut push = |schema_name: &str, text: String| {
        per.entry(schema_name.to_string()).or_default().push(text);
    };
    for e in schema.enums.values() {
        push(&e.name.schema, print::enumeration(e));
    }
    for d in schema.domains.values() {
        push(&d.name.schema, print::domain(d));
    }
    for c in schema.collations.values() {
        push(&c.name.schema, print::collation(c));
    }
    for r in schema.ranges.values() {
        push(&r.name.schema, print::range(r));
    }
    for c in schema.composites.values() {
        push(&c.name.schema, print::composite(c));
    }
    for s in schema.sequences.values() {
        push(&s.name.schema, print::sequence(s));
    }
    for f in schema.functions.values() {
        push(&f.name.schema, print::function(f));
    }
    for a in schema.aggregates.values() {
        push(&a.name.schema, print::aggregate(a));
    }
    for v in schema.views.values() {
        push(&v.name.schema, print::view(v));
    }
    for r in &schema.rules {
        push(&r.relation.schema, print::rule(r));
    }
    // Grants last, after the tables (counted so that tables go before them).
    let mut grant_count: BTreeMap<String, usize> = BTreeMap::new();
    // Every object, not only those with grants: a routine PUBLIC may execute says so
    // when routines start private.
    let mut objects: std::collections::BTreeSet<_> =
        schema.grantable_objects().into_iter().collect();
    // `public` is never declared, but what it grants beyond PostgreSQL's own is.
    objects.insert(crate::model::GrantObject::Schema("public".into()));
    for o in objects {
        if let Some(text) = privileges::object_lines(schema, &o) {
            let home = privileges::home(schema, &o);
            *grant_count.entry(home.clone()).or_default() += 1;
            push(&home, text);
        }
    }
    for o in &schema.owners {
        let home = privileges::home(schema, &o.object);
        *grant_count.entry(home.clone()).or_default() += 1;
        push(&home, privileges::owner_line(schema, o));
    }
    for t in schema.tables.values().filter(|t| t.partition_of.is_some()) {
        let text = privileges::partition_lines(schema, t);
        if !text.is_empty() {
            *grant_count.entry(t.name.schema.clone()).or_default() += 1;
            push(&t.name.schema, text);
        }
    }
    let mut partitions: BTreeMap<&QName, Vec<&crate::model::Table>> = BTreeMap::new();
    for t in schema.tables.values() {
        if let Some(p) = &t.partition_of {
            partitions.entry(&p.parent).or_default().push(t);
        }
    }
    for t in schema.tables.values().filter(|t| t.partition_of.is_none()) {
        let parts = partitions.get(&t.name).map_or(&[][..], Vec::as_slice);
        tables_of
            .entry(t.name.schema.clone())
            .or_default()
            .push(table::table(schema, t, parts));
    }
    let names: BTreeSet<&String> = per.keys().chain(tables_of.keys()).collect();
    for name in names {
        let stem = file_stem(name);
        let mut parts = per.get(name).cloned().unwrap_or_default();
        let tables = tables_of.get(name).map_or(&[][..], Vec::as_slice);
        if tables.len() <= TABLES_PER_FILE {
            // Tables after types and routines, as before; views, rules and grants last.
            let views = schema.views.keys().filter(|q| &q.schema == name).count()
                + schema
                    .rules
                    .iter()
                    .filter(|r| &r.relation.schema == name)
                    .count();
            let at = parts.len() - views - grant_count.get(name).copied().unwrap_or(0);
            parts.splice(at..at, tables.iter().cloned());
        } else {
            for (i, chunk) in tables.chunks(TABLES_PER_FILE).enumerate() {
                let text = schema_file(name, &format!(" (tables, part {})", i + 1), chunk);
                files.insert(format!("schema/{stem}/tables-{:03}.pgs", i + 1), text);
            }
        }
        if !parts.is_empty() {
            files.insert(format!("schema/{stem}.pgs"), schema_file(name, "", &parts));
        }
    }
    files
}

/// The qualified type names the schema uses but does not define (an extension's
/// `citext`, `vector`): PostgreSQL prints them qualified, and the project declares them
/// `extern type`.
fn extern_types(schema: &Schema) -> BTreeSet<QName> {
    let mut used: Vec<&str> = Vec::new();
    for t in schema.tables.values() {
        used.extend(t.columns.iter().map(|c| c.ty.as_str()));
    }
    used.extend(schema.domains.values().map(|d| d.ty.as_str()));
    for r in schema.ranges.values() {
        used.extend(
            r.options
                .iter()
                .filter(|(k, _)| k == "subtype")
                .map(|(_, v)| v.as_str()),
        );
    }
    for c in schema.composites.values() {
        used.extend(c.attributes.iter().map(|(_, ty)| ty.as_str()));
    }
    for f in schema.functions.values() {
        used.extend(f.args.iter().map(|a| a.ty.as_str()));
        used.extend(f.returns.as_deref());
    }
    used.into_iter()
        .filter_map(|ty| {
            let base = ty.trim_start_matches("SETOF ").trim_end_matches("[]");
            let base = base.split('(').next().unwrap_or(base);
            let (s, n) = base.split_once('.')?;
            if base.contains(' ') {
                return None;
            }
            let q = QName::new(
                crate::model::unquote_ident(s),
                crate::model::unquote_ident(n),
            );
            let managed = schema.enums.contains_key(&q)
                || schema.domains.contains_key(&q)
                || schema.composites.contains_key(&q)
                || schema.ranges.contains_key(&q)
                || schema.ranges.values().any(|r| r.multirange() == q)
                || schema.tables.contains_key(&q)
                || schema.views.contains_key(&q);
            (!managed).then_some(q)
        })
        .collect()
}

/// Every role a grant or policy names, but `public`.
fn roles_used(schema: &Schema) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for t in schema.tables.values() {
        out.extend(t.grants.iter().map(|g| g.role.clone()));
        for p in &t.policies {
            out.extend(p.roles.iter().cloned());
        }
    }
    out.extend(schema.grants.iter().map(|g| g.role.clone()));
    for d in &schema.default_privileges {
        out.insert(d.role.clone());
        out.extend(d.owner.clone());
    }
    out.extend(schema.owners.iter().map(|o| o.role.clone()));
    out.remove("public");
    out
}

/// How many tables one pulled file holds at most.
const TABLES_PER_FILE: usize = 100;

/// One pulled file: a heading, then each object after a blank line.
fn schema_file(name: &str, what: &str, parts: &[String]) -> String {
    let mut text = format!(
        "-- Objects in schema {}{what}.\n",
        crate::model::comment_safe(name)
    );
    for p in parts {
        text.push('\n');
        text.push_str(p);
    }
    text
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A file name for a schema name.
fn file_stem(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
