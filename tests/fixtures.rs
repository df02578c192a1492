//! Fixture-driven tests: every file under `schemas/cases/check/err` must fail with at
//! least one error, and its rendered diagnostics are snapshotted under
//! `snapshots/check/err/`; every file under `schemas/cases/check/warn` compiles with a
//! warning, snapshotted under `snapshots/check/warn/`. Every file under `schemas/cases/check/ok` must compile
//! cleanly; its migration and rollback are snapshotted under `snapshots/check/ok/`.
//! Every file under `schemas/cases/check/versions` (named `pg<N>_…`) compiles for a
//! project targeting PostgreSQL N and is refused (C030, snapshotted under
//! `snapshots/check/versions/`) for one targeting N - 1.

mod common;

use common::{cases, compile, compile_for, rendered, settings, stem};
use schemac::diff::diff;
use schemac::model::Schema;
use schemac::model::Target;
use schemac::sql::render;

#[test]
fn bad_input_fixtures_report_errors_with_code_frames() {
    let files = cases("schemas/cases/check/err", Some("pgs"));
    assert!(
        files.len() >= 25,
        "expected at least 25 bad-input fixtures, found {}",
        files.len()
    );
    for f in files {
        let c = compile(std::slice::from_ref(&f), None);
        assert!(
            c.diagnostics.has_errors(),
            "{}: fixtures in check/err must produce an error, but it compiled",
            f.display()
        );
        let text = rendered(&c);
        assert!(
            text.contains("┌─ schemas/cases/check/err/") || text.contains("error[G001]"),
            "{}: no code frame:\n{text}",
            f.display()
        );
        settings("check/err", &f).bind(|| insta::assert_snapshot!(stem(&f), text));
    }
}

#[test]
fn warning_fixtures_compile_with_a_snapshotted_warning() {
    let files = cases("schemas/cases/check/warn", Some("pgs"));
    assert!(!files.is_empty(), "no fixtures in schemas/cases/check/warn");
    for f in files {
        let c = compile(std::slice::from_ref(&f), None);
        let text = rendered(&c);
        assert!(
            !c.diagnostics.has_errors() && c.schema.is_some(),
            "{}: fixtures in check/warn must compile:\n{text}",
            f.display()
        );
        assert!(
            text.contains("warning[") && text.contains("┌─ schemas/cases/check/warn/"),
            "{}: fixtures in check/warn must raise a warning with a code frame:\n{text}",
            f.display()
        );
        settings("check/warn", &f).bind(|| insta::assert_snapshot!(stem(&f), text));
    }
}

#[test]
fn good_fixtures_compile_and_their_sql_is_snapshotted() {
    for f in cases("schemas/cases/check/ok", Some("pgs")) {
        let c = compile(std::slice::from_ref(&f), Some("supabase"));
        assert!(
            !c.diagnostics.has_errors(),
            "{}: fixtures in check/ok must compile:\n{}",
            f.display(),
            rendered(&c)
        );
        let schema = c.schema.expect("schema");
        let up = diff(&Schema::empty(), &schema).expect("plan");
        let down = diff(&schema, &Schema::empty()).expect("rollback plan");
        let text = format!(
            "{}\n-- ---- down ----\n{}",
            render(&up, &Schema::empty(), &schema, false).to_file(&[]),
            render(&down, &schema, &Schema::empty(), true).to_file(&[])
        );
        settings("check/ok", &f).bind(|| insta::assert_snapshot!(stem(&f), text));
    }
}

#[test]
fn features_newer_than_the_target_are_refused_naming_their_version() {
    let files = cases("schemas/cases/check/versions", Some("pgs"));
    assert!(files.len() >= 4, "expected version fixtures");
    for f in files {
        let since: u32 = stem(&f)
            .strip_prefix("pg")
            .and_then(|s| s.split('_').next())
            .and_then(|n| n.parse().ok())
            .expect("fixtures are named pg<major>_…");
        let newer = Target::parse(&since.to_string()).expect("a supported major");
        let c = compile_for(std::slice::from_ref(&f), None, newer);
        assert!(
            !c.diagnostics.has_errors(),
            "{}: compiles for PostgreSQL {since}:\n{}",
            f.display(),
            rendered(&c)
        );
        let older = Target::parse(&format!("{}", since - 1)).expect("a supported major");
        let c = compile_for(std::slice::from_ref(&f), None, older);
        let text = rendered(&c);
        assert!(
            text.contains("error[C030]")
                && text.contains(&format!("which PostgreSQL {since} introduced"))
                && text.contains("┌─ schemas/cases/check/versions/"),
            "{}: refused for PostgreSQL {} with the version named:\n{text}",
            f.display(),
            since - 1
        );
        settings("check/versions", &f).bind(|| insta::assert_snapshot!(stem(&f), text));
    }
}

#[test]
fn every_snapshot_belongs_to_a_fixture() {
    let root = common::root();
    for suite in [
        "check/err",
        "check/warn",
        "check/ok",
        "check/versions",
        "diff",
        "lint/err",
        "lint/ok",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join("snapshots").join(suite)) else {
            continue;
        };
        for e in entries {
            let path = e.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .to_string();
            assert!(
                !name.ends_with(".snap.new"),
                "unreviewed snapshot {}",
                path.display()
            );
            let stem = name.trim_end_matches(".snap");
            let cases = root.join("schemas/cases").join(suite);
            let exists = if suite == "diff" {
                cases.join(stem).is_dir()
            } else {
                cases.join(format!("{stem}.pgs")).is_file()
            };
            assert!(
                exists,
                "{} has no fixture in {} (delete it)",
                path.display(),
                cases.display()
            );
        }
    }
}

/// `schemac explain CODE` shows an example that really raises CODE: each source
/// example of a P, C or G code, compiled for the default target, reports that code.
#[test]
fn explained_examples_raise_their_code() {
    use schemac::diagnostics::explain::explain;
    use schemac::diagnostics::Code;
    for code in Code::ALL.iter().filter(|c| !c.is_lint()) {
        let Some(example) = explain(*code).example else {
            continue;
        };
        let c = schemac::project::load::compile_sources_for(
            vec![(
                "example.pgs".into(),
                "example.pgs".into(),
                example.to_string(),
            )],
            None,
            Target::default(),
        );
        assert!(
            c.diagnostics.sorted().iter().any(|d| d.code == *code),
            "the example of {} does not raise it:\n{}",
            code.as_str(),
            rendered(&c)
        );
    }
}
