//! Security lint fixtures: every file under `schemas/cases/lint/err` is named after
//! the code it must raise (`s004_….pgs` raises S004) and its report is snapshotted
//! under `snapshots/lint/err/`; every file under `schemas/cases/lint/ok` shows the
//! fixed pattern, must lint clean, and its access-control SQL is snapshotted under
//! `snapshots/lint/ok/`. Each lint code has one of each.

mod common;

use common::{cases, compile, settings, stem};
use schemac::diagnostics::render::render_human;
use schemac::diagnostics::{Code, Severity};
use schemac::lint::{self, Level, Settings};
use schemac::project::load::Compiled;
use std::path::Path;

fn lint_file(f: &Path, settings: &Settings) -> (Compiled, Vec<schemac::diagnostics::Diagnostic>) {
    let c = compile(&[f.to_path_buf()], Some("supabase"));
    assert!(
        !c.diagnostics.has_errors(),
        "{}: lint fixtures must compile:\n{}",
        f.display(),
        render_human(&c.sources, &c.diagnostics.sorted(), false)
    );
    let schema = c.schema.as_ref().expect("schema");
    let found = lint::run(schema, &c.origins, &c.sources, settings).sorted();
    (c, found)
}

fn code_of(f: &Path) -> Code {
    let name = stem(f);
    let wanted = name.split('_').next().expect("code prefix");
    *Code::ALL
        .iter()
        .find(|c| c.as_str().eq_ignore_ascii_case(wanted))
        .unwrap_or_else(|| panic!("{}: named after no code", f.display()))
}

#[test]
fn every_lint_has_an_ok_and_an_err_fixture() {
    let err: Vec<Code> = cases("schemas/cases/lint/err", Some("pgs"))
        .iter()
        .map(|p| code_of(p))
        .collect();
    let ok: Vec<Code> = cases("schemas/cases/lint/ok", Some("pgs"))
        .iter()
        .map(|p| code_of(p))
        .collect();
    for code in lint::codes() {
        assert!(err.contains(&code), "{code} has no err fixture");
        assert!(ok.contains(&code), "{code} has no ok fixture");
    }
}

#[test]
fn err_fixtures_raise_their_code_with_a_code_frame() {
    let defaults = Settings::for_preset(Some("supabase"));
    for f in cases("schemas/cases/lint/err", Some("pgs")) {
        let code = code_of(&f);
        let (c, found) = lint_file(&f, &defaults);
        assert!(
            found
                .iter()
                .any(|d| d.code == code && d.severity == Severity::Warning),
            "{}: expected a {code} warning, got {:?}",
            f.display(),
            found.iter().map(|d| d.code.as_str()).collect::<Vec<_>>()
        );
        let text = render_human(&c.sources, &found, false);
        assert!(
            text.contains("┌─ schemas/cases/lint/err/"),
            "{}: no code frame:\n{text}",
            f.display()
        );
        settings("lint/err", &f).bind(|| insta::assert_snapshot!(stem(&f), text));
    }
}

#[test]
fn ok_fixtures_lint_clean() {
    let defaults = Settings::for_preset(Some("supabase"));
    for f in cases("schemas/cases/lint/ok", Some("pgs")) {
        let (c, found) = lint_file(&f, &defaults);
        assert!(
            found.is_empty(),
            "{}: expected no findings:\n{}",
            f.display(),
            render_human(&c.sources, &found, false)
        );
        let schema = c.schema.as_ref().expect("schema");
        let text = format!(
            "-- no findings; the access-control surface:\n{}\n",
            schemac::sql::render_rls(schema, &c.order).join("\n\n")
        );
        settings("lint/ok", &f).bind(|| insta::assert_snapshot!(stem(&f), text));
    }
}

#[test]
fn levels_turn_a_lint_into_an_error_or_off() {
    let f = common::root().join("schemas/cases/lint/err/s005_per_row_identity.pgs");
    let mut s = Settings::for_preset(Some("supabase"));
    s.levels.insert(Code::LintPerRowCall, Level::Error);
    let (_, found) = lint_file(&f, &s);
    assert!(found
        .iter()
        .any(|d| d.code == Code::LintPerRowCall && d.severity == Severity::Error));
    s.levels.insert(Code::LintPerRowCall, Level::Off);
    let (_, found) = lint_file(&f, &s);
    assert!(found.iter().all(|d| d.code != Code::LintPerRowCall));
}

#[test]
fn exposed_schemas_decide_where_rls_is_required() {
    let f = common::root().join("schemas/cases/lint/err/s001_exposed_without_rls.pgs");
    let mut s = Settings::for_preset(Some("supabase"));
    s.exposed_schemas = vec!["api".to_string()];
    let (_, found) = lint_file(&f, &s);
    assert!(found.iter().all(|d| d.code != Code::LintNoRls));
}

#[test]
fn the_seed_projects_lint_clean() {
    let config = schemac::project::config::Config::load(&common::root().join("schemac.toml"))
        .expect("config");
    for p in &config.projects {
        let c = schemac::project::load::compile_project(p, &config.root);
        let schema = c.schema.as_ref().expect("seed compiles");
        let found = lint::run(schema, &c.origins, &c.sources, &p.lint).sorted();
        assert!(
            found.is_empty(),
            "{}:\n{}",
            p.name,
            render_human(&c.sources, &found, false)
        );
    }
}
