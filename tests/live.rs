//! Live tests on a real PostgreSQL (see `tests/common/pg.rs` for how the server is
//! found). For every example project: the migrations apply in order to an empty
//! database, the down scripts in reverse leave exactly the objects that were there
//! before, applying again succeeds, and `schema.sql` on a fresh database gives the
//! same `pg_dump --schema-only` as the migration chain.

mod common;

use common::pg::{server_url, TestDb};
use common::{cases, compile, root};
use schemac::diff::diff;
use schemac::model::Schema;
use schemac::project::config::Config;
use schemac::project::history::History;
use schemac::project::load::compile_project;
use schemac::project::prelude;
use schemac::sql::render;

#[test]
fn example_projects_apply_roll_back_reapply_and_match_schema_sql() {
    let Some(url) = server_url() else { return };
    let config = Config::load(&root().join("schemac.toml")).expect("schemac.toml");
    for project in &config.projects {
        if !common::pg::targets_server(&url, &project.name, project.target) {
            continue;
        }
        let compiled = compile_project(project, &config.root);
        assert!(
            !compiled.diagnostics.has_errors(),
            "{} does not compile",
            project.name
        );
        let prelude_sql = prelude::render(
            &compiled.externs,
            project.preset.as_deref() == Some("supabase"),
        );
        let history = History::read(&project.output).expect("generated history");
        assert!(
            !history.migrations.is_empty(),
            "{}: generated/ has no migrations",
            project.name
        );

        let mut db = TestDb::create(&url, &format!("chain_{}", project.name));
        db.exec(&prelude_sql);
        let before = db.catalog_objects();
        for m in &history.migrations {
            db.apply(
                &m.up,
                &format!("{} {}_{} up", project.name, m.version, m.name),
            );
        }
        let applied = db.catalog_objects();
        assert_ne!(
            before, applied,
            "{}: the migrations created nothing",
            project.name
        );
        for m in history.migrations.iter().rev() {
            db.apply(
                &m.down,
                &format!("{} {}_{} down", project.name, m.version, m.name),
            );
        }
        let rolled_back = db.catalog_objects();
        let leftover: Vec<&String> = rolled_back.iter().filter(|o| !before.contains(o)).collect();
        let lost: Vec<&String> = before.iter().filter(|o| !rolled_back.contains(o)).collect();
        assert!(
            leftover.is_empty() && lost.is_empty(),
            "{}: rolling back to 0 left {leftover:#?} and lost {lost:#?}",
            project.name
        );
        for m in &history.migrations {
            db.apply(
                &m.up,
                &format!("{} {}_{} up (again)", project.name, m.version, m.name),
            );
        }
        assert_eq!(
            applied,
            db.catalog_objects(),
            "{}: reapplying gave other objects",
            project.name
        );

        let mut fresh = TestDb::create(&url, &format!("full_{}", project.name));
        fresh.exec(&prelude_sql);
        let schema_sql =
            std::fs::read_to_string(project.output.join("schema.sql")).expect("schema.sql");
        fresh.apply(&schema_sql, &format!("{} schema.sql", project.name));
        similar_asserts_eq(&db.dump_schema(), &fresh.dump_schema(), &project.name);
    }
}

#[test]
fn compile_fixtures_apply_and_roll_back_exactly() {
    let Some(url) = server_url() else { return };
    // The version fixtures too: each runs on its major and newer (which proves the
    // checker's refusals are about real syntax).
    let mut files = cases("schemas/cases/check/ok", Some("pgs"));
    files.extend(cases("schemas/cases/check/versions", Some("pgs")));
    for f in files {
        if common::newer_than_server(std::slice::from_ref(&f), Some("supabase"), &url).is_some() {
            continue;
        }
        let c = compile(std::slice::from_ref(&f), Some("supabase"));
        let schema = c.schema.expect("fixture compiles");
        let up = render(
            &diff(&Schema::empty(), &schema).expect("plan"),
            &Schema::empty(),
            &schema,
            false,
        );
        let down = render(
            &diff(&schema, &Schema::empty()).expect("plan"),
            &schema,
            &Schema::empty(),
            true,
        );
        let mut db = TestDb::create(&url, &common::stem(&f));
        db.exec(&prelude::render(&c.externs, true));
        let before = db.catalog_objects();
        db.apply(&up.to_file(&[]), "up");
        assert_ne!(before, db.catalog_objects());
        db.apply(&down.to_file(&[]), "down");
        assert_eq!(
            before,
            db.catalog_objects(),
            "{}: down did not restore the catalog",
            f.display()
        );
    }
}

/// Equality with a readable unified diff on failure.
fn similar_asserts_eq(chain: &str, full: &str, what: &str) {
    if chain != full {
        let diff = similar::TextDiff::from_lines(chain, full)
            .unified_diff()
            .header("migration chain", "schema.sql")
            .to_string();
        panic!("{what}: pg_dump of the migration chain differs from schema.sql:\n{diff}");
    }
}
