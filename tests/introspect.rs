//! Reading a live database into the model (`introspect::model::read`), on PostgreSQL:
//! for every example project and the compile fixture with one of each construct, the
//! model read from a migrated database, created from nothing in a second database,
//! gives the same catalog (fingerprint) and reads back to the same model. So the model
//! holds everything the catalog says, and renders back to what PostgreSQL had.

mod common;

use common::pg::{server_url, TestDb};
use common::root;
use postgres::{Client, NoTls};
use schemac::introspect::{fingerprint, model};
use schemac::model::Externs;
use schemac::project::config::Config;
use schemac::project::load::compile_project;
use schemac::project::prelude;

fn skip(externs: &Externs) -> Vec<String> {
    externs
        .schemas
        .iter()
        .filter(|s| *s != "public")
        .cloned()
        .collect()
}

/// Reads `db`, creates what it read in a fresh database, and compares both ways.
fn round_trip(url: &str, tag: &str, db: &TestDb, externs: &Externs, supabase: bool) {
    let skip = skip(externs);
    let mut a = Client::connect(&db.url, NoTls).expect("connect");
    let read = model::read(&mut a, &skip).unwrap_or_else(|e| panic!("{tag}: read: {e}"));
    assert!(!read.tables.is_empty(), "{tag}: read some tables");
    let script = schemac::sql::create_all(&read).unwrap_or_else(|e| panic!("{tag}: render: {e:?}"));
    let mut copy = TestDb::create(url, &format!("{tag}_copy"));
    copy.exec(&prelude::render(externs, supabase));
    copy.apply(&script, &format!("{tag}: the read model, created"));
    let mut b = Client::connect(&copy.url, NoTls).expect("connect");
    let (fa, fb) = (
        fingerprint(&mut a, &skip).expect("fingerprint"),
        fingerprint(&mut b, &skip).expect("fingerprint"),
    );
    // Read on two connections in one snapshot, the facts are the same.
    let mut helper = Client::connect(&db.url, NoTls).expect("connect");
    let split =
        schemac::introspect::fingerprint_with(&mut a, Some(&mut helper), &skip).expect("split");
    assert!(split == fa, "{tag}: the two-connection fingerprint differs");
    let only_a: Vec<&String> = fa.difference(&fb).collect();
    let only_b: Vec<&String> = fb.difference(&fa).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "{tag}: the copy differs\n only in the original: {only_a:#?}\n only in the copy: {only_b:#?}"
    );
    let again = model::read(&mut b, &skip).expect("read the copy");
    assert!(again == read, "{tag}: the copy reads back differently");
}

#[test]
fn every_example_project_reads_into_the_model_and_back() {
    let Some(url) = server_url() else { return };
    let config = Config::load(&root().join("schemac.toml")).expect("config");
    for p in &config.projects {
        if !common::pg::targets_server(&url, &p.name, p.target) {
            continue;
        }
        let c = compile_project(p, &config.root);
        let supabase = p.preset.as_deref() == Some("supabase");
        let mut db = TestDb::create(&url, &format!("read_{}", p.name));
        db.exec(&prelude::render(&c.externs, supabase));
        let history = schemac::project::history::History::read(&p.output).expect("history");
        for m in &history.migrations {
            db.apply(&m.up, &format!("{} {}", p.name, m.version));
        }
        round_trip(&url, &format!("read_{}", p.name), &db, &c.externs, supabase);
    }
}

#[test]
fn one_of_each_construct_reads_into_the_model_and_back() {
    let Some(url) = server_url() else { return };
    let f = root().join("schemas/cases/check/ok/every_construct.pgs");
    if common::newer_than_server(std::slice::from_ref(&f), Some("supabase"), &url).is_some() {
        return;
    }
    let c = common::compile(&[f], Some("supabase"));
    let schema = c.schema.expect("compiles");
    let mut db = TestDb::create(&url, "read_every_construct");
    db.exec(&prelude::render(&c.externs, true));
    db.apply(
        &schemac::sql::create_all(&schema).expect("render"),
        "every construct",
    );
    round_trip(&url, "read_every_construct", &db, &c.externs, true);
}
