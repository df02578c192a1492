//! `schemac prelude`: idempotent SQL that creates a project's extern objects on a
//! plain PostgreSQL, so its migrations can apply in tests and local databases.

use crate::model::{identity_args, quote_ident as qi, quote_literal as ql, ArgMode, Externs};

/// The prelude SQL for these externs. `supabase` adds a guard that refuses to run on a
/// real Supabase database, which provides (and locks down) these objects itself.
pub fn render(externs: &Externs, supabase: bool) -> String {
    render_with(externs, supabase, supabase)
}

/// The prelude of a throwaway database (the shadow of `diff` and `baseline`, the
/// database of `schemac test`): without the guard, since on a Supabase server it is a
/// new, empty database that has none of the platform's objects.
pub fn render_throwaway(externs: &Externs, supabase: bool) -> String {
    render_with(externs, supabase, false)
}

fn render_with(externs: &Externs, supabase: bool, guard: bool) -> String {
    let mut out = String::from(
        "-- schemac prelude: objects this project uses but does not manage.\n-- Idempotent. For plain PostgreSQL (tests, local databases) only.\n\nSET check_function_bodies = off;\n",
    );
    if guard {
        out.push_str(
            "\nDO $schemac$ BEGIN\n  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'supabase_admin')
     OR EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'supabase_functions') THEN\n    RAISE EXCEPTION 'schemac prelude: this is a Supabase database, which provides auth itself; do not run the prelude here';\n  END IF;\nEND $schemac$;\n",
        );
    }
    for role in &externs.roles {
        let attrs = if role == "service_role" {
            "NOLOGIN BYPASSRLS"
        } else {
            "NOLOGIN"
        };
        // Roles are cluster-wide: two preludes may race to create one.
        out.push_str(&format!(
            "\nDO $schemac$ BEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {}) THEN\n    CREATE ROLE {} {attrs};\n  END IF;\nEXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;\nEND $schemac$;\n",
            ql(role),
            qi(role)
        ));
    }
    if !externs.roles.is_empty() {
        let roles: Vec<_> = externs.roles.iter().map(|r| qi(r)).collect();
        out.push_str(&format!("\nGRANT {} TO CURRENT_USER;\n", roles.join(", ")));
    }
    for schema in externs.schemas.iter().filter(|s| *s != "public") {
        out.push_str(&format!("\nCREATE SCHEMA IF NOT EXISTS {};\n", qi(schema)));
        if !externs.roles.is_empty() {
            let roles: Vec<_> = externs.roles.iter().map(|r| qi(r)).collect();
            out.push_str(&format!(
                "GRANT USAGE ON SCHEMA {} TO {};\n",
                qi(schema),
                roles.join(", ")
            ));
        }
    }
    for p in &externs.publications {
        out.push_str(&format!(
            "\nDO $schemac$ BEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = {}) THEN\n    CREATE PUBLICATION {};\n  END IF;\nEND $schemac$;\n",
            ql(p),
            qi(p)
        ));
    }
    for t in &externs.types {
        out.push_str(&format!(
            "\n-- extern type {t}: provided by an extension or another tool; the prelude cannot create it.\n"
        ));
    }
    for (name, cols) in &externs.tables {
        let lines: Vec<String> = cols
            .iter()
            .enumerate()
            .map(|(i, (c, ty))| {
                let pk = if i == 0 { " PRIMARY KEY" } else { "" };
                format!("    {} {ty}{pk}", qi(c))
            })
            .collect();
        out.push_str(&format!(
            "\nCREATE TABLE IF NOT EXISTS {} (\n{}\n);\n",
            name.sql(),
            lines.join(",\n")
        ));
    }
    for f in externs.functions.values() {
        let args: Vec<String> = f
            .args
            .iter()
            .map(|a| {
                let mode = match a.mode {
                    ArgMode::In => "",
                    ArgMode::Out => "OUT ",
                    ArgMode::InOut => "INOUT ",
                    ArgMode::Variadic => "VARIADIC ",
                };
                match &a.name {
                    Some(n) => format!("{mode}{} {}", qi(n), a.ty),
                    None => format!("{mode}{}", a.ty),
                }
            })
            .collect();
        let body = f
            .body
            .clone()
            .unwrap_or_else(|| format!("$$ SELECT NULL::{} $$", f.returns));
        out.push_str(&format!(
            "\nCREATE OR REPLACE FUNCTION {}({}) RETURNS {} LANGUAGE sql STABLE AS {body};\n",
            f.name.sql(),
            args.join(", "),
            f.returns
        ));
        if !externs.roles.is_empty() {
            let roles: Vec<_> = externs.roles.iter().map(|r| qi(r)).collect();
            out.push_str(&format!(
                "GRANT EXECUTE ON FUNCTION {}({}) TO {};\n",
                f.name.sql(),
                identity_args(&f.args),
                roles.join(", ")
            ));
        }
    }
    if supabase {
        // As on Supabase: storage tables have RLS on and are granted to the API roles,
        // so a project's storage policies decide what each caller may do.
        for t in ["storage.objects", "storage.buckets"] {
            let q = crate::model::QName::new("storage", &t["storage.".len()..]);
            if externs.tables.contains_key(&q) {
                out.push_str(&format!(
                    "\nALTER TABLE {t} ENABLE ROW LEVEL SECURITY;\nGRANT ALL ON TABLE {t} TO anon, authenticated, service_role;\n"
                ));
            }
        }
    }
    // The platform's default privileges, for the role that runs the migrations.
    if !externs.default_privileges.is_empty() {
        out.push('\n');
        for statement in crate::sql::default_privileges_sql(&externs.default_privileges) {
            out.push_str(&statement);
            out.push('\n');
        }
    }
    out.push_str("\nRESET check_function_bodies;\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_installable_prelude_refuses_a_supabase_server() {
        let externs = Externs::default();
        assert!(render(&externs, true).contains("this is a Supabase database"));
        assert!(!render_throwaway(&externs, true).contains("this is a Supabase database"));
        assert!(!render(&externs, false).contains("this is a Supabase database"));
    }
}
